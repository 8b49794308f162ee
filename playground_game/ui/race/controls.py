"""The race screen's compact controls: what each shows, what a click or a key changes.

A cell's controls step through their values on a click (and the keys of the keymap step the
focused contestant the same way): the activation and the optimizer through their tables, the
learning rate through the top bar's options, and feature crosses (X₁X₂, X₁², X₂²) on or off
together. The finish line steps through `FINISHES`. The changes are returned as `Change`
fields, applied through `Race.apply` by the screen.
"""

from __future__ import annotations

import math

import pygame

from playground_game.model.core.activations import ACTIVATIONS
from playground_game.model.core.features import FEATURE_KEYS
from playground_game.model.core.optimizers import OPTIMIZERS
from playground_game.model.knobs import LEARNING_RATES, MAX_CONTESTANTS, MAX_NEURONS
from playground_game.model.playground import Playground
from playground_game.model.race import (
    CROSSES,
    FINISH_EPOCHS,
    FINISH_LOSSES,
    MIN_CONTESTANTS,
    Finish,
    Race,
)
from playground_game.model.settings import Settings, format_number
from playground_game.ui import theme as th
from playground_game.ui.race.layout import Cell
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import draw_text_button

# The finish lines the button and E step through: an epoch budget, or the first to a test
# loss (within the longest budget, so that a race nobody can win still ends), or none. The
# values are the model's (the knob table's options), so a code can ask for no other.
FINISHES: tuple[Finish, ...] = (
    *(Finish(epochs=n) for n in FINISH_EPOCHS),
    *(Finish(to_loss=loss, epochs=max(FINISH_EPOCHS)) for loss in FINISH_LOSSES),
    Finish(),
)
DEFAULT_FINISH = Finish(epochs=500)
BAR_COMMANDS: dict[str, str] = {"play": "toggle_play", "step": "step", "reset": "reset",
                                "finish": "race_finish", "add": "race_add", "share": "share",
                                "leave": "toggle_race"}
CELL_COMMANDS: dict[str, str] = {"activation": "race_activation",
                                 "optimizer": "race_optimizer", "rate": "rate_click",
                                 "crosses": "race_crosses"}


def _cycle(values: tuple, current: object) -> object:
    index = values.index(current) if current in values else -1
    return values[(index + 1) % len(values)]


def next_activation(settings: Settings) -> dict[str, object]:
    return {"activation": _cycle(ACTIVATIONS.keys(), settings.activation)}


def next_optimizer(settings: Settings) -> dict[str, object]:
    return {"optimizer": _cycle(OPTIMIZERS.keys(), settings.optimizer)}


def next_rate(settings: Settings, direction: int) -> dict[str, object] | None:
    """The next learning rate up or down the top bar's options; None at the end (a step past
    10 to 0.00001 would be a surprise, not a step)."""
    rates = LEARNING_RATES if direction > 0 else tuple(reversed(LEARNING_RATES))
    later = [r for r in rates if (r > settings.learning_rate if direction > 0
                                  else r < settings.learning_rate)]
    return {"learning_rate": later[0]} if later else None


def rate_limit_message(settings: Settings, direction: int) -> str:
    """Why [ or ] changed nothing."""
    end = "highest" if direction > 0 else "lowest"
    return (f"The learning rate is already the {end} offered "
            f"({format_number(settings.learning_rate)}).")


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


def crosses_label(settings: Settings) -> str:
    """"Crosses on", "Crosses off", or how many of the three are on ("Crosses 1/3")."""
    count = sum(key in settings.features for key in CROSSES)
    if count in (0, len(CROSSES)):
        return f"Crosses {'on' if count else 'off'}"
    return f"Crosses {count}/{len(CROSSES)}"


def control_labels(settings: Settings) -> dict[str, str]:
    activation = ("Per layer" if settings.layer_activations
                  else ACTIVATIONS[settings.activation].label)
    return {"activation": activation, "optimizer": OPTIMIZERS[settings.optimizer].label,
            "rate": f"Rate {format_number(settings.learning_rate)}",
            "crosses": crosses_label(settings)}


def unavailable(race: Race) -> dict[str, str]:
    """The controls that cannot act now ("add", "remove"), each with why: drawn dimmed, the
    reason in a card while the pointer is on them."""
    count = len(race.playgrounds)
    reasons = {}
    if count >= MAX_CONTESTANTS:
        reasons["add"] = f"A race has at most {MAX_CONTESTANTS} contestants"
    if count <= MIN_CONTESTANTS:
        reasons["remove"] = f"A race needs at least {MIN_CONTESTANTS} contestants"
    return reasons


def draw_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str,
                hovered: bool, *, primary: bool = False, dimmed: bool = False) -> None:
    """A race button, fitted to its rect; dimmed: greyed, not hovered."""
    text = fit(theme, label, rect.width)
    if not dimmed:
        draw_text_button(surface, theme, rect, text, hovered, primary=primary)
        return
    radius = theme.px(4)
    pygame.draw.rect(surface, th.NEUTRAL, rect, border_radius=radius)
    pygame.draw.rect(surface, th.BORDER, rect, width=1, border_radius=radius)
    label_surface = theme.text(text, "body", th.NAN_GREY, "Medium")
    surface.blit(label_surface, label_surface.get_rect(center=rect.center))


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
        "name": "B: ReLU   test loss 0.0000",  # a typical name: a longer one is cut
        "activation": max([row.label for row in ACTIVATIONS] + ["Per layer"], key=len),
        "optimizer": max((row.label for row in OPTIMIZERS), key=len),
        "rate": "Rate 0.00001", "crosses": "Crosses off",
    }
    return widest


def loss_text(loss: float) -> str:
    """A test loss as the cells and the banner write it: 4 decimals, so that close ones differ
    and the banner's numbers are the cells' at the finish."""
    return f"{loss:.4f}" if math.isfinite(loss) else "NaN"


def fit(theme: Theme, text: str, width: int, role: str = "body") -> str:
    """The text, cut with an ellipsis where it is wider than `width` less a little padding."""
    return theme.elide(text, role, width - theme.px(8), "Medium")


def draw_cell(surface: pygame.Surface, theme: Theme, cell: Cell, name: str,
              colour: tuple[int, int, int], playground: Playground,
              pointer: tuple[int, int] | None, remove_dimmed: bool = False) -> None:
    """A cell's name (its colour, its test loss) and its compact controls."""
    swatch = pygame.Rect(cell.name.left, 0, theme.px(14), theme.px(14))
    swatch.centery = cell.name.centery
    pygame.draw.rect(surface, colour, swatch, border_radius=theme.px(3))
    room = cell.name.right - swatch.right - theme.px(6)
    loss = f"test loss {loss_text(playground.test_loss)}"  # always whole: it says who leads
    if theme.text_size(f"{name}   {loss}", "value", "Medium")[0] > room - theme.px(8):
        loss = loss_text(playground.test_loss)  # narrow: the number without its words
    loss_width = theme.text_size(f"   {loss}", "value", "Medium")[0]
    shown = f"{fit(theme, name, room - loss_width, 'value')}   {loss}"
    text = theme.text(shown, "value", th.TEXT, "Bold")
    surface.blit(text, text.get_rect(midleft=(swatch.right + theme.px(6), cell.name.centery)))
    labels = control_labels(playground.settings)
    for key, rect in [*cell.controls.items(), ("remove", cell.remove)]:
        hovered = pointer is not None and rect.collidepoint(pointer)
        label = "Remove" if key == "remove" else labels[key]
        draw_button(surface, theme, rect, label, hovered,
                    dimmed=key == "remove" and remove_dimmed)
