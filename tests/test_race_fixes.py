"""The race screen after a fresh tester's findings (issue 18), through the real loop: Esc
closes a menu and only the menu, an opened code's notice is true, the learning rate stops at
its ends, the banner closes and leaves the race on screen, limits are dimmed with why, and a
diverging contestant is told about and kept off the others' scale."""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.model.bookmark import encode_code, parse_code
from playground_game.model.knobs import LEARNING_RATES
from playground_game.model.race import Finish
from playground_game.ui import clipboard
from playground_game.ui.race.banner import draw_banner
from playground_game.ui.race.chart import loss_scale, nice_ticks
from playground_game.ui.race.controls import crosses_label
from playground_game.ui.race.layout import CONTESTANT_COLOURS

CODE = "dataset=xor&networkShape=3&seed=0.25"


@pytest.fixture(scope="module")
def pilot():
    with Pilot(parse_code(CODE).settings, size=(1280, 720), speed=5) as p:
        yield p


def _fresh_race(pilot: Pilot):
    if pilot.app.race_screen is not None:
        pilot.app.leave_race()
        pilot.frame()
    pilot.app.clear_notices()
    pilot.app.left_race = None  # a new race, not the one C would bring back
    pilot.key("c")
    screen = pilot.app.race_screen
    assert screen is not None
    return screen


def _press(pilot: Pilot, name: str) -> None:
    rect = pilot.app.race_screen.control_rect(name)
    assert rect is not None, name
    pilot.click(pos=rect.center)


