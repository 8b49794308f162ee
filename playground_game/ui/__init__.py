"""The pygame-ce half: draws the model and turns input into actions. Nothing here owns state that
belongs to the experiment; `playground_game.model.Playground` does."""
