"""The data panel's rectangles: the dataset thumbnails a page at a time (more rows where the
panel has room) with the pager beside Regenerate, the one-line Classes slider, the data sliders
and the code buttons; and the presentation column (a page of thumbnails under the title and the
dataset's name, the pager under them). Part of `layout.compute_layout`, which calls these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from playground_game.model.core.datasets import DATASETS, PROBLEMS
from playground_game.ui.controls import CONTROLS
from playground_game.ui.theme import Theme

if TYPE_CHECKING:
    from playground_game.ui.layout import Layout

# The dataset thumbnails show a page at a time (ui/widgets/pager.py turns the pages): three
# columns of two rows, more rows where the panel has the room, or four smaller columns where
# those show every dataset at once and three do not; presenting, one column of four.
# A new dataset row takes a place on a page without a layout change.
PAGE_COLUMNS, PAGE_ROWS = 3, 2
NARROW_COLUMNS = 4
NARROW_THUMB = 44  # at 720p, the smallest thumbnail of four columns
THUMBNAIL_PAGE = PAGE_COLUMNS * PAGE_ROWS
PRESENTING_PAGE = 4
MOST_DATASETS = max(sum(1 for d in DATASETS if d.problem == p) for p in PROBLEMS)
DATA_SLIDERS: tuple[str, ...] = tuple(c.name for c in CONTROLS if c.kind == "slider")
PAGER = "thumb_pager"  # the pager's slot (and widget)
CLASSES = "num_classes"  # the Classes slider: one line, right under Regenerate and the pager
CODE_BUTTONS = ("share", "open_code", "customize", "lab")  # under Regenerate: the code
CODE_CAPTION = "Experiment code"
SLIDER_VALUE_WIDEST = "100%"
PRESENTING_THUMB = 96  # at 720p, the most a thumbnail grows in the presentation column
DATASET_PROMPT = "Which dataset do you want to use?"
DATASET_LABELS: tuple[str, ...] = tuple(d.label for d in DATASETS)


def data_text_width(theme: Theme) -> int:
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


def data_panel(layout: Layout, theme: Theme, data: pygame.Rect) -> None:
    """The data panel with two rows of thumbnails a page, or more where the panel has the room
    for them and keeps every control it had (a tall window: all of the problem's datasets, and
    no pager)."""
    before = set(layout.slots)
    _place_data_panel(layout, theme, data, PAGE_ROWS)
    placed = {name: rect.copy() for name, rect in layout.slots.items() if name not in before}
    two_rows = "customize" in placed and placed["customize"].top > placed["share"].top
    datasets = sum(1 for d in DATASETS if d.problem == layout.problem)
    every = -(-datasets // PAGE_COLUMNS)  # the rows that show every dataset at once
    tries = [(every, PAGE_COLUMNS), (-(-datasets // NARROW_COLUMNS), NARROW_COLUMNS)]
    tries += [(rows, PAGE_COLUMNS) for rows in range(every - 1, PAGE_ROWS, -1)]  # a page
    for rows, columns in tries:
        for name in set(layout.slots) - before:
            del layout.slots[name]
        _place_data_panel(layout, theme, data, rows, columns)
        added = {name: rect for name, rect in layout.slots.items() if name not in before}
        extra = {f"thumb{k}" for k in range(THUMBNAIL_PAGE, rows * columns)}
        fits = (max(rect.bottom for rect in added.values()) <= data.bottom
                and set(added) - extra == set(placed) - extra
                and two_rows == ("customize" in added
                                 and added["customize"].top > added["share"].top)
                and (columns == PAGE_COLUMNS or added["thumb0"].width >= theme.px(NARROW_THUMB)))
        if fits:
            return
    for name in set(layout.slots) - before:
        del layout.slots[name]
    layout.slots.update(placed)
    layout.thumbnail_slots = PAGE_ROWS * PAGE_COLUMNS if "thumb0" in placed else 0


def _place_data_panel(layout: Layout, theme: Theme, data: pygame.Rect, rows: int,
                      columns: int = PAGE_COLUMNS) -> None:
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
        gap = px(8)
        thumb = min((w - gap * (columns - 1)) // columns, px(76))
        layout.thumbnail_slots = rows * columns
        for k in range(rows * columns):
            row, col = divmod(k, columns)
            slots[f"thumb{k}"] = pygame.Rect(x0 + col * (thumb + gap), y + row * (thumb + gap),
                                             thumb, thumb)
        y += rows * thumb + (rows - 1) * gap + px(8)
        # Regenerate, and the pager at the right of the same row
        button_h = max(px(30), theme.line_height("body") + px(10))
        label_w = theme.text_size("Regenerate", "body", "Medium")[0] + px(24)
        pager_h = _pager_height(theme)
        pager_w = _pager_width(pager_h)
        regenerate_w = min(max(px(130), label_w), w - pager_w - px(8))
        slots["regenerate"] = pygame.Rect(x0, y, max(label_w, regenerate_w), button_h)
        slots[PAGER] = pygame.Rect(data.right - pager_w, y + (button_h - pager_h) // 2,
                                           pager_w, pager_h)
        y = slots["regenerate"].bottom + px(8)
    if layout.shows(CLASSES):
        slots[CLASSES] = pygame.Rect(x0, y, w, theme.line_height("body") + px(8))
        y = slots[CLASSES].bottom + px(8)
    slider_h = theme.line_height("body") + px(24)
    for name in DATA_SLIDERS:
        if name != CLASSES and layout.shows(name):
            slots[name] = pygame.Rect(x0, y, w, slider_h)
            y += slider_h + px(10)
    _code_buttons(layout, theme, data, y + px(10))


def _pager_height(theme: Theme) -> int:
    return theme.px(24)


def _pager_width(height: int, page: int = THUMBNAIL_PAGE) -> int:
    """The pager's width for `height`: two arrows and a dot for each page of the most datasets
    a problem has (`page` a page), a little apart (see widgets/pager.py)."""
    pages = -(-MOST_DATASETS // page)
    return 2 * height + round(pages * height * 0.8) + 4


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
    """Thumbnail side and gap of the presentation column: a page of thumbnails under the title
    and the dataset's name (`label_h` high), and the pager under them."""
    gap = theme.px(10)
    room = (content_h - theme.line_height("title") - label_h - theme.px(10)
            - PRESENTING_PAGE * gap - _pager_height(theme))
    return (max(theme.px(30), min(theme.px(PRESENTING_THUMB), room // PRESENTING_PAGE)), gap)


def _presenting_label_lines(theme: Theme, width: int) -> int:
    """Lines the longest dataset name takes wrapped to the presentation column."""
    return max(len(theme.wrap(label, "caption", width)) for label in DATASET_LABELS)


def presenting_data_width(theme: Theme, content_h: int) -> int:
    """As wide as a thumbnail, the title, or the longest word of a dataset's name: the name goes
    under the title (beside it, the big text made the column twice a thumbnail's width and took
    it from the network)."""
    words = max(theme.text_size(word, "caption")[0] for label in DATASET_LABELS
                for word in label.split())
    title = theme.text_size("DATA", "title", "Bold")[0]
    label_h = 2 * theme.line_height("caption")
    thumb, _ = _presenting_thumb(theme, content_h, label_h)
    return max(thumb + theme.px(4), title, words)  # the pager fits in it (widgets/pager.py)


def presenting_data_panel(layout: Layout, theme: Theme, data: pygame.Rect) -> None:
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
    if not layout.shows("regenerate"):
        return
    layout.thumbnail_slots = PRESENTING_PAGE
    for k in range(PRESENTING_PAGE):
        slots[f"thumb{k}"] = pygame.Rect(data.left + theme.px(2), y, thumb, thumb)
        y += thumb + gap
    pager_h = _pager_height(theme)
    pager_w = min(data.width, _pager_width(pager_h, PRESENTING_PAGE))
    slots[PAGER] = pygame.Rect(data.left + theme.px(2) + (thumb - pager_w) // 2, y,
                                       pager_w, pager_h)
    slots[PAGER].left = max(data.left, slots[PAGER].left)
