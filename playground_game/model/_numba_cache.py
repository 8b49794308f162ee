"""Choose numba's cache folder before numba compiles anything: writable, and named after the
kernel sources it was compiled from.

Writable: when the package directory is read-only (an install owned by root, a read-only
image), `@njit(cache=True)` fails at import. The cache goes in the package's own __pycache__
when that is writable (fast, per checkout), else the user's cache directory, else a temporary
one, so the app always starts. A NUMBA_CACHE_DIR the user set is used as the base instead.

Named after the sources: numba checks a cached kernel against its own file only, and records
that file's stamp when it saves, not when it read the code. Every kernel inlines code from
other files (activations, dropout, fdlibm), and a process still running old code (an app open
during an update, a `git pull`) saves old machine code under the new stamp. So the kernels of
each version of the sources live in a folder of their own, `kernels-<digest>`: a version never
loads another's code, and the folders of other versions are removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

_KERNEL_DIR = Path(__file__).resolve().parent / "core"  # where the kernels (and their cache) live
_PREFIX = "kernels-"  # a version's folder: _PREFIX + the sources' digest


def _writable(directory: Path) -> bool:
    """True if we can create a file in `directory` (creating the directory if needed)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-"):
            pass
        return True
    except OSError:
        return False


def user_cache_dir() -> Path:
    """The platform's per-user cache directory for this app (platformdirs: `$XDG_CACHE_HOME`
    or `~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`)."""
    return Path(platformdirs.user_cache_dir("playground-game", appauthor=False))


def sources_digest() -> str:
    """A digest of every kernel source file: what the compiled kernels are made from."""
    digest = hashlib.sha256()
    for path in sorted(_KERNEL_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _bases() -> list[Path]:
    """Where the cache may go, best first."""
    given = os.environ.get("NUMBA_CACHE_DIR")
    if given:  # ours from a parent process (the warm-up's second one), or the user's
        path = Path(given)
        return [path.parent if path.name.startswith(_PREFIX) else path]
    return [_KERNEL_DIR / "__pycache__", user_cache_dir() / "numba",
            Path(tempfile.gettempdir()) / "playground-game-numba"]


def _remove_other_versions(base: Path, keep: Path) -> None:
    """Best effort: another version's kernels are never loaded again (nor are kernels numba
    saved beside the sources, before the versions had folders)."""
    try:
        for folder in base.glob(_PREFIX + "*"):
            if folder != keep and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
        if base == _KERNEL_DIR / "__pycache__":
            for loose in base.glob("*.nb[ic]"):
                loose.unlink(missing_ok=True)
    except OSError:
        pass


def ensure_numba_cache_dir() -> str:
    """Set NUMBA_CACHE_DIR to this version's folder in the first writable base; return it."""
    name = _PREFIX + sources_digest()
    chosen = next((base / name for base in _bases() if _writable(base / name)), None)
    if chosen is None:
        chosen = Path(tempfile.mkdtemp(prefix="playground-game-numba-")) / name
        chosen.mkdir()
    _remove_other_versions(chosen.parent, chosen)
    os.environ["NUMBA_CACHE_DIR"] = str(chosen)
    if "numba" in sys.modules:  # numba read its config already: tell it too
        from numba.core import config

        config.CACHE_DIR = str(chosen)
    return str(chosen)
