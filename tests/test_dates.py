"""The date reader: news sentences resolved against a fixed publication date (Duckling style).

The sentences paraphrase the seed articles; the dates they must give are the seeds' facts.
"""

from __future__ import annotations

from datetime import date

import pytest

from checker.model import DateSpan
from checker.normalise.dates import RESOLVERS, Grain, find_dates, parse_date, shift_years
from checker.normalise.dates_grammar import KINDS
from checker.normalise.dates_openers import OPENERS, PAIRED


def span(text: str) -> DateSpan:
    """ "2025-01-21" or "2022-01-01..2022-12-31" -> DateSpan."""
    a, _, b = text.partition("..")
    return DateSpan(date.fromisoformat(a), date.fromisoformat(b or a))


def resolve(sentence: str, quote: str, reference: date) -> DateSpan | None:
    """The span of the date expression overlapping `quote` in `sentence`."""
    at = sentence.index(quote)
    hits = [m for m in find_dates(sentence, reference) if m.start < at + len(quote) and m.end > at]
    assert hits, f"nothing found in {quote!r}"
    return hits[0].span


SAT_2025 = date(2025, 2, 22)
THU_2022 = date(2022, 12, 29)
WED_2023 = date(2023, 2, 22)
FRI_2023 = date(2023, 3, 17)

SEED_CASES = [
    pytest.param(
        SAT_2025,
        "The two leaders last spoke by video on January 21.",
        "January 21",
        "2025-01-21",
        id="month-day-past",
    ),
    pytest.param(
        SAT_2025,
        "He asked about the talks on Tuesday in Riyadh after he was planning to brief them.",
        "Tuesday",
        "2025-02-18",
        id="weekday-noun-phrase",
    ),
    pytest.param(
        SAT_2025,
        "An agency quoted the spokesman as saying in Moscow on Friday that talks were likely.",
        "Friday",
        "2025-02-21",
        id="weekday-past",
    ),
    pytest.param(
        SAT_2025,
        "It was the first such meeting since troops invaded three years ago.",
        "three years ago",
        "2022-01-01..2022-12-31",
        id="years-ago-is-a-year",
    ),
    pytest.param(
        SAT_2025,
        "The president was expected to travel in late August or early September.",
        "late August",
        "2025-08-21..2025-09-10",
        id="alternatives-hull",
    ),
    pytest.param(
        SAT_2025,
        "The minister told parliament on Wednesday.",
        "Wednesday",
        "2025-02-19",
        id="weekday-told",
    ),
    pytest.param(
        SAT_2025,
        "And last week, the envoy said the invitation stood.",
        "last week",
        "2025-02-10..2025-02-16",
        id="last-week",
    ),
    pytest.param(
        SAT_2025,
        "He had accepted an invitation to attend the May 9 parade.",
        "May 9",
        "2025-05-09",
        id="to-attend-is-future",
    ),
    pytest.param(
        SAT_2025,
        "The agency reported on February 14 that a summit was possible.",
        "February 14",
        "2025-02-14",
        id="reported-on",
    ),
    pytest.param(
        SAT_2025,
        "On Thursday, two days after those talks, the ministers met.",
        "Thursday",
        "2025-02-20",
        id="weekday-verb-after",
    ),
    pytest.param(
        THU_2022,
        "They discussed the pact signed in February.",
        "February",
        "2022-02-01..2022-02-28",
        id="month-past",
    ),
    pytest.param(
        THU_2022,
        "Speaking on Thursday, he said the leaders would talk the following morning.",
        "Thursday",
        "2022-12-29",
        id="weekday-same-day",
    ),
    pytest.param(
        THU_2022,
        "Speaking on Thursday, he said the leaders would talk the following morning.",
        "the following morning",
        "2022-12-30",
        id="following-morning",
    ),
    pytest.param(
        THU_2022,
        "An opening session on Friday morning will be public.",
        "Friday morning",
        "2022-12-30",
        id="future-after-date",
    ),
    pytest.param(
        THU_2022,
        "Their last meeting took place in Samarkand last September.",
        "last September",
        "2022-09-01..2022-09-30",
        id="last-month-name",
    ),
    pytest.param(
        THU_2022,
        "The two sides agreed a partnership earlier this year.",
        "earlier this year",
        "2022-01-01..2022-12-29",
        id="earlier-this-year",
    ),
    pytest.param(
        date(2025, 8, 30),
        "The visit coincides with preparations for a parade on September 3.",
        "September 3",
        "2025-09-03",
        id="present-tense-nearest",
    ),
    pytest.param(
        WED_2023,
        "The president hinted on Wednesday that a visit was coming.",
        "Wednesday",
        "2023-02-22",
        id="hinted-today",
    ),
    pytest.param(
        WED_2023,
        "The war is set to mark one year on February 24.",
        "February 24",
        "2023-02-24",
        id="set-to",
    ),
    pytest.param(
        WED_2023, "The envoy arrived in Moscow on Tuesday.", "Tuesday", "2023-02-21", id="arrived"
    ),
    pytest.param(
        WED_2023,
        "Beijing will publish a paper this week.",
        "this week",
        "2023-02-20..2023-02-26",
        id="this-week",
    ),
    pytest.param(
        FRI_2023,
        "The state visit runs from March 20 to 22, the ministry said.",
        "March 20",
        "2023-03-20..2023-03-22",
        id="range",
    ),
    pytest.param(
        FRI_2023,
        "The war began in February 2022.",
        "February 2022",
        "2022-02-01..2022-02-28",
        id="month-year",
    ),
    pytest.param(
        FRI_2023,
        "The Kremlin said so in a Friday statement.",
        "Friday",
        "2023-03-17",
        id="weekday-adjective",
    ),
    pytest.param(
        FRI_2023,
        "The minister called his counterpart, the envoy, on Thursday evening.",
        "Thursday",
        "2023-03-16",
        id="weekday-evening",
    ),
    pytest.param(
        FRI_2023,
        "China has been mediating, proposing a plan in February for a ceasefire.",
        "February",
        "2023-02-01..2023-02-28",
        id="month-no-tense",
    ),
    pytest.param(
        FRI_2023,
        "We see no conditions for peace, said the spokesman on February 28.",
        "February 28",
        "2023-02-28",
        id="said-on",
    ),
    pytest.param(
        FRI_2023,
        "He did warn against nuclear weapons last November.",
        "last November",
        "2022-11-01..2022-11-30",
        id="last-november",
    ),
]


