"""Issue 12, a window that holds up in a real classroom: frame work, blown-up runs, notices,
closed-up controls, deep networks when presenting. Driven through the real app (tests/pilot)."""

from __future__ import annotations

import numpy as np
from pilot import Pilot

from playground_game.model.actions import SetWeight
from playground_game.model.settings import Settings
from playground_game.ui.scene.network import links

# -- links are redrawn only when they change visibly -------------------------------------------


def test_links_are_redrawn_only_when_a_change_shows(monkeypatch) -> None:
    drawn: list[int] = []
    original = links.LinkLayer._draw_band

    def counting(self: links.LinkLayer, band: int) -> None:
        drawn.append(band)
        original(self, band)

    monkeypatch.setattr(links.LinkLayer, "_draw_band", counting)
    # A rate so small that 60 epochs move no link's colour by more than two levels of 255.
    with Pilot(Settings(learning_rate=0.0003)) as pilot:
        pilot.frame(2)
        layer = pilot.app.network_view._links
        drawn.clear()
        pilot.click("play")
        pilot.frame(60)
        assert pilot.playground.epoch >= 60
        assert drawn == [], "links redrawn for changes nobody can see"
        shown = np.abs(layer.colours.astype(int) - layer._want_colours.astype(int))
        assert shown.max() <= links.COLOUR_STEP
        # A visible change (a weight typed in) is drawn in the next frame, exactly.
        pilot.app.dispatch(SetWeight(1, 0, 0, 2.5))
        pilot.frame()
        assert drawn, "a weight of 2.5 was not drawn"
        for band in drawn:
            members = layer.geometry.bands[band][0]
            assert np.array_equal(layer.colours[members], layer._want_colours[members])
