"""Lesson files (TOML, one per lesson) read into validated `Lesson` objects, and their goals.

A teacher writes a lesson without touching code: its text, the starting experiment as a bookmark
code, which controls are hidden or locked, the goals, hints, a success message, and a reference
solution the tests train to prove the lesson can be solved (lessons/README.md documents the format).

Everything is checked when the file is read. A broken file raises `LessonError`, whose message
names the file, the key and the problem; `load_course` collects those and still loads every other
lesson, so one typo never takes the course down. Goals are pure functions of a `Playground`'s
state, checked live while it trains; `blocked_control` says which locked control an action would
change, so the app refuses it with a short message.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from playground_game.model.bookmark import parse_code
from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.playground import (
    Action,
    AddLayer,
    AddNeuron,
    Change,
    Open,
    Playground,
    Regenerate,
    RemoveLayer,
    RemoveNeuron,
    Reset,
    SetBias,
    SetWeight,
    ToggleFeature,
)
from playground_game.model.settings import (
    ACTIVATION_LABELS,
    ACTIVATIONS,
    HIDEABLE,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    Settings,
    SettingsError,
    format_number,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

LESSON_SUFFIX = ".toml"
MAX_SOLUTION_EPOCHS = 20_000
MAX_PAGES = 8
MAX_HINTS = 6
MAX_GOALS = 8
MAX_LOSS_THRESHOLD = 10.0
MAX_HIDDEN_UNITS = MAX_HIDDEN_LAYERS * MAX_NEURONS

# Controls a lesson may hide or lock: the bookmark's hideable components, plus two a lesson may
# want to lock but that the web cannot hide (the neurons' +/- buttons and editing weights by hand).
LOCKABLE: tuple[str, ...] = (*HIDEABLE, "numNeurons", "weights")
CONTROL_LABELS: dict[str, str] = {
    "showTestData": "Show test data",
    "discretize": "Discretize output",
    "playButton": "Play",
    "stepButton": "Step",
    "resetButton": "Reset",
    "learningRate": "The learning rate",
    "activation": "The activation",
    "regularization": "Regularization",
    "regularizationRate": "The regularization rate",
    "problem": "The problem type",
    "dataset": "The data",
    "percTrainData": "The ratio of training to test data",
    "noise": "Noise",
    "batchSize": "The batch size",
    "numHiddenLayers": "The number of hidden layers",
    "numNeurons": "The number of neurons",
    "weights": "Editing weights by hand",
    **{f.key: f"The feature {f.label}" for f in FEATURE_BY_KEY.values()},
}

# Which control a Settings field belongs to (network_shape and features are decided separately).
FIELD_CONTROLS: dict[str, str] = {
    "learning_rate": "learningRate",
    "activation": "activation",
    "regularization": "regularization",
    "regularization_rate": "regularizationRate",
    "problem": "problem",
    "dataset": "dataset",
    "reg_dataset": "dataset",
    "seed": "dataset",
    "noise": "noise",
    "perc_train_data": "percTrainData",
    "batch_size": "batchSize",
    "show_test_data": "showTestData",
    "discretize": "discretize",
}

_LESSON_KEYS = {"title", "summary", "pages", "start", "hidden", "locked", "goals", "hints",
                "success", "solution"}
_REQUIRED = ("title", "summary", "pages", "start", "goals", "success", "solution")
_OUTPUT = "output"
_HIDDEN_UNIT = re.compile(r"h([1-9])\.([1-9])")
_ID_PREFIX = re.compile(r"^\d+[-_ ]*")


class LessonError(ValueError):
    """A lesson file is broken; the message names the file, the key and the problem."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(where + problem)


# -- goals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalStatus:
    """How a goal stands right now: met or not, what it asks, and the live value."""

    met: bool
    text: str
    progress: str
    fraction: float  # 0..1, how close (for a bar); 1 when met