@pytest.mark.parametrize(("reference", "sentence", "quote", "expected"), SEED_CASES)
def test_seed_sentences(reference: date, sentence: str, quote: str, expected: str) -> None:
    assert resolve(sentence, quote, reference) == span(expected)


def test_alternatives_are_kept() -> None:
    [m] = find_dates("He is expected to visit in April or in early March.", WED_2023)
    assert m.alternatives == (span("2023-04-01..2023-04-30"), span("2023-03-01..2023-03-10"))
    assert m.span == span("2023-03-01..2023-04-30")
    assert m.grain is Grain.MONTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("20 March 2023", "2023-03-20", id="day-month-year"),
        pytest.param("Mar. 20, 2023", "2023-03-20", id="abbreviated"),
        pytest.param("2023-03-20", "2023-03-20", id="iso"),
        pytest.param("mid-2023", "2023-05-01..2023-08-31", id="mid-year"),
        pytest.param("the first half of 2024", "2024-01-01..2024-06-30", id="half"),
        pytest.param("Q1 2024", "2024-01-01..2024-03-31", id="quarter"),
        pytest.param("the 1990s", "1990-01-01..1999-12-31", id="decade"),
        pytest.param("summer 2023", "2023-06-21..2023-09-23", id="season"),
        pytest.param("between May 16 and 17, 2024", "2024-05-16..2024-05-17", id="between"),
        pytest.param(
            "from late August to early September 2025", "2025-08-21..2025-09-10", id="span-pair"
        ),
        pytest.param("in 1945", "1945-01-01..1945-12-31", id="bare-year"),
    ],
)
def test_absolute_dates(text: str, expected: str) -> None:
    m = parse_date(text, None)
    assert m is not None and m.span == span(expected)
    assert not m.relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("yesterday", "2023-02-21", id="yesterday"),
        pytest.param("tomorrow", "2023-02-23", id="tomorrow"),
        pytest.param("two days ago", "2023-02-20", id="days-ago"),
        pytest.param("a year ago", "2022-01-01..2022-12-31", id="a-year-ago"),
        pytest.param("in two weeks", "2023-03-08", id="in-two-weeks"),
        pytest.param("next month", "2023-03-01..2023-03-31", id="next-month"),
        pytest.param("earlier this week", "2023-02-20..2023-02-22", id="earlier-this-week"),
        pytest.param("next Tuesday", "2023-02-28", id="next-weekday"),
        pytest.param("Christmas 2022", "2022-12-25", id="holiday"),
    ],
)
def test_relative_dates(text: str, expected: str) -> None:
    m = parse_date(text, WED_2023)
    assert m is not None and m.span == span(expected)


