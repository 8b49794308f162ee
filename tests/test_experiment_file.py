"""Experiment files: save, open, save again gives the same bytes; training on from an opened
file equals training on in the saved session bit for bit; every kind of bad file is refused
with a message naming what is wrong, and the session stays as it was."""

from __future__ import annotations

import json

import numpy as np
import pytest

from playground_game.model import experiment_file as ef
from playground_game.model.actions import Change, Train, Undo
from playground_game.model.bookmark import parse_code
from playground_game.model.invariants import model_problems
from playground_game.model.playground import Playground

# Adam (optimizer state), dropout (its stream), a batch that leaves samples pending, L1 (dead
# links), a schedule: every piece of training state the file must carry.
CODE = ("dataset=xor&networkShape=3,2&optimizer=adam&dropout=0.2&batchSize=7"
        "&regularization=L1&regularizationRate=0.001&lrSchedule=step&decaySteps=3&seed=0.25")


@pytest.fixture(scope="module")
def trained() -> Playground:
    pg = Playground(parse_code(CODE).settings)
    pg.apply(Train(6))
    return pg


def _state(pg: Playground) -> tuple:
    net = pg.network
    return (pg.settings, pg.epoch, pg.train_losses, pg.test_losses, pg.train_accuracies,
            pg.test_accuracies, *(getattr(net, name).tobytes() for name in (
                "weights", "biases", "dead", "acc_w", "acc_b", "pending", "opt_state",
                "drop_rng")))


def test_save_open_save_gives_the_same_bytes(trained):
    text = ef.save_text(trained)
    opened = Playground()
    opened.apply(ef.restore_from_text(text))
    assert ef.save_text(opened) == text
    assert _state(opened) == _state(trained)
    assert model_problems(opened) == []
    assert text.startswith('{\n"code":') and text.endswith("\n}\n")


def test_training_on_from_an_opened_file_equals_training_on_in_the_session(trained):
    original = trained.copy()
    opened = Playground()
    opened.apply(ef.restore_from_text(ef.save_text(original)))
    for pg in (original, opened):
        pg.apply(Train(5))
        pg.apply(Change({"optimizer": "momentum"}))  # restarts from the stream at the start
        pg.apply(Train(2))
    assert _state(opened) == _state(original)


def test_opening_is_undoable(trained):
    pg = Playground(parse_code("dataset=circle&seed=0.5").settings)
    pg.apply(Train(2))
    before = _state(pg)
    pg.apply(ef.restore_from_text(ef.save_text(trained)))
    assert pg.epoch == trained.epoch
    pg.apply(Undo())
    assert _state(pg) == before


def test_non_finite_records_round_trip():
    pg = Playground(parse_code("problem=regression&seed=0.5&networkShape=2").settings)
    pg.apply(Train(1))  # regression: accuracies are NaN
    text = ef.save_text(pg)
    assert '"NaN"' in text
    opened = Playground()
    opened.apply(ef.restore_from_text(text))
    assert ef.save_text(opened) == text


def _edited(trained: Playground, edit) -> str:
    doc = json.loads(ef.save_text(trained))
    edit(doc)
    return json.dumps(doc)


def _set(path: str, value):
    def edit(doc):
        *parents, last = path.split(".")
        for key in parents:
            doc = doc[key]
        doc[last] = value
    return edit


def _pop(path: str):
    def edit(doc):
        *parents, last = path.split(".")
        for key in parents:
            doc = doc[key]
        del doc[last]
    return edit


