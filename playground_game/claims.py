"""Challenges: a claim is a code, an epoch and (optionally) the test loss reached there.

A code carries the seed, so the points and the first weights come back, and training is
bit-exact: anyone who trains the code to the epoch gets the same test loss to the last bit.
`ClaimReplay` does that through the session, as `playground-game train` does, a slice of
epochs at a time (the window gives it a few milliseconds a frame; the command line runs it to
the end), and `Verdict` says what it found: the losses, the accuracy, the network's size (for
"the smallest network that solves the spiral") and whether the claimed test loss holds.

A claimed loss holds when the replayed loss rounds to it at the digits the claim was written
with: "0.0123" claims 0.01225 <= loss < 0.01235, while a loss written in full (as `verify`
prints it) must match exactly. Pure Python and numpy: no pygame here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from playground_game.model import metrics
from playground_game.model.bookmark import encode_code, parse_code
from playground_game.model.playground import MAX_EPOCHS_PER_ACTION, Playground, Train
from playground_game.model.settings import SettingsError

MAX_CLAIM_EPOCHS = 1_000_000  # a claim beyond this would take minutes to check in the window

# "CODE @ epoch 400, test loss 0.0123": the one-line form the window copies; also accepted in
# the Verify dialog's code field, so a pasted claim fills every field at once.
_CLAIM_LINE = re.compile(
    r"^\s*(?P<code>\S+)\s*@\s*epoch\s+(?P<epoch>\S+?)"
    r"(?:\s*,\s*test\s+loss\s+(?P<loss>\S+))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """What someone says a code reaches: `test_loss` as written (its digits set the match)."""

    code: str
    epoch: int
    test_loss: str | None = None

    def line(self) -> str:
        """The claim as one line, to paste in a forum or in Verify."""
        loss = f", test loss {self.test_loss}" if self.test_loss else ""
        return f"{self.code} @ epoch {self.epoch}{loss}"


def parse_epoch(text: str) -> int:
    """An epoch as typed; SettingsError saying what is wrong."""
    text = text.strip().replace(",", "")
    if not text.isdigit():
        raise SettingsError(f"epoch: {text[:20]!r} is not a whole number of epochs")
    epoch = int(text)
    if epoch > MAX_CLAIM_EPOCHS:
        raise SettingsError(f"epoch: {epoch} is beyond {MAX_CLAIM_EPOCHS:,} epochs")
    return epoch


def parse_loss(text: str) -> Decimal:
    """A claimed loss as typed; SettingsError when it is not a number of 0 or more."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise SettingsError(f"test loss: {text[:20]!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise SettingsError(f"test loss: {text[:20]!r} is not a loss (a number of 0 or more)")
    return value


def split_claim_line(text: str) -> Claim | None:
    """A pasted one-line claim ("CODE @ epoch N, test loss X"), or None when it is not one."""
    found = _CLAIM_LINE.match(text)
    if found is None:
        return None
    return Claim(found["code"], parse_epoch(found["epoch"]), found["loss"])


def tolerance(claimed: Decimal) -> float:
    """Half a unit in the claim's last written digit: how far rounding can have moved it."""
    exponent = claimed.as_tuple().exponent
    assert isinstance(exponent, int)  # finite: parse_loss refuses NaN and infinities
    return 0.5 * 10.0 ** exponent


@dataclass(frozen=True)
class Verdict:
    """What the replay found at the claimed epoch, and whether the claim holds."""

    code: str  # the code as this app writes it (short form)
    epoch: int
    test_loss: float
    train_loss: float
    metric: tuple[str, float]  # ("Test accuracy", percent) or ("Test R²", value)
    hidden_units: int
    hidden_layers: int
    weights: int  # every link, input features to the output
    claimed: Decimal | None = None

    @property
    def difference(self) -> float | None:
        """Replayed minus claimed test loss (None without a claimed loss)."""
        if self.claimed is None:
            return None
        return self.test_loss - float(self.claimed)

    @property
    def holds(self) -> bool:
        """The replayed loss rounds to the claimed one (no claimed loss: it replayed)."""
        if self.claimed is None:
            return True
        if not math.isfinite(self.test_loss):
            return False
        return abs(self.test_loss - float(self.claimed)) <= tolerance(self.claimed)

    def size(self) -> str:
        layers = "layer" if self.hidden_layers == 1 else "layers"
        return (f"{self.hidden_units} hidden units in {self.hidden_layers} {layers}, "
                f"{self.weights} weights")

    def summary(self) -> list[str]:
        """The findings, one per line, for the terminal and the dialog."""
        name, value = self.metric
        lines = [
            f"Epoch {self.epoch}: test loss {self.test_loss!r}, training loss "
            f"{self.train_loss!r}, {name.lower()} {metrics.format_metric(name, value)}",
            f"Network: {self.size()}",
        ]
        if self.claimed is None:
            lines.append("No test loss was claimed: these are the numbers anyone replays.")
        elif self.holds:
            lines.append(f"The claim holds: test loss {self.claimed} at epoch {self.epoch}.")
        else:
            difference = self.difference
            by = f"by {abs(difference):.6g}" if difference is not None and math.isfinite(
                difference) else "(the loss is not a number)"
            side = "higher" if difference is not None and difference > 0 else "lower"
            lines.append(f"The claim does not hold: the test loss is {self.test_loss:.6g}, not "
                         f"{self.claimed}; {side} {by}.")
        return lines


class ClaimReplay:
    """Trains a claim's code to its epoch, a slice at a time; `verdict()` once `done`.

    Raises SettingsError at construction when the code, the epoch or the loss is wrong.
    """

    def __init__(self, claim: Claim) -> None:
        if not 0 <= claim.epoch <= MAX_CLAIM_EPOCHS:
            raise SettingsError(f"epoch: {claim.epoch} is not allowed; expected 0 to "
                                f"{MAX_CLAIM_EPOCHS:,}")
        self.claimed = parse_loss(claim.test_loss) if claim.test_loss else None
        self.claim = claim
        self.playground = Playground(parse_code(claim.code).settings, history_limit=1,
                                     keep_losses=False)

    @property
    def done(self) -> bool:
        return self.playground.epoch >= self.claim.epoch

    @property
    def fraction(self) -> float:
        return 1.0 if self.claim.epoch == 0 else self.playground.epoch / self.claim.epoch

    def step(self, epochs: int) -> None:
        """Train up to `epochs` more epochs, never past the claimed one."""
        left = self.claim.epoch - self.playground.epoch
        chunk = max(0, min(epochs, left, MAX_EPOCHS_PER_ACTION))
        if chunk:
            self.playground.apply(Train(chunk))

    def run(self) -> Verdict:
        """Train to the claimed epoch at once (the command line)."""
        while not self.done:
            self.step(MAX_EPOCHS_PER_ACTION)
        return self.verdict()

    def verdict(self) -> Verdict:
        pg = self.playground
        if not self.done:
            raise RuntimeError("the replay has not reached the claimed epoch yet")
        name, value = next(iter(metrics.metrics(pg).items()))
        shape = pg.settings.network_shape
        return Verdict(code=encode_code(pg.settings, short=True), epoch=pg.epoch,
                       test_loss=pg.test_loss, train_loss=pg.train_loss, metric=(name, value),
                       hidden_units=sum(shape), hidden_layers=len(shape),
                       weights=pg.network.num_weights, claimed=self.claimed)
