"""The layer view: the output panel's map shows a hidden layer's view of the data instead.

Click a hidden layer's "N neurons" caption (or press I, Shift+I) and the map shows each data
point where that layer puts it, with the input square's grid lines carried through the layer
(model/layer_space.py computes both); a layer of more than two neurons is seen on two principal
components until you click two of its neurons. Esc, or the caption again, brings the output map
back. It is a view of the app, not a setting: codes, undo and lessons never see it.

While the network trains the picture is drawn again every frame; paused, it is kept. Painting
needs the input square, so the paint tool and the layer view never show together: D leaves the
layer view, and a layer cannot be chosen while painting.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from playground_game.model.formula import unit_name
from playground_game.model.layer_space import ONE, PCA, LayerPicture, LayerSpace
from playground_game.model.playground import Playground
from playground_game.ui import heatmap
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.scene.paint_tool import PaintTool
from playground_game.ui.theme import Theme

GRID_COLOUR = (0xC9, 0xCE, 0xD2)  # the carried grid lines, quiet under the points
EDGE_COLOUR = (0x6B, 0x74, 0x7A)  # the input square's own edges
ZERO_COLOUR = (0xEC, 0xEE, 0xEF)  # an axis's zero, when it is in view
TICKS = 5  # about this many labelled values along each axis
# While training plays, the picture is drawn again every third frame (20 times a second at
# 60 frames a second, live to the eye): drawing it takes about 1.4 ms of a frame at 1080p.
REDRAW_EVERY = 3
PAINTING = ("Painting works on the input square: finish painting (D) to see a layer's view "
            "of the data.")
NO_LAYERS = "There is no hidden layer to look into: add one with the + above the network."
NO_LAYER_SHOWN = "First show a layer (I) for 1-8 to pick its neurons."


def nice_ticks(lo: float, hi: float, count: int = TICKS) -> list[float]:
    """Round values between lo and hi, about `count` of them, 1, 2 or 5 times a power of 10
    apart."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0):
        return []
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step)
    return [k * step for k in range(first, math.floor(hi / step) + 1)]


def tick_text(value: float, step: float) -> str:
    """A tick's label with as many decimals as its step needs ("-0.5", "2", "10")."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0
    text = f"{value:.{decimals}f}"
    return "0" if text.strip("-0.") == "" else text


def _darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """A point's rim: its colour, darker."""
    return tuple(round(c * 0.6) for c in colour)  # type: ignore[return-value]


