"""Flags for large corpora (--jobs, --no-cache, --cache-dir, --engine, --scheduler), `cache clear`.

Light to import: the engine modules are imported only when a command runs, so that building
the argument parser stays quick.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.invocation import Invocation
    from checker.run import ScaleOptions

DEFAULT_CACHE_DIR = ".claimcheck-cache"
ENGINES = ("local", "dask")


def add_scale_flags(p: argparse.ArgumentParser) -> None:
    """Add the parallelism, cache and engine flags to a check-like command."""
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="processes for extraction, this one included (default: all cores; 1: no workers)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="re-read every article; neither read nor write the cache",
    )
    p.add_argument(
        "--cache-dir",
        default=DEFAULT_CACHE_DIR,
        help=f"the cache folder (default: {DEFAULT_CACHE_DIR})",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local processes, or Dask (needs claimcheck[dask]); the report is the same",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: an existing cluster's scheduler"
    )


def scale_options(args: argparse.Namespace) -> ScaleOptions:
    """The ScaleOptions the flags ask for."""
    from checker.pool import default_jobs
    from checker.run import ScaleOptions

    jobs = args.jobs if args.jobs is not None else default_jobs()
    return ScaleOptions(
        jobs=max(1, jobs),
        cache=None if args.no_cache else Path(args.cache_dir),
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not getattr(args, "quiet", False),
    )


def add_cache_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`claimcheck cache clear`."""
    p = sub.add_parser("cache", help="manage the incremental cache")
    actions = p.add_subparsers(dest="cache_action", required=True)
    clear = actions.add_parser("clear", help="delete the cache")
    clear.add_argument(
        "--cache-dir",
        default=DEFAULT_CACHE_DIR,
        help=f"the cache folder (default: {DEFAULT_CACHE_DIR})",
    )
    clear.set_defaults(func=cmd_cache_clear)


def cmd_cache_clear(args: argparse.Namespace) -> int:
    """Delete the cache database."""
    from checker.cache import clear_cache

    gone = clear_cache(Path(args.cache_dir))
    print(
        f"claimcheck: cache {args.cache_dir} cleared ({gone} files)"
        if gone
        else f"claimcheck: no cache in {args.cache_dir}"
    )
    return 0


def with_scale(invocation: Invocation, args: argparse.Namespace) -> Invocation:
    """The invocation with the scale flags applied to its run options."""
    return replace(invocation, options=replace(invocation.options, scale=scale_options(args)))