@dataclass(frozen=True)
class Link:
    """A named link, "x -> h1.2" or "h2.1 -> output": its layer and units (0-based units)."""

    name: str
    source: str  # a feature key or "hL.U"
    target: str  # "hL.U" or "output"
    layer: int  # the target's layer: 1 = first hidden layer (or the output with none)

    def label(self) -> str:
        return f"{_endpoint_label(self.source)} to {_endpoint_label(self.target)}"

    def position(self, pg: Playground) -> tuple[int, int, int] | None:
        """(layer, unit, source) of the weight in this network, as `SetWeight` takes them, or
        None when the link does not exist."""
        shape = pg.settings.network_shape
        if self.target == _OUTPUT:
            layer = len(shape) + 1
            unit = 0
        else:
            target_layer, unit = _hidden_unit(self.target)
            if target_layer > len(shape) or unit >= shape[target_layer - 1]:
                return None
            layer = target_layer
        if self.source in FEATURE_BY_KEY:
            if layer != 1 or self.source not in pg.settings.input_features:
                return None
            source = pg.settings.input_features.index(self.source)
        else:
            source_layer, source = _hidden_unit(self.source)
            if source_layer != layer - 1 or source >= shape[source_layer - 1]:
                return None
        try:
            pg.network.weight_index(layer, unit, source)
        except IndexError:
            return None
        return layer, unit, source

    def index(self, pg: Playground) -> int | None:
        """The weight's flat index in this network, or None when the link does not exist."""
        position = self.position(pg)
        return None if position is None else pg.network.weight_index(*position)


def _hidden_unit(name: str) -> tuple[int, int]:
    match = _HIDDEN_UNIT.fullmatch(name)
    assert match is not None
    return int(match.group(1)), int(match.group(2)) - 1


def _endpoint_label(name: str) -> str:
    if name in FEATURE_BY_KEY:
        return FEATURE_BY_KEY[name].label
    if name == _OUTPUT:
        return "output"
    layer, unit = _hidden_unit(name)
    return f"layer {layer} unit {unit + 1}"


def parse_link(text: str) -> Link:
    """Read "SOURCE -> TARGET" (a feature key or hL.U, then hL.U or output); ValueError if bad."""
    parts = [p.strip() for p in str(text).split("->")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"{text!r} is not a link like \"x -> output\" or \"h1.2 -> h2.1\"")
    source, target = parts
    if source not in FEATURE_BY_KEY and not _HIDDEN_UNIT.fullmatch(source):
        raise ValueError(f"{source!r} is not a feature key ({', '.join(FEATURE_KEYS)}) "
                         f"nor a hidden unit like h1.2")
    if target != _OUTPUT and not _HIDDEN_UNIT.fullmatch(target):
        raise ValueError(f"{target!r} is not a hidden unit like h1.2 nor output")
    if target == _OUTPUT:
        layer = None if source in FEATURE_BY_KEY else _hidden_unit(source)[0] + 1
    else:
        layer = _hidden_unit(target)[0]
        expected = 1 if source in FEATURE_BY_KEY else _hidden_unit(source)[0] + 1
        if layer != expected:
            raise ValueError(f"{text!r} joins units that are not in neighbouring layers")
    if layer is not None and layer - 1 > MAX_HIDDEN_LAYERS:
        raise ValueError(f"{text!r} needs more than {MAX_HIDDEN_LAYERS} hidden layers")
    for name in (source, target):
        if _HIDDEN_UNIT.fullmatch(name) and _hidden_unit(name)[1] >= MAX_NEURONS:
            raise ValueError(f"{name!r}: a layer has at most {MAX_NEURONS} units")
    return Link(str(text).strip(), source, target, layer or 1)


def _hidden_units(pg: Playground) -> int:
    return sum(pg.settings.network_shape)


def _feature_list(keys: Iterable[str]) -> str:
    labels = [FEATURE_BY_KEY[k].label for k in keys]
    return ", ".join(labels) if labels else "none"


