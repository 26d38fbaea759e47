"""One row of the cache's `articles` table: written, read back and checked.

A row holds an article's claims and problems (JSON text, checked field by field when read),
its claims' sentence contexts (apart, with a checksum of their own: read only by a run whose
report may show them, decoded only if it does) and its claims' entries in the JSON report,
laid out (spliced into the report; see report/entries.py).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable

from checker.batch import ArticleResult
from checker.codec import (
    CodecError,
    decode_contexts,
    encode_contexts,
    encode_result,
    read_result,
)
from checker.model import Claim
from checker.report.build import ClaimContext, LazyContexts, QuotesOnly, quote_alone
from checker.report.entries import count_entries, opens_with

Warn = Callable[[str], None]
# One article as the cache has it: its result, and its claims' entries in the JSON report.
Hit = tuple[ArticleResult, bytes]


def checksum_of(payload: str) -> str:
    """The checksum of a file's row (its JSON payload)."""
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _row_checksum(payload: str, contexts: bytes, rendered: bytes) -> str:
    """The row's checksum: of its claims and report entries, then of its contexts apart, so
    that a run that shows no sentence can check (and read) the rest without them.

    CRC-32, a checksum against damage, not forgery (nor was the SHA-1 it replaced), and
    several times quicker over the bulk of a row.
    """
    return _checksum_of_claims(payload, rendered) + _checksum_of_contexts(contexts)


def _checksum_of_claims(payload: str, rendered: bytes) -> str:
    text = payload.encode("utf-8", "surrogatepass")
    # The payload's length first: bytes moved from one column to the other change the sum.
    return f"{zlib.crc32(rendered, zlib.crc32(text, zlib.crc32(b'%d:' % len(text)))):08x}"


def _checksum_of_contexts(contexts: bytes) -> str:
    return f"{zlib.crc32(contexts):08x}"


def article_row(key: str, article_id: str, result: ArticleResult, rendered: bytes) -> tuple:  # type: ignore[type-arg]
    """A row of the `articles` table."""
    payload = encode_result(result.claims, result.problems)
    contexts = encode_contexts(result.contexts, result.claims)
    checksum = _row_checksum(payload, contexts, rendered)
    return (key, article_id, checksum, payload, contexts, rendered)


def article_columns(contexts: bool) -> str:
    """The columns read_article_row reads, in its order: the claims' sentence contexts only
    for a run that may show them (7 MB of a 10k-article corpus's 68)."""
    return "checksum, payload, rendered" + (", contexts" if contexts else "")


def read_article_row(
    checksum: object,
    payload: object,
    rendered: object,
    contexts: object = None,
    *,
    warn: Warn,
) -> Hit:
    """The result and report entries an `articles` row holds; CodecError unless sound.

    Without `contexts` (not read: see article_columns), each claim's quote stands alone.
    """
    if not isinstance(payload, str) or not isinstance(rendered, bytes):
        raise CodecError("not a row of this cache")
    if not isinstance(checksum, str) or len(checksum) != 16:
        raise CodecError("not a row of this cache")
    if _checksum_of_claims(payload, rendered) != checksum[:8]:
        raise CodecError("checksum does not match")
    if contexts is not None:
        if not isinstance(contexts, bytes):
            raise CodecError("not a row of this cache")
        if _checksum_of_contexts(contexts) != checksum[8:]:
            raise CodecError("checksum does not match")
    claims, problems = read_result(payload)
    # Cheap checks that the entries are these claims' (the version covers the renderer):
    # as many, and the first claim's id, worked out afresh, is the one kept and opens them.
    if count_entries(rendered) != len(claims):
        raise CodecError("report entries do not match the claims")
    if claims and claims[0].id != claims[0].id_from_fields():
        raise CodecError("a kept claim id is not its claim's")
    if claims and not opens_with(rendered, claims[0].id):
        raise CodecError("report entries are not this article's")
    shown: LazyContexts = (
        QuotesOnly(claims) if contexts is None else CachedContexts(contexts, claims, warn)
    )
    return ArticleResult(claims, tuple(problems), shown), rendered


class CachedContexts(LazyContexts):
    """An article's claim contexts as the cache holds them, decoded when first read.

    A warm run no longer decodes (and keeps) a sentence around every claim. The bytes passed
    the row's checksum; should they still not decode, each claim shows its bare quote.
    """

    __slots__ = ("_decoded", "_raw", "_warn")

    def __init__(self, raw: bytes, claims: tuple[Claim, ...], warn: Warn) -> None:
        super().__init__(claims)
        self._raw = raw
        self._warn = warn
        self._decoded: list[ClaimContext] | None = None

    def _made(self) -> list[ClaimContext]:
        decoded = self._decoded
        if decoded is None:
            raw = self._raw  # read once: another thread may be emptying it
            if not raw and self._decoded is not None:
                return self._decoded
            try:
                decoded = decode_contexts(raw, self._claims)
            except CodecError as exc:
                self._warn(f"cached claim contexts are damaged ({exc}); showing the quotes alone")
                decoded = [quote_alone(c) for c in self._claims]
            self._decoded, self._raw = decoded, b""
        return decoded
