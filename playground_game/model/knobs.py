"""The one table of settings: every key of a bookmark code, declared once.

A `Knob` is one key of the code (the web playground's URL hash): its key, the `Settings` field it
fills, its kind (which says what values are allowed, how they are read from and written into a
code, and how a control shows them), its default, its effect on the experiment, its label and
control, the name a teacher hides it by and a lesson locks it by, and whether the web playground
knows it. Everything else derives from `KNOBS`: the `Settings` fields and their validation, codes
both ways, the undo history's wording, lesson locks, the controls of the top bar and the data
panel, Customize, and `playground-game keys` (the public reference of the code format).

`COMPONENTS` lists what a teacher can hide or a lesson lock that is not a setting (the Play
button, the layer buttons, editing weights by hand).

Adding a setting is one row here (and, for a new kind of value, one `Kind`); nothing else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import CLASSIFICATION, DATASETS, PROBLEMS, REGRESSION
from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.core.initializers import INITIALIZERS
from playground_game.model.core.objectives import LOSSES
from playground_game.model.core.optimizers import OPTIMIZER_DEFAULTS, OPTIMIZERS, REGULARIZATIONS
from playground_game.model.core.registry import Registry
from playground_game.model.core.schedules import SCHEDULES

MAX_HIDDEN_LAYERS = 6
MAX_NEURONS = 8
NEW_LAYER_NEURONS = 2
MAX_SEED_LENGTH = 64
# A browser keeps these seed characters verbatim in location.hash (it percent-encodes space,
# " < > ` and everything beyond ASCII), and & = # would end the value: so a seed of these
# characters reads the same here and on the web.
SEED_FORBIDDEN = frozenset(' "<>`&=#')


class SettingsError(ValueError):
    """A setting, a code or an action is refused; the message says which, what and why."""


class Effect(Enum):
    """What changing a setting does to the experiment, as the original decides it."""

    NONE = 0  # takes effect at once; nothing rebuilt (learning rate, view toggles)
    RESET = 1  # new network with fresh weights from the stream; data kept
    NEW_DATA = 2  # new seed, new data, then a new network


# -- numbers as JavaScript writes them ------------------------------------------------------


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


def describe_range(low: float, high: float, whole: bool = True) -> str:
    """What a range allows, in the words of an error message: "a whole number from 1 to 30"."""
    kind = "a whole number" if whole else "a number"
    return f"{kind} from {format_number(low)} to {format_number(high)}"


def refuse(key: str, value: object, allowed: str) -> SettingsError:
    """The one wording of a refused value: the key, the value as given, what is allowed."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    shown = format_number(value) if is_number else repr(value)  # 100, as typed, not 100.0
    return SettingsError(f"{key}: {shown} is not allowed; expected {allowed}")


_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


# -- kinds of values ------------------------------------------------------------------------


