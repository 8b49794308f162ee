"""The activation functions: one table row each, its kernels beside it, and the one dispatch.

Every row carries four compiled forms of its function:
- `value(t)`: the exact float64 output, as the original computes it (tanh and exp from fdlibm);
- `value_row(t)`: the same numbers bit for bit, written branch-free so that a loop over the
  samples of a chunk vectorises (the engine uses it for chunks, `value` for a single sample);
- `derivative(t, o)`: f'(t) as the original writes it, given the input t and the output o;
- `display(v)`: a float32 form for the heatmap grid (pixels only, never training).

The kernels in kernels.py never test an activation themselves: they call the dispatch functions
at the end of this file with the activation's id (its row index). To add an activation, write its
four kernels, add its row to ACTIVATIONS and its branch to each dispatch function, here only;
tests/test_registries.py checks that every row is reached through the dispatch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit
from numba.core.registry import CPUDispatcher

from playground_game.model.core import fdlibm
from playground_game.model.core.registry import Registry

_INLINE = {"inline": "always", "cache": True, "error_model": "numpy"}


# ---------------------------------------------------------------------------------------------
# Display helper: a float32 tanh for pixels.


@njit(**_INLINE)
def fast_tanh32(x):
    """tanh within 1e-4 absolute (a Pade approximant clamped to [-1, 1]; its error peaks near
    |x| = 6), branch-free, float32: for pixels (a colour step is 0.067), never for training."""
    c = np.float32(9.0)
    x = min(max(x, -c), c)  # numba's min/max return a NaN first argument as is: NaN stays NaN
    x2 = x * x
    p = x * (np.float32(135135.0) + x2 * (np.float32(17325.0) + x2 * (np.float32(378.0) + x2)))
    q = np.float32(135135.0) + x2 * (np.float32(62370.0) + x2 * (np.float32(3150.0)
                                                                  + x2 * np.float32(28.0)))
    r = p / q
    return min(max(r, np.float32(-1.0)), np.float32(1.0))


# ---------------------------------------------------------------------------------------------
# The kernels of each row.


@njit(**_INLINE)
def relu_value(t):
    return 0.0 if t <= 0.0 else t  # Math.max(0, t): NaN stays NaN


@njit(**_INLINE)
def relu_derivative(t, o):
    return 0.0 if t <= 0.0 else 1.0


@njit(**_INLINE)
def relu_display(v):
    return np.float32(0.0) if v <= 0 else v


@njit(**_INLINE)
def tanh_value(t):
    return fdlibm.tanh(t)


@njit(**_INLINE)
def tanh_value_row(t):
    return fdlibm.tanh_inline(t)


@njit(**_INLINE)
def tanh_derivative(t, o):
    return 1.0 - o * o


@njit(**_INLINE)
def tanh_display(v):
    return fast_tanh32(v) if v == v else v


@njit(**_INLINE)
def sigmoid_value(t):
    return 1.0 / (1.0 + fdlibm.exp(-t))


@njit(**_INLINE)
def sigmoid_value_row(t):
    return 1.0 / (1.0 + fdlibm.exp_inline(-t))


@njit(**_INLINE)
def sigmoid_derivative(t, o):
    return o * (1.0 - o)


@njit(**_INLINE)
def sigmoid_display(v):
    return np.float32(0.5) + np.float32(0.5) * fast_tanh32(np.float32(0.5) * v)


@njit(**_INLINE)
def linear_value(t):
    return t


@njit(**_INLINE)
def linear_derivative(t, o):
    return 1.0


@njit(**_INLINE)
def linear_display(v):
    return v


# ---------------------------------------------------------------------------------------------
# The table.


@dataclass(frozen=True)
class Activation:
    """One activation: its bookmark key, its label, whether the web playground knows it, and
    its compiled kernels (see the module docstring)."""

    key: str
    label: str
    web: bool
    value: CPUDispatcher
    value_row: CPUDispatcher
    derivative: CPUDispatcher
    display: CPUDispatcher


ACTIVATIONS: Registry[Activation] = Registry("activation", (
    Activation("relu", "ReLU", True, relu_value, relu_value, relu_derivative, relu_display),
    Activation("tanh", "Tanh", True, tanh_value, tanh_value_row, tanh_derivative, tanh_display),
    Activation("sigmoid", "Sigmoid", True, sigmoid_value, sigmoid_value_row, sigmoid_derivative,
               sigmoid_display),
    Activation("linear", "Linear", True, linear_value, linear_value, linear_derivative,
               linear_display),
))

RELU = ACTIVATIONS.id_of("relu")
TANH = ACTIVATIONS.id_of("tanh")
SIGMOID = ACTIVATIONS.id_of("sigmoid")
LINEAR = ACTIVATIONS.id_of("linear")


# ---------------------------------------------------------------------------------------------
# The dispatch: the only place that turns an activation id into its kernels. Each branch holds
# its own loop so that the loop over samples (or pixels) vectorises.


@njit(**_INLINE)
def value(act, t):
    """f(t) for one sample."""
    if act == TANH:
        return tanh_value(t)
    if act == RELU:
        return relu_value(t)
    if act == SIGMOID:
        return sigmoid_value(t)
    return linear_value(t)


@njit(**_INLINE)
def derivative(act, t, o):
    """f'(t) for one sample, given its output o = f(t)."""
    if act == TANH:
        return tanh_derivative(t, o)
    if act == RELU:
        return relu_derivative(t, o)
    if act == SIGMOID:
        return sigmoid_derivative(t, o)
    return linear_derivative(t, o)


@njit(**_INLINE)
def value_row(act, total, out, unit, count):
    """out[unit, :count] = f(total[unit, :count]) over (units, samples) scratch."""
    if act == TANH:
        for s in range(count):
            out[unit, s] = tanh_value_row(total[unit, s])
    elif act == RELU:
        for s in range(count):
            out[unit, s] = relu_value(total[unit, s])
    elif act == SIGMOID:
        for s in range(count):
            out[unit, s] = sigmoid_value_row(total[unit, s])
    else:
        for s in range(count):
            out[unit, s] = linear_value(total[unit, s])


@njit(**_INLINE)
def input_derivative_row(act, total, out, der, unit, count):
    """der[unit, :count] *= f'(total) in place: a unit's output derivative becomes its input
    derivative, as the original computes it."""
    if act == TANH:
        for s in range(count):
            der[unit, s] = der[unit, s] * tanh_derivative(total[unit, s], out[unit, s])
    elif act == RELU:
        for s in range(count):
            der[unit, s] = der[unit, s] * relu_derivative(total[unit, s], out[unit, s])
    elif act == SIGMOID:
        for s in range(count):
            der[unit, s] = der[unit, s] * sigmoid_derivative(total[unit, s], out[unit, s])
    else:
        for s in range(count):
            der[unit, s] = der[unit, s] * linear_derivative(total[unit, s], out[unit, s])


@njit(**_INLINE)
def display_row(act, dst, count):
    """dst[:count] = display f(dst) in place over a float32 row of grid points."""
    if act == TANH:
        for p in range(count):
            dst[p] = tanh_display(dst[p])
    elif act == RELU:
        for p in range(count):
            dst[p] = relu_display(dst[p])
    elif act == SIGMOID:
        for p in range(count):
            dst[p] = sigmoid_display(dst[p])
    else:
        for p in range(count):
            dst[p] = linear_display(dst[p])
