"""`playground-game export` and `--open`: the experiment file from the command line, training
on from it equals training on in one run, and bad files exit with code 2 and one line."""

from __future__ import annotations

import io
import json

import numpy as np

from playground_game import cli

CODE = "dataset=xor&networkShape=3&optimizer=momentum&seed=0.4"


def test_export_then_train_on_equals_one_longer_run(tmp_path, capsys):
    path = tmp_path / "kept.json"
    assert cli.main(["export", "--code", CODE, "--epochs", "5", "--json", str(path)]) == 0
    doc = json.loads(path.read_text())
    assert doc["epoch"] == 5 and doc["version"] == 1
    on = io.StringIO()
    assert cli.run_train("", 4, True, out=on, opened=path) == 0
    whole = io.StringIO()
    assert cli.run_train(CODE, 9, True, out=whole) == 0
    assert on.getvalue().splitlines() == whole.getvalue().splitlines()[5:]


def test_export_to_standard_output_and_as_python(tmp_path, capsys):
    assert cli.main(["export", "--code", CODE, "--epochs", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["epoch"] == 2
    assert cli.main(["export", "--code", CODE, "--epochs", "2", "--python"]) == 0
    namespace: dict = {}
    exec(capsys.readouterr().out, namespace)  # noqa: S102 - our own output
    assert np.isfinite(namespace["network"](np.array([0.5]), np.array([-1.0]))).all()


def test_a_bad_file_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert cli.main(["train", "--open", str(bad), "--epochs", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not a complete JSON file" in err
    assert cli.main(["export", "--open", str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert cli.main(["--open", str(bad), "--code", CODE]) == 2
    assert "leave out --code" in capsys.readouterr().err


def test_the_window_screenshot_opens_a_file(tmp_path):
    path = tmp_path / "kept.json"
    assert cli.main(["export", "--code", CODE, "--epochs", "3", "--json", str(path)]) == 0
    shot = tmp_path / "shot.png"
    assert cli.main(["--open", str(path), "--screenshot", str(shot), "--size", "640x480"]) == 0
    assert shot.exists()
