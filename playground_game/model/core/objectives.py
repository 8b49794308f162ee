"""What the network's output layer is for: its units, its loss, and the targets it learns.

One row per objective: the problem it serves, the activation of its output units, the loss per
output (value and derivative kernels), and `targets(labels, n_outputs)`, which turns a data
split's labels (a class index for classification, the value for regression) into the training
targets, float64 of shape (n_outputs, n).

Today's rows are the original's: classification with one tanh output learning +1 (class 1, blue)
and -1 (class 0, orange), and regression with one linear output learning the value, both with the
square loss 0.5 (o - t)^2. The kernels loop over the output layer's units (sizes[-1]); with one
output every operation is the original's.

A layer-level output (softmax for several classes) needs the whole layer at once: give its row a
layer kernel here and call it from kernels.py where the output layer is activated (the lines
marked OUTPUT LAYER in _forward_chunk, _train_one and grid_outputs); its loss and targets go in
its row like these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numba import njit
from numba.core.registry import CPUDispatcher

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import CLASSIFICATION, REGRESSION
from playground_game.model.core.registry import Registry

_INLINE = {"inline": "always", "cache": True, "error_model": "numpy"}


@njit(**_INLINE)
def square_loss(o, t):
    d = o - t
    return 0.5 * (d * d)


@njit(**_INLINE)
def square_loss_derivative(o, t):
    return o - t


def plus_minus_one_targets(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    """Class 1 learns +1.0 and class 0 learns -1.0, exactly (one output unit)."""
    if n_outputs != 1:
        raise ValueError(f"a tanh output learns two classes with 1 unit, not {n_outputs}")
    labels = np.asarray(labels, dtype=np.float64)
    return np.where(labels >= 1.0, 1.0, -1.0).reshape(1, -1)


def value_targets(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    """The label itself (one output unit)."""
    if n_outputs != 1:
        raise ValueError(f"regression learns one value with 1 unit, not {n_outputs}")
    return np.ascontiguousarray(labels, dtype=np.float64).reshape(1, -1).copy()


@dataclass(frozen=True)
class Objective:
    """One objective: what the output layer computes and what it is trained to match."""

    key: str
    label: str
    problem: str
    output_activation: str  # a key of ACTIVATIONS
    loss: CPUDispatcher  # loss(o, t) per output unit and sample
    loss_derivative: CPUDispatcher  # d loss / d o
    targets: Callable[[np.ndarray, int], np.ndarray]
    outputs: Callable[[int], int] = lambda _classes: 1  # output units for a dataset's classes
    web: bool = True


OBJECTIVES: Registry[Objective] = Registry("objective", (
    Objective("tanh-square", "Tanh output, square loss", CLASSIFICATION, "tanh", square_loss,
              square_loss_derivative, plus_minus_one_targets),
    Objective("linear-square", "Linear output, square loss", REGRESSION, "linear", square_loss,
              square_loss_derivative, value_targets),
))

TANH_SQUARE = OBJECTIVES.id_of("tanh-square")
LINEAR_SQUARE = OBJECTIVES.id_of("linear-square")

# The activation id of each objective's output units, by objective id.
_OUTPUT_ACTIVATION = np.array(
    [ACTIVATIONS.id_of(o.output_activation) for o in OBJECTIVES], dtype=np.int64)


def for_problem(problem: str) -> Objective:
    """The objective the original uses for a problem type (the first row serving it)."""
    for objective in OBJECTIVES:
        if objective.problem == problem:
            return objective
    raise ValueError(f"problem: {problem!r} has no objective")


# ---------------------------------------------------------------------------------------------
# The dispatch: the only place that turns an objective id into its kernels.


@njit(**_INLINE)
def output_activation(objective):
    """The activation id of the objective's output units."""
    return _OUTPUT_ACTIVATION[objective]


@njit(**_INLINE)
def loss(objective, o, t):
    """The loss of one output unit for one sample."""
    if objective == TANH_SQUARE:
        return square_loss(o, t)
    return square_loss(o, t)  # LINEAR_SQUARE


@njit(**_INLINE)
def loss_derivative(objective, o, t):
    """d loss / d o for one output unit and sample: the output unit's output derivative."""
    if objective == TANH_SQUARE:
        return square_loss_derivative(o, t)
    return square_loss_derivative(o, t)  # LINEAR_SQUARE
