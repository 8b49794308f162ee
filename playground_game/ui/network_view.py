"""The network in the middle of the screen: inputs, hidden layers, links, and their controls.

What it draws (REFERENCE §1, §5): the features column (every visible input with its heatmap,
inactive ones faded; a click toggles one), a column per hidden layer with a heatmap thumbnail in
every unit and its bias square at the lower left, +/- buttons for the number of layers and for
each layer's neurons, and links drawn as cubic Bezier curves whose colour and width follow the
weight, dashed, the dashes flowing as epochs pass. Links into the output end at the output anchor,
the left edge of the large heatmap another panel draws.

Hover a unit and `hovered_map` gives its full map for the large heatmap; hover a link or a bias
square for a live "Weight is ..." card; click one to type a new value.

Why it is fast enough for 60 frames a second with ~400 links while training:
- Geometry (curves, dense arc-length samples, hit-test segments) is computed only when the layout
  changes (window size, network shape, inputs).
- Thumbnails are painted once per model revision: one colour look-up over the whole stack, one
  surfarray write, SDL scaling (heatmap.ThumbnailStack).
- Links are drawn with plain `draw.lines` into a cached opaque layer, one band (the links into
  one layer) at a time, only when a link's drawn width or colour changed; while playing, about
  one band a frame. The flowing dash gaps are cut into that layer by numpy (cached pixel indices
  per band and phase) and restored from saved pixels the next time, so a new dash phase costs
  two scatters of a few thousand pixels instead of thousands of draw calls.
- The layer covers the network area up to the output anchor and is painted first; everything
  else of the view is drawn over it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pygame

from playground_game.model.core.features import FEATURES
from playground_game.model.playground import (
    GRID_SIZE,
    MAX_WEIGHT_MAGNITUDE,
    Action,
    AddLayer,
    AddNeuron,
    Playground,
    RemoveLayer,
    RemoveNeuron,
    SetBias,
    SetWeight,
    ToggleFeature,
    feature_grids,
)
from playground_game.model.settings import MAX_HIDDEN_LAYERS, MAX_NEURONS, Settings, SettingsError
from playground_game.ui import heatmap
from playground_game.ui import theme as palette
from playground_game.ui.text_field import CANCEL, COMMIT, TextField, parse_number
from playground_game.ui.theme import Theme
from playground_game.ui.tooltip import draw_tooltip, format_value

# Geometry in pixels at 720p; the original's numbers where it has them.
UNIT = 30  # a unit's heatmap square
UNIT_GAP = 25  # vertical gap between units
BIAS = 5  # the bias square
LINK_START_GAP = 2  # links leave a unit this far right of it
LINK_SPREAD = 12  # incoming links fan out over this height at a unit's left edge
BUTTON = 24  # diameter of a +/- button
HEADER_HEIGHT = 28  # "+ - N HIDDEN LAYERS"
BUTTON_ROW_GAP = 10  # between the header and the per-layer buttons
HIT_SLOP = 4  # extra reach of small targets (bias squares, thin links)
MESSAGE_SECONDS = 3.0

# Links: width 1 + 9|w|/5 clamped to 1..10 px; dashes 9 on, 1 off, moving 1/3 px per epoch.
LINK_MIN_WIDTH = 1.0
LINK_MAX_WIDTH = 10.0
LINK_WIDTH_PER_WEIGHT = 9.0 / 5.0
DASH_PERIOD = 10.0
DASH_GAP = 1.0
DASH_SPEED = 1.0 / 3.0  # pixels per epoch
CURVE_SAMPLES = 240  # dense samples per link (arc length, dash gaps, link hit points)
CURVE_SEGMENTS = 20  # straight segments drawn per link
LINKS_PER_FRAME = 100  # while playing, redraw about this many links a frame (whole bands)
CUT_STEP = 0.75  # pixels between the points of a dash gap's cut

# Colours of this view (the shared palette is in theme.py).
UNIT_BORDER = (0x00, 0x00, 0x00)
HOVER_BORDER = palette.ACCENT
BUTTON_FILL = (0xEA, 0xEA, 0xEA)  # rgba(0,0,0,.05) over the page
BUTTON_HOVER = (0xD9, 0xD9, 0xD9)
BUTTON_GLYPH = (0x66, 0x66, 0x66)
BUTTON_GLYPH_DISABLED = (0xC4, 0xC4, 0xC4)
DEAD_LINK = (0xE4, 0xE4, 0xE4)
INACTIVE_FADE = 0.4  # inactive inputs' maps at 40 % like the original
UNIT_PALETTE = heatmap.build_palette(under=palette.PANEL)  # maps sit on a white square
INACTIVE_PALETTE = heatmap.build_palette(round(palette.HEATMAP_ALPHA * INACTIVE_FADE),
                                         palette.BACKGROUND)

FEATURE_SUBTITLE = "Which properties do you want to feed in?"


@dataclass
class _Geometry:
    """Everything positional for one layout key; rebuilt only when the layout changes."""

    key: tuple
    unit: int
    feature_rects: list[pygame.Rect | None]  # by FEATURES position; None when hidden
    feature_hits: list[pygame.Rect | None]  # the unit and its label
    hidden_rects: list[list[pygame.Rect]]
    bias_rects: dict[tuple[int, int], pygame.Rect]
    buttons: dict[str, pygame.Rect]
    texts: list[tuple[str, str, tuple[int, int], str]]  # text, role, anchor point, anchor name
    # links, in drawing order; layer/dest/source as SetWeight numbers them
    link_layer: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_dest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_source: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    weight_index: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 2)))  # (links, S+1, 2)
    tangents: np.ndarray = field(default_factory=lambda: np.zeros((0, 0, 2)))
    arc: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # cumulative length
    arc_base: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per link, increasing
    arc_flat: np.ndarray = field(default_factory=lambda: np.zeros(0))  # arc + base, raveled
    dense_x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # dense, raveled
    dense_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    tan_x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # tangents, raveled
    tan_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    polylines: np.ndarray = field(default_factory=lambda: np.zeros(0, object))  # layer coords
    layer_rect: pygame.Rect = field(default_factory=pygame.Rect)
    bands: list[tuple[slice, pygame.Rect]] = field(default_factory=list)  # links into a layer
    bias_units: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    link_points: dict[int, tuple[int, int]] = field(default_factory=dict)  # lazy, for tests
    link_scale: float = 1.0  # link widths and dashes: the theme's scale, more for larger units


class _LinkLayer:
    """The links as one opaque surface (page background), redrawn band by band.

    `set_weights` computes what each link looks like (width in pixels, colour, alive) and marks
    the bands whose look changed; `refresh` redraws dirty bands (all, or a budget of links per
    call, least recently drawn first) and moves the dash gaps to this epoch's phase: the last
    gaps are restored from saved pixels, the new ones painted over in background colour.
    """

    def __init__(self, geometry: _Geometry, scale: float) -> None:
        self.geometry = geometry
        self.scale = scale
        n = geometry.link_layer.size
        self.surface: pygame.Surface | None = None
        if n:
            self.surface = pygame.Surface(geometry.layer_rect.size, 0, 32)
            self.surface.fill(palette.BACKGROUND)
        self._background = self.surface.map_rgb(palette.BACKGROUND) if self.surface else 0
        self._want_widths = np.ones(n, np.int64)
        self._want_colours = np.zeros((n, 3), np.uint8)
        self._want_live = np.zeros(n, bool)
        self.widths = np.ones(n, np.int64)  # as drawn
        self.live = np.zeros(n, bool)  # as drawn
        self._reach = np.zeros(n, np.int64)  # cut steps each side of a link, as cached
        self._band_keys: list[bytes | None] = [None] * len(geometry.bands)
        self._band_age = [0] * len(geometry.bands)  # refreshes since the band was drawn
        self._dirty: set[int] = set(range(len(geometry.bands)))
        self._gaps: tuple[np.ndarray, np.ndarray] | None = None  # flat indices, old pixels
        self._phase: int | None = None
        # Whole-pixel dash pattern: a cycle has `period` phases, whose gap pixels are cached
        # per band while the band's drawn widths stay about the same.
        self.period = max(2, round(DASH_PERIOD * scale))
        self.gap = max(1, int(DASH_GAP * scale))  # 1 px until the window is twice 720p
        # On large screens the dashes move in steps of a few pixels (still under a 1080p
        # pixel), so fewer phases need their gap pixels computed and cached.
        self.phase_step = max(1, round(scale / 1.5))
        self.slack = self.phase_step
        self._gap_cache: list[dict[int, np.ndarray]] = [{} for _ in geometry.bands]

    def set_weights(self, weights: np.ndarray, live: np.ndarray) -> None:
        """The links' weights now; bands whose drawn look would change become dirty."""
        widths = np.maximum(1, np.rint(link_width(weights) * self.scale)).astype(np.int64)
        widths[~live] = 1
        colours = heatmap.ramp_colours(weights)
        colours[~live] = DEAD_LINK
        self._want_widths, self._want_colours, self._want_live = widths, colours, live
        for band, (links, _) in enumerate(self.geometry.bands):
            key = widths[links].tobytes() + colours[links].tobytes() + live[links].tobytes()
            if key != self._band_keys[band]:
                self._dirty.add(band)

    def refresh(self, epoch: int, budget: int | None) -> None:
        """Redraw dirty bands (within `budget` links, at least one band) and place the gaps."""
        if self.surface is None:
            return
        step = self.phase_step
        phase = round(epoch * DASH_SPEED * self.scale) // step * step % self.period
        todo = sorted(self._dirty, key=lambda b: -self._band_age[b])
        if budget is not None:
            chosen, used = [], 0
            for band in todo:
                size = self.geometry.bands[band][0].stop - self.geometry.bands[band][0].start
                if chosen and used + size > budget:
                    break
                chosen.append(band)
                used += size
            todo = chosen
        if not todo and phase == self._phase:
            return
        self._restore_gaps()
        for band in range(len(self._band_age)):
            self._band_age[band] += 1
        for band in todo:
            self._draw_band(band)
        parts = []
        for band, (links, _) in enumerate(self.geometry.bands):
            cache = self._gap_cache[band]
            if phase not in cache:
                cache[phase] = self._gap_indices(links, phase)
            parts.append(cache[phase])
        self._cut_gaps(np.concatenate(parts) if parts else None)
        self._phase = phase

    def _draw_band(self, band: int) -> None:
        assert self.surface is not None
        links, strip = self.geometry.bands[band]
        widths, colours = self._want_widths[links], self._want_colours[links]
        self.surface.set_clip(strip)
        self.surface.fill(palette.BACKGROUND, strip)
        draw_lines = pygame.draw.lines
        for points, width, colour in zip(self.geometry.polylines[links], widths.tolist(),
                                         colours.tolist(), strict=True):
            draw_lines(self.surface, colour, False, points, width)
        self.surface.set_clip(None)
        live = self._want_live[links]
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
        self.live[links] = live
        self._band_keys[band] = widths.tobytes() + colours.tobytes() + live.tobytes()
        self._band_age[band] = 0
        self._dirty.discard(band)

    def _flat_pixels(self) -> np.ndarray | None:
        """The layer's pixels as one flat row-major array (a view), or None if not possible."""
        assert self.surface is not None
        if self.surface.get_pitch() != self.surface.get_width() * 4:
            return None
        pixels = pygame.surfarray.pixels2d(self.surface)
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

    def _cut_gaps(self, where: np.ndarray | None) -> None:
        if where is None or where.size == 0:
            return
        flat = self._flat_pixels()
        if flat is not None:
            self._gaps = (where, flat[where])
            flat[where] = self._background
        del flat

    def _gap_indices(self, band: slice, phase: int) -> np.ndarray:
        """Flat layer-pixel indices inside the dash gaps of `band`'s live links at `phase`.

        A gap is DASH_GAP long every DASH_PERIOD along each link; phase p shifts the pattern
        p pixels toward the link's end (the original's stroke-dasharray 9 1 and its moving
        offset). All 1-D numpy (row gathers from 2-D arrays are many times slower): gap centres
        along each link, their points and tangents by one searchsorted over all arc lengths,
        then a short cut across the link's width through every centre.
        """
        geo = self.geometry
        period, gap = self.period, self.gap
        links = np.flatnonzero(self.live[band]) + band.start
        empty = np.zeros(0, dtype=np.intp)
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
        parts = []
        for a in np.arange(-(gap - 1) / 2, (gap - 1) / 2 + 1e-9, CUT_STEP):
            xs = np.rint(base_x + tx * a).astype(np.intp)
            ys = np.rint(base_y + ty * a).astype(np.intp)
            inside = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
            parts.append(ys[inside] * width + xs[inside])
        # Cached, so drop repeats once (by sorting: numpy's hashing unique is slower here).
        where = np.sort(np.concatenate(parts))
        if where.size == 0:  # every gap fell outside the drawn area (a small window)
            return empty
        return where[np.concatenate(([True], where[1:] != where[:-1]))]


