"""The incremental cache: exact round trip, hits and misses, damage detected, clear, two runs at once."""

from __future__ import annotations

import dataclasses
import json
import pickle
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from scale_corpus import write_scale_corpus

from checker.cache import DB_NAME, ClaimCache, rules_version
from checker.cli import main
from checker.codec import (
    CLAIM_ROW,
    decode_claim,
    decode_contexts,
    decode_result,
    encode_claim,
    encode_contexts,
    encode_result,
)
from checker.ingest import iter_corpus
from checker.model import Bound, Claim, DateSpan, Family, Interval, Key, Modality, Skipped
from checker.pool import InlineExtractor
from checker.report.build import ClaimContext, QuotesOnly
from checker.run import RunOptions, ScaleOptions, run_check
from checker.stream import check_stream

FULL = Claim(
    article="a/b.txt",
    rule="event-date",
    key=Key(Family.DATE, "ww2-victory-europe", "when", "1945"),
    quote="May 9, 1945",
    start=10,
    end=21,
    line=3,
    amount=Interval(0.1 + 0.2, None, Bound.MORE_THAN, "USD", 0.05e9),
    dates=DateSpan(date(1945, 5, 1), date(1945, 5, 31)),
    alternatives=(
        DateSpan(date(1945, 5, 8), date(1945, 5, 8)),
        DateSpan(date(1945, 5, 9), date(1945, 5, 9)),
    ),
    modality=Modality.FORECAST,
    attribution="officials",
    annual=True,
    note="n\u00e9 \u201cquoted\u201d",
)


def test_codec_round_trips_every_field_exactly():
    for claim in (
        FULL,
        dataclasses.replace(
            FULL,
            amount=Interval(40, 40, Bound.EXACT, "count"),
            dates=None,
            alternatives=(),
            attribution=None,
            note=None,
        ),
        dataclasses.replace(FULL, key=Key(Family.TRADE, "china-russia", "total")),
    ):
        back = decode_claim(encode_claim(claim))
        assert back == claim
        assert type(back.amount.lower) is type(claim.amount.lower)  # an int stays an int
    # Every field of the model is written, and the claim's id: a new field must be added to
    # the codec.
    assert set(encode_claim(FULL)) == {f.name for f in dataclasses.fields(Claim) if f.init} | {"id"}
    problems = [Skipped("a/b.txt", "rule failed", 3, "event-date", False)]
    assert decode_result(encode_result([FULL], problems)) == ([FULL], problems)
    contexts = [ClaimContext("before ", "May 9, 1945", " after")]
    assert decode_contexts(encode_contexts(contexts, [FULL]), [FULL]) == contexts
    squeezed = [ClaimContext("", "May 9,\n1945", "")]  # not the claim's own quote: kept
    assert decode_contexts(encode_contexts(squeezed, [FULL]), [FULL]) == squeezed


def test_a_decoded_claim_is_the_claim_its_constructor_makes():
    """The codec sets a claim's slots directly, skipping Claim.__init__: nothing may differ."""
    assert not hasattr(Claim, "__post_init__")  # the constructor would run it; the codec not
    for claim in (FULL, dataclasses.replace(FULL, amount=None, alternatives=(), offset=None)):
        back = decode_claim(encode_claim(claim))
        assert type(back) is Claim and back == claim and repr(back) == repr(claim)
        assert dataclasses.astuple(back)[:-1] == dataclasses.astuple(claim)[:-1]  # but the id
        assert back._id == claim.id  # kept with the claim, not worked out again
        assert hash(back) == hash(claim) and back.id == claim.id == back.id_from_fields()
        assert dataclasses.replace(back, start=0)._id is None  # a changed claim works it out again


