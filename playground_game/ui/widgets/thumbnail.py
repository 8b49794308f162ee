"""Thumbnail: a dataset's picture that selects that dataset when clicked.

Its points are asked for when drawn (`points()`), so the picture follows what it shows (the
dataset in the current number of classes); it is redrawn only when those points or its size
change.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from playground_game.ui import theme as th
from playground_game.ui.heatmap import point_colour, point_pixel
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Widget, event_pos, is_click


class Thumbnail(Widget):
    """A dataset's small scatter (x to the right, y up, like every map); click to choose it."""

    def __init__(self, name: str, label: str, points: Callable[[], np.ndarray], regression: bool,
                 is_selected: Callable[[], bool], on_select: Callable[[], None],
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.label = label
        self.points = points
        self.regression = regression
        self.is_selected = is_selected
        self.on_select = on_select
        self._cache: pygame.Surface | None = None
        self._cached_points: np.ndarray | None = None

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if is_click(event) and self.hit(event_pos(event)):
            if not self.is_selected():
                self.on_select()
            return True
        return False

    def _render(self, theme: Theme) -> pygame.Surface:
        size = self.rect.size
        points = self.points()
        if (self._cache is None or self._cache.get_size() != size
                or self._cached_points is not points):
            surf = pygame.Surface(size)
            surf.fill(th.PANEL)
            w, h = size
            radius = max(1, round(min(w, h) / 45))
            for x, y, label in points:
                pygame.draw.circle(surf, point_colour(label, self.regression),
                                   point_pixel(x, y, w, h), radius)
            pygame.draw.rect(surf, th.BORDER, surf.get_rect(), width=1)  # drawn once, not a frame
            self._cache = surf
            self._cached_points = points
        return self._cache

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        surface.blit(self._render(theme), self.rect)
        if self.is_selected():
            pygame.draw.rect(surface, th.ACCENT, self.rect.inflate(theme.px(4), theme.px(4)),
                             width=max(2, theme.px(2.5)))
        elif self.hovered:
            pygame.draw.rect(surface, th.TEXT_MUTED, self.rect.inflate(theme.px(2), theme.px(2)),
                             width=max(1, theme.px(1.5)))
