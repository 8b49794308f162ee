"""Frame time of the real scene, headless, while playing.

    python benchmarks/frame.py                  # the standard runs below, with their targets
    python benchmarks/frame.py --size 3840x2160 --config default --speeds 1 [--present]

Renders the whole app (SDL dummy driver: flip is free, so this measures our work) while playing
and prints the median and 95th percentile in ms per frame, split into training, the heatmap grid
(one engine call for every unit; while playing, each Train draws it beside the second core's
measures, so it counts as training and the grid part is near 0) and drawing, and the median
epochs trained per frame (the app's 50 ms training budget trains fewer when an epoch costs more
than the speed allows).
Configuration B of the foundation issue is the spiral with all 7 features, 6 x 8 tanh, L2 0.001,
batch 10; "B-painted" the same network on 2,000 points of your own; "B-layer" the same with
the output map showing its third hidden layer (the layer view, on two principal components);
"default" is the default experiment.

Standard runs and targets on the 2-core reference machine (links anti-aliased):
    1920x1080  B        1 epoch/frame    median <= 8 ms, p95 <= 12 ms
    1920x1080  B       10 epochs/frame   training median <= 8 ms
    1920x1080  B      100 epochs/frame   median <= 33 ms (goal beyond: 16.7 ms)
    1920x1080  B-painted 1 epoch/frame   median <= 12 ms (2,000 points of your own)
    1920x1080  B-layer   1 epoch/frame   median <= 8 ms, p95 <= 12 ms (the layer view of layer 3)
    1920x1080  B-layer  10 epochs/frame  median <= 33 ms
    3840x2160  default  1 epoch/frame    median <= 16.7 ms
    3840x2160  B        1 epoch/frame    median <= 16.7 ms
    1920x1080  race-B   1 epoch/frame    median <= 16.7 ms (a race: B against B with ReLU,
                                         both trained and drawn every frame)
The load average is printed before and after: other work on the machine shows in the numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from playground_game.model.core.features import FEATURE_KEYS  # noqa: E402
from playground_game.model.own_points import OwnPoints  # noqa: E402
from playground_game.model.settings import Settings, with_own_points  # noqa: E402
from playground_game.ui.app import App  # noqa: E402


def _painted(settings: Settings, n: int = 2000) -> Settings:
    """The settings with n points of your own: two noisy spiral arms, as a student might paint
    them (a fixed numpy stream, so every run paints the same points)."""
    g = np.random.default_rng(16)
    t = g.uniform(0, 1, n)
    arm = g.integers(0, 2, n)
    angle = 1.75 * t * 2 * np.pi + arm * np.pi
    x = 5 * t * np.sin(angle) + g.normal(0, 0.3, n)
    y = 5 * t * np.cos(angle) + g.normal(0, 0.3, n)
    points = OwnPoints.make(np.clip(x, -6, 6), np.clip(y, -6, 6), arm, None, False)
    return with_own_points(settings, points.encode())


B = Settings(dataset="spiral", features=FEATURE_KEYS, network_shape=(8,) * 6, activation="tanh",
             regularization="L2", regularization_rate=0.001, batch_size=10)
CONFIGS = {
    "B": B,
    "B-painted": _painted(B),  # 2,000 points of your own (issue 16)
    "B-layer": B,  # with the layer view (issue 17): LAYER_VIEWS
    "default": Settings(),
    # a race of two B networks (ui/race/): B against the same network with ReLU
    "race-B": B.with_changes(race="activation%3Drelu"),
}
LAYER_VIEWS = {"B-layer": 3}  # the hidden layer the output map shows, by config
PARTS = ("total", "train", "grid", "draw")


@dataclass(frozen=True)
class Run:
    """One measured setting and its targets in ms (None: reported only) for one part of the
    frame (the whole frame unless said)."""

    size: tuple[int, int]
    config: str
    speed: int
    median_target: float | None = None
    p95_target: float | None = None
    part: str = "total"


STANDARD_RUNS = (
    Run((1920, 1080), "B", 1, 8.0, 12.0),
    Run((1920, 1080), "B", 10, 8.0, part="train"),
    Run((1920, 1080), "B", 100, 33.0),
    Run((1920, 1080), "B-painted", 1, 12.0),
    Run((1920, 1080), "B-layer", 1, 8.0, 12.0),  # the window's targets (issue 17)
    Run((1920, 1080), "B-layer", 10, 33.0),
    Run((3840, 2160), "default", 1, 16.7),
    Run((3840, 2160), "B", 1, 16.7),
    Run((1920, 1080), "race-B", 1, 16.7),
)


def measure(settings: Settings, size: tuple[int, int], speed: int, frames: int,
            present: bool = False,
            layer: int | None = None) -> tuple[dict[str, tuple[float, float]], float]:
    """Per-frame milliseconds (total, train, grid, draw): median and 95th percentile; and the
    median epochs trained per frame. `layer`: the output map shows that hidden layer's view."""
    app = App(settings, size=size, speed=speed)
    app.load()
    pygame.event.clear()
    if present:
        app.toggle_presentation()
        app.toasts.clear()
    if layer is not None:
        app.scene.layer_view.choose(layer)
        app.toasts.clear()
    app.toggle_play()
    app.run_frames(30)  # warm caches, fonts, the epoch-cost estimate

    def epoch() -> int:  # in a race, every contestant's (they train in lockstep)
        return app.race_screen.race.epoch if app.race_screen else app.playground.epoch

    rows = []
    epochs = []
    for _ in range(frames):
        before = epoch()
        start = time.perf_counter()
        app.step_frame(dt=1.0 / 60)
        total = (time.perf_counter() - start) * 1000
        rows.append((total, app.times.train, app.times.grid, app.times.draw))
        epochs.append(epoch() - before)
    pygame.display.quit()
    data = np.array(rows)
    return ({name: (float(np.median(data[:, k])), float(np.percentile(data[:, k], 95)))
             for k, name in enumerate(PARTS)}, float(np.median(epochs)))


