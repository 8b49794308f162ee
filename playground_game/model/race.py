"""A race: 2 to 4 networks on the same data, trained in lockstep, to a finish line.

Each contestant is a `Playground` of its own, built from the first contestant's settings plus
its differences (an activation, an optimizer, a shape, feature crosses...). Keys that would
change the data (`DATA_KEYS`) are the first contestant's for all: a race compares networks, so
every contestant must see the very same points, which `Race` checks array by array.

Every contestant trains the same number of epochs per step (lockstep), through its own
`Playground.apply`, so each one trains exactly as its code would alone. Any change to a
contestant (through `Race.apply`, which refuses data changes and says why) restarts the whole
race from every contestant's first weights: a race is only fair from one start, and its code
then replays it exactly.

The finish line (`Finish`): the first to reach a test loss (ties broken by the lower loss at
that epoch), or the lowest test loss at an epoch budget; with both, whichever comes first. The
`Result` is judged from the loss histories, so it is the same however the epochs were batched,
and always at the epoch the contestants stand at, so the result's losses are the ones on screen.
A code's finish line must be one the race's controls offer (the knob table's options for
`raceTo` and `raceEpochs`): `check_finish` refuses any other, naming the key and the choices.
The whole race is one code (`code`, `Race.from_settings`): the first contestant's code plus the
`race`, `raceTo` and `raceEpochs` keys of the knob table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground_game.model.actions import (
    Action,
    AddLayer,
    AddNeuron,
    Change,
    Regenerate,
    RemoveLayer,
    RemoveNeuron,
    ToggleFeature,
)
from playground_game.model.bookmark import parse_code
from playground_game.model.core.features import FEATURE_BY_KEY
from playground_game.model.knobs import KNOB_BY_KEY, KNOBS, MAX_CONTESTANTS, Feature, Knob
from playground_game.model.playground import Open, Playground, Train
from playground_game.model.race_text import LETTERS, entry_text, split_entries
from playground_game.model.settings import Settings, SettingsError, knob_values

MIN_CONTESTANTS = 2
NAME_WORDS = 3  # differences named in a contestant's name; more are counted
CROSSES: tuple[str, ...] = ("xTimesY", "xSquared", "ySquared")  # feature crosses, one word
# Keys every contestant takes from the first: they choose or draw the data.
DATA_KEYS: tuple[str, ...] = ("dataset", "regDataset", "noise", "seed", "percTrainData",
                              "problem", "numClasses", "points")
RACE_KEYS: tuple[str, ...] = ("race", "raceTo", "raceEpochs")
DATA_FIELDS = frozenset(KNOB_BY_KEY[key].field for key in DATA_KEYS)
# Keys a contestant may set apart from the first: every other key of the table.
CONTESTANT_KNOBS: tuple[Knob, ...] = tuple(
    k for k in KNOBS if k.field is not None and k.key not in DATA_KEYS + RACE_KEYS)
SAME_DATA = ("contestants race on the same data, so the dataset, noise, seed, ratio, classes "
             "and points are the first contestant's")
_NO_RACE = {"race": "", "race_to": 0.0, "race_epochs": 0}
# The finish lines a code may ask for: the knob table's options (0 is "none").
FINISH_LOSSES: tuple[float, ...] = tuple(
    float(v) for v in KNOB_BY_KEY["raceTo"].kind.options if v)  # type: ignore[attr-defined]
FINISH_EPOCHS: tuple[int, ...] = tuple(
    int(v) for v in KNOB_BY_KEY["raceEpochs"].kind.options if v)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Finish:
    """The finish line: first to `to_loss` (test loss; 0 off), or the lowest test loss at
    `epochs` (0 off). Both off: the race runs until paused."""

    to_loss: float = 0.0
    epochs: int = 0

    @property
    def on(self) -> bool:
        return self.to_loss > 0 or self.epochs > 0

    def describe(self) -> str:
        """The finish line in words, for the race screen."""
        parts = []
        if self.to_loss > 0:
            parts.append(f"first to test loss {self.to_loss:g}")
        if self.epochs > 0:
            parts.append(f"best test loss at epoch {self.epochs:,}")
        return " or ".join(parts) if parts else "no finish line"


@dataclass(frozen=True)
class Result:
    """How a race ended: the winner (None: a tie), the epoch it ended at, why, and each
    contestant's epoch of reaching the target loss (None: did not) and test loss then."""

    winner: int | None
    epoch: int
    by_loss: bool  # True: someone reached the target loss; False: the epoch budget ran out
    reached: tuple[int | None, ...]
    losses: tuple[float, ...]


def _choices(values: tuple) -> str:
    return ", ".join(f"{v:g}" for v in values)


