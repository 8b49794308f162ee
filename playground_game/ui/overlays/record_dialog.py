"""Record the window: the clip's width, frame rate and format, then Start recording.

The Record button opens it (while recording, the button stops instead); F9 starts and stops
at once with the choices made here last (the defaults until then: 960 px wide at most, 15
frames a second, GIF). MP4 is offered where the optional video extra is installed, and the
dialog says how to get it where it is not. It also says where the clip will go.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.clip_writer import GIF, MP4, mp4_available
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.frame_capture import clip_size
from playground_game.ui.overlays.dialogs import Dialog, blit_lines
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.ui.widgets.drawing import draw_text_button
from playground_game.ui.window_recorder import (
    RecordingOptions,
    longest_seconds,
    longest_text,
    recordings_dir,
)

CHOICES: tuple[tuple[str, str, tuple[tuple[str, object], ...]], ...] = (
    # (option field, label, ((button text, value), ...))
    ("max_width", "Width at most", (("480 px", 480), ("640 px", 640), ("960 px", 960),
                                    ("1280 px", 1280), ("1920 px", 1920))),
    ("fps", "Frames a second", (("10", 10.0), ("15", 15.0), ("24", 24.0), ("30", 30.0))),
    ("suffix", "Format", (("GIF", GIF), ("MP4", MP4))),
)


class RecordDialog(Dialog):
    """The recording's options as rows of choices; Start recording uses them."""

    title = "Record the window"
    INTRO = ("Records the window as it is drawn (the recording mark is not in the clip), for "
             "up to {seconds} at these choices. F9 starts and stops with them too.")

    def __init__(self, host: Commands, options: RecordingOptions,
                 start: Callable[[], None]) -> None:
        super().__init__(host)
        self.options = options
        self._start = start
        self.choices: dict[str, Button] = {}
        for field, _, values in CHOICES:
            for text, value in values:
                if value == MP4 and not mp4_available():
                    continue
                self.choices[f"{field}:{text}"] = Button(
                    f"{field}:{text}", lambda f=field, v=value: setattr(self.options, f, v),
                    label=text)
        self.buttons["start"] = Button("start", self.start, label="Start recording")
        self.buttons["cancel"] = Button("cancel", self.close, label="Cancel")
        self._labels: list[tuple[str, tuple[int, int]]] = []

    def start(self) -> None:
        self.close()
        self._start()

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"dialog:FIELD:TEXT" for a choice ("dialog:fps:24"), "dialog:start", "dialog:cancel"."""
        choice = self.choices.get(name.split(":", 1)[1]) if name.startswith("dialog:") else None
        if choice is not None and choice.rect.width:
            return pygame.Rect(choice.rect)
        return super().control_rect(name)

    def _intro(self) -> str:
        size = clip_size(self.host.screen.get_size(), max_width=self.options.max_width)
        return self.INTRO.format(seconds=longest_text(longest_seconds(self.options, size)))

    def _notes(self, theme: Theme, width: int) -> list[str]:
        where = f"Clips are saved in {recordings_dir()}."
        if not mp4_available():
            where += (" MP4 needs the optional video extra: pip install "
                      "\"playground-game[video]\".")
        return theme.wrap(where, "caption", width)

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width(660)
        intro = theme.wrap(self._intro(), "body", inner)
        line_h = theme.line_height("body")
        row_h = max(theme.px(30), line_h + theme.px(10))
        label_w = max(theme.text_size(label, "body")[0] for _, label, _ in CHOICES) + theme.px(14)
        notes = self._notes(theme, inner)
        body = (len(intro) * line_h + theme.px(12) + len(CHOICES) * (row_h + theme.px(8))
                + len(notes) * theme.line_height("caption"))
        _, top, x = self._card(body, 660)
        y = top + len(intro) * line_h + theme.px(12)
        self._labels = []
        gap = theme.px(6)
        for field, label, values in CHOICES:
            self._labels.append((label, (x, y + (row_h - line_h) // 2)))
            bx = x + label_w
            for text, _ in values:
                button = self.choices.get(f"{field}:{text}")
                if button is None:
                    continue
                width = theme.text_size(text, "body", "Medium")[0] + theme.px(20)
                button.rect = pygame.Rect(bx, y, width, row_h)
                bx += width + gap
            y += row_h + theme.px(8)
        self._place_buttons(("cancel", "start"))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        for button in self.choices.values():
            if button.handle_event(event):
                return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()

    def _selected(self, field: str, value: object) -> bool:
        return bool(getattr(self.options, field) == value)

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        pad = theme.px(20)
        x = self.rect.left + pad
        width = self.rect.width - 2 * pad
        intro = theme.wrap(self._intro(), "body", width)
        blit_lines(surface, theme, intro, x,
                   self.rect.top + pad + theme.line_height("value") + theme.px(10), th.TEXT)
        for label, pos in self._labels:
            surface.blit(theme.text(label, "body", th.TEXT), pos)
        for field, _, values in CHOICES:
            for text, value in values:
                button = self.choices.get(f"{field}:{text}")
                if button is not None:
                    draw_text_button(surface, theme, button.rect, text, button.hovered,
                                     primary=self._selected(field, value))
        last = max((b.rect.bottom for b in self.choices.values()), default=self.rect.top)
        blit_lines(surface, theme, self._notes(theme, width), x, last + theme.px(8),
                   th.TEXT_MUTED, role="caption")
