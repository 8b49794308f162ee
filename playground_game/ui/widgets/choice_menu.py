"""A list of choices that pops up under a caption the network view draws (a layer's
activation): click or Enter picks one, Esc or a click elsewhere closes it.

It looks like an open dropdown's list; unlike a Dropdown it owns no caption or value box, so a
view can open it from any clickable text of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.text_edit import CANCEL

CHOSEN = "chosen"


class ChoiceMenu:
    """Choices (values and their labels) listed under `anchor`, the current one highlighted."""

    def __init__(self, values: Sequence[str], labels: Sequence[str], current: str,
                 anchor: pygame.Rect) -> None:
        self.values = tuple(values)
        self.labels = tuple(labels)
        self.anchor = pygame.Rect(anchor)
        self.highlight = self.values.index(current) if current in self.values else 0
        self.choice: str | None = None
        self._rects: list[pygame.Rect] = []
        self._rect = pygame.Rect(0, 0, 0, 0)

    def layout(self, theme: Theme, bounds: pygame.Rect) -> pygame.Rect:
        """Place the list under the anchor (above it where the window is too short), inside
        bounds; return its rect."""
        item_h = theme.line_height("body") + theme.px(8)
        width = max(theme.text_size(label, "body")[0] for label in self.labels) + theme.px(24)
        rect = pygame.Rect(0, 0, max(width, self.anchor.width), item_h * len(self.values))
        rect.midtop = (self.anchor.centerx, self.anchor.bottom + theme.px(2))
        if rect.bottom > bounds.bottom:
            rect.bottom = self.anchor.top - theme.px(2)
        rect.clamp_ip(bounds)
        self._rect = rect
        self._rects = [pygame.Rect(rect.left, rect.top + k * item_h, rect.width, item_h)
                       for k in range(len(self.values))]
        return rect

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """CHOSEN (read `choice`), CANCEL, or None (the event moved the highlight, or was not
        for the menu)."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return CANCEL
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                step = -1 if event.key == pygame.K_UP else 1
                self.highlight = (self.highlight + step) % len(self.values)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.choice = self.values[self.highlight]
                return CHOSEN
            return None
        if event.type == pygame.MOUSEMOTION:
            for k, rect in enumerate(self._rects):
                if rect.collidepoint(event.pos):
                    self.highlight = k
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for k, rect in enumerate(self._rects):
                if rect.collidepoint(event.pos):
                    self.choice = self.values[k]
                    return CHOSEN
            return CANCEL
        return None

    def contains(self, pos: tuple[int, int]) -> bool:
        return self._rect.collidepoint(pos)

    def item_rect(self, value: str) -> pygame.Rect:
        """Where a choice is drawn (after layout)."""
        return pygame.Rect(self._rects[self.values.index(value)])

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The list with a shadow, the highlighted choice filled (call layout first)."""
        rect = self._rect
        radius = theme.px(3)
        pygame.draw.rect(surface, th.BORDER, rect.move(theme.px(2), theme.px(3)),
                         border_radius=radius)
        pygame.draw.rect(surface, th.PANEL, rect, border_radius=radius)
        for k, (label, item) in enumerate(zip(self.labels, self._rects, strict=True)):
            if k == self.highlight:
                pygame.draw.rect(surface, th.HOVER, item)
            text = theme.text(label, "body", th.TEXT)
            surface.blit(text, text.get_rect(midleft=(item.left + theme.px(10), item.centery)))
        pygame.draw.rect(surface, th.BORDER, rect, width=1, border_radius=radius)
