"""The engine's tables: every row's kernels against finite differences and their own definition,
every row reached through its table's one dispatch, and the shape accessors of Network."""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.core import activations, kernels, objectives, optimizers
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import CLASSIFICATION, DATASETS, REGRESSION
from playground_game.model.core.initializers import INITIALIZERS
from playground_game.model.core.network import Network
from playground_game.model.core.objectives import OBJECTIVES
from playground_game.model.core.optimizers import OPTIMIZERS, REGULARIZATIONS
from playground_game.model.core.registry import Registry, UnknownKeyError
from playground_game.model.core.rng import SeededRandom

# Inputs away from relu's kink at 0, covering both fdlibm tanh branches and sigmoid's tails.
POINTS = np.array([-7.5, -3.0, -1.2, -0.7, -0.2, -1e-3, 2e-3, 0.15, 0.6, 1.1, 2.5, 6.0])


def test_registry_lookup_order_and_errors() -> None:
    assert ACTIVATIONS.keys()[:4] == ("relu", "tanh", "sigmoid", "linear")  # the web's ids
    assert ACTIVATIONS.keys()[4:] == ("leaky-relu", "elu", "gelu", "swish", "softplus", "sine")
    assert [ACTIVATIONS.id_of(k) for k in ACTIVATIONS.keys()]  # noqa: SIM118 == [0, 1, 2, 3]
    assert ACTIVATIONS["tanh"].label == "Tanh" and "tanh" in ACTIVATIONS
    with pytest.raises(UnknownKeyError, match="relu, tanh, sigmoid, linear, leaky-relu") as caught:
        ACTIVATIONS["mish"]
    assert isinstance(caught.value, ValueError) and "activation: 'mish'" in str(caught.value)
    with pytest.raises(ValueError, match="twice"):
        Registry("x", (ACTIVATIONS["relu"], ACTIVATIONS["relu"]))


@pytest.mark.parametrize("row", ACTIVATIONS, ids=lambda r: r.key)
def test_activation_derivative_matches_finite_differences(row) -> None:
    h = 1e-6
    for t in POINTS:
        o = row.value(t)
        numeric = (row.value(t + h) - row.value(t - h)) / (2 * h)
        assert row.derivative(t, o) == pytest.approx(numeric, rel=1e-6, abs=1e-8), t


@pytest.mark.parametrize("row", ACTIVATIONS, ids=lambda r: r.key)
def test_activation_forms_agree(row) -> None:
    """The vectorisable form is the exact one bit for bit; the display form is close."""
    wide = np.concatenate([POINTS, np.linspace(-30, 30, 2001), [0.0, -0.0, np.nan]])
    for t in wide:
        exact, row_form = row.value(t), row.value_row(t)
        assert exact == row_form or (np.isnan(exact) and np.isnan(row_form)), t
        shown = float(row.display(np.float32(t)))
        if np.isnan(exact):
            continue
        assert shown == pytest.approx(exact, rel=1e-5, abs=1e-4), t


@pytest.mark.parametrize("row", ACTIVATIONS, ids=lambda r: r.key)
def test_activation_dispatch_reaches_every_row(row) -> None:
    """Every row through the lab's dispatch; the web's rows through the original's too."""
    act = ACTIVATIONS.id_of(row.key)
    for lab in (False, True) if row.web else (True,):
        cells = np.full(POINTS.shape[0] + 2, 7.0)  # a sample's units, between two others
        activations.value_cells(act, np.concatenate(([9.0], POINTS, [9.0])), cells, 1,
                                POINTS.shape[0], lab)
        assert np.array_equal(cells, [7.0, *(row.value(t) for t in POINTS), 7.0])
        ders = np.full_like(cells, 3.0)
        activations.input_derivative_cells(act, np.concatenate(([9.0], POINTS, [9.0])), cells,
                                           ders, 1, POINTS.shape[0], lab)
        assert np.array_equal(ders, [3.0, *(3.0 * row.derivative(t, row.value(t))
                                            for t in POINTS), 3.0])
        total = POINTS.reshape(1, -1).copy()
        out = np.empty_like(total)
        activations.value_row(act, total, out, 0, total.shape[1], lab)
        assert np.array_equal(out[0], [row.value(t) for t in POINTS])
        der = np.full_like(total, 3.0)
        activations.input_derivative_row(act, total, out, der, 0, total.shape[1], lab)
        assert np.array_equal(der[0], [3.0 * row.derivative(t, row.value(t)) for t in POINTS])
        pixels = np.full((2, POINTS.shape[0] + 3), 7.0, dtype=np.float32)
        activations.display_row(act, POINTS.astype(np.float32), pixels, 1, 2, POINTS.shape[0],
                                lab)
        assert np.array_equal(pixels[1, 2:-1], [row.display(np.float32(t)) for t in POINTS])
        assert (pixels[0] == 7.0).all() and (pixels[1, [0, 1, -1]] == 7.0).all()


