"""Bookmark codes under random input: round trips for any valid Settings, and fuzzed codes that
may only ever be refused with SettingsError, leaving the current experiment as it was."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_web_case, web_case_names, web_points
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground_game.model.bookmark import encode_code, extract_code, parse_code
from playground_game.model.core.datasets import DATASETS
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knob_kinds import SEED_FORBIDDEN
from playground_game.model.knobs import (
    HIDEABLE,
    KNOB_BY_KEY,
    KNOBS,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    MAX_SEED_LENGTH,
)
from playground_game.model.playground import Open, Playground
from playground_game.model.settings import Settings, SettingsError

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


SEED_CHARS = "".join(chr(c) for c in range(33, 127) if chr(c) not in SEED_FORBIDDEN)
seeds = st.one_of(
    st.floats(0, 1, exclude_max=True).map(lambda r: f"{r:.5f}"),  # the web's own kind of seed
    st.text(st.sampled_from(SEED_CHARS), min_size=1, max_size=MAX_SEED_LENGTH),
    st.text(st.sampled_from("%41fF+-.~,/?"), min_size=1, max_size=12),  # escapes, kept verbatim
)


def _kind(key: str):
    return KNOB_BY_KEY[key].kind


def _numbers(key: str):
    kind = _kind(key)
    return st.one_of(st.sampled_from(kind.options),
                     st.floats(kind.low, kind.high, allow_nan=False))


def _wholes(key: str):
    return st.integers(int(_kind(key).low), int(_kind(key).high))


learning_rates = _numbers("learningRate")
regularization_rates = _numbers("regularizationRate")


def _in_order(keys: set[str], table: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in table if k in keys)


def _settings(**fields: object) -> Settings:
    """Settings whose number of classes is one the dataset makes (its nearest to the draw)."""
    fields["num_classes"] = DATASETS[fields["dataset"]].classes_for(fields["num_classes"])
    return Settings(**fields)


valid_settings = st.builds(
    _settings,
    activation=st.sampled_from(_kind("activation").values),
    regularization=st.sampled_from(_kind("regularization").values),
    batch_size=_wholes("batchSize"),
    dataset=st.sampled_from(_kind("dataset").values),
    num_classes=st.integers(2, 6),
    reg_dataset=st.sampled_from(_kind("regDataset").values),
    learning_rate=learning_rates,
    regularization_rate=regularization_rates,
    noise=_wholes("noise"),
    network_shape=st.lists(st.integers(1, MAX_NEURONS), max_size=MAX_HIDDEN_LAYERS).map(tuple),
    seed=seeds,
    show_test_data=st.booleans(),
    discretize=st.booleans(),
    perc_train_data=_wholes("percTrainData"),
    features=st.sets(st.sampled_from(FEATURE_KEYS)).map(lambda k: _in_order(k, FEATURE_KEYS)),
    collect_stats=st.booleans(),
    problem=st.sampled_from(_kind("problem").values),
    init_zero=st.booleans(),
    hide_text=st.booleans(),
    hidden=st.sets(st.sampled_from(HIDEABLE)).map(frozenset),
)


@FAST
@given(valid_settings, st.booleans())
def test_decode_of_encode_is_identity(s: Settings, short: bool) -> None:
    code = encode_code(s, short=short)
    parsed = parse_code(code)
    assert parsed.settings == s
    assert parsed.unknown_keys == ()
    assert "seed=" in code  # a code always carries the seed


@FAST
@given(valid_settings)
def test_short_and_full_codes_open_the_same_experiment(s: Settings) -> None:
    short, full = encode_code(s, short=True), encode_code(s, short=False)
    assert parse_code(short).settings == parse_code(full).settings
    assert len(short) <= len(full)


@FAST
@given(valid_settings)
def test_codes_survive_what_chat_apps_and_browsers_do_to_them(s: Settings) -> None:
    code = encode_code(s)
    pasted = f"  https://playground.tensorflow.org/#{code[:10]}\n{code[10:]}\r\n "
    assert parse_code(pasted).settings == s


@FAST
@given(valid_settings)
def test_the_full_code_keeps_the_web_key_order(s: Settings) -> None:
    names = [part.split("=", 1)[0] for part in encode_code(s, short=False).split("&")]
    web = [n for n in names if not n.endswith("_hide")]
    order = [k.key for k in KNOBS if k.key in web]
    assert web == order
    assert names[: len(web)] == web  # NAME_hide keys come last


def test_numbers_are_written_as_the_web_writes_them() -> None:
    code = encode_code(Settings(learning_rate=0.00001, regularization_rate=0.001), short=True)
    assert "learningRate=0.00001" in code and "regularizationRate=0.001" in code
    assert "e-" not in code


# -- fuzz ----------------------------------------------------------------------------------

_VALID_CODE = encode_code(Settings(activation="relu", network_shape=(3, 5), seed="0.12345",
                                   hidden=frozenset({"noise"})), short=False)
_JUNK = st.sampled_from(["", "=", "&", "#", "%", "%zz", "%ff", "NaN", "-1", "1e999", "1e-999",
                         "10000", ",", ",,", "true", "false", "\x00", "\ufffd", "\u0660",
                         "0x10", "1_0", "inf", "-0", ".5", "9" * 400, "\n", " ", "a=b=c"])


@st.composite
def mutated_codes(draw: st.DrawFn) -> str:
    """A valid full code with a few cuts, insertions, swaps and value replacements."""
    code = _VALID_CODE
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "value", "truncate", "bytes"]))
        at = draw(st.integers(0, len(code)))
        if kind == "cut":
            code = code[:at] + code[at + draw(st.integers(1, 12)):]
        elif kind == "insert":
            code = code[:at] + draw(st.one_of(_JUNK, st.text(max_size=8))) + code[at:]
        elif kind == "truncate":
            code = code[:at]
        elif kind == "bytes":
            raw = draw(st.binary(max_size=16))
            code = code[:at] + raw.decode("latin-1") + code[at:]
        else:
            parts = code.split("&")
            k = draw(st.integers(0, len(parts) - 1))
            name = parts[k].split("=", 1)[0]
            parts[k] = f"{name}={draw(_JUNK)}"
            code = "&".join(parts)
    return code


def _parse_or_refuse(text: str) -> None:
    try:
        parse_code(text)
    except SettingsError as exc:
        assert str(exc), "a refusal must say why"


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_random_text_is_parsed_or_refused_with_settings_error(text: str) -> None:
    _parse_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_binary_junk_is_refused_cleanly(raw: bytes) -> None:
    _parse_or_refuse(raw.decode("latin-1"))
    _parse_or_refuse(raw.decode("utf-8", errors="surrogateescape"))


@settings(max_examples=300, deadline=None)
@given(mutated_codes())
def test_mutated_codes_are_parsed_or_refused_with_settings_error(code: str) -> None:
    _parse_or_refuse(code)


@pytest.fixture(scope="module")
def session() -> Playground:
    return Playground(Settings(dataset="xor", network_shape=(3,), seed="0.777"))


def _state(pg: Playground) -> tuple:
    return (pg.settings, pg.epoch, pg.revision, pg.data.train.tobytes(),
            pg.network.weights.tobytes(), tuple(pg.train_losses), pg.history.can_undo)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_codes(), st.text(max_size=80)))
def test_a_refused_code_leaves_the_experiment_untouched(session: Playground, code: str) -> None:
    try:
        parsed = parse_code(code)
    except SettingsError:
        parsed = None
    if parsed is not None:  # accepted: it opens as a new experiment, with a history of its own
        session.apply(Open(parsed.settings))
        assert session.settings == parsed.settings and not session.history.can_undo
        return
    before = _state(session)
    with pytest.raises(SettingsError):
        session.apply(Open(parse_code(code).settings))
    assert _state(session) == before


def test_wrong_types_are_refused_with_settings_error() -> None:
    for bad in (None, 42, b"seed=1", ["seed=1"]):
        with pytest.raises(SettingsError):
            parse_code(bad)  # type: ignore[arg-type]
    with pytest.raises(SettingsError):
        extract_code(3.5)  # type: ignore[arg-type]


# -- the web's own codes ---------------------------------------------------------------------


@pytest.mark.parametrize("name", web_case_names())
def test_web_codes_decode_alike_and_encode_exactly_as_the_web(name: str) -> None:
    """Each reference run carries the short code it was started from and the full hash the
    web playground itself wrote: both open the same Settings, and our full code is the web's,
    byte for byte; our short code opens the same points and initial weights."""
    case = load_web_case(name)
    settings = parse_code(case["full_code"]).settings
    assert parse_code(case["code"]).settings == settings
    assert encode_code(settings, short=False) == case["full_code"]
    ours = Playground(parse_code(encode_code(settings)).settings)
    web = Playground(parse_code(case["full_code"]).settings)
    assert np.array_equal(ours.data.train, web.data.train)
    assert np.array_equal(ours.network.weights, web.network.weights)
    if "points" in case:
        classification = ours.settings.problem == "classification"
        assert np.array_equal(ours.data.train,
                              web_points(case["points"]["train"], classification))
