"""Claim entries kept by the cache and spliced into the JSON report: the same bytes as a
fresh rendering, and never taken from a damaged row or for other claims."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from scale_corpus import write_scale_corpus

from checker.cache import DB_NAME, SCHEMA, ClaimCache, rules_version
from checker.cache_rows import _row_checksum
from checker.gate import only_findings
from checker.pool import InlineExtractor
from checker.report import html as html_report
from checker.report import json as json_report
from checker.report.entries import ClaimEntries
from checker.run import RunOptions, ScaleOptions, _FileJobs, run_check
from checker.stream import Collected, check_stream


def test_spool_gives_back_the_entries_joined_in_any_chunk_size():
    spool = ClaimEntries()
    blocks = [("{a}", 1), ("", 0), ("{b},\n  {ü — 🙂}", 2), ("{\ud800}", 1)]  # a lone surrogate too
    for text, claims in blocks:
        spool.add(text.encode("utf-8", "surrogatepass"), claims)
    claims = (object(),) * 4
    spool.bind(claims)
    want = "{a},\n  {b},\n  {ü — 🙂},\n  {\ud800}"
    for size in (1, 2, 3, 5, 1 << 20):  # pieces that cut characters in two
        assert "".join(spool.chunks(size)) == want
    assert spool.covers(claims) and not spool.covers(tuple(list(claims)))  # that very tuple
    with pytest.raises(ValueError):
        spool.add(b"{c}", 1)


def test_spool_is_bound_only_to_as_many_claims_as_it_holds():
    spool = ClaimEntries()
    spool.add(b"{a}", 1)
    with pytest.raises(ValueError):
        spool.bind(())
    assert "".join(ClaimEntries().bind(()).chunks()) == ""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return write_scale_corpus(tmp_path, generated=60)


def rendered(report) -> str:
    return json_report.render(report)


def test_spliced_report_is_the_fresh_rendering(corpus, registry, tmp_path):
    fresh = run_check(RunOptions(corpus, registry.rules))
    assert fresh.claim_entries is None  # no cache: the claims are rendered as the report goes
    expected = json.dumps(json_report.report_record(fresh), ensure_ascii=False, indent=1) + "\n"
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=tmp_path / "cache"))
    for _ in ("cold", "warm"):
        report = run_check(options)
        assert report.claim_entries is not None and report.claim_entries.covers(report.claims)
        for size in (7, 1 << 20):
            assert "".join(json_report.render_chunks(report, size)) == expected
        assert rendered(replace(report, claim_entries=None)) == expected


def test_a_closed_spool_is_not_read_and_the_report_renders_itself(corpus, registry, tmp_path):
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=tmp_path / "cache"))
    report = run_check(options)
    expected = rendered(replace(report, claim_entries=None))
    assert report.claim_entries is not None
    report.claim_entries.close()  # as `serve` does: its page never lists every claim
    assert not report.claim_entries.covers(report.claims)
    assert rendered(report) == expected


def test_no_spool_when_no_json_report_is_asked_for(corpus, registry, tmp_path):
    """`check --format table` reads no claim entries: none are spooled, cold or warm."""
    spooled = ScaleOptions(cache=tmp_path / "cache")
    expected = rendered(run_check(RunOptions(corpus, registry.rules, scale=spooled)))
    scale = replace(spooled, json_report=False)
    for _ in ("warm", "warm again"):
        report = run_check(RunOptions(corpus, registry.rules, scale=scale))
        assert report.claim_entries is None
        assert rendered(report) == expected  # a JSON report can still be asked for


def test_a_report_with_other_claims_renders_them_itself(corpus, registry, tmp_path):
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=tmp_path / "cache"))
    run_check(options)
    report = run_check(options)
    cut = only_findings(report, report.findings[:1])
    assert len(cut.claims) < len(report.claims)
    assert rendered(cut) == rendered(replace(cut, claim_entries=None))


def warm_stream(options: RunOptions, cache: ClaimCache) -> Collected:
    """The stream of a run over the corpus's files, with this cache."""
    rules = options.rules
    return check_stream(
        _FileJobs(options), rules, InlineExtractor(rules), cache, rules_version(rules)
    )


