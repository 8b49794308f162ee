"""One run of a sweep: a pure function of its code and epochs (and its threshold).

It trains through the same session the window and `playground-game train` use (`Playground`
and its `Train` action), so the training lab's optimizers, schedules, dropout and initializers
train here exactly as there, and its stop conditions stop a run as they pause the window: the
first epoch a condition starts to hold (one that already held at epoch 0 does not stop it).
The result is a plain dict, one line of the results file.
"""

from __future__ import annotations

import math
from typing import Any

from playground_game.model.bookmark import parse_code, web_only
from playground_game.model.metrics import epochs_before_stop, stop_reason, stops_per_epoch
from playground_game.model.playground import Playground, Train
from playground_game.sweep.grid import RunSpec
from playground_game.sweep.stop import Threshold, parse_threshold

WEB_ADDRESS = "https://playground.tensorflow.org/"
# Epochs per engine call. From 16 epochs a call the engine measures the losses on a second
# thread (the window's single run uses both cores that way); a sweep fills the cores with
# runs instead, one core each, so it trains in calls just below that.
CHUNK_EPOCHS = 15


def _number(value: float) -> float | None:
    """A float for JSON: NaN and the infinities (a diverged run) become null."""
    return value if math.isfinite(value) else None


def _measures(pg: Playground) -> dict[str, float]:
    return {"train_loss": pg.train_loss, "test_loss": pg.test_loss,
            "train_accuracy": 100 * pg.train_accuracies[-1],
            "test_accuracy": 100 * pg.test_accuracies[-1]}


def web_url(code: str) -> str | None:
    """The run's address on the web playground, when its code is made only of the web's keys
    and values (the same test Share makes); None when only this app can open it."""
    return f"{WEB_ADDRESS}#{code}" if web_only(parse_code(code).settings) else None


def train_run(spec: RunSpec) -> Playground:
    """The run's session after training: every epoch asked for, or up to the epoch a stop
    condition (the code's own, or the sweep's threshold) first holds."""
    pg = Playground(parse_code(spec.code).settings)
    threshold = parse_threshold(spec.stop)
    held = stop_reason(pg)
    target = epochs_before_stop(pg, spec.epochs)
    per_epoch = stops_per_epoch(pg) or threshold is not None
    if threshold is not None and threshold.holds(_measures(pg)):
        return pg
    while pg.epoch < target:
        pg.apply(Train(1 if per_epoch else min(CHUNK_EPOCHS, target - pg.epoch)))
        if threshold is not None and threshold.holds(_measures(pg)):
            break
        reason = stop_reason(pg)
        if reason is not None and (held is None or reason[0] != held[0]):
            break
    return pg


def _stopped_by(pg: Playground, spec: RunSpec, threshold: Threshold | None) -> str | None:
    if threshold is not None and threshold.holds(_measures(pg)):
        return "threshold"
    reason = stop_reason(pg)
    if pg.epoch < spec.epochs and reason is not None:
        return reason[0]
    return None


def run_one(spec: RunSpec) -> dict[str, Any]:
    """Train one run and return its result line (see README, "Sweeps", for each field)."""
    pg = train_run(spec)
    threshold = parse_threshold(spec.stop)
    stopped_by = _stopped_by(pg, spec, threshold)
    losses = pg.test_losses
    finite = [(loss, epoch) for epoch, loss in enumerate(losses) if math.isfinite(loss)]
    best_loss, best_epoch = min(finite) if finite else (math.nan, None)
    return {
        "point": dict(spec.point),
        "seed_index": spec.seed_index,
        "seed": pg.settings.seed,
        "code": spec.code,
        "url": web_url(spec.code),
        "epochs": spec.epochs,
        "stop": spec.stop,
        "trained": pg.epoch,
        "stopped_by": stopped_by,
        "epochs_to_threshold": pg.epoch if stopped_by == "threshold" else None,
        "diverged": pg.diverged,
        "final_train_loss": _number(pg.train_loss),
        "final_test_loss": _number(pg.test_loss),
        "best_test_loss": _number(best_loss),
        "best_epoch": best_epoch,
        "final_train_accuracy": _number(100 * pg.train_accuracies[-1]),
        "final_test_accuracy": _number(100 * pg.test_accuracies[-1]),
        "test_losses": [_number(loss) for loss in losses],
    }
