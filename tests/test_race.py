"""The race model: same data, lockstep, finish rules and ties, one code for the whole race."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground_game.model.bookmark import encode_code, parse_code
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knobs import KNOBS
from playground_game.model.playground import (
    AddLayer,
    Change,
    Playground,
    Regenerate,
    SetWeight,
    ToggleFeature,
    Train,
)
from playground_game.model.race import (
    DATA_KEYS,
    Finish,
    Race,
    contestant_settings,
    differences,
    is_race,
    judge,
    same_data,
    strip_race,
)
from playground_game.model.race_text import entry_text, split_entries
from playground_game.model.settings import Effect, Settings, SettingsError

BASE = "dataset=xor&networkShape=3&seed=0.25"
TWO = BASE + "&race=activation%3Drelu"


def race_of(code: str) -> Race:
    return Race.from_settings(parse_code(code).settings)


def raced_to(code: str, finish: Finish) -> Race:
    """A race with a finish line no code may ask for (a few epochs keep the tests fast)."""
    return Race([p.settings for p in race_of(code).playgrounds], finish)


def test_a_code_without_race_keys_is_no_race_and_one_with_them_is() -> None:
    assert not is_race(parse_code(BASE).settings)
    assert is_race(parse_code(TWO).settings)
    race = race_of(TWO)
    assert len(race.playgrounds) == 2
    assert race.playgrounds[1].settings.activation == "relu"
    assert not is_race(race.playgrounds[0].settings)  # contestants carry no race keys
    assert race.names() == ["A: Tanh", "B: ReLU"]
    crossed = race_of(BASE + "&race=xTimesY%3Dtrue%26xSquared%3Dtrue%26ySquared%3Dtrue"
                      "%26activation%3Drelu%26learningRate%3D0.1%26optimizer%3Dadam")
    assert crossed.names()[1] == "B: ReLU, lr 0.1, Adam, and 1 more change"
    assert race_of(BASE + "&race=xTimesY%3Dtrue%26xSquared%3Dtrue%26ySquared%3Dtrue"
                   ).names() == ["A: \u2212crosses", "B: +crosses"]


def test_every_contestant_trains_on_the_same_points() -> None:
    race = race_of(BASE + "&race=networkShape%3D2,2;xTimesY%3Dtrue")
    first = race.playgrounds[0]
    for other in race.playgrounds[1:]:
        assert np.array_equal(first.data.train, other.data.train)
        assert np.array_equal(first.data.test, other.data.test)
        assert same_data(first, other)


def test_a_contestant_trains_bit_for_bit_as_its_code_alone() -> None:
    race = race_of(TWO)
    for _ in range(7):
        race.step(3)
    assert race.epoch == 21
    for contestant in race.playgrounds:
        alone = Playground(contestant.settings)
        alone.apply(Train(21))
        assert contestant.test_losses == alone.test_losses
        assert contestant.train_losses == alone.train_losses
        assert np.array_equal(contestant.network.weights, alone.network.weights)


def test_lockstep_stops_exactly_at_the_epoch_budget() -> None:
    race = raced_to(TWO, Finish(epochs=10))
    assert race.step(7) == 7 and race.step(7) == 3 and race.step(7) == 0
    assert [p.epoch for p in race.playgrounds] == [10, 10]
    result = race.result
    assert result is not None and not result.by_loss and result.epoch == 10
    losses = [p.test_losses[10] for p in race.playgrounds]
    assert result.losses == tuple(losses)
    assert result.winner == int(np.argmin(losses))


def test_first_to_the_loss_wins_and_everyone_stops_there() -> None:
    race = race_of(TWO + "&raceTo=0.2&raceEpochs=2000")
    while not race.finished:
        race.step(25)
    result = race.result
    assert result is not None and result.by_loss
    assert [p.epoch for p in race.playgrounds] == [result.epoch] * 2
    winner = race.playgrounds[result.winner]
    assert winner.test_losses[result.epoch] <= 0.2
    assert all(loss > 0.2 for loss in winner.test_losses[: result.epoch])
    assert result.reached[result.winner] == result.epoch


def test_ties_go_to_the_lower_loss_at_that_epoch_and_identical_runs_tie() -> None:
    same = raced_to(BASE + "&race=same", Finish(epochs=5))
    same.step(5)
    assert same.result is not None and same.result.winner is None  # identical: a tie

    class Fake:
        def __init__(self, losses: list[float]) -> None:
            self.test_losses = losses

    both = [Fake([1.0, 0.5, 0.05]), Fake([1.0, 0.6, 0.02])]
    result = judge(both, Finish(to_loss=0.1), 2)  # both arrive at epoch 2: B is lower
    assert result is not None and result.winner == 1 and result.reached == (2, 2)
    assert judge(both, Finish(to_loss=0.01), 2) is None


def test_a_change_restarts_the_race_from_the_codes_weights() -> None:
    race = race_of(TWO)
    start = race.playgrounds[0].network.weights.copy()
    race.step(5)
    race.apply(1, Change({"learning_rate": 0.1}))
    assert [p.epoch for p in race.playgrounds] == [0, 0]
    assert np.array_equal(race.playgrounds[0].network.weights, start)
    race.apply(1, AddLayer())
    race.apply(0, ToggleFeature("xTimesY"))
    assert race.playgrounds[1].settings.network_shape == (3, 2)
    assert same_data(race.playgrounds[0], race.playgrounds[1])


@pytest.mark.parametrize("action, words", [
    (Change({"noise": 10}), "same data"),
    (Change({"seed": "0.7"}), "same data"),
    (Change({"perc_train_data": 70}), "same data"),
    (Regenerate(), "not a change of one contestant"),
    (SetWeight(1, 0, 0, 0.5), "cannot be typed"),
])
def test_changes_that_would_part_the_data_are_refused_with_why(action, words) -> None:
    race = race_of(TWO)
    before = [p.settings for p in race.playgrounds]
    with pytest.raises(SettingsError, match=words):
        race.apply(1, action)
    assert [p.settings for p in race.playgrounds] == before


def test_regenerate_gives_everyone_the_same_new_points() -> None:
    race = race_of(TWO)
    old = race.playgrounds[0].data.train.copy()
    race.regenerate()
    assert not np.array_equal(race.playgrounds[0].data.train, old)
    assert same_data(race.playgrounds[0], race.playgrounds[1])
    assert race.playgrounds[0].settings.seed == race.playgrounds[1].settings.seed


def test_add_and_remove_keep_two_to_four() -> None:
    race = race_of(TWO)
    race.add(1)
    race.add(0)
    with pytest.raises(SettingsError, match="at most 4"):
        race.add(0)
    race.remove(3)
    race.remove(2)
    with pytest.raises(SettingsError, match="at least 2"):
        race.remove(1)


def test_the_race_code_round_trips() -> None:
    code = BASE + ("&race=activation%3Drelu;learningRate%3D0.1%26optimizer%3Dadam;same"
                   "&raceTo=0.05&raceEpochs=500")
    race = race_of(code)
    again = race_of(encode_code(race.settings()))
    assert [p.settings for p in again.playgrounds] == [p.settings for p in race.playgrounds]
    assert again.finish == Finish(0.05, 500)


def test_the_data_keys_are_every_key_that_changes_the_data() -> None:
    base = Settings()
    for problem in ("classification", "regression"):
        old = base.with_changes(problem=problem)
        for knob in KNOBS:
            if knob.effect(old, old) in (Effect.NEW_DATA, Effect.REDATA) and knob.field:
                assert knob.key in DATA_KEYS, knob.key


@pytest.mark.parametrize("code, words", [
    (BASE + "&race=noise%3D10", "contestant B changes noise"),
    (BASE + "&race=same;seed%3D0.3", "contestant C changes seed"),
    (BASE + "&race=activation%3Dnope", "contestant B: activation: 'nope'"),
    (BASE + "&race=nokey%3D1", "contestant B: 'nokey' is not a key"),
    (BASE + "&race=activation", "contestant B: 'activation' is not a key=value"),
    (BASE + "&race=same;same;same;same", "too many"),
    (BASE + "&race=race%3Dsame", "belongs to the whole race"),
    (BASE + "&raceTo=0.1", "at least one more contestant"),
    (BASE + "&race=same&raceTo=-1", "raceTo"),
    (BASE + "&race=same&raceEpochs=1.5", "raceEpochs"),
    (BASE + "&race=same&raceTo=5", "raceTo: 5 is not a finish line the race offers; "
     "expected one of 0.2, 0.1, 0.05, 0.02, 0.01"),
    (BASE + "&race=same&raceEpochs=7", "raceEpochs: 7 is not a finish line the race offers; "
     "expected one of 100, 200, 500, 1000, 2000"),
])
def test_bad_race_codes_name_the_part(code: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        race_of(code)


entries = st.lists(st.fixed_dictionaries({}, optional={
    "activation": st.sampled_from(["relu", "tanh", "sigmoid", "gelu"]),
    "learningRate": st.sampled_from([0.001, 0.03, 0.1]),
    "networkShape": st.lists(st.integers(1, 4), max_size=3).map(tuple),
    "optimizer": st.sampled_from(["sgd", "adam", "momentum"]),
    "xTimesY": st.booleans(),
}), min_size=1, max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries, st.sampled_from([0.0, 0.05]), st.sampled_from([0, 300]))
def test_any_race_round_trips_through_its_code(changes, to_loss, epochs) -> None:
    first = parse_code(BASE).settings
    fields = {"activation": "activation", "learningRate": "learning_rate",
              "networkShape": "network_shape", "optimizer": "optimizer"}
    contestants = [first]
    for change in changes:
        s = first
        for key, value in change.items():
            if key == "xTimesY":
                features = set(s.features) ^ ({"xTimesY"} if value else set())
                s = s.with_changes(features=tuple(k for k in FEATURE_KEYS if k in features))
            else:
                s = s.with_changes(**{fields[key]: value})
        contestants.append(s)
    whole = strip_race(first).with_changes(race="", race_to=to_loss, race_epochs=epochs)
    whole = whole.with_changes(race=";".join(entry_text(differences(first, s))
                                             for s in contestants[1:]))
    code = encode_code(whole)
    parsed = parse_code(code).settings
    assert parsed == whole
    back = [contestant_settings(first, pairs, "B") for pairs in split_entries(parsed.race)]
    assert back == contestants[1:]


def test_the_result_is_judged_where_the_contestants_stand() -> None:
    """The banner's losses are the screen's: a finish line already behind the race restarts
    it rather than judging an epoch the maps no longer show."""
    race = raced_to(TWO, Finish(epochs=30))
    race.step(20)
    assert race.set_finish(Finish(epochs=10)) is True  # behind: the race starts again
    assert race.epoch == 0 and race.result is None
    race.step(50)
    result = race.result
    assert result is not None and result.epoch == race.epoch == 10
    assert result.losses == tuple(p.test_loss for p in race.playgrounds)
    assert race.set_finish(Finish(epochs=30)) is False and race.epoch == 10  # ahead: goes on


def test_names_say_what_sets_each_apart_and_letters_last_a_lifetime() -> None:
    race = race_of(BASE + "&race=same;activation%3Drelu;same")
    assert race.names() == ["A: same as B", "B: same as A", "C: ReLU", "D: same as A"]
    race.remove(1)  # B goes: C and D keep their letters (and so their colours)
    assert race.letters == [0, 2, 3] and race.names()[1:] == ["C: ReLU", "D: same as A"]
    race.add(1)  # a newcomer takes the free letter
    assert race.letter(3) == "B" and race.names()[3] == "B: ReLU"
    race.apply(1, Change({"layer_activations": ("sigmoid",)}))  # C's one layer, per layer
    assert race.names()[1] == "C: Sigmoid"
