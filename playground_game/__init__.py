"""Neural Playground: a desktop neural-network playground.

The package has two halves: `playground_game.model` (pure Python, numpy and numba; never pygame)
holds the experiment, and `playground_game.ui` draws it with pygame-ce and turns input into actions.
"""

__version__ = "0.1.0"