class LayerView:
    """Which hidden layer the output map shows (None: the output), its picked neurons, and its
    picture, drawn into the map's rect."""

    def __init__(self, host: Commands, get_playground: Callable[[], Playground],
                 paint: PaintTool) -> None:
        self.host = host
        self._playground = get_playground
        self.paint = paint
        self.layer: int | None = None  # the network's layer index (1 = the first hidden)
        self.picks: tuple[int, ...] = ()  # neurons picked as axes (across, then up)
        self._space = LayerSpace()
        self._key: tuple | None = None
        self._kept = 0  # frames the last picture was kept for while training played
        self._surface: pygame.Surface | None = None
        self._picture: LayerPicture | None = None
        self._sprites: dict[tuple, pygame.Surface] = {}
        # the labels (the same array while the data stays) they were made for, and for what
        self._sprites_of: tuple[np.ndarray, tuple, list[pygame.Surface]] | None = None
        self.paints = 0  # pictures drawn, for tests

    # -- the state -----------------------------------------------------------------------

    def shown(self) -> int | None:
        """The layer shown now, after falling back to the output map when the network lost
        it (fewer layers) or the paint tool took the map; picks of lost neurons are dropped."""
        if self.layer is None:
            return None
        shape = self._playground().settings.network_shape
        if self.layer > len(shape) or self.paint.active:
            self.leave()
            return None
        if any(p >= shape[self.layer - 1] for p in self.picks):
            self.picks = ()
        return self.layer

    def choose(self, layer: int) -> None:
        """A header's click: show `layer`, or the output map again if it is the one shown."""
        if self.shown() == layer:
            self.leave()
            return
        if self.paint.active:
            self.host.refuse(PAINTING)
            return
        self.layer, self.picks = layer, ()
        self._say(self._greeting(layer))

    def cycle(self, step: int) -> None:
        """I (+1) and Shift+I (-1): the next or previous hidden layer, the output map between
        the last and the first."""
        hidden = len(self._playground().settings.network_shape)
        if hidden == 0:
            self.host.refuse(NO_LAYERS)
            return
        if self.paint.active:
            self.host.refuse(PAINTING)
            return
        order = [None, *range(1, hidden + 1)]
        now = order.index(self.shown())
        target = order[(now + step) % len(order)]
        if target is None:
            self.leave()
        else:
            self.choose(target)

    def leave(self) -> bool:
        """Back to the output map; True if a layer was shown."""
        was = self.layer is not None
        self.layer, self.picks = None, ()
        if was:
            self.host.clear_notices()  # its hints no longer say what the map shows
        return was

    def _say(self, text: str) -> None:
        """A hint about the picture, in place of the last one (which no longer holds)."""
        self.host.clear_notices()
        self.host.toast(text)

    def pick(self, layer: int, unit: int) -> bool:
        """A click on a neuron of the shown layer (wider than two): it becomes an axis, or stops
        being one; two picked are the axes (across, up), fewer the principal components.
        False when the click is not the layer view's."""
        if self.shown() != layer:
            return False
        units = self._playground().settings.network_shape[layer - 1]
        if units <= 2:
            return False
        net = self._playground().network
        if unit in self.picks:
            self.picks = tuple(p for p in self.picks if p != unit)
        else:
            self.picks = (*self.picks, unit)[-2:]
        if len(self.picks) == 1:
            self._say(f"{unit_name(net, layer, self.picks[0])} across: click or press one "
                      "more to go up.")
        elif len(self.picks) == 2:
            across, up = (unit_name(net, layer, p) for p in self.picks)
            self._say(f"{across} across, {up} up. Again: back to PCA.")
        else:
            self._say("Back to the principal components.")
        return True

    def pick_number(self, number: int) -> None:
        """1 to 8: the neuron `number` of the layer shown picked (or dropped) as a click on it
        would; refused, saying why, without a layer shown or where it has no such neuron."""
        layer = self.shown()
        if layer is None:
            self.host.refuse(NO_LAYER_SHOWN)
            return
        units = self._playground().settings.network_shape[layer - 1]
        if units <= 2:
            self.host.refuse(f"Its {units} neuron{'s are the axes' if units > 1 else ' is an axis'}"
                             " already.")
        elif number > units:
            self.host.refuse(f"This layer has {units} neurons: press 1 to {units}.")
        else:
            self.pick(layer, number - 1)

    def _greeting(self, layer: int) -> str:
        """The notice when a layer is shown: what the map shows now, and the way back (short:
        presenting, a notice must fit beside the top bar's controls, not over the map)."""
        units = self._playground().settings.network_shape[layer - 1]
        if units == 1:
            up = "value" if self._playground().classes == 0 else "class"
            return f"Layer {layer}: its neuron across, {up} up. Esc: back."
        if units == 2:
            return f"The data as layer {layer} sees it. Esc: back."
        return f"Layer {layer}: click 2 neurons or press 1-{units}. Esc: back."

    def caption(self, explain: bool) -> str:
        """The words over the map: which layer, and on what."""
        picture = self._picture
        layer = self.layer
        if picture is None or picture.layer != layer:
            return f"Layer {layer}"
        if picture.method == PCA:
            shares = f"PC1 {picture.explained[0]:.0%}, PC2 {picture.explained[1]:.0%}"
            return (f"Layer {layer} ({picture.units} neurons), {shares}" if explain
                    else f"Layer {layer} \u00b7 PCA")
        if picture.method == ONE:
            return (f"Layer {layer} (1 neuron) against each point's {picture.axes[1]}"
                    if explain else f"Layer {layer} \u00b7 1 neuron")
        if picture.units == 2:
            return (f"Layer {layer}: the data as its 2 neurons see it" if explain
                    else f"Layer {layer}")
        return (f"Layer {layer} ({picture.units} neurons) on {picture.axes[0]}, "
                f"{picture.axes[1]}" if explain else f"Layer {layer} \u00b7 {picture.axes[0]}, "
                f"{picture.axes[1]}")

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme, slots: dict[str, pygame.Rect],
             playground: Playground) -> None:
        """The picture in the map's rect, and its axes' values beside it."""
        rect = slots["heatmap"]
        surface.blit(self._render(playground, rect.size, theme), rect)
        pygame.draw.rect(surface, th.BORDER, rect, width=1)
        picture = self._picture
        assert picture is not None
        self._draw_ticks(surface, theme, slots, picture)

    def _render(self, playground: Playground, size: tuple[int, int],
                theme: Theme) -> pygame.Surface:
        """The picture at `size`, drawn again only when the network, the data or the choice
        changed."""
        layer = self.layer
        assert layer is not None
        settings = playground.settings
        key = (id(playground), playground.revision, layer, self.picks, size, id(playground.data),
               settings.show_test_data, theme.px(3))
        if key == self._key and self._surface is not None:
            return self._surface
        if (self._surface is not None and self._key is not None and key[2:] == self._key[2:]
                and key[0] == self._key[0] and self._kept < REDRAW_EVERY - 1
                and self.host.playing):
            self._kept += 1  # training on: the picture of a frame or two ago, then a new one
            return self._surface
        self._kept = 0
        picture = self._space.picture(playground, layer, self.picks)
        if self._surface is None or self._surface.get_size() != size:
            self._surface = pygame.Surface(size)
        surf = self._surface
        surf.fill(th.PANEL)
        to_pixels = _Mapping(picture, size)
        self._draw_zero_lines(surf, picture, to_pixels)
        self._draw_lines(surf, picture, to_pixels, theme)
        self._draw_points(surf, picture, to_pixels, settings.show_test_data,
                          playground.classes == 0, theme)
        self._draw_names(surf, picture, theme)
        self._picture = picture
        self._key = key
        self.paints += 1
        return surf

    def _draw_zero_lines(self, surf: pygame.Surface, picture: LayerPicture,
                         to_pixels: _Mapping) -> None:
        width, height = surf.get_size()
        if picture.method == ONE:  # a quiet line along each class's row
            rows = np.unique(np.round(picture.labels)) if picture.axes[1] == "class" else []
            for row in rows:
                y = to_pixels.y_pixel(float(row))
                pygame.draw.line(surf, ZERO_COLOUR, (0, y), (width, y))
            return
        x0, y0 = to_pixels.x_pixel(0.0), to_pixels.y_pixel(0.0)
        if 0 <= x0 < width:
            pygame.draw.line(surf, ZERO_COLOUR, (x0, 0), (x0, height))
        if 0 <= y0 < height:
            pygame.draw.line(surf, ZERO_COLOUR, (0, y0), (width, y0))

    def _draw_lines(self, surf: pygame.Surface, picture: LayerPicture, to_pixels: _Mapping,
                    theme: Theme) -> None:
        """The grid lines, then the square's edges over them, darker, wider and anti-aliased.
        The inner lines are light grey on white, where a stair step does not show: drawn plain
        they cost a seventh of anti-aliased ones (about 1 ms a frame at 1080p)."""
        if picture.lines.shape[0] == 0:
            return
        xs, ys = to_pixels.x(picture.lines[..., 0]), to_pixels.y(picture.lines[..., 1])
        finite = np.isfinite(picture.lines).all(axis=-1)
        edge_width = max(1, theme.px(1.5))
        order = np.argsort(picture.border, kind="stable")  # the edges over the inner lines
        for k in order.tolist():
            edge = bool(picture.border[k])
            for segment in _segments(xs[k], ys[k], finite[k]):
                if not edge:
                    pygame.draw.lines(surf, GRID_COLOUR, False, segment)
                    continue
                if edge_width > 1:
                    pygame.draw.lines(surf, EDGE_COLOUR, False, segment, edge_width)
                pygame.draw.aalines(surf, EDGE_COLOUR, False, segment)

    def _sprite(self, fill: tuple[int, int, int], outline: tuple[int, int, int],
                radius: int) -> pygame.Surface:
        key = (fill, outline, radius)
        sprite = self._sprites.get(key)
        if sprite is None:
            if len(self._sprites) > 512:  # a regression's many shades: start again
                self._sprites.clear()
            side = 2 * radius + 1
            sprite = pygame.Surface((side, side))
            sprite.fill((0xFF, 0x00, 0xFF))
            pygame.draw.circle(sprite, fill, (radius, radius), radius)
            pygame.draw.circle(sprite, outline, (radius, radius), radius, 1)
            sprite.set_colorkey((0xFF, 0x00, 0xFF), pygame.RLEACCEL)
            self._sprites[key] = sprite
        return sprite

    def _point_sprites(self, picture: LayerPicture, count: int, regression: bool,
                       radius: int) -> list[pygame.Surface]:
        """Each point's drawn circle, kept while the points and their labels stay."""
        key = (count, regression, radius)
        kept = self._sprites_of
        if kept is not None and kept[0] is picture.labels and kept[1] == key:
            return kept[2]
        labels = picture.labels[:count]
        if regression:
            fills = [tuple(c) for c in heatmap.ramp_colours(labels).tolist()]
        else:
            fills = [heatmap.CLASS_COLOURS[int(label)] for label in labels]
        sprites = [self._sprite(fill, _darker(fill) if k < picture.n_train else th.TEST_LINE,
                                radius) for k, fill in enumerate(fills)]
        self._sprites_of = (picture.labels, key, sprites)
        return sprites

    def _draw_points(self, surf: pygame.Surface, picture: LayerPicture, to_pixels: _Mapping,
                     show_test: bool, regression: bool, theme: Theme) -> None:
        """Training points (a darker rim of their colour: the output map's white rim would
        vanish on this white picture), then, when shown, test points (black rim)."""
        radius = max(3, theme.px(3.5))
        count = picture.points.shape[0] if show_test else picture.n_train
        points = picture.points[:count]
        sprites = self._point_sprites(picture, count, regression, radius)
        xs = (to_pixels.x(points[:, 0]) - radius).astype(np.int64).tolist()
        ys = (to_pixels.y(points[:, 1]) - radius).astype(np.int64).tolist()
        jobs = list(zip(sprites, zip(xs, ys, strict=True), strict=True))
        keep = np.isfinite(points).all(axis=1)
        if not keep.all():
            jobs = [job for job, ok in zip(jobs, keep.tolist(), strict=True) if ok]
        surf.blits(jobs, doreturn=False)

    def _draw_names(self, surf: pygame.Surface, picture: LayerPicture, theme: Theme) -> None:
        """The axes' names in the picture's corners, across at the bottom right and up at the
        top left, over the data on a light backing: a tanh layer piles its points up in the
        corners, where names under them could not be read."""
        pad = theme.px(4)
        width, height = surf.get_size()
        across = theme.text(f"{picture.axes[0]} across", "caption", th.TEXT)
        up = theme.text(f"{picture.axes[1]} up", "caption", th.TEXT)
        for text, box in ((across, across.get_rect(bottomright=(width - pad, height - pad))),
                          (up, up.get_rect(topleft=(pad, pad)))):
            backing = pygame.Surface(box.inflate(pad, pad // 2).size, pygame.SRCALPHA)
            backing.fill((*th.PANEL, 215))
            surf.blit(backing, box.inflate(pad, pad // 2))
            surf.blit(text, box)

    def _draw_ticks(self, surface: pygame.Surface, theme: Theme, slots: dict[str, pygame.Rect],
                    picture: LayerPicture) -> None:
        """The axes' values under the map and at its right, where the output map has -6..6."""
        rect, x_axis, y_axis = slots["heatmap"], slots["x_axis"], slots["y_axis"]
        tick = theme.px(4)
        mapping = _Mapping(picture, rect.size)
        for axis, (lo, hi) in enumerate((picture.x_range, picture.y_range)):
            values = nice_ticks(lo, hi)
            if picture.method == ONE and axis == 1 and picture.axes[1] == "class":
                values = sorted({float(v) for v in np.round(picture.labels)})
            step = values[1] - values[0] if len(values) > 1 else 1.0
            classes = picture.method == ONE and axis == 1 and picture.axes[1] == "class"
            for value in values:
                shown = f"{int(value) + 1}" if classes else tick_text(value, step)  # 1..K
                text = theme.text(shown, "caption", th.TEXT_MUTED)
                if axis == 0:
                    x = rect.left + mapping.x_pixel(value)
                    pygame.draw.line(surface, th.TEXT_MUTED, (x, rect.bottom),
                                     (x, rect.bottom + tick))
                    box = text.get_rect(midtop=(x, x_axis.top + tick // 2))
                    box.clamp_ip(x_axis)
                else:
                    y = rect.top + mapping.y_pixel(value)
                    pygame.draw.line(surface, th.TEXT_MUTED, (rect.right, y),
                                     (rect.right + tick, y))
                    box = text.get_rect(midleft=(y_axis.left + tick + theme.px(5), y))
                    box.clamp_ip(y_axis)
                box.clamp_ip(surface.get_rect())
                surface.blit(text, box)


class _Mapping:
    """Layer-space values to pixels of a picture of `size` (y up); far values held off."""

    def __init__(self, picture: LayerPicture, size: tuple[int, int]) -> None:
        self.width, self.height = size
        self.x_lo, x_hi = picture.x_range
        self.y_lo, y_hi = picture.y_range
        self.x_scale = (self.width - 1) / (x_hi - self.x_lo)
        self.y_scale = (self.height - 1) / (y_hi - self.y_lo)

    def x_pixel(self, value: float) -> int:
        return round((value - self.x_lo) * self.x_scale)

    def y_pixel(self, value: float) -> int:
        return round(self.height - 1 - (value - self.y_lo) * self.y_scale)

    def x(self, values: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            pixels = (values - self.x_lo) * self.x_scale
        return np.clip(np.nan_to_num(pixels), -4 * self.width, 5 * self.width).round()

    def y(self, values: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            pixels = self.height - 1 - (values - self.y_lo) * self.y_scale
        return np.clip(np.nan_to_num(pixels), -4 * self.height, 5 * self.height).round()


def _segments(xs: np.ndarray, ys: np.ndarray,
              finite: np.ndarray) -> list[list[tuple[float, float]]]:
    """A line's runs of finite samples (a NaN breaks the line), as point lists of two or more."""
    if finite.all():  # the usual case, at once
        return [np.column_stack((xs, ys)).tolist()]
    runs: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for x, y, ok in zip(xs.tolist(), ys.tolist(), finite.tolist(), strict=True):
        if ok:
            run.append((x, y))
            continue
        if len(run) >= 2:
            runs.append(run)
        run = []
    if len(run) >= 2:
        runs.append(run)
    return runs
