"""The teacher's Customize panel: tick what students see, then copy the code for a lesson.

Every hideable component of the original (REFERENCE §1) has a box here, grouped as on the
screen; unticking one hides it in the window at once (the change goes through
`Playground.apply`, so it can be undone) and adds `NAME_hide=true` to the code. A hidden feature
is removed from the network's inputs. "Explanatory text" is the web's hideText. The code below
the boxes is the one "Copy code" puts on the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from playground_game.model.knobs import HIDEABLE, KNOB_BY_KEY, hide_label, hideables
from playground_game.model.playground import Change
from playground_game.model.settings import Settings
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import (
    DIALOG_WIDTH,
    Dialog,
    blit_lines,
)
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Binding, Button, Checkbox
from playground_game.ui.widgets.code_field import CodeField

CUSTOMIZE_WIDTH = DIALOG_WIDTH + 80  # at 720p: three columns of labels
HIDE_TEXT = "hideText"  # not a NAME_hide component, but a teacher hides it the same way



def _items(*places: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, hide_label(name)) for place in places for name in hideables(place))


# (column title, ((component, label), ...)), from the knob table; every HIDEABLE name once.
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("TOP BAR AND TRAINING LAB", _items("top_bar", "lab")),
    ("DATA AND OUTPUT", (*_items("data", "output"),
                         (HIDE_TEXT, KNOB_BY_KEY[HIDE_TEXT].label))),
    ("NETWORK", _items("network")),
)
_LISTED = [name for _, items in GROUPS for name, _ in items]
if sorted(_LISTED) != sorted([*HIDEABLE, HIDE_TEXT]):
    raise RuntimeError("customize.GROUPS must list every hideable component exactly once")


def is_shown(settings: Settings, component: str) -> bool:
    """Whether a component is visible under these settings."""
    if component == HIDE_TEXT:
        return not settings.hide_text
    return component not in settings.hidden


def show_change(settings: Settings, component: str, shown: bool) -> dict[str, object]:
    """The Settings fields that show (or hide) one component."""
    if component == HIDE_TEXT:
        return {"hide_text": not shown}
    hidden = set(settings.hidden)
    (hidden.discard if shown else hidden.add)(component)
    return {"hidden": frozenset(hidden)}


class CustomizeDialog(Dialog):
    """Boxes for every component in three columns, the code, and Copy code / Done."""

    title = "Customize: what students see"
    INTRO = ("Untick what to hide, then copy the code for a lesson or a slide. "
             "Students who open it see only what is ticked.")

    def __init__(self, host: Commands) -> None:
        super().__init__(host)
        self.host: Commands = host
        self.boxes: dict[str, Checkbox] = {}
        for _, items in GROUPS:
            for component, label in items:
                binding = Binding(self._getter(component), self._setter(component))
                self.boxes[component] = Checkbox(f"show:{component}", label, binding)
        self.code_field = _code_field(host.current_code())
        self.buttons["lesson"] = Button("lesson", host.save_lesson_dialog, label="Save as lesson")
        self.buttons["copy"] = Button("copy", host.share, label="Copy code")
        self.buttons["done"] = Button("done", self.close, label="Done")
        self._titles: list[tuple[str, tuple[int, int]]] = []
        self._code_caption = (0, 0)

    def _getter(self, component: str) -> Callable[[], bool]:
        return lambda: is_shown(self.host.settings, component)

    def _setter(self, component: str) -> Callable[[bool], None]:
        def set_shown(shown: bool) -> None:
            self.host.dispatch(Change(show_change(self.host.settings, component, shown)))
            if component == "customize" and not shown:
                self.host.toast("Customize will be hidden when you press Done; Ctrl+Z or "
                                "opening another code brings it back.")
        return set_shown

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"dialog:show:COMPONENT" for a box, "dialog:copy" and "dialog:done" for the buttons."""
        if name.startswith("dialog:show:"):
            box = self.boxes.get(name.split(":", 2)[2])
            return pygame.Rect(box.rect) if box is not None and box.rect.width else None
        return super().control_rect(name)

    def layout(self) -> None:
        theme = self._theme()
        px = theme.px
        inner = self._inner_width(CUSTOMIZE_WIDTH)
        intro = theme.wrap(self.INTRO, "body", inner)
        line_h = theme.line_height("body")
        row_h = max(px(16), line_h) + px(6)
        rows = max(len(items) for _, items in GROUPS)
        title_h = theme.line_height("caption") + px(6)
        code_h = self.code_field.height_for(theme)
        caption_h = theme.line_height("caption") + px(4)
        body = (len(intro) * line_h + px(12) + title_h + rows * row_h + px(10) + caption_h
                + code_h)
        _, top, x = self._card(body, CUSTOMIZE_WIDTH)
        column_w = inner // len(GROUPS)
        y0 = top + len(intro) * line_h + px(12)
        self._titles = []
        box = px(16)
        for k, (title, items) in enumerate(GROUPS):
            cx = x + k * column_w
            self._titles.append((title, (cx, y0)))
            for r, (component, label) in enumerate(items):
                label_w = box + px(6) + theme.text_size(label, "body")[0] + px(2)
                self.boxes[component].rect = pygame.Rect(
                    cx, y0 + title_h + r * row_h, min(label_w, column_w - px(8)), row_h - px(4))
        code_top = y0 + title_h + rows * row_h + px(10)
        self._code_caption = (x, code_top)
        self.code_field.rect = pygame.Rect(x, code_top + caption_h, inner, code_h)
        self._place_buttons(("lesson", "copy", "done"))

    def handle_body_event(self, event: pygame.event.Event) -> None:
        for box in self.boxes.values():
            if box.handle_event(event):
                return
        self.code_field.handle_event(event)

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        px = theme.px
        x = self.rect.left + px(20)
        top = self.rect.top + px(20) + theme.line_height("value") + px(10)
        intro = theme.wrap(self.INTRO, "body", self.rect.width - 2 * px(20))
        blit_lines(surface, theme, intro, x, top, th.TEXT_MUTED)
        for title, pos in self._titles:
            surface.blit(theme.text(title, "caption", th.TEXT_MUTED, "Bold"), pos)
        for box in self.boxes.values():
            box.draw(surface, theme)
        surface.blit(theme.text("Code with these choices (Copy code puts it on the clipboard)",
                                "caption", th.TEXT_MUTED), self._code_caption)
        code = self.host.current_code()
        if code != self.code_field.text:
            rect = self.code_field.rect
            self.code_field = _code_field(code)
            self.code_field.rect = rect
        self.code_field.draw(surface, theme, self.code_field.rect)


def _code_field(code: str) -> CodeField:
    """The read-only preview of the code (not selected: Copy code is the way to copy it)."""
    field = CodeField(code, read_only=True, rows=2)
    field.selected = False
    return field