class Kind:
    """What values a knob takes: checking one, reading and writing its text in a code."""

    def check(self, key: str, value: Any) -> None:
        raise NotImplementedError

    def parse(self, key: str, text: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> str:
        raise NotImplementedError

    def label(self, value: Any) -> str:
        """How a control shows a value."""
        return self.write(value)

    def reference(self) -> dict[str, Any]:
        """What `playground-game keys --json` says is allowed: "values" or "range"."""
        raise NotImplementedError


@dataclass(frozen=True)
class Choice(Kind):
    """One of a list of names (activation=relu)."""

    values: tuple[str, ...]
    labels: dict[str, str] | None = None
    aliases: dict[str, str] | None = None  # other spellings a code may use ("" for none)
    web_values: tuple[str, ...] | None = None  # the values the web knows, when not all

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise refuse(key, value, "one of " + ", ".join(self.values))

    def parse(self, key: str, text: str) -> str:
        return (self.aliases or {}).get(text, text)

    def write(self, value: Any) -> str:
        return str(value)

    def label(self, value: Any) -> str:
        return (self.labels or {}).get(value, str(value))

    def reference(self) -> dict[str, Any]:
        return {"values": list(self.values)}


@dataclass(frozen=True)
class Number(Kind):
    """A number in a range; `whole` ones are integers. `options` are a dropdown's choices and
    `step` a slider's; a code may hold any value in the range."""

    low: float
    high: float
    whole: bool = False
    step: int = 1
    options: tuple[float, ...] = ()
    unit: str = ""  # shown after the value by a control: "%"
    zero_label: str = ""  # how a control shows 0 when 0 means something ("Off")

    def allowed(self) -> str:
        return describe_range(self.low, self.high, self.whole)

    def check(self, key: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise refuse(key, value, self.allowed())
        if self.whole and not isinstance(value, int):
            raise refuse(key, value, self.allowed())
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise refuse(key, value, self.allowed())

    def parse(self, key: str, text: str) -> float | int:
        if not _NUMBER_TEXT.fullmatch(text):
            raise SettingsError(f"{key}: {text!r} is not a number; expected {self.allowed()}")
        number = float(text)
        if not math.isfinite(number):
            raise SettingsError(f"{key}: {text!r} is not a finite number; expected "
                                f"{self.allowed()}")
        if not self.whole:
            return number
        if number != int(number):
            raise SettingsError(f"{key}: {text!r} is not allowed; expected a whole number")
        return int(number)

    def write(self, value: Any) -> str:
        return format_number(value)

    def label(self, value: Any) -> str:
        if self.zero_label and value == 0:
            return self.zero_label
        return format_number(value) + self.unit

    def reference(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"range": [self.low, self.high],
                                 "type": "integer" if self.whole else "number"}
        if self.options:
            entry["options"] = [format_number(v) for v in self.options]
        return entry


@dataclass(frozen=True)
class Flag(Kind):
    """true or false."""

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, bool):
            raise refuse(key, value, "true or false")

    def parse(self, key: str, text: str) -> bool:
        if text in ("true", "false"):
            return text == "true"
        raise SettingsError(f"{key}: {text!r} is not allowed; expected true or false")

    def write(self, value: Any) -> str:
        return "true" if value else "false"

    def reference(self) -> dict[str, Any]:
        return {"values": ["true", "false"]}


@dataclass(frozen=True)
class Shape(Kind):
    """Hidden layer sizes, comma separated; empty for none (networkShape=4,2)."""

    max_layers: int
    max_units: int

    def allowed(self) -> str:
        return (f"up to {self.max_layers} layer sizes from 1 to {self.max_units}, "
                "separated by commas")

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, tuple) or len(value) > self.max_layers:
            raise refuse(key, value, f"at most {self.max_layers} hidden layers")
        unit = Number(1, self.max_units, whole=True)
        for size in value:
            unit.check(key, size)

    def parse(self, key: str, text: str) -> tuple[int, ...]:
        if text == "":
            return ()
        parts = text.split(",")
        if len(parts) > self.max_layers:
            raise SettingsError(f"{key}: {len(parts)} layers is not allowed; expected "
                                f"{self.allowed()}")
        unit = Number(1, self.max_units, whole=True)
        return tuple(unit.parse(key, part) for part in parts)

    def write(self, value: Any) -> str:
        return ",".join(str(n) for n in value)

    def reference(self) -> dict[str, Any]:
        return {"range": [1, self.max_units], "type": "comma list",
                "max_items": self.max_layers}


@dataclass(frozen=True)
class SeedText(Kind):
    """The seed: printable text a browser keeps as typed, read and written verbatim.

    The web never percent-decodes its hash, so `seed=a%41b` seeds it with the five characters
    `a%41b`; we read it the same way and write it back unchanged.
    """

    max_length: int

    def allowed(self) -> str:
        return (f"1 to {self.max_length} printable ASCII characters without spaces, "
                "& = # \" < > or `")

    def check(self, key: str, value: Any) -> None:
        ok = (isinstance(value, str) and 0 < len(value) <= self.max_length and value.isascii()
              and value.isprintable() and not SEED_FORBIDDEN.intersection(value))
        if not ok:
            raise refuse(key, value, self.allowed())

    def parse(self, key: str, text: str) -> str:
        return text

    def write(self, value: Any) -> str:
        return str(value)

    def reference(self) -> dict[str, Any]:
        return {"type": "text", "max_length": self.max_length,
                "forbidden": "".join(sorted(SEED_FORBIDDEN))}


@dataclass(frozen=True)
class Feature(Kind):
    """One input feature switched on or off; the features together fill `Settings.features`."""

    feature: str

    def check(self, key: str, value: Any) -> None:
        Flag().check(key, value)

    def parse(self, key: str, text: str) -> bool:
        return Flag().parse(key, text)

    def write(self, value: Any) -> str:
        return Flag().write(value)

    def reference(self) -> dict[str, Any]:
        return Flag().reference()


# -- the table ------------------------------------------------------------------------------


def _constant(effect: Effect) -> Callable[[Any, Any], Effect]:
    return lambda _old, _new: effect


def _while_problem(problem: str) -> Callable[[Any, Any], Effect]:
    """A dataset key matters only while its problem type is chosen."""
    return lambda _old, new: Effect.NEW_DATA if new.problem == problem else Effect.NONE