@dataclass(frozen=True)
class Goal:
    """One thing the student must achieve; all of a lesson's goals must hold at the same time."""

    kind: str
    value: Any = None  # the threshold, count, feature tuple, activation or Link
    low: float = -math.inf  # weight goals only
    high: float = math.inf
    text: str = ""  # the teacher's own wording, else one is written from the goal

    def describe(self) -> str:
        """What the goal asks, in words for the goal panel."""
        if self.text:
            return self.text
        kind, value = self.kind, self.value
        if kind == "test_loss":
            return f"Test loss below {format_number(value)}"
        if kind == "train_loss":
            return f"Training loss below {format_number(value)}"
        if kind == "within_epochs":
            return "No training: set it by hand" if value == 0 else f"Within {value} epochs"
        if kind == "min_epochs":
            return f"After at least {value} epochs of training"
        if kind == "largest_weight":
            return f"Every weight between -{format_number(value)} and {format_number(value)}"
        if kind == "max_hidden_units":
            return f"At most {value} hidden neuron{'s' if value != 1 else ''}"
        if kind == "max_layers":
            return ("No hidden layer" if value == 0
                    else f"At most {value} hidden layer{'s' if value != 1 else ''}")
        if kind == "features":
            return f"Only the features {_feature_list(value)}"
        if kind == "activation":
            return f"Activation {ACTIVATION_LABELS[value]}"
        if kind == "weight":
            return f"Weight {value.label()}: {format_number(self.low)} " \
                   f"to {format_number(self.high)}"
        if kind == "zero_weights":
            return f"At least {value} weights at zero"
        return kind

    def check(self, pg: Playground) -> GoalStatus:
        """Whether the goal holds for this playground now, with the live value shown."""
        return _CHECKS[self.kind](self, pg)


def _loss_status(goal: Goal, loss: float) -> GoalStatus:
    finite = math.isfinite(loss)
    met = finite and loss < goal.value
    if not finite:
        return GoalStatus(False, goal.describe(), "now NaN: the training blew up", 0.0)
    fraction = 1.0 if met else max(0.0, min(1.0, goal.value / loss)) if loss > 0 else 0.0
    return GoalStatus(met, goal.describe(), f"now {loss:.3f}", fraction)


def _check_test_loss(goal: Goal, pg: Playground) -> GoalStatus:
    return _loss_status(goal, pg.test_loss)


def _check_train_loss(goal: Goal, pg: Playground) -> GoalStatus:
    return _loss_status(goal, pg.train_loss)


def _check_within(goal: Goal, pg: Playground) -> GoalStatus:
    met = pg.epoch <= goal.value
    limit = max(1, goal.value)
    note = f"epoch {pg.epoch} of {goal.value}" if met else \
        f"epoch {pg.epoch}: too many, press Reset to start again"
    return GoalStatus(met, goal.describe(), note, 1.0 - min(1.0, pg.epoch / limit) if met else 0.0)


def _check_min_epochs(goal: Goal, pg: Playground) -> GoalStatus:
    met = pg.epoch >= goal.value
    return GoalStatus(met, goal.describe(), f"epoch {pg.epoch} of {goal.value}",
                      min(1.0, pg.epoch / max(1, goal.value)))


def _check_largest_weight(goal: Goal, pg: Playground) -> GoalStatus:
    weights = pg.network.weights
    largest = float(abs(weights).max()) if weights.size else 0.0
    if not math.isfinite(largest):
        return GoalStatus(False, goal.describe(), "now NaN: the training blew up", 0.0)
    met = largest < goal.value
    return GoalStatus(met, goal.describe(), f"largest now {largest:.2f}",
                      1.0 if met else goal.value / largest)


def _check_max_units(goal: Goal, pg: Playground) -> GoalStatus:
    units = _hidden_units(pg)
    met = units <= goal.value
    return GoalStatus(met, goal.describe(), f"now {units}", 1.0 if met else goal.value / units)


def _check_max_layers(goal: Goal, pg: Playground) -> GoalStatus:
    layers = len(pg.settings.network_shape)
    met = layers <= goal.value
    return GoalStatus(met, goal.describe(), f"now {layers}", 1.0 if met else goal.value / layers)


