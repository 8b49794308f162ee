"""Your own data: points painted or loaded from a file, and their text in a code.

The points live in the settings as the text they have in a code (the `points` key), so a code,
an undo step and the settings are one and the same value, and opening a code gives back exactly
the points that were shared. Positions are kept on a grid of 4096 steps across the [-6, 6]
square (0.003 apart: finer than a pixel of the map at 4K), so painting, sharing and opening never
move a point. For classification a label is a class index 0..5; for regression a value in
[-1, 1] kept in 254 steps of 1/127. Each point is a training point (split off by the ratio, as
the original splits its data) or a test point on purpose.

The text: "1" (the format's version) then URL-safe base64 of zlib-compressed columns. Points are
kept sorted (set, label, x, y), which does not change what a seed does with them (the split
shuffles them) and makes the x column a run of small steps that compresses well: 2,000 points
take about 5 KB.
"""

from __future__ import annotations

import base64
import binascii
import functools
import math
import zlib
from dataclasses import dataclass

import numpy as np

from playground_game.model.core.datasets import MAX_CLASSES, DataSplit, shuffle
from playground_game.model.core.rng import SeededRandom

MAX_POINTS = 10_000
LIMIT = 6.0  # the square the points lie in, as every dataset's
STEPS = 4096  # grid positions across the square, per axis
VALUE_STEPS = 127  # regression values are multiples of 1/127 in [-1, 1]
VERSION = "1"
_HEADER = np.dtype([("kind", "u1"), ("count", "<u4")])


def to_grid(values: np.ndarray) -> np.ndarray:
    """Positions in [-6, 6] to their grid steps 0..4095 (clamped)."""
    steps = np.rint((np.asarray(values, dtype=np.float64) + LIMIT) / (2 * LIMIT) * (STEPS - 1))
    return np.clip(steps, 0, STEPS - 1).astype(np.int64)


def from_grid(steps: np.ndarray) -> np.ndarray:
    """Grid steps back to positions in [-6, 6]."""
    return np.asarray(steps, dtype=np.float64) * (2 * LIMIT / (STEPS - 1)) - LIMIT


def value_step(value: float) -> int:
    """A regression value in [-1, 1] to its step -127..127 (clamped)."""
    return int(np.clip(np.rint(value * VALUE_STEPS), -VALUE_STEPS, VALUE_STEPS))


@dataclass(frozen=True, eq=False)
class OwnPoints:
    """Points on the grid: qx, qy (0..4095), label (a class, or a value step -127..127),
    test (a test point on purpose), and whether the labels are regression values."""

    qx: np.ndarray
    qy: np.ndarray
    label: np.ndarray
    test: np.ndarray
    regression: bool

    @classmethod
    def make(cls, x: np.ndarray, y: np.ndarray, label: np.ndarray, test: np.ndarray | None,
             regression: bool) -> OwnPoints:
        """Points at positions x, y (snapped to the grid) with labels (class indices, or values
        in [-1, 1] snapped to their steps), sorted into the canonical order."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        raw = np.asarray(label, dtype=np.float64)
        labels = (np.clip(np.rint(raw * VALUE_STEPS), -VALUE_STEPS, VALUE_STEPS)
                  if regression else raw).astype(np.int64)
        flags = np.zeros(x.shape[0], dtype=bool) if test is None else np.asarray(test, bool)
        return cls._sorted(to_grid(x), to_grid(y), labels, flags, regression)

    @classmethod
    def _sorted(cls, qx, qy, label, test, regression: bool) -> OwnPoints:
        order = np.lexsort((qy, qx, label, test))
        arrays = (np.asarray(a)[order] for a in (qx, qy, label, test))
        qx, qy, label, test = (np.ascontiguousarray(a) for a in arrays)
        for a in (qx, qy, label, test):
            a.flags.writeable = False
        return cls(qx, qy, label, test, regression)

    @classmethod
    def empty(cls, regression: bool = False) -> OwnPoints:
        none = np.zeros(0, dtype=np.int64)
        return cls._sorted(none, none, none, none.astype(bool), regression)

    def __len__(self) -> int:
        return int(self.qx.shape[0])

    @property
    def classes(self) -> int:
        """How many classes the points need (at least 2; 0 for regression)."""
        if self.regression:
            return 0
        return max(2, int(self.label.max()) + 1) if len(self) else 2

    def labels(self) -> np.ndarray:
        """The labels as the data carries them: class indices, or values in [-1, 1]."""
        values = self.label.astype(np.float64)
        return values / VALUE_STEPS if self.regression else values

    def rows(self) -> np.ndarray:
        """(n, 3) float64 rows [x, y, label] in the canonical order."""
        return np.column_stack([from_grid(self.qx), from_grid(self.qy), self.labels()]
                               ).reshape(-1, 3)

    def joined(self, other: OwnPoints) -> OwnPoints:
        """These points and another set's (of the same kind)."""
        return self._sorted(*(np.concatenate([a, b]) for a, b in
                              ((self.qx, other.qx), (self.qy, other.qy),
                               (self.label, other.label), (self.test, other.test))),
                            self.regression)

    def without(self, keep: np.ndarray) -> OwnPoints:
        """The points where `keep` is True."""
        return self._sorted(self.qx[keep], self.qy[keep], self.label[keep], self.test[keep],
                            self.regression)

    def encode(self) -> str:
        """The code's text for these points (also for none: a blank canvas to paint on; the
        settings' "" means no points of your own, the dataset's)."""
        header = np.array([(1 if self.regression else 0, len(self))], dtype=_HEADER)
        dx = np.diff(self.qx, prepend=0).astype(np.uint16)  # wraps: decoding wraps back
        columns = (header.tobytes(), self.test.astype(np.uint8).tobytes(),
                   (self.label % 256).astype(np.uint8).tobytes(),
                   dx.astype("<u2").tobytes(), self.qy.astype("<u2").tobytes())
        packed = zlib.compress(b"".join(columns), 9)
        return VERSION + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


