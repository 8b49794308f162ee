"""Presenting, every card of the level screen still shows its whole summary (the big text wraps
to more lines and the cards grow), at 1024x768 and 1920x1080."""

from __future__ import annotations

import pytest
from pilot import Pilot

from playground_game.userdata import OVERRIDE_VARIABLE


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_no_summary_is_cut_when_presenting(size, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path))
    with Pilot(size=size) as pilot:
        pilot.key("p")
        pilot.key("l")
        levels = pilot.app.levels
        count = len(levels.entries())
        seen: dict[str, bool] = {}
        for _ in range(count):  # walk every card into view, one key at a time
            pilot.key("right")
            seen.update(levels.summary_cut)
        assert len(seen) == count
        assert [key for key, cut in seen.items() if cut] == []
