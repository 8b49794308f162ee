"""The seven input features, in the order the original feeds them to the first layer.

The table is the single source of truth: the bookmark keys, the labels shown in the features
column, and the functions that turn a point (x1, x2) into the network's inputs all come from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from playground_game.model.core import fdlibm


@dataclass(frozen=True)
class Feature:
    """One input feature: its bookmark key, its on-screen label and whether it starts on.
    What it computes is row k of `_fill_features` (table order)."""

    key: str
    label: str
    default_on: bool


FEATURES: tuple[Feature, ...] = (
    Feature("x", "X\u2081", True),
    Feature("y", "X\u2082", True),
    Feature("xSquared", "X\u2081\u00b2", False),
    Feature("ySquared", "X\u2082\u00b2", False),
    Feature("xTimesY", "X\u2081X\u2082", False),
    Feature("sinX", "sin(X\u2081)", False),
    Feature("sinY", "sin(X\u2082)", False),
)
FEATURE_KEYS: tuple[str, ...] = tuple(f.key for f in FEATURES)
FEATURE_BY_KEY: dict[str, Feature] = {f.key: f for f in FEATURES}


@njit(inline="always")
def _fill_features(xs: np.ndarray, ys: np.ndarray, out: np.ndarray, sine) -> None:
    """Fill out[k, :] with feature k (table order) at every point, with the browser's sin."""
    for i in range(xs.shape[0]):
        x = xs[i]
        y = ys[i]
        out[0, i] = x
        out[1, i] = y
        out[2, i] = x * x
        out[3, i] = y * y
        out[4, i] = x * y
        out[5, i] = sine(x)
        out[6, i] = sine(y)


@njit(cache=True)
def _features_medium(xs: np.ndarray, ys: np.ndarray, out: np.ndarray) -> None:
    _fill_features(xs, ys, out, fdlibm.sin_medium)


@njit(cache=True)
def _features_any(xs: np.ndarray, ys: np.ndarray, out: np.ndarray) -> None:
    _fill_features(xs, ys, out, fdlibm.sin)


def all_feature_values(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Every feature at every point: shape (7, n), rows in table order.

    Points within fdlibm.MEDIUM_LIMIT of the origin (every generated point and the heatmap
    grid) take sin's medium-range kernel, which compiles in a fraction of the full one's time;
    only points beyond it compile and run the full sin. The values are the same bit for bit.
    """
    xs = np.ascontiguousarray(xs, dtype=np.float64)
    ys = np.ascontiguousarray(ys, dtype=np.float64)
    out = np.empty((len(FEATURES), xs.shape[0]), dtype=np.float64)
    within = xs.size == 0 or max(np.abs(xs).max(), np.abs(ys).max()) < fdlibm.MEDIUM_LIMIT
    (_features_medium if within else _features_any)(xs, ys, out)
    return out


def feature_rows(active: tuple[str, ...]) -> list[int]:
    """The table rows of the feature keys in `active`, in table order (not `active`'s order),
    because that is the order the original's first layer sees them."""
    return [k for k, key in enumerate(FEATURE_KEYS) if key in active]


def feature_inputs(points: np.ndarray, active: tuple[str, ...]) -> np.ndarray:
    """The network's inputs for `points` (n, 3) as the engine takes them: (len(active), n)."""
    return all_feature_values(points[:, 0], points[:, 1])[feature_rows(active)]
