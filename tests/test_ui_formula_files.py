"""The formula panel and experiment files in the real app, driven by keys and clicks.

F opens the formula (scrollable when long; Copy as Python puts the exact function on the
clipboard); Ctrl+S saves the experiment in the prefilled experiments folder, Ctrl+O opens a
file, a dropped .json file opens too; a bad file keeps the dialog open with the reason and
leaves the experiment as it was; Ctrl+Z goes back to it after an open.
"""

from __future__ import annotations

import os

import numpy as np
import pygame
import pytest
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.ui import clipboard
from playground_game.ui.overlays.formula import FormulaDialog
from playground_game.ui.overlays.open_save import ExperimentFileDialog
from playground_game.userdata import OVERRIDE_VARIABLE

DEEP = ("dataset=spiral&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true"
        "&sinY=true&networkShape=8,8,8,8,8,8&seed=0.5")


def _weights(pilot: Pilot) -> bytes:
    return pilot.playground.network.weights.tobytes()


def test_f_opens_the_formula_that_scrolls_and_copies_python(monkeypatch):
    copied: list[str] = []
    monkeypatch.setattr(clipboard, "copy_text", lambda text: copied.append(text) or True)
    with Pilot(parse_code(DEEP).settings, size=(1024, 768)) as pilot:
        pilot.key("f")
        dialog = pilot.app.dialog
        assert isinstance(dialog, FormulaDialog)
        assert dialog.scrollable and dialog.scroll == 0
        bottom = len(dialog._rows) - dialog._visible
        pilot.key("pagedown")
        assert dialog.scroll == min(10, bottom)
        pilot.key("home")
        assert dialog.scroll == 0
        pilot.post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0,
                   touch=False)
        pilot.frame()
        assert dialog.scroll == min(3, bottom)
        pilot.key("end")
        assert dialog.scroll == bottom
        pilot.click("dialog:copy")
        assert copied and "def network(x1, x2):" in copied[0]
        namespace: dict = {}
        exec(copied[0], namespace)  # noqa: S102 - the app's own output
        xs = np.array([0.5, -3.0])
        ys = np.array([1.0, 2.5])
        from playground_game.model.core.features import all_feature_values, feature_rows

        inputs = all_feature_values(xs, ys)[feature_rows(pilot.playground.settings
                                                         .input_features)]
        want = pilot.playground.network.predict(np.ascontiguousarray(inputs))[0]
        assert np.max(np.abs(namespace["network"](xs, ys) - want)) <= 1e-12
        assert any("Copied the network as a Python function" in t.text
                   for t in pilot.app.toasts)
        pilot.key("escape")
        assert pilot.app.dialog is None


