"""Command line: `trialparse convert PATH... [-o OUT] [--errors FILE] [--strict] [--to FORMAT]`, `show`, `schema`,
`criteria`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from trialparse import __version__
from trialparse._parse import iter_file, parse, parse_file, parse_many
from trialparse.criteria.table import format_items
from trialparse.export import EXPORTERS
from trialparse.issues import ParseError
from trialparse.model import Trial
from trialparse.schema import dumps_schema
from trialparse.serialize import dumps

_SKIP_SUFFIXES = frozenset({".csv", ".md", ".pyc"})


def _inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files named, and every file under the directories named (sorted, hidden files and manifests skipped)."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel) and child.suffix not in _SKIP_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def _read_one(item: str, strict: bool) -> Trial:
    if item == "-":
        return parse(sys.stdin.buffer.read(), strict=strict, name="<stdin>")
    return parse_file(item, strict=strict)


def _read_all(item: str, strict: bool, criteria: bool = True) -> Iterator[Trial | ParseError]:
    """Every record of one input (a JSON array or API page holds many)."""
    try:
        if item == "-":
            yield from parse_many(sys.stdin.buffer.read(), strict=strict, name="<stdin>", criteria=criteria)
        else:
            yield from iter_file(item, strict=strict, criteria=criteria)
    except ParseError as exc:
        yield exc


def _convert(args: argparse.Namespace) -> int:
    try:
        errors: IO[str] | None = open(args.errors, "w", encoding="utf-8") if args.errors else None  # noqa: SIM115
        out, tmp = _open_output(args.output)
    except OSError as exc:
        print(f"trialparse: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    failed = 0
    done = False
    try:
        for item in _inputs(args.paths):
            for result in _read_all(item, args.strict, args.criteria):
                if isinstance(result, ParseError):
                    failed += 1
                    _report(result.source or item, result, errors)
                else:
                    out.write(_encode(result, args.to) + "\n")
        done = True
    finally:
        if errors:
            errors.close()
        _close_output(out, tmp, args.output, keep=done)
    return 1 if failed else 0


def _encode(trial: Trial, target: str) -> str:
    if target == "trialparse":
        return dumps(trial)
    return json.dumps(EXPORTERS[target](trial), ensure_ascii=False)


def _schema(_: argparse.Namespace) -> int:
    print(dumps_schema(), end="")
    return 0


def _report(item: str, exc: ParseError, errors: IO[str] | None) -> None:
    print(f"trialparse: {exc}", file=sys.stderr)
    if errors:
        record = {"source": item, "error": type(exc).__name__, "message": str(exc)}
        errors.write(json.dumps(record, ensure_ascii=False) + "\n")


def _open_output(target: str | None) -> tuple[IO[str], str | None]:
    """stdout, or a temporary file beside OUT that replaces it only when the run ends (atomic write)."""
    if not target or target == "-":
        return sys.stdout, None
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".trialparse-", suffix=".jsonl", dir=folder)
    return os.fdopen(fd, "w", encoding="utf-8"), tmp


def _close_output(out: IO[str], tmp: str | None, target: str | None, *, keep: bool) -> None:
    """Move the finished output into place; an interrupted run leaves OUT as it was."""
    if tmp is None or target is None:
        out.flush()
        return
    out.close()
    if keep:
        os.replace(tmp, target)
    else:
        os.unlink(tmp)


def _show(args: argparse.Namespace) -> int:
    try:
        trial = _read_one(args.path, args.strict)
    except ParseError as exc:
        print(f"trialparse: {exc}", file=sys.stderr)
        return 1
    print(dumps(trial, indent=2))
    return 0


def _criteria(args: argparse.Namespace) -> int:
    try:
        trial = _read_one(args.path, args.strict)
    except ParseError as exc:
        print(f"trialparse: {exc}", file=sys.stderr)
        return 1
    items = trial.eligibility.items if trial.eligibility else ()
    if not items:
        print(f"{trial.nct_id}: no eligibility criteria items")
        return 0
    print(f"{trial.nct_id}: {len(items)} items, {sum(len(pc.constraints) for pc in items)} constraints")
    print("\n".join(format_items(items)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="trialparse", description="Clinical-trial registry records → JSON.")
    parser.add_argument("--version", action="version", version=f"trialparse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert", help="convert files or directories to JSON Lines, one record per input")
    convert.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for stdin")
    convert.add_argument("-o", "--output", metavar="OUT", help="write JSON Lines here (atomically) instead of stdout")
    convert.add_argument("--errors", metavar="FILE", help="write failures here as JSON Lines (source, error, message)")
    convert.add_argument("--strict", action="store_true", help="treat error-severity issues as failures")
    convert.add_argument("--no-criteria", dest="criteria", action="store_false",
                         help="skip reading eligibility items into constraints (much faster)")
    convert.add_argument("--to", choices=["trialparse", *EXPORTERS], default="trialparse",
                         help="output format (default: the trialparse record)")
    convert.set_defaults(run=_convert)
    show = sub.add_parser("show", help="print one record as pretty JSON")
    show.add_argument("path", metavar="PATH")
    show.add_argument("--strict", action="store_true")
    show.set_defaults(run=_show)
    schema = sub.add_parser("schema", help="print the JSON Schema of the trialparse record")
    schema.set_defaults(run=_schema)

    criteria = sub.add_parser("criteria", help="print a study's eligibility items and their constraints as a table")
    criteria.add_argument("path", metavar="PATH")
    criteria.add_argument("--strict", action="store_true")
    criteria.set_defaults(run=_criteria)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # `trialparse convert ... | head` is normal use
        sys.stderr.close()
        return 0
    return code
