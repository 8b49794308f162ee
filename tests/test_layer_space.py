"""The layer view's numbers: a hidden layer's values at the points and along the grid lines,
checked against a plain-numpy forward pass written here, and the projections on them."""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.bookmark import parse_code
from playground_game.model.layer_space import (
    GRID_LINES,
    LINE_SAMPLES,
    MARGIN,
    ONE,
    PCA,
    SHRINK,
    UNITS,
    LayerSpace,
    border_lines,
    grid_polylines,
    principal_axes,
)
from playground_game.model.playground import Playground, Train

# The activations in numpy, written from their definitions (not from the engine's code).
NUMPY_ACTIVATIONS = {
    "tanh": np.tanh,
    "relu": lambda t: np.maximum(t, 0.0),
    "sigmoid": lambda t: 1.0 / (1.0 + np.exp(-t)),
    "linear": lambda t: t,
    "leaky-relu": lambda t: np.where(t > 0, t, 0.01 * t),
    "elu": lambda t: np.where(t > 0, t, np.exp(t) - 1.0),
    "softplus": lambda t: np.log1p(np.exp(t)),
    "sine": np.sin,
}
NUMPY_FEATURES = {
    "x": lambda x, y: x, "y": lambda x, y: y, "xSquared": lambda x, y: x * x,
    "ySquared": lambda x, y: y * y, "xTimesY": lambda x, y: x * y,
    "sinX": lambda x, y: np.sin(x), "sinY": lambda x, y: np.sin(y),
}
ORDER = ("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY")


def playground(code: str, epochs: int = 3) -> Playground:
    pg = Playground(parse_code(code).settings)
    if epochs:
        pg.apply(Train(epochs))
    return pg


def numpy_layer(pg: Playground, xy: np.ndarray, layer: int) -> np.ndarray:
    """Hidden layer `layer`'s outputs at points xy (n, 2): (n, units), in float64."""
    active = [k for k in ORDER if k in pg.settings.features]
    values = np.stack([NUMPY_FEATURES[k](xy[:, 0], xy[:, 1]) for k in active], axis=1)
    net = pg.network
    for current in range(1, layer + 1):
        key = (pg.settings.layer_activations[current - 1] if pg.settings.layer_activations
               else pg.settings.activation)
        values = NUMPY_ACTIVATIONS[key](values @ net.layer_matrix(current).T
                                        + net.layer_biases(current))
    return values


def data_xy(pg: Playground) -> np.ndarray:
    return np.concatenate([pg.data.train[:, :2], pg.data.test[:, :2]])


@pytest.mark.parametrize("activation", sorted(NUMPY_ACTIVATIONS))
def test_a_two_unit_layer_is_its_own_picture(activation):
    pg = playground(f"activation={activation}&networkShape=3,2&x=true&y=true&xSquared=true"
                    "&sinY=true&learningRate=0.1&seed=0.3")
    picture = LayerSpace().picture(pg, 2)
    expected = numpy_layer(pg, data_xy(pg), 2)
    assert picture.method == UNITS and picture.axes == ("h2_1", "h2_2")
    np.testing.assert_allclose(picture.points, expected, atol=5e-4, rtol=1e-5)
    np.testing.assert_array_equal(picture.labels[:pg.data.train.shape[0]], pg.data.train[:, 2])
    lines = numpy_layer(pg, grid_polylines().reshape(-1, 2), 2)
    np.testing.assert_allclose(picture.lines.reshape(-1, 2), lines, atol=5e-4, rtol=1e-5)


def test_grid_lines_cross_the_square_and_name_its_edges():
    lines = grid_polylines()
    assert lines.shape == (2 * GRID_LINES, LINE_SAMPLES, 2)
    assert np.all(lines[:GRID_LINES, :, 0] == lines[:GRID_LINES, :1, 0])  # vertical: fixed x
    assert np.all(lines[GRID_LINES:, :, 1] == lines[GRID_LINES:, :1, 1])  # horizontal: fixed y
    assert lines.min() == -6.0 and lines.max() == 6.0
    edges = lines[border_lines()]
    assert edges.shape[0] == 4
    assert all(np.abs(edge).max(axis=0).max() == 6.0 and
               (np.all(np.abs(edge[:, 0]) == 6.0) or np.all(np.abs(edge[:, 1]) == 6.0))
               for edge in edges)


def test_a_wide_layer_shows_its_first_two_principal_components():
    pg = playground("networkShape=8,8&x=true&y=true&seed=0.4&learningRate=0.1", epochs=20)
    picture = LayerSpace().picture(pg, 1)
    values = numpy_layer(pg, data_xy(pg), 1)
    centred = values - values.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    expected = centred @ vt[:2].T
    assert picture.method == PCA and picture.axes == ("PC1", "PC2")
    for k in range(2):  # the same line, the sign aside
        sign = np.sign(picture.points[:, k] @ expected[:, k])
        np.testing.assert_allclose(picture.points[:, k], sign * expected[:, k], atol=2e-3)
    shares = singular[:2] ** 2 / (singular**2).sum()
    np.testing.assert_allclose(picture.explained, shares, atol=1e-3)


