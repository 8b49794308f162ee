"""Button, Dropdown, Slider, Checkbox and dataset Thumbnail: small sprites with a rect.

Each widget follows the loop contract `handle_event(event) -> bool` (True when consumed) and
`draw(surface, theme)`. Widgets never change the model themselves: they read their value through a
`Binding` and report a new value through it, which the scene turns into an action for
`Playground.apply` (intent flows up, state flows down). Positions are read from `event.pos`, never
from the mouse, so posted test events and a real hand take the same path.

Two drawing helpers serve the other views too: `draw_text_button` (a flat text button) and
`draw_wrapped` (paragraphs wrapped into a rect).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pygame

from playground_game.ui import theme as th
from playground_game.ui.heatmap import point_colour, point_pixel
from playground_game.ui.theme import Theme

LEFT = 1


@dataclass(frozen=True)
class Binding:
    """Where a control's value lives: `get` reads it, `set` asks for a change."""

    get: Callable[[], Any]
    set: Callable[[Any], None]


def is_click(event: pygame.event.Event) -> bool:
    """A left-button press (posted test events may lack fields a real event has)."""
    return event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == LEFT


def event_pos(event: pygame.event.Event) -> tuple[int, int] | None:
    """The event's own position, or None for events without one."""
    pos = getattr(event, "pos", None)
    return pos if isinstance(pos, tuple) else None


