"""Lesson goals: one class per kind, each reading itself, checking, describing and judging itself.

A goal kind is one class here: its TOML fields, how it reads them (`read`), what it asks in words
(`default_text`), how it stands for a session now (`check`, with the live value and a progress
fraction), and what would make it impossible for a student (`impossible`, given the lesson's
start, locks, other goals and reference solution). `GOALS` lists the kinds; adding one is one
class and one entry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import KNOB_BY_KEY, MAX_HIDDEN_LAYERS, MAX_NEURONS
from playground_game.model.lessons.links import OUTPUT, Link, hidden_unit, parse_link
from playground_game.model.lessons.reader import TableReader

if TYPE_CHECKING:
    from playground_game.model.playground import Playground
    from playground_game.model.settings import Settings

MAX_SOLUTION_EPOCHS = 20_000
MAX_LOSS_THRESHOLD = 10.0
MAX_HIDDEN_UNITS = MAX_HIDDEN_LAYERS * MAX_NEURONS
ACTIVATION = KNOB_BY_KEY["activation"]


@dataclass(frozen=True)
class GoalStatus:
    """How a goal stands right now: met or not, what it asks, and the live value."""

    met: bool
    text: str
    progress: str
    fraction: float  # 0..1, how close (for a bar); 1 when met


@dataclass(frozen=True)
class Plan:
    """What a goal needs to judge whether a student could meet it."""

    start: Settings
    locked: frozenset[str]
    goals: tuple[Goal, ...]
    solution_epochs: int
    solution_weights: bool

    def smallest(self, kind: type[Goal], default: int) -> int:
        return min((g.count for g in self.goals if isinstance(g, kind)), default=default)


@dataclass(frozen=True)
class Goal:
    """One thing the student must achieve; all of a lesson's goals must hold at the same time."""

    kind: ClassVar[str] = ""
    fields: ClassVar[tuple[str, ...]] = ()
    text: str = ""  # the teacher's own wording, else one is written from the goal

    def describe(self) -> str:
        """What the goal asks, in words for the goal panel."""
        return self.text or self.default_text()

    def default_text(self) -> str:
        raise NotImplementedError

    def check(self, playground: Playground) -> GoalStatus:
        """Whether the goal holds for this session now, with the live value shown."""
        raise NotImplementedError

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        raise NotImplementedError

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        """(the field, the problem) when no student could meet this goal, else None."""
        return None

    def status(self, met: bool, progress: str, fraction: float) -> GoalStatus:
        return GoalStatus(met, self.describe(), progress, 1.0 if met else fraction)


_BLEW_UP = "now NaN: the training blew up"


def shown(value: float, *limits: float, digits: int = 3) -> str:
    """`value` with `digits` decimals, or more when fewer would round it onto (or across) one of
    `limits`: a met "below 0.02" must never read "now 0.020"."""
    for places in range(digits, 8):
        text = f"{value:.{places}f}"
        rounded = float(text)
        if all(rounded != limit and (rounded < limit) == (value < limit) for limit in limits
               if math.isfinite(limit)):
            return text
    return f"{value:.{digits}f}"


@dataclass(frozen=True)
class _LossGoal(Goal):
    fields: ClassVar[tuple[str, ...]] = ("below",)
    what: ClassVar[str] = ""
    below: float = 0.0

    def default_text(self) -> str:
        return f"{self.what} below {format_number(self.below)}"

    def loss(self, playground: Playground) -> float:
        raise NotImplementedError

    def check(self, playground: Playground) -> GoalStatus:
        loss = self.loss(playground)
        if not math.isfinite(loss):
            return self.status(False, _BLEW_UP, 0.0)
        met = loss < self.below
        fraction = max(0.0, min(1.0, self.below / loss)) if loss > 0 else 0.0
        return self.status(met, f"now {shown(loss, self.below)}", fraction)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        below = reader.number(table, "below", f"{where}.below", low=0, high=MAX_LOSS_THRESHOLD)
        if below <= 0:
            raise reader.fail(f"{where}.below", "0 is impossible: a loss is never below 0")
        return cls(text=text, below=float(below))


@dataclass(frozen=True)
class TestLoss(_LossGoal):
    kind: ClassVar[str] = "test_loss"
    what: ClassVar[str] = "Test loss"
    __test__: ClassVar[bool] = False  # not a pytest class

    def loss(self, playground: Playground) -> float:
        return playground.test_loss


