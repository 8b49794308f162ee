"""The sweep's plan: `--grid` options, their product, and each point's runs over the seeds.

A grid option is `KEY=V1,V2,...` where KEY is a key of a bookmark code (`playground-game keys`).
Values holding commas themselves (networkShape's `4,2`, layerActivations' `relu,tanh`) are
separated by `;` instead: `networkShape=4,2;8,8`. Each value is read by the code reader
(each knob's kind, as `bookmark.parse_code` reads it), so every key the app knows works and a
bad one is refused with the reader's own message; then each point is read by `parse_code` over
the base code, so a combination the
app refuses (three activations for two layers) is named too, before any run starts.

Each run's seed is derived from the base code's seed and the seed index, and written into the
run's code: the code alone replays the run (`playground-game train --code CODE --epochs N`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from playground_game.model.bookmark import encode_code, extract_code, parse_code
from playground_game.model.knob_kinds import ChoiceList, SettingsError, Shape
from playground_game.model.knobs import KNOB_BY_KEY, MAX_SEED_LENGTH, Knob

LIST_SEPARATOR = ";"  # between values of keys whose values hold commas
VALUE_SEPARATOR = ","  # between the values of every other key
MAX_RUNS = 1_000_000


class SweepError(ValueError):
    """A sweep's arguments are wrong; the message names the option, key or value."""


Point = tuple[tuple[str, str], ...]  # ((key, value as a code writes it), ...) in grid order


@dataclass(frozen=True)
class Axis:
    """One `--grid` option: a code key and its values, each as a code writes it."""

    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RunSpec:
    """One run: everything it depends on is its code and its epochs (and the threshold, which
    only decides when it stops); the point and seed index say where it sits in the sweep."""

    point: Point
    seed_index: int
    code: str
    epochs: int
    stop: str = ""

    @property
    def identity(self) -> tuple[str, int, str]:
        """What makes two runs the same run (a rerun skips those already in the file)."""
        return self.code, self.epochs, self.stop


def separator_for(knob: Knob) -> str:
    """`;` for keys whose values hold commas, `,` for the rest."""
    return LIST_SEPARATOR if isinstance(knob.kind, (Shape, ChoiceList)) else VALUE_SEPARATOR


def parse_axis(text: str) -> Axis:
    """Read one `--grid KEY=V1,V2` option; SweepError names what is wrong."""
    key, sep, raw_values = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise SweepError(f"--grid {text!r}: expected KEY=V1,V2,... such as "
                         "learningRate=0.01,0.03")
    knob = KNOB_BY_KEY.get(key)
    if knob is None:
        raise SweepError(f"--grid {text!r}: {key!r} is not a key of a code; "
                         "see playground-game keys")
    if knob.key == "seed":
        raise SweepError("--grid seed: the seeds come from --seeds (each derived from the "
                         "base code's seed)")
    if knob.field is None:
        raise SweepError(f"--grid {key}: the key is accepted for the web but changes nothing "
                         "here")
    separator = separator_for(knob)
    values: list[str] = []
    for raw in raw_values.split(separator):
        raw = raw.strip()
        if not raw:
            raise SweepError(f"--grid {text!r}: an empty value; separate {key}'s values "
                             f"by {separator!r}")
        try:
            value = _read_value(knob, raw)
        except SettingsError as exc:
            raise SweepError(f"--grid {key}: {exc}") from None
        if value in values:
            raise SweepError(f"--grid {key}: the value {value} is listed twice")
        values.append(value)
    return Axis(key, tuple(values))


def _read_value(knob: Knob, raw: str) -> str:
    """The value as a code writes it, read and checked by the knob's kind, as the code reader
    reads it (whether it suits the other keys is checked per point, over the base code)."""
    value = knob.kind.parse(knob.key, raw)
    knob.kind.check(knob.key, value)
    return knob.kind.write(value)


def parse_axes(texts: list[str]) -> tuple[Axis, ...]:
    """Every `--grid` option, each key at most once."""
    axes = tuple(parse_axis(text) for text in texts)
    keys = [axis.key for axis in axes]
    for key in keys:
        if keys.count(key) > 1:
            raise SweepError(f"--grid {key}: given twice; list all its values in one option")
    return axes


def grid_points(axes: tuple[Axis, ...]) -> list[Point]:
    """The product of the axes, the first axis varying slowest (one empty point for none)."""
    return [tuple(zip((a.key for a in axes), values, strict=True))
            for values in itertools.product(*(a.values for a in axes))]


def point_label(point: Point) -> str:
    """A point as code text: `learningRate=0.03&networkShape=4,2` (`base` for no grid)."""
    return "&".join(f"{key}={value}" for key, value in point) or "base"


def derive_seed(base_seed: str, index: int) -> str:
    """Seed number `index` of a sweep over `base_seed`: `BASE-INDEX`, the base cut short when
    the two would pass the seed's 64 characters."""
    suffix = f"-{index}"
    return base_seed[: MAX_SEED_LENGTH - len(suffix)] + suffix


def plan_runs(base_code: str, grid: list[str], seeds: int, epochs: int,
              stop: str = "") -> list[RunSpec]:
    """Every run of the sweep, point by point and seed by seed; SweepError before any runs
    when the base code, a grid option or a point is wrong."""
    try:
        base = extract_code(base_code)
        base_settings = parse_code(base).settings
    except SettingsError as exc:
        raise SweepError(f"--code: {exc}") from None
    points = grid_points(parse_axes(grid))
    total = len(points) * seeds
    if total > MAX_RUNS:
        raise SweepError(f"the sweep has {total} runs; at most {MAX_RUNS} are allowed")
    runs: list[RunSpec] = []
    for point in points:
        text = "&".join([base, *(f"{key}={value}" for key, value in point)])
        try:
            settings = parse_code(text).settings
        except SettingsError as exc:
            raise SweepError(f"grid point {point_label(point)}: {exc}") from None
        for index in range(seeds):
            seeded = settings.with_changes(seed=derive_seed(base_settings.seed, index))
            runs.append(RunSpec(point, index, encode_code(seeded), epochs, stop))
    return runs
