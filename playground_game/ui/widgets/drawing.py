"""Drawing helpers the widgets and the views share: wrapped text, icons, flat text buttons."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme


def draw_wrapped(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                 paragraphs: Sequence[str], role: str, colour: tuple[int, int, int]) -> None:
    """Wrapped paragraphs inside rect, top-aligned; lines that would not fit are dropped."""
    y = rect.top
    line_h = theme.line_height(role)
    for paragraph in paragraphs:
        for line in theme.wrap(paragraph, role, rect.width):
            if y + line_h > rect.bottom + 1:
                return
            surface.blit(theme.text(line, role, colour), (rect.left, y))
            y += line_h


# -- Button ---------------------------------------------------------------------------------


def draw_icon(surface: pygame.Surface, icon: str, centre: tuple[int, int], size: int,
              colour: tuple[int, int, int]) -> None:
    """Simple vector icons (Roboto lacks the symbol glyphs): play, pause, step, reset."""
    cx, cy = centre
    h = size / 2
    if icon == "play":
        pts = [(cx - h * 0.6, cy - h), (cx - h * 0.6, cy + h), (cx + h, cy)]
        pygame.draw.polygon(surface, colour, pts)
    elif icon == "pause":
        bar = max(2, round(size * 0.28))
        pygame.draw.rect(surface, colour, (round(cx - h * 0.75), round(cy - h), bar, round(size)))
        pygame.draw.rect(surface, colour,
                         (round(cx + h * 0.75) - bar, round(cy - h), bar, round(size)))
    elif icon == "step":
        pts = [(cx - h, cy - h), (cx - h, cy + h), (cx + h * 0.45, cy)]
        pygame.draw.polygon(surface, colour, pts)
        bar = max(2, round(size * 0.2))
        pygame.draw.rect(surface, colour, (round(cx + h * 0.55), round(cy - h), bar, round(size)))
    elif icon == "reset":
        r = round(h)
        width = max(2, round(size * 0.16))
        box = pygame.Rect(0, 0, 2 * r, 2 * r)
        box.center = centre
        pygame.draw.arc(surface, colour, box, math.radians(100), math.radians(390), width)
        # arrowhead at the arc's start (top, pointing left)
        ax, ay = cx + r * math.cos(math.radians(100)), cy - r * math.sin(math.radians(100))
        a = size * 0.32
        pygame.draw.polygon(surface, colour, [(ax + a * 0.2, ay - a), (ax + a * 0.2, ay + a),
                                              (ax - a, ay)])


def draw_text_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str,
                     hovered: bool, *, primary: bool = False, border: int = 1) -> None:
    """A rounded text button: white with a `border`-pixel grey edge, or filled when `primary`."""
    radius = theme.px(4)
    if primary:
        pygame.draw.rect(surface, th.HEADER_HOVER if hovered else th.ACCENT, rect,
                         border_radius=radius)
        colour = th.HEADER_TEXT
    else:
        pygame.draw.rect(surface, th.HOVER if hovered else th.PANEL, rect, border_radius=radius)
        pygame.draw.rect(surface, th.BORDER, rect, width=border, border_radius=radius)
        colour = th.TEXT
    text = theme.text(label, "body", colour, "Medium")
    surface.blit(text, text.get_rect(center=rect.center))
