"""How a new network's weights and biases start: one row per initializer.

Every initializer draws from the shared seeded stream in the original's order (for each layer
after the inputs, for each unit, for each unit of the previous layer: one draw per weight), so
the stream continues identically whatever the initializer: the same data split and the same
later draws as the web playground. Inputs have no bias (their entries stay 0). The web knows
uniform and zeros (its initZero); the lab adds Xavier/Glorot and He, both uniform so that they
too take one draw per weight. A new initializer is a function and a row here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from playground_game.model.core.registry import Registry
from playground_game.model.core.rng import SeededRandom

INITIAL_BIAS = 0.1

# init(rng, sizes, n_weights, n_units) -> (weights, biases): the weights in flat order.
Init = Callable[[SeededRandom, np.ndarray, int, int], tuple[np.ndarray, np.ndarray]]


def uniform(rng: SeededRandom, sizes: np.ndarray, n_weights: int,
            n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """The original's: weight = r - 0.5 (uniform on [-0.5, 0.5)), every bias 0.1."""
    weights = np.empty(n_weights, dtype=np.float64)
    for k in range(n_weights):
        weights[k] = rng.random() - 0.5
    biases = np.full(n_units, INITIAL_BIAS, dtype=np.float64)
    biases[: sizes[0]] = 0.0
    return weights, biases


def zeros(rng: SeededRandom, sizes: np.ndarray, n_weights: int,
          n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """The original's initZero: every weight and bias 0, still one draw per weight."""
    for _ in range(n_weights):
        rng.random()
    return np.zeros(n_weights, dtype=np.float64), np.zeros(n_units, dtype=np.float64)


def _scaled_uniform(rng: SeededRandom, sizes: np.ndarray, n_weights: int, n_units: int,
                    limit_of: Callable[[int, int], float]) -> tuple[np.ndarray, np.ndarray]:
    """Uniform on [-limit, limit) per layer, limit_of(fan_in, fan_out); biases 0. One draw per
    weight in the original's order, so the stream goes on as the original's would."""
    weights = np.empty(n_weights, dtype=np.float64)
    k = 0
    for layer in range(1, len(sizes)):
        fan_in, fan_out = int(sizes[layer - 1]), int(sizes[layer])
        limit = limit_of(fan_in, fan_out)
        for _ in range(fan_in * fan_out):
            weights[k] = (2.0 * rng.random() - 1.0) * limit
            k += 1
    return weights, np.zeros(n_units, dtype=np.float64)


def xavier(rng: SeededRandom, sizes: np.ndarray, n_weights: int,
           n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """Xavier/Glorot uniform: limit sqrt(6 / (fan_in + fan_out)), biases 0."""
    return _scaled_uniform(rng, sizes, n_weights, n_units,
                           lambda fan_in, fan_out: math.sqrt(6.0 / (fan_in + fan_out)))


def he(rng: SeededRandom, sizes: np.ndarray, n_weights: int,
       n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """He (Kaiming) uniform: limit sqrt(6 / fan_in), biases 0 (for ReLU-like units)."""
    return _scaled_uniform(rng, sizes, n_weights, n_units,
                           lambda fan_in, _fan_out: math.sqrt(6.0 / fan_in))


@dataclass(frozen=True)
class Initializer:
    key: str
    label: str
    web: bool
    init: Init


INITIALIZERS: Registry[Initializer] = Registry("initializer", (
    Initializer("uniform", "Uniform (original)", True, uniform),
    Initializer("zeros", "All zero", True, zeros),
    Initializer("xavier", "Xavier/Glorot", False, xavier),
    Initializer("he", "He", False, he),
))
