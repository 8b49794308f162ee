"""The dataset table: the six data generators of the original, the shuffle and the split.

Every draw comes from the shared seeded stream in the original's order, and every operation is
written in the original's order with the browser's sin/cos/log, so the same seed gives the same
points to the last bit. Points are float64 arrays of rows [x, y, label]: for classification the
label is a class index (0 = the original's -1, orange; 1 = its +1, blue), for regression the value.
Turning labels into what the network learns is the objective's job (objectives.py).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from playground_game.model.core import fdlibm
from playground_game.model.core.registry import Registry
from playground_game.model.core.rng import SeededRandom

CLASSIFICATION = "classification"
REGRESSION = "regression"
PROBLEMS: tuple[str, ...] = (CLASSIFICATION, REGRESSION)
NUM_SAMPLES = {CLASSIFICATION: 500, REGRESSION: 1200}
THUMBNAIL_SAMPLES = 200

# generate(rng, n, noise, classes): n points (about n for some layouts) with noise in 0..0.5, in
# `classes` classes (one of the row's `class_counts`; the original's generators take 2 and ignore
# it, regression ones take 0).
Generator = Callable[[SeededRandom, int, float, int], np.ndarray]


def _linear(value: float, d0: float, d1: float, r0: float, r1: float, clamp: bool = False) -> float:
    """A d3 v3 linear scale: t = (v - d0) / (d1 - d0), then r0 * (1 - t) + r1 * t."""
    t = (value - d0) / (d1 - d0)
    if clamp:
        t = max(0.0, min(1.0, t))
    return r0 * (1 - t) + r1 * t


def _dist(ax: float, ay: float, bx: float, by: float) -> float:
    dx = ax - bx
    dy = ay - by
    return math.sqrt(dx * dx + dy * dy)


def _as_points(points: list[tuple[float, float, float]]) -> np.ndarray:
    """Rows [x, y, label] as a float64 array of shape (n, 3), also when there are none."""
    return np.array(points, dtype=np.float64).reshape(-1, 3)


def circle(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Blue (1) inside radius 2.5, orange (0) on a ring from 3.5 to 5; labels from the noisy
    position."""
    radius = 5
    points = []
    for r_low, r_high in ((0, radius * 0.5), (radius * 0.7, radius)):
        for _ in range(math.ceil(n / 2)):
            r = rng.uniform(r_low, r_high)
            angle = rng.uniform(0, 2 * math.pi)
            x = r * fdlibm.sin_medium(angle)  # angles below 2 pi: the medium range
            y = r * fdlibm.cos_medium(angle)
            noise_x = rng.uniform(-radius, radius) * noise
            noise_y = rng.uniform(-radius, radius) * noise
            label = 1 if _dist(x + noise_x, y + noise_y, 0, 0) < radius * 0.5 else 0
            points.append((x, y, label))
    return _as_points(points)


