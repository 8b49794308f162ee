"""Per grid point: how often the runs reached the threshold, and how their losses spread.

The final test loss of each point is summarised by its median and the interval holding the
middle 95% of its seeds (the 2.5th and 97.5th percentiles of the seeds' values, taken without
interpolation: for 40 seeds or fewer, the lowest and the highest). A diverged run counts as an
infinite loss, so it moves the median and the interval's top, as it should.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from playground_game.sweep.grid import Point, RunSpec, point_label

INTERVAL = (0.025, 0.975)


@dataclass(frozen=True)
class PointSummary:
    """One grid point's runs, summarised."""

    label: str
    runs: int
    successes: int | None  # runs that reached the threshold (None: no threshold)
    median_loss: float
    low_loss: float
    high_loss: float
    median_epochs_to_threshold: float | None
    diverged: int

    @property
    def success_rate(self) -> float | None:
        return None if self.successes is None else self.successes / self.runs


def final_loss(result: dict[str, Any]) -> float:
    """A run's final test loss, infinite when it diverged."""
    loss = result["final_test_loss"]
    return math.inf if loss is None else float(loss)


def group_by_point(runs: list[RunSpec], results: list[dict[str, Any]]
                   ) -> dict[Point, list[dict[str, Any]]]:
    """The results of the planned runs, by point in the plan's order, by seed in each."""
    by_identity = {(r["code"], r["epochs"], r["stop"]): r for r in results}
    groups: dict[Point, list[dict[str, Any]]] = {}
    for run in runs:
        result = by_identity.get(run.identity)
        groups.setdefault(run.point, [])
        if result is not None:
            groups[run.point].append(result)
    return groups


def summarize_point(point: Point, results: list[dict[str, Any]], threshold: bool
                    ) -> PointSummary:
    losses = np.array([final_loss(r) for r in results]) if results else np.array([math.nan])
    low, high = np.quantile(losses, INTERVAL, method="inverted_cdf")
    reached = [r["epochs_to_threshold"] for r in results if r["epochs_to_threshold"] is not None]
    return PointSummary(
        label=point_label(point), runs=len(results),
        successes=len(reached) if threshold else None,
        median_loss=float(np.median(losses)), low_loss=float(low), high_loss=float(high),
        median_epochs_to_threshold=float(np.median(reached)) if reached else None,
        diverged=sum(bool(r["diverged"]) for r in results))


def summarize(runs: list[RunSpec], results: list[dict[str, Any]]) -> list[PointSummary]:
    """One summary per grid point, in the plan's order."""
    threshold = bool(runs and runs[0].stop)
    return [summarize_point(point, group, threshold)
            for point, group in group_by_point(runs, results).items()]


def _loss(value: float) -> str:
    return f"{value:.4f}" if math.isfinite(value) else "diverged"


def summary_table(summaries: list[PointSummary], threshold_text: str = "") -> str:
    """A Markdown table, one row a grid point."""
    head = ["grid point", "runs"]
    if threshold_text:
        head += [f"reached {threshold_text}", "median epochs to it"]
    head += ["median final test loss", "95% of seeds within", "diverged"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in summaries:
        cells = [f"`{s.label}`", str(s.runs)]
        if threshold_text:
            rate = s.success_rate
            cells += [f"{s.successes} ({rate:.0%})" if rate is not None else "-",
                      "-" if s.median_epochs_to_threshold is None
                      else f"{s.median_epochs_to_threshold:g}"]
        cells += [_loss(s.median_loss), f"{_loss(s.low_loss)} to {_loss(s.high_loss)}",
                  str(s.diverged)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
