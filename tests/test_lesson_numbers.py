"""The numbers a lesson shows read on the right side of their goal: a success text quotes 0.0038
for "below 0.004" (never "0.004"), a negative gap says "below", and a goal that needs training
is not ticked before any."""

from __future__ import annotations

from pathlib import Path

from playground_game.model.actions import Train
from playground_game.model.bookmark import parse_code
from playground_game.model.lessons import load_course, parse_lesson
from playground_game.model.lessons.lesson import run_numbers
from playground_game.model.playground import Open, Playground

LESSON = """
title = "Numbers"
summary = "A test."
pages = ["Train it."]
start = "dataset=gauss&networkShape=&learningRate=0.0001&seed=0.3"
success = "Test loss {test_loss}, {gap_words} the training loss, accuracy {test_accuracy}."
budget = 60

[[goals]]
kind = "test_loss"
below = {below}

[[goals]]
kind = "gap"
below = 0.04

[solution]
code = "dataset=gauss&networkShape=&learningRate=0.1&seed=0.3"
epochs = 60
"""


def _trained(code: str, epochs: int) -> Playground:
    playground = Playground()
    playground.apply(Open(parse_code(code).settings))
    playground.apply(Train(epochs))
    return playground


def test_a_quoted_loss_never_rounds_onto_its_goal() -> None:
    playground = _trained("dataset=gauss&networkShape=&learningRate=0.1&seed=0.3", 5)
    while float(f"{playground.test_loss:.3f}") <= playground.test_loss:  # until it rounds up
        playground.apply(Train(1))
    loss = playground.test_loss
    below = float(f"{loss:.3f}")  # met, and what three digits would show: a pass reading as a fail
    lesson = parse_lesson(LESSON.replace("{below}", repr(below)), Path("90-numbers.toml"))
    quoted = lesson.success_text(playground).split(",")[0].removeprefix("Test loss ")
    assert float(quoted) < below, (loss, below, quoted)


def test_a_negative_gap_is_said_as_below() -> None:
    playground = _trained("dataset=gauss&networkShape=&learningRate=0.1&seed=0.3", 30)
    numbers = run_numbers(playground)
    gap = playground.test_loss - playground.train_loss
    side = "above" if gap > 0 else "below"
    assert numbers["gap_words"] == f"{abs(gap):.3f} {side}"
    assert not numbers["gap_words"].startswith("-")
    assert numbers["test_accuracy"].endswith("%")


def test_lesson_32_and_33_quote_the_right_words() -> None:
    course = load_course()
    assert "{gap_words} the training loss" in course.find("dropout").success
    assert "{test_accuracy}" in course.find("cross-entropy").success


def test_near_the_lowest_is_not_ticked_before_training() -> None:
    lesson = load_course().find("early-stopping")
    playground = Playground()
    playground.apply(Open(lesson.start))
    statuses = lesson.check(playground)
    assert not any(s.met for s in statuses)
    playground.apply(Train(1))
    assert lesson.check(playground)[1].met  # one epoch in, the loss is at its lowest so far