def xor(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Four quadrants, padded 0.3 away from the axes; class 1 where x * y >= 0."""
    padding = 0.3
    points = []
    for _ in range(n):
        x = rng.uniform(-5, 5)
        x += padding if x > 0 else -padding
        y = rng.uniform(-5, 5)
        y += padding if y > 0 else -padding
        noise_x = rng.uniform(-5, 5) * noise
        noise_y = rng.uniform(-5, 5) * noise
        label = 1 if (x + noise_x) * (y + noise_y) >= 0 else 0
        points.append((x, y, label))
    return _as_points(points)


def gauss(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Two Gaussian clouds at (2, 2) blue (1) and (-2, -2) orange (0); noise widens them."""
    variance = _linear(noise, 0, 0.5, 0.5, 4)
    points = []
    for cx, cy, label in ((2, 2, 1), (-2, -2, 0)):
        for _ in range(math.ceil(n / 2)):
            x = rng.normal(cx, variance, fdlibm.log)
            y = rng.normal(cy, variance, fdlibm.log)
            points.append((x, y, label))
    return _as_points(points)


def spiral(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Two interleaved spiral arms (blue (1), then orange (0) half a turn later)."""
    half = n / 2
    points = []
    for delta_t, label in ((0.0, 1), (math.pi, 0)):
        i = 0
        while i < half:
            r = i / half * 5
            t = 1.75 * i / half * 2 * math.pi + delta_t
            x = r * fdlibm.sin_medium(t) + rng.uniform(-1, 1) * noise  # t below 5 pi
            y = r * fdlibm.cos_medium(t) + rng.uniform(-1, 1) * noise
            points.append((x, y, label))
            i += 1
    return _as_points(points)


def _regression(label_of: Callable[[float, float], float]) -> Generator:
    """A regression generator: uniform points on [-6, 6]^2, labelled at the noisy position."""

    def generate(rng: SeededRandom, n: int, noise: float, classes: int = 0) -> np.ndarray:
        radius = 6
        points = []
        for _ in range(n):
            x = rng.uniform(-radius, radius)
            y = rng.uniform(-radius, radius)
            noise_x = rng.uniform(-radius, radius) * noise
            noise_y = rng.uniform(-radius, radius) * noise
            points.append((x, y, label_of(x + noise_x, y + noise_y)))
        return _as_points(points)

    return generate


def _plane_label(x: float, y: float) -> float:
    return _linear(x + y, -10, 10, -1, 1)


_GAUSSIANS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def _gaussians_label(x: float, y: float) -> float:
    label = 0.0
    for cx, cy, sign in _GAUSSIANS:
        value = sign * _linear(_dist(x, y, cx, cy), 0, 2, 1, 0, clamp=True)
        if abs(value) > abs(label):
            label = value
    return label


reg_plane = _regression(_plane_label)
reg_gauss = _regression(_gaussians_label)


@dataclass(frozen=True)
class Dataset:
    """One row of the dataset table: bookmark key, label for the thumbnail, problem type, the
    numbers of classes it can generate (the first is its default; () for regression), generator,
    and whether the web playground knows it."""

    key: str
    label: str
    problem: str
    class_counts: tuple[int, ...]
    generate: Generator
    web: bool = True

    @property
    def num_classes(self) -> int:
        """The default number of classes (0 for regression)."""
        return self.class_counts[0] if self.class_counts else 0

    def classes_for(self, wanted: int) -> int:
        """The class count this dataset generates when `wanted` are asked for: `wanted` if it
        can, else its nearest count (the smaller on a tie); 0 for regression."""
        if not self.class_counts:
            return 0
        return min(self.class_counts, key=lambda c: (abs(c - wanted), c))

    def thumbnail_for(self, classes: int) -> np.ndarray:
        """A fixed, noise-free scatter of 200 points in `classes` classes (read-only)."""
        return _thumbnail(self.key, self.classes_for(classes))

    @property
    def thumbnail(self) -> np.ndarray:
        """The thumbnail's scatter in the default number of classes."""
        return self.thumbnail_for(self.num_classes)


DATASETS: Registry[Dataset] = Registry("dataset", (
    Dataset("circle", "Circle", CLASSIFICATION, (2,), circle),
    Dataset("xor", "Exclusive or", CLASSIFICATION, (2,), xor),
    Dataset("gauss", "Gaussian", CLASSIFICATION, (2,), gauss),
    Dataset("spiral", "Spiral", CLASSIFICATION, (2,), spiral),
    Dataset("reg-plane", "Plane", REGRESSION, (), reg_plane),
    Dataset("reg-gauss", "Multi gaussian", REGRESSION, (), reg_gauss),
))
# The most classes a problem may have (a dataset's, or your own points'): six colours that
# stay apart for colour-blind viewers (ui/heatmap.CLASS_COLOURS).
MAX_CLASSES = 6
if max(c for d in DATASETS for c in d.class_counts) > MAX_CLASSES:
    raise ValueError(f"a dataset makes more than {MAX_CLASSES} classes")


@functools.cache
def _thumbnail(key: str, classes: int) -> np.ndarray:
    points = DATASETS[key].generate(SeededRandom("thumbnail"), THUMBNAIL_SAMPLES, 0.0, classes)
    points.flags.writeable = False
    return points
CLASSIFICATION_KEYS: tuple[str, ...] = tuple(d.key for d in DATASETS if d.problem == CLASSIFICATION)
REGRESSION_KEYS: tuple[str, ...] = tuple(d.key for d in DATASETS if d.problem == REGRESSION)


def shuffle(points: np.ndarray, rng: SeededRandom) -> None:
    """Fisher-Yates in place, drawing as the original does (index = floor(r * counter))."""
    counter = points.shape[0]
    while counter > 0:
        index = math.floor(rng.random() * counter)
        counter -= 1
        if index != counter:
            points[[counter, index]] = points[[index, counter]]


@dataclass(frozen=True)
class DataSplit:
    """The shuffled points split into training and test rows, each (n, 3) [x, y, label]
    (label: the class index, or the value for regression)."""

    train: np.ndarray
    test: np.ndarray


def generate_split(
    key: str, noise_percent: float, perc_train: float, rng: SeededRandom, classes: int = 2
) -> DataSplit:
    """Generate a dataset in `classes` classes (its nearest count), shuffle it and split it,
    exactly as the original's generateData."""
    dataset = DATASETS[key]
    points = dataset.generate(rng, NUM_SAMPLES[dataset.problem], noise_percent / 100,
                              dataset.classes_for(classes))
    shuffle(points, rng)
    split = math.floor(points.shape[0] * perc_train / 100)
    return DataSplit(np.ascontiguousarray(points[:split]), np.ascontiguousarray(points[split:]))
