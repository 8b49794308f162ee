"""The hover card: a small white box with a line of text near the pointer ("Weight is 0.234").

The original shows weights and biases in such a card while the pointer rests on a link or a bias
square; the value text field opens in the same card, so both draw their box here.
"""

from __future__ import annotations

import pygame

from playground_game.ui import theme as palette
from playground_game.ui.theme import Theme

CARD_BORDER = (0xAA, 0xAA, 0xAA)
CARD_PADDING = 5  # at 720p
CARD_RADIUS = 4
POINTER_GAP = 14  # the card sits this far right of and below the pointer


def format_value(value: float) -> str:
    """Three decimals like the brief's "0.234"; very small or large values keep 3 significant
    digits instead of turning into a misleading 0.000 or a long row of digits."""
    if value != value:
        return "NaN"
    magnitude = abs(value)
    if value == 0 or 1e-3 <= magnitude < 1e6:
        return f"{value:.3f}"
    return f"{value:.3g}"


def place_card(size: tuple[int, int], point: tuple[int, int], bounds: pygame.Rect,
               gap: int) -> pygame.Rect:
    """A card of `size` beside `point`, flipped to the other side where it would leave `bounds`."""
    card = pygame.Rect((point[0] + gap, point[1] + gap), size)
    if card.right > bounds.right:
        card.right = point[0] - gap
    if card.bottom > bounds.bottom:
        card.bottom = point[1] - gap
    return card.clamp(bounds)


def draw_card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    """The card's white rounded box with its grey border."""
    radius = theme.px(CARD_RADIUS)
    pygame.draw.rect(surface, palette.PANEL, rect, border_radius=radius)
    pygame.draw.rect(surface, CARD_BORDER, rect, width=1, border_radius=radius)


def draw_tooltip(surface: pygame.Surface, theme: Theme, text: str, point: tuple[int, int],
                 bounds: pygame.Rect | None = None) -> pygame.Rect:
    """Draw `text` in a card near `point`, inside `bounds` (the surface by default); its rect."""
    label = theme.text(text, "body", palette.TEXT)
    pad = theme.px(CARD_PADDING)
    size = (label.get_width() + 2 * pad, label.get_height() + 2 * pad)
    card = place_card(size, point, bounds or surface.get_rect(), theme.px(POINTER_GAP))
    draw_card(surface, theme, card)
    surface.blit(label, (card.left + pad, card.top + pad))
    return card
