"""The experiment itself: settings, data, network and training. Never imports pygame.

Importing this package first makes sure numba has a writable cache directory, because numba's
`cache=True` raises at import time when the package directory is read-only (a system-wide install)
and no NUMBA_CACHE_DIR is set. This runs before any kernel module imports numba.
"""

from playground_game.model._numba_cache import ensure_numba_cache_dir

ensure_numba_cache_dir()
