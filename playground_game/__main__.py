"""`python -m playground_game` runs the same entry point as the `playground-game` command."""

from playground_game.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
