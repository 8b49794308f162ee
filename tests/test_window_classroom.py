"""Issue 12, a window that holds up in a real classroom: frame work, blown-up runs, notices,
closed-up controls, deep networks when presenting. Driven through the real app (tests/pilot)."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import Pilot

from playground_game.model.actions import SetWeight
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.settings import Settings
from playground_game.ui.overlays import divergence
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


# -- a blown-up run pauses and offers the fix, NaN or not ---------------------------------------

B = Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6, activation="tanh",
             regularization="L2", regularization_rate=0.001, batch_size=10)


def play_until_the_card(pilot: Pilot, frames: int) -> None:
    pilot.click("play")
    for _ in range(frames):
        if pilot.app.divergence.shown:
            break
        pilot.frame()


def test_a_run_stuck_at_a_huge_rate_pauses_and_offers_the_fix() -> None:
    # At rate 10 every unit saturates within a few epochs: the loss sits at 0.808 for good,
    # finite, worse than the untrained network's 0.5.
    with Pilot(Settings(learning_rate=10), speed=10) as pilot:
        play_until_the_card(pilot, 30)
        assert pilot.app.divergence.shown, "a run stuck at rate 10 showed no card"
        assert not pilot.app.playing
        assert not pilot.playground.diverged  # the losses are numbers: no NaN involved
        assert divergence.blow_up(pilot.playground) == divergence.STALLED
        pilot.frame(2)
        pilot.click("divergence:fix")
        assert pilot.playground.settings.learning_rate == 1
        assert pilot.playground.epoch == 0
        assert not pilot.app.divergence.shown


def test_a_loss_exploding_to_huge_numbers_pauses_before_it_is_nan() -> None:
    with Pilot(Settings(problem="regression", learning_rate=3)) as pilot:
        play_until_the_card(pilot, 10)
        assert pilot.app.divergence.shown
        assert not pilot.playground.diverged, "the card came only with NaN"
        assert divergence.blow_up(pilot.playground) == divergence.EXPLODED
        assert pilot.playground.train_loss > 1000 * pilot.playground.train_losses[0]


def test_keep_it_lets_a_stuck_run_go_on() -> None:
    with Pilot(Settings(learning_rate=10), speed=10) as pilot:
        play_until_the_card(pilot, 30)
        pilot.click("divergence:close")
        epoch = pilot.playground.epoch
        pilot.click("play")
        pilot.frame(5)
        assert pilot.app.playing and not pilot.app.divergence.shown
        assert pilot.playground.epoch > epoch


@pytest.mark.parametrize("settings", [Settings(), B], ids=["default", "B"])
def test_normal_runs_never_show_the_card(settings: Settings) -> None:
    with Pilot(settings, speed=100) as pilot:
        pilot.click("play")
        pilot.frame(12)
        assert pilot.playground.epoch >= 1000
        assert pilot.app.playing and not pilot.app.divergence.shown
