"""The formula panel (F): the network's output written as a formula of its inputs.

A wide card lists one line per unit, with the weights on screen rounded to a few digits and the
units named as a reader finds them (the inputs by their labels, hL_k for unit k of hidden layer
L counted from the top, `out` for the output); a legend defines the functions used. Long
formulas wrap to the card and scroll (the wheel, the arrows, Page Up and Page Down, Home, End).
"Copy as Python" puts a NumPy function computing the same outputs with the exact weights on the
clipboard (or, without one, prints it in the terminal). The text is written by model/formula.py.
"""

from __future__ import annotations

import pygame

from playground_game.model.bookmark import encode_code
from playground_game.model.formula import DIGITS, formula, python_function
from playground_game.model.playground import Playground
from playground_game.ui import clipboard
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import Dialog
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button

FORMULA_WIDTH = 1120  # the card's width at 720p, at most the window's
SCROLL_KEYS = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -10, pygame.K_PAGEDOWN: 10}


class FormulaDialog(Dialog):
    """The formula of the network as it is now; read once when opened (training is paused)."""

    title = "The network as a formula"

    def __init__(self, host: Commands, playground: Playground) -> None:
        super().__init__(host)
        s = playground.settings
        self._formula = formula(playground.network, s.input_features, playground.objective)
        about = f"Experiment: {encode_code(s)} (epoch {playground.epoch})"
        self._python = python_function(playground.network, s.input_features,
                                       playground.objective, about=about)
        self.intro = (f"The output at epoch {playground.epoch}, weights rounded to {DIGITS} "
                      "digits. hL_k is unit k (from the top) of hidden layer L.")
        self.scroll = 0  # the first wrapped row shown
        self._rows: list[tuple[str, tuple[int, int, int], int]] = []  # text, colour, indent
        self._body = pygame.Rect(0, 0, 0, 0)
        self._visible = 1
        self.buttons["copy"] = Button("copy", self.copy_python, label="Copy as Python")
        self.buttons["close"] = Button("close", self.close, label="Close")

    def copy_python(self) -> None:
        """The exact NumPy function to the clipboard; without one, to the terminal."""
        lines = self._python.count("\n")
        if clipboard.copy_text(self._python):
            self.host.toast(f"Copied the network as a Python function ({lines} lines, NumPy): "
                            "network(x1, x2) gives the outputs.")
            return
        clipboard.print_fallback(self._python, "Python function")
        self.host.toast("There is no clipboard here: the Python function was printed in the "
                        "terminal.")

    def _wrap(self, theme: Theme, width: int) -> list[tuple[str, tuple[int, int, int], int]]:
        """Every row to draw: each unit's line wrapped, continuation rows indented."""
        indent = theme.px(28)
        rows = [(text, th.TEXT_MUTED, 0) for text in theme.wrap(self.intro, "body", width)]
        rows.append(("", th.TEXT, 0))
        legend = ("", *self._formula.legend) if self._formula.legend else ()
        for line in (*self._formula.lines, "", self._formula.reading, *legend):
            shown = (*self._formula.lines, self._formula.reading)
            colour = th.TEXT if line in shown else th.TEXT_MUTED  # the legend muted
            if not line:
                rows.append(("", colour, 0))
                continue
            head, *rest = theme.wrap(line, "body", width)
            rows.append((head, colour, 0))
            if rest:
                rows += [(text, colour, indent)
                         for text in theme.wrap(" ".join(rest), "body", width - indent)]
        return rows

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width(FORMULA_WIDTH)
        self._rows = self._wrap(theme, inner)
        line_h = theme.line_height("body")
        pad = theme.px(20)
        chrome = 2 * pad + theme.line_height("value") + theme.px(10) + theme.px(14) \
            + theme.px(32)
        room = max(line_h, self.host.screen.get_height() - theme.px(16) - chrome)
        self._visible = max(1, min(len(self._rows), room // line_h))
        self.scroll = max(0, min(self.scroll, len(self._rows) - self._visible))
        _, top, x = self._card(self._visible * line_h, FORMULA_WIDTH)
        self._body = pygame.Rect(x, top, inner, self._visible * line_h)
        self._place_buttons(("copy", "close"))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll -= 3 * event.y
        elif event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS:
            self.scroll += SCROLL_KEYS[event.key]
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_HOME:
            self.scroll = 0
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_END:
            self.scroll = len(self._rows)
        else:
            return
        self.layout()  # clamps the scroll

    @property
    def scrollable(self) -> bool:
        return len(self._rows) > self._visible

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        line_h = theme.line_height("body")
        y = self._body.top
        for text, colour, indent in self._rows[self.scroll: self.scroll + self._visible]:
            if text:
                surface.blit(theme.text(text, "body", colour), (self._body.left + indent, y))
            y += line_h
        if self.scrollable:  # where the view is in the whole, on the card's right edge
            track = pygame.Rect(self.rect.right - theme.px(12), self._body.top, theme.px(4),
                                self._body.height)
            pygame.draw.rect(surface, th.BORDER, track, border_radius=theme.px(2))
            share = self._visible / len(self._rows)
            thumb = pygame.Rect(track.left, track.top + round(track.height * self.scroll
                                                              / len(self._rows)),
                                track.width, max(theme.px(12), round(track.height * share)))
            pygame.draw.rect(surface, th.TEXT_MUTED, thumb, border_radius=theme.px(2))
            hint = "Scroll: wheel, arrows, Page Up / Down"
            surface.blit(theme.text(hint, "caption", th.TEXT_MUTED),
                         (self._body.left, self.rect.bottom - theme.px(20)
                          - theme.line_height("caption") - theme.px(6)))
