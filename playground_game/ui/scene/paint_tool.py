"""Paint mode: spray your own points onto the output map, or erase them.

D (or the Paint button on the map) turns it on. A drag sprays points of the chosen class around
the pointer (the toolbar's swatches, or the keys 1 to 6; + starts a new class, up to six); the
right button sprays the other class of two; Shift+drag erases; the wheel sizes the brush. For
regression the toolbar's ramp chooses the painted value. "Test" paints test points on purpose.
Clear leaves a blank canvas; Save CSV writes the points to a file (a CSV file dropped on the
window loads points); Done (D, Esc) ends painting.

A whole stroke is one change of the `points` setting when the button is let go, so it is one
undo step, and a code shared afterwards carries the points. The stroke shows as it is painted.
The first stroke on a dataset's points makes them yours, so you can add to or erase them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pygame

from playground_game.model.core.datasets import MAX_CLASSES, REGRESSION
from playground_game.model.own_points import OwnPoints, decode
from playground_game.model.playground import Change, Playground
from playground_game.ui import heatmap
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Widget, event_pos
from playground_game.ui.widgets.drawing import draw_text_button

LOCK = "dataset"  # painting changes the data: a lesson fixing the dataset fixes it too
BRUSH_RANGE = (0.15, 3.0)  # the brush's radius in the map's units
SPRAY_SPACING = 0.35  # a drag lays a dab of points every this many radii
DAB_POINTS = 3
HINT = "Drag to paint \u00b7 Shift+drag erases \u00b7 wheel: brush \u00b7 right button: other class"
_LEFT, _RIGHT = 1, 3


class PaintTool(Widget):
    """The Paint button on the map, and while painting its toolbar and the strokes."""

    def __init__(self, host: Commands, get_playground: Callable[[], Playground]) -> None:
        super().__init__("paint", hide_key=LOCK)
        self.host = host
        self._playground = get_playground
        self.active = False
        self.chosen = 0  # the class painted (classification)
        self.value = 1.0  # the value painted (regression)
        self.radius = 0.6
        self.to_test = False
        self.map = pygame.Rect(0, 0, 0, 0)
        self.items: dict[str, pygame.Rect] = {}  # the toolbar's parts, placed in layout_bar
        self._stroke: list[tuple[float, float, float, bool]] = []  # x, y, label, test
        self._erased: np.ndarray | None = None  # points a stroke is erasing (a mask)
        # What the stroke paints onto, and those points' rows, taken once when it starts
        # (not again for every motion and frame of the stroke).
        self._base: tuple[OwnPoints, np.ndarray] | None = None
        self._mode: str | None = None  # "paint", "other", "erase" while a button is down
        self._last: tuple[float, float] | None = None
        self._pointer: tuple[int, int] | None = None
        self._spray = np.random.default_rng()
        self._theme: Theme | None = None

    # -- state ---------------------------------------------------------------------------

    @property
    def regression(self) -> bool:
        return self._playground().settings.problem == REGRESSION

    def _points(self) -> OwnPoints:
        """What a stroke paints onto: your points, or the dataset's shown now."""
        settings = self._playground().settings
        if settings.own_points:
            return decode(settings.own_points)
        data = self._playground().data
        rows = np.concatenate([data.train, data.test])
        return OwnPoints.make(rows[:, 0], rows[:, 1], rows[:, 2], None, self.regression)

    def classes(self) -> int:
        return 0 if self.regression else self._playground().settings.classes

    def toggle(self) -> None:
        if not self.active and not self.host.check_unlocked(LOCK):
            return
        self.active = not self.active
        self._end_stroke(commit=False)
        if self.active:
            self.chosen = min(self.chosen, max(0, self.classes() - 1))
            self.host.toast("Paint: drag; Shift+drag erases; 1-6: class; D: done")

    def stop(self) -> bool:
        """Leave paint mode (Esc); True if it was on."""
        if not self.active:
            return False
        self.toggle()
        return True

    # -- layout --------------------------------------------------------------------------

    def place(self, map_rect: pygame.Rect, theme: Theme) -> None:
        """The button on the map's top-right corner, and the toolbar along the map's top."""
        self.map = map_rect.copy()
        self._theme = theme
        px = theme.px
        pad = px(4)
        height = theme.line_height("body") + px(6)
        width = theme.text_size("Paint", "body", "Medium")[0] + px(16)
        self.rect = pygame.Rect(map_rect.right - width - pad, map_rect.top + pad, width, height)
        self.items = self._layout_bar(theme, height)

    def _layout_bar(self, theme: Theme, height: int) -> dict[str, pygame.Rect]:
        px = theme.px
        gap = px(4)
        x, y = self.map.left + gap, self.map.top + gap
        items: dict[str, pygame.Rect] = {}

        def put(name: str, width: int) -> None:
            nonlocal x, y
            if x + width > self.map.right - gap and x > self.map.left + gap:
                x, y = self.map.left + gap, y + height + gap
            items[name] = pygame.Rect(x, y, width, height)
            x += width + gap

        if self.regression:
            put("ramp", px(110))
        else:
            for k in range(min(MAX_CLASSES, self.classes() + 1)):
                put(f"class{k}", height)
        for name in ("test", "clear", "save", "done"):
            put(name, theme.text_size(self._label(name), "body", "Medium")[0] + px(14))
        return items

    def _label(self, name: str) -> str:
        return {"test": "Test", "clear": "Clear",
                "save": "Save CSV", "done": "Done"}[name]

    def bar_rect(self) -> pygame.Rect:
        rects = list(self.items.values())
        area = rects[0].unionall(rects[1:]) if rects else pygame.Rect(self.map.topleft, (0, 0))
        return area.inflate(self._px(8), self._px(8))

    def _px(self, value: float) -> int:
        return self._theme.px(value) if self._theme is not None else round(value)

    # -- events --------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        pos = event_pos(event)
        if not self.visible:
            return False
        if not self.active:
            if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == _LEFT \
                    and self.hit(pos):
                self.toggle()
                return True
            return False
        if event.type == pygame.MOUSEWHEEL and self.map.collidepoint(self._pointer or (-1, -1)):
            low, high = BRUSH_RANGE
            self.radius = min(high, max(low, self.radius * 1.2 ** getattr(event, "y", 0)))
            return True
        if event.type == pygame.MOUSEMOTION:
            self._pointer = pos
            if self._mode is not None and pos is not None:
                self._continue(pos)
            return self._mode is not None
        if event.type == pygame.MOUSEBUTTONUP and self._mode is not None:
            self._end_stroke(commit=True)
            return True
        if event.type != pygame.MOUSEBUTTONDOWN or pos is None:
            return False
        button = getattr(event, "button", 0)
        if button == _LEFT and self._toolbar_click(pos):
            return True
        if not self.map.collidepoint(pos) or button not in (_LEFT, _RIGHT):
            return False
        shift = bool(getattr(event, "mod", pygame.key.get_mods()) & pygame.KMOD_SHIFT)
        self._mode = "erase" if shift else ("other" if button == _RIGHT else "paint")
        self._last = None
        base = self._points()
        self._base = (base, base.rows())
        self._continue(pos)
        return True

    def _toolbar_click(self, pos: tuple[int, int]) -> bool:
        name = next((n for n, r in self.items.items() if r.collidepoint(pos)), None)
        if name is None:
            return self.bar_rect().collidepoint(pos)  # the card's margin: nothing, but ours
        if name.startswith("class"):
            self.choose_class(int(name[5:]))
        elif name == "ramp":
            rect = self.items["ramp"]
            self.value = round(((pos[0] - rect.left) / max(1, rect.width - 1)) * 2 - 1, 2)
        elif name == "test":  # painting test points: shown, or nothing would appear
            self.to_test = not self.to_test
            if self.to_test and not self._playground().settings.show_test_data:
                self.host.dispatch(Change({"show_test_data": True}))
        elif name == "clear":
            self._commit(OwnPoints.empty(self.regression))
        elif name == "save":
            self.host.save_points_csv()
        else:
            self.toggle()
        return True

    def choose_number(self, number: int) -> None:
        """Keys 1 to 8 while painting: the class `number` (from 1), a new class after the last,
        said so since its first stroke restarts the network; beyond that, why not."""
        classes = self.classes()
        if self.regression:
            self.host.refuse("Painting values: the toolbar's ramp picks one.")
            return
        if number > min(classes + 1, MAX_CLASSES):
            more = f", or {classes + 1} for a new one" if classes < MAX_CLASSES else ""
            self.host.refuse(f"There are {classes} classes: keys 1 to {classes}{more}.")
            return
        self.choose_class(number - 1)
        if number == classes + 1:
            self.host.toast("A new class: its first stroke restarts the network.")

    def choose_class(self, k: int) -> None:
        """The class to paint: k counts from 0 (the keys 1 to 6 and the swatches); the class
        after the last starts a new one; beyond that, or in a regression, nothing."""
        if self.regression or k > self.classes():
            return
        self.chosen = min(k, MAX_CLASSES - 1)

    def _to_data(self, pos: tuple[int, int]) -> tuple[float, float]:
        m = self.map
        x = (pos[0] - m.left) / max(1, m.width - 1) * 12 - 6
        y = 6 - (pos[1] - m.top) / max(1, m.height - 1) * 12
        return x, y

    def _label_now(self) -> float:
        if self.regression:
            return self.value
        if self._mode == "other" and self.classes() == 2:
            return float(1 - self.chosen)
        return float(self.chosen)

    def _continue(self, pos: tuple[int, int]) -> None:
        x, y = self._to_data(pos)
        if self._mode == "erase":
            self._erase_at(x, y)
            return
        if self._mode == "other" and self.classes() != 2:
            return  # the other class is only clear with two
        steps = 1
        if self._last is not None:
            dist = math.dist(self._last, (x, y))
            steps = int(dist / (self.radius * SPRAY_SPACING))
            if steps == 0:
                return
        start = self._last or (x, y)
        for k in range(1, steps + 1):
            t = k / steps if self._last is not None else 1.0
            cx, cy = start[0] + (x - start[0]) * t, start[1] + (y - start[1]) * t
            angle = self._spray.uniform(0, 2 * math.pi, DAB_POINTS)
            reach = self.radius * np.sqrt(self._spray.uniform(0, 1, DAB_POINTS))
            for a, r in zip(angle, reach, strict=True):
                px_, py_ = cx + r * math.cos(a), cy + r * math.sin(a)
                if -6 <= px_ <= 6 and -6 <= py_ <= 6:
                    self._stroke.append((px_, py_, self._label_now(), self.to_test))
        self._last = (x, y)

    def _erase_at(self, x: float, y: float) -> None:
        assert self._base is not None
        rows = self._base[1]
        if self._erased is None:
            self._erased = np.zeros(len(rows), dtype=bool)
        near = (rows[:, 0] - x) ** 2 + (rows[:, 1] - y) ** 2 <= self.radius ** 2
        self._erased |= near

    def _end_stroke(self, commit: bool) -> None:
        stroke, erased, mode, base = self._stroke, self._erased, self._mode, self._base
        self._stroke, self._erased, self._mode, self._last = [], None, None, None
        self._base = None
        if not commit or mode is None or base is None:
            return
        points = base[0]
        if erased is not None and erased.any():
            self._commit(points.without(~erased))
        elif stroke:
            xs, ys, labels, tests = (np.array(c) for c in zip(*stroke, strict=True))
            self._commit(points.joined(OwnPoints.make(xs, ys, labels, tests,
                                                      self.regression)))

    def _commit(self, points: OwnPoints) -> None:
        if not self.host.check_unlocked(LOCK):
            return
        self.host.dispatch(Change({"own_points": points.encode()}))

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible or self.map.width == 0:
            return
        if not self.active:
            draw_text_button(surface, theme, self.rect, "Paint", self.hovered,
                             border=max(1, theme.px(1)))
            return
        self._draw_stroke(surface, theme)
        self._draw_bar(surface, theme)
        if self._pointer is not None and self.map.collidepoint(self._pointer) \
                and not self.bar_rect().collidepoint(self._pointer):
            radius = max(2, round(self.radius / 12 * self.map.width))
            colour = th.ERROR if self._mode == "erase" else th.TEXT
            pygame.draw.circle(surface, colour, self._pointer, radius, width=max(1, theme.px(1)))

    def _draw_stroke(self, surface: pygame.Surface, theme: Theme) -> None:
        size = self.map.width
        radius = theme.px(3)
        for x, y, label, test in self._stroke:
            centre = heatmap.point_pixel(x, y, size, size)
            centre = (centre[0] + self.map.left, centre[1] + self.map.top)
            pygame.draw.circle(surface, heatmap.point_colour(label, self.regression), centre,
                               radius)
            pygame.draw.circle(surface, th.TEST_LINE if test else th.PANEL, centre, radius, 1)
        if self._erased is not None and self._erased.any() and self._base is not None:
            rows = self._base[1][self._erased]
            for x, y, _ in rows:
                centre = heatmap.point_pixel(x, y, size, size)
                pygame.draw.circle(surface, th.ERROR,
                                   (centre[0] + self.map.left, centre[1] + self.map.top),
                                   radius + 1, 1)

    def _draw_bar(self, surface: pygame.Surface, theme: Theme) -> None:
        card = self.bar_rect()
        pygame.draw.rect(surface, th.PANEL, card, border_radius=theme.px(3))
        pygame.draw.rect(surface, th.BORDER, card, width=1, border_radius=theme.px(3))
        for name, rect in self.items.items():
            if name.startswith("class"):
                k = int(name[5:])
                if k < self.classes():
                    pygame.draw.rect(surface, heatmap.CLASS_COLOURS[k], rect.inflate(-4, -4))
                else:  # a new class
                    text = theme.text("+", "value", th.TEXT_MUTED)
                    surface.blit(text, text.get_rect(center=rect.center))
                    pygame.draw.rect(surface, th.BORDER, rect.inflate(-4, -4), width=1)
                if k == self.chosen:
                    pygame.draw.rect(surface, th.ACCENT, rect, width=max(2, theme.px(2)))
            elif name == "ramp":
                bar = rect.inflate(0, -rect.height // 2)
                for i in range(bar.width):
                    value = i / max(1, bar.width - 1) * 2 - 1
                    pygame.draw.line(surface, heatmap.ramp_colour(value),
                                     (bar.left + i, bar.top), (bar.left + i, bar.bottom - 1))
                mark = bar.left + round((self.value + 1) / 2 * (bar.width - 1))
                pygame.draw.line(surface, th.TEXT, (mark, rect.top), (mark, rect.bottom - 1),
                                 max(2, theme.px(2)))
            else:  # Test is filled while it paints test points
                draw_text_button(surface, theme, rect, self._label(name), False,
                                 primary=name == "test" and self.to_test,
                                 border=max(1, theme.px(1)))
        hint = theme.text(HINT, "caption", th.TEXT_MUTED)
        if hint.get_width() <= self.map.width - theme.px(8):
            spot = hint.get_rect(bottomleft=(self.map.left + theme.px(4),
                                             self.map.bottom - theme.px(4)))
            pygame.draw.rect(surface, th.PANEL, spot.inflate(theme.px(6), theme.px(2)))
            surface.blit(hint, spot)
