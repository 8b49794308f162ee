"""The output panel's legend for more than two classes: each class's colour, and the confusion
matrix (how many points of each true class the network puts in each class).

The matrix is the legend too: its row and column headers are the class colours as the map and
the points show them, so a student reads "orange points the network calls green" off one table.
"""

from __future__ import annotations

import numpy as np
import pygame

from playground_game.ui import heatmap
from playground_game.ui import theme as th
from playground_game.ui.layout_output import class_row_height
from playground_game.ui.theme import Theme

# The title over the matrix, longest first: the first that fits the panel is shown.
TITLES = ("Confusion matrix, {which} data: rows true, columns predicted",
          "{Which} data: rows true, columns predicted",
          "Rows true, columns predicted")
_DIAGONAL_TINT = 0.35  # how much of its class's colour a correct cell takes


def _draw_colours(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, classes: int,
                  row_h: int) -> None:
    """A row of the classes' colours, each with its number."""
    swatch = max(4, row_h - theme.px(6))
    step = min(rect.width // max(1, classes), swatch + theme.px(4)
               + theme.text_size("6", "caption")[0] + theme.px(14))
    for k in range(classes):
        box = pygame.Rect(rect.left + k * step, rect.top + (row_h - swatch) // 2, swatch, swatch)
        pygame.draw.rect(surface, heatmap.CLASS_COLOURS[k], box)
        pygame.draw.rect(surface, th.BORDER, box, width=1)
        text = theme.text(str(k + 1), "caption", th.TEXT)
        surface.blit(text, text.get_rect(midleft=(box.right + theme.px(3), box.centery)))


def _tint(colour: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    return tuple(round(p + (c - p) * amount) for c, p in zip(colour, th.PANEL, strict=True))


def _title(theme: Theme, which: str, width: int) -> str:
    for template in TITLES:
        text = template.format(which=which, Which=which.capitalize())
        if theme.text_size(text, "caption")[0] <= width:
            return text
    return TITLES[-1]


def draw_class_table(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                     matrix: np.ndarray, which: str) -> None:
    """The title, a header row of class swatches, then a row per true class with its counts;
    in a rect of one row (presenting), the classes' colours alone."""
    classes = matrix.shape[0]
    row_h = class_row_height(theme)
    px = theme.px
    if rect.height < 3 * row_h:
        _draw_colours(surface, theme, rect, classes, row_h)
        return
    surface.blit(theme.text(_title(theme, which, rect.width), "caption", th.TEXT_MUTED),
                 rect.topleft)
    swatch = max(4, row_h - px(6))
    label_w = theme.text_size(str(classes), "caption")[0]
    head_w = swatch + px(4) + label_w + px(8)
    count_w = theme.text_size(str(max(1, int(matrix.max(initial=0)))), "caption")[0]
    cell_w = max(min((rect.width - head_w) // max(1, classes), px(48)), count_w + px(6))
    top = rect.top + row_h

    def header(k: int, x: int, y: int) -> None:
        box = pygame.Rect(x, y + (row_h - swatch) // 2, swatch, swatch)
        pygame.draw.rect(surface, heatmap.CLASS_COLOURS[k], box)
        pygame.draw.rect(surface, th.BORDER, box, width=1)
        text = theme.text(str(k + 1), "caption", th.TEXT)
        surface.blit(text, text.get_rect(midleft=(box.right + px(3), y + row_h // 2)))

    for k in range(classes):  # the predicted classes across the top
        header(k, rect.left + head_w + k * cell_w + (cell_w - swatch - px(4) - label_w) // 2, top)
    for row in range(classes):
        y = top + (row + 1) * row_h
        header(row, rect.left, y)
        for col in range(classes):
            cell = pygame.Rect(rect.left + head_w + col * cell_w, y, cell_w - px(2), row_h - 1)
            count = int(matrix[row, col])
            if row == col:
                pygame.draw.rect(surface, _tint(heatmap.CLASS_COLOURS[row], _DIAGONAL_TINT), cell)
            colour = th.TEXT if count else th.TEXT_MUTED
            text = theme.text(str(count), "caption", colour, "Medium" if row == col else None)
            surface.blit(text, text.get_rect(center=cell.center))
