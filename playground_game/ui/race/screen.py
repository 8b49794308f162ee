"""The race screen: every contestant's network and map side by side, one chart, a banner.

`RaceScreen` follows the loop contract (`handle_event` -> `update` -> `draw`) for the race the
app holds. Each cell reuses the playground's own parts: a `NetworkView` (the network, its +/-
buttons, features and per-layer activations, dispatching to that contestant) and an
`OutputRenderer` (the decision map with the points); the race's own parts are its top bar,
each cell's compact controls (`controls.py`), the shared loss chart (`chart.py`) and the result
banner (`banner.py`). Every change goes through `Race.apply`, which refuses what would part
the data; a refusal shows as every refusal does (`App.refuse`).

Its commands carry the keymap's names (`toggle_play`, `race_add`, ...): the app's methods of
those names hand them here while a race is on (commands.py), so a key, a button and the help's
list do the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pygame

from playground_game.model.actions import (
    Action,
    AddLayer,
    AddNeuron,
    Change,
    RemoveLayer,
    RemoveNeuron,
)
from playground_game.model.bookmark import encode_code
from playground_game.model.playground import MAX_EPOCHS_PER_ACTION
from playground_game.model.race import Race
from playground_game.model.settings import Settings, SettingsError
from playground_game.ui import clipboard
from playground_game.ui import theme as th
from playground_game.ui.app_commands import MAX_CODE_IN_TOAST
from playground_game.ui.overlays.dialogs import ShareDialog
from playground_game.ui.race import controls
from playground_game.ui.race.banner import ResultBanner, headline
from playground_game.ui.race.chart import RaceChart, loss_scale
from playground_game.ui.race.fit import network_theme
from playground_game.ui.race.layout import (
    RaceLayout,
    compute_race_layout,
    contestant_colour,
    notice_areas,
)
from playground_game.ui.scene.network.view import NetworkView
from playground_game.ui.scene.output_panel import OutputRenderer
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import event_pos, is_click
from playground_game.ui.widgets.tooltip import draw_tooltip

if TYPE_CHECKING:
    from playground_game.ui.app import App

# The keymap's commands the race screen answers itself while a race is on.
RACE_COMMANDS: frozenset[str] = frozenset({
    "toggle_play", "step", "reset", "regenerate", "escape", "share",
    "race_next", "race_add", "race_remove",
    "race_activation", "race_optimizer", "race_rate_down", "race_rate_up", "race_layer_more",
    "race_layer_fewer", "race_neuron_more", "race_neuron_fewer", "race_crosses",
    "race_finish",
})


TYPED_VALUES = ("Weights and biases cannot be typed in a race: each contestant starts from "
                "its code's first weights. Leave the race (Esc) to edit them.")


class RaceShareDialog(ShareDialog):
    """The race's code, where no clipboard can take it: to copy by hand onto a slide."""

    title = "Share this race"
    ONLY_HERE = " A race opens only in this app (the web playground has none)."


