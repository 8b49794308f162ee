"""Goals for the training lab's lessons: training stopped by a stop condition, near the lowest
test loss it reached (early stopping), and the test accuracy, which reads the same whichever loss
trains the network (cross-entropy against the square loss)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.core.datasets import CLASSIFICATION
from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import KNOB_BY_KEY, KNOBS
from playground_game.model.lessons.goal_base import (
    MAX_LOSS_THRESHOLD,
    Goal,
    GoalStatus,
    Plan,
    not_a_number,
    shown,
)
from playground_game.model.lessons.reader import TableReader
from playground_game.model.metrics import metrics, stop_reason

if TYPE_CHECKING:
    from playground_game.model.playground import Playground


STOP_CONDITIONS: tuple[str, ...] = tuple(k.key for k in KNOBS if k.lock_name == "stopConditions")


@dataclass(frozen=True)
class StoppedBy(Goal):
    """Training stopped by one stop condition of the training lab (it holds now): with a
    test-loss goal, "stop near the lowest test loss" (early stopping on a plateau)."""

    kind: ClassVar[str] = "stopped_by"
    fields: ClassVar[tuple[str, ...]] = ("by",)
    by: str = "stopPlateau"

    def default_text(self) -> str:
        label = KNOB_BY_KEY[self.by].label.lower()
        return f"Training stopped by its \"{label}\" condition"

    def check(self, playground: Playground) -> GoalStatus:
        reason = stop_reason(playground)
        if reason is None:
            return self.status(False, "not stopped yet", 0.0)
        if reason[0] != self.by:
            label = KNOB_BY_KEY[reason[0]].label.lower()
            return self.status(False, f"stopped by \"{label}\" instead", 0.0)
        return self.status(True, "stopped", 1.0)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        by = table.get("by")
        if by not in STOP_CONDITIONS:
            raise reader.fail(f"{where}.by", f"{by!r} is not a stop condition; expected one of "
                                             + ", ".join(STOP_CONDITIONS))
        return cls(text=text, by=by)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        knob = KNOB_BY_KEY[self.by]
        if knob.lock_name in plan.locked and not getattr(plan.start, knob.field or ""):
            return (".by", f"cannot hold: the stop conditions are locked with {self.by} off")
        return None


@dataclass(frozen=True)
class NearLowestTestLoss(Goal):
    """The test loss now at most `within` above the lowest it reached in this run: training
    stopped near its best point. It holds trivially once trained before the loss has risen
    (never at epoch 0: nothing was done yet), so pair it with a `stopped_by` goal."""

    kind: ClassVar[str] = "test_loss_near_lowest"
    fields: ClassVar[tuple[str, ...]] = ("within",)
    within: float = 0.0

    def default_text(self) -> str:
        return f"Test loss within {format_number(self.within)} of the lowest it reached"

    def check(self, playground: Playground) -> GoalStatus:
        losses = [x for x in playground.test_losses if math.isfinite(x)]
        now = playground.test_loss
        if not math.isfinite(now) or not losses:
            return self.status(False, not_a_number(playground), 0.0)
        if playground.epoch == 0:  # untrained: nothing is near a best point yet
            return self.status(False, "not trained yet", 0.0)
        lowest = min(losses)
        above = now - lowest
        fraction = min(1.0, self.within / above) if above > 0 else 1.0
        return self.status(above <= self.within, f"{shown(above, self.within)} above its "
                                                 f"lowest, {shown(lowest)}", fraction)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        within = reader.number(table, "within", f"{where}.within", low=0,
                               high=MAX_LOSS_THRESHOLD)
        if within <= 0:
            raise reader.fail(f"{where}.within", "0 is impossible: ask for a margin above 0")
        return cls(text=text, within=float(within))


@dataclass(frozen=True)
class TestAccuracy(Goal):
    """The share of test points on their class's side, in percent: a measure that reads the
    same whichever loss trains the network (classification only)."""

    kind: ClassVar[str] = "test_accuracy"
    fields: ClassVar[tuple[str, ...]] = ("at_least",)
    __test__: ClassVar[bool] = False  # not a pytest class
    at_least: float = 0.0

    def default_text(self) -> str:
        return f"Test accuracy at least {format_number(self.at_least)}%"

    def limits(self) -> dict[str, float]:
        return {"test_accuracy": self.at_least}

    def check(self, playground: Playground) -> GoalStatus:
        if playground.settings.problem != CLASSIFICATION:
            return self.status(False, "accuracy is for classification", 0.0)
        accuracy = metrics(playground)["Test accuracy"]
        if not math.isfinite(accuracy):
            return self.status(False, not_a_number(playground), 0.0)
        return self.status(accuracy >= self.at_least,
                           f"now {shown(accuracy, self.at_least, digits=1)}%",
                           accuracy / self.at_least)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        at_least = reader.number(table, "at_least", f"{where}.at_least", low=1, high=100)
        return cls(text=text, at_least=float(at_least))

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if plan.start.problem != CLASSIFICATION and "problem" in plan.locked:
            return (".at_least", "the lesson is locked to regression, which has no accuracy")
        return None
