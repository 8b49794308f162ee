"""The one text-editing core under both text fields: text, cursor, selection and the keys.

`TextEdit.handle_event` reads TEXTINPUT and KEYDOWN events and returns COMMIT (Enter), CANCEL
(Esc) or None. It inserts printable characters (a selection is replaced by what is typed), deletes
with Backspace and Delete, and moves with the arrow keys, Home and End. A KEYDOWN that inserted
its character swallows the TEXTINPUT twin SDL sends after it, so a key is never typed twice
(tests post KEYDOWN alone, a real keyboard sends both).

Subclasses add what is theirs through three hooks: `_line_span` (where Home and End go, the line
of a multi-line field), `_vertical` (Up and Down) and `_command_key` (Ctrl or Cmd with a key);
`_edited` is told after every change of the text.
"""

from __future__ import annotations

import pygame

COMMIT = "commit"
CANCEL = "cancel"
# Ctrl on most systems, Cmd on macOS: the modifiers of editing commands (select all, copy, paste).
COMMAND_MODS = pygame.KMOD_CTRL | pygame.KMOD_META
MOVE_KEYS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END)


def printable(text: str) -> str:
    """Printable characters only; tabs and line breaks (from chat apps) are dropped."""
    return "".join(c for c in text if c.isprintable())


class TextEdit:
    """Editable text with a cursor and an all-or-nothing selection."""

    def __init__(self, text: str = "", *, max_chars: int, selected: bool,
                 read_only: bool = False) -> None:
        self.max_chars = max_chars
        self.text = printable(text)[:max_chars]
        self.cursor = len(self.text)
        self.selected = selected  # the whole text is selected: typing replaces it
        self.read_only = read_only
        self._typed = ""  # text a KEYDOWN inserted, so its TEXTINPUT twin is not inserted again

    # -- hooks ---------------------------------------------------------------------------

    def _edited(self) -> None:
        """Told after every change of the text."""

    def _line_span(self, offset: int) -> tuple[int, int]:
        """Start and end of the line holding `offset` (Home and End go there)."""
        return 0, len(self.text)

    def _vertical(self, key: int) -> int | None:
        """The cursor after Up or Down, or None where the field has no lines (keys ignored)."""
        return None

    def _command_key(self, key: int) -> bool:
        """Ctrl/Cmd + key; True when handled. The core knows Ctrl+A (select all)."""
        if key == pygame.K_a:
            self.selected = True
            return True
        return False

    # -- editing -------------------------------------------------------------------------

    def insert(self, chars: str) -> None:
        """Insert at the cursor (replacing a selection); too long a text is cut at the limit."""
        if self.read_only:
            return
        chars = printable(chars)
        if self.selected:
            self.text, self.cursor, self.selected = "", 0, False
        room = self.max_chars - len(self.text)
        chars = chars[: max(0, room)]
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor:]
        self.cursor += len(chars)
        self._edited()

    def delete(self, forward: bool) -> None:
        """Backspace (forward False) or Delete; a selection goes as a whole."""
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

    def move(self, key: int) -> None:
        """Arrow keys, Home and End; the selection ends."""
        start, end = self._line_span(self.cursor)
        if key == pygame.K_LEFT:
            self.cursor -= 1
        elif key == pygame.K_RIGHT:
            self.cursor += 1
        elif key == pygame.K_HOME:
            self.cursor = start
        elif key == pygame.K_END:
            self.cursor = end
        self.cursor = max(0, min(len(self.text), self.cursor))
        self.selected = False

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """Edit on key events; Enter asks for a commit, Esc for a cancel."""
        if event.type == pygame.TEXTINPUT:
            if self._typed and event.text == self._typed:
                self._typed = ""  # the twin of a key already inserted on KEYDOWN
            else:
                self.insert(event.text)
            return None
        if event.type != pygame.KEYDOWN:
            return None
        self._typed = ""
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return COMMIT
        if key == pygame.K_ESCAPE:
            return CANCEL
        if event.mod & COMMAND_MODS and self._command_key(key):
            return None
        if key in MOVE_KEYS:
            self.move(key)
        elif key in (pygame.K_UP, pygame.K_DOWN):
            vertical = self._vertical(key)
            if vertical is not None:
                self.cursor = max(0, min(len(self.text), vertical))
                self.selected = False
        elif key == pygame.K_BACKSPACE:
            self.delete(forward=False)
        elif key == pygame.K_DELETE:
            self.delete(forward=True)
        else:
            chars = getattr(event, "unicode", "")
            if chars and chars.isprintable() and not self.read_only:
                self.insert(chars)
                self._typed = chars
        return None
