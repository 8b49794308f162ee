"""This app's own data generators, beyond the original's six: two moons, a checkerboard,
concentric rings, a sine band, spirals of 3 to 5 arms, 3 to 6 Gaussian blobs, and for
regression a sine wave and a ripple. The table that lists them is datasets.py's DATASETS.

They follow the original's habits so that they behave like its sets: every draw comes from the
experiment's seeded stream (`uniform`, `normal`, `random`), angles go through the browser's
sin/cos (fdlibm) rather than the machine's, so the same seed gives the same points on every
machine; noise in 0..0.5 jitters the points or widens the clouds; and every point lies inside the
[-6, 6] square the maps show. Classification sets split their n points into `classes` classes of
equal size (the first n % classes classes get one more); the labels are class indices 0..K-1.
"""

from __future__ import annotations

import math

import numpy as np

from playground_game.model.core import fdlibm
from playground_game.model.core.rng import SeededRandom

EXTENT = 6.0  # the maps show [-6, 6]; every point stays inside
TWO_PI = 2 * math.pi


def class_sizes(n: int, classes: int) -> list[int]:
    """`n` points shared by `classes` classes as evenly as whole numbers allow."""
    base, extra = divmod(n, classes)
    return [base + (1 if k < extra else 0) for k in range(classes)]


def _as_points(points: list[tuple[float, float, float]]) -> np.ndarray:
    return np.array(points, dtype=np.float64).reshape(-1, 3)


def _jitter(rng: SeededRandom, noise: float, reach: float) -> float:
    """A uniform offset of up to `reach` at the largest noise (0.5), as the original's spiral
    jitters its points (a draw is made at noise 0 too, so the stream does not depend on it)."""
    return rng.uniform(-1, 1) * noise * 2 * reach


def moons(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Two interleaving half circles: class 0 arching up, class 1 down and shifted right, so that
    each reaches into the other's hollow. Noise thickens each arc (radius 1 +- 0.4 at 0.5)."""
    scale = 3.0  # the unit moons span [-1, 2] x [-0.5, 1]; scaled about their centre
    points = []
    for label, size in enumerate(class_sizes(n, 2)):
        for _ in range(size):
            angle = rng.uniform(0, math.pi)
            r = 1 + _jitter(rng, noise, 0.4)
            cx, cy = r * fdlibm.cos_medium(angle), r * fdlibm.sin_medium(angle)
            x, y = (cx, cy) if label == 0 else (1 - cx, 0.5 - cy)
            points.append(((x - 0.5) * scale, (y - 0.25) * scale, label))
    return _as_points(points)


def checkerboard(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """A 4 x 4 board of squares 2.75 wide on [-5.5, 5.5]; class 1 on the squares whose column
    and row have the same parity. Points keep 0.2 from a square's edges (as the original's XOR
    keeps 0.3 from the axes), so the board reads at a glance; like XOR, the label is read at a
    position moved by noise (up to half a square at 0.5), which mislabels points near the edges."""
    cell, half, pad = 2.75, 5.5, 0.2
    points = []
    for _ in range(n):
        u = rng.uniform(0, 4)
        v = rng.uniform(0, 4)
        x = -half + math.floor(u) * cell + pad + (u - math.floor(u)) * (cell - 2 * pad)
        y = -half + math.floor(v) * cell + pad + (v - math.floor(v)) * (cell - 2 * pad)
        noise_x = rng.uniform(-cell, cell) * noise
        noise_y = rng.uniform(-cell, cell) * noise
        column = math.floor((x + noise_x + half) / cell)
        row = math.floor((y + noise_y + half) / cell)
        points.append((x, y, 1 if (column + row) % 2 == 0 else 0))
    return _as_points(points)


def rings(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """`classes` concentric rings within radius 5.2 (class 0 a disc in the middle), each filling
    0.7 of its band; noise moves points across the band by up to half its width at 0.5."""
    width = 5.2 / classes
    points = []
    for label, size in enumerate(class_sizes(n, classes)):
        for _ in range(size):
            r = rng.uniform(label * width, (label + 0.7) * width) + _jitter(rng, noise,
                                                                            0.5 * width)
            angle = rng.uniform(0, TWO_PI)
            points.append((r * fdlibm.sin_medium(angle), r * fdlibm.cos_medium(angle), label))
    return _as_points(points)


def sine_band(rng: SeededRandom, n: int, noise: float, classes: int = 2) -> np.ndarray:
    """Points on [-5.5, 5.5]^2, class 1 above the curve y = 2 sin x and class 0 below it; the
    label is read at a position moved by noise (up to 1.5 at 0.5)."""
    half = 5.5
    points = []
    for _ in range(n):
        x = rng.uniform(-half, half)
        y = rng.uniform(-half, half)
        noise_x = rng.uniform(-3, 3) * noise
        noise_y = rng.uniform(-3, 3) * noise
        above = y + noise_y > 2 * fdlibm.sin_medium(x + noise_x)
        points.append((x, y, 1 if above else 0))
    return _as_points(points)


def spirals(rng: SeededRandom, n: int, noise: float, classes: int = 3) -> np.ndarray:
    """`classes` spiral arms, a turn and a quarter each from radius 0.4 to 5.2, evenly turned
    about the centre; noise jitters each point by up to 0.5 (the original spiral's jitter)."""
    turns = 1.25
    points = []
    for label, size in enumerate(class_sizes(n, classes)):
        offset = TWO_PI * label / classes
        for i in range(size):
            along = i / size
            r = 0.4 + along * 4.8
            t = turns * along * TWO_PI + offset  # below 4.5 pi: the medium range
            x = r * fdlibm.sin_medium(t) + rng.uniform(-1, 1) * noise
            y = r * fdlibm.cos_medium(t) + rng.uniform(-1, 1) * noise
            points.append((x, y, label))
    return _as_points(points)


def blobs(rng: SeededRandom, n: int, noise: float, classes: int = 3) -> np.ndarray:
    """`classes` Gaussian clouds on a circle of radius 3.4 (the first at the top); noise widens
    them (variance 0.15 to 1.3, as the original's gauss widens its two). A draw that would leave
    the square is drawn again, so the clouds stay inside the maps."""
    centre_r, limit = 3.4, EXTENT - 0.1
    variance = 0.15 + noise / 0.5 * (1.3 - 0.15)
    points = []
    for label, size in enumerate(class_sizes(n, classes)):
        angle = TWO_PI * label / classes
        cx = centre_r * fdlibm.sin_medium(angle)
        cy = centre_r * fdlibm.cos_medium(angle)
        for _ in range(size):
            while True:
                x = rng.normal(cx, variance, fdlibm.log)
                y = rng.normal(cy, variance, fdlibm.log)
                if abs(x) <= limit and abs(y) <= limit:
                    break
            points.append((x, y, label))
    return _as_points(points)


def sine_wave_label(x: float, y: float) -> float:
    """The regression sine wave: sin x, in [-1, 1], the same along y."""
    return fdlibm.sin_medium(x)


def ripple_label(x: float, y: float) -> float:
    """The regression ripple: cos(1.3 r), rings of the value about the centre."""
    return fdlibm.cos_medium(1.3 * math.sqrt(x * x + y * y))