def test_activations_are_told_apart() -> None:
    """The dispatch test above would not notice a row missing from the chain if two rows
    computed the same: they must differ."""
    values = {tuple(row.value(t) for t in POINTS) for row in ACTIVATIONS}
    assert len(values) == len(ACTIVATIONS)


@pytest.mark.parametrize("row", OBJECTIVES, ids=lambda r: r.key)
def test_objective_loss_derivative_and_dispatch(row) -> None:
    objective = OBJECTIVES.id_of(row.key)
    assert objectives.output_activation(objective) == ACTIVATIONS.id_of(row.output_activation)
    h = 1e-6
    if row.softmax:  # its derivative is the whole layer's (tests/test_softmax.py checks it)
        for o, t in ((0.3, 0.0), (0.8, 1.0), (1e-20, 1.0)):
            assert objectives.loss(objective, o, t, True) == row.loss(o, t)
            assert objectives.loss_derivative(objective, o, t, True) == o - t
        return
    if row.fused:  # d loss(f(z)) / dz, f the output activation, against finite differences
        f = ACTIVATIONS[row.output_activation].value
        assert objectives.output_derivative_activation(objective) == ACTIVATIONS.id_of("linear")
        for z, t in ((0.3, 0.0), (-0.8, 1.0), (2.5, 0.4), (0.0, 0.0), (-4.0, 1.0)):
            numeric = (row.loss(f(z + h), t) - row.loss(f(z - h), t)) / (2 * h)
            assert row.loss_derivative(f(z), t) == pytest.approx(numeric, rel=1e-6, abs=1e-8)
            assert objectives.loss(objective, f(z), t, True) == row.loss(f(z), t)
            assert objectives.loss_derivative(objective, f(z), t, True) == \
                row.loss_derivative(f(z), t)
        return
    assert objectives.output_derivative_activation(objective) == \
        ACTIVATIONS.id_of(row.output_activation)
    for o, t in ((0.3, -1.0), (-0.8, 1.0), (2.5, 0.4), (0.0, 0.0)):
        numeric = (row.loss(o + h, t) - row.loss(o - h, t)) / (2 * h)
        assert row.loss_derivative(o, t) == pytest.approx(numeric, rel=1e-6, abs=1e-8)
        for lab in (False, True):
            assert objectives.loss(objective, o, t, lab) == row.loss(o, t)
            assert objectives.loss_derivative(objective, o, t, lab) == row.loss_derivative(o, t)


def test_objective_targets() -> None:
    classes = np.array([0.0, 1.0, 1.0, 0.0])
    targets = OBJECTIVES["tanh-square"].targets(classes, 1)
    assert targets.shape == (1, 4) and targets.dtype == np.float64
    assert targets.tolist() == [[-1.0, 1.0, 1.0, -1.0]]  # class 1 is the original's +1 exactly
    values = np.array([0.25, -1.0, 0.0])
    assert OBJECTIVES["linear-square"].targets(values, 1).tolist() == [[0.25, -1.0, 0.0]]
    assert objectives.for_problem(CLASSIFICATION).key == "tanh-square"
    assert objectives.for_problem(REGRESSION).key == "linear-square"
    assert objectives.for_problem(CLASSIFICATION, "cross-entropy").key == "sigmoid-xent"
    assert objectives.for_problem(REGRESSION, "cross-entropy").key == "linear-square"
    assert OBJECTIVES["sigmoid-xent"].targets(classes, 1).tolist() == [[0.0, 1.0, 1.0, 0.0]]
    assert {o.problem for o in OBJECTIVES} == {CLASSIFICATION, REGRESSION}


