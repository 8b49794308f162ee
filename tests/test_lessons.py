"""Lessons: every shipped lesson loads, can be solved, and does not start solved; broken files are
reported with their file, key and problem while the rest still load; progress survives damage."""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import pytest

from playground_game.model.lessons import (
    LOCKABLE,
    Lesson,
    LessonError,
    apply_solution_weights,
    load_course,
    parse_lesson,
    parse_link,
)
from playground_game.model.playground import (
    AddLayer,
    Change,
    Open,
    Playground,
    Reset,
    SetWeight,
    ToggleFeature,
    Train,
)
from playground_game.model.progress import Progress
from playground_game.resources import resource_dir
from playground_game.userdata import OVERRIDE_VARIABLE, atomic_write_text, user_data_dir

COURSE = load_course()
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons}
CHAPTERS = ("First steps", "Features", "Hidden layers", "Training", "Generalisation",
            "Regularization", "Regression", "Challenges", "Training lab", "Your own data")


def _train_until_met(lesson: Lesson, pg: Playground, budget: int) -> int | None:
    """Train one epoch at a time (goals are checked live) until every goal holds; the epoch.
    A goal over starts reads the setting's trials, run to the end first."""
    trials = lesson.trials(pg.settings)
    if trials is not None:
        trials.finish()
    while True:
        if lesson.met(pg, trials):
            return pg.epoch
        if pg.epoch >= budget:
            return None
        pg.apply(Train(1))


def test_the_course_has_at_least_thirty_lessons_and_no_broken_file() -> None:
    assert COURSE.problems == ()
    assert len(COURSE.lessons) >= 30
    assert [x.number for x in COURSE.lessons] == list(range(1, len(COURSE.lessons) + 1))
    names = [x.path.name for x in COURSE.lessons]
    assert names == sorted(names)


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_each_lesson_teaches_one_idea_in_a_few_short_sentences(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id]
    first = lesson.pages[0]
    sentences = [s for s in first.replace("!", ".").replace("?", ".").split(".") if s.strip()]
    assert 2 <= len(sentences) <= 5, first
    assert all(len(page) < 400 for page in lesson.pages)
    assert lesson.goals and lesson.success and lesson.summary


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_start_is_not_solved_and_the_reference_solution_meets_the_goal(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id]
    start = Playground(lesson.start)
    assert not lesson.met(start), [s.progress for s in lesson.check(start)]

    solved = Playground(lesson.solution.settings)
    apply_solution_weights(solved, lesson.solution)
    met_at = _train_until_met(lesson, solved, lesson.solution.epochs)
    assert met_at is not None, [s.progress for s in lesson.check(solved)]
    assert met_at <= lesson.solution.epochs


def test_the_course_runs_in_chapters_in_order_and_every_lesson_has_a_budget() -> None:
    chapters = [lesson.chapter for lesson in COURSE.lessons]
    assert set(chapters) == set(CHAPTERS)
    seen = [c for i, c in enumerate(chapters) if i == 0 or chapters[i - 1] != c]
    assert seen == list(CHAPTERS)  # each chapter is one run of lessons, in course order
    assert all(lesson.budget is not None for lesson in COURSE.lessons)
    assert not any(goal.kind == "within_epochs" for lesson in COURSE.lessons
                   for goal in lesson.goals)  # a limit belongs in the budget
    assert sum(lesson.question is not None for lesson in COURSE.lessons) >= 6
    assert sum("{gap}" in lesson.success for lesson in COURSE.lessons) >= 3


def test_the_ideas_of_the_course_are_all_there() -> None:
    for lesson_id in ("one-neuron", "weights-by-hand", "feature-crosses", "xor", "hidden-layer",
                      "smallest-network", "activations", "vanishing-gradients",
                      "learning-rate-high", "learning-rate-low", "batch-size", "run-to-run",
                      "symmetry", "dying-relu", "test-data", "noisy-data", "overfitting",
                      "too-many-crosses", "l2", "l1", "regression-plane",
                      "regression", "spiral", "optimizers", "dropout", "cross-entropy",
                      "early-stopping"):
        assert lesson_id in LESSONS, lesson_id


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_training_the_start_unchanged_does_not_solve_the_lesson(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id]
    pg = Playground(lesson.start)
    assert _train_until_met(lesson, pg, lesson.unchanged_start.epochs) is None


def test_the_reference_runs_are_deterministic() -> None:
    lesson = LESSONS["symmetry"]
    runs = []
    for _ in range(2):
        pg = Playground(lesson.solution.settings)
        apply_solution_weights(pg, lesson.solution)
        runs.append(_train_until_met(lesson, pg, lesson.solution.epochs))
    assert runs[0] == runs[1] is not None


# -- goals and locks --------------------------------------------------------------------------


