"""The lesson panel's drawing helpers: rich text (*stars* for emphasis) and a goal over fresh
starts' row of marks (see lesson_panel.py)."""

from __future__ import annotations

import pygame

from playground_game.model.lessons.goal_base import StartsShown
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.drawing import draw_tick

SUCCESS = (0x2E, 0x7D, 0x32)


def _words(text: str) -> list[tuple[str, bool]]:
    """Words of one paragraph with a bold flag: *stars* around words mark emphasis."""
    out: list[tuple[str, bool]] = []
    bold = False
    for word in text.split():
        starts = word.startswith("*")
        if starts:
            bold = True
            word = word[1:]
        ends = word.rstrip(".,;:!?)").endswith("*")
        if ends:
            stripped = word.rstrip(".,;:!?)")
            word = stripped[:-1] + word[len(stripped):]
        if word:
            out.append((word, bold))
        if ends:
            bold = False
    return out


def draw_rich(surface: pygame.Surface, theme: Theme, text: str, rect: pygame.Rect,
              role: str = "body", colour: tuple[int, int, int] = th.TEXT,
              cut: list[str] | None = None) -> int:
    """Wrapped paragraphs with *emphasis* inside rect; returns the height used.

    Lines that would not fit are dropped rather than drawn outside the rect, and the last line
    drawn then ends in an ellipsis (never cut silently); `cut` gets the words left out.
    """
    line_h = theme.line_height(role)
    space = theme.text_size(" ", role)[0]
    y = rect.top
    last: tuple[int, int] | None = None  # where the last word drawn starts
    x = rect.left
    paragraphs = text.split("\n")
    for n, paragraph in enumerate(paragraphs):
        x = rect.left
        words = _words(paragraph)
        if y + line_h > rect.bottom + 1:
            left = [w for p in paragraphs[n:] for w, _ in _words(p)]
            return _ellipsis(surface, theme, rect, role, colour, last, x, left, cut, y)
        for k, (word, bold) in enumerate(words):
            weight = "Bold" if bold else None
            w = theme.text_size(word, role, weight)[0]
            if x > rect.left and x + w > rect.right:
                if y + 2 * line_h > rect.bottom + 1:
                    left = [w for w, _ in words[k:]] + [w for p in paragraphs[n + 1:]
                                                        for w, _ in _words(p)]
                    return _ellipsis(surface, theme, rect, role, colour, last, x, left, cut,
                                     y + line_h)
                x = rect.left
                y += line_h
            surface.blit(theme.text(word, role, colour, weight), (x, y))
            last = (x, y)
            x += w + space
        y += line_h + theme.px(4)
    return y - rect.top


def _ellipsis(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, role: str,
              colour: tuple[int, int, int], last: tuple[int, int] | None, x: int,
              left: list[str], cut: list[str] | None, y: int) -> int:
    """An ellipsis after the last word drawn (over it where the line is full)."""
    if cut is not None:
        cut.extend(left)
    if last is None or not left:
        return y - rect.top
    mark = theme.text("\u2026", role, colour)
    space = theme.text_size(" ", role)[0]
    at = x - space if x - space + mark.get_width() <= rect.right else last[0]
    if at == last[0]:  # no room after the word: the ellipsis takes its place
        if cut is not None:
            cut.insert(0, "")
        surface.fill(th.PANEL, pygame.Rect(at, last[1], rect.right - at, theme.line_height(role)))
    surface.blit(mark, (at, last[1]))
    return y - rect.top


def draw_start_marks(surface: pygame.Surface, theme: Theme, shown: StartsShown,
                     rect: pygame.Rect) -> None:
    """A goal over fresh starts, one square a start in a row within rect: a tick on green where
    the start succeeded, a cross on red where it failed, blue filling up as the start in
    training uses its budget, an empty outline for those to come."""
    gap = theme.px(3)
    size = min(rect.height, (rect.width - gap * (shown.total - 1)) // max(1, shown.total))
    if size < 3:
        return
    line = max(1, theme.px(1.5))
    for k in range(shown.total):
        box = pygame.Rect(rect.left + k * (size + gap), rect.centery - size // 2, size, size)
        if k < len(shown.outcomes):
            won = shown.outcomes[k]
            pygame.draw.rect(surface, SUCCESS if won else th.ERROR, box, border_radius=line)
            mark = box.inflate(-2 * line, -2 * line)
            if won:
                draw_tick(surface, mark, th.PANEL, line)
            else:
                pygame.draw.line(surface, th.PANEL, mark.topleft, mark.bottomright, line)
                pygame.draw.line(surface, th.PANEL, mark.bottomleft, mark.topright, line)
            continue
        if k == len(shown.outcomes) and shown.running > 0:
            filled = box.copy()
            filled.width = max(1, round(box.width * shown.running))
            pygame.draw.rect(surface, th.NEUTRAL, box)
            pygame.draw.rect(surface, th.BLUE, filled)
        pygame.draw.rect(surface, th.BLUE if k == len(shown.outcomes) else th.TEXT_MUTED, box,
                         width=line, border_radius=line)