@dataclass(frozen=True)
class Knob:
    """One key of a bookmark code and everything the app derives from it."""

    key: str  # the code's key, in the web's spelling
    field: str | None  # the Settings field; None: accepted and written for the web, unused
    kind: Kind
    default: Any
    label: str = ""  # the control's caption, and the name in messages
    effect: Callable[[Any, Any], Effect] = _constant(Effect.NONE)  # (old, new) settings
    control: str | None = None  # "dropdown" | "slider" | "checkbox": shown in the panels
    place: str = ""  # where its control sits: "top_bar", "data", "output", "network"
    order: int = 0  # its position among the controls of its place (the web's layout)
    hide: str | None = None  # NAME_hide=true hides its control (the web's component name)
    hide_label: str = ""  # Customize's wording, when it differs from the label
    lock: str | None = None  # the control a lesson locks to fix it (default: `hide`)
    web: bool = True  # the web playground knows the key
    always_written: bool = True  # the full code writes it even at its default

    @property
    def lock_name(self) -> str | None:
        return self.lock or self.hide

    def value_label(self, value: Any) -> str:
        return self.kind.label(value)


def _choice(table: Registry, **extra: Any) -> Choice:
    """A choice among a registry's rows: their keys, shown by their labels; the rows the web
    knows (`row.web`) are its `web_values`."""
    web = tuple(row.key for row in table if getattr(row, "web", True))
    return Choice(table.keys(), {row.key: row.label for row in table},
                  web_values=web if len(web) < len(table) else None, **extra)


def _dataset_choice(problem: str) -> Choice:
    rows = [d for d in DATASETS if d.problem == problem]
    return Choice(tuple(d.key for d in rows), {d.key: d.label for d in rows})

LEARNING_RATES: tuple[float, ...] = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
REGULARIZATION_RATES: tuple[float, ...] = (0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)


def _feature_knob(key: str) -> Knob:
    feature = FEATURE_BY_KEY[key]
    return Knob(key, "features", Feature(key), feature.default_on, feature.label,
                effect=_constant(Effect.RESET), place="network", hide=key,
                hide_label=f"Feature {feature.label}")


