"""Recording the window (the Record button or F9): start, capture, stop, save in the background.

While recording, the app draws every frame and hands it here (`capture`) before the recording
mark goes on (`recording_mark.py`), so the mark is on the screen and never in the clip. Stopping
writes the file on a thread of its own: the window keeps running, and the next frames'
`poll()` gives the notice that says where the clip went, or why it could not be written (a full
disk, a folder without permission), which never stops the app.

Clips go to the user's videos folder (`~/Videos/Neural Playground` and its equivalents, as
platformdirs knows them), or, where there is none or it cannot be written, to `recordings/` in
the app's user data folder; with `PLAYGROUND_GAME_DATA_DIR` set (tests, a portable install)
everything goes under that folder.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pygame

from playground_game import userdata
from playground_game.clip_writer import GIF, ClipError, write_clip
from playground_game.ui.frame_capture import (
    DEFAULT_FPS,
    DEFAULT_MAX_WIDTH,
    MAX_SECONDS,
    FrameCapture,
    clip_size,
)
from playground_game.ui.layout import Layout
from playground_game.ui.recording_mark import draw_mark
from playground_game.ui.theme import Theme

VIDEOS_SUBFOLDER = "Neural Playground"
DETAIL_SECONDS = 4.0  # the mark says how to stop for this long after the start


def recordings_dir() -> Path:
    """Where the window saves clips (created when the first is written)."""
    if os.environ.get(userdata.OVERRIDE_VARIABLE, "").strip():
        return userdata.user_data_dir() / "recordings"
    videos = Path(platformdirs.user_videos_dir())
    if videos.is_absolute() and videos.is_dir() and os.access(videos, os.W_OK):
        return videos / VIDEOS_SUBFOLDER
    return userdata.user_data_dir() / "recordings"


PIXEL_BUDGET = 250_000_000  # frames x pixels a recording may hold: about 250 MB at the writer


@dataclass
class RecordingOptions:
    """What a window recording makes: frames a second, widest frame, longest length, format."""

    fps: float = DEFAULT_FPS
    max_width: int = DEFAULT_MAX_WIDTH
    max_seconds: float = MAX_SECONDS
    suffix: str = GIF


def longest_seconds(options: RecordingOptions, size: tuple[int, int]) -> float:
    """How long a recording of `size` may run: `max_seconds`, or less where its frames would
    pass PIXEL_BUDGET (a large clip at a high frame rate), so memory stays bounded."""
    per_second = size[0] * size[1] * options.fps
    return min(options.max_seconds, max(1.0, PIXEL_BUDGET / per_second))


def longest_text(seconds: float) -> str:
    """30 s, 1 min, 1.5 min."""
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:g} s"


class WindowRecorder:
    """The window's recording: none, recording, or saving the last one."""

    def __init__(self, options: RecordingOptions | None = None, folder: Path | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.options = options or RecordingOptions()
        self.folder = folder  # None: recordings_dir()
        self.clock = clock  # seconds; tests step it by hand
        self.current: FrameCapture | None = None
        self.started = 0.0
        self._saver: threading.Thread | None = None
        self._outcome: str | None = None  # the saver's notice, taken by poll()
        self._lock = threading.Lock()
        self.last_path: Path | None = None

    @property
    def recording(self) -> bool:
        return self.current is not None

    @property
    def saving(self) -> bool:
        return self._saver is not None and self._saver.is_alive()

    @property
    def busy(self) -> bool:
        """Recording or saving: the app keeps stepping frames (to capture, or to poll)."""
        return self.recording or self._saver is not None

    def elapsed(self) -> float:
        return self.clock() - self.started

    def start(self, window_size: tuple[int, int]) -> str | None:
        """Start recording; None when it started (the mark says so, and is not recorded,
        where a notice would be), else why not."""
        if self.saving:
            return "The last recording is still being saved: try again in a moment."
        options = self.options
        size = clip_size(window_size, max_width=options.max_width)
        self.current = FrameCapture(size, options.fps, longest_seconds(options, size))
        self.started = self.clock()
        return None

    def detail(self) -> str:
        """What the mark adds for its first seconds: how to stop, and what is recorded."""
        capture = self.current
        if capture is None:
            return ""
        return (f"F9 stops \u00b7 {capture.size[0]}x{capture.size[1]} \u00b7 "
                f"{capture.fps:g} fps \u00b7 max {longest_text(capture.max_seconds)}")

    def capture(self, surface: pygame.Surface) -> bool:
        """Offer a freshly drawn frame; True when the length cap was reached with it (the app
        then stops the recording and says why)."""
        capture = self.current
        if capture is None:
            return False
        capture.offer(surface, self.clock())
        return capture.full

    def present(self, surface: pygame.Surface, theme: Theme, layout: Layout,
                toast: Callable[[str], None], show: Callable[[], None]) -> None:
        """The app's hook for a drawn frame: while recording, capture it, draw the mark over
        it, `show` it, and take the mark off again (so the mark is on the screen and never in
        the clip, nor on the surface the next frame builds on); else just `show`. At the
        length cap it stops and says so."""
        if not self.recording:
            show()
            return
        if self.capture(surface):
            toast(f"Recording stopped at its length limit "
                  f"({longest_text(self.current.max_seconds)}). " + self.stop())
            show()
            return
        elapsed = self.elapsed()
        detail = self.detail() if elapsed < DETAIL_SECONDS else ""
        restore = draw_mark(surface, theme, elapsed, layout.panels["top_bar"].bottom, detail)
        show()
        restore()

    def stop(self, path: Path | None = None) -> str:
        """Stop and save on a background thread; returns the notice to show meanwhile."""
        capture = self.current
        if capture is None:
            return "Nothing is being recorded."
        self.current = None
        if capture.count == 0:
            capture.close()
            return "The recording was empty: nothing was saved."
        target = path or self._new_path()
        self._saver = threading.Thread(target=self._save, args=(capture, target),
                                       name="save-recording", daemon=True)
        self._saver.start()
        return f"Saving the recording ({capture.seconds:.1f} s, {capture.count} frames)..."

    def cancel(self) -> None:
        """Drop a recording without saving (the window closes while recording)."""
        if self.current is not None:
            self.current.close()
            self.current = None

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the saver (tests, and the app's exit, so a clip is not cut off)."""
        if self._saver is not None:
            self._saver.join(timeout)

    def poll(self) -> str | None:
        """The saver's notice once it finished (where the clip is, or why it is not)."""
        if self._saver is None or self._saver.is_alive():
            return None
        self._saver = None
        with self._lock:
            outcome, self._outcome = self._outcome, None
        return outcome

    def _new_path(self) -> Path:
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        folder = self.folder or recordings_dir()
        return folder / f"Neural Playground {stamp}{self.options.suffix}"

    def _save(self, capture: FrameCapture, path: Path) -> None:
        try:
            count = write_clip(capture, capture.periods, path, capture.fps)
            message = f"Saved the recording ({count} frames) as {path}"
            self.last_path = path
        except (OSError, ClipError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            message = (f"Could not save the recording in {path.parent}: {reason}. "
                       "The app goes on; free some space or choose another folder.")
        except Exception as exc:  # an encoder's own error: say it, never take the app down
            message = f"Could not save the recording: {exc}"
        finally:
            capture.close()
        with self._lock:
            self._outcome = message
