"""Record (F9 or the button) and Verify a claim, in the real app driven by real events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest
from PIL import Image
from pilot import Pilot

from playground_game.clip_writer import mp4_available
from playground_game.model.bookmark import parse_code
from playground_game.model.playground import Playground, Train
from playground_game.ui.overlays.record_dialog import RecordDialog
from playground_game.ui.overlays.verify import VerifyDialog
from playground_game.ui.recording_mark import MARK_RED, draw_mark, elapsed_text
from playground_game.ui.theme import Theme

CODE = "dataset=xor&networkShape=3&seed=0.5"


class StepClock:
    """A clock the test moves: each frame of the pilot is 1/60 s of the recording's time."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pilot(tmp_path: Path) -> Iterator[Pilot]:
    with Pilot(parse_code(CODE).settings) as p:
        p.app.recorder.folder = tmp_path / "clips"
        yield p


def _press(pilot: Pilot, name: str) -> None:
    """Click Record or Verify (the row under the code's buttons)."""
    rect = pilot.app.layers.record_buttons.control_rect(name)
    assert rect is not None, f"{name} is not shown"
    pilot.click(pos=rect.center)


def _frames(pilot: Pilot, clock: StepClock, count: int) -> None:
    for _ in range(count):
        clock.now += 1 / 60
        pilot.frame()


def _saved(pilot: Pilot) -> Path:
    pilot.app.recorder.wait(30)
    pilot.frame()  # the next frame takes the saver's notice
    path = pilot.app.recorder.last_path
    assert path is not None and path.exists()
    assert any(f"as {path}" in toast.text for toast in pilot.app.toasts)
    return path


def test_the_record_key_records_the_playing_window_to_a_gif(pilot: Pilot) -> None:
    clock = StepClock()
    pilot.app.recorder.clock = clock
    pilot.key("space")  # play
    pilot.key("f9")
    assert pilot.app.recorder.recording
    assert "960x540 \u00b7 15 fps \u00b7 max 30 s" in pilot.app.recorder.detail()
    assert not pilot.app.toasts  # the mark says it: a notice would be in the clip
    _frames(pilot, clock, 40)  # 40 frames of 1/60 s: 10 of the clip's at 15 a second
    assert not pilot.app.idle()
    pilot.key("f9")
    assert not pilot.app.recorder.recording
    path = _saved(pilot)
    with Image.open(path) as gif:
        assert gif.size == (960, 540)  # 1280 x 720 scaled to at most 960 wide
        assert 9 <= gif.n_frames <= 11  # playing: every frame differs (the epoch moves on)
        gif.seek(0)
        first = np.asarray(gif.convert("RGB"))
        gif.seek(gif.n_frames - 1)
        last = np.asarray(gif.convert("RGB"))
    assert not np.array_equal(first, last)
    # The mark was on screen, never in the clip: no pixel of its red anywhere in a frame.
    assert not np.all(last == MARK_RED, axis=-1).any()
    assert pilot.app.playground.epoch > 30  # the app kept training throughout


def test_the_mark_shows_and_leaves_no_trace_on_the_surface(pilot: Pilot) -> None:
    surface = pilot.surface
    before = pygame.surfarray.array3d(surface)
    theme = Theme(*surface.get_size())
    restore = draw_mark(surface, theme, 0.2, pilot.app.layout.panels["top_bar"].bottom)
    shown = pygame.surfarray.array3d(surface)
    assert np.all(shown == MARK_RED, axis=-1).any()  # the red dot is there
    restore()
    assert np.array_equal(pygame.surfarray.array3d(surface), before)
    assert elapsed_text(83.4) == "REC 1:23"
    wide = draw_mark(surface, theme, 0.2, 60, "F9 or Record stops")
    wide()
    assert np.array_equal(pygame.surfarray.array3d(surface), before)


def test_the_record_button_offers_the_choices_then_stops_and_reads_stop_meanwhile(
        pilot: Pilot) -> None:
    clock = StepClock()
    pilot.app.recorder.clock = clock
    _press(pilot, "record")
    assert isinstance(pilot.app.dialog, RecordDialog) and not pilot.app.recorder.recording
    pilot.click("dialog:max_width:480 px")
    pilot.click("dialog:fps:10")
    pilot.click("dialog:start")
    assert pilot.app.dialog is None and pilot.app.recorder.recording
    assert "480x270 \u00b7 10 fps \u00b7 max 30 s" in pilot.app.recorder.detail()
    assert pilot.app.layers.record_buttons.buttons["record"].label == "Stop"
    _frames(pilot, clock, 20)  # paused: the frames are all the same, the GIF merges them
    _press(pilot, "record")
    with Image.open(_saved(pilot)) as gif:
        assert gif.n_frames == 1 and gif.info["duration"] >= 300
        assert gif.size == (480, 270)
    assert pilot.app.layers.record_buttons.buttons["record"].label == "Record"


def test_a_folder_that_cannot_be_written_is_a_notice_and_the_app_goes_on(
        pilot: Pilot, tmp_path: Path) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the folder should be")
    pilot.app.recorder.folder = blocker
    pilot.key("f9")
    pilot.frame(3)
    pilot.key("f9")
    pilot.app.recorder.wait(30)
    pilot.frame()
    assert any("Could not save the recording" in t.text for t in pilot.app.toasts)
    pilot.key("space")
    pilot.frame(3)
    assert pilot.app.playing and pilot.playground.epoch > 0


