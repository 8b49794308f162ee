"""One experiment's settings: the fields of the knob table, validated, frozen.

`Settings` is built from `knobs.KNOBS` (one field per knob, the feature knobs together in
`features`, the hidden components in `hidden`), so a new knob is a new field with nothing else
to write. It is frozen: a change makes a new one, which is what makes undo and codes cheap.
Validation raises `SettingsError`, whose message names the key, the bad value and what is
allowed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from playground_game.model.core.datasets import CLASSIFICATION, DATASETS, REGRESSION
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knob_kinds import SettingsError, describe_range, format_number, refuse
from playground_game.model.knobs import (
    FIELD_KNOBS,
    HIDEABLE,
    KNOBS,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    NEW_LAYER_NEURONS,
    Effect,
    Feature,
    field_default,
)
from playground_game.model.own_points import decode

__all__ = [  # the knob table's names settings users read most, re-exported for them
    "MAX_HIDDEN_LAYERS", "MAX_NEURONS", "NEW_LAYER_NEURONS", "Effect", "Settings",
    "SettingsError", "describe_range", "effect_of", "follow_the_dataset", "follow_the_layers",
    "format_number", "toggle_feature", "validate",
]

FIELDS: tuple[str, ...] = (*FIELD_KNOBS, "hidden")


def _check_features(value: Any) -> None:
    if not isinstance(value, tuple) or any(k not in FEATURE_KEYS for k in value):
        raise refuse("features", value, "feature keys among " + ", ".join(FEATURE_KEYS))
    if len(set(value)) != len(value) or value != tuple(k for k in FEATURE_KEYS if k in value):
        raise refuse("features", value, "each feature once, in table order")


def _check_hidden(value: Any) -> None:
    if not isinstance(value, frozenset) or any(h not in HIDEABLE for h in value):
        raise refuse("hidden", value, "components among " + ", ".join(HIDEABLE))


def validate(settings: Any) -> None:
    """Raise SettingsError for the first field outside what the app allows."""
    for name, knobs in FIELD_KNOBS.items():
        value = getattr(settings, name)
        if isinstance(knobs[0].kind, Feature):
            _check_features(value)
        else:
            knobs[0].kind.check(knobs[0].key, value)
    _check_hidden(settings.hidden)
    _check_classes(settings)
    layers, shape = settings.layer_activations, settings.network_shape
    if layers and len(layers) != len(shape):
        raise SettingsError(f"layerActivations: {len(layers)} activations for {len(shape)} "
                            "hidden layers; expected one per hidden layer (networkShape), or "
                            "none")


def follow_the_layers(settings: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with the per-layer activations kept in step: the top bar's activation sets
    every layer again; a layer added takes the top bar's activation, a layer removed takes its
    own with it; and a list that says the same for every layer becomes the empty one."""
    changes = dict(changes)
    layers = changes.get("layer_activations", settings.layer_activations)
    activation = changes.get("activation", settings.activation)
    if "activation" in changes and "layer_activations" not in changes:
        layers = ()
    shape = changes.get("network_shape", settings.network_shape)
    if layers and len(layers) != len(shape) and "layer_activations" not in changes:
        layers = (*layers[: len(shape)], *(activation,) * (len(shape) - len(layers)))
    if layers and all(key == activation for key in layers):
        layers = ()
    if layers != settings.layer_activations or "layer_activations" in changes:
        changes["layer_activations"] = layers
    return changes


