"""The JSON report: the public contract of ../shared/CONTRACT.md. Dicts live only here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring  # the C encoder, as json.dumps(ensure_ascii=False)
from typing import Any

from checker.model import Claim, Finding, Skipped
from checker.report.build import ArticleInfo, Report
from checker.report.entries import ERRORS as ENTRY_ERRORS

CLAIM_FIELDS = (
    "id",
    "article",
    "rule",
    "family",
    "key",
    "quote",
    "start",
    "end",
    "line",
    "value",
    "unit",
    "lower",
    "upper",
    "bound",
    "tolerance",
    "date_start",
    "date_end",
    "alternatives",
    "annual",
    "modality",
    "attribution",
    "note",
)


def _claim_values(claim: Claim) -> list[Any]:
    """A claim's contract values, in CLAIM_FIELDS order."""
    amount = claim.amount
    dates = claim.dates
    if amount is not None:
        lower, upper = amount.lower, amount.upper
        return [
            claim.id,
            claim.article,
            claim.rule,
            claim.key.family.value,
            str(claim.key),
            claim.quote,
            claim.start,
            claim.end,
            claim.line,
            amount.value,
            amount.unit,
            lower,
            upper,
            amount.bound.value,
            amount.tolerance,
            dates.start.isoformat() if dates else None,
            dates.end.isoformat() if dates else None,
            [[s.start.isoformat(), s.end.isoformat()] for s in claim.alternatives],
            claim.annual,
            claim.modality.value,
            claim.attribution,
            claim.note,
        ]
    return [
        claim.id,
        claim.article,
        claim.rule,
        claim.key.family.value,
        str(claim.key),
        claim.quote,
        claim.start,
        claim.end,
        claim.line,
        None,
        "date" if dates or claim.note else None,
        None,
        None,
        "exact",
        None,
        dates.start.isoformat() if dates else None,
        dates.end.isoformat() if dates else None,
        [[s.start.isoformat(), s.end.isoformat()] for s in claim.alternatives],
        claim.annual,
        claim.modality.value,
        claim.attribution,
        claim.note,
    ]


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as the contract's JSON object."""
    return dict(zip(CLAIM_FIELDS, _claim_values(claim), strict=True))


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as the contract's JSON object."""
    claim_ids = [c.id for c in finding.claims]
    # The conflicts are pairs of the finding's own claims: their ids are not hashed again.
    known = dict(zip(map(id, finding.claims), claim_ids, strict=True))
    return {
        "id": finding.id,
        "key": str(finding.key),
        "family": finding.key.family.value,
        "verdict": finding.verdict.value,
        "claims": claim_ids,
        "conflicts": [
            [known.get(id(a)) or a.id, known.get(id(b)) or b.id] for a, b in finding.conflicts
        ],
        "explanation": finding.explanation,
        "status": finding.status.value,
    }


def skipped_record(s: Skipped) -> dict[str, Any]:
    """A skipped file or warning."""
    return {
        "path": s.path,
        "reason": s.reason,
        "line": s.line,
        "rule": s.rule,
        "kind": "skipped" if s.fatal else "warning",
    }


ARTICLE_FIELDS = (
    "id",
    "published",
    "published_basis",
    "url",
    "title",
    "outlet",
    "published_confidence",
    "published_year",
)


def _article_values(a: ArticleInfo) -> list[Any]:
    return [a.id, a.published, a.basis, a.url, a.title, a.outlet, a.published_confidence,
            a.published_year]  # fmt: skip


def _articles(report: Report) -> Iterator[dict[str, Any]]:
    for a in report.articles:
        yield dict(zip(ARTICLE_FIELDS, _article_values(a), strict=True))


def _sections(report: Report) -> dict[str, Any]:
    """The report's top-level fields; the long lists as iterators, so they can be streamed."""
    return {
        "tool": {"name": "claimcheck", "version": report.tool_version},
        "corpus": report.corpus,
        "articles": _articles(report),
        "claims": map(claim_record, report.claims),
        "findings": map(finding_record, report.findings),
        "skipped": map(skipped_record, report.skipped),
        "stale_reviews": iter(report.stale_reviews),
        "summary": report.summary_line(),
    }


