"""Wrapping text to a width: words, and a word wider than a line (a file's path)."""

from __future__ import annotations

import os

import pygame
import pytest

from playground_game.ui.theme import wrap_words


@pytest.fixture(scope="module")
def font() -> pygame.font.Font:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.font.init()
    return pygame.font.Font(None, 20)


def test_words_wrap_and_a_long_path_is_cut_after_its_slashes(font: pygame.font.Font) -> None:
    text = "Saved as /home/someone/Documents/Neural Playground/experiment-epoch-12.json."
    lines = wrap_words(font, text, 120)
    assert all(font.size(line)[0] <= 120 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert any(line.endswith("/") for line in lines)


def test_short_text_stays_one_line_and_a_word_too_wide_for_anything_keeps_a_letter(
        font: pygame.font.Font) -> None:
    assert wrap_words(font, "two words", 500) == ["two words"]
    assert wrap_words(font, "", 50) == [""]
    assert wrap_words(font, "WWW", 1) == ["W", "W", "W"]
