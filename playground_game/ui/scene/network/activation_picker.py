"""Each hidden layer's activation, under its neuron count in the network view: a caption that
opens a menu of every activation; the choice sets that layer alone (layerActivations).

The top bar's Activation dropdown still sets every layer at once (the model resets the list);
a lesson that fixes the activation fixes these too, and its refusal shows where every
refusal does.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.playground import Action, Change, Playground
from playground_game.ui import theme as palette
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.choice_menu import CHOSEN, ChoiceMenu
from playground_game.ui.widgets.drawing import draw_padlock
from playground_game.ui.widgets.text_edit import CANCEL


def layer_activations(playground: Playground) -> tuple[str, ...]:
    """Each hidden layer's activation key, whether set one by one or by the top bar."""
    s = playground.settings
    return s.layer_activations or (s.activation,) * len(s.network_shape)


class ActivationPicker:
    """The captions and the one menu that may be open."""

    def __init__(self, theme: Theme, dispatch: Callable[[Action], object]) -> None:
        self.theme = theme
        self.dispatch = dispatch
        self._menu: ChoiceMenu | None = None
        self._layer = 0

    @property
    def open(self) -> bool:
        return self._menu is not None

    def open_for(self, layer: int, captions: dict[int, pygame.Rect],
                 playground: Playground) -> None:
        """Open the layer's menu; while a lesson fixes the activation, ask the session for a
        change instead, so its refusal shows at once (nothing to pick from a locked list)."""
        if "activation" in playground.locks:
            layers = list(layer_activations(playground))
            other = next(row.key for row in ACTIVATIONS if row.key != layers[layer])
            layers[layer] = other
            self.dispatch(Change({"layer_activations": tuple(layers)}))  # refused, not applied
            return
        self._menu = ChoiceMenu(ACTIVATIONS.keys(), [row.label for row in ACTIVATIONS],
                                layer_activations(playground)[layer], captions[layer])
        self._layer = layer

    def close(self) -> None:
        self._menu = None

    def handle_event(self, event: pygame.event.Event, playground: Playground) -> bool:
        """While the menu is open it takes keys, motion and clicks (a click elsewhere closes
        it); True when the event was its."""
        if self._menu is None or event.type not in (pygame.KEYDOWN, pygame.MOUSEMOTION,
                                                    pygame.MOUSEBUTTONDOWN):
            return False
        outcome = self._menu.handle_event(event)
        if outcome == CHOSEN:
            self._choose(playground)
        if outcome in (CHOSEN, CANCEL):
            self._menu = None
        return True

    def _choose(self, playground: Playground) -> None:
        assert self._menu is not None and self._menu.choice is not None
        layers = list(layer_activations(playground))
        if self._layer < len(layers) and layers[self._layer] != self._menu.choice:
            layers[self._layer] = self._menu.choice
            self.dispatch(Change({"layer_activations": tuple(layers)}))

    def control_rect(self, kind: str, name: str,
                     captions: dict[int, pygame.Rect]) -> pygame.Rect | None:
        """A caption ("layer_activation", name: the hidden layer) or a choice of the open menu
        ("activation_choice", name: the key); None when not on screen."""
        if kind == "layer_activation":
            rect = captions.get(int(name)) if name.isdigit() else None
            return pygame.Rect(rect) if rect is not None else None
        return self._choice_rect(name)

    def _choice_rect(self, key: str) -> pygame.Rect | None:
        if self._menu is None or key not in self._menu.values:
            return None
        self._menu.layout(self.theme, pygame.Rect(0, 0, self.theme.width, self.theme.height))
        return self._menu.item_rect(key)

    def draw_menu(self, surface: pygame.Surface) -> None:
        if self._menu is not None:
            self._menu.layout(self.theme, surface.get_rect())
            self._menu.draw(surface, self.theme)

    def draw_captions(self, surface: pygame.Surface, captions: dict[int, pygame.Rect],
                      hovered: str | None, playground: Playground) -> None:
        """Each layer's activation and a small arrow (it opens the menu); while a lesson fixes
        the activation, muted with a padlock instead. A narrow column shows the short name
        (the code's key), then drops the arrow, before it cuts a name."""
        theme = self.theme
        locked = "activation" in playground.locks
        colour = palette.TEXT_MUTED if locked else palette.ACCENT
        keys = layer_activations(playground)
        mark = max(3, theme.px(4))  # the arrow's half width, or the padlock's
        gap = theme.px(3)
        for layer, rect in captions.items():
            if layer >= len(keys):
                continue
            open_here = self._menu is not None and self._layer == layer
            if not locked and (open_here or hovered == f"layer_activation:{layer}"):
                pygame.draw.rect(surface, palette.HOVER, rect, border_radius=theme.px(3))
            label, with_mark = _fitting_name(keys[layer], rect.width, 2 * mark + gap, theme)
            image = theme.text(label, "caption", colour)
            width = image.get_width() + (gap + 2 * mark if with_mark else 0)
            left = rect.centerx - width // 2
            surface.blit(image, image.get_rect(midleft=(left, rect.centery)))
            if not with_mark:
                continue
            x = left + image.get_width() + gap
            if locked:
                lock = pygame.Rect(x, 0, 2 * mark, round(2 * mark * 1.3))
                lock.centery = rect.centery
                draw_padlock(surface, lock, colour)
            else:
                tip = rect.centery + mark // 2
                pygame.draw.polygon(surface, colour,
                                    [(x, tip - mark), (x + 2 * mark, tip - mark), (x + mark, tip)])


def _fitting_name(key: str, width: int, mark_width: int, theme: Theme) -> tuple[str, bool]:
    """The activation's name for a caption `width` wide and whether its mark fits beside it:
    the label, else its short name, else the short name alone, else that cut with an
    ellipsis."""
    room = width - theme.px(4)
    row = ACTIVATIONS[key]
    short = row.short or row.label
    for name in (row.label, short):
        if theme.text_size(name, "caption")[0] + mark_width <= room:
            return name, True
    if theme.text_size(short, "caption")[0] <= room:
        return short, False
    return theme.elide(short, "caption", room, keep=2), False