class Widget:
    """Base: a name (the pilot's handle), a rect, a visibility flag and hover tracking."""

    def __init__(self, name: str, hide_key: str | None = None) -> None:
        self.name = name
        self.hide_key = hide_key
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.visible = True
        self.hovered = False

    def hit(self, pos: tuple[int, int] | None) -> bool:
        return self.visible and pos is not None and self.rect.collidepoint(pos)

    def track_hover(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.hit(event_pos(event))
        elif event.type == pygame.WINDOWLEAVE:
            self.hovered = False

    def handle_event(self, event: pygame.event.Event) -> bool:
        """React to one event; True when it was meant for this widget."""
        self.track_hover(event)
        return False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        raise NotImplementedError


def draw_wrapped(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                 paragraphs: Sequence[str], role: str, colour: tuple[int, int, int]) -> None:
    """Wrapped paragraphs inside rect, top-aligned; lines that would not fit are dropped."""
    y = rect.top
    line_h = theme.line_height(role)
    for paragraph in paragraphs:
        for line in theme.wrap(paragraph, role, rect.width):
            if y + line_h > rect.bottom + 1:
                return
            surface.blit(theme.text(line, role, colour), (rect.left, y))
            y += line_h


# -- Button ---------------------------------------------------------------------------------


def draw_icon(surface: pygame.Surface, icon: str, centre: tuple[int, int], size: int,
              colour: tuple[int, int, int]) -> None:
    """Simple vector icons (Roboto lacks the symbol glyphs): play, pause, step, reset."""
    cx, cy = centre
    h = size / 2
    if icon == "play":
        pts = [(cx - h * 0.6, cy - h), (cx - h * 0.6, cy + h), (cx + h, cy)]
        pygame.draw.polygon(surface, colour, pts)
    elif icon == "pause":
        bar = max(2, round(size * 0.28))
        pygame.draw.rect(surface, colour, (round(cx - h * 0.75), round(cy - h), bar, round(size)))
        pygame.draw.rect(surface, colour,
                         (round(cx + h * 0.75) - bar, round(cy - h), bar, round(size)))
    elif icon == "step":
        pts = [(cx - h, cy - h), (cx - h, cy + h), (cx + h * 0.45, cy)]
        pygame.draw.polygon(surface, colour, pts)
        bar = max(2, round(size * 0.2))
        pygame.draw.rect(surface, colour, (round(cx + h * 0.55), round(cy - h), bar, round(size)))
    elif icon == "reset":
        r = round(h)
        width = max(2, round(size * 0.16))
        box = pygame.Rect(0, 0, 2 * r, 2 * r)
        box.center = centre
        pygame.draw.arc(surface, colour, box, math.radians(100), math.radians(390), width)
        # arrowhead at the arc's start (top, pointing left)
        ax, ay = cx + r * math.cos(math.radians(100)), cy - r * math.sin(math.radians(100))
        a = size * 0.32
        pygame.draw.polygon(surface, colour, [(ax + a * 0.2, ay - a), (ax + a * 0.2, ay + a),
                                              (ax - a, ay)])


def draw_text_button(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, label: str,
                     hovered: bool, *, primary: bool = False, border: int = 1) -> None:
    """A rounded text button: white with a `border`-pixel grey edge, or filled when `primary`."""
    radius = theme.px(4)
    if primary:
        pygame.draw.rect(surface, th.HEADER_HOVER if hovered else th.ACCENT, rect,
                         border_radius=radius)
        colour = th.HEADER_TEXT
    else:
        pygame.draw.rect(surface, th.HOVER if hovered else th.PANEL, rect, border_radius=radius)
        pygame.draw.rect(surface, th.BORDER, rect, width=border, border_radius=radius)
        colour = th.TEXT
    text = theme.text(label, "body", colour, "Medium")
    surface.blit(text, text.get_rect(center=rect.center))


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


class Dropdown(Widget):
    """A caption over the current value; clicking opens the list of allowed values."""

    def __init__(self, name: str, caption: str, values: Sequence[Any],
                 format_value: Callable[[Any], str], binding: Binding,
                 hide_key: str | None = None, style: str = "header") -> None:
        super().__init__(name, hide_key)
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
        text = theme.text(self.format_value(value), "value", strong, "Medium")
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


class Slider(Widget):
    """A caption with the value, over a track with a knob; drag, click or wheel to change."""

    def __init__(self, name: str, caption: str, low: int, high: int, step: int,
                 format_value: Callable[[Any], str], binding: Binding,
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.caption = caption
        self.low, self.high, self.step = low, high, step
        self.format_value = format_value
        self.binding = binding
        self.dragging = False
        self._track = pygame.Rect(0, 0, 0, 0)

    def track_rect(self, theme: Theme) -> pygame.Rect:
        cap_h = theme.line_height("body")
        pad = theme.px(9)
        top = self.rect.top + cap_h + (self.rect.height - cap_h) // 2 - theme.px(2)
        return pygame.Rect(self.rect.left + pad, top, self.rect.width - 2 * pad, theme.px(4))

    def set_theme(self, theme: Theme) -> None:
        self._track = self.track_rect(theme)

    def position_of(self, value: int) -> tuple[int, int]:
        """Screen point of `value` on the track (for the test pilot)."""
        t = self._track
        frac = (value - self.low) / (self.high - self.low)
        return (round(t.left + frac * t.width), t.centery)

    def value_at(self, x: int) -> int:
        t = self._track
        frac = 0.0 if t.width <= 0 else min(1.0, max(0.0, (x - t.left) / t.width))
        steps = round(frac * (self.high - self.low) / self.step)
        return int(self.low + steps * self.step)

    def _propose(self, value: int) -> None:
        value = max(self.low, min(self.high, value))
        if value != self.binding.get():
            self.binding.set(value)

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if not self.visible:
            self.dragging = False
            return False
        pos = event_pos(event)
        if is_click(event) and self.hit(pos):
            self.dragging = True
            self._propose(self.value_at(pos[0]))
            return True
        if event.type == pygame.MOUSEMOTION and self.dragging and pos is not None:
            self._propose(self.value_at(pos[0]))
            return True
        if event.type == pygame.MOUSEBUTTONUP and self.dragging:
            self.dragging = False
            return True
        if event.type == pygame.MOUSEWHEEL and self.hovered:
            current = self.binding.get()
            self._propose(current + (self.step if getattr(event, "y", 0) > 0 else -self.step))
            return True
        return False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        value = self.binding.get()
        caption = theme.text(f"{self.caption}:", "body", th.TEXT_MUTED)
        surface.blit(caption, self.rect.topleft)
        shown = theme.text(self.format_value(value), "body", th.TEXT, "Bold")
        x = self.rect.left + caption.get_width() + theme.px(5)
        if x + shown.get_width() > self.rect.right:  # long caption: value on its own at the right
            x = self.rect.right - shown.get_width()
        surface.blit(shown, (x, self.rect.top))
        t = self._track
        pygame.draw.rect(surface, th.BORDER, t, border_radius=t.height // 2)
        kx, ky = self.position_of(max(self.low, min(self.high, value)))
        pygame.draw.rect(surface, th.ACCENT, (t.left, t.top, kx - t.left, t.height),
                         border_radius=t.height // 2)
        radius = theme.px(8 if (self.hovered or self.dragging) else 7)
        pygame.draw.circle(surface, th.ACCENT, (kx, ky), radius)
        pygame.draw.circle(surface, th.PANEL, (kx, ky), max(1, radius // 3))


# -- Checkbox -------------------------------------------------------------------------------


class Checkbox(Widget):
    """A box and its label; the whole rect is the hit area."""

    def __init__(self, name: str, label: str, binding: Binding,
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.label = label
        self.binding = binding

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if is_click(event) and self.hit(event_pos(event)):
            self.binding.set(not self.binding.get())
            return True
        return False

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        size = theme.px(16)
        box = pygame.Rect(self.rect.left, 0, size, size)
        box.centery = self.rect.centery
        checked = bool(self.binding.get())
        radius = theme.px(3)
        if checked:
            pygame.draw.rect(surface, th.ACCENT, box, border_radius=radius)
            w = max(2, theme.px(2))
            pts = [(box.left + size * 0.22, box.top + size * 0.52),
                   (box.left + size * 0.42, box.top + size * 0.72),
                   (box.left + size * 0.78, box.top + size * 0.3)]
            pygame.draw.lines(surface, th.PANEL, False, pts, w)
        else:
            pygame.draw.rect(surface, th.PANEL, box, border_radius=radius)
            colour = th.ACCENT if self.hovered else th.TEXT_MUTED
            pygame.draw.rect(surface, colour, box, width=max(1, theme.px(1.5)),
                             border_radius=radius)
        text = theme.text(self.label, "body", th.TEXT)
        surface.blit(text, text.get_rect(midleft=(box.right + theme.px(6), self.rect.centery)))


# -- Dataset thumbnail ----------------------------------------------------------------------


class Thumbnail(Widget):
    """A dataset's small scatter (x to the right, y up, like every map); click to choose it."""

    def __init__(self, name: str, label: str, points: np.ndarray, regression: bool,
                 is_selected: Callable[[], bool], on_select: Callable[[], None],
                 hide_key: str | None = None) -> None:
        super().__init__(name, hide_key)
        self.label = label
        self.points = points
        self.regression = regression
        self.is_selected = is_selected
        self.on_select = on_select
        self._cache: pygame.Surface | None = None

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.track_hover(event)
        if is_click(event) and self.hit(event_pos(event)):
            if not self.is_selected():
                self.on_select()
            return True
        return False

    def _render(self, theme: Theme) -> pygame.Surface:
        size = self.rect.size
        if self._cache is None or self._cache.get_size() != size:
            surf = pygame.Surface(size)
            surf.fill(th.PANEL)
            w, h = size
            radius = max(1, round(min(w, h) / 45))
            for x, y, label in self.points:
                pygame.draw.circle(surf, point_colour(label, self.regression),
                                   point_pixel(x, y, w, h), radius)
            self._cache = surf
        return self._cache

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if not self.visible:
            return
        surface.blit(self._render(theme), self.rect)
        if self.is_selected():
            pygame.draw.rect(surface, th.ACCENT, self.rect.inflate(theme.px(4), theme.px(4)),
                             width=max(2, theme.px(2.5)))
        elif self.hovered:
            pygame.draw.rect(surface, th.TEXT_MUTED, self.rect.inflate(theme.px(2), theme.px(2)),
                             width=max(1, theme.px(1.5)))
        else:
            pygame.draw.rect(surface, th.BORDER, self.rect, width=1)
