"""The budget after a pass: the run that passed trains on freely (and the panel says so);
Reset or an undo back before the pass is a new attempt, with the budget and the goals armed
again, and an undo to a spent run shows it spent."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot
from test_ui_lessons import LAB_LESSON

from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.fixture
def pilot(tmp_path, monkeypatch):
    """The app in the test lesson (budget 40, test loss below 0.01), past its question."""
    from playground_game.model.lessons import load_course

    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-lab.toml").write_text(LAB_LESSON, encoding="utf-8")
    with Pilot() as pilot:
        mode = pilot.app.lesson_mode
        mode.ensure_loaded()
        mode.course = load_course(folder)
        mode.start_lesson(mode.course.lessons[0])
        pilot.frame()
        pilot.click("lesson:answer:0")
        pilot.click("lesson:continue")
        pilot.choose("speed", 10)
        yield pilot


def _pass_and_explore(pilot: Pilot) -> int:
    mode = pilot.app.lesson_mode
    pilot.choose("learning_rate", 0.1)
    pilot.click("play")
    pilot.frame(10)
    assert mode.completed and mode.card_open
    passed_at = pilot.playground.epoch
    pilot.click("lesson:keep_exploring")
    pilot.click("play")
    pilot.frame(60)
    pilot.click("play")  # pause
    assert pilot.playground.epoch > 40 and mode.completed  # exploring: no budget
    return passed_at


def test_exploring_after_a_pass_says_so_and_reset_arms_the_budget_again(pilot) -> None:
    mode = pilot.app.lesson_mode
    lesson = mode.lesson
    _pass_and_explore(pilot)
    panel = pilot.app.lesson_panel
    assert panel.page_text(lesson).startswith("*Passed.*")  # not the start's first page
    assert mode.result is not None and mode.result.text in panel.page_text(lesson)
    assert not mode.over_budget
    pilot.key("z", mod=pygame.KMOD_CTRL)  # the rate back to the start's: the run goes on
    assert pilot.playground.settings.learning_rate == 0.0001
    pilot.frame()
    assert mode.completed  # still the passing run, trained on
    pilot.click("reset")
    pilot.frame()
    assert panel.page_text(lesson) == lesson.pages[mode.page]  # a new attempt: the pages
    assert pilot.playground.epoch == 0 and not mode.completed and not mode.card_open
    pilot.click("play")
    pilot.frame(30)
    assert pilot.playground.epoch == 40 and not pilot.app.playing  # the budget holds again
    assert mode.over_budget and not mode.completed and not mode.card_open
    assert not all(status.met for status in mode.statuses)


def test_an_undo_to_before_the_pass_is_a_new_attempt(pilot) -> None:
    mode = pilot.app.lesson_mode
    pilot.click("play")
    pilot.frame(30)
    assert pilot.playground.epoch == 40 and mode.over_budget  # spent at the start's rate
    pilot.choose("learning_rate", 0.1)
    pilot.click("reset")
    pilot.click("play")
    pilot.frame(10)
    assert mode.completed and mode.card_open
    pilot.click("lesson:keep_exploring")
    pilot.key("z", mod=pygame.KMOD_CTRL)  # undo the Reset: the spent run is back
    pilot.frame()
    assert pilot.playground.epoch == 40
    assert not mode.completed and mode.over_budget  # shown spent, in red, not passed
    pilot.click("play")
    pilot.frame(5)
    assert pilot.playground.epoch == 40  # and it does not train past the budget


def test_a_new_attempt_still_offers_the_next_lesson(pilot) -> None:
    _pass_and_explore(pilot)
    pilot.click("reset")
    pilot.frame()
    assert not pilot.app.lesson_mode.completed and pilot.rect("lesson:next_lesson")


def test_exploring_trains_at_the_chosen_speed(pilot) -> None:
    mode = pilot.app.lesson_mode
    pilot.choose("learning_rate", 0.1)
    pilot.click("play")
    pilot.frame(10)
    assert mode.card_open
    pilot.click("lesson:keep_exploring")
    pilot.click("play")
    before = pilot.playground.epoch
    pilot.frame(3)
    assert pilot.playground.epoch - before >= 20  # ten epochs a frame, not one
