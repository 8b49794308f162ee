"""Claims: a code trained to an epoch gives one test loss, which `verify` confirms or refutes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from playground_game import cli
from playground_game.claims import Claim, ClaimReplay, split_claim_line, tolerance
from playground_game.model.bookmark import parse_code
from playground_game.model.playground import Playground, Train
from playground_game.model.settings import SettingsError

CODE = "dataset=xor&networkShape=3,2&seed=0.25"
EPOCH = 30


def _trained_loss() -> float:
    """The test loss at EPOCH, trained independently of the replay, in uneven slices."""
    pg = Playground(parse_code(CODE).settings)
    for chunk in (1, 9, 20):
        pg.apply(Train(chunk))
    return pg.test_loss


def test_a_true_claim_holds_to_the_last_bit(capsys: pytest.CaptureFixture[str]) -> None:
    loss = _trained_loss()
    assert cli.main(["verify", "--code", CODE, "--epoch", str(EPOCH),
                     "--test-loss", repr(loss)]) == 0
    out = capsys.readouterr().out
    assert f"test loss {loss!r}" in out
    assert "5 hidden units in 2 layers, 14 weights" in out  # 2*3 + 3*2 + 2*1
    assert "test accuracy" in out and "The claim holds" in out


def test_a_claim_holds_at_the_digits_it_was_written_with() -> None:
    loss = _trained_loss()
    rounded = f"{loss:.4f}"
    verdict = ClaimReplay(Claim(CODE, EPOCH, rounded)).run()
    assert verdict.holds and verdict.test_loss == loss
    off = f"{loss + 0.0002:.4f}"  # two units in the last digit away
    assert not ClaimReplay(Claim(CODE, EPOCH, off)).run().holds


def test_a_false_claim_fails_saying_by_how_much(capsys: pytest.CaptureFixture[str]) -> None:
    loss = _trained_loss()
    claimed = loss - 0.01
    assert cli.main(["verify", "--code", CODE, "--epoch", str(EPOCH),
                     "--test-loss", f"{claimed:.6f}"]) == 1
    out = capsys.readouterr().out
    assert "does not hold" in out and "higher by 0.01" in out


def test_the_same_code_at_another_epoch_is_another_claim() -> None:
    loss = _trained_loss()
    assert not ClaimReplay(Claim(CODE, EPOCH + 1, repr(loss))).run().holds


def test_a_garbage_code_exits_2_naming_what_is_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--code", "my best network!", "--epoch", "10"]) == 2
    assert "key=value" in capsys.readouterr().err
    assert cli.main(["verify", "--code", "dataset=moons", "--epoch", "10"]) == 2
    assert "dataset" in capsys.readouterr().err
    assert cli.main(["verify", "--code", CODE, "--epoch", "10", "--test-loss", "low"]) == 2
    assert "not a number" in capsys.readouterr().err
    assert cli.main(["verify", "--code", CODE, "--epoch", "-3"]) == 2


def test_a_claim_without_a_loss_prints_the_numbers_and_holds(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--code", CODE, "--epoch", "0"]) == 0
    assert "No test loss was claimed" in capsys.readouterr().out


def test_a_claim_line_reads_back() -> None:
    claim = Claim(CODE, 400, "0.0123")
    assert split_claim_line(claim.line()) == claim
    assert split_claim_line(f"  {CODE} @ epoch 1,000 ") == Claim(CODE, 1000, None)
    assert split_claim_line(CODE) is None
    with pytest.raises(SettingsError):
        split_claim_line(f"{CODE} @ epoch many")


def test_tolerance_is_half_the_last_written_digit() -> None:
    assert tolerance(Decimal("0.0123")) == pytest.approx(0.00005)
    assert tolerance(Decimal("1")) == 0.5
