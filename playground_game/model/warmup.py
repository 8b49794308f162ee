"""Compile (or load from numba's cache) every kernel before the user needs it.

The first start compiles for several seconds; later starts load the cache in well under a second.
The window calls `warm_kernels` behind a loading screen so no click ever waits on the compiler.
"""

from __future__ import annotations

from collections.abc import Callable

from playground_game.model.playground import Playground, Train
from playground_game.model.settings import Settings

Progress = Callable[[float, str], None]


_STEPS: tuple[tuple[str, Callable[[Playground], object]], ...] = (
    ("training", lambda pg: pg.apply(Train(1))),
    ("heatmaps", lambda pg: pg.unit_grids()),
)


def warm_kernels(progress: Progress | None = None) -> None:
    """Run every kernel once on a tiny experiment, reporting (fraction done, what) as it goes."""
    report = progress or (lambda fraction, label: None)
    report(0.0, "data and input features")  # building a session compiles both
    pg = Playground(Settings(network_shape=(2,)))
    for k, (label, run) in enumerate(_STEPS):
        report((k + 1) / (len(_STEPS) + 1), label)
        run(pg)
    report(1.0, "ready")
