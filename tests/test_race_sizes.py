"""The race at several window sizes, each in a window of its own: feature names that never
overprint in a crowded race, and a closed banner's result that stays in words where the top
bar has no room for it."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.model.race import Finish
from playground_game.ui.race.fit import feature_pitch, label_height

CODE = "dataset=xor&networkShape=3&seed=0.25"


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_feature_names_in_a_crowded_race_do_not_overprint(size) -> None:
    code = CODE + "&race=activation%3Drelu;same;same"
    with Pilot(parse_code(code).settings, size=size) as pilot:
        screen = pilot.app.race_screen
        layout = screen.ensure_layout()
        for view, cell, playground in zip(screen.views, layout.cells,
                                          screen.race.playgrounds, strict=True):
            assert cell.network_shown
            pitch = feature_pitch(view.theme, cell.network, cell.anchor, playground)
            assert pitch >= label_height(view.theme)
            tops = [view.control_rect(f"feature:{key}").top for key in ("x", "y")]
            assert tops[1] - tops[0] >= label_height(view.theme)  # as drawn


@pytest.mark.parametrize("size, present", [((1280, 720), False), ((1024, 768), True)])
def test_a_closed_banners_result_stays_in_words(size, present) -> None:
    with Pilot(parse_code(CODE + "&race=activation%3Drelu").settings, size=size) as pilot:
        if present:
            pilot.key("p")
        screen = pilot.app.race_screen
        screen.race.set_finish(Finish(epochs=100))
        screen.race.step(100)
        pilot.key("return")
        words = screen._finished_words(screen.race.names())
        assert words.startswith("Finished: ") and not screen.banner_shown()
        layout = screen.ensure_layout()
        in_bar = screen._finished_room(pilot.app.theme, layout) >= 0
        assert in_bar != present  # 1024x768 presenting: the bar is full, the chart says it
        assert (screen.chart._key[-1] == words) == (not in_bar)
