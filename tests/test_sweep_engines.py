"""The same sweep on every engine gives the same results: one process, two joblib worker
processes, and a real Dask cluster of two worker processes started here."""

from __future__ import annotations

from pathlib import Path

from playground_game.sweep.command import execute
from playground_game.sweep.grid import plan_runs

GRID = ["learningRate=0.03,0.3", "networkShape=3;2,2"]


def _lines(path: Path) -> list[str]:
    return sorted(path.read_text().splitlines())


def test_one_job_two_jobs_and_dask_give_identical_results(tmp_path: Path) -> None:
    from distributed import LocalCluster

    runs = plan_runs("dataset=xor&seed=0.5", GRID, 3, 30, "test_loss<0.3")
    assert execute(runs, tmp_path / "one.jsonl", jobs=1, progress=False) == 0
    assert execute(runs, tmp_path / "two.jsonl", jobs=2, progress=False) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        assert execute(runs, tmp_path / "dask.jsonl", scheduler=cluster.scheduler_address,
                       progress=False) == 0
    one = _lines(tmp_path / "one.jsonl")
    assert len(one) == 12 and len(set(one)) == 12
    assert _lines(tmp_path / "two.jsonl") == one
    assert _lines(tmp_path / "dask.jsonl") == one