@dataclass(frozen=True)
class TrainLoss(_LossGoal):
    kind: ClassVar[str] = "train_loss"
    what: ClassVar[str] = "Training loss"

    def loss(self, playground: Playground) -> float:
        return playground.train_loss


@dataclass(frozen=True)
class _CountGoal(Goal):
    """A goal whose value is one whole number in a range."""

    field: ClassVar[str] = "count"
    low: ClassVar[int] = 0
    high: ClassVar[int] = 0
    count: int = 0

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        count = reader.number(table, cls.field, f"{where}.{cls.field}", whole=True, low=cls.low,
                              high=cls.high)
        return cls(text=text, count=count)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class WithinEpochs(_CountGoal):
    kind: ClassVar[str] = "within_epochs"
    fields: ClassVar[tuple[str, ...]] = ("epochs",)
    field: ClassVar[str] = "epochs"
    high: ClassVar[int] = MAX_SOLUTION_EPOCHS

    def default_text(self) -> str:
        return "No training: set it by hand" if self.count == 0 else \
            f"Within {self.count} epochs"

    def check(self, playground: Playground) -> GoalStatus:
        epoch = playground.epoch
        if epoch > self.count:
            return self.status(False, f"epoch {epoch}: too many, press Reset to start again", 0.0)
        fraction = 1.0 - min(1.0, epoch / max(1, self.count))
        return GoalStatus(True, self.describe(), f"epoch {epoch} of {self.count}", fraction)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if plan.solution_epochs > self.count:
            return ("solution.epochs", f"{plan.solution_epochs} is more than the goal's "
                                       f"{self.count} epochs")
        return None


@dataclass(frozen=True)
class MinEpochs(_CountGoal):
    kind: ClassVar[str] = "min_epochs"
    fields: ClassVar[tuple[str, ...]] = ("epochs",)
    field: ClassVar[str] = "epochs"
    low: ClassVar[int] = 1
    high: ClassVar[int] = MAX_SOLUTION_EPOCHS

    def default_text(self) -> str:
        return f"After at least {self.count} epochs of training"

    def check(self, playground: Playground) -> GoalStatus:
        epoch = playground.epoch
        return self.status(epoch >= self.count, f"epoch {epoch} of {self.count}",
                           min(1.0, epoch / max(1, self.count)))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        within = plan.smallest(WithinEpochs, default=MAX_SOLUTION_EPOCHS + 1)
        if self.count > within:
            return (".epochs", f"asks for at least {self.count} epochs but another goal "
                               f"allows at most {within}")
        return None


@dataclass(frozen=True)
class MaxHiddenUnits(_CountGoal):
    kind: ClassVar[str] = "max_hidden_units"
    fields: ClassVar[tuple[str, ...]] = ("count",)
    high: ClassVar[int] = MAX_HIDDEN_UNITS

    def default_text(self) -> str:
        return f"At most {_plural(self.count, 'hidden neuron')}"

    def check(self, playground: Playground) -> GoalStatus:
        units = sum(playground.settings.network_shape)
        return self.status(units <= self.count, f"now {units}", self.count / max(1, units))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if "numHiddenLayers" in plan.locked and len(plan.start.network_shape) > self.count:
            return (".count", "the hidden layers are locked with more units")
        return None


@dataclass(frozen=True)
class MaxLayers(_CountGoal):
    kind: ClassVar[str] = "max_layers"
    fields: ClassVar[tuple[str, ...]] = ("count",)
    high: ClassVar[int] = MAX_HIDDEN_LAYERS

    def default_text(self) -> str:
        return "No hidden layer" if self.count == 0 else \
            f"At most {_plural(self.count, 'hidden layer')}"

    def check(self, playground: Playground) -> GoalStatus:
        layers = len(playground.settings.network_shape)
        return self.status(layers <= self.count, f"now {layers}", self.count / max(1, layers))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if "numHiddenLayers" in plan.locked and len(plan.start.network_shape) > self.count:
            return (".count", "the number of hidden layers is locked above it")
        return None


