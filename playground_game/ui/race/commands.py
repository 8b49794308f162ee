"""The app's race commands: entering and leaving a race, and every command made race-aware.

`RaceCommands` sits between `App` and `AppCommands`. C (or a race code opened anywhere a code
is accepted: Ctrl+V, Open, `--code`) starts a race; the experiment on screen becomes contestant
A and stays as it was underneath, and leaving (Esc, C again, Leave race) brings it back
untouched. While a race is on, the window's router is the race's (`router.py`); the keymap's
commands the race answers (`RACE_COMMANDS`) go to the race screen, training goes to the race
in lockstep (`train`), the window's own commands (fullscreen, presenting, speed, help,
recording, Open) work as ever, and the others say why they wait (`NOT_IN_A_RACE`). Outside a
race the race's own keys say how to start one. A key, a button and the help's list all call
these same methods, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from playground_game.model.bookmark import ParsedCode, parse_code, unknown_keys_notice
from playground_game.model.playground import Open, Playground
from playground_game.model.race import Race, is_race, strip_race
from playground_game.model.settings import Settings, SettingsError
from playground_game.ui import keymap
from playground_game.ui.app_commands import AppCommands
from playground_game.ui.race import controls
from playground_game.ui.race.router import race_router
from playground_game.ui.race.screen import RaceScreen

if TYPE_CHECKING:
    from playground_game.ui.input import Router
    from playground_game.ui.layers import WindowLayers

# The playground's commands that wait while a race is on (the race answers its own).
NOT_IN_A_RACE: tuple[str, ...] = ("open_levels", "toggle_paint", "open_lab", "open_formula",
                                  "save_experiment_dialog", "open_experiment_dialog", "undo",
                                  "redo", "next_layer_view", "previous_layer_view",
                                  "number_key")
# What the keymap's commands do while a race is on, where it is not what they do outside one:
# the help lists these words during a race.
RACE_DOES: dict[str, str] = {
    "toggle_play": "play / pause the race",
    "step": "pause, then one epoch for every contestant",
    "reset": "restart the race: every contestant from its first weights, epoch 0",
    "regenerate": "new data for every contestant (the same points for all)",
    "escape": "close a menu, an edit, a dialog or the help; else leave the race",
    "share": "copy the whole race's code",
    "toggle_race": "leave the race: back to your experiment as it was",
}
START_HINT = ("Race: Space starts, Tab picks a contestant, E sets the finish, Esc leaves; H "
              "lists every key.")


def _does(command: str) -> str:
    return next(s.does for s in keymap.KEYMAP if s.command == command)


def _keys(command: str) -> str:
    return next(s.keys for s in keymap.KEYMAP if s.command == command)


def _race_or_playground(command: str) -> Callable[[RaceCommands], None]:
    """A command the race screen answers during a race, and the playground otherwise."""

    def run(self: RaceCommands) -> None:
        if self.race_screen is not None:
            self.race_screen.run(command)
        else:
            getattr(super(RaceCommands, self), command)()

    run.__name__ = command
    run.__doc__ = f"In a race, the race's; else the playground's: {_does(command)}."
    return run


def _race_only(command: str) -> Callable[[RaceCommands], None]:
    """A race key: the race screen's during a race; outside one, how to start one."""

    def run(self: RaceCommands) -> None:
        if self.race_screen is not None:
            self.race_screen.run(command)
        else:
            self.refuse(f"{_keys(command)} works in a race: press C to start one.")

    run.__name__ = command
    run.__doc__ = f"{_does(command)[:1].upper()}{_does(command)[1:]}."
    return run


def _waits_in_a_race(command: str) -> Callable[[RaceCommands], None]:
    """A playground command that says why it waits while a race is on."""

    def run(self: RaceCommands, *args: int) -> None:
        if self.race_screen is not None:
            self.refuse(f"{_keys(command)} waits until you leave the race (Esc).")
        else:
            getattr(super(RaceCommands, self), command)(*args)

    run.__name__ = command
    return run


