"""A sweep's figures, as PNG files (matplotlib's Agg backend: no display needed).

- `loss_curves`: each grid point's test loss by epoch, the median of its seeds and a band
  holding the middle 95% of them; a run stopped early keeps its last loss.
- `boundary_sheet`: a sheet of small decision-boundary pictures for slides, a row per grid
  point and a column per seed: the network's output over [-6, 6]^2, computed and coloured as
  the window's output map is (`Playground.unit_grids`, `ui.heatmap`), with the training points.
  The runs are trained again for it: each is a pure function of its code, so these are the
  very networks the results file describes.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from playground_game.sweep.grid import Point, RunSpec, point_label
from playground_game.sweep.summary import INTERVAL

SHEET_SEEDS = 5  # columns of the boundary sheet
CELL_INCHES = 1.6


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _curves(results: list[dict[str, Any]]) -> np.ndarray:
    """(runs, epochs + 1) test losses, NaN where diverged, the last carried to the end."""
    length = max(len(r["test_losses"]) for r in results)
    rows = np.full((len(results), length), math.nan)
    for row, result in zip(rows, results, strict=True):
        losses = [math.nan if v is None else v for v in result["test_losses"]]
        row[: len(losses)] = losses
        row[len(losses):] = losses[-1]
    return rows


def _labelled(value: float) -> bool:
    """Whether a log axis labels this tick: 1, 2, 3 and 5 of each decade, no more."""
    if value <= 0:
        return False
    leading = value / 10 ** math.floor(math.log10(value))
    return any(abs(leading - digit) < 1e-6 for digit in (1, 2, 3, 5))


def loss_curves(groups: dict[Point, list[dict[str, Any]]], path: Path,
                threshold: float | None = None) -> None:
    """One panel per grid point: median test loss and the 95% band over seeds, log scale."""
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter

    plain = FuncFormatter(lambda value, _pos: f"{value:g}" if _labelled(value) else "")
    points = [p for p, results in groups.items() if results]
    columns = min(len(points), 2 if len(points) <= 4 else 3)
    rows = math.ceil(len(points) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.0 * rows), sharex=True,
                             sharey=True, squeeze=False)
    for ax, point in zip(axes.flat, points, strict=False):
        curves = _curves(groups[point])
        epochs = np.arange(curves.shape[1])
        low, high = np.nanquantile(curves, INTERVAL, axis=0)
        ax.fill_between(epochs, low, high, color="#0877bd", alpha=0.25, linewidth=0,
                        label="95% of seeds")
        ax.plot(epochs, np.nanmedian(curves, axis=0), color="#0877bd", linewidth=1.6,
                label="median")
        if threshold is not None:
            ax.axhline(threshold, color="#f59322", linestyle="--", linewidth=1,
                       label="threshold")
        ax.set_yscale("log")
        for axis in (ax.yaxis.set_major_formatter, ax.yaxis.set_minor_formatter):
            axis(plain)
        ax.set_title(f"{point_label(point)} ({curves.shape[0]} seeds)", fontsize=9)
        ax.grid(True, which="major", alpha=0.3)
    for ax in axes.flat[len(points):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("epoch")
    for ax in axes[:, 0]:
        ax.set_ylabel("test loss")
    axes.flat[0].legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _output_picture(pg: Any) -> np.ndarray:
    """(100, 100, 3) floats in [0, 1]: the output map as the window colours it, at the
    window's opacity over white."""
    from playground_game.ui import heatmap, theme

    outputs = pg.unit_grids()[-pg.n_outputs:]
    if pg.n_outputs == 1:
        rgb = heatmap.ramp_colours(outputs[0])
    else:
        rgb = np.array(heatmap.CLASS_COLOURS, dtype=np.uint8)[np.argmax(outputs, axis=0)]
    alpha = theme.HEATMAP_ALPHA / 255
    return (rgb / 255) * alpha + (1 - alpha)


def boundary_sheet(groups: dict[Point, list[RunSpec]], path: Path,
                   seeds: int = SHEET_SEEDS) -> None:
    """A row per grid point, a column for each of its first `seeds` runs."""
    from playground_game.model.core.datasets import CLASSIFICATION
    from playground_game.sweep.run import train_run
    from playground_game.ui import heatmap

    plt = _pyplot()
    points = list(groups)
    columns = min(seeds, max(len(specs) for specs in groups.values()))
    fig, axes = plt.subplots(len(points), columns, squeeze=False,
                             figsize=(CELL_INCHES * columns + 1.8, CELL_INCHES * len(points)))
    for row, point in enumerate(points):
        for column, ax in enumerate(axes[row]):
            ax.set_xticks([])
            ax.set_yticks([])
            if column >= len(groups[point]):
                ax.set_visible(False)
                continue
            spec = groups[point][column]
            pg = train_run(spec)
            ax.imshow(_output_picture(pg), extent=(-6, 6, -6, 6), interpolation="bilinear")
            regression = pg.settings.problem != CLASSIFICATION
            train = pg.data.train
            colours = np.array([heatmap.point_colour(label, regression)
                                for label in train[:, 2]], dtype=float) / 255
            ax.scatter(train[:, 0], train[:, 1], s=4, c=colours, edgecolors="#333333",
                       linewidths=0.25)
            ax.set_xlim(-6, 6)
            ax.set_ylim(-6, 6)
            loss = pg.test_loss
            ax.set_title(f"seed {spec.seed_index}: "
                         + (f"{loss:.3f}" if math.isfinite(loss) else "diverged"), fontsize=7)
        axes[row][0].set_ylabel(point_label(point).replace("&", "\n"), fontsize=7,
                                rotation=0, ha="right", va="center")
    fig.suptitle("Output after training, with the training points; above each: its seed and "
                 "final test loss", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
