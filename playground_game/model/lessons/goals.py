"""Lesson goals: the kinds a lesson file may use, and reading one from its table.

A goal kind is one class (in `loss_goals.py`, `network_goals.py`, `lab_goals.py`,
`data_goals.py` or `start_goals.py`, on the base in `goal_base.py`): its fields, how it
reads, checks, describes and judges itself. `GOALS` lists the kinds; adding one is one class
and one entry here.
"""

from __future__ import annotations

from typing import Any

from playground_game.model.lessons.data_goals import InseparableData
from playground_game.model.lessons.goal_base import (  # noqa: F401  (the goals' vocabulary)
    MAX_HIDDEN_UNITS,
    MAX_LOSS_THRESHOLD,
    MAX_SOLUTION_EPOCHS,
    Goal,
    GoalStatus,
    Plan,
    shown,
)
from playground_game.model.lessons.lab_goals import NearLowestTestLoss, StoppedBy, TestAccuracy
from playground_game.model.lessons.loss_goals import (
    Gap,
    MinEpochs,
    TestLoss,
    TestLossAt,
    TrainLoss,
    WithinEpochs,
)
from playground_game.model.lessons.network_goals import (  # noqa: F401
    Activation,
    DeadUnits,
    Features,
    LargestWeight,
    MaxHiddenUnits,
    MaxLayers,
    Regularization,
    Weight,
    ZeroWeights,
    dead_units,
)
from playground_game.model.lessons.reader import TableReader
from playground_game.model.lessons.start_goals import SucceedsOverStarts

GOALS: dict[str, type[Goal]] = {cls.kind: cls for cls in (
    TestLoss, TrainLoss, WithinEpochs, MinEpochs, LargestWeight, MaxHiddenUnits, MaxLayers,
    Features, Activation, Regularization, Weight, ZeroWeights, Gap, DeadUnits, TestLossAt,
    StoppedBy, NearLowestTestLoss, TestAccuracy, SucceedsOverStarts, InseparableData)}
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
