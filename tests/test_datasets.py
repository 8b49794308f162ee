"""Data generators, shuffle and split against REFERENCE §3 and the web's own points."""

from __future__ import annotations

import numpy as np
import pytest

from playground_game.model.core.datasets import (
    DATASETS,
    NUM_SAMPLES,
    generate_split,
    shuffle,
)
from playground_game.model.core.features import FEATURE_KEYS, FEATURES, feature_inputs
from playground_game.model.core.rng import SeededRandom

# REFERENCE §3: seed "0.12345", noise 0: first two points before the shuffle, first three after.
# The labels there are the original's +1 / -1; ours are the class indices 1 / 0.
VECTORS = {
    "circle": ([[0.42484, -2.248213, 1], [-0.432078, 0.103738, 1]],
               [[4.618077, -1.83544, -1], [3.031594, 2.027828, -1], [-4.59754, -0.255084, -1]]),
    "xor": ([[4.452007, -0.597247, -1], [-3.522571, 3.175019, -1]],
            [[5.096362, -2.197912, -1], [-4.318136, -3.738291, 1], [2.66407, 2.711787, 1]]),
    "spiral": ([[0, 0, 1], [0.000879, 0.019981, 1]],
               [[3.020434, -2.435442, 1], [-0.16172, -0.228575, -1], [0.053783, -4.279662, 1]]),
}


@pytest.mark.parametrize("key", sorted(VECTORS))
def test_reference_vectors(key: str) -> None:
    before, after = VECTORS[key]
    rng = SeededRandom("0.12345")
    generator = {d.key: d for d in DATASETS}[key].generate
    points = generator(rng, 500, 0.0)
    np.testing.assert_allclose(points[:2], _class_index(before), atol=5e-7)
    shuffle(points, rng)
    np.testing.assert_allclose(points[:3], _class_index(after), atol=5e-7)


def _class_index(rows: list[list[float]]) -> np.ndarray:
    """The original's label +1 as class 1 and -1 as class 0."""
    points = np.array(rows, dtype=np.float64)
    points[:, 2] = (points[:, 2] > 0).astype(np.float64)
    return points


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.key)
@pytest.mark.parametrize("noise", [0, 25, 50])
def test_split_sizes_and_labels(dataset, noise: int) -> None:
    split = generate_split(dataset.key, noise, 30, SeededRandom("7"))
    n = NUM_SAMPLES[dataset.problem]
    assert split.train.shape == (n * 30 // 100, 3)
    assert split.train.shape[0] + split.test.shape[0] == n
    labels = np.concatenate([split.train[:, 2], split.test[:, 2]])
    if dataset.problem == "classification":  # class indices, in the dataset's default count
        assert set(np.unique(labels)) <= set(map(float, range(dataset.num_classes)))
        assert dataset.num_classes == 2 or not dataset.web
    elif dataset.key in ("reg-gauss", "reg-sine", "reg-ripple"):
        assert np.all(np.abs(labels) <= 1)
    else:  # the plane's label (x + y) / 10 reaches 1.2 at the corners, more with noise
        assert np.all(np.abs(labels) <= 1.2 * (1 + noise / 100) + 1e-12)
    assert np.all(np.isfinite(split.train))


def test_noise_changes_labels_not_positions_for_circle() -> None:
    """Noise moves where the label is decided; the stored point stays noise-free (REFERENCE)."""
    clean = generate_split("circle", 0, 50, SeededRandom("3"))
    noisy = generate_split("circle", 50, 50, SeededRandom("3"))
    assert np.array_equal(clean.train[:, :2], noisy.train[:, :2])
    assert not np.array_equal(clean.train[:, 2], noisy.train[:, 2])


def test_same_seed_same_data_and_different_seed_different_data() -> None:
    a = generate_split("spiral", 10, 50, SeededRandom("1"))
    b = generate_split("spiral", 10, 50, SeededRandom("1"))
    c = generate_split("spiral", 10, 50, SeededRandom("2"))
    assert np.array_equal(a.train, b.train)
    assert not np.array_equal(a.train, c.train)


def test_thumbnails_are_fixed_noise_free_scatters() -> None:
    for dataset in DATASETS:
        points = dataset.thumbnail
        assert points.shape == (200, 3)
        assert np.array_equal(points, dataset.generate(SeededRandom("thumbnail"), 200, 0.0))


def test_features_in_original_order() -> None:
    assert FEATURE_KEYS == ("x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY")
    assert [f.label for f in FEATURES][:2] == ["X\u2081", "X\u2082"]
    points = np.array([[2.0, -3.0, 1.0]])
    row = feature_inputs(points, ("sinY", "x", "xTimesY"))[:, 0]  # rows follow the table order
    assert row[0] == 2.0 and row[1] == -6.0 and abs(row[2] - np.sin(-3.0)) < 1e-15
