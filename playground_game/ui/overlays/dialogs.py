"""Dialogs drawn above the scene: Open (paste a code) and Share (the code, where no clipboard).

The code is typed into a `CodeField` (widgets/code_field.py), a multi-line field.

A dialog is modal: while it is open, every key and click goes to it; Esc or its Cancel/Close
button closes it. A refused code keeps the dialog open with the text as typed and the reason in
red under it, so nothing is lost and the user can fix the value the message names.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button, event_pos, is_click
from playground_game.ui.widgets.code_field import CodeField
from playground_game.ui.widgets.text_edit import CANCEL, COMMIT

DIALOG_WIDTH = 620  # at 720p


class Dialog:
    """A modal card in the middle of the window with a title, text, a body and buttons."""

    title = ""
    field: CodeField | None = None  # the pilot's "dialog:field", where a dialog has one

    def __init__(self, host: Commands) -> None:
        self.host = host
        self.closed = False
        self.buttons: dict[str, Button] = {}
        self.rect = pygame.Rect(0, 0, 0, 0)

    def close(self) -> None:
        self.closed = True

    def control_rect(self, name: str) -> pygame.Rect | None:
        """A button's rect by name, "dialog:NAME", or "dialog:field" (for the test pilot)."""
        if name == "dialog:field":
            field = self.field
            return pygame.Rect(field.rect) if field is not None and field.rect.width else None
        if not name.startswith("dialog:"):
            return None
        button = self.buttons.get(name.split(":", 1)[1])
        if button is None or button.rect.width == 0:
            return None
        return pygame.Rect(button.rect)

    def _theme(self) -> Theme:
        return self.host.theme

    def layout(self) -> None:
        """Place the card and its parts for the current window; subclasses fill in the body."""
        raise NotImplementedError

    def handle_event(self, event: pygame.event.Event) -> None:
        """Every event goes to the dialog while it is open; Esc closes it."""
        self.layout()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
            return
        for button in self.buttons.values():
            if button.handle_event(event):
                return
        self.handle_body_event(event)

    def handle_body_event(self, event: pygame.event.Event) -> None:
        """Events the buttons did not take (subclasses)."""

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        """The veil over the scene, the card, its title and body, and the buttons."""
        self.layout()
        surface.blit(theme.veil(surface.get_size(), (0, 0, 0, 110)), (0, 0))
        pygame.draw.rect(surface, th.BORDER, self.rect.move(theme.px(2), theme.px(3)),
                         border_radius=theme.px(8))
        pygame.draw.rect(surface, th.PANEL, self.rect, border_radius=theme.px(8))
        pad = theme.px(20)
        surface.blit(theme.text(self.title, "value", th.TEXT, "Bold"),
                     (self.rect.left + pad, self.rect.top + pad))
        self.draw_body(surface, theme)
        for button in self.buttons.values():
            button.draw(surface, theme)

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        """Everything between the title and the buttons (subclasses)."""

    # helpers for subclasses

    def _inner_width(self, width_720: int = DIALOG_WIDTH) -> int:
        """The width of the card's content: the card fits the window, less its padding."""
        theme = self._theme()
        return (min(self.host.screen.get_width() - theme.px(24), theme.px(width_720))
                - 2 * theme.px(20))

    def _card(self, body_height: int,
              width_720: int = DIALOG_WIDTH) -> tuple[pygame.Rect, int, int]:
        """Centre a card with room for the title, `body_height` and a row of buttons.

        Returns the card, the body's top and the x where content starts.
        """
        theme = self._theme()
        w, h = self.host.screen.get_size()
        pad = theme.px(20)
        width = self._inner_width(width_720) + 2 * pad
        title_h = theme.line_height("value") + theme.px(10)
        button_h = theme.px(32)
        height = pad + title_h + body_height + theme.px(14) + button_h + pad
        card = pygame.Rect(0, 0, width, min(h - theme.px(16), height))
        card.center = (w // 2, h // 2)
        self.rect = card
        return card, card.top + pad + title_h, card.left + pad

    def _place_buttons(self, names: tuple[str, ...]) -> None:
        """A row of buttons at the card's bottom right, in the given order (the last rightmost)."""
        theme = self._theme()
        pad = theme.px(20)
        height = theme.px(32)
        x = self.rect.right - pad
        for name in reversed(names):
            button = self.buttons[name]
            width = max(theme.px(86), theme.text_size(button.label, "body", "Medium")[0]
                        + theme.px(24))
            x -= width
            button.rect = pygame.Rect(x, self.rect.bottom - pad - height, width, height)
            x -= theme.px(10)


def blit_lines(surface: pygame.Surface, theme: Theme, lines: list[str], x: int, y: int,
                colour: tuple[int, int, int], role: str = "body") -> int:
    """Blit pre-wrapped lines; returns the y under them."""
    line_h = theme.line_height(role)
    for line in lines:
        surface.blit(theme.text(line, role, colour), (x, y))
        y += line_h
    return y


class FieldsDialog(Dialog):
    """A dialog of several text fields (`fields`, in Tab order) of which one has the focus: a
    click focuses a field, Tab the next, Enter commits (`commit`), Esc closes, typing clears the
    last reason shown. Save as lesson and Verify are two."""

    def __init__(self, host: Commands, fields: dict[str, CodeField], focus: str) -> None:
        super().__init__(host)
        self.fields = fields
        self.focus = focus
        self.error = ""

    def commit(self) -> None:
        raise NotImplementedError

    def handle_body_event(self, event: pygame.event.Event) -> None:
        pos = event_pos(event)
        if is_click(event) and pos is not None:
            for name, field in self.fields.items():
                if field.rect.collidepoint(pos):
                    self.focus = name
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:
            names = list(self.fields)
            self.focus = names[(names.index(self.focus) + 1) % len(names)]
            return
        if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT) or is_click(event):
            result = self.fields[self.focus].handle_event(event)
            if result == COMMIT:
                self.commit()
            elif result == CANCEL:
                self.close()
            elif event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
                self.error = ""