def test_save_then_open_in_the_window_and_undo(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(parse_code("dataset=xor&networkShape=3&seed=0.3").settings) as pilot:
        pilot.app.train(7)
        saved_weights = _weights(pilot)
        pilot.key("s", mod=pygame.KMOD_CTRL)
        dialog = pilot.app.dialog
        assert isinstance(dialog, ExperimentFileDialog) and dialog.saving
        assert dialog.field.text.startswith(str(tmp_path / "experiments"))
        pilot.click("dialog:save")
        assert pilot.app.dialog is None
        saved = tmp_path / "experiments" / "experiment-epoch-7.json"
        assert saved.exists()

        pilot.click("reset")  # another network
        assert _weights(pilot) != saved_weights
        pilot.key("o", mod=pygame.KMOD_CTRL)
        dialog = pilot.app.dialog
        assert isinstance(dialog, ExperimentFileDialog) and not dialog.saving
        pilot.type(saved.name)
        pilot.key("return")
        assert pilot.app.dialog is None
        assert pilot.playground.epoch == 7 and _weights(pilot) == saved_weights
        assert any("Opened experiment-epoch-7.json" in t.text for t in pilot.app.toasts)
        pilot.key("z", mod=pygame.KMOD_CTRL)
        assert pilot.playground.epoch == 0 and _weights(pilot) != saved_weights


def test_a_bad_file_keeps_the_dialog_and_the_experiment(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "neural-playground-experiment", "version": 9}')
    with Pilot() as pilot:
        before = _weights(pilot)
        pilot.key("o", mod=pygame.KMOD_CTRL)
        dialog = pilot.app.dialog
        dialog.field.text = str(bad)
        pilot.click("dialog:open")
        assert pilot.app.dialog is dialog and "newer version" in dialog.error
        dialog.field.text = str(tmp_path / "missing.json")
        pilot.click("dialog:open")
        assert "Cannot read" in dialog.error
        assert _weights(pilot) == before


def test_a_dropped_json_file_opens(tmp_path):
    from playground_game.model.actions import Train
    from playground_game.model.experiment_file import save_text
    from playground_game.model.playground import Playground

    source = Playground(parse_code("dataset=circle&networkShape=2,2&seed=0.9").settings)
    source.apply(Train(4))
    path = tmp_path / "kept.json"
    path.write_text(save_text(source))
    with Pilot() as pilot:
        pilot.post(pygame.DROPFILE, file=str(tmp_path / "notes.md"))
        pilot.frame()
        assert pilot.playground.epoch == 0
        assert any("or an experiment file (.json)" in t.text for t in pilot.app.toasts)
        pilot.post(pygame.DROPFILE, file=str(path))
        pilot.frame()
        assert pilot.playground.epoch == 4
        assert _weights(pilot) == source.network.weights.tobytes()
        assert save_text(pilot.playground) == path.read_text()


def test_the_help_buttons_open_the_formula_and_the_file_dialogs(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(size=(1024, 768)) as pilot:
        for name, kind in (("formula", FormulaDialog), ("save_file", ExperimentFileDialog),
                           ("open_file", ExperimentFileDialog)):
            pilot.click("help")
            assert pilot.app.help_open
            pilot.click(pos=pilot.app.help.control_rect(f"help:{name}").center)
            assert not pilot.app.help_open
            assert isinstance(pilot.app.dialog, kind)
            if kind is ExperimentFileDialog:
                assert pilot.app.dialog.saving == (name == "save_file")
            pilot.key("escape")
            assert pilot.app.dialog is None


def test_the_open_dialog_offers_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot() as pilot:
        pilot.click("open_code")
        pilot.click("dialog:file")
        dialog = pilot.app.dialog
        assert isinstance(dialog, ExperimentFileDialog) and not dialog.saving
        assert dialog.field.text.startswith(str(tmp_path / "experiments"))


def test_open_lists_the_newest_experiment_files_and_a_click_opens_one(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(parse_code("dataset=xor&networkShape=3&seed=0.3").settings) as pilot:
        for epochs in (3, 4):  # two files, the second the newer
            pilot.app.train(epochs)
            pilot.key("s", mod=pygame.KMOD_CTRL)
            pilot.click("dialog:save")
        folder = tmp_path / "experiments"
        newest = folder / "experiment-epoch-7.json"
        os.utime(folder / "experiment-epoch-3.json", (1_000_000, 1_000_000))
        (folder / "notes.txt").write_text("not an experiment")
        pilot.click("reset")
        pilot.key("o", mod=pygame.KMOD_CTRL)
        dialog = pilot.app.dialog
        assert isinstance(dialog, ExperimentFileDialog)
        assert [p.name for p in dialog.recent] == [newest.name, "experiment-epoch-3.json"]
        pilot.frame()  # drawn with its list
        pilot.click("dialog:recent:0")
        assert pilot.app.dialog is None and pilot.playground.epoch == 7


def test_open_without_an_experiments_folder_shows_the_field_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path / "nowhere"))
    with Pilot() as pilot:
        pilot.key("o", mod=pygame.KMOD_CTRL)
        dialog = pilot.app.dialog
        assert isinstance(dialog, ExperimentFileDialog) and dialog.recent == []
        pilot.frame()
        with pytest.raises(LookupError):
            pilot.rect("dialog:recent:0")


def test_training_waits_while_a_dialog_is_open_and_plays_on_after(tmp_path, monkeypatch):
    """Fresh eyes: F or Ctrl+S while training stopped it for good."""
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(parse_code("dataset=xor&networkShape=3&seed=0.3").settings) as pilot:
        pilot.key("space")
        pilot.frame(3)
        pilot.key("f")
        pilot.frame(3)
        epoch = pilot.playground.epoch
        assert not pilot.app.playing
        pilot.frame(3)
        assert pilot.playground.epoch == epoch  # what the formula shows stays on screen
        pilot.key("escape")
        pilot.frame(3)
        assert pilot.app.playing and pilot.playground.epoch > epoch
        pilot.key("s", mod=pygame.KMOD_CTRL)
        pilot.click("dialog:save")
        pilot.frame(2)
        assert pilot.app.playing
        pilot.key("o", mod=pygame.KMOD_CTRL)  # a dialog that opens another network: it waits
        pilot.click("dialog:recent:0")
        pilot.frame(2)
        assert not pilot.app.playing
