"""The unit of extraction work: one article's claims, problems and sentence contexts.

The same functions run in this process (--jobs 1), in a pool's worker processes and on
Dask workers. Work crosses a process boundary as rule ids, never as functions: a worker
loads the registry itself (rules are module functions) and picks the rules by id.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.extract import extract_article
from checker.ingest import RECORD_SUFFIXES, ManifestEntry, read_one
from checker.model import Article, Claim, Skipped
from checker.report.build import ArticleInfo, ClaimContext, QuotesOnly
from checker.report.json import article_entries
from checker.rule import Rule


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What is kept of one article once its text is dropped: claims, problems, contexts."""

    claims: Sequence[Claim]  # a tuple, or the cache's CachedClaims (read back as needed)
    problems: tuple[Skipped, ...]
    # One per claim, in the same order: a tuple, or QuotesOnly / the cache's CachedContexts.
    contexts: Sequence[ClaimContext]


def check_article(article: Article, rules: Sequence[Rule], contexts: bool = True) -> ArticleResult:
    """Run the rules on one article and cut each claim's sentence out while the text is here
    (`contexts`; else each claim's quote stands alone, QuotesOnly)."""
    found = extract_article(article, rules)
    claims = tuple(found.claims)
    around: Sequence[ClaimContext] = (
        tuple(ClaimContext.of(article, c) for c in claims) if contexts else QuotesOnly(claims)
    )
    return ArticleResult(claims, tuple(found.problems), around)


# The rules a worker process loaded, by the tuple of ids it was given. A worker process
# has no caller to be handed its rules by, so it keeps them here; the main process never
# reads this (it passes its rules in), so a run's rules are never taken from a stale global.
_WORKER_RULES: dict[tuple[str, ...], list[Rule]] = {}


def load_worker_rules(rule_ids: tuple[str, ...]) -> list[Rule]:
    """Load the registry in this process and pick the rules by id, in the order given."""
    rules = _WORKER_RULES.get(rule_ids)
    if rules is None:
        from checker.registry import load_registry  # the registry only where work runs

        registry = load_registry()
        missing = [i for i in rule_ids if registry.get(i) is None]
        if missing:
            raise RuntimeError(f"rule(s) {', '.join(missing)} did not load in a worker process")
        rules = [registry.get(i) for i in rule_ids]  # type: ignore[misc]
        _WORKER_RULES[rule_ids] = rules
    return rules


def check_batch(
    articles: Sequence[Article], rule_ids: tuple[str, ...], contexts: bool = True
) -> list[ArticleResult]:
    """Check a batch of articles in a worker process, with the rules named by id."""
    rules = load_worker_rules(rule_ids)
    return [check_article(a, rules, contexts) for a in articles]


@dataclass(frozen=True, slots=True)
class FileJob:
    """One corpus file to read and check where the work runs: its path, not its text."""

    path: str  # as the corpus walk found it (the worker opens it)
    rel: str  # relative to the corpus, "/" separators: the article id of a plain file
    manifest: dict[str, ManifestEntry]  # the manifest rows this file's articles may use


@dataclass(frozen=True, slots=True)
class FileOutput:
    """One file read and checked: its items in ingest order, and what the file was.

    `items` holds Skipped records and (ArticleInfo, ArticleResult, cache key or "") tuples.
    `stamp` is (size, mtime_ns, sha256 of the bytes, when read) for a plain file that was
    read, else None (a .jsonl file, or one skipped unread).
    """

    items: tuple[Skipped | tuple[ArticleInfo, ArticleResult, str], ...]
    stamp: tuple[int, int, str, int] | None
    # The JSON report entries of each article read, in order, when the batch was asked to
    # render them where it ran (see `check_file_batch`); else None.
    rendered: tuple[bytes, ...] | None = None


@dataclass(frozen=True, slots=True)
class FileCheck:
    """How files are read and checked where the work runs: sent with each batch."""

    version: str | None  # the rules' version: when set, each article comes with its cache key
    max_bytes: int  # larger files are skipped unread (--max-bytes)
    render: bool = False  # with the claims' JSON report entries (FileOutput.rendered)
    contexts: bool = True  # claims' sentences cut out (else QuotesOnly; see check_article)


def check_file(job: FileJob, rules: Sequence[Rule], how: FileCheck) -> FileOutput:
    """Read, decode, date and check one file (in a worker)."""
    from checker.cache import article_key  # the cache imports this module

    stamp: list[tuple[int, int, str, int]] = []

    def seen(st: os.stat_result, raw: bytes) -> None:
        stamp.append((st.st_size, st.st_mtime_ns, hashlib.sha256(raw).hexdigest(), time.time_ns()))

    if job.rel.endswith(RECORD_SUFFIXES):  # records are not hashed: known by stamp alone,
        try:  # taken before they are read
            st = os.stat(job.path)
            stamp.append((st.st_size, st.st_mtime_ns, "", time.time_ns()))
        except OSError:
            pass
    rule_ids = [r.id for r in rules]
    items: list[Skipped | tuple[ArticleInfo, ArticleResult, str]] = []
    for item in read_one(Path(job.path), job.rel, job.manifest, how.max_bytes, seen):
        if isinstance(item, Skipped):
            items.append(item)
        else:
            key = article_key(how.version, rule_ids, item) if how.version is not None else ""
            items.append((ArticleInfo.of(item), check_article(item, rules, how.contexts), key))
    return FileOutput(tuple(items), stamp[0] if stamp else None)


def check_file_batch(
    jobs: Sequence[FileJob], rules: Sequence[Rule], how: FileCheck
) -> list[FileOutput]:
    """Check a batch of files; `how.render`: with their claims' JSON report entries.

    Rendering the entries where the batch is checked moves that work off the main process,
    which otherwise encodes every claim alone after the last batch (the tail of a --jobs run).
    """
    outputs = [check_file(job, rules, how) for job in jobs]
    return with_entries(outputs) if how.render else outputs


def with_entries(outputs: Sequence[FileOutput]) -> list[FileOutput]:
    """The outputs with their articles' report entries, the batch's claims encoded in one go."""
    read = [[x[1] for x in o.items if not isinstance(x, Skipped)] for o in outputs]
    texts = iter(article_entries([r.claims for results in read for r in results]))
    return [
        replace(o, rendered=tuple(next(texts) for _ in results))
        for o, results in zip(outputs, read, strict=True)
    ]


def check_files(
    jobs: Sequence[FileJob], rule_ids: tuple[str, ...], how: FileCheck
) -> list[FileOutput]:
    """Check a batch of files in a worker process, with the rules named by id.

    The outputs go back pickled as they are: claims, keys, spans and contexts pickle by
    their field values (their `__reduce__`), and an object two of them share (a quote and
    its context) is sent once. (Sent as the cache's claim rows instead, checked in the
    worker and decoded in the main process, they took that process twice as long to load:
    0.09-0.13 against 0.05 s per 1,600 files.)
    """
    return check_file_batch(jobs, load_worker_rules(rule_ids), how)
