"""The machine's second core: one worker thread that measures epochs while this thread goes on.

Two uses, both of the same numbers (measuring never changes the network):
- Many epochs in one call: Network trains a slice while the worker measures the slice before it,
  from copies of each epoch's weights (`pool`, network.py).
- One epoch while the window wants its heatmaps (`measure_beside`): this thread draws the trained
  network's grid while the worker measures it (each takes a third to a half of a frame), and
  the worker draws the grid's last points once its measures are done.

For the second, handing work over the usual way (a future, a queue) wakes a sleeping thread,
which took 50 to 90 us on this virtual machine: longer than the measures of a small network.
So the worker waits awake instead: it spins on a slot, a small int64 array read and written
with atomics, for `_PATIENCE` spins (about a millisecond) after each epoch, which covers
the next frame of a window playing as fast as it can. A window at 60 frames a second finds it
asleep each frame; its wake-up then overlaps the frame's training. Both threads spin in compiled
code without the GIL (the worker's whole job is one kernel, serve_measures in kernels.py: a
worker that took the GIL between epochs made this thread wait for it).

The protocol, per epoch (ticket t; this thread alone posts):
1. this thread trains, then posts t (a release store: the worker sees the trained weights);
2. it draws its share of the grid, then claims t (a compare-exchange of CLAIMED from t - 1);
3. the worker, spinning, claims t the same way as soon as it sees it posted.
Whoever claims t measures it and draws the rest of the grid. If the worker did, this thread
waits for DONE = t, and does it all itself should the worker have stopped first. Neither thread
ever waits for the other to start.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from playground_game.model.core import atomics
from playground_game.model.core.second_slot import (
    CELLS,
    CLAIMED,
    DONE,
    POSTED,
    SPLIT,
    STOP,
    measured,
)

_PATIENCE = 80_000  # spins (about 13 ns each here) the worker waits for the next epoch
_WAIT = 100_000  # spins this thread waits for the worker's measures before checking on it
_SPLIT_STEPS = 64  # a frame moves the split by this share of the grid


@functools.cache
def pool() -> ThreadPoolExecutor | None:
    """The one worker thread, if there is a core to spare (the kernels it runs release the
    GIL); None on a single core."""
    if (os.cpu_count() or 1) < 2:
        return None
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="measures")


@dataclass
class _Server:
    """The worker's standing job over one network and one data set."""

    key: tuple
    slot: np.ndarray
    row: np.ndarray
    future: Future
    split: int  # the first grid point the worker draws (none at first, or its key's last split)
    ticket: int = 0


_server: _Server | None = None


def stop() -> None:
    """Let the worker go (it stops spinning at once): before other work is queued for it."""
    global _server
    if _server is not None:
        atomics.release(_server.slot, STOP, 1)
        _server = None


_loading: dict[int, Future] = {}  # the worker loading serve_measures, by id of its kernels
# each server's last split, by its key: a window at 60 frames a second starts a server a frame,
# and a race's two windows take turns
_splits: dict[tuple, int] = {}
_KEPT_SPLITS = 16


def _serving(run: SimpleNamespace, arrays: tuple, drawing: tuple, key: tuple) -> _Server | None:
    """The worker's job for these arrays, started if it is not running; None without a second
    core, or while the worker loads its kernel."""
    global _server
    if _server is not None and _server.key == key and not _server.future.done():
        return _server
    workers = pool()
    if workers is None:
        return None
    stop()
    slot = np.zeros(CELLS, dtype=np.int64)
    row = np.full(4, np.nan)
    if not run.serve_measures.overloads:  # not loaded in this process: load it on the worker
        loading = _loading.get(id(run))  # (compiling it would hold the GIL for a second)
        if loading is None:
            _loading[id(run)] = _submit(workers, run.serve_measures, _stopped(), 0, *arrays, row,
                                        *drawing)
        return None
    future = _submit(workers, run.serve_measures, slot, _PATIENCE, *arrays, row, *drawing)
    if future is None:
        return None
    if len(_splits) > _KEPT_SPLITS:
        _splits.clear()
    points = drawing[0].shape[1]
    _server = _Server(key, slot, row, future, split=min(_splits.get(key, points), points))
    return _server


