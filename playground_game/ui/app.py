"""The playground window and its loop: loading screen, fixed-timestep frames, screenshots.

Input and drawing go through one ordered list of layers (`ui/layers.py`, `ui/input.py`); what
the app does on a command is `ui/app_commands.py`. Every keyboard shortcut is one row of
`ui/keymap.py`'s `KEYMAP` (the help overlay, H or F1, and README.md list that same table).

The loop renders at the display's rate and trains at the chosen epochs per frame with an
accumulator at a fixed 60 steps a second (`ui/fixed_step.py`), capped so a slow frame never
snowballs. Paused and idle it sleeps in `pygame.event.wait` and redraws nothing; heatmaps are
recomputed only when the model's revision changed. Tests and the benchmark drive the same loop
with `App.step_frame`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pygame

from playground_game import crashlog
from playground_game.model.bookmark import encode_code
from playground_game.model.playground import MAX_EPOCHS_PER_ACTION, Playground, Restore, Train
from playground_game.model.settings import Settings
from playground_game.model.warmup import warm_kernels
from playground_game.ui import keymap
from playground_game.ui import theme as th
from playground_game.ui.app_commands import MAX_SPEED
from playground_game.ui.fixed_step import FixedStep
from playground_game.ui.frame_times import FrameTimes
from playground_game.ui.layers import WindowLayers
from playground_game.ui.layout import Layout, compute_layout
from playground_game.ui.lesson_mode import LessonMode
from playground_game.ui.overlays.dialogs import Dialog
from playground_game.ui.overlays.divergence import DivergenceCard, blow_up
from playground_game.ui.overlays.error_card import ErrorOverlay
from playground_game.ui.overlays.help import HelpOverlay
from playground_game.ui.overlays.levels import LevelScreen
from playground_game.ui.overlays.loading import draw_loading
from playground_game.ui.overlays.notices import Notices, Toast
from playground_game.ui.race.commands import RaceCommands
from playground_game.ui.scene.lesson_panel import LessonPanel
from playground_game.ui.scene.network.view import NetworkView
from playground_game.ui.scene.scene import Scene
from playground_game.ui.theme import Theme
from playground_game.ui.window import (
    DEFAULT_SIZE,
    TITLE,
    WindowView,
    default_size,
    display_origin,
    fill_around,
    init_display,
    move_window,
    window_position,
)
from playground_game.ui.window_recorder import WindowRecorder

FPS = 60
IDLE_WAIT_MS = 1000


class App(RaceCommands):
    """One window showing one Playground. Create, then `run_loop()` or `step_frame()`."""

    def __init__(self, settings: Settings, *, size: tuple[int, int] | None = None, speed: int = 1,
                 fullscreen: bool = False, display: int = 0, lesson: str | None = None,
                 show_levels: bool = False, notice: str = "") -> None:
        self.initial_settings = settings
        self.dialog: Dialog | None = None  # Open, Share or Customize, drawn above the scene
        self._start_notice = notice  # e.g. unknown keys in --code, shown once the window is up
        self.lesson_mode = LessonMode(self)  # the course, the progress, the lesson taken
        self.levels = LevelScreen(self.lesson_mode)
        self.lesson_panel = LessonPanel(self.lesson_mode)
        self.help = HelpOverlay(lambda command: getattr(self, command)())
        self.notices = Notices(lambda: self.presenting, lambda: self.layout.notice_areas)
        self.divergence = DivergenceCard(self.fix_divergence, lambda: self.layout.network_view,
                                         lambda: self.settings.learning_rate)
        self._opening = (lesson, show_levels)  # a lesson to open, or the level screen, once loaded
        self.speed = max(1, min(MAX_SPEED, int(speed)))
        self.playing = False
        self.running = True
        self.fullscreen = False
        self.presenting = False
        self._windowed_pos: tuple[int, int] | None = None
        self.playground: Playground | None = None
        self.network_view: NetworkView | None = None
        self.times = FrameTimes()
        self.frames = 0
        self.draws = 0
        self.fixed_step = FixedStep()  # training at a fixed rate, capped when behind
        self._resume_after_edit = False  # a weight box paused training; play on when it closes
        self._last_time = time.perf_counter()
        self._dirty = True
        self._layout_key: tuple | None = None
        self.scene = Scene(self, self._require_playground)
        self.errors = ErrorOverlay()  # a frame that raises anyway: a card, a log, the app goes on
        self.recorder = WindowRecorder()  # Record (F9): drawn frames to a clip, mark not in it
        self.strict = False  # tests set True so that a bug fails the test instead
        self.layers = WindowLayers(self)  # z-order and input, one list (layers.py, input.py)
        self.router = self.layers.router

        init_display()  # the title, the icon, the class for the desktop
        self.display = self._check_display(display)
        self._windowed_size = size or default_size(self.display)
        pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE, display=self.display)
        self.view = WindowView()  # the window, or a canvas shown scaled below MIN_WINDOW
        self.screen = self.view.surface()
        pygame.key.set_repeat(400, 60)
        self.clock = pygame.time.Clock()
        self.theme = Theme(*self.screen.get_size(), presenting=self.presenting)
        self.layout: Layout = compute_layout(*self.screen.get_size(), self.theme,
                                             settings.hide_text, settings.hidden,
                                             len(settings.network_shape), settings.classes,
                                             settings.problem)
        if fullscreen:
            self.toggle_fullscreen()

    # -- set-up --------------------------------------------------------------------------

    def _check_display(self, display: int) -> int:
        count = pygame.display.get_num_displays()
        if 0 <= display < count:
            return display
        message = f"There is no display {display} (found {count}); using display 0."
        print(f"playground-game: {message}", file=sys.stderr)
        # Shown once the window is up (a toast now would expire behind the loading screen).
        self._start_notice = f"{self._start_notice} {message}".strip()
        return 0

    def _require_playground(self) -> Playground:
        if self.playground is None:
            raise RuntimeError("the playground is not loaded yet")
        return self.playground

    @property
    def help_open(self) -> bool:
        return self.help.open

    @help_open.setter
    def help_open(self, value: bool) -> None:
        self.help.open = value

    @property
    def toasts(self) -> list[Toast]:
        """The notices on screen, oldest first."""
        return self.notices.toasts

    @property
    def settings(self) -> Settings:
        return self.playground.settings if self.playground else self.initial_settings

    def load(self, progress: Callable[[float, str], None] | None = None) -> None:
        """Warm the kernels and open the experiment, in this thread (tests, screenshots)."""
        warm_kernels(progress)
        self._set_playground(Playground(self.initial_settings))

    def load_with_screen(self) -> bool:
        """Warm the kernels in a thread while a loading screen shows progress.

        Returns False when the user closed the window meanwhile.
        """
        state: dict[str, Any] = {"fraction": 0.0, "label": "Starting", "done": False}

        def work() -> None:
            try:
                warm_kernels(lambda f, label: state.update(fraction=f, label=label),
                             second_process=True)
                state["playground"] = Playground(self.initial_settings)
            except BaseException as exc:  # re-raised in the main thread
                state["error"] = exc
            finally:
                state["done"] = True

        threading.Thread(target=work, name="warm-kernels", daemon=True).start()
        while not state["done"]:
            for event in pygame.event.get():
                if event.type == pygame.QUIT:
                    return False
                if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                    self._relayout()
                always = keymap.match(event, always_only=True)
                if always is not None:
                    self.run_shortcut(always)
            draw_loading(self.screen, self.theme, float(state["fraction"]), str(state["label"]),
                         TITLE)
            self.view.present()
            self.clock.tick(30)
        if "error" in state:
            raise state["error"]
        self._set_playground(state["playground"])
        return True

    def _set_playground(self, playground: Playground) -> None:
        self.playground = playground
        if self.network_view is None:
            self.network_view = NetworkView(self.theme, self.dispatch)
            self.network_view.layer_view = self.scene.layer_view  # headers choose its layer
        self._relayout(force=True)
        if self._start_notice:
            self.toast(self._start_notice)
            self._start_notice = ""
        lesson, show_levels = self._opening
        self._opening = (None, False)
        if lesson is not None:
            found = self.lesson_mode.ensure_loaded().find(lesson)
            if found is not None:
                self.lesson_mode.start_lesson(found)
            else:
                self.toast(f"There is no lesson {lesson!r}.")
        elif show_levels:  # the very first start: a greeting, not a way "back"
            self.lesson_mode.open_levels()
            self.levels.greeting = True
        self.race_from_start(playground)  # a race's code (--code) opens the race over it

    # -- layout --------------------------------------------------------------------------

    def _relayout(self, force: bool = False) -> None:
        if pygame.display.get_surface() is not None:
            self.screen = self.view.surface()
        size = self.screen.get_size()
        key = self._wanted_layout(self.settings)
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        if (self.theme.width, self.theme.height, self.theme.presenting) != (*size, self.presenting):
            self.theme = Theme(*size, presenting=self.presenting)
        self.layout = compute_layout(*size, self.theme, self.settings.hide_text,
                                     self.settings.hidden, len(self.settings.network_shape),
                                     self.settings.classes, self.settings.problem)
        if self.playground is not None:
            self.scene.set_layout(self.layout, self.theme)
            if self.network_view is not None:
                self.network_view.set_theme(self.theme)
                self.network_view.set_rect(self.lesson_panel.place(self.layout, self.theme),
                                           self.layout.output_anchor)
        self._dirty = True

    def _wanted_layout(self, settings: Settings) -> tuple:
        """What the layout depends on: a change of any of it is a new layout."""
        return (self.screen.get_size(), settings.hide_text, self.presenting, settings.hidden,
                len(settings.network_shape), settings.classes, settings.problem)

    def relayout(self) -> None:
        """Place everything again (a lesson panel came or went)."""
        self._relayout(force=True)

    def resize(self, width: int, height: int) -> None:
        """Resize the window (tests; the window manager does it through VIDEORESIZE)."""
        if not self.fullscreen:
            self._windowed_size = (width, height)
        self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE,
                                              display=self.display)
        self._relayout()

    def toggle_fullscreen(self) -> None:
        """Fullscreen at the desktop's size on the chosen display; back to the window after.

        Where the system refuses (no such mode, a driver without fullscreen), the app says so
        and stays in its window, at the same size and place.
        """
        if self.fullscreen:
            self._leave_fullscreen()
        else:
            self._windowed_size = pygame.display.get_window_size()
            self._windowed_pos = window_position()
            try:
                size = pygame.display.get_desktop_sizes()[self.display]
                # Without a window manager, X11 leaves a window made fullscreen where it was:
                # move it to the display's corner first (harmless when a manager is there).
                move_window(display_origin(self.display, size))
                self.screen = pygame.display.set_mode(size, pygame.FULLSCREEN,
                                                      display=self.display)
                if self.screen.get_size() != tuple(size):
                    raise pygame.error(f"got {self.screen.get_width()} x "
                                       f"{self.screen.get_height()}, not {size[0]} x {size[1]}")
                self.fullscreen = True
            except (pygame.error, IndexError) as exc:
                self._leave_fullscreen()
                self.toast(f"Fullscreen is not available here ({exc}); staying in a window.")
        self._relayout()
        self._show_now()

    def _show_now(self) -> None:
        """Draw and flip at once after the window changed mode: the new surface starts black,
        and waiting for the next frame (or an idle wait) would show that black."""
        try:
            self.draw()
        except Exception as exc:  # the frame's own handler reports it; never fail a mode change
            if self.strict:
                raise
            self._dirty = True
            del exc
            return
        self.view.present()

    def _leave_fullscreen(self) -> None:
        self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                              display=self.display)
        self.fullscreen = False
        if self._windowed_pos is not None:
            move_window(self._windowed_pos)

    def toggle_presentation(self) -> None:
        """Presentation mode: the network and the output grow, sliders and notes step aside."""
        self.presenting = not self.presenting
        self.scene.close_menus()
        self._relayout(force=True)
        self.toast("Presentation mode: P to leave" if self.presenting
                   else "Presentation mode off")

    # -- events --------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        """One event: the window's own (quit, resize), then the layers top-down (ui/input.py)."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        self._dirty = True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._relayout()
            return
        if event.type == pygame.DROPFILE and self.playground is not None:
            self.open_dropped(event.file)
            return
        event = self.view.to_canvas(event)
        if self.playground is None:
            self.layers.window_key_event(event)  # F11 works while loading too
            return
        self.router.handle_event(event)

    # -- the frame -----------------------------------------------------------------------

    def step_frame(self, dt: float | None = None,
                   events: Iterable[pygame.event.Event] = ()) -> None:
        """One frame: events, training, drawing. `dt` fixes the elapsed time (tests)."""
        now = time.perf_counter()
        elapsed = now - self._last_time if dt is None else dt
        self._last_time = now
        for event in [*events, *pygame.event.get()]:
            try:
                self.handle_event(event)
            except Exception as exc:
                self._recover(exc, "handling your input")
            if not self.running:
                return
        try:
            self._update(min(elapsed, 0.25))
        except Exception as exc:
            self._recover(exc, "training and updating the view")
        self.frames += 1
        if self.notices.expire() or self._dirty or self.playing or self.recorder.recording:
            try:
                self.draw()
            except Exception as exc:
                self._recover(exc, "drawing")
                self.screen.fill(th.BACKGROUND)  # a half-drawn frame would only confuse
                self.errors.draw(self.screen, self.theme)
            self.recorder.present(self.screen, self.theme, self.layout, self.toast,
                                  self.view.present)  # the clip's frame, then the mark shown
            self._dirty = False
        if not self.errors.showing:
            self.errors.remember(self.playground)

    def _recover(self, exc: Exception, where: str) -> None:
        """Last line of defence: log the error, keep (or restore) the experiment, show a card."""
        if self.strict:
            raise exc
        self.playing = False  # an error in training would otherwise repeat every frame
        self._dirty = True
        restored = self.errors.report(exc, where, self.playground)
        if restored is not None and restored is not self.playground:
            self._set_playground(restored)

    def run_frames(self, count: int, dt: float = 1.0 / FPS) -> None:
        """Step `count` frames with a fixed dt (tests and the benchmark)."""
        for _ in range(count):
            self.step_frame(dt)

    def _update(self, dt: float) -> None:
        self.times = FrameTimes()
        playground = self.playground
        if playground is None:
            return
        self._pause_while_editing()
        if self.playing:
            epochs = self.fixed_step.epochs(dt, self.speed)
            if epochs:
                start = time.perf_counter()
                self.train(min(epochs, MAX_EPOCHS_PER_ACTION))
                spent = time.perf_counter() - start
                self.fixed_step.record(epochs, spent)
                self.times.train = spent * 1000
                blown = blow_up(playground)  # NaN, huge or stuck: stop and say why
                if self.divergence.wants_pause(blown):
                    assert blown is not None
                    self.playing = False
                    self._resume_after_edit = False
                    self.divergence.show(blown)
                    self._dirty = True
        else:
            self.fixed_step.reset()
        if (self.divergence.shown or self.divergence.kept) and blow_up(playground) is None:
            self.divergence.hide()  # reset, undone or a new experiment
            self.divergence.kept = False
        start = time.perf_counter()
        playground.unit_grids()  # one engine call for every unit, only when the model changed
        # (while playing, each Train has drawn it already, beside the second core's measures)
        views = time.perf_counter()
        self.times.grid = (views - start) * 1000
        if self.network_view is not None:
            self.network_view.update(dt, playground, self.playing)
        self.background_frame()  # a saved recording's notice, a slice of Verify's replay
        if self.lesson_mode.frame(playground):  # goals checked when the model changed, and a
            self._dirty = True  # slice of a lesson's trials over starts: the panel shows it
        self.times.draw = (time.perf_counter() - views) * 1000  # view updates count as drawing

    def _pause_while_editing(self) -> None:
        """A weight or bias box or a dialog open: training waits, so that what the box or the
        dialog shows stays what is on screen; it plays on once it closes."""
        editing = (self.network_view is not None and self.network_view.editing
                   or self.dialog is not None)
        if editing and self.playing:
            self.playing = False
            self._resume_after_edit = True
            self._dirty = True
        elif not editing and self._resume_after_edit:
            self._resume_after_edit = False
            self.playing = True
            self.fixed_step.reset()

    def idle(self) -> bool:
        """Nothing to do until the next event: paused, nothing changed."""
        return not (self.playing or self._dirty or self.lesson_mode.busy or self.working)

    def run_loop(self) -> int:
        """The interactive loop; returns the exit code."""
        while self.running:
            events: list[pygame.event.Event] = []
            if self.idle():
                event = pygame.event.wait(self._wait_ms())
                if event.type != pygame.NOEVENT:
                    events.append(event)
            self.step_frame(events=events)
            if not self.idle():
                self.clock.tick(FPS)
        return 0

    def _wait_ms(self) -> int:
        soonest = self.notices.seconds_to_next_expiry()
        if soonest is None:
            return IDLE_WAIT_MS
        return max(10, min(IDLE_WAIT_MS, int(soonest * 1000) + 10))

    # -- drawing -------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the whole scene into the window surface (without flipping)."""
        playground = self.playground
        if playground is None:
            draw_loading(self.screen, self.theme, 0.0, "Starting", TITLE)
            return
        if self._layout_key != self._wanted_layout(playground.settings):
            self._relayout()
        start = time.perf_counter()
        playground.unit_grids()  # cached: computed in _update unless the model changed since
        grid_done = time.perf_counter()
        surface = self.screen
        fill_around(surface, th.BACKGROUND,
                    self.network_view.opaque_rect(playground) if self.network_view else None)
        self.router.draw(surface, self.theme)
        self.times.grid += (grid_done - start) * 1000
        self.times.draw += (time.perf_counter() - grid_done) * 1000
        self.draws += 1

    # -- screenshot mode -----------------------------------------------------------------

    def train_epochs(self, epochs: int) -> None:
        """Train `epochs` epochs at once (command-line --epochs), in allowed chunks."""
        remaining = max(0, int(epochs))
        while remaining > 0:
            chunk = min(remaining, MAX_EPOCHS_PER_ACTION)
            self.dispatch(Train(chunk))
            remaining -= chunk

    def save_screenshot(self, path: Path) -> None:
        if self.playground is not None:
            self.lesson_mode.update(self.playground)  # the goals as they stand after --epochs
        self.draw()
        pygame.image.save(self.screen, str(path))


