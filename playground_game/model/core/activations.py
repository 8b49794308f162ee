"""The activation functions: one table row each, its kernels beside it, and the one dispatch.

Every row carries four compiled forms of its function:
- `value(t)`: the exact float64 output, as the original computes it (tanh and exp from fdlibm);
- `value_row(t)`: the same numbers bit for bit, written branch-free so that a loop over the
  samples of a chunk vectorises; the engine runs it for the web's rows (`value`, the reference);
- `derivative(t, o)`: f'(t) as the original writes it, given the input t and the output o
  (dispatched over a sample's units by input_derivative_cells, over a chunk's by
  input_derivative_row);
- `display(v)`: a float32 form for the heatmap grid (pixels only, never training).

The kernels in kernels.py never test an activation themselves: they call the dispatch functions
at the end of this file with the activation's id (its row index). To add an activation, write its
four kernels, add its row to ACTIVATIONS and its branch to each `lab_` dispatch function (a
row the web knows would go in the inlined dispatch instead), here only. The dispatch takes the
kernels' constant `lab` flag (kernels.py): without it, the lab's rows are never reached;
tests/test_registries.py checks that every row is reached through the dispatch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.core.registry import CPUDispatcher
from numba.extending import intrinsic

from playground_game.model.core import fdlibm
from playground_game.model.core.registry import Registry

# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINE = {"inline": "always", "error_model": "numpy"}


# ---------------------------------------------------------------------------------------------
# Display helpers: a fused multiply-add and a float32 tanh for pixels.


@intrinsic
def fma32(typingctx, a, b, c):
    """a * b + c in float32 with one rounding (llvm.fma): one instruction where numba would emit
    a multiply and an add, and the same number in a vectorised loop as in its scalar remainder
    (which contracting a * b + c only where the compiler chose would not promise)."""
    if not all(isinstance(x, types.Float) for x in (a, b, c)):
        return None

    def codegen(context, builder, signature, args):
        f32 = ir.FloatType()
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(f32, [f32, f32, f32]), "llvm.fma.f32")
        return builder.call(fn, [context.cast(builder, value, kind, types.float32)
                                 for value, kind in zip(args, signature.args, strict=True)])

    return types.float32(a, b, c), codegen


_TANH_CLAMP = np.float32(4.96)  # below where the approximant reaches 1, near 4.97


@njit(**_INLINE)
def fast_tanh32(x):
    """tanh within 1e-4 absolute, float32, for pixels (a colour step is 0.067), never for
    training: the [7/6] Pade approximant at x clamped to [-4.96, 4.96], whose value there is
    within 1e-4 of 1 (tanh's own value) while never passing it, so no clamp of the result is
    needed. Its error peaks, 9.5e-5, near |x| = 4.96. Branch-free with multiply-adds; numba's
    min and max return a NaN first argument as is, so NaN stays NaN."""
    y = min(max(x, -_TANH_CLAMP), _TANH_CLAMP)
    y2 = y * y
    p = y * fma32(y2, fma32(y2, y2 + np.float32(378.0), np.float32(17325.0)),
                  np.float32(135135.0))
    q = fma32(y2, fma32(y2, fma32(y2, np.float32(28.0), np.float32(3150.0)),
                        np.float32(62370.0)), np.float32(135135.0))
    return p / q


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
    return fast_tanh32(v)


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


# The lab's activations (web=False): exact float64 forms from fdlibm; their row form is the
# scalar form itself (a code that uses them is not the web's, so only self-consistency counts).

LEAKY_SLOPE = 0.01
GELU_C = 0.7978845608028654  # sqrt(2 / pi): GELU's tanh form (Hendrycks and Gimpel)
GELU_A = 0.044715


@njit(**_INLINE)
def leaky_relu_value(t):
    return t if t > 0.0 else LEAKY_SLOPE * t


@njit(**_INLINE)
def leaky_relu_derivative(t, o):
    return 1.0 if t > 0.0 else LEAKY_SLOPE


@njit(**_INLINE)
def leaky_relu_display(v):
    return v if v > 0 else np.float32(LEAKY_SLOPE) * v


@njit(**_INLINE)
def elu_value(t):
    return t if t > 0.0 else fdlibm.expm1(t)


@njit(**_INLINE)
def elu_derivative(t, o):
    return 1.0 if t > 0.0 else o + 1.0


@njit(**_INLINE)
def elu_display(v):
    return v if v > 0 else np.float32(np.exp(v) - np.float32(1.0))


@njit(**_INLINE)
def gelu_value(t):
    return 0.5 * t * (1.0 + fdlibm.tanh(GELU_C * (t + GELU_A * t * t * t)))


@njit(**_INLINE)
def gelu_derivative(t, o):
    th = fdlibm.tanh(GELU_C * (t + GELU_A * t * t * t))
    return 0.5 * (1.0 + th) + 0.5 * t * (1.0 - th * th) * GELU_C * (1.0 + 3.0 * GELU_A * t * t)


@njit(**_INLINE)
def gelu_display(v):
    c, a = np.float32(GELU_C), np.float32(GELU_A)
    return np.float32(0.5) * v * (np.float32(1.0) + np.tanh(c * (v + a * v * v * v)))


@njit(**_INLINE)
def swish_value(t):
    return t / (1.0 + fdlibm.exp(-t))


@njit(**_INLINE)
def swish_derivative(t, o):
    s = 1.0 / (1.0 + fdlibm.exp(-t))
    return s + t * s * (1.0 - s)


@njit(**_INLINE)
def swish_display(v):
    return v / (np.float32(1.0) + np.exp(-v))


@njit(**_INLINE)
def softplus_value(t):
    """log(1 + e^t), written so that neither exp overflows nor a large t loses its digits."""
    return max(t, 0.0) + fdlibm.log(1.0 + fdlibm.exp(-abs(t))) if t == t else t


@njit(**_INLINE)
def softplus_derivative(t, o):
    return 1.0 / (1.0 + fdlibm.exp(-t))


@njit(**_INLINE)
def softplus_display(v):
    return max(v, np.float32(0.0)) + np.log1p(np.exp(-abs(v))) if v == v else v


@njit(**_INLINE)
def sine_value(t):
    return fdlibm.sin(t)


@njit(**_INLINE)
def sine_derivative(t, o):
    return fdlibm.cos(t)


@njit(**_INLINE)
def sine_display(v):
    return np.sin(v)


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
    short: str = ""  # a name for narrow places (a deep network's layer captions); "" = label


ACTIVATIONS: Registry[Activation] = Registry("activation", (
    Activation("relu", "ReLU", True, relu_value, relu_value, relu_derivative, relu_display),
    Activation("tanh", "Tanh", True, tanh_value, tanh_value_row, tanh_derivative, tanh_display),
    Activation("sigmoid", "Sigmoid", True, sigmoid_value, sigmoid_value_row, sigmoid_derivative,
               sigmoid_display, "sigm"),
    Activation("linear", "Linear", True, linear_value, linear_value, linear_derivative,
               linear_display, "lin"),
    Activation("leaky-relu", "Leaky ReLU", False, leaky_relu_value, leaky_relu_value,
               leaky_relu_derivative, leaky_relu_display, "lReLU"),
    Activation("elu", "ELU", False, elu_value, elu_value, elu_derivative, elu_display),
    Activation("gelu", "GELU", False, gelu_value, gelu_value, gelu_derivative, gelu_display),
    Activation("swish", "Swish (SiLU)", False, swish_value, swish_value, swish_derivative,
               swish_display, "SiLU"),
    Activation("softplus", "Softplus", False, softplus_value, softplus_value,
               softplus_derivative, softplus_display, "soft+"),
    Activation("sine", "Sine", False, sine_value, sine_value, sine_derivative, sine_display),
))

RELU = ACTIVATIONS.id_of("relu")
TANH = ACTIVATIONS.id_of("tanh")
SIGMOID = ACTIVATIONS.id_of("sigmoid")
LINEAR = ACTIVATIONS.id_of("linear")
LEAKY_RELU = ACTIVATIONS.id_of("leaky-relu")
ELU = ACTIVATIONS.id_of("elu")
GELU = ACTIVATIONS.id_of("gelu")
SWISH = ACTIVATIONS.id_of("swish")
SOFTPLUS = ACTIVATIONS.id_of("softplus")
SINE = ACTIVATIONS.id_of("sine")


# ---------------------------------------------------------------------------------------------
# The lab's rows (web=False) are dispatched here, in functions of their own that the kernels
# call rather than inline: the web's four stay inlined in the hot loops, and the compiler does
# not copy six more branches into every kernel (a cold start would take twice as long).

_CALLED = {"cache": True, "error_model": "numpy"}


@njit(**_CALLED)
def lab_value(act, t):
    if act == LEAKY_RELU:
        return leaky_relu_value(t)
    if act == ELU:
        return elu_value(t)
    if act == GELU:
        return gelu_value(t)
    if act == SWISH:
        return swish_value(t)
    if act == SOFTPLUS:
        return softplus_value(t)
    if act == SINE:
        return sine_value(t)
    return np.nan


@njit(**_CALLED)
def lab_derivative(act, t, o):
    if act == LEAKY_RELU:
        return leaky_relu_derivative(t, o)
    if act == ELU:
        return elu_derivative(t, o)
    if act == GELU:
        return gelu_derivative(t, o)
    if act == SWISH:
        return swish_derivative(t, o)
    if act == SOFTPLUS:
        return softplus_derivative(t, o)
    if act == SINE:
        return sine_derivative(t, o)
    return np.nan


@njit(**_CALLED)
def lab_value_row(act, total, out, unit, count):
    if act == LEAKY_RELU:
        for s in range(count):
            out[unit, s] = leaky_relu_value(total[unit, s])
    if act == ELU:
        for s in range(count):
            out[unit, s] = elu_value(total[unit, s])
    if act == GELU:
        for s in range(count):
            out[unit, s] = gelu_value(total[unit, s])
    if act == SWISH:
        for s in range(count):
            out[unit, s] = swish_value(total[unit, s])
    if act == SOFTPLUS:
        for s in range(count):
            out[unit, s] = softplus_value(total[unit, s])
    if act == SINE:
        for s in range(count):
            out[unit, s] = sine_value(total[unit, s])


@njit(**_CALLED)
def lab_input_derivative_row(act, total, out, der, unit, count):
    if act == LEAKY_RELU:
        for s in range(count):
            der[unit, s] = der[unit, s] * leaky_relu_derivative(total[unit, s], out[unit, s])
    if act == ELU:
        for s in range(count):
            der[unit, s] = der[unit, s] * elu_derivative(total[unit, s], out[unit, s])
    if act == GELU:
        for s in range(count):
            der[unit, s] = der[unit, s] * gelu_derivative(total[unit, s], out[unit, s])
    if act == SWISH:
        for s in range(count):
            der[unit, s] = der[unit, s] * swish_derivative(total[unit, s], out[unit, s])
    if act == SOFTPLUS:
        for s in range(count):
            der[unit, s] = der[unit, s] * softplus_derivative(total[unit, s], out[unit, s])
    if act == SINE:
        for s in range(count):
            der[unit, s] = der[unit, s] * sine_derivative(total[unit, s], out[unit, s])


@njit(**_CALLED)
def lab_display_row(act, row, out, unit, start, count):
    if act == LEAKY_RELU:
        for p in range(count):
            out[unit, start + p] = leaky_relu_display(row[p])
    if act == ELU:
        for p in range(count):
            out[unit, start + p] = elu_display(row[p])
    if act == GELU:
        for p in range(count):
            out[unit, start + p] = gelu_display(row[p])
    if act == SWISH:
        for p in range(count):
            out[unit, start + p] = swish_display(row[p])
    if act == SOFTPLUS:
        for p in range(count):
            out[unit, start + p] = softplus_display(row[p])
    if act == SINE:
        for p in range(count):
            out[unit, start + p] = sine_display(row[p])


# ---------------------------------------------------------------------------------------------
# The dispatch: the only place that turns an activation id into its kernels. Each branch holds
# its own loop so that the loop over samples (or pixels) vectorises.


@njit(**_INLINE)
def value_cells(act, total, out, first, count, lab):
    """out[first:first + count] = f(total[first:first + count]) for one sample (1-d scratch, a
    float per unit), with the branch-free forms that value_row uses.

    No call in the loop, not even on a branch never taken: a call anywhere in the epoch's loop
    nest keeps the compiler from hoisting loads out of the loops around it, and with fdlibm's
    called tanh here every batch-of-one epoch, relu's too, ran at half speed."""
    if act == TANH:
        for i in range(count):
            out[first + i] = tanh_value_row(total[first + i])
    elif act == RELU:
        for i in range(count):
            out[first + i] = relu_value(total[first + i])
    elif act == SIGMOID:
        for i in range(count):
            out[first + i] = sigmoid_value_row(total[first + i])
    elif act == LINEAR:
        for i in range(count):
            out[first + i] = linear_value(total[first + i])
    elif lab:
        for i in range(count):
            out[first + i] = lab_value(act, total[first + i])


@njit(**_INLINE)
def input_derivative_cells(act, total, out, der, first, count, lab):
    """der[first:first + count] *= f'(total) for one sample (1-d scratch, as value_cells): a
    unit's output derivative becomes its input derivative, one test of act for the run."""
    if act == TANH:
        for i in range(count):
            der[first + i] = der[first + i] * tanh_derivative(total[first + i], out[first + i])
    elif act == RELU:
        for i in range(count):
            der[first + i] = der[first + i] * relu_derivative(total[first + i], out[first + i])
    elif act == SIGMOID:
        for i in range(count):
            der[first + i] = der[first + i] * sigmoid_derivative(total[first + i],
                                                                 out[first + i])
    elif act == LINEAR:
        for i in range(count):
            der[first + i] = der[first + i] * linear_derivative(total[first + i],
                                                                out[first + i])
    elif lab:
        for i in range(count):
            der[first + i] = der[first + i] * lab_derivative(act, total[first + i],
                                                             out[first + i])


@njit(**_INLINE)
def value_row(act, total, out, unit, count, lab):
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
    elif act == LINEAR:
        for s in range(count):
            out[unit, s] = linear_value(total[unit, s])
    elif lab:
        lab_value_row(act, total, out, unit, count)


@njit(**_INLINE)
def input_derivative_row(act, total, out, der, unit, count, lab):
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
    elif act == LINEAR:
        for s in range(count):
            der[unit, s] = der[unit, s] * linear_derivative(total[unit, s], out[unit, s])
    elif lab:
        lab_input_derivative_row(act, total, out, der, unit, count)


@njit(**_INLINE)
def display_row(act, row, out, unit, start, count, lab):
    """out[unit, start:start + count] = display f(row[:count]): a unit's sums over a run of
    grid points, shown in its row of the grid (written there at once: no copy afterwards)."""
    if act == TANH:
        for p in range(count):
            out[unit, start + p] = tanh_display(row[p])
    elif act == RELU:
        for p in range(count):
            out[unit, start + p] = relu_display(row[p])
    elif act == SIGMOID:
        for p in range(count):
            out[unit, start + p] = sigmoid_display(row[p])
    elif act == LINEAR:
        for p in range(count):
            out[unit, start + p] = linear_display(row[p])
    elif lab:
        lab_display_row(act, row, out, unit, start, count)
