"""Save as lesson (from Customize): the teacher's current experiment becomes a lesson file.

Three short fields (a title, the test loss to reach, the epoch budget), then Save: the lesson
opens this experiment's code with the controls hidden in Customize locked too, and appears on
the level screen under "My lessons". A value the reader would refuse keeps the dialog open with
the reason, as every dialog here does.
"""

from __future__ import annotations

import pygame

from playground_game.model.lessons import LessonError
from playground_game.model.lessons.authoring import save_lesson
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import FieldsDialog, blit_lines
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.ui.widgets.code_field import CodeField
from playground_game.ui.widgets.text_field import parse_number

FIELDS: tuple[tuple[str, str, str], ...] = (
    # (name, label, starting text)
    ("title", "Title", "My lesson"),
    ("below", "Test loss to reach (below)", "0.1"),
    ("budget", "Epoch budget", "500"),
)


class SaveLessonDialog(FieldsDialog):
    """The form; Save writes the lesson and tells where."""

    title = "Save this experiment as a lesson"
    # A lesson opens a code, and a code's seed draws the first weights: the weights on screen
    # after a Reset or training cannot be saved, so the text says what students really get.
    INTRO = ("Students will open this experiment's settings and data, untrained, with the first "
             "weights its seed draws (not the weights on screen after Reset or training). The "
             "controls you hid in Customize are locked; they must bring the test loss below "
             "the goal within the budget.")

    def __init__(self, host: Commands) -> None:
        super().__init__(host, {name: CodeField(text, rows=1, max_chars=60)
                                for name, _, text in FIELDS}, "title")
        self.buttons["save"] = Button("save", self.save, label="Save lesson")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")
        self._labels: list[tuple[str, tuple[int, int]]] = []

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"dialog:field:NAME" for a field, "dialog:save", "dialog:cancel"."""
        if name.startswith("dialog:field:"):
            field = self.fields.get(name.split(":", 2)[2])
            return pygame.Rect(field.rect) if field is not None and field.rect.width else None
        return super().control_rect(name)

    def save(self) -> None:
        texts = {name: field.text.strip() for name, field in self.fields.items()}
        try:
            below = parse_number(texts["below"], 10)
            budget = parse_number(texts["budget"], 20_000)
        except ValueError as exc:
            self.error = str(exc)
            return
        if below <= 0 or budget != int(budget) or budget < 1:
            self.error = "The goal must be above 0 and the budget a whole number of epochs."
            return
        try:
            path, lesson = save_lesson(self.host.settings, texts["title"] or "My lesson",
                                       below, int(budget))
        except (LessonError, ValueError, OSError) as exc:
            self.error = f"Not saved: {exc}"
            return
        self.close()
        self.host.lesson_saved(lesson.title, path)

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width()
        intro = theme.wrap(self.INTRO, "body", inner)
        line_h = theme.line_height("body")
        field_h = next(iter(self.fields.values())).height_for(theme)
        row_h = line_h + theme.px(4) + field_h + theme.px(10)
        body = len(intro) * line_h + theme.px(10) + row_h * len(FIELDS) + line_h
        _, top, x = self._card(body)
        y = top + len(intro) * line_h + theme.px(10)
        self._labels = []
        for name, label, _ in FIELDS:
            self._labels.append((label, (x, y)))
            self.fields[name].rect = pygame.Rect(x, y + line_h + theme.px(4), inner, field_h)
            y += row_h
        self._place_buttons(("save", "cancel"))

    def commit(self) -> None:
        self.save()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        pad = theme.px(20)
        x = self.rect.left + pad
        intro = theme.wrap(self.INTRO, "body", self.rect.width - 2 * pad)
        blit_lines(surface, theme, intro, x,
                   self.rect.top + pad + theme.line_height("value") + theme.px(10),
                   th.TEXT_MUTED)
        for (name, _, _), (label, pos) in zip(FIELDS, self._labels, strict=True):
            surface.blit(theme.text(label, "body", th.TEXT), pos)
            field = self.fields[name]
            field.draw(surface, theme, field.rect, error=bool(self.error) and name != "title")
        if self.error:
            last = self.fields[FIELDS[-1][0]].rect
            surface.blit(theme.text(self.error, "caption", th.ERROR),
                         (x, last.bottom + theme.px(6)))
