"""Dropdown: a value box that opens a list of options (wheel and arrow keys step it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from playground_game.ui import theme as th
from playground_game.ui.theme import Theme
from playground_game.ui.widgets.base import Binding, Widget, event_pos, is_click, padlock_spot


class Dropdown(Widget):
    """A caption over the current value; clicking opens the list of allowed values."""

    def __init__(self, name: str, caption: str, values: Sequence[Any],
                 format_value: Callable[[Any], str], binding: Binding,
                 hide_key: str | None = None, style: str = "header",
                 format_shown: Callable[[Any], str] | None = None) -> None:
        super().__init__(name, hide_key)
        self.format_shown = format_shown or format_value  # the box's text (the list's: above)
        self.caption = caption
        self.values = tuple(values)
        self.format_value = format_value
        self.binding = binding
        self.style = style
        self.open = False
        self.highlight = -1
        self.bounds = pygame.Rect(0, 0, 10_000, 10_000)  # the window: where the list may go
        self._option_rects: list[pygame.Rect] = []
        self._list_rect = pygame.Rect(0, 0, 0, 0)

    # geometry
    def box_rect(self, theme: Theme) -> pygame.Rect:
        cap_h = theme.line_height("caption")
        return pygame.Rect(self.rect.left, self.rect.top + cap_h + theme.px(2), self.rect.width,
                           self.rect.height - cap_h - theme.px(2))

    def layout_options(self, theme: Theme) -> None:
        """Place the option list under the box (or above it when the window is too short)."""
        box = self.box_rect(theme)
        item_h = theme.line_height("body") + theme.px(10)
        widest = max(theme.text_size(self.format_value(v), "body")[0] for v in self.values)
        width = max(box.width, widest + theme.px(24))
        height = item_h * len(self.values)
        rect = pygame.Rect(box.left, box.bottom + theme.px(2), width, height)
        if rect.bottom > self.bounds.bottom and box.top - height >= self.bounds.top:
            rect.bottom = box.top - theme.px(2)
        rect.right = min(rect.right, self.bounds.right - theme.px(2))
        rect.left = max(rect.left, self.bounds.left)
        self._list_rect = rect
        self._option_rects = [pygame.Rect(rect.left, rect.top + k * item_h, rect.width, item_h)
                              for k in range(len(self.values))]

    def option_rect(self, value: Any) -> pygame.Rect | None:
        """Where the option for `value` is while the list is open (for the test pilot)."""
        if not self.open:
            return None
        for v, r in zip(self.values, self._option_rects, strict=True):
            if v == value:
                return r
        return None

    def option_at(self, pos: tuple[int, int] | None) -> int | None:
        """The index of the option under `pos` while the list is open, else None."""
        if not self.open or pos is None:
            return None
        return next((k for k, r in enumerate(self._option_rects) if r.collidepoint(pos)), None)

    def set_open(self, is_open: bool) -> None:
        self.open = is_open
        if is_open:
            current = self.binding.get()
            self.highlight = self.values.index(current) if current in self.values else -1

    def _choose(self, index: int) -> None:
        self.set_open(False)
        if 0 <= index < len(self.values) and self.values[index] != self.binding.get():
            self.binding.set(self.values[index])

    def _step(self, delta: int) -> None:
        current = self.binding.get()
        k = self.values.index(current) if current in self.values else 0
        k = max(0, min(len(self.values) - 1, k + delta))
        if self.values[k] != current:
            self.binding.set(self.values[k])

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if not self.visible:
            self.open = False
            return False
        pos = event_pos(event)
        if self.open:
            if event.type == pygame.MOUSEMOTION and pos is not None:
                self.highlight = next(
                    (k for k, r in enumerate(self._option_rects) if r.collidepoint(pos)),
                    self.highlight)
                return True
            if is_click(event):
                chosen = next((k for k, r in enumerate(self._option_rects)
                               if pos is not None and r.collidepoint(pos)), -1)
                if chosen >= 0:
                    self._choose(chosen)
                else:
                    self.set_open(False)
                return True
            if event.type == pygame.KEYDOWN:
                if event.key in (pygame.K_DOWN, pygame.K_UP):
                    delta = 1 if event.key == pygame.K_DOWN else -1
                    self.highlight = max(0, min(len(self.values) - 1, self.highlight + delta))
                elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                    self._choose(self.highlight)
                elif event.key == pygame.K_ESCAPE:
                    self.set_open(False)
                return True
            return event.type in (pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.KEYUP,
                                  pygame.TEXTINPUT)
        if is_click(event) and self.hit(pos):
            self.set_open(True)
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            self._step(-1 if getattr(event, "y", 0) > 0 else 1)
            return True
        return False

    def lock_spot(self, theme: Theme) -> pygame.Rect:
        """The caret's place: a locked list does not open."""
        box = self.box_rect(theme)
        rect = padlock_spot(min(theme.px(9), max(4, int(box.height / 1.3) - 2)))
        rect.center = (box.right - theme.px(8), box.centery)
        return rect

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        header = self.style == "header"
        muted = th.HEADER_MUTED if header else th.TEXT_MUTED
        strong = th.HEADER_TEXT if header else th.TEXT
        caption = theme.text(self.caption, "caption", muted)
        surface.blit(caption, self.rect.topleft)
        box = self.box_rect(theme)
        if self.hovered or self.open:
            pygame.draw.rect(surface, th.HEADER_HOVER if header else th.HOVER, box,
                             border_radius=theme.px(3))
        value = self.binding.get()
        text = theme.text(self.format_shown(value), "value", strong, "Medium")
        surface.blit(text, text.get_rect(midleft=(box.left + theme.px(4), box.centery)))
        # caret
        s = theme.px(4)
        cx, cy = box.right - theme.px(9), box.centery
        pygame.draw.polygon(surface, muted, [(cx - s, cy - s // 2), (cx + s, cy - s // 2),
                                             (cx, cy + s // 2 + 1)])
        pygame.draw.line(surface, muted, (box.left, box.bottom - 1), (box.right, box.bottom - 1),
                         max(1, theme.px(1)))

    def draw_list(self, surface: pygame.Surface, theme: Theme) -> None:
        """The open list, drawn after everything else so it lies on top."""
        if not (self.open and self.visible):
            return
        self.layout_options(theme)
        shadow = self._list_rect.move(theme.px(2), theme.px(3))
        pygame.draw.rect(surface, th.BORDER, shadow, border_radius=theme.px(3))
        pygame.draw.rect(surface, th.PANEL, self._list_rect, border_radius=theme.px(3))
        current = self.binding.get()
        for k, (v, r) in enumerate(zip(self.values, self._option_rects, strict=True)):
            if k == self.highlight:
                pygame.draw.rect(surface, th.HOVER, r)
            weight = "Bold" if v == current else None
            text = theme.text(self.format_value(v), "body", th.TEXT, weight)
            surface.blit(text, text.get_rect(midleft=(r.left + theme.px(10), r.centery)))
        pygame.draw.rect(surface, th.BORDER, self._list_rect, width=1, border_radius=theme.px(3))


# -- Slider ---------------------------------------------------------------------------------
