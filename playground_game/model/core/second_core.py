"""The machine's second core: one worker thread that measures epochs while this thread goes on.

Two uses, both of the same numbers (measuring never changes the network):
- Many epochs in one call: Network trains a slice while the worker measures the slice before it,
  from copies of each epoch's weights (`pool`, network.py).
- One epoch while the window wants its heatmaps (`measure_beside`): this thread draws the trained
  network's grid while the worker measures it (each takes a third to a half of a frame).

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
2. it runs `alongside` (the grid), then claims t (a compare-exchange of CLAIMED from t - 1);
3. the worker, spinning, claims t the same way as soon as it sees it posted.
Whoever claims t measures it. If the worker did, this thread waits for DONE = t, and measures it
itself should the worker have stopped first. Neither thread ever waits for the other to start.
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
from playground_game.model.core.second_slot import CLAIMED, POSTED, STOP, measured

_PATIENCE = 80_000  # spins (about 13 ns each here) the worker waits for the next epoch
_WAIT = 100_000  # spins this thread waits for the worker's measures before checking on it


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
    ticket: int = 0


_server: _Server | None = None


def stop() -> None:
    """Let the worker go (it stops spinning at once): before other work is queued for it."""
    global _server
    if _server is not None:
        atomics.release(_server.slot, STOP, 1)
        _server = None


_loading: dict[int, Future] = {}  # the worker loading serve_measures, by id of its kernels


def _serving(run: SimpleNamespace, arrays: tuple, key: tuple) -> _Server | None:
    """The worker's job for these arrays, started if it is not running; None without a second
    core, or while the worker loads its kernel."""
    global _server
    if _server is not None and _server.key == key and not _server.future.done():
        return _server
    workers = pool()
    if workers is None:
        return None
    stop()
    slot = np.zeros(4, dtype=np.int64)
    row = np.full(4, np.nan)
    if not run.serve_measures.overloads:  # not loaded in this process: load it on the worker
        loading = _loading.get(id(run))  # (compiling it would hold the GIL for a second)
        if loading is None:
            _loading[id(run)] = _submit(workers, run.serve_measures, _stopped(), 0, *arrays, row)
        return None
    future = _submit(workers, run.serve_measures, slot, _PATIENCE, *arrays, row)
    if future is None:
        return None
    _server = _Server(key, slot, row, future)
    return _server


def _stopped() -> np.ndarray:
    slot = np.zeros(4, dtype=np.int64)
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
    run.serve_measures(_stopped(), 0, *network_arrays, np.empty(4))


def measure_beside(run: SimpleNamespace, layout: tuple, params: tuple, act: np.ndarray,
                   objective: int, xt: np.ndarray, y: np.ndarray, test_xt: np.ndarray,
                   test_y: np.ndarray, row: np.ndarray, train: Callable[[], None],
                   alongside: Callable[[], None]) -> bool:
    """train(), then measure the network into row (run.measure_now's numbers) on the second
    core while alongside() runs on this thread; True when done so. False, having done nothing,
    without a second core or while the worker loads its kernel: the caller's one call to train
    and measure is quicker then.

    train must release the GIL (the worker needs it for a moment to start), and neither train
    nor alongside may change the arrays but through train's own kernel.
    """
    arrays = (layout, params, act, objective, xt, y, test_xt, test_y)
    key = (id(run), *map(id, layout), *map(id, params), id(act), objective, id(xt), id(y),
           id(test_xt), id(test_y))
    server = _serving(run, arrays, key)
    if server is None:
        return False
    train()
    server.ticket += 1
    ticket = server.ticket
    atomics.release(server.slot, POSTED, ticket)
    alongside()
    if atomics.claim(server.slot, CLAIMED, ticket - 1, ticket):
        run.measure_now(*arrays, row)  # the worker has not taken it: measure it here
        return True
    while not measured(server.slot, ticket, _WAIT):
        if server.future.done():  # the worker stopped after claiming it (it never should)
            run.measure_now(*arrays, row)
            return True
    row[:] = server.row
    return True
