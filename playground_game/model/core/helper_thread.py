"""A standing helper thread that joins in a call its caller is making, for work shared by two cores.

The heatmap grid is shared by the two cores every frame. Handing work over through
concurrent.futures (submit, then result) took 50 to 65 us a frame on this machine, more than a
small network's whole grid; a plain lock wakes a standing thread in a few microseconds. The
caller never waits for the helper to start: both take parts of the work from a shared counter
(kernels.grid_outputs), so when the second core is busy elsewhere the caller simply does it
all. The kernels release the GIL, so the two threads run at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class HelperThread:
    """A daemon thread that runs one call at a time, handed over by `hand_over`."""

    def __init__(self, name: str) -> None:
        self._start = threading.Lock()  # released to start the call handed over
        self._start.acquire()
        self._idle = threading.Lock()  # held from a hand-over until its call has returned
        self._call: Callable[[], object] | None = None
        self._error: BaseException | None = None
        threading.Thread(target=self._serve, name=name, daemon=True).start()

    def _serve(self) -> None:
        while True:
            self._start.acquire()
            call, self._call = self._call, None
            try:
                if call is not None:
                    call()
            except BaseException as error:  # raised in the caller, by wait or the next call
                self._error = error
            finally:
                self._idle.release()

    def hand_over(self, call: Callable[[], object]) -> bool:
        """Start call() on the helper and return at once; False (nothing started) while the
        helper is still running an earlier call. Raises an error an earlier call left."""
        if not self._idle.acquire(blocking=False):
            return False
        error, self._error = self._error, None
        if error is not None:
            self._idle.release()
            raise error
        self._call = call
        self._start.release()
        return True

    def wait(self) -> None:
        """Return when the call handed over has returned; raise its error, if it raised one."""
        with self._idle:
            error, self._error = self._error, None
        if error is not None:
            raise error
