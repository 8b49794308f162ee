"""The network view's part of the layer view (ui/scene/layer_view.py): which hidden layer the
output map shows, marked behind its "N neurons" caption, the neurons picked as its axes, and
what a click on either does, said in the hover card.
"""

from __future__ import annotations

import pygame

from playground_game.ui import theme as palette
from playground_game.ui.scene.layer_view import LayerView
from playground_game.ui.scene.network.geometry import Geometry, HeaderTarget, Target, UnitTarget
from playground_game.ui.theme import Theme

HOVER_FILL = (0xD9, 0xD9, 0xD9)  # a caption that can be clicked, under the pointer
PICK_BORDER = palette.ACCENT
PICK_TAGS = ("x", "y")  # the first picked neuron goes across, the second up


def hint(view: LayerView | None, hover: Target | None, shape: tuple[int, ...]) -> str | None:
    """The hover card's words over a header, or over a neuron of the layer shown."""
    if view is None:
        return None
    shown = view.shown()
    if isinstance(hover, HeaderTarget):
        if hover.layer == shown:
            return "Click: back to the output map (Esc)"
        return f"Click: the data as layer {hover.layer} sees it (I)"
    if isinstance(hover, UnitTarget) and hover.layer == shown and shape[hover.layer - 1] > 2:
        if hover.unit in view.picks:
            return "Click: stop plotting this neuron"
        return "Click: plot this neuron (the first across, the second up)"
    return None


def click(view: LayerView | None, target: Target) -> None:
    """A header's click chooses its layer; a neuron's, in the layer shown, picks it."""
    if view is None:
        return
    if isinstance(target, HeaderTarget):
        view.choose(target.layer)
    elif isinstance(target, UnitTarget) and target.layer > 0:
        view.pick(target.layer, target.unit)


def draw_headers(surface: pygame.Surface, theme: Theme, geo: Geometry, view: LayerView | None,
                 hover: Target | None) -> None:
    """Behind the captions: the layer the map shows, and the one under the pointer."""
    if view is None:
        return
    shown = view.shown()
    hovered = hover.layer if isinstance(hover, HeaderTarget) else None
    radius = theme.px(4)
    for layer, rect in geo.header_rects.items():
        if layer == shown:
            pygame.draw.rect(surface, palette.SELECTION, rect, border_radius=radius)
            pygame.draw.rect(surface, palette.ACCENT, rect, width=max(1, theme.px(1)),
                             border_radius=radius)
        elif layer == hovered:
            pygame.draw.rect(surface, HOVER_FILL, rect, border_radius=radius)


def draw_picks(surface: pygame.Surface, theme: Theme, geo: Geometry,
               view: LayerView | None) -> None:
    """The neurons picked as the map's axes: outlined, tagged x (across) and y (up)."""
    layer = view.shown() if view is not None else None
    if view is None or layer is None or layer > len(geo.hidden_rects):
        return
    column = geo.hidden_rects[layer - 1]
    width = max(2, theme.px(2))
    for tag_text, unit in zip(PICK_TAGS, view.picks, strict=False):
        if unit >= len(column):
            continue
        rect = column[unit]
        pygame.draw.rect(surface, PICK_BORDER, rect.inflate(2 * width, 2 * width), width)
        tag = theme.text(tag_text, "caption", palette.PANEL)
        box = tag.get_rect().inflate(theme.px(6), 0)
        box.bottomleft = (rect.right + width, rect.top)
        pygame.draw.rect(surface, PICK_BORDER, box, border_radius=theme.px(3))
        surface.blit(tag, tag.get_rect(center=box.center))
