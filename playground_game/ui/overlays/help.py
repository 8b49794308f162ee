"""The help overlay (H, F1 or the ? button): every row of the keymap, then the mouse tips.

The list is `ui/keymap.py`'s `KEYMAP`, so the help, the key handling and README.md never
disagree; a screen that answers some commands its own way (the race) hands the help its own
words for them (`overrides`). While it is open it takes every key and click: H, F1, Esc or a
click closes it; the mouse wheel, the arrows, Page Up / Page Down, Home and End scroll it. Its
top row holds the buttons of `BUTTONS` (the formula, saving and opening an experiment file),
commands without a place of their own in the window; a click there closes the help and runs
the command. When the list does not fit the window at the body text's size, its rows are drawn
closer, then in the caption's size, then it scrolls under its title and over its footer; a
description too long for the card wraps under itself.
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


WHEEL_BUTTONS = (4, 5)  # a wheel's clicks on some systems: they scroll, never close
SCROLL_KEYS = (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME,
               pygame.K_END)


def help_rows(overrides: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The help overlay's list: every row of the keymap, as (keys, what they do); a command
    in `overrides` is described by its text there."""
    overrides = overrides or {}
    rows = []
    for s in keymap.KEYMAP:
        does = overrides.get(s.command, s.does)
        rows.append((s.keys, does[:1].upper() + does[1:]))
    return rows


class HelpOverlay:
    """A card over the window listing the keys and the mouse; a layer of the input router."""

    def __init__(self, run: Callable[[str], None] | None = None) -> None:
        """`run(command)` runs an App command by name (the buttons'); None shows no buttons."""
        self._open = False
        self.buttons = [Button(name, self._runner(command), label=label)
                        for name, label, command in BUTTONS] if run is not None else []
        self._run = run
        self.overrides: dict[str, str] = {}  # command -> its words on the screen up now
        self.scroll = 0  # pixels of the list scrolled out of view at the top
        self.max_scroll = 0  # as last drawn: 0 when the whole list fits
        self._page = 0  # the list's visible height, as last drawn
        self._step = 0  # one row's height, as last drawn
        self.view = pygame.Rect(0, 0, 0, 0)  # where the list shows, as last drawn
        self.list_bottom = 0  # the bottom of the list's last line, as last drawn

    @property
    def open(self) -> bool:
        return self._open

    @open.setter
    def open(self, value: bool) -> None:
        if value and not self._open:
            self.scroll = 0  # opened again: from the top
        self._open = value

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
        """Open: a button runs its command; a closing key or a click closes it; the wheel and
        the scrolling keys scroll; every other event is held back."""
        for button in self.buttons:
            if button.rect.width and button.handle_event(event):
                return True
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_by(-event.y * 3 * max(1, self._step))
        elif event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS:
            page = max(self._step, self._page - self._step)
            self._scroll_by({pygame.K_UP: -self._step, pygame.K_DOWN: self._step,
                             pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page,
                             pygame.K_HOME: -self.max_scroll - 1,
                             pygame.K_END: self.max_scroll + 1}[event.key])
        else:
            closing_key = event.type == pygame.KEYDOWN and event.key in CLOSING_KEYS
            click = (event.type == pygame.MOUSEBUTTONDOWN
                     and getattr(event, "button", 1) not in WHEEL_BUTTONS)
            if closing_key or click:
                self.open = False
        return True

    def _scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + pixels))

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        w, h = surface.get_size()
        surface.blit(theme.veil((w, h), (0, 0, 0, 130)), (0, 0))
        pad = theme.px(24)
        rows = help_rows(self.overrides)
        title_h = theme.line_height("heading") + theme.px(10)
        section_h = theme.line_height("title") + theme.px(6)
        button_h = max(theme.px(30), theme.line_height("body") + theme.px(10))
        buttons_h = button_h + theme.px(12) if self.buttons else 0
        footer_h = theme.line_height("caption") + theme.px(10)
        fixed = title_h + buttons_h + footer_h + 2 * pad
        widths = [max(theme.px(86), theme.text_size(b.label, "body", "Medium")[0]
                      + theme.px(24)) for b in self.buttons]
        buttons_w = sum(widths) + theme.px(10) * max(0, len(widths) - 1)
        room_h = h - theme.px(20)
        # The first that fits: the body's size, rows closer, the caption's size; else the
        # caption's size, scrolling.
        for role, gap in (("body", theme.px(6)), ("body", theme.px(2)), ("caption", theme.px(2))):
            key_w = max(theme.text_size(k, role, "Bold")[0] for k, _ in rows) + theme.px(24)
            act_w = max(theme.text_size(a, role)[0] for _, a in rows)
            tips_w = max(theme.text_size(t, role)[0] for t in MOUSE_TIPS)
            width = min(w - theme.px(40), max(key_w + act_w, tips_w, buttons_w) + 2 * pad)
            inner = width - 2 * pad
            lines = [theme.wrap(a, role, max(theme.px(60), inner - key_w)) for _, a in rows]
            tips = [theme.wrap(t, role, inner) for t in MOUSE_TIPS]
            row_h = theme.line_height(role)
            content_h = (2 * section_h + theme.px(8)
                         + sum(len(x) * row_h + gap for x in lines + tips))
            if fixed + content_h <= room_h:
                break
        panel = pygame.Rect(0, 0, width, min(room_h, fixed + content_h))
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
        view = pygame.Rect(x, y, inner, panel.bottom - pad // 2 - footer_h - y)
        self._page, self._step = view.height, row_h + gap
        self.max_scroll = max(0, content_h - view.height)
        self.scroll = min(self.scroll, self.max_scroll)
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip))
        y = view.top - self.scroll
        surface.blit(theme.text("KEYS", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for (key, _), wrapped in zip(rows, lines, strict=True):
            surface.blit(theme.text(key, role, th.ACCENT, "Bold"), (x, y))
            for line in wrapped:
                surface.blit(theme.text(line, role, th.TEXT), (x + key_w, y))
                y += row_h
            y += gap
        y += theme.px(8)
        surface.blit(theme.text("MOUSE", "title", th.TEXT_MUTED, "Bold"), (x, y))
        y += section_h
        for wrapped in tips:
            for line in wrapped:
                surface.blit(theme.text(line, role, th.TEXT), (x, y))
                y += row_h
            y += gap
        self.view, self.list_bottom = view, y - gap
        surface.set_clip(clip)
        words = "Press H, F1 or Esc, or click, to close."
        if self.max_scroll:
            words += " The wheel, the arrows or Page Up / Down scroll."
        close = theme.text(words, "caption", th.TEXT_MUTED)
        surface.blit(close, close.get_rect(bottomleft=(x, panel.bottom - pad // 2)))
