"""The incremental cache: claims per article in SQLite, so an unchanged article is not re-read.

A row is keyed by a hash of the rules' version (the source of the rule modules and of the
checker package, and claimcheck's version), the ids of the rules that ran, and everything
of the article that a rule may read (id, text, publication date and basis, url, title,
outlet). Change any of them and the key changes: a stale row is never hit, only unused.

A row also keeps what a warm run would otherwise redo for every claim: the claims' entries
in the JSON report, laid out (spliced into the report as they are; see report/entries.py),
and their sentence contexts, read only by a run whose report may show them (with a
checksum of their own) and decoded only if it does.

Nothing read from the cache is trusted: a row whose checksum, JSON or types are wrong,
whose report entries are not as many as its claims or do not open with its first claim,
whose first claim's kept id is not the one its fields give, or whose quotes are not at their
offsets in the article's text, is a miss (with a warning) and is re-extracted and
rewritten. The id and entries checks look at the first claim only: against damage the
checksum covers the rest, and a row forged with a matching checksum is not guarded against
(checking every id would cost the hashing that keeping them saves). The other claims are
read back (and their fields checked) only when something asks for them: compare, only for
keys that two claims share; a JSON report, never (see codec.CachedClaims). A file that is not a usable SQLite database is moved aside
and rebuilt. Two runs at once share the file safely: WAL journal and a busy timeout.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import checker
from checker import __version__
from checker.batch import ArticleResult, FileJob, FileOutput
from checker.cache_rows import (
    Hit,
    Warn,
    article_columns,
    article_row,
    checksum_of,
    read_article_row,
)
from checker.codec import CODEC_VERSION, CodecError, decode_file_items, encode_file_items
from checker.model import Article, Skipped
from checker.report.build import ArticleInfo
from checker.rule import Rule

DB_NAME = "claims.sqlite3"
# 2: articles keep their contexts apart and their claims' JSON report entries (cache_rows).
# An older cache's tables are dropped and made again, as a new version's rows are pruned.
SCHEMA = 2
BUSY_TIMEOUT_S = 60.0
SOURCE_SUFFIXES = (".py", ".txt", ".toml", ".csv")
LOOKUP_CHUNK = 500  # keys per SELECT ... IN (...); SQLite allows 999 parameters at least
# A file changed again within this long of being read may keep its size and mtime (coarse
# file-system clocks): its stamp is then not trusted alone, and its bytes are hashed.
RACY_NS = 2_000_000_000

# One file as the cache has it: its warnings and articles, each with its result and entries.
FileItems = list[Skipped | tuple[ArticleInfo, ArticleResult, bytes]]


def warn_stderr(message: str) -> None:
    """Print a cache warning on standard error."""
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def _hash_files(h: hashlib._Hash, files: Iterable[Path]) -> None:
    for path in sorted(set(files)):
        h.update(path.name.encode() + b"\x00")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")


def rules_version(rules: Sequence[Rule]) -> str:
    """A hash of what extraction depends on: rule modules, the checker package, versions."""
    rule_files = []
    for rule in rules:
        module = sys.modules.get(getattr(rule.extract, "__module__", ""), None)
        file = getattr(module, "__file__", None)
        if file:
            rule_files.append(file)
    return _version_of(tuple(sorted(set(rule_files))))


@functools.lru_cache(maxsize=8)
def _version_of(rule_files: tuple[str, ...]) -> str:
    # Hashed once per process: the code this process runs was loaded once, whatever happens
    # to the files on disk afterwards.
    h = hashlib.sha256(f"claimcheck {__version__} codec {CODEC_VERSION}\x00".encode())
    _hash_files(h, (Path(f) for f in rule_files))
    # Rules lean on the normalisers, patterns, gazetteers and the model: any change there counts.
    package = Path(checker.__file__).parent
    _hash_files(h, (p for p in package.rglob("*") if p.suffix in SOURCE_SUFFIXES))
    return h.hexdigest()[:32]


def article_key(version: str, rule_ids: Sequence[str], article: Article) -> str:
    """The cache key of one article read by these rules at this version.

    Covers the id, text, publication date and basis, and every other field a rule may read.
    """
    # Every field of the Article but its text (hashed below), so a field added later counts too.
    fields = [
        repr(getattr(article, f.name)) for f in dataclasses.fields(article) if f.name != "text"
    ]
    head = "\x00".join((version, ",".join(rule_ids), *fields))
    h = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    h.update(b"\x01")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def file_key(version: str, rule_ids: Sequence[str], job: FileJob, max_bytes: int) -> str:
    """What a file's cached items depend on besides its bytes: rules, version, manifest, limit."""
    if not job.manifest:  # most files: they share one key, hashed once
        return _key_without_rows(version, tuple(rule_ids), max_bytes)
    rows = sorted((k, e.published, e.url, e.outlet, e.title) for k, e in job.manifest.items())
    return _file_key(version, rule_ids, max_bytes, repr(rows))


