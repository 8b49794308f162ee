"""Capturing the rendered window as a clip's frames, at a chosen rate and size, in bounded memory.

`FrameCapture.offer(surface, now)` is called after every drawn frame; it keeps a frame only
when the clip's clock has reached its next period (a window drawing at 60 frames a second gives
a 15 fps clip every fourth frame), so recording skips frames and never slows the app. A frame
the window drew late simply lasts more periods (`periods`), so the clip keeps real time.

Each kept frame is scaled to the clip's size here (the one step that must read the window's
surface before the next frame draws over it: 2 to 5 ms at 1080p) and read and compressed with
zlib on a worker thread (zlib lets go of the GIL; the window's pictures are mostly flat colour
and shrink 5 to 30 times: 50 to 270 KiB a frame at 960 x 540, against 1.5 MiB raw). The GIF
writer then holds each frame in 8-bit colour (0.5 MiB at 960 x 540) until the file is written.
`MAX_SECONDS` caps a recording's length, so at the defaults a recording holds at most about
120 MiB while it runs and 230 MiB while its GIF is written; `full` says when it is reached.
"""

from __future__ import annotations

import math
import zlib
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pygame

DEFAULT_FPS = 15
DEFAULT_MAX_WIDTH = 960  # the window scaled down to this width at most: slides and forums
MAX_SECONDS = 30  # a recording's longest: memory stays bounded (see the module docstring)
MAX_FPS = 60


RING = 3  # scaled frames waiting for the worker at most


def _compressed(frame: pygame.Surface) -> bytes:
    """A frame's RGB bytes, compressed (zlib's fastest level: the window's flat colours)."""
    return zlib.compress(pygame.image.tobytes(frame, "RGB"), 1)


def clip_size(window: tuple[int, int], size: tuple[int, int] | None = None,
              max_width: int = DEFAULT_MAX_WIDTH) -> tuple[int, int]:
    """The clip's frame size: `size` when given, else the window scaled to at most `max_width`
    wide with its proportions; always even (H.264's colour planes are half size)."""
    if size is None:
        width, height = window
        factor = min(1.0, max_width / max(1, width))
        size = (round(width * factor), round(height * factor))
    return max(2, size[0] - size[0] % 2), max(2, size[1] - size[1] % 2)


class FrameCapture:
    """One recording's frames, compressed, and how many periods each lasts."""

    def __init__(self, size: tuple[int, int], fps: float = DEFAULT_FPS,
                 max_seconds: float = MAX_SECONDS) -> None:
        if not 0 < fps <= MAX_FPS:
            raise ValueError(f"frame rate {fps} is out of range 1..{MAX_FPS}")
        self.size = size
        self.fps = fps
        self.max_seconds = max_seconds  # the length cap
        self.max_periods = max(1, math.floor(max_seconds * fps + 1e-9))
        self.periods: list[int] = []
        self._frames: list[Future[bytes]] = []
        self._start: float | None = None
        self._last_tick = -1
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compress-frames")
        self._ring: list[pygame.Surface | None] = [None] * RING

    @property
    def count(self) -> int:
        return len(self._frames)

    @property
    def seconds(self) -> float:
        """The clip's length so far."""
        return sum(self.periods) / self.fps

    @property
    def full(self) -> bool:
        """The length cap is reached: the recording should stop."""
        return self._last_tick + 1 >= self.max_periods

    def offer(self, surface: pygame.Surface, now: float) -> bool:
        """Keep this drawn frame if the clip's clock is due (`now` in seconds, any origin);
        returns True when kept."""
        if self._start is None:
            self._start = now
        tick = math.floor((now - self._start) * self.fps + 1e-9)
        if tick <= self._last_tick or self.full:
            return False
        if self.periods:
            self.periods[-1] = tick - self._last_tick
        self._last_tick = tick
        self.periods.append(1)
        # Scaled here into one of a few surfaces of the clip's size (the window's surface
        # changes on the next frame); read and compressed on the worker.
        slot = len(self._frames) % RING
        if self._ring[slot] is None:
            self._ring[slot] = pygame.Surface(self.size, 0, surface)  # the window's format
        target = self._ring[slot]
        assert target is not None
        if len(self._frames) >= RING:
            self._frames[-RING].result()  # the worker is done with this surface
        if surface.get_size() == self.size:
            target.blit(surface, (0, 0))
        else:
            pygame.transform.smoothscale(surface, self.size, target)
        self._frames.append(self._worker.submit(_compressed, target))
        return True

    def __len__(self) -> int:
        return len(self._frames)

    def __getitem__(self, index: int) -> np.ndarray:
        """A kept frame as an RGB array (height, width, 3), decompressed when asked for: the
        capture is the sequence of frames `clip_writer.write_clip` takes."""
        width, height = self.size
        data = zlib.decompress(self._frames[index].result())
        return np.frombuffer(data, np.uint8).reshape(height, width, 3)

    def stored_bytes(self) -> int:
        """The compressed frames' size so far (the memory a recording holds)."""
        return sum(len(f.result()) for f in self._frames)

    def close(self) -> None:
        """Let the worker go (after the frames were read, or to drop the recording)."""
        self._worker.shutdown(wait=False, cancel_futures=True)
