"""The layer view through the real app: header clicks, I and Shift+I, Esc, picking neurons,
paint mode, a network that loses the layer, training live."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.model.own_points import OwnPoints
from playground_game.model.playground import Change
from playground_game.model.settings import Settings, with_own_points


def pilot_for(code: str, size: tuple[int, int] = (1280, 720)) -> Pilot:
    return Pilot(parse_code(code).settings, size=size)


@pytest.fixture
def two_layers():
    with pilot_for("dataset=circle&networkShape=5,2&seed=0.5") as pilot:
        yield pilot


def map_pixels(pilot: Pilot) -> np.ndarray:
    rect = pilot.app.layout.slots["heatmap"]
    return pygame.surfarray.array3d(pilot.surface.subsurface(rect)).copy()


def shown(pilot: Pilot) -> int | None:
    return pilot.app.scene.layer_view.shown()


def last_notice(pilot: Pilot) -> str:
    return pilot.app.toasts[-1].text if pilot.app.toasts else ""


def test_a_header_click_shows_the_layer_and_esc_brings_the_map_back(two_layers):
    pilot = two_layers
    before = map_pixels(pilot)
    pilot.click("layer_header:1")
    assert shown(pilot) == 2
    assert "layer 2 sees it" in last_notice(pilot)
    seen = map_pixels(pilot)
    assert np.abs(seen.astype(int) - before.astype(int)).sum(axis=2).astype(bool).mean() > 0.3
    white = np.all(seen == (255, 255, 255), axis=2).mean()
    assert white > 0.3  # a light picture with lines and points, not the heatmap's colours
    pilot.key("escape")
    assert shown(pilot) is None
    pilot.app.clear_notices()  # the view's notice may lie over the map's bottom
    pilot.move((5, 5))  # and the header's hover card over its corner
    pilot.frame()
    np.testing.assert_array_equal(map_pixels(pilot), before)


def test_the_header_again_closes_it_and_other_headers_switch(two_layers):
    pilot = two_layers
    pilot.click("layer_header:0")
    assert shown(pilot) == 1
    pilot.click("layer_header:1")
    assert shown(pilot) == 2
    pilot.click("layer_header:1")
    assert shown(pilot) is None


def test_v_and_shift_v_walk_the_layers_and_the_output(two_layers):
    pilot = two_layers
    walked = []
    for _ in range(3):
        pilot.key("i")
        walked.append(shown(pilot))
    assert walked == [1, 2, None]
    pilot.key("i", mod=pygame.KMOD_SHIFT)
    assert shown(pilot) == 2
    pilot.key("i", mod=pygame.KMOD_CTRL)  # Ctrl+V is paste, not the layer view
    assert shown(pilot) == 2


def test_no_hidden_layer_is_refused_with_a_reason():
    with pilot_for("networkShape=&seed=0.5") as pilot:
        pilot.key("i")
        assert shown(pilot) is None
        assert "no hidden layer" in last_notice(pilot)


def test_a_network_that_loses_the_layer_falls_back_to_the_output_map(two_layers):
    pilot = two_layers
    pilot.click("layer_header:1")
    pilot.click("remove_layer")
    assert pilot.playground.settings.network_shape == (5,)
    assert shown(pilot) is None
    pilot.key("z", mod=pygame.KMOD_CTRL)  # undo brings the layer back, not the view
    assert pilot.playground.settings.network_shape == (5, 2)
    pilot.key("i")
    assert shown(pilot) == 1


def test_painting_and_the_layer_view_never_show_together(two_layers):
    pilot = two_layers
    pilot.key("i")
    assert not pilot.app.scene.paint.visible  # the Paint button is the output map's
    pilot.key("d")
    assert pilot.app.scene.paint.active and shown(pilot) is None
    pilot.key("i")
    assert shown(pilot) is None and "finish painting" in last_notice(pilot)
    pilot.click("layer_header:0")
    assert shown(pilot) is None
    pilot.key("escape")
    assert not pilot.app.scene.paint.active
    pilot.key("i")
    assert shown(pilot) == 1


def test_two_clicked_neurons_become_the_axes():
    with pilot_for("networkShape=6&seed=0.5") as pilot:
        pilot.key("i")
        view = pilot.app.scene.layer_view
        assert "PCA" in view.caption(False)
        pilot.click("unit:1:4")
        pilot.click("unit:1:1")
        assert view.picks == (4, 1)
        assert view.caption(True).endswith("h1_5, h1_2")
        pilot.click("unit:1:4")  # again: no longer an axis
        assert view.picks == (1,) and "PCA" in view.caption(False)
        pilot.click("unit:1:3")
        pilot.click("remove_neuron:0")  # the last neuron goes: both picks stay
        assert view.picks == (1, 3)
        pilot.click("remove_neuron:0")
        pilot.click("remove_neuron:0")  # 3 neurons left: h1_4 is gone, and the picks
        assert view.shown() == 1 and view.picks == ()


def test_number_keys_pick_the_axes_as_clicks_do_and_say_why_they_cannot():
    with pilot_for("networkShape=6,2&seed=0.5") as pilot:
        view = pilot.app.scene.layer_view
        pilot.key("3")  # no layer shown: said so, nothing picked
        assert "First show a layer" in last_notice(pilot) and view.picks == ()
        pilot.key("i")
        pilot.key("5")
        pilot.key("2")
        assert view.picks == (4, 1) and view.caption(True).endswith("h1_5, h1_2")
        pilot.key("5")  # again: no longer an axis
        assert view.picks == (1,)
        pilot.key("7")  # the layer has six neurons
        assert "press 1 to 6" in last_notice(pilot) and view.picks == (1,)
        pilot.key("i")  # the second layer: two neurons, the axes already
        pilot.key("1")
        assert view.shown() == 2 and "axes already" in last_notice(pilot)
        assert view.picks == ()


def test_the_picture_follows_training_and_rests_when_paused(two_layers):
    pilot = two_layers
    pilot.key("i")
    view = pilot.app.scene.layer_view
    pilot.key("space")
    start = view.paints
    pilot.frame(9)
    assert view.paints >= start + 3  # a new picture every third frame while it trains
    epoch = pilot.playground.epoch
    pilot.key("space")
    pilot.frame()
    resting = view.paints
    assert view._key is not None and view._key[1] == pilot.playground.revision  # paused:
    assert pilot.playground.epoch == epoch  # the picture shows the last epoch at once
    pilot.key("s")  # a step while paused: drawn at once
    pilot.frame()
    assert view.paints == resting + 1 and view._key[1] == pilot.playground.revision
    resting = view.paints
    pilot.app._dirty = True  # a redraw with nothing changed: the kept picture
    pilot.frame(3)
    assert view.paints == resting


def test_presenting_and_a_regression_show_it_too():
    with pilot_for("problem=regression&regDataset=reg-plane&networkShape=3,1&seed=0.5",
                   size=(1024, 768)) as pilot:
        pilot.key("p")
        pilot.key("i")
        pilot.key("i")
        assert shown(pilot) == 2
        assert "1 neuron" in pilot.app.scene.layer_view.caption(False)
        assert "value up" in last_notice(pilot)
        pilot.app.dispatch(Change({"noise": 10}))
        pilot.frame()
        assert shown(pilot) == 2


def test_a_blown_up_network_and_a_blank_canvas_still_draw():
    with pilot_for("networkShape=6,1&seed=0.5") as pilot:  # strict: a raise fails the test
        pilot.key("i")
        pilot.playground.network.weights[:] = np.nan  # what a diverged run leaves
        pilot.playground.revision += 1
        pilot.frame(2)
        assert shown(pilot) == 1
        pilot.key("i")
        assert shown(pilot) == 2
    blank = with_own_points(Settings(network_shape=(5, 2)),
                            OwnPoints.make(np.zeros(0), np.zeros(0), np.zeros(0, int), None,
                                           False).encode())
    with Pilot(blank) as pilot:  # no points: the principal components of the grid lines
        pilot.key("i")
        assert shown(pilot) == 1 and "PC1" in pilot.app.scene.layer_view.caption(True)
        pilot.key("i")
        assert shown(pilot) == 2


def test_a_hint_goes_with_the_picture_it_explains():
    """Fresh eyes: the layer's hint stayed over the output map after Esc."""
    with pilot_for("dataset=circle&networkShape=4,2&seed=0.5") as pilot:
        pilot.key("i")
        assert shown(pilot) == 1 and "Layer 1" in last_notice(pilot)
        pilot.key("i")
        assert [t.text for t in pilot.app.toasts] == ["The data as layer 2 sees it. Esc: back."]
        pilot.key("escape")
        assert shown(pilot) is None and pilot.app.toasts == []
