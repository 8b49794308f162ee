"""The race's one loss chart: every contestant's test loss by epoch, in its colour.

The lines share one scale (0 to the highest finite loss seen), so the one below is ahead. A
dashed line marks the target loss of a "first to" finish, a tick the epoch budget; the legend
names each contestant as its cell does. Drawn into a cached surface, again only when the race
trained or changed.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from playground_game.model.race import Race
from playground_game.ui import theme as th
from playground_game.ui.race.layout import CONTESTANT_COLOURS
from playground_game.ui.theme import Theme


class RaceChart:
    """Draws the shared chart; keeps the last drawing while nothing changed."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._surface: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect, race: Race,
             names: list[str], pointer: tuple[int, int] | None = None) -> None:
        key = (rect.size, race.epoch, race.revision, theme.scale, theme.presenting,
               tuple(id(p.test_losses) for p in race.playgrounds), race.finish, tuple(names))
        if key != self._key or self._surface is None:
            self._surface = self._paint(theme, rect.size, race, names)
            self._key = key
        surface.blit(self._surface, rect)

    def _paint(self, theme: Theme, size: tuple[int, int], race: Race,
               names: list[str]) -> pygame.Surface:
        surf = pygame.Surface(size)
        surf.fill(th.PANEL)
        pygame.draw.rect(surf, th.BORDER, surf.get_rect(), 1)
        pad = theme.px(6)
        title = theme.text("Test loss by epoch", "caption", th.TEXT_MUTED)
        surf.blit(title, (pad, pad // 2))
        legend_w = self._legend(surf, theme, names)
        plot = pygame.Rect(pad, pad // 2 + title.get_height(),
                           size[0] - legend_w - 3 * pad, size[1] - title.get_height() - pad)
        series = [np.asarray(p.test_losses, dtype=np.float64) for p in race.playgrounds]
        finite = np.concatenate([s[np.isfinite(s)] for s in series])
        span_epochs = max(race.epoch, race.finish.epochs if race.finish.epochs else 0, 1)
        top = float(finite.max()) if finite.size else 1.0
        top = top if top > 0 else 1.0
        width = max(2, theme.px(2))

        def y_of(values: np.ndarray) -> np.ndarray:
            return plot.bottom - values / top * plot.height

        if race.finish.to_loss > 0 and race.finish.to_loss < top:
            y = float(y_of(np.array([race.finish.to_loss]))[0])
            for x in range(plot.left, plot.right, 2 * theme.px(6)):
                pygame.draw.line(surf, th.TEXT_MUTED, (x, y), (min(x + theme.px(6), plot.right),
                                                                y), max(1, theme.px(1)))
        if race.finish.epochs:
            x = plot.left + race.finish.epochs / span_epochs * plot.width
            pygame.draw.line(surf, th.TEXT_MUTED, (x, plot.top), (x, plot.bottom),
                             max(1, theme.px(1)))
        for index, values in enumerate(series):
            n = len(values)
            if n < 2:
                continue
            count = min(n, max(2, plot.width))
            picks = np.linspace(0, n - 1, count).round().astype(np.int64)
            xs = plot.left + picks / span_epochs * plot.width
            ys = y_of(values[picks])
            points = [(x, y) for x, y in zip(xs.tolist(), ys.tolist(), strict=True)
                      if math.isfinite(y)]
            if len(points) >= 2:
                pygame.draw.lines(surf, CONTESTANT_COLOURS[index], False, points, width)
        pygame.draw.line(surf, th.BORDER, plot.bottomleft, plot.bottomright)
        return surf

    @staticmethod
    def _legend(surf: pygame.Surface, theme: Theme, names: list[str]) -> int:
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
            pygame.draw.rect(surf, CONTESTANT_COLOURS[index],
                             (x, y + (line_h - swatch) // 2, swatch, swatch))
            surf.blit(text, (x + swatch + pad // 2, y), area=pygame.Rect(
                0, 0, max(0, surf.get_width() - x - swatch - pad), text.get_height()))
        return width
