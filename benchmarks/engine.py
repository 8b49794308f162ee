"""Engine speed against the original's library (measured under Node on the same 2-core machine).

Prints, per configuration: training epochs/s, train+test loss time, full grid refresh (every unit,
100 x 100), and epochs/s of epoch + losses + grid (what one playing frame costs); each a median
over repeats, with its ratio to the original. Then start-up: cold (empty numba cache) and warm time
from `import` to the first trained epoch, each in a fresh process.

    python benchmarks/engine.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playground_game.model.bookmark import parse_code  # noqa: E402
from playground_game.model.playground import Playground, Train  # noqa: E402

CONFIGS = {
    "A": "seed=0.5",
    "B": "dataset=spiral&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true"
         "&sinY=true&networkShape=8,8,8,8,8,8&regularization=L2&regularizationRate=0.001"
         "&seed=0.5",
    "C": "problem=regression&regDataset=reg-gauss&networkShape=8,8,8&activation=relu"
         "&learningRate=0.01&batchSize=1&seed=0.5",
    "D": "dataset=xor&networkShape=8,8,8,8,8,8&activation=relu&batchSize=30&seed=0.5",
}
# The original's library under Node on this 2-core machine (from the foundation issue).
ORIGINAL = {
    "A": {"epochs": 3771, "grid_ms": 9.0, "frame": 103},
    "B": {"epochs": 356, "grid_ms": 63.0, "frame": 14.6},
    "C": {"epochs": 276, "grid_ms": 22.0, "frame": 36},
    "D": {"epochs": 423, "grid_ms": 48.0, "frame": 19},
}
TARGETS = {"epochs": 5, "grid_ms": 20, "frame": 15}


def _median_time(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_config(name: str, quick: bool) -> dict[str, float]:
    pg = Playground(parse_code(CONFIGS[name]).settings)
    pg.apply(Train(1))
    pg.unit_grids()
    net = pg.network
    s = pg.settings
    (xt, y), (txt, ty) = pg.train_inputs, pg.test_inputs
    repeats = 5 if quick else 15
    chunk = 20 if name in "BCD" else 200

    def train_only() -> None:
        net.train(xt, y, s.batch_size, s.learning_rate, s.regularization_rate, chunk)

    train_s = _median_time(train_only, repeats) / chunk

    def losses() -> None:
        net.loss(xt, y)
        net.loss(txt, ty)

    loss_s = _median_time(losses, repeats * 4)

    def grid() -> None:
        pg.unit_grids(recompute=True)  # the benchmark measures the kernel, not the cache

    grid_s = _median_time(grid, repeats * 4)

    def frame() -> None:
        pg.apply(Train(1))
        pg.unit_grids()

    frame_s = _median_time(frame, repeats * 4)
    return {"epochs": 1 / train_s, "loss_ms": loss_s * 1e3, "grid_ms": grid_s * 1e3,
            "frame": 1 / frame_s}


STARTUP = (
    "import time; t0 = time.perf_counter();"
    "from playground_game.model.playground import Playground, Train;"
    "pg = Playground(); pg.apply(Train(1)); pg.unit_grids();"
    "print(time.perf_counter() - t0)"
)


def startup_seconds(cache_dir: str) -> float:
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    print(f"{'cfg':<4}{'train ep/s':>12}{'x orig':>8}{'loss ms':>9}{'grid ms':>9}{'x orig':>8}"
          f"{'ep+loss+grid /s':>17}{'x orig':>8}")
    for name in CONFIGS:
        r = bench_config(name, args.quick)
        o = ORIGINAL[name]
        print(f"{name:<4}{r['epochs']:>12,.0f}{r['epochs'] / o['epochs']:>8.1f}"
              f"{r['loss_ms']:>9.3f}{r['grid_ms']:>9.2f}{o['grid_ms'] / r['grid_ms']:>8.1f}"
              f"{r['frame']:>17,.0f}{r['frame'] / o['frame']:>8.1f}")
    print(f"targets: training >= {TARGETS['epochs']}x, grid >= {TARGETS['grid_ms']}x, "
          f"epoch+losses+grid >= {TARGETS['frame']}x the original")
    with tempfile.TemporaryDirectory() as cache:
        cold = startup_seconds(cache)
        warm = statistics.median(startup_seconds(cache) for _ in range(3))
    print(f"start-up, import to first trained epoch: cold {cold:.2f} s, warm {warm:.2f} s "
          f"(target warm < 2 s)")


if __name__ == "__main__":
    main()
