"""Lesson 12's marks over fresh starts wait, not yet run, until the student trains or changes
the setting: an untouched start never greets them with five red crosses."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.ui import theme as th
from playground_game.userdata import OVERRIDE_VARIABLE


def _has_colour(surface, rect, colour) -> bool:
    return any(tuple(surface.get_at((x, y))[:3]) == colour
               for x in range(rect.left, rect.right, 2) for y in range(rect.top, rect.bottom, 2))


@pytest.fixture(autouse=True)
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))


def test_the_untouched_start_shows_no_failed_starts() -> None:
    with Pilot(lesson="run-to-run") as pilot:
        mode = pilot.app.lesson_mode
        pilot.click("lesson:answer:1")
        pilot.click("lesson:continue")
        pilot.frame(200)  # time enough for every start to have been tried
        status = mode.statuses[1]
        assert status.starts is None and status.progress.startswith("not tried yet")
        assert not _has_colour(pilot.surface, pilot.app.lesson_panel.panel_rect, th.ERROR)
        pilot.click("step")  # the student trains the start: now it is tried
        pilot.frame(200)
        assert mode.trials is not None and mode.statuses[1].starts is not None
