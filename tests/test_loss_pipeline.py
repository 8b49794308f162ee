"""Work on a second thread (many epochs' losses): the same numbers as one thread."""

from __future__ import annotations

import numpy as np
import pytest

import playground_game.model.core.network as network_module
from playground_game.model.bookmark import parse_code
from playground_game.model.playground import Playground, Train

SPIRAL = ("dataset=spiral&x=true&y=true&xSquared=true&sinX=true&networkShape=6,4"
          "&regularization=L1&regularizationRate=0.003&batchSize=7&seed=pipe")


@pytest.mark.parametrize("code", [
    SPIRAL,
    SPIRAL + "&optimizer=adam&dropout=0.2&activation=swish",  # the lab's kernels
    "problem=regression&regDataset=reg-gauss&networkShape=5&batchSize=1&seed=r",
])
def test_pipelined_losses_match_one_thread(code: str, monkeypatch) -> None:
    if network_module._second_core() is None:
        pytest.skip("a single core: the losses are measured on the training thread")
    settings = parse_code(code).settings
    pipelined, serial = Playground(settings), Playground(settings)
    pipelined.apply(Train(45))  # slices of 8 and a short last one
    monkeypatch.setattr(network_module, "_PIPELINE_FROM", 10**9)
    serial.apply(Train(45))
    assert pipelined.train_losses == serial.train_losses
    assert pipelined.test_losses == serial.test_losses
    assert np.array_equal(pipelined.network.weights, serial.network.weights)
    assert np.array_equal(pipelined.network.dead, serial.network.dead)
