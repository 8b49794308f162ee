"""The session object: which actions regenerate data, rebuild the network, or neither."""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.playground import (
    AddLayer,
    AddNeuron,
    Change,
    Open,
    Playground,
    Regenerate,
    RemoveLayer,
    RemoveNeuron,
    Reset,
    SetBias,
    SetWeight,
    ToggleFeature,
    Train,
    feature_grids,
)
from playground_game.model.settings import Effect, Settings, SettingsError


@pytest.fixture
def pg() -> Playground:
    return Playground(Settings(seed="0.5"))


def _snapshot(pg: Playground):
    return (pg.settings, pg.epoch, pg.data.train.copy(), pg.network.weights.copy(),
            list(pg.train_losses))


def test_open_gives_epoch_zero_and_losses(pg: Playground) -> None:
    assert pg.epoch == 0
    assert len(pg.train_losses) == len(pg.test_losses) == 1
    assert 0 < pg.train_loss < 1


def test_train_advances_epoch_and_history(pg: Playground) -> None:
    pg.apply(Train(5))
    assert pg.epoch == 5 and len(pg.train_losses) == 6
    assert pg.train_losses[-1] < pg.train_losses[0]


def test_learning_rate_takes_effect_without_reset(pg: Playground) -> None:
    pg.apply(Train(3))
    weights = pg.network.weights.copy()
    outcome = pg.apply(Change({"learning_rate": 0.3}))
    assert outcome.effect is Effect.NONE and pg.epoch == 3
    assert np.array_equal(weights, pg.network.weights)


def test_activation_change_resets_network_keeps_data(pg: Playground) -> None:
    pg.apply(Train(3))
    data = pg.data.train.copy()
    weights = pg.network.weights.copy()
    outcome = pg.apply(Change({"activation": "relu"}))
    assert outcome.effect is Effect.RESET
    assert pg.epoch == 0 and len(pg.train_losses) == 1
    assert np.array_equal(data, pg.data.train)
    assert not np.array_equal(weights, pg.network.weights)  # fresh draws from the stream


def test_dataset_change_draws_new_seed_and_data(pg: Playground) -> None:
    outcome = pg.apply(Change({"dataset": "spiral"}))
    assert outcome.effect is Effect.NEW_DATA
    assert pg.settings.seed != "0.5"
    # new seed: the same experiment as opening its code (data and weights)
    again = Playground(pg.settings)
    assert np.array_equal(again.data.train, pg.data.train)
    assert np.array_equal(again.network.weights, pg.network.weights)


def test_regenerate_keeps_network_and_epoch(pg: Playground) -> None:
    pg.apply(Train(4))
    weights = pg.network.weights.copy()
    data = pg.data.train.copy()
    loss = pg.train_loss
    pg.apply(Regenerate())
    assert pg.epoch == 4 and np.array_equal(weights, pg.network.weights)
    assert not np.array_equal(data, pg.data.train)
    assert pg.train_loss != loss  # recomputed on the new data, never stale


def test_reset_draws_new_weights_keeps_data(pg: Playground) -> None:
    pg.apply(Train(2))
    weights = pg.network.weights.copy()
    pg.apply(Reset())
    assert pg.epoch == 0 and not np.array_equal(weights, pg.network.weights)


def test_shape_actions_and_limits(pg: Playground) -> None:
    pg.apply(AddLayer())
    assert pg.settings.network_shape == (4, 2, 2)
    pg.apply(AddNeuron(2))
    pg.apply(RemoveNeuron(0))
    assert pg.settings.network_shape == (3, 2, 3)
    for _ in range(3):
        pg.apply(AddLayer())
    with pytest.raises(SettingsError, match="at most 6"):
        pg.apply(AddLayer())
    for _ in range(6):
        pg.apply(RemoveLayer())
    assert pg.settings.network_shape == ()
    assert pg.network.num_layers == 2
    with pytest.raises(SettingsError):
        pg.apply(RemoveLayer())


def test_neuron_limits(pg: Playground) -> None:
    for _ in range(4):
        pg.apply(AddNeuron(0))
    with pytest.raises(SettingsError, match="1 to 8"):
        pg.apply(AddNeuron(0))
    with pytest.raises(SettingsError, match="no hidden layer 7"):
        pg.apply(AddNeuron(6))


def test_toggle_feature_changes_inputs_and_resets(pg: Playground) -> None:
    pg.apply(Train(2))
    pg.apply(ToggleFeature("sinX"))
    assert pg.settings.input_features == ("x", "y", "sinX")
    assert pg.network.sizes[0] == 3 and pg.epoch == 0
    pg.apply(ToggleFeature("x"))
    pg.apply(ToggleFeature("y"))
    pg.apply(ToggleFeature("sinX"))
    assert pg.network.sizes[0] == 0  # no input is allowed: units see only their bias
    pg.apply(Train(1))