def check_finish(finish: Finish) -> None:
    """Refuse a code's finish line that the race's controls do not offer: a target loss above
    every contestant's first loss, or a budget of a few epochs, gives a race decided before it
    starts."""
    if finish.to_loss and finish.to_loss not in FINISH_LOSSES:
        raise SettingsError(f"raceTo: {finish.to_loss:g} is not a finish line the race offers; "
                            f"expected one of {_choices(FINISH_LOSSES)} (a test loss), or 0 "
                            "for none")
    if finish.epochs and finish.epochs not in FINISH_EPOCHS:
        raise SettingsError(f"raceEpochs: {finish.epochs:g} is not a finish line the race "
                            f"offers; expected one of {_choices(FINISH_EPOCHS)} (epochs), or 0 "
                            "for none")


def strip_race(settings: Settings) -> Settings:
    """The settings without the race keys: one contestant's own code."""
    return settings.with_changes(**_NO_RACE)


def is_race(settings: Settings) -> bool:
    """Whether a code's settings open a race (any race key set)."""
    return any(getattr(settings, name) != value for name, value in _NO_RACE.items())


def differences(first: Settings, other: Settings) -> list[tuple[str, str]]:
    """The (key, value) pairs where `other` differs from `first`, in the table's order."""
    mine, theirs = knob_values(first), knob_values(other)
    return [(k.key, k.kind.write(theirs[k.key])) for k in CONTESTANT_KNOBS
            if k.kind.write(mine[k.key]) != k.kind.write(theirs[k.key])]


def contestant_settings(first: Settings, pairs: list[tuple[str, str]], name: str) -> Settings:
    """A contestant's settings: the first's with its differing pairs; refuses unknown keys and
    keys that would change the data, naming the contestant and the key."""
    for key, _ in pairs:
        if key in DATA_KEYS:
            raise SettingsError(f"race: contestant {name} changes {key}: {SAME_DATA}")
        if key in RACE_KEYS or key.endswith("_hide"):
            raise SettingsError(f"race: contestant {name}: {key} belongs to the whole race, "
                                "not to a contestant")
        if key not in KNOB_BY_KEY:
            raise SettingsError(f"race: contestant {name}: {key!r} is not a key of a code")
    code = "&".join(f"{key}={value}" for key, value in pairs)
    try:
        return parse_code(code, base=first).settings
    except SettingsError as exc:
        raise SettingsError(f"race: contestant {name}: {exc}") from exc


def same_data(one: Playground, other: Playground) -> bool:
    """Whether two sessions train and test on exactly the same points."""
    return (np.array_equal(one.data.train, other.data.train)
            and np.array_equal(one.data.test, other.data.test))


