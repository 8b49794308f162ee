"""Drawn above the scene: the error card, the Open/Share and Customize dialogs, the level
screen, the help and the notices (toasts)."""
