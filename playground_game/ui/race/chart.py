"""The race's one loss chart: every contestant's test loss by epoch, in its colour.

The lines share one scale, so the one below is ahead: 0 to the highest finite loss of the
contestants still in the race. A contestant whose loss blew up (NaN, or far above where the
others started) would flatten every other line, so it is drawn along the top, labelled
"diverged", and the scale is the others'. Epochs run along the bottom and losses up the left,
a few round ticks each. A dashed line marks the target loss of a "first to" finish and a line
the epoch budget, each labelled; the legend names each contestant as its cell does. Drawn into
a cached surface, again only when the race trained or changed.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from playground_game.model.race import Race
from playground_game.ui import theme as th
from playground_game.ui.race.layout import contestant_colour
from playground_game.ui.theme import Theme

TICKS = 4  # about this many ticks on each axis
DIVERGED = 10.0  # a loss this many times the highest first loss is off the chart: diverged


def nice_ticks(top: float, count: int = TICKS) -> list[float]:
    """Round values from 0 up to `top`: a step of 1, 2 or 5 times a power of ten."""
    if not top > 0 or not math.isfinite(top):
        return [0.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [k * step for k in range(int(top / step + 1e-9) + 1)]


def diverged(values: np.ndarray, ceiling: float) -> bool:
    """Whether a contestant's losses blew up: a NaN or infinity, or a loss above `ceiling`."""
    return bool(values.size and (not np.all(np.isfinite(values)) or values.max() > ceiling))


def loss_scale(series: list[np.ndarray]) -> tuple[float, list[bool]]:
    """The chart's top loss and which contestants diverged (drawn along the top instead)."""
    starts = [float(s[0]) for s in series if s.size and math.isfinite(s[0])]
    ceiling = DIVERGED * max(starts) if starts else math.inf
    gone = [diverged(s, ceiling) for s in series]
    kept = [s[np.isfinite(s)] for s, g in zip(series, gone, strict=True) if not g]
    values = np.concatenate(kept) if kept else np.zeros(0)
    top = float(values.max()) if values.size else 1.0
    return (top if top > 0 else 1.0), gone


def _label(value: float) -> str:
    return f"{value:g}" if value < 1000 else f"{value:,.0f}"


