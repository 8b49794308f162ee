"""Where the race screen's parts go: a top bar, a cell per contestant, one loss chart.

Two contestants sit side by side; three or four in a 2 x 2 grid, so each network keeps room
for its units at 1024 x 768. A cell has its name, its compact controls (flowing into a second
row where the cell is narrow), its network view and, right of it, its output map; the links
into the output end at the map's left edge. The shared loss chart runs along the bottom. Every
size comes from the theme, so presentation mode (larger text) and any window size follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme

# One colour per contestant, A to D, in the chart, the legend and each cell's name: Okabe and
# Ito's colours (kept apart for colour-blind viewers) other than the blue and orange that mean
# the two classes and the weights' signs on every map and link: black, vermillion, bluish
# green, reddish purple.
CONTESTANT_COLOURS: tuple[tuple[int, int, int], ...] = ((0x1A, 0x1A, 0x1A), (0xD5, 0x5E, 0x00),
                                                        th.GREEN, th.PURPLE)


def contestant_colour(letters: list[int], index: int) -> tuple[int, int, int]:
    """The colour of the contestant at `index`: its letter's, so it keeps it for life."""
    return CONTESTANT_COLOURS[letters[index]]


BAR_BUTTONS: tuple[str, ...] = ("play", "step", "reset", "finish", "add", "share", "leave")
CELL_CONTROLS: tuple[str, ...] = ("activation", "optimizer", "rate", "crosses")


@dataclass
class Cell:
    """One contestant's part of the screen."""

    rect: pygame.Rect
    name: pygame.Rect  # its letter and name
    remove: pygame.Rect  # its remove button
    controls: dict[str, pygame.Rect] = field(default_factory=dict)
    network: pygame.Rect = field(default_factory=pygame.Rect)
    map: pygame.Rect = field(default_factory=pygame.Rect)
    network_shown: bool = True  # False: too short for its units, the map takes the cell

    @property
    def anchor(self) -> tuple[int, int]:
        """Where the links into the output unit end: the map's left edge, halfway down."""
        return (self.map.left, self.map.centery)


@dataclass
class RaceLayout:
    """Every rect of the race screen for one window size, theme and number of contestants."""

    bar: pygame.Rect
    buttons: dict[str, pygame.Rect]
    epoch: pygame.Rect  # the epoch counter in the top bar
    cells: list[Cell]
    chart: pygame.Rect
    banner: pygame.Rect  # the result card, over the chart (its bottom on the chart's)


def button_width(theme: Theme, label: str) -> int:
    return theme.text_size(label, "body", "Medium")[0] + theme.px(18)


