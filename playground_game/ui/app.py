"""The playground window: loading screen, fixed-timestep loop, events, shortcuts, screenshots.

Every keyboard shortcut is one row of `ui/keymap.py`'s `KEYMAP` (the help overlay, H or F1,
and README.md list that same table).

The loop renders at the display's rate and trains at the chosen epochs per frame with an
accumulator at a fixed 60 steps a second, capped so a slow frame never snowballs. Paused and idle
it sleeps in `pygame.event.wait` and redraws nothing; heatmaps are recomputed only when the
model's revision changed. Tests and the benchmark drive the same loop with `App.step_frame`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from playground_game import crashlog
from playground_game.model.bookmark import encode_code, parse_code, unknown_keys_notice
from playground_game.model.playground import (
    MAX_EPOCHS_PER_ACTION,
    Action,
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
from playground_game.model.warmup import warm_kernels
from playground_game.ui import clipboard, keymap
from playground_game.ui import theme as th
from playground_game.ui.controls import SPEEDS
from playground_game.ui.fixed_step import FixedStep
from playground_game.ui.input import Layer, Router, layer_of
from playground_game.ui.layout import Layout, compute_layout
from playground_game.ui.lesson_mode import LessonMode
from playground_game.ui.overlays.customize import CustomizeDialog
from playground_game.ui.overlays.dialogs import Dialog, OpenDialog, ShareDialog
from playground_game.ui.overlays.error_card import ErrorOverlay
from playground_game.ui.overlays.help import HelpOverlay
from playground_game.ui.overlays.levels import LevelScreen
from playground_game.ui.overlays.notices import Notices, Toast
from playground_game.ui.scene.lesson_panel import LessonPanel
from playground_game.ui.scene.network.view import NetworkView
from playground_game.ui.scene.scene import Scene
from playground_game.ui.theme import Theme

TITLE = "Neural Playground"
DEFAULT_SIZE = (1280, 720)
FPS = 60
IDLE_WAIT_MS = 1000
MAX_SPEED = 100

MAX_CODE_IN_TOAST = 160  # longer codes are confirmed without being spelled out


@dataclass
class FrameTimes:
    """Milliseconds spent in the last frame, split the way the benchmark reports them."""

    train: float = 0.0
    grid: float = 0.0
    draw: float = 0.0


class App:
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
        self.help = HelpOverlay()
        self.notices = Notices()
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
        self._last_time = time.perf_counter()
        self._dirty = True
        self._layout_key: tuple | None = None
        self.scene = Scene(self, self._require_playground)
        self.errors = ErrorOverlay()  # a frame that raises anyway: a card, a log, the app goes on
        self.strict = False  # tests set True so that a bug fails the test instead
        self.router = self._build_router()  # z-order and input, one list (ui/input.py)

        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(TITLE)
        self.display = self._check_display(display)
        self._windowed_size = size or self._default_size()
        self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                              display=self.display)
        pygame.key.set_repeat(400, 60)
        self.clock = pygame.time.Clock()
        self.theme = Theme(*self.screen.get_size(), presenting=self.presenting)
        self.layout: Layout = compute_layout(*self.screen.get_size(), self.theme,
                                             settings.hide_text)
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

    def _default_size(self) -> tuple[int, int]:
        try:
            desk_w, desk_h = pygame.display.get_desktop_sizes()[self.display]
        except (pygame.error, IndexError):
            return DEFAULT_SIZE
        w, h = DEFAULT_SIZE
        if desk_w >= 1920 and desk_h >= 1080:
            w, h = 1600, 900
        return (min(w, int(desk_w * 0.95)), min(h, int(desk_h * 0.9)))

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
                warm_kernels(lambda f, label: state.update(fraction=f, label=label))
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
            self._draw_loading(float(state["fraction"]), str(state["label"]))
            pygame.display.flip()
            self.clock.tick(30)
        if "error" in state:
            raise state["error"]
        self._set_playground(state["playground"])
        return True

    def _set_playground(self, playground: Playground) -> None:
        self.playground = playground
        if self.network_view is None:
            self.network_view = NetworkView(self.theme, self.dispatch)
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
        elif show_levels:
            self.lesson_mode.open_levels()

    # -- layout --------------------------------------------------------------------------

    def _relayout(self, force: bool = False) -> None:
        self.screen = pygame.display.get_surface() or self.screen
        size = self.screen.get_size()
        key = (size, self.settings.hide_text, self.presenting)
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        if (self.theme.width, self.theme.height, self.theme.presenting) != (*size,
                                                                            self.presenting):
            self.theme = Theme(*size, presenting=self.presenting)
        self.layout = compute_layout(*size, self.theme, self.settings.hide_text)
        if self.playground is not None:
            self.scene.set_layout(self.layout, self.theme)
            if self.network_view is not None:
                self.network_view.set_theme(self.theme)
                self.network_view.set_rect(self.lesson_panel.place(self.layout, self.theme),
                                           self.layout.output_anchor)
        self._dirty = True

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
            self._windowed_size = self.screen.get_size()
            self._windowed_pos = _window_position()
            try:
                size = pygame.display.get_desktop_sizes()[self.display]
                # Without a window manager, X11 leaves a window made fullscreen where it was:
                # move it to the display's corner first (harmless when a manager is there).
                _move_window(_display_origin(self.display, size))
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

    def _leave_fullscreen(self) -> None:
        self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                              display=self.display)
        self.fullscreen = False
        if self._windowed_pos is not None:
            _move_window(self._windowed_pos)

    def toggle_presentation(self) -> None:
        """Presentation mode: the network and the output grow, sliders and notes step aside."""
        self.presenting = not self.presenting
        self.scene.close_menus()
        self._relayout(force=True)
        self.toast("Presentation mode: P to leave" if self.presenting
                   else "Presentation mode off")

    # -- commands (the scene and the shortcuts call these) -------------------------------

    def dispatch(self, action: Action) -> Outcome | None:
        """Apply an action; a refused one becomes a toast. Resets and new data pause."""
        playground = self._require_playground()
        refusal = self.lesson_mode.refusal(action, playground)
        if refusal:
            self.toast(refusal)
            return None
        try:
            outcome = playground.apply(action)
        except SettingsError as exc:
            self.toast(str(exc))
            return None
        if outcome.effect in (Effect.RESET, Effect.NEW_DATA):
            self.playing = False
            self.fixed_step.reset()
        if outcome.notice:
            self.toast(outcome.notice)
        self._dirty = True
        return outcome

    @property
    def locked_controls(self) -> frozenset[str]:
        """Controls the open lesson fixes (the panels dim them and refuse clicks)."""
        return self.lesson_mode.locked

    def open_levels(self) -> None:
        """The level screen: every lesson, and the free playground."""
        self.playing = False
        self.help_open = False
        self.scene.close_menus()
        self.lesson_mode.open_levels()
        self._dirty = True

    def toggle_play(self) -> None:
        if self.lesson_mode.refuse_control("playButton"):
            return
        self.playing = not self.playing
        self.fixed_step.reset()
        self._dirty = True

    def step(self) -> None:
        """Pause, then train exactly one epoch (the original's Step)."""
        if self.lesson_mode.refuse_control("stepButton"):
            return
        self.playing = False
        self.dispatch(Train(1))

    def reset(self) -> None:
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
        """Esc when nothing above the scene took it: close a menu, else leave fullscreen."""
        if not self.scene.close_menus() and self.fullscreen:
            self.toggle_fullscreen()

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

    def share(self) -> None:
        """Copy the code to the clipboard; where there is none, show it and print it."""
        code = self.current_code()
        if clipboard.copy_text(code):
            shown = code if len(code) <= MAX_CODE_IN_TOAST else f"{len(code)} characters"
            self.toast(f"Copied this experiment's code ({shown}). Paste it anywhere; "
                       "Ctrl+V opens it in a playground.")
            return
        clipboard.print_fallback(code)
        self.scene.close_menus()
        self.dialog = ShareDialog(self, code)
        self._dirty = True

    def open_code(self, text: str) -> str | None:
        """Open a pasted code; returns why it was refused (the experiment then is unchanged)."""
        try:
            parsed = parse_code(text)
        except SettingsError as exc:
            return str(exc)
        toasts = len(self.toasts)
        if self.dispatch(Open(parsed.settings)) is None:
            refused = self.toasts[toasts:] or self.toasts[-1:]
            return refused[-1].text if refused else "The code could not be opened here."
        notice = unknown_keys_notice(parsed.unknown_keys)
        self.toast("Opened the experiment from the code (Ctrl+Z goes back)."
                   + (f" {notice}." if notice else ""))
        return None

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
        self.scene.close_menus()
        self.help_open = False
        self.dialog = CustomizeDialog(self)
        self._dirty = True

    def undo(self) -> None:
        self.dispatch(Undo())

    def redo(self) -> None:
        self.dispatch(Redo())

    def toast(self, text: str) -> None:
        """A short message at the bottom of the window (refused actions, notices)."""
        self.notices.add(text)
        self._dirty = True

    # -- events --------------------------------------------------------------------------

    def _build_router(self) -> Router:
        """The window's layers, bottom to top: drawn in this order, offered input in reverse."""
        def loaded() -> bool:
            return self.playground is not None

        return Router([
            Layer("scene", loaded, self._scene_event, self._draw_scene),
            Layer("network", self._has_network, self._network_event, self._draw_network),
            layer_of("lesson_panel", self.lesson_panel),
            Layer("shortcuts", loaded, self._shortcut_event),
            Layer("menu", self._menu_open, self._menu_event, self._draw_menu, modal=True),
            Layer("weight_edit", self._editing, self._edit_event, self._draw_edit),
            layer_of("levels", self.levels, modal=True),
            Layer("dialog", self._dialog_open, self._dialog_event, self._draw_dialog, modal=True),
            layer_of("notices", self.notices),
            layer_of("help", self.help, modal=True),
            Layer("window_keys", loaded, self._window_key_event),
            layer_of("error_card", self.errors),
        ])

    def handle_event(self, event: pygame.event.Event) -> None:
        """One event: the window's own (quit, resize), then the layers top-down (ui/input.py)."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        self._dirty = True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._relayout()
            return
        if self.playground is None:
            self._window_key_event(event)  # F11 works while loading too
            return
        self.router.handle_event(event)

    # -- the layers' parts ----------------------------------------------------------------

    def _window_key_event(self, event: pygame.event.Event) -> bool:
        """Shortcuts that work at any time (F11): loading, editing, help or a dialog open."""
        shortcut = keymap.match(event, always_only=True)
        if shortcut is None:
            return False
        self.run_shortcut(shortcut)
        return True

    def _shortcut_event(self, event: pygame.event.Event) -> bool:
        shortcut = keymap.match(event)
        if shortcut is None:
            return False
        self.run_shortcut(shortcut)
        return True

    def _dialog_open(self) -> bool:
        return self.dialog is not None

    def _dialog_event(self, event: pygame.event.Event) -> bool:
        """Modal: every key and click goes to the open dialog."""
        if self.dialog is not None:
            self.dialog.handle_event(event)
            if self.dialog is not None and self.dialog.closed:
                self.dialog = None
        return True

    def _draw_dialog(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.dialog is not None:
            self.dialog.draw(surface, theme)

    def _menu_open(self) -> bool:
        return self.playground is not None and self.scene.open_dropdown() is not None

    def _menu_event(self, event: pygame.event.Event) -> bool:
        """An open dropdown list takes every event until it closes."""
        self.scene.handle_event(event)
        return True

    def _draw_menu(self, surface: pygame.Surface, theme: Theme) -> None:
        self.scene.draw_overlays(surface)

    def _editing(self) -> bool:
        return self.network_view is not None and self.network_view.editing

    def _edit_event(self, event: pygame.event.Event) -> bool:
        """The weight or bias being typed: its keys; a click elsewhere closes it, then goes on."""
        assert self.network_view is not None and self.playground is not None
        if self.network_view.handle_event(event, self.playground):
            return True
        return event.type in (pygame.KEYDOWN, pygame.TEXTINPUT)

    def _draw_edit(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.network_view is not None:
            self.network_view.draw_field(surface)

    def _has_network(self) -> bool:
        return self.network_view is not None and self.playground is not None

    def _network_event(self, event: pygame.event.Event) -> bool:
        assert self.network_view is not None and self.playground is not None
        return self.network_view.handle_event(event, self.playground)

    def _draw_network(self, surface: pygame.Surface, theme: Theme) -> None:
        assert self.network_view is not None and self.playground is not None
        self.network_view.draw(surface, self.playground)

    def _scene_event(self, event: pygame.event.Event) -> bool:
        """The panels' widgets; pointer motion always goes on (every layer tracks hover)."""
        consumed = self.scene.handle_event(event)
        return consumed and event.type != pygame.MOUSEMOTION

    def _draw_scene(self, surface: pygame.Surface, theme: Theme) -> None:
        playground = self._require_playground()
        view = self.network_view
        hovered = view.hovered_map(playground) if view is not None else None
        self.scene.draw(surface, playground, hovered)

    def run_shortcut(self, shortcut: keymap.Shortcut) -> None:
        """Run the command of a row of the keymap."""
        getattr(self, shortcut.command)()

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
        if self.notices.expire() or self._dirty or self.playing or self._animating():
            try:
                self.draw()
            except Exception as exc:
                self._recover(exc, "drawing")
                self.screen.fill(th.BACKGROUND)  # a half-drawn frame would only confuse
                self.errors.draw(self.screen, self.theme)
            pygame.display.flip()
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
        pg = self.playground
        if pg is None:
            return
        if self.playing:
            epochs = self.fixed_step.epochs(dt, self.speed)
            if epochs:
                start = time.perf_counter()
                self.dispatch(Train(min(epochs, MAX_EPOCHS_PER_ACTION)))
                spent = time.perf_counter() - start
                self.fixed_step.record(epochs, spent)
                self.times.train = spent * 1000
        else:
            self.fixed_step.reset()
        start = time.perf_counter()
        pg.unit_grids()  # one engine call for every unit, only when the model changed
        views = time.perf_counter()
        self.times.grid = (views - start) * 1000
        if self.network_view is not None:
            self.network_view.update(dt, pg, self.playing)
        self.lesson_mode.update(pg)  # goals are checked whenever the model changed
        self.times.draw = (time.perf_counter() - views) * 1000  # view updates count as drawing

    def _animating(self) -> bool:
        return self.network_view is not None and self.network_view.animating

    def idle(self) -> bool:
        """Nothing to do until the next event: paused, nothing changed, nothing animating."""
        return not (self.playing or self._dirty or self._animating())

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
        pg = self.playground
        if pg is None:
            self._draw_loading(0.0, "Starting")
            return
        if self._layout_key != (self.screen.get_size(), pg.settings.hide_text, self.presenting):
            self._relayout()
        start = time.perf_counter()
        pg.unit_grids()  # cached: computed in _update unless the model changed since
        grid_done = time.perf_counter()
        surface = self.screen
        surface.fill(th.BACKGROUND)
        self.router.draw(surface, self.theme)
        self.times.grid += (grid_done - start) * 1000
        self.times.draw += (time.perf_counter() - grid_done) * 1000
        self.draws += 1

    def _draw_loading(self, fraction: float, label: str) -> None:
        surface = self.screen
        theme = self.theme
        surface.fill(th.HEADER)
        w, h = surface.get_size()
        title = theme.text(TITLE, "heading", th.HEADER_TEXT, "Bold")
        surface.blit(title, title.get_rect(midbottom=(w // 2, h // 2 - theme.px(30))))
        note = theme.text("Preparing the training engine (slow only on the very first start)",
                          "body", th.HEADER_MUTED)
        surface.blit(note, note.get_rect(midbottom=(w // 2, h // 2 - theme.px(8))))
        bar = pygame.Rect(0, 0, min(w - theme.px(40), theme.px(420)), theme.px(10))
        bar.center = (w // 2, h // 2 + theme.px(12))
        pygame.draw.rect(surface, th.HEADER_HOVER, bar, border_radius=bar.height // 2)
        filled = bar.copy()
        filled.width = max(bar.height, round(bar.width * max(0.0, min(1.0, fraction))))
        pygame.draw.rect(surface, th.BLUE, filled, border_radius=bar.height // 2)
        text = theme.text(f"{label}  {round(fraction * 100)}%", "body", th.HEADER_TEXT)
        surface.blit(text, text.get_rect(midtop=(w // 2, bar.bottom + theme.px(10))))

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


def _window_position() -> tuple[int, int] | None:
    try:
        return tuple(pygame.display.get_window_position())  # type: ignore[return-value]
    except pygame.error:
        return None


def _move_window(position: tuple[int, int] | None) -> None:
    if position is None:
        return
    with contextlib.suppress(pygame.error):  # a driver that cannot place windows: fine
        pygame.display.set_window_position(position)


def _display_origin(display: int, desktop: tuple[int, int]) -> tuple[int, int] | None:
    """The top-left corner of a display on the virtual desktop.

    pygame has no call for a display's bounds; SDL centres a window on display N when given
    SDL_WINDOWPOS_CENTERED_DISPLAY(N), and the corner follows from where it put it.
    """
    try:
        pygame.display.set_window_position((_CENTRED_ON | display, _CENTRED_ON | display))
        x, y = pygame.display.get_window_position()
        w, h = pygame.display.get_window_size()
    except pygame.error:
        return None
    return (x - (desktop[0] - w) // 2, y - (desktop[1] - h) // 2)


_CENTRED_ON = 0x2FFF0000  # SDL_WINDOWPOS_CENTERED_MASK


def run(settings: Settings, *, size: tuple[int, int] | None = None, epochs: int = 0,
        screenshot: Path | None = None, speed: int = 1, fullscreen: bool = False,
        display: int = 0, lesson: str | None = None, levels: bool | None = None,
        notice: str = "") -> int:
    """Open the playground (or, with `screenshot`, render one frame headless to a PNG).

    `lesson` opens that lesson; `levels` shows the level screen first (None: only on the very
    first start, when no lesson progress was ever saved).
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
        app.train_epochs(epochs)
        return app.run_loop()
    except KeyboardInterrupt:  # Ctrl+C in the terminal: leave as if the window were closed
        print("playground-game: interrupted", file=sys.stderr)
        return 130
    finally:
        pygame.quit()
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
