"""Lesson progress: which lessons a student completed, and their best result in each.

Kept as JSON in the user data directory (`playground_game.userdata`), written atomically. Reading
never crashes the app: a file that cannot be understood is set aside (renamed with a timestamp,
so nothing is lost) and a notice says where it went; the student starts a fresh record. If even
the renaming fails, the bad file is left alone and nothing is written over it this session.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from playground_game.userdata import atomic_write_text, data_path

PROGRESS_FILE = "progress.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Result:
    """A completed lesson's best result: the lowest test loss, the fewest epochs it took, and
    the most stars earned (1 to 3)."""

    test_loss: float
    epochs: int
    stars: int = 1

    def better(self, other: Result) -> Result:
        """The best of both, field by field (a later run may be faster but not lower)."""
        return Result(min(self.test_loss, other.test_loss), min(self.epochs, other.epochs),
                      max(self.stars, other.stars))


class ProgressError(ValueError):
    """The progress file's content is not a progress record."""


class Progress:
    """Completed lessons and best results; `load` it, `record` a success, then `save`."""

    def __init__(self, path: Path, completed: dict[str, Result] | None = None,
                 existed: bool = False, notice: str = "", writable: bool = True) -> None:
        self.path = Path(path)
        self.completed: dict[str, Result] = dict(completed or {})
        self.existed = existed  # a progress file was there when we started
        self.notice = notice  # something the student should be told once (a set-aside file)
        self.writable = writable

    @classmethod
    def load(cls, path: Path | None = None) -> Progress:
        """Read the progress file; a missing file is a first start, a bad one is set aside."""
        path = Path(path) if path is not None else data_path(PROGRESS_FILE)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except UnicodeDecodeError:
            return cls._set_aside(path, "it is not text")
        except OSError as exc:
            return cls(path, existed=True, writable=False,
                       notice=f"Lesson progress could not be read ({exc}); "
                              "it will not be saved this time.")
        try:
            completed = parse_progress(text)
        except ProgressError as exc:
            return cls._set_aside(path, str(exc))
        return cls(path, completed, existed=True)

    @classmethod
    def _set_aside(cls, path: Path, reason: str) -> Progress:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
        try:
            path.rename(target)
        except OSError as exc:
            return cls(path, existed=True, writable=False,
                       notice=f"Lesson progress in {path} is damaged ({reason}) and could not "
                              f"be moved aside ({exc.strerror or exc}); it is left untouched "
                              "and progress will not be saved this time.")
        return cls(path, existed=True,
                   notice=f"Lesson progress was damaged ({reason}); it was kept as "
                          f"{target.name} and a fresh record started.")

    def is_complete(self, lesson_id: str) -> bool:
        return lesson_id in self.completed

    def record(self, lesson_id: str, test_loss: float, epochs: int, stars: int = 1) -> Result:
        """Mark a lesson complete, keeping the best result; returns the stored result."""
        loss = float(test_loss) if math.isfinite(test_loss) else math.inf
        new = Result(loss, max(0, int(epochs)), max(1, min(3, int(stars))))
        old = self.completed.get(lesson_id)
        best = new if old is None else old.better(new)
        self.completed[lesson_id] = best
        return best

    def to_text(self) -> str:
        lessons = {
            key: {"test_loss": r.test_loss if math.isfinite(r.test_loss) else None,
                  "epochs": r.epochs, "stars": r.stars}
            for key, r in sorted(self.completed.items())
        }
        return json.dumps({"version": FORMAT_VERSION, "completed": lessons}, indent=2) + "\n"

    def save(self) -> str | None:
        """Write the record atomically; returns a message for the student when that failed."""
        if not self.writable:
            return None
        try:
            atomic_write_text(self.path, self.to_text())
        except OSError as exc:
            return f"Could not save lesson progress to {self.path}: {exc.strerror or exc}"
        self.existed = True
        return None


def parse_progress(text: str) -> dict[str, Result]:
    """The completed lessons in a progress file's text; ProgressError says what is wrong."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ProgressError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("completed"), dict):
        raise ProgressError("no \"completed\" table")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise ProgressError(f"unknown version {version!r}")
    completed: dict[str, Result] = {}
    for key, entry in data["completed"].items():
        if not isinstance(entry, dict):
            raise ProgressError(f"lesson {key!r} has no result")
        loss, epochs = entry.get("test_loss"), entry.get("epochs")
        if loss is None:
            loss = math.inf
        if isinstance(loss, bool) or not isinstance(loss, (int, float)) or loss < 0:
            raise ProgressError(f"lesson {key!r} has a bad test loss {loss!r}")
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 0:
            raise ProgressError(f"lesson {key!r} has a bad epoch count {epochs!r}")
        stars = entry.get("stars", 1)  # files from before stars count one
        if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 3:
            raise ProgressError(f"lesson {key!r} has a bad number of stars {stars!r}")
        completed[str(key)] = Result(float(loss), epochs, stars)
    return completed
