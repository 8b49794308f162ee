"""Drawing helpers the widgets and the views share: wrapped text, icons, flat text buttons,
ticks, and the padlock that marks a control a lesson locks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Widget


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


def draw_padlock(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> None:
    """A padlock filling `rect` (width = the body's side, height 1.3 times that)."""
    size = rect.width
    centre = (rect.centerx, rect.top + round(size * 0.675))
    body = pygame.Rect(0, 0, size, round(size * 0.75))
    body.midtop = (centre[0], centre[1] - size // 8)
    shackle = pygame.Rect(0, 0, round(size * 0.64), round(size * 0.8))
    shackle.midbottom = (centre[0], body.top + round(size * 0.25))
    pygame.draw.ellipse(surface, colour, shackle, max(1, size // 6))
    pygame.draw.rect(surface, colour, body, border_radius=max(1, size // 8))


def padlock_rect(widget: Widget, theme: Theme) -> pygame.Rect:
    """Where a locked widget's padlock goes: a spot of the widget that holds no text (each
    widget says where: `Widget.lock_spot`)."""
    return widget.lock_spot(theme)


def draw_locked(surface: pygame.Surface, theme: Theme, widgets: Iterable[Widget],
                locked: frozenset[str]) -> None:
    """Dim every visible control a lesson locks and mark it with a padlock where no text is."""
    if not locked:
        return
    for widget in widgets:
        if not widget.visible or widget.hide_key not in locked or widget.rect.width <= 0:
            continue
        header = getattr(widget, "style", "") in ("header", "round", "primary")
        tint = th.HEADER if header else th.BACKGROUND
        surface.blit(theme.veil(widget.rect.size, (*tint, 150)), widget.rect)
        spot = padlock_rect(widget, theme)
        surface.blit(theme.veil(spot.inflate(4, 4).size, (*tint, 255)), spot.inflate(4, 4))
        draw_padlock(surface, spot, th.HEADER_MUTED if header else th.TEXT_MUTED)


def draw_tick(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int],
          width: int) -> None:
    """A tick mark inside rect."""
    w, h = rect.size
    pts = [(rect.left + w * 0.2, rect.top + h * 0.52), (rect.left + w * 0.42, rect.top + h * 0.74),
           (rect.left + w * 0.8, rect.top + h * 0.28)]
    pygame.draw.lines(surface, colour, False, pts, width)
