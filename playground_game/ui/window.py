"""The window itself: its name, class and icon, its first frame, its size and place.

`open_window` is what the command line calls first, before anything imports numpy or numba: the
window (with its title, its X11/Wayland class `playground-game` so a desktop groups and names it,
and an icon drawn here) shows the loading screen within a fraction of a second even on a cold
first start; the app then takes over the same window. The rest are small wrappers over pygame's
window calls that never raise (a driver that cannot place windows is fine: the window stays where
it is).
"""

from __future__ import annotations

import contextlib
import os
import sys

import pygame

from playground_game.ui import theme as th
from playground_game.ui.overlays.loading import draw_loading
from playground_game.ui.theme import Theme

TITLE = "Neural Playground"
WINDOW_CLASS = "playground-game"  # the X11 WM_CLASS and Wayland app id (launchers match it)
DEFAULT_SIZE = (1280, 720)
LARGE_DEFAULT_SIZE = (1600, 900)  # on a desktop of 1920 x 1080 or more
ICON_SIZE = 64
DEFAULT_HEIGHT_SHARE = 0.85  # of the display's height, at most
MIN_WINDOW = (1024, 600)  # the least the layout is made for; smaller windows see it scaled
_POINTER_EVENTS = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


class WindowView:
    """What the app draws into: the window itself, or, when the window is smaller than
    MIN_WINDOW (a small projector, a small fullscreen), a canvas of the window's shape at least
    that large, shown scaled down, so nothing ever overlaps; pointer positions are mapped back."""

    def __init__(self) -> None:
        self.canvas: pygame.Surface | None = None
        self.factor = 1.0  # canvas pixels per window pixel

    def surface(self) -> pygame.Surface:
        """The surface to draw the next frames into (call after any change of the window)."""
        display = pygame.display.get_surface()
        assert display is not None, "no window"
        w, h = display.get_size()
        factor = max(1.0, MIN_WINDOW[0] / max(1, w), MIN_WINDOW[1] / max(1, h))
        if factor == 1.0:
            self.canvas, self.factor = None, 1.0
            return display
        size = (max(MIN_WINDOW[0], round(w * factor)), max(MIN_WINDOW[1], round(h * factor)))
        if self.canvas is None or self.canvas.get_size() != size:
            self.canvas = pygame.Surface(size, 0, display)
        self.factor = factor
        return self.canvas

    def to_canvas(self, event: pygame.event.Event) -> pygame.event.Event:
        """The event with its position in canvas pixels (unchanged without a canvas)."""
        if self.canvas is None or event.type not in _POINTER_EVENTS or not hasattr(event, "pos"):
            return event
        x, y = event.pos
        moved = dict(event.dict, pos=(int(x * self.factor), int(y * self.factor)))
        return pygame.event.Event(event.type, moved)

    def present(self) -> None:
        """Show the frame: scale the canvas into the window if there is one, then flip."""
        display = pygame.display.get_surface()
        if self.canvas is not None and display is not None:
            pygame.transform.smoothscale(self.canvas, display.get_size(), display)
        pygame.display.flip()


def fill_around(surface: pygame.Surface, colour: tuple[int, int, int],
                hole: pygame.Rect | None) -> None:
    """Fill the surface except `hole` (drawn over by an opaque layer: at 4K, a fill of the
    whole window costs milliseconds)."""
    if hole is None or hole.width <= 0 or hole.height <= 0:
        surface.fill(colour)
        return
    w, h = surface.get_size()
    hole = hole.clip(surface.get_rect())
    for rect in ((0, 0, w, hole.top), (0, hole.bottom, w, h - hole.bottom),
                 (0, hole.top, hole.left, hole.height),
                 (hole.right, hole.top, w - hole.right, hole.height)):
        surface.fill(colour, rect)


def set_identity() -> None:
    """The window's class for the desktop; call before pygame.display.init().

    Importing pygame under X11 sets the class to the script's file name ("__main__.py" for
    `python -m`); that default gives way, a class the user set stays."""
    for key in ("SDL_VIDEO_X11_WMCLASS", "SDL_VIDEO_WAYLAND_WMCLASS"):
        if os.environ.get(key, "") in ("", os.path.basename(sys.argv[0])):
            os.environ[key] = WINDOW_CLASS


def make_icon(size: int = ICON_SIZE) -> pygame.Surface:
    """The app's icon: three layers of units joined by a blue and an orange link, on the header
    colour (drawn, so nothing has to be shipped or found)."""
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.rect(icon, th.HEADER, icon.get_rect(), border_radius=size // 6)
    unit = size // 7
    columns = (size * 0.22, size * 0.5, size * 0.78)
    rows = ((0.3, 0.7), (0.22, 0.5, 0.78), (0.5,))
    centres = [[(round(x), round(size * y)) for y in ys] for x, ys in zip(columns, rows,
                                                                         strict=True)]
    width = max(2, size // 20)
    for left, right in zip(centres[:-1], centres[1:], strict=True):
        for k, a in enumerate(left):
            for j, b in enumerate(right):
                colour = th.BLUE if (k + j) % 2 == 0 else th.ORANGE
                pygame.draw.line(icon, colour, a, b, width)
    for column in centres:
        for x, y in column:
            pygame.draw.rect(icon, th.PANEL, (x - unit // 2, y - unit // 2, unit, unit),
                             border_radius=max(1, unit // 5))
    return icon


def default_size(display: int) -> tuple[int, int]:
    """The window's size when none is asked for: fits the display, larger on large ones."""
    try:
        desk_w, desk_h = pygame.display.get_desktop_sizes()[display]
    except (pygame.error, IndexError):
        return DEFAULT_SIZE
    w, h = LARGE_DEFAULT_SIZE if desk_w >= 1920 and desk_h >= 1080 else DEFAULT_SIZE
    # room for the title bar and a panel: a 720-pixel window on an 800-pixel screen lost its
    # bottom (the lesson card's buttons) below the screen's edge
    return (min(w, int(desk_w * 0.95)), min(h, int(desk_h * DEFAULT_HEIGHT_SHARE)))


def valid_display(display: int) -> int:
    """`display` when it exists, else 0."""
    return display if 0 <= display < pygame.display.get_num_displays() else 0


def init_display() -> None:
    """Initialise pygame's display with the window's class, title and icon (idempotent)."""
    set_identity()
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption(TITLE, TITLE)
    with contextlib.suppress(pygame.error):
        pygame.display.set_icon(make_icon())


def open_window(size: tuple[int, int] | None, display: int) -> None:
    """Open the window and show the loading screen at once (the app reuses the window)."""
    init_display()
    display = valid_display(display)
    surface = pygame.display.set_mode(size or default_size(display), pygame.RESIZABLE,
                                      display=display)
    if size is None:  # our size, centred: a window manager may place it lower, off the screen
        with contextlib.suppress(pygame.error):
            pygame.display.set_window_position((CENTRED_ON | display, CENTRED_ON | display))
    draw_loading(surface, Theme(*surface.get_size()), 0.0, "Starting", TITLE)
    pygame.display.flip()


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