class Race:
    """2 to 4 contestants on one data set, trained in lockstep to a finish line."""

    def __init__(self, contestants: list[Settings], finish: Finish = Finish()) -> None:
        if not MIN_CONTESTANTS <= len(contestants) <= MAX_CONTESTANTS:
            raise SettingsError(f"race: {len(contestants)} contestants; a race has "
                                f"{MIN_CONTESTANTS} to {MAX_CONTESTANTS}")
        first = strip_race(contestants[0])
        for index, settings in enumerate(contestants[1:], start=1):
            if any(getattr(settings, f) != getattr(first, f) for f in DATA_FIELDS):
                raise SettingsError(f"race: contestant {LETTERS[index]}: {SAME_DATA}")
        self.playgrounds = [Playground(strip_race(s)) for s in contestants]
        for index, playground in enumerate(self.playgrounds[1:], start=1):
            if not same_data(self.playgrounds[0], playground):  # the fields agree: never
                raise SettingsError(f"race: contestant {LETTERS[index]}: {SAME_DATA}")
        self.letters = list(range(len(contestants)))  # into LETTERS: each one's for life
        self.finish = finish
        self.result: Result | None = judge(self.playgrounds, finish, 0)
        self.revision = 0  # bumps when contestants come, go or restart (views rebuild)

    # -- codes ---------------------------------------------------------------------------

    @classmethod
    def from_settings(cls, settings: Settings) -> Race:
        """The race a code's settings describe (raises SettingsError naming the part)."""
        first = strip_race(settings)
        entries = split_entries(settings.race)
        if not entries:
            raise SettingsError("race: a race needs at least one more contestant (race=same "
                                "races the code against itself)")
        contestants = [first] + [contestant_settings(first, pairs, LETTERS[k + 1])
                                 for k, pairs in enumerate(entries)]
        finish = Finish(settings.race_to, settings.race_epochs)
        check_finish(finish)
        return cls(contestants, finish)

    def settings(self) -> Settings:
        """The whole race as one settings value: the first contestant's, with the race keys."""
        first = self.playgrounds[0].settings
        entries = [entry_text(differences(first, p.settings)) for p in self.playgrounds[1:]]
        return first.with_changes(race=";".join(entries), race_to=self.finish.to_loss,
                                  race_epochs=self.finish.epochs)

    # -- reading -------------------------------------------------------------------------

    @property
    def epoch(self) -> int:
        return self.playgrounds[0].epoch

    @property
    def finished(self) -> bool:
        return self.result is not None

    def letter(self, index: int) -> str:
        """The contestant's letter: given when it joins, kept until it leaves (a removal
        re-letters nobody, so each keeps its colour too)."""
        return LETTERS[self.letters[index]]

    def names(self) -> list[str]:
        """Each contestant's name from what sets it apart: "A: ReLU", "B: Tanh", "C: same as
        A"; the first by where the second differs from it, the others by where they differ
        from the first."""
        values = [knob_values(p.settings) for p in self.playgrounds]

        def apart(index: int, other: int) -> list[Knob]:
            return [k for k in CONTESTANT_KNOBS if k.kind.write(values[index][k.key])
                    != k.kind.write(values[other][k.key])]

        names = []
        for index, value in enumerate(values):
            letter = self.letter(index)
            words = _words(apart(index, 1 if index == 0 else 0), value,
                           self.playgrounds[index].settings)
            if not words:
                twin = next((k for k in range(len(values)) if k != index
                             and not apart(index, k)), None)
                names.append(f"{letter}: same as {self.letter(twin)}" if twin is not None
                             else letter)
                continue
            if len(words) > NAME_WORDS:
                more = len(words) - NAME_WORDS
                words = [*words[:NAME_WORDS],
                         f"and {more} more change{'s' if more > 1 else ''}"]
            names.append(f"{letter}: {', '.join(words)}")
        return names

    # -- changing ------------------------------------------------------------------------

    def apply(self, index: int, action: Action) -> None:
        """A change to one contestant through its own `Playground.apply`, then a restart of
        the race. Raises SettingsError (nothing changed) for a refused change."""
        _refuse_in_race(action)
        playground = self.playgrounds[index]
        before = playground.settings
        playground.apply(action)
        if not same_data(self.playgrounds[0], playground):  # a guard; _refuse_in_race sees to it
            playground.apply(Open(before))
            raise SettingsError(f"That cannot change for one contestant: {SAME_DATA}.")
        self.restart()

    def add(self, copy_of: int) -> int:
        """A new contestant, a copy of contestant `copy_of`; returns its index."""
        if len(self.playgrounds) >= MAX_CONTESTANTS:
            raise SettingsError(f"A race has at most {MAX_CONTESTANTS} contestants: remove one "
                                "(Delete) to add another.")
        self.playgrounds.append(Playground(self.playgrounds[copy_of].settings))
        self.letters.append(min(set(range(MAX_CONTESTANTS)) - set(self.letters)))
        self.restart()
        return len(self.playgrounds) - 1

    def remove(self, index: int) -> None:
        if len(self.playgrounds) <= MIN_CONTESTANTS:
            raise SettingsError(f"A race needs at least {MIN_CONTESTANTS} contestants: add "
                                "one (A) before removing this one, or leave the race (Esc).")
        del self.playgrounds[index]
        del self.letters[index]
        self.restart()

    def set_finish(self, finish: Finish) -> bool:
        """A new finish line; the race goes on from where it is. A line already behind it
        (a budget of 100 epochs at epoch 300) restarts the race, so that the result is judged
        where the contestants stand; returns whether it restarted."""
        self.finish = finish
        result = judge(self.playgrounds, finish, self.epoch)
        if result is not None and result.epoch < self.epoch:
            self.restart()
            return True
        self.result = result
        self.revision += 1
        return False

    def restart(self) -> None:
        """Every contestant back to epoch 0 and its first weights (its code's)."""
        for playground in self.playgrounds:
            playground.apply(Open(playground.settings))
        self.result = judge(self.playgrounds, self.finish, 0)
        self.revision += 1

    def regenerate(self) -> None:
        """New data for all: the first contestant's next seed, then every one from it."""
        first = self.playgrounds[0]
        first.apply(Regenerate())
        new_seed = first.settings.seed
        for playground in self.playgrounds:
            playground.apply(Open(playground.settings.with_changes(seed=new_seed)))
        self.result = judge(self.playgrounds, self.finish, 0)
        self.revision += 1

    def step(self, epochs: int) -> int:
        """Train every contestant `epochs` epochs in lockstep (fewer where the finish line
        comes first); returns the epochs trained. Nothing after the finish."""
        if self.finished or epochs <= 0:
            return 0
        if self.finish.epochs:
            epochs = min(epochs, self.finish.epochs - self.epoch)
        if self.finish.to_loss > 0:  # an epoch at a time: all stop where the first arrives
            trained = 0
            while trained < epochs and not self.finished:
                self._train(1)
                trained += 1
            return trained
        self._train(epochs)
        return epochs

    def _train(self, epochs: int) -> None:
        for playground in self.playgrounds:
            playground.apply(Train(epochs))
        self.result = judge(self.playgrounds, self.finish, self.epoch)


