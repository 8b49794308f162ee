"""The help overlay (H, F1 or the ? button): every row of the keymap, then the mouse tips.

The list is `ui/keymap.py`'s `KEYMAP`, so the help, the key handling and README.md never
disagree. While it is open it takes every key and click: H, F1, Esc or any click closes it.
Its top row holds the buttons of `BUTTONS` (the formula, saving and opening an experiment
file), commands without a place of their own in the window; a click there closes the help and
runs the command. When the list does not fit the window at the body text's size, its rows are
drawn closer, then in the caption's size.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.ui import keymap
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button

MOUSE_TIPS: tuple[str, ...] = (
    "Click a feature on the left to switch it on or off.",
    "Hover any unit to see its output large on the right.",
    "Hover a link or a bias square to read it; click it to type a new value.",
    "Mouse wheel over a menu or a slider changes it.",
)
CLOSING_KEYS = (pygame.K_h, pygame.K_F1, pygame.K_ESCAPE)
# (name, label, the App command it runs: a command of the keymap, so its key is in the list)
BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("formula", "Formula (F)", "open_formula"),
    ("save_file", "Save as file (Ctrl+S)", "save_experiment_dialog"),
    ("open_file", "Open a file (Ctrl+O)", "open_experiment_dialog"),
)


def help_rows() -> list[tuple[str, str]]:
    """The help overlay's list: every row of the keymap, as (keys, what they do)."""
    return [(s.keys, s.does[:1].upper() + s.does[1:]) for s in keymap.KEYMAP]


class HelpOverlay:
    """A card over the window listing the keys and the mouse; a layer of the input router."""

    def __init__(self, run: Callable[[str], None] | None = None) -> None:
        """`run(command)` runs an App command by name (the buttons'); None shows no buttons."""
        self.open = False
        self.buttons = [Button(name, self._runner(command), label=label)
                        for name, label, command in BUTTONS] if run is not None else []
        self._run = run

    def _runner(self, command: str) -> Callable[[], None]:
        def click() -> None:
            self.open = False
            assert self._run is not None
            self._run(command)
        return click

    def active(self) -> bool:
        return self.open

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"help:NAME": a button's rect while the help is open (for the test pilot)."""
        for button in self.buttons:
            if self.open and name == f"help:{button.name}" and button.rect.width:
                return pygame.Rect(button.rect)
        return None

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Open: a button runs its command; a closing key or any other click closes it; every
        other event is held back."""
        for button in self.buttons:
            if button.rect.width and button.handle_event(event):
                return True
        closing_key = event.type == pygame.KEYDOWN and event.key in CLOSING_KEYS
        if closing_key or event.type == pygame.MOUSEBUTTONDOWN:
            self.open = False
        return True

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        w, h = surface.get_size()
        surface.blit(theme.veil((w, h), (0, 0, 0, 130)), (0, 0))
        pad = theme.px(24)
        rows = help_rows()
        title_h = theme.line_height("heading") + theme.px(10)
        section_h = theme.line_height("title") + theme.px(6)
        button_h = max(theme.px(30), theme.line_height("body") + theme.px(10))
        buttons_h = button_h + theme.px(12) if self.buttons else 0
        fixed = (title_h + buttons_h + section_h + theme.px(16)
                 + theme.line_height("caption") + theme.px(10) + 2 * pad)
        tips_fixed = section_h + theme.px(8)
        # The first that fits: the body's size, rows closer, the caption's size, then (a small
        # window presenting, where every text is large) the keys alone, rows touching.
        choices = (("body", theme.px(6), True), ("body", theme.px(2), True),
                   ("caption", theme.px(2), True), ("caption", 0, False))
        for role, gap, with_tips in choices:
            lines = len(rows) + (len(MOUSE_TIPS) if with_tips else 0)
            need = fixed + (tips_fixed if with_tips else 0) \
                + lines * (theme.line_height(role) + gap)
            if need <= h - theme.px(20):
                break
        row_h = theme.line_height(role) + gap
        key_w = max(theme.text_size(k, role, "Bold")[0] for k, _ in rows) + theme.px(24)
        act_w = max(theme.text_size(a, role)[0] for _, a in rows)
        tips = MOUSE_TIPS if with_tips else ()
        tips_w = max((theme.text_size(t, role)[0] for t in tips), default=0)
        widths = [max(theme.px(86), theme.text_size(b.label, "body", "Medium")[0]
                      + theme.px(24)) for b in self.buttons]
        buttons_w = sum(widths) + theme.px(10) * max(0, len(widths) - 1)
        width = min(w - theme.px(40), max(key_w + act_w, tips_w, buttons_w) + 2 * pad)
        height = fixed + (tips_fixed if with_tips else 0) + row_h * lines
        panel = pygame.Rect(0, 0, width, min(h - theme.px(20), height))
        panel.center = (w // 2, h // 2)
        pygame.draw.rect(surface, th.PANEL, panel, border_radius=theme.px(8))
        x, y = panel.left + pad, panel.top + pad
        surface.blit(theme.text("Keyboard and mouse", "heading", th.TEXT, "Bold"), (x, y))
        y += title_h
        left = x
        for button, button_w in zip(self.buttons, widths, strict=True):
            button.rect = pygame.Rect(left, y, button_w, button_h)
            button.draw(surface, theme)
            left += button_w + theme.px(10)
        y += buttons_h
        surface.blit(theme.text("KEYS", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for key, action in rows:
            surface.blit(theme.text(key, role, th.ACCENT, "Bold"), (x, y))
            surface.blit(theme.text(action, role, th.TEXT), (x + key_w, y))
            y += row_h
        if tips:
            y += theme.px(8)
            surface.blit(theme.text("MOUSE", "title", th.TEXT_MUTED, "Bold"), (x, y))
            y += section_h
        for tip in tips:
            surface.blit(theme.text(tip, role, th.TEXT), (x, y))
            y += row_h
        close = theme.text("Press H, F1 or Esc, or click anywhere, to close.", "caption",
                           th.TEXT_MUTED)
        surface.blit(close, close.get_rect(bottomleft=(x, panel.bottom - pad // 2)))
