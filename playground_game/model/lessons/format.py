"""Lesson files (TOML, one per lesson) read into validated lessons, and the course.

A teacher writes a lesson without touching code: its text, the starting experiment as a bookmark
code, which controls are hidden or locked, the goals, hints, a success message, and a reference
solution the tests train to prove the lesson can be solved (lessons/README.md documents the
format). Everything is checked when the file is read; a broken file raises `LessonError` naming
the file, the key and the problem, and `load_course` still loads every other lesson.
"""

from __future__ import annotations

import string
import sys
from dataclasses import replace
from pathlib import Path

from playground_game.model.lessons.goals import (
    MAX_SOLUTION_EPOCHS,
    Goal,
    Plan,
    read_goal,
)
from playground_game.model.lessons.lesson import (
    PLACEHOLDERS,
    Course,
    Lesson,
    Question,
    Solution,
    lesson_id,
)
from playground_game.model.lessons.links import parse_link
from playground_game.model.lessons.reader import LessonError, TableReader
from playground_game.model.locks import settings_controls
from playground_game.model.settings import Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

LESSON_SUFFIX = ".toml"
MAX_PAGES = 8
MAX_HINTS = 6
MAX_GOALS = 8
_LESSON_KEYS = {"title", "summary", "pages", "start", "hidden", "locked", "goals", "hints",
                "success", "solution", "solutions", "cheats", "budget", "chapter", "question",
                "points"}  # points: a CSV file beside the lesson with the start's own points
MAX_CHEATS = 8
_REQUIRED = ("title", "summary", "pages", "start", "goals", "success", "solution")


def _read_solution(reader: TableReader, table: object, where: str, cheat: bool) -> Solution:
    fields = (("name", "code", "epochs", "weights", "points") if cheat
              else ("code", "epochs", "weights", "points"))
    if table is None:
        raise reader.fail(where, "is missing")
    if not isinstance(table, dict):
        raise reader.fail(where, "must be a table with " + ", ".join(fields))
    extra = sorted(set(table) - set(fields))
    if extra:
        raise reader.fail(f"{where}.{extra[0]}", "is not a field; expected " + ", ".join(fields))
    name = reader.text(table, "name", f"{where}.name") if cheat else "reference solution"
    settings = reader.code(table, "code", f"{where}.code")
    epochs = reader.number(table, "epochs", f"{where}.epochs", whole=True, low=0,
                           high=MAX_SOLUTION_EPOCHS)
    weights_table = table.get("weights", {})
    if not isinstance(weights_table, dict):
        raise reader.fail(f"{where}.weights", "must be a table of \"link\" = value")
    weights = []
    for link_name in weights_table:
        where_link = f"{where}.weights.{link_name}"
        try:
            link = parse_link(link_name)
        except ValueError as exc:
            raise reader.fail(where_link, str(exc)) from None
        number = reader.number(weights_table, link_name, where_link, low=-100, high=100)
        weights.append((link, float(number)))
    return Solution(settings, epochs, tuple(weights), name)


def _read_named(reader: TableReader, key: str) -> tuple[Solution, ...]:
    """Named attempts: [[cheats]] (the goals must refuse them) or [[solutions]] (other ways the
    lesson offers, each of which must succeed as the reference does)."""
    tables = reader.data.get(key, [])
    if not isinstance(tables, list):
        raise reader.fail(key, f"must be [[{key}]] tables with name, code and epochs")
    if len(tables) > MAX_CHEATS:
        raise reader.fail(key, f"has {len(tables)} {key}; at most {MAX_CHEATS}")
    return tuple(_read_solution(reader, t, f"{key}[{k}]", cheat=True)
                 for k, t in enumerate(tables, 1))


def _read_question(reader: TableReader) -> Question | None:
    table = reader.data.get("question")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise reader.fail("question", "must be a table: [question] with ask, choices, answer, why")
    extra = sorted(set(table) - {"ask", "choices", "answer", "why"})
    if extra:
        raise reader.fail(f"question.{extra[0]}", "is not a field; expected ask, choices, "
                                                  "answer, why")
    ask = reader.text(table, "ask", "question.ask")
    why = reader.text(table, "why", "question.why")
    choices = table.get("choices")
    if (not isinstance(choices, list) or not 2 <= len(choices) <= 5
            or not all(isinstance(c, str) and c.strip() for c in choices)):
        raise reader.fail("question.choices", "must be a list of 2 to 5 texts")
    answer = reader.number(table, "answer", "question.answer", whole=True, low=1,
                           high=len(choices))
    return Question(ask, tuple(c.strip() for c in choices), answer - 1, why)


def _check_placeholders(reader: TableReader, success: str) -> None:
    """The success text's {placeholders} must be numbers the app can quote."""
    for _text, name, _spec, _conv in string.Formatter().parse(success):
        if name is not None and name not in PLACEHOLDERS:
            raise reader.fail("success", f"{{{name}}} is not a number the app can quote; "
                                         "expected one of " + ", ".join(PLACEHOLDERS))


