"""Your own points from a CSV file, and any data written out as one.

A file holds one point a line: x, y, label (a header line is optional; one naming x, y and label
may put them in any order, and a `set` column may mark test points). Labels are read as:
- classes: +1/-1 or 1/0 (two classes: 1 and +1 are blue, the original's +1), whole numbers 0 to
  5, or names (up to six, in order of their first appearance);
- values (regression): any other numbers; values beyond [-1, 1] are scaled into it.
Points beyond the [-6, 6] square are scaled into it (both axes alike). What was scaled is said in
the notes the reader returns. A file that cannot be read changes nothing: the error names the
line and what is wrong.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from playground_game.model.core.datasets import MAX_CLASSES
from playground_game.model.own_points import LIMIT, MAX_POINTS, OwnPoints, PointsError

MAX_BYTES = 5_000_000  # far beyond 10,000 lines of numbers: a bigger file is not a point list
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class ReadPoints:
    """The points of a file and what the reader did to them (scaled positions or values)."""

    points: OwnPoints
    notes: tuple[str, ...]


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PointsError("line 1: this is not a text file (it holds binary data)")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise PointsError("line 1: the text is in an encoding this app cannot read; save it "
                          "as UTF-8") from exc


def _number(text: str, line: int, column: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise PointsError(f"line {line}: {text.strip()[:20]!r} is not a number ({column})"
                          ) from None
    if not math.isfinite(value):
        raise PointsError(f"line {line}: {column} is {text.strip()!r}; a point needs a finite "
                          "number")
    return value


def _columns(header: list[str]) -> dict[str, int] | None:
    """The positions of x, y, label (and set) if the first row names them."""
    names = [cell.strip().lower() for cell in header]
    if {"x", "y", "label"} <= set(names):
        found = {name: names.index(name) for name in ("x", "y", "label")}
        if "set" in names:
            found["set"] = names.index("set")
        return found
    return None


def _is_header(row: list[str]) -> bool:
    try:
        float(row[0])
        return False
    except ValueError:
        return True


def read_text(text: str) -> ReadPoints:
    """The points of a CSV text; raises PointsError naming the line and what is wrong."""
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, _DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for k, row in enumerate(csv.reader(lines, dialect)):  # a line each, whatever ends it
            if any(cell.strip() for cell in row):
                rows.append((k + 1, row))
    except csv.Error as exc:
        raise PointsError(f"line {len(rows) + 1}: cannot be read as CSV ({exc})") from None
    if not rows:
        raise PointsError("line 1: the file is empty; expected lines of x, y, label")
    columns = {"x": 0, "y": 1, "label": 2}
    if _is_header(rows[0][1]):
        named = _columns(rows[0][1])
        columns = named or columns
        rows = rows[1:]
    if not rows:
        raise PointsError("line 2: the file has a header but no points")
    if len(rows) > MAX_POINTS:
        raise PointsError(f"line {rows[MAX_POINTS][0]}: more than {MAX_POINTS:,} points; "
                          f"at most {MAX_POINTS:,} fit")
    width = max(columns.values()) + 1
    xs, ys, labels, tests = [], [], [], []
    for line, row in rows:
        if len(row) < width:
            raise PointsError(f"line {line}: {len(row)} columns; expected x, y, label")
        xs.append(_number(row[columns["x"]], line, "x"))
        ys.append(_number(row[columns["y"]], line, "y"))
        labels.append((line, row[columns["label"]].strip()))
        mark = row[columns["set"]].strip().lower() if "set" in columns else ""
        if mark not in ("", "train", "training", "test"):
            raise PointsError(f"line {line}: set is {mark[:20]!r}; expected train or test")
        tests.append(mark == "test")
    return _points(np.array(xs), np.array(ys), labels, np.array(tests))


def _points(x: np.ndarray, y: np.ndarray, labels: list[tuple[int, str]],
            test: np.ndarray) -> ReadPoints:
    notes = []
    reach = float(max(np.abs(x).max(), np.abs(y).max()))
    if reach > LIMIT:
        x, y = x * (LIMIT / reach), y * (LIMIT / reach)
        notes.append(f"Points reached {reach:g} from the centre: scaled by {LIMIT / reach:.3g} "
                     "into the -6..6 square.")
    values, regression, note = _labels(labels)
    if note:
        notes.append(note)
    return ReadPoints(OwnPoints.make(x, y, values, test, regression), tuple(notes))


def _labels(labels: list[tuple[int, str]]) -> tuple[np.ndarray, bool, str]:
    """Class indices, or regression values in [-1, 1]; whether regression; a note."""
    texts = [text for _, text in labels]
    numbers = []
    for text in texts:
        try:
            numbers.append(float(text))
        except ValueError:
            break
    if len(numbers) < len(texts):  # names: classes in order of first appearance
        names = list(dict.fromkeys(texts))
        if len(names) > MAX_CLASSES:
            line = next(line for line, text in labels if text == names[MAX_CLASSES])
            raise PointsError(f"line {line}: a {MAX_CLASSES + 1}th class ({names[MAX_CLASSES]!r}"
                              f"); at most {MAX_CLASSES} classes")
        if len(names) < 2:
            raise PointsError(f"line {labels[0][0]}: every point has the class "
                              f"{names[0]!r}; a classification needs two or more classes")
        return np.array([names.index(t) for t in texts], dtype=np.float64), False, ""
    for (line, text), value in zip(labels, numbers, strict=True):
        if not math.isfinite(value):
            raise PointsError(f"line {line}: label is {text!r}; a label needs a finite number")
    values = np.array(numbers)
    distinct = set(np.unique(values).tolist())
    if distinct <= {-1.0, 1.0} or distinct <= {0.0, 1.0}:
        return (values > 0).astype(np.float64), False, ""
    if distinct <= set(map(float, range(MAX_CLASSES))):
        return values, False, ""
    reach = float(np.abs(values).max())
    if reach > 1:
        return values / reach, True, (f"Values reached {reach:g}: scaled by {1 / reach:.3g} "
                                      "into -1..1.")
    return values, True, ""


def read_file(path: str | Path) -> ReadPoints:
    """The points of a CSV file; raises PointsError saying what is wrong (with its line)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PointsError(f"{path.name}: {size / 1e6:.1f} MB is too big for a list of at "
                              f"most {MAX_POINTS:,} points")
        data = path.read_bytes()
    except OSError as exc:
        raise PointsError(f"{path.name}: cannot read it ({exc.strerror or exc})") from exc
    try:
        return read_text(_decode(data))
    except PointsError as exc:
        raise PointsError(f"{path.name}, {exc}") from exc


def write_text(rows: np.ndarray, regression: bool, test: np.ndarray | None = None) -> str:
    """A CSV text of rows [x, y, label] (a class index, or a value), with a `set` column when
    some rows are test points on purpose; read_text reads it back to the same points."""
    marks = test is not None and bool(np.any(test))
    lines = ["x,y,label,set" if marks else "x,y,label"]
    for k, (x, y, label) in enumerate(np.asarray(rows, dtype=np.float64).reshape(-1, 3)):
        value = f"{label:.4f}" if regression else str(int(label))
        line = f"{x:.4f},{y:.4f},{value}"
        lines.append(line + (",test" if test[k] else ",") if marks else line)
    return "\n".join(lines) + "\n"


def write_points(points: OwnPoints) -> str:
    """Your points as a CSV text."""
    return write_text(points.rows(), points.regression, points.test)
