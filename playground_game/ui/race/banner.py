"""The result banner: who won the race, at which epoch, and every contestant's loss then.

Shown over the chart once the finish line is reached (the runs stop there), opaque so that no
link or map shows through its text. A click on it, or Enter, closes it: the finished race
stays on screen, its chart in view, and the top bar keeps the headline. R runs the race again
from the start, Esc leaves it. Its text is the theme's, so it grows when presenting.
"""

from __future__ import annotations

import math

import pygame

from playground_game.model.race import Race, Result
from playground_game.ui import theme as th
from playground_game.ui.race.controls import loss_text
from playground_game.ui.race.layout import contestant_colour
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import event_pos, is_click


def headline(race: Race, names: list[str]) -> str:
    """The banner's first line: "B: ReLU wins", or who tie ("B and C tie")."""
    result = race.result
    if result is None:
        return ""
    if result.winner is not None:
        return f"{names[result.winner]} wins"
    contenders = [k for k, loss in enumerate(result.losses) if math.isfinite(loss)
                  and (not result.by_loss or result.reached[k] == result.epoch)]
    best = min((result.losses[k] for k in contenders), default=math.nan)
    tied = [names[k].split(":")[0] for k in contenders if result.losses[k] == best]
    if len(tied) < 2:
        return "A tie"
    return f"{', '.join(tied[:-1])} and {tied[-1]} tie"


def detail_lines(race: Race, names: list[str]) -> list[str]:
    """Why it ended, then one line per contestant: its loss at the finish (and its arrival)."""
    result = race.result
    if result is None:
        return []
    if result.by_loss:
        why = f"First to test loss {race.finish.to_loss:g}, at epoch {result.epoch:,}"
    else:
        why = f"Lowest test loss at epoch {result.epoch:,}"
    lines = [why]
    for index, name in enumerate(names):
        loss = result.losses[index]
        shown = loss_text(loss) + ("" if math.isfinite(loss) else " (blew up)")
        reached = result.reached[index]
        arrival = f", reached {race.finish.to_loss:g} at epoch {reached:,}" \
            if reached is not None else ""
        lines.append(f"{name}: test loss {shown}{arrival}")
    return lines


HINT = "Click or Enter: close    R: race again    Esc: leave the race"


def draw_banner(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, race: Race,
                names: list[str]) -> pygame.Rect:
    """The card: the winner large in its colour, the details, and what to do next; returns
    where it is (a click there closes it)."""
    result = race.result
    if result is None:
        return pygame.Rect(0, 0, 0, 0)
    px = theme.px
    colour = (contestant_colour(race.letters, result.winner) if result.winner is not None
              else th.TEXT)
    lines = detail_lines(race, names)
    size = max(theme.role_font("heading").get_height(), round(theme.height * 0.06))
    head = theme.pixel_font(size, "Bold").render(headline(race, names), True, colour)
    hint = theme.text(HINT, "body", th.TEXT_MUTED)
    texts = [theme.text(line, "value", th.TEXT) for line in lines]
    height = (head.get_height() + sum(t.get_height() for t in texts) + hint.get_height()
              + px(40))
    width = max([rect.width, head.get_width(), hint.get_width()]
                + [t.get_width() for t in texts]) + px(32)
    card = pygame.Rect(0, 0, min(width, surface.get_width() - px(8)),
                       min(height, surface.get_height() - px(8)))
    card.midbottom = rect.midbottom
    pygame.draw.rect(surface, th.PANEL, card, border_radius=px(8))
    pygame.draw.rect(surface, colour, card, width=max(3, px(3)), border_radius=px(8))
    y = card.top + px(12)
    surface.blit(head, head.get_rect(midtop=(card.centerx, y)))
    y += head.get_height() + px(8)
    for text in texts:
        surface.blit(text, text.get_rect(midtop=(card.centerx, y)))
        y += text.get_height()
    surface.blit(hint, hint.get_rect(midtop=(card.centerx, y + px(8))))
    return card


class ResultBanner:
    """Whether the banner is up, where it was drawn, and what closes it."""

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)  # as last drawn (empty: not on screen)
        self._closed: Result | None = None  # the result whose banner was closed

    def shown(self, race: Race) -> bool:
        """Up: the race finished and this result's banner was not closed."""
        return race.result is not None and race.result is not self._closed

    def close(self, race: Race) -> None:
        """Close it; the finished race stays on screen (the top bar says who won)."""
        self._closed = race.result

    def handle_event(self, event: pygame.event.Event, race: Race) -> bool:
        """While it is up: a click on it or Enter closes it (True: the event was its)."""
        if not self.shown(race):
            return False
        pos = event_pos(event)
        on_it = pos is not None and self.rect.collidepoint(pos)
        clicked = is_click(event) and on_it
        enter = event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN,
                                                               pygame.K_KP_ENTER)
        if clicked or enter:
            self.close(race)
        return clicked or enter or (event.type == pygame.MOUSEBUTTONUP and on_it)

    def draw(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, race: Race,
             names: list[str]) -> None:
        self.rect = (draw_banner(surface, theme, rect, race, names) if self.shown(race)
                     else pygame.Rect(0, 0, 0, 0))
