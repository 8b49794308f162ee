"""The numba engine against an independent plain-Python/numpy network written here.

The oracle follows REFERENCE §4 literally, one sample at a time with per-link objects, the way the
original is written, and shares nothing with the engine but the activation functions it is given.
With glibc's tanh/exp it must agree to 1e-9 over a short run; with the browser-exact fdlibm
functions it must agree to the last bit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground_game.model.core import fdlibm
from playground_game.model.playground import Playground, Train
from playground_game.model.settings import Settings


class OracleNet:
    """A network of per-unit lists, trained sample by sample as REFERENCE §4 describes."""

    def __init__(self, pg: Playground, tanh, exp) -> None:
        net = pg.network
        self.sizes = [int(n) for n in net.sizes]
        self.W = [None] + [net.layer_matrix(l).tolist() for l in range(1, len(self.sizes))]
        self.b = [None] + [net.layer_biases(l).tolist() for l in range(1, len(self.sizes))]
        self.dead = [None] + [[[False] * self.sizes[l - 1] for _ in range(self.sizes[l])]
                              for l in range(1, len(self.sizes))]
        s = pg.settings
        self.act = s.activation
        self.out_act = "tanh" if s.problem == "classification" else "linear"
        self.reg = s.regularization
        self.tanh, self.exp = tanh, exp
        L = len(self.sizes)
        self.acc_w = [None] + [[[0.0] * self.sizes[l - 1] for _ in range(self.sizes[l])]
                               for l in range(1, L)]
        self.acc_b = [None] + [[0.0] * self.sizes[l] for l in range(1, L)]
        self.count = 0

    def f(self, name, x):
        if name == "tanh":
            return self.tanh(x)
        if name == "relu":
            return x if x > 0 else (x if x != x else 0.0)
        if name == "sigmoid":
            return 1 / (1 + self.exp(-x))
        return x

    def df(self, name, x, out):
        if name == "tanh":
            return 1 - out * out
        if name == "relu":
            return 0.0 if x <= 0 else 1.0
        if name == "sigmoid":
            return out * (1 - out)
        return 1.0

    def forward(self, inputs):
        outs = [list(inputs)]
        totals = [None]
        for l in range(1, len(self.sizes)):
            name = self.out_act if l == len(self.sizes) - 1 else self.act
            t_layer, o_layer = [], []
            for i in range(self.sizes[l]):
                t = self.b[l][i]
                for j in range(self.sizes[l - 1]):
                    t += self.W[l][i][j] * outs[l - 1][j]
                t_layer.append(t)
                o_layer.append(self.f(name, t))
            totals.append(t_layer)
            outs.append(o_layer)
        return totals, outs

    def train_sample(self, inputs, target):
        totals, outs = self.forward(inputs)
        L = len(self.sizes) - 1
        out_der = [outs[L][0] - target]
        for l in range(L, 0, -1):
            name = self.out_act if l == L else self.act
            in_der = [out_der[i] * self.df(name, totals[l][i], outs[l][i])
                      for i in range(self.sizes[l])]
            for i in range(self.sizes[l]):
                self.acc_b[l][i] += in_der[i]
                for j in range(self.sizes[l - 1]):
                    if not self.dead[l][i][j]:
                        self.acc_w[l][i][j] += in_der[i] * outs[l - 1][j]
            if l > 1:
                out_der = []
                for j in range(self.sizes[l - 1]):
                    acc = 0.0
                    for i in range(self.sizes[l]):
                        acc += self.W[l][i][j] * in_der[i]
                    out_der.append(acc)
        self.count += 1

    def update(self, lr, rate):
        n = self.count
        for l in range(1, len(self.sizes)):
            for i in range(self.sizes[l]):
                self.b[l][i] -= lr * self.acc_b[l][i] / n
                self.acc_b[l][i] = 0.0
                for j in range(self.sizes[l - 1]):
                    if self.dead[l][i][j]:
                        continue
                    w = self.W[l][i][j]
                    rd = {"L1": (w > 0) - (w < 0), "L2": w}.get(self.reg, 0.0)
                    w1 = w - (lr / n) * self.acc_w[l][i][j]
                    w2 = w1 - (lr * rate) * rd
                    if self.reg == "L1" and w1 * w2 < 0:
                        self.W[l][i][j] = 0.0
                        self.dead[l][i][j] = True
                    else:
                        self.W[l][i][j] = w2
                    self.acc_w[l][i][j] = 0.0
        self.count = 0

    def epoch(self, xs, ys, batch, lr, rate):
        for k in range(len(ys)):
            self.train_sample(xs[k], ys[k])
            if (k + 1) % batch == 0:
                self.update(lr, rate)

    def loss(self, xs, ys):
        total = 0.0
        for k in range(len(ys)):
            d = self.forward(xs[k])[1][-1][0] - ys[k]
            total += 0.5 * (d * d)
        return total / len(ys)


CONFIGS = {
    "tanh-default": Settings(seed="0.1"),
    "relu-L1-leftover": Settings(seed="0.2", activation="relu", regularization="L1",
                                 regularization_rate=0.01, batch_size=7, learning_rate=0.1,
                                 network_shape=(5, 3), dataset="xor"),
    "sigmoid-L2-features": Settings(seed="0.3", activation="sigmoid", regularization="L2",
                                    regularization_rate=0.03, batch_size=3, dataset="gauss",
                                    features=("x", "y", "xSquared", "sinY"), noise=20),
    "linear-regression": Settings(seed="0.4", activation="linear", problem="regression",
                                  reg_dataset="reg-gauss", perc_train_data=20, batch_size=16,
                                  learning_rate=0.01, network_shape=(3,)),
    "no-hidden": Settings(seed="0.5", network_shape=(), features=("xSquared", "ySquared")),
    # A batch of one takes its own kernel (one_sample.py): layers of 4 + 1 units, and every
    # regularization, L1 killing links on the way.
    "relu-batch1-regression": Settings(seed="0.6", activation="relu", problem="regression",
                                       reg_dataset="reg-gauss", batch_size=1,
                                       learning_rate=0.01, network_shape=(8, 5)),
    "tanh-L1-batch1": Settings(seed="0.7", regularization="L1", regularization_rate=0.03,
                               batch_size=1, learning_rate=0.1, network_shape=(6, 3),
                               dataset="xor"),
    "sigmoid-L2-batch1": Settings(seed="0.8", activation="sigmoid", regularization="L2",
                                  regularization_rate=0.01, batch_size=1, network_shape=(4,),
                                  dataset="circle"),
}


def _run_both(settings: Settings, tanh, exp, epochs: int):
    pg = Playground(settings)
    oracle = OracleNet(pg, tanh, exp)
    (train_xt, train_y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
    xs, ys = train_xt.T.tolist(), train_y[0].tolist()  # one output unit: targets row 0
    txs, tys = test_xt.T.tolist(), test_y[0].tolist()
    ours, theirs = [], []
    for _ in range(epochs):
        pg.apply(Train(1))
        oracle.epoch(xs, ys, settings.batch_size, settings.learning_rate,
                     settings.regularization_rate)
        ours.append((pg.train_loss, pg.test_loss))
        theirs.append((oracle.loss(xs, ys), oracle.loss(txs, tys)))
    weights = np.concatenate([np.ravel(m) for m in oracle.W[1:]])
    return np.array(ours), np.array(theirs), pg.network.weights, weights


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_engine_matches_oracle_exactly_with_fdlibm(name: str) -> None:
    ours, theirs, w_ours, w_theirs = _run_both(CONFIGS[name], fdlibm.tanh, fdlibm.exp, 4)
    assert np.array_equal(ours, theirs)
    assert np.array_equal(w_ours, w_theirs)


def test_batch_of_one_after_leftover_samples_matches_oracle() -> None:
    """Samples left over from a batch of 7 go into the first update at a batch of one.

    The window resets the network when the batch size changes (as the original does), so this
    drives the network directly: the kernel must still count and clear what it was given."""
    settings = Settings(seed="0.9", activation="relu", regularization="L2",
                        regularization_rate=0.01, batch_size=7, network_shape=(5,))
    pg = Playground(settings)
    oracle = OracleNet(pg, fdlibm.tanh, fdlibm.exp)
    (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
    assert xt.shape[1] % 7 != 0  # there is a leftover
    xs, ys = xt.T.tolist(), y[0].tolist()
    for batch in (7, 1, 1):
        pg.network.train_and_measure(xt, y, test_xt, test_y, batch, settings.learning_rate,
                                     settings.regularization_rate, 1)
        oracle.epoch(xs, ys, batch, settings.learning_rate, settings.regularization_rate)
    weights = np.concatenate([np.ravel(m) for m in oracle.W[1:]])
    assert np.array_equal(pg.network.weights, weights)
    assert np.array_equal(pg.network.biases[pg.network.u_off[1]:],
                          np.concatenate(oracle.b[1:]))


def test_l1_at_a_batch_of_one_kills_links_as_the_oracle() -> None:
    pg = Playground(CONFIGS["tanh-L1-batch1"])
    pg.apply(Train(4))
    assert pg.network.dead.any()  # the L1 case above really kills links


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_engine_matches_oracle_with_glibc_math(name: str) -> None:
    ours, theirs, w_ours, w_theirs = _run_both(CONFIGS[name], math.tanh, math.exp, 4)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
    np.testing.assert_allclose(w_ours, w_theirs, rtol=0, atol=1e-9)
