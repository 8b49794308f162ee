"""Notices (toasts): short messages at the bottom of the window that go away by themselves.

Refused actions, confirmations and start-up notices become one. At most three show at once,
the newest at the bottom; each stays a few seconds plus a little per character.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme

TOAST_SECONDS = 4.5
MAX_SHOWN = 3


@dataclass
class Toast:
    text: str
    expires: float


class Notices:
    """The notices on screen; a layer of the input router that draws but takes no events."""

    def __init__(self) -> None:
        self.toasts: list[Toast] = []

    def add(self, text: str) -> None:
        seconds = TOAST_SECONDS + len(text) / 40
        self.toasts = [*self.toasts[-(MAX_SHOWN - 1):], Toast(text, time.perf_counter() + seconds)]

    def expire(self) -> bool:
        """Drop the notices whose time is up; True when any went (the window needs a redraw)."""
        now = time.perf_counter()
        alive = [t for t in self.toasts if t.expires > now]
        changed = len(alive) != len(self.toasts)
        self.toasts = alive
        return changed

    def seconds_to_next_expiry(self) -> float | None:
        if not self.toasts:
            return None
        return min(t.expires for t in self.toasts) - time.perf_counter()

    def active(self) -> bool:
        return bool(self.toasts)

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False  # notices never take input

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        w, h = surface.get_size()
        y = h - theme.px(24)
        pad = theme.px(10)
        for toast in reversed(self.toasts):
            lines = theme.wrap(toast.text, "body", min(w - theme.px(80), theme.px(640)))
            rendered = [theme.text(line, "body", th.HEADER_TEXT) for line in lines]
            box_w = max(r.get_width() for r in rendered) + 2 * pad
            box_h = sum(r.get_height() for r in rendered) + 2 * pad
            box = pygame.Rect(0, 0, box_w, box_h)
            box.midbottom = (w // 2, y)
            pygame.draw.rect(surface, th.TOAST, box, border_radius=theme.px(6))
            ty = box.top + pad
            for r in rendered:
                surface.blit(r, (box.left + pad, ty))
                ty += r.get_height()
            y = box.top - theme.px(8)
