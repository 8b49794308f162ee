"""What the last frame cost, split the way `benchmarks/frame.py` reports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FrameTimes:
    """Milliseconds spent in the last frame: training, the heatmap grid, drawing."""

    train: float = 0.0
    grid: float = 0.0
    draw: float = 0.0
