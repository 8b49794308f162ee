"""The numba kernels: a fully connected network over flat arrays, trained exactly as the original.

Layout (all float64 unless said): `sizes[l]` units in layer l (0 = inputs, L = the outputs).
Weights of layer l >= 1 form a row-major (sizes[l], sizes[l-1]) block starting at `w_off[l]`:
W[i][j] is the weight from unit j of layer l-1 to unit i of layer l. Units of every layer are
numbered together; layer l starts at `u_off[l]`, and `biases` holds a bias per unit (inputs'
unused). `dead` marks weights L1 killed. `acc_w`, `acc_b` and `pending[0]` (samples accumulated
since the last update) carry leftover samples from one epoch into the next, as the original does;
`opt_state` is the optimizer's own state (empty for plain gradient descent); `drop_rng` the
dropout masks' stream (dropout.py; untouched at a dropout rate of 0).

`act` is the activation id of each layer, by layer index (an int64 array; only the hidden
layers' entries are read: the output units' activation is the objective's).

The arrays travel in four bundles: `Layout` (sizes, w_off, u_off), `Params` (weights, biases,
dead), `State` (acc_w, acc_b, pending, opt_state, drop_rng) and `Hyper` (batch size, learning
rate, regularization id and rate, activation, objective and optimizer ids, the lab's optimizer
hyper-parameters and dropout rate), namedtuples inside the
kernels. The entry points also take each bundle as a plain tuple in the same order, which is what
Network passes: numba types a namedtuple argument in Python, ~0.5 us a call, a tuple in C.
Targets are (n_outputs, n): one row per output unit. What an id means lives in its table:
activations.py, objectives.py, optimizers.py; these kernels only pass ids to their dispatch.

Exactness: every sum runs in the original's order (bias first, then inputs in order; gradients
summed sample by sample) with the browser's tanh and exp (fdlibm), so losses and weights match the
web playground to the last bit. The samples between two updates share their weights, so they are
pushed through each layer together: the inner loops run over samples, which keeps every per-sample
sum in order while letting LLVM vectorise across samples. With a batch size of 1 there is nothing
to vectorise across: a sample runs through scalar loops of its own (one_sample.py).

Compiled per set of paths (lab_paths.py): `WEB` (paths 0) runs the original's path alone; the
training lab's paths (ACT: its activations; OPT: its optimizers; DROP: dropout; OUT:
cross-entropy and softmax outputs) are bits, and every lab branch tests its bit of a constant, so
a set's code holds only the paths it uses (the lab's branches in one kernel cost plain gradient
descent 17 to 40 per cent, and Adam's forward pass as much). The ONE bit picks the epoch of a
batch of one. A first start compiles only what a code of the web's keys runs at the default
batch size. `Network.train_paths` picks the set for training, `Network.lab_paths` for the rest.

Speed: the hot kernels are inlined into the epoch loop (a call would reference-count every array
argument), and the layout is used as uint64 so indexing skips numba's negative-index fix-up. No
call may sit anywhere in an epoch's loop nest, not even on a branch never taken: the compiler
then stops hoisting loads out of the loops around it (fdlibm's called tanh in the activations'
dispatch halved every batch-of-one epoch, ReLU's too).

The heatmap grid is display only: `grid_outputs` runs in float32 with each activation's display
form.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from types import SimpleNamespace

import numpy as np
from numba import njit

from playground_game.model.core import (
    activations,
    atomics,
    dropout,
    objectives,
    one_sample,
    optimizers,
    second_slot,
)
from playground_game.model.core.lab_paths import ACT, ALL, DROP, ONE, OPT, OUT, PASSES
from playground_game.model.core.numba_flags import NO_ALIAS

_JIT = {"cache": True, "error_model": "numpy"}
# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINED = {"inline": "always", "error_model": "numpy"}
_LANES = 4  # float64 lanes of an AVX2 vector
_U1, _U2 = np.uint64(1), np.uint64(2)  # uint64 steps: index arithmetic stays unsigned

Layout = namedtuple("Layout", ["sizes", "w_off", "u_off"])
Params = namedtuple("Params", ["weights", "biases", "dead"])
State = namedtuple("State", ["acc_w", "acc_b", "pending", "opt_state", "drop_rng"])
Hyper = namedtuple("Hyper", ["batch_size", "learning_rate", "regularization", "reg_rate",
                             "activation", "objective", "optimizer",
                             # the lab's optimizers' hyper-parameters (optimizers.py)
                             "momentum", "beta1", "beta2", "epsilon", "rho",
                             "dropout"])  # the hidden layers' dropout rate (dropout.py)


def _variant(tag: int, **options):
    """njit for one variant of a closure (the lab's paths it was made for: `tag`), named apart:
    its qualified name, and so its cache file and the symbol of its machine code, carry the tag.

    Numba names a closure's symbol by its qualified name and a counter of the process that
    compiled it. Two variants compiled in different processes (the window, the warm-up
    process, a test run) can get the same symbol; loaded from the cache into one process, the
    second then runs the first's code: dropout's epoch ran without dropout after a plain one.
    """

    def decorate(function):
        function.__qualname__ = f"{function.__qualname__}_v{tag}"
        function.__name__ = f"{function.__name__}_v{tag}"
        return njit(**{**_JIT, **options})(function)

    return decorate


def layout(sizes: np.ndarray) -> Layout:
    """The offsets of a network of layer sizes `sizes`; w_off and u_off have L + 2 entries, the
    last the total count."""
    sizes = np.asarray(sizes, dtype=np.int64)
    n_layers = sizes.shape[0]
    w_off = np.zeros(n_layers + 1, dtype=np.int64)
    u_off = np.zeros(n_layers + 1, dtype=np.int64)
    for layer in range(n_layers):
        u_off[layer + 1] = u_off[layer] + sizes[layer]
        w_off[layer + 1] = w_off[layer] + (sizes[layer] * sizes[layer - 1] if layer >= 1 else 0)
    return Layout(sizes, w_off, u_off)


# ---------------------------------------------------------------------------------------------
# Forward and backward over a chunk of samples that share the same weights. Scratch arrays are
# (units, chunk), indexed directly (a row view costs a reference count per unit).


@njit(**_INLINED)
def _forward_chunk(layout, params, act, objective, out_act, xt, start, count, total, out, rate,
                   rng, keep, raw, paths):
    """Forward `count` samples starting at column `start` of xt (n_in, n).

    Rows are computed over `count` rounded up to whole vectors (_LANES): the extra columns hold
    stale values nobody reads, and the loops run without a scalar remainder.
    """
    sizes, w_off, u_off = layout
    w, b = params.weights, params.biases
    n_layers = sizes.shape[0]
    width = (count + _LANES - 1) // _LANES * _LANES
    for k in range(sizes[0]):
        for s in range(count):
            out[k, s] = xt[k, start + s]
    for layer in range(1, n_layers):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        a = out_act if layer == n_layers - 1 else act[layer]
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
            activations.value_row(a, total, out, unit, width, paths & ACT)  # OUTPUT: by unit
            if paths & DROP and rate > 0.0 and layer < n_layers - 1:  # DROPOUT (dropout.py)
                dropout.drop_row(rng, rate, keep, out, raw, unit, count, width)
    if objectives.softmax(objective, paths & OUT):  # OUTPUT LAYER as a whole
        for s in range(count):
            objectives.output_layer(objective, out, u_off[n_layers - 1], sizes[n_layers - 1], s,
                                    paths & OUT)


@njit(**_INLINED)
def _backward_chunk(layout, params, state, act, objective, out_der, y, start, count, total, out,
                    der, rate, keep, raw, paths):
    """Backprop `count` samples and add their derivatives to the accumulators, sample by sample.

    der holds a unit's output derivative until it is turned into its input derivative in place.
    """
    sizes, w_off, u_off = layout
    w, dead = params.weights, params.dead
    acc_w, acc_b = state.acc_w, state.acc_b
    n_layers = sizes.shape[0]
    width = (count + _LANES - 1) // _LANES * _LANES  # as in _forward_chunk; sums stop at count
    last = u_off[n_layers - 1]
    for k in range(sizes[n_layers - 1]):
        for s in range(count):
            der[last + k, s] = objectives.loss_derivative(objective, out[last + k, s],
                                                          y[k, start + s], paths & OUT)
    for layer in range(n_layers - 1, 0, -1):
        n_prev = sizes[layer - 1]
        prev0 = u_off[layer - 1]
        unit0 = u_off[layer]
        a = out_der if layer == n_layers - 1 else act[layer]
        dropped = paths & DROP and rate > 0.0 and layer < n_layers - 1  # DROPOUT: through
        kept = raw if dropped else out  # the masks, with f' of the outputs before them
        for i in range(sizes[layer]):
            unit = unit0 + i
            if dropped:
                dropout.gate_row(keep, der, unit, width)
            activations.input_derivative_row(a, total, kept, der, unit, width, paths & ACT)
            acc = acc_b[unit]
            for s in range(count):
                acc += der[unit, s]
            acc_b[unit] = acc
            row = w_off[layer] + i * n_prev
            for q in range(n_prev // _U2):  # two weights' sums in flight, each in order
                j = q * _U2
                k = row + j
                acc0, acc1 = acc_w[k], acc_w[k + _U1]
                for s in range(count):
                    d = der[unit, s]
                    acc0 += d * out[prev0 + j, s]
                    acc1 += d * out[prev0 + j + _U1, s]
                acc_w[k] = acc_w[k] if dead[k] else acc0  # a dead weight keeps its sum
                acc_w[k + _U1] = acc_w[k + _U1] if dead[k + _U1] else acc1
            for j in range(n_prev // _U2 * _U2, n_prev):
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


def _epoch_kernel(paths: int):
    """One epoch over the columns of xt, in order, compiled with the lab's `paths` (ACT, OPT,
    DROP, OUT bits) or none; total/out/der are (units, chunk) scratch. With the ONE bit, the
    epoch of a batch of one without dropout (one_sample.py): a sample at a time, each ending in
    an update; without it, chunks of samples that share their weights (any batch size).

    A closure over `paths` rather than an inlined function with a `paths` argument: numba copies an
    inlined function's whole IR into its caller, which for the epoch took seconds of a first
    start. A closure's cached code is keyed by the values it closes over, so both stay cached.
    The two kinds of epoch are closures apart so that a first start, at the default batch of
    ten, never compiles the other.
    """
    if paths & ONE:

        @_variant(paths)
        def train_samples(layout, params, state, hyper, xt, y, total, out, der, keep, raw):
            act = hyper.activation
            objective = hyper.objective
            out_act = objectives.output_activation(objective)
            out_der = objectives.output_derivative_activation(objective)  # linear when fused
            flat_total, flat_out, flat_der = total.ravel(), out.ravel(), der.ravel()
            all_live = not params.dead.any()  # (only L1 kills weights: then it is not read)
            for sample in range(xt.shape[1]):
                one_sample.train_sample(layout, params, state, hyper, act, objective, out_act,
                                        out_der, xt, y, sample, flat_total, flat_out, flat_der,
                                        all_live, paths)

        return train_samples

    # Without reference counting: the epoch allocates nothing, and the optimizer's step, inlined
    # after each batch, counted each array it was handed up and down again (18 atomic operations
    # a batch that numba's pruning leaves in, because they span the step's loops): 16% of the
    # default network's epoch. (The batch of one's epoch calls ravel(), which numba refuses
    # without counting; its loop holds no counts anyway.) NO_ALIAS: its arrays never overlap
    # (each is allocated apart: Network's, _scratch's), which spares every loop an overlap
    # test (numba_flags.py). Neither gained the batch of one anything.
    @_variant(paths, _nrt=False, **NO_ALIAS)
    def train_epoch(layout, params, state, hyper, xt, y, total, out, der, keep, raw):
        n = xt.shape[1]
        batch_size = hyper.batch_size
        act = hyper.activation
        objective = hyper.objective
        out_act = objectives.output_activation(objective)
        out_der = objectives.output_derivative_activation(objective)  # linear for a fused loss
        pending = state.pending
        rate = hyper.dropout
        start = 0
        batch_end = batch_size  # updates fall after each batch_size-th sample of the epoch
        while start < n:
            stop = min(n, batch_end)
            count = stop - start
            _forward_chunk(layout, params, act, objective, out_act, xt, start, count, total, out,
                           rate, state.drop_rng, keep, raw, paths)
            _backward_chunk(layout, params, state, act, objective, out_der, y, start, count, total,
                            out, der, rate, keep, raw, paths)
            pending[0] += count
            if stop == batch_end:  # (no integer division: two a chunk cost A's epoch 2%)
                optimizers.step(layout, params, state, hyper, paths & OPT)
                batch_end += batch_size
            start = stop

    return train_epoch


@njit(**_JIT)
def _unsigned(layout):
    """The layout as uint64, which spares every array access numba's negative-index fix-up."""
    sizes, w_off, u_off = layout
    return Layout(sizes.astype(np.uint64), w_off.astype(np.uint64), u_off.astype(np.uint64))


