"""The JSON report's claim entries, written once per article and spliced into every report.

A claim's entry in the JSON report depends on the claim alone, so the cache keeps each
article's entries as the report lays them out. A warm run then copies them into the report
instead of building and encoding every claim again, which was most of a warm run's time.
They wait in a temporary file, not in memory: they are several times the size of the claims.
"""

from __future__ import annotations

import codecs
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

# Between two claims' entries in the report's "claims" list (json.dumps with indent=1).
SEPARATOR = b",\n  "
# Opens each entry and nothing else: a raw line break never occurs inside a JSON string.
ENTRY_HEAD = b'{\n   "id": '
# Text is stored as UTF-8 with lone surrogates passed through, so that the report sees the
# very string the claims gave, and fails (or not) exactly as it would without the cache.
ERRORS = "surrogatepass"
# Articles are added a few KB at a time: a large buffer makes far fewer writes (the default
# 8 KB cost 0.3 s of system time for 100k articles, this one a quarter of that).
SPOOL_BUFFER = 1 << 20


def count_entries(text: bytes) -> int:
    """How many claim entries an article's text holds."""
    return text.count(ENTRY_HEAD)


def opens_with(text: bytes, claim_id: str) -> bool:
    """Whether the entries begin with the entry of the claim with this id."""
    return text.startswith(b'%s"%s"' % (ENTRY_HEAD, claim_id.encode("ascii")))


class ClaimEntries:
    """Every article's claim entries in report order, spooled to an unnamed temporary file.

    `bind(claims)` ties the spool to the claims tuple of the report it was written for;
    a report with any other claims (a subset, say) renders its claims itself.
    """

    def __init__(self, folder: Path | None = None) -> None:
        # In the cache's folder rather than the temporary one, which may be held in memory
        # (tmpfs): a large corpus's entries run to gigabytes. The file goes when it is closed
        # (with the report) or the process ends; on POSIX it never has a name at all.
        try:
            self._file = tempfile.TemporaryFile(dir=folder, buffering=SPOOL_BUFFER)
        except OSError:  # a folder we may not write to: the usual temporary folder, then
            self._file = tempfile.TemporaryFile(buffering=SPOOL_BUFFER)
        self._size = 0
        self.claims = 0
        self._bound: Sequence[object] | None = None
        self._lock = threading.Lock()  # a read is a seek and a read, not to be interleaved

    def add(self, text: bytes, claims: int) -> None:
        """Append one article's entries (`claims` of them, already laid out)."""
        if self._bound is not None:
            raise ValueError("claim entries added after the spool was bound to a report")
        if not claims:
            return
        if self.claims:
            self._file.write(SEPARATOR)
            self._size += len(SEPARATOR)
        self._file.write(text)
        self._size += len(text)
        self.claims += claims

    def close(self) -> None:
        """Give the spool's disk space back (a report that holds it renders its claims itself)."""
        self._bound = None
        self._file.close()

    def bind(self, claims: Sequence[object]) -> ClaimEntries:
        """Tie the spool to the report's claims (which must be those added, in order)."""
        if len(claims) != self.claims:
            raise ValueError(f"{self.claims} claim entries spooled for {len(claims)} claims")
        self._file.flush()
        self._bound = claims
        return self

    def covers(self, claims: Sequence[object]) -> bool:
        """True when these are the very claims the spool was bound to."""
        return self._bound is claims

    def chunks(self, size: int = 1 << 20) -> Iterator[str]:
        """The entries as text, in pieces of about `size` bytes; the same on every call."""
        decoder = codecs.getincrementaldecoder("utf-8")(ERRORS)
        offset = 0
        while offset < self._size:
            with self._lock:  # each read says where: two renderings may take turns
                self._file.seek(offset)
                piece = self._file.read(min(size, self._size - offset))
            if not piece:
                raise OSError("claim entries spool ended early")
            offset += len(piece)
            yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)
