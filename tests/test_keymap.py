"""The one keymap: README's table, the help overlay and the key handling all come from it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pygame

from playground_game.ui import app as app_module
from playground_game.ui import keymap
from playground_game.ui.keymap import COMMAND_MODS, KEYMAP
from playground_game.ui.overlays.help import help_rows

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_keyboard_table() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Keyboard", 1)[1]
    rows = re.findall(r"^\|.*\|$", section.split("\n###", 1)[0], flags=re.MULTILINE)
    return "\n".join(rows)


def test_readme_keyboard_table_is_the_keymap() -> None:
    assert _readme_keyboard_table() == keymap.markdown_table()


def test_help_overlay_lists_every_row_of_the_keymap() -> None:
    rows = help_rows()
    assert [key for key, _ in rows] == [s.keys for s in KEYMAP]
    assert [does.lower() for _, does in rows] == [s.does.lower() for s in KEYMAP]


def test_every_command_is_an_app_method() -> None:
    for shortcut in KEYMAP:
        assert callable(getattr(app_module.App, shortcut.command, None)), shortcut.command


def test_no_chord_runs_two_commands() -> None:
    for a, b in itertools.combinations(KEYMAP, 2):
        for chord in a.chords:
            for mod in (0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL,
                        pygame.KMOD_CTRL | pygame.KMOD_SHIFT):
                event = pygame.event.Event(pygame.KEYDOWN, key=chord.key, mod=mod)
                if chord.matches(event):
                    assert not any(c.matches(event) for c in b.chords), (a.keys, b.keys)


def _press(key: int, mod: int = 0) -> keymap.Shortcut | None:
    return keymap.match(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod))


def test_modifiers_choose_the_row() -> None:
    assert _press(pygame.K_z, pygame.KMOD_CTRL).command == "undo"
    assert _press(pygame.K_z, pygame.KMOD_CTRL | pygame.KMOD_SHIFT).command == "redo"
    assert _press(pygame.K_z, pygame.KMOD_META).command == "undo"  # Cmd on macOS
    assert _press(pygame.K_z) is None
    assert _press(pygame.K_c, pygame.KMOD_CTRL | pygame.KMOD_ALT) is None
    assert _press(pygame.K_r, pygame.KMOD_CTRL) is None  # Ctrl+R is not R
    assert _press(pygame.K_EQUALS, pygame.KMOD_SHIFT).command == "faster"  # Shift+= is +
    assert _press(pygame.K_r).command == "reset"
    assert COMMAND_MODS & pygame.KMOD_LCTRL


def test_only_rows_marked_always_match_when_asked() -> None:
    f11 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0)
    space = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0)
    assert keymap.match(f11, always_only=True).command == "toggle_fullscreen"
    assert keymap.match(space, always_only=True) is None
    assert keymap.match(space).command == "toggle_play"