def test_goals_report_live_progress_in_words() -> None:
    lesson = LESSONS["weights-by-hand"]
    pg = Playground(lesson.start)
    statuses = lesson.check(pg)
    assert [s.met for s in statuses] == [False, False, False]
    assert statuses[0].text.startswith("Weight X\u2081 to output: ")
    assert statuses[0].progress == "now 0.00" and statuses[0].fraction == 0.0
    pg.apply(SetWeight(1, 0, 0, 1.0))
    assert lesson.check(pg)[0].met and lesson.check(pg)[0].progress == "now 1.00"
    pg.apply(SetWeight(1, 0, 1, 1.0))
    assert lesson.met(pg)


def test_a_lesson_is_not_met_past_its_budget() -> None:
    lesson = LESSONS["learning-rate-high"]
    pg = Playground(lesson.solution.settings)
    pg.apply(Train(lesson.budget + 1))
    assert all(s.met for s in lesson.check(pg))  # the goals hold...
    assert not lesson.met(pg)  # ...but too late: Reset starts again


def test_a_hand_set_lesson_has_no_epochs_to_train() -> None:
    lesson = LESSONS["weights-by-hand"]
    assert lesson.budget == 0
    pg = Playground(lesson.start)
    pg.apply(SetWeight(1, 0, 0, 5.0))
    pg.apply(SetWeight(1, 0, 1, 5.0))
    assert lesson.met(pg)  # big weights are fine: a sharper border, no hidden limit


def test_locked_controls_block_the_actions_that_would_change_them() -> None:
    lesson = LESSONS["feature-crosses"]
    s = lesson.start
    assert lesson.blocked_control(AddLayer(), s) == "numHiddenLayers"
    assert lesson.blocked_control(Change({"dataset": "xor"}), s) == "dataset"
    assert lesson.blocked_control(Change({"noise": 10}), s) == "noise"
    assert lesson.blocked_control(ToggleFeature("xSquared"), s) is None
    assert lesson.blocked_control(Change({"activation": "relu"}), s) is None
    assert lesson.blocked_control(Reset(), s) is None
    assert lesson.blocked_control(Train(5), s) is None
    assert lesson.blocked_control(Open(s.with_changes(perc_train_data=70)), s) == "percTrainData"


def test_links_are_named_by_their_ends() -> None:
    assert parse_link("x -> output").layer == 1
    assert parse_link("h1.2 -> h2.1").layer == 2
    for bad in ("x", "x -> y", "h1.1 -> h3.1", "q -> output", "x -> h1.9"):
        with pytest.raises(ValueError):
            parse_link(bad)


# -- broken lesson files ----------------------------------------------------------------------

GOOD = (resource_dir("lessons") / "03-feature-crosses.toml").read_text(encoding="utf-8")
BROKEN: dict[str, tuple[str, str, str]] = {
    # file name: (text, the key named, words of the problem)
    "bad-toml.toml": (GOOD.replace('title = "Feature crosses"', 'title = "Feature crosses'),
                      "", "not valid TOML"),
    "missing-field.toml": (GOOD.replace('title = "Feature crosses"\n', ""), "title", "missing"),
    "unknown-control.toml": (GOOD.replace('locked = ["dataset"', 'locked = ["datset"'),
                             "locked", "unknown control name 'datset'"),
    "bad-code.toml": (GOOD.replace('start = "dataset=circle', 'start = "dataset=circel'),
                      "start", "bad code"),
    "impossible-goal.toml": (GOOD.replace("below = 0.02", "below = 0"), "goals[1].below",
                             "impossible"),
    "contradiction.toml": (GOOD.replace('kind = "max_layers"\ncount = 0',
                                        'kind = "weight"\nlink = "h1.1 -> output"\n'
                                        'min = 2\nmax = 1'),
                           "goals[2].min", "no weight can be both"),
    "locked-solution.toml": (GOOD.replace("networkShape=&xSquared", "networkShape=2&xSquared"),
                             "solution.code", "which the lesson locks"),
    "list-kind.toml": (GOOD.replace('kind = "test_loss"', 'kind = ["test_loss"]'),
                       "goals[1].kind", "is not a goal kind"),
}


def test_every_kind_of_broken_file_is_listed_and_the_good_ones_still_load(tmp_path: Path) -> None:
    for name in ("*.toml", "*.csv"):  # lessons, and the points files beside them
        for lesson in resource_dir("lessons").glob(name):
            shutil.copy(lesson, tmp_path / lesson.name)
    for name, (text, _key, _problem) in BROKEN.items():
        (tmp_path / f"99-{name}").write_text(text, encoding="utf-8")
    course = load_course(tmp_path)
    assert len(course.lessons) == len(COURSE.lessons)
    found = {p.file: p for p in course.problems}
    assert set(found) == {f"99-{name}" for name in BROKEN}
    for name, (_text, key, problem) in BROKEN.items():
        error = found[f"99-{name}"]
        assert error.key == key, str(error)
        assert problem in error.problem, str(error)
        assert str(error).startswith(f"99-{name}: ")


