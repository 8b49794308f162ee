"""Writing a recorded run to a file: an animated GIF (Pillow) or an MP4 (imageio-ffmpeg).

Frames are RGB arrays (height, width, 3) of uint8, each with the number of frame periods it
stays on screen (a frame the window could not capture in time lasts longer instead of the clip
running fast). GIF needs only Pillow, a dependency; MP4 needs the optional extra
`playground-game[video]` (imageio with its ffmpeg binary), and `formats()` says whether it is
there. The file is written beside its final name and renamed when complete, so a full disk or
a refused folder leaves no half-written clip. No pygame here.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

GIF = ".gif"
MP4 = ".mp4"


def mp4_available() -> bool:
    """True when imageio and its ffmpeg binary are installed (the `video` extra)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("imageio", "imageio_ffmpeg"))


def formats() -> tuple[str, ...]:
    """The file suffixes this installation can write."""
    return (GIF, MP4) if mp4_available() else (GIF,)


class ClipError(Exception):
    """The clip cannot be written; the message says why, in words for the user."""


def check_target(path: Path) -> str:
    """The suffix to write (".gif" or ".mp4"); ClipError when it is neither, or MP4 is not
    installed."""
    suffix = Path(path).suffix.lower()
    if suffix not in (GIF, MP4):
        raise ClipError(f"{str(path)!r} must end in .gif or .mp4")
    if suffix == MP4 and not mp4_available():
        raise ClipError("MP4 needs imageio and imageio-ffmpeg: pip install "
                        "'playground-game[video]' (or write a .gif)")
    return suffix


def write_clip(frames: Sequence[np.ndarray], periods: Sequence[int], path: Path,
               fps: float) -> int:
    """Write `frames` (RGB arrays), the k-th shown for `periods[k]` frame periods of 1/`fps` s;
    returns the frames written. `frames` may decode each frame when indexed: the writers read
    them one at a time (a few twice, for the GIF's palette).

    Raises ClipError for an unknown suffix or no frames, OSError when the file cannot be
    written (the caller says so; the folder is left as it was).
    """
    path = Path(path)
    suffix = check_target(path)
    if not periods or len(frames) != len(periods):
        raise ClipError("nothing was recorded" if not periods else
                        f"{len(frames)} frames but {len(periods)} durations")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix,
                                         dir=path.parent)
    os.close(handle)
    try:
        writer = _write_gif if suffix == GIF else _write_mp4
        count = writer(frames, list(periods), Path(temp_name), fps)
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp's file is private; a clip is not
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_gif(frames: Sequence[np.ndarray], periods: list[int], path: Path, fps: float) -> int:
    """Pillow's GIF writer, every frame in one palette (255 colours chosen from the first, the
    middle and the last frame, so the trained heatmaps' colours are in it), without dithering:
    consecutive frames then differ only where the picture changed, and Pillow stores only that
    rectangle (a clip is 5 to 6 times smaller and written 5 times faster than with a palette
    per frame). Each frame has its own duration (GIF counts in hundredths of a second: 15 fps
    plays at 0.07 s a frame). Pillow keeps the 8-bit frames until the file is written, and
    merges a frame identical to the one before into it (a paused stretch costs one frame)."""
    from PIL import Image

    durations = [max(2, round(100 * n / fps)) * 10 for n in periods]  # milliseconds
    samples = sorted({0, len(frames) // 2, len(frames) - 1})
    palette = Image.fromarray(np.concatenate([frames[k] for k in samples]), "RGB").quantize(
        255, method=Image.Quantize.MEDIANCUT)

    def indexed(k: int) -> Image.Image:
        return Image.fromarray(frames[k], "RGB").quantize(palette=palette,
                                                          dither=Image.Dither.NONE)

    first = indexed(0)
    rest = (indexed(k) for k in range(1, len(frames)))
    first.save(path, format="GIF", save_all=True, append_images=rest, duration=durations,
               loop=0)
    return len(durations)


def _write_mp4(frames: Sequence[np.ndarray], periods: list[int], path: Path, fps: float) -> int:
    """imageio's ffmpeg writer (H.264, streamed: one frame in memory at a time); a frame that
    lasted several periods is repeated, since an MP4 here runs at one constant rate."""
    import imageio.v2 as imageio

    count = 0
    writer = imageio.get_writer(str(path), format="FFMPEG", mode="I", fps=fps,
                                codec="libx264", quality=7, macro_block_size=2,
                                ffmpeg_log_level="error")
    try:
        for rgb, repeats in zip(frames, periods, strict=False):
            for _ in range(max(1, repeats)):
                writer.append_data(rgb)
            count += 1
    finally:
        writer.close()
    if count == 0:
        raise ClipError("nothing was recorded")
    return count
