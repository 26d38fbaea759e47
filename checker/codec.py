"""Claims as JSON for the cache: an explicit, exact round trip of the model's dataclasses.

Every field is written by name, and read back by name into the same types: enums by their
contract value, dates as ISO strings, floats as JSON numbers (Python writes the shortest
repr, which reads back to the same float; an int stays an int). A record that is not what
this module writes raises CodecError, so a damaged cache row is never half-trusted.
`test_cache.py` checks that every field of Claim, Interval, DateSpan and Key is covered.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain
from typing import Any, overload

from checker.compare import compared_under
from checker.model import (
    Bound,
    Claim,
    DateSpan,
    Family,
    Interval,
    Key,
    Modality,
    Offset,
    Skipped,
    claim_of,
)
from checker.report.build import ArticleInfo, ClaimContext

# Bumped whenever the layout below changes; part of the cache's version.
# 5: each claim's id kept with it; 6: the keys each claim is compared under; 7: claim rows
# one per line after the record (see encode_result).
CODEC_VERSION = 7


class CodecError(ValueError):
    """A record that does not decode to the model's types."""


# Everything the cache stores is compact UTF-8 JSON: one encoder, made once (json.dumps with
# options makes a new one per call, which every claim row paid).
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Enum members by contract value: a dict lookup, several times quicker than calling the Enum.
_FAMILIES = {m.value: m for m in Family}
_BOUNDS = {m.value: m for m in Bound}
_MODALITIES = {m.value: m for m in Modality}


def _member(table: dict[str, Any], value: Any) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise CodecError(f"not one of {sorted(table)}: {value!r}") from None


# A claim in the cache: its fields in this order (a list, quicker to read back than a dict),
# then its id: worked out once, where the claim was found, not again for every warm run.
CLAIM_ROW = (
    "article", "rule", "key", "quote", "start", "end", "line", "amount", "dates", "alternatives",
    "modality", "attribution", "annual", "note", "offset", "id",
)


def encode_claim_row(c: Claim) -> list[Any]:
    """A claim as a JSON-ready list, in CLAIM_ROW order."""
    a = c.amount
    return [
        c.article, c.rule, _key(c.key), c.quote, c.start, c.end, c.line,
        None if a is None else [a.lower, a.upper, a.bound.value, a.unit, a.tolerance],
        None if c.dates is None else _span(c.dates),
        [_span(s) for s in c.alternatives],
        c.modality.value, c.attribution, c.annual, c.note,
        None if c.offset is None else [c.offset.days, _key(c.offset.anchor), c.offset.phrase],
        c.id,
    ]


def encode_claim(c: Claim) -> dict[str, Any]:
    """A claim as a JSON-ready dict, every field named."""
    return dict(zip(CLAIM_ROW, encode_claim_row(c), strict=True))


def _key(k: Key) -> list[str | None]:
    return [k.family.value, k.subject, k.metric, k.period]


def _read_key(raw: Any) -> Key:
    family, subject, metric, period = raw
    return _key_of(family, subject, metric, period)


# Keys and spans repeat across a corpus: read once, and the claims share one object each
# (typed: the cache tells 1 from True, as the checks below do).
@functools.lru_cache(maxsize=8192, typed=True)
def _key_of(family: Any, subject: Any, metric: Any, period: Any) -> Key:
    return Key(_member(_FAMILIES, family), _text(subject), _text(metric), _text(period, True))  # type: ignore[arg-type]


def _span(s: DateSpan) -> list[str]:
    return [s.start.isoformat(), s.end.isoformat()]


@functools.lru_cache(maxsize=8192, typed=True)
def _span_of(start: Any, end: Any) -> DateSpan:
    if type(start) is not str or type(end) is not str:
        raise CodecError(f"not a date span: {start!r}, {end!r}")
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end))


def _number(x: Any) -> float | None:
    if x is not None and (isinstance(x, bool) or not isinstance(x, (int, float))):
        raise CodecError(f"not a number: {x!r}")
    return x  # type: ignore[no-any-return]


def _text(x: Any, optional: bool = False) -> str | None:
    if (x is None and optional) or isinstance(x, str):
        return x  # type: ignore[no-any-return]
    raise CodecError(f"not a string: {x!r}")


def _int(x: Any) -> int:
    if isinstance(x, bool) or not isinstance(x, int):
        raise CodecError(f"not an integer: {x!r}")
    return x


def decode_claim(raw: dict[str, Any]) -> Claim:
    """The claim a dict from encode_claim stands for; CodecError when it is not one."""
    try:
        row = [raw[name] for name in CLAIM_ROW]
    except (KeyError, TypeError) as exc:
        raise CodecError(f"bad claim record: {type(exc).__name__}: {exc}") from exc
    return decode_claim_row(row)


@functools.lru_cache(maxsize=8192, typed=True)
def _interval_of(lower: Any, upper: Any, bound: Any, unit: Any, tolerance: Any) -> Interval:
    # Figures repeat across a corpus as keys do: checked once, one object shared.
    return Interval(
        _number(lower),
        _number(upper),
        _member(_BOUNDS, bound),
        _text(unit),  # type: ignore[arg-type]
        _number(tolerance),  # type: ignore[arg-type]
    )


