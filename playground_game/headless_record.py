"""`playground-game record`: a run as a clip for slides, made without a window.

The real app renders offscreen (SDL's dummy video driver, as `--screenshot` and the tests do)
and goes through its own frames (`App.step_frame`), so the clip shows exactly what the window
shows; each frame is captured the way the window's Record captures it (`FrameCapture`) and
written by the same writer. The epochs are spread over the clip so it lasts about `seconds`
(a frame per epoch when there are fewer epochs than frames), from epoch 0 to the last, which
stays on screen for a second at the end.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from playground_game.clip_writer import check_target, write_clip
from playground_game.model.settings import Settings

DEFAULT_SIZE = (960, 540)
DEFAULT_SECONDS = 10.0
HOLD_LAST_SECONDS = 1.0


@dataclass(frozen=True)
class ClipPlan:
    """The epoch shown in each frame: from 0 to `epochs`, at most `fps * seconds` steps."""

    epochs: int
    fps: float
    seconds: float

    @property
    def steps(self) -> int:
        return max(1, min(self.epochs, math.ceil(self.fps * self.seconds))) if self.epochs else 0

    def epoch_at(self, frame: int) -> int:
        """The epoch frame `frame` (0..steps) shows, spread evenly."""
        return 0 if self.steps == 0 else round(frame * self.epochs / self.steps)

    @property
    def frames(self) -> int:
        return self.steps + 1


def record_run(settings: Settings, epochs: int, out: Path,
               size: tuple[int, int] = DEFAULT_SIZE, fps: float = 15,
               seconds: float = DEFAULT_SECONDS) -> int:
    """Render the run offscreen and write it to `out` (.gif, or .mp4 with the video extra);
    returns the frames written. Raises ClipError or OSError when it cannot be written."""
    check_target(out)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from playground_game.ui.app import App
    from playground_game.ui.frame_capture import FrameCapture, clip_size

    app = App(settings, size=size)
    try:
        app.load()
        pygame.event.clear()
        plan = ClipPlan(epochs, fps, seconds)
        capture = FrameCapture(clip_size(app.screen.get_size(), size), fps,
                               max_seconds=plan.frames / fps + 1)
        try:
            for frame in range(plan.frames):
                assert app.playground is not None  # loaded above
                app.train_epochs(plan.epoch_at(frame) - app.playground.epoch)
                app.step_frame(1.0 / fps)
                app.draw()  # this frame as the window shows it, even when nothing changed
                capture.offer(app.screen, frame / fps)
            capture.periods[-1] = max(1, round(HOLD_LAST_SECONDS * fps))
            return write_clip(capture, capture.periods, out, fps)
        finally:
            capture.close()
    finally:
        pygame.quit()