def test_relative_without_reference_is_unresolved() -> None:
    [m] = find_dates("The talks were held on Tuesday.", None)
    assert m.span is None and m.relative


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Trade reached $240 billion.", id="money"),
        pytest.param("Some 2,000 troops were sent.", id="thousands"),
        pytest.param("They will deliver 2000 pieces.", id="count"),
        pytest.param("It happened on February 30.", id="no-such-day"),
        pytest.param("May I ask what this is for?", id="modal-may"),
        pytest.param("Protesters plan to march through the city.", id="verb-march"),
        pytest.param("The vote was 2/3 in favour.", id="fraction"),
    ],
)
def test_not_dates(text: str) -> None:
    assert list(find_dates(text, WED_2023)) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Xi visited Moscow for the first time in 20 years.", id="first-time"),
        pytest.param("Trade fell to the lowest level in 20 years.", id="lowest"),
        pytest.param("It was the highest reading in five years, officials said.", id="highest"),
        pytest.param("Growth was the weakest in more than 20 years.", id="in-more-than"),
        pytest.param("It is the first such visit in five years.", id="first-such"),
        pytest.param("The worst drought in 50 years hit the north.", id="worst"),
        pytest.param("Imports rose the most in two decades.", id="most"),
    ],
)
def test_in_n_years_after_a_record_is_a_duration(text: str) -> None:
    assert list(find_dates(text, WED_2023)) == []


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        pytest.param("The talks resume in two weeks.", "in two weeks", "2023-03-08", id="plain"),
        pytest.param(
            "The summit, the first in 20 years, will open in two weeks.",
            "in two weeks",
            "2023-03-08",
            id="record-in-another-clause",
        ),
        pytest.param(
            "The lowest bidder will be chosen in two weeks.",
            "in two weeks",
            "2023-03-08",
            id="future-verb-between",
        ),
        pytest.param(
            "He will be the first to speak in two weeks.",
            "in two weeks",
            "2023-03-08",
            id="first-to",
        ),
        pytest.param(
            "The first round ends in 20 years' time.", "in 20 years' time", "2043-02-22", id="time"
        ),
    ],
)
def test_in_n_weeks_stays_a_date(text: str, quote: str, expected: str) -> None:
    assert resolve(text, quote, WED_2023) == span(expected)
    if "summit" in text:
        assert len(list(find_dates(text, WED_2023))) == 1  # "in 20 years" is not a date


def test_year_range_gives_two_years() -> None:
    spans = [m.span for m in find_dates("the pandemic of 2009-2010", None)]
    assert spans == [span("2009-01-01..2009-12-31"), span("2010-01-01..2010-12-31")]


def test_shift_years_is_leap_day_safe() -> None:
    assert shift_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shift_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_every_grammar_branch_has_a_resolver() -> None:
    assert set(KINDS) == set(RESOLVERS)


def test_every_grammar_branch_has_openers() -> None:
    assert tuple(OPENERS) == KINDS


def test_keys_with_followers_open_only_the_branches_they_were_read_from() -> None:
    from checker.normalise.dates_followers import NEEDS_NEXT
    from checker.normalise.dates_scan import KINDS_BY_OPENER

    assert all(set(KINDS_BY_OPENER[key]) <= rule.kinds for key, rule in NEEDS_NEXT.items())


def test_words_that_follow_no_date_are_passed_by() -> None:
    text = "the next round, next weekMonday, past five days, next 3 days, the past three weeks"
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["next weekMonday", "past five days", "next 3 days", "the past three weeks"]
    text = "Prices may be revised; may the 4th, march first, since May talks and may 5 stand."
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["may the 4th", "march first", "May", "may 5"]
    text = "The 80th anniversary, a 37-page plan, the 5th of May, 21st century, 5-May, 9th-11th May"
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["the 5th of May", "21st century", "5-May", "9th-11th May"]


def test_an_ordinal_before_half_or_quarter_tries_one_branch_and_still_reads_it() -> None:
    from checker.normalise.dates_followers import NARROWED_BY_NEXT, ORDINAL_KINDS
    from checker.normalise.dates_scan import KINDS_BY_OPENER

    assert all(set(KINDS_BY_OPENER[key]) <= ORDINAL_KINDS for key in NARROWED_BY_NEXT)
    text = "In the second half of 2023, the third quarter of 2024 and the 2nd day of May."
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["the second half of 2023", "the third quarter of 2024", "the 2nd day of May."]


def test_a_year_read_by_the_bare_year_branch_alone_is_still_read_whole() -> None:
    from checker.normalise.dates_openers import YEAR_ALONE, YEAR_WORD
    from checker.normalise.dates_scan import KINDS_BY_OPENER

    assert KINDS_BY_OPENER[YEAR_ALONE] == KINDS_BY_OPENER[YEAR_WORD] == ("k_year",)
    text = "In 2023, output fell; in 2024 it rose, 2024 Q1 and 2025 March, the 1990 s (2020)."
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["2023", "2024", "2024 Q1", "2025 March", "the 1990 s", "2020"]
    # The grammar reads a long s as "s": the decade must still be found after a year.
    text = "in 1990\u017f boom, in 1990 \u017f boom"
    found = [text[m.start : m.end] for m in find_dates(text, WED_2023)]
    assert found == ["1990\u017f", "1990 \u017f"]


def test_paired_words_never_open_alone() -> None:
    # The scan keys these words with the token after them, never alone.
    assert not [word for word in PAIRED for keys in OPENERS.values() if word in keys]


def test_long_runs_of_space_end_quietly() -> None:
    # Hostile text: the grammar and the tense reader must neither hang nor raise.
    text = "It will open from" + " " * 100_000 + "may. They said" + " " * 50_000 + "on Tuesday."
    assert [text[m.start : m.end] for m in find_dates(text, WED_2023)][-1:] == ["Tuesday"]
