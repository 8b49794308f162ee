"""The `record` and `verify` subcommands of `playground-game` (cli.py adds and runs them).

    playground-game record --code CODE --epochs N --out run.gif [--size WxH] [--fps F]
                           [--seconds S]          (a training run as a clip, for slides)
    playground-game verify --code CODE --epoch N [--test-loss X]
                                                  (exit 0: the claim holds, 1: it does not)

Bad arguments exit with code 2 and a one-line message, as every subcommand does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playground_game.cli import MAX_CLI_EPOCHS, PROG, UsageError, _count, _size

MAX_FPS = 60
MAX_SECONDS = 600


def _number(what: str, low: float, high: float):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} {text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} {text} is out of range {low:g}..{high:g}")
        return value

    return parse


def add_clip_commands(commands: argparse._SubParsersAction) -> None:
    """Add `record` and `verify` to the command's subcommands."""
    record = commands.add_parser("record", help="render a training run headless as an "
                                                "animated GIF (or MP4) for slides")
    record.add_argument("--code", dest="record_code", default="",
                        help="bookmark code; missing keys take the defaults")
    record.add_argument("--epochs", dest="record_epochs", required=True,
                        type=_count(0, MAX_CLI_EPOCHS, "epochs"),
                        help="train this many epochs over the clip")
    record.add_argument("--out", dest="record_out", type=Path, required=True,
                        metavar="FILE.gif",
                        help="the clip to write: .gif, or .mp4 with playground-game[video]")
    record.add_argument("--size", dest="record_size", type=_size, metavar="WxH",
                        help="the clip's size (the window renders at it); default 960x540")
    record.add_argument("--fps", type=_number("frame rate", 1, MAX_FPS), default=15.0,
                        help=f"frames a second (1..{MAX_FPS})")
    record.add_argument("--seconds", type=_number("seconds", 1, MAX_SECONDS), default=10.0,
                        help="about how long the clip runs (the epochs are spread over it)")
    verify = commands.add_parser("verify", help="replay a claim (a code trained to an epoch) "
                                                "and check its test loss")
    verify.add_argument("--code", dest="verify_code", required=True,
                        help="the claim's bookmark code (it carries the seed)")
    verify.add_argument("--epoch", dest="verify_epoch", required=True,
                        type=_count(0, MAX_CLI_EPOCHS, "epoch"))
    verify.add_argument("--test-loss", dest="test_loss", metavar="X",
                        help="the claimed test loss; it holds if the replay rounds to it")


def run_clip_command(args: argparse.Namespace) -> int:
    """Run `record` or `verify` as parsed; UsageError or SettingsError for cli.main to report
    (exit 2)."""
    if args.command == "record":
        return run_record(args.record_code, args.record_epochs, args.record_out,
                          args.record_size, args.fps, args.seconds)
    return run_verify(args.verify_code, args.verify_epoch, args.test_loss)


def run_record(code: str, epochs: int, out: Path, size: tuple[int, int] | None, fps: float,
               seconds: float) -> int:
    """Write the run as a clip; 1 with a message when the file cannot be written."""
    from playground_game.clip_writer import ClipError, check_target
    from playground_game.headless_record import DEFAULT_SIZE, record_run
    from playground_game.model.bookmark import parse_code, unknown_keys_notice

    try:
        check_target(out)
    except ClipError as exc:
        raise UsageError(f"--out: {exc}") from None
    parsed = parse_code(code)
    if parsed.unknown_keys:
        print(f"{PROG}: note: {unknown_keys_notice(parsed.unknown_keys)}", file=sys.stderr)
    try:
        frames = record_run(parsed.settings, epochs, out, size or DEFAULT_SIZE, fps, seconds)
    except (ClipError, OSError) as exc:
        print(f"{PROG}: could not write the clip {out}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: {frames} frames at {fps:g} frames a second")
    return 0


def run_verify(code: str, epoch: int, test_loss: str | None, out=None) -> int:
    """Replay a claim and print what it gives; 0 when it holds, 1 when not (a bad code, epoch
    or loss raises SettingsError, which cli.main reports with exit 2)."""
    from playground_game.claims import Claim, ClaimReplay

    out = out or sys.stdout
    verdict = ClaimReplay(Claim(code, epoch, test_loss)).run()
    out.write("\n".join(verdict.summary()) + "\n")
    return 0 if verdict.holds else 1
