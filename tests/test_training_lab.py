"""The training lab against an independent plain-numpy reference written here.

Each optimizer, schedule and loss trains 50 epochs on three networks in the engine (through
`Playground`, from a code) and in `reference_train` below, from the same initial weights and data;
weights, biases and every epoch's losses must agree to 1e-12. The reference shares nothing with
the engine but the data: numpy's own tanh/exp, matrices per layer, a batch's gradient summed in
one matrix product.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import pytest

from playground_game.model.bookmark import encode_code, parse_code, web_only
from playground_game.model.knobs import KNOB_BY_KEY
from playground_game.model.playground import Playground, Train
from playground_game.model.settings import SettingsError

EPOCHS = 50
TOLERANCE = 1e-12

# name -> (f(z), f'(z)) in numpy
REFERENCE_ACTIVATIONS = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)),
                lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "linear": (lambda z: z, lambda z: np.ones_like(z)),
    "swish": (lambda z: z / (1 + np.exp(-z)),
              lambda z: 1 / (1 + np.exp(-z)) + z * np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "elu": (lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
            lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))),
}

# Three networks: (a code's network keys, hidden activation).
NETWORKS = {
    "tanh-4-2": "activation=tanh&networkShape=4,2&batchSize=10",
    "relu-3-b7": "activation=relu&networkShape=3&batchSize=7",  # leftovers cross epochs
    "swish-5-3-xy": "activation=swish&networkShape=5,3&batchSize=4&xTimesY=true&"
                    "learningRate=0.01",
}
# Activations per layer: the web's, then a mix with the lab's (two more networks).
LAYER_NETWORKS = {
    "relu-tanh": "activation=tanh&networkShape=4,3&layerActivations=relu,tanh&batchSize=5",
    "elu-sigmoid-linear": "networkShape=3,4,2&layerActivations=elu,sigmoid,linear"
                          "&learningRate=0.01&batchSize=1",
}


def _rate(schedule: str, lr: float, epoch: int, decay_rate: float, steps: int) -> float:
    if schedule == "step":
        return lr * decay_rate ** (epoch // steps)
    if schedule == "exponential":
        return lr * decay_rate ** (epoch / steps)
    if schedule == "cosine":
        return lr * 0.5 * (1 + math.cos(math.pi * min(epoch, steps) / steps))
    return lr


class SplitMix64:
    """The dropout masks' stream, from its definition (splitmix64 64-bit draws)."""

    def __init__(self, seed: str) -> None:
        self.state = (zlib.crc32(seed.encode()) * 0x100000001 + 0x5DEECE66D) % 2**64

    def row(self, count: int) -> list[float]:
        """A unit's masks' uniforms for `count` samples: four 16-bit numbers per draw, low
        bits first."""
        draws = [self.next64() for _ in range((count + 3) // 4)]
        return [((draws[s // 4] >> (16 * (s % 4))) & 0xFFFF) / 65536 for s in range(count)]

    def next64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) % 2**64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
        z ^= z >> 31
        return z


class Reference:
    """A plain numpy network: per-layer matrices, the optimizers written from their papers."""

    def __init__(self, pg: Playground) -> None:
        net, s = pg.network, pg.settings
        self.s = s
        self.W = [net.layer_matrix(layer).copy() for layer in range(1, net.num_layers)]
        self.b = [net.layer_biases(layer).copy() for layer in range(1, net.num_layers)]
        self.hidden = [REFERENCE_ACTIVATIONS[key] for key in
                       s.layer_activations or (s.activation,) * len(s.network_shape)]
        xent = s.loss == "cross-entropy" and s.problem == "classification"
        self.xent = xent
        self.out = REFERENCE_ACTIVATIONS["sigmoid" if xent else
                                         ("tanh" if s.problem == "classification" else "linear")]
        self.acc_W = [np.zeros_like(w) for w in self.W]
        self.acc_b = [np.zeros_like(b) for b in self.b]
        self.state: dict[str, list] = {}
        self.t = 0
        self.pending = 0
        self.masks = SplitMix64(s.seed)

    def forward(self, x: np.ndarray, train: bool = False) -> tuple[list, list, list]:
        """z and outputs per layer, and (training with dropout) each hidden layer's mask."""
        zs, outs, masks = [], [x], []
        rate = self.s.dropout if train else 0.0
        for k, (w, b) in enumerate(zip(self.W, self.b, strict=True)):
            z = w @ outs[-1] + b[:, None]
            last = k == len(self.W) - 1
            f = self.out[0] if last else self.hidden[k][0]
            zs.append(z)
            a = f(z)
            if rate > 0 and not last:  # inverted dropout, masks drawn unit by unit
                draws = [self.masks.row(a.shape[1]) for _ in range(a.shape[0])]  # unit by unit
                mask = np.where(np.array(draws) >= rate, 1 / (1 - rate), 0.0)
                masks.append(mask)
                a = a * mask
            else:
                masks.append(np.ones_like(a))
            outs.append(a)
        return zs, outs, masks

    def loss(self, x: np.ndarray, y: np.ndarray) -> float:
        o = self.forward(x)[1][-1]
        if self.xent:
            p = np.clip(o, 1e-15, 1 - 1e-15)
            return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
        return float(np.mean(0.5 * (o - y) ** 2))

    def accumulate(self, x: np.ndarray, y: np.ndarray) -> None:
        zs, outs, masks = self.forward(x, train=True)
        o = outs[-1]
        delta = (o - y) if self.xent else (o - y) * self.out[1](zs[-1])
        for k in range(len(self.W) - 1, -1, -1):
            self.acc_W[k] += delta @ outs[k].T
            self.acc_b[k] += delta.sum(axis=1)
            if k:
                delta = (self.W[k].T @ delta) * masks[k - 1] * self.hidden[k - 1][1](zs[k - 1])
        self.pending += x.shape[1]

    def update(self, lr: float) -> None:
        s, n = self.s, self.pending
        opt = s.optimizer
        self.t += 1
        params = [*self.b, *self.W]
        grads = [*(a / n for a in self.acc_b), *(a / n for a in self.acc_W)]
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            if opt == "sgd":
                p -= lr * g
                continue
            if opt in ("momentum", "nesterov"):
                v = self.state.setdefault(f"v{i}", np.zeros_like(p))
                v *= s.momentum
                v += g
                p -= lr * (v if opt == "momentum" else g + s.momentum * v)
            elif opt == "rmsprop":
                r = self.state.setdefault(f"r{i}", np.zeros_like(p))
                r[...] = s.rho * r + (1 - s.rho) * g * g
                p -= lr * g / (np.sqrt(r) + s.epsilon)
            else:  # adam
                m = self.state.setdefault(f"m{i}", np.zeros_like(p))
                v = self.state.setdefault(f"s{i}", np.zeros_like(p))
                m[...] = s.beta1 * m + (1 - s.beta1) * g
                v[...] = s.beta2 * v + (1 - s.beta2) * g * g
                m_hat = m / (1 - s.beta1 ** self.t)
                v_hat = v / (1 - s.beta2 ** self.t)
                p -= lr * m_hat / (np.sqrt(v_hat) + s.epsilon)
        for a in (*self.acc_W, *self.acc_b):
            a[...] = 0.0
        self.pending = 0

    def train(self, pg: Playground, epochs: int) -> list[tuple[float, float]]:
        (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
        s, n = self.s, xt.shape[1]
        losses = []
        for epoch in range(epochs):
            lr = _rate(s.lr_schedule, s.learning_rate, epoch, s.decay_rate, s.decay_steps)
            start = 0
            while start < n:
                stop = min(n, (start // s.batch_size + 1) * s.batch_size)
                self.accumulate(xt[:, start:stop], y[:, start:stop])
                if stop % s.batch_size == 0:
                    self.update(lr)
                start = stop
            losses.append((self.loss(xt, y), self.loss(test_xt, test_y)))
        return losses


def _compare(code: str) -> float:
    """Train `code` EPOCHS epochs in the engine and the reference; the largest difference."""
    pg = Playground(parse_code(code).settings)
    ref = Reference(pg)
    expected = ref.train(pg, EPOCHS)
    pg.apply(Train(EPOCHS))
    net = pg.network
    worst = 0.0
    for layer in range(1, net.num_layers):
        worst = max(worst, np.abs(net.layer_matrix(layer) - ref.W[layer - 1]).max(),
                    np.abs(net.layer_biases(layer) - ref.b[layer - 1]).max())
    got = np.column_stack([pg.train_losses[1:], pg.test_losses[1:]])
    worst = max(worst, float(np.abs(got - np.array(expected)).max()))
    return float(worst)


LAB_CASES = {
    "sgd": "",
    "momentum": "optimizer=momentum&learningRate=0.003",
    "nesterov": "optimizer=nesterov&momentum=0.8&learningRate=0.003",
    "rmsprop": "optimizer=rmsprop&rho=0.95&learningRate=0.003",
    "adam": "optimizer=adam&learningRate=0.003",
    "adam-betas": "optimizer=adam&beta1=0.8&beta2=0.99&epsilon=0.0001&learningRate=0.003",
    "step-decay": "lrSchedule=step&decayRate=0.5&decaySteps=10",
    "exponential-decay": "lrSchedule=exponential&decayRate=0.3&decaySteps=20",
    "cosine": "lrSchedule=cosine&decaySteps=40",
    "cross-entropy": "loss=cross-entropy",
    "adam-cosine-xent": "optimizer=adam&learningRate=0.01&lrSchedule=cosine&decaySteps=30&"
                        "loss=cross-entropy",
    "dropout": "dropout=0.2",
    "dropout-adam-batch-1": "dropout=0.5&optimizer=adam&learningRate=0.001&batchSize=1",
}


@pytest.mark.parametrize("network", NETWORKS)
@pytest.mark.parametrize("case", LAB_CASES)
def test_lab_trains_as_the_numpy_reference(case: str, network: str) -> None:
    code = "&".join(part for part in (NETWORKS[network], LAB_CASES[case], "seed=0.3") if part)
    assert _compare(code) < TOLERANCE


@pytest.mark.parametrize("network", LAYER_NETWORKS)
@pytest.mark.parametrize("case", ["sgd", "adam", "dropout"])
def test_activations_per_layer_train_as_the_numpy_reference(case: str, network: str) -> None:
    code = "&".join(part for part in (LAYER_NETWORKS[network], LAB_CASES[case], "seed=0.6")
                    if part)
    assert _compare(code) < TOLERANCE


def test_layer_activations_follow_the_top_bar_and_the_layers() -> None:
    from playground_game.model.bookmark import encode_code
    from playground_game.model.playground import AddLayer, Change, RemoveLayer

    pg = Playground(parse_code("networkShape=4,3&layerActivations=relu,tanh&seed=1").settings)
    assert pg.network.activations[1:3].tolist() == [0, 1]  # ReLU, then tanh (table ids)
    assert "layerActivations=relu,tanh" in encode_code(pg.settings)
    pg.apply(AddLayer())  # a new layer takes the top bar's activation
    assert pg.settings.layer_activations == ("relu", "tanh", "tanh")
    pg.apply(RemoveLayer())
    pg.apply(RemoveLayer())  # one layer, ReLU, under a tanh top bar: still its own
    assert pg.settings.layer_activations == ("relu",)
    pg.apply(Change({"layer_activations": ("tanh",)}))  # the same as the top bar: no list
    assert pg.settings.layer_activations == () and "layerActivations" not in encode_code(
        pg.settings)
    pg.apply(Change({"layer_activations": ("gelu",)}))
    pg.apply(Change({"activation": "sigmoid"}))  # the top bar sets every layer again
    assert pg.settings.layer_activations == ()
    assert pg.network.activations[1] == pg.network.activations[0] != 0
    with pytest.raises(SettingsError, match="layerActivations: 1 activations for 2 hidden"):
        parse_code("networkShape=4,3&layerActivations=relu")
    with pytest.raises(SettingsError, match="layerActivations"):
        parse_code("networkShape=4&layerActivations=mish")


def test_regression_keeps_the_square_loss_with_cross_entropy() -> None:
    pg = Playground(parse_code("problem=regression&loss=cross-entropy&seed=1").settings)
    assert pg.objective.key == "linear-square"


def test_the_lab_keys_are_ours_and_written_only_off_their_default() -> None:
    lab = ("optimizer", "momentum", "beta1", "beta2", "epsilon", "rho", "lrSchedule",
           "decayRate", "decaySteps", "dropout", "initializer", "loss", "stopEpoch", "stopLoss",
           "stopAccuracy", "stopPlateau")
    for key in lab:
        assert not KNOB_BY_KEY[key].web, key
        assert KNOB_BY_KEY[key].lock_name, key
    plain = parse_code("activation=relu&seed=0.5").settings
    assert "optimizer" not in encode_code(plain, short=False) and web_only(plain)
    adam = plain.with_changes(optimizer="adam", beta2=0.99)
    code = encode_code(adam)
    assert "optimizer=adam" in code and "beta2=0.99" in code and "beta1" not in code
    assert parse_code(code).settings == adam and not web_only(adam)
    assert not web_only(plain.with_changes(activation="gelu"))
    assert not web_only(plain.with_changes(hidden=frozenset({"optimizer"})))


@pytest.mark.parametrize(("code", "words"), [
    ("optimizer=adagrad", "optimizer: 'adagrad' is not allowed; expected one of sgd, momentum"),
    ("beta1=1.5", "beta1: 1.5 is not allowed; expected a number from 0 to 0.999"),
    ("activation=mish", "activation: 'mish' is not allowed; expected one of relu"),
    ("initializer=orthogonal", "expected one of uniform, zeros, xavier, he"),
    ("decaySteps=2.5", "decaySteps: '2.5' is not allowed; expected a whole number"),
])
def test_a_bad_lab_value_is_refused_with_key_value_and_allowed(code: str, words: str) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_code(code)
    assert words in str(caught.value)


def test_initializers_scale_the_same_draws() -> None:
    """Same data, and each first-layer weight is the original's draw r scaled: (2r - 1) limit."""
    base = parse_code("seed=0.2&networkShape=3").settings
    uniform = Playground(base)
    for key, limit in (("xavier", math.sqrt(6 / 5)), ("he", math.sqrt(3))):
        lab = Playground(base.with_changes(initializer=key))
        assert np.array_equal(lab.train_inputs[0], uniform.train_inputs[0])
        first = lab.network.layer_matrix(1)
        assert np.allclose(first, 2 * limit * uniform.network.layer_matrix(1), rtol=1e-14)
        assert not lab.network.biases.any()


def test_metrics_accuracy_and_regression_from_the_loss() -> None:
    from playground_game.model import metrics

    pg = Playground(parse_code("seed=0.3&loss=cross-entropy").settings)
    pg.apply(Train(30))
    txt, ty = pg.test_inputs
    expected = np.mean((pg.network.predict(txt)[0] >= 0.5) == (ty[0] >= 0.5)) * 100
    assert metrics.metrics(pg)["Test accuracy"] == pytest.approx(expected)
    reg = Playground(parse_code("seed=0.3&problem=regression").settings)
    reg.apply(Train(20))
    (_, _), (rxt, ry) = reg.train_inputs, reg.test_inputs
    residual = reg.network.predict(rxt)[0] - ry[0]
    got = metrics.metrics(reg)
    assert got["Test RMSE"] == pytest.approx(math.sqrt(np.mean(residual ** 2)), rel=1e-9)
    r2 = 1 - np.sum(residual ** 2) / np.sum((ry[0] - ry[0].mean()) ** 2)
    assert got["Test R²"] == pytest.approx(r2, rel=1e-9)
    assert metrics.metrics(reg, 5)["Test RMSE"] == pytest.approx(
        math.sqrt(2 * reg.test_losses[5]))


@pytest.mark.parametrize("code", ["seed=0.3&loss=cross-entropy",
                                  "seed=0.4&dataset=xor&networkShape=3&batchSize=3",
                                  "seed=0.5&dataset=spiral&dropout=0.2&percTrainData=30"])
def test_every_epoch_records_its_accuracy(code: str) -> None:
    """Each epoch's accuracies, recorded while training (many epochs a call, measured on a
    second thread too), are those of that epoch's network, measured afresh."""
    from playground_game.model import metrics

    pg = Playground(parse_code(code).settings)
    threshold = pg.objective.threshold
    (xt, y), (txt, ty) = pg.train_inputs, pg.test_inputs
    for epochs in (1, 2, 40):
        pg.apply(Train(epochs))
        for inputs, targets, record in ((xt, y, pg.train_accuracies),
                                        (txt, ty, pg.test_accuracies)):
            outputs = pg.network.predict(inputs)[0]
            share = np.mean((outputs >= threshold) == (targets[0] >= threshold))
            assert record[-1] == share
    assert len(pg.test_accuracies) == pg.epoch + 1 == 44
    again = Playground(parse_code(code).settings)
    for epoch in range(1, 44, 7):
        again.apply(Train(epoch - again.epoch))
        assert metrics.metrics(pg, epoch) == metrics.metrics(again)


def test_stop_reasons_name_the_condition() -> None:
    from playground_game.model import metrics

    pg = Playground(parse_code("seed=0.3&stopEpoch=7").settings)
    assert metrics.stop_reason(pg) is None
    assert metrics.epochs_before_stop(pg, 100) == 7
    pg.apply(Train(7))
    kind, message = metrics.stop_reason(pg) or ("", "")
    assert kind == "stopEpoch" and "epoch 7" in message
    lossy = Playground(parse_code("seed=0.3&stopLoss=10").settings)
    assert (metrics.stop_reason(lossy) or ("",))[0] == "stopLoss"
    sure = Playground(parse_code("seed=0.3&stopAccuracy=1").settings)
    assert (metrics.stop_reason(sure) or ("",))[0] == "stopAccuracy"
    flat = Playground(parse_code("seed=0.3&stopPlateau=3&learningRate=0.00001").settings)
    flat.apply(Train(2))
    assert metrics.stop_reason(flat) is None
    flat.train_losses[1:] = [1.0] * 5
    flat.test_losses[1:] = [0.9, 1.0, 1.0, 1.0, 1.0]
    assert (metrics.stop_reason(flat) or ("",))[0] == "stopPlateau"


def test_dropout_leaves_the_data_stream_and_the_shown_losses_alone() -> None:
    """Masks come from their own stream: the same data and first weights with or without
    dropout, and the recorded losses are the whole network's (no mask)."""
    plain = Playground(parse_code("seed=0.6").settings)
    dropped = Playground(parse_code("seed=0.6&dropout=0.3").settings)
    assert np.array_equal(plain.network.weights, dropped.network.weights)
    assert np.array_equal(plain.train_inputs[0], dropped.train_inputs[0])
    dropped.apply(Train(3))
    net = dropped.network
    assert dropped.train_losses[-1] == net.loss(*dropped.train_inputs)
    assert not np.array_equal(plain.network.weights, net.weights)


def test_the_lab_choices_restart_from_the_runs_first_weights() -> None:
    """Changing the optimizer, initializer or loss rebuilds the network from the draws the run
    started from: two optimizers compared from one start (undo keeps that start too)."""
    from playground_game.model.playground import Change, Reset, Undo

    pg = Playground(parse_code("seed=0.3&networkShape=4,2").settings)
    start = pg.network.weights.copy()
    pg.apply(Train(5))
    pg.apply(Change({"optimizer": "adam"}))
    assert pg.epoch == 0 and np.array_equal(pg.network.weights, start)
    pg.apply(Change({"loss": "cross-entropy"}))
    assert np.array_equal(pg.network.weights, start)
    pg.apply(Reset())
    fresh = pg.network.weights.copy()
    fresh_first = pg.network.layer_matrix(1).copy()
    assert not np.array_equal(fresh, start)
    pg.apply(Train(3))
    pg.apply(Change({"initializer": "xavier"}))  # the same draws, scaled layer by layer
    ratio = pg.network.layer_matrix(1) / fresh_first
    assert np.allclose(ratio, ratio.flat[0])
    pg.apply(Undo())
    pg.apply(Change({"optimizer": "momentum"}))
    assert np.array_equal(pg.network.weights, fresh)
    pg.apply(Change({"activation": "relu"}))  # the web's knobs draw anew, as on the web
    assert not np.array_equal(pg.network.weights, fresh)
