"""Work on a second thread (many epochs' losses; one epoch's beside the heatmaps): the same
numbers as one thread."""

from __future__ import annotations

from concurrent.futures import Future
from types import SimpleNamespace

import numpy as np
import pytest

import playground_game.model.core.network as network_module
from playground_game.model.bookmark import parse_code
from playground_game.model.core import atomics, kernels, second_core
from playground_game.model.core.second_slot import (
    CELLS,
    CLAIMED,
    DONE,
    POSTED,
    SPLIT,
    STOP,
    measured,
)
from playground_game.model.playground import Playground, Train

needs_second_core = pytest.mark.skipif(
    second_core.pool() is None, reason="a single core: the losses are measured on one thread")

SPIRAL = ("dataset=spiral&x=true&y=true&xSquared=true&sinX=true&networkShape=6,4"
          "&regularization=L1&regularizationRate=0.003&batchSize=7&seed=pipe")


@pytest.mark.parametrize("code", [
    SPIRAL,
    SPIRAL + "&optimizer=adam&dropout=0.2&activation=swish",  # the lab's kernels
    "problem=regression&regDataset=reg-gauss&networkShape=5&batchSize=1&seed=r",
])
@needs_second_core
def test_pipelined_losses_match_one_thread(code: str, monkeypatch) -> None:
    settings = parse_code(code).settings
    pipelined, serial = Playground(settings), Playground(settings)
    pipelined.apply(Train(45))  # slices of 8 and a short last one
    monkeypatch.setattr(network_module, "_PIPELINE_FROM", 10**9)
    serial.apply(Train(45))
    assert pipelined.train_losses == serial.train_losses
    assert pipelined.test_losses == serial.test_losses
    assert np.array_equal(pipelined.network.weights, serial.network.weights)
    assert np.array_equal(pipelined.network.dead, serial.network.dead)


def _frames(pg: Playground, count: int, grids: bool) -> list[np.ndarray]:
    """`count` frames of a window playing one epoch a frame (with its heatmaps, or without)."""
    shown = []
    for _ in range(count):
        pg.apply(Train(1))
        if grids:
            shown.append(pg.unit_grids().copy())
    return shown


@needs_second_core
@pytest.mark.parametrize("code", [
    SPIRAL,
    SPIRAL + "&optimizer=adam&dropout=0.2&activation=swish",  # the lab's kernels
    "problem=regression&regDataset=reg-gauss&networkShape=5&batchSize=1&seed=r",
    "dataset=blobs&numClasses=3&networkShape=4&seed=three",  # softmax: three outputs
])
def test_measures_beside_the_heatmaps_match_one_thread(code: str) -> None:
    """The second core measures a window's epochs while it draws: every epoch's measures are
    the one thread's, and each frame's heatmaps are those of that epoch's network."""
    settings = parse_code(code).settings
    window, alone = Playground(settings), Playground(settings)
    (xt, y), (test_xt, test_y) = window.train_inputs, window.test_inputs
    window.network.warm_second_core(xt, y, test_xt, test_y, settings.dropout)
    window.unit_grids()
    shown = _frames(window, 40, grids=True)
    _frames(alone, 40, grids=False)
    for record in ("train_losses", "test_losses", "train_accuracies", "test_accuracies"):
        assert np.array_equal(getattr(window, record), getattr(alone, record), equal_nan=True)
    assert np.array_equal(window.network.weights, alone.network.weights)
    assert np.array_equal(shown[-1], alone.unit_grids())
    assert second_core._server is not None  # the worker was serving (who measured is a race)


