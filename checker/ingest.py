"""Corpus in: files and JSON-lines records become Articles, or Skipped records saying why.

Publication dates come, in order, from the manifest, front matter, a leading date
marker, dated URLs in the text, and last a dateline or, for the year alone, what the text
says (`checker.published`), each with a confidence. Articles are yielded one at a time so
that a large corpus is never all in memory.

Bad input never stops the run: each problem becomes one Skipped record naming the file (and
line) and what is wrong, and the rest of the corpus is read. Skipped (fatal, the file is not
checked): binary files, text in no encoding charset-normalizer recognises, empty files, files
over the size limit (`--max-bytes`), files that cannot be read (permissions, FIFOs and other
non-regular files, symlinks that loop), unusable JSON-lines records. Warnings (the file is
still read): text that is not UTF-8, front matter that is never closed or has lines that are
not `key: value`, a folder reached again through a symbolic link (a loop is not followed),
manifest rows with bad dates or naming no article of the corpus.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import regex

from checker.model import Article, PublishedBasis, Skipped
from checker.patterns import compile_pattern, finditer, search
from checker.published import header_end, infer_publication
from checker.suppress import TURNED_OFF, is_turned_off

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
RECORD_SUFFIXES = (".jsonl",)
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")  # beside the articles, not articles

# YAML front matter: "---" on the first line, up to the next "---" line.
FRONT_MATTER = compile_pattern(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*$\r?\n?", flags=regex.DOTALL | regex.MULTILINE)
FRONT_MATTER_FIELD = compile_pattern(
    r"^(?P<name>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", flags=regex.MULTILINE
)
DATE_FIELDS = ("published", "date", "pubdate", "published_at")
# Front matter opens with a "---" line; FRONT_MATTER fails to match when it is never closed.
FRONT_MATTER_OPEN = compile_pattern(r"\A---[ \t]*\r?$", flags=regex.MULTILINE)
# A front-matter line that reads: blank, a comment, `key: value`, a list item or an indented
# continuation. Anything else is reported with its line, and the article is still read.
FRONT_MATTER_LINE = compile_pattern(
    r"\A(?:[ \t]*(?:\#.*)?|[A-Za-z_][\w-]*[ \t]*:.*|[ \t]*-(?:[ \t].*)?|[ \t]+\S.*)\r?\Z",
    flags=regex.DOTALL,
)
# Articles larger than this are skipped unread (`--max-bytes`). A long news article is 50 KB;
# extraction takes about 10 s a megabyte (measured: 2 MB of dense figures, 28 s), so 2 MB
# bounds one article to about half a minute. In a .jsonl file the limit applies per record.
DEFAULT_MAX_BYTES = 2_000_000
# Byte-order marks of the UTF-16/32 encodings, whose text is full of NUL bytes yet is text.
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One manifest row: what the corpus owner says about an article."""

    published: date | None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    line: int | None = None  # where the row is in the manifest, for warnings
    source: str = ""  # the manifest file


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
                problems.append(
                    Skipped(str(path), f"manifest line is not a JSON object: {exc}", n, fatal=False)
                )
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
            problems.append(Skipped(str(path), "manifest row has no article", n, fatal=False))
            continue
        if article in entries:
            first = entries[article].line
            problems.append(
                Skipped(str(path), f"{article} is listed again (first on line {first}); this row is used", n, fatal=False)
            )
        published = None
        text = (row.get("published") or "").strip()
        if text:
            try:
                published = date.fromisoformat(text[:10])
            except ValueError:
                problems.append(Skipped(str(path), f"bad published date {text!r} for {article}", n, fatal=False))
        entries[article] = ManifestEntry(
            published, row.get("url") or None, row.get("outlet") or None, row.get("title") or None,
            line=n, source=str(path),
        )
    return entries, problems


def decode(raw: bytes) -> str | None:
    """Text of a file: UTF-8 (with or without BOM), else the encoding charset-normalizer finds."""
    return decode_named(raw)[0]


def decode_named(raw: bytes) -> tuple[str | None, str | None]:
    """The text of a file and the encoding it was read in; (None, None) for binary data.

    UTF-8 (with or without BOM) first; otherwise charset-normalizer picks among the common
    encodings (cp1252, latin-1, UTF-16 with a BOM, Shift JIS, ...). NUL bytes near the start
    mean binary, unless a UTF-16/32 byte-order mark says the file is wide text.
    """
    if b"\x00" in raw[:8192] and not raw.startswith(WIDE_BOMS):
        return None, None
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            return raw.decode("utf-8-sig"), "utf-8"
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # a dependency, but an install without it still reads UTF-8
        return None, None
    best = from_bytes(raw).best()
    if best is None:
        return None, None
    return str(best), best.encoding


