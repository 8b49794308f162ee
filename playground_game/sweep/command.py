"""`playground-game sweep`: plan the runs, train those not done yet, summarise, draw.

    playground-game sweep --code BASE --grid "learningRate=0.01,0.03" --grid "networkShape=4,2;8,8"
        --seeds 30 --epochs 500 [--stop "test_loss<0.05"] --out results.jsonl
        [--jobs N | --scheduler tcp://HOST:8786] [--figures DIR]

Everything is checked (the extra's libraries, the base code, every grid key, value and point,
the threshold, the output file) before the first run starts; a problem exits 2 with a message
naming it. Ctrl+C stops the sweep with every finished run in the file (exit 130); running the
same command again trains only the rest, and with nothing left it prints the summary again.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from playground_game.sweep.deps import require_sweep_extra
from playground_game.sweep.grid import RunSpec, SweepError, plan_runs

PROG = "playground-game sweep"
def _results(todo: list[RunSpec], jobs: int, scheduler: str | None) -> Iterator[dict]:
    from playground_game.sweep import engines

    if scheduler:
        return engines.run_dask(todo, scheduler)
    if jobs > 1:
        return engines.run_joblib(todo, jobs)
    return engines.run_here(todo)


def _check_out(path: Path) -> None:
    if path.suffix != ".jsonl":
        raise SweepError(f"--out {str(path)!r}: expected a .jsonl file (the CSV goes beside it)")
    if path.exists() and not path.is_file():
        raise SweepError(f"--out {str(path)!r} is not a file")
    if not path.parent.is_dir():
        raise SweepError(f"--out {str(path)!r}: the folder {str(path.parent)!r} does not exist")


def execute(runs: list[RunSpec], out: Path, jobs: int = 1, scheduler: str | None = None,
            progress: bool = True) -> int:
    """Train the runs not yet in `out`, appending each result as it comes: 0 when all are in
    the file, 2 when the engine cannot start (an unreachable scheduler), 130 on Ctrl+C."""
    from tqdm import tqdm

    from playground_game.sweep.results import ResultsFile, read_results, runs_to_do

    todo = runs_to_do(runs, read_results(out))
    bar = tqdm(total=len(runs), initial=len(runs) - len(todo), unit="run", file=sys.stderr,
               disable=None if progress else True, dynamic_ncols=True)
    try:
        with ResultsFile(out) as file:
            if todo:
                for result in _results(todo, jobs, scheduler):
                    file.append(result)
                    bar.update()
    except SweepError as exc:
        bar.close()
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        bar.close()
        print(f"{PROG}: interrupted; the finished runs are in {out}: run the same command "
              "again to train the rest", file=sys.stderr)
        return 130
    bar.close()
    return 0


def _finished_runs(runs: list[RunSpec], out: Path) -> list[dict]:
    """The results file's lines that belong to these runs; the CSV rewritten from them."""
    from playground_game.sweep.results import csv_path, identity, read_results, write_csv

    planned = {run.identity for run in runs}
    mine = [r for r in read_results(out) if identity(r) in planned]
    write_csv(mine, csv_path(out))
    return mine


def report(runs: list[RunSpec], results: list[dict], figures: Path | None, stop: str) -> None:
    """Print the summary table and draw the figures."""
    from playground_game.sweep.summary import group_by_point, summarize, summary_table

    print(summary_table(summarize(runs, results), stop))
    if figures is None:
        return
    from playground_game.sweep import figures as draw
    from playground_game.sweep.stop import parse_threshold

    figures.mkdir(parents=True, exist_ok=True)
    threshold = parse_threshold(stop)
    level = threshold.value if threshold and threshold.quantity == "test_loss" else None
    draw.loss_curves(group_by_point(runs, results), figures / "loss_curves.png", level)
    by_point: dict = {}
    for run in runs:
        by_point.setdefault(run.point, []).append(run)
    draw.boundary_sheet(by_point, figures / "boundaries.png")
    print(f"figures: {figures / 'loss_curves.png'}, {figures / 'boundaries.png'}")


def run_sweep(args: argparse.Namespace) -> int:
    """The subcommand: 0 done, 2 bad arguments (nothing ran), 130 interrupted."""
    from playground_game.sweep.stop import parse_threshold

    try:
        require_sweep_extra()
        threshold = parse_threshold(args.stop)
        stop = threshold.text if threshold else ""
        _check_out(args.out)
        runs = plan_runs(args.sweep_code, args.grid, args.seeds, args.sweep_epochs, stop)
        from playground_game.sweep.results import read_results

        read_results(args.out)  # a file that is not a results file is refused now
    except (SweepError, RuntimeError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    status = execute(runs, args.out, args.jobs, args.scheduler)
    if status in (0, 130):
        results = _finished_runs(runs, args.out)  # the CSV too, after Ctrl+C as well
        if status == 0:
            report(runs, results, args.figures, stop)
    return status
