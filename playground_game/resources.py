"""Finds the shipped folders (assets/, lessons/) whether we run from a checkout or a wheel.

In a checkout they sit at the top of the repository, beside the package; a wheel carries them inside
the package (pyproject.toml maps them there). One function answers for both so no caller guesses.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory of a shipped resource folder ("assets" or "lessons").

    Raises FileNotFoundError naming both places looked at when neither exists.
    """
    if name not in ("assets", "lessons"):
        raise ValueError(f"unknown resource folder {name!r}: expected 'assets' or 'lessons'")
    candidates = (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"the {name} folder is missing (looked in {looked})")


def asset_path(*parts: str) -> Path:
    """Path of a file under assets/."""
    return resource_dir("assets").joinpath(*parts)
