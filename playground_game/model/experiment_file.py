"""An experiment file: the whole session as JSON, so a trained network can be kept and reopened.

The file holds everything training reads, so that opening it and training on gives, bit for
bit, what the saved session would have given: the settings (as a full bookmark code, which
carries the seed), the data points, every weight and bias, the links L1 removed, the gradient
accumulators and the samples pending in them, the optimizer's state, the dropout stream, the
seeded random stream (as it is now, and as it was when the network was drawn, which a change of
optimizer restarts from), the epoch and every epoch's losses and accuracies.

Encoding: JSON, keys sorted, one top-level key per line, no other white space. Floats are
written by Python's `repr`, the shortest text that reads back as the same double, so writing
what was read gives the same bytes; the records may hold NaN and infinities, written as the
strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers). Integers (the sizes, the
epoch, the 64-bit dropout stream, the ARC4 stream's 256 bytes) are JSON integers.

Reading checks everything before anything changes (the format and its version, every field's
type, finite parameters, shapes that match the code's network, data that is the code's seed's
data) and raises `ExperimentFileError` naming the field and what is wrong.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from playground_game.model.actions import Restore
from playground_game.model.bookmark import encode_code, parse_code
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import DataSplit
from playground_game.model.core.network import MEASURES
from playground_game.model.core.objectives import OBJECTIVES
from playground_game.model.core.optimizers import OPTIMIZERS, REGULARIZATIONS
from playground_game.model.core.rng import SeededRandom
from playground_game.model.json_numbers import json_float
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings, SettingsError

FORMAT = "neural-playground-experiment"
VERSION = 1
SUFFIX = ".json"
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
_RECORD_KEYS = tuple(name.replace(" ", "_") for name in MEASURES)  # train_loss, ...


class ExperimentFileError(SettingsError):
    """An experiment file that cannot be opened (or a session that cannot be saved); the
    message names what is wrong. A SettingsError, so the window shows it as a refusal."""


# -- writing --------------------------------------------------------------------------------


def _stream(rng: SeededRandom) -> dict[str, Any]:
    # The ARC4 state is the stream's private state; this module is its only other reader.
    return {"seed": rng.seed, "i": rng._i, "j": rng._j, "s": list(rng._s)}


def _floats(array: np.ndarray) -> list[float]:
    return [float(v) for v in array.tolist()]


def document(point: Restore) -> dict[str, Any]:
    """The JSON document of a session's restore point (`Playground.restore_point()`)."""
    net = point.network
    for name in ("weights", "biases", "acc_w", "acc_b", "opt_state"):
        if not np.isfinite(getattr(net, name)).all():
            raise ExperimentFileError(
                f"The network's {name.replace('_', ' ')} are not all finite numbers (training "
                "blew up): Undo or Reset first, then save.")
    code = encode_code(point.settings, short=False)
    if parse_code(code).settings != point.settings:  # a setting a code cannot carry
        raise ExperimentFileError("These settings do not survive as a code; nothing was saved.")
    return {
        "format": FORMAT,
        "version": VERSION,
        "code": code,
        "epoch": point.epoch,
        "data": {"train": point.split.train.tolist(), "test": point.split.test.tolist()},
        "network": {
            "sizes": net.sizes.tolist(),
            "activations": [ACTIVATIONS.rows[a].key for a in net.activations.tolist()],
            "objective": OBJECTIVES.rows[net.objective].key,
            "regularization": REGULARIZATIONS.rows[net.regularization].key,
            "optimizer": OPTIMIZERS.rows[net.optimizer].key,
            "weights": _floats(net.weights),
            "biases": _floats(net.biases),
            "dead": net.dead.tolist(),
            "acc_w": _floats(net.acc_w),
            "acc_b": _floats(net.acc_b),
            "pending": int(net.pending[0]),
            "opt_state": _floats(net.opt_state),
            "dropout_stream": int(net.drop_rng[0]),
        },
        "stream": _stream(point.rng),
        "stream_at_start": _stream(point.rng_at_start),
        "records": {key: [json_float(v) for v in record]
                    for key, record in zip(_RECORD_KEYS, point.records, strict=True)},
    }


def dumps(doc: dict[str, Any]) -> str:
    """The file's text: sorted keys, one top-level key per line, floats by repr."""
    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
    lines = [f"{compact(key)}:{compact(doc[key])}" for key in sorted(doc)]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save_text(playground: Playground) -> str:
    """The experiment file of a session, as text."""
    return dumps(document(playground.restore_point()))


