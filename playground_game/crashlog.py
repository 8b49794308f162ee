"""Where errors and the last experiment are written, so nothing a student did is ever lost.

Pure Python, no pygame. Two files live in the user data directory (`userdata.user_data_dir()`):

- `errors.log`: one entry per unexpected error (the time, the experiment's bookmark code, the
  traceback) and one per exit (the time and the code). Kept under `MAX_LOG_BYTES` by dropping the
  oldest half, so a classroom machine never fills up.
- `last_session.txt`: the bookmark code of the experiment open when the app last closed,
  rewritten atomically on every exit. `playground-game --code "$(cat .../last_session.txt)"`
  brings it back.

When the data directory cannot be written (a read-only home, a file where the folder should be)
both fall back to the system's temporary directory; the functions return the path they used, or
None when even that failed, and never raise: reporting an error must not cause another.
"""

from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

from playground_game.userdata import APP_FOLDER, atomic_write_text, user_data_dir

LOG_NAME = "errors.log"
SESSION_NAME = "last_session.txt"
MAX_LOG_BYTES = 256 * 1024


def _candidate_dirs() -> list[Path]:
    """The user data directory first, then a per-app folder in the temporary directory."""
    return [user_data_dir(), Path(tempfile.gettempdir()) / APP_FOLDER]


def _stamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size + len(text) > MAX_LOG_BYTES:
        old = path.read_text(encoding="utf-8", errors="replace")
        keep = old[len(old) // 2:]
        cut = keep.find("\n=== ")  # start the kept half at an entry boundary
        atomic_write_text(path, (keep[cut + 1:] if cut >= 0 else "") + text)
        return
    with open(path, "a", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def append_log(text: str) -> Path | None:
    """Append an entry to the error log; the path written, or None when nowhere was writable."""
    for folder in _candidate_dirs():
        path = folder / LOG_NAME
        try:
            _append(path, text)
        except OSError:
            continue
        return path
    return None


def log_error(summary: str, details: str, code: str | None) -> Path | None:
    """Log an unexpected error: a one-line summary, the traceback and the experiment's code."""
    lines = [f"=== {_stamp()} error: {summary}"]
    if code is not None:
        lines.append(f"experiment: {code}")
    lines.append(details.rstrip())
    return append_log("\n".join(lines) + "\n\n")


def save_session(code: str) -> Path | None:
    """Remember the experiment open at exit, in the session file and in the log.

    Returns the session file's path, or None when it could not be written anywhere.
    """
    append_log(f"=== {_stamp()} exit\nexperiment: {code}\n\n")
    for folder in _candidate_dirs():
        path = folder / SESSION_NAME
        try:
            atomic_write_text(path, code + "\n")
        except OSError:
            continue
        return path
    return None


def last_session() -> str | None:
    """The code saved by the last exit, if any (first readable location wins)."""
    for folder in _candidate_dirs():
        try:
            text = (folder / SESSION_NAME).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text:
            return text
    return None


def capture_warnings() -> None:
    """Send Python warnings (numpy's overflow notes on a diverging network) to the log.

    A diverging experiment is something to look at, not to shout about in the terminal the
    student started the app from; each distinct warning is logged once.
    """
    seen: set[tuple[str, str, int]] = set()

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: object = None, line: str | None = None) -> None:
        key = (f"{category.__name__}: {message}", filename, lineno)
        if key in seen:
            return
        seen.add(key)
        text = warnings.formatwarning(message, category, filename, lineno, line)
        append_log(f"=== {_stamp()} warning\n{text.rstrip()}\n\n")

    warnings.simplefilter("default")  # "once per place" for every category
    warnings.showwarning = show
