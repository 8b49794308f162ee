"""Save as lesson: a teacher's current experiment written as a lesson file.

The lesson opens the experiment's code; the controls hidden in Customize become the lesson's
locks as well (a student cannot change what they cannot see); its goal is a test loss below a
threshold within an epoch budget; the reference solution is the experiment itself trained for
the budget. The text is validated by the same reader as every lesson before it is written, and
lands in the user's lesson folder, where the level screen finds it under "My lessons".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playground_game.model.bookmark import encode_code
from playground_game.model.lessons.format import lesson_files, parse_lesson
from playground_game.model.lessons.goals import MAX_SOLUTION_EPOCHS
from playground_game.model.lessons.lesson import Lesson
from playground_game.model.settings import Settings
from playground_game.userdata import atomic_write_text, data_path

USER_LESSONS = "lessons"  # the folder in the user data directory
MY_LESSONS = "My lessons"  # their chapter on the level screen


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, and JSON never writes \\/)."""
    return json.dumps(text, ensure_ascii=False)


def lesson_text(settings: Settings, title: str, below: float, budget: int) -> str:
    """The TOML of a lesson made from `settings`: reach a test loss below `below` within
    `budget` epochs, with the hidden controls locked."""
    code = encode_code(settings)
    locked = sorted(settings.hidden)
    return "\n".join([
        f"title = {_toml(title)}",
        f"summary = {_toml(f'Reach a test loss below {below:g} within {budget} epochs.')}",
        f"chapter = {_toml(MY_LESSONS)}",
        "pages = [" + _toml("Train the network until the test loss is below the goal. "
                            "Change what you can see; press Reset to start again.") + "]",
        f"start = {_toml(code)}",
        f"locked = [{', '.join(_toml(name) for name in locked)}]",
        f"budget = {budget}",
        f"success = {_toml('Goal reached at epoch {epoch}: test loss {test_loss}.')}",
        "",
        "[[goals]]",
        'kind = "test_loss"',
        f"below = {below!r}",
        "",
        "[solution]",
        f"code = {_toml(code)}",
        f"epochs = {budget}",
        "",
    ])


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "lesson"


def save_lesson(settings: Settings, title: str, below: float, budget: int,
                folder: Path | None = None) -> tuple[Path, Lesson]:
    """Validate and write the lesson; returns its path and the lesson as the app reads it.

    Raises LessonError (nothing written) when the lesson would be broken, OSError when the
    folder cannot be written.
    """
    if not 1 <= budget <= MAX_SOLUTION_EPOCHS:
        raise ValueError(f"budget: {budget} epochs is not allowed; expected 1 to "
                         f"{MAX_SOLUTION_EPOCHS}")
    folder = Path(folder) if folder is not None else data_path(USER_LESSONS)
    number = len(lesson_files(folder)) + 1 if folder.is_dir() else 1
    path = folder / f"{number:02d}-{_slug(title)}.toml"
    text = lesson_text(settings, title.strip() or "My lesson", below, budget)
    lesson = parse_lesson(text, path)  # the same checks as every lesson file
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, text)
    return path, lesson
