"""The divergence card: training blew up: say so, pause, and offer a fix.

A run has blown up (`blow_up`) when
- NAN: the losses are no longer finite numbers (`Playground.diverged`);
- EXPLODED: a loss is finite but more than EXPLODED_RATIO times the untrained network's (the
  epoch-0 loss): no run that learns ever climbs far above where it started, and a loss that
  grows like this is NaN a few epochs later;
- STALLED: at a learning rate of HUGE_RATE or more, the training loss has stayed within
  STALL_TOLERANCE of itself for STALL_EPOCHS epochs while worse than the untrained network's:
  the steps overshot so far that the units saturated (tanh at +-1, ReLU dead) and their
  gradients vanished, so the run will not come back by itself. Below HUGE_RATE no run is
  judged stalled (a slow start at a sane rate is learning, and a lower rate would not help).

The app pauses training when a step leaves the run blown up and shows this card over the
network view: what happened in one sentence, and two buttons. "Lower the rate and reset"
dispatches the next lower learning rate of the knob's options, then a Reset, like any other
change (so undo and lesson locks apply); "Keep it" closes the card, and a run that is merely
stuck or huge may then train on (NaN pauses again: there is nothing left to watch). The card goes
by itself when the run is no longer blown up (Reset, Undo, a new experiment).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.knobs import LEARNING_RATES
from playground_game.model.playground import Playground
from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import draw_text_button, draw_wrapped, event_pos, is_click

NAN, EXPLODED, STALLED = "nan", "exploded", "stalled"
EXPLODED_RATIO = 1000.0
HUGE_RATE = 1.0
STALL_EPOCHS = 50
STALL_TOLERANCE = 1e-3  # relative: max - min over the epochs, as a part of the loss
LOSS_FLOOR = 1e-2  # an untrained loss below this counts as this (a ratio to ~0 means nothing)
TITLES = {NAN: "Training diverged", EXPLODED: "Training diverged", STALLED: "Training is stuck"}
BUTTONS = (("fix", "Lower the rate and reset"), ("close", "Keep it"))


def blow_up(playground: Playground) -> str | None:
    """NAN, EXPLODED or STALLED when the run has blown up (see the module docstring), else
    None. Reads the last STALL_EPOCHS losses only: cheap enough for every frame."""
    if playground.diverged:
        return NAN
    train, test = playground.train_losses, playground.test_losses
    start = max(train[0], LOSS_FLOOR)
    if max(train[-1], test[-1]) > EXPLODED_RATIO * start:
        return EXPLODED
    if playground.settings.learning_rate < HUGE_RATE or len(train) <= STALL_EPOCHS:
        return None
    recent = train[-STALL_EPOCHS:]
    high, low = max(recent), min(recent)
    if low > train[0] and high - low <= STALL_TOLERANCE * high:
        return STALLED
    return None


def lower_learning_rate(rate: float) -> float:
    """The largest option of the learning-rate knob at most a tenth of `rate` (one step down
    often blows up too), or the lowest option."""
    lower = [r for r in LEARNING_RATES if r <= rate / 10 + 1e-12]
    return lower[-1] if lower else LEARNING_RATES[0]


def explanation(kind: str, rate: float) -> str:
    """What happened, in one paragraph, and what to try."""
    fix = f"Try a smaller learning rate ({lower_learning_rate(rate):g}) from new weights."
    if kind == STALLED:
        return (f"The loss has not moved for {STALL_EPOCHS} epochs and is worse than before "
                f"training: with learning rate {rate:g} the first steps overshot so far that "
                f"the network landed where its gradients vanish, and it no longer learns. "
                f"{fix}")
    if kind == EXPLODED:
        return (f"The loss is more than {EXPLODED_RATIO:g} times what it was before "
                f"training: with learning rate {rate:g} each step overshot and the weights "
                f"are growing without bound. {fix}")
    return (f"The losses are no longer numbers: with learning rate {rate:g} each step "
            "overshot, the weights grew without bound and every picture went grey. " + fix)


class DivergenceCard:
    """A card over the network; a layer of the router (not modal: the rest keeps working)."""

    def __init__(self, fix: Callable[[], None], area: Callable[[], pygame.Rect],
                 rate: Callable[[], float]) -> None:
        self.shown = False
        self.kind = NAN
        self.kept = False  # "Keep it" was chosen for this run: a stuck or huge run may go on
        self._fix = fix
        self._area = area  # where the card goes: the network view
        self._rate = rate
        self._rects: dict[str, pygame.Rect] = {}  # the buttons, as last drawn
        self._card = pygame.Rect(0, 0, 0, 0)
        self._hovered: str | None = None

    def show(self, kind: str) -> None:
        self.shown = True
        self.kind = kind

    def wants_pause(self, kind: str | None) -> bool:
        """Whether a run in this state should pause and show the card: any blow-up, unless
        the user chose to keep this run and it has not become NaN."""
        return kind is not None and (kind == NAN or not self.kept)

    def hide(self) -> None:
        self.shown = False
        self._hovered = None
        self._rects = {}
        self._card = pygame.Rect(0, 0, 0, 0)

    def active(self) -> bool:
        return self.shown

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"divergence:fix" or "divergence:close" while the card shows (for the test pilot)."""
        if not self.shown or not name.startswith("divergence:"):
            return None
        return self._rects.get(name.partition(":")[2])

    def handle_event(self, event: pygame.event.Event) -> bool:
        pos = event_pos(event)
        if event.type == pygame.MOUSEMOTION:
            self._hovered = next((k for k, r in self._rects.items() if r.collidepoint(pos)), None)
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.hide()
            self.kept = True
            return True
        if not is_click(event):
            return False
        for name, rect in self._rects.items():
            if rect.collidepoint(pos):
                self.hide()
                if name == "fix":
                    self._fix()
                else:
                    self.kept = True
                return True
        return self._card.collidepoint(pos)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        area = self._area()
        px = theme.px
        pad = px(16)
        gap = px(10)
        button_h = theme.line_height("body") + px(14)
        label_ws = [theme.text_size(label, "body", "Medium")[0] + px(28) for _, label in BUTTONS]
        # Wide enough for the buttons side by side where the view allows, else one under the
        # other (big presenting text in a narrow view).
        room = min(surface.get_width(), max(area.width, px(380))) - 2 * px(8)
        width = min(room, max(px(380), area.width * 2 // 3, sum(label_ws) + gap + 2 * pad))
        text_w = width - 2 * pad
        side_by_side = sum(label_ws) + gap <= text_w
        lines = theme.wrap(explanation(self.kind, self._rate()), "body", text_w)
        rows = 1 if side_by_side else len(BUTTONS)
        buttons_h = rows * button_h + (rows - 1) * gap
        height = (pad + theme.line_height("value") + px(8) + len(lines) * theme.line_height("body")
                  + px(14) + buttons_h + pad)
        card = pygame.Rect(0, 0, width, height)
        card.center = area.center
        card.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, th.BORDER, card.move(px(2), px(3)), border_radius=px(6))
        pygame.draw.rect(surface, th.PANEL, card, border_radius=px(6))
        pygame.draw.rect(surface, th.ERROR, card, width=max(2, px(2)), border_radius=px(6))
        title = theme.text(TITLES[self.kind], "value", th.ERROR, "Bold")
        surface.blit(title, (card.left + pad, card.top + pad))
        y = card.top + pad + theme.line_height("value") + px(8)
        body = pygame.Rect(card.left + pad, y, text_w, len(lines) * theme.line_height("body"))
        draw_wrapped(surface, theme, body, lines, "body", th.TEXT)
        y = body.bottom + px(14)
        x = card.left + pad
        self._card = card
        rects = {}
        for (name, label), w in zip(BUTTONS, label_ws, strict=True):
            rect = pygame.Rect(x, y, min(w, text_w), button_h)
            draw_text_button(surface, theme, rect, label, self._hovered == name,
                             primary=name == "fix")
            rects[name] = rect
            if side_by_side:
                x = rect.right + gap
            else:
                y = rect.bottom + gap
        self._rects = rects
