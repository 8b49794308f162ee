"""Where a sweep's runs train: this process, joblib's worker processes, or a Dask cluster.

Each engine yields results as runs finish, in whatever order; every run is a pure function of
its spec, so the results are the same for any engine and any number of workers.

numba writes a kernel into its cache when it first compiles it, and workers that compile the
same kernel at once race on those files. So the kernels every point needs are compiled here,
once, before the workers start (`warm_compile_cache`); on a cluster one worker of each host
does the same before any run is handed out (the workers of a host share its cache).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from playground_game.sweep.grid import RunSpec, SweepError
from playground_game.sweep.run import run_one

Result = dict[str, Any]
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 60


def warm_compile_cache(specs: list[RunSpec]) -> None:
    """Compile (or load) the kernels of every distinct point: one epoch of its first run."""
    from playground_game.model.bookmark import parse_code
    from playground_game.model.playground import Playground, Train

    seen = set()
    for spec in specs:
        if spec.point in seen:
            continue
        seen.add(spec.point)
        Playground(parse_code(spec.code).settings).apply(Train(1))


def run_here(specs: list[RunSpec]) -> Iterator[Result]:
    """One run after another in this process."""
    for spec in specs:
        yield run_one(spec)


def run_joblib(specs: list[RunSpec], jobs: int) -> Iterator[Result]:
    """`jobs` worker processes on this machine (joblib's loky backend), results as they come."""
    from joblib import Parallel, delayed

    warm_compile_cache(specs)
    parallel = Parallel(n_jobs=jobs, backend="loky", return_as="generator_unordered")
    yield from parallel(delayed(run_one)(spec) for spec in specs)


def _warm_codes(codes: list[str]) -> None:
    """On a Dask worker: compile (or load) the kernels of these codes' runs."""
    warm_compile_cache([RunSpec(((str(i), ""),), 0, code, 1) for i, code in enumerate(codes)])


def _one_worker_per_host(client: Any) -> list[str]:
    """The address of one worker on each host of the cluster."""
    hosts: dict[str, str] = {}
    for address, worker in client.scheduler_info()["workers"].items():
        hosts.setdefault(worker.get("host", address), address)
    return list(hosts.values())


def run_dask(specs: list[RunSpec], scheduler: str) -> Iterator[Result]:
    """The runs on a Dask distributed cluster whose scheduler listens at `scheduler`
    (tcp://HOST:8786); every worker needs this package installed. SweepError when the
    scheduler cannot be reached or has no worker within WORKER_WAIT_S."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SweepError(f"--scheduler {scheduler}: cannot reach the scheduler ({exc})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError:
            raise SweepError(f"--scheduler {scheduler}: no worker joined within "
                             f"{WORKER_WAIT_S} s; start some with dask worker "
                             f"{scheduler}") from None
        first_of_points = list({spec.point: spec.code for spec in specs}.values())
        client.run(_warm_codes, first_of_points, workers=_one_worker_per_host(client))
        futures = client.map(run_one, specs, pure=False)
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.cancel(futures)
