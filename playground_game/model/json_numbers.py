"""Numbers in JSON as JavaScript writes them: floats at full precision, and NaN and the
infinities (which JSON has no numbers for) as the strings "NaN", "Infinity" and "-Infinity".
The trainer's `--json` lines and experiment files both write them so."""

from __future__ import annotations

import math


def json_float(value: float) -> float | str:
    """`value` as JSON takes it: the float itself, or the string JavaScript would print."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value
