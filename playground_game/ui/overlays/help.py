"""The help overlay (H, F1 or the ? button): every row of the keymap, then the mouse tips.

The list is `ui/keymap.py`'s `KEYMAP`, so the help, the key handling and README.md never
disagree. While it is open it takes every key and click: H, F1, Esc or any click closes it.
"""

from __future__ import annotations

import pygame

from playground_game.ui import keymap
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme

MOUSE_TIPS: tuple[str, ...] = (
    "Click a feature on the left to switch it on or off.",
    "Hover any unit to see its output large on the right.",
    "Hover a link or a bias square to read it; click it to type a new value.",
    "Mouse wheel over a menu or a slider changes it.",
)
CLOSING_KEYS = (pygame.K_h, pygame.K_F1, pygame.K_ESCAPE)


def help_rows() -> list[tuple[str, str]]:
    """The help overlay's list: every row of the keymap, as (keys, what they do)."""
    return [(s.keys, s.does[:1].upper() + s.does[1:]) for s in keymap.KEYMAP]


class HelpOverlay:
    """A card over the window listing the keys and the mouse; a layer of the input router."""

    def __init__(self) -> None:
        self.open = False

    def active(self) -> bool:
        return self.open

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Open: a closing key or any click closes it; every other event is held back."""
        closing_key = event.type == pygame.KEYDOWN and event.key in CLOSING_KEYS
        if closing_key or event.type == pygame.MOUSEBUTTONDOWN:
            self.open = False
        return True

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        w, h = surface.get_size()
        surface.blit(theme.veil((w, h), (0, 0, 0, 130)), (0, 0))
        pad = theme.px(24)
        row_h = theme.line_height("body") + theme.px(6)
        rows = help_rows()
        key_w = max(theme.text_size(k, "body", "Bold")[0] for k, _ in rows) + theme.px(24)
        act_w = max(theme.text_size(a, "body")[0] for _, a in rows)
        tips_w = max(theme.text_size(t, "body")[0] for t in MOUSE_TIPS)
        width = min(w - theme.px(40), max(key_w + act_w, tips_w) + 2 * pad)
        title_h = theme.line_height("heading") + theme.px(10)
        section_h = theme.line_height("title") + theme.px(6)
        height = (title_h + 2 * section_h + row_h * (len(rows) + len(MOUSE_TIPS))
                  + theme.px(16) + theme.line_height("caption") + theme.px(10) + 2 * pad)
        panel = pygame.Rect(0, 0, width, min(h - theme.px(20), height))
        panel.center = (w // 2, h // 2)
        pygame.draw.rect(surface, th.PANEL, panel, border_radius=theme.px(8))
        x, y = panel.left + pad, panel.top + pad
        surface.blit(theme.text("Keyboard and mouse", "heading", th.TEXT, "Bold"), (x, y))
        y += title_h
        surface.blit(theme.text("KEYS", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for key, action in rows:
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
