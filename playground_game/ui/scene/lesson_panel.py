"""The lesson panel under the network: the lesson's question (predict before you try), its
pages (plain text, *stars* for emphasis), a hint on request, the goals with live progress under
the epoch budget, and the result card (epochs, stars, the success text with the student's own
numbers, Next lesson / Keep exploring) once every goal holds.

It reads the `LessonMode` and turns clicks on its buttons into `LessonMode.press`.
"""

from __future__ import annotations

import pygame

from playground_game.model.lessons import Lesson
from playground_game.model.lessons.goal_base import GoalStatus
from playground_game.ui import theme as th
from playground_game.ui.layout import Layout, presented_network_width
from playground_game.ui.lesson_mode import LessonMode
from playground_game.ui.scene.lesson_panel_text import SUCCESS, draw_rich, draw_start_marks
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import draw_text_button, event_pos, is_click
from playground_game.ui.widgets.drawing import draw_tick
from playground_game.ui.widgets.stars import draw_stars

SUCCESS_LIGHT = (0xE8, 0xF5, 0xE9)
PANEL_HEIGHT = 184  # px at 720p
COLUMN_LEAST = 260  # px at 720p: a presented column narrower than this takes the data column


class LessonPanel:
    """The panel of the open lesson; a layer of the input router."""

    def __init__(self, mode: LessonMode) -> None:
        self.mode = mode
        self.panel_rect = pygame.Rect(0, 0, 0, 0)
        self._panel_buttons: dict[str, pygame.Rect] = {}
        self.column = False  # presenting: a column beside the network, goals under the text
        self._mouse: tuple[int, int] = (-1, -1)
        # What the last draw showed of each goal: (its full texts, the lines drawn, their rects),
        # so a test can prove no goal line is cut or drawn outside the panel.
        self.drawn_goals: list[tuple[str, list[str], list[pygame.Rect]]] = []
        # The one-line summary of the goals with no room, and its colour (tests).
        self.more_goals: tuple[str, tuple[int, int, int]] | None = None
        self.page_cut: list[str] = []  # the page's words with no room: an ellipsis shows
        self.drawn_title: list[str] = []  # the title's lines as drawn (tests)
        self.result_body = pygame.Rect(0, 0, 0, 0)  # the result card's text (tests)

    def active(self) -> bool:
        return self.mode.lesson is not None

    def handle_event(self, event: pygame.event.Event) -> bool:
        """A click on the panel is the panel's (a button presses it); motion is only tracked."""
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION and pos is not None:
            self._mouse = pos
        if self.mode.lesson is None or self.mode.levels_open:
            return False
        if is_click(event) and pos is not None:
            for name, rect in self._panel_buttons.items():
                if rect.collidepoint(pos):
                    self.mode.press(name)
                    return True
            return self.panel_rect.collidepoint(pos)
        return False

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"lesson:next" and the other panel buttons, for the test pilot."""
        mode = self.mode
        if name.startswith("lesson:") and mode.lesson is not None and not mode.levels_open:
            return self._panel_buttons.get(name.split(":", 1)[1])
        return None

    # -- layout --------------------------------------------------------------------------

    def place(self, layout: Layout, theme: Theme) -> pygame.Rect:
        """Where the network view goes: all of it, or above the lesson panel during a lesson."""
        view = layout.network_view
        if self.mode.lesson is None:
            self.panel_rect = pygame.Rect(0, 0, 0, 0)
            return view
        network = layout.panels["network"]
        self.column = layout.presenting  # presenting: a column beside the network
        if self.column:
            return self._place_column(layout, theme)
        wanted = max(theme.px(PANEL_HEIGHT), self._goals_height(theme, network.width),
                     self._text_height(theme, network.width))
        height = min(wanted, network.height * 50 // 100)
        self.panel_rect = pygame.Rect(network.left, network.bottom - height, network.width,
                                      height)
        return pygame.Rect(view.left, view.top, view.width,
                           max(1, self.panel_rect.top - theme.px(8) - view.top))

    def _place_column(self, layout: Layout, theme: Theme) -> pygame.Rect:
        """Presenting: the panel is a column at the network's left, as tall as the network, and
        the network keeps the width its units need at 1/24 of the height (under the panel, the
        units shrank to a third of that and the links ran beneath it)."""
        view, network = layout.network_view, layout.panels["network"]
        playground = self.mode.host.playground
        depth = len(playground.settings.network_shape) if playground is not None else 2
        keep = presented_network_width(theme, layout.size[1], depth, header=True)
        gap = theme.px(12)
        left = network.left
        data = layout.panels["data"]
        lesson = self.mode.lesson
        if (network.width - keep - gap < theme.px(COLUMN_LEAST) and lesson is not None
                and ("dataset" in lesson.locked or lesson.start.own_points)):
            # a 4:3 projector: over the data column, whose datasets are locked, or not wanted
            # by a lesson whose data the student paints (on the map)
            left = data.left
        width = max(theme.px(120), network.right - keep - gap - left)
        self.panel_rect = pygame.Rect(left, network.top, width, network.height)
        left = self.panel_rect.right + gap
        return pygame.Rect(left, view.top, max(1, view.right - left), view.height)

    def _question_height(self, theme: Theme, width: int) -> int:
        """A column's height for the title, the question and one button an answer."""
        lesson = self.mode.lesson
        if lesson is None or lesson.question is None:
            return 0
        question, body_h = lesson.question, theme.line_height("body")
        title = f"Lesson {lesson.number}: {lesson.title}. First, predict:"
        answers = sum(len(theme.wrap(c, "body", width - 2 * theme.px(8))) * body_h
                      + theme.px(12) for c in question.choices)
        return (min(4, len(theme.wrap(title, "title", width, "Bold")))
                * theme.line_height("title") + theme.px(4)
                + len(theme.wrap(question.ask.replace("*", ""), "body", width)) * body_h
                + theme.px(4) + answers)

    @staticmethod
    def _marks_height(theme: Theme) -> int:
        """The row of a goal over starts' marks, under its progress line."""
        return theme.line_height("caption") + theme.px(2)

    def _goal_width(self, theme: Theme, width: int) -> int:
        return max(theme.px(200), width * 36 // 100)

    def _text_height(self, theme: Theme, width: int) -> int:
        """The panel height that shows the lesson's longest page, or its question with every
        answer and its explanation, without cutting a sentence."""
        lesson = self.mode.lesson
        if lesson is None:
            return 0
        pad = theme.px(12)
        text_w = width - self._goal_width(theme, width) - 3 * pad
        body_h = theme.line_height("body")

        def lines(text: str) -> int:
            return sum(len(theme.wrap(p.replace("*", ""), "body", text_w)) + 0
                       for p in text.split("\n"))

        title = 2 * theme.line_height("title") + theme.px(4)
        buttons = 2 * (theme.px(26) + theme.px(6))
        longest = max((lines(page) for page in lesson.pages), default=0)
        needed = title + longest * body_h + body_h + buttons  # a hint line too
        question = lesson.question
        if question is not None:
            answers = sum(lines(c) * body_h + theme.px(12) for c in question.choices)
            why = lines(f"Not quite: the answer is {question.choices[question.answer]}. "
                        f"{question.why}") * body_h
            needed = max(needed, title + lines(question.ask) * body_h
                         + max(answers, why + buttons))
        return needed + 2 * pad

    def _goals_height(self, theme: Theme, width: int, column: bool = False) -> int:
        """The panel height that shows every goal of the lesson with its progress line (in a
        column, the goals take the panel's whole width)."""
        lesson = self.mode.lesson
        if lesson is None:
            return 0
        goal_w = width - 2 * theme.px(12) if column else self._goal_width(theme, width)
        text_w = goal_w - theme.px(22)
        playground = self.mode.host.playground
        statuses = self.mode.statuses or (lesson.check(playground, self.mode.trials)
                                          if playground is not None else ())
        # Progress lines as they read now, with room for a few more digits as training goes.
        progress = {k: len(theme.wrap(status.progress, "caption", text_w - theme.px(24)))
                    for k, status in enumerate(statuses)}
        rows = sum(len(theme.wrap(goal.describe(), "body", text_w)) * theme.line_height("body")
                   + progress.get(k, 1) * theme.line_height("caption") + theme.px(4)
                   + (self._marks_height(theme) if goal.over_starts else 0)
                   for k, goal in enumerate(lesson.goals))
        budget = 2 * theme.line_height("caption") + theme.px(12) if lesson.budget is not None \
            else 0
        return theme.line_height("title") + theme.px(6) + budget + rows + 2 * theme.px(12)

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The lesson panel under the network (nothing when no lesson is open)."""
        lesson = self.mode.lesson
        self._panel_buttons = {}
        if lesson is None or self.panel_rect.width < 10:
            return
        rect = self.panel_rect
        pygame.draw.rect(surface, th.BACKGROUND, rect.inflate(theme.px(8), theme.px(4)))
        pygame.draw.rect(surface, th.PANEL, rect, border_radius=theme.px(6))
        pygame.draw.rect(surface, th.BORDER, rect, width=1, border_radius=theme.px(6))
        pad = theme.px(12)
        if self.column:  # the goals under the text, as tall as they need (up to half)
            goals_h = min(self._goals_height(theme, rect.width, column=True) - 2 * pad,
                          rect.height // 2)
            if self.mode.asking:  # the question and every answer first; the goals under them
                room = rect.height - 3 * pad - self._question_height(theme, rect.width - 2 * pad)
                goals_h = max(0, min(goals_h, room))
            goal_rect = pygame.Rect(rect.left + pad, rect.bottom - pad - goals_h,
                                    rect.width - 2 * pad, goals_h)
            text_rect = pygame.Rect(rect.left + pad, rect.top + pad, rect.width - 2 * pad,
                                    goal_rect.top - pad - rect.top - pad)
            pygame.draw.line(surface, th.BORDER, (rect.left + pad, goal_rect.top - pad // 2),
                             (rect.right - pad, goal_rect.top - pad // 2))
        else:
            goal_w = self._goal_width(theme, rect.width)
            text_rect = pygame.Rect(rect.left + pad, rect.top + pad,
                                    rect.width - goal_w - 3 * pad, rect.height - 2 * pad)
            goal_rect = pygame.Rect(text_rect.right + pad, rect.top + pad, goal_w,
                                    rect.height - 2 * pad)
            pygame.draw.line(surface, th.BORDER, (goal_rect.left - pad // 2, rect.top + pad),
                             (goal_rect.left - pad // 2, rect.bottom - pad))
        if self.mode.asking:
            self._draw_question(surface, theme, lesson, text_rect)
        elif self.mode.card_open:
            self._draw_result(surface, theme, lesson, text_rect)
        else:
            self._draw_pages(surface, theme, lesson, text_rect)
        if goal_rect.height >= theme.line_height("title") + 2 * theme.line_height("body"):
            self._draw_goals(surface, theme, goal_rect)  # (in a column, not while asking)

    def _row_of_buttons(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                        buttons: list[tuple[str, str, bool]], right: bool = False) -> int:
        """A row of buttons at the bottom of `rect`; returns where the row ends on the right."""
        h = max(theme.px(26), theme.line_height("body") + theme.px(6))  # presenting: big text
        gap = theme.px(6)
        widths, rows = self._button_rows(theme, rect.width, buttons)
        x = rect.left
        for r, row in enumerate(rows):
            y = rect.bottom - (len(rows) - r) * (h + gap) + gap
            x = rect.left
            if right:
                x = rect.right - sum(widths[k] for k in row) - gap * (len(row) - 1)
            for k in row:
                name, label, primary = buttons[k]
                box = pygame.Rect(x, y, widths[k], h)
                draw_text_button(surface, theme, box, label, box.collidepoint(self._mouse),
                                 primary=primary)
                self._panel_buttons[name] = box
                x += widths[k] + gap
        return x if len(rows) == 1 else rect.right

    @staticmethod
    def _button_rows(theme: Theme, width: int, buttons: list[tuple[str, str, bool]]
                     ) -> tuple[list[int], list[list[int]]]:
        """The buttons' widths, and the indices of those on each row (top first) in `width`."""
        gap = theme.px(6)
        widths = [min(width, theme.text_size(label, "body", "Medium")[0] + theme.px(20))
                  for _, label, _ in buttons]
        rows: list[list[int]] = [[]]
        used = 0
        for k, w in enumerate(widths):
            if rows[-1] and used + gap + w > width:
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + w
            rows[-1].append(k)
        return widths, rows

    def _draw_pages(self, surface: pygame.Surface, theme: Theme, lesson: Lesson,
                    rect: pygame.Rect) -> None:
        title = f"Lesson {lesson.number}: {lesson.title}"
        top = self._draw_title(surface, theme, title, rect)
        buttons = self._page_buttons(lesson)
        buttons_h = self._buttons_height(theme, rect.width, buttons)  # a narrow column: more
        hint_lines = 0
        hint = ""
        if self.mode.hints_shown:
            hint = f"Hint {self.mode.hints_shown}: {lesson.hints[self.mode.hints_shown - 1]}"
            hint_lines = len(theme.wrap(hint, "body", rect.width))
        hint_h = hint_lines * theme.line_height("body") + (theme.px(4) if hint else 0)
        body = pygame.Rect(rect.left, top, rect.width, rect.bottom - buttons_h - hint_h - top)
        self.page_cut = []
        draw_rich(surface, theme, self.page_text(lesson), body, cut=self.page_cut)
        if hint:
            hint_rect = pygame.Rect(rect.left, body.bottom, rect.width, hint_h)
            draw_rich(surface, theme, hint, hint_rect, "body", th.BLUE)
        right = self._row_of_buttons(surface, theme, rect, buttons)
        page = theme.text(f"Page {self.mode.page + 1} of {len(lesson.pages)}", "caption",
                          th.TEXT_MUTED)
        if right + theme.px(12) + page.get_width() <= rect.right:  # only where it has room
            surface.blit(page, page.get_rect(bottomright=(rect.right,
                                                          rect.bottom - theme.px(6))))

    def page_text(self, lesson: Lesson) -> str:
        """The page shown: after a pass (Keep exploring), what the student achieved, since the
        lesson's first page describes the start they have left behind."""
        result = self.mode.result
        if self.mode.completed and result is not None:
            return f"*Passed.* {result.text}"
        return lesson.pages[self.mode.page]

    def _page_buttons(self, lesson: Lesson) -> list[tuple[str, str, bool]]:
        """All lessons, Next lesson once passed, Back, Next (page), a hint."""
        buttons: list[tuple[str, str, bool]] = [("levels", "All lessons", False)]
        if self.mode.ever_passed:
            buttons.append(("next_lesson", "Next lesson", True))
        if self.mode.page > 0:
            buttons.append(("back", "Back", False))
        if self.mode.page < len(lesson.pages) - 1:  # the next page; the next lesson leads
            buttons.append(("next", "Next", not self.mode.completed))
        if self.mode.hints_shown < len(lesson.hints):
            left = len(lesson.hints) - self.mode.hints_shown
            buttons.append(("hint", f"Show a hint ({left})", False))
        return buttons

    def _draw_title(self, surface: pygame.Surface, theme: Theme, title: str,
                    rect: pygame.Rect) -> int:
        """The lesson's title, wrapped within the text column (two lines; a narrow presented
        column, four); returns the y under it."""
        y = rect.top
        self.drawn_title = theme.wrap(title, "title", rect.width, "Bold")[:4 if self.column
                                                                           else 2]
        for line in self.drawn_title:
            surface.blit(theme.text(line, "title", th.TEXT, "Bold"), (rect.left, y))
            y += theme.line_height("title")
        return y + theme.px(4)

    def _draw_question(self, surface: pygame.Surface, theme: Theme, lesson: Lesson,
                       rect: pygame.Rect) -> None:
        """Predict before you try: the question, a button per choice, then why."""
        question = lesson.question
        assert question is not None
        title = f"Lesson {lesson.number}: {lesson.title}. First, predict:"
        top = self._draw_title(surface, theme, title, rect)
        used = draw_rich(surface, theme, question.ask, pygame.Rect(rect.left, top, rect.width,
                                                                    rect.bottom - top))
        answer = self.mode.answer
        if answer is None:
            buttons = [(f"answer:{k}", choice, False) for k, choice in enumerate(question.choices)]
            self._wrapped_buttons(surface, theme, rect, buttons, top + used + theme.px(4))
            return
        right = answer == question.answer
        verdict = ("Right. " if right else
                   f"Not quite: the answer is \"{question.choices[question.answer]}\". ")
        buttons = [("continue", "Now try it", True)]
        why = pygame.Rect(rect.left, top + used, rect.width,
                          rect.bottom - self._buttons_height(theme, rect.width, buttons)
                          - top - used)
        draw_rich(surface, theme, f"*{verdict.strip()}* {question.why}", why, "body",
                  SUCCESS if right else th.TEXT)
        self._row_of_buttons(surface, theme, rect, buttons)

    def _buttons_height(self, theme: Theme, width: int,
                        buttons: list[tuple[str, str, bool]]) -> int:
        """The height of a row of buttons at a column's foot (more rows in a narrow one)."""
        rows = len(self._button_rows(theme, width, buttons)[1])
        return rows * (max(theme.px(26), theme.line_height("body") + theme.px(6))
                       + theme.px(6))

    def _wrapped_buttons(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                         buttons: list[tuple[str, str, bool]], top: int) -> None:
        """One button a row, as wide as the column, its label wrapped inside it: answers of any
        length stay in the panel."""
        pad = theme.px(8)
        line_h = theme.line_height("body")
        y = top
        for name, label, _primary in buttons:
            lines = theme.wrap(label, "body", rect.width - 2 * pad)
            box = pygame.Rect(rect.left, y, rect.width, len(lines) * line_h + theme.px(8))
            if box.bottom > rect.bottom:
                break
            hovered = box.collidepoint(self._mouse)
            pygame.draw.rect(surface, th.HOVER if hovered else th.PANEL, box,
                             border_radius=theme.px(4))
            pygame.draw.rect(surface, th.ACCENT if hovered else th.BORDER, box,
                             width=max(1, theme.px(1)), border_radius=theme.px(4))
            for n, line in enumerate(lines):
                surface.blit(theme.text(line, "body", th.TEXT, "Medium"),
                             (box.left + pad, box.top + theme.px(4) + n * line_h))
            self._panel_buttons[name] = box
            y = box.bottom + theme.px(4)

    def _draw_result(self, surface: pygame.Surface, theme: Theme, lesson: Lesson,
                     rect: pygame.Rect) -> None:
        """The result card: done in N epochs, the stars, the success text, what next."""
        result = self.mode.result
        assert result is not None
        banner = pygame.Rect(rect.left, rect.top, rect.width, theme.line_height("title")
                             + theme.px(8))
        pygame.draw.rect(surface, SUCCESS_LIGHT, banner, border_radius=theme.px(4))
        mark = pygame.Rect(0, 0, theme.px(16), theme.px(16))
        mark.midleft = (banner.left + theme.px(8), banner.centery)
        draw_tick(surface, mark, SUCCESS, max(2, theme.px(2.5)))
        done = "Done, with no training" if result.epochs == 0 else \
            f"Done in {result.epochs} epoch{'s' if result.epochs != 1 else ''}"
        star = theme.line_height("title")
        stars_w = 3 * star + 2 * max(1, star // 5)
        room = banner.right - theme.px(16) - stars_w - (mark.right + theme.px(8))
        shown = theme.wrap(done, "title", max(1, room), "Bold")[0]  # never under the stars
        text = theme.text(shown, "title", SUCCESS, "Bold")
        surface.blit(text, text.get_rect(midleft=(mark.right + theme.px(8), banner.centery)))
        draw_stars(surface, banner.right - theme.px(8) - stars_w, banner.centery, star,
                   result.stars)
        following = self.mode.next_lesson()
        buttons = [
            ("next_lesson", "Next lesson" if following else "Back to the lessons", True),
            ("keep_exploring", "Keep exploring", False),
            ("levels", "All lessons", False),
        ]
        body = pygame.Rect(rect.left, banner.bottom + theme.px(6), rect.width,
                           rect.bottom - self._buttons_height(theme, rect.width, buttons)
                           - banner.bottom - theme.px(6))
        self.result_body = body
        draw_rich(surface, theme, result.text, body)
        self._row_of_buttons(surface, theme, rect, buttons)

    def _draw_budget(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                     y: int) -> int:
        """The epoch budget as a limit line (never a goal with a tick); returns the next y."""
        lesson, playground = self.mode.lesson, self.mode.host.playground
        if lesson is None or lesson.budget is None or playground is None:
            return y
        if lesson.budget == 0:
            note, colour = "No training: set the weights by hand", th.TEXT_MUTED
        elif self.mode.completed:  # the passing run trains on: no limit, and it says so
            note = "Passed: exploring freely, no budget. Reset to take the lesson again"
            lines = theme.wrap(note, "caption", rect.width)
            for n, line in enumerate(lines):
                surface.blit(theme.text(line, "caption", SUCCESS, "Medium"),
                             (rect.left, y + n * theme.line_height("caption")))
            return y + len(lines) * theme.line_height("caption") + theme.px(2) + theme.px(9)
        elif self.mode.over_budget:
            note, colour = f"Budget spent ({lesson.budget} epochs): press Reset to try again", \
                th.ERROR
        else:
            note, colour = f"Budget: epoch {playground.epoch} of {lesson.budget}", th.TEXT_MUTED
        lines = theme.wrap(note, "caption", rect.width)
        for n, line in enumerate(lines):
            surface.blit(theme.text(line, "caption", colour, "Medium"),
                         (rect.left, y + n * theme.line_height("caption")))
        y += len(lines) * theme.line_height("caption") + theme.px(2)
        if lesson.budget:
            bar = pygame.Rect(rect.left, y, rect.width, theme.px(3))
            pygame.draw.rect(surface, th.NEUTRAL, bar)
            spent = bar.copy()
            spent.width = round(bar.width * min(1.0, playground.epoch / lesson.budget))
            if spent.width:
                pygame.draw.rect(surface, colour, spent)
            y = bar.bottom
        return y + theme.px(6)

    def _draw_goals(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        surface.blit(theme.text("GOAL", "title", th.TEXT, "Bold"), rect.topleft)
        note = "All of them at once" if len(self.mode.statuses) > 1 else ""
        heading_w = theme.text_size("GOAL", "title", "Bold")[0] + theme.px(10)
        if note and theme.text_size(note, "caption")[0] <= rect.width - heading_w:
            text = theme.text(note, "caption", th.TEXT_MUTED)
            surface.blit(text, text.get_rect(topright=(rect.right, rect.top + theme.px(2))))
        y = rect.top + theme.line_height("title") + theme.px(6)
        y = self._draw_budget(surface, theme, rect, y)
        box = theme.px(14)
        body_h = theme.line_height("body")
        text_x = rect.left + box + theme.px(8)
        statuses = self.mode.statuses
        self.drawn_goals = []
        self.more_goals = None
        caption_h = theme.line_height("caption")

        def row_height(status: GoalStatus, compact: bool) -> int:
            lines = len(theme.wrap(status.text, "body", rect.right - text_x))
            if compact:
                return lines * body_h + theme.px(4)
            progress = len(theme.wrap(status.progress, "caption", rect.right - text_x))
            marks_h = self._marks_height(theme) if status.starts is not None else 0
            return lines * body_h + progress * caption_h + theme.px(4) + marks_h

        # Where the goals with their progress do not fit (presenting's big text), each keeps
        # its tick and its whole text, without the progress line.
        compact = y + sum(row_height(st, False) for st in statuses) > rect.bottom + theme.px(4)
        for k, status in enumerate(statuses):
            # A long goal wraps onto more lines rather than losing its end (its numbers).
            lines = theme.wrap(status.text, "body", rect.right - text_x)
            progress_lines = [] if compact else theme.wrap(status.progress, "caption",
                                                           rect.right - text_x)
            row_h = row_height(status, compact)
            if y + row_h > rect.bottom + theme.px(4):  # no room: say so, never drop silently
                self._draw_more(surface, theme, rect, statuses[k:], y)
                break
            mark = pygame.Rect(rect.left, y + theme.px(1), box, box)
            if status.met:
                pygame.draw.rect(surface, SUCCESS, mark, border_radius=theme.px(3))
                draw_tick(surface, mark, th.PANEL, max(2, theme.px(2)))
            else:
                pygame.draw.rect(surface, th.TEXT_MUTED, mark, width=max(1, theme.px(1.5)),
                                 border_radius=theme.px(3))
            x = text_x
            drawn: list[pygame.Rect] = []
            for n, line in enumerate(lines):
                text = theme.text(line, "body", th.TEXT, "Medium" if status.met else None)
                drawn.append(text.get_rect(topleft=(x, y + n * body_h)))
                surface.blit(text, drawn[-1])
            colour = SUCCESS if status.met else th.TEXT_MUTED
            py = y + len(lines) * body_h
            for n, line in enumerate(progress_lines):  # wrapped, never cut
                progress = theme.text(line, "caption", colour)
                drawn.append(progress.get_rect(topleft=(x, py + n * caption_h)))
                surface.blit(progress, drawn[-1])
            self.drawn_goals.append((status.text if compact else
                                     f"{status.text} {status.progress}",
                                     [*lines, *progress_lines], drawn))
            if compact:
                y += row_h
                continue
            py += (len(progress_lines) - 1) * caption_h  # the bar follows the last line
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
            if status.starts is not None:
                marks = pygame.Rect(x, py + theme.line_height("caption") + theme.px(2),
                                    rect.right - x, theme.line_height("caption") - theme.px(2))
                draw_start_marks(surface, theme, status.starts, marks)
            y += row_h

    def _draw_more(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                   rest: list[GoalStatus], y: int) -> None:
        """The goals with no room left, in one line: how many and how many are met; red only
        when the budget is spent with one of them unmet, green when all are met."""
        met = sum(1 for status in rest if status.met)
        note = f"+{len(rest)} more goal{'s' if len(rest) > 1 else ''}, {met} met"
        if met == len(rest):
            colour = SUCCESS
        elif self.mode.over_budget:
            colour = th.ERROR
        else:
            colour = th.TEXT_MUTED
        self.more_goals = (note, colour)
        lines = theme.wrap(note, "caption", rect.width)[:2]  # "+2 more goals, / 1 met"
        # Under the last line drawn, into the panel's padding if need be, never over it.
        y = min(y, self.panel_rect.bottom - theme.px(2) - len(lines) * theme.line_height("caption"))
        for line in lines:
            surface.blit(theme.text(line, "caption", colour), (rect.left, y))
            y += theme.line_height("caption")