def decode_claim_row(row: Any) -> Claim:
    """The claim a list from encode_claim_row stands for; CodecError when it is not one."""
    try:
        (article, rule, key, quote, start, end, line, amount, dates, alternatives, modality,
         attribution, annual, note, offset, ident) = row
        # Exact types, as json.loads gives them (no bool for an int, no float for an int).
        if not (
            type(article) is str and type(rule) is str and type(quote) is str
            and type(start) is int and type(end) is int and type(line) is int
            and type(annual) is bool and (attribution is None or type(attribution) is str)
            and (note is None or type(note) is str) and type(ident) is str
        ):
            raise CodecError(f"bad claim field types: {row!r:.200}")
        # Unpacking a list into the cached readers' arguments: a wrong length is a TypeError.
        return claim_of((
            article,
            rule,
            _key_of(*key),
            quote,
            start,
            end,
            line,
            None if amount is None else _interval_of(*amount),
            None if dates is None else _span_of(*dates),
            tuple([_span_of(*s) for s in alternatives]) if alternatives else (),
            _MODALITIES[modality],
            attribution,
            annual,
            note,
            None if offset is None else Offset(
                _int(offset[0]), _read_key(offset[1]), _text(offset[2])  # type: ignore[arg-type]
            ),
            ident,
        ))
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError) as exc:  # ValueError: bad enum value or date
        raise CodecError(f"bad claim record: {type(exc).__name__}: {exc}") from exc


def _bool(x: Any) -> bool:
    if not isinstance(x, bool):
        raise CodecError(f"not a boolean: {x!r}")
    return x


def encode_skipped(s: Skipped) -> dict[str, Any]:
    """A Skipped record (a rule that failed on an article) as a dict."""
    return {"path": s.path, "reason": s.reason, "line": s.line, "rule": s.rule, "fatal": s.fatal}


def decode_skipped(raw: dict[str, Any]) -> Skipped:
    """The Skipped record a dict from encode_skipped stands for."""
    try:
        line = raw["line"]
        return Skipped(
            _text(raw["path"]),
            _text(raw["reason"]),
            None if line is None else _int(line),  # type: ignore[arg-type]
            _text(raw["rule"], True),
            _bool(raw["fatal"]),
        )
    except CodecError:
        raise
    except (KeyError, TypeError) as exc:
        raise CodecError(f"bad skipped record: {type(exc).__name__}: {exc}") from exc


def encode_result(claims: Sequence[Claim], problems: Sequence[Skipped]) -> str:
    """One article's extraction (its claims and problems) as text: a JSON record of the
    problems and of the keys each claim is compared under (so that a warm run can tell,
    before reading a claim back, whether compare needs it at all: see CachedClaims), then
    each claim's row on a line of its own.

    JSON text never holds a raw line break (json escapes it in strings), so the rows come
    back by splitting lines: nothing parses them until they are read. (Kept as JSON
    strings inside the record, as before, every warm run paid for unescaping them all.)
    """
    record = _compact(
        {"problems": [encode_skipped(s) for s in problems], "claims": len(claims),
         "keys": [compared_under(c) for c in claims]}
    )  # fmt: skip
    return "\n".join([record, *(_compact(encode_claim_row(c)) for c in claims)])


def decode_result(text: str) -> tuple[list[Claim], list[Skipped]]:
    """The claims and problems that encode_result wrote; CodecError otherwise."""
    claims, problems = read_result(text)
    return list(claims), problems


def read_result(text: str) -> tuple[CachedClaims, list[Skipped]]:
    """The claims (read back when first asked for) and problems that encode_result wrote;
    CodecError unless the record has their layout. The first claim is read here."""
    try:
        head, *rows = text.split("\n")
        raw = json.loads(head)
        count, keys = raw["claims"], raw["keys"]
        if type(count) is not int or count != len(rows) or type(keys) is not list:
            raise CodecError(f"bad cache record: {count!r:.20} claims, {len(rows)} rows")
        if len(keys) != count:
            raise CodecError("bad cache record: one list of keys per claim expected")
        # Types checked a kind at a time (map and set run in C): one claim at a time, these
        # checks cost as much as the reading they guard.
        if not set(map(type, keys)) <= {list} or not set(
            map(type, chain.from_iterable(keys))
        ) <= {str}:
            raise CodecError(f"bad cache record: not lists of keys: {keys!r:.200}")
        claims = CachedClaims(rows, keys)
        if rows:
            claims[0]
        problems = [decode_skipped(s) for s in raw["problems"]]
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError) as exc:  # ValueError: JSON syntax, unpacking
        raise CodecError(f"bad cache record: {type(exc).__name__}: {exc}") from exc
    return claims, problems


_read_row = json.JSONDecoder().raw_decode  # a row never starts with white space


