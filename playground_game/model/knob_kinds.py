"""The kinds of value a knob takes, and the one wording of a refused value.

A `Kind` says what values are allowed, how a value is read from and written into a bookmark code,
and how a control shows it: `Choice` (one of a list of names), `Number` (a range, whole or not,
with a dropdown's options or a slider's step), `Flag`, `Shape` (hidden layer sizes), `SeedText`
and `Feature` (one input feature on or off). Numbers are written the way JavaScript writes them,
so our codes read the same on the web. A new kind of setting is one class here; a new setting of
an existing kind is one row of `knobs.KNOBS`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from playground_game.model.own_points import PointsError, decode

# A browser keeps these seed characters verbatim in location.hash (it percent-encodes space,
# " < > ` and everything beyond ASCII), and & = # would end the value: so a seed of these
# characters reads the same here and on the web.
SEED_FORBIDDEN = frozenset(' "<>`&=#')


class SettingsError(ValueError):
    """A setting, a code or an action is refused; the message says which, what and why."""


class Effect(Enum):
    """What changing a setting does to the experiment, as the original decides it."""

    NONE = 0  # takes effect at once; nothing rebuilt (learning rate, view toggles)
    RESTART = 1  # the network rebuilt from the same draws as the run's start (the lab's
    #              optimizer, initializer, loss: a fair comparison); data kept
    REDATA = 2  # the same seed's data again (your own points changed); the network kept
    RESET = 3  # new network with fresh weights from the stream; data kept
    NEW_DATA = 4  # new seed, new data, then a new network


# -- numbers as JavaScript writes them ------------------------------------------------------


def format_number(value: float) -> str:
    """Write a number the way JavaScript's String(number) does for our ranges: 0.00001, 3, 0.03."""
    if isinstance(value, int) or (
        math.isfinite(value) and value == int(value) and abs(value) < 1e21
    ):
        return str(int(value))
    text = repr(float(value))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    exp = int(exponent)
    if -7 < exp < 21:
        digits = mantissa.replace("-", "").replace(".", "")
        sign = "-" if value < 0 else ""
        if exp < 0:
            return f"{sign}0.{'0' * (-exp - 1)}{digits}".rstrip("0").rstrip(".")
        whole = digits.ljust(exp + 1, "0")
        return f"{sign}{whole[: exp + 1]}.{whole[exp + 1 :]}".rstrip("0").rstrip(".")
    return f"{mantissa}e{'+' if exp > 0 else '-'}{abs(exp)}"


def describe_range(low: float, high: float, whole: bool = True) -> str:
    """What a range allows, in the words of an error message: "a whole number from 1 to 30"."""
    kind = "a whole number" if whole else "a number"
    return f"{kind} from {format_number(low)} to {format_number(high)}"


def refuse(key: str, value: object, allowed: str) -> SettingsError:
    """The one wording of a refused value: the key, the value as given, what is allowed."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    shown = format_number(value) if is_number else repr(value)  # 100, as typed, not 100.0
    return SettingsError(f"{key}: {shown} is not allowed; expected {allowed}")


_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


# -- kinds of values ------------------------------------------------------------------------


class Kind:
    """What values a knob takes: checking one, reading and writing its text in a code."""

    def check(self, key: str, value: Any) -> None:
        raise NotImplementedError

    def parse(self, key: str, text: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> str:
        raise NotImplementedError

    def label(self, value: Any) -> str:
        """How a control shows a value."""
        return self.write(value)

    def reference(self) -> dict[str, Any]:
        """What `playground-game keys --json` says is allowed: "values" or "range"."""
        raise NotImplementedError


@dataclass(frozen=True)
class Choice(Kind):
    """One of a list of names (activation=relu)."""

    values: tuple[str, ...]
    labels: dict[str, str] | None = None
    aliases: dict[str, str] | None = None  # other spellings a code may use ("" for none)
    web_values: tuple[str, ...] | None = None  # the values the web knows, when not all

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, str) or value not in self.values:
            raise refuse(key, value, "one of " + ", ".join(self.values))

    def parse(self, key: str, text: str) -> str:
        return (self.aliases or {}).get(text, text)

    def write(self, value: Any) -> str:
        return str(value)

    def label(self, value: Any) -> str:
        return (self.labels or {}).get(value, str(value))

    def reference(self) -> dict[str, Any]:
        return {"values": list(self.values)}


@dataclass(frozen=True)
class Number(Kind):
    """A number in a range; `whole` ones are integers. `options` are a dropdown's choices and
    `step` a slider's; a code may hold any value in the range."""

    low: float
    high: float
    whole: bool = False
    step: int = 1
    options: tuple[float, ...] = ()
    unit: str = ""  # shown after the value by a control: "%"
    zero_label: str = ""  # how a control shows 0 when 0 means something ("Off")

    def allowed(self) -> str:
        return describe_range(self.low, self.high, self.whole)

    def check(self, key: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise refuse(key, value, self.allowed())
        if self.whole and not isinstance(value, int):
            raise refuse(key, value, self.allowed())
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise refuse(key, value, self.allowed())

    def parse(self, key: str, text: str) -> float | int:
        if not _NUMBER_TEXT.fullmatch(text):
            raise SettingsError(f"{key}: {text!r} is not a number; expected {self.allowed()}")
        number = float(text)
        if not math.isfinite(number):
            raise SettingsError(f"{key}: {text!r} is not a finite number; expected "
                                f"{self.allowed()}")
        if not self.whole:
            return number
        if number != int(number):
            raise SettingsError(f"{key}: {text!r} is not allowed; expected a whole number")
        return int(number)

    def write(self, value: Any) -> str:
        return format_number(value)

    def label(self, value: Any) -> str:
        if self.zero_label and value == 0:
            return self.zero_label
        return format_number(value) + self.unit

    def reference(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"range": [self.low, self.high],
                                 "type": "integer" if self.whole else "number"}
        if self.options:
            entry["options"] = [format_number(v) for v in self.options]
        return entry


@dataclass(frozen=True)
class Flag(Kind):
    """true or false."""

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, bool):
            raise refuse(key, value, "true or false")

    def parse(self, key: str, text: str) -> bool:
        if text in ("true", "false"):
            return text == "true"
        raise SettingsError(f"{key}: {text!r} is not allowed; expected true or false")

    def write(self, value: Any) -> str:
        return "true" if value else "false"

    def reference(self) -> dict[str, Any]:
        return {"values": ["true", "false"]}


