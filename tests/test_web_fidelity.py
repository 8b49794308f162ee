"""Our engine against the original web playground's own runs, to the last bit.

Each tests/data/web/*.json file is a run of the original's code under Node (whose Math.tanh,
exp, sin, cos and log are the browser's fdlibm ports): the points, the initial weights, every
epoch's training and test loss, and the weights at several epochs. Matching them bit for bit
means a bookmark opened here trains along the same path as on the web, not just from the same start.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import as_array, load_web_case, web_case_names, web_points

from playground_game.model.bookmark import parse_code
from playground_game.model.playground import Playground, Train


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to the last bit, NaN equal to NaN."""
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def _weights(pg: Playground) -> list[tuple[np.ndarray, np.ndarray]]:
    net = pg.network
    return [(net.layer_biases(layer).copy(), net.layer_matrix(layer).copy())
            for layer in range(1, net.num_layers)]


@pytest.mark.parametrize("name", web_case_names())
def test_run_matches_web(name: str) -> None:
    case = load_web_case(name)
    pg = Playground(parse_code(case["code"]).settings)
    if "points" in case:
        classification = pg.settings.problem == "classification"
        assert _same(web_points(case["points"]["train"], classification), pg.data.train)
        assert _same(web_points(case["points"]["test"], classification), pg.data.test)
    checkpoints = sorted(int(e) for e in case["weights"])
    for epoch in checkpoints:
        pg.apply(Train(epoch - pg.epoch))
        for layer, (bias, matrix) in enumerate(_weights(pg)):
            ref = case["weights"][str(epoch)][layer]
            assert _same(as_array(ref["bias"]), bias), (epoch, layer)
            assert _same(as_array(ref["W"]), matrix), (epoch, layer)
        if "dead" in case and str(epoch) in case["dead"]:
            for layer, ref_dead in enumerate(case["dead"][str(epoch)], start=1):
                start, stop = pg.network.w_off[layer], pg.network.w_off[layer + 1]
                ours = pg.network.dead[start:stop].reshape(np.array(ref_dead).shape)
                assert np.array_equal(ours.astype(bool), np.array(ref_dead, dtype=bool))
    pg.apply(Train(case["epochs"] - pg.epoch))
    losses = as_array(case["losses"])
    assert losses.shape[0] == case["epochs"] + 1
    assert _same(losses[:, 1], np.array(pg.train_losses))
    assert _same(losses[:, 2], np.array(pg.test_losses))


def test_spiral_6x8_epoch_1000_matches_web() -> None:
    """The issue's target: 6 x 8 tanh spiral, losses at epoch 1000 equal to the original's."""
    case = load_web_case("spiral6x8")
    assert case["epochs"] == 1000
    pg = Playground(parse_code(case["code"]).settings)
    pg.apply(Train(1000))
    final = as_array(case["losses"])[-1]
    assert abs(pg.train_loss - final[1]) <= 1e-9 and abs(pg.test_loss - final[2]) <= 1e-9
    assert (pg.train_loss, pg.test_loss) == (final[1], final[2])  # in fact to the last bit


def test_l1_kills_links() -> None:
    case = load_web_case("l1xor")
    pg = Playground(parse_code(case["code"]).settings)
    pg.apply(Train(case["epochs"]))
    assert int(pg.network.dead.sum()) == 32
    assert np.all(pg.network.weights[pg.network.dead == 1] == 0)


def test_divergence_reaches_nan_without_warnings() -> None:
    case = load_web_case("diverge_inf")
    pg = Playground(parse_code(case["code"]).settings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg.apply(Train(case["epochs"]))
    assert pg.diverged