def test_a_pickled_claim_comes_back_whole():
    """Workers send claims back pickled, by their field values set into the slots."""
    assert FULL.id  # worked out and kept, whatever ran before
    fresh = dataclasses.replace(FULL, note="n")  # its id not yet worked out
    bare = dataclasses.replace(FULL, amount=None, alternatives=(), offset=None)
    for claim in (FULL, fresh, bare):
        known = claim._id
        back = pickle.loads(pickle.dumps(claim, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is Claim and back == claim and repr(back) == repr(claim)
        assert back._id == known and back.id == claim.id == back.id_from_fields()
        for part in (back.key, back.amount, back.dates, *back.alternatives):
            assert part is None or pickle.loads(pickle.dumps(part)) == part


def flat_contexts(collected) -> list[ClaimContext]:
    """The stream's contexts, one per claim (they are kept article by article)."""
    return [x for block in collected.contexts for x in block]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return write_scale_corpus(tmp_path, generated=100)


def stream(corpus: Path, registry, cache: ClaimCache | None):
    rules = registry.rules
    return check_stream(
        iter_corpus(corpus), rules, InlineExtractor(rules), cache, rules_version(rules)
    )


def test_second_run_is_all_hits_and_same_result(corpus, registry, tmp_path):
    uncached = stream(corpus, registry, None)
    cold_cache = ClaimCache(tmp_path / "cache")
    cold = stream(corpus, registry, cold_cache)
    warm_cache = ClaimCache(tmp_path / "cache")
    warm = stream(corpus, registry, warm_cache)
    n = len(uncached.articles)
    assert (cold.extracted, cold_cache.hits) == (n, 0)
    assert (warm.extracted, warm_cache.hits, warm_cache.rejected) == (0, n, 0)
    for got in (cold, warm):
        assert got.claims == uncached.claims
        assert got.skipped == uncached.skipped
        assert flat_contexts(got) == flat_contexts(uncached)


def test_one_percent_changed_reextracts_only_those(corpus, registry, tmp_path):
    stream(corpus, registry, ClaimCache(tmp_path / "cache"))
    changed = sorted(corpus.glob("gen-*.txt"))[:1]
    for path in changed:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nA correction was added.\n", encoding="utf-8"
        )
    warm = stream(corpus, registry, ClaimCache(tmp_path / "cache"))
    assert warm.extracted == len(changed)
    assert warm.claims == stream(corpus, registry, None).claims


def test_another_rule_selection_does_not_hit(corpus, registry, tmp_path):
    stream(corpus, registry, ClaimCache(tmp_path / "cache"))
    rules = registry.select(["trade"])
    got = check_stream(
        iter_corpus(corpus),
        rules,
        InlineExtractor(rules),
        ClaimCache(tmp_path / "cache"),
        rules_version(rules),
    )
    assert got.extracted == len(got.articles)


def test_corrupt_database_is_rebuilt_with_a_warning(corpus, registry, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = ClaimCache(folder, warn=warnings.append)
    got = stream(corpus, registry, cache)
    assert any("unusable" in w for w in warnings)
    assert got.claims == stream(corpus, registry, None).claims
    again = ClaimCache(folder)
    assert stream(corpus, registry, again).extracted == 0


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE articles SET payload = '{not json' WHERE rowid IN (SELECT rowid FROM articles LIMIT 3)",
        # a field too many in each claim's row (one per line after the record)
        "UPDATE articles SET payload = replace(payload, char(10) || '[', char(10) || '[1,') "
        "WHERE rowid IN (SELECT rowid FROM articles WHERE instr(payload, char(10)) LIMIT 3)",
    ],
)
def test_bad_rows_are_never_trusted(corpus, registry, tmp_path, damage):
    folder = tmp_path / "cache"
    stream(corpus, registry, ClaimCache(folder))
    from checker.cache_rows import _row_checksum

    with sqlite3.connect(folder / DB_NAME) as db:
        db.execute(damage)
        # Checksums made to match the damage: only the rows' own checks can tell.
        rows = db.execute("SELECT key, payload, contexts, rendered FROM articles").fetchall()
        for key, payload, contexts, rendered in rows:
            summed = _row_checksum(payload, contexts, rendered)
            db.execute("UPDATE articles SET checksum = ? WHERE key = ?", (summed, key))
        # And a row whose checksum is not one at all.
        db.execute(
            "UPDATE articles SET checksum = 'x' "
            "WHERE rowid IN (SELECT rowid FROM articles ORDER BY rowid DESC LIMIT 1)"
        )
    warnings: list[str] = []
    cache = ClaimCache(folder, warn=warnings.append)
    got = stream(corpus, registry, cache)
    assert got.extracted == cache.rejected >= 3  # the damaged rows (and the last one)
    assert len(warnings) == cache.rejected
    assert got.claims == stream(corpus, registry, None).claims
    assert stream(corpus, registry, ClaimCache(folder)).extracted == 0  # rewritten


@pytest.mark.parametrize("by_file", [False, True], ids=["articles", "files"])
def test_damaged_contexts_cost_only_a_run_that_shows_them(corpus, registry, tmp_path, by_file):
    """A run whose report shows no sentence reads (and checks) none: the claims' own
    checksum covers the rest of the row. Looked up by article (Dask) or by file (local)."""
    from checker.run import _FileJobs

    folder = tmp_path / "cache"
    rules = registry.rules

    def run(shown: bool):
        cache = ClaimCache(folder, warn=lambda _: None)
        items = _FileJobs(RunOptions(corpus, rules)) if by_file else iter_corpus(corpus)
        got = check_stream(
            items, rules, InlineExtractor(rules), cache, rules_version(rules), shown=shown
        )
        return got, cache.rejected

    assert run(shown=True)[0].extracted > 0  # fills the cache
    with sqlite3.connect(folder / DB_NAME) as db:
        damaged = db.execute("UPDATE articles SET contexts = X'00' WHERE payload LIKE '%c-%'")
        assert damaged.rowcount > 0
    got, rejected = run(shown=False)
    assert got.extracted == rejected == 0
    assert all(type(block) is QuotesOnly for block in got.contexts)
    got, rejected = run(shown=True)  # a miss, re-extracted and rewritten
    assert got.extracted == rejected == damaged.rowcount
    got, rejected = run(shown=True)
    assert got.extracted == rejected == 0
    assert flat_contexts(got) == flat_contexts(stream(corpus, registry, None))


