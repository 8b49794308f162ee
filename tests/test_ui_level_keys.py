"""The level screen's arrows move in space: Down goes to the card drawn right below, Up to the
one right above, never skipping a chapter's short last row (Down from lesson 19 goes to 22)."""

from __future__ import annotations

import pygame
import pytest
from pilot import Pilot

from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.fixture(autouse=True)
def fresh_data(tmp_path, monkeypatch):
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))


def _expected(placed: list[pygame.Rect], index: int, down: bool) -> int:
    here = placed[index]
    tops = [r.top for r in placed if (r.top > here.top if down else r.top < here.top)]
    if not tops:
        return index
    row = min(tops) if down else max(tops)
    return min((k for k, r in enumerate(placed) if r.top == row),
               key=lambda k: abs(placed[k].centerx - here.centerx))


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_up_and_down_go_to_the_card_drawn_above_or_below(size) -> None:
    with Pilot(size=size) as pilot:
        pilot.key("l")
        levels = pilot.app.levels
        placed = list(levels.placed)
        assert len(placed) > 30
        for down, key in ((True, "down"), (False, "up")):
            for index in range(len(placed)):
                levels.selected = index
                pilot.key(key)
                moved = levels.selected
                assert moved == _expected(placed, index, down), (index, key)
                if moved != index:  # the next row that way, overlapping across where it can
                    assert (placed[moved].top > placed[index].top) == down
        for start, key, end in ((1, "down", 3), (19, "down", 22), (22, "up", 19),
                                (5, "up", 3), (4, "down", 6)):
            levels.selected = start - 1  # lesson numbers, as the user saw them
            pilot.key(key)
            assert levels.selected == end - 1, (start, key)
