"""What the app does when asked: the commands of the keymap, the buttons and the dialogs.

`AppCommands` is a base class of `App`: every user intent that is not a plain settings change
arrives here (play, step, reset, speed, help, levels, codes, dialogs, undo and redo), and every
change of the experiment goes through `dispatch`, which applies the action to the session and
turns a refusal into a notice. The scene, the overlays and lesson mode see these through the
`Commands` protocol (commands.py); the keymap names them (keymap.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from playground_game.model import metrics
from playground_game.model.bookmark import (
    ParsedCode,
    encode_code,
    parse_code,
    unknown_keys_notice,
    web_only,
)
from playground_game.model.experiment_file import (
    ExperimentFileError,
    restore_from_text,
    save_text,
)
from playground_game.model.playground import (
    Action,
    Change,
    Open,
    Outcome,
    Playground,
    Redo,
    Regenerate,
    Reset,
    Train,
    Undo,
)
from playground_game.model.settings import Effect, Settings, SettingsError
from playground_game.ui import clipboard, keymap, points_files
from playground_game.ui.controls import SPEEDS
from playground_game.ui.fixed_step import FixedStep
from playground_game.ui.lesson_mode import LessonMode
from playground_game.ui.overlays.customize import CustomizeDialog
from playground_game.ui.overlays.dialogs import (
    Dialog,
    LeaveLessonDialog,
    OpenDialog,
    ShareDialog,
)
from playground_game.ui.overlays.divergence import lower_learning_rate
from playground_game.ui.overlays.formula import FormulaDialog
from playground_game.ui.overlays.help import HelpOverlay
from playground_game.ui.overlays.lab import LAB_BUTTON, LAB_HIDDEN, LabDialog, shown_keys
from playground_game.ui.overlays.levels import LevelScreen
from playground_game.ui.overlays.notices import Notices
from playground_game.ui.overlays.open_save import (
    ExperimentFileDialog,
    default_save_path,
    experiments_folder,
)
from playground_game.ui.overlays.save_lesson import SaveLessonDialog
from playground_game.ui.recording_commands import RecordingCommands
from playground_game.ui.scene.scene import Scene
from playground_game.userdata import atomic_write_text

MAX_SPEED = 100
MAX_CODE_IN_TOAST = 160  # longer codes are confirmed without being spelled out


class AppCommands(RecordingCommands):
    """The app's commands; `App` provides the state they act on."""

    playground: Playground | None
    playing: bool
    speed: int
    fullscreen: bool
    dialog: Dialog | None
    fixed_step: FixedStep
    lesson_mode: LessonMode
    help: HelpOverlay
    levels: LevelScreen
    notices: Notices
    scene: Scene
    screen: pygame.Surface
    _dirty: bool
    _resume_after_edit: bool

    @property
    def settings(self) -> Settings:
        raise NotImplementedError

    def _require_playground(self) -> Playground:
        raise NotImplementedError

    def toggle_fullscreen(self) -> None:
        raise NotImplementedError

    def apply(self, action: Action) -> Outcome:
        """Apply an action to the session (raises SettingsError when the session refuses it,
        a lesson's locked controls included). Resets and new data pause training."""
        outcome = self._require_playground().apply(action)
        if outcome.effect in (Effect.RESTART, Effect.RESET, Effect.NEW_DATA):
            self.playing = False
            self._resume_after_edit = False
            self.fixed_step.reset()
        if outcome.notice:
            self.toast(outcome.notice)
        self._dirty = True
        return outcome

    def dispatch(self, action: Action) -> Outcome | None:
        """Apply an action; a refusal is shown (`refuse`) and gives None."""
        try:
            return self.apply(action)
        except SettingsError as exc:
            self.refuse(str(exc))
            return None

    def refuse(self, reason: str) -> None:
        """The one way a refusal is shown, whoever asked: a notice with the session's reason."""
        self.toast(reason)

    def check_unlocked(self, control: str) -> bool:
        """True when `control` may be used now; else its refusal is shown (`refuse`)."""
        if control == LAB_BUTTON and not shown_keys(self.settings):
            self.refuse(LAB_HIDDEN)  # nothing in the lab to change: say why, open nothing
            return False
        try:
            self._require_playground().require_unlocked(control)
        except SettingsError as exc:
            self.refuse(str(exc))
            return False
        return True

    @property
    def locked_controls(self) -> frozenset[str]:
        """Controls this experiment fixes (the panels dim them), and the Training lab button
        when every control in the lab is hidden (a lesson before the lab is taught)."""
        if self.playground is None:
            return frozenset()
        if not shown_keys(self.playground.settings):
            return self.playground.locks | {LAB_BUTTON}
        return self.playground.locks

    def open_levels(self) -> None:
        """The level screen: every lesson, and the free playground."""
        self.playing = False
        self.help_open = False
        self.scene.close_menus()
        self.lesson_mode.open_levels()
        self.levels.select(self.lesson_mode.next_to_take())
        self._dirty = True

    def pause(self) -> None:
        """Stop training (a lesson's success or its budget); not a refusal, never refused."""
        if self.playing:
            self.playing = False
            self.fixed_step.reset()
            self._dirty = True

    def toggle_play(self) -> None:
        if not self.check_unlocked("playButton"):
            return
        if not self.playing and (why := self.lesson_mode.why_not_play()):
            self.refuse(why)
            return
        if not self.playing and not self._has_training_points():
            return
        self.playing = not self.playing
        self._resume_after_edit = False
        self.fixed_step.reset()
        self._dirty = True

    def _has_training_points(self) -> bool:
        """Whether there is anything to train on; if not, says so (a blank canvas, or all
        painted points are test points)."""
        assert self.playground is not None
        if self.playground.train_inputs[0].shape[1]:
            return True
        self.refuse("There are no training points yet: paint some (D), drop a CSV file on the "
                    "window, or choose a dataset.")
        return False

    def step(self) -> None:
        """Pause, then train exactly one epoch (the original's Step)."""
        if not self.check_unlocked("stepButton"):
            return
        if not self._has_training_points():
            return
        if self.lesson_mode.over_budget:
            self.refuse("The lesson's epoch budget is spent: press Reset to try again.")
            return
        self.playing = False
        self.train(1)

    def train(self, epochs: int) -> None:
        """Train `epochs` epochs; in a lesson one at a time, within its budget, stopping at the
        epoch every goal holds (as `lessons check` proves it), or where a stop condition of
        the training lab starts to hold, as outside a lesson."""
        playground = self._require_playground()
        mode = self.lesson_mode
        if mode.lesson is None:
            self._train_until_stop(playground, epochs)
            return
        if mode.card_open:  # Play or Step on the result card: keep exploring
            mode.press("keep_exploring")
        held = self._stop_held(playground)
        for _ in range(mode.epochs_allowed(playground, epochs)):
            if self.dispatch(Train(1)) is None:
                return
            mode.update(playground)
            if mode.card_open or mode.over_budget or self._stopped(playground, held):
                return

    def _train_until_stop(self, playground: Playground, epochs: int) -> None:
        """Train, pausing with a notice the moment a stop condition of the training lab starts
        to hold (one that already held when training began does not stop it again)."""
        held = self._stop_held(playground)
        epochs = metrics.epochs_before_stop(playground, epochs)
        per_epoch = metrics.stops_per_epoch(playground)
        for chunk in ([1] * epochs if per_epoch else [epochs]):
            if self.dispatch(Train(chunk)) is None or self._stopped(playground, held):
                return

    @staticmethod
    def _stop_held(playground: Playground) -> str | None:
        """The stop condition that holds as training starts (it does not stop it again)."""
        reason = metrics.stop_reason(playground)
        return reason[0] if reason else None

    def _stopped(self, playground: Playground, held: str | None) -> bool:
        """Pause with a notice when a stop condition other than `held` holds now."""
        reason = metrics.stop_reason(playground)
        if reason is None or reason[0] == held:
            return False
        self.pause()
        self.toast(reason[1])
        return True

    def reset(self) -> None:
        self.dispatch(Reset())

    def fix_divergence(self) -> None:
        """The divergence card's one click: the next lower learning rate, then new weights."""
        rate = lower_learning_rate(self.settings.learning_rate)
        self.dispatch(Change({"learning_rate": rate}))
        self.dispatch(Reset())

    def regenerate(self) -> None:
        self.dispatch(Regenerate())

    def toggle_help(self) -> None:
        self.help_open = not self.help_open
        self.scene.close_menus()
        self._dirty = True

    def set_speed(self, speed: int) -> None:
        self.speed = max(1, min(MAX_SPEED, int(speed)))
        self._dirty = True

    def faster(self) -> None:
        self._change_speed(+1)

    def slower(self) -> None:
        self._change_speed(-1)

    def escape(self) -> None:
        """Esc when nothing above the scene took it: close a menu, else stop painting, else
        leave the layer view, else leave fullscreen."""
        if (not self.scene.close_menus() and not self.scene.paint.stop()
                and not self.scene.layer_view.leave() and self.fullscreen):
            self.toggle_fullscreen()

    def open_dropped(self, path: str) -> None:
        """A file dropped on the window: a CSV file's points become your data; an experiment
        file (.json) opens."""
        if Path(path).suffix.lower() in (".csv", ".txt", ".tsv"):
            points_files.load_points(self, path)
            return
        if Path(path).suffix.lower() == ".json":
            error = self.open_experiment(Path(path))
            if error:
                self.refuse(error)
            return
        self.refuse(f"{Path(path).name}: drop a CSV file of points (lines of x, y, label) or "
                    "an experiment file (.json).")

    def save_points_csv(self) -> None:
        """Save the data shown as a CSV file (the paint toolbar's Save CSV)."""
        points_files.save_points(self)

    def toggle_paint(self) -> None:
        """Paint mode on or off (D, or the Paint button on the map)."""
        self.scene.paint.toggle()

    def next_layer_view(self) -> None:
        """I: the map shows the next hidden layer's view of the data (then the output's)."""
        self.scene.layer_view.cycle(+1)

    def previous_layer_view(self) -> None:
        """Shift+I: the previous hidden layer's view."""
        self.scene.layer_view.cycle(-1)

    def number_key(self, number: int) -> None:
        """1 to 8: while painting, the class to paint; in a layer's view, that neuron as an
        axis (as a click on it does). The two never show together."""
        if self.scene.paint.active:
            self.scene.paint.choose_number(number)
        else:
            self.scene.layer_view.pick_number(number)

    def _change_speed(self, direction: int) -> None:
        faster = [s for s in SPEEDS if s > self.speed]
        slower = [s for s in SPEEDS if s < self.speed]
        if direction > 0 and faster:
            self.set_speed(faster[0])
        elif direction < 0 and slower:
            self.set_speed(slower[-1])
        self.toast(f"Training speed: {self.speed} epoch{'s' if self.speed > 1 else ''} per frame")

    # -- codes, dialogs, undo ------------------------------------------------------------

    def current_code(self) -> str:
        """This experiment's short code (keys that differ from the defaults, and the seed)."""
        return encode_code(self.settings, short=True)

    ONLY_HERE = ("It uses settings the web playground does not know, so it opens the same only "
                 "in this app (Ctrl+V or Open).")

    def share(self) -> None:
        """Copy the code to the clipboard; where there is none, show it and print it."""
        code = self.current_code()
        if clipboard.copy_text(code):
            shown = code if len(code) <= MAX_CODE_IN_TOAST else f"{len(code)} characters"
            where = ("Paste it anywhere; Ctrl+V opens it in a playground."
                     if web_only(self.settings) else self.ONLY_HERE)
            long = points_files.long_code_note(self, code)
            self.toast(f"Copied this experiment's code ({shown}). {where} {long}".strip())
            return
        clipboard.print_fallback(code)
        self.scene.close_menus()
        self.dialog = ShareDialog(self, code, only_here=not web_only(self.settings))
        self._dirty = True

    def open_code(self, text: str) -> str | None:
        """Open a pasted code; returns why it was refused (the experiment then is unchanged)."""
        try:
            parsed = parse_code(text)
        except SettingsError as exc:
            return str(exc)
        lesson = self.lesson_mode.lesson
        if lesson is not None:  # a code is another experiment: ask before ending the lesson
            self.scene.close_menus()
            self.dialog = LeaveLessonDialog(self, lesson.title,
                                            lambda: self._leave_lesson_for(parsed))
            self._dirty = True
            return None
        try:
            self.apply(Open(parsed.settings, undoable=True))  # Undo brings back this experiment
        except SettingsError as exc:
            return str(exc)
        self._opened(parsed)
        return None

    def _leave_lesson_for(self, parsed: ParsedCode) -> None:
        """End the lesson and open the pasted code as a new experiment without locks."""
        self.lesson_mode.leave()
        self.apply(Open(parsed.settings, locks=frozenset()))
        self.relayout()
        self._opened(parsed, undoable=False)

    def _opened(self, parsed: ParsedCode, undoable: bool = True) -> None:
        notice = unknown_keys_notice(parsed.unknown_keys)
        self.toast("Opened the experiment from the code"
                   + (" (Ctrl+Z brings back the one before)." if undoable else ".")
                   + (f" {notice}." if notice else ""))

    def paste_code(self) -> None:
        """Ctrl+V: open the clipboard's code; a refused one opens in the Open dialog to fix."""
        text = clipboard.paste_text()
        if text is None:
            self.open_code_dialog(error="The clipboard holds no text here: paste or type a "
                                        "code below.")
            return
        error = self.open_code(text)
        if error:
            self.open_code_dialog(text, error)

    def open_code_dialog(self, text: str = "", error: str = "") -> None:
        self.scene.close_menus()
        self.help_open = False
        self.dialog = OpenDialog(self, text, error)
        self._dirty = True

    def open_customize(self) -> None:
        if not self.check_unlocked("customize"):  # a lesson fixes what it hides
            return
        self.scene.close_menus()
        self.help_open = False
        self.dialog = CustomizeDialog(self)
        self._dirty = True

    def save_lesson_dialog(self) -> None:
        """Customize's "Save as lesson": the form for turning this experiment into a lesson."""
        self.scene.close_menus()
        self.dialog = SaveLessonDialog(self)
        self._dirty = True

    def lesson_saved(self, title: str, path: Path) -> None:
        """A saved lesson joins the course at once, under "My lessons"."""
        self.lesson_mode.reload()
        self.toast(f"Saved the lesson \"{title}\" as {path}. It is on the level screen (L) "
                   "under My lessons.")


    def open_lab(self) -> None:
        """The Training lab dialog: optimizer, schedule, initializer, loss, stop conditions;
        refused, saying why, when a lesson hides every control in it."""
        if not self.check_unlocked(LAB_BUTTON):
            return
        self.scene.close_menus()
        self.help_open = False
        self.dialog = LabDialog(self)
        self._dirty = True

    # -- the formula and experiment files (model/formula.py, model/experiment_file.py) ------

    def _show_dialog(self, dialog: Dialog) -> None:
        self.scene.close_menus()
        self.help_open = False
        self.dialog = dialog  # training waits while it is open, and plays on after (unless the
        self._dirty = True  # dialog reset the network): App._pause_while_editing

    def open_formula(self) -> None:
        """The formula panel: the output as a formula of the inputs, and Copy as Python."""
        self._show_dialog(FormulaDialog(self, self._require_playground()))

    def save_experiment_dialog(self) -> None:
        """Ctrl+S: a path (prefilled in the experiments folder), then Save."""
        path = default_save_path(self._require_playground().epoch)
        self._show_dialog(ExperimentFileDialog(self, True, str(path), self.save_experiment))

    def open_experiment_dialog(self) -> None:
        """Ctrl+O: a path (the experiments folder to start from), then Open."""
        folder = os.path.join(experiments_folder(), "")  # ends in the separator: type a name
        self._show_dialog(ExperimentFileDialog(self, False, folder, self.open_experiment))

    def save_experiment(self, path: Path) -> str | None:
        """Write this experiment to `path`; why it failed, or None (then a notice says where)."""
        playground = self._require_playground()
        try:
            text = save_text(playground)
            atomic_write_text(path, text)
        except ExperimentFileError as exc:
            return str(exc)
        except OSError as exc:
            return f"Not saved: {exc.strerror or exc} ({path})"
        self.toast(f"Saved this experiment at epoch {playground.epoch} as {path}.")
        return None

    def open_experiment(self, path: Path) -> str | None:
        """Open an experiment file; why it was refused, or None. The experiment on screen is
        unchanged on a refusal, and Ctrl+Z goes back to it after an open."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            return f"Cannot read {path}: {reason}"
        try:
            restore = restore_from_text(text)
            self.apply(restore)
        except SettingsError as exc:  # ExperimentFileError too
            return f"Not opened: {exc}"
        self.relayout()
        self.toast(f"Opened {path.name}: epoch {restore.epoch}. Ctrl+Z goes back.")
        return None
    def undo(self) -> None:
        self.dispatch(Undo())

    def redo(self) -> None:
        self.dispatch(Redo())

    def clear_notices(self) -> None:
        """A new experiment starts with no notice about the last one."""
        self.notices.clear()
        self._dirty = True

    def toast(self, text: str) -> None:
        """A short message at the bottom of the window (refused actions, notices)."""
        self.notices.add(text)
        self._dirty = True

    def run_shortcut(self, shortcut: keymap.Shortcut,
                     event: pygame.event.Event | None = None) -> None:
        """Run the command of a row of the keymap (`event`: the key, for a numbered row)."""
        command = getattr(self, shortcut.command)
        if shortcut.numbered and event is not None:
            command(keymap.number_of(shortcut, event))
        elif not shortcut.numbered:
            command()
