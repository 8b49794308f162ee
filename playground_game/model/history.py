"""A bounded undo/redo history of one experiment: every change a person made, undoable.

Each entry is one change (a setting, a feature, a layer, Regenerate, Reset, a weight or bias
typed in) with the state before it and after it. A state is a `Snapshot` of the whole
experiment: settings, data, network (weights, accumulators), the random stream, the epoch and
the loss histories, so going back never leaves the data and the network out of step. Snapshots
are cheap: the data is shared (never changed in place), the network is a few kilobytes, and the
loss histories are kept by reference with their length (they only ever grow, and only their last
entry is ever rewritten, which the snapshot keeps aside).

A change that only touched a view or the learning rate (`Step.light`) is undone by its settings
alone, so the training since is kept. A new change after some undos drops the redo branch, as
every editor does. Opening another experiment (a lesson, the free playground) starts a new
history; a code the user opens inside this one is a step of it (`Open.undoable`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import KNOB_BY_KEY, field_label
from playground_game.model.settings import FIELDS, Settings

MAX_HISTORY = 100


@dataclass(frozen=True)
class LossTrail:
    """The per-epoch records (losses, then accuracies) at a moment, kept without copying them."""

    records: tuple[list[float], ...]
    length: int
    last: tuple[float, ...]

    @classmethod
    def of(cls, *records: list[float]) -> LossTrail:
        return cls(records, len(records[0]), tuple(record[-1] for record in records))

    def lists(self) -> tuple[list[float], ...]:
        """Fresh lists with the records as they were."""
        n = self.length
        return tuple([*record[: n - 1], last] for record, last in zip(self.records, self.last,
                                                                       strict=True))


@dataclass(frozen=True)
class Snapshot:
    """The whole experiment at one moment (the network and stream are private copies)."""

    settings: Settings
    data: Any  # the session's prepared data; never changed in place
    network: Any
    rng: Any
    epoch: int
    losses: LossTrail
    rng_at_start: Any = None  # the stream before the network was drawn (Effect.RESTART)


@dataclass(frozen=True)
class Step:
    """One recorded change: what it was, and the experiment before and after it."""

    label: str
    before: Snapshot
    after: Snapshot
    light: bool = False  # settings alone undo it (a view or learning-rate change)
    named: bool = False  # its notice names it first (an opened code or file changes much)


class History:
    """Undo and redo stacks of `Step`s; the undo stack keeps at most `limit` steps."""

    def __init__(self, limit: int = MAX_HISTORY) -> None:
        if limit < 1:
            raise ValueError(f"history limit must be at least 1, not {limit}")
        self.limit = limit
        self._undo: deque[Step] = deque(maxlen=limit)
        self._redo: list[Step] = []

    def __len__(self) -> int:
        return len(self._undo)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def redo_count(self) -> int:
        return len(self._redo)

    def record(self, step: Step) -> None:
        """Remember a change; the redo branch ends."""
        self._undo.append(step)  # the deque drops the oldest beyond the limit
        self._redo.clear()

    def peek_undo(self) -> Step | None:
        """The step an undo would revert, without taking it."""
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Step | None:
        """The step a redo would apply again, without taking it."""
        return self._redo[-1] if self._redo else None

    def commit_undo(self, step: Step) -> None:
        """The last step was undone: keep `step` (its `after`: the state undo left) for redo."""
        self._undo.pop()
        self._redo.append(step)

    def commit_redo(self, step: Step) -> None:
        """The last undone step was redone: keep `step` (its `before` now) for undo."""
        self._redo.pop()
        self._undo.append(step)

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()


_MAX_NAMED = 3


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (frozenset, tuple)):
        items = sorted(value) if isinstance(value, frozenset) else list(value)
        if not items:
            return "none"
        text = ", ".join(str(v) for v in items)
        return f"({text})" if len(items) > 1 else text
    return str(value)


def _show_field(name: str, value: object) -> str:
    if name == "network_shape":  # "3 layers of 8, 8, 2", not a Python tuple
        shape = tuple(value)  # type: ignore[arg-type]
        if not shape:
            return "no hidden layer"
        sizes = ", ".join(str(n) for n in shape)
        return f"1 layer of {sizes}" if len(shape) == 1 else f"{len(shape)} layers of {sizes}"
    if name == "own_points":  # "120 points", never the code text itself
        return KNOB_BY_KEY["points"].value_label(value)
    return _show(value)


def describe_change(old: Settings, new: Settings) -> str:
    """A short human line for what differs, e.g. "activation from relu to tanh; noise from 10
    to 0" (plain words: the bundled font has no arrow glyph)."""
    parts = []
    for name in FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            parts.append(f"{field_label(name)} from {_show_field(name, a)} to "
                         f"{_show_field(name, b)}")
    if len(parts) > _MAX_NAMED:
        parts = [*parts[:_MAX_NAMED], f"{len(parts) - _MAX_NAMED} more"]
    return "; ".join(parts) or "nothing changed"
