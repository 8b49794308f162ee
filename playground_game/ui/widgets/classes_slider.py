"""ClassesSlider: the number of classes, as a slider on one line ("Classes: 3" and a short track
with a tick a count), bounded by what the current dataset can make.

The track always spans 2 to the most classes any dataset makes, so a count sits at the same place
on every dataset; the counts the current dataset makes have ticks, and a value asked for between
them snaps to the nearest. A dataset that makes a single count mutes the slider: a click then
only asks `on_refused` to say why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Binding, event_pos, is_click
from playground_game.ui.widgets.slider import Slider


class ClassesSlider(Slider):
    """A one-line slider over `low..high` whose allowed values are `counts()`."""

    def __init__(self, name: str, caption: str, low: int, high: int,
                 format_value: Callable[[Any], str], binding: Binding,
                 counts: Callable[[], tuple[int, ...]], on_refused: Callable[[], None],
                 hide_key: str | None = None) -> None:
        super().__init__(name, caption, low, high, 1, format_value, binding, hide_key)
        self.counts = counts
        self.on_refused = on_refused

    @property
    def enabled(self) -> bool:
        """Whether the current dataset makes more than one count."""
        return len(self.counts()) > 1

    def _label_width(self, theme: Theme) -> int:
        """The caption and the widest value, left of the track."""
        caption = theme.text_size(f"{self.caption}:", "body")[0]
        widest = max(theme.text_size(self.format_value(v), "body", "Bold")[0]
                     for v in range(self.low, self.high + 1))
        return caption + theme.px(5) + widest + theme.px(12)

    def track_rect(self, theme: Theme) -> pygame.Rect:
        pad = theme.px(9)
        left = self.rect.left + self._label_width(theme) + pad
        return pygame.Rect(left, self.rect.centery - theme.px(2),
                           max(1, self.rect.right - pad - left), theme.px(4))

    def _propose(self, value: int) -> None:
        counts = self.counts()
        if not counts:
            return
        value = min(counts, key=lambda c: (abs(c - value), c))
        if value != self.binding.get():
            self.binding.set(value)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.visible and not self.enabled:
            self.track_hover(event)
            self.dragging = False
            if is_click(event) and self.hit(event_pos(event)):
                self.on_refused()
                return True
            return event.type == pygame.MOUSEWHEEL and self.hovered
        if event.type == pygame.MOUSEWHEEL and self.visible and self.hovered:
            counts = self.counts()
            current = self.binding.get()
            up = getattr(event, "y", 0) > 0
            following = [c for c in counts if (c > current if up else c < current)]
            if following:
                self._propose(min(following) if up else max(following))
            return True
        return super().handle_event(event)

    def lock_spot(self, theme: Theme) -> pygame.Rect:
        rect = super().lock_spot(theme)
        rect.centery = self.rect.centery
        return rect

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        enabled = self.enabled
        value = self.binding.get()
        caption = theme.text(f"{self.caption}:", "body", th.TEXT_MUTED)
        top = self.rect.centery - caption.get_height() // 2
        surface.blit(caption, (self.rect.left, top))
        shown = theme.text(self.format_value(value), "body", th.TEXT if enabled else th.TEXT_MUTED,
                           "Bold")
        surface.blit(shown, (self.rect.left + caption.get_width() + theme.px(5), top))
        t = self._track
        pygame.draw.rect(surface, th.BORDER, t, border_radius=t.height // 2)
        counts = set(self.counts())
        tick = max(2, theme.px(2.5))
        for count in range(self.low, self.high + 1):
            x, y = self.position_of(count)
            colour = th.TEXT_MUTED if count in counts and enabled else th.BORDER
            pygame.draw.circle(surface, colour, (x, y), tick)
        kx, ky = self.position_of(max(self.low, min(self.high, value)))
        colour = th.ACCENT if enabled else th.TEXT_MUTED
        if enabled:
            pygame.draw.rect(surface, colour, (t.left, t.top, kx - t.left, t.height),
                             border_radius=t.height // 2)
        radius = theme.px(8 if (enabled and (self.hovered or self.dragging)) else 7)
        pygame.draw.circle(surface, colour, (kx, ky), radius)
        pygame.draw.circle(surface, th.PANEL, (kx, ky), max(1, radius // 3))
