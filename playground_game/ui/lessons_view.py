"""Lessons in the window: the level-select screen, the lesson panel and the goal panel.

`LessonMode` is what the app holds. It loads the course (`model.lessons`) and the student's progress
(`model.progress`) once, shows the level screen (every lesson in order with a tick when done, the
free playground as one more choice, broken lesson files listed with their problem), opens a lesson
through a `Playground` action, refuses actions on locked controls with a short message, checks the
goals whenever the model changes, and records success. The lesson panel sits under the network: the
lesson's pages (plain text, *stars* for emphasis), a hint on request, the goals with live progress,
and the success message once every goal holds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Protocol

import pygame

from playground_game.model.lessons import (
    Course,
    GoalStatus,
    Lesson,
    load_course,
    locked_message,
)
from playground_game.model.playground import Action, Open, Playground, Redo, Undo
from playground_game.model.progress import Progress
from playground_game.model.settings import Settings
from playground_game.ui import theme as th
from playground_game.ui.layout import LESSONS_LABEL, Layout
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Button,
    Widget,
    draw_text_button,
    draw_wrapped,
    event_pos,
    is_click,
)

SUCCESS = (0x2E, 0x7D, 0x32)
SUCCESS_LIGHT = (0xE8, 0xF5, 0xE9)
PANEL_HEIGHT = 184  # px at 720p
FREE = "free"
LEVEL_PREFIX = "level:"


class Host(Protocol):
    """What lesson mode needs from the app."""

    playground: Playground | None
    theme: Theme

    def dispatch(self, action: Action) -> object: ...
    def toast(self, text: str) -> None: ...
    def relayout(self) -> None: ...


# -- text with light emphasis ---------------------------------------------------------------


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
              role: str = "body", colour: tuple[int, int, int] = th.TEXT) -> int:
    """Wrapped paragraphs with *emphasis* inside rect; returns the height used.

    Lines that would not fit are dropped rather than drawn outside the rect.
    """
    line_h = theme.line_height(role)
    space = theme.text_size(" ", role)[0]
    y = rect.top
    for paragraph in text.split("\n"):
        x = rect.left
        if y + line_h > rect.bottom + 1:
            break
        for word, bold in _words(paragraph):
            weight = "Bold" if bold else None
            w = theme.text_size(word, role, weight)[0]
            if x > rect.left and x + w > rect.right:
                x = rect.left
                y += line_h
                if y + line_h > rect.bottom + 1:
                    return y - rect.top
            surface.blit(theme.text(word, role, colour, weight), (x, y))
            x += w + space
        y += line_h + theme.px(4)
    return y - rect.top


def _tick(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int],
          width: int) -> None:
    w, h = rect.size
    pts = [(rect.left + w * 0.2, rect.top + h * 0.52), (rect.left + w * 0.42, rect.top + h * 0.74),
           (rect.left + w * 0.8, rect.top + h * 0.28)]
    pygame.draw.lines(surface, colour, False, pts, width)


class LessonsButton(Button):
    """The top bar's "Lessons" button: a pill in the header's colours."""

    def __init__(self, on_click: Callable[[], None]) -> None:
        super().__init__("lessons", on_click, label=LESSONS_LABEL)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        box = self.rect.inflate(0, -max(0, self.rect.height - theme.px(32)))
        fill = th.HEADER_HOVER if self.hovered else th.HEADER
        pygame.draw.rect(surface, fill, box, border_radius=box.height // 2)
        pygame.draw.rect(surface, th.HEADER_MUTED, box, width=max(1, theme.px(1.5)),
                         border_radius=box.height // 2)
        text = theme.text(self.label, "body", th.HEADER_TEXT, "Medium")
        surface.blit(text, text.get_rect(center=box.center))


# -- lesson mode ----------------------------------------------------------------------------


class LessonMode:
    """The course, the progress, the level screen and the lesson being taken."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.course: Course | None = None
        self.progress: Progress | None = None
        self.levels_open = False
        self.lesson: Lesson | None = None
        self.page = 0
        self.hints_shown = 0
        self.completed = False
        self.statuses: tuple[GoalStatus, ...] = ()
        self._checked_revision = -1
        self._mouse: tuple[int, int] = (-1, -1)
        self._level_rects: dict[str, pygame.Rect] = {}
        self._panel_buttons: dict[str, pygame.Rect] = {}
        self.panel_rect = pygame.Rect(0, 0, 0, 0)
        self._reported = False

    # -- loading -------------------------------------------------------------------------

    def ensure_loaded(self) -> Course:
        """Read the lesson files and the progress once; tell the student about any problem."""
        if self.course is None:
            self.course = load_course()
            for problem in self.course.problems:
                print(f"playground-game: lesson skipped: {problem}", file=sys.stderr)
        if self.progress is None:
            self.progress = Progress.load()
            if self.progress.notice:
                print(f"playground-game: {self.progress.notice}", file=sys.stderr)
                self.host.toast(self.progress.notice)
        return self.course

    @staticmethod
    def is_first_start() -> bool:
        """True when no progress was ever saved: the level screen greets a new student."""
        return not Progress.load().existed

    @property
    def locked(self) -> frozenset[str]:
        return self.lesson.locked if self.lesson is not None else frozenset()

    # -- choosing ------------------------------------------------------------------------

    def open_levels(self) -> None:
        self.ensure_loaded()
        self.levels_open = True

    def close_levels(self) -> None:
        self.levels_open = False
        self._remember_start()

    def choose(self, key: str) -> None:
        """Pick an entry of the level screen: a lesson id, or FREE for the free playground."""
        course = self.ensure_loaded()
        if key == FREE:
            if self.lesson is not None:
                self.lesson = None
                self.host.dispatch(Open(Settings()))
            self.close_levels()
            self.host.relayout()
            return
        lesson = course.find(key)
        if lesson is None:
            self.host.toast(f"There is no lesson {key!r}.")
            return
        self.start_lesson(lesson)
        self.close_levels()

    def start_lesson(self, lesson: Lesson) -> None:
        """Open a lesson's starting experiment and show its first page."""
        self.lesson = None  # the start may change locked controls: open it unlocked
        self.host.dispatch(Open(lesson.start))
        self.lesson = lesson
        self.page = 0
        self.hints_shown = 0
        self.completed = False
        self.statuses = ()
        self._checked_revision = -1
        self.host.relayout()

    def _remember_start(self) -> None:
        """Save the progress file once, so later starts open the playground directly."""
        progress = self.progress
        if progress is not None and not progress.existed:
            message = progress.save()
            if message:
                self.host.toast(message)

    def next_lesson(self) -> Lesson | None:
        if self.lesson is None or self.course is None:
            return None
        lessons = self.course.lessons
        index = next((k for k, x in enumerate(lessons) if x.id == self.lesson.id), -1)
        return lessons[index + 1] if 0 <= index < len(lessons) - 1 else None

    # -- rules ---------------------------------------------------------------------------

    def refusal(self, action: Action, pg: Playground) -> str | None:
        """A short message when `action` would change a control the lesson locks."""
        if self.lesson is None or not self.lesson.locked:
            return None
        if isinstance(action, (Undo, Redo)):
            return None  # a lesson's history starts with the lesson: nothing locked to undo
        control = self.lesson.blocked_control(action, pg.settings)
        return locked_message(control) if control else None

    def refuse_control(self, control: str) -> bool:
        """True (and a message) when a control the app handles itself is locked."""
        pg = self.host.playground
        hidden = self.lesson is not None and pg is not None and control in pg.settings.hidden
        if control in self.locked or hidden:  # a hidden Play also keeps its shortcut quiet
            self.host.toast(locked_message(control))
            return True
        return False

    def update(self, pg: Playground) -> None:
        """Check the goals when the model changed; record the lesson the moment all hold."""
        if self.lesson is None or pg.revision == self._checked_revision:
            return
        self._checked_revision = pg.revision
        self.statuses = self.lesson.check(pg)
        if self.completed or not all(s.met for s in self.statuses):
            return
        self.completed = True
        progress = self.progress
        if progress is not None:
            progress.record(self.lesson.id, pg.test_loss, pg.epoch)
            message = progress.save()
            if message:
                self.host.toast(message)

    # -- events --------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """The level screen takes every event while open; the panel takes clicks on itself."""
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION and pos is not None:
            self._mouse = pos
        if self.levels_open:
            return self._levels_event(event)
        if self.lesson is None:
            return False
        if is_click(event) and pos is not None:
            for name, rect in self._panel_buttons.items():
                if rect.collidepoint(pos):
                    self.press(name)
                    return True
            return self.panel_rect.collidepoint(pos)
        return False

    def _levels_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_l) and self.host.playground is not None:
                self.close_levels()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.choose(FREE)
            return event.key not in (pygame.K_F11,)
        if is_click(event):
            pos = event_pos(event)
            for key, rect in self._level_rects.items():
                if pos is not None and rect.collidepoint(pos):
                    self.choose(key)
                    break
        return event.type not in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.QUIT)

    def press(self, name: str) -> None:
        """A lesson panel button: back, next, hint, levels, next_lesson."""
        lesson = self.lesson
        if lesson is None:
            return
        if name == "back":
            self.page = max(0, self.page - 1)
        elif name == "next":
            self.page = min(len(lesson.pages) - 1, self.page + 1)
        elif name == "hint":
            self.hints_shown = min(len(lesson.hints), self.hints_shown + 1)
        elif name == "levels":
            self.open_levels()
        elif name == "next_lesson":
            following = self.next_lesson()
            if following is not None:
                self.start_lesson(following)
            else:
                self.open_levels()

    def control_rect(self, name: str) -> pygame.Rect | None:
        """Rects for the test pilot: "level:ID", "level:free", "lesson:next" and the like."""
        if name.startswith(LEVEL_PREFIX) and self.levels_open:
            return self._level_rects.get(name[len(LEVEL_PREFIX):])
        if name.startswith("lesson:") and self.lesson is not None and not self.levels_open:
            return self._panel_buttons.get(name.split(":", 1)[1])
        return None

    # -- layout --------------------------------------------------------------------------

    def place(self, layout: Layout, theme: Theme) -> pygame.Rect:
        """Where the network view goes: all of it, or above the lesson panel during a lesson."""
        view = layout.network_view
        if self.lesson is None:
            self.panel_rect = pygame.Rect(0, 0, 0, 0)
            return view
        network = layout.panels["network"]
        height = min(theme.px(PANEL_HEIGHT), network.height * 45 // 100)
        self.panel_rect = pygame.Rect(network.left, network.bottom - height, network.width,
                                      height)
        return pygame.Rect(view.left, view.top, view.width,
                           max(1, self.panel_rect.top - theme.px(8) - view.top))

    # -- drawing -------------------------------------------------------------------------

    def draw_panel(self, surface: pygame.Surface, theme: Theme) -> None:
        """The lesson panel under the network (nothing when no lesson is open)."""
        lesson = self.lesson
        self._panel_buttons = {}
        if lesson is None or self.panel_rect.width < 10:
            return
        if self.host.playground is not None:
            self.update(self.host.playground)  # cheap when nothing changed; screenshots need it
        rect = self.panel_rect
        pygame.draw.rect(surface, th.BACKGROUND, rect.inflate(theme.px(8), theme.px(4)))
        pygame.draw.rect(surface, th.PANEL, rect, border_radius=theme.px(6))
        pygame.draw.rect(surface, th.BORDER, rect, width=1, border_radius=theme.px(6))
        pad = theme.px(12)
        goal_w = max(theme.px(200), rect.width * 36 // 100)
        text_rect = pygame.Rect(rect.left + pad, rect.top + pad,
                                rect.width - goal_w - 3 * pad, rect.height - 2 * pad)
        goal_rect = pygame.Rect(text_rect.right + pad, rect.top + pad, goal_w,
                                rect.height - 2 * pad)
        pygame.draw.line(surface, th.BORDER, (goal_rect.left - pad // 2, rect.top + pad),
                         (goal_rect.left - pad // 2, rect.bottom - pad))
        if self.completed:
            self._draw_success(surface, theme, lesson, text_rect)
        else:
            self._draw_pages(surface, theme, lesson, text_rect)
        self._draw_goals(surface, theme, goal_rect)

    def _row_of_buttons(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                        buttons: list[tuple[str, str, bool]], right: bool = False) -> None:
        h = theme.px(26)
        x = rect.left
        y = rect.bottom - h
        widths = [theme.text_size(label, "body", "Medium")[0] + theme.px(20)
                  for _, label, _ in buttons]
        if right:
            x = rect.right - sum(widths) - theme.px(6) * (len(widths) - 1)
        for (name, label, primary), w in zip(buttons, widths, strict=True):
            box = pygame.Rect(x, y, w, h)
            draw_text_button(surface, theme, box, label, box.collidepoint(self._mouse),
                             primary=primary)
            self._panel_buttons[name] = box
            x += w + theme.px(6)

    def _draw_pages(self, surface: pygame.Surface, theme: Theme, lesson: Lesson,
                    rect: pygame.Rect) -> None:
        title = f"Lesson {lesson.number}: {lesson.title}"
        surface.blit(theme.text(title, "title", th.TEXT, "Bold"), rect.topleft)
        top = rect.top + theme.line_height("title") + theme.px(4)
        buttons_h = theme.px(26) + theme.px(6)
        hint_lines = 0
        hint = ""
        if self.hints_shown:
            hint = f"Hint {self.hints_shown}: {lesson.hints[self.hints_shown - 1]}"
            hint_lines = len(theme.wrap(hint, "body", rect.width))
        hint_h = hint_lines * theme.line_height("body") + (theme.px(4) if hint else 0)
        body = pygame.Rect(rect.left, top, rect.width, rect.bottom - buttons_h - hint_h - top)
        draw_rich(surface, theme, lesson.pages[self.page], body)
        if hint:
            hint_rect = pygame.Rect(rect.left, body.bottom, rect.width, hint_h)
            draw_rich(surface, theme, hint, hint_rect, "body", th.BLUE)
        buttons: list[tuple[str, str, bool]] = [("levels", "All lessons", False)]
        if self.page > 0:
            buttons.append(("back", "Back", False))
        if self.page < len(lesson.pages) - 1:
            buttons.append(("next", "Next", True))
        if self.hints_shown < len(lesson.hints):
            left = len(lesson.hints) - self.hints_shown
            buttons.append(("hint", f"Show a hint ({left})", False))
        self._row_of_buttons(surface, theme, rect, buttons)
        page = theme.text(f"Page {self.page + 1} of {len(lesson.pages)}", "caption",
                          th.TEXT_MUTED)
        surface.blit(page, page.get_rect(bottomright=(rect.right, rect.bottom - theme.px(6))))

    def _draw_success(self, surface: pygame.Surface, theme: Theme, lesson: Lesson,
                      rect: pygame.Rect) -> None:
        banner = pygame.Rect(rect.left, rect.top, rect.width, theme.line_height("title")
                             + theme.px(8))
        pygame.draw.rect(surface, SUCCESS_LIGHT, banner, border_radius=theme.px(4))
        mark = pygame.Rect(0, 0, theme.px(16), theme.px(16))
        mark.midleft = (banner.left + theme.px(8), banner.centery)
        _tick(surface, mark, SUCCESS, max(2, theme.px(2.5)))
        text = theme.text(f"Lesson complete: {lesson.title}", "title", SUCCESS, "Bold")
        surface.blit(text, text.get_rect(midleft=(mark.right + theme.px(8), banner.centery)))
        body = pygame.Rect(rect.left, banner.bottom + theme.px(6), rect.width,
                           rect.bottom - theme.px(32) - banner.bottom - theme.px(6))
        draw_rich(surface, theme, lesson.success, body)
        following = self.next_lesson()
        buttons = [("levels", "All lessons", False)]
        buttons.append(("next_lesson", "Next lesson" if following else "Back to the lessons",
                        True))
        self._row_of_buttons(surface, theme, rect, buttons)

    def _draw_goals(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        surface.blit(theme.text("GOAL", "title", th.TEXT, "Bold"), rect.topleft)
        note = "Every line at the same time" if len(self.statuses) > 1 else ""
        if note:
            text = theme.text(note, "caption", th.TEXT_MUTED)
            surface.blit(text, text.get_rect(topright=(rect.right, rect.top + theme.px(2))))
        y = rect.top + theme.line_height("title") + theme.px(6)
        box = theme.px(14)
        body_h = theme.line_height("body")
        text_x = rect.left + box + theme.px(8)
        for status in self.statuses:
            # A long goal wraps onto more lines rather than losing its end (its numbers).
            lines = theme.wrap(status.text, "body", rect.right - text_x)
            row_h = len(lines) * body_h + theme.line_height("caption") + theme.px(4)
            if y + row_h > rect.bottom + theme.px(4):
                break
            mark = pygame.Rect(rect.left, y + theme.px(1), box, box)
            if status.met:
                pygame.draw.rect(surface, SUCCESS, mark, border_radius=theme.px(3))
                _tick(surface, mark, th.PANEL, max(2, theme.px(2)))
            else:
                pygame.draw.rect(surface, th.TEXT_MUTED, mark, width=max(1, theme.px(1.5)),
                                 border_radius=theme.px(3))
            x = text_x
            for n, line in enumerate(lines):
                surface.blit(theme.text(line, "body", th.TEXT, "Medium" if status.met else None),
                             (x, y + n * body_h))
            progress = theme.text(status.progress, "caption",
                                  SUCCESS if status.met else th.TEXT_MUTED)
            py = y + len(lines) * body_h
            surface.blit(progress, (x, py))
            bar_x = x + progress.get_width() + theme.px(8)
            if rect.right - bar_x > theme.px(30):
                bar = pygame.Rect(bar_x, py + theme.line_height("caption") // 2 - theme.px(2),
                                  rect.right - bar_x, theme.px(4))
                pygame.draw.rect(surface, th.NEUTRAL, bar, border_radius=bar.height // 2)
                filled = bar.copy()
                filled.width = round(bar.width * max(0.0, min(1.0, status.fraction)))
                if filled.width:
                    pygame.draw.rect(surface, SUCCESS if status.met else th.BLUE, filled,
                                     border_radius=bar.height // 2)
            y += row_h

    def draw_levels(self, surface: pygame.Surface, theme: Theme) -> None:
        """The level-select screen over the whole window (nothing when it is closed)."""
        self._level_rects = {}
        if not self.levels_open:
            return
        course = self.ensure_loaded()
        progress = self.progress
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
        if self.host.playground is not None:
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
        current = lesson is not None and self.lesson is not None and lesson.id == self.lesson.id
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
                _tick(surface, badge.inflate(-theme.px(12), -theme.px(12)), th.PANEL,
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
        if complete and lesson is not None and self.progress is not None:
            result = self.progress.completed[lesson.id]
            text = theme.text(f"Done in {result.epochs} epochs", "caption", SUCCESS, "Medium")
            surface.blit(text, text.get_rect(bottomleft=(badge.left, card.bottom - theme.px(6))))


def _padlock(surface: pygame.Surface, centre: tuple[int, int], size: int,
             colour: tuple[int, int, int]) -> None:
    body = pygame.Rect(0, 0, size, round(size * 0.75))
    body.midtop = (centre[0], centre[1] - size // 8)
    shackle = pygame.Rect(0, 0, round(size * 0.64), round(size * 0.8))
    shackle.midbottom = (centre[0], body.top + round(size * 0.25))
    pygame.draw.ellipse(surface, colour, shackle, max(1, size // 6))
    pygame.draw.rect(surface, colour, body, border_radius=max(1, size // 8))


def draw_locked(surface: pygame.Surface, theme: Theme, widgets: Iterable[Widget],
                locked: frozenset[str]) -> None:
    """Dim every visible control a lesson locks and mark it with a small padlock."""
    if not locked:
        return
    for widget in widgets:
        if not widget.visible or widget.hide_key not in locked or widget.rect.width <= 0:
            continue
        header = getattr(widget, "style", "") in ("header", "round", "primary")
        tint = th.HEADER if header else th.BACKGROUND
        surface.blit(theme.veil(widget.rect.size, (*tint, 150)), widget.rect)
        size = theme.px(11)
        centre = (widget.rect.right - size, widget.rect.top + size)
        _padlock(surface, centre, size, th.HEADER_MUTED if header else th.TEXT_MUTED)