class RaceCommands(AppCommands):
    """Entering and leaving a race, and the commands a race changes; `App` builds on it."""

    race_screen: RaceScreen | None = None  # the race on screen, or None
    # the race last left and the experiment it was left over: C brings it back while that
    # experiment is unchanged (one Esc too many must not throw a race's setup away)
    left_race: tuple[Settings, Race] | None = None
    layers: WindowLayers
    router: Router

    def toggle_race(self) -> None:
        """C: race the experiment on screen against a copy of it (on the other of tanh and
        ReLU); again: leave the race."""
        if self.race_screen is not None:
            self.leave_race()
            return
        if self.lesson_mode.lesson is not None:
            self.refuse("A lesson is not a race: leave the lesson first (L, then the free "
                        "playground).")
            return
        settings = self.settings
        if self.left_race is not None and self.left_race[0] == settings:
            self.start_race(self.left_race[1])
            self.toast("The race you left is back, as it was: R runs it again from the start.")
            return
        other = settings.with_changes(activation="relu" if settings.activation != "relu"
                                      else "tanh")
        epoch = self._require_playground().epoch
        self.start_race(Race([settings, other], controls.DEFAULT_FINISH))
        trained = (f" Each starts from the code's first weights; your network at epoch "
                   f"{epoch:,} waits as it is." if epoch else "")
        self.toast(START_HINT + trained)

    def open_race(self, settings: Settings) -> str | None:
        """Open a race code's settings as the race on screen; returns why it was refused
        (the experiment, or the race, on screen then stays as it was)."""
        if self.lesson_mode.lesson is not None:
            return ("A lesson is not a race: leave the lesson first (L, then the free "
                    "playground), then open the race's code.")
        try:
            race = Race.from_settings(settings)
        except SettingsError as exc:
            return str(exc)
        self.start_race(race)
        self.toast(f"Opened the race from the code: {', '.join(race.names())}.")
        return None

    def race_from_start(self, playground: Playground) -> None:
        """A race code given at the start (`--code`): its first contestant is the experiment
        underneath, and the race opens over it."""
        if not is_race(playground.settings):
            return
        settings = playground.settings
        playground.apply(Open(strip_race(settings)))
        error = self.open_race(settings)
        if error:
            self.toast(error)

    def start_race(self, race: Race) -> None:
        self.playing = False
        self.scene.close_menus()
        self.race_screen = RaceScreen(self, race)  # type: ignore[arg-type]
        self.router = race_router(self)  # type: ignore[arg-type]
        self.notices.set_areas(self.notice_areas)
        self.help.overrides = {**RACE_DOES, **{
            command: f"{_does(command)} (not in a race: leave it first)"
            for command in NOT_IN_A_RACE}}
        self._dirty = True

    def leave_race(self, notice: str = "Left the race: your experiment is as it was (C brings "
                                       "the race back).") -> None:
        """Back to the experiment as it was before the race (`notice` says what happened)."""
        if self.race_screen is not None and self.playground is not None:
            self.left_race = (self.playground.settings, self.race_screen.race)
        self.race_screen = None
        self.playing = False
        self.fixed_step.reset()
        self.router = self.layers.router
        self.help.overrides = {}
        self._dirty = True
        self.toast(notice)

    def notice_areas(self) -> list[pygame.Rect]:
        """Where notices go: the race screen's free areas during a race (over none of its
        controls), the playground's otherwise."""
        if self.race_screen is not None:
            return self.race_screen.notice_areas()
        return self.layout.notice_areas

    def train(self, epochs: int) -> None:
        """In a race, every contestant `epochs` epochs in lockstep (the loop's training)."""
        if self.race_screen is None:
            super().train(epochs)
            return
        self.race_screen.train(epochs)

    def background_frame(self) -> None:
        super().background_frame()
        if self.race_screen is not None:
            self.race_screen.refresh()

    def open_code(self, text: str) -> str | None:
        """A race's code opens the race; a single experiment's ends a race on screen."""
        try:
            parsed = parse_code(text)
        except SettingsError as exc:
            return str(exc)
        if is_race(parsed.settings):
            return self.open_race(parsed.settings)
        return super().open_code(text)

    def _opened(self, parsed: ParsedCode, undoable: bool = True) -> None:
        """A single experiment's code opened during a race: the race is over, and the one
        notice says both (the experiment before the race is replaced, as by any code)."""
        if self.race_screen is None:
            super()._opened(parsed, undoable)
            return
        notice = unknown_keys_notice(parsed.unknown_keys)
        self.leave_race("Left the race and opened the experiment from the code."
                        + (f" {notice}." if notice else ""))
    toggle_play = _race_or_playground("toggle_play")
    step = _race_or_playground("step")
    reset = _race_or_playground("reset")
    regenerate = _race_or_playground("regenerate")
    escape = _race_or_playground("escape")
    share = _race_or_playground("share")
    open_levels = _waits_in_a_race("open_levels")
    toggle_paint = _waits_in_a_race("toggle_paint")
    open_lab = _waits_in_a_race("open_lab")
    open_formula = _waits_in_a_race("open_formula")
    save_experiment_dialog = _waits_in_a_race("save_experiment_dialog")
    open_experiment_dialog = _waits_in_a_race("open_experiment_dialog")
    undo = _waits_in_a_race("undo")
    redo = _waits_in_a_race("redo")
    next_layer_view = _waits_in_a_race("next_layer_view")
    previous_layer_view = _waits_in_a_race("previous_layer_view")
    number_key = _waits_in_a_race("number_key")
    race_next = _race_only("race_next")
    race_add = _race_only("race_add")
    race_remove = _race_only("race_remove")
    race_activation = _race_only("race_activation")
    race_optimizer = _race_only("race_optimizer")
    race_rate_down = _race_only("race_rate_down")
    race_rate_up = _race_only("race_rate_up")
    race_layer_more = _race_only("race_layer_more")
    race_layer_fewer = _race_only("race_layer_fewer")
    race_neuron_more = _race_only("race_neuron_more")
    race_neuron_fewer = _race_only("race_neuron_fewer")
    race_crosses = _race_only("race_crosses")
    race_finish = _race_only("race_finish")

