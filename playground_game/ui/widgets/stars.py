"""Stars for a lesson's result (1 to 3): drawn as polygons, since the app font has no star."""

from __future__ import annotations

import math

import pygame

STAR_GOLD = (0xF2, 0xB1, 0x1C)
STAR_EMPTY = (0xD5, 0xD8, 0xDA)
MAX_STARS = 3


def star_points(centre: tuple[float, float], radius: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, the first pointing up."""
    cx, cy = centre
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def draw_stars(surface: pygame.Surface, left: int, centre_y: int, size: int, earned: int) -> int:
    """`MAX_STARS` stars of `size` pixels from `left`, the first `earned` gold; returns the
    width drawn."""
    gap = max(1, size // 5)
    for k in range(MAX_STARS):
        centre = (left + k * (size + gap) + size / 2, centre_y)
        colour = STAR_GOLD if k < earned else STAR_EMPTY
        pygame.draw.polygon(surface, colour, star_points(centre, size / 2))
    return MAX_STARS * size + (MAX_STARS - 1) * gap
