"""The sweep's optional libraries: checked before anything runs, so a missing one is one line."""

from __future__ import annotations

import importlib.util

EXTRA_LIBRARIES = ("joblib", "distributed", "matplotlib", "tqdm")
INSTALL_HINT = ("pip install 'playground-game[sweep]' (from a checkout: "
                "pip install -e '.[sweep]')")


def missing_libraries() -> list[str]:
    """The libraries of the `sweep` extra that are not installed."""
    return [name for name in EXTRA_LIBRARIES if importlib.util.find_spec(name) is None]


def require_sweep_extra() -> None:
    """Raise RuntimeError naming the missing libraries and the extra that brings them."""
    missing = missing_libraries()
    if missing:
        raise RuntimeError(f"sweep needs {', '.join(missing)}, from the 'sweep' extra: "
                           f"{INSTALL_HINT}")
