"""Goals on the data itself: the student draws it (paint mode) rather than a network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from playground_game.model.lessons.goal_base import Goal, GoalStatus, Plan
from playground_game.model.lessons.reader import TableReader
from playground_game.model.own_points import decode
from playground_game.model.separability import separable

if TYPE_CHECKING:
    from playground_game.model.playground import Playground

MAX_POINTS_ASKED = 500


@dataclass(frozen=True)
class InseparableData(Goal):
    """Your own points in two classes, at least `points` of each, that no straight line can
    split (exactly: their convex hulls meet; model/separability.py)."""

    kind: ClassVar[str] = "inseparable_data"
    fields: ClassVar[tuple[str, ...]] = ("points",)
    points: int = 10

    def default_text(self) -> str:
        return (f"Paint two colours that no straight line can split (at least {self.points} "
                "points of each)")

    def check(self, playground: Playground) -> GoalStatus:
        settings = playground.settings
        if not settings.own_points:
            return self.status(False, "now the dataset's points: paint your own (D)", 0.0)
        points = decode(settings.own_points)
        if points.regression or points.classes != 2:
            return self.status(False, f"now {points.classes} classes; paint two", 0.0)
        grid = np.column_stack([points.qx, points.qy])
        counts = [int((points.label == k).sum()) for k in (0, 1)]
        fewest = min(counts)
        if fewest < self.points:
            return self.status(False, f"now {counts[0]} orange and {counts[1]} blue points",
                               0.5 * fewest / self.points)
        if separable(grid[points.label == 0], grid[points.label == 1]):
            return self.status(False, "a straight line still splits them", 0.5)
        return self.status(True, "no straight line splits them", 1.0)

    @classmethod
    def read(cls, reader: TableReader, table: dict[str, Any], where: str, text: str) -> Goal:
        points = reader.number(table, "points", f"{where}.points", whole=True, low=1,
                               high=MAX_POINTS_ASKED, required=False)
        return cls(text=text, points=10 if points is None else points)

    def impossible(self, plan: Plan) -> tuple[str, str] | None:
        if "dataset" in plan.locked:
            return (".kind", "painting needs the dataset unlocked (drop \"dataset\" from locked)")
        return None