def link_width(weight: np.ndarray | float) -> np.ndarray:
    """The original's link width in pixels at 720p: 1 + 9|w|/5, clamped to 1..10.

    A diverged network's NaN weights get the thinnest line (fmax/fmin drop NaN).
    """
    raw = LINK_MIN_WIDTH + LINK_WIDTH_PER_WEIGHT * np.abs(weight)
    return np.fmin(np.fmax(raw, LINK_MIN_WIDTH), LINK_MAX_WIDTH)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class NetworkView:
    """Draws the network and turns clicks on it into actions (ToggleFeature, AddLayer, ...).

    Loop contract: `handle_event` -> `update` -> `draw`. It never changes the model itself: every
    change goes through `dispatch`, which applies the action and may raise SettingsError.
    """

    def __init__(self, theme: Theme, dispatch: Callable[[Action], object]) -> None:
        self.theme = theme
        self.dispatch = dispatch
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.output_anchor = (0, 0)
        self._geometry: _Geometry | None = None
        self._pointer: tuple[int, int] | None = None
        self._hover: tuple | None = None
        self._pressed: tuple | None = None
        self._field: TextField | None = None
        self._edit_target: tuple | None = None
        self._message: tuple[str, tuple[int, int], float] | None = None
        # thumbnails
        self._units: heatmap.ThumbnailStack | None = None
        self._features: heatmap.ThumbnailStack | None = None
        self._units_key: tuple | None = None
        self._features_key: tuple | None = None
        # links
        self._links: _LinkLayer | None = None
        self._link_revision: int | None = None
        self._bias_colours: list[tuple[int, int, int]] = []
        self._playing = False

    # -- public API ------------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        """True while a value text field is open: keys belong to it, not to shortcuts."""
        return self._field is not None

    def set_rect(self, rect: pygame.Rect, output_anchor: tuple[int, int]) -> None:
        """Place the view; links into the output unit end at `output_anchor`."""
        self.rect = pygame.Rect(rect)
        self.output_anchor = (int(output_anchor[0]), int(output_anchor[1]))

    def set_theme(self, theme: Theme) -> None:
        """A new theme after a resize: sizes, fonts and cached surfaces follow its scale."""
        self.theme = theme
        self._geometry = None

    def handle_event(self, event: pygame.event.Event, pg: Playground) -> bool:
        """React to one event; True when it was this view's (a click on a control, typing)."""
        geo = self._layout(pg)
        if self._field is not None and event.type in (pygame.KEYDOWN, pygame.KEYUP,
                                                      pygame.TEXTINPUT, pygame.TEXTEDITING):
            if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
                outcome = self._field.handle_event(event)
                if outcome == COMMIT:
                    self._commit(pg)
                elif outcome == CANCEL:
                    self._close_field()
            return True
        if event.type == pygame.MOUSEMOTION:
            self._pointer = event.pos
            self._hover = self._hit(event.pos, geo, pg)
            return False
        if event.type == pygame.WINDOWLEAVE:
            self._pointer = None
            self._hover = None
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pointer = event.pos
            if self._field is not None:
                if self._field.rect.collidepoint(event.pos):
                    return True
                self._close_field()
            self._pressed = self._hit(event.pos, geo, pg)
            return self._pressed is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, self._pressed = self._pressed, None
            if pressed is None:
                return False
            if self._hit(event.pos, geo, pg) == pressed:
                self._activate(pressed, event.pos, pg)
            return True
        return False

    def update(self, dt: float, pg: Playground, playing: bool) -> None:
        """Advance timers and bring cached thumbnails and links up to the model's revision."""
        if self._message is not None:
            text, pos, left = self._message
            self._message = (text, pos, left - dt) if left > dt else None
        self._playing = playing
        self._sync(pg)

    def draw(self, surface: pygame.Surface, pg: Playground) -> None:
        """Draw the features column, the hidden layers, links and any card or field."""
        geo = self._sync(pg, from_draw=True)
        self._draw_links(surface, geo, pg)  # opaque: first, under everything else
        self._draw_texts(surface, geo, pg)
        self._draw_buttons(surface, geo, pg)
        self._draw_units(surface, geo, pg)
        self._draw_overlay(surface, geo, pg)

    def hovered_map(self, pg: Playground) -> np.ndarray | None:
        """The (100, 100) map of the unit under the pointer (inputs too, active or not)."""
        hover = self._valid_hover(pg)
        if hover is None or hover[0] != "unit":
            return None
        _, layer, unit = hover
        if layer == 0:
            return feature_grids()[unit]
        return pg.unit_grids()[pg.network.unit_index(layer, unit)]

    def hover_text(self, pg: Playground) -> str | None:
        """The card text for the hovered link or bias ("Weight is 0.234"), read live."""
        hover = self._valid_hover(pg)
        if hover is None or self._geometry is None:
            return None
        if hover[0] == "link":
            value = pg.network.weights[self._geometry.weight_index[hover[1]]]
            return f"Weight is {format_value(float(value))}"
        if hover[0] == "bias":
            return f"Bias is {format_value(float(pg.network.layer_biases(hover[1])[hover[2]]))}"
        return None

    @property
    def animating(self) -> bool:
        """True while something on the view changes without events (a refusal message)."""
        return self._message is not None

    def unit_rect(self, layer: int, unit: int) -> pygame.Rect:
        """Where a unit is drawn. Layer 0: the seven features by FEATURES position (an empty rect
        when hidden); 1..: hidden layers; the output unit: an empty rect at the output anchor."""
        geo = self._require_layout()
        if layer == 0:
            rect = geo.feature_rects[unit]
            return pygame.Rect(rect) if rect is not None else pygame.Rect(0, 0, 0, 0)
        if layer <= len(geo.hidden_rects):
            return pygame.Rect(geo.hidden_rects[layer - 1][unit])
        if layer == len(geo.hidden_rects) + 1 and unit == 0:
            return pygame.Rect(self.output_anchor, (0, 0))
        raise IndexError(f"no unit {unit} in layer {layer}")

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A control's clickable rect by name, None when it is not on screen.

        Names: "add_layer", "remove_layer", "add_neuron:K", "remove_neuron:K" (K = hidden layer,
        0-based), "feature:KEY", "bias:L:I" (layer 1..L, L = output), "link:L:I:J" (the weight
        from unit J of layer L-1 to unit I of layer L, numbered like SetWeight). A link's rect
        is a small square around a point where that link and no other is under the pointer.
        """
        geo = self._require_layout()
        kind, _, rest = name.partition(":")
        if kind in ("add_layer", "remove_layer", "add_neuron", "remove_neuron"):
            rect = geo.buttons.get(name)
            return pygame.Rect(rect) if rect is not None else None
        if kind == "feature":
            for feature, rect in zip(FEATURES, geo.feature_rects, strict=True):
                if feature.key == rest and rect is not None:
                    return pygame.Rect(rect)
            return None
        try:
            numbers = tuple(int(part) for part in rest.split(":"))
        except ValueError:
            return None
        if kind == "bias" and len(numbers) == 2:
            rect = geo.bias_rects.get(numbers)
            return pygame.Rect(rect) if rect is not None else None
        if kind == "link" and len(numbers) == 3:
            matches = np.flatnonzero((geo.link_layer == numbers[0]) & (geo.link_dest == numbers[1])
                                     & (geo.link_source == numbers[2]))
            if matches.size == 0:
                return None
            point = self._link_point(geo, int(matches[0]))
            if point is None:  # hidden under unit squares (a narrow window): not on screen
                return None
            size = self.theme.px(HIT_SLOP)
            return pygame.Rect(point[0] - size // 2, point[1] - size // 2, size, size)
        return None

    # -- layout ----------------------------------------------------------------------------

    def _require_layout(self) -> _Geometry:
        if self._geometry is None:
            raise RuntimeError("NetworkView has no layout yet: call update() or draw() first")
        return self._geometry

    def _layout_key(self, settings: Settings) -> tuple:
        visible = tuple(f.key for f in FEATURES if f.key not in settings.hidden)
        return (tuple(self.rect), self.output_anchor, id(self.theme), self.theme.scale,
                settings.network_shape, settings.input_features, visible,
                "numHiddenLayers" in settings.hidden, settings.hide_text)

    def _layout(self, pg: Playground) -> _Geometry:
        key = self._layout_key(pg.settings)
        if self._geometry is None or self._geometry.key != key:
            self._geometry = self._build_geometry(key, pg.settings)
            self._invalidate_layout_caches()
            self._hover = self._hit(self._pointer, self._geometry, pg) if self._pointer else None
        return self._geometry

    def _invalidate_layout_caches(self) -> None:
        self._links = None
        self._units_key = None
        self._features_key = None
        self._pressed = None
        if self._field is not None:
            self._close_field()  # the link or bias it edits may be gone

    def _build_geometry(self, key: tuple, settings: Settings) -> _Geometry:
        theme, rect = self.theme, self.rect
        px = theme.px
        scale = theme.scale
        shape = settings.network_shape
        hidden_features = settings.hidden

        # Vertical: a header row, the per-layer buttons and "N neurons", then the units, spaced
        # so that the largest layer (8 units) fits the height we were given.
        header = pygame.Rect(rect.left, rect.top, rect.width, px(HEADER_HEIGHT))
        buttons_top = header.bottom + px(BUTTON_ROW_GAP)
        neurons_label_y = buttons_top + px(BUTTON) + px(3)
        units_top = neurons_label_y + theme.line_height("caption") + px(12)
        available = rect.bottom - units_top - px(BIAS)
        spacing = min((UNIT + UNIT_GAP) * scale * theme.network_zoom,
                      available / (MAX_NEURONS - 1 + UNIT / (UNIT + UNIT_GAP)))
        spacing = max(spacing, 4.0)
        unit = max(4, round(spacing * UNIT / (UNIT + UNIT_GAP)))

        def unit_top(i: int) -> int:
            return round(units_top + i * spacing)

        # Horizontal: labels, the input column, hidden columns evenly up to the output anchor.
        visible = [f for f in FEATURES if f.key not in hidden_features]
        label_w = max((theme.text_size(f.label, "body")[0] for f in visible), default=0)
        inputs_left = rect.left + label_w + px(10)
        anchor_x, anchor_y = self.output_anchor
        n_hidden = len(shape)
        column_lefts = [round(inputs_left + (anchor_x - inputs_left) * (k + 1) / (n_hidden + 1))
                        for k in range(n_hidden)]

        feature_rects: list[pygame.Rect | None] = []
        feature_hits: list[pygame.Rect | None] = []
        texts: list[tuple[str, str, tuple[int, int], str]] = []
        row = 0
        for feature in FEATURES:
            if feature.key in hidden_features:
                feature_rects.append(None)
                feature_hits.append(None)
                continue
            box = pygame.Rect(inputs_left, unit_top(row), unit, unit)
            feature_rects.append(box)
            feature_hits.append(box.union(pygame.Rect(rect.left, box.top, box.left - rect.left,
                                                      box.height)))
            row += 1

        hidden_rects = [[pygame.Rect(column_lefts[k], unit_top(i), unit, unit)
                         for i in range(size)] for k, size in enumerate(shape)]

        bias = px(BIAS)
        bias_rects: dict[tuple[int, int], pygame.Rect] = {}
        for k, column in enumerate(hidden_rects):
            for i, box in enumerate(column):
                bias_rects[(k + 1, i)] = pygame.Rect(box.left - bias - px(2),
                                                     box.bottom - bias + px(3), bias, bias)
        output_layer = n_hidden + 1
        bias_rects[(output_layer, 0)] = pygame.Rect(anchor_x - bias - px(2),
                                                    anchor_y + unit // 2 - bias + px(3),
                                                    bias, bias)

        # Buttons and labels.
        diameter = px(BUTTON)
        buttons: dict[str, pygame.Rect] = {}
        span_left = inputs_left + unit
        title = _plural(n_hidden, "hidden layer").upper()
        title_w = theme.text_size(title, "title")[0]
        show_layer_buttons = "numHiddenLayers" not in hidden_features
        group_w = title_w + ((2 * diameter + px(4) + px(10)) if show_layer_buttons else 0)
        x = round((span_left + anchor_x) / 2 - group_w / 2)
        if show_layer_buttons:
            for name in ("add_layer", "remove_layer"):
                buttons[name] = pygame.Rect(x, header.centery - diameter // 2, diameter, diameter)
                x += diameter + px(4)
            x += px(6)
        texts.append((title, "title", (x, header.centery), "midleft"))
        for k, column in enumerate(hidden_rects):
            centre = column[0].centerx if column else column_lefts[k] + unit // 2
            for name, offset in ((f"add_neuron:{k}", -diameter - px(2)),
                                 (f"remove_neuron:{k}", px(2))):
                buttons[name] = pygame.Rect(centre + offset, buttons_top, diameter, diameter)
            texts.append((_plural(shape[k], "neuron"), "caption", (centre, neurons_label_y),
                          "midtop"))
        texts.append(("FEATURES", "title", (rect.left, header.centery), "midleft"))
        # The question under FEATURES may run under the first layer's buttons, not into them.
        first_buttons = (column_lefts[0] + unit // 2 - diameter - px(8)) if n_hidden else anchor_x
        subtitle_w = max(inputs_left + unit - rect.left, min(first_buttons - rect.left, px(170)))
        explain = not (settings.hide_text or theme.presenting)
        subtitle = theme.wrap(FEATURE_SUBTITLE, "caption", subtitle_w) if explain else ()
        for n, line in enumerate(subtitle):
            texts.append((line, "caption",
                          (rect.left, buttons_top + n * theme.line_height("caption")), "topleft"))

        geo = _Geometry(key=key, unit=unit, feature_rects=feature_rects,
                        feature_hits=feature_hits, hidden_rects=hidden_rects,
                        bias_rects=bias_rects, buttons=buttons, texts=texts,
                        link_scale=max(scale, unit / UNIT))
        sizes = [len(settings.input_features), *shape, 1]
        unit_offsets = np.concatenate([[0], np.cumsum(sizes)])
        geo.bias_units = np.array([unit_offsets[layer] + i for layer, i in bias_rects],
                                  dtype=np.int64)
        self._build_links(geo, settings)
        return geo

    def _build_links(self, geo: _Geometry, settings: Settings) -> None:
        """Bezier curves of every link: dense samples, tangents, arc length, drawn polylines."""
        px = self.theme.px
        active = settings.input_features
        sources_by_layer: list[list[tuple[float, float]]] = [[
            (rect.right + px(LINK_START_GAP), rect.centery)
            for feature, rect in zip(FEATURES, geo.feature_rects, strict=True)
            if feature.key in active and rect is not None
        ]]
        dests_by_layer: list[list[tuple[float, float]]] = []
        for column in geo.hidden_rects:
            sources_by_layer.append([(r.right + px(LINK_START_GAP), r.centery) for r in column])
            dests_by_layer.append([(r.left, r.centery) for r in column])
        dests_by_layer.append([self.output_anchor])

        spread = LINK_SPREAD * geo.link_scale
        starts, ends, layers, dest_ids, source_ids, weight_ids = [], [], [], [], [], []
        offset = 0
        for layer, (sources, dests) in enumerate(
                zip(sources_by_layer, dests_by_layer, strict=True), start=1):
            n_in = len(sources)
            for i, (dx, dy) in enumerate(dests):
                for j, start in enumerate(sources):
                    fan = ((j - (n_in - 1) / 2) / n_in) * spread if n_in else 0.0
                    starts.append(start)
                    ends.append((dx, dy + fan))
                    layers.append(layer)
                    dest_ids.append(i)
                    source_ids.append(j)
                    weight_ids.append(offset + i * n_in + j)
            offset += len(dests) * n_in
        geo.link_layer = np.array(layers, dtype=np.int64)
        geo.link_dest = np.array(dest_ids, dtype=np.int64)
        geo.link_source = np.array(source_ids, dtype=np.int64)
        geo.weight_index = np.array(weight_ids, dtype=np.int64)
        if not starts:
            geo.layer_rect = pygame.Rect(self.rect.topleft, (1, 1))
            return

        p0 = np.array(starts, dtype=np.float64)[:, None, :]
        p3 = np.array(ends, dtype=np.float64)[:, None, :]
        mid_x = (p0[..., 0] + p3[..., 0]) / 2
        p1 = np.stack([mid_x, p0[..., 1]], axis=-1)
        p2 = np.stack([mid_x, p3[..., 1]], axis=-1)
        t = np.linspace(0.0, 1.0, CURVE_SAMPLES + 1)[None, :, None]
        u = 1.0 - t
        dense = u**3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t**3 * p3
        deriv = 3 * u * u * (p1 - p0) + 6 * u * t * (p2 - p1) + 3 * t * t * (p3 - p2)
        norm = np.hypot(deriv[..., 0], deriv[..., 1])[..., None]
        tangents = np.divide(deriv, norm, out=np.tile([1.0, 0.0], deriv.shape[:-1] + (1,)),
                             where=norm > 1e-9)
        steps = np.hypot(*np.diff(dense, axis=1).transpose(2, 0, 1))
        arc = np.concatenate([np.zeros((dense.shape[0], 1)), np.cumsum(steps, axis=1)], axis=1)

        # The layer runs from the middle of the input column to the output anchor; each band
        # (the links into one layer) owns the strip between two column middles, so a band is
        # redrawn alone without touching its neighbours' pixels.
        margin = math.ceil(LINK_MAX_WIDTH * geo.link_scale / 2) + 3
        ys = dense[..., 1]
        top, bottom = math.floor(ys.min()) - margin, math.ceil(ys.max()) + margin
        inputs = [r for r in geo.feature_rects if r is not None]
        splits = [inputs[0].centerx if inputs else math.floor(p0[..., 0].min())]
        splits += [column[0].centerx for column in geo.hidden_rects]
        splits.append(self.output_anchor[0])
        low = np.array([splits[0], top], dtype=np.float64)
        geo.layer_rect = pygame.Rect(splits[0], top, max(1, splits[-1] - splits[0]),
                                     bottom - top)
        geo.bands = []
        for layer in range(1, len(splits)):
            members = np.flatnonzero(geo.link_layer == layer)
            if members.size == 0:
                continue
            strip = pygame.Rect(splits[layer - 1] - splits[0], 0,
                                splits[layer] - splits[layer - 1], bottom - top)
            geo.bands.append((slice(int(members[0]), int(members[-1]) + 1), strip))
        geo.dense, geo.tangents, geo.arc = dense, tangents, arc
        # One increasing array over all links, so one searchsorted finds any point by length.
        geo.arc_base = np.concatenate([[0.0], np.cumsum(arc[:, -1] + 1.0)[:-1]])
        geo.arc_flat = (arc + geo.arc_base[:, None]).ravel()
        geo.dense_x, geo.dense_y = dense[..., 0].ravel(), dense[..., 1].ravel()
        geo.tan_x, geo.tan_y = tangents[..., 0].ravel(), tangents[..., 1].ravel()
        stride = CURVE_SAMPLES // CURVE_SEGMENTS
        local = dense[:, ::stride, :] - low
        geo.polylines = np.empty(local.shape[0], dtype=object)  # sliced by band
        geo.polylines[:] = [list(map(tuple, line)) for line in local.tolist()]

    # -- hit testing -----------------------------------------------------------------------

    def _hit(self, pos: tuple[int, int] | None, geo: _Geometry, pg: Playground) -> tuple | None:
        """What is under `pos`: a button, a bias square, a unit or a link (in that order)."""
        if pos is None:
            return None
        slop = self.theme.px(HIT_SLOP)
        for name, rect in geo.buttons.items():
            if rect.collidepoint(pos):
                return ("button", name)
        for (layer, unit), rect in geo.bias_rects.items():
            if rect.inflate(slop, slop).collidepoint(pos):
                return ("bias", layer, unit)
        for k, rect in enumerate(geo.feature_hits):
            if rect is not None and rect.collidepoint(pos):
                return ("unit", 0, k)
        for layer, column in enumerate(geo.hidden_rects, start=1):
            for i, rect in enumerate(column):
                if rect.collidepoint(pos):
                    return ("unit", layer, i)
        link = self._link_at(pos, geo, pg)
        return ("link", link) if link is not None else None

    def _link_at(self, pos: tuple[int, int], geo: _Geometry, pg: Playground) -> int | None:
        """The link nearest to `pos` within its half width (at least HIT_SLOP), or None."""
        if geo.dense.shape[0] == 0 or not geo.layer_rect.collidepoint(pos):
            return None
        stride = CURVE_SAMPLES // CURVE_SEGMENTS
        pts = geo.dense[:, ::stride, :]
        a, b = pts[:, :-1, :], pts[:, 1:, :]
        d = b - a
        q = np.array(pos, dtype=np.float64)
        length2 = np.maximum((d * d).sum(axis=-1), 1e-12)
        t = np.clip(((q - a) * d).sum(axis=-1) / length2, 0.0, 1.0)
        closest = a + t[..., None] * d
        dist = np.hypot(*(closest - q).transpose(2, 0, 1)).min(axis=1)
        weights = pg.network.weights[geo.weight_index]
        reach = np.maximum(link_width(weights) * geo.link_scale / 2 + 1,
                           self.theme.px(HIT_SLOP))
        dist = np.where(dist <= reach, dist, np.inf)
        best = int(np.argmin(dist))
        return best if math.isfinite(dist[best]) else None

    def _link_point(self, geo: _Geometry, link: int) -> tuple[int, int] | None:
        """A point on `link` where no other link is nearer (cached), for tests and the pilot."""
        point = geo.link_points.get(link)
        if point is not None:
            return point
        fractions = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75)
        stride = CURVE_SAMPLES // CURVE_SEGMENTS
        pts = geo.dense[:, ::stride, :]
        a, d = pts[:, :-1, :], pts[:, 1:, :] - pts[:, :-1, :]
        length2 = np.maximum((d * d).sum(axis=-1), 1e-12)
        best, best_margin = None, -1.0
        for f in fractions:
            x, y = geo.dense[link, round(f * CURVE_SAMPLES)]
            q = np.array((round(x), round(y)), dtype=np.float64)
            t = np.clip(((q - a) * d).sum(axis=-1) / length2, 0.0, 1.0)
            dist = np.hypot(*(a + t[..., None] * d - q).transpose(2, 0, 1)).min(axis=1)
            own = dist[link]
            dist[link] = np.inf
            margin = float(dist.min() - own)
            inside_units = any(r.collidepoint(q) for column in geo.hidden_rects for r in column)
            if not inside_units and margin > best_margin:
                best, best_margin = (int(q[0]), int(q[1])), margin
            if best_margin > self.theme.px(HIT_SLOP):
                break
        if best is None:  # every candidate point lies inside a unit square
            return None
        geo.link_points[link] = best
        return best

    def _valid_hover(self, pg: Playground) -> tuple | None:
        """The hover target, if it still exists in the model (the network may have changed)."""
        hover = self._hover
        if hover is None or self._geometry is None:
            return None
        if self._geometry.key != self._layout_key(pg.settings):
            return None
        return hover

    # -- actions ---------------------------------------------------------------------------

    def _activate(self, target: tuple, pos: tuple[int, int], pg: Playground) -> None:
        kind = target[0]
        if kind == "button":
            name = target[1]
            action = self._button_action(name, pg)
            if action is not None:
                self._send(action, pos)
        elif kind == "unit" and target[1] == 0:
            self._send(ToggleFeature(FEATURES[target[2]].key), pos)
        elif kind == "link":
            geo = self._require_layout()
            k = target[1]
            layer, dest, source = (int(geo.link_layer[k]), int(geo.link_dest[k]),
                                   int(geo.link_source[k]))
            target = ("weight", layer, dest, source)
            self._open_field(target, "Weight", self._edited_value(pg, target), pos)
        elif kind == "bias":
            target = ("bias", target[1], target[2])
            self._open_field(target, "Bias", self._edited_value(pg, target), pos)

    def _button_action(self, name: str, pg: Playground) -> Action | None:
        """The action of a +/- button, or None at its limit (the button is drawn disabled)."""
        shape = pg.settings.network_shape
        kind, _, layer_text = name.partition(":")
        if kind == "add_layer":
            return AddLayer() if len(shape) < MAX_HIDDEN_LAYERS else None
        if kind == "remove_layer":
            return RemoveLayer() if shape else None
        layer = int(layer_text)
        if layer >= len(shape):
            return None
        if kind == "add_neuron":
            return AddNeuron(layer) if shape[layer] < MAX_NEURONS else None
        return RemoveNeuron(layer) if shape[layer] > 1 else None

    def _send(self, action: Action, pos: tuple[int, int]) -> bool:
        """Dispatch an action; a refusal shows its message near the pointer for a while."""
        try:
            self.dispatch(action)
        except SettingsError as exc:
            self._message = (str(exc), pos, MESSAGE_SECONDS)
            return False
        return True

    def _open_field(self, target: tuple, label: str, value: float, pos: tuple[int, int]) -> None:
        self._field = TextField(label, format_value(float(value)), pos)
        self._edit_target = target

    def _close_field(self) -> None:
        self._field = None
        self._edit_target = None

    def _commit(self, pg: Playground) -> None:
        """Enter: parse, then SetWeight/SetBias; bad text keeps the field open with a message."""
        field_, target = self._field, self._edit_target
        assert field_ is not None and target is not None
        try:
            value = parse_number(field_.text, MAX_WEIGHT_MAGNITUDE)
        except ValueError as exc:
            field_.error = str(exc)
            return
        if target[0] == "weight":
            action: Action = SetWeight(target[1], target[2], target[3], value)
        else:
            action = SetBias(target[1], target[2], value)
        try:
            self.dispatch(action)
        except SettingsError as exc:
            field_.error = str(exc)
            return
        # A dispatcher may report a refusal itself instead of raising: check the model.
        if self._edited_value(pg, target) != value:
            field_.error = "The playground did not accept this value"
            return
        self._close_field()

    @staticmethod
    def _edited_value(pg: Playground, target: tuple) -> float:
        if target[0] == "weight":
            return float(pg.network.layer_matrix(target[1])[target[2], target[3]])
        return float(pg.network.layer_biases(target[1])[target[2]])

    # -- caches ----------------------------------------------------------------------------

    def _sync(self, pg: Playground, from_draw: bool = False) -> _Geometry:
        """Bring layout, thumbnails and the link layer up to date; each only when stale.

        While playing, links are refreshed by `update` only, so its per-frame budget holds.
        """
        geo = self._layout(pg)
        self._paint_thumbnails(geo, pg)
        if not (from_draw and self._playing and self._links is not None):
            self._update_links(geo, pg)
        return geo

    def _paint_thumbnails(self, geo: _Geometry, pg: Playground) -> None:
        settings = pg.settings
        if self._units is None or self._units.size != geo.unit:
            self._units = heatmap.ThumbnailStack(MAX_HIDDEN_LAYERS * MAX_NEURONS, GRID_SIZE,
                                                 geo.unit, UNIT_PALETTE)
            self._features = heatmap.ThumbnailStack(len(FEATURES), GRID_SIZE, geo.unit,
                                                    np.stack([UNIT_PALETTE, INACTIVE_PALETTE]))
            self._units_key = self._features_key = None
        assert self._features is not None
        features_key = (settings.discretize, settings.features, geo.unit)
        if features_key != self._features_key:
            inactive = [0 if f.key in settings.features else 1 for f in FEATURES]
            self._features.paint(feature_grids(), settings.discretize, np.array(inactive))
            self._features_key = features_key
        units_key = (pg.revision, settings.discretize, geo.unit, settings.network_shape)
        if units_key != self._units_key:
            net = pg.network
            first, last = int(net.u_off[1]), int(net.u_off[net.num_layers - 1])
            if last > first:
                self._units.paint(pg.unit_grids()[first:last], settings.discretize)
            self._units_key = units_key

    def _update_links(self, geo: _Geometry, pg: Playground) -> None:
        """Give the link layer this revision's widths and colours and this epoch's dash phase.

        While playing it redraws at most LINKS_PER_FRAME links' worth of changed bands a
        frame (weights drift slowly; the dashes still move every frame); paused, all at once.
        """
        if self._links is None or self._links.geometry is not geo:
            self._links = _LinkLayer(geo, geo.link_scale)
            self._link_revision = None
        revision = pg.revision
        if revision != self._link_revision:
            self._link_revision = revision
            net = pg.network
            weights = net.weights[geo.weight_index]
            live = net.dead[geo.weight_index] == 0
            self._links.set_weights(weights, live)
            biases = net.biases[geo.bias_units]
            self._bias_colours = [tuple(c) for c in heatmap.ramp_colours(biases).tolist()]
        budget = LINKS_PER_FRAME if self._playing else None
        self._links.refresh(pg.epoch, budget)

    # -- drawing ---------------------------------------------------------------------------

    def _draw_texts(self, surface: pygame.Surface, geo: _Geometry, pg: Playground) -> None:
        for text, role, point, anchor in geo.texts:
            colour = palette.TEXT if role == "title" else palette.TEXT_MUTED
            image = self.theme.text(text, role, colour)
            surface.blit(image, image.get_rect(**{anchor: point}))

    def _draw_buttons(self, surface: pygame.Surface, geo: _Geometry, pg: Playground) -> None:
        hovered = self._hover[1] if self._hover and self._hover[0] == "button" else None
        arm = max(2, round(BUTTON * self.theme.scale * 0.25))  # half a glyph stroke
        thickness = max(1, self.theme.px(2))
        for name, rect in geo.buttons.items():
            enabled = self._button_action(name, pg) is not None
            fill = BUTTON_HOVER if (enabled and name == hovered) else BUTTON_FILL
            pygame.draw.circle(surface, fill, rect.center, rect.width // 2)
            glyph = BUTTON_GLYPH if enabled else BUTTON_GLYPH_DISABLED
            cx, cy = rect.center
            pygame.draw.rect(surface, glyph, (cx - arm, cy - thickness // 2, 2 * arm + 1,
                                              thickness))
            if name.startswith("add"):
                pygame.draw.rect(surface, glyph, (cx - thickness // 2, cy - arm, thickness,
                                                  2 * arm + 1))

    def _draw_links(self, surface: pygame.Surface, geo: _Geometry, pg: Playground) -> None:
        if self._links is not None and self._links.surface is not None:
            surface.blit(self._links.surface, geo.layer_rect.topleft)

    def _draw_units(self, surface: pygame.Surface, geo: _Geometry, pg: Playground) -> None:
        assert self._units is not None and self._features is not None
        border = max(1, round(self.theme.scale))
        hover = self._valid_hover(pg)
        active = pg.settings.features
        for k, (feature, rect) in enumerate(zip(FEATURES, geo.feature_rects, strict=True)):
            if rect is None:
                continue
            on = feature.key in active
            surface.blit(self._features.surfaces[k], rect)
            if on:
                pygame.draw.rect(surface, UNIT_BORDER, rect.inflate(2 * border, 2 * border),
                                 border)
            label = self.theme.text(feature.label, "body",
                                    palette.TEXT if on else palette.TEXT_MUTED)
            surface.blit(label, label.get_rect(midright=(rect.left - self.theme.px(8),
                                                         rect.centery)))
        thumbs = self._units.surfaces
        index = 0
        for column in geo.hidden_rects:
            for rect in column:
                surface.blit(thumbs[index], rect)
                index += 1
                pygame.draw.rect(surface, UNIT_BORDER, rect.inflate(2 * border, 2 * border),
                                 border)
        for rect, colour in zip(geo.bias_rects.values(), self._bias_colours, strict=True):
            pygame.draw.rect(surface, colour, rect)
            pygame.draw.rect(surface, palette.TEXT_MUTED, rect, 1)
        if hover is not None and hover[0] == "unit":
            rect = self.unit_rect(hover[1], hover[2])
            width = 2 * border
            pygame.draw.rect(surface, HOVER_BORDER, rect.inflate(2 * width, 2 * width), width)

    def _draw_overlay(self, surface: pygame.Surface, geo: _Geometry, pg: Playground) -> None:
        """The live value card of the hovered link or bias, the text field, a refusal."""
        bounds = surface.get_rect()
        hover = self._valid_hover(pg)
        if self._field is not None:
            self._field.draw(surface, self.theme, bounds)
        elif hover is not None and self._pointer is not None:
            text = self.hover_text(pg)
            if hover[0] == "link":
                self._draw_link_highlight(surface, geo, hover[1])
            elif hover[0] == "bias":
                rect = geo.bias_rects[(hover[1], hover[2])]
                pygame.draw.rect(surface, HOVER_BORDER, rect.inflate(4, 4), 2)
            if text is not None:
                draw_tooltip(surface, self.theme, text, self._pointer, bounds)
        if self._message is not None:
            text, pos, _ = self._message
            draw_tooltip(surface, self.theme, text, pos, bounds)

    def _draw_link_highlight(self, surface: pygame.Surface, geo: _Geometry, link: int) -> None:
        """Outline the hovered link so the user sees which one the card is about."""
        origin = geo.layer_rect.topleft
        points = [(x + origin[0], y + origin[1]) for x, y in geo.polylines[link]]
        pygame.draw.lines(surface, HOVER_BORDER, False, points, 1)

