"""Your points to and from CSV files in the window: a file dropped on it, Save CSV, long codes.

Loading goes through the session like any change (one undo step; a lesson that fixes the data
refuses it). A file that cannot be read changes nothing, and the notice names its line and what
is wrong. Files are written into the user's documents folder (platformdirs), in a
"Neural Playground" folder, else the app's data folder, and the notice says where.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import platformdirs

from playground_game.model.core.datasets import REGRESSION
from playground_game.model.csv_points import read_file, write_points, write_text
from playground_game.model.own_points import PointsError, decode
from playground_game.model.playground import Change
from playground_game.model.settings import SettingsError
from playground_game.ui.commands import Commands
from playground_game.userdata import atomic_write_text, user_data_dir

EXPORT_FOLDER = "Neural Playground"
LONG_CODE = 8000  # characters: beyond this a chat or a form may cut a pasted code


def load_points(host: Commands, path: str | Path) -> bool:
    """Open a CSV file's points as your data; False (with the reason shown) if refused."""
    if not host.check_unlocked("dataset"):
        return False
    try:
        read = read_file(path)
        host.dispatch(Change({"own_points": read.points.encode()}))
    except (PointsError, SettingsError) as exc:
        host.refuse(str(exc))
        return False
    notes = " ".join(read.notes)
    host.toast(f"Opened {len(read.points):,} points from {Path(path).name}. {notes}".strip())
    return True


def current_csv(host: Commands) -> str:
    """The data shown now as a CSV text: your points, or the dataset's as its seed made them."""
    settings = host.settings
    if settings.own_points:
        return write_points(decode(settings.own_points))
    assert host.playground is not None
    data = host.playground.data
    return write_text(np.concatenate([data.train, data.test]), settings.problem == REGRESSION)


def export_folder() -> Path:
    try:
        return Path(platformdirs.user_documents_dir()) / EXPORT_FOLDER
    except Exception:  # noqa: BLE001 - no documents folder known: the app's own folder
        return user_data_dir() / "exports"


def save_points(host: Commands, quiet: bool = False) -> Path | None:
    """Write the data as a CSV file in the export folder; the path, or None (said why)."""
    name = time.strftime("points-%Y%m%d-%H%M%S.csv")
    for folder in (export_folder(), user_data_dir() / "exports"):
        path = folder / name
        try:
            atomic_write_text(path, current_csv(host))
        except OSError:
            continue
        if not quiet:
            host.toast(f"Saved the points as {path}. Drop the file on the window, or open it "
                       "with --data, to load them again.")
        return path
    host.refuse("Could not save the points: neither the documents folder nor the app's folder "
                "can be written.")
    return None


def long_code_note(host: Commands, code: str) -> str:
    """What Share adds for a code too long to paste safely: a CSV of the points saved beside
    it (for codes carrying points), so nothing is lost if a chat cuts the code."""
    if len(code) <= LONG_CODE or not host.settings.own_points:
        return ""
    path = save_points(host, quiet=True)
    kb = len(code) / 1000
    if path is None:
        return f"It is {kb:.0f} KB long: a chat may cut it."
    return (f"It is {kb:.0f} KB long, so a chat may cut it: the points are also saved as "
            f"{path}.")
