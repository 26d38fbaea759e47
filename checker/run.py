"""One run: ingest -> extract -> compare -> Report. The engine reaches rules only via the registry."""

from __future__ import annotations

import fnmatch
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from checker.batch import FileJob
from checker.cache import ClaimCache, rules_version
from checker.compare import compare
from checker.fx import FxTable
from checker.ingest import (
    DEFAULT_MAX_BYTES,
    RECORD_SUFFIXES,
    InputError,
    ManifestEntry,
    iter_corpus,
    iter_file_names,
    read_one,
    unknown_in_manifest,
)
from checker.ledger import Decision, apply_ledger
from checker.model import Article, Skipped
from checker.pool import Extractor, local_extractor
from checker.progress import progress_bar
from checker.report.build import ArticleInfo, Report
from checker.rule import Rule
from checker.stream import Collected, check_stream
from checker.suppress import TURNED_OFF


@dataclass(frozen=True, slots=True)
class ScaleOptions:
    """How a run is spread and cached; none of it changes the report."""

    jobs: int = 1  # processes that extract, this one included (1: this process only)
    cache: Path | None = None  # the cache folder; None: no cache
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None: a local cluster
    progress: bool = False  # a progress bar on standard error
    # Whether the report may be written as JSON: with a cache, the claims' JSON entries are
    # then spooled for it (gigabytes on a large corpus); other formats never read them.
    json_report: bool = True
    # Whether the report may show claims in their sentences (the HTML report, review): else
    # no sentence is cut out, unless a cache is there to keep them for a later run.
    contexts: bool = True


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What a check run reads and with which rules."""

    corpus: Path
    rules: Sequence[Rule]
    manifest: dict[str, ManifestEntry] | None = None
    corpus_label: str | None = None
    decisions: dict[str, Decision] | None = None  # the review ledger
    include: tuple[str, ...] = ()  # globs of article paths to read (default: all)
    exclude: tuple[str, ...] = ()  # globs of article paths to leave out
    # From the configuration, passed along for the engine; compare does not read them yet.
    tolerances: tuple[tuple[str, float], ...] = ()
    fx: FxTable | None = None  # exchange rates for groups that mix currencies
    scale: ScaleOptions = ScaleOptions()
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are skipped unread (--max-bytes)


def is_selected(article_id: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether an article's file passes the include/exclude globs ("*" also crosses "/").

    A glob matches the file's path relative to the corpus or any folder above it, so
    "drafts" leaves out everything below drafts/. Records of a .jsonl file go with the file.
    """
    if not include and not exclude:  # the usual case, asked once per file
        return True
    path = article_id.split("#", 1)[0] if ".jsonl#" in article_id else article_id
    parts = path.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]

    def hit(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(c, g.rstrip("/")) for g in globs for c in candidates)

    return (not include or hit(include)) and not hit(exclude)


def _selected_items(options: RunOptions) -> Iterator[Article | Skipped]:
    """The corpus as ingest reads it, less the articles the include/exclude globs leave out."""
    for item in iter_corpus(options.corpus, options.manifest, options.max_bytes):
        name = item.path if isinstance(item, Skipped) else item.id
        if is_selected(name, options.include, options.exclude):
            yield item


