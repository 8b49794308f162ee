"""How accumulated gradients change the parameters: the optimizer table and the
regularization table, each row beside its kernels.

An optimizer row says how many floats of state it keeps per network (`state_size`, given the
numbers of weights and units; Network allocates them as `opt_state`) and has a step kernel
dispatched by `step` at the end of this file. The first row is the original's plain gradient
descent (REFERENCE §4), which keeps no state, bit for bit. The lab's rows (momentum, Nesterov,
RMSProp, Adam; web=False) share `adaptive_step`, which computes each parameter's mean gradient
g = acc / n (plus the penalty's derivative times its rate for a weight) and moves the parameter
by the learning rate times the row's `direction`. Their state holds one slot per weight, then
one per unit, for each moment they keep (Adam: two, then its step count). A new optimizer is a
row, a branch in `direction` and, if its state differs, a `state_size`: here only.

Regularization (none, L1, L2) is a knob of its own: a row per penalty with the derivative of the
penalty per weight. Biases are never regularized.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from numba import njit
from numba.core.registry import CPUDispatcher

from playground_game.model.core.registry import Registry

# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINE = {"inline": "always", "error_model": "numpy"}


# ---------------------------------------------------------------------------------------------
# Regularization.


@njit(**_INLINE)
def no_penalty_derivative(w):
    return 0.0


@njit(**_INLINE)
def l1_derivative(w):
    return -1.0 if w < 0 else (1.0 if w > 0 else 0.0)


@njit(**_INLINE)
def l2_derivative(w):
    return w


@dataclass(frozen=True)
class Regularization:
    """A weight penalty: its bookmark key (the original writes none as an absent key), its
    label, and the derivative of the penalty with respect to a weight."""

    key: str
    label: str
    derivative: CPUDispatcher
    web: bool = True


REGULARIZATIONS: Registry[Regularization] = Registry("regularization", (
    Regularization("none", "None", no_penalty_derivative),
    Regularization("L1", "L1", l1_derivative),
    Regularization("L2", "L2", l2_derivative),
))

REG_NONE = REGULARIZATIONS.id_of("none")
REG_L1 = REGULARIZATIONS.id_of("L1")
REG_L2 = REGULARIZATIONS.id_of("L2")


@njit(**_INLINE)
def penalty_derivative(kind, w):
    """The regularization dispatch: the penalty's derivative at weight w."""
    if kind == REG_L1:
        return l1_derivative(w)
    if kind == REG_L2:
        return l2_derivative(w)
    return no_penalty_derivative(w)


# ---------------------------------------------------------------------------------------------
# Optimizers. Their step kernels take the bundles of kernels.py: the layout (uint64), the
# parameters, the accumulators and state, and the hyper-parameters.


@njit(**_INLINE)
def sgd_step(layout, params, state, hyper):
    """The original's updateWeights: each bias, then each live weight, per REFERENCE §4.

    Every parameter's update is independent of the others, so the weights run in one flat
    branch-free loop per regularization kind (dead links keep their weight and accumulator).
    """
    sizes, w_off, u_off = layout
    w, b, dead = params
    acc_w, acc_b, pending = state.acc_w, state.acc_b, state.pending
    lr = hyper.learning_rate
    n = pending[0]
    if n <= 0:
        return
    n_layers = sizes.shape[0]
    for unit in range(u_off[1], u_off[n_layers]):
        b[unit] -= lr * acc_b[unit] / n
        acc_b[unit] = 0.0
    lr_rate = lr * hyper.reg_rate
    lr_per = lr / n
    if hyper.regularization == REG_L1:
        for k in range(w_off[1], w_off[n_layers]):
            if dead[k]:
                continue
            old = w[k]
            stepped = old - lr_per * acc_w[k]
            new = stepped - lr_rate * l1_derivative(old)
            if stepped * new < 0:
                w[k] = 0.0
                dead[k] = 1
            else:
                w[k] = new
            acc_w[k] = 0.0
    else:
        l2 = hyper.regularization == REG_L2
        no_reg = lr_rate * 0.0  # the step of a zero penalty derivative (NaN for an infinite rate)
        for k in range(w_off[1], w_off[n_layers]):
            old = w[k]
            acc = acc_w[k]
            new = (old - lr_per * acc) - (lr_rate * l2_derivative(old) if l2 else no_reg)
            live = dead[k] == 0
            w[k] = new if live else old
            acc_w[k] = 0.0 if live else acc
    pending[0] = 0


def _no_state(n_weights: int, n_units: int) -> int:
    return 0


def _one_moment(n_weights: int, n_units: int) -> int:
    return n_weights + n_units


def _adam_state(n_weights: int, n_units: int) -> int:
    return 2 * (n_weights + n_units) + 1  # m, v, then the step count t


@dataclass(frozen=True)
class Optimizer:
    """An update rule: its key, its label, whether the web playground knows it, and how many
    floats of state it keeps for a network of n_weights weights and n_units units."""

    key: str
    label: str
    web: bool
    state_size: Callable[[int, int], int]
    step: CPUDispatcher


# The ids the kernels test; rows are never reordered (a new one goes at the end).
SGD, MOMENTUM, NESTEROV, RMSPROP, ADAM = 0, 1, 2, 3, 4


