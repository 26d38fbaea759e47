"""Claims from the cache are read back only when asked for, and nothing else changes."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scale_corpus import write_scale_corpus

import checker.codec as codec
from checker.claim_blocks import ClaimBlocks
from checker.codec import CachedClaims, CodecError, encode_result, read_result
from checker.compare import compare
from checker.model import Claim, DateSpan, Family, Key, Offset
from checker.report import html as html_report
from checker.report import json as json_report
from checker.run import RunOptions, ScaleOptions, run_check


def dated(article: str, subject: str, day: int, offset: Offset | None = None) -> Claim:
    return Claim(
        article=article,
        rule="event-date",
        key=Key(Family.DATE, subject, "when"),
        quote=f"May {day}",
        start=day,
        end=day + 5,
        line=1,
        dates=DateSpan.day(date(2024, 5, day)),
        offset=offset,
    )


def cached(claims: list[Claim]) -> CachedClaims:
    got, problems = read_result(encode_result(claims, []))
    assert problems == []
    return got


def read_back(claims: CachedClaims) -> int:
    return sum(1 for row in claims._rows if type(row) is Claim)


def test_cached_claims_are_read_one_by_one_when_asked():
    claims = [dated("a.txt", f"event-{i}", i + 1) for i in range(5)]
    got = cached(claims)
    assert len(got) == 5 and read_back(got) == 1  # the first, with the row's checks
    assert got[3] == claims[3] and read_back(got) == 2
    assert got[1:4] == claims[1:4] and got[-1] == claims[-1]
    assert got == claims and list(got) == claims and read_back(got) == 5
    assert got.keys == [[f"date:event-{i}:when"] for i in range(5)]


def test_a_claim_that_does_not_read_back_says_how_to_recover():
    text = encode_result([dated("a.txt", "x", 1), dated("a.txt", "y", 2)], [])
    head, first, second = text.split("\n")  # the record, then a claim's row per line

    def joined(*lines: str) -> str:
        return "\n".join(lines)

    got, _ = read_result(joined(head, first, second.replace('"a.txt"', "7")))  # a number
    with pytest.raises(CodecError, match="cache clear"):
        got[1]
    with pytest.raises(CodecError, match="extra data"):
        read_result(joined(head, first, second + " trailing"))[0][1]
    record = json.loads(head)
    for bad in ([["date:x:when"], [7]], [["date:x:when"], "date:y:when"], None, [["a"]]):
        with pytest.raises(CodecError):  # keys must be lists of names, one per claim
            read_result(joined(json.dumps({**record, "keys": bad}), first, second))
    for count in (1, 3, "2", None):
        with pytest.raises(CodecError):  # as many rows as the record says
            read_result(joined(json.dumps({**record, "claims": count}), first, second))
    with pytest.raises(CodecError):  # a row lost (or a line break let into one)
        read_result(joined(head, first))
    with pytest.raises(CodecError):  # the first is read at once: the row is a miss
        read_result(joined(head, "{not json", second))


@given(st.lists(st.integers(0, 4), max_size=8), st.data())
def test_blocks_index_and_slice_as_one_list(sizes, data):
    flat: list[Claim] = []
    blocks = ClaimBlocks()
    for b, size in enumerate(sizes):
        claims = [dated(f"{b}.txt", f"s{b}-{i}", i + 1) for i in range(size)]
        flat.extend(claims)
        blocks.add(cached(claims) if b % 2 else tuple(claims))
    assert len(blocks) == len(flat) and list(blocks) == flat and blocks == flat
    if flat:
        i = data.draw(st.integers(-len(flat), len(flat) - 1))
        assert blocks[i] == flat[i]
    start = data.draw(st.integers(-10, 10))
    stop = data.draw(st.integers(-10, 10))
    step = data.draw(st.sampled_from([None, 1, 2, -1]))
    assert blocks[start:stop:step] == flat[start:stop:step]
    with pytest.raises(IndexError):
        blocks[len(flat)]


def test_compare_gets_every_claim_a_finding_can_hold_and_reads_back_no_other():
    talks = [dated("a.txt", "talks", 3), dated("b.txt", "talks", 4)]
    alone = [dated("a.txt", "unnamed-a", 9), dated("b.txt", "unnamed-b", 9)]
    # Its own key no other claim has; it enters through the event its offset counts from.
    after = dated(
        "c.txt", "summit", 6, Offset(2, Key(Family.DATE, "talks", "when"), "two days after")
    )
    blocks = ClaimBlocks()
    first, second = cached([talks[0], alone[0]]), cached([alone[1], talks[1]])
    blocks.add(first)
    blocks.add(second)
    blocks.add((after,))
    compared = list(blocks.compared())
    assert compared == [talks[0], talks[1], after]
    assert read_back(first) == 1 and read_back(second) == 2  # alone[1] was the row's first
    assert compare(compared) == compare(list(blocks))
    assert blocks.settled() is blocks  # some claims are still unread: the view, not a tuple
    fresh = ClaimBlocks([*talks, after])
    assert list(fresh.compared()) == [*talks, after] and fresh.settled() == (*talks, after)
    assert type(fresh.settled()) is tuple


def test_a_warm_run_reports_the_same_and_reads_back_fewer_claims(tmp_path, registry, monkeypatch):
    corpus = write_scale_corpus(tmp_path / "corpus", generated=60)
    rules = registry.rules
    plain = run_check(RunOptions(corpus, rules))
    options = RunOptions(corpus, rules, scale=ScaleOptions(cache=tmp_path / "cache"))
    run_check(options)  # cold: fills the cache
    calls = []
    real = codec.decode_claim_row
    monkeypatch.setattr(codec, "decode_claim_row", lambda row: calls.append(1) or real(row))
    warm = run_check(options)
    assert json_report.render(warm) == json_report.render(plain)
    assert 0 < len(calls) < len(plain.claims)
    # Whatever reads every claim (here the HTML report) gets them all, the same.
    html_plain = html_report.render(dataclasses.replace(plain, link_base=None))
    assert html_report.render(dataclasses.replace(warm, link_base=None)) == html_plain
    assert list(warm.claims) == list(plain.claims)


def test_keys_are_kept_as_compare_names_them():
    offset = Offset(1, Key(Family.DATE, "talks", "when", "2024"), "a day after")
    claim = dated("a.txt", "summit", 5, offset)
    assert cached([claim]).keys == [["date:summit:when", "date:talks:when:2024"]]
    no_date = dataclasses.replace(claim, dates=None)  # an offset with no date moves nothing
    assert cached([no_date]).keys == [["date:summit:when"]]
