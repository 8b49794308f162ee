"""Lessons through the real window, headless: pick a level, read, solve, see success, restart."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot

from playground_game.model.progress import PROGRESS_FILE, Progress
from playground_game.ui import app as app_module
from playground_game.ui.lessons_view import SUCCESS
from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.fixture
def fresh_data(tmp_path, monkeypatch):
    """A student who never saved progress (a first start), in a folder of this test's own."""
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    return tmp_path


def test_a_first_start_shows_the_level_screen_and_later_starts_do_not(fresh_data) -> None:
    assert app_module.LessonMode.is_first_start()
    with Pilot(show_levels=True) as pilot:
        assert pilot.app.lesson_mode.levels_open
        pilot.click("level:free")
        assert not pilot.app.lesson_mode.levels_open and pilot.app.lesson_mode.lesson is None
    assert (fresh_data / PROGRESS_FILE).exists()
    assert not app_module.LessonMode.is_first_start()


def test_pick_a_level_read_it_meet_the_goal_and_find_the_tick_after_a_restart(fresh_data) -> None:
    with Pilot(show_levels=True) as pilot:
        pilot.click("level:feature-crosses")
        mode = pilot.app.lesson_mode
        assert mode.lesson is not None and mode.lesson.id == "feature-crosses"
        assert not mode.levels_open
        assert pilot.playground.settings.dataset == "circle"
        assert pilot.playground.settings.network_shape == ()
        # the pages: Next, then Back
        assert mode.page == 0
        pilot.click("lesson:next")
        assert mode.page == 1
        with pytest.raises(LookupError):
            pilot.rect("lesson:next")  # the last page has no Next
        pilot.click("lesson:back")
        assert mode.page == 0
        # a hint, on request
        pilot.click("lesson:hint")
        assert mode.hints_shown == 1
        # a locked control refuses with a short message and changes nothing
        pilot.click("add_layer")
        assert pilot.playground.settings.network_shape == ()
        assert "fixed in this lesson" in pilot.app.toasts[-1].text
        # the goal panel shows live progress, not yet met
        assert not mode.completed and not all(s.met for s in mode.statuses)
        # solve it as a student would: two feature clicks, then Play
        pilot.click("feature:xSquared")
        pilot.click("feature:ySquared")
        pilot.choose("speed", 10)
        pilot.click("play")
        for _ in range(40):
            if mode.completed:
                break
            pilot.frame(5)
        assert mode.completed
        assert all(s.met for s in mode.statuses)
        assert pilot.rect("lesson:next_lesson")  # the success message offers the next lesson
        epochs = pilot.playground.epoch
    saved = Progress.load(fresh_data / PROGRESS_FILE)
    assert saved.is_complete("feature-crosses")
    assert saved.completed["feature-crosses"].epochs <= epochs

    with Pilot() as pilot:  # a restart: the playground opens; L shows the level screen
        assert not pilot.app.lesson_mode.levels_open
        pilot.key("l")
        mode = pilot.app.lesson_mode
        assert mode.levels_open
        assert mode.progress is not None and mode.progress.is_complete("feature-crosses")
        assert not mode.progress.is_complete("xor")
        card = pilot.rect("level:feature-crosses")
        badge_centre = (card.left + pilot.app.theme.px(29), card.top + pilot.app.theme.px(29))
        assert tuple(pilot.surface.get_at(badge_centre))[:3] == SUCCESS  # the green tick badge
        other = pilot.rect("level:xor")
        assert tuple(pilot.surface.get_at(
            (other.left + pilot.app.theme.px(29), other.top + pilot.app.theme.px(12))))[:3] \
            != SUCCESS
        pilot.key("escape")
        assert not mode.levels_open