# The web's key order (REFERENCE §2): a code is written in this order.
KNOBS: tuple[Knob, ...] = (
    Knob("activation", "activation", _choice(ACTIVATIONS), "tanh",
         "Activation", _constant(Effect.RESET), "dropdown", "top_bar", hide="activation",
         order=1),
    Knob("regularization", "regularization",
         _choice(REGULARIZATIONS, aliases={"": "none"}), "none",
         "Regularization", _constant(Effect.RESET), "dropdown", "top_bar",
         hide="regularization", always_written=False, order=2),
    Knob("batchSize", "batch_size", Number(1, 30, whole=True), 10, "Batch size",
         _constant(Effect.RESET), "slider", "data", hide="batchSize", order=2),
    Knob("dataset", "dataset", _dataset_choice(CLASSIFICATION), "circle", "Dataset",
         _while_problem(CLASSIFICATION), None, "data", hide="dataset",
         hide_label="Datasets and Regenerate"),
    Knob("regDataset", "reg_dataset", _dataset_choice(REGRESSION), "reg-plane",
         "Regression dataset",
         _while_problem(REGRESSION), None, "data", lock="dataset"),
    Knob("learningRate", "learning_rate", Number(0.00001, 10.0, options=LEARNING_RATES), 0.03,
         "Learning rate", control="dropdown", place="top_bar", hide="learningRate", order=0),
    Knob("regularizationRate", "regularization_rate",
         Number(0.0, 10.0, options=REGULARIZATION_RATES), 0.0, "Regularization rate",
         _constant(Effect.RESET), "dropdown", "top_bar", hide="regularizationRate", order=3),
    Knob("noise", "noise", Number(0, 50, whole=True, step=5), 0, "Noise",
         _constant(Effect.NEW_DATA), "slider", "data", hide="noise", order=1),
    Knob("networkShape", "network_shape", Shape(MAX_HIDDEN_LAYERS, MAX_NEURONS), (4, 2),
         "Network shape", _constant(Effect.RESET), place="network"),
    Knob("seed", "seed", SeedText(MAX_SEED_LENGTH), "0.59704", "Seed", place="data",
         lock="dataset"),
    Knob("showTestData", "show_test_data", Flag(), False, "Show test data",
         control="checkbox", place="output", hide="showTestData", order=0),
    Knob("discretize", "discretize", Flag(), False, "Discretize output", control="checkbox",
         place="output", hide="discretize", order=1),
    Knob("percTrainData", "perc_train_data", Number(10, 90, whole=True, step=10, unit="%"), 50,
         "Ratio of training to test data", _constant(Effect.NEW_DATA), "slider", "data",
         hide="percTrainData", hide_label="Ratio of training data", order=0),
    _feature_knob("x"),
    _feature_knob("y"),
    _feature_knob("xTimesY"),
    _feature_knob("xSquared"),
    _feature_knob("ySquared"),
    Knob("cosX", None, Flag(), False),
    _feature_knob("sinX"),
    Knob("cosY", None, Flag(), False),
    _feature_knob("sinY"),
    Knob("collectStats", "collect_stats", Flag(), False, "Collect stats"),
    Knob("problem", "problem", Choice(PROBLEMS, {p: p.capitalize() for p in PROBLEMS}),
         CLASSIFICATION, "Problem type", _constant(Effect.NEW_DATA), "dropdown", "top_bar",
         hide="problem", order=4),
    Knob("initZero", "init_zero", Flag(), False, "Zero initial weights",
         _constant(Effect.RESET), place="network", lock="initZero"),
    Knob("hideText", "hide_text", Flag(), False, "Explanatory text", place="data",
         lock="hideText"),
    # -- the training lab: keys the web does not know, written only when not at their default.
    # Their controls sit in the Training lab dialog (place "lab"); `options` are its choices.
    Knob("optimizer", "optimizer", _choice(OPTIMIZERS), "sgd", "Optimizer",
         _constant(Effect.RESET), "dropdown", "lab", hide="optimizer", web=False, order=0),
    *(Knob(name, name, Number(low, high, options=options), OPTIMIZER_DEFAULTS[name], label,
           control="dropdown", place="lab", lock="optimizer", web=False, order=order)
      for order, (name, label, low, high, options) in enumerate((
          ("momentum", "Momentum", 0.0, 0.999, (0.0, 0.5, 0.8, 0.9, 0.95, 0.99)),
          ("beta1", "Beta 1", 0.0, 0.999, (0.5, 0.8, 0.9, 0.95, 0.99)),
          ("beta2", "Beta 2", 0.0, 0.99999, (0.9, 0.99, 0.999, 0.9999)),
          ("epsilon", "Epsilon", 1e-12, 1.0, (1e-8, 1e-6, 1e-4, 0.01)),
          ("rho", "Rho", 0.0, 0.999, (0.5, 0.8, 0.9, 0.95, 0.99))), start=1)),
    Knob("lrSchedule", "lr_schedule", _choice(SCHEDULES), "constant", "Learning-rate schedule",
         control="dropdown", place="lab", hide="lrSchedule", web=False, order=10),
    Knob("decayRate", "decay_rate", Number(0.01, 1.0, options=(0.1, 0.3, 0.5, 0.7, 0.9)), 0.5,
         "Decay rate", control="dropdown", place="lab", lock="lrSchedule", web=False,
         order=11),
    Knob("decaySteps", "decay_steps",
         Number(1, 100_000, whole=True, options=(10, 50, 100, 200, 500, 1000)), 100,
         "Decay epochs", control="dropdown", place="lab", lock="lrSchedule", web=False,
         order=12),
    Knob("dropout", "dropout", Number(0.0, 0.5, options=(0.0, 0.1, 0.2, 0.3, 0.5),
                                      zero_label="Off"), 0.0, "Dropout (hidden layers)",
         control="dropdown", place="lab", hide="dropout", web=False, order=13),
    Knob("initializer", "initializer", _choice(INITIALIZERS), "uniform", "Initializer",
         _constant(Effect.RESET), "dropdown", "lab", hide="initializer", web=False, order=20),
    Knob("loss", "loss", Choice(LOSSES, {"square": "Square", "cross-entropy": "Cross-entropy"}),
         "square", "Loss (classification)", _constant(Effect.RESET), "dropdown", "lab",
         hide="loss", web=False, order=21),
    Knob("stopEpoch", "stop_epoch",
         Number(0, 1_000_000, whole=True, options=(0, 100, 200, 500, 1000, 5000),
                zero_label="Off"), 0,
         "Stop at epoch", control="dropdown", place="lab", hide="stopConditions",
         hide_label="Stop conditions", web=False, order=30),
    Knob("stopLoss", "stop_loss",
         Number(0.0, 10.0, options=(0, 0.1, 0.05, 0.02, 0.01), zero_label="Off"), 0.0,
         "Stop at test loss", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=31),
    Knob("stopAccuracy", "stop_accuracy",
         Number(0.0, 100.0, unit="%", options=(0, 80, 90, 95, 99, 100), zero_label="Off"), 0.0,
         "Stop at accuracy", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=32),
    Knob("stopPlateau", "stop_plateau",
         Number(0, 100_000, whole=True, options=(0, 20, 50, 100, 200), zero_label="Off"), 0,
         "Stop on a plateau of", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=33),
)
KNOB_BY_KEY: dict[str, Knob] = {k.key: k for k in KNOBS}
HIDE_SUFFIX = "_hide"


