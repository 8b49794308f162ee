"""The help overlay fits any window: its list scrolls under its title and over its footer
(the wheel and the keys), the wheel never closes it, and in a race it says what the keys do
there."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot

from playground_game.model.bookmark import parse_code
from playground_game.ui.overlays.help import help_rows

CODE = "dataset=xor&networkShape=3&seed=0.25"


@pytest.mark.parametrize("size, present", [((1920, 1080), False), ((1024, 768), True),
                                           ((1280, 800), False)])
def test_every_row_of_the_help_can_be_read(size, present) -> None:
    with Pilot(parse_code(CODE).settings, size=size) as pilot:
        pilot.key("c")  # in a race: the longest list of words
        if present:
            pilot.key("p")
        pilot.key("h")
        help_ = pilot.app.help
        assert help_.open
        pilot.key("end")
        pilot.frame()
        assert help_.scroll == help_.max_scroll
        assert help_.list_bottom <= help_.view.bottom  # the last row above the footer
        assert pilot.surface.get_rect().contains(help_.view)
        if present:
            assert help_.max_scroll > 0  # 1024x768 presenting: it scrolls
            pilot.key("home")
            pilot.frame()
            assert help_.scroll == 0 and help_.list_bottom > help_.view.bottom


def test_the_wheel_scrolls_the_help_and_never_closes_it() -> None:
    with Pilot(parse_code(CODE).settings, size=(1024, 768)) as pilot:
        pilot.key("p")
        pilot.key("h")
        help_ = pilot.app.help
        assert help_.max_scroll > 0
        pilot.post(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                   precise_y=-1.0, touch=False)
        pilot.post(pygame.MOUSEBUTTONDOWN, pos=(500, 400), button=5, touch=False)
        pilot.post(pygame.MOUSEBUTTONUP, pos=(500, 400), button=5, touch=False)
        pilot.frame()
        assert help_.open and help_.scroll > 0
        pilot.click(pos=(5, 5))
        assert not help_.open


def test_in_a_race_the_help_says_what_the_keys_do_there() -> None:
    with Pilot(parse_code(CODE).settings, size=(1280, 720)) as pilot:
        assert dict(help_rows(pilot.app.help.overrides))["R"].startswith("Reset the network")
        pilot.key("c")
        rows = dict(help_rows(pilot.app.help.overrides))
        assert rows["R"].startswith("Restart the race")
        assert "leave the race" in rows["Esc"]
        pilot.key("escape")
        assert dict(help_rows(pilot.app.help.overrides))["R"].startswith("Reset the network")
