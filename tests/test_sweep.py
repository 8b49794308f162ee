"""`playground-game sweep`: the plan, the runs (replayable from their codes), the results file
(resume, Ctrl+C, a cut line), the summary, the figures and every refusal before a run starts."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest

from playground_game.cli import main, run_train
from playground_game.sweep import command, deps
from playground_game.sweep.grid import RunSpec, SweepError, derive_seed, parse_axis, plan_runs
from playground_game.sweep.results import ResultsFile, read_results
from playground_game.sweep.run import run_one
from playground_game.sweep.summary import summarize

BASE = "dataset=xor&networkShape=3&seed=0.5"


def _sweep(tmp_path: Path, *extra: str, out: str = "r.jsonl") -> tuple[int, Path]:
    path = tmp_path / out
    status = main(["sweep", "--code", BASE, "--grid", "learningRate=0.03,0.3",
                   "--seeds", "3", "--epochs", "40", "--out", str(path), *extra])
    return status, path


def test_grid_values_and_separators() -> None:
    assert parse_axis("learningRate=0.01,0.03,0.1").values == ("0.01", "0.03", "0.1")
    assert parse_axis("networkShape=4,2;8,8").values == ("4,2", "8,8")
    assert parse_axis("layerActivations=relu,tanh;tanh,relu").values == ("relu,tanh",
                                                                          "tanh,relu")
    assert parse_axis("x=true,false").values == ("true", "false")
    assert parse_axis("optimizer=sgd,adam").values == ("sgd", "adam")


def test_plan_is_the_product_over_seeds_with_derived_seeds_in_the_codes() -> None:
    runs = plan_runs(BASE, ["learningRate=0.03,0.3", "activation=relu,tanh"], 2, 10)
    assert len(runs) == 8
    assert [r.point for r in runs[:2]] == [(("learningRate", "0.03"), ("activation", "relu"))] * 2
    assert runs[1].code == "activation=relu&dataset=xor&networkShape=3&seed=0.5-1"
    assert len({r.code for r in runs}) == 8
    assert len(derive_seed("s" * 64, 12)) == 64


@pytest.mark.parametrize("grid, named", [
    ("learningRat=0.1", "'learningRat' is not a key"),
    ("learningRate=0.1,abc", "learningRate"),
    ("learningRate=0.1,,0.3", "empty value"),
    ("networkShape=4,9", "9 is not allowed"),
    ("activation=relu,relu", "listed twice"),
    ("seed=1,2", "--seeds"),
    ("nothing", "KEY=V1,V2"),
    ("layerActivations=relu,tanh,relu", "grid point layerActivations=relu,tanh,relu"),
])
def test_a_bad_grid_exits_2_naming_it_before_any_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], grid: str, named: str) -> None:
    out = tmp_path / "r.jsonl"
    status = main(["sweep", "--code", BASE, "--grid", grid, "--epochs", "5", "--out", str(out)])
    assert status == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("argv, named", [
    (["--stop", "loss<3"], "'loss' is not a quantity"),
    (["--stop", "test_loss=3"], "expected QUANTITY<VALUE"),
    (["--code", "batchSize=99"], "--code: batchSize"),
    (["--grid", "learningRate=0.1", "--grid", "learningRate=0.3"], "given twice"),
])
def test_bad_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              argv: list[str], named: str) -> None:
    out = tmp_path / "r.jsonl"
    assert main(["sweep", "--epochs", "5", "--out", str(out), *argv]) == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


def test_missing_libraries_name_the_extra(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deps, "missing_libraries", lambda: ["tqdm"])
    assert main(["sweep", "--epochs", "5", "--out", str(tmp_path / "r.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "tqdm" in err and "playground-game[sweep]" in err


def test_a_results_line_replays_from_its_code() -> None:
    spec = plan_runs(BASE, [], 2, 30)[1]
    result = run_one(spec)
    out = io.StringIO()
    run_train(result["code"], result["trained"], True, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["test_loss"] for row in rows] == result["test_losses"]
    assert result["final_train_loss"] == rows[-1]["train_loss"]
    assert result["url"] == "https://playground.tensorflow.org/#" + result["code"]


def test_the_threshold_stops_a_run_at_its_first_epoch() -> None:
    spec = plan_runs(BASE + "&learningRate=0.3", [], 1, 300, "test_loss<0.2")[0]
    result = run_one(spec)
    reached = result["epochs_to_threshold"]
    assert result["stopped_by"] == "threshold" and result["trained"] == reached < 300
    assert result["test_losses"][reached] < 0.2
    assert all(loss >= 0.2 for loss in result["test_losses"][:reached])
    whole = run_one(RunSpec(spec.point, 0, spec.code, reached + 20))
    assert whole["test_losses"][: reached + 1] == result["test_losses"]


def test_the_training_labs_stop_conditions_and_keys_work_in_sweeps() -> None:
    code = BASE + "&optimizer=adam&stopLoss=0.2"
    spec = plan_runs(code, [], 1, 400)[0]
    result = run_one(spec)
    assert result["stopped_by"] == "stopLoss" and result["trained"] < 400
    assert result["final_test_loss"] <= 0.2
    assert result["url"] is None  # only this app knows adam and stopLoss


def test_rerun_skips_finished_runs_and_ctrl_c_leaves_a_valid_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole_status, whole = _sweep(tmp_path, out="whole.jsonl")
    assert whole_status == 0
    real = command._results

    def interrupted_after_two(todo, jobs, scheduler):
        for count, result in enumerate(real(todo, jobs, scheduler)):
            if count == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(command, "_results", interrupted_after_two)
    status, part = _sweep(tmp_path)
    assert status == 130 and len(read_results(part)) == 2
    assert len((tmp_path / "r.csv").read_text().splitlines()) == 3  # the header and two runs
    with part.open("a") as file:
        file.write('{"point": {}, "cut sh')  # a line a killed process left unfinished
    assert len(read_results(part)) == 2
    trained: list[int] = []
    monkeypatch.setattr(command, "_results", lambda todo, jobs, scheduler: (
        trained.append(len(todo)) or real(todo, jobs, scheduler)))
    assert _sweep(tmp_path)[0] == 0
    assert trained == [4]
    assert sorted(part.read_text().splitlines()) == sorted(whole.read_text().splitlines())
    assert _sweep(tmp_path)[0] == 0 and trained == [4]  # all done: nothing trains
    csv_rows = (tmp_path / "r.csv").read_text().splitlines()
    assert len(csv_rows) == 7 and csv_rows[0].startswith("learningRate,seed_index")


def test_a_file_that_is_not_a_results_file_is_refused(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("hello\n")
    assert _sweep(tmp_path)[0] == 2
    assert "line 1 is not a sweep result" in capsys.readouterr().err
    assert path.read_text() == "hello\n"


def test_summary_counts_successes_and_spreads(tmp_path: Path) -> None:
    runs = plan_runs(BASE, ["learningRate=0.001,0.3"], 4, 60, "test_loss<0.25")
    with ResultsFile(tmp_path / "r.jsonl") as file:
        for spec in runs:
            file.append(run_one(spec))
    results = read_results(tmp_path / "r.jsonl")
    slow, fast = summarize(runs, results)
    assert (slow.runs, slow.successes, fast.runs) == (4, 0, 4)
    assert fast.successes == sum(r["epochs_to_threshold"] is not None
                                 for r in results[4:])
    finals = sorted(r["final_test_loss"] for r in results[:4])
    assert (slow.low_loss, slow.high_loss) == (finals[0], finals[-1])
    assert slow.median_loss == pytest.approx((finals[1] + finals[2]) / 2)
    assert slow.median_epochs_to_threshold is None and math.isfinite(fast.median_loss)


def test_figures_are_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _ = _sweep(tmp_path, "--figures", str(tmp_path / "fig"), "--stop", "test_loss<0.2")
    assert status == 0
    for name in ("loss_curves.png", "boundaries.png"):
        data = (tmp_path / "fig" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert "reached test_loss<0.2" in capsys.readouterr().out


def test_errors_are_sweep_errors() -> None:
    with pytest.raises(SweepError, match="--code"):
        plan_runs("garbage", [], 1, 1)
