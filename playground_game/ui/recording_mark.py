"""The recording mark: a red dot and the elapsed time, on screen while recording, never recorded.

The app captures the frame first and then draws the mark; `draw_mark` returns a function that
puts back the pixels under the mark once the frame is on screen, so the surface the next frame
builds on (the network view keeps parts of it between frames) holds no trace of the mark.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme

MARK_RED = (0xE5, 0x39, 0x35)


def elapsed_text(seconds: float) -> str:
    """0:07, 1:23: minutes and seconds, as recorders show them."""
    whole = max(0, int(seconds))
    return f"REC {whole // 60}:{whole % 60:02d}"


def mark_rect(surface_size: tuple[int, int], top: int, theme: Theme,
              text_width: int) -> pygame.Rect:
    """The pill's place: the window's right edge, just under the top bar (`top`), where the
    output column's heading leaves room."""
    pad = theme.px(8)
    dot = theme.px(10)
    height = max(theme.line_height("body"), dot) + 2 * theme.px(4)
    rect = pygame.Rect(0, 0, pad + dot + theme.px(6) + text_width + pad, height)
    rect.topright = (surface_size[0] - theme.px(12), top + theme.px(6))
    return rect


def draw_mark(surface: pygame.Surface, theme: Theme, seconds: float, top: int,
              detail: str = "") -> Callable[[], None]:
    """Draw the mark (with `detail` after the time, at the start); returns the function that
    restores what was under it."""
    text = elapsed_text(seconds) + (f"  \u00b7  {detail}" if detail else "")
    label = theme.text(text, "body", th.HEADER_TEXT, "Medium")
    rect = mark_rect(surface.get_size(), top, theme, label.get_width()).clip(
        surface.get_rect())
    saved = surface.subsurface(rect).copy()
    pygame.draw.rect(surface, th.TOAST, rect, border_radius=rect.height // 2)
    dot = theme.px(10)
    centre = (rect.left + theme.px(8) + dot // 2, rect.centery)
    if int(seconds * 2) % 2 == 0 or seconds < 1:  # the dot blinks once a second
        pygame.draw.circle(surface, MARK_RED, centre, dot // 2 + 1)
    surface.blit(label, label.get_rect(midleft=(centre[0] + dot // 2 + theme.px(6),
                                                rect.centery)))

    def restore() -> None:
        surface.blit(saved, rect)

    return restore
