"""Settings validation and the bookmark parser/encoder (web hash format)."""

from __future__ import annotations

import pytest

from playground_game.model.bookmark import encode_code, extract_code, parse_code
from playground_game.model.settings import (
    Effect,
    Settings,
    SettingsError,
    effect_of,
    format_number,
)

FULL_DEFAULT = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&"
    "regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&"
    "discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&"
    "ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&"
    "problem=classification&initZero=false&hideText=false"
)


def test_full_default_example_decodes_to_defaults() -> None:
    parsed = parse_code(FULL_DEFAULT)
    assert parsed.settings == Settings(seed="0.59704")
    assert parsed.unknown_keys == ()
    assert encode_code(parsed.settings, short=False) == FULL_DEFAULT


@pytest.mark.parametrize("wrapper", ["{}", "#{}", "https://example.org/playground/#{}",
                                     "  {}\n", "\n#{}  "])
def test_pasted_forms_are_accepted(wrapper: str) -> None:
    code = "activation=relu&networkShape=3&seed=0.5"
    assert parse_code(wrapper.format(code)).settings == Settings(
        activation="relu", network_shape=(3,), seed="0.5")


def test_line_breaks_inside_a_code_from_a_chat_app() -> None:
    assert parse_code("activation=re\nlu&seed=0.1").settings.activation == "relu"


def test_missing_keys_take_defaults_and_short_code_is_short() -> None:
    s = parse_code("dataset=spiral&seed=0.5").settings
    assert s == Settings(dataset="spiral", seed="0.5")
    assert encode_code(s) == "dataset=spiral&seed=0.5"
    assert parse_code(encode_code(s, short=False)).settings == s


def test_empty_network_shape_means_no_hidden_layer() -> None:
    assert parse_code("networkShape=&seed=1").settings.network_shape == ()


def test_regularization_none_is_omitted_and_accepted() -> None:
    assert "regularization=" not in encode_code(Settings(), short=False)
    assert parse_code("regularization=none").settings.regularization == "none"
    assert "regularization=L1" in encode_code(Settings(regularization="L1"))


def test_hidden_components_round_trip() -> None:
    s = parse_code("seed=1&noise_hide=true&sinX_hide=true").settings
    assert s.hidden == frozenset({"noise", "sinX"})
    assert encode_code(s).endswith("noise_hide=true&sinX_hide=true")


def test_hidden_feature_is_removed_from_inputs() -> None:
    s = Settings(features=("x", "y", "sinX"), hidden=frozenset({"sinX"}))
    assert s.input_features == ("x", "y")


def test_unknown_keys_are_reported_not_fatal() -> None:
    parsed = parse_code("seed=1&tutorial=xor&foo=bar")
    assert parsed.unknown_keys == ("tutorial", "foo")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("batchSize=0", ["batchSize", "0", "1 to 30"]),
        ("batchSize=abc", ["batchSize", "abc"]),
        ("activation=mish", ["activation", "mish", "relu"]),
        ("learningRate=NaN", ["learningRate", "NaN"]),
        ("learningRate=1e999", ["learningRate"]),
        ("learningRate=100", ["learningRate", "100", "10"]),
        ("noise=51", ["noise", "51", "0 to 50"]),
        ("networkShape=10000", ["networkShape", "10000", "1 to 8"]),
        ("networkShape=1,1,1,1,1,1,1", ["networkShape", "6"]),
        ("percTrainData=95", ["percTrainData", "95"]),
        ("x=maybe", ["x", "maybe", "true or false"]),
        ("dataset=reg-plane", ["dataset", "reg-plane"]),
        ("problem=ranking", ["problem", "ranking"]),
        ("seed=", ["seed"]),
        ("activation", ["not a key=value"]),
        ("\x00\xff\x01=\x02", ["\\x00", "key name"]),
    ],
)
def test_bad_codes_name_key_value_and_allowed(code: str, words: list[str]) -> None:
    with pytest.raises(SettingsError) as info:
        parse_code(code)
    message = str(info.value)
    for word in words:
        assert word in message, message


def test_too_long_code_is_refused() -> None:
    with pytest.raises(SettingsError, match="too long"):
        extract_code("seed=1&" + "x=true&" * 2000)


def test_format_number_like_javascript() -> None:
    assert format_number(0.00001) == "0.00001"
    assert format_number(0.0001) == "0.0001"
    assert format_number(3.0) == "3"
    assert format_number(0.03) == "0.03"
    assert format_number(1e-7) == "1e-7"


def test_settings_validate_on_construction() -> None:
    with pytest.raises(SettingsError, match="networkShape"):
        Settings(network_shape=(0,))
    with pytest.raises(SettingsError, match="features"):
        Settings(features=("y", "x"))
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().with_changes(colour="red")


def test_effects_follow_the_original() -> None:
    base = Settings()
    assert effect_of(base, base.with_changes(learning_rate=0.1)) is Effect.NONE
    assert effect_of(base, base.with_changes(discretize=True)) is Effect.NONE
    assert effect_of(base, base.with_changes(activation="relu")) is Effect.RESET
    assert effect_of(base, base.with_changes(batch_size=3)) is Effect.RESET
    assert effect_of(base, base.with_changes(regularization_rate=0.1)) is Effect.RESET
    assert effect_of(base, base.with_changes(noise=10)) is Effect.NEW_DATA
    assert effect_of(base, base.with_changes(problem="regression")) is Effect.NEW_DATA
    # the regression dataset does not matter while classifying
    assert effect_of(base, base.with_changes(reg_dataset="reg-gauss")) is Effect.NONE
