"""A test pilot: the real app, headless, driven by widget name with real pygame events.

    pilot = Pilot()                  # opens the app under SDL's dummy video driver
    pilot.click("play")              # MOUSEBUTTONDOWN/UP at the Play button's centre, one frame
    pilot.choose("activation", "relu")
    pilot.set_slider("noise", 25)
    pilot.key("space")
    pilot.hover(unit=(1, 0))         # MOUSEMOTION over a unit of the network view
    pilot.frame(10)                  # ten frames of 1/60 s through the same loop a user hits
    pilot.surface, pilot.playground, pilot.app

Events are posted to pygame's queue and consumed by `App.step_frame`, exactly like a user's.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from typing import Any  # noqa: E402

import pygame  # noqa: E402

from playground_game.model.playground import Playground  # noqa: E402
from playground_game.model.settings import Settings  # noqa: E402
from playground_game.ui.app import App  # noqa: E402
from playground_game.ui.widgets import Dropdown, Slider  # noqa: E402


class Pilot:
    """Drives one App instance; create one per test and `close()` it (or use as a context)."""

    def __init__(self, settings: Settings | None = None, size: tuple[int, int] = (1280, 720),
                 speed: int = 1, **options: Any) -> None:
        # The playground directly (no level screen) unless a test asks: App(show_levels=True).
        options.setdefault("show_levels", False)
        self.app = App(settings or Settings(), size=size, speed=speed, **options)
        self.app.strict = True  # a bug raises in the test instead of showing the error card
        self.app.load()
        pygame.event.clear()
        self.mouse = (0, 0)
        self.frame()

    def __enter__(self) -> Pilot:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        pygame.display.quit()

    # -- reading -------------------------------------------------------------------------

    @property
    def surface(self) -> pygame.Surface:
        return self.app.screen

    @property
    def playground(self) -> Playground:
        assert self.app.playground is not None
        return self.app.playground

    def widget(self, name: str) -> Any:
        return self.app.scene.widgets[name]

    def rect(self, name: str) -> pygame.Rect:
        """A control's rect: scene widgets, "dropdown=value" options, network view controls,
        "level:ID" / "lesson:next" (lessons), "dialog:NAME" (the open dialog), or
        "unit:LAYER:INDEX"."""
        view = self.app.network_view
        if name.startswith("unit:"):
            _, layer, unit = name.split(":")
            assert view is not None, "the network view is not available"
            return view.unit_rect(int(layer), int(unit))
        if name.startswith("dialog:"):  # "dialog:open", "dialog:field", "dialog:show:noise"
            dialog = self.app.dialog
            found = dialog.control_rect(name) if dialog is not None else None
            if found is None:
                raise LookupError(f"no open dialog with a control named {name!r}")
            return found
        found = self.app.levels.control_rect(name)  # "level:ID", "level:free"
        if found is None:
            found = self.app.divergence.control_rect(name)  # "divergence:fix", ":close"
        if found is None:
            found = self.app.lesson_panel.control_rect(name)  # "lesson:next", "lesson:hint"
        if found is None:
            found = self.app.scene.control_rect(name)
        if found is None and view is not None:
            found = view.control_rect(name)
        if found is None:
            raise LookupError(f"no visible control named {name!r}")
        return found

    # -- acting --------------------------------------------------------------------------

    def post(self, kind: int, **attrs: Any) -> None:
        """Post an event; a position is in layout pixels (what `rect` gives), posted in window
        pixels (they differ when a small window shows the layout scaled: ui/window.py)."""
        if "pos" in attrs and self.app.view.canvas is not None:
            factor = self.app.view.factor
            attrs["pos"] = (int(attrs["pos"][0] / factor), int(attrs["pos"][1] / factor))
        pygame.event.post(pygame.event.Event(kind, **attrs))

    def move(self, pos: tuple[int, int], buttons: tuple[int, int, int] = (0, 0, 0)) -> None:
        rel = (pos[0] - self.mouse[0], pos[1] - self.mouse[1])
        self.post(pygame.MOUSEMOTION, pos=pos, rel=rel, buttons=buttons, touch=False)
        self.mouse = pos

    def click(self, name: str | None = None, *, pos: tuple[int, int] | None = None,
              button: int = 1, frames: int = 1) -> None:
        """Move to a control (or a point), press and release there, then run frames."""
        if pos is None:
            assert name is not None
            pos = self.rect(name).center
        self.move(pos)
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=False)
        self.frame(frames)

    def choose(self, dropdown: str, value: Any) -> None:
        """Open a dropdown and click one of its options."""
        widget = self.widget(dropdown)
        assert isinstance(widget, Dropdown)
        self.click(dropdown)
        option = widget.option_rect(value)
        assert option is not None, f"{dropdown} did not open or has no option {value!r}"
        self.click(pos=option.center)

    def set_slider(self, name: str, value: int) -> None:
        """Click the slider's track where `value` sits."""
        widget = self.widget(name)
        assert isinstance(widget, Slider)
        self.click(pos=widget.position_of(value))

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 5) -> None:
        self.move(start)
        self.post(pygame.MOUSEBUTTONDOWN, pos=start, button=1, touch=False)
        for k in range(1, steps + 1):
            x = round(start[0] + (end[0] - start[0]) * k / steps)
            y = round(start[1] + (end[1] - start[1]) * k / steps)
            self.move((x, y), buttons=(1, 0, 0))
        self.post(pygame.MOUSEBUTTONUP, pos=end, button=1, touch=False)
        self.frame()

    def key(self, name: str, mod: int = 0, unicode: str = "") -> None:
        """Press and release a key by pygame name ("space", "right", "f11", "h")."""
        code = pygame.key.key_code(name)
        self.post(pygame.KEYDOWN, key=code, mod=mod, unicode=unicode, scancode=0)
        self.post(pygame.KEYUP, key=code, mod=mod, unicode=unicode, scancode=0)
        self.frame()

    def type(self, text: str) -> None:
        """Type text (TEXTINPUT events), as a keyboard does in a text field."""
        for char in text:
            self.post(pygame.TEXTINPUT, text=char)
        self.frame()

    def hover(self, name: str | None = None, *, unit: tuple[int, int] | None = None,
              pos: tuple[int, int] | None = None) -> None:
        """Move the mouse over a control, a unit (layer, index) or a point."""
        if unit is not None:
            name = f"unit:{unit[0]}:{unit[1]}"
        if pos is None:
            assert name is not None
            pos = self.rect(name).center
        self.move(pos)
        self.frame()

    def frame(self, count: int = 1) -> None:
        self.app.run_frames(count)

    def resize(self, width: int, height: int) -> None:
        self.app.resize(width, height)
        pygame.event.clear()
        self.frame()