def test_the_lessons_button_and_the_success_path_of_a_hand_set_weights_lesson(fresh_data) -> None:
    with Pilot() as pilot:
        pilot.click("lessons")
        mode = pilot.app.lesson_mode
        assert mode.levels_open
        pilot.click("level:weights-by-hand")
        with pytest.raises(LookupError):
            pilot.rect("play")  # hidden by the lesson: the weights are set by hand
        pilot.key("space")  # nor does its shortcut train
        pilot.frame(3)
        assert not pilot.app.playing and pilot.playground.epoch == 0
        for source in (0, 1):  # click the link, type a weight, press Enter, as a student does
            pilot.click(f"link:1:0:{source}")
            pilot.type("1")
            pilot.key("return")
        assert pilot.playground.network.layer_matrix(1)[0].tolist() == [1.0, 1.0]
        pilot.frame()
        assert mode.completed
        pilot.click("lesson:next_lesson")
        assert mode.lesson is not None and mode.lesson.id == "feature-crosses"
        assert not mode.completed


def test_an_unknown_lesson_id_opens_the_playground_with_a_message(fresh_data) -> None:
    with Pilot(lesson="no-such-lesson") as pilot:
        assert pilot.app.lesson_mode.lesson is None
        assert "no-such-lesson" in pilot.app.toasts[-1].text


def test_a_corrupt_progress_file_becomes_a_notice_in_the_window(fresh_data) -> None:
    (fresh_data / PROGRESS_FILE).write_text("{broken", encoding="utf-8")
    with Pilot() as pilot:
        pilot.key("l")
        assert any("set" in t.text or "kept as" in t.text for t in pilot.app.toasts)
        assert pilot.app.lesson_mode.levels_open
    assert [p for p in fresh_data.iterdir() if p.name.startswith("progress.corrupt-")]


def test_level_screen_fits_every_card_on_screen_at_the_smallest_window(fresh_data) -> None:
    with Pilot(size=(1024, 640), show_levels=True) as pilot:
        mode = pilot.app.lesson_mode
        assert mode.course is not None
        screen = pygame.Rect((0, 0), pilot.surface.get_size())
        for lesson in mode.course.lessons:
            assert screen.contains(pilot.rect(f"level:{lesson.id}"))
        assert screen.contains(pilot.rect("level:free"))


def test_every_shipped_lesson_text_has_glyphs_in_the_app_font() -> None:
    """A character the shipped font lacks shows as an empty box; lesson texts must avoid them.

    A missing glyph renders as the font's .notdef box, whose metrics a private-use character
    (which no font here defines) reveals."""
    from playground_game.model.lessons import load_course
    from playground_game.resources import asset_path

    pygame.font.init()
    font = pygame.font.Font(str(asset_path("fonts", "Roboto-Regular.ttf")), 20)
    notdef = font.metrics("\ue000")[0]
    course = load_course()
    assert course.lessons and not course.problems
    missing = set()
    for lesson in course.lessons:
        texts = [lesson.title, lesson.summary, lesson.success, *lesson.pages, *lesson.hints,
                 *(goal.describe() for goal in lesson.goals)]
        for text in texts:
            for char in set(text) - set(" \n\t"):
                if font.metrics(char)[0] == notdef:
                    missing.add((lesson.id, char))
    assert not missing, sorted(missing)


def test_a_long_goal_wraps_instead_of_losing_its_end(fresh_data) -> None:
    """The goal panel used to draw only the first wrapped line of a goal, dropping its numbers."""
    from playground_game.model.lessons import GoalStatus

    with Pilot() as pilot:
        pilot.click("lessons")
        pilot.click("level:weights-by-hand")
        mode = pilot.app.lesson_mode
        long_goal = "Weight h1.2 to h2.1 of the second hidden layer: 0.5 to 3"
        mode.statuses = (GoalStatus(False, long_goal, "now 0.00", 0.2),)
        drawn: list[str] = []
        theme = pilot.app.theme
        real_text = theme.text

        def recording_text(text, *args, **kwargs):
            drawn.append(text)
            return real_text(text, *args, **kwargs)

        theme.text = recording_text
        try:
            mode._draw_goals(pilot.surface, theme, pygame.Rect(0, 0, 220, 200))
        finally:
            del theme.text
        assert " ".join(t for t in drawn if t in long_goal) == long_goal
