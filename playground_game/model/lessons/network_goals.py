"""Goals on the network and the settings: its size, its weights, dead units, the features,
the activation and the regularization."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import KNOB_BY_KEY, MAX_HIDDEN_LAYERS
from playground_game.model.lessons.goal_base import (
    MAX_HIDDEN_UNITS,
    CountGoal,
    Goal,
    GoalStatus,
    Plan,
    not_a_number,
    plural,
    read_below,
    read_is_or_not,
    shown,
)
from playground_game.model.lessons.links import OUTPUT, Link, hidden_unit, parse_link
from playground_game.model.lessons.reader import TableReader

if TYPE_CHECKING:
    from playground_game.model.playground import Playground

ACTIVATION = KNOB_BY_KEY["activation"]


@dataclass(frozen=True)
class MaxHiddenUnits(CountGoal):
    kind: ClassVar[str] = "max_hidden_units"
    fields: ClassVar[tuple[str, ...]] = ("count",)
    high: ClassVar[int] = MAX_HIDDEN_UNITS

    def default_text(self) -> str:
        return f"At most {plural(self.count, 'hidden neuron')}"

    def check(self, playground: Playground) -> GoalStatus:
        units = sum(playground.settings.network_shape)
        return self.status(units <= self.count, f"now {units}", self.count / max(1, units))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if "numHiddenLayers" in plan.locked and len(plan.start.network_shape) > self.count:
            return (".count", "the hidden layers are locked with more units")
        return None


@dataclass(frozen=True)
class MaxLayers(CountGoal):
    kind: ClassVar[str] = "max_layers"
    fields: ClassVar[tuple[str, ...]] = ("count",)
    high: ClassVar[int] = MAX_HIDDEN_LAYERS

    def default_text(self) -> str:
        return "No hidden layer" if self.count == 0 else \
            f"At most {plural(self.count, 'hidden layer')}"

    def check(self, playground: Playground) -> GoalStatus:
        layers = len(playground.settings.network_shape)
        return self.status(layers <= self.count, f"now {layers}", self.count / max(1, layers))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if "numHiddenLayers" in plan.locked and len(plan.start.network_shape) > self.count:
            return (".count", "the number of hidden layers is locked above it")
        return None


@dataclass(frozen=True)
class ZeroWeights(CountGoal):
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
            return self.status(False, not_a_number(playground), 0.0)
        now = shown(largest, self.below, digits=2)
        return self.status(largest < self.below, f"largest now {now}",
                           self.below / largest if largest else 1.0)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        return cls(text=text, below=read_below(reader, table, where, 1e6,
                                                "no weight is below 0 in size"))


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
        name, wanted = read_is_or_not(reader, table, where, allowed, knob.label.lower())
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
            return f"At least {plural(self.at_least, 'dead neuron')} (output 0 everywhere)"
        return f"At most {plural(self.at_most, 'dead neuron')} (output 0 everywhere)"

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