def report_record(report: Report) -> dict[str, Any]:
    """The whole report as one JSON-ready object."""
    return {k: v if isinstance(v, (str, dict)) else list(v) for k, v in _sections(report).items()}


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return float.__repr__(x)


# Values by exact type (bool is not int here; a str-Enum goes the slow way, as json does).
_PLAIN: dict[type, Any] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null",
}
_KEYS: dict[str, str] = {}  # a dict key as JSON, with its ": "


def _scalar(x: Any) -> str:
    """One JSON value that is not a container, exactly as json.dumps writes it."""
    if isinstance(x, str):
        return encode_basestring(x)
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, int):
        return int.__repr__(x)
    if isinstance(x, float):
        return _float(x)
    raise TypeError(f"Object of type {type(x).__name__} is not JSON serializable")


def _encode(x: Any, level: int, out: list[str]) -> None:
    """Append the text of `x` as json.dumps(indent=1) writes it at nesting `level`."""
    plain = _PLAIN.get(type(x))
    if plain is not None:
        out.append(plain(x))
    elif isinstance(x, dict):
        if not x:
            out.append("{}")
            return
        inner = "\n" + " " * (level + 1)
        parts = []
        for k, v in x.items():
            key = _KEYS.get(k) if type(k) is str else None
            if key is None and isinstance(k, str):
                key = _KEYS.setdefault(k, encode_basestring(k) + ": ")
            elif key is None:
                key = _key(k)
            plain = _PLAIN.get(type(v))
            if plain is not None:
                parts.append(inner + key + plain(v))
            else:
                sub: list[str] = []
                _encode(v, level + 1, sub)
                parts.append(inner + key + "".join(sub))
        out.append("{" + ",".join(parts) + "\n" + " " * level + "}")
    elif isinstance(x, (list, tuple)) and x and all(type(v) is str for v in x):
        # A list of strings (a finding's claim ids): encoded and joined in one go.
        inner = "\n" + " " * (level + 1)
        texts = map(encode_basestring, x)
        out.append("[" + inner + ("," + inner).join(texts) + "\n" + " " * level + "]")
    elif isinstance(x, (list, tuple)):
        _encode_items(x, level, out)
    else:
        out.append(_scalar(x))


def _key(k: Any) -> str:
    """A dict key that is not a str, as json.dumps writes it (it allows these scalars)."""
    if isinstance(k, float):
        return encode_basestring(_float(k)) + ": "
    if k is True or k is False or k is None:
        return encode_basestring(_scalar(k)) + ": "
    if isinstance(k, int):
        return encode_basestring(int.__repr__(k)) + ": "
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _encode_items(items: Iterable[Any], level: int, out: list[str]) -> None:
    inner = "\n" + " " * (level + 1)
    sep = "["
    for v in items:
        out.append(sep + inner)
        _encode(v, level + 1, out)
        sep = ","
    out.append("[]" if sep == "[" else "\n" + " " * level + "]")


def _layout(fields: Sequence[str]) -> str:
    """A record as json.dumps(indent=1) lays it out inside one of the report's lists."""
    return "{{" + ",".join(f"\n   {encode_basestring(k)}: {{}}" for k in fields) + "\n  }}"


_CLAIM_LAYOUT = _layout(CLAIM_FIELDS)
_ARTICLE_LAYOUT = _layout(ARTICLE_FIELDS)
_ALTERNATIVES = CLAIM_FIELDS.index("alternatives")
# No encoded JSON text holds a raw control character (they are escaped), so this one can
# separate values that the C encoder wrote in one call.
_UNIT = "\x1f"


