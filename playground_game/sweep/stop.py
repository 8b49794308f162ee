"""The sweep's success threshold: `--stop "test_loss<0.05"`.

A run stops at the first epoch where the threshold holds (that epoch is its epochs to the
threshold, and the run counts as a success); a run that never reaches it trains every epoch.
The quantities are the ones the output panel shows: the training and test loss, and for
classification the training and test accuracy in percent.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from playground_game.sweep.grid import SweepError

QUANTITIES = ("test_loss", "train_loss", "test_accuracy", "train_accuracy")
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
}
_FORM = re.compile(r"\s*([a-z_]+)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)\s*")


@dataclass(frozen=True)
class Threshold:
    """`quantity comparison value`, e.g. test_loss < 0.05."""

    quantity: str
    comparison: str
    value: float

    @property
    def text(self) -> str:
        return f"{self.quantity}{self.comparison}{self.value:g}"

    def holds(self, measures: dict[str, float]) -> bool:
        """Whether the threshold holds for one epoch's measures (NaN never does)."""
        measured = measures[self.quantity]
        return math.isfinite(measured) and COMPARISONS[self.comparison](measured, self.value)


def parse_threshold(text: str) -> Threshold | None:
    """`--stop` read; None for an empty text; SweepError names what is wrong."""
    if not text.strip():
        return None
    match = _FORM.fullmatch(text)
    if match is None:
        raise SweepError(f"--stop {text!r}: expected QUANTITY<VALUE such as test_loss<0.05 "
                         f"(QUANTITY: {', '.join(QUANTITIES)}; comparisons < <= > >=)")
    quantity, comparison, raw = match.groups()
    if quantity not in QUANTITIES:
        raise SweepError(f"--stop: {quantity!r} is not a quantity; expected one of "
                         f"{', '.join(QUANTITIES)}")
    try:
        value = float(raw)
    except ValueError:
        raise SweepError(f"--stop: {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise SweepError(f"--stop: {raw!r} is not a finite number")
    return Threshold(quantity, comparison, value)
