"""Learning-rate schedules: the rate an epoch trains with, from the chosen rate and the epoch.

One row per schedule with `rate(lr, epoch, decay_rate, decay_steps)`, where `epoch` counts the
epochs trained before this one. The first row is the original's constant rate: with it the
session trains all of a frame's epochs in one engine call, exactly as the web does; any other
schedule trains epoch by epoch with each epoch's rate. A new schedule is a function and a row.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from playground_game.model.core.registry import Registry


def constant(lr: float, epoch: int, decay_rate: float, decay_steps: int) -> float:
    return lr


def step_decay(lr: float, epoch: int, decay_rate: float, decay_steps: int) -> float:
    """lr * decay_rate ** floor(epoch / decay_steps): down a step every decay_steps epochs."""
    return lr * decay_rate ** (epoch // decay_steps)


def exponential_decay(lr: float, epoch: int, decay_rate: float, decay_steps: int) -> float:
    """lr * decay_rate ** (epoch / decay_steps): the same decay, smoothly."""
    return lr * decay_rate ** (epoch / decay_steps)


def cosine(lr: float, epoch: int, decay_rate: float, decay_steps: int) -> float:
    """Half a cosine from lr down to 0 over decay_steps epochs, then 0."""
    return lr * 0.5 * (1.0 + math.cos(math.pi * min(epoch, decay_steps) / decay_steps))


@dataclass(frozen=True)
class Schedule:
    key: str
    label: str
    web: bool
    rate: Callable[[float, int, float, int], float]


SCHEDULES: Registry[Schedule] = Registry("lrSchedule", (
    Schedule("constant", "Constant", True, constant),
    Schedule("step", "Step decay", False, step_decay),
    Schedule("exponential", "Exponential decay", False, exponential_decay),
    Schedule("cosine", "Cosine", False, cosine),
))
