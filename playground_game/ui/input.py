"""The input router: one ordered list of layers for both z-order and input.

Each `Layer` is on screen while `active()`; it draws with `draw(surface, theme)` and takes an
event when `handle_event(event)` returns True. The list runs bottom to top. `draw` goes up it and
`handle_event` comes down it, to the first active layer that takes the event, so what is drawn on
top is always what gets the click, and the two orders cannot disagree. A modal layer (a dialog,
the help, the level screen, the error card) takes every event while active, which is its focus:
nothing under it sees a key or a click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from playground_game.ui.theme import Theme


def _never(event: pygame.event.Event) -> bool:
    return False


def _nothing(surface: pygame.Surface, theme: Theme) -> None:
    return None


@dataclass(frozen=True)
class Layer:
    """One level of the window: whether it is there, how it takes input, how it draws."""

    name: str
    active: Callable[[], bool]
    handle_event: Callable[[pygame.event.Event], bool] = _never
    draw: Callable[[pygame.Surface, Theme], None] = _nothing
    modal: bool = False  # takes every event while active (the router enforces it)


def layer_of(name: str, part: object, *, modal: bool = False) -> Layer:
    """A layer from an object with `active()`, `handle_event(event)` and `draw(surface, theme)`."""
    return Layer(name, part.active, part.handle_event, part.draw,  # type: ignore[attr-defined]
                 modal)


class Router:
    """The layers bottom to top; events top-down to the first taker, drawing bottom-up."""

    def __init__(self, layers: Sequence[Layer]) -> None:
        names = [layer.name for layer in layers]
        if len(set(names)) != len(names):
            raise ValueError(f"two layers share a name: {names}")
        self.layers: tuple[Layer, ...] = tuple(layers)
        self._pointer: tuple[int, int] | None = None  # where the pointer was last seen

    @property
    def names(self) -> list[str]:
        """Bottom to top."""
        return [layer.name for layer in self.layers]

    def layer(self, name: str) -> Layer:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(name)

    def focus(self) -> Layer | None:
        """The top-most active modal layer: it takes every event until it goes."""
        for layer in reversed(self.layers):
            if layer.modal and layer.active():
                return layer
        return None

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """Offer the event top-down; the name of the layer that took it, or None.

        When the event closes a modal layer (a dialog, the help), the layers under it see the
        pointer where it is now: a button clicked to open the dialog stops looking hovered
        once the pointer has left it while the dialog had every event.
        """
        pos = getattr(event, "pos", None)
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) \
                and isinstance(pos, tuple):
            self._pointer = pos
        before = self.focus()
        taken = self._offer(event)
        if before is not None and self.focus() is None and self._pointer is not None:
            self._offer(pygame.event.Event(pygame.MOUSEMOTION, pos=self._pointer, rel=(0, 0),
                                           buttons=(0, 0, 0)))
        return taken

    def _offer(self, event: pygame.event.Event) -> str | None:
        for layer in reversed(self.layers):
            if not layer.active():
                continue
            taken = layer.handle_event(event)
            if taken or layer.modal:
                return layer.name
        return None

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """Draw every active layer, bottom-up."""
        for layer in self.layers:
            if layer.active():
                layer.draw(surface, theme)