def _claim_texts(claims: Sequence[Claim]) -> list[str]:
    """The claims' JSON objects as laid out in the report, the scalars encoded in one C call."""
    rows = [_claim_values(c) for c in claims]
    n = len(CLAIM_FIELDS)
    flat = []
    for row in rows:
        alternatives = row[_ALTERNATIVES]
        row[_ALTERNATIVES] = 0  # a placeholder; the list is nested, written below
        flat.extend(row)
        row[_ALTERNATIVES] = alternatives
    if not flat:
        return []
    encoded = json.dumps(flat, ensure_ascii=False, separators=(_UNIT, ":"))[1:-1].split(_UNIT)
    texts = []
    for i, row in enumerate(rows):
        values = encoded[i * n : (i + 1) * n]
        alternatives = row[_ALTERNATIVES]
        if alternatives:
            nested: list[str] = []
            _encode(alternatives, 3, nested)
            values[_ALTERNATIVES] = "".join(nested)
        else:
            values[_ALTERNATIVES] = "[]"
        texts.append(_CLAIM_LAYOUT.format(*values))
    return texts


def _claim_blocks(claims: Sequence[Claim], size: int = 512) -> Iterator[list[str]]:
    for i in range(0, len(claims), size):
        yield _claim_texts(claims[i : i + size])


def _article_blocks(articles: Sequence[ArticleInfo], size: int = 1024) -> Iterator[list[str]]:
    """The articles' JSON objects, in blocks whose scalars are encoded in one C call."""
    n = len(ARTICLE_FIELDS)
    for i in range(0, len(articles), size):
        flat = [v for a in articles[i : i + size] for v in _article_values(a)]
        encoded = json.dumps(flat, ensure_ascii=False, separators=(_UNIT, ":"))[1:-1]
        values = encoded.split(_UNIT)
        yield [_ARTICLE_LAYOUT.format(*values[j : j + n]) for j in range(0, len(values), n)]


def article_entries(articles: Sequence[Sequence[Claim]]) -> list[bytes]:
    """Each article's claim entries as the report lays them out, as UTF-8 (for the cache).

    The claims of all the articles are encoded together, as a report's block is.
    """
    texts = _claim_texts([c for claims in articles for c in claims])
    out, at = [], 0
    for claims in articles:
        part = texts[at : at + len(claims)]
        at += len(claims)
        out.append(",\n  ".join(part).encode("utf-8", ENTRY_ERRORS))
    return out


def _flush(out: list[str], chunk_chars: int) -> tuple[list[str], list[str]]:
    """Join what is pending; hand it on as a chunk once it is large enough, else keep it."""
    text = "".join(out)
    return ([], [text]) if len(text) >= chunk_chars else ([text], [])


def render_chunks(report: Report, chunk_chars: int = 1 << 20) -> Iterator[str]:
    """The JSON text of the report in pieces of about `chunk_chars`, one record at a time.

    Byte for byte what `json.dumps(report_record(report), ensure_ascii=False, indent=1)` gives,
    without the whole report as one object and one string: the memory is one chunk.
    """
    out: list[str] = []
    size = 0
    sep = "{"
    for name, value in _sections(report).items():
        out.append(f"{sep}\n {encode_basestring(name)}: ")
        sep = ","
        if isinstance(value, (str, dict)):
            _encode(value, 1, out)
            continue
        first = True
        spool = report.claim_entries
        if name == "claims" and spool is not None and spool.covers(report.claims):
            # Entries the cache kept (or this run wrote once): copied, not encoded again.
            out.append("[\n  " if spool.claims else "[]")
            out, ready = _flush(out, 0)
            yield from ready
            yield from spool.chunks(chunk_chars)
            out.append("\n ]" if spool.claims else "")
            continue
        if name in ("claims", "articles"):  # the bulk of a report: by the C encoder, in blocks
            if name == "claims":
                blocks = _claim_blocks(report.claims)
            else:
                blocks = _article_blocks(report.articles)
            for block in blocks:
                for text in block:
                    out.append("[\n  " if first else ",\n  ")
                    out.append(text)
                    first = False
                out, ready = _flush(out, chunk_chars)
                yield from ready
            out.append("[]" if first else "\n ]")
            continue
        for record in value:
            out.append("[\n  " if first else ",\n  ")
            first = False
            _encode(record, 2, out)
            size += 1
            if size >= 256:  # records, not characters: counting characters costs a join
                out, ready = _flush(out, chunk_chars)
                yield from ready
                size = 0
        out.append("[]" if first else "\n ]")
    out.append("\n}\n")
    yield "".join(out)


def render(report: Report) -> str:
    """The JSON text of the report."""
    return "".join(render_chunks(report))
