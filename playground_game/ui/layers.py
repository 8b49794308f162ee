"""The window's layers, bottom to top: what is drawn over what, and so who gets an event first.

scene (the panels' widgets) < record_buttons (Record, Verify) < network < lesson_panel <
shortcuts < menu (an open dropdown list) < weight_edit (a weight or bias being typed) <
divergence (the card after NaN losses) < levels < dialog < notices < help < window_keys (F11)
< error_card. `WindowLayers` builds the `Router` (input.py) from the app's parts; the app only
hands it each event and asks it to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from playground_game.ui import keymap
from playground_game.ui.input import Layer, Router, layer_of
from playground_game.ui.scene.record_buttons import RecordButtons
from playground_game.ui.theme import Theme

if TYPE_CHECKING:
    from playground_game.ui.app import App


class WindowLayers:
    """The app's router and the small parts of it that belong to no other module."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.record_buttons = RecordButtons(app)  # Record and Verify, under Share and Open

        def loaded() -> bool:
            return app.playground is not None

        self.router = Router([
            Layer("scene", loaded, self.scene_event, self.draw_scene),
            layer_of("record_buttons", self.record_buttons),
            Layer("network", self.has_network, self.network_event, self.draw_network),
            layer_of("lesson_panel", app.lesson_panel),
            Layer("shortcuts", loaded, self.shortcut_event),
            Layer("menu", self.menu_open, self.menu_event, self.draw_menu, modal=True),
            Layer("weight_edit", self.editing, self.edit_event, self.draw_edit),
            layer_of("divergence", app.divergence),
            layer_of("levels", app.levels, modal=True),
            Layer("dialog", self.dialog_open, self.dialog_event, self.draw_dialog, modal=True),
            layer_of("notices", app.notices),
            layer_of("help", app.help, modal=True),
            Layer("window_keys", loaded, self.window_key_event),
            layer_of("error_card", app.errors),
        ])

    def window_key_event(self, event: pygame.event.Event) -> bool:
        """Shortcuts that work at any time (F11): loading, editing, help or a dialog open."""
        shortcut = keymap.match(event, always_only=True)
        if shortcut is None:
            return False
        self.app.run_shortcut(shortcut)
        return True

    def shortcut_event(self, event: pygame.event.Event) -> bool:
        shortcut = keymap.match(event)
        if shortcut is None:
            return False
        self.app.run_shortcut(shortcut, event)
        return True

    def dialog_open(self) -> bool:
        return self.app.dialog is not None

    def dialog_event(self, event: pygame.event.Event) -> bool:
        """Modal: every key and click goes to the open dialog."""
        if self.app.dialog is not None:
            self.app.dialog.handle_event(event)
            if self.app.dialog is not None and self.app.dialog.closed:
                self.app.dialog = None
        return True

    def draw_dialog(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.app.dialog is not None:
            self.app.dialog.draw(surface, theme)

    def menu_open(self) -> bool:
        return self.app.playground is not None and self.app.scene.open_dropdown() is not None

    def menu_event(self, event: pygame.event.Event) -> bool:
        """An open dropdown list takes every event until it closes."""
        self.app.scene.handle_event(event)
        return True

    def draw_menu(self, surface: pygame.Surface, theme: Theme) -> None:
        self.app.scene.draw_overlays(surface)

    def editing(self) -> bool:
        return self.app.network_view is not None and self.app.network_view.editing

    def edit_event(self, event: pygame.event.Event) -> bool:
        """The weight or bias being typed: its keys; a click elsewhere closes it, then goes on."""
        assert self.app.network_view is not None and self.app.playground is not None
        if self.app.network_view.handle_event(event, self.app.playground):
            return True
        return event.type in (pygame.KEYDOWN, pygame.TEXTINPUT)

    def draw_edit(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.app.network_view is not None:
            self.app.network_view.draw_field(surface)

    def has_network(self) -> bool:
        return self.app.network_view is not None and self.app.playground is not None

    def network_event(self, event: pygame.event.Event) -> bool:
        assert self.app.network_view is not None and self.app.playground is not None
        return self.app.network_view.handle_event(event, self.app.playground)

    def draw_network(self, surface: pygame.Surface, theme: Theme) -> None:
        assert self.app.network_view is not None and self.app.playground is not None
        self.app.network_view.draw(surface, self.app.playground)

    def scene_event(self, event: pygame.event.Event) -> bool:
        """The panels' widgets; pointer motion always goes on (every layer tracks hover)."""
        consumed = self.app.scene.handle_event(event)
        return consumed and event.type != pygame.MOUSEMOTION

    def draw_scene(self, surface: pygame.Surface, theme: Theme) -> None:
        playground = self.app._require_playground()
        view = self.app.network_view
        hovered = view.hovered_map(playground) if view is not None else None
        self.app.scene.draw(surface, playground, hovered)
