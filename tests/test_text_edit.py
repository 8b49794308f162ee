"""The one text-editing core under the weight field and the code field."""

from __future__ import annotations

import pygame

from playground_game.ui.widgets.code_field import CodeField
from playground_game.ui.widgets.text_edit import CANCEL, COMMIT, TextEdit
from playground_game.ui.widgets.text_field import TextField


def _key(key: int, unicode: str = "", mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, unicode=unicode, mod=mod)


def test_both_fields_are_the_one_core() -> None:
    assert isinstance(TextField("Weight", "0.5", (0, 0)), TextEdit)
    assert isinstance(CodeField("seed=0.5"), TextEdit)


def test_typing_replaces_a_selection_and_its_text_input_twin_is_not_typed_twice() -> None:
    edit = TextEdit("0.5", max_chars=10, selected=True)
    edit.handle_event(_key(pygame.K_1, "1"))
    edit.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="1"))
    assert edit.text == "1" and edit.cursor == 1 and not edit.selected
    edit.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="23"))
    assert edit.text == "123"


def test_moves_deletes_and_the_limit() -> None:
    edit = TextEdit("abc", max_chars=4, selected=False)
    edit.handle_event(_key(pygame.K_HOME))
    edit.handle_event(_key(pygame.K_DELETE))
    assert edit.text == "bc" and edit.cursor == 0
    edit.handle_event(_key(pygame.K_END))
    edit.handle_event(_key(pygame.K_BACKSPACE))
    assert edit.text == "b"
    edit.insert("xyzw")
    assert edit.text == "bxyz"  # cut at max_chars
    edit.handle_event(_key(pygame.K_a, mod=pygame.KMOD_CTRL))
    assert edit.selected
    assert edit.handle_event(_key(pygame.K_RETURN)) == COMMIT
    assert edit.handle_event(_key(pygame.K_ESCAPE)) == CANCEL


def test_a_read_only_field_is_not_edited() -> None:
    edit = TextEdit("abc", max_chars=10, selected=True, read_only=True)
    edit.handle_event(_key(pygame.K_x, "x"))
    edit.handle_event(_key(pygame.K_BACKSPACE))
    assert edit.text == "abc"
