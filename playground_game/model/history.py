"""A bounded undo/redo history of settings changes.

Each entry is the pair (settings before, settings after) of one change a person made. Undo goes
back to `before`, redo forward to `after`; a new change after some undos drops the redo branch, as
every editor does. Only settings are kept, never trained weights: settings are small and frozen,
so a hundred steps cost almost nothing, and the seed in them brings back the same data and the
same initial weights.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from playground_game.model.knobs import field_label, format_number
from playground_game.model.settings import FIELDS, Settings

MAX_HISTORY = 100


@dataclass(frozen=True)
class Step:
    """One recorded change: the settings before and after it."""

    before: Settings
    after: Settings


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

    def record(self, before: Settings, after: Settings) -> None:
        """Remember a change (nothing when the settings did not change); the redo branch ends."""
        if before == after:
            return
        self._undo.append(Step(before, after))  # the deque drops the oldest beyond the limit
        self._redo.clear()

    def peek_undo(self) -> Step | None:
        """The step an undo would revert, without taking it."""
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Step | None:
        """The step a redo would apply again, without taking it."""
        return self._redo[-1] if self._redo else None

    def commit_undo(self) -> Step:
        """Move the last step to the redo stack (call once the undo has been applied)."""
        step = self._undo.pop()
        self._redo.append(step)
        return step

    def commit_redo(self) -> Step:
        """Move the step back to the undo stack (call once the redo has been applied)."""
        step = self._redo.pop()
        self._undo.append(step)
        return step

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


def describe_change(old: Settings, new: Settings) -> str:
    """A short human line for what differs, e.g. "activation from relu to tanh; noise from 10
    to 0" (plain words: the bundled font has no arrow glyph)."""
    parts = []
    for name in FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            parts.append(f"{field_label(name)} from {_show(a)} to {_show(b)}")
    if len(parts) > _MAX_NAMED:
        parts = [*parts[:_MAX_NAMED], f"{len(parts) - _MAX_NAMED} more"]
    return "; ".join(parts) or "nothing changed"
