"""Button: round with an icon and a caption (the top bar), or a flat text button."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Widget, event_pos, is_click
from playground_game.ui.widgets.drawing import draw_icon, draw_text_button


class Button(Widget):
    """A clickable button: round with an icon and a caption (top bar), or a flat text button."""

    def __init__(self, name: str, on_click: Callable[[], None], *, label: str = "",
                 icon: Callable[[], str] | None = None, caption: Callable[[], str] | None = None,
                 style: str = "flat", hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.on_click = on_click
        self.label = label
        self.icon = icon
        self.caption = caption
        self.style = style

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if is_click(event) and self.hit(event_pos(event)):
            self.on_click()
            return True
        return False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        if self.style == "flat":
            self._draw_flat(surface, theme)
        else:
            self._draw_round(surface, theme)

    def _draw_flat(self, surface: pygame.Surface, theme: Theme) -> None:
        draw_text_button(surface, theme, self.rect, self.label, self.hovered,
                         border=max(1, theme.px(1)))

    def _draw_round(self, surface: pygame.Surface, theme: Theme) -> None:
        caption = self.caption() if self.caption else ""
        cap_h = theme.line_height("caption") if caption else 0
        big = self.style == "primary"
        radius = min(self.rect.width, self.rect.height - cap_h) // 2 - theme.px(1)
        if not big:
            radius = round(radius * 0.78)
        centre = (self.rect.centerx, self.rect.top + (self.rect.height - cap_h) // 2)
        if big:
            fill = th.NEUTRAL if self.hovered else th.PANEL
            pygame.draw.circle(surface, fill, centre, radius)
            icon_colour = th.HEADER
        else:
            fill = th.HEADER_HOVER if self.hovered else th.HEADER
            pygame.draw.circle(surface, fill, centre, radius)
            pygame.draw.circle(surface, th.HEADER_MUTED, centre, radius, max(1, theme.px(1.5)))
            icon_colour = th.HEADER_TEXT
        if self.icon:
            draw_icon(surface, self.icon(), centre, radius * (0.8 if big else 0.95), icon_colour)
        elif self.label:
            text = theme.text(self.label, "value", th.HEADER_TEXT, "Bold")
            surface.blit(text, text.get_rect(center=centre))
        if caption:
            text = theme.text(caption, "caption", th.HEADER_MUTED)
            surface.blit(text, text.get_rect(midbottom=(self.rect.centerx, self.rect.bottom)))


# -- Dropdown -------------------------------------------------------------------------------
