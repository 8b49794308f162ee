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
sum in order while letting LLVM vectorise across samples. With a batch size of 1 there is nothing
to vectorise across, so a sample runs through plain scalar loops instead.

Speed: the hot kernels are inlined into the epoch loop (a call would reference-count every array
argument), and the layout is used as uint64 so indexing skips numba's negative-index fix-up.

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
_LANES = 4  # float64 lanes of an AVX2 vector


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
# Activations. The row versions run over the samples of one unit (a row of a (units, chunk)
# scratch array) with fdlibm's branch-free tanh/exp, so the loop vectorises across samples; the
# one-sample versions call the scalar ports, which are faster when there is nothing to vectorise.


@njit(inline="always", **_JIT)
def _activate_row(act, total, out, unit, count):
    if act == TANH:
        for s in range(count):
            out[unit, s] = fdlibm.tanh_inline(total[unit, s])
    elif act == RELU:
        for s in range(count):
            t = total[unit, s]
            out[unit, s] = 0.0 if t <= 0.0 else t  # Math.max(0, t): NaN stays NaN
    elif act == SIGMOID:
        for s in range(count):
            out[unit, s] = 1.0 / (1.0 + fdlibm.exp_inline(-total[unit, s]))
    else:
        for s in range(count):
            out[unit, s] = total[unit, s]


@njit(inline="always", **_JIT)
def _input_der_row(act, total, out, der, unit, count):
    """der = der * f'(total) in place (output derivative to input derivative), as the original."""
    if act == TANH:
        for s in range(count):
            o = out[unit, s]
            der[unit, s] = der[unit, s] * (1.0 - o * o)
    elif act == RELU:
        for s in range(count):
            der[unit, s] = der[unit, s] * (0.0 if total[unit, s] <= 0.0 else 1.0)
    elif act == SIGMOID:
        for s in range(count):
            o = out[unit, s]
            der[unit, s] = der[unit, s] * (o * (1.0 - o))
    else:
        for s in range(count):
            der[unit, s] = der[unit, s] * 1.0


@njit(inline="always", **_JIT)
def _activate_one(act, t):
    if act == TANH:
        return fdlibm.tanh(t)
    if act == RELU:
        return 0.0 if t <= 0.0 else t
    if act == SIGMOID:
        return 1.0 / (1.0 + fdlibm.exp(-t))
    return t


@njit(inline="always", **_JIT)
def _derivative_one(act, t, o):
    """f'(total) written as the original computes it."""
    if act == TANH:
        return 1.0 - o * o
    if act == RELU:
        return 0.0 if t <= 0.0 else 1.0
    if act == SIGMOID:
        return o * (1.0 - o)
    return 1.0


# ---------------------------------------------------------------------------------------------
# Forward and backward over a chunk of samples that share the same weights. Scratch arrays are
# (units, chunk), indexed directly (a row view costs a reference count per unit).


@njit(inline="always", **_JIT)
def _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out):
    """Forward `count` samples starting at column `start` of xt (n_in, n).

    Rows are computed over `count` rounded up to whole vectors (_LANES): the extra columns hold
    stale values nobody reads, and the loops run without a scalar remainder.
    """
    n_layers = sizes.shape[0]
    width = (count + _LANES - 1) // _LANES * _LANES
    for k in range(sizes[0]):
        for s in range(count):
            out[k, s] = xt[k, start + s]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = u_off[layer] + i
            row = w_off[layer] + i * n_prev
            bias = b[unit]
            for s in range(width):
                total[unit, s] = bias
            for j in range(n_prev):
                wij = w[row + j]
                for s in range(width):
                    total[unit, s] += wij * out[prev0 + j, s]
            _activate_row(a, total, out, unit, width)


