"""A multi-line field for a bookmark code, on the one text-editing core (text_edit.py).

A code is long (a full one is about 450 characters), so `CodeField` wraps the text after `&`
(or anywhere, in a long value) and scrolls to the cursor. It edits text only: its owner decides
what Enter does. Ctrl+A selects everything, Ctrl+C copies the text, Ctrl+V pastes (line breaks a
chat app added are dropped), and typing replaces a selection.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.bookmark import MAX_CODE_LENGTH
from playground_game.ui import clipboard
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import event_pos, is_click
from playground_game.ui.widgets.text_edit import TextEdit, printable

MAX_FIELD_CHARS = MAX_CODE_LENGTH + 256  # room for a URL in front of the longest code


def wrap_code(text: str, font: pygame.font.Font, width: int) -> list[tuple[int, int]]:
    """Line breaks for `text` within `width` pixels as (start, end) offsets covering all of it.

    A line ends after its last `&` when there is one, else wherever the next character would not
    fit (a code has no spaces to break at).
    """
    if not text:
        return [(0, 0)]
    advances = [m[4] if m is not None else font.size(c)[0]
                for m, c in zip(font.metrics(text), text, strict=True)]
    lines: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        used = 0
        end = start
        while end < len(text) and (end == start or used + advances[end] <= width):
            used += advances[end]
            end += 1
        while end - start > 1 and font.size(text[start:end])[0] > width:
            end -= 1  # advances ignore kerning and the last glyph's overhang: measure the line
        if end < len(text):
            amp = text.rfind("&", start, end)
            if amp > start:
                end = amp + 1
        lines.append((start, end))
        start = end
    return lines


class CodeField(TextEdit):
    """A wrapped, scrolling text field for a code; `handle_event` returns COMMIT, CANCEL or None."""

    def __init__(self, text: str = "", *, read_only: bool = False, rows: int = 4,
                 max_chars: int = MAX_FIELD_CHARS) -> None:
        # A shown code starts selected: typing replaces it.
        super().__init__(text, max_chars=max_chars, selected=bool(printable(text)),
                         read_only=read_only)
        self.rows = rows
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.changed: Callable[[], None] | None = None  # told after every edit
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._top = 0
        self._wrap_key: tuple | None = None
        self._font: pygame.font.Font | None = None

    # -- editing -------------------------------------------------------------------------

    def _edited(self) -> None:
        if self.changed is not None:
            self.changed()

    def _line_span(self, offset: int) -> tuple[int, int]:
        return self._lines[self._row_of(offset)]

    def _vertical(self, key: int) -> int | None:
        row = self._row_of(self.cursor)
        column = self.cursor - self._lines[row][0]
        if key == pygame.K_UP and row > 0:
            prev_start, prev_end = self._lines[row - 1]
            return min(prev_start + column, prev_end)
        if key == pygame.K_DOWN and row + 1 < len(self._lines):
            next_start, next_end = self._lines[row + 1]
            return min(next_start + column, next_end)
        return self.cursor  # the first or last line: stays, the selection ends

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """Edit on keys and clicks; Enter asks for a commit, Esc for a cancel."""
        if is_click(event):
            pos = event_pos(event)
            if pos is not None and self.rect.collidepoint(pos):
                self.cursor = self._offset_at(pos)
                self.selected = False
            return None
        if event.type == pygame.MOUSEWHEEL:
            self._top = max(0, min(len(self._lines) - self.rows,
                                   self._top - int(getattr(event, "y", 0))))
            return None
        return super().handle_event(event)

    def _command_key(self, key: int) -> bool:
        """Ctrl+A selects all, C copies, X cuts, V pastes; other Ctrl keys do nothing."""
        if key == pygame.K_a:
            self.selected = bool(self.text)
        elif key == pygame.K_c or (key == pygame.K_x and self.read_only):
            if self.text and not clipboard.copy_text(self.text):
                clipboard.print_fallback(self.text)
        elif key == pygame.K_x:
            if self.text and clipboard.copy_text(self.text):
                self.text, self.cursor, self.selected = "", 0, False
                self._edited()
        elif key == pygame.K_v:
            pasted = clipboard.paste_text()
            if pasted:
                self.insert(pasted)
        return True

    # -- geometry ------------------------------------------------------------------------

    def _row_of(self, offset: int) -> int:
        for row, (start, end) in enumerate(self._lines):
            if offset < end or (offset == end and row == len(self._lines) - 1):
                return row
            if offset == end and end == start:
                return row
        return len(self._lines) - 1

    def _offset_at(self, pos: tuple[int, int]) -> int:
        if self._font is None:
            return len(self.text)
        line_h = self._font.get_linesize()
        pad = max(2, line_h // 4)
        row = self._top + max(0, (pos[1] - self.rect.top - pad)) // max(1, line_h)
        row = min(row, len(self._lines) - 1)
        start, end = self._lines[row]
        x = pos[0] - self.rect.left - pad
        best = start
        for k in range(start, end + 1):
            if self._font.size(self.text[start:k])[0] <= x:
                best = k
            else:
                break
        return best

    def height_for(self, theme: Theme) -> int:
        """Pixel height of the field showing `rows` lines."""
        line_h = theme.role_font("body").get_linesize()
        return self.rows * line_h + 2 * max(2, line_h // 4)

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
             error: bool = False) -> None:
        """The box with the wrapped text, a selection highlight or a cursor, scrolled to it."""
        self.rect = rect
        font = theme.role_font("body")
        self._font = font
        line_h = font.get_linesize()
        pad = max(2, line_h // 4)
        key = (self.text, rect.width, id(font))
        if key != self._wrap_key:
            self._lines = wrap_code(self.text, font, rect.width - 2 * pad - 2)
            self._wrap_key = key
        row = self._row_of(self.cursor)
        if row < self._top:
            self._top = row
        elif row >= self._top + self.rows:
            self._top = row - self.rows + 1
        self._top = max(0, min(self._top, max(0, len(self._lines) - self.rows)))

        pygame.draw.rect(surface, th.PANEL, rect)
        border = th.ERROR if error else th.ACCENT
        pygame.draw.rect(surface, border, rect, width=max(1, theme.px(1.5)))
        clip = surface.get_clip()
        surface.set_clip(rect.inflate(-2, -2))
        for k, (start, end) in enumerate(self._lines[self._top: self._top + self.rows]):
            y = rect.top + pad + k * line_h
            text = self.text[start:end]
            if text:
                background = th.SELECTION if self.selected else th.PANEL
                surface.blit(font.render(text, True, th.TEXT, background), (rect.left + pad, y))
            if not self.selected and not self.read_only and self._top + k == row:
                x = rect.left + pad + font.size(self.text[start:self.cursor])[0]
                pygame.draw.line(surface, th.TEXT, (x, y + 1), (x, y + font.get_height() - 2))
        surface.set_clip(clip)
        if len(self._lines) > self.rows:  # a thin scroll indicator on the right
            track = pygame.Rect(rect.right - theme.px(5), rect.top + 2, theme.px(3),
                                rect.height - 4)
            share = self.rows / len(self._lines)
            knob = track.copy()
            knob.height = max(theme.px(8), round(track.height * share))
            knob.top = track.top + round((track.height - knob.height) * self._top
                                         / max(1, len(self._lines) - self.rows))
            pygame.draw.rect(surface, th.BORDER, knob, border_radius=knob.width // 2)
