"""The session: settings, data, network, epoch and loss history, changed only through actions.

Everything a user can do (a click, a key, a lesson step, a pasted code, a command-line flag) becomes
an action passed to `Playground.apply`. That one place decides, as the original does, whether the
change regenerates the data (with a new seed drawn from the stream), rebuilds the network (fresh
weights from the continuing stream), or neither; it keeps the epoch counter and the loss history.

Every settings change (a knob, a feature, a layer, a pasted code, Regenerate's new seed) is
recorded in a bounded history; `Undo` and `Redo` are actions too, so the keyboard, lessons and
tests all walk it the same way. Going back to settings that had rebuilt the network rebuilds it
from their seed (the same data and initial weights as then), not the weights it had trained to.
"""

from __future__ import annotations

import copy
import functools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground_game.model.core.datasets import DataSplit, generate_split
from playground_game.model.core.features import (
    FEATURE_KEYS,
    all_feature_values,
    feature_inputs,
    feature_rows,
)
from playground_game.model.core.network import Network
from playground_game.model.core.objectives import for_problem
from playground_game.model.core.rng import SeededRandom
from playground_game.model.history import MAX_HISTORY, History, describe_change
from playground_game.model.settings import (
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    NEW_LAYER_NEURONS,
    Effect,
    Settings,
    SettingsError,
    effect_of,
    toggle_feature,
)

GRID_SIZE = 100
GRID_EXTENT = 6.0
MAX_EPOCHS_PER_ACTION = 100_000
MAX_WEIGHT_MAGNITUDE = 1e6


# ---------------------------------------------------------------------------------------------
# Actions: small immutable records of intent.


@dataclass(frozen=True)
class Change:
    """Change settings fields, e.g. Change({"activation": "relu"})."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class Open:
    """Open an experiment from settings (a bookmark): its seed, its data, its initial weights."""

    settings: Settings


@dataclass(frozen=True)
class Reset:
    """A new network with new random weights; data kept; epoch 0; loss history cleared."""


@dataclass(frozen=True)
class Regenerate:
    """A new seed and new data; the network (and its training) is kept."""


@dataclass(frozen=True)
class Train:
    """Train whole epochs (one per rendered frame like the original, or more)."""

    epochs: int = 1


@dataclass(frozen=True)
class ToggleFeature:
    key: str


@dataclass(frozen=True)
class AddLayer:
    """Append a hidden layer of two units (up to six layers)."""


@dataclass(frozen=True)
class RemoveLayer:
    """Remove the last hidden layer."""


@dataclass(frozen=True)
class AddNeuron:
    layer: int  # hidden layer index, 0-based


@dataclass(frozen=True)
class RemoveNeuron:
    layer: int


@dataclass(frozen=True)
class SetWeight:
    """Set the weight from unit `source` of layer-1 to unit `unit` of `layer` (1..L)."""

    layer: int
    unit: int
    source: int
    value: float


@dataclass(frozen=True)
class SetBias:
    """Set the bias of unit `unit` of `layer` (1..L; L is the output)."""

    layer: int
    unit: int
    value: float


@dataclass(frozen=True)
class Undo:
    """Go back to the settings before the last recorded change."""


@dataclass(frozen=True)
class Redo:
    """Apply again the change the last Undo took back."""


Action = (
    Change | Open | Reset | Regenerate | Train | ToggleFeature | AddLayer | RemoveLayer
    | AddNeuron | RemoveNeuron | SetWeight | SetBias | Undo | Redo
)
# Actions that change settings and so are recorded for undo (Train, Reset and hand-set weights
# change only the network, which the history does not keep).
RECORDED = (Change, Open, Regenerate, ToggleFeature, AddLayer, RemoveLayer, AddNeuron,
            RemoveNeuron)


@dataclass(frozen=True)
class Outcome:
    """What an action did: the effect on the model, and the epochs it trained."""

    effect: Effect = Effect.NONE
    trained: int = 0
    notice: str = ""


# ---------------------------------------------------------------------------------------------


def grid_coordinates(size: int = GRID_SIZE) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every grid point, row-major with row 0 at the top (y = +6) and x to the right."""
    axis = np.linspace(-GRID_EXTENT, GRID_EXTENT, size)
    xs = np.tile(axis, size)
    ys = np.repeat(axis[::-1], size)
    return xs, ys


