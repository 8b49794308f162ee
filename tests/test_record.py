"""Recording a run: the headless `record` command, the frame capture and the clip writer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest
from PIL import Image

from playground_game import cli
from playground_game.clip_writer import ClipError, mp4_available, write_clip
from playground_game.headless_record import ClipPlan, record_run
from playground_game.model.bookmark import parse_code
from playground_game.ui.frame_capture import FrameCapture, clip_size

SMALL = "dataset=spiral&networkShape=3&seed=0.5"


def _gif_frames(path: Path) -> tuple[list[np.ndarray], list[int]]:
    frames, durations = [], []
    with Image.open(path) as gif:
        for k in range(gif.n_frames):
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB")))
            durations.append(gif.info["duration"])
    return frames, durations


def test_a_headless_200_epoch_recording_has_its_frames_size_and_motion(tmp_path: Path) -> None:
    out = tmp_path / "run.gif"
    written = record_run(parse_code(SMALL).settings, 200, out, size=(480, 270), fps=10,
                         seconds=4)
    plan = ClipPlan(200, 10, 4)
    assert written == plan.frames == 41  # epoch 0, then 40 steps of 5 epochs
    frames, durations = _gif_frames(out)
    assert len(frames) == 41  # Pillow merges a frame identical to the one before: none were
    assert frames[0].shape == (270, 480, 3)
    assert all(not np.array_equal(a, b) for a, b in zip(frames, frames[1:], strict=False))
    assert durations[:-1] == [100] * 40 and durations[-1] == 1000  # the last held a second


def test_the_clip_plan_spreads_the_epochs_from_0_to_the_last() -> None:
    plan = ClipPlan(1000, 15, 10)
    epochs = [plan.epoch_at(k) for k in range(plan.frames)]
    assert epochs[0] == 0 and epochs[-1] == 1000 and len(epochs) == 151
    assert all(b > a for a, b in zip(epochs, epochs[1:], strict=False))
    few = ClipPlan(7, 15, 10)  # fewer epochs than frames: one frame an epoch
    assert [few.epoch_at(k) for k in range(few.frames)] == list(range(8))
    assert ClipPlan(0, 15, 10).frames == 1


def test_the_record_command_refuses_a_bad_file_name_before_training(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["record", "--epochs", "5", "--out", str(tmp_path / "run.avi")]) == 2
    assert "must end in .gif or .mp4" in capsys.readouterr().err
    assert cli.main(["record", "--epochs", "5", "--out", str(tmp_path / "a.gif"),
                     "--fps", "0"]) == 2
    assert cli.main(["record", "--code", "nonsense", "--epochs", "5",
                     "--out", str(tmp_path / "a.gif")]) == 2
    assert not list(tmp_path.iterdir())


def test_the_record_command_writes_the_clip(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    out = tmp_path / "clip.gif"
    assert cli.main(["record", "--code", SMALL, "--epochs", "20", "--out", str(out),
                     "--size", "320x240", "--fps", "5", "--seconds", "1"]) == 0
    assert "6 frames" in capsys.readouterr().out
    with Image.open(out) as gif:
        assert gif.size == (320, 240) and gif.n_frames == 6


def test_an_unwritable_folder_is_an_error_and_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    frames = [np.zeros((4, 6, 3), np.uint8)]
    with pytest.raises(OSError):
        write_clip(frames, [1], blocker / "run.gif", 15)
    with pytest.raises(ClipError):
        write_clip([], [], tmp_path / "empty.gif", 15)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


@pytest.mark.skipif(not mp4_available(), reason="the video extra (imageio-ffmpeg) is not "
                                                "installed")
def test_an_mp4_repeats_a_late_frame_to_keep_real_time(tmp_path: Path) -> None:
    import imageio.v2 as imageio

    frames = [np.full((32, 48, 3), value, np.uint8) for value in (0, 120, 250)]
    out = tmp_path / "run.mp4"
    assert write_clip(frames, [1, 3, 1], out, 10) == 3
    reader = imageio.get_reader(str(out))
    try:
        assert reader.count_frames() == 5
    finally:
        reader.close()


# -- the capture ---------------------------------------------------------------------------


def _surface(value: int, size: tuple[int, int] = (64, 36)) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((value, value, value))
    return surface


def test_capture_keeps_frames_at_its_rate_and_stretches_late_ones() -> None:
    capture = FrameCapture((32, 18), fps=15, max_seconds=10)
    try:
        for k in range(60):  # one second of a 60 Hz window
            capture.offer(_surface(k), k / 60)
        assert len(capture) == 15 and capture.periods == [1] * 15
        capture.offer(_surface(200), 1.5)  # the window stalled half a second
        assert capture.periods[-2:] == [8, 1]  # the frame before stays on screen meanwhile
        assert capture[0].shape == (18, 32, 3)
        assert capture[-1][0, 0].tolist() == [200, 200, 200]
        assert capture[1][0, 0].tolist() == [4, 4, 4]  # the window's fifth frame
    finally:
        capture.close()


def test_capture_stops_at_its_length_cap() -> None:
    capture = FrameCapture((8, 8), fps=10, max_seconds=1)
    try:
        for k in range(30):
            capture.offer(_surface(k, (8, 8)), k / 10)
        assert capture.full and len(capture) == 10
    finally:
        capture.close()


def test_clip_size_scales_the_window_down_to_even_sides() -> None:
    assert clip_size((1920, 1080)) == (960, 540)
    assert clip_size((800, 601)) == (800, 600)
    assert clip_size((1280, 720), (641, 361)) == (640, 360)
