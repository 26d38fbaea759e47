"""The claimcheck command line: check, rules, parse."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from checker import __version__
from checker.ledger import DEFAULT_LEDGER

if TYPE_CHECKING:  # the report module loads only when a run needs it
    from checker.report.build import Report

FORMATS = ("table", "markdown", "csv", "json", "html", "text", "github", "sarif", "junit")
DEFAULT_FILES = {
    "markdown": "report.md",
    "json": "report.json",
    "csv": "report.csv",
    "html": "report.html",
}
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_BASELINE = "claimcheck-baseline.json"  # as checker.gate; here so --help needs no import
CORPUS_HELP = "folder of .txt/.md/.jsonl articles, or one file (default: the configuration's)"


def renderer(name: str) -> ModuleType:
    """The module that renders one format."""
    return importlib.import_module(f"checker.report.{name}")


def rendered(name: str, report: Report) -> Iterable[str]:
    """A report's text in pieces when its renderer can stream it (JSON), else in one piece."""
    module = renderer(name)
    chunks = getattr(module, "render_chunks", None)
    return chunks(report) if chunks is not None else (module.render(report),)


# What a command leaves for its process's end: a list only in the `claimcheck` program
# (see `program`), where the process ends with the command; None for any other caller.
_LEFT_FOR_EXIT: list[object] | None = None


def leave_for_exit(report: object) -> None:
    """Keep a run's report alive until the process ends, when the process ends with the
    command (the `claimcheck` program): the OS then takes its memory back in one go, instead
    of the interpreter freeing its objects one by one (see `program`)."""
    if _LEFT_FOR_EXIT is not None:
        _LEFT_FOR_EXIT.append(report)


def fail(message: str) -> int:
    """Print a usage or input error and return its exit code."""
    print(f"claimcheck: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args: argparse.Namespace) -> int:
    """Check a corpus and write the report(s)."""
    from checker.invocation import UsageError, prepare, run
    from checker.io import write_atomic_chunks

    try:
        from checker.scale import with_scale  # --jobs, cache, engine

        invocation = with_scale(prepare(args), args)  # corpus, manifest, ledger, rules, ...
        if args.format:  # one report: no entries to spool but for JSON, no sentence but HTML
            scale = replace(
                invocation.options.scale,
                json_report=args.format == "json",
                contexts=args.format == "html",
            )
            invocation = replace(invocation, options=replace(invocation.options, scale=scale))
        report = run(invocation)
        leave_for_exit(report)
    except UsageError as exc:
        return fail(str(exc))
    if args.format or args.output:
        fmt = args.format or "table"
        if args.output and args.output != "-":
            report = replace(
                report, link_base=os.path.relpath(report.corpus, Path(args.output).parent)
            )
        if not args.output or args.output == "-":
            sys.stdout.writelines(rendered(fmt, report))
        else:
            write_atomic_chunks(Path(args.output), rendered(fmt, report))
        return strict_exit(args, report, EXIT_OK)
    out_dir = Path(args.output_dir)
    # Links in the written reports point at the corpus from where the reports lie.
    report = replace(report, link_base=os.path.relpath(report.corpus, out_dir))
    for fmt, name in DEFAULT_FILES.items():
        write_atomic_chunks(out_dir / name, rendered(fmt, report))
    if not args.quiet:
        sys.stdout.write(renderer("table").render(report))
        print(f"Reports written to {out_dir}/: {', '.join(DEFAULT_FILES.values())}")
    return strict_exit(args, report, EXIT_OK)


def strict_exit(args: argparse.Namespace, report: Report, code: int) -> int:
    """The exit code, made 1 under --strict when a file or record was skipped unread or unchecked.

    Warnings (the file was still read: an odd encoding, broken front matter, a manifest row)
    never fail the run; skipped files do, because their claims are missing from the report.
    """
    skipped = [s for s in report.skipped if s.fatal]
    if code != EXIT_OK or not getattr(args, "strict", False) or not skipped:
        return code
    print(
        f"claimcheck: --strict: {len(skipped)} skipped (first: {skipped[0].path}: "
        f"{skipped[0].reason})",
        file=sys.stderr,
    )
    return EXIT_FINDINGS


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


def cmd_review(args: argparse.Namespace) -> int:
    """Review open findings in the terminal, or record one decision with --decide."""
    from checker.review import main_review

    return main_review(args)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the report on a local port, with buttons that record decisions."""
    from checker.serve import main_serve

    return main_serve(args)


def cmd_baseline(args: argparse.Namespace) -> int:
    """Write the baseline: every contradiction the corpus has now, for `ci` to accept."""
    from checker.gate import baseline_entries, baseline_text
    from checker.invocation import UsageError, baseline_path, prepare, run, shown_path
    from checker.io import write_atomic

    try:
        invocation = prepare(args, with_ledger=False)
        report = run(invocation)
        leave_for_exit(report)
    except UsageError as exc:
        return fail(str(exc))
    path, _ = baseline_path(args.output, invocation.config)
    write_atomic(path, baseline_text(report))
    count = len(baseline_entries(report))
    print(f"claimcheck: {plural(count, 'contradiction')} in {shown_path(path)}", file=sys.stderr)
    return EXIT_OK


def cmd_ci(args: argparse.Namespace) -> int:
    """Exit 1 when a contradiction is in neither the baseline nor decided in the ledger."""
    from checker.gate import BaselineError, gate, only_findings, read_baseline
    from checker.invocation import UsageError, baseline_path, prepare, run, shown_path
    from checker.io import write_atomic

    try:
        invocation = prepare(args)
        if invocation.broken_rules:  # a gate that passes because a rule did not load is no gate
            broken = len(invocation.broken_rules)
            return fail(f"{broken} rule(s) did not load (see above); the gate needs them all")
        path, named = baseline_path(args.baseline, invocation.config)
        baseline = read_baseline(path) if named or path.exists() else {}
        report = run(invocation)
        leave_for_exit(report)
    except (UsageError, BaselineError) as exc:
        return fail(str(exc))
    result = gate(report, baseline)
    text = renderer(args.format).render(only_findings(report, result.new))
    if not args.output or args.output == "-":
        sys.stdout.write(text)
    else:
        write_atomic(Path(args.output), text)
    fatal = sum(1 for s in report.skipped if s.fatal)
    print(
        f"claimcheck ci: {plural(len(result.new), 'new contradiction')}; "
        f"{len(result.known)} in the "
        f"baseline ({shown_path(path)}), {len(result.decided)} decided in review, "
        f"{len(result.gone)} baseline entries no longer found, {fatal} files skipped",
        file=sys.stderr,
    )
    return strict_exit(args, report, EXIT_OK if result.passed else EXIT_FINDINGS)


def plural(n: int, noun: str) -> str:
    """ "1 new contradiction", "2 new contradictions"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _add_ledger_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ledger", help=f"review ledger (default: configuration, else {DEFAULT_LEDGER})"
    )