def test_esc_closes_an_open_activation_menu_and_the_race_stays(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    view = screen.views[0]
    rect = view.control_rect("layer_activation:0")
    assert rect is not None
    pilot.click(pos=rect.center)
    assert view.editing  # the layer's activation menu is open
    pilot.key("escape")
    assert not view.editing and pilot.app.race_screen is screen  # only the menu closed
    pilot.key("escape")
    assert pilot.app.race_screen is None  # the next Esc leaves the race


def test_a_keys_while_a_menu_is_open_are_the_menus(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    view = screen.views[1]
    pilot.click(pos=view.control_rect("layer_activation:0").center)
    assert view.editing
    count = len(screen.race.playgrounds)
    pilot.key("a")  # a race key: not while the menu is open
    assert len(screen.race.playgrounds) == count and pilot.app.race_screen is screen
    pilot.key("escape")
    assert not view.editing


def test_a_plain_code_opened_in_a_race_says_so(pilot: Pilot, monkeypatch) -> None:
    _fresh_race(pilot)
    monkeypatch.setattr(clipboard, "paste_text", lambda: CODE + "&activation=sigmoid")
    pilot.key("v", mod=pygame.KMOD_CTRL)
    assert pilot.app.race_screen is None
    assert pilot.playground.settings.activation == "sigmoid"
    text = pilot.app.toasts[-1].text
    assert text.startswith("Left the race and opened the experiment from the code")
    assert not any("as it was" in t.text for t in pilot.app.toasts)


def test_the_rate_keys_stop_at_the_ends_and_say_so(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    contestant = screen.race.playgrounds[0]
    for _ in range(len(LEARNING_RATES) + 1):
        pilot.key("]")
    assert contestant.settings.learning_rate == max(LEARNING_RATES)
    assert "already the highest" in pilot.app.toasts[-1].text
    for _ in range(len(LEARNING_RATES) + 1):
        pilot.key("[")
    assert contestant.settings.learning_rate == min(LEARNING_RATES)
    assert "already the lowest" in pilot.app.toasts[-1].text


def test_the_banner_closes_on_a_click_and_the_bar_keeps_the_result(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    screen.race.set_finish(Finish(epochs=100))
    pilot.key("space")
    for _ in range(200):
        if screen.race.finished:
            break
        pilot.frame(5)
    assert screen.race.finished and screen.banner_shown()
    pilot.frame()
    card = screen.banner.rect
    assert card.width > 0
    magenta = pygame.Surface(pilot.surface.get_size())  # what is under shows through?
    magenta.fill((255, 0, 255))
    layout = screen.ensure_layout()
    drawn = draw_banner(magenta, pilot.app.theme, layout.banner, screen.race,
                        screen.race.names())
    inside = pygame.surfarray.array3d(magenta.subsurface(drawn.inflate(-20, -20)))
    assert not np.any(np.all(inside == (255, 0, 255), axis=-1))  # opaque
    results = screen.race.result.losses
    cells = [p.test_loss for p in screen.race.playgrounds]
    assert list(results) == cells  # the banner's numbers are the cells'
    pilot.click(pos=card.center)
    assert not screen.banner_shown() and screen.race.finished
    assert pilot.app.race_screen is screen
    pilot.key("r")  # R still runs it again
    assert screen.race.result is None and screen.race.epoch == 0
    pilot.key("escape")


def test_enter_closes_the_banner(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    screen.race.set_finish(Finish(epochs=100))
    screen.race.step(100)
    pilot.frame()
    assert screen.banner_shown()
    pilot.key("return")
    assert not screen.banner_shown() and pilot.app.race_screen is screen


def test_limits_are_dimmed_and_a_click_on_one_says_why(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    _press(pilot, "race:1:remove")  # two contestants: Remove cannot act
    assert len(screen.race.playgrounds) == 2
    assert pilot.app.toasts[-1].text == "A race needs at least 2 contestants."
    _press(pilot, "race:add")
    _press(pilot, "race:add")
    assert len(screen.race.playgrounds) == 4
    _press(pilot, "race:add")
    assert len(screen.race.playgrounds) == 4
    assert pilot.app.toasts[-1].text == "A race has at most 4 contestants."


def test_contestant_colours_are_no_class_or_weight_colour() -> None:
    from playground_game.ui.heatmap import CLASS_COLOURS
    assert not set(CONTESTANT_COLOURS[:2]) & set(CLASS_COLOURS[:2])
    assert len(set(CONTESTANT_COLOURS)) == len(CONTESTANT_COLOURS)


def test_a_diverging_contestant_is_told_and_kept_off_the_others_scale(pilot: Pilot,
                                                                      monkeypatch) -> None:
    series = [np.array([0.5, 0.3, 0.2]), np.array([0.5, 40.0, math.nan])]
    top, gone = loss_scale(series)
    assert gone == [False, True] and top == 0.5
    assert nice_ticks(0.5) == [0.0, 0.2, 0.4]
    assert nice_ticks(1300) == [0.0, 500.0, 1000.0]
    _fresh_race(pilot)  # a clean slate of notices
    pilot.app.leave_race()
    monkeypatch.setattr(clipboard, "paste_text", lambda: (
        "problem=regression&regDataset=reg-plane&networkShape=3&seed=0.25&learningRate=0.03"
        "&race=learningRate%3D3&raceEpochs=100"))
    pilot.key("v", mod=pygame.KMOD_CTRL)  # B's rate blows it up at once
    screen = pilot.app.race_screen
    assert screen is not None
    pilot.key("space")
    for _ in range(20):
        pilot.frame(2)
        if screen.race.epoch >= 10:
            break
    pilot.key("space")
    told = [t.text for t in pilot.app.toasts if "diverged" in t.text]
    assert len(told) == 1 and told[0].startswith("B: lr 3 diverged")
    series = [np.asarray(p.test_losses) for p in screen.race.playgrounds]
    assert loss_scale(series)[1] == [False, True]
    pilot.app.leave_race()
    pilot.frame()


def _controls(screen) -> list[pygame.Rect]:
    layout = screen.ensure_layout()
    rects = list(layout.buttons.values())
    for cell in layout.cells:
        rects += [cell.remove, *cell.controls.values()]
    return rects


@pytest.mark.parametrize("present", [False, True])
def test_notices_cover_no_race_control(pilot: Pilot, present: bool) -> None:
    screen = _fresh_race(pilot)
    pilot.key("a")
    pilot.key("a")
    if present:
        pilot.key("p")
    pilot.key("a")  # refused: a fifth contestant; its notice shows
    pilot.frame()
    boxes = pilot.app.notices.drawn
    assert boxes, "no notice drawn"
    layout = screen.ensure_layout()
    legend = pygame.Rect(layout.chart.right - screen.chart.legend_width, layout.chart.top,
                         screen.chart.legend_width, layout.chart.height)
    for box in boxes:
        assert not any(box.colliderect(r) for r in _controls(screen)), box
        assert not box.colliderect(legend)
    if present:
        pilot.key("p")
    pilot.app.leave_race()


def test_a_dropped_network_leaves_the_map_the_cells_height(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    pilot.key("a")
    pilot.key("a")
    pilot.key("p")
    layout = screen.ensure_layout()
    for cell in layout.cells:
        if not cell.network_shown:
            assert cell.map.height >= cell.rect.bottom - cell.name.bottom - 10
            for rect in cell.controls.values():
                assert cell.rect.contains(rect) and not rect.colliderect(cell.map)
    assert not any(cell.network_shown for cell in layout.cells)  # 1280x720 presenting
    pilot.key("p")
    pilot.app.leave_race()


def test_a_race_from_a_trained_network_says_where_it_starts(pilot: Pilot) -> None:
    if pilot.app.race_screen is not None:
        pilot.app.leave_race()
    pilot.key("right")  # the experiment one step on
    epoch = pilot.playground.epoch
    assert epoch > 0
    pilot.app.left_race = None  # a new race, not the one C would bring back
    pilot.key("c")
    text = pilot.app.toasts[-1].text
    assert f"first weights; your network at epoch {epoch:,} waits" in text
    assert pilot.playground.epoch == epoch
    pilot.app.leave_race()


def test_share_without_a_clipboard_shows_the_races_code(pilot: Pilot, monkeypatch) -> None:
    screen = _fresh_race(pilot)
    monkeypatch.setattr(clipboard, "copy_text", lambda text: False)
    monkeypatch.setattr(clipboard, "print_fallback", lambda text: None)
    pilot.key("c", mod=pygame.KMOD_CTRL)
    dialog = pilot.app.dialog
    assert dialog is not None and dialog.title == "Share this race"
    assert dialog.field.text == encode_code(screen.race.settings())
    pilot.key("escape")
    assert pilot.app.dialog is None and pilot.app.race_screen is screen


def test_the_crosses_button_says_how_many_are_on(pilot: Pilot) -> None:
    screen = _fresh_race(pilot)
    view = screen.views[0]
    pilot.click(pos=view.control_rect("feature:xSquared").center)  # X₁² on, on its network
    features = screen.race.playgrounds[0].settings.features
    assert "xSquared" in features and "xTimesY" not in features
    assert crosses_label(screen.race.playgrounds[0].settings) == "Crosses 1/3"
    _press(pilot, "race:1:crosses")  # some on: a click turns them all on
    assert crosses_label(screen.race.playgrounds[0].settings) == "Crosses on"
    pilot.app.leave_race()
