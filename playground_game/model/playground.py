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
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from playground_game.model import own_points
from playground_game.model.actions import (
    UNDOABLE,
    Action,
    AddLayer,
    AddNeuron,
    Change,
    Open,
    Outcome,
    Redo,
    Regenerate,
    RemoveLayer,
    RemoveNeuron,
    Reset,
    Restore,
    SetBias,
    SetWeight,
    ToggleFeature,
    Train,
    Undo,
)
from playground_game.model.core.datasets import DataSplit, generate_split
from playground_game.model.core.dropout import stream_seed
from playground_game.model.core.features import (
    FEATURE_KEYS,
    all_feature_values,
    feature_inputs,
    feature_rows,
)
from playground_game.model.core.network import Network
from playground_game.model.core.objectives import Objective, for_problem
from playground_game.model.core.optimizers import OPTIMIZER_DEFAULTS
from playground_game.model.core.rng import SeededRandom
from playground_game.model.core.schedules import SCHEDULES
from playground_game.model.history import (
    MAX_HISTORY,
    History,
    LossTrail,
    Snapshot,
    Step,
    describe_change,
)
from playground_game.model.locks import blocked_control, locked_message
from playground_game.model.settings import (
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    NEW_LAYER_NEURONS,
    Effect,
    Settings,
    SettingsError,
    effect_of,
    follow_the_dataset,
    follow_the_layers,
    format_number,
    toggle_feature,
)

__all__ = [  # the actions are applied here; callers may take them from either module
    "Action", "AddLayer", "AddNeuron", "Change", "Open", "Outcome", "Playground", "Redo",
    "Regenerate", "RemoveLayer", "RemoveNeuron", "Reset", "SetBias", "SetWeight",
    "ToggleFeature", "Train", "Undo",
]

