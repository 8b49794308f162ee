"""Where the window is: its position and a display's corner, for fullscreen on the right display.

Small wrappers over pygame's window calls that never raise (a driver that cannot place windows
is fine: the window stays where it is).
"""

from __future__ import annotations

import contextlib

import pygame


def window_position() -> tuple[int, int] | None:
    try:
        return tuple(pygame.display.get_window_position())  # type: ignore[return-value]
    except pygame.error:
        return None


def move_window(position: tuple[int, int] | None) -> None:
    if position is None:
        return
    with contextlib.suppress(pygame.error):  # a driver that cannot place windows: fine
        pygame.display.set_window_position(position)


def display_origin(display: int, desktop: tuple[int, int]) -> tuple[int, int] | None:
    """The top-left corner of a display on the virtual desktop.

    pygame has no call for a display's bounds; SDL centres a window on display N when given
    SDL_WINDOWPOS_CENTERED_DISPLAY(N), and the corner follows from where it put it.
    """
    try:
        pygame.display.set_window_position((CENTRED_ON | display, CENTRED_ON | display))
        x, y = pygame.display.get_window_position()
        w, h = pygame.display.get_window_size()
    except pygame.error:
        return None
    return (x - (desktop[0] - w) // 2, y - (desktop[1] - h) // 2)


CENTRED_ON = 0x2FFF0000  # SDL_WINDOWPOS_CENTERED_MASK
