"""The race screen through the real loop: enter, change a contestant, race to the banner,
share and open a race's code, leave back to the experiment as it was, presenting."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.model.bookmark import encode_code, parse_code
from playground_game.model.playground import AddLayer, Playground, Train
from playground_game.model.race import is_race
from playground_game.ui import clipboard
from playground_game.ui.keymap import KEYMAP
from playground_game.ui.race.banner import headline
from playground_game.ui.race.commands import NOT_IN_A_RACE, RaceCommands
from playground_game.ui.race.screen import RACE_COMMANDS

CODE = "dataset=xor&networkShape=3&seed=0.25"


@pytest.fixture(scope="module")
def pilot():
    with Pilot(parse_code(CODE).settings, size=(1280, 720), speed=5) as p:
        yield p


def _press(pilot: Pilot, name: str) -> None:
    """Click a race control by name ("race:add", "race:2:activation")."""
    screen = pilot.app.race_screen
    assert screen is not None
    rect = screen.control_rect(name)
    assert rect is not None, name
    pilot.click(pos=rect.center)


def _leave_any_race(pilot: Pilot) -> None:
    if pilot.app.race_screen is not None:
        pilot.key("escape")
    assert pilot.app.race_screen is None


def test_c_races_the_experiment_and_esc_gives_it_back_untouched(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    pilot.key("space")
    pilot.frame(5)
    pilot.key("space")
    before = pilot.playground
    weights, epoch = before.network.weights.copy(), before.epoch
    pilot.key("c")
    screen = pilot.app.race_screen
    assert screen is not None and len(screen.race.playgrounds) == 2
    first, second = screen.race.playgrounds
    assert first.settings == before.settings and first.epoch == 0
    assert second.settings.activation == "relu"  # the other of tanh and ReLU
    pilot.key("space")
    pilot.frame(10)
    assert screen.race.epoch > 0 and first.epoch == second.epoch  # lockstep
    assert pilot.playground is before and before.epoch == epoch  # the experiment waited
    pilot.key("escape")
    assert pilot.app.race_screen is None and not pilot.app.playing
    assert pilot.playground is before
    assert np.array_equal(before.network.weights, weights) and before.epoch == epoch


def test_add_a_contestant_change_it_and_race_to_the_banner(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    pilot.key("c")
    screen = pilot.app.race_screen
    _press(pilot, "race:add")
    assert len(screen.race.playgrounds) == 3 and screen.focus == 2
    _press(pilot, "race:3:activation")  # a click steps its activation on
    assert screen.race.playgrounds[2].settings.activation != "relu"
    pilot.key("o")  # the keys change the contestant picked (C, the one just added)
    assert screen.race.playgrounds[2].settings.optimizer == "momentum"
    pilot.key("tab")
    assert screen.focus == 0
    pilot.key("x")
    assert "xTimesY" in screen.race.playgrounds[0].settings.features
    pilot.key("up")
    assert screen.race.playgrounds[0].settings.network_shape == (3, 2)
    while screen.race.finish.epochs != 100:
        pilot.key("e")
    pilot.key("space")
    for _ in range(200):
        if screen.race.finished:
            break
        pilot.frame(5)
    result = screen.race.result
    assert result is not None and result.epoch == 100 and not pilot.app.playing
    assert all(p.epoch == 100 for p in screen.race.playgrounds)
    names = screen.race.names()
    said = headline(screen.race, names)
    assert said == f"{names[result.winner]} wins" if result.winner is not None else \
        said.endswith(" tie")
    pilot.key("space")  # over: Space says so, R runs it again
    assert not pilot.app.playing and "R runs it again" in pilot.app.toasts[-1].text
    pilot.key("r")
    assert screen.race.result is None and screen.race.epoch == 0
    third = screen.race.playgrounds[2]
    _press(pilot, "race:2:remove")  # the one in the middle: C's view now shows it as B
    assert screen.race.playgrounds == [screen.race.playgrounds[0], third]
    activation = third.settings.activation
    pilot.key("v")  # the keys stay with the second cell: B, which was C
    assert screen.focus == 1 and third.settings.activation != activation
    assert screen.views[1].dispatch(AddLayer()) is not None  # its view's actions reach it
    assert third.settings.network_shape == (3, 2)


def test_a_contestant_in_the_window_trains_as_its_code_alone(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    pilot.key("c")
    race = pilot.app.race_screen.race
    pilot.key("space")
    pilot.frame(8)
    pilot.key("space")
    for contestant in race.playgrounds:
        alone = Playground(contestant.settings)
        alone.apply(Train(race.epoch))
        assert alone.test_losses == contestant.test_losses


def test_share_copies_the_race_and_pasting_it_opens_the_same_race(pilot: Pilot,
                                                                  monkeypatch) -> None:
    _leave_any_race(pilot)
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "copy_text", lambda text: copied.append(text) or True)
    pilot.key("c")
    pilot.key("tab")
    pilot.key("v")  # B: ReLU -> the next activation
    pilot.key("c", mod=pygame.KMOD_CTRL)
    code = copied[-1]
    assert is_race(parse_code(code).settings)
    wanted = [p.settings for p in pilot.app.race_screen.race.playgrounds]
    pilot.key("escape")
    monkeypatch.setattr(clipboard, "paste_text", lambda: code)
    pilot.key("v", mod=pygame.KMOD_CTRL)
    screen = pilot.app.race_screen
    assert screen is not None
    assert [p.settings for p in screen.race.playgrounds] == wanted
    monkeypatch.setattr(clipboard, "paste_text", lambda: CODE + "&activation=relu")
    pilot.key("v", mod=pygame.KMOD_CTRL)  # a single experiment's code ends the race
    assert pilot.app.race_screen is None and pilot.playground.settings.activation == "relu"


def test_a_bad_race_code_is_refused_naming_the_part_and_nothing_is_lost(pilot: Pilot,
                                                                         monkeypatch) -> None:
    _leave_any_race(pilot)
    settings = pilot.playground.settings
    monkeypatch.setattr(clipboard, "paste_text", lambda: CODE + "&race=noise%3D10")
    pilot.key("v", mod=pygame.KMOD_CTRL)
    assert pilot.app.race_screen is None and pilot.playground.settings == settings
    dialog = pilot.app.dialog
    assert dialog is not None and "contestant B changes noise" in dialog.error
    pilot.key("escape")


def test_a_data_change_on_one_contestant_is_refused_with_why(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    pilot.key("c")
    screen = pilot.app.race_screen
    pilot.key("g")  # G gives every contestant the same new points
    first, second = screen.race.playgrounds
    assert np.array_equal(first.data.train, second.data.train)
    assert screen.apply(1, Train(1)) is None
    for key in ("l", "f", "i"):  # the playground's own commands wait, saying why
        pilot.key(key)
        assert pilot.app.toasts[-1].text.endswith("waits until you leave the race (Esc).")
    assert pilot.app.scene.layer_view.shown() is None
    pilot.key("escape")


def test_presenting_a_race_keeps_every_text_readable(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    pilot.resize(1024, 768)
    pilot.key("c")
    pilot.key("a")
    pilot.key("a")
    pilot.key("p")
    screen = pilot.app.race_screen
    layout = screen.ensure_layout()
    theme = pilot.app.theme
    assert theme.presenting and theme.min_text_height >= 768 / 30 - 1
    assert len(layout.cells) == 4
    for cell in layout.cells:  # nothing overlaps: the cells, their controls, the chart
        assert cell.map.width >= 120
        assert not cell.rect.colliderect(layout.chart)
        for rect in cell.controls.values():
            assert cell.rect.contains(rect)
    names = list(layout.buttons.values())
    for i, a in enumerate(names):
        assert all(not a.colliderect(b) for b in names[i + 1:])
    pilot.frame(2)
    pilot.key("p")
    pilot.key("escape")
    pilot.resize(1280, 720)


def test_outside_a_race_its_keys_say_how_to_start_one(pilot: Pilot) -> None:
    _leave_any_race(pilot)
    settings = pilot.playground.settings
    pilot.key("a")
    assert "press C to start one" in pilot.app.toasts[-1].text
    assert pilot.playground.settings == settings and pilot.app.race_screen is None


def test_every_race_key_is_a_command_of_the_race() -> None:
    race_rows = {s.command for s in KEYMAP if s.command.startswith("race_")}
    assert race_rows <= RACE_COMMANDS
    assert set(NOT_IN_A_RACE) <= set(vars(RaceCommands))
    assert set(vars(RaceCommands)) >= RACE_COMMANDS


def test_a_race_code_at_the_start_opens_the_race() -> None:
    code = CODE + "&race=activation%3Drelu&raceEpochs=100"
    with Pilot(parse_code(code).settings, size=(1024, 768)) as p:
        screen = p.app.race_screen
        assert screen is not None and screen.race.finish.epochs == 100
        assert not is_race(p.playground.settings)  # the experiment underneath: contestant A
        assert encode_code(screen.race.settings()) == encode_code(parse_code(code).settings)


def test_the_race_networks_button_under_record_and_verify_starts_a_race() -> None:
    """A race is found without knowing its key: a button across the data column, where the
    column has the room (at 1280x720 it has)."""
    with Pilot(parse_code(CODE).settings, size=(1280, 720)) as pilot:
        rect = pilot.app.layers.record_buttons.control_rect("race")
        assert rect is not None
        verify = pilot.app.layers.record_buttons.control_rect("verify")
        assert verify is not None and rect.top > verify.bottom
        assert rect.bottom <= pilot.app.layout.panels["data"].bottom
        pilot.click(pos=rect.center)
        screen = pilot.app.race_screen
        assert screen is not None and len(screen.race.playgrounds) == 2
        _leave_any_race(pilot)


def test_a_tie_names_who_tie() -> None:
    """Fresh eyes: the banner said only "A tie"."""
    from types import SimpleNamespace

    from playground_game.model.race import Result

    names = ["A: Tanh", "B: ReLU", "C: same as B", "D: Adam"]
    by_budget = Result(None, 500, False, (None,) * 4, (0.2, 0.1, 0.1, 0.3))
    assert headline(SimpleNamespace(result=by_budget), names) == "B and C tie"
    to_loss = Result(None, 40, True, (40, 40, 40, None), (0.05, 0.05, 0.05, 0.4))
    assert headline(SimpleNamespace(result=to_loss), names) == "A, B and C tie"


def test_the_chart_spans_the_race_that_ran() -> None:
    """Fresh eyes: a race to a loss that ended at epoch 3 was drawn on 0..2,000 epochs."""
    from types import SimpleNamespace

    from playground_game.model.race import Finish
    from playground_game.ui.race.chart import _epoch_span

    def race(epoch: int, finish: Finish, finished: bool) -> SimpleNamespace:
        return SimpleNamespace(epoch=epoch, finish=finish, finished=finished)

    to_loss = Finish(to_loss=0.2, epochs=2000)
    assert _epoch_span(race(3, to_loss, True)) == 3
    assert _epoch_span(race(400, to_loss, False)) == 500  # running: a little ahead
    assert _epoch_span(race(40, Finish(epochs=500), False)) == 500  # the budget ahead


def test_c_brings_back_the_race_left_while_the_experiment_is_unchanged() -> None:
    """Fresh eyes: one Esc too many threw a race's setup away for good."""
    from playground_game.model.playground import Change

    with Pilot(parse_code(CODE).settings, size=(1280, 720)) as pilot:
        pilot.key("c")
        pilot.key("a")  # a third contestant
        assert len(pilot.app.race_screen.race.playgrounds) == 3
        pilot.key("escape")
        assert pilot.app.race_screen is None and "C brings" in pilot.app.toasts[-1].text
        pilot.key("c")
        assert len(pilot.app.race_screen.race.playgrounds) == 3
        assert "is back" in pilot.app.toasts[-1].text
        pilot.key("escape")
        pilot.app.dispatch(Change({"learning_rate": 0.1}))  # another experiment: a new race
        pilot.key("c")
        assert len(pilot.app.race_screen.race.playgrounds) == 2


def test_no_value_box_opens_in_a_race_and_a_click_on_a_weight_says_why() -> None:
    """Fresh eyes: a weight's box opened, checked what was typed, and only then refused."""
    with Pilot(parse_code(CODE).settings, size=(1280, 720)) as pilot:
        pilot.key("c")
        screen = pilot.app.race_screen
        view = screen.views[0]
        view._open_field(None, "Weight", 0.5, (100, 100))  # what a click on a weight does
        assert not view.editing
        assert "cannot be typed in a race" in pilot.app.toasts[-1].text
        pilot.key("space")
        pilot.frame(2)
        assert pilot.app.playing  # Space plays: no box took it
