"""Corpus in: files and JSON-lines records become Articles, or Skipped records saying why.

Publication dates come, in order, from the manifest, front matter, a leading date
marker, dated URLs in the text, and last a dateline or the latest full date written in
the text. Articles are yielded one at a time so that a large corpus is never all in memory.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex

from checker.model import Article, PublishedBasis, Skipped
from checker.patterns import compile_pattern, search
from checker.published import header_end, infer_published

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
RECORD_SUFFIXES = (".jsonl",)
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")  # beside the articles, not articles

# YAML front matter: "---" on the first line, up to the next "---" line.
FRONT_MATTER = compile_pattern(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*$\r?\n?", flags=regex.DOTALL | regex.MULTILINE)
FRONT_MATTER_FIELD = compile_pattern(
    r"^(?P<name>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", flags=regex.MULTILINE
)
DATE_FIELDS = ("published", "date", "pubdate", "published_at")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One manifest row: what the corpus owner says about an article."""

    published: date | None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


class InputError(Exception):
    """A file the user named (corpus, manifest) cannot be used at all."""


def read_manifest(path: Path) -> tuple[dict[str, ManifestEntry], list[Skipped]]:
    """Read a CSV or JSON-lines manifest; bad rows are reported, not fatal."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read manifest: {exc}") from exc
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Skipped] = []
    if path.suffix == ".jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not an object")
            except ValueError as exc:
                problems.append(Skipped(str(path), f"manifest line is not a JSON object: {exc}", n))
                continue
            rows.append((n, {k: str(v) if v is not None else "" for k, v in row.items()}))
    else:
        reader = csv.DictReader(io.StringIO(raw))
        missing = {"article", "published"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: manifest lacks column(s) {', '.join(sorted(missing))}")
        rows = [(n, row) for n, row in enumerate(reader, 2)]
    entries: dict[str, ManifestEntry] = {}
    for n, row in rows:
        article = (row.get("article") or "").strip().replace("\\", "/")
        if not article:
            problems.append(Skipped(str(path), "manifest row has no article", n))
            continue
        published = None
        text = (row.get("published") or "").strip()
        if text:
            try:
                published = date.fromisoformat(text[:10])
            except ValueError:
                problems.append(Skipped(str(path), f"bad published date {text!r} for {article}", n, fatal=False))
        entries[article] = ManifestEntry(
            published, row.get("url") or None, row.get("outlet") or None, row.get("title") or None
        )
    return entries, problems


def decode(raw: bytes) -> str | None:
    """Text of a file: UTF-8 (with or without BOM), else the encoding charset-normalizer finds."""
    if b"\x00" in raw[:8192]:
        return None
    try:
        return raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it, only UTF-8 is read
        return None
    best = from_bytes(raw).best()
    return str(best) if best is not None else None


def read_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple `key: value` front matter and the offset where the body starts."""
    m = search(FRONT_MATTER, text)
    if not m:
        return {}, 0
    fields = {f["name"].lower(): f["value"].strip("'\"") for f in FRONT_MATTER_FIELD.finditer(m["body"])}
    return fields, m.end()


def make_article(
    article_id: str, text: str, entry: ManifestEntry | None, record: dict[str, str] | None = None
) -> tuple[Article, list[Skipped]]:
    """An Article with its publication date from the strongest source available."""
    warnings: list[Skipped] = []
    meta, body_start = read_front_matter(text)
    if record:
        meta = {**record, **meta}
    published, basis = None, PublishedBasis.NONE
    if entry and entry.published:
        published, basis = entry.published, PublishedBasis.MANIFEST
    if published is None:
        for name in DATE_FIELDS:
            value = meta.get(name)
            if not value:
                continue
            try:
                published = date.fromisoformat(value.strip()[:10])
                basis = PublishedBasis.RECORD if record and name in record else PublishedBasis.FRONT_MATTER
                break
            except ValueError:
                warnings.append(Skipped(article_id, f"unreadable {name} {value!r}", fatal=False))
    if published is None:
        found = infer_published(text)
        if found:
            published, basis = found
    if published is None:
        warnings.append(Skipped(article_id, "no publication date: relative dates left unresolved", fatal=False))
    body_start = max(body_start, header_end(text))
    article = Article(
        id=article_id,
        text=text,
        published=published,
        basis=basis,
        url=(entry.url if entry else None) or meta.get("url"),
        title=(entry.title if entry else None) or meta.get("title"),
        outlet=(entry.outlet if entry else None) or meta.get("outlet"),
        body_start=body_start,
    )
    return article, warnings


def iter_files(root: Path) -> Iterator[Path]:
    """Corpus files below root, in a stable order, following no symlinked folder twice."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in MANIFEST_NAMES:
                continue
            if name.endswith(ARTICLE_SUFFIXES + RECORD_SUFFIXES):
                yield Path(dirpath, name)


def iter_records(path: Path, rel: str, text: str, manifest: dict[str, ManifestEntry]) -> Iterator[Article | Skipped]:
    """Articles from a JSON-lines corpus file: one record a line, with `text`."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row["text"]
            if not isinstance(body, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            yield Skipped(rel, f"line {n} is not a usable record: {type(exc).__name__}: {exc}", n)
            continue
        article_id = f"{rel}#{row.get('id') or n}"
        record = {k: str(v) for k, v in row.items() if k != "text" and v is not None}
        article, warnings = make_article(article_id, body, manifest.get(article_id), record)
        yield from warnings
        yield article


def iter_corpus(root: Path, manifest: dict[str, ManifestEntry] | None = None) -> Iterator[Article | Skipped]:
    """Every article of a corpus (a folder or a single file), or why one was skipped."""
    manifest = manifest or {}
    if not root.exists():
        raise InputError(f"{root}: no such file or folder")
    files = [root] if root.is_file() else iter_files(root)
    base = root.parent if root.is_file() else root
    for path in files:
        rel = path.relative_to(base).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield Skipped(rel, f"cannot read: {exc.strerror or exc}")
            continue
        if not raw.strip():
            yield Skipped(rel, "empty file")
            continue
        text = decode(raw)
        if text is None:
            yield Skipped(rel, "binary or undecodable file")
            continue
        if path.suffix in RECORD_SUFFIXES:
            yield from iter_records(path, rel, text, manifest)
            continue
        article, warnings = make_article(rel, text, manifest.get(rel))
        yield from warnings
        yield article