CONTESTANT_ACTIONS = (ToggleFeature, AddLayer, RemoveLayer, AddNeuron, RemoveNeuron)


def _refuse_in_race(action: Action) -> None:
    """Raise for an action a contestant may not take in a race, saying why."""
    if isinstance(action, Change):
        data = [k.label for k in KNOBS if k.field in DATA_FIELDS & action.fields.keys()]
        if data:
            words = ", ".join(data)
            raise SettingsError(f"{words[:1].upper()}{words[1:]} cannot change for one "
                                f"contestant: {SAME_DATA} (G gives everyone new points).")
        if {"race", "race_to", "race_epochs"} & action.fields.keys():
            raise SettingsError("The finish line belongs to the whole race: E or the Finish "
                                "button sets it.")
        return
    if isinstance(action, CONTESTANT_ACTIONS):
        return
    if type(action).__name__ in ("SetWeight", "SetBias"):
        raise SettingsError("A race starts from its code's weights: weights and biases "
                            "cannot be typed in a race (leave the race to edit them).")
    raise SettingsError(f"{type(action).__name__} is not a change of one contestant in a race.")


def judge(playgrounds: list[Playground], finish: Finish, epoch: int) -> Result | None:
    """The result at `epoch` from the loss histories (None: the race goes on)."""
    if finish.to_loss > 0:
        reached = tuple(_first_at_most(p.test_losses, finish.to_loss, epoch)
                        for p in playgrounds)
        arrivals = [e for e in reached if e is not None]
        if arrivals and (not finish.epochs or min(arrivals) <= finish.epochs):
            at = min(arrivals)
            losses = tuple(p.test_losses[at] for p in playgrounds)
            first = [k for k, e in enumerate(reached) if e == at]
            return Result(_lowest(first, losses), at, True, reached, losses)
    if finish.epochs and epoch >= finish.epochs:
        at = finish.epochs
        losses = tuple(p.test_losses[at] for p in playgrounds)
        reached = tuple(_first_at_most(p.test_losses, finish.to_loss, at)
                        if finish.to_loss > 0 else None for p in playgrounds)
        return Result(_lowest(range(len(playgrounds)), losses), at, False, reached, losses)
    return None


def _first_at_most(losses: list[float], target: float, last: int) -> int | None:
    """The first epoch (up to `last`) whose test loss is at most `target`."""
    for epoch, loss in enumerate(losses[: last + 1]):
        if loss <= target:
            return epoch
    return None


def _lowest(candidates, losses: tuple[float, ...]) -> int | None:
    """The candidate with the strictly lowest finite loss; None for a tie (or no finite one)."""
    finite = [(losses[k], k) for k in candidates if math.isfinite(losses[k])]
    if not finite:
        return None
    best = min(loss for loss, _ in finite)
    winners = [k for loss, k in finite if loss == best]
    return winners[0] if len(winners) == 1 else None


def _words(knobs: list[Knob], value: dict[str, object], settings: Settings) -> list[str]:
    """The words naming a contestant's differing settings: the three feature crosses
    together as one word, and activations chosen per layer as the layers' list."""
    keys = {k.key for k in knobs}
    crosses = keys >= set(CROSSES)
    per_layer = bool(keys & {"activation", "layerActivations"}) and settings.layer_activations
    words = []
    for knob in knobs:
        if crosses and knob.key in CROSSES:
            continue
        if per_layer and knob.key in ("activation", "layerActivations"):
            if knob.key == "activation" or "activation" not in keys:
                words.append("/".join(KNOB_BY_KEY["activation"].value_label(a)
                                      for a in settings.layer_activations))
            continue
        words.append(_describe(knob, value[knob.key]))
    if crosses:
        words.append(("+" if value[CROSSES[0]] else "\u2212") + "crosses")
    return words


def _describe(knob: Knob, value: object) -> str:
    """One differing setting in a contestant's name: "ReLU", "+X₁²", "lr 0.1"."""
    if isinstance(knob.kind, Feature):
        return ("+" if value else "\u2212") + FEATURE_BY_KEY[knob.kind.feature].label
    if knob.key in ("activation", "optimizer", "initializer", "loss", "regularization"):
        return knob.value_label(value)
    short = {"learningRate": "lr", "networkShape": "layers", "regularizationRate": "L rate",
             "batchSize": "batch"}.get(knob.key, knob.label)
    return f"{short} {knob.value_label(value) or 'none'}"