@dataclass(frozen=True)
class ZeroWeights(_CountGoal):
    kind: ClassVar[str] = "zero_weights"
    fields: ClassVar[tuple[str, ...]] = ("count",)
    low: ClassVar[int] = 1
    high: ClassVar[int] = 10_000

    def default_text(self) -> str:
        return f"At least {self.count} weights at zero"

    def check(self, playground: Playground) -> GoalStatus:
        net = playground.network
        zeros = int(((net.weights == 0) | (net.dead != 0)).sum())
        return self.status(zeros >= self.count, f"now {zeros}", min(1.0, zeros / self.count))


@dataclass(frozen=True)
class LargestWeight(Goal):
    kind: ClassVar[str] = "largest_weight"
    fields: ClassVar[tuple[str, ...]] = ("below",)
    below: float = 0.0

    def default_text(self) -> str:
        return f"Every weight between -{format_number(self.below)} and " \
               f"{format_number(self.below)}"

    def check(self, playground: Playground) -> GoalStatus:
        weights = playground.network.weights
        largest = float(abs(weights).max()) if weights.size else 0.0
        if not math.isfinite(largest):
            return self.status(False, _BLEW_UP, 0.0)
        now = shown(largest, self.below, digits=2)
        return self.status(largest < self.below, f"largest now {now}",
                           self.below / largest if largest else 1.0)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        below = reader.number(table, "below", f"{where}.below", low=0, high=1e6)
        if below <= 0:
            raise reader.fail(f"{where}.below", "0 is impossible: no weight is below 0 in size")
        return cls(text=text, below=float(below))


def _feature_list(keys: Iterable[str]) -> str:
    labels = [FEATURE_BY_KEY[k].label for k in keys]
    return ", ".join(labels) if labels else "none"


@dataclass(frozen=True)
class Features(Goal):
    kind: ClassVar[str] = "features"
    fields: ClassVar[tuple[str, ...]] = ("only",)
    only: tuple[str, ...] = ()

    def default_text(self) -> str:
        return f"Only the features {_feature_list(self.only)}"

    def check(self, playground: Playground) -> GoalStatus:
        used = playground.settings.input_features
        extra = [k for k in used if k not in self.only]
        return self.status(not extra, f"now {_feature_list(used)}",
                           1 - len(extra) / max(1, len(used)))

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        only = table.get("only")
        if not isinstance(only, list) or not all(isinstance(k, str) for k in only):
            raise reader.fail(f"{where}.only", "must be a list of feature keys, e.g. "
                                               "[\"xSquared\", \"ySquared\"]")
        for key in only:
            if key not in FEATURE_BY_KEY:
                raise reader.fail(f"{where}.only", f"unknown feature {key!r}; expected one of "
                                                   + ", ".join(FEATURE_KEYS))
        return cls(text=text, only=tuple(k for k in FEATURE_KEYS if k in only))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        fixed = [f for f in plan.start.input_features if f not in self.only and f in plan.locked]
        return (".only", f"the feature {fixed[0]} is locked on") if fixed else None


def _read_is_or_not(reader: TableReader, table: dict[str, Any], where: str,
                    allowed: tuple[str, ...], what: str) -> tuple[str, bool]:
    """A goal's `is = NAME` or `not = NAME`: the name and whether it must be it."""
    if ("is" in table) == ("not" in table):
        raise reader.fail(where, f"needs either is = or not = (a {what})")
    field = "is" if "is" in table else "not"
    name = table[field]
    if name not in allowed:
        raise reader.fail(f"{where}.{field}", f"{name!r} is not a {what}; expected one of "
                                              + ", ".join(allowed))
    return name, field == "is"


@dataclass(frozen=True)
class _SettingIs(Goal):
    """A setting is (or is not) one value: the activation, the regularization."""

    fields: ClassVar[tuple[str, ...]] = ("is", "not")
    key: ClassVar[str] = ""
    name: str = ""
    wanted: bool = True

    def _label(self, value: str) -> str:
        return KNOB_BY_KEY[self.key].value_label(value)

    def _now(self, playground: Playground) -> str:
        return getattr(playground.settings, KNOB_BY_KEY[self.key].field or "")

    def default_text(self) -> str:
        what = KNOB_BY_KEY[self.key].label
        return f"{what} {self._label(self.name)}" if self.wanted else \
            f"{what} other than {self._label(self.name)}"

    def check(self, playground: Playground) -> GoalStatus:
        now = self._now(playground)
        met = (now == self.name) == self.wanted
        return self.status(met, f"now {self._label(now)}", float(met))

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        knob = KNOB_BY_KEY[cls.key]
        allowed = knob.kind.values  # type: ignore[attr-defined]
        name, wanted = _read_is_or_not(reader, table, where, allowed, knob.label.lower())
        return cls(text=text, name=name, wanted=wanted)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        knob = KNOB_BY_KEY[self.key]
        start = getattr(plan.start, knob.field or "")
        if knob.lock_name in plan.locked and (start == self.name) != self.wanted:
            return (".is" if self.wanted else ".not",
                    f"cannot hold: the {knob.label.lower()} is locked at {start}")
        return None


