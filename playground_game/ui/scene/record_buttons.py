"""Record and Verify: a row of two buttons under the experiment code's buttons (Share, Open,
Customize, Training lab), in the data column; and Race networks, across the column under them.

They are placed from the layout's slots for those buttons, in the room the data column leaves
under them, so the layout's own tables stay as they are; where the column has no room (a short
window, presentation mode) a row is not shown, and its key still works (F9 records, C races).
Record reads "Stop" with a red dot while recording; Verify opens "Verify a claim"
(overlays/verify.py); Race networks starts a race from the experiment on screen (ui/race/).
"""

from __future__ import annotations

from typing import Protocol

import pygame

from playground_game.model.playground import Playground
from playground_game.ui.layout import Layout
from playground_game.ui.layout_data import CODE_BUTTONS
from playground_game.ui.recording_mark import MARK_RED
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.ui.window_recorder import WindowRecorder

ROW = ("record", "verify", "race")


def row_rects(layout: Layout, theme: Theme) -> dict[str, pygame.Rect]:
    """Where the two buttons go, or {} when the data column has no room under the code's."""
    above = [layout.slots[name] for name in CODE_BUTTONS if name in layout.slots]
    data = layout.panels.get("data")
    if not above or data is None or layout.presenting:
        return {}
    gap = theme.px(8)
    height = max(r.height for r in above)
    top = max(r.bottom for r in above) + gap
    if top + height > data.bottom:
        return {}
    width = (data.width - gap) // 2
    rects = {"record": pygame.Rect(data.left, top, width, height),
             "verify": pygame.Rect(data.left + width + gap, top, data.width - width - gap,
                                   height)}
    race_top = top + height + gap
    if race_top + height <= data.bottom:
        rects["race"] = pygame.Rect(data.left, race_top, data.width, height)
    return rects


class RecordingHost(Protocol):
    """What the row reads from the app, and the two commands it calls."""

    layout: Layout
    theme: Theme
    recorder: WindowRecorder
    playground: Playground | None

    def record_button(self) -> None: ...
    def open_verify(self) -> None: ...
    def toggle_race(self) -> None: ...


class RecordButtons:
    """The row's two buttons as a layer of the window (`ui/layers.py`)."""

    def __init__(self, host: RecordingHost) -> None:
        self.host = host
        self.buttons = {"record": Button("record", host.record_button, label="Record"),
                        "verify": Button("verify", host.open_verify, label="Verify"),
                        "race": Button("race", host.toggle_race, label="Race networks")}

    def _recording(self) -> bool:
        return self.host.recorder.recording

    def place(self) -> None:
        rects = row_rects(self.host.layout, self.host.theme)
        for name, button in self.buttons.items():
            button.rect = rects.get(name, pygame.Rect(0, 0, 0, 0))

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"record", "verify" or "race" for the test pilot, when shown."""
        self.place()
        button = self.buttons.get(name)
        return pygame.Rect(button.rect) if button is not None and button.rect.width else None

    def active(self) -> bool:
        return self.host.playground is not None

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.place()
        taken = False
        for button in self.buttons.values():
            if button.rect.width and button.handle_event(event):
                taken = True
        return taken and event.type != pygame.MOUSEMOTION

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        self.place()
        record = self.buttons["record"]
        record.label = "Stop" if self._recording() else "Record"
        for button in self.buttons.values():
            if button.rect.width:
                button.draw(surface, theme)
        if record.rect.width and self._recording():
            radius = max(4, theme.px(5))
            pygame.draw.circle(surface, MARK_RED,
                               (record.rect.left + theme.px(10), record.rect.centery), radius)
