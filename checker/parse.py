"""`claimcheck parse`: the normalisers on their own, JSON lines in and out (CONTRACT.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

from checker.normalise.dates import find_dates
from checker.normalise.money import find_money
from checker.normalise.numbers import find_numbers

KINDS = ("number", "money", "date")


def parse_record(text: str, reference: date | None, kinds: Iterable[str]) -> dict[str, list[dict]]:
    """Everything the normalisers find in one text, as the contract's JSON shape."""
    out: dict[str, list[dict]] = {}
    wanted = set(kinds)
    if "number" in wanted:
        out["number"] = [
            {"span": text[m.start : m.end], "start": m.start, "end": m.end, "value": m.value}
            for m in find_numbers(text)
        ]
    if "money" in wanted:
        out["money"] = [
            {
                "span": text[m.start : m.end],
                "start": m.start,
                "end": m.end,
                "value": m.value,  # the stated figure: also for "about $14m"; None for bounds
                "currency": m.amount.unit,
                "lower": m.amount.lower,
                "upper": m.amount.upper,
                "bound": m.amount.bound.value,
            }
            for m in find_money(text)
        ]
    if "date" in wanted:
        out["date"] = [
            {
                "span": text[m.start : m.end],
                "start": m.start,
                "end": m.end,
                "start_date": m.span.start.isoformat() if m.span else None,
                "end_date": m.span.end.isoformat() if m.span else None,
                "alternatives": [
                    {"start_date": a.start.isoformat(), "end_date": a.end.isoformat()}
                    for a in m.alternatives
                ],
            }
            for m in find_dates(text, reference)
        ]
    return out


def parse_lines(lines: Iterable[str], kinds: Iterable[str]) -> Iterator[str]:
    """One JSON line out per line in; a line that cannot be read gets {"error": ...}."""
    kinds = tuple(kinds)
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
            ref = row.get("reference")
            reference = date.fromisoformat(ref) if ref else None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            yield json.dumps({"error": f"{type(exc).__name__}: {exc}"})
            continue
        yield json.dumps(parse_record(text, reference, kinds), ensure_ascii=False)