@njit(**_INLINE)
def direction(kind, g, st, i, n_par, hyper, c1, c2):
    """How far (before the learning rate) a parameter with mean gradient g moves, updating its
    state slots st[i] (and st[n_par + i] for Adam); c1, c2 are Adam's bias corrections.
    `kind` is a constant in each loop of `_adaptive_loop`, so its branches fold away there."""
    if kind == MOMENTUM:  # v = mu v + g; p -= lr v
        v = hyper.momentum * st[i] + g
        st[i] = v
        return v
    if kind == NESTEROV:  # v = mu v + g; p -= lr (g + mu v)
        v = hyper.momentum * st[i] + g
        st[i] = v
        return g + hyper.momentum * v
    if kind == RMSPROP:  # s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps)
        s = hyper.rho * st[i] + (1.0 - hyper.rho) * (g * g)
        st[i] = s
        return g / (math.sqrt(s) + hyper.epsilon)
    # ADAM: m and v with bias correction (Kingma and Ba)
    m = hyper.beta1 * st[i] + (1.0 - hyper.beta1) * g
    v = hyper.beta2 * st[n_par + i] + (1.0 - hyper.beta2) * (g * g)
    st[i] = m
    st[n_par + i] = v
    return (m / c1) / (math.sqrt(v / c2) + hyper.epsilon)


@njit(**_INLINE)
def _adaptive_loop(kind, params, state, hyper, n, n_w, lo_b, hi_b, lo_w, c1, c2):
    """One optimizer's update of every bias, then every weight, written without branches so
    that the loops vectorise: a dead link keeps its weight, state and accumulator by select;
    the penalty's derivative is L1's sign or L2's weight times 0 or 1; L1 still kills a
    weight whose step crosses zero."""
    w, b, dead = params
    acc_w, acc_b, st = state.acc_w, state.acc_b, state.opt_state
    lr = hyper.learning_rate
    n_par = n_w + hi_b
    for unit in range(lo_b, hi_b):
        g = acc_b[unit] / n
        b[unit] -= lr * direction(kind, g, st, n_w + unit, n_par, hyper, c1, c2)
        acc_b[unit] = 0.0
    reg, rate = hyper.regularization, hyper.reg_rate
    use_l1 = 1.0 if reg == REG_L1 else 0.0
    use_l2 = 1.0 if reg == REG_L2 else 0.0
    kills = reg == REG_L1
    for k in range(lo_w, n_w):
        old = w[k]
        live = dead[k] == 0
        keep_m = st[k]
        keep_v = st[n_par + k] if kind == ADAM else 0.0
        penalty = use_l1 * l1_derivative(old) + use_l2 * l2_derivative(old)
        g = acc_w[k] / n + rate * penalty
        new = old - lr * direction(kind, g, st, k, n_par, hyper, c1, c2)
        crossed = kills and old * new < 0
        w[k] = (0.0 if crossed else new) if live else old
        dead[k] = 1 if (live and crossed) else dead[k]
        st[k] = st[k] if live else keep_m
        if kind == ADAM:
            st[n_par + k] = st[n_par + k] if live else keep_v
        acc_w[k] = 0.0 if live else acc_w[k]


@njit(cache=True, error_model="numpy")  # called, not inlined: a cold start compiles it once
def adaptive_step(layout, params, state, hyper):
    """Momentum, Nesterov, RMSProp and Adam: each bias, then each live weight (dead ones keep
    their weight, state and accumulator); L1 still kills a weight whose step crosses zero.
    Each optimizer has its own loop (`_adaptive_loop` with a constant kind)."""
    sizes, w_off, u_off = layout
    st, pending = state.opt_state, state.pending
    n = pending[0]
    if n <= 0:
        return
    kind = hyper.optimizer
    n_layers = sizes.shape[0]
    n_w, n_u = w_off[n_layers], u_off[n_layers]
    n_par = n_w + n_u
    c1 = 1.0
    c2 = 1.0
    if kind == ADAM:
        t = st[n_par + n_par] + 1.0
        st[n_par + n_par] = t
        c1 = 1.0 - hyper.beta1 ** t
        c2 = 1.0 - hyper.beta2 ** t
    lo_b, lo_w = u_off[1], w_off[1]
    if kind == MOMENTUM:
        _adaptive_loop(MOMENTUM, params, state, hyper, n, n_w, lo_b, n_u, lo_w, c1, c2)
    elif kind == NESTEROV:
        _adaptive_loop(NESTEROV, params, state, hyper, n, n_w, lo_b, n_u, lo_w, c1, c2)
    elif kind == RMSPROP:
        _adaptive_loop(RMSPROP, params, state, hyper, n, n_w, lo_b, n_u, lo_w, c1, c2)
    else:
        _adaptive_loop(ADAM, params, state, hyper, n, n_w, lo_b, n_u, lo_w, c1, c2)
    pending[0] = 0


OPTIMIZERS: Registry[Optimizer] = Registry("optimizer", (
    Optimizer("sgd", "Gradient descent", True, _no_state, sgd_step),
    Optimizer("momentum", "Momentum", False, _one_moment, adaptive_step),
    Optimizer("nesterov", "Nesterov momentum", False, _one_moment, adaptive_step),
    Optimizer("rmsprop", "RMSProp", False, _one_moment, adaptive_step),
    Optimizer("adam", "Adam", False, _adam_state, adaptive_step),
))
assert OPTIMIZERS.keys() == ("sgd", "momentum", "nesterov", "rmsprop", "adam")

# Each optimizer's hyper-parameters, by the Hyper field (kernels.py) and its standard default.
OPTIMIZER_DEFAULTS: dict[str, float] = {
    "momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "rho": 0.9}
HYPER_PARAMETERS: dict[str, tuple[str, ...]] = {
    "sgd": (), "momentum": ("momentum",), "nesterov": ("momentum",),
    "rmsprop": ("rho", "epsilon"), "adam": ("beta1", "beta2", "epsilon")}


@njit(**_INLINE)
def step(layout, params, state, hyper, lab):
    """The optimizer dispatch: apply the accumulated gradients of state.pending[0] samples."""
    if lab and hyper.optimizer != SGD:
        adaptive_step(layout, params, state, hyper)
    else:
        sgd_step(layout, params, state, hyper)
