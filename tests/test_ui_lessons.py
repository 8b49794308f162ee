"""Lessons through the real window, headless: pick a level, read, solve, see success, restart."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot

from playground_game.model.progress import PROGRESS_FILE, Progress
from playground_game.ui import app as app_module
from playground_game.ui import theme as th
from playground_game.ui.widgets.stars import STAR_GOLD
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
        pilot.key("end")  # the free playground, last of the lessons: scrolled into view
        pilot.click("level:free")
        assert not pilot.app.lesson_mode.levels_open and pilot.app.lesson_mode.lesson is None
    assert (fresh_data / PROGRESS_FILE).exists()
    assert not app_module.LessonMode.is_first_start()


def _has_colour(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> bool:
    pixels = pygame.surfarray.pixels3d(surface.subsurface(rect))
    return bool(((pixels == colour).all(axis=-1)).any())


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
        assert _has_colour(pilot.surface, card, STAR_GOLD)  # its stars, earned
        assert not _has_colour(pilot.surface, pilot.rect("level:xor"), STAR_GOLD)
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


def test_every_card_of_the_level_screen_scrolls_into_view_at_the_smallest_window(
        fresh_data) -> None:
    with Pilot(size=(1024, 640), show_levels=True) as pilot:
        mode = pilot.app.lesson_mode
        assert mode.course is not None and len(mode.course.lessons) >= 30
        screen = pygame.Rect((0, 0), pilot.surface.get_size())
        pilot.key("home")
        for entry in pilot.app.levels.entries():  # the selection walks every card
            card = pilot.rect(f"level:{entry.key}")
            assert screen.contains(card) and card.height >= pilot.app.theme.px(60)
            pilot.key("right")
        assert pilot.app.levels.scroll > 0  # 33 lessons do not fit: the screen scrolled


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
            pilot.app.lesson_panel._draw_goals(pilot.surface, theme, pygame.Rect(0, 0, 220, 200))
        finally:
            del theme.text
        assert " ".join(t for t in drawn if t in long_goal) == long_goal


def test_every_refusal_in_a_lesson_comes_from_the_session_and_shows_the_same_way(
        fresh_data) -> None:
    with Pilot(show_levels=True) as pilot:
        pilot.click("level:feature-crosses")
        playground = pilot.playground
        assert "numHiddenLayers" in playground.locks and "dataset" in playground.locks
        pilot.key("z", mod=pygame.KMOD_CTRL)  # the lesson's history starts with the lesson
        assert pilot.app.toasts[-1].text == "There is nothing to undo."
        settings = playground.settings
        pilot.click("add_layer")
        assert pilot.app.toasts[-1].text == "The number of hidden layers is fixed in this lesson."
        assert playground.settings == settings
        pilot.key("l")
        pilot.key("end")  # the free playground, last of the lessons: scrolled into view
        pilot.click("level:free")
        assert pilot.playground.locks == frozenset()
        pilot.click("add_layer")  # the free playground: nothing fixed any more
        assert pilot.playground.settings.network_shape == (4, 2, 2)


LAB_LESSON = """
title = "Gauss in a hurry"
summary = "A test lesson."
chapter = "Tests"
pages = ["Train it fast.", "Really fast."]
start = "dataset=gauss&networkShape=&learningRate=0.0001&seed=0.3"
locked = ["dataset"]
success = "Done at epoch {epoch}: your gap was {gap}."
budget = 40

[question]
ask = "Will a larger learning rate help?"
choices = ["Yes", "No"]
answer = 1
why = "A bigger step reaches the bottom sooner, as long as it does not overshoot."

[[goals]]
kind = "test_loss"
below = 0.01

