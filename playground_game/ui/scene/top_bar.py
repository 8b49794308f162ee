"""The top bar: Reset, Play, Step, the learning dropdowns, the epoch counter, help and Lessons.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.playground import Playground
from playground_game.ui import theme as th
from playground_game.ui.layout import (
    LESSONS_LABEL,
    Layout,
)
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import (
    Button,
    Widget,
)


def format_epoch(epoch: int) -> str:
    """000,000 style: six digits zero-padded with a thousands comma; grows past a million."""
    return format(max(0, int(epoch)), "07,")
def draw_top_bar(surface: pygame.Surface, playground: Playground, theme: Theme,
                  layout: Layout,
                 widgets: dict[str, Widget]) -> None:
    """The header band with its buttons and dropdowns, and the epoch counter."""
    pygame.draw.rect(surface, th.HEADER, layout.panels["top_bar"])
    for name in ("reset", "play", "step", "help", "lessons", "learning_rate", "activation",
                 "regularization", "regularization_rate", "problem", "speed"):
        widgets[name].draw(surface, theme)
    slot = layout.slots["epoch"]
    surface.blit(theme.text("Epoch", "caption", th.HEADER_MUTED), slot.topleft)
    counter = theme.text(format_epoch(playground.epoch), "counter", th.HEADER_TEXT, "Medium")
    cap_h = theme.line_height("caption")
    surface.blit(counter, counter.get_rect(
        midleft=(slot.left, slot.top + cap_h + (slot.height - cap_h) // 2)))


class LessonsButton(Button):
    """The top bar's "Lessons" button: a pill in the header's colours."""

    def __init__(self, on_click: Callable[[], None]) -> None:
        super().__init__("lessons", on_click, label=LESSONS_LABEL)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        box = self.rect.inflate(0, -max(0, self.rect.height - theme.px(32)))
        fill = th.HEADER_HOVER if self.hovered else th.HEADER
        pygame.draw.rect(surface, fill, box, border_radius=box.height // 2)
        pygame.draw.rect(surface, th.HEADER_MUTED, box, width=max(1, theme.px(1.5)),
                         border_radius=box.height // 2)
        text = theme.text(self.label, "body", th.HEADER_TEXT, "Medium")
        surface.blit(text, text.get_rect(center=box.center))
