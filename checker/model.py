"""The typed values that flow through claimcheck: articles in, claims, findings out.

No I/O and no regular expressions live here; every other module imports from this one.
Enum values are the strings of the JSON contract (`../shared/CONTRACT.md`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from functools import lru_cache
from operator import attrgetter
from typing import Any


class Family(str, Enum):
    """The kind of thing a claim is about; the compare step's behaviour hangs off it."""

    TRADE = "trade"
    MEETINGS = "meetings"
    ANNIVERSARY = "anniversary"
    DATE = "date"


class Bound(str, Enum):
    """How the wording bounds a figure ("more than 40" -> MORE_THAN)."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    NEARLY = "nearly"
    RANGE = "range"


class Modality(str, Enum):
    """Whether a claim states what happened or what is hoped, planned or foreseen."""

    ACTUAL = "actual"
    EXPECTED = "expected"
    SCHEDULED = "scheduled"
    FORECAST = "forecast"
    TARGET = "target"

    @property
    def is_actual(self) -> bool:
        """True for statements of fact, as opposed to plans and forecasts."""
        return self is Modality.ACTUAL


class PublishedBasis(str, Enum):
    """Where an article's publication date came from."""

    MANIFEST = "manifest"
    FRONT_MATTER = "front-matter"
    HEADER = "header"
    RECORD = "record"  # the `published` field of a JSON-lines corpus record
    URL = "url"
    INFERRED = "inferred"
    NONE = "none"


class Verdict(str, Enum):
    """The outcome of comparing the claims under one key."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    # A plan or forecast that the actual figure did not match: news, not an error.
    FORECAST_MISSED = "forecast_missed"
    # Two forecasts of one figure that disagree: forecasters differ, no statement is wrong.
    FORECASTS_DIFFER = "forecasts_differ"


class ReviewStatus(str, Enum):
    """An editor's decision on a finding, as recorded in the review ledger."""

    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ACCEPTED = "accepted"


@dataclass(frozen=True, slots=True)
class Key:
    """What a claim is about; claims with equal keys are compared.

    str(Key(Family.TRADE, "china-russia", "total", "2024")) == "trade:china-russia:total:2024"
    """

    family: Family
    subject: str
    metric: str
    period: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its fields by the constructor: a frozen slots dataclass otherwise
        # pickles its state and sets each field through object.__setattr__ when loaded.
        return (Key, _key_values(self))

    def __str__(self) -> str:
        parts = [self.family.value, self.subject, self.metric]
        if self.period is not None:
            parts.append(self.period)
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure's wording allows; None means unbounded on that side.

    `unit` is an ISO 4217 code for money, "count" for counts, "year" for years.
    """

    lower: float | None
    upper: float | None
    bound: Bound
    unit: str
    # Half a unit of the last digit the wording gives: "$240 billion" -> 0.5e9, so it
    # agrees with "$240.1 billion" but not with "$245 billion".
    tolerance: float = 0.0

    def __reduce__(self) -> tuple[Any, ...]:
        return (Interval, _interval_values(self))

    @property
    def value(self) -> float | None:
        """The single value, when the wording pins one down."""
        if self.lower is not None and self.lower == self.upper:
            return self.lower
        return None

    @classmethod
    def exact(cls, value: float, unit: str) -> Interval:
        """A figure stated without bound words."""
        return cls(value, value, Bound.EXACT, unit)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Inclusive calendar span: a day has start == end, a month spans its first to last day."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date span ends before it starts: {self.start} > {self.end}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (DateSpan, _span_values(self))  # through __post_init__'s check, too

    @classmethod
    def day(cls, d: date) -> DateSpan:
        """The span of one day."""
        return cls(d, d)

    def overlaps(self, other: DateSpan) -> bool:
        """True when the two spans share at least one day."""
        return not (self.end < other.start or other.end < self.start)

    def hull(self, other: DateSpan) -> DateSpan:
        """The smallest span that covers both."""
        return DateSpan(min(self.start, other.start), max(self.end, other.end))

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Offsets where lines start, found once per text: counting newlines for every claim
    would make a long article quadratic."""
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


@dataclass(frozen=True, slots=True)
class Article:
    """One decoded article and what is known of its publication."""

    id: str  # path relative to the corpus root, "/" separators
    text: str
    published: date | None
    basis: PublishedBasis
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    # Offset where the body starts (after front matter or a date marker); rules may
    # still read the whole text, and offsets always refer to the whole text.
    body_start: int = 0
    # How sure the publication date is: 1.0 when declared (manifest, front matter, header,
    # record), lower when inferred from the text, None when nothing is known. Only a day
    # known with good confidence becomes `published`; a year known alone stays here, in
    # `published_year`, so that no relative date is resolved against a guessed day.
    published_confidence: float | None = None
    published_year: int | None = None  # published.year, or the year alone when only it is known

    def __post_init__(self) -> None:
        if self.published is not None and self.published_year is None:
            object.__setattr__(self, "published_year", self.published.year)

    @property
    def year(self) -> int | None:
        """The publication year, known even when the day is not."""
        return self.published_year

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect_right(_line_starts(self.text), offset)


