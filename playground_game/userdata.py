"""Where the app keeps what it remembers about a user (lesson progress, the last experiment).

Pure Python, no pygame. The folder is the platform's user data directory as platformdirs knows
it: `$XDG_DATA_HOME` (or `~/.local/share`) on Linux and other Unix systems, `~/Library/Application
Support` on macOS, `%APPDATA%` (roaming) on Windows, each with a `playground-game` subfolder; a
relative `XDG_DATA_HOME` is ignored, as the XDG spec says. The environment variable
`PLAYGROUND_GAME_DATA_DIR` overrides it, so tests never touch a real user's files. Files are
written atomically (a temporary file in the same folder, then `os.replace`), so a crash or a full
disk leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import platformdirs

APP_FOLDER = "playground-game"
OVERRIDE_VARIABLE = "PLAYGROUND_GAME_DATA_DIR"


def user_data_dir() -> Path:
    """The folder for this user's data (not created here: writers create it when they write)."""
    override = os.environ.get(OVERRIDE_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    folder = Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False, roaming=True))
    if not folder.is_absolute():  # a relative XDG_DATA_HOME: invalid, the spec says ignore it
        folder = Path.home() / ".local" / "share" / APP_FOLDER
    return folder


def data_path(name: str) -> Path:
    """A file inside the user data folder, e.g. data_path("progress.json")."""
    return user_data_dir() / name


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so readers see the old file or the new one, never a partial one.

    The folder is created when missing. Raises OSError (the caller tells the user) when the
    folder or the file cannot be written; the temporary file is removed in that case.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