@dataclass(frozen=True)
class Activation(_SettingIs):
    kind: ClassVar[str] = "activation"
    key: ClassVar[str] = "activation"


@dataclass(frozen=True)
class Regularization(_SettingIs):
    kind: ClassVar[str] = "regularization"
    key: ClassVar[str] = "regularization"


@dataclass(frozen=True)
class Gap(Goal):
    """Test loss minus training loss below a number: a model that generalises."""

    kind: ClassVar[str] = "gap"
    fields: ClassVar[tuple[str, ...]] = ("below",)
    below: float = 0.0

    def default_text(self) -> str:
        return f"Test loss at most {format_number(self.below)} above the training loss"

    def check(self, playground: Playground) -> GoalStatus:
        gap = playground.test_loss - playground.train_loss
        if not math.isfinite(gap):
            return self.status(False, _BLEW_UP, 0.0)
        fraction = max(0.0, min(1.0, self.below / gap)) if gap > 0 else 1.0
        return self.status(gap < self.below, f"gap now {shown(gap, self.below)}", fraction)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        below = reader.number(table, "below", f"{where}.below", low=0, high=MAX_LOSS_THRESHOLD)
        if below <= 0:
            raise reader.fail(f"{where}.below", "0 is impossible: ask for a gap above 0")
        return cls(text=text, below=float(below))


def dead_units(playground: Playground) -> int:
    """Hidden units whose output is 0 everywhere on the input square (a dead ReLU)."""
    net = playground.network
    if net.num_layers <= 2:
        return 0
    grids = playground.unit_grids()[net.unit_index(1, 0):net.output_units()[0]]
    return int((abs(grids).reshape(grids.shape[0], -1).max(axis=1) == 0).sum())


@dataclass(frozen=True)
class DeadUnits(Goal):
    """At least (or at most) so many hidden units output 0 everywhere: dying ReLUs."""

    kind: ClassVar[str] = "dead_units"
    fields: ClassVar[tuple[str, ...]] = ("at_least", "at_most")
    at_least: int = 0
    at_most: int = MAX_HIDDEN_UNITS

    def default_text(self) -> str:
        if self.at_least:
            return f"At least {_plural(self.at_least, 'dead neuron')} (output 0 everywhere)"
        return f"At most {_plural(self.at_most, 'dead neuron')} (output 0 everywhere)"

    def check(self, playground: Playground) -> GoalStatus:
        dead = dead_units(playground)
        met = self.at_least <= dead <= self.at_most
        fraction = min(1.0, dead / self.at_least) if self.at_least else \
            (1.0 if met else self.at_most / max(1, dead))
        return self.status(met, f"now {dead}", fraction)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        low = reader.number(table, "at_least", f"{where}.at_least", whole=True, low=1,
                            high=MAX_HIDDEN_UNITS, required=False)
        high = reader.number(table, "at_most", f"{where}.at_most", whole=True, low=0,
                             high=MAX_HIDDEN_UNITS, required=False)
        if (low is None) == (high is None):
            raise reader.fail(where, "needs either at_least or at_most")
        return cls(text=text, at_least=low or 0,
                   at_most=MAX_HIDDEN_UNITS if high is None else high)