def _file_key(version: str, rule_ids: Sequence[str], max_bytes: int, rows: str) -> str:
    head = "\x00".join((version, ",".join(rule_ids), str(max_bytes), rows))
    return hashlib.sha256(head.encode("utf-8", "surrogatepass")).hexdigest()


@functools.lru_cache(maxsize=8)
def _key_without_rows(version: str, rule_ids: tuple[str, ...], max_bytes: int) -> str:
    # A warm run asks for the key of every file of the corpus: 10k hashes were 0.01-0.03 s
    # of a 0.9 s warm run at 10k articles.
    return _file_key(version, rule_ids, max_bytes, repr([]))


def _agrees(result: ArticleResult, article: Article) -> bool:
    """True when every cached claim belongs to the article and quotes its text where it says."""
    return all(
        c.article == article.id and article.text[c.start : c.end] == c.quote for c in result.claims
    )


def _drop_older_schema(db: sqlite3.Connection) -> None:
    """Drop the rows of a cache an older claimcheck laid out: they could never be hit again.

    Only an older schema: a newer one (or garbage) stays an error, and the database is
    moved aside, so that a newer claimcheck's cache is not emptied by an older one.
    """
    row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
    if row is None or not str(row[0]).isdigit() or int(row[0]) >= SCHEMA:
        return
    with db:
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if row is not None and str(row[0]).isdigit() and int(row[0]) < SCHEMA:  # not done since
            db.execute("DROP TABLE IF EXISTS articles")
            db.execute("DROP TABLE IF EXISTS files")
            db.execute("DELETE FROM meta WHERE name = 'version'")
            db.execute("UPDATE meta SET value = ? WHERE name = 'schema'", (str(SCHEMA),))


