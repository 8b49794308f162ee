"""Bookmark codes: the web playground's URL-hash format, both ways, from the knob table.

A code is `key=value` pairs joined by `&`, in the web's key order (`knobs.KNOBS`). We accept what a
person pastes (a bare code, a `#...` hash, a whole URL, with stray whitespace or line breaks from
chat apps) and validate every value, refusing bad ones with a `SettingsError` that names the key,
the value and what is allowed. Values are read verbatim, as the web reads its hash (it never
percent-decodes it). Unknown keys are reported back, not fatal, as the web ignores them too.

Keys the web does not know (`Knob.web` false) are written only when they differ from their
default, so a code made with the web's keys alone opens the same on the web.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.knobs import (
    HIDE_SUFFIX,
    HIDEABLE,
    KNOB_BY_KEY,
    KNOBS,
    Feature,
    Flag,
    Knob,
    hide_is_web,
)
from playground_game.model.settings import (
    Settings,
    SettingsError,
    follow_the_dataset,
    knob_values,
)

MAX_CODE_LENGTH = 4096
_KEY_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


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
            raise SettingsError(f"code: {part[:40]!r} is not a key=value pair; an experiment's "
                                "code looks like activation=relu&seed=0.5")
        if not _KEY_NAME.fullmatch(name):
            raise SettingsError(f"code: {name[:40]!r} is not a key name (letters and digits)")
        if name.endswith(HIDE_SUFFIX) and name[: -len(HIDE_SUFFIX)] in HIDEABLE:
            component = name[: -len(HIDE_SUFFIX)]
            (hidden.add if Flag().parse(name, raw) else hidden.discard)(component)
            continue
        knob = KNOB_BY_KEY.get(name)
        if knob is None:
            if name[:40] not in unknown:
                unknown.append(name[:40])
            continue
        value = knob.kind.parse(name, raw)
        if isinstance(knob.kind, Feature):
            (features.add if value else features.discard)(knob.kind.feature)
        elif knob.field is not None:
            values[knob.field] = value
    values["features"] = tuple(k for k in FEATURE_KEYS if k in features)
    values["hidden"] = frozenset(hidden)
    # A code without numClasses (written by hand) takes the classes the data can make.
    values = follow_the_dataset(base, values) if "num_classes" not in values else values
    try:
        settings = base.with_changes(**values)
    except TypeError as exc:  # a value of the wrong type reached a comparison
        raise SettingsError(f"code: {exc}") from exc
    return ParsedCode(settings, tuple(unknown))


def _written(knob: Knob, value: Any, short: bool) -> bool:
    if knob.key == "seed":
        return True
    at_default = knob.kind.write(value) == knob.kind.write(knob.default)
    if not at_default:
        return True
    return not short and knob.web and knob.always_written


def encode_code(settings: Settings, short: bool = True) -> str:
    """Settings to a code in the web's key order.

    The short form writes only keys that differ from the defaults, plus the seed; the web fills
    the rest with the same defaults, so both forms open the same experiment there. Our own keys
    appear only when they differ from their defaults, in either form.
    """
    values = knob_values(settings)
    parts = [f"{knob.key}={knob.kind.write(values[knob.key])}" for knob in KNOBS
             if _written(knob, values[knob.key], short)]
    parts.extend(f"{name}{HIDE_SUFFIX}=true" for name in HIDEABLE if name in settings.hidden)
    return "&".join(parts)


def web_only(settings: Settings) -> bool:
    """True when every key and value of the settings' code is one the web playground knows."""
    values = knob_values(settings)
    for knob in KNOBS:
        if not _written(knob, values[knob.key], short=True):
            continue
        web_values = getattr(knob.kind, "web_values", None)
        if not knob.web or (web_values is not None and values[knob.key] not in web_values):
            return False
    return all(hide_is_web(name) for name in settings.hidden)


def unknown_keys_notice(keys: tuple[str, ...]) -> str:
    """One line for the keys a code carried that this app does not know ("" when none)."""
    if not keys:
        return ""
    word = "key" if len(keys) == 1 else "keys"
    return f"Ignored unknown {word} in the code: {', '.join(keys)}"
