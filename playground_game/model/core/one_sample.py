"""A batch of one: a sample's forward pass, backward pass and update, in scalar loops.

With a batch of one there are no samples to vectorise across, and every sample ends in an
update, so the epoch is a chain of small steps. `train_sample` is inlined into the epoch loop
of kernels.py (its ONE paths) and works on 1-d scratch (`total`, `out`, `der`: a float per unit).

- The forward pass computes four units' sums at once, each still in the original's order (its
  bias, then its inputs in order): four chains of additions in flight instead of one.
- Plain gradient descent (the original's path): a layer's weights are taken four columns at a
  time down its units; each weight passes its unit's derivative to the layer below (through
  the old weight, as the original does, the four sums kept in registers) and is updated at
  once, the accumulate step folded into the update. After one sample a weight's accumulator
  would hold `0 + d * o`: the update takes that from a register instead of writing it, reading
  it back and clearing it, and `lr * acc / 1` is `lr * acc` to the bit.
- The activations and their derivatives are dispatched once per layer, to their branch-free
  forms (activations.value_cells): no call anywhere in the loops (see kernels.py).
- Where that shortcut does not hold, each row goes through the accumulators as the original's
  separate steps do: samples left over from a larger batch (`pending` > 0 when the sample
  starts), dead weights (which keep their weight and accumulator) and L1 (a step across zero
  kills the weight).
- The lab's other optimizers accumulate, and their step (optimizers.step) follows.

Every parameter ends with the bits the original's steps give; tests/test_engine_oracle.py checks
each case against an independent oracle.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from playground_game.model.core import activations, objectives, optimizers
from playground_game.model.core.lab_paths import ACT, OPT, OUT

# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_JIT = {"error_model": "numpy", "inline": "always"}
# uint64 steps, so that index arithmetic on the uint64 layout stays unsigned (and these
# are not lab_paths.ONE, the batch-of-one bit)
_U0, _U1, _U2, _U3, _U4 = (np.uint64(k) for k in range(5))


@njit(**_JIT)
def train_sample(layout, params, state, hyper, act, objective, out_act, out_der, xt, y, sample,
                 total, out, der, all_live, paths):
    """Train one sample: forward, backward, and the optimizer's update.

    One body, not helpers: numba inlines a kernel into its caller, but not what that kernel
    inlines in turn (a nested helper became a call, which took a third longer per sample).
    """
    sizes, w_off, u_off = layout
    w, b, dead = params
    acc_w, acc_b, pending = state.acc_w, state.acc_b, state.pending
    n_layers = sizes.shape[0]
    for k in range(sizes[0]):
        out[k] = xt[k, sample]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        a = out_act if layer == n_layers - 1 else act[layer]
        n_units = sizes[layer]
        unit0 = u_off[layer]
        for q in range(n_units // _U4):  # four sums at once, each in the original's order
            i = q * _U4
            unit = unit0 + i
            r0 = w_off[layer] + i * n_prev
            r1 = r0 + n_prev
            r2 = r1 + n_prev
            r3 = r2 + n_prev
            t0, t1, t2, t3 = b[unit], b[unit + _U1], b[unit + _U2], b[unit + _U3]
            for j in range(n_prev):
                o = out[prev0 + j]
                t0 += w[r0 + j] * o
                t1 += w[r1 + j] * o
                t2 += w[r2 + j] * o
                t3 += w[r3 + j] * o
            total[unit] = t0
            total[unit + _U1] = t1
            total[unit + _U2] = t2
            total[unit + _U3] = t3
        for i in range(n_units // _U4 * _U4, n_units):
            unit = unit0 + i
            row = w_off[layer] + i * n_prev
            t = b[unit]
            for j in range(n_prev):
                t += w[row + j] * out[prev0 + j]
            total[unit] = t
        activations.value_cells(a, total, out, unit0, n_units, paths & ACT)  # OUTPUT LAYER
    last = u_off[n_layers - 1]
    objectives.output_layer_cell(objective, out, last, sizes[n_layers - 1], paths & OUT)
    for k in range(sizes[n_layers - 1]):
        der[last + k] = objectives.loss_derivative(objective, out[last + k], y[k, sample],
                                                   paths & OUT)

    pending[0] += 1
    n = pending[0]
    regularization = hyper.regularization
    stepper = paths & OPT and hyper.optimizer != optimizers.SGD  # accumulate; its step follows
    plain = not stepper and n == 1 and all_live and regularization != optimizers.REG_L1
    lr = hyper.learning_rate
    lr_per = lr / n
    lr_rate = lr * hyper.reg_rate
    l2 = regularization == optimizers.REG_L2
    no_reg = lr_rate * 0.0  # the step of a zero penalty derivative (NaN for an infinite rate)
    for layer in range(n_layers - 1, 0, -1):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_der if layer == n_layers - 1 else act[layer]
        activations.input_derivative_cells(a, total, out, der, unit0, sizes[layer], paths & ACT)
        if plain:  # each accumulator would be 0 + d * o: kept in a register
            n_units = sizes[layer]
            for i in range(n_units):  # (lr * acc / 1 is lr * acc, to the bit)
                b[unit0 + i] -= lr * (0.0 + der[unit0 + i])
            j = _U0
            while j + _U4 <= n_prev:  # four columns of weights at a time, down the units
                p = prev0 + j
                o0, o1, o2, o3 = out[p], out[p + _U1], out[p + _U2], out[p + _U3]
                s0, s1, s2, s3 = 0.0, 0.0, 0.0, 0.0  # the layer below's output derivatives
                for i in range(n_units):
                    d = der[unit0 + i]
                    k = w_off[layer] + i * n_prev + j
                    w0, w1, w2, w3 = w[k], w[k + _U1], w[k + _U2], w[k + _U3]
                    s0 += w0 * d  # through the old weights
                    s1 += w1 * d
                    s2 += w2 * d
                    s3 += w3 * d
                    w[k] = (w0 - lr_per * (0.0 + d * o0)) - (
                        lr_rate * optimizers.l2_derivative(w0) if l2 else no_reg)
                    w[k + _U1] = (w1 - lr_per * (0.0 + d * o1)) - (
                        lr_rate * optimizers.l2_derivative(w1) if l2 else no_reg)
                    w[k + _U2] = (w2 - lr_per * (0.0 + d * o2)) - (
                        lr_rate * optimizers.l2_derivative(w2) if l2 else no_reg)
                    w[k + _U3] = (w3 - lr_per * (0.0 + d * o3)) - (
                        lr_rate * optimizers.l2_derivative(w3) if l2 else no_reg)
                der[p], der[p + _U1], der[p + _U2], der[p + _U3] = s0, s1, s2, s3
                j += _U4
            while j < n_prev:
                p = prev0 + j
                o = out[p]
                below = 0.0  # the layer below's output derivative
                for i in range(n_units):
                    d = der[unit0 + i]
                    k = w_off[layer] + i * n_prev + j
                    old = w[k]
                    below += old * d
                    w[k] = (old - lr_per * (0.0 + d * o)) - (
                        lr_rate * optimizers.l2_derivative(old) if l2 else no_reg)
                der[p] = below
                j += _U1
            continue
        for j in range(n_prev):  # the layer below's output derivatives, summed next (the
            der[prev0 + j] = 0.0  # inputs' too: cheaper than a loop without them, never read)
        for i in range(sizes[layer]):
            unit = unit0 + i
            d = der[unit]
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                der[prev0 + j] += w[row + j] * d
            acc_b[unit] += d
            for j in range(n_prev):
                k = row + j
                if not dead[k]:
                    acc_w[k] += d * out[prev0 + j]
            if stepper:
                continue
            b[unit] -= lr * acc_b[unit] / n  # optimizers.sgd_step's update, row by row
            acc_b[unit] = 0.0
            for j in range(n_prev):
                k = row + j
                if dead[k]:
                    continue  # a dead weight keeps its weight and its accumulator
                old = w[k]
                stepped = old - lr_per * acc_w[k]
                acc_w[k] = 0.0
                if regularization == optimizers.REG_L1:  # a step across zero kills the weight
                    new = stepped - lr_rate * optimizers.l1_derivative(old)
                    if stepped * new < 0:
                        w[k] = 0.0
                        dead[k] = 1
                    else:
                        w[k] = new
                else:
                    w[k] = stepped - (lr_rate * optimizers.l2_derivative(old) if l2 else no_reg)
    if stepper:
        optimizers.step(layout, params, state, hyper, paths & OPT)
    else:
        pending[0] = 0
