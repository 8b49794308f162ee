"""The race screen's compact controls: what each shows, what a click or a key changes.

A cell's controls step through their values on a click (and the keys of the keymap step the
focused contestant the same way): the activation and the optimizer through their tables, the
learning rate through the top bar's options, and feature crosses (X₁X₂, X₁², X₂²) on or off
together. The finish line steps through `FINISHES`. The changes are returned as `Change`
fields, applied through `Race.apply` by the screen.
"""

from __future__ import annotations

import pygame

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.core.optimizers import OPTIMIZERS
from playground_game.model.knobs import LEARNING_RATES, MAX_NEURONS
from playground_game.model.playground import Playground
from playground_game.model.race import CROSSES, Finish, Race
from playground_game.model.settings import Settings, format_number
from playground_game.ui import theme as th
from playground_game.ui.race.layout import Cell
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import draw_text_button

RACE_EPOCHS: tuple[int, ...] = (100, 200, 500, 1000, 2000)
# The finish lines the button and E step through: an epoch budget, or the first to a test
# loss (within 2,000 epochs, so that a race nobody can win still ends), or none.
FINISHES: tuple[Finish, ...] = (
    *(Finish(epochs=n) for n in RACE_EPOCHS),
    *(Finish(to_loss=loss, epochs=2000) for loss in (0.2, 0.1, 0.05, 0.02, 0.01)),
    Finish(),
)
DEFAULT_FINISH = Finish(epochs=500)
BAR_COMMANDS: dict[str, str] = {"play": "toggle_play", "step": "step", "reset": "reset",
                                "finish": "race_finish", "add": "race_add", "share": "share",
                                "leave": "toggle_race"}
CELL_COMMANDS: dict[str, str] = {"activation": "race_activation",
                                 "optimizer": "race_optimizer", "rate": "race_rate_up",
                                 "crosses": "race_crosses"}


def _cycle(values: tuple, current: object) -> object:
    index = values.index(current) if current in values else -1
    return values[(index + 1) % len(values)]


def next_activation(settings: Settings) -> dict[str, object]:
    return {"activation": _cycle(ACTIVATIONS.keys(), settings.activation)}


def next_optimizer(settings: Settings) -> dict[str, object]:
    return {"optimizer": _cycle(OPTIMIZERS.keys(), settings.optimizer)}


def next_rate(settings: Settings, direction: int) -> dict[str, object]:
    """The next learning rate up (wrapping to the lowest) or down (wrapping to the highest)."""
    rates = LEARNING_RATES if direction > 0 else tuple(reversed(LEARNING_RATES))
    later = [r for r in rates if (r > settings.learning_rate if direction > 0
                                  else r < settings.learning_rate)]
    return {"learning_rate": later[0] if later else rates[0]}


def crosses_on(settings: Settings) -> bool:
    return all(key in settings.features for key in CROSSES)


def toggled_crosses(settings: Settings) -> dict[str, object]:
    """Feature crosses all off when they are all on, else all on."""
    wanted = set(settings.features)
    wanted = wanted - set(CROSSES) if crosses_on(settings) else wanted | set(CROSSES)
    return {"features": tuple(k for k in FEATURE_KEYS if k in wanted)}


def resized(shape: tuple[int, ...], delta: int) -> tuple[int, ...]:
    """Every hidden layer one neuron more or fewer, within 1 to MAX_NEURONS."""
    return tuple(max(1, min(MAX_NEURONS, n + delta)) for n in shape)


def next_finish(finish: Finish) -> Finish:
    return _cycle(FINISHES, finish)  # type: ignore[return-value]


def finish_label(finish: Finish) -> str:
    if finish.to_loss > 0:
        return f"Finish: loss {format_number(finish.to_loss)}"
    if finish.epochs:
        return f"Finish: epoch {finish.epochs:,}"
    return "Finish: none"


def control_labels(settings: Settings) -> dict[str, str]:
    activation = ("Per layer" if settings.layer_activations
                  else ACTIVATIONS[settings.activation].label)
    return {"activation": activation, "optimizer": OPTIMIZERS[settings.optimizer].label,
            "rate": f"Rate {format_number(settings.learning_rate)}",
            "crosses": f"Crosses {'on' if crosses_on(settings) else 'off'}"}


def bar_labels(playing: bool, race: Race) -> dict[str, str]:
    return {"play": "Pause" if playing else "Play", "step": "Step", "reset": "Restart",
            "finish": finish_label(race.finish), "add": "+ Contestant",
            "share": "Share race", "leave": "Leave race"}


def widest_labels() -> dict[str, str]:
    """The longest text each control can show: the layout sizes them once."""
    widest = {
        "play": "Pause", "step": "Step", "reset": "Restart",
        "finish": max((finish_label(f) for f in FINISHES), key=len),
        "add": "+ Contestant", "share": "Share race", "leave": "Leave race",
        "epoch": "Epoch 100,000", "remove": "Remove",
        "name": "B: ReLU   test loss 0.000",  # a typical name: a longer one is cut
        "activation": max([row.label for row in ACTIVATIONS] + ["Per layer"], key=len),
        "optimizer": max((row.label for row in OPTIMIZERS), key=len),
        "rate": "Rate 0.00001", "crosses": "Crosses off",
    }
    return widest


_FITTED: dict[tuple, str] = {}  # measuring text costs; labels repeat every frame


def fit(theme: Theme, text: str, width: int, role: str = "body") -> str:
    """The text, cut with an ellipsis where it is wider than `width` (cached)."""
    key = (theme.width, theme.height, theme.presenting, text, width, role)
    fitted = _FITTED.get(key)
    if fitted is not None:
        return fitted
    fitted = text
    if theme.text_size(text, role, "Medium")[0] > width - theme.px(8):
        while len(fitted) > 1 and theme.text_size(fitted + "\u2026", role,
                                                  "Medium")[0] > width - theme.px(8):
            fitted = fitted[:-1]
        fitted += "\u2026"
    if len(_FITTED) > 512:
        _FITTED.clear()
    _FITTED[key] = fitted
    return fitted


def draw_cell(surface: pygame.Surface, theme: Theme, cell: Cell, name: str,
              colour: tuple[int, int, int], playground: Playground,
              pointer: tuple[int, int] | None) -> None:
    """A cell's name (its colour, its test loss) and its compact controls."""
    swatch = pygame.Rect(cell.name.left, 0, theme.px(14), theme.px(14))
    swatch.centery = cell.name.centery
    pygame.draw.rect(surface, colour, swatch, border_radius=theme.px(3))
    loss = playground.test_loss
    shown = f"{name}   test loss {loss:.3f}" if loss == loss else f"{name}   test loss NaN"
    room = cell.name.right - swatch.right - theme.px(6)
    text = theme.text(fit(theme, shown, room, "value"), "value", th.TEXT, "Bold")
    surface.blit(text, text.get_rect(midleft=(swatch.right + theme.px(6), cell.name.centery)))
    labels = control_labels(playground.settings)
    for key, rect in [*cell.controls.items(), ("remove", cell.remove)]:
        hovered = pointer is not None and rect.collidepoint(pointer)
        label = "Remove" if key == "remove" else labels[key]
        draw_text_button(surface, theme, rect, fit(theme, label, rect.width), hovered)