@dataclass(frozen=True)
class Shape(Kind):
    """Hidden layer sizes, comma separated; empty for none (networkShape=4,2)."""

    max_layers: int
    max_units: int

    def allowed(self) -> str:
        return (f"up to {self.max_layers} layer sizes from 1 to {self.max_units}, "
                "separated by commas")

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, tuple) or len(value) > self.max_layers:
            raise refuse(key, value, f"at most {self.max_layers} hidden layers")
        unit = Number(1, self.max_units, whole=True)
        for size in value:
            unit.check(key, size)

    def parse(self, key: str, text: str) -> tuple[int, ...]:
        if text == "":
            return ()
        parts = text.split(",")
        if len(parts) > self.max_layers:
            raise SettingsError(f"{key}: {len(parts)} layers is not allowed; expected "
                                f"{self.allowed()}")
        unit = Number(1, self.max_units, whole=True)
        return tuple(unit.parse(key, part) for part in parts)

    def write(self, value: Any) -> str:
        return ",".join(str(n) for n in value)

    def reference(self) -> dict[str, Any]:
        return {"range": [1, self.max_units], "type": "comma list",
                "max_items": self.max_layers}


@dataclass(frozen=True)
class ChoiceList(Kind):
    """One of `choice`'s names per hidden layer, comma separated; empty when every layer
    follows its single-choice knob (layerActivations=relu,tanh)."""

    choice: Choice
    max_items: int

    def allowed(self) -> str:
        return (f"up to {self.max_items} of " + ", ".join(self.choice.values)
                + ", separated by commas")

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, tuple) or len(value) > self.max_items:
            raise refuse(key, value, self.allowed())
        for item in value:
            if not isinstance(item, str) or item not in self.choice.values:
                raise refuse(key, value, self.allowed())

    def parse(self, key: str, text: str) -> tuple[str, ...]:
        return () if text == "" else tuple(self.choice.parse(key, part)
                                            for part in text.split(","))

    def write(self, value: Any) -> str:
        return ",".join(value)

    def label(self, value: Any) -> str:
        return ", ".join(self.choice.label(item) for item in value) or "Same for all layers"

    def reference(self) -> dict[str, Any]:
        return {"values": list(self.choice.values), "type": "comma list",
                "max_items": self.max_items}


@dataclass(frozen=True)
class SeedText(Kind):
    """The seed: printable text a browser keeps as typed, read and written verbatim.

    The web never percent-decodes its hash, so `seed=a%41b` seeds it with the five characters
    `a%41b`; we read it the same way and write it back unchanged.
    """

    max_length: int

    def allowed(self) -> str:
        return (f"1 to {self.max_length} printable ASCII characters without spaces, "
                "& = # \" < > or `")

    def check(self, key: str, value: Any) -> None:
        ok = (isinstance(value, str) and 0 < len(value) <= self.max_length and value.isascii()
              and value.isprintable() and not SEED_FORBIDDEN.intersection(value))
        if not ok:
            raise refuse(key, value, self.allowed())

    def parse(self, key: str, text: str) -> str:
        return text

    def write(self, value: Any) -> str:
        return str(value)

    def reference(self) -> dict[str, Any]:
        return {"type": "text", "max_length": self.max_length,
                "forbidden": "".join(sorted(SEED_FORBIDDEN))}


@dataclass(frozen=True)
class PointsText(Kind):
    """Your own points, as their text in a code (own_points.py): "" for none."""

    def check(self, key: str, value: Any) -> None:
        if not isinstance(value, str):
            raise refuse(key, value, "points as a code writes them")
        try:
            decode(value)
        except PointsError as exc:
            raise SettingsError(str(exc).replace("points:", f"{key}:", 1)) from exc

    def parse(self, key: str, text: str) -> str:
        return text

    def write(self, value: Any) -> str:
        return str(value)

    def label(self, value: Any) -> str:
        return f"{len(decode(value)):,} points" if value else "none"

    def reference(self) -> dict[str, Any]:
        return {"type": "points", "format": "version 1, then URL-safe base64 of zlib-"
                "compressed columns (own_points.py)"}


@dataclass(frozen=True)
class Feature(Kind):
    """One input feature switched on or off; the features together fill `Settings.features`."""

    feature: str

    def check(self, key: str, value: Any) -> None:
        Flag().check(key, value)

    def parse(self, key: str, text: str) -> bool:
        return Flag().parse(key, text)

    def write(self, value: Any) -> str:
        return Flag().write(value)

    def reference(self) -> dict[str, Any]:
        return Flag().reference()
