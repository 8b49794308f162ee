"""The one table of settings: every key of a bookmark code, declared once.

A `Knob` is one key of the code (the web playground's URL hash): its key, the `Settings` field it
fills, its kind (which says what values are allowed, how they are read from and written into a
code, and how a control shows them), its default, its effect on the experiment, its label and
control, the name a teacher hides it by and a lesson locks it by, and whether the web playground
knows it. Everything else derives from `KNOBS`: the `Settings` fields and their validation, codes
both ways, the undo history's wording, lesson locks, the controls of the top bar and the data
panel, Customize, and `playground-game keys` (the public reference of the code format).

`COMPONENTS` lists what a teacher can hide or a lesson lock that is not a setting (the Play
button, the layer buttons, editing weights by hand).

Adding a setting is one row here (and, for a new kind of value, one `Kind`); nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.datasets import (
    CLASSIFICATION,
    DATASETS,
    MAX_CLASSES,
    PROBLEMS,
    REGRESSION,
)
from playground_game.model.core.features import FEATURE_BY_KEY, FEATURE_KEYS
from playground_game.model.core.initializers import INITIALIZERS
from playground_game.model.core.objectives import LOSSES
from playground_game.model.core.optimizers import OPTIMIZER_DEFAULTS, OPTIMIZERS, REGULARIZATIONS
from playground_game.model.core.registry import Registry
from playground_game.model.core.schedules import SCHEDULES
from playground_game.model.knob_kinds import (
    Choice,
    ChoiceList,
    Effect,
    Feature,
    Flag,
    Kind,
    Number,
    PointsText,
    SeedText,
    Shape,
)
from playground_game.model.race_text import RaceText

MAX_HIDDEN_LAYERS = 6
MAX_NEURONS = 8
NEW_LAYER_NEURONS = 2
MAX_SEED_LENGTH = 64
MAX_CONTESTANTS = 4  # a race: 2 to 4 networks side by side


# -- the table ------------------------------------------------------------------------------


def _constant(effect: Effect) -> Callable[[Any, Any], Effect]:
    return lambda _old, _new: effect


def _while_problem(problem: str) -> Callable[[Any, Any], Effect]:
    """A dataset key matters only while its problem type is chosen."""
    return lambda _old, new: Effect.NEW_DATA if new.problem == problem else Effect.NONE


@dataclass(frozen=True)
class Knob:
    """One key of a bookmark code and everything the app derives from it."""

    key: str  # the code's key, in the web's spelling
    field: str | None  # the Settings field; None: accepted and written for the web, unused
    kind: Kind
    default: Any
    label: str = ""  # the control's caption, and the name in messages
    effect: Callable[[Any, Any], Effect] = _constant(Effect.NONE)  # (old, new) settings
    control: str | None = None  # "dropdown" | "slider" | "checkbox": shown in the panels
    place: str = ""  # where its control sits: "top_bar", "data", "output", "network"
    order: int = 0  # its position among the controls of its place (the web's layout)
    hide: str | None = None  # NAME_hide=true hides its control (the web's component name)
    hide_label: str = ""  # Customize's wording, when it differs from the label
    lock: str | None = None  # the control a lesson locks to fix it (default: `hide`)
    web: bool = True  # the web playground knows the key
    always_written: bool = True  # the full code writes it even at its default

    @property
    def lock_name(self) -> str | None:
        return self.lock or self.hide

    def value_label(self, value: Any) -> str:
        return self.kind.label(value)


def _choice(table: Registry, **extra: Any) -> Choice:
    """A choice among a registry's rows: their keys, shown by their labels; the rows the web
    knows (`row.web`) are its `web_values`."""
    web = tuple(row.key for row in table if getattr(row, "web", True))
    return Choice(table.keys(), {row.key: row.label for row in table},
                  web_values=web if len(web) < len(table) else None, **extra)


def _dataset_choice(problem: str) -> Choice:
    rows = [d for d in DATASETS if d.problem == problem]
    web = tuple(d.key for d in rows if d.web)
    return Choice(tuple(d.key for d in rows), {d.key: d.label for d in rows},
                  web_values=web if len(web) < len(rows) else None)

LEARNING_RATES: tuple[float, ...] = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
REGULARIZATION_RATES: tuple[float, ...] = (0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)


def _feature_knob(key: str) -> Knob:
    feature = FEATURE_BY_KEY[key]
    return Knob(key, "features", Feature(key), feature.default_on, feature.label,
                effect=_constant(Effect.RESET), place="network", hide=key,
                hide_label=f"Feature {feature.label}")


# The web's key order (REFERENCE §2): a code is written in this order.
KNOBS: tuple[Knob, ...] = (
    Knob("activation", "activation", _choice(ACTIVATIONS), "tanh",
         "Activation", _constant(Effect.RESET), "dropdown", "top_bar", hide="activation",
         order=1),
    Knob("regularization", "regularization",
         _choice(REGULARIZATIONS, aliases={"": "none"}), "none",
         "Regularization", _constant(Effect.RESET), "dropdown", "top_bar",
         hide="regularization", always_written=False, order=2),
    Knob("batchSize", "batch_size", Number(1, 30, whole=True), 10, "Batch size",
         _constant(Effect.RESET), "slider", "data", hide="batchSize", order=2),
    Knob("dataset", "dataset", _dataset_choice(CLASSIFICATION), "circle", "Dataset",
         _while_problem(CLASSIFICATION), None, "data", hide="dataset",
         hide_label="Datasets and Regenerate"),
    Knob("regDataset", "reg_dataset", _dataset_choice(REGRESSION), "reg-plane",
         "Regression dataset",
         _while_problem(REGRESSION), None, "data", lock="dataset"),
    Knob("learningRate", "learning_rate", Number(0.00001, 10.0, options=LEARNING_RATES), 0.03,
         "Learning rate", control="dropdown", place="top_bar", hide="learningRate", order=0),
    Knob("regularizationRate", "regularization_rate",
         Number(0.0, 10.0, options=REGULARIZATION_RATES), 0.0, "Regularization rate",
         _constant(Effect.RESET), "dropdown", "top_bar", hide="regularizationRate", order=3),
    Knob("noise", "noise", Number(0, 50, whole=True, step=5), 0, "Noise",
         _constant(Effect.NEW_DATA), "slider", "data", hide="noise", order=1),
    Knob("networkShape", "network_shape", Shape(MAX_HIDDEN_LAYERS, MAX_NEURONS), (4, 2),
         "Network shape", _constant(Effect.RESET), place="network"),
    Knob("seed", "seed", SeedText(MAX_SEED_LENGTH), "0.59704", "Seed", place="data",
         lock="dataset"),
    Knob("showTestData", "show_test_data", Flag(), False, "Show test data",
         control="checkbox", place="output", hide="showTestData", order=0),
    Knob("discretize", "discretize", Flag(), False, "Discretize output", control="checkbox",
         place="output", hide="discretize", order=1),
    Knob("percTrainData", "perc_train_data", Number(10, 90, whole=True, step=10, unit="%"), 50,
         "Ratio of training to test data", _constant(Effect.NEW_DATA), "slider", "data",
         hide="percTrainData", hide_label="Ratio of training data", order=0),
    _feature_knob("x"),
    _feature_knob("y"),
    _feature_knob("xTimesY"),
    _feature_knob("xSquared"),
    _feature_knob("ySquared"),
    Knob("cosX", None, Flag(), False),
    _feature_knob("sinX"),
    Knob("cosY", None, Flag(), False),
    _feature_knob("sinY"),
    Knob("collectStats", "collect_stats", Flag(), False, "Collect stats"),
    Knob("problem", "problem", Choice(PROBLEMS, {p: p.capitalize() for p in PROBLEMS}),
         CLASSIFICATION, "Problem type", _constant(Effect.NEW_DATA), "dropdown", "top_bar",
         hide="problem", order=4),
    Knob("initZero", "init_zero", Flag(), False, "Zero initial weights",
         _constant(Effect.RESET), place="network", lock="initZero"),
    Knob("hideText", "hide_text", Flag(), False, "Explanatory text", place="data",
         lock="hideText"),
    # -- the training lab: keys the web does not know, written only when not at their default.
    # Their controls sit in the Training lab dialog (place "lab"); `options` are its choices.
    Knob("optimizer", "optimizer", _choice(OPTIMIZERS), "sgd", "Optimizer",
         _constant(Effect.RESTART), "dropdown", "lab", hide="optimizer", web=False, order=0),
    *(Knob(name, name, Number(low, high, options=options), OPTIMIZER_DEFAULTS[name], label,
           control="dropdown", place="lab", lock="optimizer", web=False, order=order)
      for order, (name, label, low, high, options) in enumerate((
          ("momentum", "Momentum", 0.0, 0.999, (0.0, 0.5, 0.8, 0.9, 0.95, 0.99)),
          ("beta1", "Beta 1", 0.0, 0.999, (0.5, 0.8, 0.9, 0.95, 0.99)),
          ("beta2", "Beta 2", 0.0, 0.99999, (0.9, 0.99, 0.999, 0.9999)),
          ("epsilon", "Epsilon", 1e-12, 1.0, (1e-8, 1e-6, 1e-4, 0.01)),
          ("rho", "Rho", 0.0, 0.999, (0.5, 0.8, 0.9, 0.95, 0.99))), start=1)),
    Knob("lrSchedule", "lr_schedule", _choice(SCHEDULES), "constant", "Learning-rate schedule",
         control="dropdown", place="lab", hide="lrSchedule", web=False, order=10),
    Knob("decayRate", "decay_rate", Number(0.01, 1.0, options=(0.1, 0.3, 0.5, 0.7, 0.9)), 0.5,
         "Decay rate", control="dropdown", place="lab", lock="lrSchedule", web=False,
         order=11),
    Knob("decaySteps", "decay_steps",
         Number(1, 100_000, whole=True, options=(10, 50, 100, 200, 500, 1000)), 100,
         "Decay epochs", control="dropdown", place="lab", lock="lrSchedule", web=False,
         order=12),
    Knob("dropout", "dropout", Number(0.0, 0.5, options=(0.0, 0.1, 0.2, 0.3, 0.5),
                                      zero_label="Off"), 0.0, "Dropout (hidden layers)",
         control="dropdown", place="lab", hide="dropout", web=False, order=13),
    Knob("initializer", "initializer", _choice(INITIALIZERS), "uniform", "Initializer",
         _constant(Effect.RESTART), "dropdown", "lab", hide="initializer", web=False, order=20),
    Knob("loss", "loss", Choice(LOSSES, {"square": "Square", "cross-entropy": "Cross-entropy"}),
         "square", "Loss (classification)", _constant(Effect.RESTART), "dropdown", "lab",
         hide="loss", web=False, order=21),
    Knob("stopEpoch", "stop_epoch",
         Number(0, 1_000_000, whole=True, options=(0, 100, 200, 500, 1000, 5000),
                zero_label="Off"), 0,
         "Stop at epoch", control="dropdown", place="lab", hide="stopConditions",
         hide_label="Stop conditions", web=False, order=30),
    Knob("stopLoss", "stop_loss",
         Number(0.0, 10.0, options=(0, 0.1, 0.05, 0.02, 0.01), zero_label="Off"), 0.0,
         "Stop at test loss", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=31),
    Knob("stopAccuracy", "stop_accuracy",
         Number(0.0, 100.0, unit="%", options=(0, 80, 90, 95, 99, 100), zero_label="Off"), 0.0,
         "Stop at accuracy", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=32),
    Knob("stopPlateau", "stop_plateau",
         Number(0, 100_000, whole=True, options=(0, 20, 50, 100, 200), zero_label="Off"), 0,
         "Stop on a plateau of", control="dropdown", place="lab", lock="stopConditions",
         web=False, order=33),
    # classes of a classification dataset: 2 (the original's) or, for the datasets that can
    # make more (their class_counts), up to MAX_CLASSES, with a softmax output
    Knob("numClasses", "num_classes", Number(2, MAX_CLASSES, whole=True), 2, "Classes",
         _while_problem(CLASSIFICATION), "slider", "data", hide="numClasses", lock="dataset",
         web=False, order=-1),
    # your own points (painted or from a file) instead of the dataset: their code text
    Knob("points", "own_points", PointsText(), "", "Your data", _constant(Effect.REDATA),
         place="data", lock="dataset", web=False),
    # one activation per hidden layer, set from each layer's header; empty: all follow
    # `activation`, which also sets them all again
    Knob("layerActivations", "layer_activations",
         ChoiceList(_choice(ACTIVATIONS), MAX_HIDDEN_LAYERS), (), "Activation per layer",
         _constant(Effect.RESET), place="network", lock="activation", web=False),
    # a race (model/race.py): the contestants after the first, each by the keys where it
    # differs from this code (race_text.py); its finish line: first to a test loss, or the
    # lowest test loss at an epoch budget (0: off). A code with them opens the race.
    Knob("race", "race", RaceText(MAX_CONTESTANTS - 1), "", "Race contestants", place="race",
         web=False),
    Knob("raceTo", "race_to",
         Number(0.0, 10.0, options=(0, 0.2, 0.1, 0.05, 0.02, 0.01), zero_label="Off"), 0.0,
         "Race to test loss", place="race", web=False),
    Knob("raceEpochs", "race_epochs",
         Number(0, 100_000, whole=True, options=(0, 100, 200, 500, 1000, 2000),
                zero_label="Off"), 0,
         "Race epochs", place="race", web=False),
)
KNOB_BY_KEY: dict[str, Knob] = {k.key: k for k in KNOBS}
HIDE_SUFFIX = "_hide"


@dataclass(frozen=True)
class Component:
    """A control that is not a setting: a teacher may hide it, a lesson may lock it."""

    name: str
    label: str  # the name in messages: "The number of hidden layers is fixed in this lesson."
    place: str
    hide_label: str = ""  # Customize's wording, when it differs
    hideable: bool = True  # a teacher can hide it (NAME_hide=true)
    web: bool = True  # the web playground knows its NAME_hide key
    order: int = -1  # its position among its place's controls (before the settings' by default)


COMPONENTS: tuple[Component, ...] = (
    Component("playButton", "Play button", "top_bar"),
    Component("stepButton", "Step button", "top_bar"),
    Component("resetButton", "Reset button", "top_bar"),
    Component("numHiddenLayers", "The number of hidden layers", "network",
              hide_label="Add / remove layers"),
    Component("numNeurons", "The number of neurons", "network", hideable=False),
    Component("weights", "Editing weights by hand", "network", hideable=False),
    Component("customize", "Customize", "data", hide_label="Customize (this panel)",
              web=False, order=99),
)

# Components a teacher can hide with NAME_hide=true: the settings' controls (in the code's
# order), the buttons, then the features in the order the network sees them.
HIDEABLE: tuple[str, ...] = (
    *(k.hide for k in KNOBS if k.hide is not None and not isinstance(k.kind, Feature)),
    *(c.name for c in COMPONENTS if c.hideable),
    *FEATURE_KEYS,
)
# Names a lesson may lock: every hideable control, the other components, and the settings
# that have a lock name of their own.
LOCKABLE: tuple[str, ...] = tuple(dict.fromkeys(
    [*HIDEABLE, *(c.name for c in COMPONENTS),
     *(k.lock_name for k in KNOBS if k.lock_name is not None)]))

# Field name -> the knob that fills it (features: every feature knob fills `features`).
FIELD_KNOBS: dict[str, tuple[Knob, ...]] = {}
for _knob in KNOBS:
    if _knob.field is not None:
        FIELD_KNOBS[_knob.field] = (*FIELD_KNOBS.get(_knob.field, ()), _knob)
del _knob


def hide_is_web(name: str) -> bool:
    """Whether the web playground knows NAME_hide (the lab's controls and Customize are ours
    alone)."""
    return (all(k.web for k in KNOBS if k.hide == name)
            and all(c.web for c in COMPONENTS if c.name == name))


def control_label(name: str) -> str:
    """A lockable or hideable control's name in words ("Learning rate", "Play button")."""
    for knob in KNOBS:
        if name in (knob.hide, knob.lock):
            return knob.label if knob.hide != "dataset" else "The data"
    for component in COMPONENTS:
        if component.name == name:
            return component.label
    return name


