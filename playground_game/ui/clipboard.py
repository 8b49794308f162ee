"""The system clipboard through pygame.scrap, and what to do where there is none.

`copy_text` puts text on the clipboard and reads it back: only text that really arrived counts as
copied (some systems accept the call and keep nothing). Where it fails, the caller shows the text
in a field the user can read and copy by hand, and `print_fallback` writes it on stderr, so a code
is never lost because a machine has no clipboard. Under SDL's dummy driver the clipboard holds
text inside this process only, which is enough for tests and for pasting back into the app.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TextIO

import pygame

MAX_PASTE_CHARS = 100_000  # a clipboard can hold a whole book; no code is longer than this


def _ready() -> bool:
    return bool(pygame.display.get_init()) and pygame.display.get_surface() is not None


def copy_text(text: str) -> bool:
    """Put `text` on the system clipboard; True only if reading it back gives the same text."""
    if not _ready():
        return False
    try:
        pygame.scrap.put_text(text)
        return pygame.scrap.get_text() == text
    except (pygame.error, OSError, ValueError, AttributeError, NotImplementedError):
        return False


def paste_text() -> str | None:
    """The clipboard's text, or None when there is no clipboard or it holds no text."""
    if not _ready():
        return None
    try:
        if not pygame.scrap.has_text():
            return None
        text = pygame.scrap.get_text()
    except (pygame.error, OSError, ValueError, AttributeError, NotImplementedError):
        return None
    if not isinstance(text, str) or not text:
        return None
    return text[:MAX_PASTE_CHARS]


def print_fallback(text: str, what: str = "code", stream: TextIO | None = None) -> None:
    """Write text on stderr (or `stream`) for a user whose system has no clipboard."""
    stream = stream or sys.stderr
    with contextlib.suppress(OSError, ValueError):  # a closed stderr must not break the app
        print(f"playground-game: no clipboard here; the {what} is:\n{text}", file=stream,
              flush=True)
