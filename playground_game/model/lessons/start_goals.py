"""The goal over many starts: the student's setting must succeed from most fresh initial weights.

One lucky run proves little: a network with just enough neurons learns XOR from some starts and
not from others. `succeeds_over_starts` trains the student's current setting from `starts` fresh
starts (Reset draws, see `trials.py`) and holds once `at_least` of them succeed, a start
succeeding when the lesson's other goals hold within its epoch budget. The window runs the
trials in the background a slice a frame and shows their count as they come in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.lessons.goal_base import Goal, GoalStatus, Plan, StartsShown
from playground_game.model.lessons.reader import TableReader

if TYPE_CHECKING:
    from playground_game.model.lessons.trials import StartTrials
    from playground_game.model.playground import Playground

MAX_STARTS = 20


@dataclass(frozen=True)
class SucceedsOverStarts(Goal):
    kind: ClassVar[str] = "succeeds_over_starts"
    fields: ClassVar[tuple[str, ...]] = ("starts", "at_least")
    over_starts: ClassVar[bool] = True
    starts: int = 5
    at_least: int = 4

    def default_text(self) -> str:
        if self.at_least == self.starts:
            return f"Reach the other goals from every one of {self.starts} fresh starts"
        return f"Reach the other goals from at least {self.at_least} of {self.starts} fresh starts"

    def check(self, playground: Playground) -> GoalStatus:
        return self.judge(playground, None)

    def judge(self, playground: Playground, trials: StartTrials | None) -> GoalStatus:
        if trials is None or trials.settings != playground.settings:
            return self.status(False, f"not tried yet from {self.starts} starts", 0.0)
        won = trials.successes
        met = won >= self.at_least
        fraction = min(1.0, won / self.at_least)
        marks = StartsShown(tuple(trials.results), trials.starts,
                            min(1.0, trials.epoch / max(1, trials.epochs)))
        if trials.done:
            return self.status(met, f"{won} of {self.starts} starts succeeded", fraction, marks)
        return self.status(met, f"{won} of {self.starts} starts so far succeeded", fraction,
                           marks)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        starts = reader.number(table, "starts", f"{where}.starts", whole=True, low=2,
                               high=MAX_STARTS)
        at_least = reader.number(table, "at_least", f"{where}.at_least", whole=True, low=1,
                                 high=starts)
        return cls(text=text, starts=starts, at_least=at_least)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if not plan.budget:
            return ("", "needs the lesson's budget: each start trains within it")
        if sum(g.over_starts for g in plan.goals) > 1:
            return ("", "a lesson has at most one succeeds_over_starts goal")
        if all(g.over_starts for g in plan.goals):
            return ("", "needs another goal: each start succeeds when the other goals hold")
        return None