def test_refused_changes_leave_everything_untouched(pg: Playground) -> None:
    pg.apply(Train(3))
    before = _snapshot(pg)
    for action in (Change({"batch_size": 0}), Change({"noise": 7.5}), Change({"nope": 1}),
                   ToggleFeature("cosX"), SetWeight(1, 0, 0, float("nan")),
                   SetWeight(9, 0, 0, 1.0), SetBias(0, 0, 1.0), SetWeight(1, 0, 0, 1e999),
                   Train(-1)):
        with pytest.raises(SettingsError):
            pg.apply(action)
    after = _snapshot(pg)
    assert before[0] == after[0] and before[1] == after[1] and before[4] == after[4]
    assert np.array_equal(before[2], after[2]) and np.array_equal(before[3], after[3])


def test_set_weight_and_bias_change_model_and_loss(pg: Playground) -> None:
    loss = pg.train_loss
    pg.apply(SetWeight(1, 2, 1, 1.5))
    assert pg.network.layer_matrix(1)[2, 1] == 1.5
    pg.apply(SetBias(3, 0, -0.25))  # the output unit's bias is editable too
    assert pg.network.layer_biases(3)[0] == -0.25
    assert pg.train_loss != loss and pg.epoch == 0 and len(pg.train_losses) == 1


def test_open_restores_seeded_experiment(pg: Playground) -> None:
    first = Playground(Settings(seed="0.77"))
    pg.apply(Train(5))
    pg.apply(Open(Settings(seed="0.77")))
    assert np.array_equal(first.network.weights, pg.network.weights) and pg.epoch == 0


def test_grids_cover_every_unit_and_follow_revision(pg: Playground) -> None:
    grids = pg.unit_grids()
    assert grids.shape == (pg.network.num_units, 100, 100)
    x_map = grids[0]
    assert x_map[0, 0] == pytest.approx(-6) and x_map[0, -1] == pytest.approx(6)  # x right
    y_map = grids[1]
    assert y_map[0, 0] == pytest.approx(6) and y_map[-1, 0] == pytest.approx(-6)  # y up
    out = grids[-1].copy()
    assert np.all(np.abs(out) <= 1)
    assert pg.unit_grids() is grids or np.shares_memory(pg.unit_grids(), grids)
    pg.apply(Train(10))
    assert not np.array_equal(out, pg.unit_grids()[-1])


def test_grid_output_close_to_exact_prediction(pg: Playground) -> None:
    from playground_game.model.playground import grid_coordinates

    pg.apply(Train(20))
    xs, ys = grid_coordinates()
    xt = np.vstack([xs, ys])
    exact = pg.network.predict(xt)
    approx = pg.unit_grids()[-1].ravel()
    assert np.max(np.abs(exact - approx)) < 1e-4


def test_feature_grids_shape() -> None:
    grids = feature_grids()
    assert grids.shape == (7, 100, 100)
    assert grids[4, 0, 0] == pytest.approx(-36)  # x1*x2 at the top-left corner (-6, 6)


def test_divergence_is_quiet_and_reset_recovers() -> None:
    pg = Playground(Settings(seed="0.5", activation="relu", learning_rate=3.0,
                             problem="regression", reg_dataset="reg-gauss",
                             network_shape=(8, 8, 8, 8, 8, 8)))
    pg.apply(Train(30))
    assert pg.diverged
    assert np.isnan(pg.unit_grids()[-1]).any()
    pg.apply(Reset())
    assert not pg.diverged


def test_copy_is_independent_and_drops_the_grid_cache(pg: Playground) -> None:
    pg.apply(Train(3))
    expected = pg.unit_grids().copy()
    twin = pg.copy()
    assert twin.epoch == 3 and twin.train_losses == pg.train_losses
    assert np.array_equal(twin.network.weights, pg.network.weights)
    pg.apply(Train(2))
    assert twin.epoch == 3 and len(twin.train_losses) == 4
    assert not np.array_equal(twin.network.weights, pg.network.weights)
    assert not np.shares_memory(twin.unit_grids(), pg.unit_grids())
    assert np.array_equal(twin.unit_grids(), expected)


def test_unit_grids_recompute_on_request(pg: Playground, monkeypatch) -> None:
    calls = []
    real = pg.network.grid
    monkeypatch.setattr(pg.network, "grid", lambda *a: calls.append(1) or real(*a))
    pg.unit_grids()
    pg.unit_grids()
    assert len(calls) == 1
    pg.unit_grids(recompute=True)
    assert len(calls) == 2
