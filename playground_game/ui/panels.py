"""The scene's panels: top bar, data panel and output panel, built from one table of controls.

`CONTROLS` declares every dropdown, slider and checkbox once (its Settings field, caption, values
and the name a teacher uses to hide it); the values come from the model's tables, never retyped.
`Scene` owns the widgets, places them from a `Layout`, routes events to them in z-order and draws
the panels. The features column and hidden layers are the NetworkView's; the app places it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pygame

from playground_game.model.core.datasets import (
    CLASSIFICATION,
    DATASETS,
    PROBLEMS,
    REGRESSION,
)
from playground_game.model.lessons import locked_message
from playground_game.model.playground import Action, Change, Playground
from playground_game.model.settings import (
    ACTIVATION_LABELS,
    ACTIVATIONS,
    BATCH_RANGE,
    LEARNING_RATES,
    NOISE_RANGE,
    NOISE_STEP,
    PERC_TRAIN_RANGE,
    PERC_TRAIN_STEP,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
    Settings,
    format_number,
)
from playground_game.ui import heatmap
from playground_game.ui import theme as th
from playground_game.ui.layout import (
    CALLOUTS,
    CODE_BUTTONS,
    CODE_CAPTION,
    DATASET_PROMPT,
    HEATMAP_LABELS,
    OUTPUT_NOTE,
    THUMBNAIL_SLOTS,
    Layout,
)
from playground_game.ui.lessons_view import LessonsButton, draw_locked
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Binding,
    Button,
    Checkbox,
    Dropdown,
    Slider,
    Thumbnail,
    Widget,
    draw_wrapped,
    event_pos,
)

SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100)
POINTS_KEY = (0xFF, 0x00, 0xFF)  # transparent colour of the data points layer (never a point's)
GRID = 100


class Host(Protocol):
    """What the panels need from the app: its state and its commands."""

    playing: bool
    speed: int
    presenting: bool

    @property
    def locked_controls(self) -> frozenset[str]: ...

    def dispatch(self, action: Action) -> None: ...
    def toggle_play(self) -> None: ...
    def step(self) -> None: ...
    def reset(self) -> None: ...
    def regenerate(self) -> None: ...
    def toggle_help(self) -> None: ...
    def set_speed(self, speed: int) -> None: ...
    def open_levels(self) -> None: ...
    def toast(self, text: str) -> None: ...
    def share(self) -> None: ...
    def open_code_dialog(self) -> None: ...
    def open_customize(self) -> None: ...


@dataclass(frozen=True)
class ControlSpec:
    """One control: the widget kind, the Settings field it edits, how it is shown."""

    name: str
    kind: str  # "dropdown" | "slider" | "checkbox"
    field: str  # a Settings field, or an attribute of the app when app_state
    caption: str
    hide_key: str | None = None
    values: tuple = ()
    format: Callable[[Any], str] = str
    range: tuple[int, int] = (0, 1)
    step: int = 1
    app_state: bool = False


def _regularization_label(value: str) -> str:
    return "None" if value == "none" else value


CONTROLS: tuple[ControlSpec, ...] = (
    ControlSpec("learning_rate", "dropdown", "learning_rate", "Learning rate", "learningRate",
                LEARNING_RATES, format_number),
    ControlSpec("activation", "dropdown", "activation", "Activation", "activation",
                ACTIVATIONS, ACTIVATION_LABELS.__getitem__),
    ControlSpec("regularization", "dropdown", "regularization", "Regularization",
                "regularization", REGULARIZATIONS, _regularization_label),
    ControlSpec("regularization_rate", "dropdown", "regularization_rate", "Regularization rate",
                "regularizationRate", REGULARIZATION_RATES, format_number),
    ControlSpec("problem", "dropdown", "problem", "Problem type", "problem", PROBLEMS,
                str.capitalize),
    ControlSpec("speed", "dropdown", "speed", "Epochs per frame", None, SPEEDS, str,
                app_state=True),
    ControlSpec("perc_train_data", "slider", "perc_train_data", "Ratio of training to test data",
                "percTrainData", format=lambda v: f"{v}%", range=PERC_TRAIN_RANGE,
                step=PERC_TRAIN_STEP),
    ControlSpec("noise", "slider", "noise", "Noise", "noise", range=NOISE_RANGE, step=NOISE_STEP),
    ControlSpec("batch_size", "slider", "batch_size", "Batch size", "batchSize",
                range=BATCH_RANGE),
    ControlSpec("show_test_data", "checkbox", "show_test_data", "Show test data", "showTestData"),
    ControlSpec("discretize", "checkbox", "discretize", "Discretize output", "discretize"),
)


def format_epoch(epoch: int) -> str:
    """000,000 style: six digits zero-padded with a thousands comma; grows past a million."""
    return format(max(0, int(epoch)), "07,")


def format_loss(value: float) -> str:
    return f"{value:.3f}" if math.isfinite(value) else "NaN"


class Scene:
    """The widgets of the top bar, data panel and output panel, and how they are drawn."""

    def __init__(self, host: Host, get_playground: Callable[[], Playground]) -> None:
        self.host = host
        self._pg = get_playground
        self.theme: Theme | None = None
        self.layout: Layout | None = None
        self.widgets: dict[str, Widget] = {}
        self._build()
        self.output = OutputRenderer()

    # -- construction --------------------------------------------------------------------

    def _settings(self) -> Settings:
        return self._pg().settings

    def _binding(self, spec: ControlSpec) -> Binding:
        if spec.app_state:
            return Binding(lambda: getattr(self.host, spec.field),
                           lambda v: getattr(self.host, f"set_{spec.field}")(v))
        return Binding(lambda: getattr(self._settings(), spec.field),
                       lambda v: self.host.dispatch(Change({spec.field: v})))

    def _build(self) -> None:
        host = self.host
        add = self._add
        add(Button("reset", host.reset, icon=lambda: "reset", caption=lambda: "Reset",
                   style="round", hide_key="resetButton"))
        add(Button("play", host.toggle_play, icon=lambda: "pause" if host.playing else "play",
                   caption=lambda: "Pause" if host.playing else "Play", style="primary",
                   hide_key="playButton"))
        add(Button("step", host.step, icon=lambda: "step", caption=lambda: "Step",
                   style="round", hide_key="stepButton"))
        add(Button("help", host.toggle_help, label="?", style="round"))
        add(LessonsButton(host.open_levels))
        add(Button("regenerate", host.regenerate, label="Regenerate", hide_key="dataset"))
        add(Button("share", host.share, label="Share"))
        add(Button("open_code", host.open_code_dialog, label="Open"))
        add(Button("customize", host.open_customize, label="Customize"))
        for spec in CONTROLS:
            binding = self._binding(spec)
            if spec.kind == "dropdown":
                add(Dropdown(spec.name, spec.caption, spec.values, spec.format, binding,
                             spec.hide_key))
            elif spec.kind == "slider":
                add(Slider(spec.name, spec.caption, *spec.range, spec.step, spec.format, binding,
                           spec.hide_key))
            else:
                add(Checkbox(spec.name, spec.caption, binding, spec.hide_key))
        for d in DATASETS:
            field_name = "dataset" if d.problem == CLASSIFICATION else "reg_dataset"
            add(Thumbnail(
                f"dataset:{d.key}", d.label, d.thumbnail, d.problem == REGRESSION,
                is_selected=lambda key=d.key: self._settings().current_dataset == key,
                on_select=lambda key=d.key, f=field_name: self.host.dispatch(Change({f: key})),
                hide_key="dataset"))
        self._problems = {d.key: d.problem for d in DATASETS}

    def _add(self, widget: Widget) -> None:
        self.widgets[widget.name] = widget

    # -- layout --------------------------------------------------------------------------

    def set_layout(self, layout: Layout, theme: Theme) -> None:
        """Place every widget from the layout's slots."""
        self.layout = layout
        self.theme = theme
        bounds = pygame.Rect((0, 0), layout.size)
        for name, widget in self.widgets.items():
            if name in layout.slots:
                widget.rect = layout.slots[name].copy()
            if isinstance(widget, Dropdown):
                widget.bounds = bounds
                widget.set_open(False)
            if isinstance(widget, Slider):
                widget.set_theme(theme)
        self._place_thumbnails()

    def _place_thumbnails(self) -> None:
        if self.layout is None:
            return
        problem = self._settings().problem
        slot = 0
        for name, widget in self.widgets.items():
            if isinstance(widget, Thumbnail):
                key = name.split(":", 1)[1]
                if self._problems[key] == problem and slot < THUMBNAIL_SLOTS:
                    widget.rect = self.layout.slots[f"thumb{slot}"].copy()
                    slot += 1
                else:
                    widget.rect = pygame.Rect(0, 0, 0, 0)

    def sync(self) -> None:
        """Visibility from the settings: hidden components are not shown and take no input."""
        settings = self._settings()
        hidden = settings.hidden
        presenting = self.host.presenting
        for widget in self.widgets.values():
            shown = widget.hide_key is None or widget.hide_key not in hidden
            if presenting and (isinstance(widget, Slider) or widget.name == "regenerate"):
                shown = False  # presentation mode: only the dataset thumbnails stay
            if widget.name in CODE_BUTTONS and (self.layout is None
                                                or widget.name not in self.layout.slots):
                shown = False  # no room for it in this layout (presenting, a short window)
            if isinstance(widget, Thumbnail):
                key = widget.name.split(":", 1)[1]
                shown = shown and self._problems[key] == settings.problem
            widget.visible = shown
        self._place_thumbnails()

    def open_dropdown(self) -> Dropdown | None:
        for widget in self.widgets.values():
            if isinstance(widget, Dropdown) and widget.open:
                return widget
        return None

    def close_menus(self) -> bool:
        dropdown = self.open_dropdown()
        if dropdown is None:
            return False
        dropdown.set_open(False)
        return True

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A widget's rect by name, or an open dropdown's option as "name=value"."""
        if "=" in name:
            base, _, text = name.partition("=")
            widget = self.widgets.get(base)
            if isinstance(widget, Dropdown):
                for value in widget.values:
                    if str(value) == text or widget.format_value(value) == text:
                        return widget.option_rect(value)
            return None
        widget = self.widgets.get(name)
        if widget is None or not widget.visible:
            return None
        return widget.rect

    # -- events --------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Give the event to the open dropdown first, then to every widget; True if consumed."""
        self.sync()
        dropdown = self.open_dropdown()
        if dropdown is not None:
            for widget in self.widgets.values():
                if widget is not dropdown:
                    widget.track_hover(event)
            return dropdown.handle_event(event)
        if self._refuse_locked(event):
            return True
        consumed = False
        motion = event.type == pygame.MOUSEMOTION
        for widget in self.widgets.values():
            if consumed and not motion:
                widget.track_hover(event)  # every widget keeps its hover state right
                continue
            if widget.handle_event(event):
                consumed = True
        return consumed

    def locked(self) -> frozenset[str]:
        """Controls a lesson fixes: shown, but a click only says they are fixed."""
        return self.host.locked_controls

    def _refuse_locked(self, event: pygame.event.Event) -> bool:
        locked = self.locked()
        if not locked or event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
            return False
        pos = event_pos(event)
        for widget in self.widgets.values():
            if widget.hide_key in locked and (widget.hit(pos) or (
                    event.type == pygame.MOUSEWHEEL and widget.visible and widget.hovered)):
                if event.type == pygame.MOUSEBUTTONDOWN:
                    self.host.toast(locked_message(widget.hide_key))
                return True
        return False

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, pg: Playground,
             hovered_map: np.ndarray | None) -> None:
        """Top bar, data panel and output panel (not the open dropdown list: draw_overlays)."""
        assert self.theme is not None and self.layout is not None
        self.sync()
        theme, layout = self.theme, self.layout
        self._draw_top_bar(surface, pg, theme, layout)
        self._draw_data_panel(surface, pg, theme, layout)
        self.output.draw(surface, pg, theme, layout, hovered_map, self.widgets)
        draw_locked(surface, theme, self.widgets.values(), self.locked())
        if not pg.settings.hide_text and "callouts" in layout.slots:
            draw_wrapped(surface, theme, layout.slots["callouts"], CALLOUTS, "caption",
                        th.TEXT_MUTED)

    def draw_overlays(self, surface: pygame.Surface) -> None:
        assert self.theme is not None
        dropdown = self.open_dropdown()
        if dropdown is not None:
            dropdown.draw_list(surface, self.theme)

    def _draw_top_bar(self, surface: pygame.Surface, pg: Playground, theme: Theme,
                      layout: Layout) -> None:
        pygame.draw.rect(surface, th.HEADER, layout.panels["top_bar"])
        for name in ("reset", "play", "step", "help", "lessons", "learning_rate", "activation",
                     "regularization", "regularization_rate", "problem", "speed"):
            self.widgets[name].draw(surface, theme)
        slot = layout.slots["epoch"]
        surface.blit(theme.text("Epoch", "caption", th.HEADER_MUTED), slot.topleft)
        counter = theme.text(format_epoch(pg.epoch), "counter", th.HEADER_TEXT, "Medium")
        cap_h = theme.line_height("caption")
        surface.blit(counter, counter.get_rect(
            midleft=(slot.left, slot.top + cap_h + (slot.height - cap_h) // 2)))

    def _draw_data_panel(self, surface: pygame.Surface, pg: Playground, theme: Theme,
                         layout: Layout) -> None:
        slots = layout.slots
        title = slots["data_title"]
        surface.blit(theme.text("DATA", "title", th.TEXT, "Bold"), title.topleft)
        if "dataset" not in pg.settings.hidden:
            shown = next((w for w in self.widgets.values()
                          if isinstance(w, Thumbnail) and w.visible and w.hovered), None)
            label = shown.label if shown else next(
                d.label for d in DATASETS if d.key == pg.settings.current_dataset)
            text = theme.text(label, "caption", th.TEXT_MUTED)
            surface.blit(text, text.get_rect(bottomright=title.bottomright))
            if "dataset_prompt" in slots:  # not while presenting, nor with hideText
                draw_wrapped(surface, theme, slots["dataset_prompt"], (DATASET_PROMPT,),
                            "caption", th.TEXT_MUTED)
        for widget in self.widgets.values():
            if isinstance(widget, (Thumbnail, Slider)) or widget.name == "regenerate":
                widget.draw(surface, theme)
        if "code_caption" in slots:
            surface.blit(theme.text(CODE_CAPTION, "caption", th.TEXT_MUTED),
                         slots["code_caption"].topleft)
            for name in CODE_BUTTONS:
                self.widgets[name].draw(surface, theme)


class OutputRenderer:
    """The output panel: losses, loss chart, large heatmap with points and axes, legend.

    The heatmap is repainted only when the model's revision, the map shown, the data or the
    size changed; the chart only when the history changed. A paused app redraws from caches.
    """

    def __init__(self) -> None:
        self._src = pygame.Surface((GRID, GRID), 0, 32)
        self._map_key: tuple | None = None
        self._last_map: np.ndarray | None = None
        self._heatmap: pygame.Surface | None = None
        self._points_key: tuple | None = None
        self._points: pygame.Surface | None = None
        self._chart_key: tuple | None = None
        self._chart: pygame.Surface | None = None
        self._range: tuple[int, int, int, float, float] | None = None  # ids, length, lo, hi
        self.paints = 0  # heatmap repaints, for tests and the benchmark

    # -- large heatmap -------------------------------------------------------------------

    def _map_values(self, pg: Playground, hovered_map: np.ndarray | None) -> np.ndarray:
        if hovered_map is not None:
            return hovered_map
        net = pg.network
        return pg.unit_grids()[net.unit_index(net.num_layers - 1, 0)]

    def heatmap_surface(self, pg: Playground, size: int,
                        hovered_map: np.ndarray | None) -> pygame.Surface:
        """The large map at `size` pixels, repainted only when something it shows changed."""
        hovered = hovered_map is not None
        key = (pg.revision, pg.settings.discretize, size, hovered)
        if key == self._map_key and self._heatmap is not None and (
            not hovered or (self._last_map is not None
                            and np.array_equal(self._last_map, hovered_map, equal_nan=True))
        ):
            return self._heatmap
        values = self._map_values(pg, hovered_map)
        heatmap.paint(self._src, values, pg.settings.discretize)
        if self._heatmap is None or self._heatmap.get_size() != (size, size):
            self._heatmap = pygame.Surface((size, size), 0, 32)
        pygame.transform.smoothscale(self._src, (size, size), self._heatmap)
        self._map_key = key
        self._last_map = np.array(hovered_map, copy=True) if hovered else None
        self.paints += 1
        return self._heatmap

    def points_surface(self, pg: Playground, size: int, radius: int) -> pygame.Surface:
        """Training points (white outline) and, when shown, test points (black outline)."""
        key = (id(pg.data), pg.settings.show_test_data, pg.settings.problem, size, radius)
        if key == self._points_key and self._points is not None:
            return self._points
        # Opaque with a colour key, run-length encoded: a 4K map's sparse points blit in a
        # seventh of the time per-pixel alpha takes, every frame.
        surf = pygame.Surface((size, size), 0, 32)
        surf.fill(POINTS_KEY)
        regression = pg.settings.problem == REGRESSION
        sets = [(pg.data.train, th.PANEL)]
        if pg.settings.show_test_data:
            sets.append((pg.data.test, th.TEST_LINE))
        for points, outline in sets:
            for x, y, label in points:
                centre = heatmap.point_pixel(x, y, size, size)
                pygame.draw.circle(surf, heatmap.point_colour(label, regression), centre, radius)
                pygame.draw.circle(surf, outline, centre, radius, 1)
        surf.set_colorkey(POINTS_KEY, pygame.RLEACCEL)
        self._points_key = key
        self._points = surf
        return surf

    # -- chart ---------------------------------------------------------------------------

    def _loss_range(self, pg: Playground) -> tuple[float, float] | None:
        """min..max of both series since reset, kept incrementally (histories grow long)."""
        train, test = pg.train_losses, pg.test_losses
        ids = (id(train), id(test))
        start = 0
        lo, hi = math.inf, -math.inf
        if self._range is not None and self._range[:2] == ids and self._range[2] <= len(train):
            start = max(0, self._range[2] - 1)
            lo, hi = self._range[3], self._range[4]
        for series in (train, test):
            tail = np.asarray(series[start:], dtype=np.float64)
            tail = tail[np.isfinite(tail)]
            if tail.size:
                lo = min(lo, float(tail.min()))
                hi = max(hi, float(tail.max()))
        self._range = (*ids, len(train), lo, hi)
        return (lo, hi) if lo <= hi else None

    def chart_surface(self, pg: Playground, rect: pygame.Rect, theme: Theme) -> pygame.Surface:
        train, test = pg.train_losses, pg.test_losses
        key = (id(train), len(train), pg.revision, rect.size)
        if key == self._chart_key and self._chart is not None:
            return self._chart
        surf = pygame.Surface(rect.size)
        surf.fill(th.BACKGROUND)
        pygame.draw.line(surf, th.BORDER, (0, rect.height - 1), (rect.width, rect.height - 1))
        value_range = self._loss_range(pg)
        n = len(train)
        if value_range is not None and n >= 2:  # one point is no line: empty, as the original
            lo, hi = value_range
            span = hi - lo if hi > lo else 1.0
            pad = theme.px(2)
            height = rect.height - 2 * pad - 1
            count = min(n, max(2, rect.width))
            index = np.linspace(0, n - 1, count).round().astype(np.int64)
            xs = np.linspace(0, rect.width - 1, count)
            width = max(1, theme.px(1.5))
            for series, colour in ((train, th.TRAIN_LINE), (test, th.TEST_LINE)):
                values = np.asarray([series[k] for k in index], dtype=np.float64)
                ys = pad + height - (values - lo) / span * height
                _polyline(surf, colour, xs, ys, width)
        self._chart_key = key
        self._chart = surf
        return surf

    # -- the panel -----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, pg: Playground, theme: Theme, layout: Layout,
             hovered_map: np.ndarray | None, widgets: dict[str, Widget]) -> None:
        slots = layout.slots
        surface.blit(theme.text("OUTPUT", "title", th.TEXT, "Bold"), slots["output_title"])
        for name, label, value in (("test_loss", "Test loss", pg.test_loss),
                                   ("train_loss", "Training loss", pg.train_loss)):
            rect = slots[name]
            caption = theme.text(label, "value", th.TEXT_MUTED)
            surface.blit(caption, caption.get_rect(midleft=rect.midleft))
            shown = theme.text(format_loss(value), "value", th.TEXT, "Medium")
            surface.blit(shown, shown.get_rect(midright=rect.midright))
        chart = slots["chart"]
        surface.blit(self.chart_surface(pg, chart, theme), chart)

        hovered = hovered_map is not None
        explained, short = HEATMAP_LABELS["hovered" if hovered else "output"]
        label = explained if layout.explain and not pg.settings.hide_text else short
        draw_wrapped(surface, theme, slots["heatmap_label"], (label,), "caption", th.TEXT_MUTED)

        rect = slots["heatmap"]
        surface.blit(self.heatmap_surface(pg, rect.width, hovered_map), rect)
        surface.blit(self.points_surface(pg, rect.width, theme.px(3)), rect)
        pygame.draw.rect(surface, th.BORDER, rect, width=1)
        self._draw_axes(surface, theme, layout)
        self._draw_legend(surface, theme, slots["legend"])
        widgets["show_test_data"].draw(surface, theme)
        widgets["discretize"].draw(surface, theme)
        if "output_note" in slots and not pg.settings.hide_text:
            draw_wrapped(surface, theme, slots["output_note"],
                        (OUTPUT_NOTE,), "caption", th.TEXT_MUTED)

    def _draw_axes(self, surface: pygame.Surface, theme: Theme, layout: Layout) -> None:
        hm = layout.slots["heatmap"]
        x_axis, y_axis = layout.slots["x_axis"], layout.slots["y_axis"]
        tick = theme.px(4)
        for v in range(-6, 7):
            fx = hm.left + (v + 6) / 12 * (hm.width - 1)
            fy = hm.top + (6 - v) / 12 * (hm.height - 1)
            pygame.draw.line(surface, th.TEXT_MUTED, (fx, hm.bottom), (fx, hm.bottom + tick))
            pygame.draw.line(surface, th.TEXT_MUTED, (hm.right, fy), (hm.right + tick, fy))
            if v % 2:
                continue
            text = theme.text(str(v), "caption", th.TEXT_MUTED)
            r = text.get_rect(midtop=(round(fx), x_axis.top + tick // 2))
            r.clamp_ip(x_axis)
            surface.blit(text, r)
            r = text.get_rect(midleft=(y_axis.left + tick + theme.px(2), round(fy)))
            r.clamp_ip(y_axis)
            surface.blit(text, r)

    def _draw_legend(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        bar_h = theme.px(10)
        colours = heatmap.PALETTE[: heatmap.NUM_COLOURS]
        n = len(colours)
        for k, colour in enumerate(colours):
            x0 = rect.left + round(k * rect.width / n)
            x1 = rect.left + round((k + 1) * rect.width / n)
            pygame.draw.rect(surface, tuple(int(c) for c in colour), (x0, rect.top, x1 - x0, bar_h))
        top = rect.top + bar_h + theme.px(2)
        for value, anchor, x in ((-1, "left", rect.left), (0, "centerx", rect.centerx),
                                 (1, "right", rect.right)):
            text = theme.text(str(value), "caption", th.TEXT_MUTED)
            surface.blit(text, text.get_rect(top=top, **{anchor: x}))


def _polyline(surface: pygame.Surface, colour: tuple[int, int, int], xs: np.ndarray,
              ys: np.ndarray, width: int) -> None:
    """Lines through the finite points; NaN or inf breaks the line instead of breaking the app."""
    finite = np.isfinite(ys)
    segment: list[tuple[float, float]] = []
    for x, y, ok in zip(xs.tolist(), ys.tolist(), finite.tolist(), strict=True):
        if ok:
            segment.append((x, y))
            continue
        _flush(surface, colour, segment, width)
        segment = []
    _flush(surface, colour, segment, width)


def _flush(surface: pygame.Surface, colour: tuple[int, int, int],
           segment: list[tuple[float, float]], width: int) -> None:
    if len(segment) >= 2:
        pygame.draw.lines(surface, colour, False, segment, width)
    elif len(segment) == 1:
        pygame.draw.circle(surface, colour, segment[0], max(1, width))