@functools.cache
def _grid_features() -> np.ndarray:
    """Every feature at every grid point, (7, points) float32; computed on first use so that
    importing the model never runs (or compiles) a kernel before the window is up."""
    values = all_feature_values(*grid_coordinates()).astype(np.float32)
    values.flags.writeable = False
    return values


def feature_grids() -> np.ndarray:
    """Every input feature over the heatmap grid: (7, 100, 100) float32, table order."""
    return _grid_features().reshape(len(FEATURE_KEYS), GRID_SIZE, GRID_SIZE)


@dataclass
class _Data:
    split: DataSplit
    train_xt: np.ndarray
    train_y: np.ndarray
    test_xt: np.ndarray
    test_y: np.ndarray
    grid_xt: np.ndarray = field(repr=False)


class Playground:
    """One experiment in progress. Read its attributes; change it only with `apply`."""

    def __init__(self, settings: Settings | None = None, history_limit: int = MAX_HISTORY) -> None:
        self.settings = settings or Settings()
        self.history = History(history_limit)  # read it (can_undo, can_redo); change it by actions
        self.epoch = 0
        self.train_losses: list[float] = []
        self.test_losses: list[float] = []
        self.revision = 0  # bumps on every change a view might draw
        self._grid_revision = -1
        self._grid: np.ndarray | None = None
        self._open(self.settings)

    # -- reading -------------------------------------------------------------------------

    @property
    def data(self) -> DataSplit:
        return self._data.split

    @property
    def train_inputs(self) -> tuple[np.ndarray, np.ndarray]:
        """The training set as the network sees it: (inputs (n_in, n), targets (outputs, n))."""
        return self._data.train_xt, self._data.train_y

    @property
    def test_inputs(self) -> tuple[np.ndarray, np.ndarray]:
        """The test set as the network sees it: (inputs (n_in, n), targets (outputs, n))."""
        return self._data.test_xt, self._data.test_y

    @property
    def network(self) -> Network:
        return self._network

    @property
    def train_loss(self) -> float:
        return self.train_losses[-1]

    @property
    def test_loss(self) -> float:
        return self.test_losses[-1]

    @property
    def diverged(self) -> bool:
        """True when the losses are no longer finite numbers (the learning rate blew up)."""
        return not (math.isfinite(self.train_loss) and math.isfinite(self.test_loss))

    def unit_grids(self, recompute: bool = False) -> np.ndarray:
        """Every unit's output over the 100 x 100 grid, (units, 100, 100) float32, cached.

        Computed in one engine call, only when the network changed since the last call (or when
        `recompute` asks, which benchmarks use to time the kernel).
        """
        if recompute or self._grid_revision != self.revision or self._grid is None:
            units = self._network.num_units
            if self._grid is None or self._grid.shape[0] != units:
                self._grid = np.empty((units, GRID_SIZE * GRID_SIZE), dtype=np.float32)
            self._network.grid(self._data.grid_xt, self._grid)
            self._grid_revision = self.revision
        return self._grid.reshape(-1, GRID_SIZE, GRID_SIZE)

    def copy(self) -> Playground:
        """An independent copy of the session (to restore after a failure), without the heatmap
        cache, which the copy recomputes when first asked.

        The loss histories (up to millions of floats) are copied as plain lists: floats are
        immutable, and a deep copy would visit each one (~80 ms for 100,000 epochs, not 1 ms).
        """
        memo: dict[int, object] = {}
        if self._grid is not None:
            memo[id(self._grid)] = None
        for losses in (self.train_losses, self.test_losses):
            memo[id(losses)] = list(losses)
        return copy.deepcopy(self, memo)

    # -- changing ------------------------------------------------------------------------

    def apply(self, action: Action) -> Outcome:
        """Apply one action; the only way to change the session.

        Raises SettingsError (and changes nothing) for a change that is not allowed.
        """
        if isinstance(action, RECORDED):
            before = self.settings
            outcome = self._apply(action)
            self.history.record(before, self.settings)
            return outcome
        if isinstance(action, Undo):
            return self._walk_history(back=True)
        if isinstance(action, Redo):
            return self._walk_history(back=False)
        return self._apply(action)

    def _apply(self, action: Action) -> Outcome:
        if isinstance(action, Train):
            return self._train(action.epochs)
        if isinstance(action, Change):
            return self._change(action.fields)
        if isinstance(action, Open):
            self._open(action.settings)
            return Outcome(Effect.NEW_DATA)
        if isinstance(action, Reset):
            self._reset()
            return Outcome(Effect.RESET)
        if isinstance(action, Regenerate):
            self._regenerate()
            return Outcome(Effect.NONE)
        if isinstance(action, ToggleFeature):
            if action.key not in FEATURE_KEYS:
                allowed = ", ".join(FEATURE_KEYS)
                raise SettingsError(f"feature: {action.key!r} is not one of {allowed}")
            return self._change({"features": toggle_feature(self.settings, action.key)})
        if isinstance(action, (AddLayer, RemoveLayer, AddNeuron, RemoveNeuron)):
            return self._change({"network_shape": self._reshaped(action)})
        if isinstance(action, (SetWeight, SetBias)):
            return self._set_parameter(action)
        raise TypeError(f"not an action: {action!r}")

    def _walk_history(self, back: bool) -> Outcome:
        step = self.history.peek_undo() if back else self.history.peek_redo()
        if step is None:
            word = "undo" if back else "redo"
            raise SettingsError(f"{word}: there is nothing to {word}")
        target, source = (step.before, step.after) if back else (step.after, step.before)
        effect = self._go_to(target)
        if back:
            self.history.commit_undo()
        else:
            self.history.commit_redo()
        note = f"{'Undo' if back else 'Redo'}: {describe_change(source, target)}"
        if effect is not Effect.NONE:
            note += " (network rebuilt from the seed)"
        return Outcome(effect, notice=note)

    def _go_to(self, target: Settings) -> Effect:
        """Make `target` the settings, doing no more than the difference needs."""
        current = self.settings
        effect = effect_of(current, target)
        same_seed = target.seed == current.seed
        if effect is Effect.NONE and same_seed:  # view toggles, learning rate: training kept
            self.settings = target
            self.revision += 1
            return Effect.NONE
        if effect is Effect.NONE:  # only the seed: its data back, the network kept (Regenerate)
            self.settings = target
            self._seed_data()
            self._rerecord_losses()
            self.revision += 1
            return Effect.NONE
        self._open(target)  # the seed's data and initial weights, as when these were set
        return Effect.NEW_DATA if effect is Effect.NEW_DATA or not same_seed else Effect.RESET

    def _reshaped(self, action: Action) -> tuple[int, ...]:
        shape = list(self.settings.network_shape)
        if isinstance(action, AddLayer):
            if len(shape) >= MAX_HIDDEN_LAYERS:
                raise SettingsError(f"networkShape: at most {MAX_HIDDEN_LAYERS} hidden layers")
            shape.append(NEW_LAYER_NEURONS)
        elif isinstance(action, RemoveLayer):
            if not shape:
                raise SettingsError("networkShape: there is no hidden layer to remove")
            shape.pop()
        else:
            if not 0 <= action.layer < len(shape):
                raise SettingsError(f"networkShape: there is no hidden layer {action.layer + 1}")
            delta = 1 if isinstance(action, AddNeuron) else -1
            new_size = shape[action.layer] + delta
            if not 1 <= new_size <= MAX_NEURONS:
                raise SettingsError(
                    f"networkShape: a layer holds 1 to {MAX_NEURONS} neurons, not {new_size}"
                )
            shape[action.layer] = new_size
        return tuple(shape)

    def _change(self, changes: dict[str, Any]) -> Outcome:
        new = self.settings.with_changes(**changes)  # validates before anything changes
        effect = effect_of(self.settings, new)
        if new.seed != self.settings.seed:  # a chosen seed: the data and weights it gives
            self._open(new)
            return Outcome(Effect.NEW_DATA)
        self.settings = new
        if effect is Effect.NEW_DATA:
            self._new_seed_and_data()
            self._reset()
        elif effect is Effect.RESET:
            self._data = self._prepare(self._data.split)  # inputs may have changed
            self._reset()
        self.revision += 1
        return Outcome(effect)

    def _open(self, settings: Settings) -> None:
        self.settings = settings
        self._seed_data()
        self._reset()

    def _seed_data(self) -> None:
        """Reseed the stream from the settings' seed and generate that seed's data."""
        s = self.settings
        self._rng = SeededRandom(s.seed)
        split = generate_split(s.current_dataset, s.noise, s.perc_train_data, self._rng)
        self._data = self._prepare(split)

    def _new_seed_and_data(self) -> None:
        """The original's generateData(): a new seed drawn from the stream, which reseeds it."""
        self.settings = self.settings.with_changes(seed=self._rng.next_seed())
        self._seed_data()

    def _prepare(self, split: DataSplit) -> _Data:
        inputs = self.settings.input_features
        targets = for_problem(self.settings.problem).targets
        return _Data(
            split=split,
            train_xt=feature_inputs(split.train, inputs),
            train_y=targets(split.train[:, 2], 1),
            test_xt=feature_inputs(split.test, inputs),
            test_y=targets(split.test[:, 2], 1),
            grid_xt=_grid_features()[feature_rows(inputs)],
        )

    def _reset(self) -> None:
        s = self.settings
        shape = [len(s.input_features), *s.network_shape, 1]
        self._network = Network.build(
            shape, self._rng, s.activation, for_problem(s.problem).key, s.regularization,
            initializer="zeros" if s.init_zero else "uniform",
        )
        self.epoch = 0
        self.train_losses = []
        self.test_losses = []
        self._record_losses()
        self.revision += 1

    def _regenerate(self) -> None:
        self._new_seed_and_data()
        self._rerecord_losses()  # no stale loss after Regenerate (a quirk we do not copy)
        self.revision += 1

    def _rerecord_losses(self) -> None:
        """Replace the current epoch's losses: the data or the weights changed, not the epoch."""
        self.train_losses[-1:] = []
        self.test_losses[-1:] = []
        self._record_losses()

    def _record_losses(self) -> None:
        d = self._data
        self.train_losses.append(self._network.loss(d.train_xt, d.train_y))
        self.test_losses.append(self._network.loss(d.test_xt, d.test_y))

    def _train(self, epochs: int) -> Outcome:
        if isinstance(epochs, bool) or not isinstance(epochs, int):
            raise SettingsError(f"epochs: {epochs!r} is not a whole number")
        if not 0 <= epochs <= MAX_EPOCHS_PER_ACTION:
            raise SettingsError(
                f"epochs: {epochs} is not allowed; expected 0 to {MAX_EPOCHS_PER_ACTION}"
            )
        if epochs == 0:
            return Outcome()
        s = self.settings
        d = self._data
        with np.errstate(all="ignore"):
            losses = self._network.train_and_measure(
                d.train_xt, d.train_y, d.test_xt, d.test_y, s.batch_size, s.learning_rate,
                s.regularization_rate, epochs,
            )
        self.train_losses.extend(losses[:, 0].tolist())
        self.test_losses.extend(losses[:, 1].tolist())
        self.epoch += epochs
        self.revision += 1
        return Outcome(trained=epochs)

    def _set_parameter(self, action: SetWeight | SetBias) -> Outcome:
        value = action.value
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or not math.isfinite(value):
            raise SettingsError(f"value: {value!r} is not a finite number")
        if abs(value) > MAX_WEIGHT_MAGNITUDE:
            raise SettingsError(
                f"value: {value!r} is too large; expected a number from {-MAX_WEIGHT_MAGNITUDE:g} "
                f"to {MAX_WEIGHT_MAGNITUDE:g}"
            )
        net = self._network
        try:
            if isinstance(action, SetWeight):
                index = net.weight_index(action.layer, action.unit, action.source)
                net.weights[index] = float(value)
                net.dead[index] = 0  # a weight set by hand lives again
            else:
                if action.layer < 1:
                    raise IndexError("inputs have no bias")
                net.biases[net.unit_index(action.layer, action.unit)] = float(value)
        except IndexError as exc:
            raise SettingsError(f"parameter: {exc}") from exc
        self._rerecord_losses()
        self.revision += 1
        return Outcome()
