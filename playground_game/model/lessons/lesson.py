"""A lesson, its reference solution, and the course of lessons in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playground_game.model.actions import Action, SetWeight
from playground_game.model.lessons.goals import Goal, GoalStatus
from playground_game.model.lessons.links import Link
from playground_game.model.lessons.reader import LessonError
from playground_game.model.locks import blocked_control
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings, SettingsError

_ID_PREFIX = re.compile(r"^\d+[-_ ]*")


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

    def check(self, playground: Playground) -> tuple[GoalStatus, ...]:
        """Every goal's status for this playground now."""
        return tuple(goal.check(playground) for goal in self.goals)

    def met(self, playground: Playground) -> bool:
        """True when every goal holds at once."""
        return all(status.met for status in self.check(playground))

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