def read_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple `key: value` front matter and the offset where the body starts."""
    m = search(FRONT_MATTER, text)
    if not m:
        return {}, 0
    fields = {f["name"].lower(): f["value"].strip("'\"") for f in finditer(FRONT_MATTER_FIELD, m["body"])}
    return fields, m.end()


def front_matter_problems(text: str) -> list[tuple[int, str]]:
    """(line, what is wrong) for front matter never closed or with lines that are not `key: value`."""
    if not search(FRONT_MATTER_OPEN, text):
        return []
    m = search(FRONT_MATTER, text)
    if not m:
        return [(1, "front matter opened with '---' is never closed; read as article text")]
    problems = []
    lines = m["body"].split("\n")[:-1]  # the body ends with the newline before the closing '---'
    for n, line in enumerate(lines, 2):
        if not search(FRONT_MATTER_LINE, line):
            shown = line if len(line) <= 60 else line[:57] + "..."
            problems.append((n, f"front matter line is not `key: value`: {shown!r}"))
    return problems


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
    confidence, year = (1.0, published.year) if published else (None, None)
    if published is None:
        found = infer_publication(text)
        if found:
            published, basis = found.published, found.basis
            confidence, year = found.confidence, found.year
    if published is None:
        known = f" (year {year} inferred from the text)" if year else ""
        reason = f"no publication date{known}: relative dates left unresolved"
        warnings.append(Skipped(article_id, reason, fatal=False))
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
        published_confidence=confidence,
        published_year=year,
    )
    return article, warnings


def iter_files(root: Path) -> Iterator[Path | Skipped]:
    """Corpus files below root, in a stable order, following no symlinked folder twice.

    A folder reached again through a symbolic link (a loop, or two links to one folder) is
    reported once, as a warning, and not walked again; a folder that cannot be listed is skipped.
    """
    for item in iter_file_names(root):
        yield item if isinstance(item, Skipped) else Path(item)


def iter_file_names(root: Path) -> Iterator[str | Skipped]:
    """iter_files with each file as a path string: a Path per file of a large corpus costs
    more than a warm run spends on most of its files."""
    seen: dict[tuple[int, int], str] = {}
    unlisted: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted.append, followlinks=True):
        for exc in unlisted:
            yield Skipped(_relative(exc.filename, root), f"cannot read folder: {exc.strerror or exc}")
        unlisted.clear()
        rel = _relative(dirpath, root)
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            yield Skipped(rel, f"cannot read folder: {exc.strerror or exc}")
            dirnames[:] = []
            continue
        first = seen.get((st.st_dev, st.st_ino))
        if first is not None:
            yield Skipped(rel, f"folder already read as {first or '.'} (reached again by a symbolic link): not followed", fatal=False)
            dirnames[:] = []
            continue
        seen[(st.st_dev, st.st_ino)] = rel if rel != "." else ""
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in MANIFEST_NAMES:
                continue
            if name.endswith(ARTICLE_SUFFIXES + RECORD_SUFFIXES):
                yield os.path.join(dirpath, name)
    for exc in unlisted:  # the root itself could not be listed
        yield Skipped(_relative(exc.filename, root), f"cannot read folder: {exc.strerror or exc}")


def _relative(path: str | os.PathLike[str] | None, root: Path) -> str:
    """A path below root as the report shows it: relative, with "/" separators."""
    try:
        return Path(path or root).relative_to(root).as_posix()
    except ValueError:
        return Path(path or root).as_posix()


def read_file(path: Path, max_bytes: int, size: int | None = None) -> bytes:
    """At most max_bytes + 1 bytes of a regular file (one more, to see that it is too large).

    `size` is what stat said: asking read() for max_bytes + 1 would allocate that much (2 MB
    by default) for every small article, which cost more than the read itself.
    """
    limit = max_bytes + 1
    with open(path, "rb") as f:
        if size is None or size >= max_bytes:
            return f.read(limit)
        raw = f.read(size + 1)
        if len(raw) > size:  # it grew since stat: read on, to the limit
            raw += f.read(limit - len(raw))
        return raw


def size_text(size: int) -> str:
    """A size as people say it: '52.4 MB'."""
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"


def record_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str | None, str]]:
    """(line number, text or None, why not) for each line of a JSON-lines file, read as a stream.

    JSON is UTF-8 (RFC 8259); a line that is not, or is longer than max_bytes, comes as None
    with the reason, and only that line is lost. The file is never all in memory.
    """
    with open(path, "rb") as f:
        n = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                return
            n += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = f.readline(1 << 20)
                    size += len(raw)
                yield n, None, f"record is {size_text(size)}, over the {size_text(max_bytes)} limit (--max-bytes)"
                continue
            try:
                yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8"), ""
            except UnicodeDecodeError as exc:
                yield n, None, f"not UTF-8 (byte {exc.start + 1}): JSON lines must be UTF-8"


def iter_records(
    rel: str, lines: Iterable[tuple[int, str | None, str]], manifest: dict[str, ManifestEntry]
) -> Iterator[Article | Skipped]:
    """Articles from a JSON-lines corpus file: one record a line, with `text`."""
    lines_of: dict[str, int] = {}  # article id -> the line that gave it
    for n, line, why in lines:
        if line is None:
            yield Skipped(rel, f"line {n} is not a usable record: {why}", n)
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row["text"]
            if not isinstance(body, str):
                raise TypeError("'text' is not a string")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            yield Skipped(rel, f"line {n} is not a usable record: {type(exc).__name__}: {exc}", n)
            continue
        article_id = f"{rel}#{row.get('id') or n}"
        if article_id in lines_of:
            yield Skipped(rel, f"line {n}: record id {article_id} repeats line {lines_of[article_id]}", n)
            continue
        lines_of[article_id] = n
        record = {k: str(v) for k, v in row.items() if k != "text" and v is not None}
        try:
            if is_turned_off(body):
                yield Skipped(article_id, TURNED_OFF, fatal=False)
                continue
            article, warnings = make_article(article_id, body, manifest.get(article_id), record)
        except TimeoutError:
            yield Skipped(rel, f"line {n}: text too hard to scan in time (pattern timeout)", n)
            continue
        except Exception as exc:  # a reader bug on odd text must cost one record, not the run
            yield Skipped(rel, f"line {n} could not be read: {type(exc).__name__}: {exc}", n)
            continue
        yield from warnings
        yield article


def iter_corpus(
    root: Path, manifest: dict[str, ManifestEntry] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Every article of a corpus (a folder or a single file), or why one was skipped.

    Then, for a folder, a warning for each manifest row that names no file of the corpus.
    """
    manifest = manifest or {}
    if not root.exists():
        raise InputError(f"{root}: no such file or folder")
    files: Iterator[Path | Skipped] = iter([root]) if root.is_file() else iter_files(root)
    base = root.parent if root.is_file() else root
    found: set[str] = set()  # file paths and record ids, for the manifest check
    for path in files:
        if isinstance(path, Skipped):
            yield path
            continue
        rel = path.relative_to(base).as_posix()
        found.add(rel)
        for item in read_one(path, rel, manifest, max_bytes):
            if isinstance(item, Article):
                found.add(item.id)
            yield item
    if root.is_dir():
        yield from unknown_in_manifest(manifest, found)