GRID_SIZE = 100
GRID_EXTENT = 6.0
MAX_EPOCHS_PER_ACTION = 100_000
MAX_WEIGHT_MAGNITUDE = 1e6


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

    def __init__(self, settings: Settings | None = None, history_limit: int = MAX_HISTORY,
                 keep_losses: bool = True) -> None:
        """keep_losses False keeps only the latest epoch's losses (the headless trainer reads
        each Train's from its Outcome, so its memory stays flat however long it trains)."""
        self.settings = settings or Settings()
        self.history = History(history_limit)  # read it (can_undo, can_redo); change it by actions
        self.locks: frozenset[str] = frozenset()  # controls this experiment fixes (a lesson's)
        self.epoch = 0
        self.train_losses: list[float] = []
        self.test_losses: list[float] = []
        # each epoch's accuracy (a share, 0 to 1; NaN when the problem is not classification)
        self.train_accuracies: list[float] = []
        self.test_accuracies: list[float] = []
        self.revision = 0  # bumps on every change a view might draw
        self._keep_losses = keep_losses
        self._grid_revision = -1
        self._grid: np.ndarray | None = None
        # whether unit_grids was called since the last Train: then the next Train draws the
        # trained network's grid while the second core measures its epoch
        self._grid_read = False
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
        self._grid_read = True
        if recompute or self._grid_revision != self.revision or self._grid is None:
            self._network.grid(*self._grid_arrays())
            self._grid_revision = self.revision
        return self._grid.reshape(-1, GRID_SIZE, GRID_SIZE)

    def _grid_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The grid's input features and the array of every unit's output over it."""
        units = self._network.num_units
        if self._grid is None or self._grid.shape[0] != units:
            self._grid = np.empty((units, GRID_SIZE * GRID_SIZE), dtype=np.float32)
        return self._data.grid_xt, self._grid

    def copy(self) -> Playground:
        """An independent copy of the session (to restore after a failure), without the heatmap
        cache, which the copy recomputes when first asked.

        The loss histories (up to millions of floats) are copied as plain lists: floats are
        immutable, and a deep copy would visit each one (~80 ms for 100,000 epochs, not 1 ms).
        """
        memo: dict[int, object] = {}
        if self._grid is not None:
            memo[id(self._grid)] = None
        for record in self._records():
            memo[id(record)] = list(record)
        return copy.deepcopy(self, memo)

    # -- changing ------------------------------------------------------------------------

    def apply(self, action: Action) -> Outcome:
        """Apply one action; the only way to change the session.

        Raises SettingsError (and changes nothing) for a change that is not allowed, a locked
        control's included.
        """
        self._refuse_locked(action)
        if isinstance(action, Undo):
            return self._walk_history(back=True)
        if isinstance(action, Redo):
            return self._walk_history(back=False)
        undoable_open = isinstance(action, Open) and action.undoable and action.locks is None
        if isinstance(action, Open) and not undoable_open:
            outcome = self._apply(action)
            if action.locks is not None:
                self.locks = frozenset(action.locks)
            self.history.clear()  # another experiment: a history of its own
            return outcome
        if not (undoable_open or isinstance(action, UNDOABLE)):
            return self._apply(action)
        before = self._snapshot()
        outcome = self._apply(action)
        label = _label(action, before.settings, self.settings)
        if label:
            light = (isinstance(action, (Change, ToggleFeature)) and before.settings.seed
                     == self.settings.seed and effect_of(before.settings, self.settings)
                     is Effect.NONE)
            self.history.record(Step(label, before, self._snapshot(), light,
                                     named=isinstance(action, (Open, Restore))))
        return outcome

    def require_unlocked(self, control: str) -> None:
        """Raise the lock's refusal when `control` (a LOCKABLE name) is fixed or hidden here.

        For the controls the window handles itself (Play, Step); actions are checked by `apply`.
        """
        if control in self.locks or (self.locks and control in self.settings.hidden):
            raise SettingsError(locked_message(control))

    def _refuse_locked(self, action: Action) -> None:
        # A new experiment (a lesson, the free playground) brings its own locks, and the
        # history never reaches past the experiment's start, so Undo and Redo need no check.
        if not self.locks or (isinstance(action, Open) and action.locks is not None):
            return
        control = blocked_control(action, self.settings, self.locks)
        if control is not None:
            raise SettingsError(locked_message(control))

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
        if isinstance(action, Restore):
            return self._restore_saved(action)
        raise TypeError(f"not an action: {action!r}")

    def _walk_history(self, back: bool) -> Outcome:
        step = self.history.peek_undo() if back else self.history.peek_redo()
        if step is None:
            raise SettingsError(f"There is nothing to {'undo' if back else 'redo'}.")
        now = self._snapshot()
        target = step.before if back else step.after
        if step.light:  # a view or the learning rate: the training since is kept
            self.settings = target.settings
            self.revision += 1
            effect = Effect.NONE
        else:
            effect = Effect.NEW_DATA if target.data.split is not now.data.split else Effect.RESET
            self._restore(target)
        if back:
            self.history.commit_undo(replace(step, after=now))
        else:
            self.history.commit_redo(replace(step, before=now))
        what = describe_change(now.settings, target.settings) \
            if now.settings != target.settings else step.label
        if step.named and what != step.label:  # many settings at once: what did it first
            what = f"{step.label} ({what})"
        return Outcome(effect, notice=f"{'Undo' if back else 'Redo'}: {what}")

    def _snapshot(self) -> Snapshot:
        """The experiment as it is now, for the history (the network and stream copied)."""
        return Snapshot(self.settings, self._data, self._network.copy(), copy.deepcopy(self._rng),
                        self.epoch, LossTrail.of(*self._records()),
                        copy.deepcopy(self._rng_at_start))

    def _restore(self, snapshot: Snapshot) -> None:
        """Make the experiment what `snapshot` saw (its copies stay pristine for a redo)."""
        self.settings = snapshot.settings
        self._data = snapshot.data
        self._network = snapshot.network.copy()
        self._rng = copy.deepcopy(snapshot.rng)
        self._rng_at_start = copy.deepcopy(snapshot.rng_at_start)
        self.epoch = snapshot.epoch
        (self.train_losses, self.test_losses, self.train_accuracies,
         self.test_accuracies) = snapshot.losses.lists()
        self.revision += 1

    # -- experiment files (model/experiment_file.py reads and writes these) -----------------

    def restore_point(self) -> Restore:
        """The whole experiment as a `Restore` (copies): what an experiment file saves, and
        applying it gives this experiment back exactly."""
        return Restore(self.settings, self._data.split, self._network.copy(),
                       copy.deepcopy(self._rng), copy.deepcopy(self._rng_at_start), self.epoch,
                       tuple(tuple(record) for record in self._records()))

    def _restore_saved(self, action: Restore) -> Outcome:
        if self.locks:
            raise SettingsError("A lesson cannot open an experiment file: leave the lesson "
                                "first (L, then the free playground).")
        self.settings = action.settings
        self._data = self._prepare(action.split)
        self._network = action.network.copy()
        self._rng = copy.deepcopy(action.rng)
        self._rng_at_start = copy.deepcopy(action.rng_at_start)
        self.epoch = action.epoch
        (self.train_losses, self.test_losses, self.train_accuracies,
         self.test_accuracies) = (list(record) for record in action.records)
        self.revision += 1
        return Outcome(Effect.NEW_DATA)

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
        changes = follow_the_dataset(self.settings, follow_the_layers(self.settings, changes))
        old = self.settings
        new = old.with_changes(**changes)  # validates before anything changes
        effect = effect_of(old, new)
        if new.seed != self.settings.seed:  # a chosen seed: the data and weights it gives
            self._open(new)
            return Outcome(Effect.NEW_DATA)
        self.settings = new
        if effect is Effect.NEW_DATA:
            self._new_seed_and_data()
            self._reset()
        elif effect is Effect.REDATA:  # your points changed: their split, the network kept
            self._seed_data()
            self._rerecord_losses()
        elif effect is Effect.RESET:
            if new.own_points != old.own_points:
                self._seed_data()
            else:
                self._data = self._prepare(self._data.split)  # inputs may have changed
            self._reset()
        elif effect is Effect.RESTART:  # the same draws the current run started from
            self._data = self._prepare(self._data.split)  # the loss may change the targets
            self._rng = copy.deepcopy(self._rng_at_start)
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
        if s.own_points:  # your points, split by the ratio; no noise is added to them
            split = own_points.split(own_points.decode(s.own_points), s.perc_train_data,
                                     self._rng)
        else:
            split = generate_split(s.current_dataset, s.noise, s.perc_train_data, self._rng,
                                   s.num_classes)
        self._data = self._prepare(split)

    def _new_seed_and_data(self) -> None:
        """The original's generateData(): a new seed drawn from the stream, which reseeds it."""
        self.settings = self.settings.with_changes(seed=self._rng.next_seed())
        self._seed_data()

    @property
    def objective(self) -> Objective:
        """What the output layer learns for this problem and loss (its units, loss and
        targets); cross-entropy applies to classification, regression keeps the square loss."""
        return for_problem(self.settings.problem, self.settings.loss, self.classes)

    @property
    def n_outputs(self) -> int:
        """The output layer's units: what the objective needs for the dataset's classes."""
        return self.objective.outputs(self.classes)

    @property
    def classes(self) -> int:
        """The number of classes of the data (0 for regression)."""
        return self.settings.classes

    def _prepare(self, split: DataSplit) -> _Data:
        inputs = self.settings.input_features
        targets, n = self.objective.targets, self.n_outputs
        return _Data(
            split=split,
            train_xt=feature_inputs(split.train, inputs),
            train_y=targets(split.train[:, 2], n),
            test_xt=feature_inputs(split.test, inputs),
            test_y=targets(split.test[:, 2], n),
            grid_xt=_grid_features()[feature_rows(inputs)],
        )

    def _reset(self) -> None:
        self._rng_at_start = copy.deepcopy(self._rng)  # what a RESTART draws the network from
        s = self.settings
        shape = [len(s.input_features), *s.network_shape, self.n_outputs]
        self._network = Network.build(
            shape, self._rng, s.layer_activations or s.activation, self.objective.key,
            s.regularization,
            optimizer=s.optimizer, initializer="zeros" if s.init_zero else s.initializer,
            dropout_seed=stream_seed(s.seed),
        )
        self.epoch = 0
        self.train_losses, self.test_losses = [], []
        self.train_accuracies, self.test_accuracies = [], []
        self._record_losses()
        self.revision += 1

    def _regenerate(self) -> None:
        self._new_seed_and_data()
        self._rerecord_losses()  # no stale loss after Regenerate (a quirk we do not copy)
        self.revision += 1

    def _rerecord_losses(self) -> None:
        """Replace the current epoch's losses: the data or the weights changed, not the epoch."""
        for record in self._records():
            record[-1:] = []
        self._record_losses()

    def _records(self) -> tuple[list[float], ...]:
        """The per-epoch records, in the order of the kernels' measures (network.MEASURES)."""
        return self.train_losses, self.test_losses, self.train_accuracies, self.test_accuracies

    def _record_losses(self) -> None:
        d = self._data
        row = self._network.measure(d.train_xt, d.train_y, d.test_xt, d.test_y)
        for record, value in zip(self._records(), row.tolist(), strict=True):
            record.append(value)

    def _optimizer_params(self, s: Settings) -> dict[str, float]:
        """The optimizers' hyper-parameters of settings `s`, kept while the settings are the
        same object (they are replaced, never changed, so a frame need not collect them)."""
        kept = self.__dict__.get("_optimizer_memo")
        if kept is None or kept[0] is not s:
            kept = (s, {name: getattr(s, name) for name in OPTIMIZER_DEFAULTS})
            self.__dict__["_optimizer_memo"] = kept
        return kept[1]

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
        opt = self._optimizer_params(s)
        schedule = SCHEDULES[s.lr_schedule]
        # The kernels compute in IEEE arithmetic: a diverging network gives NaN, never a warning.
        grid = self._grid_arrays() if self._grid_read else None  # (a window's: it wants it)
        self._grid_read = False
        if schedule.key == "constant":  # the original's: every epoch in one engine call
            losses = self._network.train_and_measure(
                d.train_xt, d.train_y, d.test_xt, d.test_y, s.batch_size, s.learning_rate,
                s.regularization_rate, epochs, opt, s.dropout, grid=grid,
            )
        else:  # each epoch with its own rate
            losses = np.concatenate([self._network.train_and_measure(
                d.train_xt, d.train_y, d.test_xt, d.test_y, s.batch_size,
                schedule.rate(s.learning_rate, self.epoch + e, s.decay_rate, s.decay_steps),
                s.regularization_rate, 1, opt, s.dropout,
            ) for e in range(epochs)])
            if grid is not None:
                self._network.grid(*grid)
        kept = losses if self._keep_losses else losses[-1:]
        for record, values in zip(self._records(), kept.T.tolist(), strict=True):
            if not self._keep_losses:
                del record[:]
            record.extend(values)
        self.epoch += epochs
        self.revision += 1
        if grid is not None:
            self._grid_revision = self.revision
        return Outcome(trained=epochs, losses=losses)

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


def _label(action: Action, before: Settings, after: Settings) -> str:
    """How the history names a change ("" when it changed nothing worth an undo step)."""
    if isinstance(action, Reset):
        return "Reset (new random weights)"
    if isinstance(action, Restore):
        return "opened an experiment file"
    if isinstance(action, Open):  # (an undoable one: a code opened inside the experiment)
        return "opened a code"
    if isinstance(action, SetWeight):
        return f"weight set to {format_number(action.value)}"
    if isinstance(action, SetBias):
        return f"bias set to {format_number(action.value)}"
    if before == after:
        return ""
    return describe_change(before, after)