def _check_features(goal: Goal, pg: Playground) -> GoalStatus:
    used = pg.settings.input_features
    extra = [k for k in used if k not in goal.value]
    progress = f"now {_feature_list(used)}"
    return GoalStatus(not extra, goal.describe(), progress,
                      1.0 if not extra else 1 - len(extra) / max(1, len(used)))


def _check_activation(goal: Goal, pg: Playground) -> GoalStatus:
    now = pg.settings.activation
    met = now == goal.value
    return GoalStatus(met, goal.describe(), f"now {ACTIVATION_LABELS[now]}", float(met))


def _check_weight(goal: Goal, pg: Playground) -> GoalStatus:
    index = goal.value.index(pg)
    if index is None:
        return GoalStatus(False, goal.describe(), "this link is not in the network now", 0.0)
    weight = float(pg.network.weights[index])
    met = goal.low <= weight <= goal.high
    span = max(1e-9, goal.high - goal.low) if math.isfinite(goal.high - goal.low) else 1.0
    distance = 0.0 if met else min(abs(weight - goal.low), abs(weight - goal.high))
    return GoalStatus(met, goal.describe(), f"now {weight:.2f}", 1.0 / (1.0 + distance / span))


def _check_zero_weights(goal: Goal, pg: Playground) -> GoalStatus:
    net = pg.network
    zeros = int(((net.weights == 0) | (net.dead != 0)).sum())
    met = zeros >= goal.value
    return GoalStatus(met, goal.describe(), f"now {zeros}", min(1.0, zeros / goal.value))


_CHECKS: dict[str, Callable[[Goal, Playground], GoalStatus]] = {
    "test_loss": _check_test_loss,
    "train_loss": _check_train_loss,
    "within_epochs": _check_within,
    "min_epochs": _check_min_epochs,
    "largest_weight": _check_largest_weight,
    "max_hidden_units": _check_max_units,
    "max_layers": _check_max_layers,
    "features": _check_features,
    "activation": _check_activation,
    "weight": _check_weight,
    "zero_weights": _check_zero_weights,
}
GOAL_KINDS: tuple[str, ...] = tuple(_CHECKS)


# -- lessons --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Solution:
    """The reference solution: settings, weights set by hand (by link), and epochs to train."""

    settings: Settings
    epochs: int
    weights: tuple[tuple[Link, float], ...] = ()


@dataclass(frozen=True)
class Lesson:
    """One validated lesson, ready to open."""

    id: str
    path: Path
    title: str
    summary: str
    pages: tuple[str, ...]
    start: Settings
    locked: frozenset[str]
    goals: tuple[Goal, ...]
    hints: tuple[str, ...]
    success: str
    solution: Solution
    number: int = 0

    def check(self, pg: Playground) -> tuple[GoalStatus, ...]:
        """Every goal's status for this playground now."""
        return tuple(goal.check(pg) for goal in self.goals)

    def met(self, pg: Playground) -> bool:
        """True when every goal holds at once."""
        return all(status.met for status in self.check(pg))

    def blocked_control(self, action: Action, settings: Settings) -> str | None:
        """The locked control `action` would change from `settings`, or None when it may run."""
        if not self.locked:
            return None
        for control in controls_touched(action, settings):
            if control in self.locked:
                return control
        return None


@dataclass(frozen=True)
class Course:
    """Every lesson that loaded, in file-name order, and the problems of those that did not."""

    lessons: tuple[Lesson, ...]
    problems: tuple[LessonError, ...] = ()

    def find(self, key: str) -> Lesson | None:
        """A lesson by id, file name (with or without .toml) or course number."""
        key = key.strip()
        for lesson in self.lessons:
            if key in (lesson.id, lesson.path.stem, lesson.path.name, str(lesson.number)):
                return lesson
        return None


def lesson_id(path: Path) -> str:
    """The id of a lesson file: its name without the numeric ordering prefix and suffix."""
    stem = Path(path).stem
    return _ID_PREFIX.sub("", stem) or stem