def test_principal_components_keep_their_sign_from_frame_to_frame():
    rng = np.random.default_rng(1)
    values = rng.normal(size=(5, 200)) * np.array([[3.0], [2.0], [1.0], [0.5], [0.1]])
    _, first, _ = principal_axes(values, None)
    for k in range(2):  # the first time: the largest loading is positive
        assert first[k][np.argmax(np.abs(first[k]))] > 0
    _, again, _ = principal_axes(values, -first)  # the last frame pointed the other way
    np.testing.assert_allclose(again, -first, atol=1e-12)


def test_the_picture_does_not_flip_while_training():
    pg = playground("networkShape=6&x=true&y=true&seed=0.7&learningRate=0.3", epochs=5)
    space = LayerSpace()
    before = space.picture(pg, 1)
    for _ in range(5):
        pg.apply(Train(1))
        after = space.picture(pg, 1)
        for k in range(2):
            assert after.points[:, k] @ before.points[:, k] > 0
        before = after


def test_two_picked_units_are_the_axes_in_order():
    pg = playground("activation=relu&networkShape=8&x=true&y=true&seed=0.2")
    picture = LayerSpace().picture(pg, 1, (5, 2))
    expected = numpy_layer(pg, data_xy(pg), 1)[:, [5, 2]]
    assert picture.method == UNITS and picture.axes == ("h1_6", "h1_3")
    np.testing.assert_allclose(picture.points, expected, atol=5e-4, rtol=1e-5)
    with pytest.raises(IndexError):
        LayerSpace().picture(pg, 1, (0, 8))


def test_bounded_activations_fix_the_axes_others_ease():
    tanh = LayerSpace().picture(playground("networkShape=2&seed=0.2"), 1)
    assert tanh.x_range == tanh.y_range == pytest.approx((-1.08, 1.08))
    sigmoid = LayerSpace().picture(playground("activation=sigmoid&networkShape=2&seed=0.2"), 1)
    assert sigmoid.x_range == pytest.approx((-0.04, 1.04))
    pg = playground("activation=relu&networkShape=2&seed=0.2&learningRate=0.3")
    space = LayerSpace()
    first = space.picture(pg, 1)
    lo, hi = first.points[:, 0].min(), first.points[:, 0].max()
    assert first.x_range[0] <= lo and first.x_range[1] >= hi
    narrow = pg.network.layer_matrix(1) * 0.1  # the data shrinks: the axis follows slowly
    pg.network.weights[pg.network.w_off[1]:pg.network.w_off[2]] = narrow.ravel()
    pg.network.biases[pg.network.u_off[1]:pg.network.u_off[2]] = 0.0
    pg.apply(Train(1))
    second = space.picture(pg, 1)
    old_span = first.x_range[1] - first.x_range[0]
    new_span = second.x_range[1] - second.x_range[0]
    data_span = max(np.ptp(second.points[:, 0]), np.ptp(second.points[:, 1]))
    assert data_span * 1.16 < new_span < old_span  # eased: narrower, not yet the data's
    assert new_span >= (1 - SHRINK) * old_span - 1e-9
    assert second.y_range[1] - second.y_range[0] == pytest.approx(new_span)  # one scale


def test_a_softmax_networks_hidden_layer_keeps_its_classes():
    pg = playground("dataset=blobs&numClasses=3&networkShape=5,2&seed=0.5")
    picture = LayerSpace().picture(pg, 2)
    assert set(np.unique(picture.labels)) == {0.0, 1.0, 2.0}
    np.testing.assert_allclose(picture.points, numpy_layer(pg, data_xy(pg), 2), atol=5e-4)


def test_a_one_unit_layer_puts_the_class_or_value_up():
    pg = playground("networkShape=1&seed=0.5")
    picture = LayerSpace().picture(pg, 1)
    assert picture.method == ONE and picture.axes == ("h1_1", "class")
    assert picture.lines.shape[0] == 0
    assert np.all(np.abs(picture.points[:, 1] - picture.labels) <= 0.3 + 1e-12)
    np.testing.assert_allclose(picture.points[:, 0], numpy_layer(pg, data_xy(pg), 1)[:, 0],
                               atol=5e-4)
    regression = playground("problem=regression&regDataset=reg-plane&networkShape=1,2&seed=0.5")
    seen = LayerSpace().picture(regression, 1)
    assert seen.axes == ("h1_1", "value")
    np.testing.assert_array_equal(seen.points[:, 1], seen.labels)


def test_only_hidden_layers_have_a_picture():
    pg = playground("networkShape=3&seed=0.5", epochs=0)
    for layer in (0, 2):
        with pytest.raises(IndexError):
            LayerSpace().picture(pg, layer)


def test_a_change_without_training_fits_the_axes_at_once():
    pg = playground("activation=relu&networkShape=2&seed=0.2&learningRate=0.3")
    space = LayerSpace()
    wide = space.picture(pg, 1)
    pg.network.weights[:] *= 0.1  # an edit, paused: no later frame would ease the axes
    fitted = space.picture(pg, 1)
    span = fitted.x_range[1] - fitted.x_range[0]
    data_span = max(np.ptp(fitted.points[:, 0]), np.ptp(fitted.points[:, 1]))
    assert span == pytest.approx(data_span * (1 + 2 * MARGIN))
    assert span < wide.x_range[1] - wide.x_range[0]
