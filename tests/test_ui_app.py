"""The real app, headless, driven with real events through the loop a user hits (tests/pilot.py)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.model.core import second_core
from playground_game.model.core.network import Network
from playground_game.model.playground import RemoveNeuron
from playground_game.model.settings import Settings
from playground_game.ui import app as app_module
from playground_game.ui.controls import CONTROLS, SPEEDS
from playground_game.ui.fixed_step import MAX_CATCH_UP_STEPS
from playground_game.ui.layout import compute_layout
from playground_game.ui.scene.output_panel import format_loss
from playground_game.ui.scene.top_bar import format_epoch
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Slider

SIZES = [(1024, 640), (1280, 720), (1920, 1080), (3840, 2160)]


@pytest.fixture
def pilot() -> Iterator[Pilot]:
    with Pilot() as p:
        yield p


# -- training controls ---------------------------------------------------------------------


def test_clicking_play_trains_and_clicking_again_pauses(pilot: Pilot) -> None:
    assert pilot.playground.epoch == 0
    pilot.click("play")
    assert pilot.app.playing
    pilot.frame(5)
    trained = pilot.playground.epoch
    assert trained >= 5
    pilot.click("play")
    assert not pilot.app.playing
    pilot.frame(5)
    assert pilot.playground.epoch == trained  # events come before training in a frame


def test_step_pauses_and_trains_exactly_one_epoch(pilot: Pilot) -> None:
    pilot.click("step")
    assert pilot.playground.epoch == 1
    assert not pilot.app.playing
    pilot.click("play")
    pilot.click("step")
    assert not pilot.app.playing
    epoch = pilot.playground.epoch
    pilot.frame(3)
    assert pilot.playground.epoch == epoch


def test_reset_goes_to_epoch_zero_and_pauses(pilot: Pilot) -> None:
    pilot.click("play")
    pilot.frame(4)
    weights = pilot.playground.network.weights.copy()
    pilot.click("reset")
    assert pilot.playground.epoch == 0
    assert not pilot.app.playing
    assert len(pilot.playground.train_losses) == 1
    assert not np.array_equal(weights, pilot.playground.network.weights)


def test_speed_trains_that_many_epochs_per_frame(pilot: Pilot) -> None:
    pilot.choose("speed", 10)
    assert pilot.app.speed == 10
    pilot.click("play")  # this frame trains 10
    assert pilot.playground.epoch == 10
    pilot.frame(2)
    assert pilot.playground.epoch == 30


def test_catch_up_is_capped(pilot: Pilot) -> None:
    pilot.click("play")
    epoch = pilot.playground.epoch
    pilot.app.step_frame(dt=5.0)  # a very late frame: no spiral
    assert pilot.playground.epoch - epoch <= MAX_CATCH_UP_STEPS


def test_epoch_counter_format() -> None:
    assert format_epoch(0) == "000,000"
    assert format_epoch(1234) == "001,234"
    assert format_epoch(999_999) == "999,999"
    assert format_epoch(1_000_000) == "1,000,000"  # no wrap at a million
    assert format_epoch(12_345_678) == "12,345,678"


def test_loss_format_survives_divergence() -> None:
    assert format_loss(0.12345) == "0.123"
    assert format_loss(math.nan) == "NaN"
    assert format_loss(math.inf) == "NaN"


# -- every control reaches every value -------------------------------------------------------


@pytest.mark.parametrize("spec", [c for c in CONTROLS if c.kind == "dropdown"],
                         ids=lambda c: c.name)
def test_each_dropdown_reaches_every_value(pilot: Pilot, spec) -> None:
    values = list(spec.values)
    for value in values[1:] + values[:1]:
        pilot.choose(spec.name, value)
        current = pilot.app.speed if spec.app_state else getattr(pilot.playground.settings,
                                                                 spec.field)
        assert current == value, f"{spec.name} did not reach {value!r}"
        assert pilot.app.scene.open_dropdown() is None


@pytest.mark.parametrize("spec", [c for c in CONTROLS if c.kind == "slider"],
                         ids=lambda c: c.name)
def test_each_slider_reaches_every_value(pilot: Pilot, spec) -> None:
    low, high = spec.range
    if spec.field == "num_classes":  # on a dataset that makes every count (rings: 2 to 6)
        pilot.app.open_code("dataset=rings&seed=0.5")
        pilot.frame()
    for value in itertools.chain(range(high, low - 1, -spec.step), [high]):
        pilot.set_slider(spec.name, value)
        assert getattr(pilot.playground.settings, spec.field) == value


def test_dragging_a_slider_and_the_mouse_wheel(pilot: Pilot) -> None:
    slider = pilot.widget("noise")
    assert isinstance(slider, Slider)
    pilot.drag(slider.position_of(0), slider.position_of(50))
    assert pilot.playground.settings.noise == 50
    pilot.hover(pos=slider.position_of(50))
    pilot.post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0,
               touch=False)
    pilot.frame()
    assert pilot.playground.settings.noise == 45


@pytest.mark.parametrize("name", ["show_test_data", "discretize"])
def test_checkboxes_toggle_without_reset(pilot: Pilot, name: str) -> None:
    pilot.click("step")
    pilot.click(name)
    assert getattr(pilot.playground.settings, name) is True
    assert pilot.playground.epoch == 1  # view toggles do not reset
    pilot.click(name)
    assert getattr(pilot.playground.settings, name) is False


def test_dataset_thumbnails_follow_the_problem_type(pilot: Pilot) -> None:
    pilot.click("dataset:spiral")
    assert pilot.playground.settings.dataset == "spiral"
    with pytest.raises(LookupError):
        pilot.rect("dataset:reg-gauss")
    pilot.choose("problem", "regression")
    pilot.click("dataset:reg-gauss")
    assert pilot.playground.settings.reg_dataset == "reg-gauss"
    with pytest.raises(LookupError):
        pilot.rect("dataset:circle")


def test_regenerate_draws_new_points_and_keeps_the_network(pilot: Pilot) -> None:
    weights = pilot.playground.network.weights.copy()
    seed = pilot.playground.settings.seed
    pilot.click("regenerate")
    assert pilot.playground.settings.seed != seed
    assert np.array_equal(weights, pilot.playground.network.weights)


def test_hidden_components_are_not_shown_and_take_no_clicks() -> None:
    settings = Settings(hidden=frozenset({"playButton", "noise", "learningRate"}))
    with Pilot(settings) as pilot:
        # Where Play sits when nothing is hidden (hidden controls get no slot: the rest close up).
        play_centre = compute_layout(*pilot.app.layout.size, pilot.app.theme).slots["play"].center
        for name in ("play", "noise", "learning_rate"):
            with pytest.raises(LookupError):
                pilot.rect(name)
        pilot.click(pos=play_centre)
        assert not pilot.app.playing
        pilot.key("space")  # the keyboard still drives it (presenter)
        assert pilot.app.playing


def test_refused_action_becomes_a_toast(pilot: Pilot) -> None:
    pilot.app.dispatch(RemoveNeuron(layer=5))
    assert pilot.app.toasts and "hidden layer" in pilot.app.toasts[-1].text
    pilot.frame()


# -- keyboard and overlays -----------------------------------------------------------------


def test_keyboard_shortcuts(pilot: Pilot) -> None:
    pilot.key("space")
    assert pilot.app.playing
    pilot.key("space")
    assert not pilot.app.playing
    epoch = pilot.playground.epoch
    pilot.key("right")
    pilot.key("s")
    assert pilot.playground.epoch == epoch + 2
    pilot.key("r")
    assert pilot.playground.epoch == 0
    seed = pilot.playground.settings.seed
    pilot.key("g")
    assert pilot.playground.settings.seed != seed
    pilot.key("=")
    assert pilot.app.speed == SPEEDS[1]
    pilot.key("-")
    assert pilot.app.speed == SPEEDS[0]
    pilot.key("r", mod=pygame.KMOD_CTRL)  # modified keys are left for other commands
    pilot.key("space", mod=pygame.KMOD_CTRL)
    assert not pilot.app.playing


def test_help_overlay_opens_and_closes(pilot: Pilot) -> None:
    before = pygame.surfarray.array3d(pilot.surface)
    pilot.key("h")
    assert pilot.app.help_open
    assert not np.array_equal(before, pygame.surfarray.array3d(pilot.surface))
    pilot.key("space")  # swallowed while the help is open
    assert not pilot.app.playing
    pilot.key("escape")
    assert not pilot.app.help_open
    pilot.key("f1")
    assert pilot.app.help_open
    pilot.click(pos=(5, 5))
    assert not pilot.app.help_open
    pilot.click("help")
    assert pilot.app.help_open


def test_escape_closes_an_open_dropdown(pilot: Pilot) -> None:
    pilot.click("activation")
    assert pilot.app.scene.open_dropdown() is not None
    pilot.key("escape")
    assert pilot.app.scene.open_dropdown() is None
    pilot.click("activation")
    pilot.click(pos=(5, pilot.surface.get_height() - 5))  # outside: closes, changes nothing
    assert pilot.app.scene.open_dropdown() is None
    assert pilot.playground.settings.activation == "tanh"


def test_fullscreen_toggle_never_crashes(pilot: Pilot) -> None:
    size = pilot.surface.get_size()
    pilot.app.toasts.clear()
    pilot.key("f11")  # fullscreen, or where the driver has none (dummy) a notice saying so
    assert pilot.app.fullscreen or any("Fullscreen is not available" in t.text
                                       for t in pilot.app.toasts)
    pilot.key("f11")
    assert not pilot.app.fullscreen
    assert pilot.surface.get_size() == size


# -- drawing ---------------------------------------------------------------------------------


def test_paused_idle_app_recomputes_and_redraws_nothing(pilot: Pilot,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []  # grid computations: by the network, or beside the second core's measures
    original, beside = Network.grid, second_core.measure_beside
    monkeypatch.setattr(Network, "grid", lambda self, *a: calls.append(1) or original(self, *a))

    def counted_beside(*args, **kwargs) -> bool:
        drew = beside(*args, **kwargs)
        calls.extend([1] if drew else [])
        return drew

    monkeypatch.setattr(second_core, "measure_beside", counted_beside)
    pilot.frame(3)
    paints, draws = pilot.app.scene.output.paints, pilot.app.draws
    pilot.frame(30)
    assert calls == []
    assert pilot.app.scene.output.paints == paints
    assert pilot.app.draws == draws
    assert pilot.app.idle()
    pilot.click("step")  # a change: exactly one grid computation
    assert len(calls) == 1


def test_diverged_network_shows_nan_and_reset_recovers() -> None:
    settings = Settings(activation="relu", learning_rate=3, reg_dataset="reg-gauss",
                        network_shape=(8,) * 6, seed="0.5", problem="regression")
    with Pilot(settings, speed=10) as pilot:
        pilot.click("play")
        pilot.frame(5)
        assert pilot.playground.diverged
        pilot.frame(2)  # drawn with NaN: grey maps, "NaN" losses, a chart that survives
        pilot.click("reset")
        assert not pilot.playground.diverged


def test_large_heatmap_changes_when_training(pilot: Pilot) -> None:
    rect = pilot.app.layout.slots["heatmap"]
    before = pygame.surfarray.array3d(pilot.surface.subsurface(rect))
    pilot.choose("speed", 50)
    pilot.click("play")
    pilot.frame(3)
    after = pygame.surfarray.array3d(pilot.surface.subsurface(rect))
    assert not np.array_equal(before, after)


def test_screenshot_mode_writes_a_png_of_the_right_size(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    code = app_module.run(Settings(dataset="xor"), size=(1100, 700), epochs=30, screenshot=target)
    assert code == 0
    image = pygame.image.load(str(target))
    assert image.get_size() == (1100, 700)


# -- layout ----------------------------------------------------------------------------------


def _assert_no_overlaps(layout, size) -> None:
    window = pygame.Rect((0, 0), size)
    rects = dict(layout.slots)
    rects["network_view"] = layout.network_view
    for name, rect in rects.items():
        assert rect.width > 0 and rect.height > 0, name
        assert window.contains(rect), f"{name} {rect} leaves the {size} window"
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        assert not ra.colliderect(rb), f"{a} {ra} overlaps {b} {rb} at {size}"


@pytest.mark.parametrize("size", SIZES + [(2560, 1080), (1280, 1024)])
@pytest.mark.parametrize("hide_text", [False, True])
def test_layout_has_no_overlaps(size: tuple[int, int], hide_text: bool) -> None:
    pygame.font.init()
    theme = Theme(*size)
    _assert_no_overlaps(compute_layout(*size, theme, hide_text), size)


def test_resizing_keeps_the_layout_without_overlaps(pilot: Pilot) -> None:
    for size in SIZES:
        pilot.resize(*size)
        assert pilot.surface.get_size() == size
        layout = pilot.app.layout
        _assert_no_overlaps(layout, size)
        for name, widget in pilot.app.scene.widgets.items():
            if name in layout.slots:
                assert widget.rect == layout.slots[name], name
        pilot.click("step")
        assert pilot.app.scene.widgets["play"].rect.height >= pilot.app.theme.px(40)


def test_text_grows_with_the_window(pilot: Pilot) -> None:
    small = pilot.app.theme.line_height("body")
    pilot.resize(1920, 1080)
    assert pilot.app.theme.line_height("body") >= small * 1.4


def test_hovering_a_unit_shows_it_in_the_large_heatmap(pilot: Pilot) -> None:
    if pilot.app.network_view is None:
        pytest.skip("the network view is not available")
    rect = pilot.app.layout.slots["heatmap"]
    output = pygame.surfarray.array3d(pilot.surface.subsurface(rect))
    pilot.hover(unit=(0, 0))  # the X1 input: a left-to-right ramp
    hovered = pygame.surfarray.array3d(pilot.surface.subsurface(rect))
    assert not np.array_equal(output, hovered)
    left, right = hovered[2, rect.height // 2], hovered[-3, rect.height // 2]
    assert left[0] > left[2] and right[2] > right[0]  # orange (-6) on the left, blue on the right
    pilot.hover(pos=(5, pilot.surface.get_height() - 5))
    back = pygame.surfarray.array3d(pilot.surface.subsurface(rect))
    assert np.array_equal(output, back)


def test_loading_screen_runs_the_warm_up_in_a_thread(monkeypatch) -> None:
    from playground_game.model import warmup

    lab_warm_ups: list[bool] = []  # the window then starts the lab's (not in a test run)
    monkeypatch.setattr(warmup, "start_lab_warm_up", lambda: lab_warm_ups.append(True))
    app = app_module.App(Settings(), size=(1024, 640))
    try:
        assert app.load_with_screen()
        assert app.playground is not None
        app.run_frames(2)
        assert lab_warm_ups == [True]
    finally:
        pygame.display.quit()


def test_the_map_scaled_straight_into_the_window_matches_the_kept_copy() -> None:
    with Pilot(Settings()) as pilot:
        output, playground = pilot.app.scene.output, pilot.playground
        rect = pygame.Rect(10, 20, 300, 300)
        straight = pygame.Surface((400, 400), 0, 32)
        output.draw_heatmap(straight, rect, playground, None)
        kept = pygame.Surface((400, 400), 0, 32)
        kept.blit(output.heatmap_surface(playground, rect.width, None), rect)
        assert np.array_equal(pygame.surfarray.array2d(straight),
                              pygame.surfarray.array2d(kept))
        partly_off = pygame.Rect(250, 250, 300, 300)  # a window too small: drawn, clipped
        output.draw_heatmap(straight, partly_off, playground, None)
        assert np.array_equal(pygame.surfarray.array2d(straight)[250:, 250:],
                              pygame.surfarray.array2d(kept)[10:160, 20:170])


def test_the_kept_copy_follows_a_map_painted_for_the_window_in_between() -> None:
    with Pilot(Settings()) as pilot:
        output, playground = pilot.app.scene.output, pilot.playground
        rect = pygame.Rect(0, 0, 200, 200)
        before = pygame.surfarray.array2d(output.heatmap_surface(playground, 200, None)).copy()
        pilot.click("step")  # a new map, painted for the window's straight path
        straight = pygame.Surface((200, 200), 0, 32)
        output.draw_heatmap(straight, rect, playground, None)
        kept = pygame.surfarray.array2d(output.heatmap_surface(playground, 200, None))
        assert np.array_equal(kept, pygame.surfarray.array2d(straight))
        assert not np.array_equal(kept, before)
