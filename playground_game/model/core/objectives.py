"""What the network's output layer is for: its units, its loss, and the targets it learns.

One row per objective: the problem it serves, the activation of its output units, the loss per
output (value and derivative kernels), and `targets(labels, n_outputs)`, which turns a data
split's labels (a class index for classification, the value for regression) into the training
targets, float64 of shape (n_outputs, n).

The first two rows are the original's: classification with one tanh output learning +1 (class
1, blue) and -1 (class 0, orange), and regression with one linear output learning the value, both
with the square loss 0.5 (o - t)^2. The kernels loop over the output layer's units (sizes[-1]);
with one output every operation is the original's.

The lab adds cross-entropy for two classes: one sigmoid output learning 1 (blue) and 0 (orange),
loss -(t log o + (1 - t) log(1 - o)). Its row is `fused`: its `loss_derivative` is already the
derivative with respect to the output unit's input (o - t, the exact and stable form), so the
backward pass uses the linear derivative for that unit (`output_derivative_activation`). Its
heatmap shows 2 o - 1 (`display_output_row`), so colours and Discretize read as the original's.
A row's `loss_key` is the value of the `loss` knob that picks it; `threshold` is the output
value from which a point counts as class 1 (accuracy).

More than two classes take one output unit per class with a softmax over the layer (`softmax`):
the units first compute their inputs (a linear activation), then `output_layer` turns the layer's
values into probabilities at once (kernels.py calls it where the output layer is activated, the
lines marked OUTPUT LAYER). Its cross-entropy against one-hot targets is summed over the units,
-t log p per unit, and is fused like the sigmoid's: d loss / d (unit k's input) = p_k - t_k. A
point's class is then its most probable unit (`classifies`, accuracy and the confusion matrix).
Rows whose outputs are probabilities (`probability`) show 2 p - 1 in their heatmaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numba import njit
from numba.core.registry import CPUDispatcher

from playground_game.model.core import fdlibm
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import CLASSIFICATION, REGRESSION
from playground_game.model.core.registry import Registry

# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINE = {"inline": "always", "error_model": "numpy"}


@njit(**_INLINE)
def square_loss(o, t):
    d = o - t
    return 0.5 * (d * d)


@njit(**_INLINE)
def square_loss_derivative(o, t):
    return o - t


XENT_CLAMP = 1e-15  # cross-entropy reads o in [1e-15, 1 - 1e-15]: a finite loss when saturated


@njit(**_INLINE)
def cross_entropy_loss(o, t):
    p = min(max(o, XENT_CLAMP), 1.0 - XENT_CLAMP)
    return -(t * fdlibm.log(p) + (1.0 - t) * fdlibm.log(1.0 - p))


@njit(**_INLINE)
def cross_entropy_input_derivative(o, t):
    """d loss / d (the sigmoid unit's input): o - t (fused with the sigmoid's derivative)."""
    return o - t


@njit(**_INLINE)
def softmax_column(values, first, count, column):
    """values[first:first + count, column] := their softmax, in place. The largest value is
    taken off first, so exp never overflows; the sum runs over the units in order."""
    top = values[first, column]
    for k in range(1, count):
        top = max(top, values[first + k, column])
    total = 0.0
    for k in range(count):
        e = fdlibm.exp(values[first + k, column] - top)
        values[first + k, column] = e
        total += e
    for k in range(count):
        values[first + k, column] = values[first + k, column] / total


@njit(**_INLINE)
def softmax_cell(values, first, count):
    """values[first:first + count] := their softmax, in place (a 1-d column of units)."""
    top = values[first]
    for k in range(1, count):
        top = max(top, values[first + k])
    total = 0.0
    for k in range(count):
        e = fdlibm.exp(values[first + k] - top)
        values[first + k] = e
        total += e
    for k in range(count):
        values[first + k] = values[first + k] / total


@njit(**_INLINE)
def unit_cross_entropy(o, t):
    """One unit's share of the softmax's cross-entropy: -t log o (o read from 1e-15 up)."""
    return -(t * fdlibm.log(max(o, XENT_CLAMP)))


def one_hot_targets(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    """Class k learns 1.0 on unit k and 0.0 on the others (one output unit per class)."""
    labels = np.asarray(labels, dtype=np.float64)
    classes = labels.astype(np.int64)
    if labels.size and (classes.min() < 0 or classes.max() >= n_outputs):
        raise ValueError(f"labels run from {classes.min()} to {classes.max()}: "
                         f"{n_outputs} output units hold classes 0 to {n_outputs - 1}")
    targets = np.zeros((n_outputs, labels.shape[0]), dtype=np.float64)
    targets[classes, np.arange(labels.shape[0])] = 1.0
    return targets


def zero_one_targets(labels: np.ndarray, n_outputs: int) -> np.ndarray:
    """Class 1 learns 1.0 and class 0 learns 0.0 (one sigmoid output unit)."""
    if n_outputs != 1:
        raise ValueError(f"a sigmoid output learns two classes with 1 unit, not {n_outputs}")
    labels = np.asarray(labels, dtype=np.float64)
    return np.where(labels >= 1.0, 1.0, 0.0).reshape(1, -1)


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
    loss_key: str = "square"  # the `loss` knob's value that picks this row
    fused: bool = False  # loss_derivative is d loss / d (output unit's input)
    threshold: float = 0.0  # outputs >= threshold are class 1 (one output unit)
    softmax: bool = False  # one unit per class, a softmax over the output layer
    probability: bool = False  # outputs are probabilities in 0..1 (heatmaps show 2 p - 1)


OBJECTIVES: Registry[Objective] = Registry("objective", (
    Objective("tanh-square", "Tanh output, square loss", CLASSIFICATION, "tanh", square_loss,
              square_loss_derivative, plus_minus_one_targets),
    Objective("linear-square", "Linear output, square loss", REGRESSION, "linear", square_loss,
              square_loss_derivative, value_targets),
    Objective("sigmoid-xent", "Sigmoid output, cross-entropy", CLASSIFICATION, "sigmoid",
              cross_entropy_loss, cross_entropy_input_derivative, zero_one_targets, web=False,
              loss_key="cross-entropy", fused=True, threshold=0.5, probability=True),
    Objective("softmax-xent", "Softmax outputs, cross-entropy", CLASSIFICATION, "linear",
              unit_cross_entropy, cross_entropy_input_derivative, one_hot_targets,
              outputs=lambda classes: classes, web=False, loss_key="", fused=True,
              softmax=True, probability=True),
))

TANH_SQUARE = OBJECTIVES.id_of("tanh-square")
LINEAR_SQUARE = OBJECTIVES.id_of("linear-square")
SIGMOID_XENT = OBJECTIVES.id_of("sigmoid-xent")
SOFTMAX_XENT = OBJECTIVES.id_of("softmax-xent")
LOSSES: tuple[str, ...] = ("square", "cross-entropy")  # the `loss` knob's values

# The activation id of each objective's output units, by objective id.
_OUTPUT_ACTIVATION = np.array(
    [ACTIVATIONS.id_of(o.output_activation) for o in OBJECTIVES], dtype=np.int64)
# The activation whose derivative the backward pass uses for the output units: linear when fused.
_OUTPUT_DERIVATIVE = np.array(
    [ACTIVATIONS.id_of("linear" if o.fused else o.output_activation) for o in OBJECTIVES],
    dtype=np.int64)

# Each objective's class threshold on its output, and whether it classifies (accuracy), by id.
_THRESHOLD = np.array([o.threshold for o in OBJECTIVES], dtype=np.float64)
_CLASSIFIES = np.array([o.problem == CLASSIFICATION for o in OBJECTIVES], dtype=np.bool_)
_FUSED = np.array([o.fused for o in OBJECTIVES], dtype=np.bool_)
_SOFTMAX = np.array([o.softmax for o in OBJECTIVES], dtype=np.bool_)
_PROBABILITY = np.array([o.probability for o in OBJECTIVES], dtype=np.bool_)


def for_problem(problem: str, loss: str = "square", classes: int = 2) -> Objective:
    """The objective for a problem type, a `loss` knob value and a number of classes: more than
    two classes take the softmax; else the row serving the problem and the loss, else the
    original's for the problem (regression keeps the square loss)."""
    if problem == CLASSIFICATION and classes > 2:
        return OBJECTIVES[next(o.key for o in OBJECTIVES if o.softmax)]
    rows = [o for o in OBJECTIVES if o.problem == problem and not o.softmax]
    if not rows:
        raise ValueError(f"problem: {problem!r} has no objective")
    return next((o for o in rows if o.loss_key == loss), rows[0])


