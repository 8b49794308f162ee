"""The slot through which the second core takes epochs to measure: an int64 array of five cells
that two threads read and write with atomics (second_core.py has the protocol, kernels.py's
serve_measures the worker's side)."""

from __future__ import annotations

from numba import njit

from playground_game.model.core import atomics

# the last epoch posted, claimed and measured; stop; the first grid point the worker draws
POSTED, CLAIMED, DONE, STOP, SPLIT = 0, 1, 2, 3, 4
CELLS = 5

_JIT = {"cache": True, "nogil": True}
# inlined, never compiled alone: no cache of its own (DESIGN.md: a cost at every import)
_INLINED = {"inline": "always", "nogil": True}


@njit(**_INLINED)
def next_posted(slot, patience):
    """The ticket posted and not yet claimed, once there is one; 0 after `patience` spins
    without one, or when the slot says stop."""
    idle = 0
    while idle < patience and atomics.load_acquire(slot, STOP) == 0:
        ticket = atomics.load_acquire(slot, CLAIMED) + 1
        if atomics.load_acquire(slot, POSTED) >= ticket:
            return ticket
        atomics.spin_pause()
        idle += 1
    return 0


@njit(**_JIT)
def measured(slot, ticket, spins):
    """True once the worker has measured `ticket`; False after `spins` spins."""
    for _ in range(spins):
        if atomics.load_acquire(slot, DONE) == ticket:
            return True
        atomics.spin_pause()
    return False
