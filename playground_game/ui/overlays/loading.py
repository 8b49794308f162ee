"""The loading screen, while the numba kernels warm up in a thread (slow only the first time)."""

from __future__ import annotations

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme


def draw_loading(surface: pygame.Surface, theme: Theme, fraction: float, label: str,
                 title_text: str) -> None:
    """The title, a note and a progress bar while the kernels warm."""
    surface.fill(th.HEADER)
    w, h = surface.get_size()
    title = theme.text(title_text, "heading", th.HEADER_TEXT, "Bold")
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
