"""The playground window: loading screen, fixed-timestep loop, events, shortcuts, screenshots.

Keyboard (also listed in the in-app help, H or F1):
    Space           play / pause training
    Right arrow, S  pause and train one epoch
    R               reset the network (new random weights, epoch 0)
    G               regenerate the data (new seed)
    + / -           train more / fewer epochs per frame
    F11             fullscreen on / off
    Esc             close a menu or the help; leave fullscreen
    H, F1           show / hide the help

The loop renders at the display's rate and trains at the chosen epochs per frame with an
accumulator at a fixed 60 steps a second, capped so a slow frame never snowballs. Paused and idle
it sleeps in `pygame.event.wait` and redraws nothing; heatmaps are recomputed only when the
model's revision changed. Tests and the benchmark drive the same loop with `App.step_frame`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from playground_game.model.playground import (
    MAX_EPOCHS_PER_ACTION,
    Action,
    Outcome,
    Playground,
    Regenerate,
    Reset,
    Train,
)
from playground_game.model.settings import Effect, Settings, SettingsError
from playground_game.model.warmup import warm_kernels
from playground_game.ui import theme as th
from playground_game.ui.layout import Layout, compute_layout
from playground_game.ui.network_view import NetworkView
from playground_game.ui.panels import SPEEDS, Scene
from playground_game.ui.theme import Theme

TITLE = "Neural Playground"
DEFAULT_SIZE = (1280, 720)
FPS = 60
SIM_RATE = 60.0  # training steps per second; each step trains `speed` epochs
MAX_CATCH_UP_STEPS = 3  # a late frame trains at most this many steps, the rest is dropped
TRAIN_BUDGET_S = 0.05  # never spend more than this training in one frame (UI stays responsive)
IDLE_WAIT_MS = 1000
TOAST_SECONDS = 4.5
MAX_SPEED = 100

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", "Play / pause training"),
    ("Right arrow or S", "Pause and train one epoch"),
    ("R", "Reset the network (new weights, epoch 0)"),
    ("G", "Regenerate the data (new random points)"),
    ("+ / -", "More / fewer epochs per frame"),
    ("F11", "Fullscreen on / off"),
    ("Esc", "Close a menu or this help; leave fullscreen"),
    ("H or F1", "Show / hide this help"),
)
MOUSE_TIPS: tuple[str, ...] = (
    "Click a feature on the left to switch it on or off.",
    "Hover any unit to see its output large on the right.",
    "Hover a link or a bias square to read it; click it to type a new value.",
    "Mouse wheel over a menu or a slider changes it.",
)


@dataclass
class FrameTimes:
    """Milliseconds spent in the last frame, split the way the benchmark reports them."""

    train: float = 0.0
    grid: float = 0.0
    draw: float = 0.0


@dataclass
class Toast:
    text: str
    expires: float


class App:
    """One window showing one Playground. Create, then `run_loop()` or `step_frame()`."""

    def __init__(self, settings: Settings, *, size: tuple[int, int] | None = None, speed: int = 1,
                 fullscreen: bool = False, display: int = 0) -> None:
        self.initial_settings = settings
        self.speed = max(1, min(MAX_SPEED, int(speed)))
        self.playing = False
        self.help_open = False
        self.running = True
        self.fullscreen = False
        self.playground: Playground | None = None
        self.network_view: NetworkView | None = None
        self.toasts: list[Toast] = []
        self.times = FrameTimes()
        self.frames = 0
        self.draws = 0
        self._accumulator = 0.0
        self._epoch_cost = 0.0  # seconds per epoch, smoothed
        self._last_time = time.perf_counter()
        self._dirty = True
        self._layout_key: tuple | None = None
        self._veil: pygame.Surface | None = None
        self.scene = Scene(self, self._require_playground)

        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(TITLE)
        self.display = self._check_display(display)
        self._windowed_size = size or self._default_size()
        self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                              display=self.display)
        pygame.key.set_repeat(400, 60)
        self.clock = pygame.time.Clock()
        self.theme = Theme(*self.screen.get_size())
        self.layout: Layout = compute_layout(*self.screen.get_size(), self.theme,
                                             settings.hide_text)
        if fullscreen:
            self.toggle_fullscreen()

    # -- set-up --------------------------------------------------------------------------

    def _check_display(self, display: int) -> int:
        count = pygame.display.get_num_displays()
        if 0 <= display < count:
            return display
        self.toast(f"There is no display {display} (found {count}); using display 0.")
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

    # -- layout --------------------------------------------------------------------------

    def _relayout(self, force: bool = False) -> None:
        self.screen = pygame.display.get_surface() or self.screen
        size = self.screen.get_size()
        key = (size, self.settings.hide_text)
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        if self.theme.width != size[0] or self.theme.height != size[1]:
            self.theme = Theme(*size)
        self.layout = compute_layout(*size, self.theme, self.settings.hide_text)
        self._veil = None
        if self.playground is not None:
            self.scene.set_layout(self.layout, self.theme)
            if self.network_view is not None:
                self.network_view.set_theme(self.theme)
                self.network_view.set_rect(self.layout.network_view, self.layout.output_anchor)
        self._dirty = True

    def resize(self, width: int, height: int) -> None:
        """Resize the window (tests; the window manager does it through VIDEORESIZE)."""
        if not self.fullscreen:
            self._windowed_size = (width, height)
        self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE,
                                              display=self.display)
        self._relayout()

    def toggle_fullscreen(self) -> None:
        """Fullscreen at the desktop's size on the chosen display; back to the window after."""
        if self.fullscreen:
            self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                                  display=self.display)
            self.fullscreen = False
        else:
            self._windowed_size = self.screen.get_size()
            try:
                size = pygame.display.get_desktop_sizes()[self.display]
                self.screen = pygame.display.set_mode(size, pygame.FULLSCREEN,
                                                      display=self.display)
                self.fullscreen = True
            except (pygame.error, IndexError) as exc:
                self.screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE,
                                                      display=self.display)
                self.toast(f"Fullscreen is not available here ({exc}); staying in a window.")
        self._relayout()

    # -- commands (the scene and the shortcuts call these) -------------------------------

    def dispatch(self, action: Action) -> Outcome | None:
        """Apply an action; a refused one becomes a toast. Resets and new data pause."""
        playground = self._require_playground()
        try:
            outcome = playground.apply(action)
        except SettingsError as exc:
            self.toast(str(exc))
            return None
        if outcome.effect in (Effect.RESET, Effect.NEW_DATA):
            self.playing = False
            self._accumulator = 0.0
        if outcome.notice:
            self.toast(outcome.notice)
        self._dirty = True
        return outcome

    def toggle_play(self) -> None:
        self.playing = not self.playing
        self._accumulator = 0.0
        self._dirty = True

    def step(self) -> None:
        """Pause, then train exactly one epoch (the original's Step)."""
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

    def _change_speed(self, direction: int) -> None:
        faster = [s for s in SPEEDS if s > self.speed]
        slower = [s for s in SPEEDS if s < self.speed]
        if direction > 0 and faster:
            self.set_speed(faster[0])
        elif direction < 0 and slower:
            self.set_speed(slower[-1])
        self.toast(f"Training speed: {self.speed} epoch{'s' if self.speed > 1 else ''} per frame")

    def toast(self, text: str) -> None:
        """A short message at the bottom of the window (refused actions, notices)."""
        seconds = TOAST_SECONDS + len(text) / 40
        self.toasts = [*self.toasts[-2:], Toast(text, time.perf_counter() + seconds)]
        self._dirty = True

    # -- events --------------------------------------------------------------------------

    def _editing(self) -> bool:
        return bool(self.network_view is not None and getattr(self.network_view, "editing", False))

    def handle_event(self, event: pygame.event.Event) -> None:
        """Route one event: window, help overlay, an edit in progress, shortcuts, widgets."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        self._dirty = True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._relayout()
            return
        if self.playground is None:
            return
        pg = self.playground
        if self._editing():
            if self.network_view.handle_event(event, pg):
                return
            if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
                return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if self.help_open:
            closing_key = event.type == pygame.KEYDOWN and event.key in (
                pygame.K_h, pygame.K_F1, pygame.K_ESCAPE)
            if closing_key or event.type == pygame.MOUSEBUTTONDOWN:
                self.help_open = False
            return
        if event.type == pygame.KEYDOWN:
            if self.scene.open_dropdown() is not None:
                self.scene.handle_event(event)
                return
            if self._shortcut(event):
                return
        menu_open = self.scene.open_dropdown() is not None
        consumed = self.scene.handle_event(event)
        if menu_open or (consumed and event.type != pygame.MOUSEMOTION):
            return
        if self.network_view is not None:
            self.network_view.handle_event(event, pg)

    def _shortcut(self, event: pygame.event.Event) -> bool:
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return False
        key = event.key
        if key == pygame.K_SPACE:
            self.toggle_play()
        elif key in (pygame.K_RIGHT, pygame.K_s):
            self.step()
        elif key == pygame.K_r:
            self.reset()
        elif key == pygame.K_g:
            self.regenerate()
        elif key in (pygame.K_h, pygame.K_F1):
            self.toggle_help()
        elif key == pygame.K_ESCAPE:
            if not self.scene.close_menus() and self.fullscreen:
                self.toggle_fullscreen()
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self._change_speed(+1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self._change_speed(-1)
        else:
            return False
        return True

    # -- the frame -----------------------------------------------------------------------

    def step_frame(self, dt: float | None = None,
                   events: Iterable[pygame.event.Event] = ()) -> None:
        """One frame: events, training, drawing. `dt` fixes the elapsed time (tests)."""
        now = time.perf_counter()
        elapsed = now - self._last_time if dt is None else dt
        self._last_time = now
        for event in [*events, *pygame.event.get()]:
            self.handle_event(event)
            if not self.running:
                return
        self._update(min(elapsed, 0.25))
        self.frames += 1
        if self._expire_toasts() or self._dirty or self.playing or self._animating():
            self.draw()
            pygame.display.flip()
            self._dirty = False

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
            self._accumulator += dt
            steps = int(self._accumulator * SIM_RATE + 1e-6)
            if steps > MAX_CATCH_UP_STEPS:
                steps = MAX_CATCH_UP_STEPS
                self._accumulator = 0.0  # behind: drop the backlog instead of spiralling
            else:
                self._accumulator -= steps / SIM_RATE
            epochs = steps * self.speed
            if epochs and self._epoch_cost > 0:
                epochs = min(epochs, max(1, int(TRAIN_BUDGET_S / self._epoch_cost)))
            if epochs:
                start = time.perf_counter()
                self.dispatch(Train(min(epochs, MAX_EPOCHS_PER_ACTION)))
                spent = time.perf_counter() - start
                cost = spent / epochs
                self._epoch_cost = cost if self._epoch_cost == 0 else (
                    0.8 * self._epoch_cost + 0.2 * cost)
                self.times.train = spent * 1000
        else:
            self._accumulator = 0.0
        start = time.perf_counter()
        pg.unit_grids()  # one engine call for every unit, only when the model changed
        views = time.perf_counter()
        self.times.grid = (views - start) * 1000
        if self.network_view is not None:
            self.network_view.update(dt, pg, self.playing)
        self.times.draw = (time.perf_counter() - views) * 1000  # view updates count as drawing

    def _animating(self) -> bool:
        view = self.network_view
        return bool(view is not None and getattr(view, "animating", False))

    def _expire_toasts(self) -> bool:
        now = time.perf_counter()
        alive = [t for t in self.toasts if t.expires > now]
        changed = len(alive) != len(self.toasts)
        self.toasts = alive
        return changed

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
        if not self.toasts:
            return IDLE_WAIT_MS
        soonest = min(t.expires for t in self.toasts) - time.perf_counter()
        return max(10, min(IDLE_WAIT_MS, int(soonest * 1000) + 10))

    # -- drawing -------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the whole scene into the window surface (without flipping)."""
        pg = self.playground
        if pg is None:
            self._draw_loading(0.0, "Starting")
            return
        if self._layout_key != (self.screen.get_size(), pg.settings.hide_text):
            self._relayout()
        start = time.perf_counter()
        pg.unit_grids()  # cached: computed in _update unless the model changed since
        grid_done = time.perf_counter()
        surface = self.screen
        surface.fill(th.BACKGROUND)
        hovered = self.network_view.hovered_map(pg) if self.network_view is not None else None
        self.scene.draw(surface, pg, hovered)
        if self.network_view is not None:
            self.network_view.draw(surface, pg)
        self.scene.draw_overlays(surface)
        self._draw_toasts(surface)
        if self.help_open:
            self._draw_help(surface)
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

    def _draw_toasts(self, surface: pygame.Surface) -> None:
        theme = self.theme
        w, h = surface.get_size()
        y = h - theme.px(24)
        pad = theme.px(10)
        for toast in reversed(self.toasts):
            lines = theme.wrap(toast.text, "body", min(w - theme.px(80), theme.px(640)))
            rendered = [theme.text(line, "body", th.HEADER_TEXT) for line in lines]
            box_w = max(r.get_width() for r in rendered) + 2 * pad
            box_h = sum(r.get_height() for r in rendered) + 2 * pad
            box = pygame.Rect(0, 0, box_w, box_h)
            box.midbottom = (w // 2, y)
            pygame.draw.rect(surface, th.TOAST, box, border_radius=theme.px(6))
            ty = box.top + pad
            for r in rendered:
                surface.blit(r, (box.left + pad, ty))
                ty += r.get_height()
            y = box.top - theme.px(8)

    def _draw_help(self, surface: pygame.Surface) -> None:
        theme = self.theme
        w, h = surface.get_size()
        if self._veil is None or self._veil.get_size() != (w, h):
            self._veil = pygame.Surface((w, h), pygame.SRCALPHA)
            self._veil.fill((0, 0, 0, 130))
        surface.blit(self._veil, (0, 0))
        pad = theme.px(24)
        row_h = theme.line_height("body") + theme.px(6)
        key_w = max(theme.text_size(k, "body", "Bold")[0] for k, _ in SHORTCUTS) + theme.px(24)
        act_w = max(theme.text_size(a, "body")[0] for _, a in SHORTCUTS)
        tips_w = max(theme.text_size(t, "body")[0] for t in MOUSE_TIPS)
        width = min(w - theme.px(40), max(key_w + act_w, tips_w) + 2 * pad)
        title_h = theme.line_height("heading") + theme.px(10)
        section_h = theme.line_height("title") + theme.px(6)
        height = (title_h + 2 * section_h + row_h * (len(SHORTCUTS) + len(MOUSE_TIPS))
                  + theme.px(16) + theme.line_height("caption") + theme.px(10) + 2 * pad)
        panel = pygame.Rect(0, 0, width, min(h - theme.px(20), height))
        panel.center = (w // 2, h // 2)
        pygame.draw.rect(surface, th.PANEL, panel, border_radius=theme.px(8))
        x, y = panel.left + pad, panel.top + pad
        surface.blit(theme.text("Keyboard and mouse", "heading", th.TEXT, "Bold"), (x, y))
        y += title_h
        surface.blit(theme.text("KEYS", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for key, action in SHORTCUTS:
            surface.blit(theme.text(key, "body", th.ACCENT, "Bold"), (x, y))
            surface.blit(theme.text(action, "body", th.TEXT), (x + key_w, y))
            y += row_h
        y += theme.px(8)
        surface.blit(theme.text("MOUSE", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for tip in MOUSE_TIPS:
            surface.blit(theme.text(tip, "body", th.TEXT), (x, y))
            y += row_h
        close = theme.text("Press H, F1 or Esc, or click anywhere, to close.", "caption",
                           th.TEXT_MUTED)
        surface.blit(close, close.get_rect(bottomleft=(x, panel.bottom - pad // 2)))

    # -- screenshot mode -----------------------------------------------------------------

    def train_epochs(self, epochs: int) -> None:
        """Train `epochs` epochs at once (command-line --epochs), in allowed chunks."""
        remaining = max(0, int(epochs))
        while remaining > 0:
            chunk = min(remaining, MAX_EPOCHS_PER_ACTION)
            self.dispatch(Train(chunk))
            remaining -= chunk

    def save_screenshot(self, path: Path) -> None:
        self.draw()
        pygame.image.save(self.screen, str(path))


def run(settings: Settings, *, size: tuple[int, int] | None = None, epochs: int = 0,
        screenshot: Path | None = None, speed: int = 1, fullscreen: bool = False,
        display: int = 0) -> int:
    """Open the playground (or, with `screenshot`, render one frame headless to a PNG)."""
    if screenshot is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        app = App(settings, size=size or DEFAULT_SIZE, speed=speed, display=display)
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
    app = App(settings, size=size, speed=speed, fullscreen=fullscreen, display=display)
    try:
        if not app.load_with_screen():
            return 0
        app.train_epochs(epochs)
        return app.run_loop()
    finally:
        pygame.quit()