def _verdict(run: Run, result: dict[str, tuple[float, float]]) -> str:
    total = result[run.part]
    what = "" if run.part == "total" else f"{run.part} "
    checks = []
    if run.median_target is not None:
        ok = total[0] <= run.median_target
        checks.append(f"{what}median {'<=' if ok else '>'} {run.median_target:g}")
    if run.p95_target is not None:
        ok = total[1] <= run.p95_target
        checks.append(f"{what}p95 {'<=' if ok else '>'} {run.p95_target:g}")
    if not checks:
        return ""
    failed = any(">" in c for c in checks)
    return f"  [{'MISSED' if failed else 'ok'}: {', '.join(checks)}]"


def _load() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", help="WxH; with --config, one run instead of the standard ones")
    parser.add_argument("--config", choices=sorted(CONFIGS))
    parser.add_argument("--speeds", default="1,10,100", help="epochs per frame, comma-separated")
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--present", action="store_true", help="in presentation mode")
    args = parser.parse_args(argv)
    if args.size or args.config:
        size = tuple(int(v) for v in (args.size or "1920x1080").lower().split("x"))
        runs = [Run(size, args.config or "B", int(s)) for s in args.speeds.split(",")]
        runs = [next((r for r in STANDARD_RUNS if (r.size, r.config, r.speed)
                      == (run.size, run.config, run.speed)), run) for run in runs]
    else:
        runs = list(STANDARD_RUNS)
    print(f"{os.cpu_count()} cores, load average {_load()} (1, 5, 15 min); {args.frames} frames"
          f"{' in presentation mode' if args.present else ''}; ms per frame: median / p95")
    missed = False
    for run in runs:
        result, trained = measure(CONFIGS[run.config], run.size, run.speed, args.frames,
                                  args.present, LAYER_VIEWS.get(run.config))
        parts = "  ".join(f"{name} {med:6.2f} / {p95:6.2f}" for name, (med, p95) in result.items())
        verdict = _verdict(run, result)
        missed = missed or "MISSED" in verdict
        print(f"{run.size[0]}x{run.size[1]} {run.config:>7} {run.speed:3d} epoch/frame "
              f"(trained {trained:g})  {parts}{verdict}")
    print(f"load average after: {_load()}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
