"""Compiled `regex` patterns kept on disk between runs, as Python keeps its bytecode.

Why: the `regex` module parses a pattern in pure Python. The patterns one run uses take
0.2-0.4 s of CPU to compile, in every process: a fifth of a warm re-run, most of a small
corpus's run, and time each worker of `--jobs N` spends before it checks anything. A
compiled `regex` pattern pickles as its compiled code (the module's own pickling) and loads
back without being parsed again, in some 0.1 ms.

Where: `$CLAIMCHECK_PATTERN_CACHE` if set (`off` keeps nothing), else
`$XDG_CACHE_HOME/claimcheck`, else `~/.cache/claimcheck`: a per-user cache, like pip's, not
the corpus's `.claimcheck-cache/` (a folder that can arrive with a checkout). One file per
`regex` version and Python, mapping a digest of (source, flags, word lists) to the pickled
pattern. The digest covers everything `regex.compile` is given, so an entry can never be
stale; a pattern whose text changes is simply a new entry.

Trust: the file is read with an unpickler that builds nothing but `regex` patterns through
the module's own constructor; a file naming any other callable, or damaged, is ignored as
a whole (and replaced by the next write). Whatever goes wrong with the store, patterns are
compiled as if it were not there: it can make a run slower, never different.

Writes: a process that compiled something new merges it into the file when it exits
(written to a temp file and renamed), with what other processes wrote meanwhile. Two
processes that write at once can lose each other's new entries, which only costs a
compile later. Forked workers leave the writing to the process that started them.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

ENV = "CLAIMCHECK_PATTERN_CACHE"
OFF = frozenset({"off", "0", "no", "false", "none"})
# More entries than this (after many versions of the patterns) and a write keeps only the
# ones this process used or made.
MOST_ENTRIES = 2000


def store_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where compiled patterns are kept, or None when they are not to be kept."""
    chosen = environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in OFF or not chosen.strip() else Path(chosen)
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):  # no home directory to expand to
        return None
    return Path(base) / "claimcheck"


def store_file(folder: Path) -> Path:
    return folder / f"regex-{regex.__version__}-{sys.implementation.cache_tag}.pickle"


# What a pickled `regex` pattern calls to rebuild itself: the module's C constructor.
_CONSTRUCTOR = ("regex._regex", "compile")


class _PatternsOnly(pickle.Unpickler):
    """Unpickles the store's dict of bytes, and patterns through `regex`'s constructor only."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _CONSTRUCTOR:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a compiled pattern: {module}.{name}")


def _load(path: Path) -> dict[str, bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        entries = _PatternsOnly(io.BytesIO(data)).load()
    except Exception:  # damaged or foreign: compile as if there were no store
        return {}
    if not isinstance(entries, dict) or not all(
        type(k) is str and type(v) is bytes for k, v in entries.items()
    ):
        return {}
    return entries


def digest(source: str, flags: int, lists: Mapping[str, Sequence[str]]) -> str:
    """What identifies a compiled pattern: everything regex.compile is given."""
    h = hashlib.sha256()
    h.update(f"{flags}\0".encode())
    h.update(source.encode("utf-8", "surrogatepass"))
    for name in sorted(lists):
        h.update(f"\0\0{name}".encode("utf-8", "surrogatepass"))
        for word in lists[name]:  # in the given order: it is part of the pattern
            h.update(b"\0" + word.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class PatternStore:
    """Compiled patterns: from the file when it has them, compiled (and kept) otherwise."""

    def __init__(self, folder: Path | None) -> None:
        self.path = None if folder is None else store_file(folder)
        self._entries: dict[str, bytes] | None = None  # read on first use
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()
        self._lock = threading.Lock()
        self._owner = os.getpid()  # forked children do not write
        self.loaded = 0  # patterns taken from the file, for tests and measurements
        self.compiled = 0

    def compile(
        self, source: str, flags: int = 0, lists: Mapping[str, Sequence[str]] | None = None
    ) -> regex.Pattern[str]:
        """regex.compile(source, flags, **lists), from the store when it has it."""
        lists = lists or {}
        if self.path is None:
            self.compiled += 1
            return regex.compile(source, flags, **lists)
        key = digest(source, flags, lists)
        with self._lock:
            if self._entries is None:
                self._entries = _load(self.path)
            kept = self._entries.get(key) or self._new.get(key)
        if kept is not None:
            try:
                pattern = _PatternsOnly(io.BytesIO(kept)).load()
            except Exception:
                pattern = None
            if isinstance(pattern, regex.Pattern) and pattern.pattern == source:
                with self._lock:
                    self._used.add(key)
                    self.loaded += 1
                return pattern
        pattern = regex.compile(source, flags, **lists)
        with self._lock:
            if not self._new and os.getpid() == self._owner:
                atexit.register(self.save)
            self._new[key] = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
            self._used.add(key)
            self.compiled += 1
        return pattern

    def save(self) -> None:
        """Merge this process's new patterns into the file; quietly nothing if it cannot."""
        if self.path is None or not self._new or os.getpid() != self._owner:
            return
        with self._lock:
            new, self._new = self._new, {}
            used = set(self._used)
        merged = {**_load(self.path), **new}
        if len(merged) > MOST_ENTRIES:
            merged = {k: v for k, v in merged.items() if k in used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    pickle.dump(merged, f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only home, a full disk: the next run compiles again
        with self._lock:
            self._entries = merged


# The process's store, found from the environment when first used.
_STORE: PatternStore | None = None


def store() -> PatternStore:
    global _STORE
    if _STORE is None:
        _STORE = PatternStore(store_dir())
    return _STORE


def compile_regex(
    source: str, flags: int = 0, lists: Mapping[str, Sequence[str]] | None = None
) -> regex.Pattern[str]:
    """regex.compile(source, flags, **lists), taken from the user's pattern store if there."""
    return store().compile(source, flags, lists)
