"""Ingest: each source of a publication date, in order, and articles with none."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checker.ingest import InputError, iter_corpus, read_manifest
from checker.model import Article, PublishedBasis, Skipped


def read(root: Path, manifest=None) -> tuple[dict[str, Article], list[Skipped]]:
    articles, skipped = {}, []
    for item in iter_corpus(root, manifest):
        if isinstance(item, Article):
            articles[item.id] = item
        else:
            skipped.append(item)
    return articles, skipped


@pytest.mark.parametrize(
    ("name", "content", "published", "basis"),
    [
        pytest.param(
            "fm.md",
            "---\ntitle: T\ndate: 2024-05-17\n---\nBody text.\n",
            date(2024, 5, 17),
            PublishedBasis.FRONT_MATTER,
            id="front-matter-date",
        ),
        pytest.param(
            "fm2.md",
            "---\npublished: '2023-01-02'\n---\nBody.\n",
            date(2023, 1, 2),
            PublishedBasis.FRONT_MATTER,
            id="front-matter-published",
        ),
        pytest.param(
            "h.txt",
            " date 2025-02-22 Leaders met on Tuesday.\n",
            date(2025, 2, 22),
            PublishedBasis.HEADER,
            id="header-marker",
        ),
        pytest.param(
            "u.txt",
            "Text.\nhttps://news.example/world/2025/aug/30/slug\nhttps://x.example/a/2025/08/29/b\n",
            date(2025, 8, 30),
            PublishedBasis.URL,
            id="latest-dated-url",
        ),
        pytest.param(
            "d.txt",
            "MOSCOW, March 3, 2023 - Leaders met.\n",
            date(2023, 3, 3),
            PublishedBasis.INFERRED,
            id="dateline",
        ),
        pytest.param("n.txt", "Leaders met on Tuesday.\n", None, PublishedBasis.NONE, id="no-date"),
    ],
)
def test_date_sources(tmp_path, name, content, published, basis):
    (tmp_path / name).write_text(content, encoding="utf-8")
    articles, _ = read(tmp_path)
    art = articles[name]
    assert art.published == published
    assert art.basis is basis


def test_manifest_wins_over_everything(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-02-22 Text.\n", encoding="utf-8")
    m = tmp_path / "m.csv"
    m.write_text("article,published\na.txt,2020-01-01\n", encoding="utf-8")
    entries, problems = read_manifest(m)
    articles, _ = read(tmp_path, entries)
    assert articles["a.txt"].published == date(2020, 1, 1)
    assert articles["a.txt"].basis is PublishedBasis.MANIFEST
    assert problems == []


def test_manifest_without_required_columns_is_an_input_error(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("file,date\na.txt,2020-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="published"):
        read_manifest(m)


def test_jsonl_records_and_subfolders(tmp_path):
    sub = tmp_path / "wire"
    sub.mkdir()
    rows = [
        {"id": "r1", "published": "2024-01-02", "text": "First."},
        {"text": "Second."},
        "not a record",
    ]
    (sub / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8"
    )
    articles, skipped = read(tmp_path)
    assert articles["wire/feed.jsonl#r1"].published == date(2024, 1, 2)
    assert articles["wire/feed.jsonl#r1"].basis is PublishedBasis.RECORD
    assert "wire/feed.jsonl#2" in articles
    assert sorted(s.line for s in skipped if s.fatal) == [3, 4]


def test_missing_date_is_a_warning_not_a_skip(tmp_path):
    (tmp_path / "a.txt").write_text("Trade rose.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert "a.txt" in articles
    assert [s.fatal for s in skipped] == [False]


def test_empty_and_binary_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ok.txt").write_text(" date 2024-01-01 Fine.\n", encoding="utf-8")
    articles, skipped = read(tmp_path)
    assert list(articles) == ["ok.txt"]
    assert {s.path: s.reason for s in skipped} == {
        "bin.txt": "binary or undecodable file",
        "empty.txt": "empty file",
    }


def test_read_file_reads_what_is_there_even_if_it_grew_since_stat(tmp_path: Path) -> None:
    from checker.ingest import read_file

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_file(path, 1000, 100) == b"x" * 100
    # stat said 40 bytes, but the file has 100: all of it is read, up to one past the limit.
    assert read_file(path, 1000, 40) == b"x" * 100
    assert read_file(path, 60, 40) == b"x" * 61
    assert read_file(path, 60) == b"x" * 61
