"""Training at a fixed rate, whatever the display's frame rate: an accumulator with a cap.

Each frame adds its elapsed time; every whole 1/rate of a second is one step of `per_step`
epochs. A frame that comes late trains at most `max_catch_up` steps and drops the rest of the
backlog (no death spiral), and the epochs of one frame are also capped by a time budget measured
from the recent cost of an epoch, so a slow machine drops epochs instead of freezing the window.
"""

from __future__ import annotations

SIM_RATE = 60.0  # training steps per second; each step trains `speed` epochs
MAX_CATCH_UP_STEPS = 3  # a late frame trains at most this many steps, the rest is dropped
TRAIN_BUDGET_S = 0.05  # never spend more than this training in one frame (UI stays responsive)


class FixedStep:
    """How many epochs this frame trains. `epochs(dt, per_step)`, then `record(...)`."""

    def __init__(self, rate: float = SIM_RATE, max_catch_up: int = MAX_CATCH_UP_STEPS,
                 budget_s: float = TRAIN_BUDGET_S) -> None:
        self.rate = rate
        self.max_catch_up = max_catch_up
        self.budget_s = budget_s
        self.accumulator = 0.0  # seconds not yet turned into steps
        self.epoch_cost = 0.0  # seconds per epoch, smoothed; 0 until the first measure

    def reset(self) -> None:
        """Forget the backlog (paused, or the network was rebuilt)."""
        self.accumulator = 0.0

    def steps(self, dt: float) -> int:
        """Whole steps due after `dt` more seconds, at most `max_catch_up`."""
        self.accumulator += dt
        steps = int(self.accumulator * self.rate + 1e-6)
        if steps > self.max_catch_up:
            self.accumulator = 0.0  # behind: drop the backlog instead of spiralling
            return self.max_catch_up
        self.accumulator -= steps / self.rate
        return steps

    def epochs(self, dt: float, per_step: int) -> int:
        """Epochs to train this frame: the steps due times `per_step`, within the budget."""
        epochs = self.steps(dt) * per_step
        if epochs and self.epoch_cost > 0:
            epochs = min(epochs, max(1, int(self.budget_s / self.epoch_cost)))
        return epochs

    def record(self, epochs: int, seconds: float) -> None:
        """What training `epochs` epochs cost; the budget follows a smoothed average."""
        if epochs <= 0:
            return
        cost = seconds / epochs
        self.epoch_cost = cost if self.epoch_cost == 0 else 0.8 * self.epoch_cost + 0.2 * cost