def run(settings: Settings, *, size: tuple[int, int] | None = None, epochs: int = 0,
        screenshot: Path | None = None, speed: int = 1, fullscreen: bool = False,
        display: int = 0, lesson: str | None = None, levels: bool | None = None,
        notice: str = "", restore: Restore | None = None) -> int:
    """Open the playground (or, with `screenshot`, render one frame headless to a PNG).

    `lesson` opens that lesson; `levels` shows the level screen first (None: only on the very
    first start, when no lesson progress was ever saved); `restore`: an experiment file's.
    """
    if levels is None:
        levels = lesson is None and screenshot is None and LessonMode.is_first_start()
    if screenshot is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        app = App(settings, size=size or DEFAULT_SIZE, speed=speed, display=display,
                  lesson=lesson, show_levels=levels, notice=notice)
        try:
            app.load()
            if restore is not None:
                app.apply(restore)
            app.train_epochs(epochs)
            app.save_screenshot(Path(screenshot))
        except (pygame.error, OSError) as exc:
            print(f"playground-game: could not write the screenshot {screenshot}: {exc}",
                  file=sys.stderr)
            return 1
        finally:
            pygame.quit()
        return 0
    crashlog.capture_warnings()  # into the log: the terminal stays quiet while a student plays
    app = App(settings, size=size, speed=speed, fullscreen=fullscreen, display=display,
              lesson=lesson, show_levels=levels, notice=notice)
    try:
        if not app.load_with_screen():
            return 0
        if restore is not None:
            app.apply(restore)
            app.relayout()
        app.train_epochs(epochs)
        return app.run_loop()
    except KeyboardInterrupt:  # Ctrl+C in the terminal: leave as if the window were closed
        print("playground-game: interrupted", file=sys.stderr)
        return 130
    finally:
        pygame.quit()
        app.finish_recording()  # one running at the exit is saved (the window closed first)
        _save_session(app)


def _save_session(app: App) -> None:
    """On every exit, keep the open experiment's code where the student can find it again."""
    if app.playground is None:
        return
    try:
        code = encode_code(app.playground.settings)
    except Exception:  # a broken session must not turn a clean exit into a traceback
        return
    crashlog.save_session(code)
