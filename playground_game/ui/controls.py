"""The controls of the panels: every dropdown, slider and checkbox, built from the knob table.

Each `ControlSpec` is a knob's control (`model.knobs.KNOBS`: its field, caption, values or range,
how a value is shown, the name a teacher hides it by) or the app's own speed control. The scene
builds its widgets from `CONTROLS` and the layout measures their widths from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground_game.model.knobs import Choice, Knob, Number, controls

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


def control_of(knob: Knob) -> ControlSpec:
    """A knob's control, as the knob table describes it."""
    assert knob.field is not None and knob.control is not None
    kind = knob.kind
    values: tuple = ()
    if isinstance(kind, Choice):
        values = kind.values
    elif isinstance(kind, Number):
        values = kind.options
    span = (int(kind.low), int(kind.high)) if isinstance(kind, Number) else (0, 1)
    step = kind.step if isinstance(kind, Number) else 1
    return ControlSpec(knob.field, knob.control, knob.field, knob.label, knob.hide, values,
                       knob.value_label, span, step)


# The speed is the app's, not the experiment's: it sits last in the top bar.
SPEED = ControlSpec("speed", "dropdown", "speed", "Epochs per frame", None, SPEEDS, str,
                    app_state=True)
CONTROLS: tuple[ControlSpec, ...] = (
    *(control_of(k) for k in controls("top_bar")),
    SPEED,
    *(control_of(k) for k in controls("data")),
    *(control_of(k) for k in controls("output")),
)
# The buttons a teacher can hide, by the name they are hidden by (the scene builds them with it).
BUTTON_HIDE_KEYS: dict[str, str] = {"reset": "resetButton", "play": "playButton",
                                    "step": "stepButton", "regenerate": "dataset",
                                    "customize": "customize"}
_HIDE_KEYS: dict[str, str | None] = {**{c.name: c.hide_key for c in CONTROLS},
                                     **BUTTON_HIDE_KEYS}


def shown(name: str, hidden: frozenset[str]) -> bool:
    """Whether the control `name` shows when the components in `hidden` are hidden."""
    key = _HIDE_KEYS.get(name)
    return key is None or key not in hidden
