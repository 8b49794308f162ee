"""The numba engine: a fully connected network over flat arrays, trained exactly as the original.

Layout (all float64 unless said): `sizes[l]` units in layer l (0 = inputs, L = the one output).
Weights of layer l >= 1 form a row-major (sizes[l], sizes[l-1]) block starting at `w_off[l]`:
W[i][j] is the weight from unit j of layer l-1 to unit i of layer l. Units of every layer are
numbered together; layer l starts at `u_off[l]`, and `b` holds a bias per unit (inputs' unused).
`dead` marks weights L1 killed. `acc_w`, `acc_b` and `pending[0]` (samples accumulated since the
last update) carry leftover samples from one epoch into the next, as the original does.

Exactness: every sum runs in the original's order (bias first, then inputs in order; gradients
summed sample by sample) with the browser's tanh and exp (fdlibm), so losses and weights match the
web playground to the last bit. The samples between two updates share their weights, so they are
pushed through each layer together: the inner loops run over samples, which keeps every per-sample
sum in order while letting LLVM vectorise across samples.

The heatmap grid is display only: `grid_outputs` runs in float32 with a fast tanh.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from playground_game.model import fdlibm

RELU, TANH, SIGMOID, LINEAR = 0, 1, 2, 3
ACTIVATION_CODES = {"relu": RELU, "tanh": TANH, "sigmoid": SIGMOID, "linear": LINEAR}
REG_NONE, REG_L1, REG_L2 = 0, 1, 2
REGULARIZATION_CODES = {"none": REG_NONE, "L1": REG_L1, "L2": REG_L2}

_JIT = {"cache": True, "error_model": "numpy"}


def layout(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (w_off, u_off), each of length L + 2: the last entry is the total count."""
    n_layers = sizes.shape[0]
    w_off = np.zeros(n_layers + 1, dtype=np.int64)
    u_off = np.zeros(n_layers + 1, dtype=np.int64)
    for layer in range(n_layers):
        u_off[layer + 1] = u_off[layer] + sizes[layer]
        w_off[layer + 1] = w_off[layer] + (sizes[layer] * sizes[layer - 1] if layer >= 1 else 0)
    return w_off, u_off


# ---------------------------------------------------------------------------------------------
# Activations over a run of samples (one branch per call, straight loops inside).


@njit(inline="always", **_JIT)
def _activate(act: int, total: np.ndarray, out: np.ndarray, count: int) -> None:
    if act == TANH:
        for s in range(count):
            out[s] = fdlibm.tanh(total[s])
    elif act == RELU:
        for s in range(count):
            t = total[s]
            out[s] = 0.0 if t <= 0.0 else t  # Math.max(0, t): NaN stays NaN
    elif act == SIGMOID:
        for s in range(count):
            out[s] = 1.0 / (1.0 + fdlibm.exp(-total[s]))
    else:
        for s in range(count):
            out[s] = total[s]


@njit(inline="always", **_JIT)
def _input_der(act: int, total: np.ndarray, out: np.ndarray, out_der: np.ndarray,
               in_der: np.ndarray, count: int) -> None:
    """in_der = out_der * f'(total), with f' written as the original computes it."""
    if act == TANH:
        for s in range(count):
            o = out[s]
            in_der[s] = out_der[s] * (1.0 - o * o)
    elif act == RELU:
        for s in range(count):
            in_der[s] = out_der[s] * (0.0 if total[s] <= 0.0 else 1.0)
    elif act == SIGMOID:
        for s in range(count):
            o = out[s]
            in_der[s] = out_der[s] * (o * (1.0 - o))
    else:
        for s in range(count):
            in_der[s] = out_der[s] * 1.0


# ---------------------------------------------------------------------------------------------
# Forward, backward and update over a chunk of samples that share the same weights.


@njit(**_JIT)
def _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out):
    """Forward `count` samples starting at column `start` of xt (n_in, n).

    total/out are (units, chunk) scratch arrays; row u holds unit u for each sample.
    """
    n_layers = sizes.shape[0]
    for k in range(sizes[0]):
        for s in range(count):
            out[k, s] = xt[k, start + s]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = unit0 + i
            row = w_off[layer] + i * n_prev
            t = total[unit]
            bias = b[unit]
            for s in range(count):
                t[s] = bias
            for j in range(n_prev):
                wij = w[row + j]
                src = out[prev0 + j]
                for s in range(count):
                    t[s] += wij * src[s]
            _activate(a, t, out[unit], count)


