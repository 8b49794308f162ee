"""A lesson, its reference solution, and the course of lessons in order."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from playground_game.model.actions import Action, SetWeight
from playground_game.model.lessons.goal_base import shown
from playground_game.model.lessons.goals import Goal, GoalStatus
from playground_game.model.lessons.links import Link
from playground_game.model.lessons.reader import LessonError
from playground_game.model.lessons.start_goals import SucceedsOverStarts
from playground_game.model.lessons.trials import StartTrials
from playground_game.model.locks import blocked_control
from playground_game.model.metrics import metrics
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings, SettingsError

_ID_PREFIX = re.compile(r"^\d+[-_ ]*")


@dataclass(frozen=True)
class Solution:
    """A way to take the lesson: settings, weights set by hand (by link), epochs to train.

    The lesson's reference solution is one; its tempting cheats (which its goals must refuse)
    are others, each with a name that says what it tries.
    """

    settings: Settings
    epochs: int
    weights: tuple[tuple[Link, float], ...] = ()
    name: str = "reference solution"


@dataclass(frozen=True)
class Question:
    """Predict before you try: a multiple-choice question asked before the experiment."""

    ask: str
    choices: tuple[str, ...]
    answer: int  # 0-based index of the right choice
    why: str  # shown once the student has answered


# What the success text may quote from the student's own run: {gap} and the like.
def run_numbers(playground: Playground,
                limits: dict[str, tuple[float, ...]] | None = None) -> dict[str, str]:
    """The student's numbers, formatted for the success text's {placeholders}. A number a goal
    compares with a threshold (`limits`, by placeholder) gets the digits it needs to read on the
    right side of it: 0.0038 for "below 0.004", never "0.004"."""
    limits = limits or {}
    gap = playground.test_loss - playground.train_loss
    gap_text = shown(abs(gap), *(abs(x) for x in limits.get("gap", ())))
    accuracy = metrics(playground).get("Test accuracy", math.nan)
    return {
        "epoch": str(playground.epoch),
        "test_loss": shown(playground.test_loss, *limits.get("test_loss", ())),
        "train_loss": shown(playground.train_loss, *limits.get("train_loss", ())),
        "gap": shown(gap, *limits.get("gap", ())),
        "gap_words": (f"{gap_text} above" if gap > 0 else f"{gap_text} below" if gap < 0
                      else "level with"),
        "test_accuracy": (shown(accuracy, *limits.get("test_accuracy", ()), digits=1) + "%"
                          if math.isfinite(accuracy) else "not measured"),
        "hidden_units": str(sum(playground.settings.network_shape)),
        "layers": str(len(playground.settings.network_shape)),
        "learning_rate": str(playground.settings.learning_rate),
        "activation": playground.settings.activation,
    }


PLACEHOLDERS: tuple[str, ...] = ("epoch", "test_loss", "train_loss", "gap", "gap_words",
                                 "test_accuracy", "hidden_units", "layers", "learning_rate",
                                 "activation")


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
    cheats: tuple[Solution, ...] = ()
    solutions: tuple[Solution, ...] = ()  # other ways the lesson offers; each must succeed too
    budget: int | None = None  # epochs the student has; past it, Reset starts again
    chapter: str = ""
    question: Question | None = None

    def success_text(self, playground: Playground) -> str:
        """The success message with the student's own numbers in its {placeholders}."""
        limits: dict[str, tuple[float, ...]] = {}
        for goal in self.goals:
            for name, value in goal.limits().items():
                limits[name] = (*limits.get(name, ()), value)
        return self.success.format(**run_numbers(playground, limits))

    def stars(self, epochs: int, hidden_units: int) -> int:
        """1 to 3: one for success, one for no more epochs than the reference's, one for no
        more hidden neurons than the reference uses."""
        par_units = sum(self.solution.settings.network_shape)
        return 1 + (epochs <= self.solution.epochs) + (hidden_units <= par_units)

    @property
    def unchanged_start(self) -> Solution:
        """The start as it opens, trained for the budget: no lesson may pass it."""
        epochs = self.budget if self.budget is not None else max(200, 2 * self.solution.epochs)
        return Solution(self.start, epochs, name="unchanged start")

    def check(self, playground: Playground,
              trials: StartTrials | None = None) -> tuple[GoalStatus, ...]:
        """Every goal's status for this playground now (a goal over starts reads `trials`, the
        playground's setting trained from fresh starts; without them it does not hold)."""
        return tuple(goal.judge(playground, trials) for goal in self.goals)

    def met(self, playground: Playground, trials: StartTrials | None = None) -> bool:
        """True when every goal holds at once, within the budget."""
        if self.budget is not None and playground.epoch > self.budget:
            return False
        return all(goal.judge(playground, trials).met for goal in self.goals)

    @property
    def over_starts(self) -> SucceedsOverStarts | None:
        """The goal that trains the setting from fresh starts, if the lesson has one."""
        return next((goal for goal in self.goals if isinstance(goal, SucceedsOverStarts)), None)

    def trials(self, settings: Settings) -> StartTrials | None:
        """The trials of `settings` from fresh starts that the lesson's goal over starts needs
        (None without one): each start succeeds when the other goals hold within the budget."""
        goal = self.over_starts
        if goal is None:
            return None
        others = tuple(g for g in self.goals if not g.over_starts)

        def succeeded(playground: Playground) -> bool:
            return all(g.check(playground).met for g in others)

        return StartTrials(settings, goal.starts, self.budget or 0, succeeded)

    def blocked_control(self, action: Action, settings: Settings) -> str | None:
        """The locked control `action` would change from `settings`, or None when it may run."""
        return blocked_control(action, settings, self.locked)


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


def apply_solution_weights(playground: Playground, solution: Solution) -> None:
    """Set the solution's hand-chosen weights (through actions, like a student's clicks)."""
    for link, value in solution.weights:
        position = link.position(playground)
        if position is None:
            raise SettingsError(f"the solution's link {link.name!r} is not in its network")
        playground.apply(SetWeight(*position, value))
