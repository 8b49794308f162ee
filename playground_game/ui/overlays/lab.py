"""The Training lab dialog: the optimizer and its hyper-parameters, the learning-rate schedule,
the initializer, the loss, dropout and the stop conditions, one dropdown per knob of the "lab"
place, under headings; a heading with nothing shown under it is left out. What a lesson locks
is dimmed with a padlock before it is clicked, as in the top bar.

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
from playground_game.ui.widgets.drawing import draw_locked

LAB_WIDTH = DIALOG_WIDTH + 80
# The dialog's columns, each a list of (section title, knob keys): every lab knob with a control,
# once. Dropout regularizes, so it has its own heading rather than sitting under the schedule.
COLUMNS: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = (
    (("OPTIMIZER", ("optimizer", "momentum", "beta1", "beta2", "epsilon", "rho")),),
    (("SCHEDULE", ("lrSchedule", "decayRate", "decaySteps")),
     ("START AND LOSS", ("initializer", "loss"))),
    (("DROPOUT", ("dropout",)),
     ("STOP TRAINING", ("stopEpoch", "stopLoss", "stopAccuracy", "stopPlateau"))),
)
if sorted(k for column in COLUMNS for _, keys in column for k in keys) != \
        sorted(k.key for k in controls("lab")):
    raise RuntimeError("lab.COLUMNS must list every lab knob with a control exactly once")
SOFTMAX_LOSS = "Softmax cross-entropy"  # the loss of more than two classes, whatever is chosen
LAB_BUTTON = "trainingLab"  # the button's name among locked controls: dimmed when nothing shows
LAB_HIDDEN = ("The Training lab's controls are hidden in this lesson: it trains with plain "
                 "gradient descent. A later lesson opens the lab.")


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
                Binding(self._getter(knob), self._setter(knob)), knob.lock_name, style="body",
                format_shown=self._loss_shown(spec.format) if knob.key == "loss" else None)
        self.buttons["done"] = Button("done", self.close, label="Done")
        self._titles: list[tuple[str, tuple[int, int]]] = []

    def _loss_shown(self, format_value: Callable[[Any], str]) -> Callable[[Any], str]:
        """More than two classes always learn a softmax's cross-entropy: the box says so."""
        def shown(value: Any) -> str:
            return SOFTMAX_LOSS if self.host.settings.classes > 2 else format_value(value)
        return shown

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
        # Only sections with a control shown get a heading; only columns with one take room.
        columns = [[(title, [k for k in keys if k in shown]) for title, keys in column
                    if any(k in shown for k in keys)] for column in COLUMNS]
        columns = [column for column in columns if column]
        height = max((sum(title_h + len(keys) * row_h for _, keys in column)
                      for column in columns), default=0)
        body = len(intro) * line_h + px(12) + height
        _, top, x = self._card(body, LAB_WIDTH)
        column_w = inner // len(COLUMNS)  # a column keeps its width when others are empty
        y0 = top + len(intro) * line_h + px(12)
        self._titles = []
        for dropdown in self.dropdowns.values():
            dropdown.visible = dropdown.name.split(":", 1)[1] in shown
            dropdown.open = dropdown.open and dropdown.visible
        for k, column in enumerate(columns):
            cx, y = x + k * column_w, y0
            for title, keys in column:
                self._titles.append((title, (cx, y)))
                y += title_h
                for key in keys:
                    dropdown = self.dropdowns[key]
                    dropdown.rect = pygame.Rect(cx, y, column_w - px(16), control_h)
                    dropdown.bounds = pygame.Rect((0, 0), theme_size(self.host))
                    y += row_h
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
        # What a lesson fixes looks fixed before it is clicked, as in the top bar.
        draw_locked(surface, theme, self.dropdowns.values(), self.host.locked_controls)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        super().draw(surface, theme)
        open_one = self._open()
        if open_one is not None:
            open_one.draw_list(surface, theme)  # on top of the card and its buttons


def theme_size(host: Commands) -> tuple[int, int]:
    """The window's size, where an open list may go."""
    surface = pygame.display.get_surface()
    return surface.get_size() if surface is not None else (10_000, 10_000)
