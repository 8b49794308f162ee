"""Every shipped lesson is proven over 20 starts: its reference solution and every other
solution it names succeed from at least 90% of them (95% in the first chapter), and its unchanged
start and every tempting cheat its file names from none. The same proof as
`playground-game lessons check`."""

from __future__ import annotations

import pytest

from playground_game.model.lessons import load_course
from playground_game.model.lessons.proof import prove

COURSE = load_course()
FIRST_CHAPTER = COURSE.lessons[0].chapter if COURSE.lessons else ""


def test_the_course_loads_for_the_proofs() -> None:
    assert COURSE.lessons and COURSE.problems == ()


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=[lesson.id for lesson in COURSE.lessons])
def test_the_lesson_is_proven_over_twenty_starts(lesson) -> None:
    proof = prove(lesson, starts=20, first_chapter=(lesson.chapter == FIRST_CHAPTER))
    assert proof.problems == [], [r.describe() for r in proof.results]