@dataclass(frozen=True, slots=True)
class Offset:
    """A date stated relative to another event: "two days after the Riyadh talks".

    The claim's own date less `days` must fall on a date of the claims under `anchor`.
    """

    days: int
    anchor: Key
    phrase: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One normalised claim found in one article."""

    article: str
    rule: str
    key: Key
    quote: str
    start: int
    end: int
    line: int
    amount: Interval | None = None
    dates: DateSpan | None = None
    # Alternatives the wording leaves open ("April or early May"); `dates` is their hull.
    alternatives: tuple[DateSpan, ...] = ()
    modality: Modality = Modality.ACTUAL
    attribution: str | None = None
    # Set when the annual compare (month and day across years) applies to this event.
    annual: bool = False
    note: str | None = None  # why a value is missing, e.g. "no publication date"
    offset: Offset | None = None  # "two days after the talks": checked against the talks' date
    # `id`, once worked out: the report, findings and cache checks each ask for it. Not part
    # of the claim's value (no init, no compare), and `dataclasses.replace` starts it afresh.
    _id: str | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def at(cls, article: Article, span: tuple[int, int], **fields: object) -> Claim:
        """A claim whose quote, offsets and line come from a span of the article's text."""
        start, end = span
        return cls(
            article=article.id,
            quote=article.text[start:end],
            start=start,
            end=end,
            line=article.line_of(start),
            **fields,  # type: ignore[arg-type]
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers send claims back pickled: by their field values (the kept id too), set
        # straight into the slots, this takes half the time of the dataclass's own state.
        return (claim_of, (_claim_values(self),))

    @property
    def family(self) -> Family:
        """The family of the claim's key."""
        return self.key.family

    @property
    def id(self) -> str:
        """Stable id: the same claim text at the same place of the same article."""
        known = self._id
        if known is None:
            known = self.id_from_fields()
            object.__setattr__(self, "_id", known)  # a cache of a pure function of the fields
        return known

    def id_from_fields(self) -> str:
        """`id` worked out afresh, whatever was kept (the cache checks what it kept)."""
        raw = f"{self.article}\x00{self.rule}\x00{self.key}\x00{self.start}\x00{self.quote}"
        return "c-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


# Every field, in order, so that a field added later is pickled too.
_key_values = attrgetter(*(f.name for f in fields(Key)))
_interval_values = attrgetter(*(f.name for f in fields(Interval)))
_span_values = attrgetter(*(f.name for f in fields(DateSpan)))

# Claim's fields in declaration order (its kept id last), each with its slot's setter. A
# frozen dataclass's __init__ sets every field through object.__setattr__, which made up
# most of reading a claim back (a warm run reads every claim of the corpus, the main
# process unpickles every claim a worker found); claim_of sets the slots directly. Claim
# has no __post_init__ to skip: `test_cache` checks that, and that this gives the claim
# Claim(...) would.
CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_CLAIM_SETTERS = tuple(getattr(Claim, name).__set__ for name in CLAIM_FIELDS)
_claim_values = attrgetter(*CLAIM_FIELDS)


def claim_of(values: tuple[Any, ...]) -> Claim:
    """The claim with these field values, in CLAIM_FIELDS order: values of the model's
    types, all of them (the caller's own tuple, so zip is not asked to check its length on
    every claim)."""
    claim = Claim.__new__(Claim)
    for put, value in zip(_CLAIM_SETTERS, values):  # noqa: B905
        put(claim, value)
    return claim


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on the claims made under one key across articles."""

    id: str
    key: Key
    verdict: Verdict
    claims: tuple[Claim, ...]
    conflicts: tuple[tuple[Claim, Claim], ...]
    explanation: str
    status: ReviewStatus = ReviewStatus.UNREVIEWED


@dataclass(frozen=True, slots=True)
class Notice:
    """What a rule saw but could not read as a claim ("February 30", an unknown currency);
    the report lists it as a warning with its line."""

    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something that was not read or not checked, and why."""

    path: str
    reason: str
    line: int | None = None
    rule: str | None = None
    fatal: bool = True  # False: a warning; the file was still read


@dataclass(slots=True)
class Corpus:
    """Everything ingest produced: the articles that were read and what was skipped."""

    root: str
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
