"""The `playground-game` command: the window by default, plus headless subcommands.

    playground-game [--code CODE] [--size WxH] [--fullscreen] [--display N] [--speed N]
    playground-game --code CODE --epochs N --screenshot FILE.png [--size WxH]
    playground-game train --code CODE --epochs N [--json] [--data FILE.csv]
    playground-game train --open FILE --epochs N [--json]    (train on from an experiment file)
    playground-game export --code CODE --epochs N [--json FILE] [--python FILE]
    playground-game export-data --code CODE [--out FILE.csv]   (the points, as CSV)
    playground-game --open FILE            (open an experiment file in the window)
    playground-game code
    playground-game keys [--json]            (every key of a code: default, allowed values)
    playground-game --lesson ID            (or: playground-game lessons, to list them)
    playground-game record ... / verify ...  (a run as a clip; check a claim: cli_clips.py)
    playground-game sweep --code BASE --grid KEY=V1,V2 --seeds N --epochs N --out FILE.jsonl

Bad arguments exit with code 2 and a one-line message; nothing prints a traceback at a user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from playground_game.sweep.arguments import add_sweep_parser

PROG = "playground-game"
MIN_SIZE = (320, 240)
MAX_SIZE = (7680, 4320)
MAX_CLI_EPOCHS = 10_000_000
MAX_EXPORT_EPOCHS = 1_000_000  # the file keeps every epoch's losses: about 80 MB at most


class UsageError(Exception):
    """A command-line argument is wrong; the message says which and why."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _size(text: str) -> tuple[int, int]:
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720")
    width, height = int(parts[0]), int(parts[1])
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range; width {MIN_SIZE[0]}..{MAX_SIZE[0]}, "
            f"height {MIN_SIZE[1]}..{MAX_SIZE[1]}"
        )
    return width, height


def _count(low: int, high: int, what: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} {text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} {value} is out of range {low}..{high}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="A desktop neural-network playground.")
    parser.add_argument("--code", help="open this bookmark code (key=value&..., #hash or URL)")
    parser.add_argument("--epochs", type=_count(0, MAX_CLI_EPOCHS, "epochs"), default=0,
                        help="train this many epochs before showing (or screenshotting)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="render the window to a PNG without showing it, then exit")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1280x720")
    parser.add_argument("--speed", type=_count(1, 100, "speed"), default=1,
                        help="epochs per frame while playing (1..100)")
    parser.add_argument("--fullscreen", action="store_true", help="start fullscreen")
    parser.add_argument("--display", type=_count(0, 15, "display"), default=0,
                        help="which display to open on (0 = the first)")
    parser.add_argument("--open", dest="open_file", type=Path, metavar="FILE",
                        help="open an experiment file (saved by the window or 'export')")
    parser.add_argument("--data", type=Path, metavar="FILE.csv",
                        help="your own points (x, y, label lines) instead of the dataset")
    parser.add_argument("--lesson", metavar="ID",
                        help="open this lesson (its id or number; see 'playground-game lessons')")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = commands.add_parser("train", help="train headless and print the losses per epoch")
    train.add_argument("--code", dest="train_code", default="",
                       help="bookmark code; missing keys take the defaults")
    train.add_argument("--epochs", dest="train_epochs", type=_count(0, MAX_CLI_EPOCHS, "epochs"),
                       required=True)
    train.add_argument("--json", action="store_true",
                       help="one JSON object per line; the last also carries the weights")
    train.add_argument("--open", dest="train_open", type=Path, metavar="FILE",
                       help="train on from this experiment file (instead of --code)")
    train.add_argument("--data", dest="train_data", type=Path, metavar="FILE.csv",
                       help="your own points (x, y, label lines) instead of the dataset")
    experiment = commands.add_parser(
        "export", help="train headless, then write the experiment file (JSON) or the network "
                       "as a Python function")
    experiment.add_argument("--code", dest="experiment_code", default="",
                            help="bookmark code; missing keys take the defaults")
    experiment.add_argument("--open", dest="experiment_open", type=Path, metavar="FILE",
                            help="start from this experiment file instead of a code")
    experiment.add_argument("--epochs", dest="experiment_epochs", default=0,
                            type=_count(0, MAX_EXPORT_EPOCHS, "epochs"),
                            help="train this many epochs first")
    experiment.add_argument("--json", dest="experiment_json", nargs="?", const="-",
                            metavar="FILE", help="write the experiment file here ('-' or "
                                                 "nothing: standard output)")
    experiment.add_argument("--python", dest="experiment_python", nargs="?", const="-",
                            metavar="FILE", help="write the network as a NumPy function here "
                                                 "('-': standard output)")
    export = commands.add_parser("export-data", help="write a code's points as CSV (x, y, "
                                                     "label): to standard output or --out")
    export.add_argument("--code", dest="export_code", default="",
                        help="bookmark code; missing keys take the defaults")
    export.add_argument("--out", type=Path, metavar="FILE.csv", help="write here instead")
    commands.add_parser("code", help="print the default bookmark code")
    keys = commands.add_parser("keys", help="every key a code may carry: its default and what "
                                            "it allows")
    keys.add_argument("--json", dest="keys_json", action="store_true",
                      help="a JSON list of objects {key, default, values or range, web}")
    lessons = commands.add_parser(
        "lessons", help="list the lessons, with a tick for those you completed; "
                        "'lessons check FILE...' proves lesson files over many starts")
    lessons.add_argument("lesson_args", nargs="*", metavar="check FILE",
                         help="check: validate these lesson files and train their reference, "
                              "their unchanged start and each cheat from many starts")
    lessons.add_argument("--starts", type=_count(1, 1000, "starts"), default=20,
                         help="initial weights each attempt is tried from (default 20)")
    from playground_game.cli_clips import add_clip_commands  # it reads this module's types

    add_clip_commands(commands)
    add_sweep_parser(commands, _count)
    return parser


