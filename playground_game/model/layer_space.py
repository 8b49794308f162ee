"""What a hidden layer does to the data as a whole: the points, and the input square's grid
lines, carried into the layer's space and seen on two axes.

This is the picture of Olah's "Neural Networks, Manifolds, and Topology": a layer bends and
stretches the plane until the classes come apart. A layer of two units is its own picture (one
unit across, the other up); a wider one is seen on two units the user picks, or on the first
two principal components of where the data points land; a layer of one unit puts the unit
across and each point's class (or value) up, since one number has no second axis.

The values come from the engine's display path (`Network.grid`, float32, the numbers every
unit's picture shows; within about 1e-4 of the exact ones), which is compiled before the window
opens: seeing a layer never waits for a compile. `LayerSpace` keeps the picture steady while
training: each principal component keeps its sign from one frame to the next, and an axis range
that is not fixed by the activation widens at once but narrows slowly (any other change, a
reset, an edit, an undo, fits the axes to the data at once: paused, no later frame would).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.features import all_feature_values, feature_rows
from playground_game.model.core.network import Network
from playground_game.model.formula import unit_name
from playground_game.model.playground import GRID_EXTENT, Playground

GRID_LINES = 11  # lines each way across the input square, -6 to 6 (every 1.2)
LINE_SAMPLES = 61  # samples along each line: smooth curves after a layer bends them
# The values a unit of these activations can take: an axis of such a unit is fixed to it. (A
# property of the activation; it lives here until the activation table carries it.)
BOUNDED: dict[str, tuple[float, float]] = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0),
                                           "sine": (-1.0, 1.0)}
EDGE_ROOM = 0.04  # of a bounded activation's range, around it
MARGIN = 0.08  # of the span, around a range taken from the data
SHRINK = 0.12  # how far a data range narrows toward the data's each frame (widening is at once)
JITTER = 0.3  # a 1-unit layer: the points of a class spread this far around its row

UNITS, PCA, ONE = "units", "pca", "one"  # how a picture is projected


@dataclass(frozen=True)
class LayerPicture:
    """One hidden layer's view of the data, projected to two axes (x, y)."""

    layer: int  # 1.. (network layers: 0 is the inputs)
    units: int
    method: str  # UNITS, PCA or ONE
    axes: tuple[str, str]  # the axes' names: "h2_1", "PC1", "class", ...
    points: np.ndarray  # (n, 2): the training points, then the test points
    labels: np.ndarray  # (n,): their labels (a class index, or a value); the same array
    # from frame to frame while the data stays
    n_train: int
    lines: np.ndarray  # (lines, samples, 2): the grid lines; empty (0, 0, 2) for ONE
    border: np.ndarray  # (lines,) bool: the square's own edges among them
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    explained: tuple[float, float] = (0.0, 0.0)  # PCA: each component's share of the variance


def grid_polylines(count: int = GRID_LINES, samples: int = LINE_SAMPLES) -> np.ndarray:
    """The input square's grid lines as (2 * count, samples, 2) points (x, y): the vertical
    lines left to right, then the horizontal ones bottom to top."""
    ticks = np.linspace(-GRID_EXTENT, GRID_EXTENT, count)
    along = np.linspace(-GRID_EXTENT, GRID_EXTENT, samples)
    vertical = np.stack(np.broadcast_arrays(ticks[:, None], along[None, :]), axis=-1)
    horizontal = np.stack(np.broadcast_arrays(along[None, :], ticks[:, None]), axis=-1)
    return np.concatenate([vertical, horizontal])


def border_lines(count: int = GRID_LINES) -> np.ndarray:
    """Which of grid_polylines' lines are the square's edges (x or y = +-6)."""
    border = np.zeros(2 * count, dtype=bool)
    border[[0, count - 1, count, 2 * count - 1]] = True
    return border


def layer_values(network: Network, inputs: np.ndarray, layer: int) -> np.ndarray:
    """The outputs of hidden layer `layer` (its activation applied) for inputs (n_in, n):
    (units, n) float64, from the engine's display path."""
    if not 1 <= layer < network.num_layers - 1:
        raise IndexError(f"layer {layer} is not a hidden layer")
    n = inputs.shape[1]
    out = np.empty((network.num_units, n), dtype=np.float32)
    if n:
        network.grid(np.ascontiguousarray(inputs, dtype=np.float32), out)
    first, stop = int(network.u_off[layer]), int(network.u_off[layer + 1])
    return out[first:stop].astype(np.float64)


