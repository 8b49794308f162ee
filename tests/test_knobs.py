"""The knob table: one row per key of a code, and everything derived from it."""

from __future__ import annotations

import json

import pytest

from playground_game.cli import main
from playground_game.model.bookmark import encode_code, parse_code, web_only
from playground_game.model.knobs import (
    HIDEABLE,
    KNOB_BY_KEY,
    KNOBS,
    LOCKABLE,
    Feature,
    control_label,
)
from playground_game.model.settings import FIELDS, Settings, SettingsError


def test_every_default_is_allowed_and_is_the_settings_default() -> None:
    defaults = Settings()
    for knob in KNOBS:
        knob.kind.check(knob.key, knob.default)
        if knob.field is None:
            continue
        value = getattr(defaults, knob.field)
        if isinstance(knob.kind, Feature):
            assert (knob.kind.feature in value) == knob.default
        else:
            assert value == knob.default, knob.key


def test_every_field_comes_from_the_table() -> None:
    fields_from_knobs = {k.field for k in KNOBS if k.field is not None}
    assert set(FIELDS) == fields_from_knobs | {"hidden"}
    assert len({k.key for k in KNOBS}) == len(KNOBS)


def test_every_hide_and_lock_name_has_words() -> None:
    for name in (*HIDEABLE, *LOCKABLE):
        assert control_label(name) != name or name in KNOB_BY_KEY, name


def test_keys_json_lists_every_key_with_what_it_allows(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    listed = [e["key"] for e in entries]
    assert listed[: len(KNOBS)] == [k.key for k in KNOBS]
    assert {f"{name}_hide" for name in HIDEABLE} <= set(listed)
    for entry in entries:
        assert {"key", "default", "web"} <= set(entry)
        assert ("values" in entry) or ("range" in entry) or entry["type"] in ("text", "points")
        assert isinstance(entry["web"], bool)
    learning = next(e for e in entries if e["key"] == "learningRate")
    assert learning["range"] == [0.00001, 10.0] and learning["default"] == "0.03"
    activation = next(e for e in entries if e["key"] == "activation")
    assert activation["values"][:4] == ["relu", "tanh", "sigmoid", "linear"]
    assert activation["web_values"] == ["relu", "tanh", "sigmoid", "linear"]
    assert {"gelu", "swish", "sine"} <= set(activation["values"])


def test_keys_prints_a_table_for_people(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["KEY", "DEFAULT"]
    assert "learningRate" in out and "0.00001 to 10" in out


def test_seeds_are_read_verbatim_as_the_web_reads_them() -> None:
    # The web never percent-decodes its hash: seed=a%41b seeds it with "a%41b".
    settings = parse_code("seed=a%41b").settings
    assert settings.seed == "a%41b"
    assert encode_code(settings) == "seed=a%41b"
    assert parse_code("seed=a/b?c").settings.seed == "a/b?c"
    assert encode_code(Settings(seed="a/b")) == "seed=a/b"


@pytest.mark.parametrize("seed", ["\u00e9t\u00e9", "a<b", "a`b", 'a"b'])
def test_seeds_a_browser_would_escape_are_refused(seed: str) -> None:
    with pytest.raises(SettingsError, match="seed"):
        parse_code(f"seed={seed}")


def test_values_are_not_percent_decoded() -> None:
    with pytest.raises(SettingsError, match="activation"):
        parse_code("activation=rel%75")


def test_a_code_of_web_keys_is_web_only() -> None:
    assert web_only(parse_code("activation=relu&networkShape=3&seed=0.5").settings)
