"""The divergence card: training blew up (NaN or infinite losses): say so and offer a fix.

The app pauses training when a step leaves the session diverged (`Playground.diverged`) and shows
this card over the network view: what happened in one sentence, and two buttons. "Lower the rate
and reset" dispatches the next lower learning rate of the knob's options, then a Reset, like any
other change (so undo and lesson locks apply); "Keep it" closes the card. The card goes by itself
when the session is no longer diverged (Reset, Undo, a new experiment).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.knobs import LEARNING_RATES
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import draw_text_button, draw_wrapped, event_pos, is_click

TITLE = "Training diverged"
BUTTONS = (("fix", "Lower the rate and reset"), ("close", "Keep it"))


def lower_learning_rate(rate: float) -> float:
    """The largest option of the learning-rate knob at most a tenth of `rate` (one step down
    often blows up too), or the lowest option."""
    lower = [r for r in LEARNING_RATES if r <= rate / 10 + 1e-12]
    return lower[-1] if lower else LEARNING_RATES[0]


def explanation(rate: float) -> str:
    return (f"The losses are no longer numbers: with learning rate {rate:g} each step "
            "overshot, the weights grew without bound and every picture went grey. "
            f"Try a smaller learning rate ({lower_learning_rate(rate):g}) from new weights.")


class DivergenceCard:
    """A card over the network; a layer of the router (not modal: the rest keeps working)."""

    def __init__(self, fix: Callable[[], None], area: Callable[[], pygame.Rect],
                 rate: Callable[[], float]) -> None:
        self.shown = False
        self._fix = fix
        self._area = area  # where the card goes: the network view
        self._rate = rate
        self._rects: dict[str, pygame.Rect] = {}  # the buttons, as last drawn
        self._card = pygame.Rect(0, 0, 0, 0)
        self._hovered: str | None = None

    def show(self) -> None:
        self.shown = True

    def hide(self) -> None:
        self.shown = False
        self._hovered = None
        self._rects = {}
        self._card = pygame.Rect(0, 0, 0, 0)

    def active(self) -> bool:
        return self.shown

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"divergence:fix" or "divergence:close" while the card shows (for the test pilot)."""
        if not self.shown or not name.startswith("divergence:"):
            return None
        return self._rects.get(name.partition(":")[2])

    def handle_event(self, event: pygame.event.Event) -> bool:
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION:
            self._hovered = next((k for k, r in self._rects.items() if r.collidepoint(pos)), None)
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.hide()
            return True
        if not is_click(event):
            return False
        for name, rect in self._rects.items():
            if rect.collidepoint(pos):
                self.hide()
                if name == "fix":
                    self._fix()
                return True
        return self._card.collidepoint(pos)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        area = self._area()
        px = theme.px
        pad = px(16)
        width = min(area.width - 2 * px(8), max(px(380), area.width * 2 // 3))
        text_w = width - 2 * pad
        lines = theme.wrap(explanation(self._rate()), "body", text_w)
        button_h = theme.line_height("body") + px(14)
        label_ws = [theme.text_size(label, "body", "Medium")[0] + px(28) for _, label in BUTTONS]
        height = (pad + theme.line_height("value") + px(8) + len(lines) * theme.line_height("body")
                  + px(14) + button_h + pad)
        card = pygame.Rect(0, 0, width, height)
        card.center = area.center
        pygame.draw.rect(surface, th.BORDER, card.move(px(2), px(3)), border_radius=px(6))
        pygame.draw.rect(surface, th.PANEL, card, border_radius=px(6))
        pygame.draw.rect(surface, th.ERROR, card, width=max(2, px(2)), border_radius=px(6))
        title = theme.text(TITLE, "value", th.ERROR, "Bold")
        surface.blit(title, (card.left + pad, card.top + pad))
        y = card.top + pad + theme.line_height("value") + px(8)
        body = pygame.Rect(card.left + pad, y, text_w, len(lines) * theme.line_height("body"))
        draw_wrapped(surface, theme, body, lines, "body", th.TEXT)
        y = body.bottom + px(14)
        x = card.left + pad
        self._card = card
        rects = {}
        for (name, label), w in zip(BUTTONS, label_ws, strict=True):
            rect = pygame.Rect(x, y, w, button_h)
            draw_text_button(surface, theme, rect, label, self._hovered == name,
                             primary=name == "fix")
            rects[name] = rect
            x = rect.right + px(10)
        self._rects = rects