def _clean(layers: list[dict[str, list]]) -> list[dict[str, list]]:
    from playground_game.model.json_numbers import json_float

    return [
        {"bias": [json_float(v) for v in layer["bias"]],
         "W": [[json_float(v) for v in row] for row in layer["W"]]}
        for layer in layers
    ]


STREAM_EPOCHS = 1000  # epochs trained per engine call while streaming; the memory held


def _settings(code: str, data: Path | None):
    """The settings of a code (unknown keys noted on stderr), with the points of a CSV file
    when given (what the reader scaled noted too)."""
    from playground_game.model.bookmark import parse_code, unknown_keys_notice

    parsed = parse_code(code)
    if parsed.unknown_keys:
        print(f"{PROG}: note: {unknown_keys_notice(parsed.unknown_keys)}", file=sys.stderr)
    return parsed.settings if data is None else _with_data(parsed.settings, data)


def _with_data(settings, data: Path):
    """The settings with the points of a CSV file; what the reader scaled is noted."""
    from playground_game.model.csv_points import read_file
    from playground_game.model.settings import with_own_points

    read = read_file(data)
    for note in read.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    return with_own_points(settings, read.points.encode())


def export_data(code: str, out_path: Path | None, out=None) -> int:
    """Write the points of a code (your own, or its dataset's as its seed makes them) as CSV."""
    from playground_game.model.csv_points import write_points, write_text
    from playground_game.model.own_points import decode
    from playground_game.model.playground import Playground

    settings = _settings(code, None)
    if settings.own_points:
        text = write_points(decode(settings.own_points))
    else:
        import numpy as np

        split = Playground(settings).data
        rows = np.concatenate([split.train, split.test])
        text = write_text(rows, settings.problem == "regression")
    if out_path is None:
        (out or sys.stdout).write(text)
        return 0
    try:
        out_path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--out: cannot write {str(out_path)!r} ({exc.strerror or exc})"
                         ) from exc
    print(f"{PROG}: wrote {text.count(chr(10)) - 1:,} points to {out_path}", file=sys.stderr)
    return 0


def read_experiment(path: Path):
    """The Restore action of an experiment file; UsageError naming the file and the problem."""
    from playground_game.model.experiment_file import ExperimentFileError, restore_from_text

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--open: cannot read {str(path)!r}: {exc}") from None
    try:
        return restore_from_text(text)
    except ExperimentFileError as exc:
        raise UsageError(f"--open: {str(path)!r}: {exc}") from None


def _write(target: str, text: str, out) -> None:
    if target == "-":
        out.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target!r}: {exc}") from None


