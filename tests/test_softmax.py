"""Softmax outputs with cross-entropy against an independent plain-numpy reference written here.

A network with K output units (K = 3 and 5) trains 50 epochs in the engine and in `_reference`
below from the same initial weights and data: weights, biases and every epoch's losses and
accuracies must agree to 1e-12. The reference shares nothing with the engine but the data and
the first weights: numpy's tanh and exp, a matrix per layer, the softmax and its gradient
(p - t) written from their definitions.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.core.network import Network
from playground_game.model.core.objectives import OBJECTIVES, for_problem, one_hot_targets
from playground_game.model.core.rng import SeededRandom

EPOCHS = 50
TOLERANCE = 1e-12


def _data(classes: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n points around `classes` centres on a circle: inputs (2, n), labels, one-hot targets."""
    gen = np.random.default_rng(seed)
    labels = gen.integers(0, classes, n)
    angle = 2 * np.pi * labels / classes
    xt = np.vstack([3 * np.cos(angle), 3 * np.sin(angle)]) + gen.normal(0, 1.2, (2, n))
    return np.ascontiguousarray(xt), labels.astype(np.float64), one_hot_targets(labels, classes)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def _reference(net: Network, hidden: int, xt, y, test_xt, test_y, batch: int, lr: float,
               adam: bool) -> tuple[list, list, np.ndarray]:
    """Train a copy of net's first weights EPOCHS epochs; (W, b, measures per epoch)."""
    layers = net.num_layers
    W = [net.layer_matrix(k).copy() for k in range(1, layers)]
    b = [net.layer_biases(k).copy() for k in range(1, layers)]
    moments = [np.zeros_like(p) for p in (*b, *W) for _ in range(2)]
    step = 0

    def forward(x):
        outs, zs = [x], []
        for k, (w, bias) in enumerate(zip(W, b, strict=True)):
            z = w @ outs[-1] + bias[:, None]
            zs.append(z)
            outs.append(_softmax(z) if k == len(W) - 1 else np.tanh(z))
        return zs, outs

    def measures(x, t):
        p = forward(x)[1][-1]
        loss = float(np.mean(-(t * np.log(np.maximum(p, 1e-15))).sum(axis=0)))
        return loss, float(np.mean(p.argmax(axis=0) == t.argmax(axis=0)))

    rows = []
    n = xt.shape[1]
    for _ in range(EPOCHS):
        for start in range(0, n, batch):
            x, t = xt[:, start:start + batch], y[:, start:start + batch]
            zs, outs = forward(x)
            delta = outs[-1] - t  # d cross-entropy / d z of the softmax layer
            grads_w, grads_b = [None] * len(W), [None] * len(W)
            for k in range(len(W) - 1, -1, -1):
                grads_w[k] = delta @ outs[k].T / x.shape[1]
                grads_b[k] = delta.sum(axis=1) / x.shape[1]
                if k:
                    delta = (W[k].T @ delta) * (1 - np.tanh(zs[k - 1]) ** 2)
            step += 1
            for i, (p, g) in enumerate(zip((*b, *W), (*grads_b, *grads_w), strict=True)):
                if not adam:
                    p -= lr * g
                    continue
                m, v = moments[2 * i], moments[2 * i + 1]
                m[...] = 0.9 * m + 0.1 * g
                v[...] = 0.999 * v + 0.001 * g * g
                p -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        (train_loss, train_acc), (test_loss, test_acc) = measures(xt, y), measures(test_xt, test_y)
        rows.append((train_loss, test_loss, train_acc, test_acc))
    return W, b, np.array(rows)


@pytest.mark.parametrize("classes", [3, 5])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_softmax_cross_entropy_trains_as_the_numpy_reference(classes: int,
                                                            optimizer: str) -> None:
    xt, _, y = _data(classes, 120, seed=classes)
    test_xt, _, test_y = _data(classes, 40, seed=10 + classes)
    hidden = 5
    net = Network.build([2, hidden, 4, classes], SeededRandom("softmax"), "tanh", "softmax-xent",
                        optimizer=optimizer)
    batch = 10
    lr = 0.003 if optimizer == "adam" else 0.1
    params = {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8} if optimizer == "adam" else None
    W, b, expected = _reference(net, hidden, xt, y, test_xt, test_y, batch, lr,
                                optimizer == "adam")
    got = net.train_and_measure(xt, y, test_xt, test_y, batch, lr, 0.0, EPOCHS, params)
    assert np.abs(got - expected).max() < TOLERANCE
    for k in range(1, net.num_layers):
        assert np.abs(net.layer_matrix(k) - W[k - 1]).max() < TOLERANCE
        assert np.abs(net.layer_biases(k) - b[k - 1]).max() < TOLERANCE
    assert expected[-1, 2] > expected[0, 2]  # it learned something: accuracy rose


def test_softmax_outputs_are_probabilities_and_the_grid_shows_them() -> None:
    net = Network.build([2, 4, 4], SeededRandom("grid"), "tanh", "softmax-xent")
    xt, _, _ = _data(4, 30, seed=1)
    p = net.predict(xt)
    assert p.shape == (4, 30) and np.allclose(p.sum(axis=0), 1.0) and (p > 0).all()
    out = np.zeros((int(net.u_off[-1]), 30), dtype=np.float32)
    net.grid(xt.astype(np.float32), out)
    shown = out[int(net.u_off[2]):]
    assert np.allclose((shown + 1) / 2, p, atol=1e-5)  # each unit's heatmap is 2 p - 1


def test_one_hot_targets_and_the_objective_for_several_classes() -> None:
    assert one_hot_targets(np.array([2.0, 0.0, 1.0]), 3).tolist() == [
        [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    with pytest.raises(ValueError, match="classes 0 to 2"):
        one_hot_targets(np.array([3.0]), 3)
    assert for_problem("classification", "square", 4).key == "softmax-xent"
    assert for_problem("classification", "cross-entropy", 2).key == "sigmoid-xent"
    assert for_problem("classification", "square", 2).key == "tanh-square"
    assert not OBJECTIVES["softmax-xent"].web
