"""The Training lab as a lesson shows it: what the lesson fixes is dimmed with a padlock before
any click, a section with nothing shown has no heading, dropout has a heading of its own, and
a lesson that hides the whole lab refuses to open it, saying why."""

from __future__ import annotations

from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.model.lessons import load_course
from playground_game.model.playground import Open
from playground_game.ui.overlays.lab import COLUMNS, LAB_HIDDEN


def _pixels(pilot: Pilot, rect) -> list[tuple[int, ...]]:
    surface = pilot.surface
    return [tuple(surface.get_at((x, y))[:3]) for x in range(rect.left, rect.right, 2)
            for y in range(rect.top, rect.bottom, 2)]


def test_a_locked_lab_control_is_drawn_dimmed_before_it_is_clicked() -> None:
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.key("t")
        rect = pilot.app.dialog.dropdowns["optimizer"].rect.copy()
        free = _pixels(pilot, rect)
        pilot.key("escape")
        pilot.playground.apply(Open(pilot.playground.settings, locks=frozenset({"optimizer"})))
        pilot.key("t")
        pilot.frame()
        assert pilot.app.dialog.dropdowns["optimizer"].rect == rect
        locked = _pixels(pilot, rect)
        changed = sum(a != b for a, b in zip(free, locked, strict=True))
        assert changed > len(free) // 2  # veiled all over, with its padlock, unasked
        assert pilot.app.notices.toasts == [] or "fixed" not in pilot.app.notices.toasts[-1].text


def test_no_empty_section_heading_and_dropout_under_its_own() -> None:
    titles = {title: keys for column in COLUMNS for title, keys in column}
    assert titles["DROPOUT"] == ("dropout",)
    assert all("dropout" not in keys for title, keys in titles.items() if title != "DROPOUT")
    lesson = load_course().find("dropout")  # shows dropout alone of the lab
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.playground.apply(Open(lesson.start, locks=lesson.locked))
        pilot.key("t")
        dialog = pilot.app.dialog
        assert dialog is not None
        shown = [title for title, _ in dialog._titles]
        for title in shown:
            assert any(dialog.dropdowns[k].visible for k in titles[title]), title
        assert "DROPOUT" in shown and "OPTIMIZER" not in shown


def test_a_lesson_that_hides_the_whole_lab_refuses_to_open_it() -> None:
    lesson = load_course().lessons[0]
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.playground.apply(Open(lesson.start, locks=lesson.locked))
        pilot.click("lab")
        assert pilot.app.dialog is None
        assert pilot.app.notices.toasts[-1].text == LAB_HIDDEN
