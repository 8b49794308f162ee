"""The links' cached layer: anti-aliased polylines drawn band by band, with flowing dash gaps.

Links are drawn with `draw.aalines` (thin) and `draw.aaline(width=...)` (wide) into a cached
opaque surface, one band (the links into one layer) at a time, only when a link's width or
colour changed visibly (COLOUR_STEP, WIDTH_STEP). Two 8-bit id surfaces record which link of its
band lies on top of each pixel and which lowest; a dash gap is cut only where its own link lies
alone, so a gap never cuts through another link (as the web's SVG dashes show what is under
them). The gaps are cut by numpy (cached pixel indices per band and phase) and restored from
saved pixels the next time. Small weights fade into a faint grey rather than into the page, so
a link of weight 0 stays visible.
"""

from __future__ import annotations

import numpy as np
import pygame

from playground_game.ui import heatmap
from playground_game.ui import theme as palette

# Geometry in pixels at 720p; the original's numbers where it has them.
from playground_game.ui.scene.network.geometry import (
    CURVE_SAMPLES,
    Geometry,
    link_width,
)

DASH_PERIOD = 10.0
DASH_GAP = 1.0
DASH_SPEED = 1.0 / 3.0  # pixels per epoch
LINKS_PER_FRAME = 64  # while playing, redraw about this many links a frame (whole bands)...
BUDGET_SCALE = 1.5  # ...up to this link scale (1080p); on larger screens, where a link costs
# more pixels, proportionally fewer (at 4K a band every other frame)
CUT_STEP = 0.75  # pixels between the points of a dash gap's cut
DEAD_LINK = (0xE4, 0xE4, 0xE4)
# Links of (almost) zero weight fade into this grey rather than into the page (the ramp's grey
# is nearly the page's colour): faint, but visible. It gives way to the ramp by FAINT_UNTIL.
FAINT_LINK = (0xC9, 0xCC, 0xCF)
FAINT_UNTIL = 0.3
# A band is redrawn only when a change shows: a link's colour moved more than COLOUR_STEP of
# 255 in a channel since it was drawn (about 1%, less than two lines side by side reveal), or
# its exact width lies more than WIDTH_STEP px from the width drawn (a quarter pixel past the
# rounding point, so a width wavering around .5 is not redrawn every epoch).
COLOUR_STEP = 3
WIDTH_STEP = 0.75


def link_colours(weights: np.ndarray, live: np.ndarray) -> np.ndarray:
    """Each link's colour: the weight ramp (orange -1, blue +1), small weights faint grey, dead
    links (L1) pale."""
    colours = heatmap.ramp_colours(weights).astype(np.float64)
    fade = np.clip(1.0 - np.abs(np.nan_to_num(weights, nan=1.0)) / FAINT_UNTIL, 0.0, 1.0)
    colours += (np.array(FAINT_LINK, np.float64) - colours) * fade[:, None]
    colours = np.rint(colours).astype(np.uint8)
    colours[~live] = DEAD_LINK
    return colours


def draw_link(surface: pygame.Surface, colour: tuple[int, int, int],
              points: list[tuple[float, float]], width: int) -> None:
    """One link, anti-aliased: a thin one as one AA polyline, a wide one as AA segments of its
    width (the curve bends so little between samples that the joints stay closed)."""
    if width <= 1:
        pygame.draw.aalines(surface, colour, False, points)
        return
    aaline = pygame.draw.aaline
    for a, b in zip(points[:-1], points[1:], strict=True):
        aaline(surface, colour, a, b, width)


def _clear(surface: pygame.Surface, strip: pygame.Rect, value: int) -> None:
    """Set a strip of a surface to one pixel value by numpy: SDL's fill of a narrow rect whose
    rows are not 16-byte aligned is up to 30 times slower (0.3 ms a band's strip at 1080p)."""
    pixels = pygame.surfarray.pixels2d(surface)
    pixels[strip.left:strip.right, strip.top:strip.bottom] = value
    del pixels


