"""The window's commands for recording and claims: Record (F9) and its dialog, Verify, and
the work they keep doing between frames (a recording saved on its thread, a claim replayed).

A base class of `AppCommands` (app_commands.py), which provides the state and the commands these
use (the scene, the dialog, toasts, the playground and its code).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from playground_game.ui.overlays.record_dialog import RecordDialog
from playground_game.ui.overlays.verify import VerifyDialog
from playground_game.ui.window_recorder import WindowRecorder

if TYPE_CHECKING:
    import pygame

    from playground_game.model.playground import Playground
    from playground_game.ui.overlays.dialogs import Dialog
    from playground_game.ui.scene.scene import Scene


class RecordingCommands:
    """Record and Verify; `AppCommands` provides what they act on."""

    recorder: WindowRecorder
    dialog: Dialog | None
    scene: Scene
    screen: pygame.Surface
    help_open: bool
    _dirty: bool

    if TYPE_CHECKING:  # AppCommands' own

        def toast(self, text: str) -> None: ...

        def current_code(self) -> str: ...

        def _require_playground(self) -> Playground: ...

    def toggle_recording(self) -> None:
        """Record (F9): start capturing the window as a clip, or stop and save it."""
        if self.recorder.recording:
            self.toast(self.recorder.stop())
        else:
            refused = self.recorder.start(self.screen.get_size())
            if refused:
                self.toast(refused)
            self._dirty = True

    def record_button(self) -> None:
        """The Record button: the recording's choices, then Start; while recording, Stop."""
        if self.recorder.recording:
            self.toggle_recording()
            return
        self.scene.close_menus()
        self.help_open = False
        self.dialog = RecordDialog(self, self.recorder.options, self.toggle_recording)
        self._dirty = True

    def poll_recording(self) -> None:
        """A recording saved (or not) on its thread: say where, or why not."""
        outcome = self.recorder.poll()
        if outcome:
            self.toast(outcome)

    def finish_recording(self) -> None:
        """At the exit: a recording still running is saved (and waited for), not lost."""
        if self.recorder.recording:
            print(f"playground-game: {self.recorder.stop()}", file=sys.stderr)
        self.recorder.wait()
        outcome = self.recorder.poll()
        if outcome:
            print(f"playground-game: {outcome}", file=sys.stderr)

    def open_verify(self) -> None:
        """Verify a claim: a code and an epoch (and a test loss), replayed in the dialog; it
        opens filled in with this experiment as it stands, the claim one would post."""
        self.scene.close_menus()
        self.help_open = False
        playground = self._require_playground()
        self.dialog = VerifyDialog(self, self.current_code(), playground.epoch,
                                   playground.test_loss)
        self._dirty = True

    @property
    def verifying(self) -> bool:
        """The Verify dialog is replaying a claim."""
        return isinstance(self.dialog, VerifyDialog) and self.dialog.busy

    @property
    def working(self) -> bool:
        """Recording, saving a recording or verifying: the app keeps stepping frames."""
        return self.recorder.busy or self.verifying

    def background_frame(self) -> None:
        """Every frame: a saved recording's notice, and a slice of the Verify dialog's replay."""
        self.poll_recording()
        if isinstance(self.dialog, VerifyDialog) and self.dialog.busy:
            self.dialog.work()
            self._dirty = True
