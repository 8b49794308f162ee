"""Lessons: TOML files read into validated lessons, their goals, and the course in order.

- `reader`: the TOML table reader and `LessonError`;
- `links`: links named in lesson files ("x -> h1.2");
- `goals`: one class per goal kind (read, check, describe, judge whether it is possible);
- `lesson`: a lesson, its solution, the course;
- `format`: reading and validating lesson files, loading the course.
"""

from playground_game.model.knobs import LOCKABLE
from playground_game.model.lessons.format import (
    MAX_GOALS,
    MAX_HINTS,
    MAX_PAGES,
    lesson_files,
    load_course,
    parse_lesson,
    read_lesson,
)
from playground_game.model.lessons.goals import (
    GOAL_KINDS,
    GOALS,
    MAX_SOLUTION_EPOCHS,
    Goal,
    GoalStatus,
)
from playground_game.model.lessons.lesson import (
    Course,
    Lesson,
    Solution,
    apply_solution_weights,
    lesson_id,
)
from playground_game.model.lessons.links import Link, parse_link
from playground_game.model.lessons.reader import LessonError

__all__ = [
    "GOALS", "GOAL_KINDS", "LOCKABLE", "MAX_GOALS", "MAX_HINTS", "MAX_PAGES",
    "MAX_SOLUTION_EPOCHS", "Course", "Goal", "GoalStatus", "Lesson", "LessonError", "Link",
    "Solution", "apply_solution_weights", "lesson_files", "lesson_id", "load_course",
    "parse_lesson", "parse_link", "read_lesson",
]
