"""The input router: one list of layers, drawn bottom-up, offered events top-down."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot

from playground_game.ui.input import Layer, Router


def _click() -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1)


def _router(log: list[str], takes: set[str], modal: set[str] = frozenset(),
            inactive: set[str] = frozenset()) -> Router:
    def layer(name: str) -> Layer:
        return Layer(name, lambda: name not in inactive,
                     lambda event: log.append(f"event {name}") or name in takes,
                     lambda surface, theme: log.append(f"draw {name}"), name in modal)
    return Router([layer("bottom"), layer("middle"), layer("top")])


def test_events_go_top_down_to_the_first_taker_and_drawing_goes_bottom_up() -> None:
    log: list[str] = []
    router = _router(log, takes={"middle"})
    assert router.handle_event(_click()) == "middle"
    router.draw(None, None)  # type: ignore[arg-type]
    assert log == ["event top", "event middle", "draw bottom", "draw middle", "draw top"]


def test_inactive_layers_neither_draw_nor_take_events() -> None:
    log: list[str] = []
    router = _router(log, takes={"top", "bottom"}, inactive={"top"})
    assert router.handle_event(_click()) == "bottom"
    router.draw(None, None)  # type: ignore[arg-type]
    assert "draw top" not in log and "event top" not in log


def test_a_modal_layer_has_the_focus_and_holds_back_every_event() -> None:
    log: list[str] = []
    router = _router(log, takes=set(), modal={"middle"})
    assert router.focus() is router.layer("middle")
    assert router.handle_event(_click()) == "middle"
    assert log == ["event top", "event middle"]


def test_layer_names_are_unique() -> None:
    layer = Layer("same", lambda: True)
    with pytest.raises(ValueError):
        Router([layer, layer])


def test_the_window_stacks_its_layers_in_drawing_order() -> None:
    with Pilot() as pilot:
        names = pilot.app.router.names
        assert names.index("scene") < names.index("network") < names.index("lesson_panel")
        assert names.index("menu") < names.index("weight_edit") < names.index("levels")
        assert names.index("levels") < names.index("dialog") < names.index("notices")
        assert names.index("notices") < names.index("help") and names[-1] == "error_card"
        assert pilot.app.router.focus() is None
        pilot.key("h")
        assert pilot.app.router.focus().name == "help"
        pilot.click("activation")  # the click closes the help, not opens the menu
        assert pilot.app.router.focus() is None and pilot.app.scene.open_dropdown() is None
        pilot.click("activation")
        assert pilot.app.router.focus().name == "menu"
