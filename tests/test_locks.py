"""Locked controls are refused by Playground.apply itself, whoever asks."""

from __future__ import annotations

import pytest

from playground_game.model.actions import (
    AddLayer,
    Change,
    Open,
    Regenerate,
    SetWeight,
    ToggleFeature,
    Train,
    Undo,
)
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings, SettingsError


def _locked(*controls: str) -> Playground:
    playground = Playground()
    playground.apply(Open(Settings(seed="0.1"), locks=frozenset(controls)))
    return playground


@pytest.mark.parametrize(("action", "control"), [
    (Change({"noise": 10}), "Noise"),
    (AddLayer(), "number of hidden layers"),
    (ToggleFeature("xSquared"), "X\u2081\u00b2"),
    (SetWeight(1, 0, 0, 1.0), "Editing weights"),
    (Regenerate(), "data"),
    (Change({"init_zero": True}), "Zero initial weights"),
])
def test_a_locked_control_is_refused_and_nothing_changes(action, control: str) -> None:
    playground = _locked("noise", "numHiddenLayers", "xSquared", "weights", "dataset",
                         "initZero")
    before = (playground.settings, playground.revision, playground.network.weights.copy())
    with pytest.raises(SettingsError, match="fixed in this lesson") as info:
        playground.apply(action)
    assert control.lower() in str(info.value).lower()
    assert (playground.settings, playground.revision) == before[:2]
    assert (playground.network.weights == before[2]).all()


def test_unlocked_controls_and_training_still_work() -> None:
    playground = _locked("noise")
    playground.apply(Change({"activation": "relu"}))
    playground.apply(Train(3))
    assert playground.epoch == 3


def test_undo_never_crosses_into_the_experiment_before_a_lesson() -> None:
    playground = Playground()
    playground.apply(Change({"noise": 10}))
    playground.apply(Open(Settings(seed="0.1"), locks=frozenset({"numHiddenLayers"})))
    with pytest.raises(SettingsError, match="nothing to undo"):
        playground.apply(Undo())
    assert playground.settings == Settings(seed="0.1")


def test_a_new_experiment_brings_its_own_locks() -> None:
    playground = _locked("noise")
    playground.apply(Open(Settings(noise=20), locks=frozenset()))  # leaving the lesson
    assert playground.locks == frozenset() and playground.settings.noise == 20
    playground.apply(Change({"noise": 30}))


def test_an_open_inside_the_experiment_is_checked() -> None:
    playground = _locked("noise")
    with pytest.raises(SettingsError, match="Noise"):
        playground.apply(Open(playground.settings.with_changes(noise=5)))


def test_play_and_step_are_checked_by_name() -> None:
    playground = _locked("playButton")
    with pytest.raises(SettingsError, match="Play button is fixed"):
        playground.require_unlocked("playButton")
    playground.require_unlocked("stepButton")