def _add_config_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--exclude", help="article path globs to leave out, comma-separated")
    p.add_argument("--config", help="configuration file (default: claimcheck.toml, pyproject.toml)")
    p.add_argument(
        "--fx", help="exchange rates CSV (year,currency,per_usd,source); default: shipped table"
    )


def parse_size(text: str) -> int:
    """A size in bytes from "20000000", "20MB", "20M" or "512k" (decimal units)."""
    value = text.strip().upper().removesuffix("B")
    scale = {"K": 10**3, "M": 10**6, "G": 10**9}.get(value[-1:], 1)
    try:
        size = int(float(value[:-1] if scale > 1 else value) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 20MB, 500k)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the size limit must be positive")
    return size


def _add_input_flags(p: argparse.ArgumentParser, strict: bool = False) -> None:
    """How bad input is treated: the size limit and, for check and ci, --strict."""
    p.add_argument(
        "--max-bytes",
        type=parse_size,
        metavar="SIZE",
        help="skip articles larger than this, with a message (default 2MB; per record in .jsonl)",
    )
    if strict:
        p.add_argument(
            "--strict",
            action="store_true",
            help="exit 1 when any file or record is skipped (warnings do not count)",
        )


def _add_run_flags(p: argparse.ArgumentParser) -> None:
    """The corpus and rule flags that ci and baseline share with check."""
    p.add_argument("corpus", nargs="?", help=CORPUS_HELP)
    p.add_argument(
        "--manifest", help="CSV or JSON-lines file: article,published[,url,outlet,title]"
    )
    p.add_argument("--select", help="rule ids or families to run, comma-separated")
    p.add_argument("--ignore", help="rule ids or families to leave out, comma-separated")
    _add_config_flags(p)
    _add_input_flags(p)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Cross-check the figures and dates that a corpus of articles states.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    from checker.scale import add_cache_command, add_scale_flags  # flags for large corpora

    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="check a corpus and report agreements and contradictions")
    p.add_argument("corpus", nargs="?", help=CORPUS_HELP)
    p.add_argument(
        "--manifest", help="CSV or JSON-lines file: article,published[,url,outlet,title]"
    )
    p.add_argument(
        "--format", choices=FORMATS, help="write one format (to --output or standard output)"
    )
    p.add_argument("--output", "-o", help="file for --format, or - for standard output")
    p.add_argument(
        "--output-dir", default="reports", help="where report.md/.json/.csv go (default: reports)"
    )
    p.add_argument("--select", help="rule ids or families to run, comma-separated")
    p.add_argument("--ignore", help="rule ids or families to leave out, comma-separated")
    _add_ledger_flag(p)
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    _add_config_flags(p)
    add_scale_flags(p)  # --jobs, --no-cache, --cache-dir, --engine, --scheduler
    _add_input_flags(p, strict=True)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "ci", help="exit 1 on a contradiction in neither the baseline nor the ledger"
    )
    _add_run_flags(p)
    p.add_argument(
        "--baseline", help=f"baseline file (default: configuration, else {DEFAULT_BASELINE})"
    )
    _add_ledger_flag(p)
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="how to print new contradictions"
    )
    p.add_argument(
        "--output", "-o", help="file for the new contradictions (default: standard output)"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 also when any file or record is skipped (warnings do not count)",
    )
    p.set_defaults(func=cmd_ci)

    p = sub.add_parser("baseline", help="write the baseline of today's contradictions, for ci")
    _add_run_flags(p)
    p.add_argument(
        "--output", "-o", help=f"baseline file (default: configuration, else {DEFAULT_BASELINE})"
    )
    p.set_defaults(func=cmd_baseline)

    p = sub.add_parser(
        "review", help="decide on open findings one by one; decisions go to the ledger"
    )
    _add_run_flags(p)
    _add_ledger_flag(p)
    p.add_argument(
        "--decide",
        nargs=2,
        metavar=("FINGERPRINT", "DECISION"),
        help="record one decision (confirmed, dismissed or accepted); no corpus needed",
    )
    p.add_argument("--note", default="", help="the note recorded with --decide")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("serve", help="serve the report locally, with buttons that record decisions")
    _add_run_flags(p)
    _add_ledger_flag(p)
    p.add_argument("--host", help="address to bind (default 127.0.0.1; any other only when named)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    p.set_defaults(func=cmd_serve)

    add_cache_command(sub)  # claimcheck cache clear

    p = sub.add_parser("rules", help="list the rules")
    p.add_argument("--explain", metavar="RULE", help="show one rule's documentation")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("parse", help="normalise numbers, money and dates in JSON lines")
    p.add_argument("--input", "-i", default="-", help="JSON-lines file (default: standard input)")
    p.add_argument(
        "--kinds", default="number,money,date", help="comma-separated: number,money,date"
    )
    p.set_defaults(func=cmd_parse)
    return parser


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds the stack like Ctrl-C: temporary files and locks are removed on the way."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `claimcheck` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is not threading.main_thread():
        return int(args.func(args))
    previous = signal.signal(signal.SIGTERM, _terminate)
    whole_process = argv is None and args.func not in (cmd_serve, cmd_review)
    if whole_process:
        # A run's claims hold no reference cycles, and every collection of the cyclic
        # collector walks all of them again: after the run (writing the report) and at
        # exit, that was a twentieth of a warm run. A command's process ends when it does,
        # so the collector stays off, and what is alive at the end is frozen, not walked.
        # Not for serve or the interactive review: they last as long as a person wants.
        gc.disable()
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `claimcheck rules | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C: the stack unwound (workers ended, temporary files
        # gone, nothing half-written); a person asked for it, so a line, not a traceback
        print("claimcheck: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    finally:
        signal.signal(signal.SIGTERM, previous)
        if whole_process:
            gc.freeze()


def program() -> NoReturn:
    """The `claimcheck` program (and `python -m checker`): `main`, then the end of the process,
    without freeing every object one by one.

    After a run, the interpreter freed its claims, keys, spans and report object by object:
    at 10k articles 0.03 s when the report went and 0.015 s more at exit, a twentieth of a
    warm run. So the report is kept (`leave_for_exit`), and once the command is done the
    exit handlers run (the pattern store saves what this run compiled, finalizers remove
    temporary folders), the output is flushed, and the process ends, as mypy ends its own.
    A normal exit instead when a profiler, tracer or debugger watches (it reports at exit)
    or a thread other than this one is still running (a normal exit waits for it).
    """
    global _LEFT_FOR_EXIT
    _LEFT_FOR_EXIT = []
    code = main()
    if sys.getprofile() or sys.gettrace() or _other_threads():
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader left: nothing more to write to it
        except OSError:  # a full disk, say: not a success, as CPython's own exit says
            code = code or 120
    os._exit(code)


def _other_threads() -> bool:
    """Whether a thread that a normal exit would wait for is still running."""
    main_thread = threading.main_thread()
    return any(t is not main_thread and not t.daemon for t in threading.enumerate())