def test_an_unreadable_lesson_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "01-binary.toml").write_bytes(b"\xff\xfe\x00title")
    course = load_course(tmp_path)
    assert course.lessons == () and course.problems[0].file == "01-binary.toml"


def test_every_lockable_name_has_a_label_for_its_message() -> None:
    text = GOOD.replace('locked = ["dataset"', 'locked = ["weights", "numNeurons", "dataset"')
    lesson = parse_lesson(text, Path("07-x.toml"))
    assert lesson.id == "x"
    assert {"weights", "numNeurons"} <= lesson.locked <= set(LOCKABLE)


def test_a_missing_lessons_folder_gives_an_empty_course(tmp_path: Path) -> None:
    course = load_course(tmp_path / "nowhere")
    assert course.lessons == () and course.problems == ()


def test_lesson_errors_name_file_key_and_problem() -> None:
    error = LessonError("03-x.toml", "goals[2].kind", "'speed' is not a goal kind")
    assert str(error) == "03-x.toml: goals[2].kind: 'speed' is not a goal kind"


# -- user data and progress -------------------------------------------------------------------


def test_user_data_dir_follows_the_override_and_the_platform(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(OVERRIDE_VARIABLE, str(tmp_path / "mine"))
    assert user_data_dir() == tmp_path / "mine"
    monkeypatch.delenv(OVERRIDE_VARIABLE)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == tmp_path / "xdg" / "playground-game"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert user_data_dir() == Path.home() / ".local" / "share" / "playground-game"
    # Windows (%APPDATA%) and macOS (Application Support) come from platformdirs, which picks
    # its rules when imported: they cannot be faked here by patching sys.platform.


def test_the_tests_never_touch_the_real_data_folder() -> None:
    folder = Path(os.environ[OVERRIDE_VARIABLE])
    assert folder != Path.home() / ".local" / "share" / "playground-game"
    assert user_data_dir() == folder


def test_atomic_write_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_progress_round_trips_and_keeps_the_best_result(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    progress = Progress.load(path)
    assert not progress.existed and progress.completed == {}
    progress.record("xor", 0.019, 40)
    progress.record("xor", 0.030, 12)
    assert progress.save() is None
    again = Progress.load(path)
    assert again.existed and again.is_complete("xor") and not again.is_complete("l1")
    assert again.completed["xor"].test_loss == pytest.approx(0.019)
    assert again.completed["xor"].epochs == 12
    assert json.loads(path.read_text())["version"] == 1


@pytest.mark.parametrize("damage", ["{not json", '{"completed": 3}', "[1, 2]",
                                    '{"version": 1, "completed": {"xor": {"epochs": -1}}}',
                                    '{"version": 99, "completed": {}}'])
def test_a_corrupt_progress_file_is_set_aside_with_a_notice(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "progress.json"
    path.write_text(damage, encoding="utf-8")
    progress = Progress.load(path)
    assert progress.completed == {}
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("progress.corrupt-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damage  # never lost
    assert kept[0].name in progress.notice
    assert not path.exists()
    progress.record("xor", 0.01, 10)
    assert progress.save() is None and Progress.load(path).is_complete("xor")


def test_progress_that_cannot_be_moved_aside_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "progress.json"
    path.write_text("garbage", encoding="utf-8")

    def refuse(self: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    progress = Progress.load(path)
    assert "left untouched" in progress.notice
    progress.record("xor", 0.01, 10)
    assert progress.save() is None
    assert path.read_text(encoding="utf-8") == "garbage"


def test_a_result_without_a_finite_loss_is_still_a_completion(tmp_path: Path) -> None:
    progress = Progress.load(tmp_path / "p.json")
    progress.record("l1", math.nan, 5)
    progress.save()
    assert Progress.load(tmp_path / "p.json").completed["l1"].test_loss == math.inf


def test_the_training_lab_is_hidden_and_locked_until_its_chapter() -> None:
    """No lesson before the Training lab chapter lets Adam, dropout or a stop condition stand in
    for the idea it teaches: their controls are hidden and locked until they are taught."""
    from playground_game.model.knobs import KNOBS

    lab = {knob.lock_name for knob in KNOBS if knob.place == "lab"}
    assert lab >= {"optimizer", "dropout", "loss", "stopConditions"}
    for lesson in COURSE.lessons:
        if lesson.chapter != "Training lab":
            assert lab <= lesson.locked and lab <= lesson.start.hidden, lesson.id