def hide_label(name: str) -> str:
    """What Customize calls a hideable component."""
    for knob in KNOBS:
        if knob.hide == name:
            return knob.hide_label or knob.label
    for component in COMPONENTS:
        if component.name == name:
            return component.hide_label or component.label
    return control_label(name)


def field_default(name: str) -> Any:
    """The default of a Settings field, from its knobs."""
    if name == "features":
        return tuple(k for k in FEATURE_KEYS if FEATURE_BY_KEY[k].default_on)
    if name == "hidden":
        return frozenset()
    return FIELD_KNOBS[name][0].default


def field_label(name: str) -> str:
    """A Settings field in the words of a notice: "learning rate"."""
    if name == "features":
        return "features"
    if name == "hidden":
        return "hidden components"
    label = FIELD_KNOBS[name][0].label
    return label[:1].lower() + label[1:]


def controls(place: str) -> tuple[Knob, ...]:
    """The knobs shown as controls in one place of the window, in their order there."""
    return tuple(sorted((k for k in KNOBS if k.control and k.place == place),
                        key=lambda k: k.order))


def hideables(place: str) -> tuple[str, ...]:
    """The components a teacher can hide in one place of the window, in the window's order:
    its buttons, its settings' controls, then (in the network) the features."""
    placed = [(c.order, c.name) for c in COMPONENTS if c.hideable and c.place == place]
    placed += [(k.order, k.hide) for k in KNOBS
               if k.hide and k.place == place and not isinstance(k.kind, Feature)]
    features = FEATURE_KEYS if place == "network" else ()
    return (*(name for _, name in sorted(placed, key=lambda p: p[0])), *features)