class FieldDialog(Dialog):
    """A prompt, a text field, the reason the last try was refused under it, and buttons: the
    shape of Open (a code) and of the experiment file dialogs (a path). Enter submits, Esc
    closes; `act(text)` does the work and returns why it failed, or None to close."""

    prompt = ""
    empty = ""  # what an empty field is told
    button_names: tuple[str, ...] = ()

    def __init__(self, host: Commands, text: str, rows: int, error: str = "",
                 max_chars: int | None = None) -> None:
        super().__init__(host)
        self.field: CodeField = (CodeField(text, rows=rows) if max_chars is None
                                 else CodeField(text, rows=rows, max_chars=max_chars))
        self.field.selected = False  # the cursor at the end
        self.field.changed = self._clear_error
        self.error = error

    def act(self, text: str) -> str | None:
        raise NotImplementedError

    def _clear_error(self) -> None:
        self.error = ""

    def submit(self) -> None:
        """Act on the text; a refusal keeps the dialog and the text, and shows why."""
        if not self.field.text.strip():
            self.error = self.empty
            return
        error = self.act(self.field.text)
        if error:
            self.error = error
        else:
            self.close()

    def _wrapped(self, theme: Theme, width: int) -> tuple[list[str], list[str]]:
        prompt = theme.wrap(self.prompt, "body", width)
        error = theme.wrap(self.error, "body", width) if self.error else []
        return prompt, error

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width()
        prompt, error = self._wrapped(theme, inner)
        line_h = theme.line_height("body")
        field_h = self.field.height_for(theme)
        body = (len(prompt) * line_h + theme.px(10) + field_h + theme.px(8)
                + max(1, len(error)) * line_h)
        _, top, x = self._card(body)
        self.field.rect = pygame.Rect(x, top + len(prompt) * line_h + theme.px(10), inner,
                                      field_h)
        self._place_buttons(self.button_names)

    def handle_body_event(self, event: pygame.event.Event) -> None:
        result = self.field.handle_event(event)
        if result == COMMIT:
            self.submit()
        elif result == CANCEL:
            self.close()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        x = self.field.rect.left
        prompt, error = self._wrapped(theme, self.field.rect.width)
        blit_lines(surface, theme, prompt, x, self.field.rect.top - theme.px(10)
                    - len(prompt) * theme.line_height("body"), th.TEXT_MUTED)
        self.field.draw(surface, theme, self.field.rect, error=bool(self.error))
        blit_lines(surface, theme, error, x, self.field.rect.bottom + theme.px(8), th.ERROR)


