"""Claims as JSON for the cache: an explicit, exact round trip of the model's dataclasses.

Every field is written by name, and read back by name into the same types: enums by their
contract value, dates as ISO strings, floats as JSON numbers (Python writes the shortest
repr, which reads back to the same float; an int stays an int). A record that is not what
this module writes raises CodecError, so a damaged cache row is never half-trusted.
`test_cache.py` checks that every field of Claim, Interval, DateSpan and Key is covered.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from checker.model import Bound, Claim, DateSpan, Family, Interval, Key, Modality, Offset, Skipped
from checker.report.build import ClaimContext

# Bumped whenever the layout below changes; part of the cache's version.
CODEC_VERSION = 2


class CodecError(ValueError):
    """A record that does not decode to the model's types."""


def encode_claim(c: Claim) -> dict[str, Any]:
    """A claim as a JSON-ready dict, every field named."""
    a = c.amount
    return {
        "article": c.article,
        "rule": c.rule,
        "key": _key(c.key),
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "amount": None if a is None else [a.lower, a.upper, a.bound.value, a.unit, a.tolerance],
        "dates": None if c.dates is None else _span(c.dates),
        "alternatives": [_span(s) for s in c.alternatives],
        "modality": c.modality.value,
        "attribution": c.attribution,
        "annual": c.annual,
        "note": c.note,
        "offset": None if c.offset is None else [c.offset.days, _key(c.offset.anchor), c.offset.phrase],
    }


def _key(k: Key) -> list[str | None]:
    return [k.family.value, k.subject, k.metric, k.period]


def _read_key(raw: Any) -> Key:
    family, subject, metric, period = raw
    return Key(Family(family), _text(subject), _text(metric), _text(period, True))  # type: ignore[arg-type]


def _span(s: DateSpan) -> list[str]:
    return [s.start.isoformat(), s.end.isoformat()]


def _read_span(raw: Any) -> DateSpan:
    start, end = raw
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
        amount = None
        if raw["amount"] is not None:
            lower, upper, bound, unit, tolerance = raw["amount"]
            amount = Interval(
                _number(lower),
                _number(upper),
                Bound(bound),
                _text(unit),  # type: ignore[arg-type]
                _number(tolerance),
            )  # type: ignore[arg-type]
        return Claim(
            article=_text(raw["article"]),  # type: ignore[arg-type]
            rule=_text(raw["rule"]),  # type: ignore[arg-type]
            key=_read_key(raw["key"]),
            quote=_text(raw["quote"]),  # type: ignore[arg-type]
            start=_int(raw["start"]),
            end=_int(raw["end"]),
            line=_int(raw["line"]),
            amount=amount,
            dates=None if raw["dates"] is None else _read_span(raw["dates"]),
            alternatives=tuple(_read_span(s) for s in raw["alternatives"]),
            modality=Modality(raw["modality"]),
            attribution=_text(raw["attribution"], True),
            annual=_bool(raw["annual"]),
            note=_text(raw["note"], True),
            offset=None if raw["offset"] is None else Offset(
                _int(raw["offset"][0]), _read_key(raw["offset"][1]), _text(raw["offset"][2])  # type: ignore[arg-type]
            ),
        )
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


def encode_result(
    claims: list[Claim], problems: list[Skipped], contexts: list[ClaimContext]
) -> str:
    """One article's extraction (claims, problems, a sentence context per claim) as JSON text."""
    return json.dumps(
        {
            "claims": [encode_claim(c) for c in claims],
            "problems": [encode_skipped(s) for s in problems],
            "contexts": [[x.before, x.quote, x.after] for x in contexts],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_result(text: str) -> tuple[list[Claim], list[Skipped], list[ClaimContext]]:
    """The claims, problems and contexts that encode_result wrote; CodecError otherwise."""
    try:
        raw = json.loads(text)
        claims = [decode_claim(c) for c in raw["claims"]]
        problems = [decode_skipped(s) for s in raw["problems"]]
        contexts = [ClaimContext(_text(b), _text(q), _text(a)) for b, q, a in raw["contexts"]]  # type: ignore[arg-type]
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError) as exc:  # ValueError: JSON syntax, unpacking
        raise CodecError(f"bad cache record: {type(exc).__name__}: {exc}") from exc
    if len(contexts) != len(claims):
        raise CodecError("bad cache record: one context per claim expected")
    return claims, problems, contexts
