"""Your own points: their text in a code, CSV files both ways, and the session with them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground_game.cli import main
from playground_game.model.bookmark import encode_code, parse_code, web_only
from playground_game.model.csv_points import read_file, read_text, write_points
from playground_game.model.own_points import (
    MAX_POINTS,
    OwnPoints,
    PointsError,
    decode,
    from_grid,
    to_grid,
)
from playground_game.model.playground import Change, Playground, Train, Undo
from playground_game.model.settings import SettingsError

coordinate = st.floats(-6, 6, allow_nan=False)


@st.composite
def point_sets(draw, max_points: int = 300) -> OwnPoints:
    n = draw(st.integers(1, max_points))
    regression = draw(st.booleans())
    xs = draw(st.lists(coordinate, min_size=n, max_size=n))
    ys = draw(st.lists(coordinate, min_size=n, max_size=n))
    if regression:
        labels = draw(st.lists(st.floats(-1, 1), min_size=n, max_size=n))
    else:
        classes = draw(st.integers(2, 6))
        labels = draw(st.lists(st.integers(0, classes - 1), min_size=n, max_size=n))
    test = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return OwnPoints.make(np.array(xs), np.array(ys), np.array(labels, dtype=float),
                          np.array(test), regression)


def _same(a: OwnPoints, b: OwnPoints) -> bool:
    return (a.regression == b.regression and np.array_equal(a.rows(), b.rows())
            and np.array_equal(a.test, b.test))


@settings(max_examples=40, deadline=None)
@given(point_sets())
def test_points_survive_a_code_and_a_csv_file_exactly(points: OwnPoints) -> None:
    text = points.encode()
    assert _same(decode(text), points)
    csv_text = write_points(points)
    again = read_text(csv_text).points
    if len(set(points.labels().tolist())) > 1 or not points.regression:
        assert write_points(again) == csv_text  # CSV -> code -> CSV: the same file
        assert _same(decode(again.encode()), again)


@settings(max_examples=25, deadline=None)
@given(point_sets(60))
def test_points_shared_in_a_code_open_as_the_same_data(points: OwnPoints) -> None:
    pg = Playground()
    pg.apply(Change({"own_points": points.encode()}))
    opened = Playground(parse_code(encode_code(pg.settings)).settings)
    assert np.array_equal(opened.data.train, pg.data.train)
    assert np.array_equal(opened.data.test, pg.data.test)
    assert web_only(pg.settings) is False


def test_the_grid_keeps_positions_where_they_are() -> None:
    x = np.array([-6.0, -1.23456, 0.0, 5.999, 6.0, 9.0])
    snapped = from_grid(to_grid(x))
    assert np.abs(snapped[:5] - x[:5]).max() <= 12 / 4095 / 2 + 1e-12
    assert snapped[-1] == 6.0 and np.array_equal(from_grid(to_grid(snapped)), snapped)


def test_two_thousand_points_fit_a_few_kilobytes() -> None:
    g = np.random.default_rng(3)
    points = OwnPoints.make(g.uniform(-6, 6, 2000), g.uniform(-6, 6, 2000),
                            g.integers(0, 2, 2000), None, False)
    assert len(points.encode()) < 8000


@pytest.mark.parametrize("text, message", [
    ("2abc", "version 1"),
    ("1!!!!", "damaged"),
    ("1eJwLyczPAAAEiAGg", "damaged"),  # a valid zlib stream of the wrong content
    ("1" + "A" * 40, "damaged"),
])
def test_a_damaged_points_text_is_refused_and_named(text: str, message: str) -> None:
    with pytest.raises(PointsError, match=message):
        decode(text)
    with pytest.raises(SettingsError, match="points"):
        parse_code(f"points={text}")


def test_painting_keeps_the_network_and_undo_takes_the_points_back() -> None:
    pg = Playground()
    first = OwnPoints.make(np.array([1.0, -1, 2, -2]), np.array([1.0, -1, 2, -2]),
                           np.array([0.0, 1, 0, 1]), None, False)
    pg.apply(Change({"own_points": first.encode()}))
    pg.apply(Train(5))
    weights = pg.network.weights.copy()
    more = first.joined(OwnPoints.make(np.array([3.0]), np.array([-3.0]), np.array([1.0]),
                                       None, False))
    pg.apply(Change({"own_points": more.encode()}))
    assert pg.epoch == 5 and np.array_equal(pg.network.weights, weights)  # kept, not reset
    assert pg.data.train.shape[0] + pg.data.test.shape[0] == 5
    pg.apply(Undo())
    assert pg.settings.own_points == first.encode()
    third = more.joined(OwnPoints.make(np.array([0.0]), np.array([0.0]), np.array([2.0]),
                                       None, False))
    pg.apply(Change({"own_points": third.encode()}))  # a third class: three outputs
    assert pg.settings.num_classes == 3 and pg.n_outputs == 3


# -- CSV files of every kind ------------------------------------------------------------------


@pytest.mark.parametrize("content, message", [
    (b"", "line 1: the file is empty"),
    (b"x,y,label\n", "header but no points"),
    (b"1,2,1\n3,4\n", "line 2: 2 columns"),
    (b"1,2,1\nfoo,4,0\n", "line 2: 'foo' is not a number \\(x\\)"),
    (b"1,2,1\n3,nan,0\n", "line 2: y is 'nan'"),
    (b"1,2,1\n3,inf,0\n", "line 2: y is 'inf'"),
    (b"1,2,1\n3,4,inf\n", "line 2: label is 'inf'"),
    (b"1,2,a\n3,4,a\n", "every point has the class 'a'"),
    (b"".join(b"%d,1,c%d\n" % (k, k) for k in range(7)), "line 7: a 7th class"),
    (b"\x00\x01\x02binary\xff", "not a text file"),
    (b"x,y,label,set\n1,2,1,train\n3,4,0,maybe\n", "line 3: set is 'maybe'"),
])
def test_a_bad_csv_file_is_refused_naming_its_line(tmp_path, content: bytes,
                                                   message: str) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes(content)
    with pytest.raises(PointsError, match=message):
        read_file(path)


def test_too_many_points_and_too_big_files_are_refused(tmp_path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("".join(f"{k % 5},{k % 3},{k % 2}\n" for k in range(MAX_POINTS + 1)))
    with pytest.raises(PointsError, match=f"line {MAX_POINTS + 1}: more than 10,000"):
        read_file(path)
    path.write_bytes(b"1" * 6_000_000)
    with pytest.raises(PointsError, match="too big"):
        read_file(path)
    with pytest.raises(PointsError, match="cannot read it"):
        read_file(tmp_path / "missing.csv")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_as_points_or_refused_with_a_line(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "junk.csv"
    path.write_bytes(data)
    try:
        read = read_file(path)
    except PointsError as exc:
        assert "line" in str(exc) or "cannot read" in str(exc)
    else:
        assert 0 < len(read.points) <= MAX_POINTS


def test_labels_names_headers_encodings_and_scaling() -> None:
    read = read_text("label;x;y\ncat;1;2\ndog;-3;-40\n")  # named columns, semicolons
    assert read.points.classes == 2 and "scaled by 0.15" in read.notes[0]
    assert read_text("1,1,-1\n2,2,1\n").points.labels().tolist() == [0.0, 1.0]  # the web's +-1
    reg = read_text("0,0,0.5\n1,1,-3\n")
    assert reg.points.regression and "scaled" in reg.notes[0]
    utf16 = "x,y,label\n1,2,0\n2,1,1\n".encode("utf-16")
    assert len(read_text(utf16.decode("utf-16")).points) == 2
    latin = read_text("1,2,caf\u00e9\n2,1,th\u00e9\n")
    assert latin.points.classes == 2


def test_the_cli_trains_on_a_file_and_exports_any_code(tmp_path, capsys) -> None:
    path = tmp_path / "p.csv"
    path.write_text("x,y,label\n1,2,a\n-3,4,b\n5,-60,a\n2,2,b\n")
    assert main(["train", "--data", str(path), "--epochs", "1"]) == 0
    assert "scaled" in capsys.readouterr().err
    out = tmp_path / "out.csv"
    assert main(["export-data", "--code", "dataset=xor&seed=3", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "x,y,label" and len(lines) == 501
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n")
    assert main(["train", "--data", str(bad), "--epochs", "1"]) == 2
    assert "line 1" in capsys.readouterr().err


# -- separable by a straight line (the lesson goal's geometry) ---------------------------------


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_separability_agrees_with_a_line_drawn_between_the_sets(seed: int) -> None:
    from playground_game.model.separability import separable

    g = np.random.default_rng(seed)
    points = g.integers(0, 4096, (g.integers(2, 40), 2))
    a, b, c = g.integers(-50, 50, 3)
    side = points @ np.array([a, b]) + c * 40
    first, second = points[side > 0], points[side < 0]
    if len(first) and len(second):
        assert separable(first, second)  # the drawn line splits them
        mixed = np.concatenate([second, first[:1]])
        assert not separable(first, mixed)  # a point of the first among the second: shared
    assert not separable(points[:1], points[:1])


def test_the_classic_inseparable_shapes() -> None:
    from playground_game.model.separability import separable

    xor_a = np.array([[0, 0], [10, 10]])
    xor_b = np.array([[0, 10], [10, 0]])
    assert not separable(xor_a, xor_b)
    ring = np.array([[0, 5], [5, 0], [10, 5], [5, 10]])
    assert not separable(ring, np.array([[5, 5]]))
    assert separable(np.array([[0, 0], [10, 0]]), np.array([[5, 1]]))  # a point above a segment
    assert not separable(np.array([[0, 0], [10, 0]]), np.array([[5, 0]]))  # on it


def test_a_lesson_reads_its_points_file_and_names_a_broken_one(tmp_path) -> None:
    from pathlib import Path

    from playground_game.model.lessons import LessonError, read_lesson

    source = Path("lessons/35-draw-what-a-line-cannot-split.toml")
    lesson = read_lesson(source)
    assert len(decode(lesson.solution.settings.own_points)) == 160
    copy = tmp_path / source.name
    copy.write_text(source.read_text().replace("35-xor-painted.csv", "missing.csv"))
    with pytest.raises(LessonError, match="solution.points: missing.csv: cannot read it"):
        read_lesson(copy)
