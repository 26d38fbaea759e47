"""The claimcheck command line: check, rules, parse."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from checker import __version__
from checker.ledger import DEFAULT_LEDGER

FORMATS = ("table", "markdown", "csv", "json")
DEFAULT_FILES = {"markdown": "report.md", "json": "report.json", "csv": "report.csv"}
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def renderer(name: str):  # noqa: ANN201 - a module with render(report) -> str
    """The module that renders one format."""
    return importlib.import_module(f"checker.report.{name}")


def fail(message: str) -> int:
    """Print a usage or input error and return its exit code."""
    print(f"claimcheck: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args: argparse.Namespace) -> int:
    """Check a corpus and write the report(s)."""
    from checker.ingest import InputError, read_manifest
    from checker.io import write_atomic
    from checker.ledger import LedgerError, read_ledger
    from checker.registry import load_registry
    from checker.run import RunOptions, run_check

    corpus = Path(args.corpus)
    if not corpus.exists():
        return fail(f"{corpus}: no such file or folder")
    manifest = None
    manifest_problems = []
    if args.manifest:
        try:
            manifest, manifest_problems = read_manifest(Path(args.manifest))
        except InputError as exc:
            return fail(str(exc))
    try:
        decisions = read_ledger(Path(args.ledger))
    except LedgerError as exc:
        return fail(str(exc))
    registry = load_registry()
    for problem in registry.problems:
        print(f"claimcheck: {problem.path}: {problem.reason}", file=sys.stderr)
    rules = registry.select(_split(args.select), _split(args.ignore))
    try:
        report = run_check(RunOptions(corpus, rules, manifest, decisions=decisions))
    except InputError as exc:
        return fail(str(exc))
    if manifest_problems or registry.problems:
        from dataclasses import replace

        report = replace(report, skipped=(*manifest_problems, *registry.problems, *report.skipped))
    if args.format or args.output:
        fmt = args.format or "table"
        text = renderer(fmt).render(report)
        if not args.output or args.output == "-":
            sys.stdout.write(text)
        else:
            write_atomic(Path(args.output), text)
        return EXIT_OK
    out_dir = Path(args.output_dir)
    for fmt, name in DEFAULT_FILES.items():
        write_atomic(out_dir / name, renderer(fmt).render(report))
    if not args.quiet:
        sys.stdout.write(renderer("table").render(report))
        print(f"Reports written to {out_dir}/: {', '.join(DEFAULT_FILES.values())}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules, or explain one."""
    from checker.registry import load_registry

    registry = load_registry()
    if args.explain:
        rule = registry.get(args.explain)
        if rule is None:
            return fail(f"no rule {args.explain!r}; `claimcheck rules` lists them")
        print(f"{rule.id} ({rule.family.value}): {rule.summary}\n\n{rule.doc}")
        return EXIT_OK
    width = max((len(r.id) for r in registry.rules), default=0)
    for rule in registry.rules:
        print(f"{rule.id:<{width}}  {rule.family.value:<12} {rule.summary}")
    for problem in registry.problems:
        print(f"(not loaded) {problem.path}: {problem.reason}")
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Run the normalisers over JSON lines."""
    from checker.parse import KINDS, parse_lines

    kinds = _split(args.kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        return fail(f"unknown kind(s) {', '.join(unknown)}; use {','.join(KINDS)}")
    try:
        source = open(args.input, encoding="utf-8") if args.input != "-" else sys.stdin
    except OSError as exc:
        return fail(f"{args.input}: {exc.strerror or exc}")
    with source:
        for out in parse_lines(source, kinds):
            sys.stdout.write(out + "\n")
    return EXIT_OK


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Cross-check the figures and dates that a corpus of articles states.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="check a corpus and report agreements and contradictions")
    p.add_argument("corpus", help="folder of .txt/.md/.jsonl articles, or one file")
    p.add_argument("--manifest", help="CSV or JSON-lines file: article,published[,url,outlet,title]")
    p.add_argument("--format", choices=FORMATS, help="write one format (to --output or standard output)")
    p.add_argument("--output", "-o", help="file for --format, or - for standard output")
    p.add_argument("--output-dir", default="reports", help="where report.md/.json/.csv go (default: reports)")
    p.add_argument("--select", help="rule ids or families to run, comma-separated")
    p.add_argument("--ignore", help="rule ids or families to leave out, comma-separated")
    p.add_argument("--ledger", default=DEFAULT_LEDGER, help=f"review ledger (default: {DEFAULT_LEDGER})")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rules", help="list the rules")
    p.add_argument("--explain", metavar="RULE", help="show one rule's documentation")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("parse", help="normalise numbers, money and dates in JSON lines")
    p.add_argument("--input", "-i", default="-", help="JSON-lines file (default: standard input)")
    p.add_argument("--kinds", default="number,money,date", help="comma-separated: number,money,date")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `claimcheck` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))