class _FileJobs:
    """The corpus as files for the workers to read (iter_corpus's order and records, less the
    reading), then the manifest rows that name no article, once the articles are known."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.manifest = options.manifest or {}
        self.found: set[str] = set()  # file paths and record ids, for the manifest check

    def __iter__(self) -> Iterator[FileJob | Skipped]:
        root, options = self.options.corpus, self.options
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
        files = iter([str(root)]) if root.is_file() else iter_file_names(root)
        base = root.parent if root.is_file() else root
        records: dict[str, dict[str, ManifestEntry]] = {}  # manifest rows of .jsonl records
        folders: dict[str, str] = {}  # folder -> its path relative to the corpus
        for name, entry in self.manifest.items():
            if ".jsonl#" in name:
                records.setdefault(name.split("#", 1)[0], {})[name] = entry
        for path in files:
            if isinstance(path, Skipped):
                if is_selected(path.path, options.include, options.exclude):
                    yield path
                continue
            rel = _relative_by_folder(path, base, folders)
            self.found.add(rel)
            jsonl = os.path.splitext(path)[1] in RECORD_SUFFIXES
            if not is_selected(rel, options.include, options.exclude):
                if jsonl:  # its record ids still count as found
                    read = read_one(Path(path), rel, records.get(rel, {}), options.max_bytes)
                    self.found.update(a.id for a in read if isinstance(a, Article))
                continue
            entry = self.manifest.get(rel)
            manifest = records.get(rel, {}) if jsonl else ({rel: entry} if entry else {})
            yield FileJob(path, rel, manifest)

    def unknown(self, collected: Collected) -> list[Skipped]:
        """The manifest rows naming no article, as iter_corpus reports them after the files."""
        if not self.options.corpus.is_dir():
            return []
        found = self.found | {a.id for a in collected.articles}
        found |= {s.path for s in collected.skipped if s.reason == TURNED_OFF}
        return [
            s for s in unknown_in_manifest(self.manifest, found)
            if is_selected(s.path, self.options.include, self.options.exclude)
        ]


def _relative_by_folder(path: str, base: Path, folders: dict[str, str]) -> str:
    """`Path(path).relative_to(base).as_posix()`, with pathlib's work done once per folder:
    for every file of a large corpus it was a noticeable part of a warm run."""
    folder, name = os.path.split(path)
    rel = folders.get(folder)
    if rel is None:
        rel = folders[folder] = Path(folder).relative_to(base).as_posix()
    return name if rel == "." else f"{rel}/{name}"


def run_check(options: RunOptions, progress: Callable[[ArticleInfo], None] | None = None) -> Report:
    """Read the corpus one article at a time, keep only claims, and compare them.

    Extraction runs in this process, a process pool (`scale.jobs`) or on Dask (`scale.engine`),
    and takes unchanged articles from the cache (`scale.cache`); the report is the same.
    """
    with _cycle_collection_paused():
        return _run_check(options, progress)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a run, then restore it as it was.

    A run keeps hundreds of thousands of claims, keys, spans and contexts alive, none of
    them in a reference cycle; every full collection walks all of them again, which made
    a large run (and above all a warm one, which is mostly building those objects)
    about a third slower. What a run frees, reference counting frees. (The command line
    keeps the collector off until the process ends: see `cli.main`.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_check(options: RunOptions, progress: Callable[[ArticleInfo], None] | None) -> Report:
    scale = options.scale
    dask_client = None
    # A cache stores every claim's context (a later run may show them): never quotes alone.
    contexts = scale.contexts or scale.cache is not None
    if scale.engine == "dask":
        from checker.dask_engine import DaskExtractor, connect

        dask_client = connect(scale.scheduler, scale.jobs)
        extractor: Extractor = DaskExtractor(dask_client, options.rules)
    else:
        extractor = local_extractor(options.rules, scale.jobs)
    cache = ClaimCache(scale.cache) if scale.cache is not None else None
    version = rules_version(options.rules) if cache is not None else ""
    if cache is not None:
        cache.prune(version)
    bar = progress_bar(scale.progress)
    try:
        if dask_client is None:  # workers read the files: only paths go out
            jobs = _FileJobs(options)
            collected = check_stream(
                jobs, options.rules, extractor, cache, version, window=max(2, scale.jobs * 4),
                progress=progress or bar.update, max_bytes=options.max_bytes,
                spool=scale.json_report, contexts=contexts, shown=scale.contexts,
            )
            collected.skipped.extend(jobs.unknown(collected))
        else:  # Dask workers may not see this file system: texts go out
            collected = check_stream(
                _selected_items(options), options.rules, extractor, cache, version,
                window=max(2, scale.jobs * 4), progress=progress or bar.update,
                spool=scale.json_report, contexts=contexts, shown=scale.contexts,
            )
        bar.close()
        if dask_client is not None:
            from checker.dask_engine import compare_on_dask

            found = compare_on_dask(dask_client, collected.claims, options.fx)
        else:
            found = compare(collected.claims.compared(), options.fx)
    finally:
        bar.close()
        extractor.close()
        if cache is not None:
            cache.close()
        if dask_client is not None:
            from checker.dask_engine import close

            close(dask_client)
    findings, stale = apply_ledger(found, options.decisions or {})
    claims = collected.claims.settled()
    entries = collected.entries
    return Report(
        corpus=options.corpus_label or options.corpus.as_posix(),
        articles=tuple(collected.articles),
        claims=claims,
        findings=tuple(findings),
        skipped=tuple(collected.skipped),
        stale_reviews=tuple(d.finding for d in stale),
        contexts=collected.lazy_cited_contexts(c for f in findings for c in f.claims),
        claim_entries=entries.bind(claims) if entries is not None else None,
    )