def damage_rows(folder: Path, change, checksum: bool = True) -> int:
    """Apply `change(i, rows, payload, contexts, rendered) -> (payload, contexts, rendered)`
    to every article row that has claims; with `checksum`, the checksum is made to match
    (so that only the other checks can catch it)."""
    with sqlite3.connect(folder / DB_NAME) as db:
        rows = db.execute(
            "SELECT key, checksum, payload, contexts, rendered FROM articles "
            "WHERE payload NOT LIKE '%\"claims\":0,%' ORDER BY key"
        ).fetchall()
        for i, (key, *row) in enumerate(rows):
            payload, contexts, entries = change(i, rows, *row[1:])
            summed = _row_checksum(payload, contexts, entries) if checksum else row[0]
            db.execute(
                "UPDATE articles SET payload = ?, contexts = ?, rendered = ?, checksum = ? "
                "WHERE key = ?",
                (payload, contexts, entries, summed, key),
            )
    return len(rows)


def swap_with_next(i, rows, payload, contexts, entries):
    return payload, contexts, rows[(i + 1) % len(rows)][4]  # another article's entries


def one_entry_less(i, rows, payload, contexts, entries):
    return payload, contexts, entries.rsplit(b",\n  {", 1)[0] if b",\n  {" in entries else b""


@pytest.mark.parametrize("change", [swap_with_next, one_entry_less])
def test_entries_of_other_claims_are_not_used(corpus, registry, tmp_path, change):
    folder = tmp_path / "cache"
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=folder))
    expected = rendered(run_check(RunOptions(corpus, registry.rules)))
    run_check(options)
    damaged = damage_rows(folder, change)
    warnings: list[str] = []
    cache = ClaimCache(folder, warn=warnings.append)
    # Every damaged row is re-extracted (with the other articles of its file).
    assert warm_stream(options, cache).extracted >= damaged == cache.rejected == len(warnings)
    assert rendered(run_check(options)) == expected
    assert warm_stream(options, ClaimCache(folder)).extracted == 0  # rewritten


def test_a_checksum_mismatch_is_a_miss(corpus, registry, tmp_path):
    folder = tmp_path / "cache"
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=folder))
    expected = rendered(run_check(options))

    def one_byte(i, rows, payload, contexts, entries):
        return payload, contexts, entries.replace(b'"', b"'", 1)

    damaged = damage_rows(folder, one_byte, checksum=False)
    cache = ClaimCache(folder, warn=lambda _: None)
    assert warm_stream(options, cache).extracted >= damaged == cache.rejected > 0
    assert rendered(run_check(options)) == expected


def test_damaged_contexts_show_the_bare_quote(corpus, registry, tmp_path):
    folder = tmp_path / "cache"
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=folder))
    cold = run_check(options)
    damage_rows(folder, lambda i, rows, payload, contexts, entries: (payload, b"[", entries))
    warm = run_check(options)
    assert rendered(warm) == rendered(cold)  # the JSON report has no contexts
    cited = next(c for f in warm.findings for c in f.claims)
    assert warm.contexts[cited.id].before == warm.contexts[cited.id].after == ""
    assert warm.contexts[cited.id].quote == " ".join(cited.quote.split())
    assert "<html" in html_report.render(warm)


def test_a_cache_of_an_older_layout_is_emptied_without_a_warning(corpus, registry, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as db:  # schema 1: no contexts, no entries
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema', '1'), ('version', 'old')")
        db.execute(
            "CREATE TABLE articles (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
            "checksum TEXT NOT NULL, payload TEXT NOT NULL)"
        )
        db.execute("INSERT INTO articles VALUES ('k', 'a.txt', 'x', '{}')")
    warnings: list[str] = []
    ClaimCache(folder, warn=warnings.append).close()
    assert warnings == []
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone() == (
            str(SCHEMA),
        )
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        columns = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
        assert columns[-2:] == ["contexts", "rendered"]
    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=folder))
    assert rendered(run_check(options)) == rendered(run_check(RunOptions(corpus, registry.rules)))