def rewrite_first_claim(folder: Path, field: str, change) -> None:
    """Change one field of the first claim of a cached article, checksum made to match: a
    row that is well formed and consistent, but wrong."""
    from checker.cache_rows import _row_checksum

    with sqlite3.connect(folder / DB_NAME) as db:
        key, payload, contexts, rendered = db.execute(
            "SELECT key, payload, contexts, rendered FROM articles "
            "WHERE payload NOT LIKE '%\"claims\":0,%' ORDER BY key LIMIT 1"
        ).fetchone()
        record, *rows = payload.split("\n")  # each claim's row on a line of its own
        row = json.loads(rows[0])
        row[CLAIM_ROW.index(field)] = change(row[CLAIM_ROW.index(field)])
        rows[0] = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        payload = "\n".join([record, *rows])
        db.execute(
            "UPDATE articles SET payload = ?, checksum = ? WHERE key = ?",
            (payload, _row_checksum(payload, contexts, rendered), key),
        )


def test_quote_check_catches_a_consistent_but_wrong_row(corpus, registry, tmp_path):
    folder = tmp_path / "cache"
    stream(corpus, registry, ClaimCache(folder))
    # Not at its offsets: `end` is outside the id, so only the quote check can tell.
    rewrite_first_claim(folder, "end", lambda end: end + 1)
    cache = ClaimCache(folder, warn=lambda _: None)
    assert stream(corpus, registry, cache).extracted == cache.rejected == 1


def test_a_kept_claim_id_that_is_not_its_claims_is_caught(corpus, registry, tmp_path):
    """Ids are kept with the claims; the first is worked out again, as a check on the row."""
    folder = tmp_path / "cache"
    stream(corpus, registry, ClaimCache(folder))
    rewrite_first_claim(folder, "id", lambda _: "c-0000000000")
    warnings: list[str] = []
    cache = ClaimCache(folder, warn=warnings.append)
    assert stream(corpus, registry, cache).extracted == cache.rejected == 1
    assert any("claim id" in w for w in warnings)


def test_cache_clear(tmp_path, registry):
    corpus = write_scale_corpus(tmp_path, generated=0)
    folder = tmp_path / "cache"
    run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=folder)))
    assert (folder / DB_NAME).exists()
    assert main(["cache", "clear", "--cache-dir", str(folder)]) == 0
    assert not (folder / DB_NAME).exists()


def test_two_runs_at_once_share_the_cache(corpus, tmp_path):
    folder = tmp_path / "cache"
    command = [
        sys.executable,
        "-m",
        "checker",
        "check",
        str(corpus),
        "--format",
        "json",
        "--jobs",
        "1",
        "--cache-dir",
        str(folder),
        "--quiet",
    ]
    runs = [
        subprocess.Popen(
            [*command, "-o", str(tmp_path / f"r{i}.json")],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    results = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], results
    assert not any("warning" in err for _, err in results), results
    plain = subprocess.run(
        [*command, "--no-cache", "-o", str(tmp_path / "plain.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stderr
    expected = (tmp_path / "plain.json").read_text(encoding="utf-8")
    assert (tmp_path / "r0.json").read_text(encoding="utf-8") == expected
    assert (tmp_path / "r1.json").read_text(encoding="utf-8") == expected
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == expected.count(
            '"published_basis"'
        )


def test_unchanged_files_are_not_read_again(corpus, registry, tmp_path, monkeypatch):
    """A file whose size and mtime (or, when the mtime moved, bytes) are as cached is not read."""
    import os

    import checker.batch
    from checker.report import json as json_report

    options = RunOptions(corpus, registry.rules, scale=ScaleOptions(cache=tmp_path / "cache"))
    expected = json_report.render(run_check(RunOptions(corpus, registry.rules)))
    assert json_report.render(run_check(options)) == expected  # cold
    read: list[str] = []
    real = checker.batch.read_one

    def counting(path, *args, **kwargs):
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(checker.batch, "read_one", counting)
    texts = sorted(corpus.glob("gen-*.txt"))
    touched, changed = texts[0], texts[1]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    warm = run_check(options)
    # Records files are known by their stamp alone, and were written just now (too recently
    # to trust a stamp): they are read again; of the plain files, only the changed one.
    assert [n for n in read if not n.endswith(".jsonl")] == [changed.name]
    assert json_report.render(warm) == json_report.render(run_check(RunOptions(corpus, registry.rules)))


@pytest.mark.parametrize("fmt, shown", [("json", False), ("csv", False), ("html", True)])
def test_only_a_report_that_shows_sentences_reads_them_from_the_cache(
    corpus, tmp_path, monkeypatch, fmt, shown
):
    asked: list[bool] = []
    lookup = ClaimCache.lookup_files

    def spy(self, entries, max_bytes, contexts=True):
        asked.append(contexts)
        return lookup(self, entries, max_bytes, contexts)

    monkeypatch.setattr(ClaimCache, "lookup_files", spy)
    args = ["check", str(corpus), "--cache-dir", str(tmp_path / "cache"), "--quiet"]
    for _ in range(2):  # cold, then warm
        assert main([*args, "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]) == 0
    assert asked and set(asked) == {shown}
