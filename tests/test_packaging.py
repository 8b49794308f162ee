"""Packaging: resources found from checkout and wheel; numba always gets a writable cache."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from playground_game.model import _numba_cache
from playground_game.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent


def test_resources_found_in_checkout() -> None:
    assert (resource_dir("assets") / "fonts" / "Roboto-Regular.ttf").is_file()
    assert resource_dir("lessons").is_dir()
    with pytest.raises(ValueError):
        resource_dir("secrets")


def test_model_never_imports_pygame() -> None:
    code = ("import sys; import playground_game.model.playground, playground_game.model.bookmark,"
            " playground_game.model.warmup; sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120).returncode == 0


def test_cache_dir_falls_back_when_package_dir_is_not_writable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the package's __pycache__ would go")
    monkeypatch.setattr(_numba_cache, "_KERNEL_DIR", blocker)
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    chosen = _numba_cache.ensure_numba_cache_dir()
    version = "kernels-" + _numba_cache.sources_digest()
    assert chosen == str(tmp_path / "cache" / "playground-game" / "numba" / version)
    assert os.environ["NUMBA_CACHE_DIR"] == chosen


def test_cache_dir_falls_back_to_temp_when_home_is_unwritable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(_numba_cache, "_KERNEL_DIR", blocker)
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    chosen = _numba_cache.ensure_numba_cache_dir()
    assert chosen.startswith(str(tmp_path / "tmp"))


def test_in_tree_cache_kept_when_writable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    chosen = Path(_numba_cache.ensure_numba_cache_dir())
    assert chosen.parent == _numba_cache._KERNEL_DIR / "__pycache__"
    assert chosen.name == "kernels-" + _numba_cache.sources_digest()


def test_each_version_of_the_kernel_sources_has_its_own_cache(tmp_path, monkeypatch) -> None:
    """A kernel inlines code from other files, which numba's own check does not see, and a
    process running old code saves it under the new file's stamp: each version of the sources
    compiles into a folder of its own, and the other versions' folders go."""
    sources = tmp_path / "core"
    sources.mkdir()
    (sources / "kernels.py").write_text("x = 1\n")
    (sources / "dropout.py").write_text("y = 2\n")
    monkeypatch.setattr(_numba_cache, "_KERNEL_DIR", sources)
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    first = Path(_numba_cache.ensure_numba_cache_dir())
    (first / "kernels.train-1.py311.nbi").write_bytes(b"old machine code")
    assert Path(_numba_cache.ensure_numba_cache_dir()) == first  # the same sources: kept
    assert (first / "kernels.train-1.py311.nbi").exists()
    (sources / "dropout.py").write_text("y = 3\n")  # not the kernel's own file
    second = Path(_numba_cache.ensure_numba_cache_dir())
    assert second != first and second.parent == first.parent and not first.exists()
    # a child process (the warm-up's second one) inherits the folder, not a nested one
    assert Path(_numba_cache.ensure_numba_cache_dir()) == second


def test_wheel_install_runs_from_elsewhere(tmp_path: Path) -> None:
    """A non-editable install (reusing this interpreter's dependencies) finds its resources
    and trains from a directory outside the checkout."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Let the new environment see the packages of the one running the tests (numba, numpy,
    # pygame-ce, setuptools) without downloading them again.
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = subprocess.run([str(python), "-c", purelib], capture_output=True, text=True,
                          check=True).stdout.strip()
    parents = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    Path(site, "_outer_env.pth").write_text("\n".join(parents) + "\n")
    build = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-q",
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("NUMBA_CACHE_DIR", None)
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(python), "-c", "import playground_game.resources as r; "
         "print(r.resource_dir('assets')); print(r.resource_dir('lessons'))"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert where.returncode == 0, where.stderr
    assert all(str(env_dir) in line for line in where.stdout.splitlines()), where.stdout
    script = env_dir / "bin" / "playground-game"
    run = subprocess.run([str(script), "train", "--code", "dataset=spiral&seed=0.5",
                          "--epochs", "3"], cwd=tmp_path, capture_output=True, text=True,
                         env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 4


def test_importing_the_app_compiles_nothing(tmp_path: Path) -> None:
    """A cold first start must open its window (and loading screen) before any kernel compiles:
    importing the model and the UI runs no kernel, so numba writes nothing to its cache."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}
    code = ("import playground_game.cli, playground_game.model.playground,"
            " playground_game.model.lessons, playground_game.ui.app")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
    assert not any(tmp_path.rglob("*.nbi")), "a kernel was compiled at import time"
