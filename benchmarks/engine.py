"""Engine speed, side by side with the original web playground's library in the same run.

Prints, per configuration A-D: training epochs/s, train+test loss time, full grid refresh (every
unit, 100 x 100), and epochs/s of epoch + losses + grid (what one playing frame costs); each a
median over repeats. When Node is available, the original's library is timed the same way in the
same run (the web oracle's `web-bench --json`, fresh Node processes, medians) and each figure is
printed beside ours with the ratio; without Node (or without a built oracle) ours alone, and why.
Then the training lab on configuration B: each optimizer's epoch time, dropout's, and four
classes' (softmax outputs) against SGD's on two (Adam's must stay within 1.5 times, dropout's at
0.2 and four classes' within 1.3). Then start-up: cold
(empty numba cache) and warm time from `import` to the first trained epoch of the default
experiment, through the window's warm-up (which compiles on both cores), each in a fresh
process. The load average is printed first: the machine is shared.

The web oracle is found at --web-oracle, else ../shared/web-oracle beside the checkout; an
unbuilt one is copied to a temporary folder (reused while it exists) and built with its setup.sh.

    python benchmarks/engine.py [--quick] [--web-oracle DIR] [--no-web]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playground_game.model.bookmark import parse_code  # noqa: E402
from playground_game.model.core import kernels  # noqa: E402
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
SEED = "0.5"  # every configuration's seed, passed to web-bench too
KEYS = ("epochs", "loss_ms", "grid_ms", "frame")
WEB_KEYS = {"epochs": "epochs_per_s", "loss_ms": "loss_ms", "grid_ms": "grid_ms",
            "frame": "frame_per_s"}
HIGHER_IS_BETTER = {"epochs": True, "loss_ms": False, "grid_ms": False, "frame": True}
DIGITS = {"epochs": 0, "loss_ms": 3, "grid_ms": 2, "frame": 0}
TARGETS = {"epochs": 10.0, "frame": 60.0}  # times the original, on every configuration


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

    hyper = net.hyper(s.batch_size, s.learning_rate, s.regularization_rate)
    lab = net.train_paths(s.batch_size)

    def train_only() -> None:
        kernels.entry_points(lab).train_epochs(net.layout, net.params, net.state, hyper, xt, y,
                                               chunk)

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

    # a playing window's steady state: the second core's kernel compiled (a window's warm-up
    # process does it) and loaded (the window does it lazily, on that core's thread)
    net.warm_second_core(xt, y, txt, ty)
    settle = time.perf_counter() + 0.3
    while time.perf_counter() < settle:
        frame()
    frame_s = _median_time(frame, repeats * 4)
    return {"epochs": 1 / train_s, "loss_ms": loss_s * 1e3, "grid_ms": grid_s * 1e3,
            "frame": 1 / frame_s}


# The training lab's runs on configuration B: each optimizer, and SGD with dropout.
LAB_RUNS = {"sgd": "", "momentum": "&optimizer=momentum", "nesterov": "&optimizer=nesterov",
            "rmsprop": "&optimizer=rmsprop", "adam": "&optimizer=adam",
            "dropout": "&dropout=0.2",
            "4 classes": "&dataset=blobs&numClasses=4"}  # softmax outputs (issue 15)
LAB_LIMITS = {"adam": 1.5, "dropout": 1.3, "4 classes": 1.3}  # the most an epoch may cost,
# in epochs of SGD on two classes


def bench_lab(quick: bool) -> dict[str, float]:
    """Configuration B's training epoch time (s) with each run of LAB_RUNS.

    The runs are timed in turns, round after round, so that a busy moment on a shared
    machine falls on all of them alike; each figure is the median of its rounds.
    """
    runs = {}
    for key, extra in LAB_RUNS.items():
        pg = Playground(parse_code(CONFIGS["B"] + extra).settings)
        pg.apply(Train(1))
        net, s = pg.network, pg.settings
        xt, y = pg.train_inputs
        opt = {name: getattr(s, name) for name in ("momentum", "beta1", "beta2", "epsilon",
                                                   "rho")}
        hyper = net.hyper(s.batch_size, s.learning_rate, s.regularization_rate, opt,
                          s.dropout)
        runs[key] = (net, hyper, xt, y, net.train_paths(s.batch_size, s.dropout))
    chunk = 20
    times: dict[str, list[float]] = {key: [] for key in LAB_RUNS}
    for _ in range(5 if quick else 15):
        for key, (net, hyper, xt, y, lab) in runs.items():
            start = time.perf_counter()
            kernels.entry_points(lab).train_epochs(net.layout, net.params, net.state, hyper, xt, y,
                                               chunk)
            times[key].append((time.perf_counter() - start) / chunk)
    return {key: statistics.median(values) for key, values in times.items()}


def print_lab(quick: bool) -> None:
    lab = bench_lab(quick)
    sgd = lab["sgd"]
    cells = []
    for key, seconds in lab.items():
        limit = LAB_LIMITS.get(key)
        bound = f" (limit x{limit})" if limit else ""
        cells.append(f"{key} {1 / seconds:,.0f} ep/s x{seconds / sgd:.2f}{bound}")
    print("training lab, configuration B, epoch time against SGD's: " + "; ".join(cells))


STARTUP = (
    "import time; t0 = time.perf_counter();"
    "from playground_game.model.warmup import warm_kernels;"
    "from playground_game.model.playground import Playground, Train;"
    "warm_kernels(second_process=True);"  # what the window's loading screen runs
    "pg = Playground(); pg.apply(Train(1)); pg.unit_grids();"
    "print(time.perf_counter() - t0)"
)


def startup_seconds(cache_dir: str) -> float:
    """Seconds from import to the first trained epoch in a fresh process, with numba's cache in
    cache_dir. Python keeps its bytecode as a user's does (a sandbox's PYTHONDONTWRITEBYTECODE
    made every start compile our modules from source again, about 30 ms of a warm start)."""
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def find_web_oracle(explicit: str | None) -> tuple[Path | None, str]:
    """A built web oracle folder, or None and the reason there is none."""
    if shutil.which("node") is None:
        return None, "node is not installed"
    source = Path(explicit) if explicit else ROOT.parent / "shared" / "web-oracle"
    if not (source / "web-bench").is_file():
        return None, f"no web oracle at {source}"
    if (source / "build" / "nn.js").is_file():
        return source, ""
    built = Path(tempfile.gettempdir()) / "web-oracle"
    if not (built / "build" / "nn.js").is_file():
        shutil.rmtree(built, ignore_errors=True)
        shutil.copytree(source, built)
        setup = subprocess.run([str(built / "setup.sh")], capture_output=True, text=True)
        if setup.returncode != 0:
            return None, f"building the web oracle in {built} failed: {setup.stderr.strip()}"
    return built, ""


def web_bench(oracle: Path, quick: bool) -> tuple[dict | None, str]:
    """The original's figures per configuration (medians), keyed like bench_config's."""
    command = ["node", str(oracle / "web-bench"), "--json", "--seed", SEED]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, capture_output=True, text=True, cwd=oracle)
    if done.returncode != 0:
        return None, f"web-bench failed: {done.stderr.strip()[-300:]}"
    configs = json.loads(done.stdout)["configs"]
    return {name: {key: configs[name][WEB_KEYS[key]]["median"] for key in KEYS}
            for name in CONFIGS}, ""


def _ratio(key: str, ours: float, theirs: float) -> float:
    """How many times better ours is (speed ratio, whichever way the figure runs)."""
    return ours / theirs if HIGHER_IS_BETTER[key] else theirs / ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--web-oracle", help="a web oracle folder (default ../shared/web-oracle)")
    parser.add_argument("--no-web", action="store_true", help="time our engine only")
    args = parser.parse_args()
    print("load average: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    ours = {name: bench_config(name, args.quick) for name in CONFIGS}
    theirs, why = (None, "--no-web") if args.no_web else (None, "")
    if not args.no_web:
        oracle, why = find_web_oracle(args.web_oracle)
        if oracle is not None:
            theirs, why = web_bench(oracle, args.quick)
    labels = {"epochs": "train ep/s", "loss_ms": "loss ms", "grid_ms": "grid ms",
              "frame": "ep+loss+grid /s"}
    if theirs is None:
        print(f"the original: not measured ({why})")
        print(f"{'cfg':<4}" + "".join(f"{labels[k]:>17}" for k in KEYS))
        for name, r in ours.items():
            print(f"{name:<4}" + "".join(f"{r[k]:>17,.{DIGITS[k]}f}" for k in KEYS))
    else:
        print("ours | the original (web-bench, same run) | x = times faster than the original")
        print(f"{'cfg':<4}" + "".join(f"{labels[k]:>30}" for k in KEYS))
        for name, r in ours.items():
            web = theirs[name]
            cells = [f"{r[k]:,.{DIGITS[k]}f} | {web[k]:,.{DIGITS[k]}f} "
                     f"x{_ratio(k, r[k], web[k]):.1f}" for k in KEYS]
            print(f"{name:<4}" + "".join(f"{cell:>30}" for cell in cells))
        print(f"targets: training x{TARGETS['epochs']:g}, epoch + losses + grid "
              f"x{TARGETS['frame']:g}; missed: " + (", ".join(
                  f"{name} {labels[k]}" for name, r in ours.items() for k in TARGETS
                  if _ratio(k, r[k], theirs[name][k]) < TARGETS[k]) or "none"))
    print_lab(args.quick)
    print("load average: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    with tempfile.TemporaryDirectory() as cache:
        cold = startup_seconds(cache)
        warm = statistics.median(startup_seconds(cache) for _ in range(5))
    print(f"start-up, import to first trained epoch: cold {cold:.2f} s, warm {warm:.2f} s "
          f"(targets: cold <= 8 s, warm <= 0.5 s)")


if __name__ == "__main__":
    main()
