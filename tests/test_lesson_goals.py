"""Goal kinds on real sessions, cheats in lesson files, and the many-starts proof."""

from __future__ import annotations

from pathlib import Path

import pytest

from playground_game.cli import main
from playground_game.model.actions import Change, SetBias, Train
from playground_game.model.lessons import LessonError, parse_lesson
from playground_game.model.lessons.goals import dead_units
from playground_game.model.lessons.proof import prove
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings

LESSON = """
title = "Test"
summary = "A lesson for the tests."
pages = ["Train it."]
start = "dataset=gauss&networkShape=&learningRate=0.0001&seed=0.3"
locked = ["dataset"]
success = "Done."
budget = 60
{goals}

[solution]
code = "dataset=gauss&networkShape=&learningRate=0.1&seed=0.3"
epochs = 60

[[cheats]]
name = "learning rate 0.0003"
code = "dataset=gauss&networkShape=&learningRate=0.0003&seed=0.3"
epochs = 60
"""
LOSS_GOAL = '[[goals]]\nkind = "test_loss"\nbelow = 0.01'


def lesson(goals: str = LOSS_GOAL, text: str = LESSON):
    return parse_lesson(text.replace("{goals}", goals), Path("90-test.toml"))


def test_a_lesson_reads_its_budget_and_cheats() -> None:
    read = lesson()
    assert read.budget == 60
    assert [c.name for c in read.cheats] == ["learning rate 0.0003"]
    assert read.unchanged_start.epochs == 60


def test_the_proof_counts_the_reference_the_start_and_each_cheat() -> None:
    proof = prove(lesson(), starts=5)
    assert proof.reference.successes == 5
    assert proof.unchanged.successes == 0  # rate 0.0001 does not make it in 60
    assert proof.cheats[0].successes == 0
    assert proof.problems == []


def test_a_cheat_that_passes_is_a_problem() -> None:
    text = LESSON.replace("learningRate=0.0003&", "learningRate=0.3&")
    proof = prove(lesson(text=text), starts=3)
    assert proof.cheats[0].successes == 3
    assert any("learning rate 0.0003" in p for p in proof.problems)


def test_success_past_the_budget_does_not_count() -> None:
    goal = '[[goals]]\nkind = "test_loss"\nbelow = 0.001'
    assert prove(lesson(goal), starts=2).reference.successes == 2
    short = lesson(goal, text=LESSON.replace("budget = 60", "budget = 2").replace(
        "epochs = 60", "epochs = 2"))
    assert prove(short, starts=2).reference.successes == 0


def test_a_solution_longer_than_the_budget_is_refused() -> None:
    with pytest.raises(LessonError, match="budget"):
        lesson(text=LESSON.replace("budget = 60", "budget = 10"))


def test_the_gap_goal() -> None:
    goal = lesson('[[goals]]\nkind = "gap"\nbelow = 0.05').goals[0]
    playground = Playground(Settings(dataset="gauss", seed="0.3"))
    status = goal.check(playground)
    gap = playground.test_loss - playground.train_loss
    assert status.met == (gap < 0.05) and f"{gap:.3f}" in status.progress


def test_the_regularization_and_activation_goals_say_is_or_not() -> None:
    playground = Playground(Settings(regularization="L2", activation="relu"))
    assert lesson('[[goals]]\nkind = "regularization"\nis = "L2"').goals[0].check(playground).met
    is_not = lesson('[[goals]]\nkind = "activation"\nnot = "relu"').goals[0]
    assert not is_not.check(playground).met
    assert "other than ReLU" in is_not.describe()
    with pytest.raises(LessonError, match="either is = or not ="):
        lesson('[[goals]]\nkind = "activation"\nis = "relu"\nnot = "tanh"')


def test_dead_units_are_counted_from_their_maps() -> None:
    playground = Playground(Settings(activation="relu", network_shape=(3,), seed="0.2"))
    assert dead_units(playground) == 0
    for unit in range(2):
        playground.apply(SetBias(1, unit, -1000.0))  # below anything its inputs can lift
    assert dead_units(playground) == 2
    goal = lesson('[[goals]]\nkind = "dead_units"\nat_least = 2').goals[0]
    assert goal.check(playground).met


def test_test_loss_at_counts_only_at_its_epoch() -> None:
    goal = lesson('[[goals]]\nkind = "test_loss_at"\nbelow = 5\nepoch = 3').goals[0]
    playground = Playground(Settings(seed="0.3"))
    playground.apply(Change({"learning_rate": 0.1}))
    playground.apply(Train(2))
    assert not goal.check(playground).met
    playground.apply(Train(1))
    assert goal.check(playground).met


def test_lessons_check_reports_each_attempt(tmp_path: Path, capsys) -> None:
    good = tmp_path / "90-good.toml"
    good.write_text(LESSON.format(goals=LOSS_GOAL), encoding="utf-8")
    bad = tmp_path / "91-bad.toml"
    bad.write_text(LESSON.format(goals=LOSS_GOAL).replace("learningRate=0.0003&",
                                                          "learningRate=0.3&"), encoding="utf-8")
    assert main(["lessons", "check", str(good), "--starts", "3"]) == 0
    out = capsys.readouterr().out
    assert "reference solution: 3 of 3 starts" in out and "1 of 1 lesson files proven" in out
    assert main(["lessons", "check", str(good), str(bad), "--starts", "3"]) == 1
    out = capsys.readouterr().out
    assert "FAIL 91-bad.toml" in out and "problem:" in out


