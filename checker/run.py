"""One run: ingest -> extract -> compare -> Report. The engine reaches rules only via the registry."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.cache import ClaimCache, rules_version
from checker.compare import compare
from checker.fx import FxTable
from checker.ingest import DEFAULT_MAX_BYTES, ManifestEntry, iter_corpus
from checker.ledger import Decision, apply_ledger
from checker.model import Article, Skipped
from checker.pool import Extractor, local_extractor
from checker.progress import progress_bar
from checker.report.build import ArticleInfo, Report
from checker.rule import Rule
from checker.stream import check_stream


@dataclass(frozen=True, slots=True)
class ScaleOptions:
    """How a run is spread and cached; none of it changes the report."""

    jobs: int = 1  # worker processes for extraction (1: this process only)
    cache: Path | None = None  # the cache folder; None: no cache
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None: a local cluster
    progress: bool = False  # a progress bar on standard error


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


def run_check(options: RunOptions, progress: Callable[[ArticleInfo], None] | None = None) -> Report:
    """Read the corpus one article at a time, keep only claims, and compare them.

    Extraction runs in this process, a process pool (`scale.jobs`) or on Dask (`scale.engine`),
    and takes unchanged articles from the cache (`scale.cache`); the report is the same.
    """
    scale = options.scale
    dask_client = None
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
        collected = check_stream(
            _selected_items(options), options.rules, extractor, cache, version,
            window=max(2, scale.jobs * 4), progress=progress or bar.update,
        )
        bar.close()
        if dask_client is not None:
            from checker.dask_engine import compare_on_dask

            found = compare_on_dask(dask_client, collected.claims, options.fx)
        else:
            found = compare(collected.claims, options.fx)
    finally:
        bar.close()
        extractor.close()
        if cache is not None:
            cache.close()
        if dask_client is not None:
            from checker.dask_engine import close

            close(dask_client)
    findings, stale = apply_ledger(found, options.decisions or {})
    cited = {c.id for f in findings for c in f.claims}
    return Report(
        corpus=options.corpus_label or options.corpus.as_posix(),
        articles=tuple(collected.articles),
        claims=tuple(collected.claims),
        findings=tuple(findings),
        skipped=tuple(collected.skipped),
        stale_reviews=tuple(d.finding for d in stale),
        contexts={cid: ctx for cid, ctx in collected.contexts.items() if cid in cited},
    )
