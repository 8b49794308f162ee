"""The pygame-ce half: draws the model and turns input into actions. Nothing here owns state that
belongs to the experiment; `playground_game.model.Playground` does.

pygame prints a banner on import unless told not to; a desktop app's terminal is not the place.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