def controls_touched(action: Action, settings: Settings) -> tuple[str, ...]:
    """The controls (LOCKABLE names) an action changes, given the settings it starts from."""
    if isinstance(action, ToggleFeature):
        return (action.key,)
    if isinstance(action, (AddLayer, RemoveLayer)):
        return ("numHiddenLayers",)
    if isinstance(action, (AddNeuron, RemoveNeuron)):
        return ("numNeurons",)
    if isinstance(action, (SetWeight, SetBias)):
        return ("weights",)
    if isinstance(action, Reset):
        return ("resetButton",)
    if isinstance(action, Regenerate):
        return ("dataset",)
    if isinstance(action, Change):
        try:
            new = settings.with_changes(**action.fields)
        except (SettingsError, TypeError):
            return ()  # the playground refuses it with its own message
        return settings_controls(settings, new)
    if isinstance(action, Open):
        return settings_controls(settings, action.settings)
    return ()


def settings_controls(old: Settings, new: Settings) -> tuple[str, ...]:
    """The controls whose values differ between two settings."""
    touched: list[str] = []
    for f in fields(old):
        name = f.name
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name == "features":
            touched.extend(k for k in FEATURE_KEYS if (k in before) != (k in after))
        elif name == "network_shape":
            if len(before) != len(after):
                touched.append("numHiddenLayers")
            if before[: len(after)] != after[: len(before)]:
                touched.append("numNeurons")
        elif name in FIELD_CONTROLS:
            touched.append(FIELD_CONTROLS[name])
    return tuple(dict.fromkeys(touched))


def locked_message(control: str) -> str:
    """The short refusal shown when a student tries a locked control."""
    return f"{CONTROL_LABELS.get(control, control)} is fixed in this lesson."


# -- reading files --------------------------------------------------------------------------


class _Reader:
    """Validates one file's table, raising LessonError with the file name and the key."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.file = path.name
        self.data = data

    def fail(self, key: str, problem: str) -> LessonError:
        return LessonError(self.file, key, problem)

    def text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        if key not in table:
            if required:
                raise self.fail(where, "is missing")
            return ""
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"must be non-empty text, not {value!r}")
        return _tidy(value)

    def texts(self, key: str, limit: int, required: bool) -> tuple[str, ...]:
        if key not in self.data:
            if required:
                raise self.fail(key, "is missing")
            return ()
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "must be a list of texts, e.g. [\"...\", \"...\"]")
        if len(value) > limit:
            raise self.fail(key, f"has {len(value)} entries; at most {limit}")
        out = []
        for k, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}[{k + 1}]", f"must be non-empty text, not {item!r}")
            out.append(_tidy(item))
        return tuple(out)

    def names(self, key: str) -> frozenset[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of control names, e.g. [\"dataset\", \"noise\"]")
        allowed = HIDEABLE if key == "hidden" else LOCKABLE
        for name in value:
            if name not in allowed:
                raise self.fail(key, f"unknown control name {name!r}; expected one of "
                                     + ", ".join(allowed))
        return frozenset(value)

    def code(self, table: dict[str, Any], key: str, where: str) -> Settings:
        text = self.text(table, key, where)
        try:
            parsed = parse_code(text)
        except SettingsError as exc:
            raise self.fail(where, f"bad code: {exc}") from None
        if parsed.unknown_keys:
            raise self.fail(where, "bad code: unknown key " + ", ".join(parsed.unknown_keys))
        return parsed.settings

    def number(self, table: dict[str, Any], key: str, where: str, *, whole: bool = False,
               low: float = -math.inf, high: float = math.inf, required: bool = True) -> Any:
        if key not in table:
            if required:
                raise self.fail(where, "is missing")
            return None
        value = table[key]
        ok = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or not math.isfinite(value):
            raise self.fail(where, f"{value!r} is not a {'whole ' if whole else ''}number")
        if not low <= value <= high:
            raise self.fail(where, f"{value!r} is impossible; expected "
                                   f"{format_number(low)} to {format_number(high)}")
        return value


def _tidy(text: str) -> str:
    """Lesson text as written in TOML: paragraphs kept, line breaks inside them joined."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs)