@dataclass(frozen=True)
class TestLossAt(_LossGoal):
    """The test loss below a number at one epoch (the end of the budget): early stopping."""

    kind: ClassVar[str] = "test_loss_at"
    fields: ClassVar[tuple[str, ...]] = ("below", "epoch")
    what: ClassVar[str] = "Test loss"
    __test__: ClassVar[bool] = False  # not a pytest class
    epoch: int = 0

    def default_text(self) -> str:
        return f"Test loss below {format_number(self.below)} at epoch {self.epoch}"

    def loss(self, playground: Playground) -> float:
        return playground.test_loss

    def check(self, playground: Playground) -> GoalStatus:
        status = super().check(playground)
        if playground.epoch == self.epoch:
            return status
        return GoalStatus(False, status.text, f"{status.progress} at epoch {playground.epoch}; "
                          f"counts at epoch {self.epoch}", min(status.fraction, 0.99))

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        loss = super().read(reader, table, where, text)
        epoch = reader.number(table, "epoch", f"{where}.epoch", whole=True, low=1,
                              high=MAX_SOLUTION_EPOCHS)
        return cls(text=text, below=loss.below, epoch=epoch)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Weight(Goal):
    kind: ClassVar[str] = "weight"
    fields: ClassVar[tuple[str, ...]] = ("link", "min", "max")
    link: Link | None = None
    low: float = -math.inf
    high: float = math.inf

    def default_text(self) -> str:
        assert self.link is not None
        return f"Weight {self.link.label()}: {format_number(self.low)} to " \
               f"{format_number(self.high)}"

    def check(self, playground: Playground) -> GoalStatus:
        assert self.link is not None
        index = self.link.index(playground)
        if index is None:
            return self.status(False, "this link is not in the network now", 0.0)
        weight = float(playground.network.weights[index])
        met = self.low <= weight <= self.high
        return self.status(met, f"now {shown(weight, self.low, self.high, digits=2)}",
                           self.fraction(weight))

    def fraction(self, weight: float) -> float:
        """How far the weight has come from 0 towards the range (0 at 0 when the range does not
        hold 0), or how far it overshot it: never a full bar for a weight that is still far."""
        if self.low <= weight <= self.high:
            return 1.0
        if weight < self.low:
            if self.low > 0:  # coming up from 0 (or from below it) towards a positive range
                return max(0.0, weight) / self.low
            return self.low / weight  # below a range that reaches down to 0 or less
        if self.high < 0:  # coming down from 0 towards a negative range
            return min(0.0, weight) / self.high
        return self.high / weight if weight > 0 else 0.0

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
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
        return cls(text=text, link=link, low=low, high=high)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        link = self.link
        assert link is not None
        max_layers = plan.smallest(MaxLayers, default=MAX_HIDDEN_LAYERS)
        ends = [n for n in (link.source, link.target) if n != OUTPUT and n not in FEATURE_BY_KEY]
        needed = max((hidden_unit(n)[0] for n in ends), default=0)
        if needed > max_layers:
            return (".link", f"needs hidden layer {needed} but another goal allows at most "
                             f"{max_layers}")
        if (link.target == OUTPUT and link.source in FEATURE_BY_KEY and max_layers > 0
                and plan.start.network_shape and "numHiddenLayers" in plan.locked):
            return (".link", "joins an input to the output, but the hidden layers are locked "
                             "in place")
        if link.source in plan.start.hidden:
            return (".link", f"starts at the hidden feature {link.source}")
        if "weights" in plan.locked and plan.solution_epochs == 0:
            return (".link", "editing weights is locked and nothing trains")
        return None


GOALS: dict[str, type[Goal]] = {cls.kind: cls for cls in (
    TestLoss, TrainLoss, WithinEpochs, MinEpochs, LargestWeight, MaxHiddenUnits, MaxLayers,
    Features, Activation, Regularization, Weight, ZeroWeights, Gap, DeadUnits, TestLossAt)}
GOAL_KINDS: tuple[str, ...] = tuple(GOALS)


def read_goal(reader: TableReader, table: Any, where: str) -> Goal:
    """One [[goals]] table as a goal; LessonError naming the field when it is wrong."""
    if not isinstance(table, dict):
        raise reader.fail(where, "must be a table like { kind = \"test_loss\", below = 0.05 }")
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in GOALS:  # a TOML list or table is unhashable
        raise reader.fail(f"{where}.kind", f"{kind!r} is not a goal kind; expected one of "
                                           + ", ".join(GOAL_KINDS))
    cls = GOALS[kind]
    text = reader.text(table, "text", f"{where}.text", required=False)
    extra = sorted(set(table) - {"kind", "text", *cls.fields})
    if extra:
        raise reader.fail(f"{where}.{extra[0]}", f"is not a field of a {kind} goal; expected "
                                                 + ", ".join(cls.fields))
    return cls.read(reader, table, where, text)
