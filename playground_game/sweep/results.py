"""The results file: one JSON line per finished run, appended as runs finish, and its CSV.

Each line is written whole and flushed at once, so an interrupted sweep (Ctrl+C, a closed
terminal) leaves every finished run in the file; a line cut short by a harder stop (a killed
process, a full disk) is dropped when the file is read again, and a rerun with the same file
trains only the runs that are not in it yet. The CSV beside it (same name, `.csv`) holds the
same runs without their loss curves, for a spreadsheet; it is rewritten from the JSONL file.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from playground_game.sweep.grid import RunSpec, SweepError

CSV_FIELDS = ("seed_index", "seed", "epochs", "stop", "trained", "stopped_by",
              "epochs_to_threshold", "diverged", "final_train_loss", "final_test_loss",
              "best_test_loss", "best_epoch", "final_train_accuracy", "final_test_accuracy",
              "code", "url")


def identity(result: dict[str, Any]) -> tuple[str, int, str]:
    """The run a result line belongs to (see RunSpec.identity)."""
    return result["code"], result["epochs"], result["stop"]


def read_results(path: Path) -> list[dict[str, Any]]:
    """Every complete line of a results file ([] when there is none). A last line without its
    newline is an interrupted write and is left out; any other bad line is a SweepError."""
    if not path.exists():
        return []
    results = []
    with path.open("rb") as file:
        lines = file.read().split(b"\n")
    for number, line in enumerate(lines[:-1], start=1):  # the part after the last newline
        if not line.strip():
            continue
        try:
            result = json.loads(line)
            identity(result)
        except (ValueError, KeyError, TypeError):
            raise SweepError(f"--out {path}: line {number} is not a sweep result; choose "
                             "another file") from None
        results.append(result)
    return results


def drop_cut_line(path: Path) -> None:
    """Truncate the file after its last newline (removing a line cut short), so appending
    starts on a fresh line."""
    if not path.exists():
        return
    with path.open("rb+") as file:
        data = file.read()
        keep = data.rfind(b"\n") + 1
        if keep != len(data):
            file.truncate(keep)


def runs_to_do(runs: list[RunSpec], done: list[dict[str, Any]]) -> list[RunSpec]:
    """The runs whose results are not in the file yet."""
    finished = {identity(result) for result in done}
    return [run for run in runs if run.identity not in finished]


class ResultsFile:
    """Appends result lines, each whole and flushed to the disk as it comes."""

    def __init__(self, path: Path) -> None:
        drop_cut_line(path)
        self._file = path.open("a", encoding="utf-8")

    def append(self, result: dict[str, Any]) -> None:
        self._file.write(json.dumps(result, allow_nan=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def csv_path(path: Path) -> Path:
    return path.with_suffix(".csv")


def write_csv(results: list[dict[str, Any]], path: Path) -> None:
    """The results without their curves, one row a run: the grid's keys first, then
    CSV_FIELDS (empty cells for null)."""
    keys = list(dict.fromkeys(key for result in results for key in result["point"]))
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([*keys, *CSV_FIELDS])
        for result in results:
            cells = [result["point"].get(key, "") for key in keys]
            cells += ["" if result.get(name) is None else result[name] for name in CSV_FIELDS]
            writer.writerow(cells)
