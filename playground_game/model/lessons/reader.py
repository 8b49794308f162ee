"""Reading a lesson file's TOML table, with errors that name the file, the key and the problem."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from playground_game.model.bookmark import parse_code
from playground_game.model.csv_points import read_file
from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import HIDEABLE, LOCKABLE
from playground_game.model.own_points import PointsError
from playground_game.model.settings import Settings, SettingsError, with_own_points


class LessonError(ValueError):
    """A lesson file is broken; the message names the file, the key and the problem."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(where + problem)



class TableReader:
    """Validates one file's table, raising LessonError with the file name and the key."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.file = path.name
        self.data = data

    def fail(self, key: str, problem: str) -> LessonError:
        return LessonError(self.file, key, problem)

    def text(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        if key not in table:
            if required:
                raise self.fail(where, "is missing")
            return ""
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"must be non-empty text, not {value!r}")
        return tidy(value)

    def texts(self, key: str, limit: int, required: bool) -> tuple[str, ...]:
        if key not in self.data:
            if required:
                raise self.fail(key, "is missing")
            return ()
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, "must be a list of texts, e.g. [\"...\", \"...\"]")
        if len(value) > limit:
            raise self.fail(key, f"has {len(value)} entries; at most {limit}")
        out = []
        for k, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}[{k + 1}]", f"must be non-empty text, not {item!r}")
            out.append(tidy(item))
        return tuple(out)

    def names(self, key: str) -> frozenset[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of control names, e.g. [\"dataset\", \"noise\"]")
        allowed = HIDEABLE if key == "hidden" else LOCKABLE
        for name in value:
            if name not in allowed:
                raise self.fail(key, f"unknown control name {name!r}; expected one of "
                                     + ", ".join(allowed))
        return frozenset(value)

    def code(self, table: dict[str, Any], key: str, where: str) -> Settings:
        """A code's settings; with the points of the CSV file the table's `points` names
        (beside the lesson file), when it names one."""
        text = self.text(table, key, where)
        try:
            parsed = parse_code(text)
        except SettingsError as exc:
            raise self.fail(where, f"bad code: {exc}") from None
        if parsed.unknown_keys:
            raise self.fail(where, "bad code: unknown key " + ", ".join(parsed.unknown_keys))
        if "points" not in table:
            return parsed.settings
        where_points = where.rsplit(".", 1)[0] + ".points" if "." in where else "points"
        name = self.text(table, "points", where_points)
        try:
            read = read_file(self.path.parent / name)
            return with_own_points(parsed.settings, read.points.encode())
        except (PointsError, SettingsError) as exc:
            raise self.fail(where_points, str(exc)) from None

    def number(self, table: dict[str, Any], key: str, where: str, *, whole: bool = False,
               low: float = -math.inf, high: float = math.inf, required: bool = True) -> Any:
        if key not in table:
            if required:
                raise self.fail(where, "is missing")
            return None
        value = table[key]
        ok = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or not math.isfinite(value):
            raise self.fail(where, f"{value!r} is not a {'whole ' if whole else ''}number")
        if not low <= value <= high:
            raise self.fail(where, f"{value!r} is impossible; expected "
                                   f"{format_number(low)} to {format_number(high)}")
        return value


def tidy(text: str) -> str:
    """Lesson text as written in TOML: paragraphs kept, line breaks inside them joined."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs)

