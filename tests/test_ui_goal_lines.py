"""Every shipped lesson's goal lines, drawn in the real window at 1024x768 and 1920x1080: each
goal's text and progress are drawn whole (wrapped, never cut mid-sentence), inside the panel,
and no goal is left out for want of room."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.model.actions import Train
from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.fixture(autouse=True)
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))


def _check_goals(pilot: Pilot, where: str) -> None:
    panel = pilot.app.lesson_panel
    mode = pilot.app.lesson_mode
    assert len(panel.drawn_goals) == len(mode.statuses), f"{where}: a goal was left out"
    for full, lines, rects in panel.drawn_goals:
        assert " ".join(" ".join(lines).split()) == " ".join(full.split()), (where, full, lines)
        for line, rect in zip(lines, rects, strict=True):
            assert panel.panel_rect.contains(rect), (where, line, rect, panel.panel_rect)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_every_lessons_goal_lines_are_drawn_whole(size) -> None:
    with Pilot(size=size) as pilot:
        mode = pilot.app.lesson_mode
        course = mode.ensure_loaded()
        for lesson in course.lessons:
            mode.start_lesson(lesson)
            mode.asking = False
            pilot.frame()
            _check_goals(pilot, f"{lesson.number} at epoch 0, {size}")
            if lesson.budget:  # the progress texts once trained a while (more digits)
                pilot.playground.apply(Train(min(lesson.budget, 7)))
                pilot.frame()
                _check_goals(pilot, f"{lesson.number} trained, {size}")
