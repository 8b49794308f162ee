"""Bookmark codes: the web playground's URL-hash format, both ways.

A code is `key=value` pairs joined by `&`, in the original's key order. We accept what a person
pastes (a bare code, a `#...` hash, a whole URL, with stray whitespace or line breaks from chat
apps) and validate every value, refusing bad ones with a `SettingsError` that names the key, the
value and what is allowed. Unknown keys are reported back, not fatal, as the web ignores them too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.settings import (
    BATCH_RANGE,
    HIDEABLE,
    LEARNING_RATE_RANGE,
    MAX_HIDDEN_LAYERS,
    MAX_NEURONS,
    NOISE_RANGE,
    PERC_TRAIN_RANGE,
    REGULARIZATION_RATE_RANGE,
    Settings,
    SettingsError,
    describe_range,
    format_number,
)

MAX_CODE_LENGTH = 4096


@dataclass(frozen=True)
class Key:
    """One bookmark key: its name in the code, the Settings field it fills, and its kind."""

    name: str
    field: str | None  # None: accepted and written for the web's sake, unused here
    kind: str  # "str" | "reg" | "int" | "number" | "shape" | "bool" | "feature"


# The original's key order (REFERENCE §2). Features are stored together in Settings.features.
KEYS: tuple[Key, ...] = (
    Key("activation", "activation", "str"),
    Key("regularization", "regularization", "reg"),
    Key("batchSize", "batch_size", "int"),
    Key("dataset", "dataset", "str"),
    Key("regDataset", "reg_dataset", "str"),
    Key("learningRate", "learning_rate", "number"),
    Key("regularizationRate", "regularization_rate", "number"),
    Key("noise", "noise", "int"),
    Key("networkShape", "network_shape", "shape"),
    Key("seed", "seed", "str"),
    Key("showTestData", "show_test_data", "bool"),
    Key("discretize", "discretize", "bool"),
    Key("percTrainData", "perc_train_data", "int"),
    Key("x", "features", "feature"),
    Key("y", "features", "feature"),
    Key("xTimesY", "features", "feature"),
    Key("xSquared", "features", "feature"),
    Key("ySquared", "features", "feature"),
    Key("cosX", None, "bool"),
    Key("sinX", "features", "feature"),
    Key("cosY", None, "bool"),
    Key("sinY", "features", "feature"),
    Key("collectStats", "collect_stats", "bool"),
    Key("problem", "problem", "str"),
    Key("initZero", "init_zero", "bool"),
    Key("hideText", "hide_text", "bool"),
)
KEY_BY_NAME: dict[str, Key] = {k.name: k for k in KEYS}
HIDE_SUFFIX = "_hide"
_KEY_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class ParsedCode:
    """A decoded code: the settings, and the keys we did not know (reported once, then ignored)."""

    settings: Settings
    unknown_keys: tuple[str, ...] = ()


def extract_code(text: str) -> str:
    """The `key=value&...` part of what was pasted: after a `#`, without any whitespace."""
    if not isinstance(text, str):
        raise SettingsError(f"code: expected text, got {type(text).__name__}")
    if "#" in text:
        text = text.split("#", 1)[1]
    text = "".join(text.split())
    if len(text) > MAX_CODE_LENGTH:
        raise SettingsError(
            f"code: {len(text)} characters is too long; expected at most {MAX_CODE_LENGTH}"
        )
    return text


def _parse_bool(name: str, value: str) -> bool:
    if value == "true":
        return True
    if value == "false":
        return False
    raise SettingsError(f"{name}: {value!r} is not allowed; expected true or false")


# What each numeric key allows, for messages about text that is not a number at all.
_ALLOWED_NUMBERS = {
    "batchSize": describe_range(*BATCH_RANGE),
    "learningRate": describe_range(*LEARNING_RATE_RANGE, whole=False),
    "regularizationRate": describe_range(*REGULARIZATION_RATE_RANGE, whole=False),
    "noise": describe_range(*NOISE_RANGE),
    "percTrainData": describe_range(*PERC_TRAIN_RANGE),
    "networkShape": f"up to {MAX_HIDDEN_LAYERS} layer sizes from 1 to {MAX_NEURONS}, "
                    "separated by commas",
}


def _parse_number(name: str, value: str) -> float:
    allowed = _ALLOWED_NUMBERS.get(name, "a number")
    if not _NUMBER.fullmatch(value):
        raise SettingsError(f"{name}: {value!r} is not a number; expected {allowed}")
    number = float(value)
    if not math.isfinite(number):
        raise SettingsError(f"{name}: {value!r} is not a finite number; expected {allowed}")
    return number


def _parse_int(name: str, value: str) -> int:
    number = _parse_number(name, value)
    if number != int(number):
        raise SettingsError(f"{name}: {value!r} is not allowed; expected a whole number")
    return int(number)


def _parse_shape(name: str, value: str) -> tuple[int, ...]:
    if value == "":
        return ()
    parts = value.split(",")
    if len(parts) > MAX_HIDDEN_LAYERS:
        raise SettingsError(f"{name}: {len(parts)} layers is not allowed; expected "
                            f"{_ALLOWED_NUMBERS[name]}")
    return tuple(_parse_int(name, part) for part in parts)


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "str": lambda _name, value: value,
    "reg": lambda _name, value: "none" if value == "" else value,
    "int": _parse_int,
    "number": _parse_number,
    "shape": _parse_shape,
    "bool": _parse_bool,
    "feature": _parse_bool,
}


def parse_code(text: str, base: Settings | None = None) -> ParsedCode:
    """Decode a pasted code into validated Settings; missing keys keep `base` (the defaults).

    Raises SettingsError naming the key, the value and what is allowed; nothing else escapes.
    """
    base = base or Settings()
    code = extract_code(text)
    values: dict[str, Any] = {}
    features = set(base.features)
    hidden = set(base.hidden)
    unknown: list[str] = []
    for part in code.split("&"):
        if not part:
            continue
        name, sep, raw = part.partition("=")
        if not sep:
            raise SettingsError(f"code: {part[:40]!r} is not a key=value pair")
        if not _KEY_NAME.fullmatch(name):
            raise SettingsError(f"code: {name[:40]!r} is not a key name (letters and digits)")
        try:
            raw = unquote(raw, errors="strict")
        except UnicodeDecodeError as exc:
            raise SettingsError(f"{name[:40]}: {raw[:40]!r} is not valid text; expected "
                                "%-escapes of UTF-8") from exc
        if name.endswith(HIDE_SUFFIX) and name[: -len(HIDE_SUFFIX)] in HIDEABLE:
            component = name[: -len(HIDE_SUFFIX)]
            if _parse_bool(name, raw):
                hidden.add(component)
            else:
                hidden.discard(component)
            continue
        key = KEY_BY_NAME.get(name)
        if key is None:
            if name[:40] not in unknown:
                unknown.append(name[:40])
            continue
        value = _PARSERS[key.kind](name, raw)
        if key.kind == "feature":
            (features.add if value else features.discard)(name)
        elif key.field is not None:
            values[key.field] = value
    values["features"] = tuple(k for k in FEATURE_KEYS if k in features)
    values["hidden"] = frozenset(hidden)
    try:
        settings = base.with_changes(**values)
    except TypeError as exc:  # a value of the wrong type reached a comparison
        raise SettingsError(f"code: {exc}") from exc
    return ParsedCode(settings, tuple(unknown))


def _write(key: Key, s: Settings) -> str:
    if key.kind == "feature":
        return "true" if key.name in s.features else "false"
    if key.field is None:
        return "false"
    value = getattr(s, key.field)
    if key.kind == "bool":
        return "true" if value else "false"
    if key.kind == "shape":
        return ",".join(str(n) for n in value)
    if key.kind in ("number", "int"):
        return format_number(value)
    # Percent-escape what would not survive the trip (the web's own seeds are plain digits).
    return quote(str(value), safe="")


def encode_code(s: Settings, short: bool = True) -> str:
    """Settings to a code in the original's key order.

    The short form writes only keys that differ from the defaults, plus the seed; the web fills the
    rest with the same defaults, so both forms open the same experiment there.
    """
    defaults = Settings()
    parts = []
    for key in KEYS:
        value = _write(key, s)
        if key.name == "regularization" and value == "none":
            continue  # the original omits it when there is none
        if short and key.name != "seed" and value == _write(key, defaults):
            continue
        parts.append(f"{key.name}={value}")
    parts.extend(f"{name}{HIDE_SUFFIX}=true" for name in HIDEABLE if name in s.hidden)
    return "&".join(parts)


def unknown_keys_notice(keys: tuple[str, ...]) -> str:
    """One line for the keys a code carried that this app does not know ("" when none)."""
    if not keys:
        return ""
    word = "key" if len(keys) == 1 else "keys"
    return f"Ignored unknown {word} in the code: {', '.join(keys)}"
