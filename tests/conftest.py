"""Test set-up: headless SDL before anything imports pygame, and shared helpers."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

DATA_DIR = Path(__file__).parent / "data"
WEB_DIR = DATA_DIR / "web"


def _number(value: object) -> float:
    """JSON from the web oracle: NaN and infinities are strings, integers are exact floats."""
    return float(value)  # float("NaN"), float("Infinity") and float(int) all parse


def load_web_case(name: str) -> dict:
    """A reference run of the original web playground (tests/data/web/NAME.json)."""
    with open(WEB_DIR / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def web_case_names() -> list[str]:
    return sorted(p.stem for p in WEB_DIR.glob("*.json") if p.stem != "rng")


def as_array(rows: object):
    import numpy as np

    return np.vectorize(_number, otypes=[float])(np.array(rows, dtype=object))


def web_points(rows: object, classification: bool):
    """Points [x, y, label] the web recorded, with a classification label (the original's -1 or
    +1) written as our class index (0 or 1); a regression label is kept."""
    points = as_array(rows)
    if classification:
        points[:, 2] = (points[:, 2] > 0).astype(float)
    return points


import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _private_user_data(tmp_path_factory: pytest.TempPathFactory):
    """No test reads or writes the real user's data folder (lesson progress and the like)."""
    folder = tmp_path_factory.mktemp("user-data")
    previous = os.environ.get("PLAYGROUND_GAME_DATA_DIR")
    os.environ["PLAYGROUND_GAME_DATA_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PLAYGROUND_GAME_DATA_DIR", None)
    else:
        os.environ["PLAYGROUND_GAME_DATA_DIR"] = previous


@pytest.fixture(autouse=True)
def _no_lab_warm_up(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's background compile of the lab's kernels (model/warmup.py) stays out of the
    suite: a test that opens the loading screen would leave it compiling beside the tests.
    test_ui_app checks that the window starts it; tests marked `lab_warm_up` test it."""
    if request.node.get_closest_marker("lab_warm_up") is not None:
        return
    from playground_game.model import warmup

    monkeypatch.setattr(warmup, "start_lab_warm_up", lambda: None)