# Goals whose value is one whole number: its field, the lowest and the highest value allowed.
_WHOLE_GOALS: dict[str, tuple[str, int, int]] = {
    "within_epochs": ("epochs", 0, MAX_SOLUTION_EPOCHS),
    "min_epochs": ("epochs", 1, MAX_SOLUTION_EPOCHS),
    "max_hidden_units": ("count", 0, MAX_HIDDEN_UNITS),
    "max_layers": ("count", 0, MAX_HIDDEN_LAYERS),
    "zero_weights": ("count", 1, 10_000),
}


def _read_goal(reader: _Reader, table: Any, where: str) -> Goal:
    if not isinstance(table, dict):
        raise reader.fail(where, "must be a table like { kind = \"test_loss\", below = 0.05 }")
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in _CHECKS:  # a TOML list or table is unhashable
        raise reader.fail(f"{where}.kind", f"{kind!r} is not a goal kind; expected one of "
                                           + ", ".join(GOAL_KINDS))
    text = reader.text(table, "text", f"{where}.text", required=False)
    allowed = {"kind", "text", *_GOAL_FIELDS[kind]}
    extra = sorted(set(table) - allowed)
    if extra:
        raise reader.fail(f"{where}.{extra[0]}", f"is not a field of a {kind} goal; expected "
                                                 + ", ".join(_GOAL_FIELDS[kind]))
    if kind in ("test_loss", "train_loss"):
        below = reader.number(table, "below", f"{where}.below", low=0, high=MAX_LOSS_THRESHOLD)
        if below <= 0:
            raise reader.fail(f"{where}.below", "0 is impossible: a loss is never below 0")
        return Goal(kind, float(below), text=text)
    if kind in _WHOLE_GOALS:
        key, low, high = _WHOLE_GOALS[kind]
        count = reader.number(table, key, f"{where}.{key}", whole=True, low=low, high=high)
        return Goal(kind, count, text=text)
    if kind == "largest_weight":
        below = reader.number(table, "below", f"{where}.below", low=0, high=1e6)
        if below <= 0:
            raise reader.fail(f"{where}.below", "0 is impossible: no weight is below 0 in size")
        return Goal(kind, float(below), text=text)
    if kind == "features":
        only = table.get("only")
        if not isinstance(only, list) or not all(isinstance(k, str) for k in only):
            raise reader.fail(f"{where}.only", "must be a list of feature keys, e.g. "
                                               "[\"xSquared\", \"ySquared\"]")
        for key in only:
            if key not in FEATURE_BY_KEY:
                raise reader.fail(f"{where}.only", f"unknown feature {key!r}; expected one of "
                                                   + ", ".join(FEATURE_KEYS))
        return Goal(kind, tuple(k for k in FEATURE_KEYS if k in only), text=text)
    if kind == "activation":
        name = table.get("is")
        if name not in ACTIVATIONS:
            raise reader.fail(f"{where}.is", f"{name!r} is not an activation; expected one of "
                                             + ", ".join(ACTIVATIONS))
        return Goal(kind, name, text=text)
    # weight
    try:
        link = parse_link(table.get("link", ""))
    except ValueError as exc:
        raise reader.fail(f"{where}.link", str(exc)) from None
    low = reader.number(table, "min", f"{where}.min", required=False)
    high = reader.number(table, "max", f"{where}.max", required=False)
    if low is None and high is None:
        raise reader.fail(where, "a weight goal needs min, max or both")
    low = -math.inf if low is None else float(low)
    high = math.inf if high is None else float(high)
    if low > high:
        raise reader.fail(f"{where}.min", f"{format_number(low)} is above max "
                                          f"{format_number(high)}: no weight can be both")
    return Goal(kind, link, low, high, text=text)


_GOAL_FIELDS: dict[str, tuple[str, ...]] = {
    "test_loss": ("below",),
    "train_loss": ("below",),
    "largest_weight": ("below",),
    **{kind: (key,) for kind, (key, _low, _high) in _WHOLE_GOALS.items()},
    "features": ("only",),
    "activation": ("is",),
    "weight": ("link", "min", "max"),
}


