"""Frame time of the real scene, headless, while playing.

    python benchmarks/frame.py [--size 1920x1080] [--frames 300] [--config B|default]

Renders the whole app (SDL dummy driver: flip is free, so this measures our work) for
configuration B of the foundation issue (spiral, all 7 features, 6 x 8 tanh, L2 0.001, batch 10)
at 1 and at 10 epochs per frame, and prints the median and 95th percentile in ms per frame,
split into training, the heatmap grid (one engine call for every unit) and drawing.
Target at 1 epoch per frame on the 2-core reference machine: median <= 12 ms, p95 <= 16.7 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from playground_game.model.features import FEATURE_KEYS  # noqa: E402
from playground_game.model.settings import Settings  # noqa: E402
from playground_game.ui.app import App  # noqa: E402

CONFIGS = {
    "B": Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6,
                  activation="tanh", regularization="L2", regularization_rate=0.001,
                  batch_size=10),
    "default": Settings(),
}
SPEEDS = (1, 10)


def measure(settings: Settings, size: tuple[int, int], speed: int, frames: int) -> dict:
    """Per-frame milliseconds (total, train, grid, draw) over `frames` played frames."""
    app = App(settings, size=size, speed=speed)
    app.load()
    pygame.event.clear()
    app.toggle_play()
    app.run_frames(30)  # warm caches, fonts, the epoch-cost estimate
    rows = []
    for _ in range(frames):
        start = time.perf_counter()
        app.step_frame(dt=1.0 / 60)
        total = (time.perf_counter() - start) * 1000
        rows.append((total, app.times.train, app.times.grid, app.times.draw))
    pygame.display.quit()
    data = np.array(rows)
    return {
        name: (float(np.median(data[:, k])), float(np.percentile(data[:, k], 95)))
        for k, name in enumerate(("total", "train", "grid", "draw"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--config", choices=sorted(CONFIGS), default="B")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    print(f"config {args.config} at {size[0]}x{size[1]}, {args.frames} frames, "
          "ms per frame: median / p95")
    for speed in SPEEDS:
        result = measure(CONFIGS[args.config], size, speed, args.frames)  # type: ignore[arg-type]
        parts = "  ".join(f"{name} {med:6.2f} / {p95:6.2f}" for name, (med, p95) in result.items())
        print(f"{speed:3d} epoch/frame  {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
