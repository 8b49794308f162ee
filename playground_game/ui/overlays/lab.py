"""The Training lab dialog: the optimizer and its hyper-parameters, the learning-rate schedule,
the initializer, the loss and the stop conditions, one dropdown per knob of the "lab" place.

Built from the knob table (`knobs.controls("lab")`), like the panels' controls: a new lab knob
with a control appears here by itself. Only the hyper-parameters of the chosen optimizer and the
decay of a decaying schedule are shown. Every choice goes through `Playground.apply` (undoable,
locked by a lesson like any control); the learning rate stays in the top bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from playground_game.model.core.optimizers import HYPER_PARAMETERS
from playground_game.model.knobs import KNOB_BY_KEY, Knob, controls
from playground_game.model.playground import Change
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.controls import control_of
from playground_game.ui.overlays.dialogs import DIALOG_WIDTH, Dialog, blit_lines
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Binding, Button, Dropdown

LAB_WIDTH = DIALOG_WIDTH + 80
# (column title, knob keys): every lab knob with a control, once.
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("OPTIMIZER", ("optimizer", "momentum", "beta1", "beta2", "epsilon", "rho")),
    ("SCHEDULE, START AND LOSS", ("lrSchedule", "decayRate", "decaySteps", "dropout",
                                  "initializer", "loss")),
    ("STOP TRAINING", ("stopEpoch", "stopLoss", "stopAccuracy", "stopPlateau")),
)
if sorted(k for _, keys in COLUMNS for k in keys) != sorted(k.key for k in controls("lab")):
    raise RuntimeError("lab.COLUMNS must list every lab knob with a control exactly once")


def shown_keys(settings: Any) -> set[str]:
    """The lab knobs whose control shows under these settings (not hidden by a teacher, and
    meaningful: the chosen optimizer's hyper-parameters, a decaying schedule's decay)."""
    shown = {"optimizer", "lrSchedule", "dropout", "initializer", "loss", "stopEpoch", "stopLoss",
             "stopAccuracy", "stopPlateau"}
    shown.update(HYPER_PARAMETERS[settings.optimizer])
    if settings.lr_schedule != "constant":
        shown.add("decaySteps")
        if settings.lr_schedule != "cosine":
            shown.add("decayRate")
    hidden = settings.hidden
    return {k for k in shown
            if KNOB_BY_KEY[k].hide not in hidden and KNOB_BY_KEY[k].lock_name not in hidden}


class LabDialog(Dialog):
    """Three columns of dropdowns and Done."""

    title = "Training lab"
    INTRO = ("How the network learns: these settings are this app's own, so a code that uses "
             "them opens the same only here. The learning rate stays in the top bar.")

    def __init__(self, host: Commands) -> None:
        super().__init__(host)
        self.host: Commands = host
        self.dropdowns: dict[str, Dropdown] = {}
        for knob in controls("lab"):
            spec = control_of(knob)
            self.dropdowns[knob.key] = Dropdown(
                f"lab:{knob.key}", spec.caption, spec.values, spec.format,
                Binding(self._getter(knob), self._setter(knob)), knob.lock_name, style="body")
        self.buttons["done"] = Button("done", self.close, label="Done")
        self._titles: list[tuple[str, tuple[int, int]]] = []

    def _getter(self, knob: Knob) -> Callable[[], Any]:
        return lambda: getattr(self.host.settings, knob.field or "")

    def _setter(self, knob: Knob) -> Callable[[Any], None]:
        def choose(value: Any) -> None:
            self.host.dispatch(Change({knob.field: value}))
        return choose

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"dialog:lab:KEY" for a dropdown, "dialog:lab:KEY=VALUE" for an open list's option,
        "dialog:done" for the button (the test pilot)."""
        if name.startswith("dialog:lab:"):
            key, _, value = name.split(":", 2)[2].partition("=")
            dropdown = self.dropdowns.get(key)
            if dropdown is None or not dropdown.visible:
                return None
            if value:
                option = next((v for v in dropdown.values if dropdown.format_value(v) == value
                               or str(v) == value), None)
                rect = dropdown.option_rect(option) if option is not None else None
                return pygame.Rect(rect) if rect is not None else None
            return pygame.Rect(dropdown.rect)
        return super().control_rect(name)

    def _open(self) -> Dropdown | None:
        return next((d for d in self.dropdowns.values() if d.open), None)

    def layout(self) -> None:
        theme = self._theme()
        px = theme.px
        inner = self._inner_width(LAB_WIDTH)
        intro = theme.wrap(self.INTRO, "body", inner)
        line_h = theme.line_height("body")
        title_h = theme.line_height("caption") + px(6)
        control_h = theme.line_height("caption") + px(2) + line_h + px(10)
        row_h = control_h + px(8)
        shown = shown_keys(self.host.settings)
        rows = max(1, *(sum(k in shown for k in keys) for _, keys in COLUMNS))
        body = len(intro) * line_h + px(12) + title_h + rows * row_h
        _, top, x = self._card(body, LAB_WIDTH)
        column_w = inner // len(COLUMNS)
        y0 = top + len(intro) * line_h + px(12)
        self._titles = []
        for k, (title, keys) in enumerate(COLUMNS):
            cx = x + k * column_w
            self._titles.append((title, (cx, y0)))
            r = 0
            for key in keys:
                dropdown = self.dropdowns[key]
                dropdown.visible = key in shown
                if not dropdown.visible:
                    dropdown.open = False
                    continue
                dropdown.rect = pygame.Rect(cx, y0 + title_h + r * row_h, column_w - px(16),
                                            control_h)
                dropdown.bounds = pygame.Rect((0, 0), theme_size(self.host))
                r += 1
        self._place_buttons(("done",))

    def handle_event(self, event: pygame.event.Event) -> None:
        self.layout()
        open_one = self._open()
        if open_one is not None:  # an open list takes every event, Esc included
            open_one.handle_event(event)
            return
        super().handle_event(event)

    def handle_body_event(self, event: pygame.event.Event) -> None:
        locked = self.host.locked_controls
        for dropdown in self.dropdowns.values():
            if dropdown.visible and dropdown.hide_key in locked and event.type == \
                    pygame.MOUSEBUTTONDOWN and dropdown.hit(getattr(event, "pos", None)):
                self.host.check_unlocked(dropdown.hide_key)  # says it is fixed
                return
            if dropdown.handle_event(event):
                return

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        px = theme.px
        x = self.rect.left + px(20)
        top = self.rect.top + px(20) + theme.line_height("value") + px(10)
        intro = theme.wrap(self.INTRO, "body", self.rect.width - 2 * px(20))
        blit_lines(surface, theme, intro, x, top, th.TEXT_MUTED)
        for title, pos in self._titles:
            surface.blit(theme.text(title, "caption", th.TEXT_MUTED, "Bold"), pos)
        for dropdown in self.dropdowns.values():
            dropdown.draw(surface, theme)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        super().draw(surface, theme)
        open_one = self._open()
        if open_one is not None:
            open_one.draw_list(surface, theme)  # on top of the card and its buttons


def theme_size(host: Commands) -> tuple[int, int]:
    """The window's size, where an open list may go."""
    surface = pygame.display.get_surface()
    return surface.get_size() if surface is not None else (10_000, 10_000)