class PointsError(ValueError):
    """A points text or file that cannot be read: the message says why."""


@functools.lru_cache(maxsize=8)
def decode(text: str) -> OwnPoints:
    """The points of a code's text ("": none); raises PointsError saying what is wrong."""
    if not text:
        return OwnPoints.empty()
    if not text.startswith(VERSION):
        raise PointsError(f"points: the text starts with {text[:1]!r}; this app reads "
                          f"version {VERSION} (a newer app may have written it)")
    body = text[len(VERSION):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        raw = zlib.decompressobj().decompress(packed, _HEADER.itemsize + 6 * MAX_POINTS + 1)
    except (binascii.Error, ValueError, zlib.error) as exc:
        raise PointsError("points: the text is damaged (cut off or changed); copy the whole "
                          "code again") from exc
    if len(raw) < _HEADER.itemsize:
        raise PointsError("points: the text is damaged (too short)")
    kind, count = (int(v) for v in np.frombuffer(raw[:_HEADER.itemsize], dtype=_HEADER)[0])
    if kind not in (0, 1):
        raise PointsError("points: the text is damaged (unknown kind of labels)")
    if count > MAX_POINTS:
        raise PointsError(f"points: {count:,} points; at most {MAX_POINTS:,}")
    if len(raw) != _HEADER.itemsize + 6 * count:
        raise PointsError("points: the text is damaged (its length does not match its points)")
    at = _HEADER.itemsize
    test = np.frombuffer(raw, np.uint8, count, at).astype(bool)
    label = np.frombuffer(raw, np.uint8, count, at + count).astype(np.int64)
    dx = np.frombuffer(raw, "<u2", count, at + 2 * count)
    qy = np.frombuffer(raw, "<u2", count, at + 4 * count).astype(np.int64)
    qx = np.cumsum(dx, dtype=np.uint16).astype(np.int64)  # wraps as encoding did
    regression = kind == 1
    if regression:
        label = np.where(label > 127, label - 256, label)
    bad = ((qx >= STEPS) | (qy >= STEPS)).any() or (
        (np.abs(label) > VALUE_STEPS).any() if regression else (label >= MAX_CLASSES).any())
    if bad:
        raise PointsError("points: the text is damaged (a point lies off the grid)")
    order = np.lexsort((qy, qx, label, test))
    if (order != np.arange(count)).any():
        raise PointsError("points: the text is damaged (its points are out of order)")
    return OwnPoints._sorted(qx, qy, label, test, regression)


def split(points: OwnPoints, perc_train: float, rng: SeededRandom) -> DataSplit:
    """Training and test rows as the original splits its data: the points not marked as test
    shuffled by the stream, the first `perc_train` per cent for training; the marked ones are
    test points after the rest."""
    rows = points.rows()
    free = np.ascontiguousarray(rows[~points.test])
    shuffle(free, rng)
    cut = math.floor(free.shape[0] * perc_train / 100)
    test = np.concatenate([free[cut:], rows[points.test]])
    return DataSplit(np.ascontiguousarray(free[:cut]), np.ascontiguousarray(test))