@njit(**_JIT)
def _backward_chunk(sizes, w_off, u_off, w, dead, acc_w, acc_b, act, out_act, y, start, count,
                    total, out, out_der, in_der):
    """Backprop `count` samples and add their derivatives to the accumulators, sample by sample."""
    n_layers = sizes.shape[0]
    last = u_off[n_layers - 1]
    for s in range(count):
        out_der[last, s] = out[last, s] - y[start + s]
    for layer in range(n_layers - 1, 0, -1):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = unit0 + i
            _input_der(a, total[unit], out[unit], out_der[unit], in_der[unit], count)
            acc = acc_b[unit]
            d = in_der[unit]
            for s in range(count):
                acc += d[s]
            acc_b[unit] = acc
        for i in range(sizes[layer]):
            d = in_der[unit0 + i]
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                if dead[row + j]:
                    continue
                src = out[prev0 + j]
                acc = acc_w[row + j]
                for s in range(count):
                    acc += d[s] * src[s]
                acc_w[row + j] = acc
        if layer == 1:
            continue
        for j in range(n_prev):
            od = out_der[prev0 + j]
            for s in range(count):
                od[s] = 0.0
            for i in range(sizes[layer]):
                wij = w[w_off[layer] + i * n_prev + j]
                d = in_der[unit0 + i]
                for s in range(count):
                    od[s] += wij * d[s]


@njit(**_JIT)
def _update(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, lr, reg_rate, reg_kind):
    """The original's updateWeights: bias, then each live incoming weight, unit by unit."""
    n = pending[0]
    if n <= 0:
        return
    lr_rate = lr * reg_rate
    lr_per = lr / n
    for layer in range(1, sizes.shape[0]):
        n_prev = sizes[layer - 1]
        for i in range(sizes[layer]):
            unit = u_off[layer] + i
            b[unit] -= lr * acc_b[unit] / n
            acc_b[unit] = 0.0
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                k = row + j
                if dead[k]:
                    continue
                old = w[k]
                if reg_kind == REG_L1:
                    reg_der = -1.0 if old < 0 else (1.0 if old > 0 else 0.0)
                elif reg_kind == REG_L2:
                    reg_der = old
                else:
                    reg_der = 0.0
                stepped = old - lr_per * acc_w[k]
                new = stepped - lr_rate * reg_der
                if reg_kind == REG_L1 and stepped * new < 0:
                    w[k] = 0.0
                    dead[k] = 1
                else:
                    w[k] = new
                acc_w[k] = 0.0
    pending[0] = 0


@njit(**_JIT)
def train_epochs(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size, lr,
                 reg_rate, reg_kind, act, out_act, epochs):
    """Train `epochs` whole epochs over the training columns of xt, in order, never reshuffled.

    An update happens after every batch_size-th sample of each epoch; samples left over at the end
    of an epoch stay accumulated (pending) into the next epoch's first update.
    """
    n = xt.shape[1]
    units = u_off[sizes.shape[0]]
    chunk = min(batch_size, n) if n > 0 else 1
    total = np.empty((units, chunk))
    out = np.empty((units, chunk))
    out_der = np.empty((units, chunk))
    in_der = np.empty((units, chunk))
    for _ in range(epochs):
        start = 0
        while start < n:
            stop = min(n, (start // batch_size + 1) * batch_size)
            count = stop - start
            _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out)
            _backward_chunk(sizes, w_off, u_off, w, dead, acc_w, acc_b, act, out_act, y, start,
                            count, total, out, out_der, in_der)
            pending[0] += count
            if stop % batch_size == 0:
                _update(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, lr, reg_rate,
                        reg_kind)
            start = stop


_LOSS_CHUNK = 64


@njit(**_JIT)
def mean_loss(sizes, w_off, u_off, w, b, act, out_act, xt, y):
    """Mean of 0.5 * (output - target)^2 over the points, summed in order (the displayed loss)."""
    n = xt.shape[1]
    units = u_off[sizes.shape[0]]
    total = np.empty((units, _LOSS_CHUNK))
    out = np.empty((units, _LOSS_CHUNK))
    last = u_off[sizes.shape[0] - 1]
    loss = 0.0
    start = 0
    while start < n:
        count = min(_LOSS_CHUNK, n - start)
        _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out)
        for s in range(count):
            d = out[last, s] - y[start + s]
            loss += 0.5 * (d * d)
        start += count
    return loss / n


