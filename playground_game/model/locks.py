"""Locked controls: which controls an action would change, and the refusal when one is locked.

A lesson fixes some controls (`Open(settings, locks=...)`); `Playground.apply` asks
`blocked_control` before it changes anything and refuses with `locked_message`, so a locked
control is refused the same way whether a click, a key, an undo or a pasted code asked.
"""

from __future__ import annotations

from playground_game.model.actions import (
    Action,
    AddLayer,
    AddNeuron,
    Change,
    Open,
    Regenerate,
    RemoveLayer,
    RemoveNeuron,
    Reset,
    SetBias,
    SetWeight,
    ToggleFeature,
)
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knobs import FIELD_KNOBS, control_label
from playground_game.model.settings import FIELDS, Settings, SettingsError


def controls_touched(action: Action, settings: Settings) -> tuple[str, ...]:
    """The controls (LOCKABLE names) an action changes, given the settings it starts from."""
    if isinstance(action, ToggleFeature):
        return (action.key,)
    if isinstance(action, (AddLayer, RemoveLayer)):
        return ("numHiddenLayers",)
    if isinstance(action, (AddNeuron, RemoveNeuron)):
        return ("numNeurons",)
    if isinstance(action, (SetWeight, SetBias)):
        return ("weights",)
    if isinstance(action, Reset):
        return ("resetButton",)
    if isinstance(action, Regenerate):
        return ("dataset",)
    if isinstance(action, Change):
        try:
            new = settings.with_changes(**action.fields)
        except (SettingsError, TypeError):
            return ()  # the playground refuses it with its own message
        return settings_controls(settings, new)
    if isinstance(action, Open):
        return settings_controls(settings, action.settings)
    return ()


def settings_controls(old: Settings, new: Settings) -> tuple[str, ...]:
    """The controls whose values differ between two settings."""
    touched: list[str] = []
    for name in FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name == "features":
            touched.extend(k for k in FEATURE_KEYS if (k in before) != (k in after))
        elif name == "network_shape":
            if len(before) != len(after):
                touched.append("numHiddenLayers")
            if before[: len(after)] != after[: len(before)]:
                touched.append("numNeurons")
        elif name == "hidden":
            touched.append("customize")  # only Customize shows or hides components
        else:
            touched.extend(k.lock_name for k in FIELD_KNOBS[name] if k.lock_name is not None)
    return tuple(dict.fromkeys(touched))


def locked_message(control: str) -> str:
    """The short refusal shown when a student tries a locked control."""
    return f"{control_label(control)} is fixed in this lesson."


def blocked_control(action: Action, settings: Settings, locks: frozenset[str]) -> str | None:
    """The locked control `action` would change from `settings`, or None when it may run."""
    if not locks:
        return None
    return next((c for c in controls_touched(action, settings) if c in locks), None)