class ClaimCache:
    """One run's handle on the cache folder: look up and store article results."""

    def __init__(self, folder: Path, warn: Warn = warn_stderr) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.warn = warn
        self.hits = 0
        self.misses = 0
        self.rejected = 0
        self.db = self._open()

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(
                "# Written by claimcheck: the cache is never committed.\n*\n", encoding="utf-8"
            )
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        _drop_older_schema(db)
        db.execute(
            "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, article TEXT NOT NULL, "
            "checksum TEXT NOT NULL, payload TEXT NOT NULL, contexts BLOB NOT NULL, "
            "rendered BLOB NOT NULL)"
        )
        # Ingest by file: a file whose size and mtime (else bytes) are as recorded is not read
        # again; its articles' results are the rows of `articles` that `payload` names.
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, fkey TEXT NOT NULL, "
            "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha TEXT NOT NULL, "
            "read_ns INTEGER NOT NULL, checksum TEXT NOT NULL, payload TEXT NOT NULL)"
        )
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA):
            raise sqlite3.DatabaseError(
                f"cache schema {row[0] if row else None!r}, expected {SCHEMA}"
            )
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.OperationalError as exc:  # another run is creating it: wait, then try again
            if "locked" not in str(exc) and "busy" not in str(exc):
                return self._rebuild(exc)
            time.sleep(0.5)
            try:
                return self._connect()
            except sqlite3.DatabaseError as again:
                return self._rebuild(again)
        except sqlite3.DatabaseError as exc:  # not a database, damaged, or another schema
            return self._rebuild(exc)

    def _rebuild(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """A fresh database in place of one that cannot be used."""
        self.warn(f"cache {self.path} is unusable ({exc}); rebuilding it")
        self._discard()
        return self._connect()

    def _discard(self) -> None:
        """Move the damaged database aside (kept once, for a post-mortem) and start afresh."""
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        if self.path.exists():
            self.path.replace(self.path.with_name(DB_NAME + ".corrupt"))

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        self.warn(f"cache {self.path} failed ({exc}); rebuilding it")
        try:
            self.db.close()
        except sqlite3.Error:
            pass
        self._discard()
        self.db = self._connect()

    def prune(self, version: str) -> None:
        """Drop every row written by other rules or another claimcheck: they can never be hit again."""
        try:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if row is None or row[0] != version:
                with self.db:
                    self.db.execute("BEGIN IMMEDIATE")
                    self.db.execute("DELETE FROM articles")
                    self.db.execute("DELETE FROM files")
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        except sqlite3.OperationalError as exc:  # busy past the timeout: prune another time
            self.warn(f"could not prune cache {self.path}: {exc}")
        except sqlite3.DatabaseError as exc:
            self._recover(exc)

    def _select(self, columns: str, table: str, column: str, values: Sequence[str]) -> list[tuple]:  # type: ignore[type-arg]
        """Rows whose `column` is one of `values`, LOOKUP_CHUNK values a query; [] on damage."""
        rows: list[tuple] = []  # type: ignore[type-arg]
        try:
            for i in range(0, len(values), LOOKUP_CHUNK):
                part = values[i : i + LOOKUP_CHUNK]
                marks = ",".join("?" * len(part))
                rows.extend(
                    self.db.execute(
                        f"SELECT {columns} FROM {table} WHERE {column} IN ({marks})", part
                    )
                )
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return []
        return rows

    def lookup(
        self, entries: Sequence[tuple[str, Article]], contexts: bool = True
    ) -> dict[str, Hit]:
        """The cached results (and report entries) of the given (key, article) pairs that are
        present and sound; `contexts`: with their claims' sentences (else quotes alone)."""
        wanted = {key: article for key, article in entries}
        columns = f"key, {article_columns(contexts)}"
        rows = self._select(columns, "articles", "key", list(wanted))
        found: dict[str, Hit] = {}
        for key, *row in rows:
            article = wanted[key]
            try:
                hit = read_article_row(*row, warn=self.warn)
                if not _agrees(hit[0], article):
                    raise CodecError("a cached quote is not at its offsets in the text")
            except CodecError as exc:
                self.rejected += 1
                self.warn(f"cache entry for {article.id} is corrupt ({exc}); re-extracting it")
                continue
            found[key] = hit
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def lookup_files(
        self,
        entries: Sequence[tuple[FileJob, str, int, int]],
        max_bytes: int,
        contexts: bool = True,
    ) -> dict[str, FileItems]:
        """The cached items of the given (job, file key, size, mtime_ns) files, by path.

        A file is a hit when its row has the same file key (rules, version, manifest row, size
        limit) and size, and either the same mtime (read long enough after its last change) or,
        failing that, the same bytes (then hashed here). Its articles' results must all be
        present and sound. Nothing of a hit is read from the file but, at most, its bytes.
        `contexts`: with the claims' sentences (else quotes alone).
        """
        wanted = {job.rel: (job, fkey, size, mtime) for job, fkey, size, mtime in entries}
        rows = self._select(
            "path, fkey, size, mtime_ns, sha, read_ns, checksum, payload",
            "files",
            "path",
            list(wanted),
        )
        restamp: list[tuple[int, int, str]] = []
        files: dict[str, list[Skipped | tuple[ArticleInfo, str]]] = {}
        for path, fkey, size, mtime, sha, read_ns, checksum, payload in rows:
            job, want_key, now_size, now_mtime = wanted[path]
            if fkey != want_key or size != now_size:
                continue
            if now_mtime != mtime or mtime + RACY_NS >= read_ns:
                if not sha:  # a .jsonl file: known by its stamp alone
                    continue
                try:
                    with open(job.path, "rb") as f:
                        raw = f.read(max_bytes + 1)
                except OSError:
                    continue
                if hashlib.sha256(raw).hexdigest() != sha:
                    continue
                restamp.append((now_mtime, time.time_ns(), path))
            try:
                if not isinstance(payload, str) or checksum_of(payload) != checksum:
                    raise CodecError("checksum does not match")
                files[path] = decode_file_items(payload)
            except CodecError as exc:
                self.rejected += 1
                self.warn(f"cache entry for {path} is corrupt ({exc}); re-reading it")
        keys = [x[1] for items in files.values() for x in items if not isinstance(x, Skipped)]
        results: dict[str, Hit] = {}
        columns = f"key, {article_columns(contexts)}"
        for key, *row in self._select(columns, "articles", "key", keys):
            try:
                results[key] = read_article_row(*row, warn=self.warn)
            except CodecError as exc:
                self.rejected += 1
                self.warn(f"cache entry {key[:12]} is corrupt ({exc}); re-extracting its file")
        found: dict[str, FileItems] = {}
        for path, items in files.items():
            if all(isinstance(x, Skipped) or x[1] in results for x in items):
                found[path] = [
                    x if isinstance(x, Skipped) else (x[0], *results[x[1]]) for x in items
                ]
        articles = sum(1 for items in found.values() for x in items if not isinstance(x, Skipped))
        self.hits += articles
        if restamp:
            self._write("UPDATE files SET mtime_ns = ?, read_ns = ? WHERE path = ?", restamp)
        return found

    def store_files(self, entries: Sequence[tuple[FileJob, str, FileOutput, list[bytes]]]) -> None:
        """Write what reading and checking these files gave (files read whole only), with
        each article's report entries (in the order of the file's articles)."""
        articles, files = [], []
        for job, fkey, output, rendered in entries:
            if output.stamp is None:
                continue
            size, mtime, sha, read_ns = output.stamp
            read = [x for x in output.items if not isinstance(x, Skipped)]
            for (info, result, key), text in zip(read, rendered, strict=True):
                articles.append(article_row(key, info.id, result, text))
            payload = encode_file_items(
                x if isinstance(x, Skipped) else (x[0], x[2]) for x in output.items
            )
            files.append((job.rel, fkey, size, mtime, sha, read_ns, checksum_of(payload), payload))
        self.misses += len(articles)
        if articles:
            self._write("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)", articles)
        if files:
            self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", files)

    def store(self, entries: Sequence[tuple[str, Article, ArticleResult, bytes]]) -> None:
        """Write fresh results and their report entries in one transaction; a failure to
        write only costs the cache."""
        rows = [article_row(key, a.id, result, text) for key, a, result, text in entries]
        self._write("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _write(self, statement: str, rows: Sequence[tuple]) -> None:  # type: ignore[type-arg]
        """Run one statement over the rows in one transaction; a failure only costs the cache."""
        if not rows:
            return
        for attempt in (1, 2):
            try:
                with self.db:  # BEGIN ... COMMIT, ROLLBACK on error
                    self.db.execute("BEGIN IMMEDIATE")
                    self.db.executemany(statement, rows)
                return
            except sqlite3.OperationalError as exc:  # locked past the timeout, disk full
                self.warn(f"could not write to cache {self.path}: {exc}")
                return
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    self.warn(f"could not write to cache {self.path}: {exc}")
                    return
                self._recover(exc)

    def close(self) -> None:
        """Close the database."""
        try:
            self.db.close()
        except sqlite3.Error:
            pass


def clear_cache(folder: Path) -> int:
    """Delete the cache database (and its journal files); returns how many files went."""
    gone = 0
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + ".corrupt"):
        path = folder / name
        if path.exists():
            path.unlink()
            gone += 1
    return gone