# -- reading --------------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Fields:
    """Reads one JSON object, naming each field by its path in messages."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise ExperimentFileError(f"{path or 'the file'} must be a JSON object")
        self.value = value
        self.path = path

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str) -> Any:
        if key not in self.value:
            raise ExperimentFileError(f"'{self.name(key)}' is missing")
        return self.value[key]

    def sub(self, key: str) -> _Fields:
        return _Fields(self.get(key), self.name(key))

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ExperimentFileError(f"'{self.name(key)}' must be a whole number")
        if not low <= value <= high:
            raise ExperimentFileError(f"'{self.name(key)}' is {value}; expected {low} to {high}")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise ExperimentFileError(f"'{self.name(key)}' must be a string")
        return value

    def floats(self, key: str, length: int, finite: bool = True) -> np.ndarray:
        """A list of `length` numbers (finite, or also the strings of NaN and infinities)."""
        value = self.get(key)
        where = f"'{self.name(key)}'"
        if not isinstance(value, list):
            raise ExperimentFileError(f"{where} must be a list of numbers")
        if len(value) != length:
            raise ExperimentFileError(f"{where} holds {len(value)} numbers; this network "
                                      f"needs {length}")
        out = np.empty(length, dtype=np.float64)
        for k, item in enumerate(value):
            if not finite and isinstance(item, str) and item in _NON_FINITE:
                out[k] = _NON_FINITE[item]
            elif not _is_number(item):
                raise ExperimentFileError(f"{where}[{k}] is {json.dumps(item)[:40]}, not a number")
            else:
                out[k] = float(item)
                if finite and not math.isfinite(out[k]):
                    raise ExperimentFileError(f"{where}[{k}] is not a finite number")
        return out

    def integers(self, key: str, length: int, low: int, high: int) -> list[int]:
        value = self.get(key)
        where = f"'{self.name(key)}'"
        if not isinstance(value, list) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ExperimentFileError(f"{where} must be a list of whole numbers")
        if len(value) != length:
            raise ExperimentFileError(f"{where} holds {len(value)} entries; expected {length}")
        if any(not low <= v <= high for v in value):
            raise ExperimentFileError(f"{where} holds a value outside {low} to {high}")
        return value


def _points(data: _Fields, key: str, expected: np.ndarray) -> np.ndarray:
    rows = data.get(key)
    where = f"'{data.name(key)}'"
    if not isinstance(rows, list) or not all(
            isinstance(r, list) and len(r) == 3 and all(_is_number(v) for v in r) for r in rows):
        raise ExperimentFileError(f"{where} must be a list of [x, y, label] numbers")
    points = np.array(rows, dtype=np.float64).reshape(-1, 3)
    if points.shape != expected.shape or not np.array_equal(points, expected):
        raise ExperimentFileError(
            f"{where} are not the points this code's seed makes ({len(rows)} points, "
            f"expected {expected.shape[0]}): the data does not match the settings")
    return expected


def _stream_from(fields: _Fields) -> SeededRandom:
    state = fields.integers("s", 256, 0, 255)
    if sorted(state) != list(range(256)):
        raise ExperimentFileError(f"'{fields.name('s')}' is not a permutation of 0 to 255")
    rng = SeededRandom.__new__(SeededRandom)  # the stream's own state, not a fresh seeding
    rng.seed = fields.text("seed")
    rng._s = list(state)
    rng._i = fields.integer("i", 0, 255)
    rng._j = fields.integer("j", 0, 255)
    return rng


def _settings(code: str) -> Settings:
    try:
        parsed = parse_code(code)
    except SettingsError as exc:
        raise ExperimentFileError(f"'code': {exc}") from None
    if parsed.unknown_keys:
        raise ExperimentFileError(f"'code' has keys this app does not know: "
                                  f"{', '.join(parsed.unknown_keys)}")
    return parsed.settings


def _header(text: str) -> _Fields:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExperimentFileError(f"This is not a complete JSON file (line {exc.lineno}, "
                                  f"column {exc.colno}: {exc.msg}).") from None
    doc = _Fields(raw, "")
    if doc.get("format") != FORMAT:
        raise ExperimentFileError(f"This is not an experiment file ('format' must be "
                                  f"{FORMAT!r}).")
    version = doc.integer("version", 1, 10**9)
    if version > VERSION:
        raise ExperimentFileError(f"This file was written by a newer version of the app "
                                  f"(format version {version}; this one reads {VERSION}).")
    return doc


def restore_from_text(text: str) -> Restore:
    """The `Restore` action an experiment file's text describes; ExperimentFileError naming the
    first thing that is wrong. Nothing changes until the caller applies the action."""
    doc = _header(text)
    settings = _settings(doc.text("code"))
    fresh = Playground(settings, history_limit=1)  # the code's own data and network shapes
    point = fresh.restore_point()
    data = doc.sub("data")
    split = DataSplit(_points(data, "train", point.split.train),
                      _points(data, "test", point.split.test))
    net = point.network
    spec = doc.sub("network")
    sizes = spec.get("sizes")
    if sizes != net.sizes.tolist():
        raise ExperimentFileError(f"'network.sizes' is {json.dumps(sizes)[:60]}; the code's "
                                  f"network has layers {net.sizes.tolist()}")
    named = {"activations": [ACTIVATIONS.rows[a].key for a in net.activations.tolist()],
             "objective": OBJECTIVES.rows[net.objective].key,
             "regularization": REGULARIZATIONS.rows[net.regularization].key,
             "optimizer": OPTIMIZERS.rows[net.optimizer].key}
    for key, expected in named.items():
        if spec.get(key) != expected:
            raise ExperimentFileError(f"'network.{key}' is {json.dumps(spec.get(key))[:60]}; "
                                      f"the code says {json.dumps(expected)}")
    net.weights = spec.floats("weights", net.num_weights)
    net.biases = spec.floats("biases", net.num_units)
    net.dead = np.array(spec.integers("dead", net.num_weights, 0, 1), dtype=np.uint8)
    net.acc_w = spec.floats("acc_w", net.num_weights)
    net.acc_b = spec.floats("acc_b", net.num_units)
    net.pending = np.array([spec.integer("pending", 0, len(split.train))], dtype=np.int64)
    net.opt_state = spec.floats("opt_state", net.opt_state.shape[0])
    net.drop_rng = np.array([spec.integer("dropout_stream", 0, 2**64 - 1)], dtype=np.uint64)
    epoch = doc.integer("epoch", 0, 2**53)
    records = doc.sub("records")
    columns = tuple(tuple(records.floats(key, epoch + 1, finite=False).tolist())
                    for key in _RECORD_KEYS)
    return Restore(settings, split, net, _stream_from(doc.sub("stream")),
                   _stream_from(doc.sub("stream_at_start")), epoch, columns)