@njit(inline="always", **_JIT)
def _backward_chunk(sizes, w_off, u_off, w, dead, acc_w, acc_b, act, out_act, y, start, count,
                    total, out, der):
    """Backprop `count` samples and add their derivatives to the accumulators, sample by sample.

    der holds a unit's output derivative until it is turned into its input derivative in place.
    """
    n_layers = sizes.shape[0]
    width = (count + _LANES - 1) // _LANES * _LANES  # as in _forward_chunk; sums stop at count
    last = u_off[n_layers - 1]
    for s in range(count):
        der[last, s] = out[last, s] - y[start + s]
    for layer in range(n_layers - 1, 0, -1):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = unit0 + i
            _input_der_row(a, total, out, der, unit, width)
            acc = acc_b[unit]
            for s in range(count):
                acc += der[unit, s]
            acc_b[unit] = acc
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                if dead[row + j]:
                    continue
                acc = acc_w[row + j]
                for s in range(count):
                    acc += der[unit, s] * out[prev0 + j, s]
                acc_w[row + j] = acc
        if layer == 1:
            continue
        for j in range(n_prev):
            for s in range(width):
                der[prev0 + j, s] = 0.0
            for i in range(sizes[layer]):
                wij = w[w_off[layer] + i * n_prev + j]
                for s in range(width):
                    der[prev0 + j, s] += wij * der[unit0 + i, s]


@njit(inline="always", **_JIT)
def _train_one(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, act, out_act, xt, y, sample, total,
               out, der):
    """Forward and backprop a single sample (batch size 1) in scalar loops over 1-d scratch."""
    n_layers = sizes.shape[0]
    for k in range(sizes[0]):
        out[k] = xt[k, sample]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = u_off[layer] + i
            row = w_off[layer] + i * n_prev
            t = b[unit]
            for j in range(n_prev):
                t += w[row + j] * out[prev0 + j]
            total[unit] = t
            out[unit] = _activate_one(a, t)
    last = u_off[n_layers - 1]
    der[last] = out[last] - y[sample]
    for layer in range(n_layers - 1, 0, -1):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_act if layer == n_layers - 1 else act
        for i in range(sizes[layer]):
            unit = unit0 + i
            d = der[unit] * _derivative_one(a, total[unit], out[unit])
            der[unit] = d
            acc_b[unit] += d
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                k = row + j
                acc = acc_w[k]
                acc_w[k] = acc if dead[k] else acc + d * out[prev0 + j]
        if layer == 1:
            continue
        for j in range(n_prev):
            der[prev0 + j] = 0.0
        for i in range(sizes[layer]):
            d = der[unit0 + i]
            row = w_off[layer] + i * n_prev
            for j in range(n_prev):
                der[prev0 + j] += w[row + j] * d


@njit(inline="always", **_JIT)
def _update(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, lr, reg_rate, reg_kind):
    """The original's updateWeights: each bias, then each live weight, per the formulas there.

    Every parameter's update is independent of the others, so the weights run in one flat
    branch-free loop per regularisation kind (dead links keep their weight and accumulator).
    """
    n = pending[0]
    if n <= 0:
        return
    n_layers = sizes.shape[0]
    for unit in range(u_off[1], u_off[n_layers]):
        b[unit] -= lr * acc_b[unit] / n
        acc_b[unit] = 0.0
    lr_rate = lr * reg_rate
    lr_per = lr / n
    if reg_kind == REG_L1:
        for k in range(w_off[1], w_off[n_layers]):
            if dead[k]:
                continue
            old = w[k]
            reg_der = -1.0 if old < 0 else (1.0 if old > 0 else 0.0)
            stepped = old - lr_per * acc_w[k]
            new = stepped - lr_rate * reg_der
            if stepped * new < 0:
                w[k] = 0.0
                dead[k] = 1
            else:
                w[k] = new
            acc_w[k] = 0.0
    else:
        l2 = reg_kind == REG_L2
        no_reg = lr_rate * 0.0  # the step of regDer = 0
        for k in range(w_off[1], w_off[n_layers]):
            old = w[k]
            acc = acc_w[k]
            new = (old - lr_per * acc) - (lr_rate * old if l2 else no_reg)
            live = dead[k] == 0
            w[k] = new if live else old
            acc_w[k] = 0.0 if live else acc
    pending[0] = 0