def follow_the_dataset(settings: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with the number of classes kept to what the data can make: your own points
    set the problem type and their classes; choosing a dataset (or the problem type) without
    saying the classes takes the dataset's nearest count."""
    if settings.own_points and "own_points" not in changes and (
            {"dataset", "reg_dataset"} & changes.keys() or "problem" in changes):
        changes = {**changes, "own_points": ""}  # a dataset chosen: its points again
    if changes.get("own_points"):
        points = decode(changes["own_points"])
        problem = REGRESSION if points.regression else CLASSIFICATION
        changes = {"problem": problem, **changes}
        if problem == CLASSIFICATION:
            changes.setdefault("num_classes", points.classes)
        return changes
    if "num_classes" in changes or not {"dataset", "problem"} & changes.keys():
        return changes
    problem = changes.get("problem", settings.problem)
    if problem != CLASSIFICATION:
        return changes
    dataset = DATASETS[changes.get("dataset", settings.dataset)]
    classes = dataset.classes_for(settings.num_classes)
    return {**changes, "num_classes": classes} if classes != settings.num_classes else changes


def with_own_points(settings: Any, text: str) -> Any:
    """The settings with your own points (their code text) and the problem type and classes
    they need."""
    return settings.with_changes(**follow_the_dataset(settings, {"own_points": text}))


def _check_own_points(settings: Any) -> None:
    points = decode(settings.own_points)
    if points.regression != (settings.problem == REGRESSION):
        kind = "values (regression)" if points.regression else "classes (classification)"
        raise SettingsError(f"points: your points have {kind}; the problem type is "
                            f"{settings.problem}")
    if not points.regression and settings.num_classes != points.classes:
        raise SettingsError(f"numClasses: your points have {points.classes} classes, not "
                            f"{settings.num_classes}")


def _check_classes(settings: Any) -> None:
    if settings.own_points:
        _check_own_points(settings)
        return
    if settings.problem != CLASSIFICATION:
        return
    dataset = DATASETS[settings.dataset]
    if settings.num_classes in dataset.class_counts:
        return
    counts = dataset.class_counts
    have = (f"{counts[0]} classes" if len(counts) == 1
            else f"{counts[0]} to {counts[-1]} classes")
    more = [d.label for d in DATASETS
            if d.problem == CLASSIFICATION and settings.num_classes in d.class_counts]
    hint = f"; {settings.num_classes} classes come with {', '.join(more)}" if more else ""
    raise SettingsError(f"numClasses: {dataset.label} has {have}, not "
                        f"{settings.num_classes}{hint}")


def _post_init(self: Any) -> None:
    validate(self)


def _current_dataset(self: Any) -> str:
    """The dataset in use: `dataset` for classification, `reg_dataset` for regression."""
    return self.dataset if self.problem == CLASSIFICATION else self.reg_dataset


def _classes(self: Any) -> int:
    """The number of classes of the data: `num_classes` for classification, 0 for regression."""
    return self.num_classes if self.problem == CLASSIFICATION else 0


def _input_features(self: Any) -> tuple[str, ...]:
    """The features that feed the network, in table order: on and not hidden."""
    return tuple(k for k in FEATURE_KEYS if k in self.features and k not in self.hidden)


def _with_changes(self: Any, **changes: Any) -> Any:
    """A validated copy with some fields changed (raises SettingsError)."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise SettingsError(f"unknown setting {', '.join(sorted(unknown))}")
    return dataclasses.replace(self, **changes)


def _field(name: str) -> tuple[str, type, Any]:
    default = field_default(name)
    if isinstance(default, frozenset):
        return (name, frozenset, dataclasses.field(default_factory=lambda: default))
    return (name, type(default), dataclasses.field(default=default))


Settings = dataclasses.make_dataclass(
    "Settings",
    [_field(name) for name in FIELDS],
    frozen=True,
    namespace={
        "__doc__": "One experiment's settings: everything a bookmark code carries.",
        "__module__": __name__,
        "__post_init__": _post_init,
        "current_dataset": property(_current_dataset),
        "classes": property(_classes),
        "input_features": property(_input_features),
        "with_changes": _with_changes,
    },
)


def effect_of(old: Any, new: Any) -> Effect:
    """The strongest effect among the fields that differ between two settings."""
    strongest = Effect.NONE
    for name in FIELDS:
        if getattr(old, name) == getattr(new, name):
            continue
        if name == "hidden":  # hiding a feature removes an input: a new network
            effect = Effect.RESET if old.input_features != new.input_features else Effect.NONE
        else:
            effect = max((knob.effect(old, new) for knob in FIELD_KNOBS[name]),
                         key=lambda e: e.value)
        if effect.value > strongest.value:
            strongest = effect
    return strongest


def toggle_feature(settings: Any, key: str) -> tuple[str, ...]:
    """The features tuple with `key` switched on or off, kept in table order."""
    active = set(settings.features) ^ {key}
    return tuple(k for k in FEATURE_KEYS if k in active)


def knob_values(settings: Any) -> dict[str, Any]:
    """Every knob's value in these settings, by code key (features as true/false)."""
    values = {}
    for knob in KNOBS:
        if knob.field is None:
            values[knob.key] = knob.default
        elif isinstance(knob.kind, Feature):
            values[knob.key] = knob.kind.feature in settings.features
        else:
            values[knob.key] = getattr(settings, knob.field)
    return values
