"""The one table of controls: every dropdown, slider and checkbox of the panels, declared once.

Each `ControlSpec` names its Settings field (or an app attribute), caption, values and the name a
teacher uses to hide it; the values come from the model's tables, never retyped. The scene builds
its widgets from `CONTROLS` and the layout measures their widths from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground_game.model.datasets import (
    PROBLEMS,
)
from playground_game.model.settings import (
    ACTIVATION_LABELS,
    ACTIVATIONS,
    BATCH_RANGE,
    LEARNING_RATES,
    NOISE_RANGE,
    NOISE_STEP,
    PERC_TRAIN_RANGE,
    PERC_TRAIN_STEP,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
    format_number,
)

SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100)

@dataclass(frozen=True)
class ControlSpec:
    """One control: the widget kind, the Settings field it edits, how it is shown."""

    name: str
    kind: str  # "dropdown" | "slider" | "checkbox"
    field: str  # a Settings field, or an attribute of the app when app_state
    caption: str
    hide_key: str | None = None
    values: tuple = ()
    format: Callable[[Any], str] = str
    range: tuple[int, int] = (0, 1)
    step: int = 1
    app_state: bool = False


def _regularization_label(value: str) -> str:
    return "None" if value == "none" else value


CONTROLS: tuple[ControlSpec, ...] = (
    ControlSpec("learning_rate", "dropdown", "learning_rate", "Learning rate", "learningRate",
                LEARNING_RATES, format_number),
    ControlSpec("activation", "dropdown", "activation", "Activation", "activation",
                ACTIVATIONS, ACTIVATION_LABELS.__getitem__),
    ControlSpec("regularization", "dropdown", "regularization", "Regularization",
                "regularization", REGULARIZATIONS, _regularization_label),
    ControlSpec("regularization_rate", "dropdown", "regularization_rate", "Regularization rate",
                "regularizationRate", REGULARIZATION_RATES, format_number),
    ControlSpec("problem", "dropdown", "problem", "Problem type", "problem", PROBLEMS,
                str.capitalize),
    ControlSpec("speed", "dropdown", "speed", "Epochs per frame", None, SPEEDS, str,
                app_state=True),
    ControlSpec("perc_train_data", "slider", "perc_train_data", "Ratio of training to test data",
                "percTrainData", format=lambda v: f"{v}%", range=PERC_TRAIN_RANGE,
                step=PERC_TRAIN_STEP),
    ControlSpec("noise", "slider", "noise", "Noise", "noise", range=NOISE_RANGE, step=NOISE_STEP),
    ControlSpec("batch_size", "slider", "batch_size", "Batch size", "batchSize",
                range=BATCH_RANGE),
    ControlSpec("show_test_data", "checkbox", "show_test_data", "Show test data", "showTestData"),
    ControlSpec("discretize", "checkbox", "discretize", "Discretize output", "discretize"),
)
