"""Slider: a track with a handle, stepping through whole values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Binding, Widget, event_pos, is_click, padlock_spot


class Slider(Widget):
    """A caption with the value, over a track with a knob; drag, click or wheel to change."""

    def __init__(self, name: str, caption: str, low: int, high: int, step: int,
                 format_value: Callable[[Any], str], binding: Binding,
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.caption = caption
        self.low, self.high, self.step = low, high, step
        self.format_value = format_value
        self.binding = binding
        self.dragging = False
        self._track = pygame.Rect(0, 0, 0, 0)

    def track_rect(self, theme: Theme) -> pygame.Rect:
        cap_h = theme.line_height("body")
        pad = theme.px(9)
        top = self.rect.top + cap_h + (self.rect.height - cap_h) // 2 - theme.px(2)
        return pygame.Rect(self.rect.left + pad, top, self.rect.width - 2 * pad, theme.px(4))

    def set_theme(self, theme: Theme) -> None:
        self._track = self.track_rect(theme)

    def position_of(self, value: int) -> tuple[int, int]:
        """Screen point of `value` on the track (for the test pilot)."""
        t = self._track
        frac = (value - self.low) / (self.high - self.low)
        return (round(t.left + frac * t.width), t.centery)

    def value_at(self, x: int) -> int:
        t = self._track
        frac = 0.0 if t.width <= 0 else min(1.0, max(0.0, (x - t.left) / t.width))
        steps = round(frac * (self.high - self.low) / self.step)
        return int(self.low + steps * self.step)

    def _propose(self, value: int) -> None:
        value = max(self.low, min(self.high, value))
        if value != self.binding.get():
            self.binding.set(value)

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if not self.visible:
            self.dragging = False
            return False
        pos = event_pos(event)
        if is_click(event) and self.hit(pos):
            self.dragging = True
            self._propose(self.value_at(pos[0]))
            return True
        if event.type == pygame.MOUSEMOTION and self.dragging and pos is not None:
            self._propose(self.value_at(pos[0]))
            return True
        if event.type == pygame.MOUSEBUTTONUP and self.dragging:
            self.dragging = False
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            current = self.binding.get()
            self._propose(current + (self.step if getattr(event, "y", 0) > 0 else -self.step))
            return True
        return False

    def lock_spot(self, theme: Theme) -> pygame.Rect:
        """The track's right end, under the caption and the value."""
        rect = padlock_spot(theme.px(10))
        rect.midright = (self.rect.right - 1, self.track_rect(theme).centery)
        return rect

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        value = self.binding.get()
        caption = theme.text(f"{self.caption}:", "body", th.TEXT_MUTED)
        surface.blit(caption, self.rect.topleft)
        shown = theme.text(self.format_value(value), "body", th.TEXT, "Bold")
        x = self.rect.left + caption.get_width() + theme.px(5)
        if x + shown.get_width() > self.rect.right:  # long caption: value on its own at the right
            x = self.rect.right - shown.get_width()
        surface.blit(shown, (x, self.rect.top))
        t = self._track
        pygame.draw.rect(surface, th.BORDER, t, border_radius=t.height // 2)
        kx, ky = self.position_of(max(self.low, min(self.high, value)))
        pygame.draw.rect(surface, th.ACCENT, (t.left, t.top, kx - t.left, t.height),
                         border_radius=t.height // 2)
        radius = theme.px(8 if (self.hovered or self.dragging) else 7)
        pygame.draw.circle(surface, th.ACCENT, (kx, ky), radius)
        pygame.draw.circle(surface, th.PANEL, (kx, ky), max(1, radius // 3))


# -- Checkbox -------------------------------------------------------------------------------
