"""A theme for a race cell's network view whose feature names fit one above another.

Four contestants on a large screen give each network a quarter of the window, but the app's
text stays at its readable size there (at least 1/45 of a 1080-pixel window's height), so the
features' names (X₁, X₂, X₁², ...) come closer than a line and overprint each other. The view
draws with the theme it is given: here the theme of a smaller window, step by step, until its
feature pitch holds a name, so the whole network (units, buttons and text) shrinks together
and the rest of the race keeps the window's theme. The pitch is measured on the view's own
geometry (`build_geometry`), so it follows any change there.
"""

from __future__ import annotations

from itertools import pairwise

import pygame

from playground_game.model.core.features import FEATURES
from playground_game.model.playground import Playground
from playground_game.ui.scene.network.geometry import build_geometry
from playground_game.ui.theme import BASE_HEIGHT, MIN_SCALE, Theme

STEP = 0.9  # each try is a window this much smaller
TRIES = 8


def feature_pitch(theme: Theme, rect: pygame.Rect, anchor: tuple[int, int],
                  playground: Playground) -> int:
    """The distance between two feature rows in a view of `rect` drawn with `theme`."""
    geo = build_geometry(("race-fit",), playground.settings, playground.network, theme, rect,
                         anchor)
    tops = [r.top for r in geo.feature_rects if r is not None]
    return min((b - a for a, b in pairwise(tops)), default=rect.height)


def label_height(theme: Theme) -> int:
    """The height of the tallest feature name as the view draws it."""
    return max(theme.text_size(f.label, "body")[1] for f in FEATURES)


def network_theme(theme: Theme, rect: pygame.Rect, anchor: tuple[int, int],
                  playground: Playground) -> Theme:
    """`theme` where the names fit; else the first smaller window's theme where they do (not
    below the theme's smallest scale, where text reaches its smallest readable size)."""
    fitted = theme
    for _ in range(TRIES):
        if feature_pitch(fitted, rect, anchor, playground) >= label_height(fitted):
            return fitted
        smaller = Theme(round(fitted.width * STEP), round(fitted.height * STEP),
                        fitted.presenting)
        if smaller.height / BASE_HEIGHT < MIN_SCALE:
            break
        fitted = smaller
    return fitted