def test_the_length_cap_stops_the_recording_and_saves_it(pilot: Pilot) -> None:
    clock = StepClock()
    pilot.app.recorder.clock = clock
    pilot.app.recorder.options.max_seconds = 0.5
    pilot.key("f9")
    _frames(pilot, clock, 60)
    assert not pilot.app.recorder.recording
    assert any("length limit (0.5 s)" in t.text for t in pilot.app.toasts)
    _saved(pilot)


# -- Verify a claim --------------------------------------------------------------------------


def _loss_at(epoch: int) -> float:
    pg = Playground(parse_code(CODE).settings)
    pg.apply(Train(epoch))
    return pg.test_loss


def _verify(pilot: Pilot, code: str, epoch: str, loss: str) -> VerifyDialog:
    _press(pilot, "verify")
    dialog = pilot.app.dialog
    assert isinstance(dialog, VerifyDialog)
    for name, text in (("code", code), ("epoch", epoch), ("loss", loss)):
        pilot.click(f"dialog:field:{name}")
        pilot.key("a", mod=pygame.KMOD_CTRL)
        pilot.key("backspace")
        if text:
            pilot.type(text)
    pilot.click("dialog:verify")
    for _ in range(200):
        if not dialog.busy:
            break
        pilot.frame()
    return dialog


def test_verify_replays_a_true_claim_in_the_window(pilot: Pilot) -> None:
    loss = _loss_at(40)
    dialog = _verify(pilot, CODE, "40", f"{loss:.5f}")
    assert dialog.verdict is not None and dialog.verdict.holds
    assert dialog.verdict.test_loss == loss
    assert pilot.playground.epoch == 0  # the experiment on screen was not touched


def test_verify_refutes_a_false_claim_and_names_a_bad_code(pilot: Pilot) -> None:
    dialog = _verify(pilot, CODE, "40", f"{_loss_at(40) + 0.05:.5f}")
    assert dialog.verdict is not None and not dialog.verdict.holds
    assert "does not hold" in dialog.verdict.summary()[-1]
    dialog = _verify(pilot, "not a code at all", "40", "")
    assert dialog.verdict is None and "key=value" in dialog.error
    assert pilot.app.dialog is dialog  # still open, with the text as typed


def test_verify_opens_with_this_experiment_as_the_claim_and_a_claim_line_fills_it(
        pilot: Pilot) -> None:
    pilot.click("step")
    _press(pilot, "verify")
    dialog = pilot.app.dialog
    assert isinstance(dialog, VerifyDialog)
    assert dialog.fields["epoch"].text == "1"
    assert float(dialog.fields["loss"].text) == pilot.playground.test_loss
    pilot.click("dialog:copy")
    pasted = pygame.scrap.get_text()
    assert pasted.endswith(f"@ epoch 1, test loss {pilot.playground.test_loss!r}")
    pilot.click("dialog:field:code")
    pilot.key("a", mod=pygame.KMOD_CTRL)
    pilot.type(pasted)
    pilot.key("return")
    for _ in range(50):
        if not dialog.busy:
            break
        pilot.frame()
    assert dialog.fields["epoch"].text == "1"
    assert dialog.verdict is not None and dialog.verdict.holds


def test_closing_while_recording_saves_the_clip(pilot: Pilot,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    clock = StepClock()
    pilot.app.recorder.clock = clock
    pilot.key("f9")
    _frames(pilot, clock, 8)
    pilot.app.finish_recording()  # what run() does on every exit
    err = capsys.readouterr().err
    assert "Saving the recording" in err and "Saved the recording (3 frames)" in err  # 0, 4, 8 / 60
    path = pilot.app.recorder.last_path
    assert path is not None and path.exists()


@pytest.mark.skipif(not mp4_available(), reason="the video extra (imageio-ffmpeg) is not "
                                                "installed")
def test_the_window_records_an_mp4_where_the_extra_is_installed(pilot: Pilot) -> None:
    import imageio.v2 as imageio

    clock = StepClock()
    pilot.app.recorder.clock = clock
    _press(pilot, "record")
    pilot.click("dialog:suffix:MP4")
    pilot.click("dialog:start")
    pilot.key("space")
    _frames(pilot, clock, 20)
    pilot.key("f9")
    path = _saved(pilot)
    assert path.suffix == ".mp4"
    reader = imageio.get_reader(str(path))
    try:
        assert reader.count_frames() == 6  # 0 to 20 sixtieths at 15 a second
        assert reader.get_meta_data()["size"] == (960, 540)
    finally:
        reader.close()


def test_verify_button_stops_looking_hovered_once_its_dialog_closes_elsewhere(
        pilot: Pilot) -> None:
    """The dialog takes every event while open, so the button under it would keep the hover
    it had when clicked; closing the dialog shows the layers below where the pointer is."""
    _press(pilot, "verify")
    button = pilot.app.layers.record_buttons.buttons["verify"]
    assert isinstance(pilot.app.dialog, VerifyDialog) and button.hovered
    pilot.click("dialog:close")
    assert pilot.app.dialog is None
    assert not button.hovered
