"""Training one setting from several fresh starts, a small slice at a time.

A lesson may ask that the student's setting succeed not once but from most starts (the
`succeeds_over_starts` goal): "a network that learns XOR whatever its initial weights". The app
cannot train five networks at once without freezing its window (the numba kernels hold the GIL),
so `StartTrials` does the work in slices: `advance(seconds)` trains for about that long and
returns, and the window calls it once a frame. The proof calls `finish()` instead.

Start k (k = 1..N) is the setting opened afresh with Reset pressed k times: the draws of initial
weights a student gets by pressing Reset, from the same seeded stream and the same data. A start
succeeds at the first epoch within the budget at which `succeeded` holds (the lesson's other
goals), trained one epoch at a time as the proof does. The result is a function of the settings
alone, so the window and the proof agree.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playground_game.model.actions import Open, Reset, Train
from playground_game.model.playground import Playground
from playground_game.model.settings import Settings


def fresh_start(settings: Settings, resets: int) -> Playground:
    """The experiment of `settings` as opened, then with Reset pressed `resets` times."""
    playground = Playground(settings)
    playground.apply(Open(settings, locks=frozenset()))
    for _ in range(resets):
        playground.apply(Reset())
    return playground


class StartTrials:
    """One setting trained from `starts` fresh starts up to `epochs` each, in slices."""

    def __init__(self, settings: Settings, starts: int, epochs: int,
                 succeeded: Callable[[Playground], bool]) -> None:
        self.settings = settings
        self.starts = starts
        self.epochs = epochs
        self._succeeded = succeeded
        self.results: list[bool] = []  # one per finished start, in order
        self._session: Playground | None = None
        self.steps = 0  # units of work done: a change the window should show

    @property
    def done(self) -> bool:
        return len(self.results) >= self.starts

    @property
    def successes(self) -> int:
        return sum(self.results)

    @property
    def trying(self) -> int:
        """The start being trained now (1-based), or 0 when all are done."""
        return 0 if self.done else len(self.results) + 1

    @property
    def epoch(self) -> int:
        """The epoch of the start being trained (0 between starts)."""
        return self._session.epoch if self._session is not None else 0

    def advance(self, seconds: float) -> bool:
        """Work for about `seconds` (at least one step); True when anything was done."""
        if self.done:
            return False
        deadline = time.perf_counter() + seconds
        self._step()
        while not self.done and time.perf_counter() < deadline:
            self._step()
        return True

    def finish(self) -> StartTrials:
        """Every start to its end, at once (the proof and the tests)."""
        while not self.done:
            self._step()
        return self

    def _step(self) -> None:
        """One unit of work: open the next start, or judge the current one and train an epoch."""
        self.steps += 1
        session = self._session
        if session is None:
            self._session = fresh_start(self.settings, len(self.results) + 1)
        elif self._succeeded(session):
            self._end(True)
        elif session.epoch >= self.epochs or session.diverged:
            self._end(False)
        else:
            session.apply(Train(1))

    def _end(self, success: bool) -> None:
        self.results.append(success)
        self._session = None
