"""Codes, dialogs and undo in the real window, headless, with real key and mouse events.

Under SDL's dummy driver pygame.scrap keeps text inside this process, which is all a round trip
through the clipboard needs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game import cli
from playground_game.model.bookmark import encode_code, parse_code, web_only
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knobs import HIDEABLE, hideables
from playground_game.model.playground import Change, Playground
from playground_game.model.settings import Settings
from playground_game.ui import app as app_module
from playground_game.ui import clipboard
from playground_game.ui.overlays.customize import CustomizeDialog
from playground_game.ui.overlays.dialogs import OpenDialog, ShareDialog
from playground_game.ui.overlays.help import help_rows
from playground_game.ui.widgets.code_field import CodeField, wrap_code

CTRL = pygame.KMOD_LCTRL
SHIFT = pygame.KMOD_LSHIFT


@pytest.fixture
def pilot() -> Iterator[Pilot]:
    with Pilot(Settings(seed="0.5")) as p:
        yield p


def _state(pg: Playground) -> tuple:
    return (pg.settings, pg.epoch, pg.data.train.tobytes(), pg.network.weights.tobytes(),
            tuple(pg.train_losses), len(pg.history), pg.history.redo_count)


# -- clipboard round trip --------------------------------------------------------------------


def test_ctrl_c_then_ctrl_v_round_trips_through_pygame_scrap(pilot: Pilot) -> None:
    pilot.choose("activation", "relu")
    pilot.set_slider("noise", 20)
    pilot.click("dataset:spiral")
    copied = pilot.playground.settings
    pilot.key("c", mod=CTRL)
    assert pygame.scrap.get_text() == encode_code(copied)
    assert "seed=" in pygame.scrap.get_text()
    assert "Copied" in pilot.app.toasts[-1].text

    pilot.choose("activation", "sigmoid")  # wander off, then paste the code back
    pilot.click("dataset:xor")
    pilot.click("add_layer")
    pilot.key("v", mod=CTRL)
    assert pilot.app.dialog is None
    pg = pilot.playground
    assert pg.settings == copied
    fresh = Playground(copied)  # the same seed: the same points and initial weights
    assert np.array_equal(pg.data.train, fresh.data.train)
    assert np.array_equal(pg.network.weights, fresh.network.weights)


def test_share_button_copies_and_confirms(pilot: Pilot) -> None:
    pilot.click("share")
    assert parse_code(pygame.scrap.get_text()).settings == pilot.playground.settings
    assert "Copied" in pilot.app.toasts[-1].text


def test_ctrl_v_accepts_a_web_url_and_notes_unknown_keys_once(pilot: Pilot) -> None:
    pygame.scrap.put_text("  https://playground.tensorflow.org/#activation=linear&tutorial=x"
                          "&dataset=gauss&seed=0.25&tutorial=y\n")
    pilot.key("v", mod=CTRL)
    assert pilot.playground.settings == Settings(activation="linear", dataset="gauss",
                                                 seed="0.25")
    notes = [t.text for t in pilot.app.toasts if "tutorial" in t.text]
    assert len(notes) == 1 and notes[0].count("tutorial") == 1


# -- refused codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "words"), [
    ("learningRate=100&seed=1", ["learningRate", "100", "0.00001 to 10"]),
    ("networkShape=10000&seed=1", ["networkShape", "10000", "1 to 8"]),
    ("noise=NaN", ["noise", "NaN"]),
    ("activation=relu&batchSize=3&datas", ["datas", "key=value"]),
    ("\x01\x7f\xff\xfe=1", ["key name"]),
])
def test_a_refused_paste_shows_its_message_and_leaves_the_state(pilot: Pilot, code: str,
                                                               words: list[str]) -> None:
    pilot.choose("activation", "relu")
    pilot.click("step")
    before = _state(pilot.playground)
    pygame.scrap.put_text(code)
    pilot.key("v", mod=CTRL)
    assert _state(pilot.playground) == before
    dialog = pilot.app.dialog
    assert isinstance(dialog, OpenDialog)  # the text is kept there, with why, to be fixed
    for word in words:
        assert word in dialog.error, dialog.error
    pilot.key("escape")
    assert pilot.app.dialog is None and _state(pilot.playground) == before


def test_open_dialog_keeps_the_text_on_refusal_and_opens_once_fixed(pilot: Pilot) -> None:
    before = _state(pilot.playground)
    pilot.click("open_code")
    assert isinstance(pilot.app.dialog, OpenDialog)
    pilot.type("#dataset=spiral&noise=55&seed=0.3")
    pilot.click("dialog:open")
    dialog = pilot.app.dialog
    assert isinstance(dialog, OpenDialog)
    assert "noise: 55 is not allowed" in dialog.error
    assert dialog.field.text == "#dataset=spiral&noise=55&seed=0.3"
    assert _state(pilot.playground) == before
    pilot.key("end")
    for _ in range(len("5&seed=0.3")):
        pilot.key("left")
    pilot.key("backspace")
    pilot.type("3")  # noise=35
    assert dialog.error == ""  # editing clears the message
    pilot.key("return")
    assert pilot.app.dialog is None
    assert pilot.playground.settings == Settings(dataset="spiral", noise=35, seed="0.3")


def test_ctrl_v_inside_the_open_dialog_pastes_into_the_field(pilot: Pilot) -> None:
    pilot.click("open_code")
    pygame.scrap.put_text("regularization=L2&\r\nseed=0.9")
    pilot.key("v", mod=CTRL)
    assert pilot.app.dialog.field.text == "regularization=L2&seed=0.9"
    assert pilot.playground.settings.regularization == "none"  # not opened until Enter
    pilot.key("return")
    assert pilot.playground.settings == Settings(regularization="L2", seed="0.9")


def test_an_empty_open_dialog_asks_for_a_code(pilot: Pilot) -> None:
    pilot.click("open_code")
    pilot.key("return")
    assert "Paste or type a code" in pilot.app.dialog.error


def test_a_dialog_is_modal_and_esc_closes_it(pilot: Pilot) -> None:
    pilot.click("open_code")
    pilot.key("space")  # typed into the field, not Play
    assert not pilot.app.playing
    pilot.click("play")  # under the veil: not pressed
    assert not pilot.app.playing
    pilot.click("dialog:cancel")
    assert pilot.app.dialog is None
    pilot.click("open_code")
    pilot.key("escape")
    assert pilot.app.dialog is None
    pilot.key("space")
    assert pilot.app.playing


# -- no clipboard ----------------------------------------------------------------------------


def test_without_a_clipboard_share_shows_the_code_and_prints_it(
        pilot: Pilot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_text: str) -> None:
        raise pygame.error("no clipboard")

    monkeypatch.setattr(pygame.scrap, "put_text", broken)
    pilot.choose("activation", "sigmoid")
    pilot.key("c", mod=CTRL)
    code = encode_code(pilot.playground.settings)
    dialog = pilot.app.dialog
    assert isinstance(dialog, ShareDialog) and dialog.field.text == code
    assert code in capsys.readouterr().err
    pilot.key("a")  # read-only: typing changes nothing
    assert dialog.field.text == code
    pilot.click("dialog:close")
    assert pilot.app.dialog is None


def test_clipboard_helpers_fail_softly_without_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pygame.display, "get_surface", lambda: None)
    assert clipboard.copy_text("seed=1") is False
    assert clipboard.paste_text() is None


def test_ctrl_v_with_an_empty_clipboard_opens_the_dialog(pilot: Pilot,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pygame.scrap, "has_text", lambda: False)
    before = _state(pilot.playground)
    pilot.key("v", mod=CTRL)
    assert isinstance(pilot.app.dialog, OpenDialog)
    assert "clipboard holds no text" in pilot.app.dialog.error
    assert _state(pilot.playground) == before


# -- undo / redo -----------------------------------------------------------------------------


def test_undo_and_redo_walk_back_and_forth_through_five_changes(pilot: Pilot) -> None:
    pg = pilot.playground
    start = (pg.settings, pg.data.train.copy(), pg.network.weights.copy())
    steps = [pg.settings]
    pilot.choose("activation", "relu")
    steps.append(pg.settings)
    pilot.set_slider("noise", 20)
    steps.append(pg.settings)
    pilot.click("add_layer")
    steps.append(pg.settings)
    pilot.click("feature:xSquared")
    steps.append(pg.settings)
    pilot.choose("learning_rate", 0.3)
    steps.append(pg.settings)
    assert len(set(steps)) == 6

    for expected in reversed(steps[:-1]):
        pilot.key("z", mod=CTRL)
        assert pilot.playground.settings == expected
        assert pilot.app.toasts[-1].text.startswith("Undo:")
    assert np.array_equal(pg.data.train, start[1])  # all the way back: the same points
    assert np.array_equal(pg.network.weights, start[2])  # and the seed's initial weights
    before = _state(pg)
    pilot.key("z", mod=CTRL)  # nothing left: said so, nothing changed
    assert "nothing to undo" in pilot.app.toasts[-1].text and _state(pg) == before

    for k, expected in enumerate(steps[1:]):
        if k % 2:
            pilot.key("y", mod=CTRL)
        else:
            pilot.key("z", mod=CTRL | SHIFT)
        assert pilot.playground.settings == expected
    pilot.key("y", mod=CTRL)
    assert "nothing to redo" in pilot.app.toasts[-1].text


def test_undo_pauses_when_it_rebuilds_the_network(pilot: Pilot) -> None:
    pilot.choose("activation", "relu")
    pilot.click("play")
    pilot.frame(3)
    pilot.key("z", mod=CTRL)
    assert not pilot.app.playing and pilot.playground.epoch == 0
    assert pilot.playground.settings.activation == "tanh"
    assert pilot.app.toasts[-1].text == "Undo: activation from relu to tanh"


def test_an_opened_code_is_one_undo_step_back_to_the_experiment_it_replaced(
        pilot: Pilot) -> None:
    pilot.choose("activation", "relu")
    pilot.click("step")
    pilot.click("step")
    pg = pilot.playground
    replaced = (pg.settings, pg.epoch, pg.data.train.copy(), pg.network.weights.copy())
    code = encode_code(Settings(dataset="xor", network_shape=(3,), seed="0.75"))
    pygame.scrap.put_text(code)
    pilot.key("v", mod=CTRL)
    assert "Ctrl+Z brings back the one before" in pilot.app.toasts[-1].text
    opened = (pg.settings, pg.network.weights.copy())
    assert pg.settings == parse_code(code).settings and pg.epoch == 0

    pilot.key("z", mod=CTRL)  # the experiment as it was, trained epochs and all
    assert (pg.settings, pg.epoch) == replaced[:2]
    assert np.array_equal(pg.data.train, replaced[2])
    assert np.array_equal(pg.network.weights, replaced[3])
    assert pilot.app.toasts[-1].text.startswith("Undo: opened a code (")
    pilot.key("z", mod=CTRL)  # and the change before the code
    assert pg.settings.activation == "tanh"
    pilot.key("y", mod=CTRL)
    pilot.key("y", mod=CTRL)  # the code again
    assert pg.settings == opened[0] and np.array_equal(pg.network.weights, opened[1])


def test_help_lists_the_new_keys_and_what_undo_brings_back() -> None:
    keys = dict(help_rows())
    assert "Ctrl+C" in keys and "Ctrl+V" in keys and "Ctrl+Shift+Z or Ctrl+Y" in keys
    assert "as it was before it" in keys["Ctrl+Z"]


# -- customize and hidden components ---------------------------------------------------------


def test_customize_hides_components_live_and_copies_the_code(pilot: Pilot) -> None:
    pilot.click("customize")
    assert isinstance(pilot.app.dialog, CustomizeDialog)
    pilot.click("dialog:show:noise")
    pilot.click("dialog:show:sinX")
    pilot.click("dialog:show:hideText")
    settings = pilot.playground.settings
    assert settings.hidden == frozenset({"noise", "sinX"}) and settings.hide_text
    pilot.click("dialog:copy")
    code = pygame.scrap.get_text()
    assert code.endswith("noise_hide=true&sinX_hide=true") and "hideText=true" in code
    pilot.click("dialog:show:noise")  # ticked again: shown again
    assert pilot.playground.settings.hidden == frozenset({"sinX"})
    pilot.click("dialog:done")
    assert pilot.app.dialog is None
    pilot.rect("noise")  # visible again
    pilot.key("z", mod=CTRL)  # a tick is a change like any other
    assert pilot.playground.settings.hidden == frozenset({"noise", "sinX"})

    with Pilot(parse_code(code).settings) as student:
        for name in ("noise", "feature:sinX"):
            with pytest.raises(LookupError):
                student.rect(name)
        assert "sinX" not in student.playground.settings.input_features


# Which named controls each hideable component removes from the window.
HIDDEN_CONTROLS: dict[str, tuple[str, ...]] = {
    "showTestData": ("show_test_data",),
    "discretize": ("discretize",),
    "playButton": ("play",),
    "stepButton": ("step",),
    "resetButton": ("reset",),
    "learningRate": ("learning_rate",),
    "activation": ("activation",),
    "regularization": ("regularization",),
    "regularizationRate": ("regularization_rate",),
    "problem": ("problem",),
    "dataset": ("dataset:circle", "dataset:spiral", "regenerate"),
    "percTrainData": ("perc_train_data",),
    "noise": ("noise",),
    "batchSize": ("batch_size",),
    "numClasses": ("num_classes",),
    "numHiddenLayers": ("add_layer", "remove_layer"),
    "customize": ("customize",),
    **{key: (f"feature:{key}",) for key in FEATURE_KEYS},
}


def test_every_hideable_component_really_hides_its_controls(pilot: Pilot) -> None:
    # the Training lab's components hide controls of its dialog: tests/test_ui_lab.py
    assert set(HIDDEN_CONTROLS) == set(HIDEABLE) - set(hideables("lab"))
    every = [name for names in HIDDEN_CONTROLS.values() for name in names]
    for component, names in HIDDEN_CONTROLS.items():
        pilot.app.dispatch(Change({"hidden": frozenset({component})}))
        pilot.frame()
        for name in names:
            with pytest.raises(LookupError):
                pilot.rect(name)
        for other in every:
            if other not in names:
                pilot.rect(other)  # everything else is still there
    pilot.app.dispatch(Change({"hidden": frozenset()}))


# -- the command line's notice -----------------------------------------------------------------


def test_cli_notes_unknown_keys_once_on_stderr_and_in_the_window(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen: dict[str, object] = {}

    def fake_run(settings: Settings, **options: object) -> int:
        seen.update(options, settings=settings)
        return 0

    monkeypatch.setattr(app_module, "run", fake_run)
    assert cli.main(["--code", "seed=1&tutorial=x&lessonStep=3"]) == 0
    err = capsys.readouterr().err
    assert err.count("tutorial") == 1 and "lessonStep" in err
    assert "tutorial" in str(seen["notice"]) and seen["settings"] == Settings(seed="1")

    with Pilot(Settings(seed="1"), notice=str(seen["notice"])) as window:
        assert [t.text for t in window.app.toasts] == [seen["notice"]]


# -- the field itself ------------------------------------------------------------------------


def test_wrapping_breaks_after_ampersands_and_covers_every_character() -> None:
    pygame.font.init()
    font = pygame.font.Font(None, 16)
    code = encode_code(Settings(), short=False)
    lines = wrap_code(code, font, 200)
    assert "".join(code[a:b] for a, b in lines) == code
    assert all(code[b - 1] == "&" for a, b in lines[:-1] if "&" in code[a:b])
    assert all(font.size(code[a:b])[0] <= 200 for a, b in lines)
    long_value = "seed=" + "9" * 300
    assert "".join(long_value[a:b] for a, b in wrap_code(long_value, font, 100)) == long_value


def test_code_field_editing_keys() -> None:
    field = CodeField("seed=1")
    assert field.selected
    field.insert("x")
    assert field.text == "x" and not field.selected
    field.insert("\tab\nc")
    assert field.text == "xabc"
    field.max_chars = 6
    field.insert("123456")
    assert field.text == "xabc12"
    shown = CodeField("seed=2", read_only=True)
    shown.insert("zz")
    assert shown.text == "seed=2"


def test_a_teacher_can_hide_customize_itself_and_the_code_says_it_is_ours(pilot: Pilot) -> None:
    pilot.click("customize")
    pilot.click("dialog:show:customize")
    pilot.click("dialog:done")
    with pytest.raises(LookupError):
        pilot.rect("customize")  # students cannot tick the controls back
    code = encode_code(pilot.playground.settings)
    assert code.endswith("customize_hide=true")
    assert not web_only(pilot.playground.settings)


def test_share_says_when_a_code_opens_the_same_only_here(pilot: Pilot) -> None:
    pilot.key("c", mod=CTRL)
    assert "opens it in a playground" in pilot.app.toasts[-1].text
    pilot.app.dispatch(Change({"hidden": frozenset({"customize"})}))
    pilot.key("c", mod=CTRL)
    assert "opens the same only in this app" in pilot.app.toasts[-1].text
