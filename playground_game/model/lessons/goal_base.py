"""The base of lesson goals: a goal's status, what it needs to judge itself, and helpers.

`Goal` is one thing the student must achieve: its TOML fields, how it reads them (`read`), what
it asks in words (`default_text`), how it stands for a session now (`check`, with the live value
and a progress fraction), and what would make it impossible for a student (`impossible`, given
the lesson's start, locks, other goals and reference solution, as a `Plan`). The kinds are in
`loss_goals.py` and `network_goals.py`; `goals.py` lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.knobs import MAX_HIDDEN_LAYERS, MAX_NEURONS
from playground_game.model.lessons.reader import TableReader

if TYPE_CHECKING:
    from playground_game.model.lessons.trials import StartTrials
    from playground_game.model.playground import Playground
    from playground_game.model.settings import Settings

MAX_SOLUTION_EPOCHS = 20_000
MAX_LOSS_THRESHOLD = 10.0
MAX_HIDDEN_UNITS = MAX_HIDDEN_LAYERS * MAX_NEURONS
BLEW_UP = "now NaN: the training blew up"
NO_POINTS = "no points to measure yet"


def not_a_number(playground: Playground) -> str:
    """Why a measure reads NaN: no points to measure (a blank canvas, all points on one
    side of the split), or training that blew up."""
    train, test = playground.data.train.shape[0], playground.data.test.shape[0]
    return NO_POINTS if train == 0 or test == 0 else BLEW_UP


@dataclass(frozen=True)
class StartsShown:
    """A goal over fresh starts as the panel draws it, one mark a start: the outcome of each
    finished start, how far the one in training has come, and how many there are in all."""

    outcomes: tuple[bool, ...]  # finished starts, in order: True when it succeeded
    total: int
    running: float  # 0..1: the budget's share the start in training has used (0 between)


@dataclass(frozen=True)
class GoalStatus:
    """How a goal stands right now: met or not, what it asks, and the live value."""

    met: bool
    text: str
    progress: str
    fraction: float  # 0..1, how close (for a bar); 1 when met
    starts: StartsShown | None = None  # a goal over starts: its marks, start by start


@dataclass(frozen=True)
class Plan:
    """What a goal needs to judge whether a student could meet it."""

    start: Settings
    locked: frozenset[str]
    goals: tuple[Goal, ...]
    solution_epochs: int
    solution_weights: bool
    budget: int | None = None

    def smallest(self, kind: type[Goal], default: int) -> int:
        return min((g.count for g in self.goals if isinstance(g, kind)), default=default)


@dataclass(frozen=True)
class Goal:
    """One thing the student must achieve; all of a lesson's goals must hold at the same time."""

    kind: ClassVar[str] = ""
    fields: ClassVar[tuple[str, ...]] = ()
    # True for a goal judged by training the setting from fresh starts (`trials.py`), not by
    # the session alone: the other goals are what each start must reach.
    over_starts: ClassVar[bool] = False
    text: str = ""  # the teacher's own wording, else one is written from the goal

    def describe(self) -> str:
        """What the goal asks, in words for the goal panel."""
        return self.text or self.default_text()

    def default_text(self) -> str:
        raise NotImplementedError

    def check(self, playground: Playground) -> GoalStatus:
        """Whether the goal holds for this session now, with the live value shown."""
        raise NotImplementedError

    def judge(self, playground: Playground, trials: StartTrials | None) -> GoalStatus:
        """The goal's status given the trials of the session's setting from fresh starts (if
        any ran); only a goal over starts reads them."""
        return self.check(playground)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        raise NotImplementedError

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        """(the field, the problem) when no student could meet this goal, else None."""
        return None

    def limits(self) -> dict[str, float]:
        """The thresholds this goal puts on the numbers a success text quotes, by placeholder
        ({test_loss}: 0.004), so the quote shows the digits that put it on the right side."""
        return {}

    def status(self, met: bool, progress: str, fraction: float,
               starts: StartsShown | None = None) -> GoalStatus:
        return GoalStatus(met, self.describe(), progress, 1.0 if met else fraction, starts)


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
class CountGoal(Goal):
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


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def read_below(reader: TableReader, table: dict[str, Any], where: str, high: float,
               why_not_zero: str) -> float:
    """A goal's `below` threshold: a number above 0 (0 would ask the impossible) up to `high`."""
    below = reader.number(table, "below", f"{where}.below", low=0, high=high)
    if below <= 0:
        raise reader.fail(f"{where}.below", f"0 is impossible: {why_not_zero}")
    return float(below)


def read_is_or_not(reader: TableReader, table: dict[str, Any], where: str,
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
