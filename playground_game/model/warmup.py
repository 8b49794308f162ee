"""Compile (or load from numba's cache) every kernel before the user needs it.

The first start compiles for several seconds; later starts load the cache in well under a second.
The window calls `warm_kernels` behind a loading screen so no click ever waits on the compiler.

On a first start the compiler is the whole wait, and it runs on one core: numba compiles in
Python, under the GIL. So the window's warm-up hands part of the work to a second process on
the machine's second core (`python -m playground_game.model.warmup`: the loss kernels, then the
heatmap kernel) while it compiles training itself from a tiny network of its own, then the
data's kernels. Training calls the loss kernels after its epoch, and by then the second process
has put them in the shared cache, so they are compiled once. Before its heatmaps this process
waits a little for the second one to finish (at most _WAIT_FOR_SECOND_S, less than compiling the
grid again would take); had it not finished by then, this one compiles what it needs itself.
On the 2-core machine the halves take about 5.5 and 6 s; one process alone, about 14 s.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable

import numpy as np

from playground_game.model.core.network import Network
from playground_game.model.core.rng import SeededRandom
from playground_game.model.playground import Playground, Train
from playground_game.model.settings import Settings

Progress = Callable[[float, str], None]

# The training lab's paths compile the first time a network needs them (kernels.py): a few
# seconds in which the window would not answer. After the window is up, a background process of
# the lowest priority compiles the sets people reach for first into the shared cache, so that the
# window then loads them in a blink: each code below needs one set (tiny networks: the compiled
# code does not depend on the sizes).
LAB_WARM_UPS = (
    "batchSize=1",  # not the lab's, but an epoch kernel of its own (kernels.ONE)
    "optimizer=adam",  # the lab's optimizers
    "dataset=blobs&numClasses=3",  # softmax outputs, cross-entropy
    "activation=elu",  # the lab's activations
    "dropout=0.2",
    "dataset=blobs&numClasses=3&optimizer=adam",
    "activation=elu&optimizer=adam",
)

_TINY = Settings(network_shape=(2,))  # the experiment every warm-up runs: small, fast to train
_COLD_AFTER_S = 0.25  # training not loaded from the cache by then: it is compiling
# How long the warm-up waits for the second process before compiling the heatmap grid itself,
# which takes about 1.5 s on the 2-core machine.
_WAIT_FOR_SECOND_S = 1.5
_MANY_EPOCHS = 20  # enough epochs in one call to measure on the second core (network.py)


def _spawn(*args: str, launcher: tuple[str, ...] = (),
           **options: object) -> subprocess.Popen | None:
    """This module run in a process of its own with `args` (its output dropped), through
    `launcher` (a command that runs the rest), or None where it cannot start."""
    try:
        return subprocess.Popen([*launcher, sys.executable, "-m", "playground_game.model.warmup",
                                 *args],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, **options)
    except OSError:
        return None


def _stop(process: subprocess.Popen) -> None:
    """Terminate `process` if it is still at work, and reap it (else Python warns that it was
    left running)."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait(process: subprocess.Popen, seconds: float) -> None:
    """Wait up to `seconds` for `process` to end."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=seconds)


def _start_second_process() -> subprocess.Popen | None:
    """The other half of the warm-up in a process of its own, or None on one core (or when it
    cannot start: the warm-up then simply does all of it here)."""
    return _spawn() if (os.cpu_count() or 1) >= 2 else None


def _tiny_network_and_points() -> tuple[Network, np.ndarray, np.ndarray]:
    """The network of the original's rows and the points (inputs, targets) both processes'
    warm-ups run: a session's argument types, not its sizes (the compiled code does not depend
    on them)."""
    network = Network.build([2, 2, 1], SeededRandom("warm-up"), "tanh", "tanh-square")
    return network, np.zeros((2, 4)), np.zeros((1, 4))


def _warm_training() -> None:
    """Compile training (the original's path) on a network and data of its own, so that it
    needs none of the kernels the second process compiles: the same argument types a session
    passes, hence the same compiled code."""
    network, xt, y = _tiny_network_and_points()
    network.train_and_measure(xt, y, xt, y, batch_size=2, learning_rate=0.03,
                              regularization_rate=0.0, epochs=1)


def _warm_measures_and_heatmaps() -> None:
    """The second process's part: the loss and accuracy kernels first (training calls them
    after its epoch, so they must be in the cache before that), then the heatmap grid; on a
    network and arrays of its own with the argument types a session passes."""
    network, xt, y = _tiny_network_and_points()
    network.measure(xt, y, xt, y)
    points = 16  # the compiled code does not depend on the sizes
    network.grid(np.zeros((2, points), np.float32),
                 np.empty((network.num_units, points), np.float32))


def warm_kernels(progress: Progress | None = None, second_process: bool = False) -> None:
    """Run every kernel once on a tiny experiment, reporting (fraction done, what) as it goes.

    With second_process, half of a first start's compiling runs on the second core (see the
    module docstring); the window asks for it, tests and scripts do not need it.
    """
    report = progress or (lambda fraction, label: None)
    started: list[subprocess.Popen] = []
    # Only a first start needs the second process: when training loads from the cache sooner
    # than this, the start is a warm one and the process is never started.
    timer = threading.Timer(_COLD_AFTER_S, lambda: started.extend(
        p for p in [_start_second_process()] if p is not None))
    if second_process:
        timer.start()
    try:
        report(0.0, "training")
        _warm_training()
        timer.cancel()
        report(0.5, "data and input features")
        pg = Playground(_TINY)  # the data, its input features and the losses
        for other in started:  # nearly done: loading the grid beats compiling it again
            _wait(other, _WAIT_FOR_SECOND_S)
        report(0.8, "one epoch and its heatmaps")
        pg.apply(Train(1))  # (before any heatmaps: a window's later epochs load more, lazily)
        pg.unit_grids()
        if second_process:  # the window: the lab's paths next, in the background
            _stop_at_exit(start_lab_warm_up())
    finally:
        timer.cancel()
        for other in started:
            _stop(other)  # this process was quicker; the work is done here
    report(1.0, "ready")


def warm_lab_kernels() -> None:
    """Compile the kernel that measures on the second core beside a window's heatmaps
    (second_core.py), for the original's set of paths first; then the lab's sets of paths in
    LAB_WARM_UPS: one epoch (the frame's call), many epochs (the call that measures on the
    second core), a new session's losses and the heatmap grid of each."""
    from playground_game.model.bookmark import parse_code  # only this process needs codes

    for code in ("", *LAB_WARM_UPS):  # the original's set first: a first start's window
        pg = Playground(parse_code(f"{code}&networkShape=2&seed=warm-up").settings)
        (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
        pg.network.warm_second_core(xt, y, test_xt, test_y, pg.settings.dropout)
        if not code:
            continue  # (its other kernels are warm: the window's warm-up compiled them)
        pg.apply(Train(1))
        pg.apply(Train(_MANY_EPOCHS))
        pg.unit_grids()


def start_lab_warm_up() -> subprocess.Popen | None:
    """`warm_lab_kernels` in a process of the lowest priority (it takes only time the machine
    has spare), or None where it cannot start. The caller terminates it on exit: the cache's
    files are written whole, so stopping midway leaves nothing broken."""
    if sys.platform == "win32":
        return _spawn("--lab", creationflags=subprocess.IDLE_PRIORITY_CLASS)
    nice = shutil.which("nice")
    if nice:  # a preexec_fn makes Popen fork the whole process: 10 ms more of a warm start
        return _spawn("--lab", launcher=(nice, "-n", "19"))
    return _spawn("--lab", preexec_fn=lambda: os.nice(19))


def _stop_at_exit(process: subprocess.Popen | None) -> None:
    """Terminate `process` when this one exits, if it is still at work."""
    if process is not None:
        atexit.register(lambda: _stop(process))


if __name__ == "__main__":
    if sys.argv[1:] == ["--lab"]:
        warm_lab_kernels()
    else:
        _warm_measures_and_heatmaps()
