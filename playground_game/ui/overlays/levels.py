"""The level screen (L, or the Lessons button): a game's level select.

Lessons are grouped by chapter, each card with a small picture of the lesson's data, its number,
title and summary, and its stars once done; the free playground is the last card. The arrows
move the selection (Up and Down to the card drawn above or below), Enter opens it, the mouse
wheel scrolls when the course is taller than the window; broken lesson files are listed with
their problem. On the very first start it greets the student instead of offering a way "back"
to a playground they have not seen.

It covers the window and takes every event while open.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from playground_game.model.core.datasets import DATASETS, REGRESSION
from playground_game.model.lessons import Lesson
from playground_game.ui import theme as th
from playground_game.ui.heatmap import point_colour, point_pixel
from playground_game.ui.lesson_mode import FREE, LessonMode
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import event_pos, is_click
from playground_game.ui.widgets.drawing import draw_wrapped
from playground_game.ui.widgets.stars import draw_stars

LEVEL_PREFIX = "level:"
CARD_HEIGHT = 84  # px at 720p
CARD_MIN_WIDTH = 280
FREE_SUMMARY = "Every control, no goals: explore on your own."
FREE_CHAPTER = "Explore"


@dataclass(frozen=True)
class _Entry:
    key: str  # a lesson id, or FREE
    lesson: Lesson | None
    chapter: str


class LevelScreen:
    """The level-select screen; a modal layer of the input router."""

    def __init__(self, mode: LessonMode) -> None:
        self.mode = mode
        self._level_rects: dict[str, pygame.Rect] = {}
        self._mouse: tuple[int, int] = (-1, -1)
        self.selected = 0  # index into the entries: the arrows move it, Enter opens it
        self.scroll = 0  # pixels the cards are scrolled up
        self._follow = True  # scroll the selection into view at the next draw (keys, opening)
        self._columns = 1
        self.placed: list[pygame.Rect] = []  # each entry's card, before scrolling (last draw)
        self.summary_cut: dict[str, bool] = {}  # per drawn card: its summary did not fit
        self._max_scroll = 0
        self._thumbs: dict[tuple[str, int, int], pygame.Surface] = {}
        self.greeting = False  # the first start: no playground seen yet to go back to

    def active(self) -> bool:
        return self.mode.levels_open

    # -- entries ---------------------------------------------------------------------------

    def entries(self) -> list[_Entry]:
        """Every lesson in course order with its chapter, then the free playground."""
        course = self.mode.ensure_loaded()
        found = [_Entry(x.id, x, x.chapter or "Lessons") for x in course.lessons]
        return [*found, _Entry(FREE, None, FREE_CHAPTER)]

    def select(self, key: str) -> None:
        """Put the selection on the entry `key` (the lesson being taken, when opening)."""
        keys = [e.key for e in self.entries()]
        if key in keys:
            self.selected = keys.index(key)
            self._follow = True

    # -- events ----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION and pos is not None:
            self._mouse = pos
            keys = [e.key for e in self.entries()]
            for key, rect in self._level_rects.items():  # the pointer selects: one highlight
                if rect.collidepoint(pos):
                    self.selected = keys.index(key)
        if event.type == pygame.KEYDOWN:
            self._key(event.key)
            return event.key != pygame.K_F11
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(self._max_scroll, self.scroll
                                     - getattr(event, "y", 0) * self.mode.host.theme.px(48)))
            return True
        if is_click(event):
            for key, rect in self._level_rects.items():
                if pos is not None and rect.collidepoint(pos):
                    self._choose(key)
                    break
        return event.type not in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.QUIT)

    def _key(self, key: int) -> None:
        count = len(self.entries())
        self._follow = True
        moves = {pygame.K_RIGHT: 1, pygame.K_LEFT: -1}
        if key in moves:
            self.selected = max(0, min(count - 1, self.selected + moves[key]))
        elif key in (pygame.K_DOWN, pygame.K_UP):
            self.selected = self._vertical_neighbour(self.selected, key == pygame.K_DOWN)
        elif key == pygame.K_HOME:
            self.selected = 0
        elif key == pygame.K_END:
            self.selected = count - 1
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._choose(self.entries()[self.selected].key)
        elif key in (pygame.K_ESCAPE, pygame.K_l) and self.mode.host.playground is not None:
            if self.greeting:
                self._choose(FREE)
            else:
                self.mode.close_levels()

    def _vertical_neighbour(self, index: int, down: bool) -> int:
        """The card drawn right below (or above) card `index`: the nearest row that way, and in
        it the card nearest across. A chapter's short last row is not skipped, as moving by a
        row's length in list order would."""
        placed = self.placed
        if not 0 <= index < len(placed):
            step = self._columns if down else -self._columns
            return max(0, min(len(self.entries()) - 1, index + step))
        here = placed[index]
        rows = [r.top for r in placed if (r.top > here.top if down else r.top < here.top)]
        if not rows:
            return index
        row = min(rows) if down else max(rows)
        return min((k for k, r in enumerate(placed) if r.top == row),
                   key=lambda k: abs(placed[k].centerx - here.centerx))

    def _choose(self, key: str) -> None:
        self.greeting = False
        self.mode.choose(key)

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"level:ID" and "level:free", for the test pilot."""
        if name.startswith(LEVEL_PREFIX) and self.mode.levels_open:
            return self._level_rects.get(name[len(LEVEL_PREFIX):])
        return None

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The level-select screen over the whole window (nothing when it is closed)."""
        self._level_rects = {}
        if not self.mode.levels_open:
            return
        course = self.mode.ensure_loaded()
        entries = self.entries()
        self.selected = max(0, min(len(entries) - 1, self.selected))
        w, h = surface.get_size()
        surface.fill(th.BACKGROUND)
        margin = theme.px(24)
        header = self._draw_header(surface, theme, w, margin)
        problems = course.problems
        problem_h = (theme.line_height("caption") * (len(problems) + 1) + theme.px(8)
                     if problems else 0)
        area = pygame.Rect(margin, header.bottom + theme.px(12), w - 2 * margin,
                           h - header.bottom - theme.px(12) - margin - problem_h)
        self._draw_cards(surface, theme, entries, area)
        if problems:
            self._draw_problems(surface, theme, problems, margin, h - margin - problem_h)

    def _draw_header(self, surface: pygame.Surface, theme: Theme, w: int,
                     margin: int) -> pygame.Rect:
        course = self.mode.ensure_loaded()
        progress = self.mode.progress
        header = pygame.Rect(0, 0, w, theme.px(72))
        pygame.draw.rect(surface, th.HEADER, header)
        title = theme.text("Welcome! Pick a lesson" if self.greeting else "Lessons", "heading",
                           th.HEADER_TEXT, "Bold")
        surface.blit(title, title.get_rect(midleft=(margin, header.centery)))
        done = [x for x in course.lessons if progress and progress.is_complete(x.id)]
        stars = sum(progress.completed[x.id].stars for x in done) if progress else 0
        sub = (f"{len(done)} of {len(course.lessons)} done, {stars} of "
               f"{3 * len(course.lessons)} stars")
        text = theme.text(sub, "body", th.HEADER_MUTED)
        x = margin + title.get_width() + theme.px(20)
        surface.blit(text, text.get_rect(midleft=(x, header.centery + theme.px(3))))
        if self.mode.host.playground is not None:
            hint = ("Arrows and Enter choose; Esc: the free playground" if self.greeting
                    else "Arrows and Enter choose; Esc or L: back")
            label = theme.text(hint, "caption", th.HEADER_MUTED)
            if label.get_width() < w - x - text.get_width() - 2 * margin:
                surface.blit(label, label.get_rect(midright=(w - margin, header.centery)))
        return header

    def _draw_cards(self, surface: pygame.Surface, theme: Theme, entries: list[_Entry],
                    area: pygame.Rect) -> None:
        """Chapter headings and cards, scrolled so the selection stays in view."""
        gap = theme.px(10)
        columns = max(1, min(4, (area.width + gap) // (theme.px(CARD_MIN_WIDTH) + gap)))
        self._columns = columns
        card_w = (area.width - gap * (columns - 1)) // columns
        card_h = self._card_height(theme, entries, card_w)
        heading_h = theme.line_height("title") + theme.px(8)
        placed: list[tuple[int, pygame.Rect]] = []  # (entry index, rect before scrolling)
        headings: list[tuple[str, int]] = []
        y, col, chapter = 0, 0, None
        for k, entry in enumerate(entries):
            if entry.chapter != chapter:
                if col:
                    y += card_h + gap
                chapter, col = entry.chapter, 0
                headings.append((chapter, y))
                y += heading_h
            placed.append((k, pygame.Rect(area.left + col * (card_w + gap), y, card_w, card_h)))
            col += 1
            if col == columns:
                col, y = 0, y + card_h + gap
        self.placed = [rect for _, rect in placed]
        total = y + (card_h if col else 0)
        self._max_scroll = max(0, total - area.height)
        chosen = placed[self.selected][1]
        if self._follow:  # the keyboard moved: bring the selection into view (the wheel may not)
            if chosen.top < self.scroll:
                self.scroll = chosen.top - heading_h
            elif chosen.bottom > self.scroll + area.height:
                self.scroll = chosen.bottom - area.height
            self._follow = False
        self.scroll = max(0, min(self._max_scroll, self.scroll))
        surface.set_clip(area)
        for name, top in headings:
            self._draw_heading(surface, theme, entries, name, area.left,
                               area.top + top - self.scroll)
        for k, rect in placed:
            card = rect.move(0, area.top - self.scroll)
            if card.bottom < area.top or card.top > area.bottom:
                continue
            self._level_rects[entries[k].key] = card.clip(area)
            self._draw_card(surface, theme, card, entries[k].lesson, k == self.selected)
        surface.set_clip(None)
        if self._max_scroll:
            self._draw_scrollbar(surface, theme, area, total)

    @staticmethod
    def _card_height(theme: Theme, entries: list[_Entry], card_w: int) -> int:
        """The design's card height, or taller where a title and summary need more lines
        (presenting's big text): no summary is cut."""
        pad = theme.px(8)
        side = theme.px(CARD_HEIGHT) - 2 * pad  # the picture keeps the design's size
        width = card_w - pad - (pad + side + theme.px(10))
        needed = 0
        for entry in entries:
            lesson = entry.lesson
            title = f"{lesson.number}. {lesson.title}" if lesson else "Free playground"
            summary = lesson.summary if lesson else FREE_SUMMARY
            titles = len(theme.wrap(title, "value", width, "Bold")[:2])
            needed = max(needed, titles * theme.line_height("value")
                         + len(theme.wrap(summary, "caption", width))
                         * theme.line_height("caption"))
        return max(theme.px(CARD_HEIGHT), needed + 2 * pad)

    def _draw_heading(self, surface: pygame.Surface, theme: Theme, entries: list[_Entry],
                      chapter: str, x: int, y: int) -> None:
        progress = self.mode.progress
        lessons = [e.lesson for e in entries if e.chapter == chapter and e.lesson is not None]
        text = theme.text(chapter.upper(), "title", th.TEXT, "Bold")
        surface.blit(text, (x, y))
        if lessons:
            done = sum(1 for x_ in lessons if progress and progress.is_complete(x_.id))
            note = theme.text(f"{done} of {len(lessons)} done", "caption", th.TEXT_MUTED)
            surface.blit(note, (x + text.get_width() + theme.px(12),
                                y + text.get_height() - note.get_height()))

    def _draw_scrollbar(self, surface: pygame.Surface, theme: Theme, area: pygame.Rect,
                        total: int) -> None:
        track = pygame.Rect(area.right + theme.px(8), area.top, theme.px(4), area.height)
        pygame.draw.rect(surface, th.NEUTRAL, track, border_radius=track.width // 2)
        thumb = track.copy()
        thumb.height = max(theme.px(20), track.height * area.height // total)
        thumb.top = track.top + (track.height - thumb.height) * self.scroll // self._max_scroll
        pygame.draw.rect(surface, th.TEXT_MUTED, thumb, border_radius=track.width // 2)

    def _thumbnail(self, dataset: str, classes: int, size: int) -> pygame.Surface:
        """The lesson's data as a small scatter in its number of classes, cached per dataset,
        classes and size."""
        key = (dataset, classes, size)
        cached = self._thumbs.get(key)
        if cached is None:
            cached = pygame.Surface((size, size))
            cached.fill(th.PANEL)
            regression = DATASETS[dataset].problem == REGRESSION
            radius = max(1, round(size / 45))
            for x, y, label in DATASETS[dataset].thumbnail_for(classes):
                pygame.draw.circle(cached, point_colour(label, regression),
                                   point_pixel(x, y, size, size), radius)
            self._thumbs[key] = cached
        return cached

    def _draw_card(self, surface: pygame.Surface, theme: Theme, card: pygame.Rect,
                   lesson: Lesson | None, selected: bool) -> None:
        radius = theme.px(6)
        taking = self.mode.lesson
        current = lesson is not None and taking is not None and lesson.id == taking.id
        pygame.draw.rect(surface, th.HOVER if selected else th.PANEL, card, border_radius=radius)
        border = th.ACCENT if selected or current else th.BORDER
        pygame.draw.rect(surface, border, card, width=max(1, theme.px(3 if selected else 1)),
                         border_radius=radius)
        pad = theme.px(8)
        side = min(card.height, theme.px(CARD_HEIGHT)) - 2 * pad  # taller cards: more text
        picture = pygame.Rect(card.left + pad, card.top + pad, side, side)
        progress = self.mode.progress
        complete = bool(lesson and progress and progress.is_complete(lesson.id))
        if lesson is None:
            pygame.draw.rect(surface, th.BLUE, picture, border_radius=theme.px(4))
            text = theme.text("\u2026", "heading", th.HEADER_TEXT, "Bold")
            surface.blit(text, text.get_rect(center=picture.center))
            title, summary = "Free playground", FREE_SUMMARY
        else:
            start = lesson.start
            surface.blit(self._thumbnail(start.current_dataset, start.num_classes, side), picture)
            pygame.draw.rect(surface, th.BORDER, picture, width=1)
            title, summary = f"{lesson.number}. {lesson.title}", lesson.summary
        x = picture.right + theme.px(10)
        width = card.right - pad - x
        y = card.top + pad - theme.px(2)
        for line in theme.wrap(title, "value", width, "Bold")[:2]:
            surface.blit(theme.text(line, "value", th.TEXT, "Bold"), (x, y))
            y += theme.line_height("value")
        room = pygame.Rect(x, y, width, card.bottom - pad - y)
        lines = theme.wrap(summary, "caption", width)
        self.summary_cut[lesson.id if lesson else FREE] = \
            len(lines) * theme.line_height("caption") > room.height + 1
        draw_wrapped(surface, theme, room, (summary,), "caption", th.TEXT_MUTED)
        if complete and lesson is not None and progress is not None:
            # The stars on a light strip across the foot of the picture, as games show them.
            star = max(6, side // 4)
            strip = pygame.Rect(picture.left, picture.bottom - star - theme.px(4), side,
                                star + theme.px(4))
            surface.blit(theme.veil(strip.size, (255, 255, 255, 215)), strip)
            width_used = 3 * star + 2 * max(1, star // 5)
            draw_stars(surface, strip.centerx - width_used // 2, strip.centery, star,
                       progress.completed[lesson.id].stars)

    def _draw_problems(self, surface: pygame.Surface, theme: Theme, problems: tuple,
                       margin: int, y: int) -> None:
        w = surface.get_width()
        y += theme.px(8)
        label = theme.text(f"{len(problems)} lesson file(s) could not be loaded:", "caption",
                           th.ERROR, "Bold")
        surface.blit(label, (margin, y))
        y += theme.line_height("caption")
        for problem in problems:
            line = theme.wrap(str(problem), "caption", w - 2 * margin)[0]
            surface.blit(theme.text(line, "caption", th.ERROR), (margin, y))
            y += theme.line_height("caption")
