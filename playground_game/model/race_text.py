"""The text of a race's `race` key: each extra contestant's differences, in one code value.

A race code is the first contestant's code plus `race=` listing contestants B, C and D, one
entry each, separated by `;`. An entry is that contestant's keys that differ from the first
contestant's, written as a code of their own (`activation=relu&learningRate=0.1`) and
percent-escaped (`activation%3Drelu%26learningRate%3D0.1`) so that its `&` and `=` never end the
outer code's value; a contestant identical to the first is `same`. The escaping is the standard
library's URL quoting, so any value a key may take survives the trip.

This module checks the text's shape only (how many entries, each a list of key=value pairs):
what the keys say is checked against the first contestant by `model/race.py`, which knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from playground_game.model.knob_kinds import Kind, SettingsError, refuse

MAX_LENGTH = 1024
FORBIDDEN = frozenset("&=# ")  # they would end the outer code's value: escaped in entries
SAME = "same"  # the entry of a contestant identical to the first
ENTRY_SEPARATOR = ";"
LETTERS = "ABCD"  # contestants are named by letter: A is the code itself, B.. its entries
_PAIR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}=[^&=]*")


def entry_text(pairs: list[tuple[str, str]]) -> str:
    """One contestant's entry from its differing (key, value) pairs."""
    if not pairs:
        return SAME
    return quote("&".join(f"{key}={value}" for key, value in pairs), safe=",")


def split_entries(text: str) -> list[list[tuple[str, str]]]:
    """The (key, value) pairs of each extra contestant, B first; raises SettingsError naming the
    contestant whose entry is not a list of key=value pairs."""
    if text == "":
        return []
    entries = []
    for index, entry in enumerate(text.split(ENTRY_SEPARATOR)):
        name = LETTERS[index + 1] if index + 1 < len(LETTERS) else f"#{index + 2}"
        if entry == SAME:
            entries.append([])
            continue
        code = unquote(entry)
        pairs = []
        for part in code.split("&"):
            if not _PAIR.fullmatch(part):
                raise SettingsError(
                    f"race: contestant {name}: {part[:40]!r} is not a key=value pair; an entry "
                    f"is a percent-escaped code (activation%3Drelu) or {SAME}")
            key, _, value = part.partition("=")
            if any(key == seen for seen, _ in pairs):
                raise SettingsError(f"race: contestant {name}: {key} is given twice")
            pairs.append((key, value))
        entries.append(pairs)
    return entries


@dataclass(frozen=True)
class RaceText(Kind):
    """The race's contestants after the first: `max_entries` entries at most, `;` between."""

    max_entries: int

    def allowed(self) -> str:
        return (f"1 to {self.max_entries} entries separated by ;, each a percent-escaped code "
                f"of the keys that differ from the first contestant's, or {SAME}")

    def check(self, key: str, value: Any) -> None:
        if (not isinstance(value, str) or len(value) > MAX_LENGTH
                or FORBIDDEN.intersection(value) or not value.isprintable()):
            raise refuse(key, value, self.allowed())
        if value and value.count(ENTRY_SEPARATOR) >= self.max_entries:
            raise SettingsError(f"{key}: {value.count(ENTRY_SEPARATOR) + 1} contestants after "
                                f"the first is too many; expected {self.allowed()}")
        split_entries(value)

    def parse(self, key: str, text: str) -> str:
        return text

    def write(self, value: Any) -> str:
        return str(value)

    def label(self, value: Any) -> str:
        count = len(split_entries(value)) + 1 if value else 1
        return f"{count} contestants" if value else "no race"

    def reference(self) -> dict[str, Any]:
        return {"type": "text", "max_length": MAX_LENGTH,
                "forbidden": "".join(sorted(FORBIDDEN)), "format": self.allowed()}
