"""What a rule is, and how its examples are checked: all a rule module (or a plugin) imports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from checker.model import Article, Bound, Claim, Family, Modality, Notice, PublishedBasis

# Examples are read as if published on this day unless they say otherwise (Duckling's
# fixed reference time): rules never see an implicit "now".
EXAMPLE_PUBLISHED = date(2025, 2, 22)


@dataclass(frozen=True, slots=True)
class Expect:
    """What one claim found in an example must look like; only the named fields are checked."""

    quote: str
    lower: float | None | type[...] = ...
    upper: float | None | type[...] = ...
    bound: Bound | None = None
    unit: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    modality: Modality | None = None
    key: str | None = None
    family: Family | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A text and the claims a rule must find in it; no Expect means it must find nothing."""

    text: str
    expects: tuple[Expect, ...] = ()
    published: date = EXAMPLE_PUBLISHED

    def __init__(self, text: str, *expects: Expect, published: date = EXAMPLE_PUBLISHED):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "expects", tuple(expects))
        object.__setattr__(self, "published", published)


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of claim: its id, what it finds, its examples and its extractor."""

    id: str
    family: Family
    summary: str
    extract: Callable[[Article], Iterable[Claim | Notice]]  # Notices become report warnings
    examples: tuple[Example, ...] = field(default=())
    doc: str = ""  # the module docstring: Finds / Gives / Not


def example_article(example: Example, article_id: str = "example.txt") -> Article:
    """The Article an example is read as."""
    return Article(
        id=article_id,
        text=example.text,
        published=example.published,
        basis=PublishedBasis.MANIFEST,
    )


def _mismatches(expect: Expect, claim: Claim) -> Iterator[str]:
    amount = claim.amount
    checks: list[tuple[str, object, object]] = []
    if expect.lower is not ...:
        checks.append(("lower", expect.lower, amount.lower if amount else None))
    if expect.upper is not ...:
        checks.append(("upper", expect.upper, amount.upper if amount else None))
    if expect.bound is not None:
        checks.append(("bound", expect.bound, amount.bound if amount else None))
    if expect.unit is not None:
        checks.append(("unit", expect.unit, amount.unit if amount else None))
    if expect.date_start is not None:
        got = claim.dates.start.isoformat() if claim.dates else None
        checks.append(("date_start", expect.date_start, got))
    if expect.date_end is not None:
        got = claim.dates.end.isoformat() if claim.dates else None
        checks.append(("date_end", expect.date_end, got))
    if expect.modality is not None:
        checks.append(("modality", expect.modality, claim.modality))
    if expect.key is not None:
        checks.append(("key", expect.key, str(claim.key)))
    if expect.family is not None:
        checks.append(("family", expect.family, claim.family))
    for name, want, got in checks:
        if isinstance(want, float) and isinstance(got, float):
            if abs(want - got) <= 1e-9 * max(abs(want), 1.0):
                continue
        elif want == got:
            continue
        yield f"{name}: expected {want!r}, got {got!r}"


def check_example(rule: Rule, example: Example) -> list[str]:
    """Problems with a rule on one example; an empty list means it passes."""
    claims = [c for c in rule.extract(example_article(example)) if isinstance(c, Claim)]
    problems: list[str] = []
    unmatched = list(claims)
    for expect in example.expects:
        candidates = [c for c in unmatched if c.quote == expect.quote]
        if not candidates:
            found = [c.quote for c in claims]
            problems.append(f"no claim quoting {expect.quote!r}; found {found!r}")
            continue
        best = min(candidates, key=lambda c: len(list(_mismatches(expect, c))))
        unmatched.remove(best)
        problems.extend(f"{expect.quote!r}: {m}" for m in _mismatches(expect, best))
    # Only claims of the rule's own subject count as extra: an Example lists them all.
    problems.extend(f"unexpected claim {c.quote!r} ({c.key})" for c in unmatched)
    return problems
