"""Anniversaries: "the 80th anniversary of Japan's surrender" states when the event happened.

Finds   "80th anniversary of ...", "first anniversary of ...", "mark one year on February 24".
Gives   the base event's year (unit "year"): the 80th anniversary in 2025 -> 1945, keyed by the
        event; and, when the occasion's day is stated, a date claim for the event itself
        ("mark one year on February 24" in 2023 -> 2022-02-24).
Not     anniversaries of unnamed things ("its anniversary"), wedding or company anniversaries
        without an ordinal, years with no publication date to count from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.model import Article, Claim, DateSpan, Family, Interval, Key, Modality
from checker.normalise.anchors import (
    folded_words,
    matches_at,
    occasions,
    space_start,
    word_starts_before,
)
from checker.normalise.dates import parse_date, shift_years
from checker.normalise.entities import event_near, events, slug
from checker.normalise.numbers import parse_number, parse_ordinal
from checker.normalise.prefilter import lower_keeping_offsets
from checker.patterns import compile_pattern, sentence_span
from checker.rule import Example, Expect, Rule

NTH_ANNIVERSARY = compile_pattern(
    r"""
    \b (?P<ordinal>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?) \s+ anniversary \s+ of \s+
    (?P<event>[^.,;:!?()\n]{3,120}?)
    (?= \s+(?:in|on|this|next|last|when|which|with|as|at)\b | [.,;:!?()\n] | $ )
    """
)


# "marks 75 years of diplomatic relations", "celebrating 20 years since the treaty".
YEARS_OF = compile_pattern(
    r"""
    \b (?:mark|celebrat|commemorat)\w* \s+ (?:the\s+)?
    (?P<years>\d{1,3}|[a-z]+(?:-[a-z]+)?) \s+ years? \s+
    (?:since|of|after) \s+ (?P<event>[^.,;:!?()\n]{3,120}?)
    (?= \s+(?:in|on|this|next|last|when|which|with|as|at)\b | [.,;:!?()\n] | $ )
    """
)


# Words the patterns must hold, found by a quick scan of the lower-cased text; the patterns
# are tried only at the offsets these allow (see `matches_at`).
ANNIVERSARY_WORD = folded_words("anniversary")
# YEARS_OF begins with one of these.
YEARS_OF_WORD = folded_words("mark", "celebrat", "commemorat")


def nth_anniversary_starts(text: str, low: str) -> Iterator[int]:
    """Where NTH_ANNIVERSARY may begin: in the word before the white space in front of
    "anniversary", at its start or after a character that ends a word ("seventy-fifth")."""
    for word in ANNIVERSARY_WORD.starts(low):
        yield from word_starts_before(text, space_start(text, word))


def rank_of(word: str) -> int | None:
    """parse_ordinal(word), reading "80th" directly, as parse_ordinal reads it at fifty
    times the cost."""
    digits, suffix = word[:-2], word[-2:].lower()
    if digits.isascii() and digits.isdigit() and suffix in ("st", "nd", "rd", "th"):
        return int(digits)
    return parse_ordinal(word)


def event_of(
    article: Article, start: int, end: int, sent: tuple[int, int]
) -> tuple[str, bool] | None:
    """The gazetteer event named next to text[start:end], and whether it is annual."""
    hit = event_near(article.text, start, end, *sent)
    if hit is None:
        return None
    return hit.id, events().extra.get(hit.id) == "annual"


def _whole(x: float | None) -> int | None:
    return int(x) if x is not None and x == int(x) else None


def nearest_occurrence(day: date, published: date | None) -> date | None:
    """The occurrence of a month and day nearest to publication, whatever the tense.

    Articles that "mark one year on February 24" are written around the occasion, a few
    days before or after it, so the nearest occurrence is the one meant.
    """
    if published is None:
        return None
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # February 29 in a common year
            continue
    return min(candidates, key=lambda c: abs((c - published).days), default=None)


def extract(article: Article) -> Iterator[Claim]:
    """Anniversaries as base-event years, and base-event dates when the day is given."""
    year = article.year  # a year inferred from the text is enough to count back from
    text = article.text
    low = lower_keeping_offsets(text)
    # The ordinal pattern runs only where "anniversar" occurs, as it did when it tried every
    # word: this is the same test as on text.lower(), which differs only in "İ" -> "i̇".
    counted = (
        [
            (m, rank_of(m["ordinal"]))
            for m in matches_at(NTH_ANNIVERSARY, text, nth_anniversary_starts(text, low))
        ]
        if "anniversar" in low
        else []
    )
    opening_words = YEARS_OF_WORD.starts(low)
    years_of = matches_at(YEARS_OF, text, opening_words)
    counted += [(m, _whole(parse_number(m["years"]))) for m in years_of]
    for m, nth in counted:
        if nth is None or nth <= 0:
            continue
        named = event_of(
            article, m.start("event"), m.start("event"), (m.start("event"), m.end("event"))
        )
        event = named[0] if named else slug(m["event"])
        yield Claim.at(
            article,
            m.span(),
            rule=RULE.id,
            key=Key(Family.ANNIVERSARY, event, "base-year"),
            amount=Interval.exact(float(year - nth), "year") if year else None,
            note=None if year else "no publication date to count the anniversary from",
        )
        # A named one-off event's year also meets the claims that date the event itself
        # ("first anniversary of the invasion" vs "invaded in February 2022"). An annual
        # event's dates compare by day of the year, which a whole year says nothing about.
        if named and not named[1] and year:
            base = year - nth
            yield Claim.at(
                article,
                m.span(),
                rule=RULE.id,
                key=Key(Family.DATE, event, "when"),
                dates=DateSpan(date(base, 1, 1), date(base, 12, 31)),
            )
    for m in occasions(text):
        years = parse_number(m["years"]) if m["years"].lower() not in ("a", "one") else 1.0
        if years is None or years <= 0 or years != int(years):
            continue
        sent_start, sent_end = sentence_span(article.text, m.start())
        named = event_of(article, m.start(), m.end(), (sent_start, sent_end))
        if named is None:
            continue
        event, annual = named
        day = parse_date(m["day"], article.published)
        occasion = (
            nearest_occurrence(day.span.start, article.published) if day and day.span else None
        )
        occasion_year = occasion.year if occasion else year
        base_year = occasion_year - int(years) if occasion_year else None
        yield Claim.at(
            article,
            m.span(),
            rule=RULE.id,
            key=Key(Family.ANNIVERSARY, event, "base-year"),
            amount=Interval.exact(float(base_year), "year") if base_year else None,
        )
        if occasion:
            base = shift_years(occasion, -int(years))
            yield Claim.at(
                article,
                m.span(),
                rule=RULE.id,
                key=Key(Family.DATE, event, "when"),
                dates=DateSpan.day(base),
                modality=Modality.ACTUAL,
                annual=annual,
            )


EXAMPLES = (
    Example(
        "Leaders gathered for the 80th anniversary of Japan's surrender in World War II.",
        Expect(
            "80th anniversary of Japan's surrender",
            lower=1945,
            upper=1945,
            unit="year",
            key="anniversary:ww2-victory-asia:base-year",
        ),
    ),
    Example(
        "The paper was timed to the first anniversary of Russia's invasion.",
        Expect(
            "first anniversary of Russia's invasion",
            lower=2022,
            key="anniversary:ukraine-invasion:base-year",
        ),
        Expect(
            "first anniversary of Russia's invasion",
            date_start="2022-01-01",
            date_end="2022-12-31",
            key="date:ukraine-invasion:when",
        ),
        published=date(2023, 2, 22),
    ),
    Example(
        "The war in Ukraine is set to mark one year on February 24.",
        Expect(
            "mark one year on February 24", lower=2022, key="anniversary:ukraine-invasion:base-year"
        ),
        Expect(
            "mark one year on February 24",
            date_start="2022-02-24",
            date_end="2022-02-24",
            key="date:ukraine-invasion:when",
        ),
        published=date(2023, 2, 22),
    ),
    Example(
        "The city celebrates the 300th anniversary of its founding.",
        Expect(
            "300th anniversary of its founding",
            lower=1725,
            key="anniversary:its-founding:base-year",
        ),
    ),
    Example(
        "Beijing and Moscow mark 75 years of diplomatic relations this year.",
        Expect(
            "mark 75 years of diplomatic relations",
            lower=1949,
            key="anniversary:diplomatic-relations:base-year",
        ),
        published=date(2024, 1, 12),
    ),
    Example("The couple celebrated their anniversary in Paris."),
)

RULE = Rule(
    id="anniversary",
    family=Family.ANNIVERSARY,
    summary="Anniversaries, turned into the year (and where stated, the day) of the base event.",
    extract=extract,
    examples=EXAMPLES,
)
