"""A one-line field for typing a number (a weight or a bias), shown in a hover card.

It only edits text: the owner decides what Enter does with it. `parse_number` turns the text into
a finite float or raises ValueError with a message a learner can act on; the owner shows that
message under the field (`error`) and nothing changes until the text is good.
"""

from __future__ import annotations

import math
import re

import pygame

from playground_game.ui import theme as palette
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.tooltip import CARD_PADDING, draw_card, place_card

MAX_CHARS = 24
FIELD_CHARS = "-0.000000"  # the field is at least as wide as this text
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})

COMMIT = "commit"
CANCEL = "cancel"
# Ctrl on most systems, Cmd on macOS: the modifiers of editing commands (select all, copy, paste).
COMMAND_MODS = pygame.KMOD_CTRL | pygame.KMOD_META


def parse_number(text: str, limit: float = math.inf) -> float:
    """The number typed in `text`; ValueError with a readable message when it is not one.

    Plain decimal or scientific notation only ("0.5", "-2", ".25", "1e-3"): no "nan", "inf",
    underscores or other digit systems that Python's float() would also accept.
    """
    cleaned = text.strip().translate(_MINUS_SIGNS)
    if not cleaned:
        raise ValueError("Type a number, e.g. 0.5 or -1.2")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"\"{text.strip()}\" is not a number; type e.g. 0.5 or -1.2")
    value = float(cleaned)
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{cleaned} is too large; use a number from {-limit:g} to {limit:g}")
    return value


class TextField:
    """Editable text at a point; `handle_event` returns COMMIT, CANCEL or None."""

    def __init__(self, label: str, text: str, point: tuple[int, int]) -> None:
        self.label = label
        self.text = text
        self.cursor = len(text)
        self.point = point
        self.error = ""
        self.rect = pygame.Rect(point, (0, 0))  # known after the first draw
        self._replace = True  # the first key typed replaces the shown value, like a selection
        self._typed = ""  # text a KEYDOWN inserted, so the TEXTINPUT twin is not inserted again

    # -- editing -------------------------------------------------------------------------

    def _insert(self, chars: str) -> None:
        if self._replace:
            self.text, self.cursor, self._replace = "", 0, False
        room = MAX_CHARS - len(self.text)
        chars = "".join(c for c in chars if c.isprintable())[:room]
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor:]
        self.cursor += len(chars)
        self.error = ""

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """Edit on key events; Enter asks for a commit, Escape for a cancel."""
        if event.type == pygame.TEXTINPUT:
            if self._typed and event.text == self._typed:
                self._typed = ""
            else:
                self._insert(event.text)
            return None
        if event.type != pygame.KEYDOWN:
            return None
        self._typed = ""
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return COMMIT
        if key == pygame.K_ESCAPE:
            return CANCEL
        if key == pygame.K_a and event.mod & COMMAND_MODS:
            self._replace = True
            return None
        moves = {pygame.K_LEFT: self.cursor - 1, pygame.K_RIGHT: self.cursor + 1,
                 pygame.K_HOME: 0, pygame.K_END: len(self.text)}
        if key in moves:
            self.cursor = max(0, min(len(self.text), moves[key]))
            self._replace = False
            return None
        if key == pygame.K_BACKSPACE:
            if self._replace:
                self.text, self.cursor = "", 0
            elif self.cursor > 0:
                self.text = self.text[: self.cursor - 1] + self.text[self.cursor:]
                self.cursor -= 1
            self._replace = False
            self.error = ""
            return None
        if key == pygame.K_DELETE:
            if self._replace:
                self.text, self.cursor = "", 0
            else:
                self.text = self.text[: self.cursor] + self.text[self.cursor + 1:]
            self._replace = False
            self.error = ""
            return None
        chars = getattr(event, "unicode", "")
        if chars and chars.isprintable():
            self._insert(chars)
            self._typed = chars
        return None

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
                                palette.SELECTION if self._replace else palette.PANEL)
            surface.blit(shown, (text_x, text_y))
        if not self._replace:
            cursor_x = text_x + font.size(self.text[: self.cursor])[0]
            pygame.draw.line(surface, palette.TEXT, (cursor_x, text_y),
                             (cursor_x, text_y + font.get_height() - 1))
        if error is not None:
            surface.blit(error, (x, box.bottom + pad))