[solution]
code = "dataset=gauss&networkShape=&learningRate=0.1&seed=0.3"
epochs = 40
"""


def _lab(pilot: Pilot, tmp_path) -> None:
    from playground_game.model.lessons import load_course

    (tmp_path / "01-lab.toml").write_text(LAB_LESSON, encoding="utf-8")
    mode = pilot.app.lesson_mode
    mode.ensure_loaded()
    mode.course = load_course(tmp_path)
    mode.start_lesson(mode.course.lessons[0])
    pilot.frame()


def test_predict_first_then_the_pages(fresh_data, tmp_path) -> None:
    with Pilot() as pilot:
        _lab(pilot, tmp_path)
        mode = pilot.app.lesson_mode
        assert mode.asking
        pilot.click("play")  # no training while the question waits, and it says so
        pilot.frame(5)
        assert pilot.playground.epoch == 0 and not pilot.app.playing
        assert "answer the lesson's question" in pilot.app.toasts[-1].text
        pilot.click("lesson:answer:1")
        assert mode.answer == 1 and mode.asking
        pilot.click("lesson:continue")
        assert not mode.asking and mode.page == 0
        assert pilot.rect("lesson:next")


def test_the_budget_stops_training_and_says_so(fresh_data, tmp_path) -> None:
    with Pilot() as pilot:
        _lab(pilot, tmp_path)
        pilot.click("lesson:answer:0")
        pilot.click("lesson:continue")
        pilot.choose("speed", 10)
        pilot.click("play")
        pilot.frame(20)
        assert pilot.playground.epoch == 40 and not pilot.app.playing
        assert pilot.app.lesson_mode.over_budget and not pilot.app.lesson_mode.completed


def test_success_pauses_keeps_the_ticks_and_shows_the_result_card(fresh_data, tmp_path) -> None:
    with Pilot() as pilot:
        _lab(pilot, tmp_path)
        mode = pilot.app.lesson_mode
        pilot.click("lesson:answer:0")
        pilot.click("lesson:continue")
        pilot.choose("learning_rate", 0.1)
        pilot.choose("speed", 10)
        pilot.click("play")
        pilot.frame(10)
        assert mode.completed and mode.card_open and not pilot.app.playing
        result = mode.result
        epoch = pilot.playground.epoch
        assert result is not None and result.epochs == epoch < 40
        assert result.stars == 3  # within the reference's epochs, no more neurons
        assert result.text.startswith(f"Done at epoch {epoch}: your gap was ")
        assert all(s.met for s in mode.statuses)
        assert mode.progress is not None and mode.progress.completed["lab"].stars == 3
        pilot.click("lesson:keep_exploring")
        assert not mode.card_open and mode.completed and all(s.met for s in mode.statuses)
        assert pilot.rect("lesson:next_lesson")


def test_play_on_the_result_card_keeps_exploring_with_live_goals(fresh_data, tmp_path) -> None:
    with Pilot() as pilot:
        _lab(pilot, tmp_path)
        mode = pilot.app.lesson_mode
        pilot.click("lesson:answer:0")
        pilot.click("lesson:continue")
        pilot.choose("learning_rate", 0.1)
        pilot.click("play")
        pilot.frame(10)
        assert mode.card_open
        epoch = pilot.playground.epoch
        pilot.key("space")  # Play again on the card: the card steps aside, training goes on
        pilot.frame(3)
        assert not mode.card_open and pilot.playground.epoch > epoch
        shown = [s.progress for s in mode.statuses]
        assert shown == [s.progress for s in mode.lesson.check(pilot.playground)]  # live


def test_customize_cannot_bring_back_what_a_lesson_hides(fresh_data, tmp_path) -> None:
    with Pilot() as pilot:
        _lab(pilot, tmp_path)
        pilot.click("customize")
        assert pilot.app.dialog is None
        assert pilot.app.toasts[-1].text == "Customize is fixed in this lesson."


def test_the_level_screen_is_played_with_the_keyboard(fresh_data) -> None:
    with Pilot(show_levels=True) as pilot:
        levels = pilot.app.levels
        mode = pilot.app.lesson_mode
        assert levels.greeting and levels.selected == 0  # the first lesson waits, selected
        pilot.key("right")
        pilot.key("right")
        pilot.key("left")
        assert levels.selected == 1
        pilot.key("down")  # the card drawn below lesson 2 (test_ui_level_keys.py: in space)
        below = levels.placed[levels.selected]
        assert below.left == levels.placed[1].left and below.top > levels.placed[1].top
        pilot.key("home")
        pilot.key("return")
        assert mode.lesson is not None and mode.lesson.number == 1 and not mode.levels_open
        pilot.key("l")  # back to the screen: the lesson being taken is selected
        assert mode.levels_open and levels.entries()[levels.selected].key == mode.lesson.id
        assert not levels.greeting
        pilot.key("escape")
        assert not mode.levels_open and mode.lesson is not None


def test_escape_from_the_first_greeting_opens_the_free_playground(fresh_data) -> None:
    with Pilot(show_levels=True) as pilot:
        pilot.key("escape")
        assert not pilot.app.lesson_mode.levels_open
        assert pilot.app.lesson_mode.lesson is None


def test_opening_a_code_in_a_lesson_asks_to_leave_it_first(fresh_data) -> None:
    with Pilot(show_levels=True) as pilot:
        pilot.click("level:feature-crosses")
        mode = pilot.app.lesson_mode
        assert pilot.app.open_code("dataset=xor&seed=0.1") is None
        pilot.frame()
        assert pilot.app.dialog is not None and pilot.app.dialog.title == "Leave this lesson?"
        pilot.click("dialog:stay")
        assert pilot.app.dialog is None and mode.lesson is not None
        assert pilot.playground.settings.dataset == "circle"
        pilot.app.open_code("dataset=xor&seed=0.1")
        pilot.frame()
        pilot.click("dialog:leave")
        assert mode.lesson is None and pilot.playground.locks == frozenset()
        assert pilot.playground.settings.dataset == "xor"
        assert pilot.app.toasts[-1].text == "Opened the experiment from the code."


def test_a_teacher_saves_the_experiment_as_a_lesson_and_finds_it_on_the_level_screen(
        fresh_data) -> None:
    from playground_game.model.lessons import read_lesson

    with Pilot(size=(1280, 800)) as pilot:
        pilot.choose("activation", "relu")
        pilot.click("customize")
        pilot.click("dialog:show:noise")  # hidden for the students: locked too
        pilot.click("dialog:lesson")
        assert pilot.app.dialog.title == "Save this experiment as a lesson"
        pilot.click("dialog:field:title")
        pilot.key("a", mod=pygame.KMOD_CTRL)
        pilot.type("Relu circle")
        pilot.click("dialog:field:below")
        pilot.key("a", mod=pygame.KMOD_CTRL)
        pilot.type("abc")
        pilot.click("dialog:save")
        assert "not a number" in pilot.app.dialog.error  # refused, the form kept
        pilot.click("dialog:field:below")
        pilot.key("a", mod=pygame.KMOD_CTRL)
        pilot.type("0.2")
        pilot.click("dialog:save")
        assert pilot.app.dialog is None
        saved = sorted((fresh_data / "lessons").glob("*.toml"))
        assert [p.name for p in saved] == ["01-relu-circle.toml"]
        lesson = read_lesson(saved[0])
        assert lesson.title == "Relu circle" and lesson.chapter == "My lessons"
        assert "noise" in lesson.locked and lesson.start.activation == "relu"
        assert "My lessons" in pilot.app.toasts[-1].text
        pilot.key("l")
        pilot.key("end")
        pilot.key("left")  # the last lesson, before the free playground
        assert pilot.app.levels.entries()[pilot.app.levels.selected].chapter == "My lessons"
        assert pilot.rect("level:relu-circle")


def test_the_wheel_scrolls_the_level_screen_to_its_last_card(fresh_data) -> None:
    with Pilot(size=(1024, 640), show_levels=True) as pilot:
        for _ in range(60):
            pilot.post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                       precise_y=-1.0, touch=False, which=0)
        pilot.frame(2)
        screen = pilot.surface.get_rect()
        assert screen.contains(pilot.rect("level:free"))  # the wheel reached the end and stayed


def test_a_goal_over_starts_trains_fresh_starts_a_slice_a_frame_and_counts_them(
        fresh_data) -> None:
    """Lesson 12 in the window: the setting on screen is tried from five fresh starts in the
    background, a few milliseconds a frame, while the window still answers clicks; a new
    setting starts them again; the count shows live, and with all five and the student's own
    run the lesson is done."""
    import time

    with Pilot(lesson="run-to-run") as pilot:
        mode = pilot.app.lesson_mode
        pilot.click("lesson:answer:1")
        pilot.click("lesson:continue")
        assert mode.trials is None  # untouched: not run yet (test_ui_start_marks.py)
        pilot.click("add_neuron:0")  # three neurons: lucky from most starts, not from all
        assert mode.trials is not None and mode.trials.settings.network_shape == (3,)
        assert not pilot.app.idle()  # trials to run: the app keeps stepping frames
        pilot.frame(200)
        assert not mode.busy and mode.statuses[1].progress == "4 of 5 starts succeeded"
        assert not mode.statuses[1].met
        panel = pilot.app.lesson_panel.panel_rect
        assert _has_colour(pilot.surface, panel, th.ERROR)  # the failed start's mark
        pilot.click("add_neuron:0")
        assert pilot.playground.settings.network_shape == (4,)
        trials = mode.trials
        assert trials is not None and trials.settings == pilot.playground.settings
        seen, slowest, frames = set(), 0.0, 0
        while mode.busy and frames < 2000:
            start = time.perf_counter()
            pilot.frame()
            slowest = max(slowest, time.perf_counter() - start)
            frames += 1
            seen.add(mode.statuses[1].progress.split(";")[0])
            if frames == 2:
                pilot.click("lesson:hint")  # the window answers while the trials run
        assert mode.hints_shown == 1
        assert frames > 3 and slowest < 0.5  # many small slices, never one long freeze
        assert "1 of 5 starts so far succeeded" in seen
        status = mode.statuses[1]
        assert status.met and status.progress == "5 of 5 starts succeeded"
        assert not mode.completed  # the student's own run has not reached the test loss yet
        pilot.choose("speed", 10)
        pilot.click("play")
        pilot.frame(40)
        assert mode.completed and mode.card_open and all(s.met for s in mode.statuses)
        assert pilot.app.idle()  # nothing left to do in the background


def _play_until_paused(pilot: Pilot, frames: int = 200) -> None:
    pilot.click("play")
    for _ in range(frames):
        pilot.frame()
        if not pilot.app.playing:
            return


def test_early_stopping_in_the_window_a_plateau_stop_pauses_and_only_a_short_one_passes(
        fresh_data) -> None:
    """The training lab's plateau stop pauses a lesson's training as it does outside one; the
    lesson passes only when training stopped close to the lowest test loss."""
    with Pilot(lesson="early-stopping") as pilot:
        mode = pilot.app.lesson_mode
        pilot.key("t")
        dialog = pilot.app.dialog
        assert dialog is not None and not dialog.dropdowns["optimizer"].visible  # not taught
        pilot.click("dialog:lab:stopPlateau")
        pilot.click("dialog:lab:stopPlateau=100")
        pilot.click("dialog:done")
        pilot.choose("speed", 10)
        _play_until_paused(pilot)
        assert not mode.completed and pilot.app.lesson_mode.lesson is not None
        assert "plateau" in " ".join(t.text for t in pilot.app.notices.toasts)
        assert not mode.statuses[1].met  # stopped, but long after the lowest test loss
        pilot.key("t")
        pilot.click("dialog:lab:stopPlateau")
        pilot.click("dialog:lab:stopPlateau=20")
        pilot.click("dialog:done")
        pilot.key("r")
        _play_until_paused(pilot)
        assert mode.completed and mode.card_open and all(s.met for s in mode.statuses)