@needs_second_core
def test_the_worker_measures_each_epoch_posted_to_it() -> None:
    """The worker's side alone: it measures each epoch posted (none claimed here), into its
    row, the numbers this thread would have measured, and draws the grid from the split on."""
    pg = Playground(parse_code(SPIRAL).settings)
    net = pg.network
    layout, params, _ = net._bundles()
    (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
    run = kernels.entry_points(net.lab_paths())
    slot, row = np.zeros(CELLS, dtype=np.int64), np.full(4, np.nan)
    grid_xt, _ = pg._grid_arrays()
    grid = np.full((net.num_units, grid_xt.shape[1]), np.nan, dtype=np.float32)
    worker = second_core.pool().submit(run.serve_measures, slot, 10**9, layout, params,
                                       net.activations, net.objective, xt, y, test_xt, test_y,
                                       row, grid_xt, grid)
    for ticket, split in ((1, 0), (2, 5000), (3, grid_xt.shape[1])):  # all, half, none
        pg.apply(Train(1))
        grid[:] = np.nan
        atomics.release(slot, SPLIT, split)
        atomics.release(slot, POSTED, ticket)
        assert measured(slot, ticket, 10**10)
        assert np.array_equal(row, net.measure(xt, y, test_xt, test_y))
        drawn = pg.unit_grids(recompute=True).reshape(grid.shape)
        assert np.array_equal(grid[:, split:], drawn[:, split:])
        assert np.isnan(grid[:, :split]).all()  # the rest is this thread's to draw
    atomics.release(slot, STOP, 1)
    worker.result(timeout=5)
    assert slot[CLAIMED] == slot[DONE] == 3


@needs_second_core
def test_two_windows_taking_turns_keep_their_own_measures() -> None:
    """A race trains two sessions a frame each: the worker follows whichever posts."""
    one, two = (Playground(parse_code(code).settings) for code in (SPIRAL, "seed=other"))
    solo_one, solo_two = (Playground(parse_code(code).settings) for code in (SPIRAL, "seed=other"))
    for pg in (one, two):
        pg.unit_grids()
    for _ in range(15):
        for pg in (one, two):
            _frames(pg, 1, grids=True)
    _frames(solo_one, 15, grids=False)
    _frames(solo_two, 15, grids=False)
    assert one.train_losses == solo_one.train_losses
    assert two.test_losses == solo_two.test_losses


def test_a_worker_that_stops_after_claiming_leaves_the_epoch_to_this_thread(monkeypatch) -> None:
    """Should the worker claim an epoch and stop before measuring it, this thread measures it
    and draws the worker's share of the grid itself: the frame never waits for a thread that
    is gone."""
    pg = Playground(parse_code(SPIRAL).settings)
    pg.apply(Train(3))
    net = pg.network
    gone: Future = Future()
    gone.set_result(None)
    slot = np.zeros(CELLS, dtype=np.int64)
    slot[CLAIMED] = 1  # the worker took epoch 1, then stopped
    grid_xt, _ = pg._grid_arrays()
    grid = np.full((net.num_units, grid_xt.shape[1]), np.nan, dtype=np.float32)
    server = second_core._Server(key=(), slot=slot, row=np.full(4, 7.0), future=gone,
                                 split=grid_xt.shape[1] // 3)  # its share: two thirds
    monkeypatch.setattr(second_core, "_serving", lambda run, arrays, drawing, key: server)
    layout, params, _ = net._bundles()
    (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
    run = kernels.entry_points(net.lab_paths())
    row = np.full(4, np.nan)
    assert second_core.measure_beside(run, layout, params, net.activations, net.objective, xt,
                                      y, test_xt, test_y, row, grid_xt, grid, train=lambda: None)
    assert np.array_equal(row, net.measure(xt, y, test_xt, test_y))
    assert np.array_equal(grid, pg.unit_grids(recompute=True).reshape(grid.shape))


@needs_second_core
def test_an_interrupted_frame_leaves_no_epoch_to_the_worker() -> None:
    """Should drawing raise after the epoch is posted (an interrupt), the epoch is settled
    before the error goes on: the worker never works on into the next frame, and the next
    frames measure as one thread does."""
    pg, alone = (Playground(parse_code(SPIRAL).settings) for _ in range(2))
    net = pg.network
    (xt, y), (test_xt, test_y) = pg.train_inputs, pg.test_inputs
    net.warm_second_core(xt, y, test_xt, test_y)
    real = kernels.entry_points(net.lab_paths())

    def interrupted(*args) -> None:
        raise KeyboardInterrupt

    failing = SimpleNamespace(**{**vars(real), "grid_outputs": interrupted})
    layout, params, _ = net._bundles()
    grid_xt, grid = pg._grid_arrays()
    for _ in range(5):  # the worker spinning, its kernel loaded
        pg.unit_grids()
        pg.apply(Train(1))
    row = np.full(4, np.nan)
    with pytest.raises(KeyboardInterrupt):
        second_core.measure_beside(failing, layout, params, net.activations, net.objective, xt,
                                   y, test_xt, test_y, row, grid_xt, grid, train=lambda: None)
    slot = second_core._server.slot
    assert slot[CLAIMED] == slot[POSTED]  # settled: taken by this thread, or done by the worker
    assert slot[DONE] in (slot[POSTED], slot[POSTED] - 1)
    _frames(pg, 5, grids=True)
    _frames(alone, 10, grids=False)
    assert pg.train_losses[-5:] == alone.train_losses[-5:]