def _read_solution(reader: _Reader) -> Solution:
    table = reader.data.get("solution")
    if table is None:
        raise reader.fail("solution", "is missing")
    if not isinstance(table, dict):
        raise reader.fail("solution", "must be a table: [solution] with code and epochs")
    extra = sorted(set(table) - {"code", "epochs", "weights"})
    if extra:
        raise reader.fail(f"solution.{extra[0]}", "is not a field; expected code, epochs, weights")
    settings = reader.code(table, "code", "solution.code")
    epochs = reader.number(table, "epochs", "solution.epochs", whole=True, low=0,
                           high=MAX_SOLUTION_EPOCHS)
    weights_table = table.get("weights", {})
    if not isinstance(weights_table, dict):
        raise reader.fail("solution.weights", "must be a table of \"link\" = value")
    weights = []
    for name in weights_table:
        where = f"solution.weights.{name}"
        try:
            link = parse_link(name)
        except ValueError as exc:
            raise reader.fail(where, str(exc)) from None
        number = reader.number(weights_table, name, where, low=-100, high=100)
        weights.append((link, float(number)))
    return Solution(settings, epochs, tuple(weights))


def _check_possible(reader: _Reader, start: Settings, locked: frozenset[str],
                    goals: tuple[Goal, ...], solution: Solution) -> None:
    """Refuse goals no student could meet: contradictions, locks, hidden features."""
    max_layers = min((g.value for g in goals if g.kind == "max_layers"),
                     default=MAX_HIDDEN_LAYERS)
    hidden_features = {k for k in FEATURE_KEYS if k in start.hidden}
    within = min((g.value for g in goals if g.kind == "within_epochs"), default=None)
    at_least = max((g.value for g in goals if g.kind == "min_epochs"), default=0)
    if within is not None and at_least > within:
        k = next(k for k, g in enumerate(goals, 1) if g.kind == "min_epochs")
        raise reader.fail(f"goals[{k}].epochs", f"asks for at least {at_least} epochs but "
                                                f"another goal allows at most {within}")
    if within is not None and solution.epochs > within:
        raise reader.fail("solution.epochs", f"{solution.epochs} is more than the goal's "
                                             f"{within} epochs")
    for k, goal in enumerate(goals, start=1):
        where = f"goals[{k}]"
        if goal.kind == "activation" and "activation" in locked and goal.value != start.activation:
            raise reader.fail(f"{where}.is", f"asks for {goal.value} but the activation is "
                                             f"locked at {start.activation}")
        if goal.kind == "features":
            missing = [f for f in start.input_features if f not in goal.value]
            fixed = [f for f in missing if f in locked]
            if fixed:
                raise reader.fail(f"{where}.only", f"the feature {fixed[0]} is locked on")
        if goal.kind == "max_layers" and "numHiddenLayers" in locked and \
                len(start.network_shape) > goal.value:
            raise reader.fail(f"{where}.count", "the number of hidden layers is locked above it")
        if goal.kind == "weight":
            link = goal.value
            needed = 0 if link.target == _OUTPUT and link.source in FEATURE_BY_KEY else \
                max(_hidden_unit(n)[0] for n in (link.source, link.target) if n != _OUTPUT
                    and n not in FEATURE_BY_KEY)
            if needed > max_layers:
                raise reader.fail(f"{where}.link", f"needs hidden layer {needed} but another "
                                                   f"goal allows at most {max_layers}")
            if link.target == _OUTPUT and link.source in FEATURE_BY_KEY and max_layers > 0 \
                    and len(start.network_shape) > 0 and "numHiddenLayers" in locked:
                raise reader.fail(f"{where}.link", "joins an input to the output, but the "
                                                   "hidden layers are locked in place")
            if link.source in hidden_features:
                raise reader.fail(f"{where}.link", f"starts at the hidden feature {link.source}")
            if "weights" in locked and solution.epochs == 0:
                raise reader.fail(f"{where}.link", "editing weights is locked and nothing trains")
        if goal.kind == "max_hidden_units" and "numHiddenLayers" in locked and \
                len(start.network_shape) > goal.value:
            raise reader.fail(f"{where}.count", "the hidden layers are locked with more units")
    same_seed = solution.settings.with_changes(seed=start.seed)  # the seed is not a control
    changed = [c for c in settings_controls(start, same_seed) if c in locked]
    if changed:
        raise reader.fail("solution.code", f"changes {changed[0]}, which the lesson locks: "
                                           "a student could not do that")
    if "weights" in locked and solution.weights:
        raise reader.fail("solution.weights", "sets weights by hand, which the lesson locks")


