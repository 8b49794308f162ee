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

from playground_game.model.experiment_file import SUFFIX
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import FieldDialog
from playground_game.ui.widgets import Button
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

    def act(self, text: str) -> str | None:
        return self._act(Path(text.strip()).expanduser())
