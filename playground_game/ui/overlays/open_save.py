"""Save and open an experiment file (Ctrl+S, Ctrl+O): a path field and one button.

pygame has no file chooser, so the dialog is a text field holding the file's path, prefilled
with the experiments folder inside the user data folder (userdata.py); Enter or the button
saves or opens. A file that cannot be written or opened keeps the dialog open with the path as
typed and the reason under it (model/experiment_file.py names what is wrong in a bad file);
the experiment on screen is unchanged. Dropping a .json file on the window opens it too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from playground_game.model.experiment_file import SUFFIX
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import Dialog, blit_lines
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.ui.widgets.code_field import CodeField
from playground_game.ui.widgets.text_edit import CANCEL, COMMIT
from playground_game.userdata import data_path

EXPERIMENTS_FOLDER = "experiments"
MAX_PATH_CHARS = 1024


def experiments_folder() -> Path:
    """Where experiment files go unless the user types another path."""
    return data_path(EXPERIMENTS_FOLDER)


def default_save_path(epoch: int) -> Path:
    """A new file's suggested path: the experiments folder, a name with the epoch, not taken."""
    folder = experiments_folder()
    name = f"experiment-epoch-{epoch}"
    path = folder / f"{name}{SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{name}-{number}{SUFFIX}"
        number += 1
    return path


class ExperimentFileDialog(Dialog):
    """A path and Save (writing this experiment) or Open (reading one); `act(path)` does it
    and returns why it failed, or None."""

    def __init__(self, host: Commands, saving: bool, path: str,
                 act: Callable[[Path], str | None]) -> None:
        super().__init__(host)
        self.saving = saving
        self.title = "Save this experiment as a file" if saving else "Open an experiment file"
        self.prompt = (
            "The file keeps everything: the settings, the data, every weight and the training "
            "so far. Type the path, then press Enter." if saving else
            "Type the path of an experiment file (.json), then press Enter. You can also drop "
            "a file on the window. Ctrl+Z goes back to the experiment you have now.")
        self.field: CodeField = CodeField(path, rows=2, max_chars=MAX_PATH_CHARS)
        self.field.selected = False  # the cursor at the end: type a name onto the folder
        self.field.changed = self._clear_error
        self.error = ""
        self._act = act
        name = "save" if saving else "open"
        self.buttons[name] = Button(name, self.submit, label="Save" if saving else "Open")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")

    def _clear_error(self) -> None:
        self.error = ""

    def submit(self) -> None:
        text = self.field.text.strip()
        if not text:
            self.error = "Type the file's path first."
            return
        error = self._act(Path(text).expanduser())
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
        self._place_buttons(("save" if self.saving else "open", "cancel"))

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