def run_export(code: str, opened: Path | None, epochs: int, json_to: str | None,
               python_to: str | None, out=None) -> int:
    """Open a code (or an experiment file), train `epochs`, then write the experiment file
    and/or the network as a Python function (the experiment file to standard output when
    neither is asked for)."""
    from playground_game.model.bookmark import encode_code, parse_code, unknown_keys_notice
    from playground_game.model.experiment_file import save_text
    from playground_game.model.formula import python_function
    from playground_game.model.playground import Playground, Train

    out = out or sys.stdout
    if opened is not None and code:
        raise UsageError("export: give --code or --open, not both")
    if json_to is not None and json_to == python_to:
        raise UsageError("export: --json and --python cannot write to the same place")
    if opened is not None:
        restore = read_experiment(opened)
        pg = Playground(restore.settings)
        pg.apply(restore)
    else:
        parsed = parse_code(code)
        if parsed.unknown_keys:
            print(f"{PROG}: note: {unknown_keys_notice(parsed.unknown_keys)}", file=sys.stderr)
        pg = Playground(parsed.settings)
    done = 0
    while done < epochs:
        chunk = min(STREAM_EPOCHS, epochs - done)
        pg.apply(Train(chunk))
        done += chunk
    if json_to is None and python_to is None:
        json_to = "-"
    if json_to is not None:
        _write(json_to, save_text(pg), out)
    if python_to is not None:
        about = f"Experiment: {encode_code(pg.settings)} (epoch {pg.epoch})"
        _write(python_to, python_function(pg.network, pg.settings.input_features,
                                          pg.objective, about=about), out)
    return 0


def run_train(code: str, epochs: int, as_json: bool, out=None, data: Path | None = None,
              opened: Path | None = None) -> int:
    """Train headless and print one line per epoch from 0 to `epochs`.

    The losses are streamed: each Train trains STREAM_EPOCHS epochs, its lines are written,
    and its losses dropped (the session keeps only the latest), so memory stays flat however
    many epochs are asked for. Training goes through the session like the window's, so the
    training lab's settings (optimizer, schedule, dropout) train here exactly as there.
    """
    from playground_game.model.json_numbers import json_float
    from playground_game.model.playground import Playground, Train

    out = out or sys.stdout
    if opened is not None:
        if code or data is not None:
            raise UsageError("train: give --code (and --data) or --open, not both")
        restore = read_experiment(opened)
        pg = Playground(restore.settings, keep_losses=False)
        pg.apply(restore)
    else:
        pg = Playground(_settings(code, data), keep_losses=False)
    first = pg.epoch

    def line(epoch: int, train: float, test: float, last: bool) -> str:
        if as_json:
            row: dict[str, object] = {
                "epoch": epoch, "train_loss": json_float(train), "test_loss": json_float(test)
            }
            if last:
                row["weights"] = _clean(pg.network.as_layers())
            return json.dumps(row) + "\n"
        return f"epoch {epoch:>7d}  train loss {train:.6f}  test loss {test:.6f}\n"

    out.write(line(first, pg.train_loss, pg.test_loss, epochs == 0))
    done = 0
    while done < epochs:
        chunk = min(STREAM_EPOCHS, epochs - done)
        rows = pg.apply(Train(chunk)).losses[:, :2].tolist()  # the losses of MEASURES
        out.write("".join(line(first + done + 1 + k, train, test, done + 1 + k == epochs)
                          for k, (train, test) in enumerate(rows)))
        done += chunk
    return 0


def _lesson_id(key: str, code: str | None) -> str:
    """The id of the lesson `--lesson` names; UsageError listing what exists when unknown."""
    from playground_game.model.lessons import load_course

    if code is not None:
        raise UsageError("--lesson opens the lesson's own experiment; leave out --code")
    course = load_course()
    lesson = course.find(key)
    if lesson is None:
        known = ", ".join(x.id for x in course.lessons) or "none (the lessons folder is empty)"
        raise UsageError(f"--lesson: there is no lesson {key!r}; the lessons are {known}")
    return lesson.id


def list_lessons(out=None) -> int:
    """Print every lesson in order, [x] for completed ones; broken files go to stderr."""
    from playground_game.model.lessons import load_course
    from playground_game.model.progress import Progress

    out = out or sys.stdout
    course = load_course()
    progress = Progress.load()
    if progress.notice:
        print(f"{PROG}: note: {progress.notice}", file=sys.stderr)
    width = max((len(x.id) for x in course.lessons), default=0)
    for lesson in course.lessons:
        mark = "[x]" if progress.is_complete(lesson.id) else "[ ]"
        out.write(f"{mark} {lesson.number:>2}  {lesson.id:<{width}}  {lesson.title}\n")
    done = sum(progress.is_complete(x.id) for x in course.lessons)
    out.write(f"{done} of {len(course.lessons)} completed. Open one with: {PROG} --lesson ID\n")
    for problem in course.problems:
        print(f"{PROG}: lesson skipped: {problem}", file=sys.stderr)
    return 0


