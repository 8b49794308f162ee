"""The last line of defence: an error in a frame becomes a message, never a vanished window.

Bugs are fixed where they are; this module only makes sure that one we have not found yet costs a
student nothing. When a frame's event handling, update or drawing raises, the app hands the
exception to `ErrorOverlay.report`, which

- writes the traceback and the experiment's bookmark code to the log (`crashlog.log_error`),
- checks the session against its invariants (`model_problems`) and, if the failed frame left it
  inconsistent, gives back a copy of the last good session (kept by `remember`, at most a second
  old) to carry on with,
- shows a card with a short message and the log's path until the student clicks or presses a key.

The app keeps running underneath; the same error repeating every frame is logged once.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

import pygame

from playground_game import crashlog
from playground_game.model.bookmark import encode_code
from playground_game.model.invariants import model_problems
from playground_game.model.playground import Playground
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme

SNAPSHOT_INTERVAL_S = 1.0  # the restored session is at most this old
MAX_SUMMARY_CHARS = 160
DISMISS_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN)
# While the card shows it takes these; window events (quit, resize, focus) still reach the app.
SWALLOWED_EVENTS = (pygame.KEYDOWN, pygame.KEYUP, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                    pygame.MOUSEWHEEL, pygame.TEXTINPUT, pygame.TEXTEDITING)


class ErrorOverlay:
    """Takes what a frame let through: logs it, keeps the session, shows a card till dismissed."""

    def __init__(self) -> None:
        self.message = ""  # what the card says; empty when it is not showing
        self.log_path: Path | None = None
        self.count = 0  # errors reported since the app started
        self.restored = False  # the last report replaced a broken session with a saved copy
        self._seen: set[str] = set()
        self._snapshot: Playground | None = None
        self._snapshot_revision = -1
        self._snapshot_time = 0.0

    @property
    def showing(self) -> bool:
        return bool(self.message)

    def active(self) -> bool:
        return self.showing

    def dismiss(self) -> None:
        self.message = ""

    # -- keeping the last good session ---------------------------------------------------

    def remember(self, playground: Playground | None, now: float | None = None) -> None:
        """After a frame that went well: keep a copy of the session, at most once a second."""
        if playground is None or playground.revision == self._snapshot_revision:
            return
        now = time.monotonic() if now is None else now
        if self._snapshot is not None and now - self._snapshot_time < SNAPSHOT_INTERVAL_S:
            return
        if model_problems(playground):
            return
        self._snapshot = playground.copy()
        self._snapshot_revision = playground.revision
        self._snapshot_time = now

    # -- reporting -----------------------------------------------------------------------

    def report(self, exc: BaseException, where: str,
               playground: Playground | None) -> Playground | None:
        """Log `exc` and show the card; return the session to continue with.

        That is `playground` itself when it is still consistent, else a copy of the last good one.
        """
        self.count += 1
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        summary = f"{type(exc).__name__}: {exc}".strip()
        if len(summary) > MAX_SUMMARY_CHARS:
            summary = summary[: MAX_SUMMARY_CHARS - 3] + "..."
        code = _code_of(playground)
        if details not in self._seen:  # the same failure every frame is logged once
            self._seen.add(details)
            self.log_path = crashlog.log_error(f"{summary} (while {where})", details, code)
        self.restored = False
        result = playground
        kept = "Your experiment is kept as it was."
        if playground is not None and _problems_of(playground):
            self.restored = True
            if self._snapshot is not None:
                result = self._snapshot.copy()
                kept = "Your experiment was put back as it was just before."
            else:  # broken before any good frame: the same experiment, opened afresh
                try:
                    result = Playground(playground.settings)
                    kept = "Your experiment was opened again from its settings."
                except Exception:  # settings too broken to reopen: show what there is
                    kept = "Your experiment could not be checked; save its code now."
        where_logged = (f"Details are in {self.log_path}" if self.log_path is not None
                        else "The details could not be written to a log file.")
        self.message = (f"It happened while {where}: {summary}\n{kept} {where_logged}\n"
                        "Click or press any key to carry on.")
        return result

    # -- input and drawing ---------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """While the card shows: a click or a key closes it; other input is held back."""
        if not self.showing or event.type not in SWALLOWED_EVENTS:
            return False
        if event.type in DISMISS_EVENTS:
            self.dismiss()
        return True

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The card, centred over whatever the last frame drew."""
        if not self.showing:
            return
        w, h = surface.get_size()
        surface.blit(theme.veil((w, h), (0, 0, 0, 90)), (0, 0))
        pad = theme.px(18)
        width = min(w - theme.px(24), theme.px(620))
        lines: list[tuple[str, str, tuple[int, int, int]]] = [
            ("Something went wrong", "heading", th.ERROR)]
        for k, paragraph in enumerate(self.message.split("\n")):
            colour = th.TEXT_MUTED if k == 2 else th.TEXT
            lines += [(line, "body", colour)
                      for line in theme.wrap(paragraph, "body", width - 2 * pad)]
        rendered = [theme.text(text, role, colour, "Bold" if role == "heading" else None)
                    for text, role, colour in lines]
        gap = theme.px(6)
        height = sum(r.get_height() for r in rendered) + gap * len(rendered) + 2 * pad
        card = pygame.Rect(0, 0, width, min(h - theme.px(12), height))
        card.center = (w // 2, h // 2)
        pygame.draw.rect(surface, th.PANEL, card, border_radius=theme.px(8))
        pygame.draw.rect(surface, th.ERROR, card, width=max(2, theme.px(2)),
                         border_radius=theme.px(8))
        y = card.top + pad
        for r in rendered:
            surface.blit(r, (card.left + pad, y))
            y += r.get_height() + gap


def _problems_of(playground: Playground) -> list[str]:
    """model_problems, where a session too broken to inspect counts as broken."""
    try:
        return model_problems(playground)
    except Exception as exc:  # anything here means the session is not usable
        return [f"cannot be inspected: {exc!r}"]


def _code_of(playground: Playground | None) -> str | None:
    if playground is None:
        return None
    try:
        return encode_code(playground.settings, short=False)
    except Exception:  # the log entry must be written even without the code
        return None
