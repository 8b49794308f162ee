"""Sweep throughput: runs a second with one worker and with two, and the ratio.

The sweep is configuration B of benchmarks/engine.py (the spiral, all seven features, 6 x 8
tanh units, L2) over two learning rates and --seeds seeds, --epochs epochs a run. One worker is
`--jobs 1` (the runs one after another in this process); two are `--jobs 2` (joblib's worker
processes). Each is timed --repeats times after one untimed pass (which compiles the kernels
and starts the workers) and the median is printed. The machine is shared: the load average is
printed before and after, and one more pass in each mode measures the CPU time each run took
and how many cores the workers actually kept busy, which says whether a missed ratio is the
sweep's overhead (more CPU a run with two workers) or the machine's other work (fewer cores).

    python benchmarks/sweep.py [--seeds 12] [--epochs 300] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playground_game.sweep.engines import run_here, run_joblib  # noqa: E402
from playground_game.sweep.grid import plan_runs  # noqa: E402
from playground_game.sweep.run import run_one  # noqa: E402

B = ("dataset=spiral&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true"
     "&sinY=true&networkShape=8,8,8,8,8,8&regularization=L2&regularizationRate=0.001&seed=0.5")
TARGET_RATIO = 1.7


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def runs_per_second(runs: list, workers: int, repeats: int) -> float:
    """The median over `repeats` timed passes of runs finished a second."""
    def one_pass() -> None:
        results = run_here(runs) if workers == 1 else run_joblib(runs, workers)
        assert sum(1 for _ in results) == len(runs)

    one_pass()  # compile, start the workers
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        one_pass()
        times.append(time.perf_counter() - start)
    return len(runs) / statistics.median(times)


def _cpu_seconds(spec) -> float:
    start = time.process_time()
    run_one(spec)
    return time.process_time() - start


def cores_used(runs: list, workers: int) -> tuple[float, float]:
    """(CPU seconds a run, cores the pass kept busy): what the machine gave the workers. On a
    shared machine the second worker may get no more CPU than the first alone had."""
    from joblib import Parallel, delayed

    start = time.perf_counter()
    cpu = Parallel(n_jobs=workers, backend="loky")(delayed(_cpu_seconds)(r) for r in runs)
    wall = time.perf_counter() - start
    return sum(cpu) / len(runs), sum(cpu) / wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    runs = plan_runs(B, ["learningRate=0.01,0.03"], args.seeds, args.epochs)
    print(f"load average before: {_load()}  ({os.cpu_count()} cores)")
    print(f"sweep: B, {len(runs)} runs of {args.epochs} epochs, median of {args.repeats}")
    one = runs_per_second(runs, 1, args.repeats)
    print(f"1 worker : {one:7.2f} runs/s")
    two = runs_per_second(runs, 2, args.repeats)
    print(f"2 workers: {two:7.2f} runs/s")
    for workers in (1, 2):
        cpu, cores = cores_used(runs, workers)
        print(f"  {workers} worker(s): {cpu * 1000:.0f} ms CPU a run, {cores:.2f} cores busy")
    ratio = two / one
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    print(f"ratio    : x{ratio:.2f} ({verdict} the target x{TARGET_RATIO})")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
