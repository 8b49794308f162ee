"""The output panel's rectangles: losses and chart, the map with its axes, legend, checkboxes.

Part of the layout (layout.py places the panels; this fills the output column and measures the
widths the column needs: the map that fills its height, the least its text needs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from playground_game.ui.controls import CONTROLS
from playground_game.ui.theme import Theme

OUTPUT_NOTE = "Colours show data, neuron and weight values: orange is -1, grey 0, blue +1."
# With more than two classes the map shows classes; units and weights keep the ramp.
CLASSES_NOTE = ("The map shows the most likely class, paler where the network is less sure. "
                "Units and weights: orange is -1, grey 0, blue +1.")
# The caption over the large heatmap: (explained, short) for the output and a hovered unit.
HEATMAP_LABELS: dict[str, tuple[str, str]] = {
    "output": ("Output of the network; hover any unit to see it here", "Output"),
    "hovered": ("Output of the hovered unit", "Hovered unit"),
}
FORMULA_BUTTON = "Formula"  # right of OUTPUT: the formula panel (also F)
# The widest rows beside the loss chart: the losses, and the first metric (model/metrics.py).
VALUE_ROWS: tuple[tuple[str, str], ...] = (("Training loss", "0.000"), ("Test accuracy", "100.0%"),
                                           ("Test R\u00b2", "-0.000"))
CHECKBOX_LABELS: tuple[str, ...] = tuple(c.caption for c in CONTROLS if c.kind == "checkbox")
CHECKBOXES: tuple[str, ...] = tuple(c.name for c in CONTROLS if c.kind == "checkbox")


@dataclass(frozen=True)
class _OutputSizes:
    """The output panel's fixed parts, measured from the theme's text."""

    row_h: int
    loss_w: int
    chart_h: int
    axis_w: int
    axis_h: int
    legend_h: int
    box: int
    label_ws: tuple[int, int]
    check_h: int
    note_lines: int

    def head(self, theme: Theme) -> int:
        """Height from the panel top to the heatmap caption."""
        return theme.line_height("title") + theme.px(4) + self.chart_h + theme.px(10)

    def tail(self, theme: Theme, stacked: bool) -> int:
        """Height under the heatmap: the x axis, the legend, the checkboxes, the note."""
        px = theme.px
        checks = self.check_h * 2 + px(4) if stacked else self.check_h
        note = px(6) + self.note_lines * theme.line_height("caption") if self.note_lines else 0
        return px(2) + self.axis_h + px(6) + self.legend_h + px(8) + checks + note


def class_table_height(theme: Theme, classes: int) -> int:
    """The legend of a map of more than two classes: a title line, then the confusion matrix's
    header row and a row per class; presenting, one row of the classes' colours (the map
    keeps its size for the back row)."""
    rows = 1 if theme.presenting else classes + 2
    return rows * class_row_height(theme) + theme.px(4)


def class_row_height(theme: Theme) -> int:
    return theme.line_height("caption") + theme.px(2)


def _output_sizes(theme: Theme, width: int, explain: bool, classes: int = 0) -> _OutputSizes:
    px = theme.px
    row_h = theme.line_height("value")
    loss_w = max(max(theme.text_size(label, "value")[0]
                     + theme.text_size(value, "value", "Medium")[0] for label, value in VALUE_ROWS)
                 + px(16), px(150))
    label_ws = tuple(px(16) + px(6) + theme.text_size(t, "body")[0] + px(2)
                     for t in CHECKBOX_LABELS)
    note = CLASSES_NOTE if classes > 2 else OUTPUT_NOTE
    note_lines = len(theme.wrap(note, "caption", width)) if explain else 0
    legend_h = (class_table_height(theme, classes) if classes > 2
                else px(10) + theme.line_height("caption") + px(4))
    return _OutputSizes(
        row_h=row_h, loss_w=loss_w, chart_h=max(3 * row_h, px(46)),
        axis_w=theme.text_size("-6", "caption")[0] + px(10),
        axis_h=theme.line_height("caption") + px(4),
        legend_h=legend_h,
        box=px(16), label_ws=label_ws,  # type: ignore[arg-type]
        check_h=max(px(16), theme.line_height("body")) + px(4), note_lines=note_lines)


def _heatmap_label(explain: bool) -> str:
    """The longest caption the heatmap may carry (the layout makes room for it)."""
    index = 0 if explain else 1
    return max((labels[index] for labels in HEATMAP_LABELS.values()), key=len)


def presenting_output_width(theme: Theme, width: int, content_h: int, explain: bool) -> int:
    """The output panel as wide as the heatmap that fills its height, at most 45 % of the width."""
    return map_filling_width(theme, width, content_h, explain, cap=0.45)


def map_filling_width(theme: Theme, width: int, content_h: int, explain: bool,
                       cap: float) -> int:
    """The output panel's width whose heatmap fills the panel's height (at most `cap` of the
    window's width)."""
    sizes = _output_sizes(theme, width, explain)
    label = _heatmap_label(explain)
    lines = 2 if explain else 1  # the caption over the map, wrapped to the map's width
    label_h = lines * theme.line_height("caption") + theme.px(4)
    side = content_h - sizes.head(theme) - label_h - sizes.tail(theme, stacked=True)
    side = min(side, int(width * cap) - sizes.axis_w - theme.px(3))
    if len(theme.wrap(label, "caption", max(1, side))) > lines:
        side -= theme.line_height("caption")
    return max(side + sizes.axis_w + theme.px(3), output_least_width(theme, width, explain))


def output_least_width(theme: Theme, width: int, explain: bool, stacked: bool = False) -> int:
    """The output panel's least width: its checkboxes side by side (or one under the other),
    or a loss row and a chart."""
    sizes = _output_sizes(theme, width, explain)
    checks = max(sizes.label_ws) if stacked else sum(sizes.label_ws) + theme.px(16)
    needed = max(checks, sizes.loss_w + theme.px(80))
    return needed + sizes.axis_w + theme.px(3)


def place_output(slots: dict[str, pygame.Rect], theme: Theme, out: pygame.Rect, explain: bool,
                 shows: Callable[[str], bool], reserve: int = 0,
                 classes: int = 0) -> tuple[int, int]:
    """The output panel's slots in `out` (the checkboxes that `shows`), and the point the links
    end at (the map's left middle). The bottom `reserve` pixels stay free (presenting: the
    notices' strip). With more than two `classes` the legend is the class table ("classes":
    the colours and the confusion matrix) instead of the -1..1 bar."""
    px = theme.px
    x0, w = out.left, out.width
    sizes = _output_sizes(theme, w, explain, classes)
    y = out.top
    title_h = theme.line_height("title")
    formula_w = theme.text_size(FORMULA_BUTTON, "body", "Medium")[0] + px(16)
    slots["formula"] = pygame.Rect(x0 + w - formula_w, y, formula_w, title_h)
    slots["output_title"] = pygame.Rect(x0, y, w - formula_w - px(8), title_h)
    y = slots["output_title"].bottom + px(4)

    row_h, loss_w = sizes.row_h, sizes.loss_w
    slots["test_loss"] = pygame.Rect(x0, y, loss_w, row_h)
    slots["train_loss"] = pygame.Rect(x0, y + row_h, loss_w, row_h)
    slots["metric"] = pygame.Rect(x0, y + 2 * row_h, loss_w, row_h)  # accuracy or R²
    slots["chart"] = pygame.Rect(x0 + loss_w + px(8), y, max(1, w - loss_w - px(8)),
                                 sizes.chart_h)
    y += sizes.chart_h + px(10)

    # The heatmap's side depends on the caption's lines above it, which depend on the side the
    # caption is wrapped to: settle it in a few rounds (the side only shrinks).
    label = _heatmap_label(explain)
    line_h = theme.line_height("caption")
    available = out.bottom - reserve - y
    stacked = sum(sizes.label_ws) + px(16) > w - sizes.axis_w - px(3)
    lines = 1
    side = px(60)
    for _ in range(4):
        label_h = lines * line_h + px(4)
        side = min(w - sizes.axis_w - px(3), available - label_h - sizes.tail(theme, stacked))
        if not stacked and sum(sizes.label_ws) + px(16) > side:
            stacked = True
            continue
        side = max(px(60), side)
        needed = len(theme.wrap(label, "caption", side))
        if needed <= lines:
            break
        lines = needed

    slots["heatmap_label"] = pygame.Rect(x0, y, side, lines * line_h)
    y = slots["heatmap_label"].bottom + px(4)
    heatmap = pygame.Rect(x0, y, side, side)
    slots["heatmap"] = heatmap
    axis_w, axis_h = sizes.axis_w, sizes.axis_h
    slots["y_axis"] = pygame.Rect(heatmap.right + px(3), y - axis_h // 2, axis_w, side + axis_h)
    axis_left = x0  # not left of the map: the links to the output end there
    slots["x_axis"] = pygame.Rect(axis_left, heatmap.bottom + px(2),
                                  slots["y_axis"].left - axis_left, axis_h)
    y = slots["x_axis"].bottom + px(6)
    legend = "classes" if classes > 2 else "legend"
    slots[legend] = pygame.Rect(x0, y, min(side, px(260)) if legend == "legend" else w,
                                sizes.legend_h)
    y = slots[legend].bottom + px(8)
    check_h = sizes.check_h
    checks = [(name, w) for name, w in zip(CHECKBOXES, sizes.label_ws, strict=True)
              if shows(name)]
    x = x0
    for k, (name, label_w) in enumerate(checks):
        if stacked and k:
            y += check_h + px(4)
            x = x0
        slots[name] = pygame.Rect(x, y, label_w, check_h)
        x += label_w + px(16)
    if checks:
        y += check_h
    if sizes.note_lines:
        slots["output_note"] = pygame.Rect(x0, y + px(6), w,
                                           sizes.note_lines * theme.line_height("caption"))
    return (heatmap.left, heatmap.centery)
