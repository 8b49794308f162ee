"""What recording costs the window, and what a clip costs to hold and to write.

    python benchmarks/recording.py                 # 1920x1080, configuration B, playing
    python benchmarks/recording.py --size 3840x2160 --seconds 4

Renders the real app headless (SDL dummy driver) while playing, first without recording and
then recording at 15 frames a second into a 960-wide clip, each for the same number of frames,
and prints: the frame's median and 95th percentile in ms with and without recording, the cost
of one captured frame (scaling, reading the pixels, handing them to the compressing thread),
the compressed bytes a frame holds in memory, and the time to write the GIF (on the app's
background thread in the window; here in the foreground) with its size. The recording's clock
is the frame count (60 frames a second), so every fourth frame is captured, as in the window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playground_game.clip_writer import write_clip  # noqa: E402
from playground_game.model.core.features import FEATURE_KEYS  # noqa: E402
from playground_game.model.settings import Settings  # noqa: E402
from playground_game.ui.app import App  # noqa: E402

B = Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6,
             activation="tanh", regularization="L2", regularization_rate=0.001, batch_size=10)


def _frames(app: App, count: int, clock: list[float]) -> list[float]:
    times = []
    for _ in range(count):
        clock[0] += 1 / 60
        start = time.perf_counter()
        app.step_frame(1 / 60)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--seconds", type=float, default=8.0, help="of 60 Hz frames, each run")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    app = App(B, size=size)
    app.load()
    clock = [0.0]
    app.recorder.clock = lambda: clock[0]
    app.playing = True
    count = int(args.seconds * 60)
    _frames(app, 60, clock)  # warm: heatmaps, text caches
    plain = _frames(app, count, clock)
    app.toggle_recording()
    capture = app.recorder.current
    assert capture is not None
    offers: list[float] = []
    original = capture.offer

    def timed_offer(surface, now):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        kept = original(surface, now)
        if kept:
            offers.append((time.perf_counter() - start) * 1000)
        return kept

    capture.offer = timed_offer  # type: ignore[method-assign]
    recording = _frames(app, count, clock)
    held = capture.stored_bytes()
    app.recorder.current = None  # written here in the foreground, to time it
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        written = write_clip(capture, capture.periods, Path(folder) / "run.gif", capture.fps)
        spent = time.perf_counter() - start
        clip_bytes = (Path(folder) / "run.gif").stat().st_size
    capture.close()
    print(f"{args.size}, configuration B, 1 epoch a frame, {count} frames each:")
    print(f"  frame without recording: median {statistics.median(plain):.1f} ms, "
          f"p95 {_p95(plain):.1f} ms")
    print(f"  frame while recording:   median {statistics.median(recording):.1f} ms, "
          f"p95 {_p95(recording):.1f} ms")
    print(f"  one captured frame ({capture.size[0]}x{capture.size[1]}): median "
          f"{statistics.median(offers):.1f} ms, p95 {_p95(offers):.1f} ms, "
          f"{len(offers)} captured")
    print(f"  memory held: {held / len(capture) / 1024:.0f} KiB a frame compressed "
          f"({held / 2**20:.1f} MiB for {capture.seconds:.1f} s; raw "
          f"{capture.size[0] * capture.size[1] * 3 / 1024:.0f} KiB)")
    print(f"  GIF: {written} frames written in {spent:.1f} s, "
          f"{clip_bytes / 2**20:.1f} MiB ({clip_bytes / written / 1024:.0f} KiB a frame)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