def unknown_in_manifest(manifest: dict[str, ManifestEntry], found: set[str]) -> Iterator[Skipped]:
    """A warning for each manifest row naming an article the corpus does not have."""
    for article, entry in sorted(manifest.items(), key=lambda kv: (kv[1].source, kv[1].line or 0)):
        if article not in found:
            yield Skipped(entry.source or "manifest", f"manifest names {article}, which is not in the corpus",
                          entry.line, fatal=False)


def read_one(
    path: Path, rel: str, manifest: dict[str, ManifestEntry], max_bytes: int,
    seen: Callable[[os.stat_result, bytes], None] | None = None,
) -> Iterator[Article | Skipped]:
    """One corpus file's articles and warnings, or the one reason it was skipped.

    `seen` is handed the file's status and bytes (of a plain file, not a .jsonl) as read,
    so that a cache can tell later whether the file changed.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield Skipped(rel, f"not a regular file ({_file_kind(st.st_mode)}): not read")
            return
        if path.suffix in RECORD_SUFFIXES:  # many articles: the limit applies to each record
            if st.st_size == 0:
                yield Skipped(rel, "empty file")
            else:
                yield from iter_records(rel, record_lines(path, max_bytes), manifest)
            return
        if st.st_size > max_bytes:
            yield Skipped(rel, f"too large: {size_text(st.st_size)} is over the {size_text(max_bytes)} "
                               "limit (--max-bytes): not read")
            return
        raw = read_file(path, max_bytes, st.st_size)
    except OSError as exc:
        yield Skipped(rel, f"cannot read: {exc.strerror or exc}")
        return
    if len(raw) > max_bytes:  # grew since it was measured
        yield Skipped(rel, f"too large: over the {size_text(max_bytes)} limit (--max-bytes): not read")
        return
    if not raw.strip():
        yield Skipped(rel, "empty file")
        return
    if seen is not None:
        seen(st, raw)
    text, encoding = decode_named(raw)
    if text is None:
        yield Skipped(rel, "binary or undecodable file")
        return
    if encoding and encoding.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "ascii"):
        yield Skipped(rel, f"not UTF-8: read as {encoding}", fatal=False)
    try:
        if is_turned_off(text):  # a README or answer key kept beside the articles
            yield Skipped(rel, TURNED_OFF, fatal=False)
            return
        article, warnings = make_article(rel, text, manifest.get(rel))
        problems = front_matter_problems(text)
    except TimeoutError:
        yield Skipped(rel, "text too hard to scan in time (pattern timeout) while reading its header: not checked")
        return
    except Exception as exc:  # a reader bug on odd text must cost one file, not the run
        yield Skipped(rel, f"could not be read: {type(exc).__name__}: {exc}")
        return
    yield from (Skipped(rel, reason, line, fatal=False) for line, reason in problems)
    yield from warnings
    yield article


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a plain file"
