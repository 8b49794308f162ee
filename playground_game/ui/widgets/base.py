"""What every widget shares: the `Widget` base (name, rect, visibility, hover), `Binding`, and
the two event readers every UI module uses (`is_click`, `event_pos`).

Each widget follows the loop contract `handle_event(event) -> bool` (True when consumed) and
`draw(surface, theme)`. Widgets never change the model themselves: they read their value through a
`Binding` and report a new value through it, which the scene turns into an action for
`Playground.apply` (intent flows up, state flows down). Positions are read from `event.pos`, never
from the mouse, so posted test events and a real hand take the same path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from playground_game.ui.theme import Theme

LEFT = 1


@dataclass(frozen=True)
class Binding:
    """Where a control's value lives: `get` reads it, `set` asks for a change."""

    get: Callable[[], Any]
    set: Callable[[Any], None]


def is_click(event: pygame.event.Event) -> bool:
    """A left-button press (posted test events may lack fields a real event has)."""
    return event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == LEFT


def event_pos(event: pygame.event.Event) -> tuple[int, int] | None:
    """The event's own position, or None for events without one."""
    pos = getattr(event, "pos", None)
    return pos if isinstance(pos, tuple) else None


class Widget:
    """Base: a name (the pilot's handle), a rect, a visibility flag and hover tracking."""

    def __init__(self, name: str, hide_key: str | None = None) -> None:
        self.name = name
        self.hide_key = hide_key
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.visible = True
        self.hovered = False

    def hit(self, pos: tuple[int, int] | None) -> bool:
        return self.visible and pos is not None and self.rect.collidepoint(pos)

    def track_hover(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.hit(event_pos(event))
        elif event.type == pygame.WINDOWLEAVE:
            self.hovered = False

    def handle_event(self, event: pygame.event.Event) -> bool:
        """React to one event; True when it was meant for this widget."""
        self.track_hover(event)
        return False

    def lock_spot(self, theme: Theme) -> pygame.Rect:
        """Where the padlock of a locked control goes (no text there): the top-right corner."""
        rect = padlock_spot(theme.px(11))
        rect.topright = (self.rect.right - 1, self.rect.top + 1)
        return rect

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        raise NotImplementedError


def padlock_spot(size: int) -> pygame.Rect:
    """A padlock's rect for a body `size` wide (the shackle makes it 1.3 times as tall)."""
    return pygame.Rect(0, 0, size, round(size * 1.3))
