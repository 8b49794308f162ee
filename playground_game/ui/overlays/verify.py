"""Verify a claim: paste a code and an epoch (and the claimed test loss), train it, see the truth.

The dialog opens filled in with the experiment on screen (its code, epoch and test loss), which
is the claim one would post; Copy claim puts it on the clipboard as one line ("CODE @ epoch N,
test loss X"), and pasting such a line into the code field fills every field. Verify replays
the claim in the dialog (`claims.ClaimReplay`), a few milliseconds of training a frame, so the
window never freezes, then shows the losses, the accuracy, the network's size and whether the
claim holds. The experiment on screen is never touched. A wrong code, epoch or loss keeps the
dialog open with the text as typed and the reason in red, as every dialog here does.
"""

from __future__ import annotations

import math
import time

import pygame

from playground_game.claims import Claim, ClaimReplay, Verdict, parse_epoch, split_claim_line
from playground_game.model.settings import SettingsError
from playground_game.ui import clipboard
from playground_game.ui import theme as th
from playground_game.ui.commands import Commands
from playground_game.ui.overlays.dialogs import FieldsDialog, blit_lines
from playground_game.ui.theme import Theme
from playground_game.ui.widgets import Button
from playground_game.ui.widgets.code_field import CodeField

VERDICT_GREEN = (0x1B, 0x7F, 0x3B)  # "the claim holds"; dark enough to read on white
FRAME_BUDGET_S = 0.010  # training a frame may take, so the window keeps 60 frames a second
FIELDS = ("code", "epoch", "loss")
LABELS = {"code": "Code (or a whole claim line)", "epoch": "Epoch",
          "loss": "Test loss claimed (optional)"}