@pytest.mark.parametrize("row", REGULARIZATIONS, ids=lambda r: r.key)
def test_regularization_dispatch(row) -> None:
    kind = REGULARIZATIONS.id_of(row.key)
    for w in (-0.7, 0.0, 0.3):
        assert optimizers.penalty_derivative(kind, w) == row.derivative(w)
    expected = {"none": [0.0, 0.0, 0.0], "L1": [-1.0, 0.0, 1.0], "L2": [-0.7, 0.0, 0.3]}[row.key]
    assert [row.derivative(w) for w in (-0.7, 0.0, 0.3)] == expected


def test_optimizers_and_their_state() -> None:
    keys = OPTIMIZERS.keys()
    assert keys == ("sgd", "momentum", "nesterov", "rmsprop", "adam")
    ids = (optimizers.SGD, optimizers.MOMENTUM, optimizers.NESTEROV, optimizers.RMSPROP,
           optimizers.ADAM)
    assert ids == tuple(OPTIMIZERS.id_of(k) for k in keys)
    net = Network.build([2, 3, 1], SeededRandom("1"), "tanh", "tanh-square")
    assert net.optimizer == OPTIMIZERS.id_of("sgd") and net.opt_state.shape == (0,)
    sizes = {key: Network.build([2, 3, 1], SeededRandom("1"), "tanh", "tanh-square",
                                optimizer=key).opt_state.shape[0] for key in keys}
    # 9 weights and 6 units: one slot each per moment; Adam keeps two and its step count
    assert sizes == {"sgd": 0, "momentum": 15, "nesterov": 15, "rmsprop": 15, "adam": 31}


def test_initializers_draw_once_per_weight_in_order() -> None:
    rng, twin = SeededRandom("0.7"), SeededRandom("0.7")
    net = Network.build([3, 2, 1], rng, "relu", "linear-square", initializer="uniform")
    assert np.array_equal(net.weights, [twin.random() - 0.5 for _ in range(8)])
    assert net.biases.tolist() == [0.0, 0.0, 0.0, 0.1, 0.1, 0.1]
    zero_rng = SeededRandom("0.7")
    zero = Network.build([3, 2, 1], zero_rng, "relu", "linear-square", initializer="zeros")
    assert not zero.weights.any() and not zero.biases.any()
    assert zero_rng.random() == rng.random()  # the stream went on alike
    assert INITIALIZERS.keys() == ("uniform", "zeros", "xavier", "he")
    for key, limit in (("xavier", (6 / 5) ** 0.5), ("he", 2 ** 0.5)):
        lab_rng, lab_twin = SeededRandom("0.7"), SeededRandom("0.7")
        lab = Network.build([3, 2, 1], lab_rng, "relu", "linear-square", initializer=key)
        first = [(2 * lab_twin.random() - 1) * limit for _ in range(6)]
        assert np.array_equal(lab.weights[:6], first) and not lab.biases.any()
        lab_twin.random()
        lab_twin.random()
        assert lab_rng.random() == lab_twin.random()  # one draw per weight, like the original


def test_network_shape_accessors() -> None:
    net = Network.build([2, 3, 4, 2], SeededRandom("2"), "tanh", "tanh-square")
    assert net.n_outputs == 2 and list(net.output_units()) == [9, 10]
    assert net.unit_index(3, 1) == 10 and net.num_units == 11
    links = list(net.links())
    assert [link.index for link in links] == list(range(net.num_weights))
    assert all(net.weight_index(lk.layer, lk.dest, lk.source) == lk.index for lk in links)
    assert links[6] == (2, 0, 0, 6)
    with pytest.raises(IndexError):
        net.weight_index(0, 0, 0)