def print_keys(as_json: bool, out=None) -> int:
    """The code format's reference, from the knob table: a table for people, or JSON."""
    from playground_game.model.reference import key_reference, key_table

    out = out or sys.stdout
    if as_json:
        out.write(json.dumps(key_reference(), indent=1) + "\n")
    else:
        out.write(key_table() + "\n")
    return 0


def check_lessons(paths: list[Path], starts: int, out=None) -> int:
    """Validate lesson files and prove each over `starts` starts; 1 when any fails."""
    from playground_game.model.lessons import LessonError, read_lesson
    from playground_game.model.lessons.proof import prove

    out = out or sys.stdout
    failed = 0
    for path in paths:
        try:
            lesson = read_lesson(path)
        except LessonError as exc:
            out.write(f"FAIL {path}: {exc}\n")
            failed += 1
            continue
        proof = prove(lesson, starts)
        problems = proof.problems
        out.write(f"{'ok  ' if not problems else 'FAIL'} {path.name}: {lesson.title}\n")
        for result in proof.results:
            out.write(f"       {result.describe()}\n")
        for problem in problems:
            out.write(f"       problem: {problem}\n")
        failed += bool(problems)
    out.write(f"{len(paths) - failed} of {len(paths)} lesson files proven over {starts} "
              "starts\n")
    return 1 if failed else 0


def _opens_window(args: argparse.Namespace) -> bool:
    return args.command is None and args.screenshot is None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `playground-game` command (and of `playground-game-window`)."""
    try:
        args = build_parser().parse_args(argv)
        if _opens_window(args):
            # The window and its loading screen first: importing numpy and numba takes a second
            # or more on a cold start, and nothing should look dead meanwhile.
            from playground_game.ui.window import open_window

            open_window(args.size, args.display)
        # This import loads numpy and numba (a second or so): Ctrl+C may land in it.
        from playground_game.model.bookmark import encode_code, parse_code, unknown_keys_notice
        from playground_game.model.own_points import PointsError
        from playground_game.model.settings import Settings, SettingsError
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130

    try:
        if args.command == "train":
            return run_train(args.train_code, args.train_epochs, args.json,
                             data=args.train_data, opened=args.train_open)
        if args.command == "export-data":
            return export_data(args.export_code, args.out)
        if args.command == "sweep":
            from playground_game.sweep.command import run_sweep

            return run_sweep(args)
        if args.command == "export":
            return run_export(args.experiment_code, args.experiment_open,
                              args.experiment_epochs, args.experiment_json,
                              args.experiment_python)
        if args.command == "lessons":
            if not args.lesson_args:
                return list_lessons()
            if args.lesson_args[0] != "check" or len(args.lesson_args) < 2:
                raise UsageError("lessons: expected no arguments (the list) or 'check FILE...'")
            return check_lessons([Path(f) for f in args.lesson_args[1:]], args.starts)
        if args.command == "keys":
            return print_keys(args.keys_json)
        if args.command in ("record", "verify"):
            from playground_game.cli_clips import run_clip_command

            return run_clip_command(args)
        if args.command == "code":
            print(encode_code(Settings(), short=False))
            return 0
        settings = Settings()
        notice = ""
        if args.code is not None:
            parsed = parse_code(args.code)
            settings = parsed.settings
            notice = unknown_keys_notice(parsed.unknown_keys)  # once here, once in the window
            if notice:
                print(f"{PROG}: note: {notice}", file=sys.stderr)
        if args.data is not None:
            settings = _with_data(settings, args.data)
        if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
            raise UsageError(f"--screenshot: {str(args.screenshot)!r} must end in .png")
        lesson = _lesson_id(args.lesson, args.code) if args.lesson is not None else None
        restore = None
        if args.open_file is not None:
            if args.code is not None or lesson is not None or args.data is not None:
                raise UsageError("--open opens the file's own experiment; leave out --code, "
                                 "--data and --lesson")
            restore = read_experiment(args.open_file)
            settings = restore.settings
        from playground_game.ui.app import run

        return run(settings, size=args.size, epochs=args.epochs, screenshot=args.screenshot,
                   speed=args.speed, fullscreen=args.fullscreen, display=args.display,
                   lesson=lesson, notice=notice, restore=restore,
                   levels=False if args.code is not None or args.data or restore else None)
    except (UsageError, SettingsError, PointsError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
