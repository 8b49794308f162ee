"""Choose a writable numba cache directory before numba compiles anything.

numba writes its cache next to the source file unless NUMBA_CACHE_DIR says otherwise. When the
package directory is read-only (an install owned by root, a read-only image), `@njit(cache=True)`
fails at import. We keep the in-tree cache when it is writable (fast, per-checkout), else fall back
to the user's cache directory, else to a temporary directory, so the app always starts.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

_KERNEL_DIR = Path(__file__).resolve().parent / "core"  # where the kernels (and their cache) live
_STAMP = "kernel-sources.txt"  # beside the compiled kernels: the sources they were made from


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
    """A digest of every kernel source file: what the compiled kernels were made from."""
    digest = hashlib.sha256()
    for path in sorted(_KERNEL_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def drop_stale_kernels(cache_root: Path) -> bool:
    """Delete the compiled kernels under cache_root when the kernel sources changed since they
    were compiled; True when it did.

    numba checks a cached function against its own file only. A kernel that inlines code
    from another file (every kernel inlines activations.py, dropout.py, fdlibm.py) would load
    its old machine code after that file changed, an update or a `git pull`, and train with
    the old arithmetic. A stamp of all the sources catches that.
    """
    stamp = cache_root / _STAMP
    digest = sources_digest()
    try:
        if stamp.read_text(encoding="ascii") == digest:
            return False
    except OSError:
        pass
    try:
        for compiled in cache_root.rglob("*.nb[ic]"):
            compiled.unlink(missing_ok=True)
        stamp.write_text(digest, encoding="ascii")
    except OSError:
        return False  # a cache we cannot clean is one numba cannot write either
    return True


def ensure_numba_cache_dir() -> str | None:
    """Set NUMBA_CACHE_DIR when the package's own __pycache__ is not writable, and drop the
    kernels compiled from other sources in the cache the app owns (`drop_stale_kernels`; a
    NUMBA_CACHE_DIR the user set may hold other programs' caches and is left alone).

    Returns the directory chosen, or None when numba's default (beside the sources) is used.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        chosen: str | None = os.environ["NUMBA_CACHE_DIR"]
    elif _writable(_KERNEL_DIR / "__pycache__"):
        drop_stale_kernels(_KERNEL_DIR / "__pycache__")
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
        drop_stale_kernels(Path(chosen))
        os.environ["NUMBA_CACHE_DIR"] = chosen
    if "numba" in sys.modules:  # numba read its config already: tell it too
        from numba.core import config

        config.CACHE_DIR = chosen
    return chosen
