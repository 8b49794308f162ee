"""Undo and redo as actions of the session: what comes back, what does not, and the bound."""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.bookmark import parse_code
from playground_game.model.history import History, Step, describe_change
from playground_game.model.playground import (
    AddLayer,
    Change,
    Open,
    Playground,
    Redo,
    Regenerate,
    Reset,
    SetWeight,
    ToggleFeature,
    Train,
    Undo,
)
from playground_game.model.settings import Effect, Settings, SettingsError


@pytest.fixture
def pg() -> Playground:
    return Playground(Settings(seed="0.5"))


def test_nothing_to_undo_or_redo_is_refused_and_changes_nothing(pg: Playground) -> None:
    revision = pg.revision
    with pytest.raises(SettingsError, match="nothing to undo"):
        pg.apply(Undo())
    with pytest.raises(SettingsError, match="nothing to redo"):
        pg.apply(Redo())
    assert pg.revision == revision


def test_undo_of_a_view_change_keeps_the_training(pg: Playground) -> None:
    pg.apply(Train(4))
    weights = pg.network.weights.copy()
    pg.apply(Change({"learning_rate": 0.3}))
    outcome = pg.apply(Undo())
    assert outcome.effect is Effect.NONE and "learning rate from 0.3 to 0.03" in outcome.notice
    assert pg.settings.learning_rate == 0.03 and pg.epoch == 4
    assert np.array_equal(weights, pg.network.weights)


def test_undo_of_a_reset_change_brings_back_the_trained_network(pg: Playground) -> None:
    pg.apply(Train(10))
    trained = (pg.network.weights.copy(), list(pg.train_losses), pg.data.train.copy())
    pg.apply(Change({"activation": "relu"}))
    assert pg.epoch == 0
    outcome = pg.apply(Undo())
    assert outcome.effect is Effect.RESET and "activation from relu to tanh" in outcome.notice
    assert pg.settings == Settings(seed="0.5")
    assert pg.epoch == 10 and pg.train_losses == trained[1]
    assert np.array_equal(pg.network.weights, trained[0])
    assert np.array_equal(pg.data.train, trained[2])  # data and network stay in step
    pg.apply(Redo())
    assert pg.settings.activation == "relu" and pg.epoch == 0


def test_redo_of_a_new_data_change_gives_the_same_seed_data_and_weights(pg: Playground) -> None:
    pg.apply(Change({"dataset": "spiral"}))
    after = (pg.settings, pg.data.train.copy(), pg.network.weights.copy())
    pg.apply(Undo())
    assert pg.settings.dataset == "circle" and pg.settings.seed == "0.5"
    pg.apply(Redo())
    assert pg.settings == after[0]
    assert np.array_equal(pg.data.train, after[1])
    assert np.array_equal(pg.network.weights, after[2])


def test_undo_of_regenerate_brings_the_points_back_and_keeps_the_network(pg: Playground) -> None:
    points = pg.data.train.copy()
    pg.apply(Train(3))
    pg.apply(Regenerate())
    weights = pg.network.weights.copy()
    assert not np.array_equal(points, pg.data.train)
    pg.apply(Undo())
    assert pg.settings.seed == "0.5" and np.array_equal(points, pg.data.train)
    assert np.array_equal(weights, pg.network.weights) and pg.epoch == 3


def test_a_new_change_drops_the_redo_branch(pg: Playground) -> None:
    pg.apply(Change({"noise": 10}))
    pg.apply(Undo())
    assert pg.history.can_redo
    pg.apply(ToggleFeature("xSquared"))
    assert not pg.history.can_redo
    with pytest.raises(SettingsError):
        pg.apply(Redo())


def test_reset_and_typed_weights_are_undoable_training_is_not(pg: Playground) -> None:
    pg.apply(Train(2))
    assert not pg.history.can_undo
    trained = pg.network.weights.copy()
    pg.apply(Reset())
    reset = pg.network.weights.copy()
    pg.apply(SetWeight(1, 0, 0, 0.5))
    outcome = pg.apply(Undo())
    assert outcome.notice == "Undo: weight set to 0.5"
    assert np.array_equal(pg.network.weights, reset)
    outcome = pg.apply(Undo())
    assert "Reset" in outcome.notice and pg.epoch == 2
    assert np.array_equal(pg.network.weights, trained)
    pg.apply(Redo())
    pg.apply(Redo())
    assert pg.network.weights[0] == 0.5 and pg.epoch == 0


def test_redo_returns_to_the_state_undo_left_training_included(pg: Playground) -> None:
    pg.apply(Change({"activation": "relu"}))
    pg.apply(Train(5))
    weights = pg.network.weights.copy()
    pg.apply(Undo())
    pg.apply(Redo())
    assert pg.epoch == 5 and np.array_equal(pg.network.weights, weights)


def test_refused_and_empty_changes_are_not_recorded(pg: Playground) -> None:
    with pytest.raises(SettingsError):
        pg.apply(Change({"batch_size": 0}))
    pg.apply(Change({"batch_size": 10}))  # the value it already has
    assert not pg.history.can_undo


def test_opening_a_code_or_a_lesson_starts_its_own_history(pg: Playground) -> None:
    pg.apply(Change({"noise": 10}))
    pg.apply(Open(parse_code("activation=relu&networkShape=8,8&dataset=xor&seed=0.1").settings))
    assert not pg.history.can_undo and not pg.history.can_redo
    with pytest.raises(SettingsError, match="nothing to undo"):
        pg.apply(Undo())


def test_the_history_is_bounded() -> None:
    pg = Playground(Settings(seed="0.5"), history_limit=5)
    for k in range(8):
        pg.apply(Change({"batch_size": k + 1}))
    assert len(pg.history) == 5
    for _ in range(5):
        pg.apply(Undo())
    assert pg.settings.batch_size == 3  # the oldest three steps were let go
    with pytest.raises(SettingsError):
        pg.apply(Undo())


def test_history_class_rules(pg: Playground) -> None:
    with pytest.raises(ValueError):
        History(0)
    history = History(2)
    snapshot = pg._snapshot()
    for k in range(3):
        history.record(Step(f"change {k}", snapshot, snapshot))
    assert len(history) == 2 and history.peek_undo().label == "change 2"
    history.commit_undo(history.peek_undo())
    assert history.redo_count == 1 and history.peek_redo().label == "change 2"
    history.record(Step("new", snapshot, snapshot))
    assert history.redo_count == 0


def test_describe_change_names_keys_and_values() -> None:
    text = describe_change(Settings(), Settings(network_shape=(3,), show_test_data=True))
    assert text == ("network shape from 2 layers of 4, 2 to 1 layer of 3; "
                    "show test data from off to on")
    many = describe_change(Settings(), Settings(activation="relu", noise=5, batch_size=3,
                                                 dataset="xor", discretize=True))
    assert many.endswith("2 more")


def test_layers_walk_back_and_forth(pg: Playground) -> None:
    shapes = [pg.settings.network_shape]
    for _ in range(3):
        pg.apply(AddLayer())
        shapes.append(pg.settings.network_shape)
    for shape in reversed(shapes[:-1]):
        pg.apply(Undo())
        assert pg.settings.network_shape == shape
    for shape in shapes[1:]:
        pg.apply(Redo())
        assert pg.settings.network_shape == shape
