"""The Training lab button in a lesson that hides every lab control (lessons 1 to 30): drawn
dimmed with a padlock like the other fixed controls, and a click says why instead of opening
an empty dialog."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.ui.overlays.lab import LAB_HIDDEN
from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.fixture(autouse=True)
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))


def _pixels(pilot: Pilot, rect) -> list[tuple[int, ...]]:
    return [tuple(pilot.surface.get_at((x, y))[:3]) for x in range(rect.left, rect.right, 2)
            for y in range(rect.top, rect.bottom, 2)]


def test_the_lab_button_is_dimmed_and_refuses_when_the_lesson_hides_the_lab() -> None:
    from playground_game.model.playground import Open

    with Pilot(lesson="optimizers") as pilot:
        pilot.app.lesson_mode.start_lesson(pilot.app.lesson_mode.course.lessons[0])
        pilot.frame()
        rect = pilot.rect("lab")
        dimmed = _pixels(pilot, rect)
        # the same lesson with one lab control shown (the layout stays: the lab's controls
        # live in its dialog): the button is drawn as usual
        pg = pilot.playground
        hidden = pg.settings.hidden
        pilot.app.dispatch(Open(pg.settings.with_changes(hidden=hidden - {"optimizer"}), pg.locks))
        pilot.frame()
        assert pilot.rect("lab") == rect
        open_lab = _pixels(pilot, rect)
        assert sum(a != b for a, b in zip(open_lab, dimmed, strict=True)) > len(dimmed) // 3
        pilot.app.dispatch(Open(pg.settings.with_changes(hidden=hidden), pg.locks))
        pilot.frame()
        pilot.click("lab")
        assert pilot.app.dialog is None
        assert pilot.app.notices.toasts[-1].text == LAB_HIDDEN
