"""Choose a writable numba cache directory before numba compiles anything.

numba writes its cache next to the source file unless NUMBA_CACHE_DIR says otherwise. When the
package directory is read-only (an install owned by root, a read-only image), `@njit(cache=True)`
fails at import. We keep the in-tree cache when it is writable (fast, per-checkout), else fall back
to the user's cache directory, else to a temporary directory, so the app always starts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import platformdirs

_KERNEL_DIR = Path(__file__).resolve().parent / "core"  # where the kernels (and their cache) live


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


def ensure_numba_cache_dir() -> str | None:
    """Set NUMBA_CACHE_DIR when the package's own __pycache__ is not writable.

    Returns the directory chosen, or None when numba's default (beside the sources) is used.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        chosen: str | None = os.environ["NUMBA_CACHE_DIR"]
    elif _writable(_KERNEL_DIR / "__pycache__"):
        return None
    else:
        chosen = None
        temp = Path(tempfile.gettempdir()) / "playground-game-numba"
        fallbacks = (user_cache_dir() / "numba", temp)
        for candidate in fallbacks:
            if _writable(candidate):
                chosen = str(candidate)
                break
        if chosen is None:
            chosen = tempfile.mkdtemp(prefix="playground-game-numba-")
        os.environ["NUMBA_CACHE_DIR"] = chosen
    if "numba" in sys.modules:  # numba read its config already: tell it too
        from numba.core import config

        config.CACHE_DIR = chosen
    return chosen
