"""Lessons in the window: the course, the progress and the lesson being taken.

`LessonMode` is what the app holds. It loads the course (`model.lessons`) and the student's progress
(`model.progress`) once, opens a lesson through a `Playground` action (the session then refuses
what the lesson locks), checks the goals whenever the model changes (`update`, from the app's
update step, never from drawing), keeps training within the lesson's budget, and on success
pauses, keeps the ticks, records the result with its stars and opens the result card. What the
student sees of it is drawn by `overlays/levels.py` (the level screen) and
`scene/lesson_panel.py` (the lesson panel).

A lesson with a goal over many starts also trains the student's setting from fresh starts in the
background (`model.lessons.trials`): `frame` runs a slice of that work once a frame, a few
milliseconds, so the window never freezes, and the panel shows the count as it comes in.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from playground_game.model.lessons import (
    Course,
    GoalStatus,
    Lesson,
    load_course,
)
from playground_game.model.lessons.authoring import USER_LESSONS
from playground_game.model.lessons.trials import StartTrials
from playground_game.model.playground import Open, Playground
from playground_game.model.progress import Progress
from playground_game.model.settings import Settings
from playground_game.ui.commands import Commands
from playground_game.userdata import data_path

FREE = "free"
# Every lesson fixes what it hides: a student cannot bring a control back with Customize.
LESSON_ALWAYS_LOCKS = frozenset({"customize", "hideText"})
# The background trials' share of a frame: well under the 50 ms the app trains at most a frame.
TRIAL_SLICE_SECONDS = 0.008


@dataclass(frozen=True)
class PassedRun:
    """The run that passed: the epoch of the pass and its test losses before it. The run on
    screen continues it when it is at or past that epoch with the same losses before it (a
    weight typed at the pass's epoch re-measures only that epoch); any other run (Reset, an
    undo to before the pass, a change that restarts training) is a new attempt, with the
    budget and the goals armed again."""

    epoch: int
    test_losses: tuple[float, ...]

    @classmethod
    def of(cls, playground: Playground) -> PassedRun:
        return cls(playground.epoch, tuple(playground.test_losses[:playground.epoch]))

    def continued_by(self, playground: Playground) -> bool:
        losses = playground.test_losses
        return (playground.epoch >= self.epoch and len(losses) >= len(self.test_losses)
                and tuple(losses[:len(self.test_losses)]) == self.test_losses)


@dataclass(frozen=True)
class LessonResult:
    """How the student passed: when, with how many hidden neurons, the stars, and the success
    text with their own numbers in it."""

    epochs: int
    units: int
    stars: int
    text: str


class LessonMode:
    """The course, the progress, whether the level screen is open, and the lesson being taken."""

    def __init__(self, host: Commands) -> None:
        self.host = host
        self.course: Course | None = None
        self.progress: Progress | None = None
        self.levels_open = False
        self.lesson: Lesson | None = None
        self.page = 0
        self.hints_shown = 0
        self.completed = False  # the run on screen passed the lesson: exploring past it
        self.passed_run: PassedRun | None = None  # the run that passed, while it may continue
        self.result: LessonResult | None = None
        self.card_open = False  # the result card shows (until Keep exploring)
        self.asking = False  # the lesson's question waits for an answer
        self.answer: int | None = None
        self.statuses: tuple[GoalStatus, ...] = ()
        self.trials: StartTrials | None = None  # the setting on screen, from fresh starts
        self._checked_revision = -1
        self._checked_steps = -1

    # -- loading -------------------------------------------------------------------------

    def ensure_loaded(self) -> Course:
        """Read the lesson files and the progress once; tell the student about any problem."""
        if self.course is None:
            self.course = load_course(extra=data_path(USER_LESSONS))
            for problem in self.course.problems:
                print(f"playground-game: lesson skipped: {problem}", file=sys.stderr)
        if self.progress is None:
            self.progress = Progress.load()
            if self.progress.notice:
                print(f"playground-game: {self.progress.notice}", file=sys.stderr)
                self.host.toast(self.progress.notice)
        return self.course

    def reload(self) -> None:
        """Read the lesson files again (a teacher saved a new one)."""
        self.course = None
        self.ensure_loaded()

    @staticmethod
    def is_first_start() -> bool:
        """True when no progress was ever saved: the level screen greets a new student."""
        return not Progress.load().existed

    # -- choosing ------------------------------------------------------------------------

    def open_levels(self) -> None:
        self.ensure_loaded()
        self.levels_open = True

    def close_levels(self) -> None:
        self.levels_open = False
        self._remember_start()

    def choose(self, key: str) -> None:
        """Pick an entry of the level screen: a lesson id, or FREE for the free playground."""
        course = self.ensure_loaded()
        if key == FREE:
            if self.lesson is not None:
                self.lesson = None
                self.host.dispatch(Open(Settings(), locks=frozenset()))
            self.close_levels()
            self.host.relayout()
            return
        lesson = course.find(key)
        if lesson is None:
            self.host.toast(f"There is no lesson {key!r}.")
            return
        self.start_lesson(lesson)
        self.close_levels()

    def start_lesson(self, lesson: Lesson) -> None:
        """Open a lesson's starting experiment: its question first if it has one, then its
        pages. The lesson fixes its locked controls, and what it hides stays hidden."""
        self.host.clear_notices()  # the last lesson's messages are not about this one
        self.host.set_speed(1)  # each lesson starts at one epoch a frame, to be watched
        self.host.dispatch(Open(lesson.start, locks=lesson.locked | LESSON_ALWAYS_LOCKS))
        self.lesson = lesson
        self.page = 0
        self.hints_shown = 0
        self.completed = False
        self.passed_run = None
        self.result = None
        self.card_open = False
        self.answer: int | None = None  # the choice picked for the lesson's question
        self.asking = lesson.question is not None
        self.statuses = ()
        self.trials = None
        self._checked_revision = -1
        self._checked_steps = -1
        self.host.relayout()

    def _remember_start(self) -> None:
        """Save the progress file once, so later starts open the playground directly."""
        progress = self.progress
        if progress is not None and not progress.existed:
            message = progress.save()
            if message:
                self.host.toast(message)

    def leave(self) -> None:
        """End the lesson being taken (its saved progress stays)."""
        self.lesson = None
        self.completed = self.card_open = self.asking = False
        self.passed_run = None
        self.statuses = ()
        self.trials = None

    def next_to_take(self) -> str:
        """The lesson the level screen offers first: the one being taken, else the first not
        yet done, else the free playground."""
        if self.lesson is not None:
            return self.lesson.id
        course = self.ensure_loaded()
        progress = self.progress
        return next((x.id for x in course.lessons
                     if progress is None or not progress.is_complete(x.id)), FREE)

    def next_lesson(self) -> Lesson | None:
        if self.lesson is None or self.course is None:
            return None
        lessons = self.course.lessons
        index = next((k for k, x in enumerate(lessons) if x.id == self.lesson.id), -1)
        return lessons[index + 1] if 0 <= index < len(lessons) - 1 else None

    # -- rules ---------------------------------------------------------------------------

    def epochs_allowed(self, playground: Playground, wanted: int) -> int:
        """How many of `wanted` epochs may train now: none past the lesson's budget (the app
        pauses there), none while the question waits or the result card shows."""
        lesson = self.lesson
        if lesson is None:
            return wanted
        if self.asking or self.card_open:
            return 0
        if lesson.budget is None or self.completed:  # after success: explore freely
            return wanted
        return max(0, min(wanted, lesson.budget - playground.epoch))

    def why_not_play(self) -> str:
        """Why Play must wait in this lesson ("" when it need not): the budget is spent, or
        the question waits for an answer."""
        if self.over_budget:
            return "The lesson's epoch budget is spent: press Reset to try again."
        if self.asking:
            return "First answer the lesson's question, then press Now try it."
        return ""

    @property
    def over_budget(self) -> bool:
        """The budget is spent and the goals are not met: Reset starts again."""
        playground = self.host.playground
        lesson = self.lesson
        return (lesson is not None and lesson.budget is not None and playground is not None
                and not self.completed and playground.epoch >= lesson.budget)

    @property
    def ever_passed(self) -> bool:
        """The lesson was passed in this run or before (its progress says so): the panel keeps
        offering the next lesson while the student takes it again."""
        lesson, progress = self.lesson, self.progress
        return self.completed or (lesson is not None and progress is not None
                                  and progress.is_complete(lesson.id))

    @property
    def busy(self) -> bool:
        """Trials over starts still have work: the app keeps stepping frames for them."""
        return self.lesson is not None and self.trials is not None and not self.trials.done

    def frame(self, playground: Playground) -> bool:
        """Once a frame: a slice of the background trials, then the goals (`update`); True when
        the trials moved on, so the panel must be drawn again."""
        self._follow_setting(playground)
        moved = self.trials is not None and self.trials.advance(TRIAL_SLICE_SECONDS)
        self.update(playground)
        return moved

    def _follow_setting(self, playground: Playground) -> None:
        """Trials for the setting on screen: a changed setting starts them again; none outside
        a lesson with a goal over starts, and none before the student trained or changed
        anything (an untouched start would show its failures before they did a thing)."""
        lesson = self.lesson
        if lesson is None or lesson.over_starts is None:
            self.trials = None
            return
        if self.trials is None and playground.settings == lesson.start and playground.epoch == 0:
            return  # nothing done yet: the start's marks wait, not yet run, for the student
        if self.trials is None or self.trials.settings != playground.settings:
            self.trials = lesson.trials(playground.settings)

    def update(self, playground: Playground) -> None:
        """Check the goals when the model changed (or the trials moved on); the moment all hold
        within the budget, pause, keep the ticks, record the result with its stars and show the
        result card. While the card shows its ticks stay as they were; after Keep exploring they
        are live, and the passing run trains on past the budget. A run that does not continue
        the pass (Reset, an undo to before it) is a new attempt: budget and goals count again."""
        if self.lesson is None:
            return
        self._follow_setting(playground)
        steps = self.trials.steps if self.trials is not None else -1
        changed = playground.revision != self._checked_revision
        if not changed and steps == self._checked_steps:
            return
        if self.card_open and changed:  # the card holds training: a change is the student's
            self.card_open = False
        self._checked_revision = playground.revision
        self._checked_steps = steps
        self.statuses = self.lesson.check(playground, self.trials)
        if self.passed_run is not None and not self.passed_run.continued_by(playground):
            self.passed_run = None  # Reset or undo left the passing run: a new attempt
        self.completed = self.passed_run is not None
        if self.completed:
            return
        self.card_open = False  # a new attempt: the card of the last pass is not about it
        if self.over_budget:
            self.host.pause()  # the budget is a limit: training stops there
        if not self.lesson.met(playground, self.trials):
            return
        self.completed = True
        self.passed_run = PassedRun.of(playground)
        self.card_open = True
        self.host.pause()
        units = sum(playground.settings.network_shape)
        self.result = LessonResult(playground.epoch, units,
                                   self.lesson.stars(playground.epoch, units),
                                   self.lesson.success_text(playground))
        progress = self.progress
        if progress is not None:
            progress.record(self.lesson.id, playground.test_loss, playground.epoch,
                            self.result.stars)
            message = progress.save()
            if message:
                self.host.toast(message)

    def press(self, name: str) -> None:
        """A lesson panel button: back, next, hint, levels, next_lesson, keep_exploring,
        answer:K (a choice of the question), continue (from the question to the pages)."""
        lesson = self.lesson
        if lesson is None:
            return
        if name == "back":
            self.page = max(0, self.page - 1)
        elif name == "next":
            self.page = min(len(lesson.pages) - 1, self.page + 1)
        elif name == "hint":
            self.hints_shown = min(len(lesson.hints), self.hints_shown + 1)
        elif name == "levels":
            self.open_levels()
        elif name.startswith("answer:") and lesson.question is not None:
            self.answer = int(name.split(":", 1)[1])
        elif name == "continue":
            self.asking = False
        elif name == "keep_exploring":
            self.card_open = False
        elif name == "next_lesson":
            following = self.next_lesson()
            if following is not None:
                self.start_lesson(following)
            else:
                self.open_levels()
