"""Save and open an experiment file (Ctrl+S, Ctrl+O): a path field and one button.

pygame has no file chooser, so the dialog is a text field holding the file's path, prefilled
with the experiments folder inside the user data folder (userdata.py); Enter or the button
saves or opens. Open also lists the newest experiment files of that folder: a click opens one.
A file that cannot be written or opened keeps the dialog open with the path as
typed and the reason under it (model/experiment_file.py names what is wrong in a bad file);
the experiment on screen is unchanged. Dropping a .json file on the window opens it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame

from playground_game.model.experiment_file import SUFFIX
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import FieldDialog
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.userdata import data_path

EXPERIMENTS_FOLDER = "experiments"
MAX_PATH_CHARS = 1024
RECENT_FILES = 5  # the newest files Open lists


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


def recent_files(folder: Path, count: int = RECENT_FILES) -> list[Path]:
    """The newest experiment files in `folder`, newest first ([] when it is missing or
    unreadable: the dialog then shows the field alone)."""
    try:
        files = [(path.stat().st_mtime, path) for path in folder.glob(f"*{SUFFIX}")
                 if path.is_file()]
    except OSError:
        return []
    return [path for _, path in sorted(files, reverse=True)[:count]]


def _when(path: Path) -> str:
    try:
        return time.strftime("%d %b %Y, %H:%M", time.localtime(path.stat().st_mtime))
    except OSError:
        return ""


class ExperimentFileDialog(FieldDialog):
    """A path and Save (writing this experiment) or Open (reading one); `act(path)` does it
    and returns why it failed, or None."""

    empty = "Type the file's path first."

    def __init__(self, host: Commands, saving: bool, path: str,
                 act: Callable[[Path], str | None]) -> None:
        super().__init__(host, path, rows=2, max_chars=MAX_PATH_CHARS)
        self.saving = saving
        self.title = "Save this experiment as a file" if saving else "Open an experiment file"
        self.prompt = (
            "The file keeps everything: the settings, the data, every weight and the training "
            "so far. Type the path, then press Enter." if saving else
            "Type the path of an experiment file (.json), then press Enter. You can also drop "
            "a file on the window. Ctrl+Z goes back to the experiment you have now.")
        self._act = act
        name = "save" if saving else "open"
        self.button_names = (name, "cancel")
        self.buttons[name] = Button(name, self.submit, label="Save" if saving else "Open")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")
        self.recent = [] if saving else recent_files(experiments_folder())
        self.rows = [Button(f"recent:{i}", lambda path=path: self.open_recent(path),
                            label=path.name) for i, path in enumerate(self.recent)]

    def act(self, text: str) -> str | None:
        return self._act(Path(text.strip()).expanduser())

    def open_recent(self, path: Path) -> None:
        """A listed file: its path in the field, then opened as if typed."""
        self.field.text = str(path)
        self.submit()

    # -- the list of recent files under the field ------------------------------------------

    def control_rect(self, name: str) -> pygame.Rect | None:
        """As every dialog's, and "dialog:recent:N" for the Nth listed file."""
        self.layout()
        for row in self.rows:
            if name == f"dialog:{row.name}":
                return pygame.Rect(row.rect)
        return super().control_rect(name)

    def _list_height(self, theme: Theme) -> int:
        if not self.rows:
            return 0
        return theme.px(14) + theme.line_height("body") + len(self.rows) * self._row_height(theme)

    def _row_height(self, theme: Theme) -> int:
        return theme.line_height("body") + theme.px(10)

    def layout(self) -> None:
        super().layout()
        if not self.rows:
            return
        theme = self._theme()
        extra = self._list_height(theme)
        above = extra // 2  # the card grows by `extra`, as much up as down
        self.rect = pygame.Rect(self.rect.left, self.rect.top - above, self.rect.width,
                                self.rect.height + extra)
        self.field.rect.move_ip(0, -above)
        for button in self.buttons.values():
            button.rect.bottom = self.rect.bottom - theme.px(20)
        _, error = self._wrapped(theme, self.field.rect.width)
        top = (self.field.rect.bottom + theme.px(8) + max(1, len(error))
               * theme.line_height("body") + theme.px(14) + theme.line_height("body"))
        for i, row in enumerate(self.rows):
            row.rect = pygame.Rect(self.field.rect.left, top + i * self._row_height(theme),
                                   self.field.rect.width, self._row_height(theme))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        for row in self.rows:
            if row.handle_event(event):
                return
        super().handle_body_event(event)

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        super().draw_body(surface, theme)
        if not self.rows:
            return
        heading = theme.text("Recent files in the experiments folder", "body", th.TEXT_MUTED,
                             "Medium")
        surface.blit(heading, (self.field.rect.left,
                               self.rows[0].rect.top - theme.line_height("body")))
        pad = theme.px(8)
        for row, path in zip(self.rows, self.recent, strict=True):
            if row.hovered:
                pygame.draw.rect(surface, th.HOVER, row.rect, border_radius=theme.px(4))
            when = theme.text(_when(path), "body", th.TEXT_MUTED)
            name_width = row.rect.width - when.get_width() - 3 * pad
            name = theme.text(theme.elide(path.name, "body", name_width, keep=0), "body",
                              th.TEXT)
            surface.blit(name, name.get_rect(midleft=(row.rect.left + pad, row.rect.centery)))
            surface.blit(when, when.get_rect(midright=(row.rect.right - pad, row.rect.centery)))