class VerifyDialog(FieldsDialog):
    """The claim's fields, Verify, Copy claim and Close, and what the replay found."""

    title = "Verify a claim"
    INTRO = ("A code and an epoch are a claim anyone can replay to the last bit: the code "
             "carries the seed, so the same points and first weights come back.")

    def __init__(self, host: Commands, code: str = "", epoch: int = 0,
                 test_loss: float | None = None) -> None:
        # A blown-up run's NaN is no claim: the field then starts empty.
        loss = repr(test_loss) if test_loss is not None and math.isfinite(test_loss) else ""
        super().__init__(host, {"code": CodeField(code, rows=3),
                                "epoch": CodeField(str(epoch), rows=1, max_chars=12),
                                "loss": CodeField(loss, rows=1, max_chars=40)}, "code")
        self.replay: ClaimReplay | None = None
        self.verdict: Verdict | None = None
        self._chunk = 10  # epochs a slice; grows or shrinks to fit FRAME_BUDGET_S
        self.buttons["verify"] = Button("verify", self.verify, label="Verify")
        self.buttons["copy"] = Button("copy", self.copy_claim, label="Copy claim")
        self.buttons["close"] = Button("close", self.close, label="Close")
        self._labels: list[tuple[str, tuple[int, int]]] = []

    # -- the claim -----------------------------------------------------------------------

    def claim(self) -> Claim:
        """The claim in the fields (a pasted claim line fills them first); SettingsError."""
        line = split_claim_line(self.fields["code"].text)
        if line is not None:
            self.fields["code"].text = line.code
            self.fields["epoch"].text = str(line.epoch)
            self.fields["loss"].text = line.test_loss or ""
            for field in self.fields.values():
                field.cursor = len(field.text)
                field.selected = False
        code = self.fields["code"].text.strip()
        if not code:
            raise SettingsError("Paste or type a code first.")
        loss = self.fields["loss"].text.strip() or None
        return Claim(code, parse_epoch(self.fields["epoch"].text), loss)

    @property
    def busy(self) -> bool:
        return self.replay is not None

    def verify(self) -> None:
        """Start the replay (it trains in `work`, a slice a frame)."""
        try:
            self.replay = ClaimReplay(self.claim())
        except SettingsError as exc:
            self.error = str(exc)
            self.replay = None
            self.verdict = None  # the last verdict was about another claim
            return
        self.error = ""
        self.verdict = None
        self.work()

    def work(self) -> None:
        """Train a slice of the replay within the frame's budget; the verdict when done."""
        replay = self.replay
        if replay is None:
            return
        start = time.perf_counter()
        while not replay.done and time.perf_counter() - start < FRAME_BUDGET_S / 2:
            began = time.perf_counter()
            replay.step(self._chunk)
            spent = time.perf_counter() - began
            if spent < FRAME_BUDGET_S / 4:
                self._chunk = min(self._chunk * 2, 100_000)
            elif spent > FRAME_BUDGET_S:
                self._chunk = max(1, self._chunk // 2)
        if replay.done:
            self.verdict = replay.verdict()
            self.replay = None

    def copy_claim(self) -> None:
        """The claim as one line on the clipboard (shown in the terminal where there is none)."""
        try:
            line = self.claim().line()
        except SettingsError as exc:
            self.error = str(exc)
            return
        if clipboard.copy_text(line):
            self.host.toast("Copied the claim. Anyone can check it with Verify, or with: "
                            "playground-game verify")
            return
        clipboard.print_fallback(line, "claim")
        self.error = "There is no clipboard here: the claim was printed in the terminal."

    def close(self) -> None:
        self.replay = None  # the replay is the dialog's own: closing drops it
        super().close()

    # -- layout and input ----------------------------------------------------------------

    def control_rect(self, name: str) -> pygame.Rect | None:
        """"dialog:field:NAME" for a field, "dialog:verify", "dialog:copy", "dialog:close"."""
        if name.startswith("dialog:field:"):
            field = self.fields.get(name.split(":", 2)[2])
            return pygame.Rect(field.rect) if field is not None and field.rect.width else None
        return super().control_rect(name)

    def _result_lines(self, theme: Theme, width: int) -> list[tuple[str, tuple[int, int, int]]]:
        """What the body shows under the fields, line by line with its colour: the verdict's
        last line (holds or not) in green or red."""
        def wrapped(text: str, colour: tuple[int, int, int]) -> list[tuple[str,
                                                                       tuple[int, int, int]]]:
            return [(line, colour) for line in theme.wrap(text, "body", width)]

        if self.error:
            return wrapped(self.error, th.ERROR)
        if self.replay is not None:
            replay = self.replay
            return wrapped(f"Training epoch {replay.playground.epoch:,} of "
                           f"{replay.claim.epoch:,} ({100 * replay.fraction:.0f}%)...",
                           th.TEXT_MUTED)
        if self.verdict is not None:
            *findings, conclusion = self.verdict.summary()
            lines = [line for text in findings for line in wrapped(text, th.TEXT)]
            return lines + wrapped(conclusion, VERDICT_GREEN if self.verdict.holds
                                   else th.ERROR)
        return wrapped("Press Verify (or Enter) to train the claim here; the experiment on "
                       "screen stays as it is.", th.TEXT_MUTED)

    RESULT_LINES = 5  # room kept for the findings, so the card does not jump when they come

    def layout(self) -> None:
        theme = self._theme()
        inner = self._inner_width(680)
        intro = theme.wrap(self.INTRO, "body", inner)
        line_h = theme.line_height("body")
        gap = theme.px(10)
        code_h = self.fields["code"].height_for(theme)
        small_h = self.fields["epoch"].height_for(theme)
        result = self._result_lines(theme, inner)
        body = (len(intro) * line_h + gap + line_h + theme.px(4) + code_h + gap
                + line_h + theme.px(4) + small_h + gap
                + max(self.RESULT_LINES, len(result)) * line_h)
        _, top, x = self._card(body, 680)
        y = top + len(intro) * line_h + gap
        self._labels = [(LABELS["code"], (x, y))]
        self.fields["code"].rect = pygame.Rect(x, y + line_h + theme.px(4), inner, code_h)
        y = self.fields["code"].rect.bottom + gap
        half = (inner - gap) // 2
        self._labels.append((LABELS["epoch"], (x, y)))
        self._labels.append((LABELS["loss"], (x + half + gap, y)))
        self.fields["epoch"].rect = pygame.Rect(x, y + line_h + theme.px(4), half, small_h)
        self.fields["loss"].rect = pygame.Rect(x + half + gap, y + line_h + theme.px(4),
                                               inner - half - gap, small_h)
        self._place_buttons(("copy", "close", "verify"))

    def commit(self) -> None:
        self.verify()

    def draw_body(self, surface: pygame.Surface, theme: Theme) -> None:
        pad = theme.px(20)
        x = self.rect.left + pad
        width = self.rect.width - 2 * pad
        intro = theme.wrap(self.INTRO, "body", width)
        blit_lines(surface, theme, intro, x,
                   self.rect.top + pad + theme.line_height("value") + theme.px(10),
                   th.TEXT_MUTED)
        for label, pos in self._labels:
            surface.blit(theme.text(label, "body", th.TEXT), pos)
        for name, field in self.fields.items():
            field.draw(surface, theme, field.rect, error=bool(self.error) and name != "loss")
        y = self.fields["epoch"].rect.bottom + theme.px(10)
        for line, colour in self._result_lines(theme, width):
            weight = "Regular" if colour in (th.TEXT, th.TEXT_MUTED) else "Medium"
            surface.blit(theme.text(line, "body", colour, weight), (x, y))
            y += theme.line_height("body")
