"""The claimcheck command line."""

from __future__ import annotations

import argparse
import sys

from checker import __version__


def cmd_parse(args: argparse.Namespace) -> int:
    """Run the normalisers over JSON lines."""
    from checker.parse import KINDS, parse_lines

    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        print(f"claimcheck parse: unknown kind(s) {', '.join(unknown)}; use {','.join(KINDS)}", file=sys.stderr)
        return 2
    source = open(args.input, encoding="utf-8") if args.input != "-" else sys.stdin
    with source:
        for out in parse_lines(source, kinds):
            sys.stdout.write(out + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimcheck", description=__doc__)
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="normalise numbers, money and dates in JSON lines")
    p.add_argument("--input", "-i", default="-", help="JSON-lines file (default: standard input)")
    p.add_argument("--kinds", default="number,money,date")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)
