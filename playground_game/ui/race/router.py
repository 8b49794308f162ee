"""The window's layers while a race is on, bottom to top: race screen < shortcuts < race edit
(a contestant's open activation menu or weight box) < dialog < notices < help < window keys
(F11) < error card.

The same router contract as the playground's (`ui/input.py`, `ui/layers.py`): the race screen
takes the clicks on its cells and controls, the keymap's shortcuts run the app's commands
(race-aware: commands.py), and the dialogs (Open, Share), notices, help and error card are the
app's own, so they behave as they do outside a race. An open menu or value box sits above the
shortcuts, as outside a race: its keys are its own, so Esc closes it and only it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from playground_game.ui.input import Layer, Router, layer_of
from playground_game.ui.theme import Theme

if TYPE_CHECKING:
    from playground_game.ui.app import App


def race_router(app: App) -> Router:
    """The race's layers, built from the app's parts."""

    def racing() -> bool:
        return app.race_screen is not None

    def screen_event(event: pygame.event.Event) -> bool:
        return app.race_screen is not None and app.race_screen.handle_event(event)

    def editing() -> bool:
        return app.race_screen is not None and app.race_screen.editing() is not None

    def edit_event(event: pygame.event.Event) -> bool:
        return app.race_screen is not None and app.race_screen.edit_event(event)

    def draw_screen(surface: pygame.Surface, theme: Theme) -> None:
        if app.race_screen is not None:
            app.race_screen.draw(surface, theme)

    layers = app.layers
    return Router([
        Layer("race", racing, screen_event, draw_screen),
        Layer("shortcuts", racing, layers.shortcut_event),
        Layer("race_edit", editing, edit_event),
        Layer("dialog", layers.dialog_open, layers.dialog_event, layers.draw_dialog, modal=True),
        layer_of("notices", app.notices),
        layer_of("help", app.help, modal=True),
        Layer("window_keys", racing, layers.window_key_event),
        layer_of("error_card", app.errors),
    ])