BAD = {
    "not JSON": (lambda t: "hello", "not a complete JSON file"),
    "a list": (lambda t: "[1, 2]", "must be a JSON object"),
    "another format": (_set("format", "lesson"), "not an experiment file"),
    "a future version": (_set("version", 2), "newer version"),
    "version as text": (_set("version", "1"), "'version' must be a whole number"),
    "a missing weight list": (_pop("network.weights"), "'network.weights' is missing"),
    "weights as text": (_set("network.weights", "0.5"), "must be a list of numbers"),
    "a bad code": (_set("code", "activation=nope"), "'code': activation"),
    "another shape": (_set("code", CODE.replace("networkShape=3,2", "networkShape=3")),
                      "'network.sizes'"),
    "another optimizer": (_set("network.optimizer", "sgd"), "'network.optimizer'"),
    "points moved": (lambda t: t.replace('"train":[[', '"train":[[1.5,1.5,1],[', 1),
                     "data does not match the settings"),
    "a broken stream": (_set("stream.s", list(range(255)) + [0]), "permutation"),
    "records too short": (_set("records.test_loss", [0.5]), "'records.test_loss' holds 1"),
    "a negative epoch": (_set("epoch", -1), "'epoch' is -1"),
    "dead as floats": (_set("network.dead", [0.5]), "'network.dead' must be a list of whole"),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_file_is_refused_naming_what_is_wrong_and_changes_nothing(trained, kind):
    make, message = BAD[kind]
    text = make(ef.save_text(trained)) if kind in ("not JSON", "a list", "points moved") \
        else _edited(trained, make)
    pg = Playground(parse_code("dataset=circle&seed=0.5").settings)
    before = _state(pg)
    with pytest.raises(ef.ExperimentFileError, match=message):
        pg.apply(ef.restore_from_text(text))
    assert _state(pg) == before


def test_truncated_files_are_refused(trained):
    text = ef.save_text(trained)
    for cut in (1, len(text) // 3, len(text) // 2, len(text) - 3):
        with pytest.raises(ef.ExperimentFileError, match="not a complete JSON file"):
            ef.restore_from_text(text[:cut])


@pytest.mark.parametrize("value", ["NaN", float("nan"), float("inf"), True, None])
def test_non_finite_or_non_numeric_weights_are_refused(trained, value):
    doc = json.loads(ef.save_text(trained))
    doc["network"]["weights"][2] = value
    with pytest.raises(ef.ExperimentFileError, match=r"'network.weights'\[2\]"):
        ef.restore_from_text(json.dumps(doc))


def test_a_blown_up_network_is_not_saved():
    pg = Playground()
    pg.network.weights[0] = np.nan
    with pytest.raises(ef.ExperimentFileError, match="blew up"):
        ef.save_text(pg)


def test_a_lesson_refuses_to_open_a_file(trained):
    from playground_game.model.actions import Open

    pg = Playground()
    pg.apply(Open(pg.settings, locks=frozenset({"activation"})))
    with pytest.raises(ef.ExperimentFileError.__mro__[1], match="leave the lesson"):
        pg.apply(ef.restore_from_text(ef.save_text(trained)))


def test_your_own_points_are_kept_and_checked():
    """Painted points live in the code (its points key): the file opens them exactly, and
    points that are not the code's are refused."""
    from playground_game.model.own_points import OwnPoints
    from playground_game.model.settings import Settings, with_own_points

    rng = np.random.default_rng(3)
    xy = rng.uniform(-5, 5, size=(2, 60))
    points = OwnPoints.make(xy[0], xy[1], (xy[0] * xy[1] > 0).astype(float), None, False)
    pg = Playground(with_own_points(Settings(), points.encode()).with_changes(
        network_shape=(3,)))
    pg.apply(Train(3))
    text = ef.save_text(pg)
    opened = Playground()
    opened.apply(ef.restore_from_text(text))
    assert _state(opened) == _state(pg) and ef.save_text(opened) == text
    doc = json.loads(text)
    doc["data"]["train"][0][2] = 1.0 - doc["data"]["train"][0][2]  # a label changed by hand
    with pytest.raises(ef.ExperimentFileError, match="data does not match the settings"):
        ef.restore_from_text(json.dumps(doc))


def test_several_classes_round_trip_and_train_on_alike():
    from playground_game.model.core.datasets import DATASETS
    from playground_game.model.settings import Settings

    three = [d.key for d in DATASETS if 3 in getattr(d, "class_counts", ())]
    if not three:
        pytest.skip("no dataset of three classes yet")
    pg = Playground(Settings().with_changes(dataset=three[0], num_classes=3,
                                            network_shape=(4,)))
    pg.apply(Train(3))
    assert pg.n_outputs == 3
    opened = Playground()
    opened.apply(ef.restore_from_text(ef.save_text(pg)))
    assert ef.save_text(opened) == ef.save_text(pg)
    for session in (pg, opened):
        session.apply(Train(3))
    assert _state(opened) == _state(pg)