@njit(**_JIT)
def _train_epoch(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size, lr,
                 reg_rate, reg_kind, act, out_act, total, out, der):
    """One epoch over the columns of xt, in order; total/out/der are (units, chunk) scratch."""
    n = xt.shape[1]
    if batch_size == 1:
        flat_total, flat_out, flat_der = total.ravel(), out.ravel(), der.ravel()
        for sample in range(n):
            _train_one(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, act, out_act, xt, y,
                       sample, flat_total, flat_out, flat_der)
            pending[0] += 1
            _update(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, lr, reg_rate,
                    reg_kind)
        return
    start = 0
    while start < n:
        stop = min(n, (start // batch_size + 1) * batch_size)
        count = stop - start
        _forward_chunk(sizes, w_off, u_off, w, b, act, out_act, xt, start, count, total, out)
        _backward_chunk(sizes, w_off, u_off, w, dead, acc_w, acc_b, act, out_act, y, start,
                        count, total, out, der)
        pending[0] += count
        if stop % batch_size == 0:
            _update(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, lr, reg_rate,
                    reg_kind)
        start = stop


@njit(**_JIT)
def _unsigned(sizes, w_off, u_off):
    """The layout as uint64, which spares every array access numba's negative-index fix-up."""
    return sizes.astype(np.uint64), w_off.astype(np.uint64), u_off.astype(np.uint64)


@njit(**_JIT)
def _scratch(sizes, u_off, rows):
    """Three (units, rows rounded up to whole vectors) float64 scratch arrays, zeroed."""
    units = u_off[sizes.shape[0]]
    shape = (units, (rows + _LANES - 1) // _LANES * _LANES)
    return np.zeros(shape), np.zeros(shape), np.zeros(shape)


@njit(**_JIT)
def train_epochs(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size, lr,
                 reg_rate, reg_kind, act, out_act, epochs):
    """Train `epochs` whole epochs over the training columns of xt, in order, never reshuffled.

    An update happens after every batch_size-th sample of each epoch; samples left over at the end
    of an epoch stay accumulated (pending) into the next epoch's first update.
    """
    n = xt.shape[1]
    sizes, w_off, u_off = _unsigned(sizes, w_off, u_off)
    total, out, der = _scratch(sizes, u_off, min(batch_size, n) if n > 0 else 1)
    for _ in range(epochs):
        _train_epoch(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size,
                     lr, reg_rate, reg_kind, act, out_act, total, out, der)


_LOSS_CHUNK = 64


@njit(**_JIT)
def _loss(sizes, w_off, u_off, w, b, act, out_act, xt, y, total, out):
    """mean_loss with its (units, _LOSS_CHUNK) scratch given."""
    n = xt.shape[1]
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
def mean_loss(sizes, w_off, u_off, w, b, act, out_act, xt, y):
    """Mean of 0.5 * (output - target)^2 over the points, summed in order (the displayed loss)."""
    sizes, w_off, u_off = _unsigned(sizes, w_off, u_off)
    total, out, _ = _scratch(sizes, u_off, _LOSS_CHUNK)
    return _loss(sizes, w_off, u_off, w, b, act, out_act, xt, y, total, out)


@njit(**_JIT)
def predict(sizes, w_off, u_off, w, b, act, out_act, xt):
    """The network's output for each column of xt (exact, float64)."""
    n = xt.shape[1]
    sizes, w_off, u_off = _unsigned(sizes, w_off, u_off)
    total, out, _ = _scratch(sizes, u_off, _LOSS_CHUNK)
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
    sizes, w_off, u_off = _unsigned(sizes, w_off, u_off)
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
    n = xt.shape[1]
    sizes, w_off, u_off = _unsigned(sizes, w_off, u_off)
    total, out, der = _scratch(sizes, u_off, min(batch_size, n) if n > 0 else 1)
    loss_total, loss_out, _ = _scratch(sizes, u_off, _LOSS_CHUNK)
    for e in range(losses.shape[0]):
        _train_epoch(sizes, w_off, u_off, w, b, dead, acc_w, acc_b, pending, xt, y, batch_size,
                     lr, reg_rate, reg_kind, act, out_act, total, out, der)
        losses[e, 0] = _loss(sizes, w_off, u_off, w, b, act, out_act, xt, y, loss_total,
                             loss_out) if y.shape[0] > 0 else np.nan
        losses[e, 1] = _loss(sizes, w_off, u_off, w, b, act, out_act, test_xt, test_y,
                             loss_total, loss_out) if test_y.shape[0] > 0 else np.nan
