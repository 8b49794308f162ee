"""Actions: small immutable records of intent, the only way anything changes a session.

Everything a user can do (a click, a key, a lesson step, a pasted code, a command-line flag)
becomes one of these and is applied by `Playground.apply`, which validates it first (a refused
action raises `SettingsError` and changes nothing) and reports an `Outcome`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground_game.model.knobs import Effect
from playground_game.model.settings import Settings


@dataclass(frozen=True)
class Change:
    """Change settings fields, e.g. Change({"activation": "relu"})."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class Open:
    """Open an experiment from settings (a bookmark): its seed, its data, its initial weights.

    `locks` starts a new experiment with the controls it fixes (a lesson's; an empty set for the
    free playground): from then on actions that would change one are refused, and its history
    starts empty. Without `locks` the open happens inside the current experiment and its locks
    apply to it too; `undoable` (a code the user opened there) then keeps the history and adds
    a step, so Undo brings back the experiment the code replaced.
    """

    settings: Settings
    locks: frozenset[str] | None = None
    undoable: bool = False


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


@dataclass(frozen=True, eq=False)
class Restore:
    """Make the experiment exactly a saved one (an experiment file): its settings, data,
    network with its training state, random streams, epoch and per-epoch records. Undoable;
    `model/experiment_file.py` builds it from a file and checks everything first."""

    settings: Settings
    split: Any  # core.datasets.DataSplit
    network: Any  # core.network.Network
    rng: Any  # core.rng.SeededRandom: the stream as it is now
    rng_at_start: Any  # the stream before the network was drawn (what a RESTART draws from)
    epoch: int
    records: tuple[tuple[float, ...], ...]  # network.MEASURES' columns, one entry per epoch


@dataclass(frozen=True)
class Undo:
    """Go back to the settings before the last recorded change."""


@dataclass(frozen=True)
class Redo:
    """Apply again the change the last Undo took back."""


Action = (
    Change | Open | Reset | Regenerate | Train | ToggleFeature | AddLayer | RemoveLayer
    | AddNeuron | RemoveNeuron | SetWeight | SetBias | Restore | Undo | Redo
)
# Actions a person takes back with Undo (training is not one; Open starts a new history,
# unless it is an undoable code opened inside the experiment: see Playground.apply).
UNDOABLE = (Change, Regenerate, ToggleFeature, AddLayer, RemoveLayer, AddNeuron, RemoveNeuron,
            Reset, SetWeight, SetBias, Restore)


@dataclass(frozen=True)
class Outcome:
    """What an action did: the effect on the model, and the epochs it trained (with their
    (train loss, test loss) rows, for readers that do not keep the whole history)."""

    effect: Effect = Effect.NONE
    trained: int = 0
    notice: str = ""
    losses: np.ndarray | None = field(default=None, compare=False)