@dataclass(frozen=True)
class Component:
    """A control that is not a setting: a teacher may hide it, a lesson may lock it."""

    name: str
    label: str  # the name in messages: "The number of hidden layers is fixed in this lesson."
    place: str
    hide_label: str = ""  # Customize's wording, when it differs
    hideable: bool = True  # the web knows NAME_hide for it


COMPONENTS: tuple[Component, ...] = (
    Component("playButton", "Play button", "top_bar"),
    Component("stepButton", "Step button", "top_bar"),
    Component("resetButton", "Reset button", "top_bar"),
    Component("numHiddenLayers", "The number of hidden layers", "network",
              hide_label="Add / remove layers"),
    Component("numNeurons", "The number of neurons", "network", hideable=False),
    Component("weights", "Editing weights by hand", "network", hideable=False),
    Component("customize", "Customize", "data", hideable=False),
)

# Components a teacher can hide with NAME_hide=true: the settings' controls (in the code's
# order), the buttons, then the features in the order the network sees them.
HIDEABLE: tuple[str, ...] = (
    *(k.hide for k in KNOBS if k.hide is not None and not isinstance(k.kind, Feature)),
    *(c.name for c in COMPONENTS if c.hideable),
    *FEATURE_KEYS,
)
# Names a lesson may lock: every hideable control, the other components, and the settings
# that have a lock name of their own.
LOCKABLE: tuple[str, ...] = tuple(dict.fromkeys(
    [*HIDEABLE, *(c.name for c in COMPONENTS),
     *(k.lock_name for k in KNOBS if k.lock_name is not None)]))

# Field name -> the knob that fills it (features: every feature knob fills `features`).
FIELD_KNOBS: dict[str, tuple[Knob, ...]] = {}
for _knob in KNOBS:
    if _knob.field is not None:
        FIELD_KNOBS[_knob.field] = (*FIELD_KNOBS.get(_knob.field, ()), _knob)
del _knob


def hide_is_web(name: str) -> bool:
    """Whether the web playground knows NAME_hide (the lab's controls are ours alone)."""
    return all(k.web for k in KNOBS if k.hide == name)


def control_label(name: str) -> str:
    """A lockable or hideable control's name in words ("Learning rate", "Play button")."""
    for knob in KNOBS:
        if name in (knob.hide, knob.lock):
            return knob.label if knob.hide != "dataset" else "The data"
    for component in COMPONENTS:
        if component.name == name:
            return component.label
    return name


def hide_label(name: str) -> str:
    """What Customize calls a hideable component."""
    for knob in KNOBS:
        if knob.hide == name:
            return knob.hide_label or knob.label
    for component in COMPONENTS:
        if component.name == name:
            return component.hide_label or component.label
    return control_label(name)


def field_default(name: str) -> Any:
    """The default of a Settings field, from its knobs."""
    if name == "features":
        return tuple(k for k in FEATURE_KEYS if FEATURE_BY_KEY[k].default_on)
    if name == "hidden":
        return frozenset()
    return FIELD_KNOBS[name][0].default


def field_label(name: str) -> str:
    """A Settings field in the words of a notice: "learning rate"."""
    if name == "features":
        return "features"
    if name == "hidden":
        return "hidden components"
    label = FIELD_KNOBS[name][0].label
    return label[:1].lower() + label[1:]


def controls(place: str) -> tuple[Knob, ...]:
    """The knobs shown as controls in one place of the window, in their order there."""
    return tuple(sorted((k for k in KNOBS if k.control and k.place == place),
                        key=lambda k: k.order))


def hideables(place: str) -> tuple[str, ...]:
    """The components a teacher can hide in one place of the window, in the window's order:
    its buttons, its settings' controls, then (in the network) the features."""
    buttons = [c.name for c in COMPONENTS if c.hideable and c.place == place]
    knobs = sorted((k for k in KNOBS if k.hide and k.place == place
                    and not isinstance(k.kind, Feature)), key=lambda k: k.order)
    features = FEATURE_KEYS if place == "network" else ()
    return (*buttons, *(k.hide for k in knobs if k.hide), *features)
