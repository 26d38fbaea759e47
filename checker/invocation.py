"""From command-line flags and configuration to one run: shared by check, baseline and ci.

Flags override the configuration file, which overrides the defaults. Paths named on the
command line are relative to the working folder, paths in the configuration to its folder.
Every problem with what the user named (corpus, manifest, ledger, configuration) becomes a
UsageError whose message names the file, which the CLI prints and exits 2 on.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from checker.config import Config, ConfigError, load_config, read_config
from checker.fx import FxError, load_fx
from checker.gate import DEFAULT_BASELINE
from checker.ingest import DEFAULT_MAX_BYTES, MANIFEST_NAMES, InputError, read_manifest
from checker.ledger import DEFAULT_LEDGER, LedgerError, read_ledger
from checker.model import Family, Skipped
from checker.registry import load_registry
from checker.report.build import Report
from checker.run import RunOptions, run_check


class UsageError(Exception):
    """A flag, file or setting the user gave cannot be used."""


@dataclass(frozen=True, slots=True)
class Invocation:
    """A run ready to go: its options, the configuration, and problems to report with it."""

    options: RunOptions
    config: Config
    problems: tuple[Skipped, ...] = ()  # manifest rows and rules that did not load
    broken_rules: tuple[Skipped, ...] = ()  # the rules among them: ci will not pass without them


def split_names(value: str | None) -> list[str]:
    """Comma-separated names as a list, blanks dropped."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def shown_path(path: Path) -> str:
    """A path as the user would write it: relative to the working folder when below it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def config_for(args: argparse.Namespace) -> Config:
    """The configuration named by --config, else the one found from the working folder."""
    try:
        named = getattr(args, "config", None)
        return read_config(Path(named)) if named else load_config(Path.cwd())
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def setting(flag: str | None, configured: Path | None, default: str | None) -> Path | None:
    """A path from the flag, else the configuration, else the default."""
    if flag:
        return Path(flag)
    if configured is not None:
        return configured
    return Path(default) if default else None


def corpus_manifest(corpus: Path) -> Path | None:
    """A manifest kept at the corpus root (manifest.csv or manifest.jsonl), used when none is named."""
    if not corpus.is_dir():
        return None
    return next((corpus / n for n in MANIFEST_NAMES if (corpus / n).is_file()), None)


def prepare(args: argparse.Namespace, *, with_ledger: bool = True) -> Invocation:
    """Resolve the corpus, manifest, ledger, rules and article globs of a check-like command."""
    config = config_for(args)
    corpus = setting(args.corpus, config.corpus, None)
    if corpus is None:
        raise UsageError(
            "no corpus: name one, or set `corpus` in claimcheck.toml or [tool.claimcheck]"
        )
    if not corpus.exists():
        raise UsageError(f"{shown_path(corpus)}: no such file or folder")
    manifest, problems = None, []
    manifest_path = setting(args.manifest, config.manifest, None) or corpus_manifest(corpus)
    if manifest_path:
        try:
            manifest, problems = read_manifest(manifest_path)
        except InputError as exc:
            raise UsageError(str(exc)) from exc
    decisions = None
    if with_ledger:
        try:
            decisions = read_ledger(setting(args.ledger, config.ledger, DEFAULT_LEDGER))  # type: ignore[arg-type]
        except LedgerError as exc:
            raise UsageError(str(exc)) from exc
    fx_path = setting(getattr(args, "fx", None), config.fx, None)
    try:
        fx = load_fx(fx_path)
    except FxError as exc:
        raise UsageError(str(exc)) from exc
    registry = load_registry()
    for problem in registry.problems:
        print(f"claimcheck: {problem.path}: {problem.reason}", file=sys.stderr)
    select = split_names(args.select) if args.select else list(config.select)
    ignore = split_names(args.ignore) if args.ignore else list(config.ignore)
    known = {r.id for r in registry.rules} | {f.value for f in Family}
    for name in sorted(set(select + ignore) - known):
        print(f"claimcheck: warning: {name!r} names no loaded rule or family", file=sys.stderr)
    exclude = tuple(split_names(args.exclude)) if getattr(args, "exclude", None) else config.exclude
    options = RunOptions(
        corpus,
        registry.select(select, ignore),
        manifest,
        corpus_label=shown_path(corpus),
        decisions=decisions,
        include=config.include,
        exclude=exclude,
        tolerances=config.tolerances,
        fx=fx,
        max_bytes=getattr(args, "max_bytes", None) or DEFAULT_MAX_BYTES,
    )
    return Invocation(options, config, (*problems, *registry.problems), tuple(registry.problems))


def run(invocation: Invocation) -> Report:
    """Run the check; problems found while preparing come first among the skipped."""
    try:
        report = run_check(invocation.options)
    except InputError as exc:
        raise UsageError(str(exc)) from exc
    if invocation.problems:
        report = replace(report, skipped=(*invocation.problems, *report.skipped))
    return report


def baseline_path(flag: str | None, config: Config) -> tuple[Path, bool]:
    """The baseline file, and whether the user named it (by flag or in the configuration)."""
    if flag:
        return Path(flag), True
    if config.baseline is not None:
        return config.baseline, True
    return Path(DEFAULT_BASELINE), False
