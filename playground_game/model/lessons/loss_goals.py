"""Goals on the losses and on time: a loss below a number, the test-training gap, the loss at
the end of a budget, epochs at least or at most."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from playground_game.model.knob_kinds import format_number
from playground_game.model.lessons.goal_base import (
    MAX_LOSS_THRESHOLD,
    MAX_SOLUTION_EPOCHS,
    CountGoal,
    Goal,
    GoalStatus,
    Plan,
    not_a_number,
    read_below,
    shown,
)
from playground_game.model.lessons.reader import TableReader

if TYPE_CHECKING:
    from playground_game.model.playground import Playground


@dataclass(frozen=True)
class _LossGoal(Goal):
    fields: ClassVar[tuple[str, ...]] = ("below",)
    what: ClassVar[str] = ""
    below: float = 0.0

    def default_text(self) -> str:
        return f"{self.what} below {format_number(self.below)}"

    def loss(self, playground: Playground) -> float:
        raise NotImplementedError

    def limits(self) -> dict[str, float]:
        return {"test_loss" if self.what == "Test loss" else "train_loss": self.below}

    def check(self, playground: Playground) -> GoalStatus:
        loss = self.loss(playground)
        if not math.isfinite(loss):
            return self.status(False, not_a_number(playground), 0.0)
        met = loss < self.below
        fraction = max(0.0, min(1.0, self.below / loss)) if loss > 0 else 0.0
        return self.status(met, f"now {shown(loss, self.below)}", fraction)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        return cls(text=text, below=read_below(reader, table, where, MAX_LOSS_THRESHOLD,
                                                "a loss is never below 0"))


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
class WithinEpochs(CountGoal):
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
class MinEpochs(CountGoal):
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
            return self.status(False, not_a_number(playground), 0.0)
        fraction = max(0.0, min(1.0, self.below / gap)) if gap > 0 else 1.0
        now = f"gap now {shown(gap, self.below)}" if gap > 0 else "no gap now"
        return self.status(gap < self.below, now, fraction)

    def limits(self) -> dict[str, float]:
        return {"gap": self.below}

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        return cls(text=text, below=read_below(reader, table, where, MAX_LOSS_THRESHOLD,
                                                "ask for a gap above 0"))


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
        return GoalStatus(False, status.text, f"{status.progress}; counts at epoch {self.epoch}",
                          min(status.fraction, 0.99))

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        loss = super().read(reader, table, where, text)
        epoch = reader.number(table, "epoch", f"{where}.epoch", whole=True, low=1,
                              high=MAX_SOLUTION_EPOCHS)
        return cls(text=text, below=loss.below, epoch=epoch)  # type: ignore[attr-defined]