class LinkLayer:
    """The links as one opaque surface (page background), redrawn band by band.

    `set_weights` computes what each link looks like (width in pixels, colour, alive) and marks
    the bands whose look changed; `refresh` redraws dirty bands (all, or a budget of links per
    call, least recently drawn first) and moves the dash gaps to this epoch's phase: the last
    gaps are restored from saved pixels, the new ones painted over in background colour.
    """

    def __init__(self, geometry: Geometry, scale: float) -> None:
        self.geometry = geometry
        self.scale = scale
        n = geometry.link_layer.size
        self.surface: pygame.Surface | None = None
        # Which link is drawn on top of each pixel, and which lies lowest (link index + 1, 0
        # for none): a dash gap is cut only where its own link is alone, never through another.
        self._top: pygame.Surface | None = None
        self._id_width = 0
        self._bottom: pygame.Surface | None = None
        if n:
            self.surface = pygame.Surface(geometry.layer_rect.size, 0, 32)
            self.surface.fill(palette.BACKGROUND)
            # 8-bit (a band has at most 64 links: indices within the band), rows padded to
            # whole words so that the pixels are one flat array.
            w, h = geometry.layer_rect.size
            self._id_width = (w + 3) // 4 * 4
            self._top = pygame.Surface((self._id_width, h), 0, 8)
            self._bottom = pygame.Surface((self._id_width, h), 0, 8)
            self._top.fill(0)
            self._bottom.fill(0)
        self._background = self.surface.map_rgb(palette.BACKGROUND) if self.surface else 0
        self._want_widths = np.ones(n, np.int64)
        self._want_colours = np.zeros((n, 3), np.uint8)
        self._want_live = np.zeros(n, bool)
        self.widths = np.ones(n, np.int64)  # as drawn
        self.colours = np.zeros((n, 3), np.uint8)  # as drawn
        self.live = np.zeros(n, bool)  # as drawn
        self._reach = np.zeros(n, np.int64)  # cut steps each side of a link, as cached
        self._band_age = [0] * len(geometry.bands)  # refreshes since the band was drawn
        self._dirty: set[int] = set(range(len(geometry.bands)))
        self._gaps: tuple[np.ndarray, np.ndarray] | None = None  # flat indices, old pixels
        self._phase: int | None = None
        self._credit = 0.0  # links that may be redrawn now while playing (see refresh)
        # Whole-pixel dash pattern: a cycle has `period` phases, whose gap pixels are cached
        # per band while the band's drawn widths stay about the same.
        self.period = max(2, round(DASH_PERIOD * scale))
        self.gap = max(1, int(DASH_GAP * scale))  # 1 px until the window is twice 720p
        # On large screens the dashes move in steps of a few pixels (still under a 1080p
        # pixel), so fewer phases need their gap pixels computed and cached.
        self.phase_step = max(1, round(scale / 1.5))
        # Spare cut steps: a gap's cut may reach this much past the half width (it cuts only
        # pixels its own link owns alone, so the look is the same), which keeps a band's gap
        # pixels cached while its widths waver; one step recomputed them nearly every frame.
        self.slack = self.phase_step + 2
        # Per band and phase: the gap pixels (flat indices in the layer and in the id surfaces)
        # and the link each belongs to (its index within the band).
        self._gap_cache: list[dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]] = [
            {} for _ in geometry.bands]
        # Per band and phase: the gap pixels where their link lies alone, until the band's
        # links are drawn again (its owners change then).
        self._alone_cache: list[dict[int, np.ndarray]] = [{} for _ in geometry.bands]
        self._owners_drawn = [False] * len(geometry.bands)  # a band's owner pixels are drawn

    def set_weights(self, weights: np.ndarray, live: np.ndarray) -> None:
        """The links' weights now; bands where a change would show become dirty."""
        exact = np.where(live, np.maximum(1.0, link_width(weights) * self.scale), 1.0)
        moved = np.abs(exact - self.widths) > WIDTH_STEP
        # A width is drawn anew only when its change shows, even in a band redrawn for another
        # link: widths set the pixels' owners, which then stay valid with their gaps' pixels.
        widths = np.where(moved, np.rint(exact).astype(np.int64), self.widths)
        colours = link_colours(weights, live)
        self._want_widths, self._want_colours, self._want_live = widths, colours, live
        shows = (moved
                 | (np.abs(colours.astype(np.int16) - self.colours).max(axis=1) > COLOUR_STEP)
                 | (live != self.live))
        for band, (links, _) in enumerate(self.geometry.bands):
            if shows[links].any():
                self._dirty.add(band)

    def refresh(self, epoch: int, budget: int | None) -> None:
        """Redraw dirty bands (all, or while playing as `budget` links a frame allow: see
        BUDGET_SCALE) and place the gaps."""
        if self.surface is None:
            return
        step = self.phase_step
        phase = round(epoch * DASH_SPEED * self.scale) // step * step % self.period
        todo = sorted(self._dirty, key=lambda b: -self._band_age[b])
        if budget is not None:
            # Credit accrues by the budget a frame, up to one whole band, and a band is drawn
            # when the credit covers it: least recently drawn first.
            sizes = [links.stop - links.start for links, _ in self.geometry.bands]
            self._credit = min(self._credit + budget * min(1.0, BUDGET_SCALE / self.scale),
                               float(max(sizes)))
            chosen = []
            for band in todo:
                if sizes[band] > self._credit:
                    break
                chosen.append(band)
                self._credit -= sizes[band]
            todo = chosen
        if not todo and phase == self._phase:
            return
        self._restore_gaps()
        for band in range(len(self._band_age)):
            self._band_age[band] += 1
        for band in todo:
            self._draw_band(band)
        wheres = []
        for band, (links, _) in enumerate(self.geometry.bands):
            alone = self._alone_cache[band].get(phase)
            if alone is None:
                cache = self._gap_cache[band]
                if phase not in cache:
                    cache[phase] = self._gap_indices(links, phase)
                alone = self._alone(*cache[phase])
                self._alone_cache[band][phase] = alone
            wheres.append(alone)
        if wheres:
            self._cut_gaps(np.concatenate(wheres))
        self._phase = phase

    def _draw_band(self, band: int) -> None:
        assert self.surface is not None
        links, strip = self.geometry.bands[band]
        widths, colours = self._want_widths[links], self._want_colours[links]
        self.surface.set_clip(strip)
        _clear(self.surface, strip, self._background)
        polylines = self.geometry.polylines[links]
        for points, width, colour in zip(polylines, widths.tolist(), colours.tolist(),
                                         strict=True):
            draw_link(self.surface, colour, points, width)
        self.surface.set_clip(None)
        live = self._want_live[links]
        if (not self._owners_drawn[band] or not np.array_equal(widths, self.widths[links])
                or not np.array_equal(live, self.live[links])):
            self._draw_owners(band, widths)
        # Gap cuts reach the half width (rounded up to a cut step); `slack` steps keep the
        # cached gap pixels valid while a width wavers (more steps on large screens, where
        # widths count more pixels), and a changed reach leaves room to grow.
        slack = self.slack
        needed = np.ceil(widths / 2.0 / CUT_STEP).astype(np.int64)
        reach = self._reach[links]
        if (np.any(needed > reach) or np.any(needed < reach - slack)
                or not np.array_equal(live, self.live[links])):
            keep = (needed <= reach) & (needed >= reach - slack)
            self._reach[links] = np.where(keep, reach, needed + slack - 1)
            self._gap_cache[band].clear()
        self.widths[links] = widths
        self.colours[links] = colours
        self.live[links] = live
        self._band_age[band] = 0
        self._dirty.discard(band)

    def _draw_owners(self, band: int, widths: np.ndarray) -> None:
        """Which link owns each pixel of a band: every link's pixels (its anti-aliased fringe
        included) by index + 1, in drawing order (top) and in reverse (bottom). Only widths
        change them: a band redrawn for its colours alone keeps its owners, and the gap pixels
        found alone among them (at 4K, 1.5 ms a frame while training)."""
        links, strip = self.geometry.bands[band]
        polylines = self.geometry.polylines[links]
        ids = range(1, links.stop - links.start + 1)
        assert self._top is not None and self._bottom is not None
        for target, order in ((self._top, 1), (self._bottom, -1)):
            target.set_clip(strip)
            _clear(target, strip, 0)
            for points, width, index in list(zip(polylines, widths.tolist(), ids,
                                                 strict=True))[::order]:
                pygame.draw.lines(target, index, False, points, width + 2)
            target.set_clip(None)
        self._alone_cache[band].clear()
        self._owners_drawn[band] = True

    def _flat_pixels(self, surface: pygame.Surface | None = None) -> np.ndarray | None:
        """A layer surface's pixels as one flat row-major array (a view), or None."""
        surface = surface or self.surface
        assert surface is not None
        if surface.get_pitch() != surface.get_width() * surface.get_bytesize():
            return None
        pixels = pygame.surfarray.pixels2d(surface)
        flat = pixels.T.reshape(-1)
        return flat if np.may_share_memory(flat, pixels) else None

    def _restore_gaps(self) -> None:
        if self._gaps is None:
            return
        flat = self._flat_pixels()
        if flat is not None:
            where, old = self._gaps
            flat[where] = old
        del flat
        self._gaps = None

    def _alone(self, where: np.ndarray, at: np.ndarray, owner: np.ndarray) -> np.ndarray:
        """The gap pixels whose own link lies alone there (under and over no other link)."""
        top = self._flat_pixels(self._top)
        bottom = self._flat_pixels(self._bottom)
        if top is None or bottom is None or where.size == 0:
            return where[:0]
        index = (owner + 1).astype(np.uint8)
        alone = where[(top[at] == index) & (bottom[at] == index)]
        del top, bottom
        return alone

    def _cut_gaps(self, where: np.ndarray) -> None:
        """Paint the gaps in page colour, saving the pixels they replace."""
        if where.size == 0:
            return
        flat = self._flat_pixels()
        if flat is not None:
            self._gaps = (where, flat[where])
            flat[where] = self._background
        del flat

    def _gap_indices(self, band: slice,
                     phase: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Flat layer-pixel indices inside the dash gaps of `band`'s live links at `phase`, the
        same pixels' indices in the id surfaces, and the link each belongs to (in the band).

        A gap is DASH_GAP long every DASH_PERIOD along each link; phase p shifts the pattern
        p pixels toward the link's end (the original's stroke-dasharray 9 1 and its moving
        offset). All 1-D numpy (row gathers from 2-D arrays are many times slower): gap centres
        along each link, their points and tangents by one searchsorted over all arc lengths,
        then a short cut across the link's width through every centre.
        """
        geo = self.geometry
        period, gap = self.period, self.gap
        links = np.flatnonzero(self.live[band]) + band.start
        none = np.zeros(0, dtype=np.intp)
        empty = (none, none, none)
        if links.size == 0:
            return empty
        first = (phase + period - gap / 2) % period  # centre of the first gap along a link
        lengths = geo.arc[links, -1]
        counts = np.where(lengths > first, np.floor((lengths - first) / period) + 1, 0)
        counts = counts.astype(np.int64)
        total = int(counts.sum())
        if total == 0:
            return empty
        owner = np.repeat(links, counts)
        nth = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        along_link = first + nth * period + geo.arc_base[owner]
        row_start = owner * (CURVE_SAMPLES + 1)
        sample = np.clip(np.searchsorted(geo.arc_flat, along_link, side="right") - 1,
                         row_start, row_start + CURVE_SAMPLES)
        tx, ty = geo.tan_x[sample], geo.tan_y[sample]
        ahead = along_link - geo.arc_flat[sample]
        cx = geo.dense_x[sample] + tx * ahead - geo.layer_rect.left
        cy = geo.dense_y[sample] + ty * ahead - geo.layer_rect.top
        # Cuts across the width (a little more), CUT_STEP apart so diagonal cuts leave no
        # holes, and as many along the link as the gap is long.
        half_n = self._reach[owner]
        per_gap = 2 * half_n + 1
        rows = np.repeat(np.arange(total), per_gap)
        across = (np.arange(rows.size) - np.repeat(np.cumsum(per_gap) - per_gap, per_gap)
                  - half_n[rows]) * CUT_STEP
        tx, ty = tx[rows], ty[rows]
        base_x = cx[rows] - ty * across
        base_y = cy[rows] + tx * across
        width, height = geo.layer_rect.size
        parts, id_parts, owners = [], [], []
        cut_owner = owner[rows]
        for a in np.arange(-(gap - 1) / 2, (gap - 1) / 2 + 1e-9, CUT_STEP):
            xs = np.rint(base_x + tx * a).astype(np.intp)
            ys = np.rint(base_y + ty * a).astype(np.intp)
            inside = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
            parts.append(ys[inside] * width + xs[inside])
            id_parts.append(ys[inside] * self._id_width + xs[inside])
            owners.append(cut_owner[inside])
        # Cached, so drop repeats once (by sorting: numpy's hashing unique is slower here).
        where = np.concatenate(parts)
        if where.size == 0:  # every gap fell outside the drawn area (a small window)
            return empty
        order = np.argsort(where, kind="stable")
        where, at = where[order], np.concatenate(id_parts)[order]
        whose = np.concatenate(owners)[order] - band.start
        first = np.concatenate(([True], where[1:] != where[:-1]))
        return where[first], at[first], whose[first].astype(np.intp)
