"""Proof that a lesson teaches: its reference (and every other solution it names) succeeds from
most starts, its cheats from none.

A start is the lesson's experiment with another draw of initial weights: the data of its seed,
then Reset pressed k times (k = 0, 1, 2, ...), as a student would. From each start an attempt
(the reference solution, the unchanged start, each tempting cheat the lesson file names) trains
epoch by epoch up to its epochs and the lesson's budget; it succeeds at the first epoch where
every goal holds at once (a goal over starts judges the attempt's setting from its own fresh
starts, `trials.py`, as the window does in the background). Everything runs through the
model, never the window, so the tests can prove every lesson over many starts in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from playground_game.model.actions import Train
from playground_game.model.lessons.lesson import Lesson, Solution, apply_solution_weights
from playground_game.model.lessons.trials import StartTrials, fresh_start
from playground_game.model.playground import Playground

DEFAULT_STARTS = 20
REFERENCE_RATE = 0.9  # the least share of starts the reference must succeed from
FIRST_CHAPTER_RATE = 0.95


@dataclass(frozen=True)
class AttemptResult:
    """How one attempt did over the starts: the epoch it succeeded at, per start (None: never)."""

    name: str
    epochs: tuple[int | None, ...]

    @property
    def successes(self) -> int:
        return sum(e is not None for e in self.epochs)

    @property
    def rate(self) -> float:
        return self.successes / len(self.epochs) if self.epochs else 0.0

    def describe(self) -> str:
        done = [e for e in self.epochs if e is not None]
        median = sorted(done)[len(done) // 2] if done else None
        when = f", median epoch {median}" if median is not None else ""
        return f"{self.name}: {self.successes} of {len(self.epochs)} starts{when}"


@dataclass(frozen=True)
class LessonProof:
    """A lesson's reference, its unchanged start and its cheats, each over the same starts."""

    lesson: Lesson
    reference: AttemptResult
    unchanged: AttemptResult
    cheats: tuple[AttemptResult, ...]
    required_rate: float
    others: tuple[AttemptResult, ...] = ()  # the lesson's other solutions, held to the same rate

    @property
    def results(self) -> tuple[AttemptResult, ...]:
        """Every attempt, the ways that must succeed first."""
        return (self.reference, *self.others, self.unchanged, *self.cheats)

    @property
    def problems(self) -> list[str]:
        """What keeps the lesson from teaching (empty when it is proven)."""
        found = []
        for result in (self.reference, *self.others):
            if result.rate < self.required_rate:
                found.append(f"the {result.name} succeeds from {result.successes} of "
                             f"{len(result.epochs)} starts; it needs {self.required_rate:.0%}")
        for result in (self.unchanged, *self.cheats):
            if result.successes:
                found.append(f"{result.name!r} passes from {result.successes} of "
                             f"{len(result.epochs)} starts")
        return found


def start_session(lesson: Lesson, attempt: Solution, start: int) -> Playground:
    """The attempt's experiment at start `start`: its data, then Reset pressed `start` times."""
    playground = fresh_start(attempt.settings, start)
    apply_solution_weights(playground, attempt)
    return playground


def success_epoch(lesson: Lesson, playground: Playground, epochs: int,
                  trials: StartTrials | None = None) -> int | None:
    """Train one epoch at a time up to `epochs` (and the budget); the first epoch at which
    every goal holds (a goal over starts reading `trials`), or None."""
    limit = epochs if lesson.budget is None else min(epochs, lesson.budget)
    while True:
        if lesson.met(playground, trials):
            return playground.epoch
        if playground.epoch >= limit or playground.diverged:
            return None
        playground.apply(Train(1))


def try_attempt(lesson: Lesson, attempt: Solution, starts: int = DEFAULT_STARTS) -> AttemptResult:
    """The attempt from each of `starts` starts. A goal over starts judges the attempt's setting
    once (the setting is the same from every start), as the window does in the background."""
    sessions = (start_session(lesson, attempt, k) for k in range(starts))
    first = next(sessions)
    trials = lesson.trials(first.settings)
    if trials is not None:
        trials.finish()
    epochs = tuple(success_epoch(lesson, session, attempt.epochs, trials)
                   for session in chain((first,), sessions))
    return AttemptResult(attempt.name, epochs)


def prove(lesson: Lesson, starts: int = DEFAULT_STARTS, first_chapter: bool = False) -> LessonProof:
    """Every attempt of a lesson over `starts` starts."""
    return LessonProof(
        lesson=lesson,
        reference=try_attempt(lesson, lesson.solution, starts),
        unchanged=try_attempt(lesson, lesson.unchanged_start, starts),
        cheats=tuple(try_attempt(lesson, cheat, starts) for cheat in lesson.cheats),
        required_rate=FIRST_CHAPTER_RATE if first_chapter else REFERENCE_RATE,
        others=tuple(try_attempt(lesson, way, starts) for way in lesson.solutions),
    )
