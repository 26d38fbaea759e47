"""The JSON report: the public contract of ../shared/CONTRACT.md. Dicts live only here."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring  # the C encoder, as json.dumps(ensure_ascii=False)
from typing import Any

from checker.model import Claim, Finding, Skipped
from checker.report.build import Report

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
    return {
        "id": finding.id,
        "key": str(finding.key),
        "family": finding.key.family.value,
        "verdict": finding.verdict.value,
        "claims": [c.id for c in finding.claims],
        "conflicts": [[a.id, b.id] for a, b in finding.conflicts],
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


def _articles(report: Report) -> Iterator[dict[str, Any]]:
    for a in report.articles:
        yield {
            "id": a.id,
            "published": a.published,
            "published_basis": a.basis,
            "url": a.url,
            "title": a.title,
            "outlet": a.outlet,
            "published_confidence": a.published_confidence,
            "published_year": a.published_year,
        }


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


# A claim as json.dumps(indent=1) lays it out inside the report's "claims" list.
_CLAIM_LAYOUT = (
    "{{" + ",".join(f"\n   {encode_basestring(k)}: {{}}" for k in CLAIM_FIELDS) + "\n  }}"
)
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
        if name == "claims":  # the bulk of a report: written by the C encoder, in blocks
            for block in _claim_blocks(report.claims):
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
