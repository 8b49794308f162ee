"""Notices (toasts): short messages that go away by themselves, never over a control.

Refused actions, confirmations and start-up notices become one. One shows at a time (the newest);
each stays a few seconds plus a little per character. It goes into the first free area of the
layout (`Layout.notice_areas`: presenting, the top bar's empty stretch; then the output column
under its last control) where it fits wrapped to the area's width, else over the bottom of the
output map: never over a button, the lesson panel or the network. In presentation mode the notice
is read from the back row: its text is at least 1/30 of the window's height, and the top bar keeps
a stretch for two such lines (layout.py steps a dropdown aside for it), so the notice covers
neither the network nor the map. A screen with a layout of its own (the race) gives its own
free areas while it is up (`set_areas`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme, wrap_words

TOAST_SECONDS = 4.5
MAX_KEPT = 3  # the newest shows; older ones wait out their time unseen
PRESENTING_FRACTION = 1 / 30  # presenting: text at least this fraction of the height


@dataclass
class Toast:
    text: str
    expires: float


class Notices:
    """The notices on screen; a layer of the input router that draws but takes no events."""

    def __init__(self, presenting: Callable[[], bool] = lambda: False,
                 areas: Callable[[], list[pygame.Rect]] = list) -> None:
        self.toasts: list[Toast] = []
        self._presenting = presenting
        self._areas = areas  # free areas, best first (Layout.notice_areas)
        self.drawn: list[pygame.Rect] = []  # the boxes of the last draw (tests)
        self._fonts: dict[int, pygame.font.Font] = {}
        # The last notice as placed and rendered: drawn again every frame while it shows.
        self._placed: tuple[tuple, tuple[pygame.Rect, list[pygame.Surface], int]] | None = None

    def set_areas(self, areas: Callable[[], list[pygame.Rect]]) -> None:
        """Where notices go from now on: free areas, best first."""
        self._areas = areas
        self._placed = None

    def add(self, text: str) -> None:
        seconds = TOAST_SECONDS + len(text) / 40
        self.toasts = [*self.toasts[-(MAX_KEPT - 1):], Toast(text, time.perf_counter() + seconds)]

    def clear(self) -> None:
        """Drop every notice (a new lesson: the last one's messages are not about it)."""
        self.toasts = []

    @property
    def shown(self) -> list[Toast]:
        """The notices drawn: the newest only."""
        return self.toasts[-1:]

    def _font(self, theme: Theme) -> pygame.font.Font:
        """The body font, or in presentation mode one whose line is 1/30 of the height."""
        if not self._presenting():
            return theme.role_font("body")
        wanted = math.ceil(theme.height * PRESENTING_FRACTION)
        font = self._fonts.get(wanted)
        if font is None:
            pixels = max(8, int(wanted * 0.8))
            font = theme.pixel_font(pixels)
            while font.get_height() < wanted:
                pixels += 1
                font = theme.pixel_font(pixels)
            self._fonts = {wanted: font}
        return font

    def text_height(self, theme: Theme) -> int:
        """The height of a rendered line of a notice."""
        return self._font(theme).get_height()

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
        font = self._font(theme)
        pad = max(theme.px(10), font.get_height() // 3)
        areas = self._areas() or [pygame.Rect(0, 0, w, h - theme.px(24))]
        self.drawn = []
        for toast in self.shown:
            key = (toast.text, font, pad, tuple(tuple(a) for a in areas))
            if self._placed is None or self._placed[0] != key:
                self._placed = (key, self._place(font, pad, toast.text, areas))
            box, rendered, inset = self._placed[1]
            pygame.draw.rect(surface, th.TOAST, box, border_radius=theme.px(6))
            if self._presenting():  # over the dark top bar: an edge so it stands out
                pygame.draw.rect(surface, th.HEADER_MUTED, box, width=max(2, theme.px(2)),
                                 border_radius=theme.px(6))
            ty = box.top + inset
            for r in rendered:
                surface.blit(r, (box.left + inset, ty))
                ty += r.get_height()
            self.drawn.append(box)

    @staticmethod
    def _place(font: pygame.font.Font, pad: int, text: str,
               areas: list[pygame.Rect]) -> tuple[pygame.Rect, list[pygame.Surface], int]:
        """The box in the first area it fits (wrapped to that area's width), centred at the
        area's bottom; else at the bottom of the last area, as tall as it must be."""
        for k, area in enumerate(areas):
            # A tight area (the presenting top bar's stretch) may take the text with
            # half the padding: two big lines fit the bar.
            for inset in (pad, max(2, pad // 2)):
                lines = wrap_words(font, text, max(1, area.width - 2 * inset))
                rendered = [font.render(line, True, th.HEADER_TEXT) for line in lines]
                box = pygame.Rect(0, 0, max(r.get_width() for r in rendered) + 2 * inset,
                                  sum(r.get_height() for r in rendered) + 2 * inset)
                if box.width <= area.width and box.height <= area.height:
                    break
            if (box.width <= area.width and box.height <= area.height) or k == len(areas) - 1:
                box.midbottom = area.midbottom
                return box, rendered, (box.width - max(r.get_width() for r in rendered)) // 2
        raise AssertionError("no area for a notice")