def point_inputs(playground: Playground, xy: np.ndarray) -> np.ndarray:
    """The network's inputs (n_in, n) at points xy (n, 2) of the input square."""
    values = all_feature_values(xy[:, 0], xy[:, 1])
    return values[feature_rows(playground.settings.input_features)]


def principal_axes(values: np.ndarray, previous: np.ndarray | None) -> tuple[np.ndarray,
                                                                            np.ndarray,
                                                                            np.ndarray]:
    """The mean, the first two principal components (2, units) and their shares of the
    variance, of values (units, n) (non-finite columns left out).

    Signs: each component points the way it pointed before (`previous`, the last frame's), or,
    the first time, so that its largest loading is positive; a picture never flips over.
    """
    units = values.shape[0]
    finite = values[:, np.isfinite(values).all(axis=0)]
    if finite.shape[1] < 2:
        return np.zeros(units), np.eye(2, units), np.zeros(2)
    mean = finite.mean(axis=1)
    _, singular, vt = np.linalg.svd((finite - mean[:, None]).T, full_matrices=False)
    components = np.zeros((2, units))
    taken = min(2, vt.shape[0])
    components[:taken] = vt[:taken]
    for k in range(2):
        if previous is not None and previous.shape == components.shape:
            flip = float(components[k] @ previous[k]) < 0
        else:
            flip = components[k][np.argmax(np.abs(components[k]))] < 0
        if flip:
            components[k] = -components[k]
    variance = singular**2
    total = float(variance.sum())
    shares = np.zeros(2)
    if total > 0:
        shares[:taken] = variance[:taken] / total
    return mean, components, shares


def _data_range(values: np.ndarray) -> tuple[float, float]:
    """The finite values' span with a margin (a span of at least 1e-6 around its middle)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (-1.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    span = hi - lo
    if span < 1e-6:
        return (lo - 1.0, hi + 1.0) if span == 0 else (lo - 1e-6, hi + 1e-6)
    return (lo - MARGIN * span, hi + MARGIN * span)


def _eased(old: tuple[float, float] | None, target: tuple[float, float]) -> tuple[float, float]:
    """The range shown: the target's at once where it is wider, else a step toward it."""
    if old is None:
        return target
    lo = target[0] if target[0] < old[0] else old[0] + SHRINK * (target[0] - old[0])
    hi = target[1] if target[1] > old[1] else old[1] + SHRINK * (target[1] - old[1])
    return (lo, hi)


def _padded(bounds: tuple[float, float] | None) -> tuple[float, float] | None:
    """An activation's range with a little room around it (a point at a bound stays whole)."""
    if bounds is None:
        return None
    pad = (bounds[1] - bounds[0]) * EDGE_ROOM
    return (bounds[0] - pad, bounds[1] + pad)


