"""Save as lesson says honestly what students open: the code's settings and data with the first
weights its seed draws, which is what the saved lesson opens even after the teacher pressed
Reset (a code cannot hold the weights on screen)."""

from __future__ import annotations

import numpy as np
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.model.lessons.authoring import save_lesson
from playground_game.model.playground import Open, Playground
from playground_game.userdata import OVERRIDE_VARIABLE


def test_the_dialog_says_students_get_the_seeds_first_weights(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(parse_code("seed=0.3").settings) as pilot:
        pilot.click("reset")  # the teacher draws other weights
        pilot.app.save_lesson_dialog()
        pilot.frame()
        intro = pilot.app.dialog.INTRO
        assert "as it is now" not in intro and "first weights its seed draws" in intro
        _, lesson = save_lesson(pilot.playground.settings, "Mine", 0.2, 100, tmp_path / "l")
        opened = Playground()
        opened.apply(Open(lesson.start))
        fresh = Playground()
        fresh.apply(Open(parse_code("seed=0.3").settings))
        first = opened.network.layer_matrix(1)
        assert np.array_equal(first, fresh.network.layer_matrix(1))
        assert not np.array_equal(first, pilot.playground.network.layer_matrix(1))
