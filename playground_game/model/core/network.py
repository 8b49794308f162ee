"""A network's parameters and training state as flat arrays, with the kernel calls around them.

`Network` owns the arrays the numba kernels work on (see kernels.py for the layout), remembers
which activation, objective, regularization and optimizer it was built with (as their table ids)
and answers the questions views ask about its shape (which flat index is this unit, this weight,
the output layer) so nobody recomputes offsets. It builds itself from the shared random stream
through an initializer of initializers.py, in the original's draw order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np

from playground_game.model.core import kernels, second_core
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.initializers import INITIALIZERS
from playground_game.model.core.objectives import OBJECTIVES
from playground_game.model.core.optimizers import (
    OPTIMIZER_DEFAULTS,
    OPTIMIZERS,
    REGULARIZATIONS,
)
from playground_game.model.core.rng import SeededRandom


class Link(NamedTuple):
    """One weight: from unit `source` of layer-1 to unit `dest` of `layer`, at flat `index`."""

    layer: int
    dest: int
    source: int
    index: int


# What training records after each epoch, in the column order of the kernels' rows.
MEASURES = ("train loss", "test loss", "train accuracy", "test accuracy")

_PIPELINE_FROM = 16  # epochs in one call from which the losses are measured on a second core
_PIPELINE_SLICE = 8  # epochs trained between two hand-overs to the measuring thread


@dataclass
class Network:
    """Weights, biases, dead links, the gradient accumulators and the optimizer's state."""

    sizes: np.ndarray
    w_off: np.ndarray
    u_off: np.ndarray
    weights: np.ndarray
    biases: np.ndarray
    dead: np.ndarray
    acc_w: np.ndarray
    acc_b: np.ndarray
    pending: np.ndarray
    opt_state: np.ndarray
    drop_rng: np.ndarray  # uint64[1]: the dropout masks' stream (dropout.py)
    activations: np.ndarray  # int64 per layer: each hidden layer's row of ACTIVATIONS
    objective: int  # ids: rows of OBJECTIVES, REGULARIZATIONS, OPTIMIZERS
    regularization: int
    optimizer: int

    @classmethod
    def build(
        cls,
        shape: list[int] | tuple[int, ...],
        rng: SeededRandom,
        activation: str | tuple[str, ...],
        objective: str,
        regularization: str = "none",
        optimizer: str = "sgd",
        initializer: str = "uniform",
        dropout_seed: int = 0,
    ) -> Network:
        """A fresh network of layer sizes `shape` (inputs first, the output units last), its
        parameters drawn by `initializer`; every name is a key of its table. `activation` is
        every hidden layer's, or a tuple of one per hidden layer."""
        lay = kernels.layout(np.array(shape, dtype=np.int64))
        hidden = len(shape) - 2
        per_layer = (activation,) * hidden if isinstance(activation, str) else activation
        if len(per_layer) != hidden:
            raise ValueError(f"{len(per_layer)} activations for {hidden} hidden layers")
        first = per_layer[0] if per_layer else "tanh"  # the unread input and output entries
        activations = np.array([ACTIVATIONS.id_of(key) for key in (first, *per_layer, first)],
                               dtype=np.int64)
        ids = (OBJECTIVES.id_of(objective), REGULARIZATIONS.id_of(regularization),
               OPTIMIZERS.id_of(optimizer))
        init = INITIALIZERS[initializer].init
        n_weights, n_units = int(lay.w_off[-1]), int(lay.u_off[-1])
        weights, biases = init(rng, lay.sizes, n_weights, n_units)
        state_size = OPTIMIZERS[optimizer].state_size(n_weights, n_units)
        return cls(
            sizes=lay.sizes,
            w_off=lay.w_off,
            u_off=lay.u_off,
            weights=weights,
            biases=biases,
            dead=np.zeros(n_weights, dtype=np.uint8),
            acc_w=np.zeros(n_weights, dtype=np.float64),
            acc_b=np.zeros(n_units, dtype=np.float64),
            pending=np.zeros(1, dtype=np.int64),
            opt_state=np.zeros(state_size, dtype=np.float64),
            drop_rng=np.array([dropout_seed % 2**64], dtype=np.uint64),
            activations=activations,
            objective=ids[0],
            regularization=ids[1],
            optimizer=ids[2],
        )

    # -- the bundles the kernels take ------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        self.__dict__.pop("_tuples", None)  # an array was replaced: rebuild the bundles
        self.__dict__.pop("_call", None)  # and the training call's hyper-parameters
        self.__dict__.pop("_web_rows", None)  # and which lab paths its rows need

    def _bundles(self) -> tuple[tuple, tuple, tuple]:
        """(layout, params, state) as plain tuples, the kernels' fastest argument type; kept
        until an array attribute is replaced (the arrays themselves change in place)."""
        bundles = self.__dict__.get("_tuples")
        if bundles is None:
            bundles = ((self.sizes, self.w_off, self.u_off),
                       (self.weights, self.biases, self.dead),
                       (self.acc_w, self.acc_b, self.pending, self.opt_state, self.drop_rng))
            self.__dict__["_tuples"] = bundles
        return bundles

    @property
    def layout(self) -> kernels.Layout:
        return kernels.Layout(self.sizes, self.w_off, self.u_off)

    @property
    def params(self) -> kernels.Params:
        return kernels.Params(self.weights, self.biases, self.dead)

    @property
    def state(self) -> kernels.State:
        return kernels.State(self.acc_w, self.acc_b, self.pending, self.opt_state,
                             self.drop_rng)

    def hyper(self, batch_size: int, learning_rate: float, regularization_rate: float,
              optimizer_params: dict[str, float] | None = None,
              dropout: float = 0.0) -> kernels.Hyper:
        """The hyper-parameters of a training call, with this network's ids; optimizer_params
        (momentum, beta1, beta2, epsilon, rho) default to OPTIMIZER_DEFAULTS; dropout is the
        hidden layers' dropout rate."""
        opt = {**OPTIMIZER_DEFAULTS, **(optimizer_params or {})}
        return kernels.Hyper(int(batch_size), float(learning_rate), int(self.regularization),
                             float(regularization_rate), self.activations,
                             int(self.objective), int(self.optimizer),
                             *(float(opt[name]) for name in OPTIMIZER_DEFAULTS), float(dropout))

    # -- shape -----------------------------------------------------------------------------

    @property
    def num_layers(self) -> int:
        """Layers including inputs and output."""
        return int(self.sizes.shape[0])

    @property
    def num_units(self) -> int:
        return int(self.u_off[-1])

    @property
    def num_weights(self) -> int:
        return int(self.w_off[-1])

    @property
    def n_outputs(self) -> int:
        """Units in the output layer."""
        return int(self.sizes[-1])

    def output_units(self) -> range:
        """Flat unit indices of the output layer."""
        first = int(self.u_off[self.num_layers - 1])
        return range(first, first + self.n_outputs)

    def unit_index(self, layer: int, unit: int) -> int:
        """Flat index of a unit (numbered across all layers, inputs first)."""
        if not (0 <= layer < self.num_layers and 0 <= unit < self.sizes[layer]):
            raise IndexError(f"no unit {unit} in layer {layer}")
        return int(self.u_off[layer] + unit)

    def weight_index(self, layer: int, unit: int, source: int) -> int:
        """Flat index of the weight from unit `source` of layer-1 to unit `unit` of `layer`."""
        if not 1 <= layer < self.num_layers:
            raise IndexError(f"layer {layer} has no incoming weights")
        if not (0 <= unit < self.sizes[layer] and 0 <= source < self.sizes[layer - 1]):
            raise IndexError(f"no link from unit {source} to unit {unit} of layer {layer}")
        return int(self.w_off[layer] + unit * self.sizes[layer - 1] + source)

    def links(self) -> Iterator[Link]:
        """Every weight as (layer, dest, source, flat index), in flat order."""
        index = 0
        for layer in range(1, self.num_layers):
            for dest in range(int(self.sizes[layer])):
                for source in range(int(self.sizes[layer - 1])):
                    yield Link(layer, dest, source, index)
                    index += 1

    def layer_matrix(self, layer: int) -> np.ndarray:
        """A view of layer `layer`'s weights as (units, previous units)."""
        start, stop = self.w_off[layer], self.w_off[layer + 1]
        return self.weights[start:stop].reshape(int(self.sizes[layer]), int(self.sizes[layer - 1]))

    def layer_biases(self, layer: int) -> np.ndarray:
        return self.biases[self.u_off[layer] : self.u_off[layer + 1]]

    # -- running ---------------------------------------------------------------------------

    def lab_paths(self, dropout: float = 0.0) -> int:
        """Which of the training lab's paths a call needs (kernels.ACT, OPT, DROP, OUT bits): an
        activation the web playground lacks, an optimizer it lacks, dropout, an objective it
        lacks (cross-entropy, softmax). A network of the web's rows alone runs kernels.WEB,
        compiled without any of them."""
        rows = self.__dict__.get("_web_rows")  # kept: a frame asks twice (1.5 us each)
        if rows is None:
            act = not all(ACTIVATIONS.rows[a].web for a in self.activations.tolist())
            opt = not OPTIMIZERS.rows[self.optimizer].web
            out = not OBJECTIVES.rows[self.objective].web
            rows = ((kernels.ACT if act else 0) | (kernels.OPT if opt else 0)
                    | (kernels.OUT if out else 0))
            self.__dict__["_web_rows"] = rows
        return rows | (kernels.DROP if dropout > 0.0 else 0)

    def train_paths(self, batch_size: int, dropout: float = 0.0) -> int:
        """The kernels' paths for training at `batch_size`: the lab's (lab_paths), and
        kernels.ONE for a batch of one without dropout, whose epoch is a kernel of its own."""
        one = kernels.ONE if batch_size == 1 and dropout == 0.0 else 0
        return self.lab_paths(dropout) | one

    def _training_call(self, batch_size: int, learning_rate: float, regularization_rate: float,
                       optimizer_params: dict[str, float] | None,
                       dropout: float) -> tuple[tuple, SimpleNamespace]:
        """The hyper-parameters as a plain tuple and the kernels a training call runs, kept
        while the call's arguments and the network's attributes stay the same: a playing
        window asks for the same every frame, and making them took a few microseconds of a
        small network's frame."""
        key = (batch_size, learning_rate, regularization_rate, dropout,
               tuple(optimizer_params.items()) if optimizer_params else ())
        call = self.__dict__.get("_call")
        if call is None or call[0] != key:
            hyper = tuple(self.hyper(batch_size, learning_rate, regularization_rate,
                                     optimizer_params, dropout))
            call = (key, hyper, self.train_paths(batch_size, dropout))  # (copies keep it)
            self.__dict__["_call"] = call
        return call[1], kernels.entry_points(call[2])

    def train_and_measure(self, train_xt: np.ndarray, train_y: np.ndarray, test_xt: np.ndarray,
                          test_y: np.ndarray, batch_size: int, learning_rate: float,
                          regularization_rate: float, epochs: int,
                          optimizer_params: dict[str, float] | None = None,
                          dropout: float = 0.0,
                          grid: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """Train `epochs` epochs over inputs (n_in, n) and targets (n_outputs, n); return each
        epoch's MEASURES row: shape (epochs, 4).

        `grid`, (grid_xt, out) as `Network.grid` takes them, is filled for the trained network
        too: with a single epoch, while the second core measures it (second_core.py)."""
        losses = np.empty((epochs, len(MEASURES)), dtype=np.float64)
        layout, params, state = self._bundles()
        hyper, run = self._training_call(batch_size, learning_rate, regularization_rate,
                                         optimizer_params, dropout)
        if grid is not None and epochs == 1 and second_core.measure_beside(
                kernels.entry_points(self.lab_paths(dropout)), layout, params, self.activations,
                self.objective, train_xt, train_y, test_xt, test_y, losses[0], *grid,
                train=lambda: run.train_and_measure(layout, params, state, hyper, train_xt,
                                                    train_y, test_xt, test_y, losses[:0], 1)):
            return losses
        if epochs < _PIPELINE_FROM or second_core.pool() is None:
            run.train_and_measure(layout, params, state, hyper, train_xt, train_y, test_xt,
                                  test_y, losses, epochs)
            if grid is not None:
                self.grid(*grid)
            return losses
        # Many epochs: train a slice while the second core measures the slice before it. The
        # losses come from each epoch's own weights, so they are the same numbers either way.
        measure_kept = kernels.entry_points(self.lab_paths(dropout)).measure_kept
        weights_after = np.empty((epochs, self.weights.shape[0]))
        biases_after = np.empty((epochs, self.biases.shape[0]))
        measuring = None
        second_core.stop()  # the worker may be waiting for a single epoch: let it go
        for start in range(0, epochs, _PIPELINE_SLICE):
            part = slice(start, min(start + _PIPELINE_SLICE, epochs))
            run.train_and_keep(layout, params, state, hyper, train_xt, train_y,
                               weights_after[part], biases_after[part])
            if measuring is not None:
                measuring.result()
            measuring = second_core.pool().submit(
                measure_kept, layout, weights_after[part], biases_after[part],
                self.activations, self.objective, train_xt, train_y, test_xt, test_y,
                losses[part])
        measuring.result()
        if grid is not None:
            self.grid(*grid)
        return losses

    def warm_second_core(self, train_xt: np.ndarray, train_y: np.ndarray, test_xt: np.ndarray,
                         test_y: np.ndarray, dropout: float = 0.0) -> None:
        """Compile, on this thread, the kernel the second core runs to measure epochs beside a
        window's heatmaps (second_core.py), for a warm-up."""
        layout, params, _ = self._bundles()
        second_core.warm(kernels.entry_points(self.lab_paths(dropout)),
                         (layout, params, self.activations, self.objective, train_xt, train_y,
                          test_xt, test_y))

    def measure(self, train_xt: np.ndarray, train_y: np.ndarray, test_xt: np.ndarray,
                test_y: np.ndarray) -> np.ndarray:
        """The MEASURES row of the network as it is now."""
        row = np.empty(len(MEASURES), dtype=np.float64)
        layout, params, _ = self._bundles()
        kernels.entry_points(self.lab_paths()).measure_now(
            layout, params, self.activations, self.objective, train_xt, train_y, test_xt, test_y,
            row)
        return row

    def loss(self, xt: np.ndarray, y: np.ndarray) -> float:
        """The displayed loss: the objective's loss averaged over the points (NaN for none)."""
        if y.shape[-1] == 0:
            return float("nan")
        layout, params, _ = self._bundles()
        return float(kernels.entry_points(self.lab_paths()).mean_loss(
            layout, params, self.activations, self.objective, xt, y))

    def predict(self, xt: np.ndarray) -> np.ndarray:
        """The outputs (n_outputs, n) for inputs xt (n_in, n), exact."""
        layout, params, _ = self._bundles()
        return kernels.entry_points(self.lab_paths()).predict(
            layout, params, self.activations, self.objective, xt)

    def grid(self, grid_xt: np.ndarray, out: np.ndarray) -> None:
        """Fill out (units, points) float32 with every unit's output over the heatmap grid,
        on this thread (a trained epoch's grid is shared with the second core instead:
        train_and_measure)."""
        layout, params, _ = self._bundles()
        run = kernels.entry_points(self.lab_paths()).grid_outputs
        run(layout, params, self.activations, self.objective, grid_xt, out, 0,
            grid_xt.shape[1])

    def as_layers(self) -> list[dict[str, list]]:
        """Plain lists for JSON: per layer 1..L, {"bias": [...], "W": [[...]]} (W[i][j]: j -> i)."""
        return [
            {"bias": self.layer_biases(layer).tolist(), "W": self.layer_matrix(layer).tolist()}
            for layer in range(1, self.num_layers)
        ]

    def copy(self) -> Network:
        """An independent copy (arrays duplicated)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return Network(**{
            name: (value.copy() if isinstance(value, np.ndarray) else value)
            for name, value in values.items()
        })