def test_dataset_rows() -> None:
    assert DATASETS.keys()[:6] == ("circle", "xor", "gauss", "spiral", "reg-plane", "reg-gauss")
    for d in DATASETS:
        assert d.num_classes == (d.class_counts[0] if d.problem == CLASSIFICATION else 0)
        assert d.web == (d.key in DATASETS.keys()[:6])
        assert d.class_counts in ((2,), ()) or not d.web  # the web makes two classes
        assert d.thumbnail.shape == (200, 3) and not d.thumbnail.flags.writeable


def test_kernels_take_the_bundles_as_namedtuples_or_plain_tuples() -> None:
    from playground_game.model.core import kernels
    from playground_game.model.playground import Playground, Train
    from playground_game.model.settings import Settings

    pg = Playground(Settings(seed="0.1"))
    pg.apply(Train(2))
    net = pg.network
    xt, y = pg.train_inputs
    named = kernels.WEB.mean_loss(net.layout, net.params, net.activations, net.objective, xt,
                                  y)
    assert named == net.loss(xt, y) == pg.train_loss


def test_every_row_the_web_lacks_runs_the_lab_kernels() -> None:
    """The kernels compiled for the original's path drop the lab's branches: a network using
    any row the web lacks, or dropout, must be sent to the kernels with that path."""
    from playground_game.model.core.network import Network
    from playground_game.model.core.optimizers import OPTIMIZERS
    from playground_game.model.core.rng import SeededRandom

    def paths(dropout: float = 0.0, **rows: str) -> int:
        chosen = {"activation": "tanh", "objective": "tanh-square", **rows}
        return Network.build([2, 3, 1], SeededRandom("1"), **chosen).lab_paths(dropout)

    assert paths() == 0
    assert paths(dropout=0.1) == kernels.DROP
    for name, table, bit in (("activation", ACTIVATIONS, kernels.ACT),
                             ("objective", OBJECTIVES, kernels.OUT),
                             ("optimizer", OPTIMIZERS, kernels.OPT)):
        for row in table:
            assert paths(**{name: row.key}) == (0 if row.web else bit), (name, row.key)
    mixed = Network.build([2, 3, 4, 1], SeededRandom("1"), ("tanh", "gelu"), "sigmoid-xent",
                          optimizer="adam")
    assert mixed.lab_paths(0.2) == kernels.ALL


def test_every_kernel_variant_has_a_name_of_its_own() -> None:
    """Variants of one closure share its code but not its paths: each must carry its own name,
    or variants compiled in different processes can share a symbol in numba's cache, and one
    runs the other's code (dropout's epoch ran without dropout after a plain one)."""
    every = range((kernels.ALL | kernels.ONE) + 1)
    names = [kernels.entry_points(p).train_and_measure.py_func.__qualname__ for p in every]
    names += [kernels._epoch(p).py_func.__qualname__ for p in every]
    names += [f.py_func.__qualname__ for f in (kernels._loss_0, kernels._loss_act,
                                                kernels._loss_out, kernels._loss_act_out)]
    assert len(set(names)) == len(names)


def test_no_kernel_closes_over_another_kernel() -> None:
    """numba's cache key hashes a closure's cells, and a kernel pickles differently in every
    process: a kernel holding another in a cell compiles again at every start (the training
    entry point did, which took a warm start from 0.6 s to 2.6 s). Kernels reach the kernel of
    their paths through an overload instead (kernels._run_epoch, kernels._run_forward)."""
    from numba.core.registry import CPUDispatcher

    every = range((kernels.ALL | kernels.ONE) + 1)
    closures = [getattr(kernels.entry_points(p), name) for p in every
                for name in vars(kernels.entry_points(p))]
    closures += [kernels._epoch(p) for p in every]
    closures += [kernels._FORWARD_0, kernels._FORWARD_ACT, kernels._FORWARD_OUT,
                 kernels._FORWARD_PASSES]
    closures += [kernels._loss_0, kernels._loss_act, kernels._loss_out, kernels._loss_act_out]
    held = [(f.py_func.__qualname__, cell.cell_contents) for f in closures
            for cell in f.py_func.__closure__ or ()
            if isinstance(cell.cell_contents, CPUDispatcher)]
    assert held == []