def read_lesson(path: Path) -> Lesson:
    """Read and validate one lesson file; raises LessonError naming the file, key and problem."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(path.name, "", f"cannot be read: {exc}") from None
    return parse_lesson(raw, path)


def parse_lesson(text: str, path: Path) -> Lesson:
    """Validate one lesson's TOML text (`path` names it in messages and gives its id)."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(path.name, "", f"is not valid TOML: {exc}") from None
    reader = _Reader(path, data)
    for key in _REQUIRED:
        if key not in data:
            raise reader.fail(key, "is missing")
    unknown = sorted(set(data) - _LESSON_KEYS)
    if unknown:
        raise reader.fail(unknown[0], "is not a lesson field; expected "
                                      + ", ".join(sorted(_LESSON_KEYS)))
    title = reader.text(data, "title", "title")
    summary = reader.text(data, "summary", "summary")
    pages = reader.texts("pages", MAX_PAGES, required=True)
    hints = reader.texts("hints", MAX_HINTS, required=False)
    success = reader.text(data, "success", "success")
    start = reader.code(data, "start", "start")
    hidden = reader.names("hidden")
    locked = reader.names("locked")
    if hidden:
        start = start.with_changes(hidden=start.hidden | hidden)
    goals_data = data["goals"]
    if not isinstance(goals_data, list) or not goals_data:
        raise reader.fail("goals", "must be one or more [[goals]] tables")
    if len(goals_data) > MAX_GOALS:
        raise reader.fail("goals", f"has {len(goals_data)} goals; at most {MAX_GOALS}")
    goals = tuple(_read_goal(reader, g, f"goals[{k}]") for k, g in enumerate(goals_data, 1))
    solution = _read_solution(reader)
    _check_possible(reader, start, locked, goals, solution)
    return Lesson(lesson_id(path), path, title, summary, pages, start, locked, goals, hints,
                  success, solution)


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files of a folder, ordered by file name."""
    return sorted(p for p in Path(folder).glob(f"*{LESSON_SUFFIX}") if p.is_file())


def load_course(folder: Path | None = None) -> Course:
    """Every lesson of `folder` (the shipped lessons/ by default); broken files are reported."""
    if folder is None:
        from playground_game.resources import resource_dir

        try:
            folder = resource_dir("lessons")
        except FileNotFoundError as exc:
            return Course((), (LessonError("lessons", "", str(exc)),))
    lessons: list[Lesson] = []
    problems: list[LessonError] = []
    seen: dict[str, str] = {}
    for path in lesson_files(folder):
        try:
            lesson = read_lesson(path)
        except LessonError as exc:
            problems.append(exc)
            continue
        if lesson.id in seen:
            problems.append(LessonError(path.name, "", f"has the same id {lesson.id!r} as "
                                                       f"{seen[lesson.id]}; rename one"))
            continue
        seen[lesson.id] = path.name
        lessons.append(replace(lesson, number=len(lessons) + 1))
    return Course(tuple(lessons), tuple(problems))


def apply_solution_weights(pg: Playground, solution: Solution) -> None:
    """Set the solution's hand-chosen weights (through actions, like a student's clicks)."""
    for link, value in solution.weights:
        position = link.position(pg)
        if position is None:
            raise SettingsError(f"the solution's link {link.name!r} is not in its network")
        pg.apply(SetWeight(*position, value))
