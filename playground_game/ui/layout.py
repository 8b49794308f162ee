"""Every panel's and control's rectangle, computed from the window size alone.

The design is drawn for 1280 x 720 and scaled by `Theme.scale` (the smaller of height/720 and
width/1280, so it always fits); what is left over on wider or taller windows goes to the network
and the output heatmap. Resizing or going fullscreen just calls `compute_layout` again. Slots are
leaf rectangles (one per widget or drawn element) and never overlap; tests check that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from playground_game.ui.theme import BASE_WIDTH, Theme

MIN_WINDOW = (1024, 640)

# Top bar slots, left to right, with their widths at 720p. The dropdowns share the space left over.
TOP_BUTTONS: tuple[tuple[str, int], ...] = (("reset", 50), ("play", 62), ("step", 50))
TOP_DROPDOWNS: tuple[tuple[str, int], ...] = (
    ("learning_rate", 104),
    ("activation", 100),
    ("regularization", 108),
    ("regularization_rate", 124),
    ("problem", 140),
    ("speed", 132),
)
EPOCH_WIDTH = 120
HELP_WIDTH = 40
THUMBNAIL_SLOTS = 4
DATA_SLIDERS = ("perc_train_data", "noise", "batch_size")

# Short explanations for a first-time viewer, under the network (hidden by hideText).
CALLOUTS: tuple[str, ...] = (
    "Each unit's picture is its output over the input square (X\u2081 right, X\u2082 up); "
    "hover one to see it large.",
    "Lines are weights: blue positive, orange negative, thicker is stronger; "
    "hover or click one to read or edit it.",
)


@dataclass
class Layout:
    """Rectangles for one window size: panels (containers) and slots (leaves, never overlapping)."""

    size: tuple[int, int]
    panels: dict[str, pygame.Rect] = field(default_factory=dict)
    slots: dict[str, pygame.Rect] = field(default_factory=dict)
    network_view: pygame.Rect = field(default_factory=pygame.Rect)
    output_anchor: tuple[int, int] = (0, 0)
    checkboxes_stacked: bool = False

    def slot(self, name: str) -> pygame.Rect:
        return self.slots[name]


def compute_layout(width: int, height: int, theme: Theme, hide_text: bool = False) -> Layout:
    """Every rectangle for a window of `width` x `height` drawn with `theme`."""
    px = theme.px
    layout = Layout(size=(width, height))
    slots = layout.slots
    margin = px(12)

    top = pygame.Rect(0, 0, width, px(72))
    layout.panels["top_bar"] = top
    _top_bar(layout, theme, top, margin)

    content_top = top.bottom + margin
    content_bottom = height - margin
    content_h = max(1, content_bottom - content_top)
    extra = max(0.0, width - BASE_WIDTH * theme.scale)
    data_w = px(214) + int(extra * 0.12)
    out_w = px(340) + int(extra * 0.25)
    data = pygame.Rect(margin, content_top, data_w, content_h)
    output = pygame.Rect(width - margin - out_w, content_top, out_w, content_h)
    network = pygame.Rect(data.right + margin * 2, content_top,
                          output.left - margin * 2 - (data.right + margin * 2), content_h)
    layout.panels.update(data=data, output=output, network=network)

    view = network.copy()
    if not hide_text:
        lines = sum(len(theme.wrap(t, "caption", network.width)) for t in CALLOUTS)
        strip_h = theme.line_height("caption") * lines + px(2)
        slots["callouts"] = pygame.Rect(network.left, network.bottom - strip_h, network.width,
                                        strip_h)
        view.height = max(1, slots["callouts"].top - px(6) - view.top)
    layout.network_view = view

    _data_panel(layout, theme, data)
    _output_panel(layout, theme, output, hide_text)
    return layout


def _top_bar(layout: Layout, theme: Theme, top: pygame.Rect, margin: int) -> None:
    px = theme.px
    slots = layout.slots
    inner_top = top.top + px(8)
    inner_h = top.height - px(14)
    x = margin
    for name, w in TOP_BUTTONS:
        slots[name] = pygame.Rect(x, inner_top, px(w), inner_h)
        x += px(w) + px(4)
    x += px(14)
    slots["epoch"] = pygame.Rect(x, inner_top, px(EPOCH_WIDTH), inner_h)
    x = slots["epoch"].right + px(16)

    help_rect = pygame.Rect(0, 0, px(HELP_WIDTH), px(HELP_WIDTH))
    help_rect.midright = (top.right - margin, top.centery)
    slots["help"] = help_rect

    widths = [px(w) for _, w in TOP_DROPDOWNS]
    span = help_rect.left - px(16) - x
    gap = (span - sum(widths)) / max(1, len(widths) - 1)
    gap = max(px(8), min(px(40), gap))
    for (name, _), w in zip(TOP_DROPDOWNS, widths, strict=True):
        slots[name] = pygame.Rect(round(x), inner_top, w, inner_h)
        x += w + gap


def _data_panel(layout: Layout, theme: Theme, data: pygame.Rect) -> None:
    px = theme.px
    slots = layout.slots
    x0, w = data.left, data.width
    y = data.top
    slots["data_title"] = pygame.Rect(x0, y, w, theme.line_height("title"))
    y = slots["data_title"].bottom + px(4)
    prompt_h = theme.line_height("caption") * 2
    slots["dataset_prompt"] = pygame.Rect(x0, y, w, prompt_h)
    y += prompt_h + px(6)
    gap = px(10)
    thumb = min((w - gap) // 2, px(76))
    for k in range(THUMBNAIL_SLOTS):
        row, col = divmod(k, 2)
        slots[f"thumb{k}"] = pygame.Rect(x0 + col * (thumb + gap), y + row * (thumb + gap),
                                         thumb, thumb)
    y += 2 * thumb + gap + px(16)
    slider_h = theme.line_height("body") + px(24)
    for name in DATA_SLIDERS:
        slots[name] = pygame.Rect(x0, y, w, slider_h)
        y += slider_h + px(10)
    slots["regenerate"] = pygame.Rect(x0, y, min(w, px(130)), px(30))


def _output_panel(layout: Layout, theme: Theme, out: pygame.Rect, hide_text: bool) -> None:
    px = theme.px
    slots = layout.slots
    x0, w = out.left, out.width
    y = out.top
    slots["output_title"] = pygame.Rect(x0, y, w, theme.line_height("title"))
    y = slots["output_title"].bottom + px(4)

    row_h = theme.line_height("value")
    loss_w = max(theme.text_size("Training loss 0.000", "value")[0] + px(8), px(150))
    slots["test_loss"] = pygame.Rect(x0, y, loss_w, row_h)
    slots["train_loss"] = pygame.Rect(x0, y + row_h, loss_w, row_h)
    chart_h = max(2 * row_h, px(46))
    slots["chart"] = pygame.Rect(x0 + loss_w + px(8), y, max(1, w - loss_w - px(8)), chart_h)
    y += chart_h + px(10)

    slots["heatmap_label"] = pygame.Rect(x0, y, w, theme.line_height("caption"))
    y = slots["heatmap_label"].bottom + px(4)

    axis_w = theme.text_size("-6", "caption")[0] + px(10)
    axis_h = theme.line_height("caption") + px(4)
    legend_h = px(10) + theme.line_height("caption") + px(4)
    box = px(16)
    labels = ("Show test data", "Discretize output")
    label_ws = [box + px(6) + theme.text_size(t, "body")[0] + px(2) for t in labels]
    check_h = max(box, theme.line_height("body")) + px(4)
    note_h = 0 if hide_text else theme.line_height("caption") * 2

    def stack_height(stacked: bool) -> int:
        checks = check_h * 2 + px(4) if stacked else check_h
        return axis_h + px(6) + legend_h + px(8) + checks + (px(6) + note_h if note_h else 0)

    available = out.bottom - y
    side = min(w - axis_w - px(3), available - stack_height(False))
    stacked = sum(label_ws) + px(16) > side
    if stacked:
        side = min(w - axis_w - px(3), available - stack_height(True))
    side = max(px(60), side)
    layout.checkboxes_stacked = stacked

    heatmap = pygame.Rect(x0, y, side, side)
    slots["heatmap"] = heatmap
    slots["y_axis"] = pygame.Rect(heatmap.right + px(3), y - axis_h // 2, axis_w, side + axis_h)
    slots["heatmap_label"].width = side
    axis_left = x0  # not left of the map: the links to the output end there
    slots["x_axis"] = pygame.Rect(axis_left, heatmap.bottom + px(2),
                                  slots["y_axis"].left - axis_left, axis_h)
    y = slots["x_axis"].bottom + px(6)
    slots["legend"] = pygame.Rect(x0, y, min(side, px(260)), legend_h)
    y = slots["legend"].bottom + px(8)
    if stacked:
        slots["show_test_data"] = pygame.Rect(x0, y, label_ws[0], check_h)
        slots["discretize"] = pygame.Rect(x0, y + check_h + px(4), label_ws[1], check_h)
        y += check_h * 2 + px(4)
    else:
        slots["show_test_data"] = pygame.Rect(x0, y, label_ws[0], check_h)
        slots["discretize"] = pygame.Rect(x0 + label_ws[0] + px(16), y, label_ws[1], check_h)
        y += check_h
    if note_h:
        slots["output_note"] = pygame.Rect(x0, y + px(6), w, note_h)
    layout.output_anchor = (heatmap.left, heatmap.centery)