QUESTION = """
[question]
ask = "What will the test loss do?"
choices = ["Fall", "Rise"]
answer = 1
why = "Training fits the data."
"""


def test_a_question_and_a_success_that_quotes_the_students_numbers() -> None:
    text = LESSON.replace('success = "Done."', 'success = "Done: your gap was {gap}."')
    read = lesson(text=text + QUESTION)
    assert read.question is not None and read.question.answer == 0
    assert read.question.choices == ("Fall", "Rise")
    playground = Playground(Settings(seed="0.3"))
    gap = playground.test_loss - playground.train_loss
    assert read.success_text(playground) == f"Done: your gap was {gap:.3f}."


@pytest.mark.parametrize(("change", "problem"), [
    (('success = "Done."', 'success = "Done {colour}"'), "not a number the app can quote"),
    (('success = "Done."', 'success = "Done {"'), "stray brace"),
    (("answer = 1", "answer = 3"), "impossible"),
    (('choices = ["Fall", "Rise"]', 'choices = ["Fall"]'), "2 to 5 texts"),
])
def test_bad_questions_and_placeholders_are_named(change, problem: str) -> None:
    with pytest.raises(LessonError, match=problem):
        lesson(text=(LESSON + QUESTION).replace(*change))


def test_stars_reward_fewer_epochs_and_fewer_units() -> None:
    read = lesson()  # the reference: 60 epochs, no hidden unit
    assert read.stars(epochs=30, hidden_units=0) == 3
    assert read.stars(epochs=90, hidden_units=0) == 2
    assert read.stars(epochs=90, hidden_units=4) == 1


def test_a_met_loss_goal_never_reads_as_its_threshold() -> None:
    from playground_game.model.lessons.goals import shown

    assert shown(0.0199, 0.02) == "0.0199"  # met: not "0.020"
    assert shown(0.0201, 0.02) == "0.0201"  # not met: not "0.020" either
    assert shown(0.0123, 0.02) == "0.012"
    assert shown(0.5, 0.5, 3, digits=2) == "0.50"  # exactly on an inclusive end


def test_a_weight_goal_bar_is_empty_at_zero_and_fills_towards_its_range() -> None:
    from playground_game.model.lessons.goals import Weight
    from playground_game.model.lessons.links import parse_link

    goal = Weight(link=parse_link("x -> output"), low=0.5, high=3)
    assert goal.fraction(0.0) == 0.0
    assert goal.fraction(-2.0) == 0.0
    assert goal.fraction(0.25) == pytest.approx(0.5)
    assert goal.fraction(1.0) == 1.0
    assert goal.fraction(6.0) == pytest.approx(0.5)
    negative = Weight(link=parse_link("x -> output"), low=-3, high=-0.5)
    assert negative.fraction(0.0) == 0.0 and negative.fraction(-0.25) == pytest.approx(0.5)
    around = Weight(link=parse_link("x -> output"), low=-1, high=1)
    assert around.fraction(2.0) == pytest.approx(0.5) and around.fraction(-4.0) == 0.25


def test_the_stopped_by_goal_names_the_condition_that_stopped_training() -> None:
    goal = lesson('[[goals]]\nkind = "stopped_by"\nby = "stopPlateau"').goals[0]
    by_epoch = lesson('[[goals]]\nkind = "stopped_by"\nby = "stopEpoch"').goals[0]
    playground = Playground(Settings(dataset="gauss", seed="0.3", stop_epoch=1))
    assert goal.check(playground).progress == "not stopped yet"
    playground.apply(Train(1))
    assert not goal.check(playground).met
    assert goal.check(playground).progress == 'stopped by "stop at epoch" instead'
    assert by_epoch.check(playground).met
    with pytest.raises(LessonError, match="is not a stop condition"):
        lesson('[[goals]]\nkind = "stopped_by"\nby = "stopSoon"')


def test_the_near_lowest_goal_measures_the_rise_since_the_best_test_loss() -> None:
    goal = lesson('[[goals]]\nkind = "test_loss_near_lowest"\nwithin = 0.01').goals[0]
    playground = Playground(Settings(dataset="gauss", seed="0.3"))
    assert not goal.check(playground).met  # nothing trained: not ticked before the student acts
    playground.apply(Train(1))
    assert goal.check(playground).met  # no rise yet (pair it with stopped_by)
    playground.test_losses[:] = [0.5, 0.2, 0.25]  # the recorded losses: lowest 0.2, now 0.25
    status = goal.check(playground)
    assert not status.met and status.progress == "0.050 above its lowest, 0.200"
    playground.test_losses[-1] = 0.205
    assert goal.check(playground).met
    with pytest.raises(LessonError, match="within: 0 is impossible"):
        lesson('[[goals]]\nkind = "test_loss_near_lowest"\nwithin = 0')


def test_the_accuracy_goal_reads_the_same_for_either_loss() -> None:
    goal = lesson('[[goals]]\nkind = "test_accuracy"\nat_least = 90').goals[0]
    for loss in ("square", "cross-entropy"):
        playground = Playground(Settings(dataset="gauss", seed="0.3", loss=loss))
        playground.apply(Train(30))
        assert goal.check(playground).met, loss
        assert goal.check(playground).progress.endswith("%")
    regression = Playground(Settings(problem="regression", seed="0.3"))
    assert not goal.check(regression).met
    with pytest.raises(LessonError, match="at_least: 101 is impossible"):
        lesson('[[goals]]\nkind = "test_accuracy"\nat_least = 101')