class RaceScreen:
    """The race on screen: its views, its controls, and the commands that change it."""

    def __init__(self, app: App, race: Race) -> None:
        self.app = app
        self.race = race
        self.focus = 0  # the contestant the keys change
        self.theme = app.theme
        self.views: list[NetworkView] = []
        self.renderers: list[OutputRenderer] = []
        self.chart = RaceChart()
        self.layout: RaceLayout | None = None
        self._layout_key: tuple | None = None
        self._pointer: tuple[int, int] | None = None
        self.banner = ResultBanner()
        self._diverged: tuple[int, set[int]] = (-1, set())  # (revision, letters told about)
        self._sync_views()

    # -- layout --------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for view in self.views:
            view.set_theme(theme)
        self._layout_key = None

    def _sync_views(self) -> None:
        """One view and one map renderer per contestant, made again when contestants come or
        go: a view sends its actions to its contestant's index, and its caches are that
        contestant's."""
        count = len(self.race.playgrounds)
        if len(self.views) != count:
            self.views = [NetworkView(self.theme, lambda action, k=k: self.apply(k, action))
                          for k in range(count)]
            for view in self.views:  # a race starts from each code's weights: none typed
                view.fixed_values = lambda: self.app.refuse(TYPED_VALUES)
            self.renderers = [OutputRenderer() for _ in range(count)]
            self._layout_key = None
        self.focus = min(self.focus, count - 1)

    def ensure_layout(self) -> RaceLayout:
        if self.theme is not self.app.theme:  # resized, or presenting toggled
            self.set_theme(self.app.theme)
        size = self.app.screen.get_size()
        key = (size, self.theme.presenting, self.theme.scale, len(self.race.playgrounds))
        if self.layout is None or key != self._layout_key:
            self.layout = compute_race_layout(*size, self.theme, len(self.race.playgrounds),
                                              controls.widest_labels())
            self._layout_key = key
            for view, cell, playground in zip(self.views, self.layout.cells,
                                              self.race.playgrounds, strict=True):
                view.set_theme(network_theme(self.theme, cell.network, cell.anchor, playground)
                               if cell.network_shown else self.theme)
                view.set_rect(cell.network, cell.anchor)
        return self.layout

    def notice_areas(self) -> list[pygame.Rect]:
        """Free areas for notices, over no race control (layout.notice_areas)."""
        layout = self.ensure_layout()
        banner = self.banner.rect if self.banner_shown() else pygame.Rect(0, 0, 0, 0)
        return notice_areas(self.theme, layout, self.chart.free_area(layout.chart), banner)

    # -- changing --------------------------------------------------------------------------

    def apply(self, index: int, action: Action) -> bool | None:
        """One contestant's change; a refusal shows and gives None. The race restarts."""
        try:
            self.race.apply(index, action)
        except SettingsError as exc:
            self.app.refuse(str(exc))
            return None
        self.focus = index
        self._stop()
        return True

    def _stop(self) -> None:
        self.app.playing = False
        self.app.fixed_step.reset()
        self.app._dirty = True

    def _try(self, change: Callable[[], object]) -> None:
        try:
            change()
        except SettingsError as exc:
            self.app.refuse(str(exc))
            return
        self._sync_views()
        self._stop()

    # -- commands (the keymap's names) -----------------------------------------------------

    def run(self, command: str) -> None:
        getattr(self, command)()

    def toggle_play(self) -> None:
        if self.race.finished and not self.app.playing:
            self.app.refuse("The race is over: R runs it again from the start.")
            return
        self.app.playing = not self.app.playing
        if self.app.playing:
            self.app.clear_notices()  # the start's hints would hide the chart while it races
        self.app.fixed_step.reset()
        self.app._dirty = True

    def step(self) -> None:
        """Pause, then one epoch for every contestant."""
        self.app.playing = False
        if self.race.finished:
            self.app.refuse("The race is over: R runs it again from the start.")
            return
        self.race.step(1)
        self.app._dirty = True

    def reset(self) -> None:
        """Every contestant back to its first weights: the race from the start."""
        self.race.restart()
        self._stop()

    def regenerate(self) -> None:
        self._try(self.race.regenerate)

    def escape(self) -> None:
        """Esc: leave the race (back to the experiment as it was)."""
        self.app.leave_race()

    def share(self) -> None:
        """Copy the whole race's code; where there is no clipboard, show it in a dialog (and
        print it) so that it can be copied from there."""
        code = encode_code(self.race.settings())
        count = len(self.race.playgrounds)
        if clipboard.copy_text(code):
            shown = code if len(code) <= MAX_CODE_IN_TOAST else f"{len(code)} characters"
            self.app.toast(f"Copied the race's code ({count} contestants: {shown}). Ctrl+V or "
                           "Open in this app opens the same race.")
            return
        clipboard.print_fallback(code)
        self.app.dialog = RaceShareDialog(self.app, code, only_here=True)
        self.app._dirty = True

    def race_next(self) -> None:
        """Tab: the next contestant takes the keys."""
        self.focus = (self.focus + 1) % len(self.race.playgrounds)
        self.app._dirty = True

    def race_add(self) -> None:
        def add() -> None:
            self.focus = self.race.add(self.focus)
        self._try(add)

    def race_remove(self) -> None:
        self.remove(self.focus)

    def remove(self, index: int) -> None:
        self._try(lambda: self.race.remove(index))

    def race_activation(self) -> None:
        self._change(controls.next_activation)

    def race_optimizer(self) -> None:
        self._change(controls.next_optimizer)

    def race_rate_up(self) -> None:
        self._rate(+1)

    def race_rate_down(self) -> None:
        self._rate(-1)

    def rate_click(self) -> None:
        """A click on a cell's rate button: like a menu, round from the highest to the lowest
        (the keys [ and ] stop at the ends)."""
        settings = self.race.playgrounds[self.focus].settings
        if controls.next_rate(settings, +1) is not None:
            self._rate(+1)
            return
        self._change(lambda s: {"learning_rate": min(controls.LEARNING_RATES)})

    def _rate(self, direction: int) -> None:
        """One step along the offered rates; at an end, say so (no wrap)."""
        settings = self.race.playgrounds[self.focus].settings
        if controls.next_rate(settings, direction) is None:
            self.app.refuse(controls.rate_limit_message(settings, direction))
            return
        self._change(lambda s: controls.next_rate(s, direction) or {})

    def race_crosses(self) -> None:
        self._change(controls.toggled_crosses)

    def race_layer_more(self) -> None:
        self.apply(self.focus, AddLayer())

    def race_layer_fewer(self) -> None:
        self.apply(self.focus, RemoveLayer())

    def race_neuron_more(self) -> None:
        self._neurons(AddNeuron)

    def race_neuron_fewer(self) -> None:
        self._neurons(RemoveNeuron)

    def _neurons(self, kind: type) -> None:
        shape = self.race.playgrounds[self.focus].settings.network_shape
        if not shape:
            self.app.refuse("This contestant has no hidden layer: the Up arrow adds one.")
            return
        new = controls.resized(shape, +1 if kind is AddNeuron else -1)
        if new == shape:
            self.app.refuse("Every hidden layer is already at its limit (1 to 8 neurons).")
            return
        self.apply(self.focus, Change({"network_shape": new}))

    def race_finish(self) -> None:
        """The next finish line; the race goes on from where it is."""
        restarted = self.race.set_finish(controls.next_finish(self.race.finish))
        if self.race.finished or restarted:
            self._stop()
        again = (": it was behind the race, so the race starts again" if restarted else "")
        self.app.toast(f"Finish line: {self.race.finish.describe()}{again}.")

    def _change(self, change: Callable[[Settings], dict[str, object]]) -> None:
        playground = self.race.playgrounds[self.focus]
        self.apply(self.focus, Change(change(playground.settings)))

    # -- the frame ---------------------------------------------------------------------------

    def train(self, epochs: int) -> None:
        """The loop's training (App._update, at the app's speed): every contestant `epochs`
        epochs in lockstep; the play stops at the finish line."""
        self.race.step(min(epochs, MAX_EPOCHS_PER_ACTION))
        if self.race.finished:
            self.app.playing = False
        self.app._dirty = True
        self._tell_diverged()

    def _tell_diverged(self) -> None:
        """A notice, once a race, for each contestant whose loss blew up (as the chart draws
        it along its top), as a diverging network gets outside a race."""
        revision, told = self._diverged
        if revision != self.race.revision:
            told = set()
            self._diverged = (self.race.revision, told)
        series = [np.asarray(p.test_losses, dtype=np.float64) for p in self.race.playgrounds]
        _, gone = loss_scale(series)
        names = self.race.names()
        for index, out in enumerate(gone):
            letter = self.race.letters[index]
            if out and letter not in told:
                told.add(letter)
                self.app.toast(f"{names[index]} diverged: its loss blew up. A lower learning "
                               "rate ([) usually tames it.")

    def refresh(self) -> None:
        """Every frame: each contestant's unit maps and network view brought up to date."""
        if len(self.views) != len(self.race.playgrounds):
            self._sync_views()
        for view, playground in zip(self.views, self.race.playgrounds, strict=True):
            playground.unit_grids()
            view.update(0.0, playground, self.app.playing)

    # -- input -------------------------------------------------------------------------------

    def editing(self) -> NetworkView | None:
        return next((view for view in self.views if view.editing), None)

    def banner_shown(self) -> bool:
        return self.banner.shown(self.race)

    def close_banner(self) -> None:
        self.banner.close(self.race)
        self.app._dirty = True

    def edit_event(self, event: pygame.event.Event) -> bool:
        """A contestant's open menu or value box: every key is its own (Esc closes it); a
        click elsewhere closes it and goes on to what is under it."""
        editing = self.editing()
        if editing is None:
            return False
        index = self.views.index(editing)
        taken = editing.handle_event(event, self.race.playgrounds[index])
        return taken or event.type in (pygame.KEYDOWN, pygame.TEXTINPUT)

    def handle_event(self, event: pygame.event.Event) -> bool:
        layout = self.ensure_layout()
        playgrounds = self.race.playgrounds
        if self.editing() is not None:
            return self.edit_event(event)
        if self.banner.handle_event(event, self.race):
            self.app._dirty = True
            return True
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION:
            self._pointer = pos
        if is_click(event) and pos is not None:
            target = self.control_at(pos)
            if target is not None:
                reason = self._unavailable(target)
                if reason:
                    self.app.refuse(f"{reason}.")
                else:
                    self._press(target)
                return True
            for index, cell in enumerate(layout.cells):
                if cell.rect.collidepoint(pos):
                    self.focus = index
        taken = False
        for view, playground, cell in zip(self.views, playgrounds, layout.cells, strict=True):
            if not cell.network_shown or (
                    event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
                    and pos is not None and not view.rect.collidepoint(pos)):
                continue
            taken = view.handle_event(event, playground) or taken
        return taken and event.type != pygame.MOUSEMOTION

    def control_at(self, pos: tuple[int, int]) -> str | None:
        """The name of the race control under `pos` ("race:play", "race:1:activation")."""
        layout = self.ensure_layout()
        for name, rect in layout.buttons.items():
            if rect.collidepoint(pos):
                return f"race:{name}"
        for index, cell in enumerate(layout.cells):
            if cell.remove.collidepoint(pos):
                return f"race:{index + 1}:remove"
            for name, rect in cell.controls.items():
                if rect.collidepoint(pos):
                    return f"race:{index + 1}:{name}"
        return None

    def _unavailable(self, target: str) -> str:
        """Why a control cannot act now ("" when it can): a dimmed one says so."""
        reasons = controls.unavailable(self.race)
        return reasons.get(target.split(":")[-1], "")

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A control's rect by the names `control_at` gives (for tests and the pilot)."""
        layout = self.ensure_layout()
        parts = name.split(":")
        if len(parts) == 2 and parts[1] in layout.buttons:
            return pygame.Rect(layout.buttons[parts[1]])
        if len(parts) == 3 and parts[1].isdigit() and 0 < int(parts[1]) <= len(layout.cells):
            cell = layout.cells[int(parts[1]) - 1]
            if parts[2] == "remove":
                return pygame.Rect(cell.remove)
            if parts[2] in cell.controls:
                return pygame.Rect(cell.controls[parts[2]])
        return None

    def _press(self, target: str) -> None:
        parts = target.split(":")
        if len(parts) == 2:
            command = controls.BAR_COMMANDS[parts[1]]
            getattr(self.app, command)()
            return
        index = int(parts[1]) - 1
        self.focus = index
        if parts[2] == "remove":
            self.remove(index)
        else:
            self.run(controls.CELL_COMMANDS[parts[2]])

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        layout = self.ensure_layout()
        # App.draw has filled the window around the experiment's own network view, which
        # would paint that rect: the race fills just that hole (a full fill costs 0.5 ms).
        single, view = self.app.playground, self.app.network_view
        hole = view.opaque_rect(single) if single is not None and view is not None else None
        surface.fill(th.BACKGROUND, hole)
        names = self.race.names()
        self._draw_bar(surface, theme, layout)
        for index, (cell, view, playground) in enumerate(zip(
                layout.cells, self.views, self.race.playgrounds, strict=True)):
            colour = contestant_colour(self.race.letters, index)
            if cell.network_shown:
                view.draw(surface, playground)
            renderer = self.renderers[index]
            hovered = view.hovered_map(playground) if cell.network_shown else None
            surface.blit(renderer.heatmap_surface(playground, cell.map.width, hovered),
                         cell.map)
            radius = max(2, round(cell.map.width / 110))
            surface.blit(renderer.points_surface(playground, cell.map.width, radius), cell.map)
            pygame.draw.rect(surface, th.BORDER, cell.map, 1)
            controls.draw_cell(surface, theme, cell, names[index], colour, playground,
                               self._pointer, "remove" in controls.unavailable(self.race))
            if index == self.focus:  # the contestant the keys change: framed, in no colour a
                pygame.draw.rect(surface, th.ACCENT,  # class or contestant has; drawn last,
                                 cell.rect.inflate(theme.px(8), theme.px(6)),  # whole
                                 width=max(2, theme.px(2)), border_radius=theme.px(6))
        finished = self._finished_words(names)
        in_chart = finished if finished and self._finished_room(theme, layout) < 0 else ""
        self.chart.draw(surface, theme, layout.chart, self.race, names, in_chart)
        self.banner.draw(surface, theme, layout.banner, self.race, names)
        for view in self.views:
            view.draw_field(surface)
        self._draw_reason(surface, theme)

    def _draw_reason(self, surface: pygame.Surface, theme: Theme) -> None:
        """Why a dimmed control under the pointer cannot act, in a card beside it."""
        if self._pointer is None or self.editing() is not None:
            return
        target = self.control_at(self._pointer)
        reason = self._unavailable(target) if target is not None else ""
        if reason:
            draw_tooltip(surface, theme, reason, self._pointer)

    def _draw_bar(self, surface: pygame.Surface, theme: Theme, layout: RaceLayout) -> None:
        pygame.draw.rect(surface, th.HEADER, layout.bar)
        labels = controls.bar_labels(self.app.playing, self.race)
        dimmed = controls.unavailable(self.race)
        for name, rect in layout.buttons.items():
            hovered = self._pointer is not None and rect.collidepoint(self._pointer)
            controls.draw_button(surface, theme, rect, labels[name], hovered,
                                 primary=name == "play", dimmed=name in dimmed)
        text = theme.text(f"Epoch {self.race.epoch:,}", "value", th.HEADER_TEXT, "Bold")
        surface.blit(text, text.get_rect(midleft=(layout.epoch.left, layout.epoch.centery)))
        words = self._finished_words(self.race.names())
        room = self._finished_room(theme, layout)
        if words and room >= 0:
            left = layout.buttons["finish"].right + theme.px(10)
            text = theme.text(controls.fit(theme, words, room, "value"), "value",
                              th.HEADER_TEXT, "Bold")
            surface.blit(text, text.get_rect(midleft=(left, layout.bar.centery)))

    def _finished_words(self, names: list[str]) -> str:
        """"Finished: B: ReLU wins" once the banner is closed; "" otherwise."""
        if self.race.result is None or self.banner_shown():
            return ""
        return f"Finished: {headline(self.race, names)}"

    @staticmethod
    def _finished_room(theme: Theme, layout: RaceLayout) -> int:
        """The top bar's room for the result, between the finish line and + Contestant; -1
        where it is too narrow (the chart's title carries it then)."""
        room = (layout.buttons["add"].left - theme.px(10)
                - (layout.buttons["finish"].right + theme.px(10)))
        return room if room >= theme.px(120) else -1
