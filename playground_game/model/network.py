"""A network's parameters and training state as flat arrays, with the engine calls around them.

`Network` owns the arrays the numba kernels work on (see engine.py for the layout) and knows how to
build itself from the shared random stream in the original's order: for each layer after the
inputs, for each unit, one draw per incoming link (weight = r - 0.5; every bias 0.1; initZero sets
both to 0 but still draws).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground_game.model import engine
from playground_game.model.rng import SeededRandom

INITIAL_BIAS = 0.1


@dataclass
class Network:
    """Weights, biases, dead links and the gradient accumulators of one network."""

    sizes: np.ndarray
    w_off: np.ndarray
    u_off: np.ndarray
    weights: np.ndarray
    biases: np.ndarray
    dead: np.ndarray
    acc_w: np.ndarray
    acc_b: np.ndarray
    pending: np.ndarray
    activation: int
    output_activation: int
    regularization: int

    @classmethod
    def build(
        cls,
        shape: list[int] | tuple[int, ...],
        rng: SeededRandom,
        activation: str,
        output_activation: str,
        regularization: str,
        init_zero: bool = False,
    ) -> Network:
        """A fresh network of layer sizes `shape` (inputs first, one output last)."""
        sizes = np.array(shape, dtype=np.int64)
        w_off, u_off = engine.layout(sizes)
        n_weights = int(w_off[-1])
        weights = np.empty(n_weights, dtype=np.float64)
        for k in range(n_weights):  # layer by layer, unit by unit, link by link: the draw order
            r = rng.random()
            weights[k] = 0.0 if init_zero else r - 0.5
        n_units = int(u_off[-1])
        biases = np.full(n_units, 0.0 if init_zero else INITIAL_BIAS, dtype=np.float64)
        biases[: sizes[0]] = 0.0
        return cls(
            sizes=sizes,
            w_off=w_off,
            u_off=u_off,
            weights=weights,
            biases=biases,
            dead=np.zeros(n_weights, dtype=np.uint8),
            acc_w=np.zeros(n_weights, dtype=np.float64),
            acc_b=np.zeros(n_units, dtype=np.float64),
            pending=np.zeros(1, dtype=np.int64),
            activation=engine.ACTIVATION_CODES[activation],
            output_activation=engine.ACTIVATION_CODES[output_activation],
            regularization=engine.REGULARIZATION_CODES[regularization],
        )

    @property
    def num_layers(self) -> int:
        """Layers including inputs and output."""
        return int(self.sizes.shape[0])

    @property
    def num_units(self) -> int:
        return int(self.u_off[-1])

    def weight_index(self, layer: int, unit: int, source: int) -> int:
        """Flat index of the weight from unit `source` of layer-1 to unit `unit` of `layer`."""
        if not 1 <= layer < self.num_layers:
            raise IndexError(f"layer {layer} has no incoming weights")
        if not (0 <= unit < self.sizes[layer] and 0 <= source < self.sizes[layer - 1]):
            raise IndexError(f"no link from unit {source} to unit {unit} of layer {layer}")
        return int(self.w_off[layer] + unit * self.sizes[layer - 1] + source)

    def unit_index(self, layer: int, unit: int) -> int:
        """Flat index of a unit (numbered across all layers, inputs first)."""
        if not (0 <= layer < self.num_layers and 0 <= unit < self.sizes[layer]):
            raise IndexError(f"no unit {unit} in layer {layer}")
        return int(self.u_off[layer] + unit)

    def layer_matrix(self, layer: int) -> np.ndarray:
        """A view of layer `layer`'s weights as (units, previous units)."""
        start, stop = self.w_off[layer], self.w_off[layer + 1]
        return self.weights[start:stop].reshape(int(self.sizes[layer]), int(self.sizes[layer - 1]))

    def layer_biases(self, layer: int) -> np.ndarray:
        return self.biases[self.u_off[layer] : self.u_off[layer + 1]]

    def train(self, xt: np.ndarray, y: np.ndarray, batch_size: int, learning_rate: float,
              regularization_rate: float, epochs: int = 1) -> None:
        """Train whole epochs over training inputs xt (n_in, n) and targets y (n,)."""
        engine.train_epochs(
            self.sizes, self.w_off, self.u_off, self.weights, self.biases, self.dead,
            self.acc_w, self.acc_b, self.pending, xt, y, batch_size, learning_rate,
            regularization_rate, self.regularization, self.activation, self.output_activation,
            epochs,
        )

    def train_and_measure(self, train_xt: np.ndarray, train_y: np.ndarray, test_xt: np.ndarray,
                          test_y: np.ndarray, batch_size: int, learning_rate: float,
                          regularization_rate: float, epochs: int) -> np.ndarray:
        """Train `epochs` epochs; return their (train loss, test loss) rows, shape (epochs, 2)."""
        losses = np.empty((epochs, 2), dtype=np.float64)
        engine.train_and_measure(
            self.sizes, self.w_off, self.u_off, self.weights, self.biases, self.dead,
            self.acc_w, self.acc_b, self.pending, train_xt, train_y, test_xt, test_y, batch_size,
            learning_rate, regularization_rate, self.regularization, self.activation,
            self.output_activation, losses,
        )
        return losses

    def loss(self, xt: np.ndarray, y: np.ndarray) -> float:
        """The displayed loss: mean 0.5 (o - t)^2 over the points (NaN for no points)."""
        if y.shape[0] == 0:
            return float("nan")
        return float(engine.mean_loss(self.sizes, self.w_off, self.u_off, self.weights,
                                      self.biases, self.activation, self.output_activation, xt, y))

    def predict(self, xt: np.ndarray) -> np.ndarray:
        return engine.predict(self.sizes, self.w_off, self.u_off, self.weights, self.biases,
                              self.activation, self.output_activation, xt)

    def grid(self, grid_xt: np.ndarray, out: np.ndarray) -> None:
        """Fill out (units, points) float32 with every unit's output over the heatmap grid."""
        engine.grid_outputs(self.sizes, self.w_off, self.u_off, self.weights, self.biases,
                            self.activation, self.output_activation, grid_xt, out)

    def as_layers(self) -> list[dict[str, list]]:
        """Plain lists for JSON: per layer 1..L, {"bias": [...], "W": [[...]]} (W[i][j]: j -> i)."""
        return [
            {"bias": self.layer_biases(layer).tolist(), "W": self.layer_matrix(layer).tolist()}
            for layer in range(1, self.num_layers)
        ]

    def copy(self) -> Network:
        """An independent copy (arrays duplicated)."""
        return Network(**{
            name: (value.copy() if isinstance(value, np.ndarray) else value)
            for name, value in self.__dict__.items()
        })