def compute_race_layout(width: int, height: int, theme: Theme, count: int,
                        labels: dict[str, str]) -> RaceLayout:
    """The race screen's rects; `labels` are the widest texts the buttons will show."""
    px = theme.px
    margin = px(10)
    button_h = theme.line_height("body") + px(10)
    bar = pygame.Rect(0, 0, width, button_h + 2 * px(8))
    buttons: dict[str, pygame.Rect] = {}
    x = margin
    for name in BAR_BUTTONS[:3]:
        rect = pygame.Rect(x, 0, button_width(theme, labels[name]), button_h)
        rect.centery = bar.centery
        buttons[name] = rect
        x = rect.right + px(6)
    counter_w = theme.text_size(labels["epoch"], "value", "Bold")[0] + px(12)
    epoch = pygame.Rect(x + px(6), bar.top, counter_w, bar.height)
    x = epoch.right + px(6)
    right = width - margin
    for name in reversed(BAR_BUTTONS[4:]):
        rect = pygame.Rect(0, 0, button_width(theme, labels[name]), button_h)
        rect.right, rect.centery = right, bar.centery
        buttons[name] = rect
        right = rect.left - px(6)
    finish = pygame.Rect(x, 0, min(button_width(theme, labels["finish"]), right - x), button_h)
    finish.centery = bar.centery
    buttons["finish"] = finish

    share = 0.2 if count <= 2 else 0.15  # two rows of cells need the height more
    chart_h = max(6 * theme.line_height("caption"), round((height - bar.height) * share))
    chart = pygame.Rect(margin, height - chart_h - margin, width - 2 * margin, chart_h)
    area = pygame.Rect(0, bar.bottom + px(6), width, chart.top - px(6) - bar.bottom - px(6))
    columns = min(count, 2)
    rows = (count + columns - 1) // columns
    cells = []
    for k in range(count):
        column, row = k % columns, k // columns
        left = area.left + round(area.width * column / columns)
        top = area.top + round(area.height * row / rows)
        w = area.left + round(area.width * (column + 1) / columns) - left
        h = area.top + round(area.height * (row + 1) / rows) - top
        cells.append(_cell(theme, pygame.Rect(left, top, w, h).inflate(-2 * margin, -px(6)),
                           labels))
    banner_w = min(area.width - 4 * margin, max(px(520), area.width // 2))
    banner = pygame.Rect(0, 0, banner_w, min(area.height, px(260)))
    banner.midbottom = (area.centerx, chart.bottom)  # over the chart: the maps stay in view
    return RaceLayout(bar, buttons, epoch, cells, chart, banner)


def _cell(theme: Theme, rect: pygame.Rect, labels: dict[str, str]) -> Cell:
    """A cell: its name, then its controls on the same row where they fit (else flowing into
    rows of their own), the remove button at the right; the network and the map under them."""
    px = theme.px
    gap = px(6)
    button_h = theme.line_height("body") + px(8)
    name_h = max(theme.line_height("value") + px(6), button_h)
    remove_w = button_width(theme, labels["remove"])
    remove = pygame.Rect(rect.right - remove_w, rect.top, remove_w, button_h)
    name_w = theme.text_size(labels["name"], "value", "Bold")[0] + px(24)
    widths = [button_width(theme, labels[c]) for c in CELL_CONTROLS]
    inline = name_w + sum(widths) + gap * len(widths) + remove_w <= rect.width
    name = pygame.Rect(rect.left, rect.top,
                       name_w if inline else remove.left - gap - rect.left, name_h)
    cell = Cell(rect, name, remove)
    if inline:
        x, y, right = name.right + gap, rect.top, remove.left - gap
    else:
        x, y, right = rect.left, name.bottom + px(4), rect.right
    for control, w in zip(CELL_CONTROLS, widths, strict=True):
        if x > rect.left and x + w > right:  # flow into the next row
            x, y, right = rect.left, y + button_h + px(4), rect.right
        cell.controls[control] = pygame.Rect(x, y, min(w, rect.width), button_h)
        x += w + gap
    top = max(y + button_h, name.bottom) + gap
    body = pygame.Rect(rect.left, top, rect.width, rect.bottom - top)
    if body.height < network_height(theme):  # a map alone reads better than a crushed net
        cell.network_shown = False
        if not _map_beside_controls(theme, cell, widths, button_h):
            side = max(px(40), min(body.height, body.width))
            cell.map = pygame.Rect(0, body.top, side, side)
            cell.map.centerx = body.centerx
        return cell
    share = 0.5 if theme.presenting else 0.42  # presenting, the map is what the room reads
    side = max(px(40), min(body.height, round(body.width * share)))
    cell.map = pygame.Rect(body.right - side, body.top + (body.height - side) // 2, side, side)
    cell.network = pygame.Rect(body.left, body.top, cell.map.left - px(4) - body.left,
                               body.height)
    return cell


def _map_beside_controls(theme: Theme, cell: Cell, widths: list[int], button_h: int) -> bool:
    """A cell without its network: the map as tall as the cell under the name, the controls
    in a column beside it, the two centred; False (nothing changed) where they do not fit."""
    px = theme.px
    gap = px(10)
    top = cell.name.bottom + px(6)
    side = cell.rect.bottom - top
    column_w = max(widths)
    rows_h = len(widths) * (button_h + px(4))
    if side < rows_h or side + gap + column_w > cell.rect.width:
        return False
    left = cell.rect.centerx - (side + gap + column_w) // 2
    cell.map = pygame.Rect(left, top, side, side)
    y = top + (side - rows_h) // 2
    for control in CELL_CONTROLS:
        cell.controls[control] = pygame.Rect(cell.map.right + gap, y, column_w, button_h)
        y += button_h + px(4)
    return True


def network_height(theme: Theme) -> int:
    """The least height a network view needs: its header rows, and the features' labels one
    above another without overlapping."""
    return 6 * theme.line_height("body") + 4 * theme.line_height("caption")


def notice_areas(theme: Theme, layout: RaceLayout, chart: pygame.Rect,
                 banner: pygame.Rect) -> list[pygame.Rect]:
    """Free areas for notices, best first, over no control: the top bar between the finish
    line and + Contestant, then `chart` (the chart left of its legend); while the `banner` is
    up, the chart beside it, else the strip above it."""
    gap = theme.px(8)
    left = layout.buttons["finish"].right + gap
    bar = pygame.Rect(left, layout.bar.top + theme.px(2), layout.buttons["add"].left - gap - left,
                      layout.bar.height - theme.px(4))
    areas = [bar, chart]
    if banner.width:
        beside = [pygame.Rect(chart.left, chart.top, banner.left - gap - chart.left,
                              chart.height),
                  pygame.Rect(banner.right + gap, chart.top, chart.right - banner.right - gap,
                              chart.height)]
        above = pygame.Rect(banner.left, layout.bar.bottom, banner.width,
                            banner.top - gap - layout.bar.bottom)
        areas = [bar, *sorted(beside, key=lambda r: -r.width), above]
    return [area for area in areas if area.width > 0 and area.height > 0]
