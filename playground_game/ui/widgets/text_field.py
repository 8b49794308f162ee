"""A one-line field for typing a number (a weight or a bias), shown in a hover card.

It is the text-editing core (text_edit.py) with a label, a card and an error line. It only edits
text: the owner decides what Enter does with it. `parse_number` turns the text into
a finite float or raises ValueError with a message a learner can act on; the owner shows that
message under the field (`error`) and nothing changes until the text is good.
"""

from __future__ import annotations

import math
import re

import pygame

from playground_game.ui import theme as palette
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.text_edit import TextEdit
from playground_game.ui.widgets.tooltip import CARD_PADDING, draw_card, place_card

MAX_CHARS = 24
FIELD_CHARS = "-0.000000"  # the field is at least as wide as this text
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})



def parse_number(text: str, limit: float = math.inf) -> float:
    """The number typed in `text`; ValueError with a readable message when it is not one.

    Plain decimal or scientific notation only ("0.5", "-2", ".25", "1e-3"): no "nan", "inf",
    underscores or other digit systems that Python's float() would also accept.
    """
    cleaned = text.strip().translate(_MINUS_SIGNS)
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma, as much of the world writes it
    if not cleaned:
        raise ValueError("Type a number, e.g. 0.5 or -1.2")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"\"{text.strip()}\" is not a number; type e.g. 0.5 or -1.2")
    value = float(cleaned)
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{cleaned} is too large; use a number from {-limit:g} to {limit:g}")
    return value


class TextField(TextEdit):
    """Editable text at a point; `handle_event` returns COMMIT, CANCEL or None."""

    def __init__(self, label: str, text: str, point: tuple[int, int]) -> None:
        # The first key typed replaces the shown value, like a selection.
        super().__init__(text, max_chars=MAX_CHARS, selected=True)
        self.label = label
        self.point = point
        self.error = ""
        self.rect = pygame.Rect(point, (0, 0))  # known after the first draw

    def _edited(self) -> None:
        self.error = ""

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme,
             bounds: pygame.Rect | None = None) -> None:
        """The card with "Label: [text|]" and, under it, the error message in red."""
        bounds = bounds or surface.get_rect()
        pad = theme.px(CARD_PADDING)
        font = theme.role_font("body")
        label = theme.text(f"{self.label}:", "body", palette.TEXT)
        box_w = max(font.size(FIELD_CHARS)[0], font.size(self.text)[0]) + 2 * pad
        box_h = font.get_linesize() + pad
        error = theme.text(self.error, "caption", palette.ERROR) if self.error else None
        width = label.get_width() + pad + box_w
        height = box_h
        if error is not None:
            width = max(width, error.get_width())
            height += pad + error.get_height()
        self.rect = place_card((width + 2 * pad, height + 2 * pad), self.point, bounds,
                               theme.px(4))
        draw_card(surface, theme, self.rect)
        x, y = self.rect.left + pad, self.rect.top + pad
        surface.blit(label, (x, y + (box_h - label.get_height()) // 2))
        box = pygame.Rect(x + label.get_width() + pad, y, box_w, box_h)
        pygame.draw.rect(surface, palette.PANEL, box)
        pygame.draw.rect(surface, palette.ERROR if self.error else palette.ACCENT, box, width=1)
        text_x = box.left + pad // 2
        text_y = box.top + (box_h - font.get_height()) // 2
        if self.text:
            shown = font.render(self.text, True, palette.TEXT,
                                palette.SELECTION if self.selected else palette.PANEL)
            surface.blit(shown, (text_x, text_y))
        if not self.selected:
            cursor_x = text_x + font.size(self.text[: self.cursor])[0]
            pygame.draw.line(surface, palette.TEXT, (cursor_x, text_y),
                             (cursor_x, text_y + font.get_height() - 1))
        if error is not None:
            surface.blit(error, (x, box.bottom + pad))
