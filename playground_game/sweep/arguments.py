"""The `sweep` subcommand's arguments, registered by cli.py.

Kept apart from the sweep itself: building the command line must not import numpy, numba or
the sweep's optional libraries (the window opens before any of them load).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_JOBS = 256
MAX_SEEDS = 100_000


def add_sweep_parser(commands: Any, count: Any) -> None:
    """Register the `sweep` subcommand (`count(low, high, what)` reads a whole number)."""
    sweep = commands.add_parser(
        "sweep", help="train a grid of experiments over many seeds; results to a JSONL file")
    sweep.add_argument("--code", dest="sweep_code", default="", metavar="BASE",
                       help="the base code every run starts from (its seed seeds the seeds)")
    sweep.add_argument("--grid", action="append", default=[], metavar="KEY=V1,V2",
                       help="a code key and its values, separated by ',' (by ';' for "
                            "networkShape and layerActivations); repeat for a product")
    sweep.add_argument("--seeds", type=count(1, MAX_SEEDS, "seeds"), default=1, metavar="N",
                       help="runs per grid point, each with its own seed (default 1)")
    sweep.add_argument("--epochs", dest="sweep_epochs", required=True, metavar="N",
                       type=count(0, 100_000, "epochs"), help="epochs each run trains at most")
    sweep.add_argument("--stop", default="", metavar="QUANTITY<VALUE",
                       help="success threshold that stops a run, e.g. test_loss<0.05")
    sweep.add_argument("--out", type=Path, required=True, metavar="FILE.jsonl",
                       help="results file (appended to; its runs are not trained again)")
    engine = sweep.add_mutually_exclusive_group()
    engine.add_argument("--jobs", type=count(1, MAX_JOBS, "jobs"), default=1, metavar="N",
                        help="worker processes on this machine (default 1)")
    engine.add_argument("--scheduler", metavar="tcp://HOST:8786",
                        help="run on this Dask distributed scheduler's workers")
    sweep.add_argument("--figures", type=Path, metavar="DIR",
                       help="write loss_curves.png and boundaries.png into DIR")
