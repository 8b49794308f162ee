"""This app's own datasets (datasets_more.py): every generator's points pinned, and the
properties every one keeps at every class count: equal classes, the [-6, 6] square,
determinism, and noise that moves the points.

The pins are seed "0.5", noise 20%, each class count the row can make: the first and the last
point exactly (to the last bit: 1e-15 and below) and a SHA-256 of the whole float64 array, so
any change of a draw, an operation or its order shows.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from playground_game.model.core.datasets import (
    CLASSIFICATION,
    DATASETS,
    MAX_CLASSES,
    NUM_SAMPLES,
    Dataset,
    generate_split,
)
from playground_game.model.core.datasets_more import EXTENT, class_sizes
from playground_game.model.core.rng import SeededRandom

NEW = tuple(d for d in DATASETS if not d.web)
CASES = [(d, k) for d in NEW for k in (d.class_counts or (0,))]
PINS: dict[tuple[str, int], tuple[tuple[float, ...], tuple[float, ...], str]] = {
    ("moons", 2): (
        (-1.475958564508875, 2.5450609366320567, 0.0),
        (3.772289442970961, -1.3275090141060932, 1.0),
        "7ff9c03c2082740d7cd413ee8c85d28d61ba4c0250b6b59bb34f19981efb8622"),
    ("checkerboard", 2): (
        (-0.22183067777646182, 3.4899971104674754, 0.0),
        (-1.126094137371669, 4.568301090366839, 1.0),
        "3b9a48804f40ca996d2f68a99b3c0b118cbafbc3e83d58af04c61f5c46110803"),
    ("rings", 2): (
        (-1.1936580056905368, 0.27762183037123256, 0.0),
        (0.058140468561383676, -2.7798730166253196, 1.0),
        "9cc3d24756b510f4fc24e03aa48bcf8845632fac99eb4804294415890bcfe3bc"),
    ("rings", 3): (
        (-0.7957720037936912, 0.18508122024748838, 0.0),
        (0.07500469385170758, -3.5862030306561867, 2.0),
        "d9918283feb01376178ac2ce001b114d305af626b24d3e099c92f1173c8065d3"),
    ("rings", 4): (
        (-0.5968290028452684, 0.13881091518561628, 0.0),
        (0.0834368064968695, -3.98936803767162, 3.0),
        "64ae40c8ba959807e2046d3747dab15ccf79f911e7b32b5ecfd3c458e3ef81be"),
    ("rings", 5): (
        (-0.4774632022762147, 0.111048732148493, 0.0),
        (0.08849607408396667, -4.23126704188088, 4.0),
        "ef9a91df2c99129c353cbf45eeff1d23d1ae2c331a8c2e3332de5471c0ae3545"),
    ("rings", 6): (
        (-0.3978860018968456, 0.09254061012374419, 0.0),
        (0.09186891914203148, -4.392533044687054, 5.0),
        "465c574ce1a61eafe86f6de4143edc4ce57818f68b600898274a67acd1bcd4d5"),
    ("sine-band", 2): (
        (-0.025546537823519344, 3.3819115122491734, 1.0),
        (-1.0837271820306773, 4.643756595110132, 1.0),
        "270a0b2f28e0ca39e26dab844a120ae44932312a2ae11d87b68ef1f1b098764d"),
    ("spirals", 3): (
        (-0.0009289650117643378, 0.5229786004454245, 0.0),
        (-2.688754089892549, 4.3838503502396415, 2.0),
        "f8bed23e47cb0b07878699052b4031f801e70cf835d7f5e76a69d512e560c080"),
    ("spirals", 4): (
        (-0.0009289650117643378, 0.5229786004454245, 0.0),
        (-0.21840188895099455, 5.184270666718421, 3.0),
        "8034b0e67eb86ad13363edacaaeb051264563be1293c6fe8d13b351aea7bbc97"),
    ("spirals", 5): (
        (-0.0009289650117643378, 0.5229786004454245, 0.0),
        (1.308408171237139, 5.042505735151884, 4.0),
        "0c60eb2174569b4abbf80203d9cfa290e2bd76aa96d1bd5fbc082a89b7dc78f3"),
    ("blobs", 3): (
        (-0.008228010885583245, 3.6485862589834808, 0.0),
        (-2.997277404621603, -1.892961169961515, 2.0),
        "ddafc8c00100a60ccb972e5b7e3d8a64b3fdf1b0ae4e5d59881bee137d8f1f9d"),
    ("blobs", 4): (
        (-0.008228010885583245, 3.6485862589834808, 0.0),
        (-4.261439973231677, -1.4169128292059394, 3.0),
        "7ea526ddb0357f276698ccb5add73e7f7a22b88e343537c0c4c04d3b2c9ff874"),
    ("blobs", 5): (
        (-0.008228010885583245, 3.6485862589834808, 0.0),
        (-3.2863831871580342, 0.8576966109133071, 4.0),
        "db9f1c0003d566a3e7cb6d87e6e7b00cf430fbe87fb08511da4b19e90c509785"),
    ("blobs", 6): (
        (-0.008228010885583245, 3.6485862589834808, 0.0),
        (-2.9972774046216033, 1.507038830038487, 5.0),
        "3eb1482c4d25593dde3aaab273b76083ecb69dfc34d3d8de64ec4ff12ffc477d"),
    ("reg-sine", 0): (
        (-0.027868950352930355, 3.6893580133627353, 0.6126573811562339),
        (5.784898284646086, -0.6945647367648959, -0.4664130814311926),
        "17b74d75b7daa221c48fc9f9790839afe456b36583c5b3b04f48519975171271"),
    ("reg-ripple", 0): (
        (-0.027868950352930355, 3.6893580133627353, -0.8244291551440425),
        (5.784898284646086, -0.6945647367648959, 0.20007941890274095),
        "ac61d0f5f11622641f75a2387f9528099654faf563777e4206c2bce107ca6938"),
}


def _points(dataset: Dataset, classes: int, noise: float = 0.2, seed: str = "0.5") -> np.ndarray:
    return dataset.generate(SeededRandom(seed), NUM_SAMPLES[dataset.problem], noise, classes)


def _id(case: tuple[Dataset, int]) -> str:
    return f"{case[0].key}-{case[1]}"


def test_every_new_dataset_and_count_is_pinned() -> None:
    assert {(d.key, k) for d, k in CASES} == set(PINS)
    assert [d.key for d in NEW] == ["moons", "checkerboard", "rings", "sine-band", "spirals",
                                    "blobs", "reg-sine", "reg-ripple"]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_points_are_pinned(case: tuple[Dataset, int]) -> None:
    dataset, classes = case
    first, last, digest = PINS[dataset.key, classes]
    points = _points(dataset, classes)
    assert points.shape == (NUM_SAMPLES[dataset.problem], 3) and points.dtype == np.float64
    np.testing.assert_allclose(points[0], first, rtol=0, atol=1e-15)
    np.testing.assert_allclose(points[-1], last, rtol=0, atol=1e-15)
    assert hashlib.sha256(points.tobytes()).hexdigest() == digest


@pytest.mark.parametrize("case", CASES, ids=_id)
@pytest.mark.parametrize("noise", [0.0, 0.5])
def test_classes_balanced_and_points_inside_the_square(case: tuple[Dataset, int],
                                                       noise: float) -> None:
    dataset, classes = case
    points = _points(dataset, classes, noise)
    assert np.all(np.isfinite(points))
    assert np.all(np.abs(points[:, :2]) <= EXTENT), np.abs(points[:, :2]).max()
    labels = points[:, 2]
    if dataset.problem != CLASSIFICATION:
        assert np.all(np.abs(labels) <= 1)
        return
    counts = np.bincount(labels.astype(int), minlength=classes)
    assert np.array_equal(labels, labels.astype(int)) and len(counts) == classes
    n = NUM_SAMPLES[CLASSIFICATION]
    if dataset.key in ("checkerboard", "sine-band"):  # labels read off uniform points
        assert np.all(np.abs(counts - n / classes) < 0.1 * n), counts
    else:  # each class drawn on its own: as equal as whole numbers allow
        assert list(counts) == class_sizes(n, classes)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_same_seed_same_points_other_seed_or_noise_other_points(
        case: tuple[Dataset, int]) -> None:
    dataset, classes = case
    points = _points(dataset, classes)
    assert np.array_equal(points, _points(dataset, classes))
    assert not np.array_equal(points, _points(dataset, classes, seed="0.6"))
    clean, noisy = _points(dataset, classes, 0.0), _points(dataset, classes, 0.5)
    if dataset.problem == CLASSIFICATION and dataset.key in ("checkerboard", "sine-band"):
        assert np.array_equal(clean[:, :2], noisy[:, :2])  # noise moves where the label is read
        assert not np.array_equal(clean[:, 2], noisy[:, 2])
    elif dataset.problem == CLASSIFICATION:
        assert not np.array_equal(clean[:, :2], noisy[:, :2])
        spread = [np.std(p[:, :2]) for p in (clean, noisy)]
        assert spread[0] != spread[1]
    else:  # regression: the value is read at a moved position, the points stay
        assert np.array_equal(clean[:, :2], noisy[:, :2])
        assert not np.array_equal(clean[:, 2], noisy[:, 2])


def test_noise_widens_the_blobs_and_thickens_the_moons() -> None:
    blobs, moons = DATASETS["blobs"], DATASETS["moons"]
    for dataset, classes in ((blobs, 4), (moons, 2)):
        clean, noisy = _points(dataset, classes, 0.0), _points(dataset, classes, 0.5)
        for label in range(classes):
            a = clean[clean[:, 2] == label, :2]
            b = noisy[noisy[:, 2] == label, :2]
            if dataset is blobs:
                assert np.std(b, axis=0).mean() > 2 * np.std(a, axis=0).mean()
            else:  # the arc's distance from its centre varies with noise only
                centre = np.array([-1.5, -0.75]) if label == 0 else np.array([1.5, 0.75])
                assert np.ptp(np.hypot(*(a - centre).T)) < 1e-9
                assert np.ptp(np.hypot(*(b - centre).T)) > 1.0


def test_rows_declare_what_they_make() -> None:
    assert MAX_CLASSES == 6
    counts = {d.key: d.class_counts for d in NEW}
    assert counts == {"moons": (2,), "checkerboard": (2,), "rings": (2, 3, 4, 5, 6),
                      "sine-band": (2,), "spirals": (3, 4, 5), "blobs": (3, 4, 5, 6),
                      "reg-sine": (), "reg-ripple": ()}
    assert DATASETS["spirals"].classes_for(2) == 3 and DATASETS["blobs"].classes_for(9) == 6


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_thumbnails_show_each_count(case: tuple[Dataset, int]) -> None:
    dataset, classes = case
    points = dataset.thumbnail_for(classes)
    assert points.shape == (200, 3) and not points.flags.writeable
    if classes:
        assert set(np.unique(points[:, 2])) == set(range(classes))


def test_split_keeps_every_point_and_class() -> None:
    split = generate_split("rings", 30, 50, SeededRandom("1"), classes=5)
    labels = np.concatenate([split.train[:, 2], split.test[:, 2]])
    assert len(labels) == NUM_SAMPLES[CLASSIFICATION]
    assert list(np.bincount(labels.astype(int))) == [100] * 5
