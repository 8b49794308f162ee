"""The heatmap grid (Network.grid, kernels.grid_outputs) against a plain-numpy forward pass
written here, whatever the tiling.

The grid is display only, in float32 with a tanh approximation within 1e-4, so it is compared
with the exact float64 pass to a tolerance; differently tiled grids are compared with each
other bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.bookmark import parse_code
from playground_game.model.core import activations, kernels
from playground_game.model.core.network import Network
from playground_game.model.core.rng import SeededRandom
from playground_game.model.playground import Playground, Train

POINTS = 1500  # three tiles, the last one short
FUNCTIONS = {
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "linear": lambda z: z,
    "gelu": lambda z: 0.5 * z * (1.0 + np.tanh(0.7978845608028654 * (z + 0.044715 * z**3))),
}


def _inputs(n_in: int, seed: int = 3) -> np.ndarray:
    """Heatmap-like points (n_in, POINTS) float32: features of the -6..6 square."""
    gen = np.random.default_rng(seed)
    return gen.uniform(-6.0, 6.0, (n_in, POINTS)).astype(np.float32)


def _reference(net: Network, activation: str, objective: str, xt: np.ndarray) -> np.ndarray:
    """Every unit's value at every point, (units, points) float64, as the heatmaps show them:
    a matrix product and the activation per layer, from the definitions."""
    values = [xt.astype(np.float64)]
    last = net.num_layers - 1
    for layer in range(1, net.num_layers):
        z = net.layer_matrix(layer) @ values[-1] + net.layer_biases(layer)[:, None]
        if layer < last:
            values.append(FUNCTIONS[activation](z))
        elif objective == "tanh-square":
            values.append(np.tanh(z))
        elif objective == "linear-square":
            values.append(z)
        elif objective == "sigmoid-xent":
            values.append(2.0 / (1.0 + np.exp(-z)) - 1.0)  # a probability, shown as 2 p - 1
        else:  # softmax-xent
            e = np.exp(z - z.max(axis=0))
            values.append(2.0 * e / e.sum(axis=0) - 1.0)
    return np.vstack(values)


def _network(shape: tuple[int, ...], activation: str, objective: str) -> Network:
    net = Network.build(list(shape), SeededRandom(f"grid {shape}"), activation, objective)
    net.weights *= 1.7  # larger sums than the first weights give: tanh's tails are reached
    return net


def _grid(net: Network, xt: np.ndarray, first: int = 0, last: int = POINTS,
          out: np.ndarray | None = None) -> np.ndarray:
    """The kernel's call over points first..last-1 (its tiles start at `first`)."""
    if out is None:
        out = np.full((net.num_units, xt.shape[1]), np.nan, dtype=np.float32)
    layout, params, _ = net._bundles()
    run = kernels.entry_points(net.lab_paths()).grid_outputs
    run(layout, params, net.activations, net.objective, xt, out, first, last)
    return out


@pytest.mark.parametrize(("shape", "activation", "objective"), [
    ((2, 4, 2, 1), "tanh", "tanh-square"),  # the default network: fewer than four inputs
    ((7, 8, 8, 1), "tanh", "tanh-square"),  # seven inputs: a pass of four, then three alone
    ((4, 5, 3, 1), "relu", "linear-square"),  # odd layers: the last unit done twice
    ((3, 9, 6, 2), "sigmoid", "tanh-square"),  # nine inputs: two passes and one alone
    ((2, 6, 5), "linear", "linear-square"),
    ((5, 7, 1), "gelu", "sigmoid-xent"),  # the lab's activations and outputs
    ((2, 6, 3), "tanh", "softmax-xent"),
])
def test_grid_matches_a_numpy_forward_pass(shape, activation, objective) -> None:
    net = _network(shape, activation, objective)
    xt = _inputs(shape[0])
    got = _grid(net, xt)
    expected = _reference(net, activation, objective, xt)
    assert np.isfinite(got).all()
    approximated = activation in ("tanh", "sigmoid", "gelu") or objective == "tanh-square"
    tolerance = 5e-4 if approximated else 2e-5  # tanh within 1e-4, carried through layers
    assert np.abs(got - expected).max() < tolerance
    assert np.array_equal(got[:shape[0]], xt)  # the input units show their features


def test_grid_is_the_same_whatever_the_tiling() -> None:
    net = _network((7, 8, 5, 1), "tanh", "tanh-square")
    xt = _inputs(7)
    whole = _grid(net, xt)
    shifted = _grid(net, xt, 0, 300)  # tiles starting at 300, not at 0
    assert np.isnan(shifted[:, 300:]).all()  # nothing outside its points
    _grid(net, xt, 300, POINTS, out=shifted)
    assert np.array_equal(shifted, whole)
    net.grid(xt, shifted)  # the network's own call: the same grid
    assert np.array_equal(shifted, whole)


def test_nan_sums_stay_nan_in_their_units_only() -> None:
    net = _network((2, 4, 1), "tanh", "tanh-square")
    net.weights[net.weight_index(1, 2, 0)] = np.nan  # unit 2 of layer 1 diverged
    got = _grid(net, _inputs(2))
    hidden = got[net.unit_index(1, 0):net.unit_index(1, 3) + 1]
    assert np.isnan(hidden[2]).all() and np.isfinite(hidden[[0, 1, 3]]).all()
    assert np.isnan(got[-1]).all()  # it reaches the output through its weight


def test_display_tanh_is_within_1e_4_never_passes_1_and_keeps_nan() -> None:
    x = np.concatenate([np.linspace(-40.0, 40.0, 80_001), [np.inf, -np.inf, 0.0, 1e-30]])
    shown = np.array([activations.fast_tanh32(v) for v in x.astype(np.float32)])
    assert np.abs(shown - np.tanh(x)).max() < 1e-4
    assert np.abs(shown).max() < 1.0 and np.array_equal(np.sign(shown), np.sign(x))
    assert np.isnan(activations.fast_tanh32(np.float32(np.nan)))


def test_a_deep_networks_heatmap_output_is_within_1e_4_of_the_exact_one() -> None:
    """Six hidden tanh layers of 8 (the benchmarks' B): each layer's display error reaches the
    output through the next layers' weights, so the approximation must be good where most
    sums lie (near 0), not only within 1e-4 somewhere."""
    pg = Playground(parse_code(
        "dataset=spiral&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true"
        "&sinY=true&networkShape=8,8,8,8,8,8&regularization=L2&regularizationRate=0.001"
        "&seed=0.5").settings)
    pg.apply(Train(5))
    grids = pg.unit_grids().reshape(pg.network.num_units, -1)
    inputs = grids[:int(pg.network.sizes[0])].astype(np.float64)  # the grid's own features
    exact = pg.network.predict(inputs)[0]
    assert np.abs(grids[-1] - exact).max() < 1e-4
