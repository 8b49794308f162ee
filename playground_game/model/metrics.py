"""What the output panel shows beside the losses, and the conditions that stop training.

Metrics: accuracy (the share of points whose output falls on their class's side of the
objective's threshold) for classification; R² and RMSE for regression. Training records each
epoch's accuracies beside its losses (the kernels count them in the same pass), and with the
square loss 0.5 (o - t)^2, RMSE = sqrt(2 loss) and R² = 1 - 2 loss / var(t): so the metrics of
every epoch are at hand, and the chart's hover shows them.

Stop conditions are knobs of the training lab (`stopEpoch`, `stopLoss`, `stopAccuracy`,
`stopPlateau`; 0 is off). `stop_reason` names the first that holds, as (kind, message).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from playground_game.model.core.datasets import CLASSIFICATION
from playground_game.model.knob_kinds import format_number

if TYPE_CHECKING:
    from playground_game.model.playground import Playground


def regression_metrics(loss: float, targets: np.ndarray) -> tuple[float, float]:
    """(R², RMSE) from a square loss 0.5 mean (o - t)^2 over targets."""
    mse = 2.0 * loss
    variance = float(np.var(targets)) if targets.size else math.nan
    r2 = 1.0 - mse / variance if variance > 0 else math.nan
    return r2, math.sqrt(mse) if mse >= 0 else math.nan


def metrics(playground: Playground, epoch: int | None = None) -> dict[str, float]:
    """The output panel's metrics now (epoch None) or at a recorded epoch:
    "Test accuracy"/"Training accuracy" (percent), or "Test R²" and "Test RMSE"."""
    index = -1 if epoch is None else epoch
    if playground.settings.problem == CLASSIFICATION:
        return {"Test accuracy": 100 * playground.test_accuracies[index],
                "Training accuracy": 100 * playground.train_accuracies[index]}
    _, test_y = playground.test_inputs
    r2, rmse = regression_metrics(playground.test_losses[index], test_y)
    return {"Test R²": r2, "Test RMSE": rmse}


def confusion(playground: Playground) -> tuple[np.ndarray, str]:
    """The confusion matrix of a classifier of more than two classes now: counts (K, K), row =
    the true class, column = the class the network finds most probable; on the test data, or
    the training data when there is no test data. Returns the matrix and which data ("test" or
    "training"). Points whose outputs are not finite count in no column."""
    classes = playground.classes
    (train_xt, train_y), (test_xt, test_y) = playground.train_inputs, playground.test_inputs
    which, xt, y = ("test", test_xt, test_y) if test_y.shape[1] else ("training", train_xt,
                                                                       train_y)
    matrix = np.zeros((classes, classes), dtype=np.int64)
    if not playground.objective.softmax or y.shape[1] == 0:
        return matrix, which
    outputs = playground.network.predict(xt)
    finite = np.isfinite(outputs).all(axis=0)
    truth = np.argmax(y, axis=0)[finite]
    guess = np.argmax(outputs, axis=0)[finite]
    np.add.at(matrix, (truth, guess), 1)
    return matrix, which


def format_metric(name: str, value: float) -> str:
    if not math.isfinite(value):
        return "NaN"
    return f"{value:.1f}%" if "accuracy" in name else f"{value:.3f}"


def stop_reason(playground: Playground) -> tuple[str, str] | None:
    """The first stop condition that holds now: (its knob key, what to tell the user)."""
    s = playground.settings
    if s.stop_epoch and playground.epoch >= s.stop_epoch:
        return "stopEpoch", f"Stopped at epoch {playground.epoch} (stop at epoch {s.stop_epoch})."
    loss = playground.test_loss
    if s.stop_loss and math.isfinite(loss) and loss <= s.stop_loss:
        return "stopLoss", (f"Stopped: test loss {loss:.4f} is at most "
                            f"{format_number(s.stop_loss)}.")
    if s.stop_accuracy and s.problem == CLASSIFICATION:
        test_acc = metrics(playground)["Test accuracy"]
        if test_acc >= s.stop_accuracy:
            return "stopAccuracy", (f"Stopped: test accuracy {test_acc:.1f}% reached "
                                    f"{format_number(s.stop_accuracy)}%.")
    patience = s.stop_plateau
    losses = playground.test_losses
    if patience and len(losses) > patience:
        best_before = min(losses[:-patience], default=math.inf)
        if not min(losses[-patience:]) < best_before:
            return "stopPlateau", (f"Stopped on a plateau: the test loss did not improve in "
                                   f"{patience} epochs.")
    return None


def stops_per_epoch(playground: Playground) -> bool:
    """Whether a stop condition needs a check after every epoch (the loss, accuracy or plateau
    ones; stopping at an epoch only limits how many epochs train)."""
    s = playground.settings
    return bool(s.stop_loss or s.stop_accuracy or s.stop_plateau)


def epochs_before_stop(playground: Playground, wanted: int) -> int:
    """How many of `wanted` epochs may train before the stop epoch (all when it is off or
    already passed)."""
    s = playground.settings
    if s.stop_epoch and playground.epoch < s.stop_epoch:
        return min(wanted, s.stop_epoch - playground.epoch)
    return wanted
