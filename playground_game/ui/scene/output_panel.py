"""The output panel: losses, the loss chart, the large heatmap with points and axes, the legend.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from playground_game.model import metrics as metrics_module
from playground_game.model.core.datasets import (
    REGRESSION,
)
from playground_game.model.playground import Playground
from playground_game.ui import heatmap
from playground_game.ui import theme as th
from playground_game.ui.layout import Layout
from playground_game.ui.layout_output import CLASSES_NOTE, HEATMAP_LABELS, OUTPUT_NOTE
from playground_game.ui.scene.class_table import draw_class_table
from playground_game.ui.scene.layer_view import LayerView
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Widget,
    draw_wrapped,
)

POINTS_KEY = (0xFF, 0x00, 0xFF)  # transparent colour of the data points layer (never a point's)
GRID = 100
NO_POINTS = "\u2013"  # a measure of no points (a blank canvas): a dash, not NaN
def format_loss(value: float) -> str:
    return f"{value:.3f}" if math.isfinite(value) else "NaN"
class OutputRenderer:
    """The output panel: losses, loss chart, large heatmap with points and axes, legend.

    The heatmap is repainted only when the model's revision, the map shown, the data or the
    size changed; the chart only when the history changed. A paused app redraws from caches.
    """

    def __init__(self) -> None:
        self._src = pygame.Surface((GRID, GRID), 0, 32)
        self._indices = heatmap.indexed_surface((GRID, GRID))
        self._class_indices = heatmap.indexed_surface((GRID, GRID), heatmap.CLASS_PALETTE)
        self._bar: pygame.Surface | None = None
        self._map_key: tuple | None = None
        self._last_map: np.ndarray | None = None
        self._heatmap: pygame.Surface | None = None
        self._scaled_from: tuple[int, int] | None = None
        self._points_key: tuple | None = None
        self._points: pygame.Surface | None = None
        self._chart_key: tuple | None = None
        self._chart: pygame.Surface | None = None
        self._range: tuple[int, int, int, float, float] | None = None  # ids, length, lo, hi
        self.paints = 0  # heatmap repaints, for tests and the benchmark
        self._metrics_key: tuple | None = None
        self._metrics: dict[str, float] = {}
        self._confusion_key: tuple | None = None
        self._confusion: tuple[np.ndarray, str] = (np.zeros((0, 0), dtype=np.int64), "test")

    # -- large heatmap -------------------------------------------------------------------

    def _map_values(self, playground: Playground, hovered_map: np.ndarray | None) -> np.ndarray:
        if hovered_map is not None:
            return hovered_map
        net = playground.network
        return playground.unit_grids()[net.output_units()[0]]  # the first output's map

    def _paint_source(self, playground: Playground, hovered_map: np.ndarray | None) -> None:
        """The map at the grid's size, repainted only when something it shows changed."""
        hovered = hovered_map is not None
        key = (playground.revision, playground.settings.discretize, hovered)
        if key == self._map_key and (
            not hovered or (self._last_map is not None
                            and np.array_equal(self._last_map, hovered_map, equal_nan=True))
        ):
            return
        discretize = playground.settings.discretize
        if not hovered and playground.objective.softmax:  # the most likely class, how sure
            net = playground.network
            units = net.output_units()
            shown = playground.unit_grids()[units.start:units.stop]
            pygame.surfarray.blit_array(self._class_indices,
                                        heatmap.class_indices(shown, discretize).T)
            self._src.blit(self._class_indices, (0, 0))
        else:
            values = self._map_values(playground, hovered_map)
            heatmap.paint(self._src, values, discretize, indexed=self._indices)
        self._map_key = key
        self._last_map = np.array(hovered_map, copy=True) if hovered else None
        self.paints += 1

    def heatmap_surface(self, playground: Playground, size: int,
                        hovered_map: np.ndarray | None) -> pygame.Surface:
        """The large map at `size` pixels (a race's cells), scaled again only when it changed."""
        self._paint_source(playground, hovered_map)
        if self._heatmap is None or self._scaled_from != (self.paints, size):
            if self._heatmap is None or self._heatmap.get_size() != (size, size):
                self._heatmap = pygame.Surface((size, size), 0, 32)
            pygame.transform.smoothscale(self._src, (size, size), self._heatmap)
            self._scaled_from = (self.paints, size)  # the source's paint it was scaled from
        return self._heatmap

    def draw_heatmap(self, surface: pygame.Surface, rect: pygame.Rect, playground: Playground,
                     hovered_map: np.ndarray | None) -> None:
        """The large map scaled straight into `rect`: while training it changes every frame,
        and a scaled copy kept for the frames where it does not cost its blit on every other
        (0.5 ms a frame at 4K), where scaling again costs about as much as that blit."""
        self._paint_source(playground, hovered_map)
        if surface.get_rect().contains(rect) and surface.get_bitsize() == self._src.get_bitsize():
            pygame.transform.smoothscale(self._src, rect.size, surface.subsurface(rect))
        else:  # (partly) off the surface, or a surface of another format
            surface.blit(self.heatmap_surface(playground, rect.width, hovered_map), rect)

    def points_surface(self, playground: Playground, size: int, radius: int) -> pygame.Surface:
        """Training points (white outline) and, when shown, test points (black outline)."""
        settings = playground.settings
        key = (id(playground.data), settings.show_test_data, settings.problem, size, radius)
        if key == self._points_key and self._points is not None:
            return self._points
        # Opaque with a colour key, run-length encoded: a 4K map's sparse points blit in a
        # seventh of the time per-pixel alpha takes, every frame.
        surf = pygame.Surface((size, size), 0, 32)
        surf.fill(POINTS_KEY)
        regression = playground.settings.problem == REGRESSION
        sets = [(playground.data.train, th.PANEL)]
        if playground.settings.show_test_data:
            sets.append((playground.data.test, th.TEST_LINE))
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

    def _loss_range(self, playground: Playground) -> tuple[float, float] | None:
        """min..max of both series since reset, kept incrementally (histories grow long)."""
        train, test = playground.train_losses, playground.test_losses
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

    def chart_surface(self, playground: Playground, rect: pygame.Rect,
                      theme: Theme) -> pygame.Surface:
        train, test = playground.train_losses, playground.test_losses
        key = (id(train), len(train), playground.revision, rect.size)
        if key == self._chart_key and self._chart is not None:
            return self._chart
        surf = pygame.Surface(rect.size)
        surf.fill(th.BACKGROUND)
        pygame.draw.line(surf, th.BORDER, (0, rect.height - 1), (rect.width, rect.height - 1))
        value_range = self._loss_range(playground)
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

    def metrics(self, playground: Playground) -> dict[str, float]:
        """The metrics of the network now (accuracy or R² and RMSE), once per model revision."""
        key = (id(playground), playground.revision)
        if key != self._metrics_key:
            with np.errstate(all="ignore"):
                self._metrics = metrics_module.metrics(playground)
            self._metrics_key = key
        return self._metrics

    def confusion(self, playground: Playground) -> tuple[np.ndarray, str]:
        """The confusion matrix now and its data ("test" or "training"), once per revision."""
        key = (id(playground), playground.revision, id(playground.data))
        if key != self._confusion_key:
            with np.errstate(all="ignore"):
                self._confusion = metrics_module.confusion(playground)
            self._confusion_key = key
        return self._confusion

    def hovered_epoch(self, playground: Playground, chart: pygame.Rect, x: int) -> int:
        """The epoch under x on the chart (the chart spreads every epoch over its width)."""
        n = len(playground.train_losses)
        fraction = min(1.0, max(0.0, (x - chart.left) / max(1, chart.width - 1)))
        return round(fraction * (n - 1))

    def chart_hover_lines(self, playground: Playground, epoch: int) -> list[str]:
        """The hover card's lines: the epoch, its losses and its metrics (recorded for every
        epoch: accuracy, or R² and RMSE)."""
        values = {"Training loss": playground.train_losses[epoch],
                  "Test loss": playground.test_losses[epoch]}
        lines = [f"Epoch {epoch}"] + [f"{k}: {format_loss(v)}" for k, v in values.items()]
        now = epoch == len(playground.train_losses) - 1
        with np.errstate(all="ignore"):
            extra = self.metrics(playground) if now else metrics_module.metrics(playground, epoch)
        return lines + [f"{k}: {metrics_module.format_metric(k, v)}" for k, v in extra.items()]

    def _draw_chart_hover(self, surface: pygame.Surface, playground: Playground, theme: Theme,
                          chart: pygame.Rect, x: int) -> None:
        """A line at the hovered epoch and a card with that epoch's losses and metrics."""
        epoch = self.hovered_epoch(playground, chart, x)
        pygame.draw.line(surface, th.TEXT_MUTED, (x, chart.top), (x, chart.bottom - 1))
        texts = [theme.text(line, "caption", th.TEXT)
                 for line in self.chart_hover_lines(playground, epoch)]
        pad = theme.px(6)
        width = max(t.get_width() for t in texts) + 2 * pad
        height = sum(t.get_height() for t in texts) + 2 * pad
        card = pygame.Rect(0, chart.bottom + theme.px(4), width, height)
        card.centerx = x
        card.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, th.PANEL, card, border_radius=theme.px(3))
        pygame.draw.rect(surface, th.BORDER, card, width=1, border_radius=theme.px(3))
        y = card.top + pad
        for text in texts:
            surface.blit(text, (card.left + pad, y))
            y += text.get_height()

    def draw(self, surface: pygame.Surface, playground: Playground, theme: Theme, layout: Layout,
             hovered_map: np.ndarray | None, widgets: dict[str, Widget],
             chart_hover: int | None = None, layer_view: LayerView | None = None) -> None:
        """The panel; the map shows `layer_view`'s hidden layer instead while it has one."""
        slots = layout.slots
        surface.blit(theme.text("OUTPUT", "title", th.TEXT, "Bold"), slots["output_title"])
        widgets["formula"].draw(surface, theme)
        first_metric = next(iter(self.metrics(playground).items()), None)
        data = playground.data
        no_test, no_train = data.test.shape[0] == 0, data.train.shape[0] == 0
        rows = [("test_loss", "Test loss",
                 NO_POINTS if no_test else format_loss(playground.test_loss)),
                ("train_loss", "Training loss",
                 NO_POINTS if no_train else format_loss(playground.train_loss))]
        if first_metric is not None and "metric" in slots:
            name, value = first_metric
            rows.append(("metric", name, NO_POINTS if no_test
                         else metrics_module.format_metric(name, value)))
        for slot, label, text in rows:
            rect = slots[slot]
            caption = theme.text(label, "value", th.TEXT_MUTED)
            surface.blit(caption, caption.get_rect(midleft=rect.midleft))
            shown = theme.text(text, "value", th.TEXT, "Medium")
            surface.blit(shown, shown.get_rect(midright=rect.midright))
        chart = slots["chart"]
        surface.blit(self.chart_surface(playground, chart, theme), chart)

        explain = layout.explain and not playground.settings.hide_text
        if layer_view is not None and layer_view.shown() is not None:
            layer_view.draw(surface, theme, slots, playground)  # first: it names its picture
            draw_wrapped(surface, theme, slots["heatmap_label"], (layer_view.caption(explain),),
                         "caption", th.TEXT)
        else:
            hovered = hovered_map is not None
            explained, short = HEATMAP_LABELS["hovered" if hovered else "output"]
            draw_wrapped(surface, theme, slots["heatmap_label"],
                         (explained if explain else short,), "caption", th.TEXT_MUTED)
            rect = slots["heatmap"]
            self.draw_heatmap(surface, rect, playground, hovered_map)
            surface.blit(self.points_surface(playground, rect.width, theme.px(3)), rect)
            pygame.draw.rect(surface, th.BORDER, rect, width=1)
            self._draw_axes(surface, theme, layout)
        if "classes" in slots and playground.objective.softmax:
            draw_class_table(surface, theme, slots["classes"], *self.confusion(playground))
        elif "legend" in slots and not (layer_view is not None and layer_view.shown() is not None
                                        and playground.classes > 0):
            self._draw_legend(surface, theme, slots["legend"])  # the layer view has no shading
        widgets["show_test_data"].draw(surface, theme)
        widgets["discretize"].draw(surface, theme)
        if "output_note" in slots and not playground.settings.hide_text:
            note = CLASSES_NOTE if "classes" in slots else OUTPUT_NOTE
            draw_wrapped(surface, theme, slots["output_note"], (note,), "caption",
                         th.TEXT_MUTED)
        if chart_hover is not None:  # last: its card lies over the heatmap
            self._draw_chart_hover(surface, playground, theme, chart, chart_hover)

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
            r = text.get_rect(midleft=(y_axis.left + tick + theme.px(5), round(fy)))
            r.clamp_ip(y_axis)
            surface.blit(text, r)

    def _legend_bar(self, width: int, height: int) -> pygame.Surface:
        """The legend's colour bar, drawn once per size (31 rects a frame cost more)."""
        if self._bar is None or self._bar.get_size() != (width, height):
            self._bar = pygame.Surface((width, height), 0, 32)
            colours = heatmap.PALETTE[: heatmap.NUM_COLOURS].tolist()
            n = len(colours)
            for k, colour in enumerate(colours):
                x0 = round(k * width / n)
                x1 = round((k + 1) * width / n)
                pygame.draw.rect(self._bar, colour, (x0, 0, x1 - x0, height))
        return self._bar

    def _draw_legend(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        bar_h = theme.px(10)
        surface.blit(self._legend_bar(rect.width, bar_h), rect.topleft)
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