def _same_scale(x_range: tuple[float, float],
                y_range: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Both ranges as wide as the wider, each about its middle: a unit of either axis is as
    long on screen, so the layer's stretching is not the picture's."""
    span = max(x_range[1] - x_range[0], y_range[1] - y_range[0])
    return tuple((sum(r) / 2 - span / 2, sum(r) / 2 + span / 2)  # type: ignore[return-value]
                 for r in (x_range, y_range))


class LayerSpace:
    """Pictures of one layer after another, kept steady from frame to frame."""

    def __init__(self) -> None:
        self._key: tuple | None = None  # what the steadiness below belongs to
        self._components: np.ndarray | None = None
        self._ranges: tuple[tuple[float, float] | None, tuple[float, float] | None] = (None,
                                                                                        None)
        self._lines: np.ndarray | None = None
        self._line_inputs: tuple[tuple[str, ...], np.ndarray] | None = None
        self._labels: tuple[object, np.ndarray] | None = None  # the data, its labels in order
        self._epoch = -1  # the epoch of the last picture: axes ease only while training

    def picture(self, playground: Playground, layer: int,
                picks: tuple[int, ...] = ()) -> LayerPicture:
        """Hidden layer `layer` (1..) of the network now: on its two units, on units `picks`
        (two of a wider layer, in order: across, up), or on two principal components."""
        net = playground.network
        if not 1 <= layer < net.num_layers - 1:
            raise IndexError(f"the network has no hidden layer {layer}")
        units = int(net.sizes[layer])
        if any(not 0 <= p < units for p in picks):
            raise IndexError(f"layer {layer} has {units} units; picked {picks}")
        data = playground.data
        train_in, _ = playground.train_inputs
        test_in, _ = playground.test_inputs
        inputs = np.concatenate([train_in, test_in], axis=1)
        if self._labels is None or self._labels[0] is not data:  # one array while data stays
            self._labels = (data, np.concatenate([data.train[:, 2], data.test[:, 2]]))
        labels = self._labels[1]
        line_inputs = self._grid_inputs(playground)
        both = layer_values(net, np.concatenate([inputs, line_inputs], axis=1), layer)
        count = inputs.shape[1]  # one engine call for the points and the lines
        values, lines = both[:, :count], both[:, count:]
        key = (layer, units, picks)
        if key != self._key:
            self._key, self._components, self._ranges = key, None, (None, None)
        if playground.epoch <= self._epoch:  # not trained on since (reset, an edit, undo):
            self._ranges = (None, None)  # the axes fit the data at once, not by steps
        self._epoch = playground.epoch
        activation = ACTIVATIONS.rows[int(net.activations[layer])].key
        if units == 1:
            return self._one_unit(playground, layer, values, labels, data.train.shape[0])
        explained = (0.0, 0.0)
        if units == 2 or len(picks) == 2:
            method = UNITS
            chosen = picks if len(picks) == 2 else (0, 1)
            basis = np.zeros((2, units))
            basis[0, chosen[0]] = basis[1, chosen[1]] = 1.0
            mean = np.zeros(units)
            axes = (unit_name(net, layer, chosen[0]), unit_name(net, layer, chosen[1]))
        else:
            method = PCA
            fit = values if values.shape[1] >= 2 else lines
            mean, basis, shares = principal_axes(fit, self._components)
            self._components = basis
            explained = (float(shares[0]), float(shares[1]))
            axes = ("PC1", "PC2")
        points = ((values - mean[:, None]).T @ basis.T)
        projected = (lines - mean[:, None]).T @ basis.T
        grid = projected.reshape(2 * GRID_LINES, LINE_SAMPLES, 2)
        bounds = _padded(BOUNDED.get(activation)) if method == UNITS else None
        x_range, y_range = (bounds, bounds) if bounds else _same_scale(*self._steady(points,
                                                                                      grid))
        return LayerPicture(layer, units, method, axes, points, labels, data.train.shape[0],
                            grid, border_lines(), x_range, y_range, explained)

    def _one_unit(self, playground: Playground, layer: int, values: np.ndarray,
                  labels: np.ndarray, n_train: int) -> LayerPicture:
        """A layer of one unit: the unit across; up, each point's class row (spread a little,
        the same spread every frame) or its value."""
        net = playground.network
        regression = playground.classes == 0
        if regression:
            up = labels.astype(np.float64)
        else:  # a fixed spread from each point's place in the list: the rows do not shimmer
            spread = (np.arange(labels.shape[0]) * 0.6180339887498949) % 1.0
            up = labels + (2 * spread - 1) * JITTER
        points = np.stack([values[0], up], axis=1)
        activation = ACTIVATIONS.rows[int(net.activations[layer])].key
        bounds = _padded(BOUNDED.get(activation))
        x_range = bounds if bounds else self._steady(points, np.zeros((0, 0, 2)))[0]
        classes = max(playground.classes, 2)
        y_range = (_data_range(up) if regression
                   else (-0.5, classes - 0.5))
        return LayerPicture(layer, 1, ONE, (unit_name(net, layer, 0),
                                            "value" if regression else "class"),
                            points, labels, n_train, np.zeros((0, 0, 2)), np.zeros(0, bool),
                            x_range, y_range)

    def _grid_inputs(self, playground: Playground) -> np.ndarray:
        """The grid lines' samples as the network's inputs (kept while the features stay)."""
        features = playground.settings.input_features
        if self._line_inputs is None or self._line_inputs[0] != features:
            if self._lines is None:
                self._lines = grid_polylines().reshape(-1, 2)
            self._line_inputs = (features, point_inputs(playground, self._lines))
        return self._line_inputs[1]

    def _steady(self, points: np.ndarray, lines: np.ndarray) -> tuple[tuple[float, float],
                                                                   tuple[float, float]]:
        """Each axis's range from the points (the lines where there are no points), eased."""
        shown = points if points.shape[0] else lines.reshape(-1, 2)
        ranges = tuple(_eased(old, _data_range(shown[:, k]))
                       for k, old in enumerate(self._ranges))
        self._ranges = ranges  # type: ignore[assignment]
        return ranges  # type: ignore[return-value]