def _stopped() -> np.ndarray:
    slot = np.zeros(CELLS, dtype=np.int64)
    slot[STOP] = 1
    return slot


def _submit(workers: ThreadPoolExecutor, *call) -> Future | None:
    try:
        return workers.submit(*call)
    except RuntimeError:  # the interpreter is shutting down: no new threads
        return None


def warm(run: SimpleNamespace, network_arrays: tuple) -> None:
    """Compile (or load) the worker's kernel on this thread: for warm-ups, which have no window
    to keep running. network_arrays as measure_beside's (layout .. test_y)."""
    layout = network_arrays[0]
    drawing = (np.zeros((layout[0][0], 1), np.float32),
               np.empty((layout[2][-1], 1), np.float32))  # a grid of one point
    run.serve_measures(_stopped(), 0, *network_arrays, np.empty(4), *drawing)


def measure_beside(run: SimpleNamespace, layout: tuple, params: tuple, act: np.ndarray,
                   objective: int, xt: np.ndarray, y: np.ndarray, test_xt: np.ndarray,
                   test_y: np.ndarray, row: np.ndarray, grid_xt: np.ndarray, grid: np.ndarray,
                   train: Callable[[], None]) -> bool:
    """train(), then measure the network into row (run.measure_now's numbers) on the second
    core while this thread draws the heatmap grid (run.grid_outputs into grid); True when done
    so. The worker draws the grid's last points once its measures are done, as many as keeps
    the two threads finishing together (`_Server.split`). False, having done nothing, without
    a second core or while the worker loads its kernel: the caller's own calls are quicker
    then.

    train must release the GIL (the worker needs it for a moment to start) and change the
    network only through its kernel.
    """
    arrays = (layout, params, act, objective, xt, y, test_xt, test_y)
    key = (id(run), *map(id, layout), *map(id, params), id(act), objective, id(xt), id(y),
           id(test_xt), id(test_y), id(grid_xt), id(grid))
    server = _serving(run, arrays, (grid_xt, grid), key)
    if server is None:
        return False
    train()
    server.ticket += 1
    ticket, split, points = server.ticket, server.split, grid_xt.shape[1]
    atomics.release(server.slot, SPLIT, split)
    atomics.release(server.slot, POSTED, ticket)
    mine = False
    try:
        run.grid_outputs(layout, params, act, objective, grid_xt, grid, 0, split)
        mine = atomics.claim(server.slot, CLAIMED, ticket - 1, ticket)
        if mine:  # the worker has not taken it
            _measure_here(run, arrays, row, grid_xt, grid, split)
            return True
        first = atomics.acquire(server.slot, DONE) == ticket  # the worker finished first
        if not first and not _worker_done(server, ticket):
            _measure_here(run, arrays, row, grid_xt, grid, split)
            return True
    except BaseException:  # (an interrupt, say): the epoch must not outlive the frame
        if not mine and not atomics.claim(server.slot, CLAIMED, ticket - 1, ticket):
            _worker_done(server, ticket)  # the worker has it: let it finish with the arrays
        raise
    row[:] = server.row
    step = max(1, points // _SPLIT_STEPS)  # move the split toward both finishing together
    server.split = max(0, split - step) if first else min(points, split + step)
    _splits[key] = server.split
    return True


def _worker_done(server: _Server, ticket: int) -> bool:
    """Wait for the worker to finish `ticket`, which it claimed: True once it has; False if it
    stopped first (it never should)."""
    while not measured(server.slot, ticket, _WAIT):
        if server.future.done():
            return atomics.acquire(server.slot, DONE) == ticket
    return True


def _measure_here(run: SimpleNamespace, arrays: tuple, row: np.ndarray, grid_xt: np.ndarray,
                  grid: np.ndarray, split: int) -> None:
    """The worker's share of an epoch, done on this thread."""
    run.measure_now(*arrays, row)
    layout, params, act, objective = arrays[:4]
    run.grid_outputs(layout, params, act, objective, grid_xt, grid, split, grid_xt.shape[1])