@njit(**_INLINED)
def _named(params, state, hyper):
    """The bundles as their namedtuples, whether they came as those or as plain tuples in the
    same order (which numba types faster when called from Python)."""
    w, b, dead = params
    acc_w, acc_b, pending, opt_state, drop_rng = state
    (batch_size, learning_rate, regularization, reg_rate, activation, objective, optimizer,
     momentum, beta1, beta2, epsilon, rho, rate) = hyper
    return (Params(w, b, dead), State(acc_w, acc_b, pending, opt_state, drop_rng),
            Hyper(batch_size, learning_rate, regularization, reg_rate, activation, objective,
                  optimizer, momentum, beta1, beta2, epsilon, rho, rate))


@njit(**_INLINED)
def _named_params(params):
    w, b, dead = params
    return Params(w, b, dead)


@njit(**_JIT)
def _scratch(layout, rows):
    """Three (units, rows rounded up to whole vectors) float64 scratch arrays, zeroed."""
    units = layout.u_off[layout.sizes.shape[0]]
    shape = (units, (rows + _LANES - 1) // _LANES * _LANES)
    return np.zeros(shape), np.zeros(shape), np.zeros(shape)


# Every epoch kernel, by paths: made at import (a dispatcher costs little until it compiles), so
# that kernels can name them. The ONE variants with DROP are never run (dropout trains in chunks).
(_EPOCH_0, _EPOCH_1, _EPOCH_2, _EPOCH_3, _EPOCH_4, _EPOCH_5, _EPOCH_6, _EPOCH_7, _EPOCH_8,
 _EPOCH_9, _EPOCH_10, _EPOCH_11, _EPOCH_12, _EPOCH_13, _EPOCH_14, _EPOCH_15, _EPOCH_16,
 _EPOCH_17, _EPOCH_18, _EPOCH_19, _EPOCH_20, _EPOCH_21, _EPOCH_22, _EPOCH_23, _EPOCH_24,
 _EPOCH_25, _EPOCH_26, _EPOCH_27, _EPOCH_28, _EPOCH_29, _EPOCH_30, _EPOCH_31) = (
    _epoch_kernel(p) for p in range((ALL | ONE) + 1))


def _epoch(paths: int):
    """The epoch kernel for `paths` (lab bits and ONE)."""
    return globals()[f"_EPOCH_{paths}"]


@njit(**_INLINED)
def _run_epoch(paths, layout, params, state, hyper, xt, y, total, out, der, keep, raw):
    """Run the epoch kernel of `paths`, an entry point's constant: numba prunes the other
    branches before typing, so only that kernel compiles with the caller.

    The caller cannot hold the kernel in its closure instead: numba's cache key hashes a
    closure's cells, and a kernel pickles differently in every process, so the caller's cached
    code would miss at every start. (An @overload picking the kernel cost a first start 1.6 s
    more to compile than this chain.)
    """
    args = (layout, params, state, hyper, xt, y, total, out, der, keep, raw)
    if paths == 0:
        _EPOCH_0(*args)
    elif paths == 1:
        _EPOCH_1(*args)
    elif paths == 2:
        _EPOCH_2(*args)
    elif paths == 3:
        _EPOCH_3(*args)
    elif paths == 4:
        _EPOCH_4(*args)
    elif paths == 5:
        _EPOCH_5(*args)
    elif paths == 6:
        _EPOCH_6(*args)
    elif paths == 7:
        _EPOCH_7(*args)
    elif paths == 8:
        _EPOCH_8(*args)
    elif paths == 9:
        _EPOCH_9(*args)
    elif paths == 10:
        _EPOCH_10(*args)
    elif paths == 11:
        _EPOCH_11(*args)
    elif paths == 12:
        _EPOCH_12(*args)
    elif paths == 13:
        _EPOCH_13(*args)
    elif paths == 14:
        _EPOCH_14(*args)
    elif paths == 15:
        _EPOCH_15(*args)
    elif paths == 16:
        _EPOCH_16(*args)
    elif paths == 17:
        _EPOCH_17(*args)
    elif paths == 18:
        _EPOCH_18(*args)
    elif paths == 19:
        _EPOCH_19(*args)
    elif paths == 24:
        _EPOCH_24(*args)
    elif paths == 25:
        _EPOCH_25(*args)
    elif paths == 26:
        _EPOCH_26(*args)
    else:  # 27
        _EPOCH_27(*args)


_LOSS_CHUNK = 128


def _forward_kernel(lab: int):
    """A chunk's forward pass without dropout, with the lab's paths of a forward pass in `lab`
    (ACT, OUT bits): what the losses and predictions run, compiled once per `lab` and called,
    not inlined. Inlining copies the chunk's whole IR into each caller before numba prunes the
    paths a variant lacks, which cost a first start seconds per caller; a call costs
    one reference count per array per chunk of _LOSS_CHUNK points."""

    @_variant(lab)
    def forward(layout, params, act, objective, out_act, xt, start, count, total, out):
        _forward_chunk(layout, params, act, objective, out_act, xt, start, count, total, out,
                       0.0, np.zeros(1, np.uint64), total, out, lab)  # no dropout

    return forward


_FORWARD_0, _FORWARD_ACT, _FORWARD_OUT, _FORWARD_PASSES = (
    _forward_kernel(lab) for lab in (0, ACT, OUT, PASSES))


@njit(**_INLINED)
def _run_forward(lab, layout, params, act, objective, out_act, xt, start, count, total, out):
    """Run the forward kernel of `lab`, a constant (a chain numba prunes, as _run_epoch)."""
    args = (layout, params, act, objective, out_act, xt, start, count, total, out)
    if lab == 0:
        _FORWARD_0(*args)
    elif lab == ACT:
        _FORWARD_ACT(*args)
    elif lab == OUT:
        _FORWARD_OUT(*args)
    else:
        _FORWARD_PASSES(*args)


def _loss_kernel(lab: int):
    """(mean loss, accuracy) over the columns of xt with its (units, _LOSS_CHUNK) scratch
    given, with the lab's paths of a forward pass in `lab` (ACT, OUT bits; a closure, as
    _epoch_kernel). Accuracy is the share
    of points whose first output falls on their class's side of the objective's threshold (NaN
    when the objective does not classify)."""

    @_variant(lab)
    def loss_of(layout, params, act, objective, xt, y, total, out):
        sizes, _, u_off = layout
        n = xt.shape[1]
        n_layers = sizes.shape[0]
        last = u_off[n_layers - 1]
        n_outputs = sizes[n_layers - 1]
        out_act = objectives.output_activation(objective)
        cut = objectives.threshold(objective)
        loss = 0.0
        correct = 0
        start = 0
        while start < n:
            count = min(_LOSS_CHUNK, n - start)
            # int64: a literal first start would compile a second signature
            _run_forward(lab, layout, params, act, objective, out_act, xt, np.int64(start), count,
                         total, out)
            for s in range(count):
                for k in range(n_outputs):
                    loss += objectives.loss(objective, out[last + k, s], y[k, start + s],
                                            lab & OUT)
                if objectives.softmax(objective, lab & OUT):  # the most probable unit's class
                    guess, truth = 0, 0
                    for k in range(1, n_outputs):
                        guess = k if out[last + k, s] > out[last + guess, s] else guess
                        truth = k if y[k, start + s] > y[truth, start + s] else truth
                    correct += guess == truth
                else:
                    correct += (out[last, s] >= cut) == (y[0, start + s] >= cut)
            start += count
        return loss / n, (correct / n if objectives.classifies(objective) else np.nan)

    return loss_of


_loss_0, _loss_act, _loss_out, _loss_act_out = (_loss_kernel(p) for p in (0, ACT, OUT, PASSES))


@njit(**_INLINED)
def _loss(lab, layout, params, act, objective, xt, y, total, out):
    """The loss kernel for `lab` (a closure's constant: the other branches are pruned)."""
    args = (layout, params, act, objective, xt, y, total, out)
    if lab == 0:
        return _loss_0(*args)
    if lab == ACT:
        return _loss_act(*args)
    if lab == OUT:
        return _loss_out(*args)
    return _loss_act_out(*args)


def _measure_kernel(lab: int):
    """What the chart records after an epoch, into a row of four: train loss, test loss, train
    accuracy, test accuracy (NaN for an empty set)."""

    @_variant(lab)
    def measure(layout, params, act, objective, xt, y, test_xt, test_y, total, out, row):
        for k in range(2):
            inputs, targets = (xt, y) if k == 0 else (test_xt, test_y)
            if targets.shape[1] == 0:
                row[k], row[2 + k] = np.nan, np.nan
            else:
                row[k], row[2 + k] = _loss(lab, layout, params, act, objective, inputs, targets,
                                           total, out)

    return measure


_measure_0, _measure_act, _measure_out, _measure_act_out = (
    _measure_kernel(p) for p in (0, ACT, OUT, PASSES))


@njit(**_INLINED)
def _measure(lab, layout, params, act, objective, xt, y, test_xt, test_y, total, out, row):
    """The measure kernel for `lab` (a closure's constant: the other branches are pruned)."""
    args = (layout, params, act, objective, xt, y, test_xt, test_y, total, out, row)
    if lab == 0:
        _measure_0(*args)
    elif lab == ACT:
        _measure_act(*args)
    elif lab == OUT:
        _measure_out(*args)
    else:
        _measure_act_out(*args)


# ---------------------------------------------------------------------------------------------
# The entry points, as closures over `lab`: numba prunes the branch on a closure's constant before
# typing, so the original's entry points never compile the lab's epoch, and its cache keeps the
# two sets apart (a closure's cached code is keyed by the values it closes over).


def _entry_points(paths: int) -> SimpleNamespace:
    """The kernels Network calls, compiled for the original's path alone (paths 0) or with the
    lab's paths in `paths` (ACT, OPT, DROP, OUT); with ONE, training's entry points run the
    epoch of a batch of one (the others are the same as without it)."""
    lab = paths & PASSES  # what the loss, the measures and the heatmaps need of the lab

    @_variant(paths)
    def train_epochs(layout, params, state, hyper, xt, y, epochs):
        """Train `epochs` whole epochs over the training columns of xt, in order, never
        reshuffled; y holds the targets, (n_outputs, n).

        An update happens after every batch_size-th sample of each epoch; samples left over at
        the end of an epoch stay accumulated (pending) into the next epoch's first update.
        """
        n = xt.shape[1]
        lay = _unsigned(layout)
        par, st, hp = _named(params, state, hyper)
        total, out, der = _scratch(lay, min(hp.batch_size, n) if n > 0 else 1)
        keep, raw, _ = _scratch(lay, min(hp.batch_size, n) if n > 0 and hp.dropout > 0.0 else 1)
        for _ in range(epochs):
            _run_epoch(paths, lay, par, st, hp, xt, y, total, out, der, keep, raw)

    @_variant(paths)
    def mean_loss(layout, params, act, objective, xt, y):
        """The objective's loss summed over outputs, averaged over the points in order (the
        displayed loss; no regularization term)."""
        lay = _unsigned(layout)
        total, out, _ = _scratch(lay, _LOSS_CHUNK)
        return _loss(lab, lay, _named_params(params), act, objective, xt, y, total, out)[0]

    @_variant(paths, nogil=True)
    def measure_now(layout, params, act, objective, xt, y, test_xt, test_y, row):
        """The network's measures now into row (as train_and_measure records each epoch's)."""
        lay = _unsigned(layout)
        total, out, _ = _scratch(lay, _LOSS_CHUNK)
        _measure(lab, lay, _named_params(params), act, objective, xt, y, test_xt, test_y, total,
                 out, row)

    @_variant(paths, nogil=True)
    def serve_measures(slot, patience, layout, params, act, objective, xt, y, test_xt, test_y,
                       row, grid_xt, grid):
        """The second core's standing job (second_core.py): each time the training thread posts
        an epoch in slot, measure the network into row (as measure_now), then draw the grid's
        points from slot[SPLIT] on (grid_outputs); until `patience` spins pass without an epoch
        or slot says stop. In compiled code from start to end: a worker that took the GIL
        between epochs made the training thread wait for it."""
        lay = _unsigned(layout)
        par = _named_params(params)
        total, out, _ = _scratch(lay, _LOSS_CHUNK)
        points = grid_xt.shape[1]
        while True:
            ticket = second_slot.next_posted(slot, patience)
            if ticket == 0:
                return
            if atomics.compare_exchange(slot, second_slot.CLAIMED, ticket - 1, ticket):
                _measure(lab, lay, par, act, objective, xt, y, test_xt, test_y, total, out, row)
                split = atomics.load_acquire(slot, second_slot.SPLIT)
                if split < points:
                    _run_grid(lab, layout, params, act, objective, grid_xt, grid, split, points)
                atomics.store_release(slot, second_slot.DONE, ticket)

    @_variant(paths)
    def predict(layout, params, act, objective, xt):
        """The network's outputs for each column of xt (exact, float64): (n_outputs, n)."""
        n = xt.shape[1]
        lay = _unsigned(layout)
        par = _named_params(params)
        sizes, _, u_off = lay
        total, out, _ = _scratch(lay, _LOSS_CHUNK)
        n_layers = sizes.shape[0]
        last = u_off[n_layers - 1]
        n_outputs = sizes[n_layers - 1]
        out_act = objectives.output_activation(objective)
        result = np.empty((n_outputs, n))
        start = 0
        while start < n:
            count = min(_LOSS_CHUNK, n - start)
            _run_forward(lab, lay, par, act, objective, out_act, xt, np.int64(start), count, total,
                         out)
            for k in range(n_outputs):
                for s in range(count):
                    result[k, start + s] = out[last + k, s]
            start += count
        return result

    # the heatmaps: the compiled closure itself, not a wrapper that inlines it (_grid_kernel)
    grid_outputs = _GRIDS[lab]

    @_variant(paths, nogil=True)
    def train_and_measure(layout, params, state, hyper, xt, y, test_xt, test_y, losses, epochs):
        """Train `epochs` epochs; after each that has a row e in losses, store its measures in
        losses[e] (train loss, test loss, train accuracy, test accuracy: _measure_kernel).

        One compiled call for a whole frame's epochs, with the losses the chart needs for each;
        with no rows, training alone (the second core measures: second_core.py). Releases the
        GIL, which that core's thread needs for a moment meanwhile.
        """
        n = xt.shape[1]
        lay = _unsigned(layout)
        par, st, hp = _named(params, state, hyper)
        total, out, der = _scratch(lay, min(hp.batch_size, n) if n > 0 else 1)
        keep, raw, _ = _scratch(lay, min(hp.batch_size, n) if n > 0 and hp.dropout > 0.0 else 1)
        loss_total, loss_out, _ = _scratch(lay, _LOSS_CHUNK)
        act, objective = hp.activation, hp.objective
        for e in range(epochs):
            _run_epoch(paths, lay, par, st, hp, xt, y, total, out, der, keep, raw)
            if e < losses.shape[0]:
                _measure(lab, lay, par, act, objective, xt, y, test_xt, test_y, loss_total,
                         loss_out, losses[e])

    @_variant(paths, nogil=True)
    def train_and_keep(layout, params, state, hyper, xt, y, weights_after, biases_after):
        """Train weights_after.shape[0] epochs; after each, copy the weights and biases into
        that epoch's row. Releases the GIL: while it trains, another thread can measure the
        epochs already kept (measure_kept), on the machine's second core."""
        n = xt.shape[1]
        lay = _unsigned(layout)
        par, st, hp = _named(params, state, hyper)
        total, out, der = _scratch(lay, min(hp.batch_size, n) if n > 0 else 1)
        keep, raw, _ = _scratch(lay, min(hp.batch_size, n) if n > 0 and hp.dropout > 0.0 else 1)
        for e in range(weights_after.shape[0]):
            _run_epoch(paths, lay, par, st, hp, xt, y, total, out, der, keep, raw)
            weights_after[e, :] = par.weights
            biases_after[e, :] = par.biases

    @_variant(paths, nogil=True)
    def measure_kept(layout, weights_after, biases_after, act, objective, xt, y, test_xt,
                     test_y, losses):
        """The measures of each kept epoch into losses[e] (as train_and_measure): the same numbers
        train_and_measure computes, from the same weights. Releases the GIL."""
        lay = _unsigned(layout)
        total, out, _ = _scratch(lay, _LOSS_CHUNK)
        unused = np.zeros(weights_after.shape[1], dtype=np.uint8)  # a forward pass reads no dead
        for e in range(losses.shape[0]):
            par = Params(weights_after[e], biases_after[e], unused)
            _measure(lab, lay, par, act, objective, xt, y, test_xt, test_y, total, out,
                     losses[e])

    return SimpleNamespace(train_epochs=train_epochs, mean_loss=mean_loss, predict=predict,
                           grid_outputs=grid_outputs, train_and_measure=train_and_measure,
                           train_and_keep=train_and_keep, measure_kept=measure_kept,
                           measure_now=measure_now, serve_measures=serve_measures)


# ---------------------------------------------------------------------------------------------
# Heatmaps: every unit on the whole grid at once, float32, display only.


# grid points taken through every layer at a time: a tile's rows (its layer's inputs and
# outputs, 2 KB a unit) stay in L1; longer tiles mean fewer loop starts per unit
_GRID_TILE = 512


@njit(**_INLINED)
def _grid_softmax(out, first, count, start, points):
    """The softmax over units first..first+count-1 of grid points start.., in float32 (display
    only), each probability p then written as 2 p - 1 for the heatmaps' -1..1 scale."""
    one, two = np.float32(1.0), np.float32(2.0)
    for p in range(start, start + points):
        top = out[first, p]
        for k in range(1, count):
            top = max(top, out[first + k, p])
        total = np.float32(0.0)
        for k in range(count):
            e = np.float32(np.exp(out[first + k, p] - top))
            out[first + k, p] = e
            total += e
        for k in range(count):
            out[first + k, p] = two * (out[first + k, p] / total) - one


@njit(**_INLINED)
def _grid_sum_rows(src, src0, n_prev, w, w0, w1, b0, b1, row0, row1, start, count):
    """Two units' sums over a run of points: row0[:count] = b0 + the sum over j of
    w[w0 + j] * src[src0 + j, start:][:count], and row1 likewise from w1 and b1, added in the
    order of j with one rounding each (fma32).

    Four inputs are added in one pass over the run (the first four onto the biases; with two or
    three inputs, the first two), for both units at once: an input is loaded once for the two,
    and a row is loaded and stored once per four inputs, not once per input, so the sums are
    limited by the multiply-adds. The rows must be other arrays than src (else the loops
    cannot vectorise). Each point's arithmetic is the same whatever `start` and `count`.
    """
    fma = activations.fma32
    four = np.uint64(4)
    j = np.uint64(0)
    while j + four <= n_prev:
        f0, g0 = np.float32(w[w0 + j]), np.float32(w[w0 + j + 1])
        h0, k0 = np.float32(w[w0 + j + 2]), np.float32(w[w0 + j + 3])
        f1, g1 = np.float32(w[w1 + j]), np.float32(w[w1 + j + 1])
        h1, k1 = np.float32(w[w1 + j + 2]), np.float32(w[w1 + j + 3])
        s = src0 + j
        if j == 0:
            for p in range(count):
                q = start + p
                x_f, x_g, x_h, x_k = src[s, q], src[s + 1, q], src[s + 2, q], src[s + 3, q]
                row0[p] = fma(k0, x_k, fma(h0, x_h, fma(g0, x_g, fma(f0, x_f, b0))))
                row1[p] = fma(k1, x_k, fma(h1, x_h, fma(g1, x_g, fma(f1, x_f, b1))))
        else:
            for p in range(count):
                q = start + p
                x_f, x_g, x_h, x_k = src[s, q], src[s + 1, q], src[s + 2, q], src[s + 3, q]
                row0[p] = fma(k0, x_k, fma(h0, x_h, fma(g0, x_g, fma(f0, x_f, row0[p]))))
                row1[p] = fma(k1, x_k, fma(h1, x_h, fma(g1, x_g, fma(f1, x_f, row1[p]))))
        j += four
    two = np.uint64(2)
    if n_prev < two:
        for p in range(count):
            row0[p] = b0
            row1[p] = b1
    elif n_prev < four:  # two inputs onto the biases (the default network's layers)
        f0, g0 = np.float32(w[w0]), np.float32(w[w0 + 1])
        f1, g1 = np.float32(w[w1]), np.float32(w[w1 + 1])
        for p in range(count):
            q = start + p
            x_f, x_g = src[src0, q], src[src0 + 1, q]
            row0[p] = fma(g0, x_g, fma(f0, x_f, b0))
            row1[p] = fma(g1, x_g, fma(f1, x_f, b1))
        j = two
    while j < n_prev:
        f0, f1, s = np.float32(w[w0 + j]), np.float32(w[w1 + j]), src0 + j
        for p in range(count):
            x = src[s, start + p]
            row0[p] = fma(f0, x, row0[p])
            row1[p] = fma(f1, x, row1[p])
        j += np.uint64(1)


def _grid_kernel(lab: int):
    """The heatmap kernel for the lab's paths `lab` of a forward pass (a closure over lab,
    compiled once per lab as _GRID_*). Returned to be compiled as it is: inlined into a wrapper,
    numba's copy of its IR took 0.6 s of a first start.

    grid_outputs(layout, params, act, objective, grid_xt, out, first, last) fills every unit's
    output at grid points first..last-1: out is (units, points) float32.

    grid_xt is (n_in, points) float32 with the active features at each grid point, copied into
    the input units' rows of out a tile at a time. The points go through the network a tile at
    a time (every layer, then the next tile), so a layer reads its inputs from L1 instead of
    from rows of the whole grid; the inner loops run over the points of a tile and vectorise.
    Two units' sums go to two scratch rows, their activations from there to their rows of out.
    Each point's arithmetic is the same whatever the tiling.
    """

    def grid_outputs(layout, params, act, objective, grid_xt, out, first, last):
        lay = _unsigned(layout)
        sizes, w_off, u_off = lay
        w, b, _ = params
        out_act = objectives.output_activation(objective)
        softmax = objectives.softmax(objective, lab & OUT)
        n_layers = sizes.shape[0]
        begin, end = np.uint64(first), np.uint64(last)
        tile = np.uint64(_GRID_TILE)
        rows = (np.empty(_GRID_TILE, dtype=np.float32),  # two units' sums over a tile, in two
                np.empty(_GRID_TILE, dtype=np.float32))  # arrays (the loops then tell them apart)
        for start in range(begin, end, tile):
            count = min(tile, end - start)
            for k in range(sizes[0]):
                for p in range(start, start + count):
                    out[k, p] = grid_xt[k, p]
            for layer in range(1, n_layers):
                n_prev, n_units = sizes[layer - 1], sizes[layer]
                output = layer == n_layers - 1
                a = out_act if output else act[layer]
                for i in range(0, n_units, 2):  # two units at a time; an odd last one twice
                    unit = u_off[layer] + i
                    pair = min(i + 1, n_units - 1)
                    _grid_sum_rows(out, u_off[layer - 1], n_prev, w, w_off[layer] + i * n_prev,
                                   w_off[layer] + pair * n_prev, np.float32(b[unit]),
                                   np.float32(b[u_off[layer] + pair]), rows[0], rows[1], start,
                                   count)
                    for k in range(min(np.uint64(2), n_units - i)):
                        activations.display_row(a, rows[k], out, unit + k, start, count,
                                                lab & ACT)  # OUTPUT LAYER: by unit
                        if lab & OUT and output and not softmax:
                            objectives.display_output_row(
                                objective, out[unit + k, start:start + count], count, lab & OUT)
            if softmax:  # OUTPUT LAYER as a whole: probabilities, shown as 2 p - 1
                _grid_softmax(out, u_off[n_layers - 1], sizes[n_layers - 1], start, count)

    return grid_outputs


# The heatmap kernels by the lab's paths of a forward pass: the compiled closures themselves
# (inlined into a wrapper, numba's copy of the IR took 0.6 s of a first start), shared by every
# set of entry points with the same `lab`. They release the GIL: a grid computed on another
# thread leaves the window running.
_GRID_0, _GRID_ACT, _GRID_OUT, _GRID_PASSES = (
    _variant(lab, nogil=True)(_grid_kernel(lab)) for lab in (0, ACT, OUT, PASSES))
_GRIDS = {0: _GRID_0, ACT: _GRID_ACT, OUT: _GRID_OUT, PASSES: _GRID_PASSES}


@njit(**_INLINED)
def _run_grid(lab, layout, params, act, objective, grid_xt, out, first, last):
    """Run the heatmap kernel of `lab`, a constant (a chain numba prunes, as _run_epoch)."""
    args = (layout, params, act, objective, grid_xt, out, first, last)
    if lab == 0:
        _GRID_0(*args)
    elif lab == ACT:
        _GRID_ACT(*args)
    elif lab == OUT:
        _GRID_OUT(*args)
    else:
        _GRID_PASSES(*args)


@functools.cache
def entry_points(paths: int) -> SimpleNamespace:
    """The kernels for a network that needs the lab's `paths` (0 for the original's alone),
    made when a network first needs them: a set is eight dispatchers, and making all sixteen
    sets took a start-up 25 ms."""
    if not 0 <= paths <= ALL | ONE:
        raise ValueError(f"no lab paths {paths}")
    return _entry_points(paths)


WEB = entry_points(0)  # the original's path: what every code made of the web's keys runs
