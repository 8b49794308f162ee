"""The fixed-rate training accumulator, alone: rate, catch-up cap, time budget."""

from __future__ import annotations

import pytest

from playground_game.ui.fixed_step import FixedStep


def test_one_step_per_period_and_fractions_carry_over() -> None:
    clock = FixedStep(rate=60.0)
    assert clock.steps(1 / 60) == 1
    assert clock.steps(1 / 120) == 0
    assert clock.steps(1 / 120) == 1  # the two halves add up
    assert clock.steps(2 / 60) == 2
    assert clock.accumulator == pytest.approx(0.0, abs=1e-9)


def test_epochs_are_steps_times_epochs_per_step() -> None:
    clock = FixedStep(rate=60.0)
    assert clock.epochs(2 / 60, per_step=10) == 20


def test_a_late_frame_is_capped_and_its_backlog_dropped() -> None:
    clock = FixedStep(rate=60.0, max_catch_up=3)
    assert clock.steps(5.0) == 3
    assert clock.accumulator == 0.0
    assert clock.steps(1 / 60) == 1  # no debt left from the late frame


def test_reset_forgets_the_backlog() -> None:
    clock = FixedStep(rate=60.0)
    clock.steps(1 / 120)
    clock.reset()
    assert clock.steps(1 / 120) == 0


def test_the_time_budget_limits_epochs_once_their_cost_is_known() -> None:
    clock = FixedStep(rate=60.0, budget_s=0.05)
    assert clock.epochs(1 / 60, per_step=100) == 100  # cost unknown: no limit yet
    clock.record(100, 1.0)  # 10 ms an epoch
    assert clock.epoch_cost == pytest.approx(0.01)
    assert clock.epochs(1 / 60, per_step=100) == 5  # 50 ms of budget
    clock.record(10, 10.0)  # very slow now: at least one epoch still trains
    assert clock.epoch_cost == pytest.approx(0.8 * 0.01 + 0.2 * 1.0)
    assert clock.epochs(1 / 60, per_step=100) == 1


def test_recording_nothing_changes_nothing() -> None:
    clock = FixedStep()
    clock.record(0, 1.0)
    assert clock.epoch_cost == 0.0
