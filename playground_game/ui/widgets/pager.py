"""Pager: a previous and a next arrow around one dot a page, for a set shown a page at a time
(the dataset thumbnails).

Arrows and dots are drawn shapes, not text, so the pager stays small in the presentation
column's big text. A click on an arrow turns the page, on a dot goes to that page; the wheel
over it turns pages too. At the first or the last page its arrow is muted and does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Widget, event_pos, is_click


class Pager(Widget):
    """Page `page()` of `pages()`; `on_page(k)` asks for page k (0-based)."""

    def __init__(self, name: str, pages: Callable[[], int], page: Callable[[], int],
                 on_page: Callable[[int], None], hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.pages = pages
        self.page = page
        self.on_page = on_page

    # -- geometry ------------------------------------------------------------------------

    def arrow_rects(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The previous and the next arrow's squares, at the two ends."""
        side = min(self.rect.height, max(1, self.rect.width // 4))
        prev = pygame.Rect(self.rect.left, 0, side, side)
        nxt = pygame.Rect(self.rect.right - side, 0, side, side)
        prev.centery = nxt.centery = self.rect.centery
        return prev, nxt

    def dot_centres(self) -> list[tuple[int, int]]:
        """One dot a page, spread evenly between the arrows."""
        prev, nxt = self.arrow_rects()
        count = max(1, self.pages())
        span = nxt.left - prev.right
        pitch = min(span / count, self.rect.height * 0.8)
        start = prev.right + (span - pitch * count) / 2 + pitch / 2
        return [(round(start + k * pitch), self.rect.centery) for k in range(count)]

    def _dot_radius(self) -> int:
        return max(2, round(self.rect.height * 0.16))

    # -- events --------------------------------------------------------------------------

    def _go(self, page: int) -> None:
        page = max(0, min(self.pages() - 1, page))
        if page != self.page():
            self.on_page(page)

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if not self.visible:
            return False
        pos = event_pos(event)
        if is_click(event) and self.hit(pos):
            prev, nxt = self.arrow_rects()
            if prev.collidepoint(pos):
                self._go(self.page() - 1)
            elif nxt.collidepoint(pos):
                self._go(self.page() + 1)
            else:
                nearest = min(range(self.pages()),
                              key=lambda k: abs(self.dot_centres()[k][0] - pos[0]))
                self._go(nearest)
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            self._go(self.page() + (-1 if getattr(event, "y", 0) > 0 else 1))
            return True
        return False

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        page, pages = self.page(), self.pages()
        prev, nxt = self.arrow_rects()
        for rect, enabled, pointing in ((prev, page > 0, -1), (nxt, page < pages - 1, 1)):
            colour = th.ACCENT if enabled else th.BORDER
            pygame.draw.rect(surface, colour, rect, width=max(1, theme.px(1.5)),
                             border_radius=max(2, rect.height // 4))
            half = rect.height * 0.18
            cx, cy = rect.centerx + pointing * half * 0.3, rect.centery
            tip = (cx + pointing * half, cy)
            pygame.draw.polygon(surface, colour, [tip, (cx - pointing * half, cy - half * 1.2),
                                                  (cx - pointing * half, cy + half * 1.2)])
        radius = self._dot_radius()
        for k, centre in enumerate(self.dot_centres()):
            if k == page:
                pygame.draw.circle(surface, th.ACCENT, centre, radius + 1)
            else:
                pygame.draw.circle(surface, th.TEXT_MUTED, centre, radius, width=1)
