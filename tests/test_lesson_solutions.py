"""Other solutions a lesson offers ([[solutions]]): each is proven like the reference, so a
lesson that offers several choices (lesson 31's optimizers) cannot ship with one that fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lesson_goals import LESSON, LOSS_GOAL

from playground_game.model.lessons import LessonError, load_course, parse_lesson
from playground_game.model.lessons.proof import prove

OTHERS = """
[[solutions]]
name = "rate 0.03"
code = "dataset=gauss&networkShape=&learningRate={rate}&seed=0.3"
epochs = 60
"""


def _lesson(rate: str):
    text = LESSON.replace("{goals}", LOSS_GOAL) + OTHERS.replace("{rate}", rate)
    return parse_lesson(text, Path("90-test.toml"))


def test_other_solutions_are_read_with_their_names() -> None:
    assert [s.name for s in _lesson("0.03").solutions] == ["rate 0.03"]


def test_another_solution_that_fails_is_a_problem() -> None:
    proof = prove(_lesson("0.001"), starts=2)  # too small a rate for 60 epochs
    assert proof.others[0].successes == 0
    assert any("rate 0.03 succeeds from 0 of 2" in p for p in proof.problems)
    assert prove(_lesson("0.03"), starts=2).problems == []


def test_another_solution_may_not_change_what_the_lesson_locks() -> None:
    text = (LESSON.replace("{goals}", LOSS_GOAL)
            + OTHERS.replace("dataset=gauss", "dataset=xor").replace("{rate}", "0.03"))
    with pytest.raises(LessonError, match=r"solutions\[1\]\.code"):
        parse_lesson(text, Path("90-test.toml"))


def test_lesson_31_offers_every_optimizer_as_a_solution() -> None:
    lesson = load_course().find("optimizers")
    assert lesson is not None
    ways = [lesson.solution, *lesson.solutions]
    assert sorted(w.settings.optimizer for w in ways) == ["adam", "momentum", "nesterov",
                                                          "rmsprop"]
