"""Event dates: when something happened or will happen, resolved against publication.

Finds   absolute dates ("March 20 to 22", "in February 2022", "May 9") and relative ones
        ("on Tuesday", "last September", "three years ago", "the following morning",
        "late August or early September", "earlier this year").
Gives   an inclusive DateSpan (a month spans its first to last day), keyed by the event the
        sentence names (from the event gazetteer); dates of unnamed events are reported but
        compared with nothing. "On Thursday, two days after the Riyadh talks" also carries an
        Offset, which the compare step checks against the talks' own date. "February 30"
        becomes a notice (a report warning).
Not     bare years that are no event's date ("in 1945", "since 2012"), the day of an
        anniversary occasion ("mark one year on February 24": the anniversary rule reads it),
        dates in the header marker or in URLs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.model import Article, Claim, Family, Key, Modality, Notice, Offset
from checker.normalise.anchors import occasions
from checker.normalise.dates import DateMatch, Grain, find_dates
from checker.normalise.dates_impossible import find_impossible_dates
from checker.normalise.entities import event_near, events
from checker.normalise.modality import modality_before
from checker.normalise.offsets import content_words, names_event, read_offset
from checker.patterns import (
    URL,
    URL_OPENINGS,
    sentence_span,
    spans_of,
)
from checker.rule import Example, Expect, Rule

# A date with no gazetteer event still gets a key of its own, so it shows in the report.
UNNAMED = "unnamed"


def occasion_days(article: Article) -> list[tuple[int, int]]:
    """Spans of anniversary occasions, whose days belong to the anniversary rule."""
    return [m.span() for m in occasions(article.text)]


def extract(article: Article) -> Iterator[Claim | Notice]:
    """Dates of events keyed by the event named beside them; impossible dates as notices."""
    occasions = occasion_days(article)
    urls = spans_of(URL, article.text, URL_OPENINGS)
    gazetteer = events()
    found: list[tuple[DateMatch, Key, bool, tuple[int, int]]] = []
    for d in find_dates(article.text, article.published):
        if d.start < article.body_start:
            continue
        if d.grain in (Grain.YEAR, Grain.DECADE) and not d.relative:
            continue
        if any(s <= d.start < e for s, e in occasions) or any(s <= d.start < e for s, e in urls):
            continue
        sentence = sentence_span(article.text, d.start)
        hit = event_near(article.text, d.start, d.end, *sentence)
        kind = gazetteer.extra.get(hit.id) if hit is not None else None
        annual = kind == "annual"
        # A meeting held every year on different days: this date speaks of its year's meeting.
        period = str(d.span.start.year) if kind == "yearly" and d.span else None
        # A whole year says nothing about the day of a yearly event ("this year's parade").
        whole_year = d.grain in (Grain.YEAR, Grain.DECADE)
        if (
            hit is not None
            and not ((annual or kind == "yearly") and whole_year)
            and (kind != "yearly" or period)
        ):
            found.append((d, Key(Family.DATE, hit.id, "when", period), annual, sentence))
        else:
            found.append((d, Key(Family.DATE, UNNAMED, f"{article.id}@{d.start}"), False, sentence))
    for start, end in find_impossible_dates(article.text):
        yield Notice(start, end, "no such date")
    for d, key, annual, (sent_start, _) in found:
        offset = offset_of(article, d, found) if d.grain is Grain.DAY else None
        if offset is not None and offset.anchor == key:
            # "On Thursday, two days after the invasion": Thursday is not the invasion's date.
            key, annual = Key(Family.DATE, UNNAMED, f"{article.id}@{d.start}"), False
        modality = Modality.ACTUAL
        if d.future:
            cue = modality_before(article.text, sent_start, d.start)
            modality = cue if not cue.is_actual else Modality.SCHEDULED
        yield Claim.at(
            article,
            (d.start, d.end),
            rule=RULE.id,
            key=key,
            dates=d.span,
            alternatives=d.alternatives,
            modality=modality,
            annual=annual,
            note=None if d.span else "relative date with no publication date to resolve it",
            offset=offset,
        )


def offset_of(
    article: Article, d: DateMatch, found: list[tuple[DateMatch, Key, bool, tuple[int, int]]]
) -> Offset | None:
    """ "Two days after the Riyadh talks": the offset, keyed by the event it counts from.

    The event is a gazetteer event named in the offset, else the date elsewhere in the
    article whose sentence names it ("talks on Tuesday in Riyadh"), the nearest before first.
    """
    offset = read_offset(article.text, d.end)
    if offset is None:
        return None
    named = list(events().find(article.text, offset.start, offset.end))
    if named:
        return Offset(offset.days, Key(Family.DATE, named[0].id, "when"), offset.event)
    words = content_words(offset.event)
    candidates = [
        (other, key)
        for other, key, _, (lo, hi) in found
        if other is not d and names_event(article.text[lo:hi], words)
    ]
    if not candidates:
        return None
    before = [c for c in candidates if c[0].start < d.start]
    anchor = before[-1] if before else candidates[0]
    return Offset(offset.days, anchor[1], offset.event)


EXAMPLES = (
    Example(
        "Xi will pay a state visit from March 20 to 22.",
        Expect("from March 20 to 22", date_start="2023-03-20", date_end="2023-03-22"),
        published=date(2023, 3, 17),
    ),
    Example(
        "Moscow launched its war on Ukraine in February 2022.",
        Expect(
            "February 2022",
            date_start="2022-02-01",
            date_end="2022-02-28",
            key="date:ukraine-invasion:when",
        ),
        published=date(2023, 3, 17),
    ),
    Example(
        "The two men last met in Samarkand last September.",
        Expect("last September", date_start="2022-09-01", date_end="2022-09-30"),
        published=date(2022, 12, 29),
    ),
    Example(
        "Officials met on Tuesday in Riyadh.",
        Expect("Tuesday", date_start="2025-02-18", date_end="2025-02-18"),
    ),
    Example(
        "Talks opened on Tuesday in Riyadh. "
        "On Thursday, two days after the Riyadh talks, the ministers met.",
        Expect("Tuesday", date_start="2025-02-18", key="date:unnamed:example.txt@16"),
        Expect("Thursday", date_start="2025-02-20", key="date:unnamed:example.txt@38"),
    ),
    Example("The bridge opened in 1945 and has stood since 2012."),
)

RULE = Rule(
    id="event-date",
    family=Family.DATE,
    summary="When an event happened or is planned, resolved against the publication date.",
    extract=extract,
    examples=EXAMPLES,
)
