"""The level screen (L, or the Lessons button): every lesson in order with a tick when done,
the free playground as one more choice, and broken lesson files listed with their problem.

It covers the window and takes every event while open (Esc or L closes it once the playground is
loaded; Enter picks the free playground).
"""

from __future__ import annotations

import pygame

from playground_game.model.lessons import Lesson
from playground_game.ui import theme as th
from playground_game.ui.lesson_mode import FREE, LessonMode
from playground_game.ui.scene.lesson_panel import SUCCESS
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import event_pos, is_click
from playground_game.ui.widgets.drawing import draw_tick, draw_wrapped

LEVEL_PREFIX = "level:"


class LevelScreen:
    """The level-select screen; a modal layer of the input router."""

    def __init__(self, mode: LessonMode) -> None:
        self.mode = mode
        self._level_rects: dict[str, pygame.Rect] = {}
        self._mouse: tuple[int, int] = (-1, -1)

    def active(self) -> bool:
        return self.mode.levels_open

    def handle_event(self, event: pygame.event.Event) -> bool:
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION and pos is not None:
            self._mouse = pos
        return self._levels_event(event)

    def _levels_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_l) and self.mode.host.playground is not None:
                self.mode.close_levels()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.mode.choose(FREE)
            return event.key not in (pygame.K_F11,)
        if is_click(event):
            pos = event_pos(event)
            for key, rect in self._level_rects.items():
                if pos is not None and rect.collidepoint(pos):
                    self.mode.choose(key)
                    break
        return event.type not in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.QUIT)

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"level:ID" and "level:free", for the test pilot."""
        if name.startswith(LEVEL_PREFIX) and self.mode.levels_open:
            return self._level_rects.get(name[len(LEVEL_PREFIX):])
        return None

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The level-select screen over the whole window (nothing when it is closed)."""
        self._level_rects = {}
        if not self.mode.levels_open:
            return
        course = self.mode.ensure_loaded()
        progress = self.mode.progress
        w, h = surface.get_size()
        surface.fill(th.BACKGROUND)
        header = pygame.Rect(0, 0, w, theme.px(72))
        pygame.draw.rect(surface, th.HEADER, header)
        margin = theme.px(24)
        title = theme.text("Lessons", "heading", th.HEADER_TEXT, "Bold")
        surface.blit(title, title.get_rect(midleft=(margin, header.centery)))
        done = sum(1 for x in course.lessons if progress and progress.is_complete(x.id))
        sub = theme.text(f"Pick a level. Each teaches one idea.   {done} of "
                         f"{len(course.lessons)} done", "body", th.HEADER_MUTED)
        surface.blit(sub, sub.get_rect(midleft=(margin + title.get_width() + theme.px(20),
                                                header.centery + theme.px(3))))
        if self.mode.host.playground is not None:
            hint = theme.text("Esc or L: back", "caption", th.HEADER_MUTED)
            surface.blit(hint, hint.get_rect(midright=(w - margin, header.centery)))

        problems = course.problems
        problem_h = (theme.line_height("caption") * (len(problems) + 1) + theme.px(8)
                     if problems else 0)
        top = header.bottom + theme.px(16)
        bottom = h - margin - problem_h
        columns = max(1, min(4, (w - 2 * margin) // theme.px(300)))
        gap = theme.px(12)
        entries: list[tuple[str, Lesson | None]] = [(x.id, x) for x in course.lessons]
        entries.append((FREE, None))
        rows = -(-len(entries) // columns)
        card_w = (w - 2 * margin - gap * (columns - 1)) // columns
        card_h = min(theme.px(96), max(theme.px(40), (bottom - top - gap * (rows - 1)) // rows))
        for k, (key, lesson) in enumerate(entries):
            row, col = divmod(k, columns)
            card = pygame.Rect(margin + col * (card_w + gap), top + row * (card_h + gap),
                               card_w, card_h)
            self._level_rects[key] = card
            complete = bool(lesson and progress and progress.is_complete(lesson.id))
            self._draw_card(surface, theme, card, lesson, complete,
                            card.collidepoint(self._mouse))
        if problems:
            y = h - margin - problem_h + theme.px(8)
            label = theme.text(f"{len(problems)} lesson file(s) could not be loaded:",
                               "caption", th.ERROR, "Bold")
            surface.blit(label, (margin, y))
            y += theme.line_height("caption")
            for problem in problems:
                line = theme.wrap(str(problem), "caption", w - 2 * margin)[0]
                surface.blit(theme.text(line, "caption", th.ERROR), (margin, y))
                y += theme.line_height("caption")

    def _draw_card(self, surface: pygame.Surface, theme: Theme, card: pygame.Rect,
                   lesson: Lesson | None, complete: bool, hovered: bool) -> None:
        radius = theme.px(6)
        taking = self.mode.lesson
        current = lesson is not None and taking is not None and lesson.id == taking.id
        pygame.draw.rect(surface, th.HOVER if hovered else th.PANEL, card, border_radius=radius)
        border = th.ACCENT if hovered or current else th.BORDER
        pygame.draw.rect(surface, border, card, width=max(1, theme.px(2 if current else 1)),
                         border_radius=radius)
        pad = theme.px(12)
        badge = pygame.Rect(0, 0, theme.px(34), theme.px(34))
        badge.topleft = (card.left + pad, card.top + pad)
        if lesson is None:
            pygame.draw.circle(surface, th.BLUE, badge.center, badge.width // 2)
            text = theme.text("\u2026", "value", th.HEADER_TEXT, "Bold")
            surface.blit(text, text.get_rect(center=badge.center))
            title, summary = "Free playground", "Every control, no goals: explore on your own."
        else:
            if complete:
                pygame.draw.circle(surface, SUCCESS, badge.center, badge.width // 2)
                draw_tick(surface, badge.inflate(-theme.px(12), -theme.px(12)), th.PANEL,
                      max(2, theme.px(3)))
            else:
                pygame.draw.circle(surface, th.ACCENT, badge.center, badge.width // 2)
                text = theme.text(str(lesson.number), "value", th.HEADER_TEXT, "Bold")
                surface.blit(text, text.get_rect(center=badge.center))
            title, summary = lesson.title, lesson.summary
        x = badge.right + theme.px(12)
        width = card.right - pad - x
        y = card.top + pad - theme.px(2)
        for line in theme.wrap(title, "value", width, "Bold")[:2]:
            surface.blit(theme.text(line, "value", th.TEXT, "Bold"), (x, y))
            y += theme.line_height("value")
        y += theme.px(2)
        room = pygame.Rect(x, y, width, card.bottom - theme.px(6) - y)
        draw_wrapped(surface, theme, room, (summary,), "caption", th.TEXT_MUTED)
        if complete and lesson is not None and self.mode.progress is not None:
            result = self.mode.progress.completed[lesson.id]
            text = theme.text(f"Done in {result.epochs} epochs", "caption", SUCCESS, "Medium")
            surface.blit(text, text.get_rect(bottomleft=(badge.left, card.bottom - theme.px(6))))
