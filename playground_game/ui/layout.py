"""Every panel's and control's rectangle, computed from the window size alone.

The design is drawn for 1280 x 720 and scaled by `Theme.scale` (the smaller of height/720 and
width/1280, so it always fits); what is left over on wider or taller windows goes to the network
and the output heatmap. Widths that hold text (dropdowns, sliders, the epoch counter) are measured
from the text itself, so the projector's larger fonts (see theme.py) never clip. Resizing, going
fullscreen or presenting just calls `compute_layout` again. Slots are leaf rectangles (one per
widget or drawn element) and never overlap; tests/test_layout.py checks that at every size.

Hidden controls (a lesson's, or Customize's) get no slot, and the rest close up: no holes in a
row or a column.

A presenting theme gives the presentation layout: the data panel keeps only its dataset
thumbnails (one column), the explanatory labels go, and the network and the output heatmap take
the space. Its top bar keeps a stretch for notices (two lines of their big text), stepping a
dropdown aside if need be; a lesson's panel then goes beside the network as a column
(scene/lesson_panel.py), so the units keep PRESENTED_UNIT of the height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from playground_game.model.core.datasets import DATASETS, PROBLEMS
from playground_game.model.core.features import FEATURES
from playground_game.ui.controls import CONTROLS, shown
from playground_game.ui.layout_output import (
    map_filling_width,
    output_least_width,
    place_output,
    presenting_output_width,
)
from playground_game.ui.overlays.notices import PRESENTING_FRACTION as NOTICE_FRACTION
from playground_game.ui.scene.network.geometry import BUTTON, UNIT_SHARE_OF_PITCH
from playground_game.ui.theme import BASE_WIDTH, Theme

# Top bar slots, left to right, with their least widths at 720p (text may ask for more). The
# dropdowns share what is left over.
TOP_BUTTONS: tuple[tuple[str, int], ...] = (("reset", 50), ("play", 62), ("step", 50))
TOP_BUTTON_CAPTIONS: dict[str, tuple[str, ...]] = {
    "reset": ("Reset",), "play": ("Play", "Pause"), "step": ("Step",)}
# The top bar's dropdowns (from the controls table), each at least this wide at 720p.
TOP_DROPDOWNS: tuple[str, ...] = tuple(c.name for c in CONTROLS if c.kind == "dropdown")
DROPDOWN_MIN_WIDTH = 100
DROPDOWN_CARET_ROOM = 22  # at 720p: value inset, the caret and a gap (see widgets.Dropdown)
EPOCH_WIDTH = 120
EPOCH_WIDEST = "0,000,000"  # the counter past a million
HELP_WIDTH = 40
LESSONS_LABEL = "Lessons"  # the top bar's button that opens the level screen
# As many thumbnail slots as the problem with the most datasets has (a new dataset row shows up
# without a layout change); two a row.
THUMBNAIL_SLOTS = max(sum(1 for d in DATASETS if d.problem == p) for p in PROBLEMS)
DATA_SLIDERS: tuple[str, ...] = tuple(c.name for c in CONTROLS if c.kind == "slider")
CODE_BUTTONS = ("share", "open_code", "customize", "lab")  # under Regenerate: the code
CODE_CAPTION = "Experiment code"
SLIDER_VALUE_WIDEST = "100%"
PRESENTING_THUMB = 96  # at 720p, the most a thumbnail grows in the presentation column
PRESENTING_NETWORK_MIN = 600  # at 720p, the least width the presented network keeps
PRESENTING_NETWORK_LEAST = 480  # at 720p, the least the presented network keeps at 4:3 and 5:4
NETWORK_MIN = 520  # at 720p, the least width the network keeps when the output grows (six
# layers of buttons)
TALL_GROWTH = 2.0  # the output column widens by up to this much of the height beyond 16:9
PRESENTED_UNIT = 1 / 24  # presenting, units are at least this part of the height where the
# network's columns can get the width (a deep network on a 4:3 projector takes it from the map)

NOTICE_LINES = 2  # presenting, the output column keeps room for a notice this many lines high
NOTICE_LETTERS = 9  # ...or the top bar a stretch this many notice lines wide (about 20 letters)

# Explanatory labels for a first-time viewer; hidden by hideText and while presenting.
CALLOUTS: tuple[str, ...] = (
    "Each unit's picture is its output over the input square (X\u2081 right, X\u2082 up); "
    "hover one to see it large.",
    "Lines are weights: blue positive, orange negative, thicker is stronger; "
    "hover or click one to read or edit it.",
)
DATASET_PROMPT = "Which dataset do you want to use?"
DATASET_LABELS: tuple[str, ...] = tuple(d.label for d in DATASETS)


@dataclass
class Layout:
    """Rectangles for one window size: panels (containers) and slots (leaves, never overlapping)."""

    size: tuple[int, int]
    panels: dict[str, pygame.Rect] = field(default_factory=dict)
    slots: dict[str, pygame.Rect] = field(default_factory=dict)
    network_view: pygame.Rect = field(default_factory=pygame.Rect)
    output_anchor: tuple[int, int] = (0, 0)
    presenting: bool = False
    explain: bool = True  # the explanatory labels are shown
    # Where notices may go, best first: free space that holds no control and no network (see
    # overlays/notices.py); the last is the output map, which a notice may cover for a moment.
    notice_areas: list[pygame.Rect] = field(default_factory=list)
    hidden: frozenset[str] = frozenset()  # the hidden components: their controls get no slot

    def shows(self, name: str) -> bool:
        return shown(name, self.hidden)

    def slot(self, name: str) -> pygame.Rect:
        return self.slots[name]


def compute_layout(width: int, height: int, theme: Theme, hide_text: bool = False,
                   hidden: frozenset[str] = frozenset(), depth: int = 2,
                   classes: int = 0) -> Layout:
    """Every rectangle for a window of `width` x `height` drawn with `theme`, without the
    controls of the components in `hidden`, for a network of `depth` hidden layers and data of
    `classes` classes (more than two: the output panel's class table)."""
    px = theme.px
    presenting = theme.presenting
    layout = Layout(size=(width, height), presenting=presenting,
                    explain=not (hide_text or presenting), hidden=hidden)
    slots = layout.slots
    margin = px(12)

    rows = _top_bar_rows(theme, width, margin, hidden)
    top = pygame.Rect(0, 0, width, _top_bar_height(theme) * len(rows))
    layout.panels["top_bar"] = top
    _top_bar(layout, theme, top, margin, rows)

    content_top = top.bottom + margin
    content_bottom = height - margin
    content_h = max(1, content_bottom - content_top)
    extra = max(0.0, width - BASE_WIDTH * theme.scale)
    data_w = max(px(214) + int(extra * 0.12), _data_text_width(theme))
    out_w = px(340) + int(extra * 0.25)
    if not presenting:
        # Taller than 16:9 (4:3, 5:4, 16:10): the map grows into the height the design leaves,
        # taking width from the network down to its least.
        surplus = max(0.0, height - width * 9 / 16)
        room = width - 6 * margin - data_w - px(NETWORK_MIN)
        filling = map_filling_width(theme, width, content_h, layout.explain, cap=0.5)
        out_w = max(out_w, min(filling, out_w + int(TALL_GROWTH * surplus), room))
    if presenting:
        # The network keeps room for six layers' buttons (or its normal width, if narrower);
        # the output takes what it can beyond that.
        network_w = min(width - 6 * margin - data_w - out_w, px(PRESENTING_NETWORK_MIN))
        data_w = _presenting_data_width(theme, content_h)
        wanted = presenting_output_width(theme, width,
                                         content_h - _notice_reserve(layout, theme, height),
                                         layout.explain)
        out_w = max(out_w, min(wanted, width - 6 * margin - data_w - network_w))
        # The network keeps its least width, and its header in big text (FEATURES, the layer
        # buttons, "6 HIDDEN LAYERS") fits.
        out_w = min(out_w, width - 6 * margin - data_w
                    - max(_network_header_width(theme), px(PRESENTING_NETWORK_LEAST)))
        # A deep network's columns get the width for units a class can see, down to what the
        # output panel's text needs.
        least = output_least_width(theme, width, layout.explain, stacked=True)
        out_w = max(min(out_w, width - 6 * margin - data_w
                        - _presented_network_width(theme, height, depth, margin)),
                    min(out_w, least))
    data = pygame.Rect(margin, content_top, data_w, content_h)
    output = pygame.Rect(width - margin - out_w, content_top, out_w, content_h)
    network = pygame.Rect(data.right + margin * 2, content_top,
                          output.left - margin * 2 - (data.right + margin * 2), content_h)
    layout.panels.update(data=data, output=output, network=network)

    view = network.copy()
    if layout.explain:
        lines = sum(len(theme.wrap(t, "caption", network.width)) for t in CALLOUTS)
        strip_h = theme.line_height("caption") * lines + px(2)
        slots["callouts"] = pygame.Rect(network.left, network.bottom - strip_h, network.width,
                                        strip_h)
        view.height = max(1, slots["callouts"].top - px(6) - view.top)
    layout.network_view = view

    if presenting:
        _presenting_data_panel(layout, theme, data)
    else:
        _data_panel(layout, theme, data)
    layout.output_anchor = place_output(slots, theme, output, layout.explain, layout.shows,
                                        _notice_reserve(layout, theme, height), classes)
    layout.notice_areas = _notice_areas(layout, theme, margin)
    return layout


def notice_strip(theme: Theme, height: int) -> int:
    """Presenting, the strip kept free under the output column's controls for notices: two
    lines of their big text (overlays/notices.py) with its padding, so that a notice covers
    neither the map nor the network (the top bar has no room at 4:3)."""
    line = _notice_line(height) + 1
    pad = max(theme.px(10), line // 3)
    return NOTICE_LINES * line + 2 * pad + theme.px(8)


def _top_bar_stretch(layout: Layout, theme: Theme) -> pygame.Rect:
    """Presenting, the top bar's empty stretch between its last dropdown and Lessons."""
    px, slots, top = theme.px, layout.slots, layout.panels["top_bar"]
    row = [r for name, r in slots.items()  # presenting keeps one row
           if top.contains(r) and name not in ("help", "lessons")]
    left = max((r.right for r in row), default=top.left) + px(16)
    right = slots["lessons"].left - px(16)
    return pygame.Rect(left, top.top + px(4), right - left, top.height - px(8))


def _notice_line(height: int) -> int:
    """A presented notice's line height (overlays/notices.py)."""
    return math.ceil(height * NOTICE_FRACTION)


def _notice_reserve(layout: Layout, theme: Theme, height: int) -> int:
    """The output column's strip kept for notices: presenting, where the top bar's stretch is
    too short for a notice's two lines of about twenty letters (a narrow window)."""
    if not layout.presenting:
        return 0
    if _top_bar_stretch(layout, theme).width >= NOTICE_LETTERS * _notice_line(height):
        return 0
    return notice_strip(theme, height)


def _notice_areas(layout: Layout, theme: Theme, margin: int) -> list[pygame.Rect]:
    """Free rects for notices, best first: presenting, the top bar's empty stretch between its
    last dropdown and the Lessons button (the class looks at the network, not there); the
    output column under its last control; and last the output map itself."""
    px = theme.px
    slots = layout.slots
    areas = []
    if layout.presenting:
        areas.append(_top_bar_stretch(layout, theme))
    output = layout.panels["output"]
    # (An output panel too narrow for the window, in a far too tall one, holds no slot.)
    below = max((r.bottom for r in slots.values() if output.contains(r)),
                default=output.top) + px(8)
    areas.append(pygame.Rect(output.left, below, output.width, output.bottom - below))
    areas.append(pygame.Rect(slots["heatmap"]))
    return [area for area in areas if area.width > 0 and area.height > 0]


def _presented_network_width(theme: Theme, height: int, depth: int, margin: int) -> int:
    """The network panel's width whose columns (the inputs and `depth` hidden layers, spaced up
    to the output map) hold units of PRESENTED_UNIT of the height (see geometry.py)."""
    pitch = height * PRESENTED_UNIT / UNIT_SHARE_OF_PITCH + 1
    labels = max(theme.text_size(f.label, "body")[0] for f in FEATURES) + theme.px(10)
    return round(labels + (depth + 1) * pitch) - 2 * margin


def presented_network_width(theme: Theme, height: int, depth: int, header: bool = False) -> int:
    """The width a presented network's view needs for units of PRESENTED_UNIT of the height
    (and, with `header`, for its header row): what a lesson's column beside it leaves (see
    scene/lesson_panel.py)."""
    units = _presented_network_width(theme, height, depth, theme.px(12)) + theme.px(12)
    return max(units, _network_header_width(theme)) if header else units


def _network_header_width(theme: Theme) -> int:
    """The network's header row: FEATURES, the two layer buttons and the widest layer count."""
    return (theme.text_size("FEATURES", "title")[0] + theme.px(10) + 2 * theme.px(BUTTON)
            + theme.px(24) + theme.text_size("6 HIDDEN LAYERS", "title")[0] + theme.px(4))


# -- top bar ---------------------------------------------------------------------------------


def _top_bar_height(theme: Theme) -> int:
    """One row: tall enough for a dropdown's caption over its value, never less than the design."""
    needed = theme.line_height("caption") + theme.line_height("value") + theme.px(24)
    return max(theme.px(72), needed)


def _top_bar_rows(theme: Theme, width: int, margin: int,
                  hidden: frozenset[str]) -> list[tuple[str, ...]]:
    """The dropdowns of each row of the top bar. One row when they fit between the buttons and
    the Lessons button; else the buttons get the first row to themselves and the dropdowns
    fill as many rows under it as they need (a narrow window). Presenting keeps one row: the
    dropdowns that fit its big text, in the table's order; the others step aside like the
    sliders (P brings them back)."""
    px = theme.px
    dropdowns = tuple(name for name in TOP_DROPDOWNS if shown(name, hidden))
    widths = {name: w for name, w in _dropdown_widths(theme).items() if name in dropdowns}
    buttons = _button_widths(theme, hidden)
    left = margin + sum(buttons.values()) + px(4) * len(buttons) + px(14)
    left += _epoch_width(theme) + px(16)
    right = margin + _help_side(theme) + px(8) + _lessons_width(theme) + px(16)
    gap = px(8)
    # Presenting, the row leaves a stretch for notices, two lines of about twenty letters.
    free = NOTICE_LETTERS * _notice_line(theme.height) if theme.presenting else 0
    if sum(widths.values()) + gap * (len(widths) - 1) <= width - left - right - free:
        return [dropdowns]
    if theme.presenting:  # one row: the dropdowns that fit stay, the rest step aside (P again)
        kept: list[str] = []
        used = 0
        for name in dropdowns:
            if used + widths[name] > width - left - right - free:
                break
            kept.append(name)
            used += widths[name] + gap
        return [tuple(kept)]
    rows: list[tuple[str, ...]] = [()]
    room = width - 2 * margin
    used = 0
    row: list[str] = []
    for name in dropdowns:
        w = widths[name]
        if row and used + gap + w > room:
            rows.append(tuple(row))
            row, used = [], 0
        used += (gap if row else 0) + w
        row.append(name)
    rows.append(tuple(row))
    return rows


def _button_widths(theme: Theme, hidden: frozenset[str] = frozenset()) -> dict[str, int]:
    """The top bar's shown buttons and their widths: the caption with half a line to spare, so
    that "Reset Pause Step" reads as three words from the back row too."""
    room = theme.line_height("caption") // 2
    return {name: max(theme.px(w), max(theme.text_size(c, "caption")[0]
                                       for c in TOP_BUTTON_CAPTIONS[name]) + room)
            for name, w in TOP_BUTTONS if shown(name, hidden)}


def _epoch_width(theme: Theme) -> int:
    return max(theme.px(EPOCH_WIDTH), theme.text_size(EPOCH_WIDEST, "counter", "Medium")[0],
               theme.text_size("Epoch", "caption")[0])


def _help_side(theme: Theme) -> int:
    return max(theme.px(HELP_WIDTH), theme.line_height("value") + theme.px(8))


def _lessons_width(theme: Theme) -> int:
    return theme.text_size(LESSONS_LABEL, "body", "Medium")[0] + theme.px(28)


def _dropdown_widths(theme: Theme) -> dict[str, int]:
    """Each top-bar dropdown's width: what its caption and its widest value need."""
    specs = {spec.name: spec for spec in CONTROLS}
    widths = {}
    for name in TOP_DROPDOWNS:
        spec = specs[name]
        caption = theme.text_size(spec.caption, "caption")[0]
        values = max(theme.text_size(spec.format(v), "value", "Medium")[0] for v in spec.values)
        widths[name] = max(theme.px(DROPDOWN_MIN_WIDTH), caption + theme.px(2),
                           values + theme.px(DROPDOWN_CARET_ROOM))
    return widths


def _top_bar(layout: Layout, theme: Theme, top: pygame.Rect, margin: int,
             rows: list[tuple[str, ...]]) -> None:
    px = theme.px
    slots = layout.slots
    row_h = _top_bar_height(theme)
    inner_top = top.top + px(8)
    inner_h = row_h - px(14)
    x = margin
    for name, width in _button_widths(theme, layout.hidden).items():
        slots[name] = pygame.Rect(x, inner_top, width, inner_h)
        x += width + px(4)
    x += px(14)
    slots["epoch"] = pygame.Rect(x, inner_top, _epoch_width(theme), inner_h)
    x = slots["epoch"].right + px(16)

    first_row_y = top.top + row_h // 2
    help_side = _help_side(theme)
    help_rect = pygame.Rect(0, 0, help_side, help_side)
    help_rect.midright = (top.right - margin, first_row_y)
    slots["help"] = help_rect
    slots["lessons"] = pygame.Rect(0, 0, _lessons_width(theme), help_side)
    slots["lessons"].midright = (help_rect.left - px(8), first_row_y)

    widths = _dropdown_widths(theme)
    for k, row in enumerate(rows):
        if not row:
            continue
        if k == 0:
            start, span = x, slots["lessons"].left - px(16) - x
        else:
            start, span = margin, top.width - 2 * margin
        total = sum(widths[name] for name in row)
        gap = (span - total) / max(1, len(row) - 1)
        gap = max(px(8), min(px(40), gap))
        if total + gap * (len(row) - 1) > span:  # a narrow window: close the gaps first
            gap = max(0.0, (span - total) / max(1, len(row) - 1))
        x = start
        y = inner_top + k * row_h
        for name in row:
            slots[name] = pygame.Rect(round(x), y, widths[name], inner_h)
            x += widths[name] + gap


# -- data panel ------------------------------------------------------------------------------


def _data_text_width(theme: Theme) -> int:
    """The data panel's width that holds the widest slider caption with its value."""
    widest = 0
    gap = theme.px(5)
    value = theme.text_size(SLIDER_VALUE_WIDEST, "body", "Bold")[0]
    for spec in CONTROLS:
        if spec.name in DATA_SLIDERS:
            widest = max(widest, theme.text_size(f"{spec.caption}:", "body")[0] + gap + value)
    title = (theme.text_size("DATA", "title", "Bold")[0] + theme.px(12)
             + max(theme.text_size(label, "caption")[0] for label in DATASET_LABELS))
    return max(widest, title) + theme.px(2)


def _data_panel(layout: Layout, theme: Theme, data: pygame.Rect) -> None:
    px = theme.px
    slots = layout.slots
    x0, w = data.left, data.width
    y = data.top
    slots["data_title"] = pygame.Rect(x0, y, w, theme.line_height("title"))
    y = slots["data_title"].bottom + px(4)
    datasets = layout.shows("regenerate")  # the dataset's controls: thumbnails and Regenerate
    if layout.explain and datasets:
        prompt_h = theme.line_height("caption") * len(theme.wrap(DATASET_PROMPT, "caption", w))
        slots["dataset_prompt"] = pygame.Rect(x0, y, w, prompt_h)
        y += prompt_h
    y += px(6)
    if datasets:
        gap = px(10)
        thumb = min((w - gap) // 2, px(76))
        rows = -(-THUMBNAIL_SLOTS // 2)
        for k in range(THUMBNAIL_SLOTS):
            row, col = divmod(k, 2)
            slots[f"thumb{k}"] = pygame.Rect(x0 + col * (thumb + gap), y + row * (thumb + gap),
                                             thumb, thumb)
        y += rows * thumb + (rows - 1) * gap + px(16)
    slider_h = theme.line_height("body") + px(24)
    for name in DATA_SLIDERS:
        if layout.shows(name):
            slots[name] = pygame.Rect(x0, y, w, slider_h)
            y += slider_h + px(10)
    if datasets:
        label_w = theme.text_size("Regenerate", "body", "Medium")[0] + px(24)
        slots["regenerate"] = pygame.Rect(x0, y, min(w, max(px(130), label_w)),
                                          max(px(30), theme.line_height("body") + px(10)))
        y = slots["regenerate"].bottom + px(10)
    _code_buttons(layout, theme, data, y + px(10))


def _code_buttons(layout: Layout, theme: Theme, data: pygame.Rect, y: int) -> None:
    """Share / Open on one row under a caption, Customize and the Training lab under them (or
    the Training lab alone where Customize is hidden); one row if short."""
    px = theme.px
    slots = layout.slots
    button_h = max(px(30), theme.line_height("body") + px(10))
    caption_h = theme.line_height("caption")
    gap = px(8)
    names = [name for name in CODE_BUTTONS if layout.shows(name)]
    two_rows = y + caption_h + px(6) + 2 * button_h + gap <= data.bottom
    if not two_rows and y + caption_h + px(6) + button_h > data.bottom:
        return  # no room at all (the keys Ctrl+C / Ctrl+V still work)
    slots["code_caption"] = pygame.Rect(data.left, y, data.width, caption_h)
    y += caption_h + px(6)
    rows = [names[:2], names[2:]] if two_rows else [names]
    for row in rows:
        # Two a row at half the width each (the second of the second row takes what is left).
        width = (data.width - gap) // 2 if two_rows else (
            (data.width - gap * (len(row) - 1)) // max(1, len(row)))
        for k, name in enumerate(row):
            right = data.right if two_rows and row is rows[1] and k == 1 else None
            x = data.left + k * (width + gap)
            slots[name] = pygame.Rect(x, y, (right - x) if right else width, button_h)
        y += button_h + gap


def _presenting_thumb(theme: Theme, content_h: int, label_h: int) -> tuple[int, int]:
    """Thumbnail side and gap of the presentation column: four thumbnails under the title and
    the dataset's name (`label_h` high)."""
    gap = theme.px(10)
    room = content_h - theme.line_height("title") - label_h - theme.px(10) - 3 * gap
    return max(theme.px(30), min(theme.px(PRESENTING_THUMB), room // THUMBNAIL_SLOTS)), gap


def _presenting_label_lines(theme: Theme, width: int) -> int:
    """Lines the longest dataset name takes wrapped to the presentation column."""
    return max(len(theme.wrap(label, "caption", width)) for label in DATASET_LABELS)


def _presenting_data_width(theme: Theme, content_h: int) -> int:
    """As wide as a thumbnail, the title, or the longest word of a dataset's name: the name goes
    under the title (beside it, the big text made the column twice a thumbnail's width and took
    it from the network)."""
    words = max(theme.text_size(word, "caption")[0] for label in DATASET_LABELS
                for word in label.split())
    title = theme.text_size("DATA", "title", "Bold")[0]
    label_h = 2 * theme.line_height("caption")
    thumb, _ = _presenting_thumb(theme, content_h, label_h)
    return max(thumb + theme.px(4), title, words)


def _presenting_data_panel(layout: Layout, theme: Theme, data: pygame.Rect) -> None:
    """The title, the dataset's name under it and the dataset thumbnails in one column; sliders
    and Regenerate are hidden."""
    slots = layout.slots
    slots["data_title"] = pygame.Rect(data.left, data.top, data.width, theme.line_height("title"))
    y = slots["data_title"].bottom
    if layout.shows("regenerate"):
        label_h = _presenting_label_lines(theme, data.width) * theme.line_height("caption")
        slots["dataset_label"] = pygame.Rect(data.left, y, data.width, label_h)
        y += label_h
    thumb, gap = _presenting_thumb(theme, data.height, y - slots["data_title"].bottom)
    y += theme.px(10)
    for k in range(THUMBNAIL_SLOTS if layout.shows("regenerate") else 0):
        slots[f"thumb{k}"] = pygame.Rect(data.left + theme.px(2), y, thumb, thumb)
        y += thumb + gap