class OpenDialog(FieldDialog):
    """Paste or type a code (bare, #hash or a whole web playground URL) and open it."""

    title = "Open an experiment"
    prompt = ("Paste a code, a #hash or a web playground link (Ctrl+V), then press Enter. "
              "Keys you leave out take the defaults.")
    empty = "Paste or type a code first."
    button_names = ("file", "open", "cancel")

    def __init__(self, host: Commands, text: str = "", error: str = "") -> None:
        super().__init__(host, text, rows=5, error=error)
        self.buttons["file"] = Button("file", self.open_file, label="From a file...")
        self.buttons["open"] = Button("open", self.submit, label="Open")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")

    def open_file(self) -> None:
        """An experiment file instead of a code: the file dialog takes this one's place."""
        self.close()
        self.host.open_experiment_dialog()

    def act(self, text: str) -> str | None:
        return self.host.open_code(text)


class ShareDialog(Dialog):
    """The current code in a read-only field, for a system without a usable clipboard."""

    title = "Share this experiment"
    MESSAGE = ("There is no clipboard this app can use here, so the code is shown below and was "
               "printed in the terminal. Copy it from there (or write it down); Ctrl+V or Open "
               "in any playground opens it.")

    ONLY_HERE = (" It uses settings the web playground does not know: it opens the same only "
                 "in this app.")

    def __init__(self, host: Commands, code: str, only_here: bool = False) -> None:
        super().__init__(host)
        self.message = self.MESSAGE + (self.ONLY_HERE if only_here else "")
        self.field: CodeField = CodeField(code, read_only=True, rows=5)
        self.buttons["close"] = Button("close", self.close, label="Close")

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width()
        lines = theme.wrap(self.message, "body", inner)
        field_h = self.field.height_for(theme)
        _, top, x = self._card(len(lines) * theme.line_height("body") + theme.px(10) + field_h)
        self.field.rect = pygame.Rect(x, top + len(lines) * theme.line_height("body")
                                      + theme.px(10), inner, field_h)
        self._place_buttons(("close",))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        if self.field.handle_event(event) in (COMMIT, CANCEL):
            self.close()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        lines = theme.wrap(self.message, "body", self.field.rect.width)
        top = self.field.rect.top - theme.px(10) - len(lines) * theme.line_height("body")
        blit_lines(surface, theme, lines, self.field.rect.left, top, th.TEXT_MUTED)
        self.field.draw(surface, theme, self.field.rect)


class LeaveLessonDialog(Dialog):
    """A code opened during a lesson: leave the lesson for it, or stay."""

    title = "Leave this lesson?"

    def __init__(self, host: Commands, lesson_title: str, leave: Callable[[], None]) -> None:
        super().__init__(host)
        self.message = (f"The code opens another experiment, so it ends the lesson "
                        f"\"{lesson_title}\". What you completed stays saved; you can come back "
                        "to it from the level screen (L). Undo starts afresh with the code.")
        self._leave = leave
        self.buttons["leave"] = Button("leave", self.leave, label="Leave and open")
        self.buttons["stay"] = Button("stay", self.close, label="Stay in the lesson")

    def leave(self) -> None:
        self.close()
        self._leave()

    def layout(self) -> None:
        theme = self._theme()
        lines = theme.wrap(self.message, "body", self._inner_width())
        self._card(len(lines) * theme.line_height("body"))
        self._place_buttons(("stay", "leave"))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.leave()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        pad = theme.px(20)
        lines = theme.wrap(self.message, "body", self.rect.width - 2 * pad)
        blit_lines(surface, theme, lines, self.rect.left + pad,
                   self.rect.top + pad + theme.line_height("value") + theme.px(10), th.TEXT)
