"""Dialogs drawn above the scene: Open (paste a code) and Share (the code, where no clipboard).

A bookmark code is long (a full one is about 450 characters), so `CodeField` is a multi-line
field that wraps the text after `&` (or anywhere, in a long value) and scrolls to the cursor. It
edits text only: its owner decides what Enter does. Ctrl+A selects everything, Ctrl+C copies the
text, Ctrl+V pastes (line breaks a chat app added are dropped), and typing replaces a selection.

A dialog is modal: while it is open, every key and click goes to it; Esc or its Cancel/Close
button closes it. A refused code keeps the dialog open with the text as typed and the reason in
red under it, so nothing is lost and the user can fix the value the message names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pygame

from playground_game.model.bookmark import MAX_CODE_LENGTH
from playground_game.ui import clipboard
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button, event_pos, is_click
from playground_game.ui.widgets.text_field import CANCEL, COMMAND_MODS, COMMIT

MAX_FIELD_CHARS = MAX_CODE_LENGTH + 256  # room for a URL in front of the longest code
DIALOG_WIDTH = 620  # at 720p


def _clean(text: str) -> str:
    """Printable characters only; tabs and line breaks (from chat apps) are dropped."""
    return "".join(c for c in text if c.isprintable())


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


class CodeField:
    """A wrapped, scrolling text field for a code; `handle_event` returns COMMIT, CANCEL or None."""

    def __init__(self, text: str = "", *, read_only: bool = False, rows: int = 4,
                 max_chars: int = MAX_FIELD_CHARS) -> None:
        self.text = _clean(text)[:max_chars]
        self.read_only = read_only
        self.rows = rows
        self.max_chars = max_chars
        self.cursor = len(self.text)
        self.selected = bool(self.text)  # a shown code starts selected: typing replaces it
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.changed: Callable[[], None] | None = None  # told after every edit
        self._lines: list[tuple[int, int]] = [(0, 0)]
        self._top = 0
        self._typed = ""
        self._wrap_key: tuple | None = None
        self._font: pygame.font.Font | None = None

    # -- editing -------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self.text = _clean(text)[: self.max_chars]
        self.cursor = len(self.text)
        self.selected = False
        self._edited()

    def _edited(self) -> None:
        if self.changed is not None:
            self.changed()

    def insert(self, chars: str) -> None:
        """Insert at the cursor (replacing a selection); too long a text is cut at the limit."""
        if self.read_only:
            return
        chars = _clean(chars)
        if self.selected:
            self.text, self.cursor, self.selected = "", 0, False
        room = self.max_chars - len(self.text)
        chars = chars[: max(0, room)]
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor:]
        self.cursor += len(chars)
        self._edited()

    def _delete(self, forward: bool) -> None:
        if self.read_only:
            return
        if self.selected:
            self.text, self.cursor, self.selected = "", 0, False
        elif forward and self.cursor < len(self.text):
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1:]
        elif not forward and self.cursor > 0:
            self.text = self.text[: self.cursor - 1] + self.text[self.cursor:]
            self.cursor -= 1
        self._edited()

    def _move(self, key: int) -> None:
        row = self._row_of(self.cursor)
        start, end = self._lines[row]
        column = self.cursor - start
        if key == pygame.K_LEFT:
            self.cursor -= 1
        elif key == pygame.K_RIGHT:
            self.cursor += 1
        elif key == pygame.K_HOME:
            self.cursor = start
        elif key == pygame.K_END:
            self.cursor = end
        elif key == pygame.K_UP and row > 0:
            prev_start, prev_end = self._lines[row - 1]
            self.cursor = min(prev_start + column, prev_end)
        elif key == pygame.K_DOWN and row + 1 < len(self._lines):
            next_start, next_end = self._lines[row + 1]
            self.cursor = min(next_start + column, next_end)
        self.cursor = max(0, min(len(self.text), self.cursor))
        self.selected = False

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """Edit on keys and clicks; Enter asks for a commit, Esc for a cancel."""
        if event.type == pygame.TEXTINPUT:
            if self._typed and event.text == self._typed:
                self._typed = ""  # the twin of a key already inserted on KEYDOWN
            else:
                self.insert(event.text)
            return None
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
        if event.type != pygame.KEYDOWN:
            return None
        self._typed = ""
        key, ctrl = event.key, bool(event.mod & COMMAND_MODS)
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return COMMIT
        if key == pygame.K_ESCAPE:
            return CANCEL
        if ctrl:
            self._control_key(key)
            return None
        if key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END, pygame.K_UP,
                   pygame.K_DOWN):
            self._move(key)
        elif key == pygame.K_BACKSPACE:
            self._delete(forward=False)
        elif key == pygame.K_DELETE:
            self._delete(forward=True)
        else:
            chars = getattr(event, "unicode", "")
            if chars and chars.isprintable() and not self.read_only:
                self.insert(chars)
                self._typed = chars
        return None

    def _control_key(self, key: int) -> None:
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


# -- dialogs -------------------------------------------------------------------------------


class DialogHost(Protocol):
    """What a dialog needs from the app."""

    theme: Theme
    screen: pygame.Surface

    def open_code(self, text: str) -> str | None: ...
    def toast(self, text: str) -> None: ...


class Dialog:
    """A modal card in the middle of the window with a title, text, a body and buttons."""

    title = ""
    field: CodeField | None = None  # the pilot's "dialog:field", where a dialog has one

    def __init__(self, host: DialogHost) -> None:
        self.host = host
        self.closed = False
        self.buttons: dict[str, Button] = {}
        self.rect = pygame.Rect(0, 0, 0, 0)

    def close(self) -> None:
        self.closed = True

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A button's rect by name, "dialog:NAME", or "dialog:field" (for the test pilot)."""
        if name == "dialog:field":
            field = self.field
            return pygame.Rect(field.rect) if field is not None and field.rect.width else None
        if not name.startswith("dialog:"):
            return None
        button = self.buttons.get(name.split(":", 1)[1])
        if button is None or button.rect.width == 0:
            return None
        return pygame.Rect(button.rect)

    def _theme(self) -> Theme:
        return self.host.theme

    def layout(self) -> None:
        """Place the card and its parts for the current window; subclasses fill in the body."""
        raise NotImplementedError

    def handle_event(self, event: pygame.event.Event) -> None:
        """Every event goes to the dialog while it is open; Esc closes it."""
        self.layout()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return
        for button in self.buttons.values():
            if button.handle_event(event):
                return
        self.handle_body_event(event)

    def handle_body_event(self, event: pygame.event.Event) -> None:
        """Events the buttons did not take (subclasses)."""

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The veil over the scene, the card, its title and body, and the buttons."""
        self.layout()
        surface.blit(theme.veil(surface.get_size(), (0, 0, 0, 110)), (0, 0))
        pygame.draw.rect(surface, th.BORDER, self.rect.move(theme.px(2), theme.px(3)),
                         border_radius=theme.px(8))
        pygame.draw.rect(surface, th.PANEL, self.rect, border_radius=theme.px(8))
        pad = theme.px(20)
        surface.blit(theme.text(self.title, "value", th.TEXT, "Bold"),
                     (self.rect.left + pad, self.rect.top + pad))
        self.draw_body(surface, theme)
        for button in self.buttons.values():
            button.draw(surface, theme)

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        """Everything between the title and the buttons (subclasses)."""

    # helpers for subclasses

    def _inner_width(self, width_720: int = DIALOG_WIDTH) -> int:
        """The width of the card's content: the card fits the window, less its padding."""
        theme = self._theme()
        return (min(self.host.screen.get_width() - theme.px(24), theme.px(width_720))
                - 2 * theme.px(20))

    def _card(self, body_height: int,
              width_720: int = DIALOG_WIDTH) -> tuple[pygame.Rect, int, int]:
        """Centre a card with room for the title, `body_height` and a row of buttons.

        Returns the card, the body's top and the x where content starts.
        """
        theme = self._theme()
        w, h = self.host.screen.get_size()
        pad = theme.px(20)
        width = self._inner_width(width_720) + 2 * pad
        title_h = theme.line_height("value") + theme.px(10)
        button_h = theme.px(32)
        height = pad + title_h + body_height + theme.px(14) + button_h + pad
        card = pygame.Rect(0, 0, width, min(h - theme.px(16), height))
        card.center = (w // 2, h // 2)
        self.rect = card
        return card, card.top + pad + title_h, card.left + pad

    def _place_buttons(self, names: tuple[str, ...]) -> None:
        """A row of buttons at the card's bottom right, in the given order (the last rightmost)."""
        theme = self._theme()
        pad = theme.px(20)
        height = theme.px(32)
        x = self.rect.right - pad
        for name in reversed(names):
            button = self.buttons[name]
            width = max(theme.px(86), theme.text_size(button.label, "body", "Medium")[0]
                        + theme.px(24))
            x -= width
            button.rect = pygame.Rect(x, self.rect.bottom - pad - height, width, height)
            x -= theme.px(10)


def blit_lines(surface: pygame.Surface, theme: Theme, lines: list[str], x: int, y: int,
                colour: tuple[int, int, int], role: str = "body") -> int:
    """Blit pre-wrapped lines; returns the y under them."""
    line_h = theme.line_height(role)
    for line in lines:
        surface.blit(theme.text(line, role, colour), (x, y))
        y += line_h
    return y


class OpenDialog(Dialog):
    """Paste or type a code (bare, #hash or a whole web playground URL) and open it."""

    title = "Open an experiment"
    PROMPT = ("Paste a code, a #hash or a web playground link (Ctrl+V), then press Enter. "
              "Keys you leave out take the defaults.")

    def __init__(self, host: DialogHost, text: str = "", error: str = "") -> None:
        super().__init__(host)
        self.field: CodeField = CodeField(text, rows=5)
        self.field.selected = False
        self.field.changed = self._clear_error
        self.error = error
        self.buttons["open"] = Button("open", self.submit, label="Open")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")

    def _clear_error(self) -> None:
        self.error = ""

    def submit(self) -> None:
        """Open the code; a refused one keeps the dialog, the text and shows why."""
        if not self.field.text.strip():
            self.error = "Paste or type a code first."
            return
        error = self.host.open_code(self.field.text)
        if error:
            self.error = error
        else:
            self.close()

    def _wrapped(self, theme: Theme, width: int) -> tuple[list[str], list[str]]:
        prompt = theme.wrap(self.PROMPT, "body", width)
        error = theme.wrap(self.error, "body", width) if self.error else []
        return prompt, error

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width()
        prompt, error = self._wrapped(theme, inner)
        line_h = theme.line_height("body")
        field_h = self.field.height_for(theme)
        body = (len(prompt) * line_h + theme.px(10) + field_h + theme.px(8)
                + max(1, len(error)) * line_h)
        _, top, x = self._card(body)
        self.field.rect = pygame.Rect(x, top + len(prompt) * line_h + theme.px(10), inner,
                                      field_h)
        self._place_buttons(("open", "cancel"))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        result = self.field.handle_event(event)
        if result == COMMIT:
            self.submit()
        elif result == CANCEL:
            self.close()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        x = self.field.rect.left
        prompt, error = self._wrapped(theme, self.field.rect.width)
        blit_lines(surface, theme, prompt, x, self.field.rect.top - theme.px(10)
                    - len(prompt) * theme.line_height("body"), th.TEXT_MUTED)
        self.field.draw(surface, theme, self.field.rect, error=bool(self.error))
        blit_lines(surface, theme, error, x, self.field.rect.bottom + theme.px(8), th.ERROR)


class ShareDialog(Dialog):
    """The current code in a read-only field, for a system without a usable clipboard."""

    title = "Share this experiment"
    MESSAGE = ("There is no clipboard this app can use here, so the code is shown below and was "
               "printed in the terminal. Copy it from there (or write it down); Ctrl+V or Open "
               "in any playground opens it.")

    def __init__(self, host: DialogHost, code: str) -> None:
        super().__init__(host)
        self.field: CodeField = CodeField(code, read_only=True, rows=5)
        self.buttons["close"] = Button("close", self.close, label="Close")

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width()
        lines = theme.wrap(self.MESSAGE, "body", inner)
        field_h = self.field.height_for(theme)
        _, top, x = self._card(len(lines) * theme.line_height("body") + theme.px(10) + field_h)
        self.field.rect = pygame.Rect(x, top + len(lines) * theme.line_height("body")
                                      + theme.px(10), inner, field_h)
        self._place_buttons(("close",))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        if self.field.handle_event(event) in (COMMIT, CANCEL):
            self.close()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        lines = theme.wrap(self.MESSAGE, "body", self.field.rect.width)
        top = self.field.rect.top - theme.px(10) - len(lines) * theme.line_height("body")
        blit_lines(surface, theme, lines, self.field.rect.left, top, th.TEXT_MUTED)
        self.field.draw(surface, theme, self.field.rect)