# ---------------------------------------------------------------------------------------------
# The dispatch: the only place that turns an objective id into its kernels.


@njit(**_INLINE)
def output_activation(objective):
    """The activation id of the objective's output units."""
    return _OUTPUT_ACTIVATION[objective]


@njit(**_INLINE)
def output_derivative_activation(objective):
    """The activation id whose derivative the backward pass takes for the output units."""
    return _OUTPUT_DERIVATIVE[objective]


@njit(**_INLINE)
def threshold(objective):
    """The output value from which a point counts as class 1."""
    return _THRESHOLD[objective]


@njit(**_INLINE)
def classifies(objective):
    """Whether the objective sorts points into classes (it has an accuracy)."""
    return _CLASSIFIES[objective]


@njit(**_INLINE)
def softmax(objective, lab):
    """Whether the output layer is a softmax over one unit per class."""
    return lab and _SOFTMAX[objective]


@njit(**_INLINE)
def output_layer(objective, out, first, count, column, lab):
    """Activate the output layer as a whole where its row says so (softmax): out[first:first +
    count, column] hold the units' linear outputs and become their probabilities."""
    if lab and _SOFTMAX[objective]:
        softmax_column(out, first, count, column)


@njit(**_INLINE)
def output_layer_cell(objective, out, first, count, lab):
    """output_layer for a 1-d column of units (a single sample's scratch)."""
    if lab and _SOFTMAX[objective]:
        softmax_cell(out, first, count)


@njit(**_INLINE)
def loss(objective, o, t, lab):
    """The loss of one output unit for one sample."""
    if lab and objective == SIGMOID_XENT:
        return cross_entropy_loss(o, t)
    if lab and objective == SOFTMAX_XENT:
        return unit_cross_entropy(o, t)
    return square_loss(o, t)  # TANH_SQUARE, LINEAR_SQUARE


@njit(**_INLINE)
def loss_derivative(objective, o, t, lab):
    """d loss / d o for one output unit and sample (for a fused row: d loss / d its input)."""
    if lab and _FUSED[objective]:  # the cross-entropies, fused with their output layer
        return cross_entropy_input_derivative(o, t)
    return square_loss_derivative(o, t)  # TANH_SQUARE, LINEAR_SQUARE


@njit(**_INLINE)
def display_output_row(objective, dst, count, lab):
    """Map an output unit's displayed row onto the heatmap's -1..1 scale in place."""
    if lab and _PROBABILITY[objective]:
        for p in range(count):
            dst[p] = dst[p] + dst[p] - 1.0