def _check_possible(reader: TableReader, start: Settings, locked: frozenset[str],
                    goals: tuple[Goal, ...], solution: Solution, budget: int | None,
                    where_solution: str = "solution") -> None:
    """Refuse goals no student could meet (each goal judges itself) and solutions that change
    what the lesson locks."""
    plan = Plan(start, locked, goals, solution.epochs, bool(solution.weights), budget)
    for k, goal in enumerate(goals, start=1):
        problem = goal.impossible(plan)
        if problem is not None:
            where, text = problem
            raise reader.fail(where if where.startswith("solution") else f"goals[{k}]{where}",
                              text)
    same_seed = solution.settings.with_changes(seed=start.seed)  # the seed is not a control
    changed = [c for c in settings_controls(start, same_seed) if c in locked]
    if changed:
        raise reader.fail(f"{where_solution}.code", f"changes {changed[0]}, which the lesson "
                                                    "locks: a student could not do that")
    if "weights" in locked and solution.weights:
        raise reader.fail(f"{where_solution}.weights",
                          "sets weights by hand, which the lesson locks")


def read_lesson(path: Path) -> Lesson:
    """Read and validate one lesson file; raises LessonError naming the file, key and problem."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonError(path.name, "", f"cannot be read: {exc}") from None
    return parse_lesson(raw, path)


def parse_lesson(text: str, path: Path) -> Lesson:
    """Validate one lesson's TOML text (`path` names it in messages and gives its id)."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(path.name, "", f"is not valid TOML: {exc}") from None
    reader = TableReader(path, data)
    for key in _REQUIRED:
        if key not in data:
            raise reader.fail(key, "is missing")
    unknown = sorted(set(data) - _LESSON_KEYS)
    if unknown:
        raise reader.fail(unknown[0], "is not a lesson field; expected "
                                      + ", ".join(sorted(_LESSON_KEYS)))
    title = reader.text(data, "title", "title")
    summary = reader.text(data, "summary", "summary")
    pages = reader.texts("pages", MAX_PAGES, required=True)
    hints = reader.texts("hints", MAX_HINTS, required=False)
    success = reader.text(data, "success", "success")
    start = reader.code(data, "start", "start")
    hidden = reader.names("hidden")
    locked = reader.names("locked")
    if hidden:
        start = start.with_changes(hidden=start.hidden | hidden)
    goals_data = data["goals"]
    if not isinstance(goals_data, list) or not goals_data:
        raise reader.fail("goals", "must be one or more [[goals]] tables")
    if len(goals_data) > MAX_GOALS:
        raise reader.fail("goals", f"has {len(goals_data)} goals; at most {MAX_GOALS}")
    goals = tuple(read_goal(reader, g, f"goals[{k}]") for k, g in enumerate(goals_data, 1))
    solution = _read_solution(reader, data.get("solution"), "solution", cheat=False)
    cheats = _read_named(reader, "cheats")
    solutions = _read_named(reader, "solutions")
    budget = reader.number(data, "budget", "budget", whole=True, low=0,
                           high=MAX_SOLUTION_EPOCHS, required=False)
    chapter = reader.text(data, "chapter", "chapter", required=False)
    question = _read_question(reader)
    try:
        _check_placeholders(reader, success)
    except ValueError as exc:
        if isinstance(exc, LessonError):
            raise
        raise reader.fail("success", f"has a stray brace: {exc}") from None
    for where, way in (("solution", solution),
                       *((f"solutions[{k}]", s) for k, s in enumerate(solutions, 1))):
        if budget is not None and way.epochs > budget:
            raise reader.fail(f"{where}.epochs", f"{way.epochs} is more than the budget of "
                                                 f"{budget} epochs")
        _check_possible(reader, start, locked, goals, way, budget, where)
    return Lesson(lesson_id(path), path, title, summary, pages, start, locked, goals, hints,
                  success, solution, cheats=cheats, solutions=solutions, budget=budget,
                  chapter=chapter,
                  question=question)


def lesson_files(folder: Path) -> list[Path]:
    """The lesson files of a folder, ordered by file name."""
    return sorted(p for p in Path(folder).glob(f"*{LESSON_SUFFIX}") if p.is_file())


def load_course(folder: Path | None = None, extra: Path | None = None) -> Course:
    """Every lesson of `folder` (the shipped lessons/ by default), then those of `extra` (a
    teacher's own, when the folder exists); broken files are reported."""
    if folder is None:
        from playground_game.resources import resource_dir

        try:
            folder = resource_dir("lessons")
        except FileNotFoundError as exc:
            return Course((), (LessonError("lessons", "", str(exc)),))
    lessons: list[Lesson] = []
    problems: list[LessonError] = []
    seen: dict[str, str] = {}
    paths = lesson_files(folder)
    if extra is not None and Path(extra).is_dir():
        paths += lesson_files(extra)
    for path in paths:
        try:
            lesson = read_lesson(path)
        except LessonError as exc:
            problems.append(exc)
            continue
        if lesson.id in seen:
            problems.append(LessonError(path.name, "", f"has the same id {lesson.id!r} as "
                                                       f"{seen[lesson.id]}; rename one"))
            continue
        seen[lesson.id] = path.name
        lessons.append(replace(lesson, number=len(lessons) + 1))
    return Course(tuple(lessons), tuple(problems))
