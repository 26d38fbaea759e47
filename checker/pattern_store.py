"""Compiled `regex` patterns kept on disk between runs, as Python keeps its bytecode.

Why: the `regex` module parses a pattern in pure Python. The patterns one run uses take
0.2-0.4 s of CPU to compile, in every process: a sixth of a warm re-run of 10k articles,
most of a small corpus's run. A compiled `regex` pattern pickles as its compiled code (the
module's own pickling) and loads back without being parsed again, in some 0.1 ms.

Where: `$CLAIMCHECK_PATTERN_CACHE` if set (`off` keeps nothing), else
`$XDG_CACHE_HOME/claimcheck` (an absolute one), else `~/.cache/claimcheck` (on Windows
`%LOCALAPPDATA%\\claimcheck`): a per-user cache, like pip's, not the corpus's
`.claimcheck-cache/` (a folder that can arrive with a checkout). One file per `regex`
version and Python, mapping a digest of everything `regex.compile` is given (source, flags,
word lists, the module's default version) to the pickled pattern, so an entry is never
stale: a pattern whose text changes is a new entry.

Trust: as Python's own `__pycache__` is trusted. The file is read with an unpickler that
builds nothing but `regex` patterns through the module's constructor, so it cannot run
code; and a damaged file (or one naming any other callable) is ignored as a whole and
rewritten. But that constructor trusts the compiled code it is given: a file crafted by
someone who can write to the user's cache folder could make a pattern match otherwise. A
shared or restored cache folder should be treated like a shared `__pycache__`.

Writes: a process that compiled something new merges it into the file when it exits
(written to a temp file and renamed), with what other processes wrote meanwhile. Two
processes that write at once can lose each other's new entries, which only costs a
compile later. A forked worker keeps nothing: what it compiles it compiles each run (the
process that forks it checks the first batch first, which compiles most patterns).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import json
import os
import pickle
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from checker.io import write_atomic_bytes

ENV = "CLAIMCHECK_PATTERN_CACHE"
OFF = frozenset({"off", "0", "no", "false", "none"})
# More than this (after many versions of the patterns, or many kinds combinations of the
# date grammar) and a write keeps only the entries this process used or made.
MOST_ENTRIES = 2000
MOST_BYTES = 64 << 20


def store_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where compiled patterns are kept, or None when they are not to be kept."""
    chosen = environ.get(ENV)
    if chosen is not None:
        chosen = chosen.strip()
        if not chosen or chosen.lower() in OFF:
            return None
        return Path(os.path.expanduser(chosen))
    xdg = environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative one is to be ignored
        return Path(xdg) / "claimcheck"
    if os.name == "nt" and os.path.isabs(environ.get("LOCALAPPDATA", "")):
        return Path(environ["LOCALAPPDATA"]) / "claimcheck"
    home = environ.get("HOME") if "HOME" in environ else os.path.expanduser("~")
    if not home or not os.path.isabs(home):  # no home to keep it in
        return None
    return Path(home) / ".cache" / "claimcheck"


def store_file(folder: Path) -> Path:
    """The store's file in `folder`: one per `regex` version and Python."""
    return folder / f"regex-{regex.__version__}-{sys.implementation.cache_tag}.pickle"


# What a pickled `regex` pattern calls to rebuild itself: the module's C constructor.
_CONSTRUCTOR = ("regex._regex", "compile")


class _PatternsOnly(pickle.Unpickler):
    """Unpickles the store's dict of bytes, and patterns through `regex`'s constructor only."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _CONSTRUCTOR:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a compiled pattern: {module}.{name}")


# What unpickling a damaged or foreign file can raise; the store is then read as empty.
_UNREADABLE = (
    pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
    KeyError, OverflowError, MemoryError, RecursionError, ImportError,
)  # fmt: skip


def _load(path: Path) -> dict[str, bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        entries = _PatternsOnly(io.BytesIO(data)).load()
    except _UNREADABLE:  # compiled as if there were no store; the next write replaces it
        return {}
    if not isinstance(entries, dict) or not all(
        type(k) is str and type(v) is bytes for k, v in entries.items()
    ):
        return {}
    return entries


def digest(source: str, flags: int, lists: Mapping[str, Sequence[str]]) -> str:
    """What identifies a compiled pattern: everything regex.compile is given, as JSON (whose
    strings are delimited, so no two inputs read alike). A word list is a set to `regex`."""
    given = [
        str(regex.DEFAULT_VERSION),
        flags,
        source,
        sorted((k, sorted(set(v))) for k, v in lists.items()),
    ]
    text = json.dumps(given, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_the_pattern(pattern: object, source: str, lists: Mapping[str, Sequence[str]]) -> bool:
    """Whether a loaded entry is a pattern of this source and these word lists (not some
    other entry filed under the wrong digest)."""
    return (
        isinstance(pattern, regex.Pattern)
        and pattern.pattern == source
        and pattern.named_lists == {k: frozenset(v) for k, v in lists.items()}
    )


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
            except _UNREADABLE:
                pattern = None
            if _is_the_pattern(pattern, source, lists):
                with self._lock:
                    self._used.add(key)
                    self.loaded += 1
                return pattern  # type: ignore[return-value]
        pattern = regex.compile(source, flags, **lists)
        with self._lock:
            self.compiled += 1
            if os.getpid() != self._owner:
                return pattern  # a forked worker: it never writes, so it keeps nothing
            if not self._new:
                atexit.register(self.save)
            self._new[key] = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
            self._used.add(key)
        return pattern

    def save(self) -> None:
        """Merge this process's new patterns into the file; quietly nothing if it cannot."""
        if self.path is None or not self._new or os.getpid() != self._owner:
            return
        with self._lock:
            new, self._new = self._new, {}
            used = set(self._used)
        merged = {**_load(self.path), **new}
        if len(merged) > MOST_ENTRIES or sum(map(len, merged.values())) > MOST_BYTES:
            merged = {k: v for k, v in merged.items() if k in used}
        try:
            write_atomic_bytes(self.path, pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only home, a full disk: the next run compiles again
        with self._lock:
            self._entries = merged


@functools.cache
def store() -> PatternStore:
    """The process's store, found from the environment when first used."""
    return PatternStore(store_dir())


def _after_fork_in_child() -> None:
    # Another thread of the parent may have held the lock at the fork: the child's copy
    # would stay locked for ever.
    if store.cache_info().currsize:
        store()._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def compile_regex(
    source: str, flags: int = 0, lists: Mapping[str, Sequence[str]] | None = None
) -> regex.Pattern[str]:
    """regex.compile(source, flags, **lists), taken from the user's pattern store if there."""
    return store().compile(source, flags, lists)
