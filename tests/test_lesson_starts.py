"""The goal over many starts, through the model: it reads and refuses like the other goals, its
trials are Reset draws whose result does not depend on how they are sliced, and it refuses a
setting that succeeds only from lucky starts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from playground_game.model.actions import Change, Reset, Train
from playground_game.model.bookmark import parse_code
from playground_game.model.lessons import LessonError, load_course, parse_lesson
from playground_game.model.lessons.proof import prove
from playground_game.model.lessons.trials import fresh_start
from playground_game.model.playground import Playground

LESSON = """
title = "Reliable"
summary = "A lesson for the tests."
pages = ["Train it from every start."]
start = "dataset=xor&networkShape=2&seed=0.1"
success = "Done."
{budget}

[[goals]]
kind = "test_loss"
below = 0.1

{goal}

[solution]
code = "dataset=xor&networkShape=4&seed=0.1"
epochs = 300
"""
STARTS_GOAL = '[[goals]]\nkind = "succeeds_over_starts"\nstarts = 5\nat_least = {at_least}'
THREE = parse_code("dataset=xor&networkShape=3&seed=0.1").settings
FOUR = parse_code("dataset=xor&networkShape=4&seed=0.1").settings


def lesson(at_least: int = 5, budget: str = "budget = 300", goal: str | None = None):
    goal = STARTS_GOAL.format(at_least=at_least) if goal is None else goal
    return parse_lesson(LESSON.format(budget=budget, goal=goal), Path("90-reliable.toml"))


def test_the_goal_reads_its_starts_and_its_least_count() -> None:
    goal = lesson(at_least=4).over_starts
    assert goal is not None and (goal.starts, goal.at_least) == (5, 4)
    assert goal.describe() == "Reach the other goals from at least 4 of 5 fresh starts"
    every = lesson(at_least=5).over_starts
    assert every is not None
    assert every.describe() == "Reach the other goals from every one of 5 fresh starts"


@pytest.mark.parametrize(("at_least", "budget", "goal", "problem"), [
    (6, "budget = 300", None, "at_least: 6 is impossible; expected 1 to 5"),
    (5, "", None, "needs the lesson's budget"),
    (5, "budget = 300", STARTS_GOAL.format(at_least=5) + "\n" + STARTS_GOAL.format(at_least=4),
     "at most one succeeds_over_starts goal"),
    (5, "budget = 300", '[[goals]]\nkind = "succeeds_over_starts"\nstarts = 1\nat_least = 1',
     "starts: 1 is impossible"),
])
def test_a_goal_over_starts_that_cannot_work_is_refused(at_least, budget, goal, problem) -> None:
    with pytest.raises(LessonError, match=problem):
        lesson(at_least, budget, goal)


def test_a_goal_over_starts_alone_has_nothing_to_judge_a_start_by() -> None:
    text = LESSON.replace('[[goals]]\nkind = "test_loss"\nbelow = 0.1\n', "")
    with pytest.raises(LessonError, match="needs another goal"):
        parse_lesson(text.format(budget="budget = 300", goal=STARTS_GOAL.format(at_least=5)),
                     Path("90-alone.toml"))


def test_start_k_is_the_setting_opened_with_reset_pressed_k_times() -> None:
    by_hand = Playground(FOUR)
    by_hand.apply(Reset())
    by_hand.apply(Reset())
    assert np.array_equal(fresh_start(FOUR, 2).network.weights, by_hand.network.weights)
    assert not np.array_equal(fresh_start(FOUR, 1).network.weights, by_hand.network.weights)


def test_sliced_trials_end_as_the_trials_run_at_once() -> None:
    read = lesson()
    whole = read.trials(THREE)
    assert whole is not None
    whole.finish()
    sliced = read.trials(THREE)
    assert sliced is not None
    slices = 0
    while sliced.advance(0.0):  # the least slice: one step of work
        slices += 1
    assert slices == sliced.steps > 100  # many frames' worth, never one long call
    assert sliced.results == whole.results and sliced.done
    assert not sliced.advance(1.0)  # done: nothing more to do


def test_three_neurons_succeed_from_some_starts_and_four_from_all() -> None:
    read = lesson()
    three, four = read.trials(THREE), read.trials(FOUR)
    assert three is not None and four is not None
    assert 0 < three.finish().successes < 5  # lucky from some starts only
    assert four.finish().successes == 5


def test_the_goal_reads_the_trials_of_the_setting_on_screen_only() -> None:
    read = lesson(at_least=4)
    goal = read.over_starts
    assert goal is not None
    playground = Playground(FOUR)
    status = goal.check(playground)
    assert not status.met and status.progress == "not tried yet from 5 starts"
    trials = read.trials(FOUR)
    assert trials is not None
    trials.advance(0.0)
    trials.advance(0.0)  # the first start opened, judged at epoch 0 and trained one epoch
    running = goal.judge(playground, trials)
    assert not running.met
    assert running.progress == "0 of 5 starts so far succeeded"
    assert running.starts is not None and running.starts.outcomes == ()
    assert running.starts.total == 5 and running.starts.running == 1 / 300  # epoch 1 of 300
    trials.finish()
    assert goal.judge(playground, trials).progress == "5 of 5 starts succeeded"
    assert goal.judge(playground, trials).starts.outcomes == (True,) * 5
    assert goal.judge(playground, trials).met
    playground.apply(Change({"learning_rate": 0.1}))  # another setting: not tried yet
    assert not goal.judge(playground, trials).met


def test_the_lesson_is_met_only_when_the_setting_holds_from_enough_starts() -> None:
    read = lesson()
    playground = Playground(FOUR)
    solved = read.trials(FOUR)
    assert solved is not None
    solved.finish()
    while playground.test_loss >= 0.1:
        playground.apply(Train(1))
    assert read.met(playground, solved)
    assert not read.met(playground)  # without trials the goal over starts does not hold


def test_the_goal_over_starts_refuses_the_lucky_network_the_other_goals_let_through() -> None:
    """Lesson 12's cheat of three neurons reaches the test loss from most single starts; only
    the goal over starts refuses it."""
    course = {x.id: x for x in load_course().lessons}
    run_to_run = course["run-to-run"]
    three = next(c for c in run_to_run.cheats if "three neurons" in c.name)
    single = replace(run_to_run, goals=tuple(g for g in run_to_run.goals if not g.over_starts),
                     cheats=(three,))
    assert prove(single, starts=10).cheats[0].successes >= 5
    assert prove(replace(run_to_run, cheats=(three,)), starts=10).cheats[0].successes == 0
