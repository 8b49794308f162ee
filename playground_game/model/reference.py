"""The code format's public reference, derived from the knob table.

`playground-game keys` prints it for people and `playground-game keys --json` as a JSON list of
objects: `key`, `default` (as a code writes it), `values` (the allowed values) or `range`
(`[min, max]`), `web` (whether the web playground knows the key), and `label`. A component a
teacher can hide appears as `NAME_hide`.
"""

from __future__ import annotations

from typing import Any

from playground_game.model.knob_kinds import format_number
from playground_game.model.knobs import HIDE_SUFFIX, HIDEABLE, KNOBS, hide_is_web, hide_label


def key_reference() -> list[dict[str, Any]]:
    """Every key a code may carry, in the order a code writes them."""
    entries: list[dict[str, Any]] = []
    for knob in KNOBS:
        entry: dict[str, Any] = {"key": knob.key, "default": knob.kind.write(knob.default)}
        entry.update(knob.kind.reference())
        entry["web"] = knob.web
        web_values = getattr(knob.kind, "web_values", None)
        if web_values is not None:
            entry["web_values"] = list(web_values)
        entry["label"] = knob.label or "unused (accepted and written for the web playground)"
        entries.append(entry)
    for name in HIDEABLE:
        entries.append({"key": f"{name}{HIDE_SUFFIX}", "default": "false",
                        "values": ["true", "false"], "web": hide_is_web(name),
                        "label": f"hide: {hide_label(name)}"})
    return entries


def _allowed(entry: dict[str, Any]) -> str:
    if "values" in entry:
        return ", ".join(entry["values"])
    low, high = entry.get("range", ("", ""))
    kind = entry.get("type", "")
    if kind == "text":
        return f"text, at most {entry['max_length']} characters, none of {entry['forbidden']}"
    if kind == "points":
        return f"points: {entry['format']}"
    if kind == "comma list":
        return f"up to {entry['max_items']} numbers from {low} to {high}, comma separated"
    return f"{kind} from {format_number(low)} to {format_number(high)}"


def key_table() -> str:
    """The reference as aligned text columns: key, default, allowed, web, label."""
    rows = [("KEY", "DEFAULT", "ALLOWED", "WEB", "WHAT")]
    for entry in key_reference():
        rows.append((entry["key"], entry["default"] or '""', _allowed(entry),
                     "yes" if entry["web"] else "no", entry["label"]))
    widths = [max(len(row[k]) for row in rows) for k in range(4)]
    return "\n".join("  ".join(cell.ljust(widths[k]) if k < 4 else cell
                               for k, cell in enumerate(row)).rstrip() for row in rows)
