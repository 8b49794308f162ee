"""Checkbox: a box and its label, bound to one boolean."""

from __future__ import annotations

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Binding, Widget, event_pos, is_click, padlock_spot


class Checkbox(Widget):
    """A box and its label; the whole rect is the hit area."""

    def __init__(self, name: str, label: str, binding: Binding,
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.label = label
        self.binding = binding

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if is_click(event) and self.hit(event_pos(event)):
            self.binding.set(not self.binding.get())
            return True
        return False

    def lock_spot(self, theme: Theme) -> pygame.Rect:
        """Inside the box, left of the label."""
        rect = padlock_spot(theme.px(10))
        rect.center = (self.rect.left + theme.px(8), self.rect.centery)
        return rect

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        size = theme.px(16)
        box = pygame.Rect(self.rect.left, 0, size, size)
        box.centery = self.rect.centery
        checked = bool(self.binding.get())
        radius = theme.px(3)
        if checked:
            pygame.draw.rect(surface, th.ACCENT, box, border_radius=radius)
            w = max(2, theme.px(2))
            pts = [(box.left + size * 0.22, box.top + size * 0.52),
                   (box.left + size * 0.42, box.top + size * 0.72),
                   (box.left + size * 0.78, box.top + size * 0.3)]
            pygame.draw.lines(surface, th.PANEL, False, pts, w)
        else:
            pygame.draw.rect(surface, th.PANEL, box, border_radius=radius)
            colour = th.ACCENT if self.hovered else th.TEXT_MUTED
            pygame.draw.rect(surface, colour, box, width=max(1, theme.px(1.5)),
                             border_radius=radius)
        text = theme.text(self.label, "body", th.TEXT)
        surface.blit(text, text.get_rect(midleft=(box.right + theme.px(6), self.rect.centery)))


# -- Dataset thumbnail ----------------------------------------------------------------------
