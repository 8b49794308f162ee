"""The headless trainer and the command line's handling of bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from conftest import as_array, load_web_case

from playground_game.cli import main, run_train


def test_train_prints_one_line_per_epoch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--code", "dataset=spiral&seed=0.5", "--epochs", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("epoch       0  train loss 0.")
    assert "test loss" in lines[3]


def test_train_json_matches_web_at_full_precision() -> None:
    case = load_web_case("configA")
    out = io.StringIO()
    run_train(case["code"], 20, True, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["epoch"] for r in rows] == list(range(21))
    losses = as_array(case["losses"])
    assert [r["train_loss"] for r in rows] == losses[:21, 1].tolist()
    assert [r["test_loss"] for r in rows] == losses[:21, 2].tolist()
    assert "weights" in rows[-1] and all("weights" not in r for r in rows[:-1])
    layers = rows[-1]["weights"]
    assert [len(layer["bias"]) for layer in layers] == [4, 2, 1]
    assert [len(layer["W"][0]) for layer in layers] == [2, 4, 2]  # W[i][j]: from unit j


def test_train_json_writes_nan_as_string() -> None:
    case = load_web_case("diverge_inf")
    out = io.StringIO()
    run_train(case["code"], 20, True, out)
    last = json.loads(out.getvalue().splitlines()[-1])
    assert last["train_loss"] == "NaN"


def test_hash_and_url_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--code", "https://x.test/#seed=0.5&noise=5", "--epochs", "0"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--code", "batchSize=99", "--epochs", "1"],
        ["train", "--code", "garbage", "--epochs", "1"],
        ["train", "--epochs", "-1"],
        ["train", "--epochs", "many"],
        ["train"],
        ["--size", "0x0"],
        ["--size", "big"],
        ["--speed", "0"],
        ["--display", "99"],
        ["--code", "activation=mish"],
        ["--screenshot", "out.jpg"],
        ["frobnicate"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("playground-game: error: ") and err.count("\n") == 1, err


def test_unknown_keys_are_noted_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--code", "seed=1&tutorial=x", "--epochs", "0"]) == 0
    assert "tutorial" in capsys.readouterr().err


def test_code_prints_the_default_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code"]) == 0
    assert capsys.readouterr().out.startswith("activation=tanh&batchSize=10&")


def test_module_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "playground_game", "train", "--epochs", "1",
                             "--code", "seed=0.5"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2, result.stderr


def _session_lines(code: str, epochs: int, as_json: bool) -> list[str]:
    """The trainer's output as it was made before streaming: from the session's loss history
    after one Train action (the reference for the streamed trainer)."""
    from playground_game.cli import _clean
    from playground_game.model.bookmark import parse_code
    from playground_game.model.json_numbers import json_float
    from playground_game.model.playground import Playground, Train

    pg = Playground(parse_code(code).settings)
    pg.apply(Train(epochs))
    lines = []
    for epoch, (train, test) in enumerate(zip(pg.train_losses, pg.test_losses, strict=True)):
        if as_json:
            row: dict[str, object] = {"epoch": epoch, "train_loss": json_float(train),
                                      "test_loss": json_float(test)}
            if epoch == epochs:
                row["weights"] = _clean(pg.network.as_layers())
            lines.append(json.dumps(row))
        else:
            lines.append(f"epoch {epoch:>7d}  train loss {train:.6f}  test loss {test:.6f}")
    return lines


@pytest.mark.parametrize("code", [
    "seed=0.5",
    "dataset=spiral&networkShape=5,3&batchSize=7&regularization=L1&regularizationRate=0.01"
    "&seed=2",
    "problem=regression&regDataset=reg-gauss&activation=relu&batchSize=1&seed=3",
    "learningRate=10&activation=sigmoid&seed=4",  # diverges: NaN and infinities on the way
    # the training lab: optimizer, schedule and dropout train as in the window
    "dataset=xor&networkShape=6&optimizer=adam&lrSchedule=step&decaySteps=50&dropout=0.2&seed=5",
])
def test_streamed_trainer_prints_what_the_session_records(code: str, monkeypatch) -> None:
    import playground_game.cli as cli

    monkeypatch.setattr(cli, "STREAM_EPOCHS", 7)  # many chunk boundaries in 300 epochs
    for as_json in (False, True):
        out = io.StringIO()
        run_train(code, 300, as_json, out)
        assert out.getvalue().splitlines() == _session_lines(code, 300, as_json)


class _Sink:
    """A stream that counts what it is given and keeps none of it."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> None:
        self.lines += text.count("\n")


def test_trainer_memory_stays_flat_over_many_epochs() -> None:
    import tracemalloc

    code = "networkShape=1&percTrainData=10&seed=0.5"  # a small network: many epochs quickly
    run_train(code, 10, False, _Sink())  # compile outside the measurement
    peaks = []
    for epochs in (2_000, 60_000):
        sink = _Sink()
        tracemalloc.start()
        run_train(code, epochs, False, sink)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert sink.lines == epochs + 1
    # Holding the history would take 64 bytes an epoch (two floats and their list slots):
    # 3.7 MB more for the long run. Streamed, the peak does not grow with the epochs.
    assert peaks[1] < peaks[0] + 500_000, peaks
