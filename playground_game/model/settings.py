"""Every knob of an experiment, with its default, its allowed values and what changing it does.

`Settings` is frozen: a change makes a new one (which is what makes undo and bookmarks cheap). The
table `KNOBS` declares each bookmark key once, in the original's key order; validation, bookmark
encoding and the UI's controls all read it. Validation raises `SettingsError`, whose message names
the field, the bad value and what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any

from playground_game.model.core.datasets import (
    CLASSIFICATION,
    CLASSIFICATION_KEYS,
    PROBLEMS,
    REGRESSION,
    REGRESSION_KEYS,
)
from playground_game.model.core.features import FEATURE_KEYS

ACTIVATIONS: tuple[str, ...] = ("relu", "tanh", "sigmoid", "linear")
ACTIVATION_LABELS = {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "linear": "Linear"}
REGULARIZATIONS: tuple[str, ...] = ("none", "L1", "L2")
LEARNING_RATES: tuple[float, ...] = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
REGULARIZATION_RATES: tuple[float, ...] = (0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
MAX_HIDDEN_LAYERS = 6
MAX_NEURONS = 8
NEW_LAYER_NEURONS = 2
BATCH_RANGE = (1, 30)
NOISE_RANGE = (0, 50)
NOISE_STEP = 5
PERC_TRAIN_RANGE = (10, 90)
PERC_TRAIN_STEP = 10
LEARNING_RATE_RANGE = (0.00001, 10.0)
REGULARIZATION_RATE_RANGE = (0.0, 10.0)
MAX_SEED_LENGTH = 64

# Components a teacher can hide with NAME_hide=true (REFERENCE §1), plus any feature key.
HIDEABLE: tuple[str, ...] = (
    "showTestData",
    "discretize",
    "playButton",
    "stepButton",
    "resetButton",
    "learningRate",
    "activation",
    "regularization",
    "regularizationRate",
    "problem",
    "dataset",
    "percTrainData",
    "noise",
    "batchSize",
    "numHiddenLayers",
) + FEATURE_KEYS


class SettingsError(ValueError):
    """A setting has a value outside what is allowed; the message says which, what and why."""


class Effect(Enum):
    """What changing a setting does to the experiment, as the original decides it."""

    NONE = 0  # takes effect at once; nothing rebuilt (learning rate, view toggles)
    RESET = 1  # new network with fresh weights from the stream; data kept
    NEW_DATA = 2  # new seed, new data, then a new network


@dataclass(frozen=True)
class Settings:
    """One experiment's settings: everything a bookmark code carries."""

    activation: str = "tanh"
    regularization: str = "none"
    batch_size: int = 10
    dataset: str = "circle"
    reg_dataset: str = "reg-plane"
    learning_rate: float = 0.03
    regularization_rate: float = 0.0
    noise: int = 0
    network_shape: tuple[int, ...] = (4, 2)
    seed: str = "0.59704"
    show_test_data: bool = False
    discretize: bool = False
    perc_train_data: int = 50
    features: tuple[str, ...] = ("x", "y")
    collect_stats: bool = False
    problem: str = CLASSIFICATION
    init_zero: bool = False
    hide_text: bool = False
    hidden: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def current_dataset(self) -> str:
        """The dataset in use: `dataset` for classification, `reg_dataset` for regression."""
        return self.dataset if self.problem == CLASSIFICATION else self.reg_dataset

    @property
    def input_features(self) -> tuple[str, ...]:
        """The features that feed the network, in table order: on and not hidden."""
        return tuple(k for k in FEATURE_KEYS if k in self.features and k not in self.hidden)

    def with_changes(self, **changes: Any) -> Settings:
        """A validated copy with some fields changed (raises SettingsError)."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise SettingsError(f"unknown setting {names}")
        return replace(self, **changes)


# What each field's change does (REFERENCE §1). Fields not listed have no effect on the model.
EFFECTS: dict[str, Effect] = {
    "activation": Effect.RESET,
    "regularization": Effect.RESET,
    "regularization_rate": Effect.RESET,
    "batch_size": Effect.RESET,
    "network_shape": Effect.RESET,
    "features": Effect.RESET,
    "init_zero": Effect.RESET,
    "dataset": Effect.NEW_DATA,
    "reg_dataset": Effect.NEW_DATA,
    "noise": Effect.NEW_DATA,
    "perc_train_data": Effect.NEW_DATA,
    "problem": Effect.NEW_DATA,
}


def effect_of(old: Settings, new: Settings) -> Effect:
    """The strongest effect among the fields that differ between two settings."""
    strongest = Effect.NONE
    for f in fields(old):
        name = f.name
        if getattr(old, name) == getattr(new, name):
            continue
        if name == "hidden":
            effect = Effect.RESET if old.input_features != new.input_features else Effect.NONE
        elif name == "dataset":
            effect = Effect.NEW_DATA if new.problem == CLASSIFICATION else Effect.NONE
        elif name == "reg_dataset":
            effect = Effect.NEW_DATA if new.problem == REGRESSION else Effect.NONE
        else:
            effect = EFFECTS.get(name, Effect.NONE)
        if effect.value > strongest.value:
            strongest = effect
    return strongest


def _fail(name: str, value: object, allowed: str) -> SettingsError:
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    shown = format_number(value) if is_number else repr(value)  # 100, as typed, not 100.0
    return SettingsError(f"{name}: {shown} is not allowed; expected {allowed}")


def _check_choice(name: str, value: object, choices: tuple) -> None:
    if value not in choices:
        raise _fail(name, value, "one of " + ", ".join(str(c) for c in choices))


def describe_range(low: float, high: float, whole: bool = True) -> str:
    """What a range allows, in the words of an error message: "a whole number from 1 to 30"."""
    kind = "a whole number" if whole else "a number"
    return f"{kind} from {format_number(low)} to {format_number(high)}"


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(name, value, describe_range(low, high))


def _check_number(name: str, value: object, low: float, high: float) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or not low <= value <= high:
        raise _fail(name, value, describe_range(low, high, whole=False))


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise _fail(name, value, "true or false")


def validate(s: Settings) -> None:
    """Raise SettingsError for the first field outside what the app allows."""
    _check_choice("activation", s.activation, ACTIVATIONS)
    _check_choice("regularization", s.regularization, REGULARIZATIONS)
    _check_int("batchSize", s.batch_size, *BATCH_RANGE)
    _check_choice("dataset", s.dataset, CLASSIFICATION_KEYS)
    _check_choice("regDataset", s.reg_dataset, REGRESSION_KEYS)
    _check_number("learningRate", s.learning_rate, *LEARNING_RATE_RANGE)
    _check_number("regularizationRate", s.regularization_rate, *REGULARIZATION_RATE_RANGE)
    _check_int("noise", s.noise, *NOISE_RANGE)
    shape = s.network_shape
    if not isinstance(shape, tuple) or len(shape) > MAX_HIDDEN_LAYERS:
        raise _fail("networkShape", shape, f"at most {MAX_HIDDEN_LAYERS} hidden layers")
    for size in shape:
        _check_int("networkShape", size, 1, MAX_NEURONS)
    seed = s.seed
    if (
        not isinstance(seed, str)
        or not 0 < len(seed) <= MAX_SEED_LENGTH
        or not seed.isprintable()
        or any(c in seed for c in "&=# ")
    ):
        raise _fail(
            "seed", seed, f"1 to {MAX_SEED_LENGTH} printable characters without spaces, & = or #"
        )
    _check_bool("showTestData", s.show_test_data)
    _check_bool("discretize", s.discretize)
    _check_int("percTrainData", s.perc_train_data, *PERC_TRAIN_RANGE)
    if not isinstance(s.features, tuple) or any(k not in FEATURE_KEYS for k in s.features):
        raise _fail("features", s.features, "feature keys among " + ", ".join(FEATURE_KEYS))
    if len(set(s.features)) != len(s.features) or s.features != tuple(
        k for k in FEATURE_KEYS if k in s.features
    ):
        raise _fail("features", s.features, "each feature once, in table order")
    _check_bool("collectStats", s.collect_stats)
    _check_choice("problem", s.problem, PROBLEMS)
    _check_bool("initZero", s.init_zero)
    _check_bool("hideText", s.hide_text)
    if not isinstance(s.hidden, frozenset) or any(h not in HIDEABLE for h in s.hidden):
        raise _fail("hidden", s.hidden, "components among " + ", ".join(HIDEABLE))


def format_number(value: float) -> str:
    """Write a number the way JavaScript's String(number) does for our ranges: 0.00001, 3, 0.03."""
    if isinstance(value, int) or (
        math.isfinite(value) and value == int(value) and abs(value) < 1e21
    ):
        return str(int(value))
    text = repr(float(value))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    exp = int(exponent)
    if -7 < exp < 21:
        digits = mantissa.replace("-", "").replace(".", "")
        sign = "-" if value < 0 else ""
        if exp < 0:
            return f"{sign}0.{'0' * (-exp - 1)}{digits}".rstrip("0").rstrip(".")
        whole = digits.ljust(exp + 1, "0")
        return f"{sign}{whole[: exp + 1]}.{whole[exp + 1 :]}".rstrip("0").rstrip(".")
    return f"{mantissa}e{'+' if exp > 0 else '-'}{abs(exp)}"


def toggle_feature(s: Settings, key: str) -> tuple[str, ...]:
    """The features tuple with `key` switched on or off, kept in table order."""
    active = set(s.features) ^ {key}
    return tuple(k for k in FEATURE_KEYS if k in active)
