"""Every keyboard shortcut, declared once.

`KEYMAP` is the one table: which keys, with which modifiers, what the shortcut does (in words)
and the command it runs (the name of an `App` method). It drives the key handling (`match`), the
help overlay's list (H or F1), and README.md's "### Keyboard" table, which a test compares with
`markdown_table()`.

Plain shortcuts ignore Shift (so Shift+= is +) but not Ctrl, Cmd or Alt; command shortcuts need
Ctrl (Cmd on macOS) and no Alt. Keys the open help, dialog, level screen, menu or weight edit
takes first never reach this table (see ui/input.py); rows marked `always` work even then.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from playground_game.ui.widgets.text_edit import COMMAND_MODS  # Ctrl, or Cmd on macOS


@dataclass(frozen=True)
class Chord:
    """One key with its modifiers: `command` for Ctrl/Cmd; `shift` True/False, or None: either."""

    key: int
    command: bool = False
    shift: bool | None = None

    def matches(self, event: pygame.event.Event) -> bool:
        mod = getattr(event, "mod", 0)
        if event.key != self.key:
            return False
        if self.command:
            if not mod & COMMAND_MODS or mod & pygame.KMOD_ALT:
                return False
        elif mod & (COMMAND_MODS | pygame.KMOD_ALT):
            return False
        return self.shift is None or bool(mod & pygame.KMOD_SHIFT) == self.shift


@dataclass(frozen=True)
class Shortcut:
    """One row of the table: how the keys are written, what they do, the command they run."""

    keys: str  # as README and the help write them: "Right arrow or S"
    does: str  # what happens, in a few words
    command: str  # the App method that does it
    chords: tuple[Chord, ...]
    always: bool = False  # also while a dialog, the help, an edit or the loading screen is open
    numbered: bool = False  # the command takes the number of the key pressed (`number_of`)


def _plain(*keys: int) -> tuple[Chord, ...]:
    return tuple(Chord(key) for key in keys)


def _numbers(count: int) -> tuple[Chord, ...]:
    """Keys 1 to `count` on the top row, then the same on the keypad."""
    top = [getattr(pygame, f"K_{n}") for n in range(1, count + 1)]
    pad = [getattr(pygame, f"K_KP{n}") for n in range(1, count + 1)]
    return _plain(*top, *pad)


def number_of(shortcut: Shortcut, event: pygame.event.Event) -> int:
    """Which number a numbered shortcut's key stands for (1 for the first of its keys)."""
    index = next(k for k, chord in enumerate(shortcut.chords) if chord.matches(event))
    return index % (len(shortcut.chords) // 2) + 1


KEYMAP: tuple[Shortcut, ...] = (
    Shortcut("Space", "play / pause", "toggle_play", _plain(pygame.K_SPACE)),
    Shortcut("Right arrow or S", "pause and train one epoch", "step",
             _plain(pygame.K_RIGHT, pygame.K_s)),
    Shortcut("R", "reset the network (new random weights, epoch 0)", "reset",
             _plain(pygame.K_r)),
    Shortcut("G", "regenerate the data (new seed, new points)", "regenerate",
             _plain(pygame.K_g)),
    Shortcut("F11", "fullscreen on / off", "toggle_fullscreen", _plain(pygame.K_F11),
             always=True),
    Shortcut("P", "presentation mode on / off: a bigger network and output",
             "toggle_presentation", _plain(pygame.K_p)),
    Shortcut("+", "more epochs per frame", "faster",
             _plain(pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS)),
    Shortcut("-", "fewer epochs per frame", "slower", _plain(pygame.K_MINUS, pygame.K_KP_MINUS)),
    Shortcut("Esc", "close a menu, a dialog, an edit or the help; leave a layer's view, "
             "fullscreen", "escape",
             _plain(pygame.K_ESCAPE)),
    Shortcut("L", "lessons: pick a level, or the free playground", "open_levels",
             _plain(pygame.K_l)),
    Shortcut("H or F1", "help: every shortcut", "toggle_help", _plain(pygame.K_h, pygame.K_F1)),
    Shortcut("D", "paint your own points on the map (again: done)", "toggle_paint",
             _plain(pygame.K_d)),
    Shortcut("I", "see the data inside the next hidden layer (or click its \"N neurons\")",
             "next_layer_view",
             (Chord(pygame.K_i, shift=False),)),
    Shortcut("Shift+I", "the same, the previous hidden layer", "previous_layer_view",
             (Chord(pygame.K_i, shift=True),)),
    Shortcut("1 to 8", "painting: that class (1 to 6); in a layer's view: that neuron as an "
             "axis of the map (again: drop it)", "number_key", _numbers(8), numbered=True),
    Shortcut("T", "training lab: optimizer, schedule, initializer, loss, stop conditions",
             "open_lab", _plain(pygame.K_t)),
    Shortcut("F9", "record the window (a GIF): start / stop; the Record button sets size and rate",
             "toggle_recording", _plain(pygame.K_F9), always=True),
    Shortcut("Ctrl+C", "copy this experiment's code (the Share button does the same)", "share",
             (Chord(pygame.K_c, command=True),)),
    Shortcut("Ctrl+V", "open a copied code or web playground link (the Open button too)",
             "paste_code", (Chord(pygame.K_v, command=True),)),
    Shortcut("F", "the network as a formula of the inputs (Copy as Python there)",
             "open_formula", _plain(pygame.K_f)),
    Shortcut("Ctrl+S", "save the experiment as a file: settings, data, weights, training",
             "save_experiment_dialog", (Chord(pygame.K_s, command=True),)),
    Shortcut("Ctrl+O", "open an experiment file (or drop a .json file on the window)",
             "open_experiment_dialog", (Chord(pygame.K_o, command=True),)),
    Shortcut("Ctrl+Z", "undo a change: the experiment as it was before it (up to 100 steps)",
             "undo", (Chord(pygame.K_z, command=True, shift=False),)),
    Shortcut("Ctrl+Shift+Z or Ctrl+Y", "redo what was undone", "redo",
             (Chord(pygame.K_z, command=True, shift=True), Chord(pygame.K_y, command=True))),
    # a race (ui/race/): these change the contestant picked with Tab (or a click)
    Shortcut("C", "race: 2 to 4 networks side by side on the same data (again, or Esc: leave)",
             "toggle_race", _plain(pygame.K_c)),
    Shortcut("Tab", "in a race: pick the next contestant for the keys below (or click it)",
             "race_next", _plain(pygame.K_TAB)),
    Shortcut("A", "in a race: add a contestant, a copy of the one picked", "race_add",
             _plain(pygame.K_a)),
    Shortcut("Delete", "in a race: remove the contestant picked", "race_remove",
             _plain(pygame.K_DELETE)),
    Shortcut("V", "in a race: its next activation", "race_activation", _plain(pygame.K_v)),
    Shortcut("O", "in a race: its next optimizer", "race_optimizer", _plain(pygame.K_o)),
    Shortcut("[", "in a race: its learning rate one step lower", "race_rate_down",
             _plain(pygame.K_LEFTBRACKET)),
    Shortcut("]", "in a race: its learning rate one step higher", "race_rate_up",
             _plain(pygame.K_RIGHTBRACKET)),
    Shortcut("Up arrow", "in a race: one hidden layer more", "race_layer_more",
             _plain(pygame.K_UP)),
    Shortcut("Down arrow", "in a race: one hidden layer fewer", "race_layer_fewer",
             _plain(pygame.K_DOWN)),
    Shortcut("Page Up", "in a race: one neuron more in each hidden layer", "race_neuron_more",
             _plain(pygame.K_PAGEUP)),
    Shortcut("Page Down", "in a race: one neuron fewer in each hidden layer",
             "race_neuron_fewer", _plain(pygame.K_PAGEDOWN)),
    Shortcut("X", "in a race: feature crosses (X₁X₂, X₁², X₂²) on / off",
             "race_crosses", _plain(pygame.K_x)),
    Shortcut("E", "in a race: the next finish line (an epoch budget, or first to a test loss)",
             "race_finish", _plain(pygame.K_e)),
)


def match(event: pygame.event.Event, *, always_only: bool = False) -> Shortcut | None:
    """The shortcut a KEYDOWN event presses, if any (`always_only`: only rows marked always)."""
    if event.type != pygame.KEYDOWN:
        return None
    for shortcut in KEYMAP:
        if always_only and not shortcut.always:
            continue
        if any(chord.matches(event) for chord in shortcut.chords):
            return shortcut
    return None


def markdown_table() -> str:
    """README.md's "### Keyboard" table, written from KEYMAP."""
    rows = ["| key | does |", "|---|---|"]
    rows += [f"| {s.keys} | {s.does} |" for s in KEYMAP]
    return "\n".join(rows)