@njit(**_JIT)
def predict(sizes, w_off, u_off, w, b, act, out_act, xt):
    """The network's output for each column of xt (exact, float64)."""
    n = xt.shape[1]
    units = u_off[sizes.shape[0]]
    total = np.empty((units, _LOSS_CHUNK))
    out = np.empty((units, _LOSS_CHUNK))
    last = u_off[sizes.shape[0] - 1]
    result = np.empty(n)
    start = 0
    while start < n:
        count = min(_LOSS_CHUNK, n - start)
        _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out)
        for s in range(count):
            result[start + s] = out[last, s]
        start += count
    return result


# ---------------------------------------------------------------------------------------------
# Heatmaps: every unit on the whole grid at once, float32, display only.


@njit(inline="always", **_JIT)
def _fast_tanh32(x):
    """tanh to ~1e-6 absolute, branch-free, float32: for pixels, never for training."""
    c = np.float32(9.0)
    x = min(max(x, -c), c)  # NaN falls through min/max unchanged in LLVM's minnum? no: see below
    x2 = x * x
    p = x * (np.float32(135135.0) + x2 * (np.float32(17325.0) + x2 * (np.float32(378.0) + x2)))
    q = np.float32(135135.0) + x2 * (np.float32(62370.0) + x2 * (np.float32(3150.0)
                                                                  + x2 * np.float32(28.0)))
    r = p / q
    return min(max(r, np.float32(-1.0)), np.float32(1.0))


@njit(**_JIT)
def grid_outputs(sizes, w_off, u_off, w, b, act, out_act, grid_xt, out):
    """Every unit's output at every grid point: out is (units, points) float32.

    grid_xt is (n_in, points) float32 with the active features at each grid point. One layer is
    computed for all points at a time so the inner loop runs over points and vectorises.
    """
    n_layers = sizes.shape[0]
    n_points = grid_xt.shape[1]
    for k in range(sizes[0]):
        for p in range(n_points):
            out[k, p] = grid_xt[k, p]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = u_off[layer] + i
            row = w_off[layer] + i * n_prev
            dst = out[unit]
            bias = np.float32(b[unit])
            for p in range(n_points):
                dst[p] = bias
            for j in range(n_prev):
                wij = np.float32(w[row + j])
                src = out[prev0 + j]
                for p in range(n_points):
                    dst[p] += wij * src[p]
            if a == TANH:
                for p in range(n_points):
                    v = dst[p]
                    dst[p] = _fast_tanh32(v) if v == v else v
            elif a == RELU:
                for p in range(n_points):
                    v = dst[p]
                    dst[p] = np.float32(0.0) if v <= 0 else v
            elif a == SIGMOID:
                for p in range(n_points):
                    v = dst[p]
                    dst[p] = np.float32(0.5) + np.float32(0.5) * _fast_tanh32(np.float32(0.5) * v)


@njit(**_JIT)
def train_and_measure(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, test_xt,
                      test_y, batch_size, lr, reg_rate, reg_kind, act, out_act, losses):
    """Train losses.shape[0] epochs; after each, store (train loss, test loss) in losses[e].

    One compiled call for a whole frame's epochs, with the losses the chart needs for each.
    """
    for e in range(losses.shape[0]):
        train_epochs(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size,
                     lr, reg_rate, reg_kind, act, out_act, 1)
        losses[e, 0] = mean_loss(sizes, w_off, u_off, w, b, act, out_act, xt, y) \
            if y.shape[0] > 0 else np.nan
        losses[e, 1] = mean_loss(sizes, w_off, u_off, w, b, act, out_act, test_xt, test_y) \
            if test_y.shape[0] > 0 else np.nan
