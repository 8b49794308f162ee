"""The network as a formula: the readable text and the exported NumPy function.

The exported function is run over the whole 100 x 100 heatmap grid and compared with the
engine's exact float64 path (`Network.predict`): equal to 1e-12 for every activation, every
objective (one tanh, sigmoid or linear output, and a softmax over several) and every feature.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model import formula
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.features import FEATURE_KEYS, all_feature_values, feature_rows
from playground_game.model.playground import Playground, Train, grid_coordinates
from playground_game.model.settings import Settings


def _run_exported(source: str, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    namespace: dict = {}
    exec(compile(source, "<exported>", "exec"), namespace)  # noqa: S102 - our own output
    return np.asarray(namespace["network"](xs, ys))


def _engine_on_grid(pg: Playground) -> np.ndarray:
    xs, ys = grid_coordinates()
    inputs = all_feature_values(xs, ys)[feature_rows(pg.settings.input_features)]
    return pg.network.predict(np.ascontiguousarray(inputs))


def _compare(pg: Playground) -> None:
    xs, ys = grid_coordinates()
    source = formula.python_function(pg.network, pg.settings.input_features, pg.objective)
    got = _run_exported(source, xs, ys).reshape(pg.n_outputs, -1)
    want = _engine_on_grid(pg)
    assert got.shape == want.shape
    assert np.max(np.abs(got - want)) <= 1e-12


def test_every_activation_and_feature_has_its_written_form():
    assert formula.missing_entries() == []


CASES = [
    # every feature, two layers, each hidden activation of the table in turn (below)
    "dataset=spiral&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true"
    "&sinY=true&networkShape=4,3&seed=0.3",
    "problem=regression&regDataset=reg-gauss&networkShape=3&seed=0.2",
    "dataset=xor&loss=cross-entropy&networkShape=3,2&seed=0.4",
    "dataset=circle&networkShape=&seed=0.1",
]


@pytest.mark.parametrize("code", CASES)
def test_exported_python_equals_the_engine_on_the_grid(code):
    from playground_game.model.bookmark import parse_code

    pg = Playground(parse_code(code).settings)
    pg.apply(Train(5))
    _compare(pg)


@pytest.mark.parametrize("activation", ACTIVATIONS.keys())
def test_every_hidden_activation_exports_exactly(activation):
    from playground_game.model.bookmark import parse_code

    pg = Playground(parse_code(f"dataset=gauss&activation={activation}&networkShape=3,2"
                               "&xTimesY=true&sinX=true&seed=0.7").settings)
    pg.apply(Train(3))
    _compare(pg)


def test_softmax_outputs_export_exactly_when_there_are_several_classes():
    from playground_game.model.core.datasets import DATASETS

    three = [d.key for d in DATASETS if 3 in getattr(d, "class_counts", ())]
    if not three:
        pytest.skip("no dataset of three classes yet")
    settings = Settings().with_changes(dataset=three[0], num_classes=3)
    pg = Playground(settings)
    pg.apply(Train(3))
    assert pg.n_outputs == 3 and getattr(pg.objective, "softmax", False)
    _compare(pg)
    text = formula.formula(pg.network, pg.settings.input_features, pg.objective)
    assert text.outputs == ("out_1", "out_2", "out_3")
    assert text.lines[-1] == "(out_1, out_2, out_3) = softmax(z_1, z_2, z_3)"
    assert text.reading.startswith("out_1 ... out_3 are the probabilities")


def test_the_reading_follows_the_objective():
    from playground_game.model.bookmark import parse_code

    for code, want in (("problem=regression", "out is the predicted value."),
                       ("loss=cross-entropy",
                        "out (the probability of the blue class) ≥ 0.5: the blue class")):
        pg = Playground(parse_code(code).settings)
        text = formula.formula(pg.network, pg.settings.input_features, pg.objective)
        assert text.reading.startswith(want)


def test_a_softmax_network_exports_exactly():
    """Several output units under a softmax, built directly (whatever the datasets offer)."""
    from playground_game.model.core.network import Network
    from playground_game.model.core.objectives import OBJECTIVES
    from playground_game.model.core.rng import SeededRandom

    softmax = [o for o in OBJECTIVES if getattr(o, "softmax", False)]
    if not softmax:
        pytest.skip("no softmax objective in the table yet")
    objective = softmax[0]
    features = ("x", "y", "sinX")
    net = Network.build([3, 4, 3], SeededRandom("0.8"), "swish", objective.key)
    xs, ys = grid_coordinates()
    inputs = np.ascontiguousarray(all_feature_values(xs, ys)[feature_rows(features)])
    want = net.predict(inputs)
    got = _run_exported(formula.python_function(net, features, objective), xs, ys)
    assert got.shape == want.shape == (3, xs.size)
    assert np.max(np.abs(got - want)) <= 1e-12
    text = formula.formula(net, features, objective)
    assert text.lines[-1] == "(out_1, out_2, out_3) = softmax(z_1, z_2, z_3)"
    assert "softmax(z)ₖ = e^zₖ / Σⱼ e^zⱼ" in text.legend


def test_the_readable_formula_names_units_as_on_screen_and_rounds():
    pg = Playground(Settings().with_changes(network_shape=(2,), activation="sigmoid"))
    net = pg.network
    net.layer_matrix(1)[:] = [[0.123456, -2.0], [0.0, 1.5]]
    net.layer_biases(1)[:] = [0.5, -0.25]
    net.layer_matrix(2)[:] = [[1.0, -1.0]]
    net.layer_biases(2)[:] = [0.0]
    text = formula.formula(net, pg.settings.input_features, pg.objective)
    assert text.lines == (
        "h1_1 = σ(0.123·X\u2081 - 2·X\u2082 + 0.5)",
        "h1_2 = σ(1.5·X\u2082 - 0.25)",
        "out = tanh(1·h1_1 - 1·h1_2)",
    )
    assert text.legend == ("σ(t) = 1 / (1 + e^-t)",)
    assert text.reading == "out ≥ 0: the blue class; below: the orange class."
    assert FEATURE_KEYS[0] == "x"


def test_without_transcendental_functions_the_export_is_bit_identical():
    """ReLU units, a linear output and the raw coordinates: only sums and products, which the
    export writes in the engine's order (a negative weight as a subtraction), so every grid
    output is the engine's to the bit."""
    from playground_game.model.bookmark import parse_code

    pg = Playground(parse_code("problem=regression&regDataset=reg-gauss&activation=relu"
                               "&networkShape=4,3&seed=0.6").settings)
    pg.apply(Train(4))
    xs, ys = grid_coordinates()
    source = formula.python_function(pg.network, pg.settings.input_features, pg.objective)
    got = _run_exported(source, xs, ys).reshape(1, -1)
    assert np.array_equal(got, _engine_on_grid(pg))
    assert (pg.network.weights < 0).any()  # subtractions were written
