"""The window's background warm-up of the training lab's kernels: what it compiles, and that it
runs apart from the window at the lowest priority and stops with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from playground_game.model import warmup
from playground_game.model.bookmark import parse_code
from playground_game.model.core import kernels
from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.objectives import for_problem
from playground_game.model.core.optimizers import OPTIMIZERS


def _lab_paths(code: str) -> int:
    """The lab's paths a code's network runs (Network.lab_paths' rule, read off the settings
    without building a session, which would compile them here)."""
    s = parse_code(f"{code}&networkShape=2&seed=warm-up").settings
    activations = s.layer_activations or (s.activation,)
    objective = for_problem(s.problem, s.loss, s.classes)
    return ((kernels.ACT if not all(ACTIVATIONS[a].web for a in activations) else 0)
            | (kernels.OPT if not OPTIMIZERS[s.optimizer].web else 0)
            | (kernels.DROP if s.dropout > 0 else 0)
            | (kernels.OUT if not objective.web else 0)
            | (kernels.ONE if s.batch_size == 1 and s.dropout == 0 else 0))


def test_each_path_alone_is_warmed_first_and_every_code_needs_a_set_of_its_own() -> None:
    sets = [_lab_paths(code) for code in warmup.LAB_WARM_UPS]
    assert sorted(sets[:5]) == sorted([kernels.ONE, kernels.ACT, kernels.OPT, kernels.DROP,
                                       kernels.OUT])
    assert len(set(sets)) == len(sets) and 0 not in sets


@pytest.mark.lab_warm_up
def test_the_warm_up_process_runs_at_the_lowest_priority_and_stops_at_exit(monkeypatch) -> None:
    started: list[tuple[list[str], dict]] = []

    class FakeProcess:
        def __init__(self, args: list[str], **options: object) -> None:
            started.append((args, options))
            self.terminated = False

        def poll(self) -> None:
            return None

        def terminate(self) -> None:
            self.terminated = True

        def wait(self, timeout: float) -> int:
            return 0

    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    stops = []
    monkeypatch.setattr(warmup.atexit, "register", stops.append)
    process = warmup.start_lab_warm_up()
    args, options = started[0]
    assert args[-4:] == [sys.executable, "-m", "playground_game.model.warmup", "--lab"]
    launcher = args[:-4]  # the lowest priority: `nice -n 19`, else set in the child
    assert (launcher[1:] == ["-n", "19"] and Path(launcher[0]).name == "nice"
            and not options.get("preexec_fn")) or (
        not launcher and ("preexec_fn" in options or "creationflags" in options))
    warmup._stop_at_exit(process)
    stops[0]()
    assert process.terminated
    if sys.platform != "win32":  # without a `nice` command the child lowers its own priority
        monkeypatch.setattr(warmup.shutil, "which", lambda name: None)
        warmup.start_lab_warm_up()
        args, options = started[1]
        assert args[0] == sys.executable and "preexec_fn" in options