class RaceChart:
    """Draws the shared chart; keeps the last drawing while nothing changed."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._surface: pygame.Surface | None = None
        self.legend_width = 0  # the legend's width at the right, as last drawn

    def free_area(self, rect: pygame.Rect) -> pygame.Rect:
        """The chart's rect left of its legend: lines only, no control, room for a notice."""
        return pygame.Rect(rect.left, rect.top, max(0, rect.width - self.legend_width),
                           rect.height)

    def draw(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, race: Race,
             names: list[str], note: str = "") -> None:
        """The chart in `rect`; `note` follows its title (the result, where the top bar has
        no room for it)."""
        key = (rect.size, race.epoch, race.revision, theme.scale, theme.presenting,
               tuple(id(p.test_losses) for p in race.playgrounds), race.finish, tuple(names),
               note)
        if key != self._key or self._surface is None:
            self._surface = self._paint(theme, rect.size, race, names, note)
            self._key = key
        surface.blit(self._surface, rect)

    def _paint(self, theme: Theme, size: tuple[int, int], race: Race, names: list[str],
               note: str) -> pygame.Surface:
        px = theme.px
        surf = pygame.Surface(size)
        surf.fill(th.PANEL)
        pygame.draw.rect(surf, th.BORDER, surf.get_rect(), 1)
        pad = px(6)
        title = theme.text("Test loss by epoch", "caption", th.TEXT_MUTED)
        surf.blit(title, (pad, pad // 2))
        if note:
            surf.blit(theme.text(note, "caption", th.TEXT, "Bold"),
                      (2 * pad + title.get_width(), pad // 2))
        colours = [contestant_colour(race.letters, k) for k in range(len(names))]
        legend_w = _legend(surf, theme, names, colours)
        self.legend_width = legend_w + pad
        series = [np.asarray(p.test_losses, dtype=np.float64) for p in race.playgrounds]
        top, gone = loss_scale(series)
        caption_h = theme.line_height("caption")
        room = (size[1] - title.get_height() - 2 * caption_h) // caption_h  # labels' room
        ticks = nice_ticks(top, max(2, min(TICKS, room)))
        axis_w = max(theme.text_size(_label(t), "caption")[0] for t in ticks) + pad
        plot = pygame.Rect(pad + axis_w, pad // 2 + title.get_height() + caption_h // 2,
                           0, 0)
        plot.width = size[0] - legend_w - 2 * pad - plot.left
        plot.height = size[1] - caption_h - pad - plot.top
        if plot.width < px(20) or plot.height < px(10):
            return surf
        span = _epoch_span(race)
        thin = max(1, px(1))

        def y_of(loss: float) -> float:
            return plot.bottom - loss / top * plot.height

        def x_of(epoch: float) -> float:
            return plot.left + epoch / span * plot.width

        for tick in ticks:  # the loss scale, left
            y = y_of(tick)
            pygame.draw.line(surf, th.NEUTRAL, (plot.left, y), (plot.right, y), 1)
            text = theme.text(_label(tick), "caption", th.TEXT_MUTED)
            surf.blit(text, text.get_rect(midright=(plot.left - pad // 2, y)))
        for tick in nice_ticks(span):  # the epoch scale, below
            x = x_of(tick)
            pygame.draw.line(surf, th.BORDER, (x, plot.bottom), (x, plot.bottom + px(3)), 1)
            text = theme.text(f"{tick:,.0f}", "caption", th.TEXT_MUTED)
            box = text.get_rect(midtop=(x, plot.bottom + px(2)))
            box.clamp_ip(pygame.Rect(0, 0, plot.right + pad, size[1]))
            surf.blit(text, box)
        pygame.draw.line(surf, th.BORDER, plot.bottomleft, plot.bottomright)
        pygame.draw.line(surf, th.BORDER, plot.topleft, plot.bottomleft)
        if 0 < race.finish.to_loss < top:
            y = y_of(race.finish.to_loss)
            for x in range(plot.left, plot.right, 2 * px(6)):
                pygame.draw.line(surf, th.TEXT, (x, y), (min(x + px(6), plot.right), y), thin)
            text = theme.text(f"finish: test loss {race.finish.to_loss:g}", "caption", th.TEXT)
            surf.blit(text, text.get_rect(bottomleft=(plot.left + pad, max(y - 1, plot.top
                                                                            + caption_h))))
        if race.finish.epochs and race.finish.epochs <= span:
            x = x_of(race.finish.epochs)
            pygame.draw.line(surf, th.TEXT, (x, plot.top), (x, plot.bottom), thin)
            text = theme.text(f"finish: epoch {race.finish.epochs:,}", "caption", th.TEXT)
            surf.blit(text, text.get_rect(topright=(x - pad // 2, plot.top)))
        width = max(2, px(2))
        for index, values in enumerate(series):
            if gone[index]:
                _diverged_line(surf, theme, plot, x_of(len(values) - 1), colours[index])
                continue
            n = len(values)
            if n < 2:
                continue
            count = min(n, max(2, plot.width))
            picks = np.linspace(0, n - 1, count).round().astype(np.int64)
            points = [(x_of(e), y_of(v)) for e, v in zip(picks.tolist(),
                                                         values[picks].tolist(), strict=True)]
            pygame.draw.lines(surf, colours[index], False, points, width)
        return surf


def _diverged_line(surf: pygame.Surface, theme: Theme, plot: pygame.Rect, right: float,
                   colour: tuple[int, int, int]) -> None:
    """A diverged contestant: a line along the top of the plot, saying so."""
    y = plot.top + theme.px(2)
    pygame.draw.line(surf, colour, (plot.left, y), (max(plot.left + 1, right), y),
                     max(2, theme.px(2)))
    text = theme.text("diverged", "caption", colour, "Bold")
    surf.blit(text, text.get_rect(topleft=(plot.left + theme.px(4), y + theme.px(2))))


def _legend(surf: pygame.Surface, theme: Theme, names: list[str],
            colours: list[tuple[int, int, int]]) -> int:
    """The legend at the right, one line per contestant; returns its width."""
    pad = theme.px(6)
    line_h = theme.line_height("caption")
    rows = max(1, (surf.get_height() - pad) // line_h)
    texts = [theme.text(name, "caption", th.TEXT) for name in names]
    swatch = theme.px(12)
    column_w = max(t.get_width() for t in texts) + swatch + 2 * pad
    columns = (len(texts) + rows - 1) // rows
    width = min(column_w * columns, surf.get_width() // 2)
    left = surf.get_width() - width
    for index, text in enumerate(texts):
        x = left + (index // rows) * column_w
        y = pad // 2 + (index % rows) * line_h
        pygame.draw.rect(surf, colours[index], (x, y + (line_h - swatch) // 2, swatch, swatch))
        surf.blit(text, (x + swatch + pad // 2, y), area=pygame.Rect(
            0, 0, max(0, surf.get_width() - x - swatch - pad), text.get_height()))
    return width


def _epoch_span(race: Race) -> int:
    """The epochs the chart spans: the race that ran once it finished; while a race to a test
    loss runs, a little more than the epochs so far (its epoch cap would squeeze an early
    finish into a sliver at the left); else up to the epoch budget."""
    if race.finished:
        return max(race.epoch, 1)
    if race.finish.to_loss > 0 or not race.finish.epochs:
        return max(10, round(race.epoch * 1.25))
    return max(race.epoch, race.finish.epochs, 1)