class CachedClaims(Sequence[Claim]):
    """An article's claims as its cache row holds them, each read back when first asked for.

    A warm run needs only some claims as objects: compare, those under a key that another
    claim shares (in a large corpus half of them or fewer), and a JSON report nothing at
    all (the cache keeps each claim's entry, laid out). `keys` tells, per claim, the keys
    it is compared under (`compare.compared_under`) without reading it. Anything else that
    reads the claims gets them all, as if decoded up front.

    Each claim's row is JSON text of its own, so that those never read back cost one string
    each (parsed rows took five times the memory: 1.16 KB a claim). The first claim is read
    at lookup, with the row's other checks; the rest passed the row's checksum, so they are
    what encode_result wrote from claims of this very code (the cache's version covers the
    source). Should one still not read back, CodecError says so and how to empty the cache.
    """

    __slots__ = ("_rows", "keys")

    def __init__(self, rows: list[Any], keys: list[list[str]]) -> None:
        self._rows = rows  # a row from encode_claim_row, as JSON text, until read; then its Claim
        self.keys = keys

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Claim: ...
    @overload
    def __getitem__(self, i: slice) -> list[Claim]: ...
    def __getitem__(self, i: int | slice) -> Claim | list[Claim]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._rows)))]
        row = self._rows[i]
        if type(row) is not Claim:
            try:
                fields, end = _read_row(row)  # json.loads less its wrappers: once per claim
                if end != len(row):
                    raise ValueError(f"extra data after the row at {end}")
                row = self._rows[i] = decode_claim_row(fields)
            except (CodecError, ValueError) as exc:  # ValueError: JSON syntax
                raise CodecError(
                    f"a cached claim did not read back ({exc}); `claimcheck cache clear` "
                    "empties the cache"
                ) from exc
        return row

    def __iter__(self) -> Iterator[Claim]:
        for i in range(len(self._rows)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def encode_contexts(contexts: Sequence[ClaimContext], claims: Sequence[Claim]) -> bytes:
    """The claims' sentence contexts as UTF-8 JSON, apart from the claims: most runs never
    read them. A quote that is the claim's own is written as null."""
    rows = [
        [x.before, None if x.quote == c.quote else x.quote, x.after]
        for x, c in zip(contexts, claims, strict=True)
    ]
    return _compact(rows).encode("utf-8", "surrogatepass")


def decode_contexts(raw: bytes, claims: Sequence[Claim]) -> list[ClaimContext]:
    """What encode_contexts wrote for these claims; CodecError otherwise."""
    try:
        rows = json.loads(raw.decode("utf-8", "surrogatepass"))
        if type(rows) is not list or len(rows) != len(claims):
            raise CodecError("bad cache record: one context per claim expected")
        contexts = []
        for c, (before, quote, after) in zip(claims, rows, strict=True):
            if quote is None:  # the claim's own quote: one string for both, as ClaimContext.of
                quote = c.quote
            if type(before) is not str or type(quote) is not str or type(after) is not str:
                raise CodecError(f"not a claim context: {[before, quote, after]!r:.200}")
            contexts.append(ClaimContext(before, quote, after))
    except CodecError:
        raise
    except (TypeError, ValueError) as exc:  # ValueError: JSON syntax, unpacking, UTF-8
        raise CodecError(f"bad cache record: {type(exc).__name__}: {exc}") from exc
    return contexts


def encode_info(a: ArticleInfo) -> list[Any]:
    """An ArticleInfo as a JSON-ready list, in field order."""
    return [a.id, a.published, a.basis, a.url, a.title, a.outlet, a.published_confidence,
            a.published_year]


def decode_info(raw: Any) -> ArticleInfo:
    """The ArticleInfo a list from encode_info stands for; CodecError otherwise."""
    try:
        ident, published, basis, url, title, outlet, confidence, year = raw
        return ArticleInfo(
            _text(ident),  # type: ignore[arg-type]
            _text(published, True),
            _text(basis),  # type: ignore[arg-type]
            _text(url, True),
            _text(title, True),
            _text(outlet, True),
            _number(confidence),
            None if year is None else _int(year),
        )
    except (TypeError, ValueError) as exc:
        raise CodecError(f"bad article record: {type(exc).__name__}: {exc}") from exc


def encode_file_items(items: Iterable[Skipped | tuple[ArticleInfo, str]]) -> str:
    """A file's ingest output as JSON text: its warnings and articles (with their cache keys)."""
    return _compact(
        [
            ["s", encode_skipped(x)] if isinstance(x, Skipped) else ["a", encode_info(x[0]), x[1]]
            for x in items
        ]
    )


def decode_file_items(text: str) -> list[Skipped | tuple[ArticleInfo, str]]:
    """What encode_file_items wrote; CodecError otherwise."""
    try:
        out: list[Skipped | tuple[ArticleInfo, str]] = []
        for kind, *rest in json.loads(text):
            if kind == "s":
                out.append(decode_skipped(rest[0]))
            elif kind == "a":
                info, key = rest
                out.append((decode_info(info), _text(key)))  # type: ignore[arg-type]
            else:
                raise CodecError(f"bad file record kind {kind!r}")
        return out
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise CodecError(f"bad file record: {type(exc).__name__}: {exc}") from exc
