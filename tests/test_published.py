"""Publication dates inferred from the text: each source, conflicts, nothing, any text at all."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.ingest import make_article
from checker.model import DateSpan, PublishedBasis
from checker.normalise.entities import events, parse_event_date
from checker.published import DAY_CONFIDENCE, YEAR_CONFIDENCE, infer_publication, infer_published
from checker.published_years import Vote, combine

# Keeps a full date out of the dateline window (the first 400 characters).
FILLER = "Officials on both sides gave few details of the agenda. " * 8 + "\n"


@pytest.mark.parametrize(
    ("text", "published", "basis", "confidence"),
    [
        pytest.param(
            " date 2024-06-01 The ministers spoke by phone.",
            date(2024, 6, 1),
            PublishedBasis.HEADER,
            1.0,
            id="header-marker",
        ),
        pytest.param(
            "Ministers spoke.\n[1] https://news.example/world/2021/oct/05/ministers-speak\n",
            date(2021, 10, 5),
            PublishedBasis.URL,
            0.9,
            id="dated-url",
        ),
        pytest.param(
            "KYIV, June 5, 2019 - Ministers spoke by phone.",
            date(2019, 6, 5),
            PublishedBasis.INFERRED,
            0.85,
            id="dateline",
        ),
    ],
)
def test_day_sources(text, published, basis, confidence):
    found = infer_publication(text)
    assert found is not None
    assert (found.published, found.year, found.basis, found.confidence) == (
        published,
        published.year,
        basis,
        confidence,
    )
    assert infer_published(text) == (published, basis)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param(
            "The two sides signed their “no limits” strategic partnership earlier this year.",
            2022,
            id="event-earlier-this-year",
        ),
        pytest.param(
            "The war in Ukraine will mark one year on February 24.", 2023, id="event-marks-one-year"
        ),
        pytest.param(
            "Beijing timed its paper to the first anniversary of Russia's invasion.",
            2023,
            id="event-first-anniversary",
        ),
        pytest.param(
            "Russia invaded Ukraine three years ago, and the fighting goes on.",
            2025,
            id="event-years-ago",
        ),
        pytest.param(
            "Crowds gathered for the 80th anniversary of Japan's surrender.",
            2025,
            id="annual-event-nth-anniversary",
        ),
        pytest.param(
            "The annexation of Crimea last year drew sanctions.", 2015, id="event-last-year"
        ),
        pytest.param(
            "Trade hit a record in 2022. Beijing put forward a peace plan in February.",
            2023,
            id="event-in-its-month",
        ),
        pytest.param(
            FILLER + "The leaders met on 3 March 2021 and again on June 5, 2023.",
            2023,
            id="latest-full-date",
        ),
        pytest.param(
            "Trade grew 5 percent in 2022. Talks opened on Tuesday, March 14 in Moscow.",
            2023,
            id="weekday-date-near-a-year",
        ),
    ],
)
def test_year_only_sources(text, year):
    found = infer_publication(text)
    assert found is not None
    assert found.year == year
    assert found.basis is PublishedBasis.INFERRED
    assert found.confidence >= YEAR_CONFIDENCE
    # The day is not known, so nothing may be resolved against a guessed one.
    assert found.published is None
    assert infer_published(text) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The talks opened on Tuesday, March 14 in Moscow.", id="weekday-date-alone"),
        pytest.param("The leaders last met in Samarkand last September.", id="last-month-alone"),
        pytest.param(
            "Crowds watched the Victory Day parade earlier this year.", id="annual-event-this-year"
        ),
        pytest.param("Exports rose 4 percent in 2022.", id="bare-year-alone"),
        # Written late in 2022 or early in 2023: the two readings are about equally likely.
        pytest.param(
            "Trade hit $190 billion in 2022; officials expect $200 billion in 2023.",
            id="past-year-and-forecast-alone",
        ),
        pytest.param(
            "The “no limits” partnership came earlier this year. "
            "Russia invaded Ukraine three years ago.",
            id="events-disagree",
        ),
    ],
)
def test_weak_or_conflicting_evidence_gives_no_year(text):
    found = infer_publication(text)
    assert found is None or (found.year is None and found.published is None)
    if found is not None:
        assert found.basis is PublishedBasis.NONE
        assert found.confidence < YEAR_CONFIDENCE


def test_dateline_contradicted_by_the_text_is_dropped():
    found = infer_publication(
        "KYIV, June 5, 2019 - Beijing marked the first anniversary of Russia's invasion."
    )
    assert found is not None
    assert (found.published, found.year, found.basis) == (None, None, PublishedBasis.NONE)
    assert found.confidence < DAY_CONFIDENCE


def test_dateline_before_a_date_the_text_reports_is_dropped():
    found = infer_publication("KYIV, June 5, 2019 - The ministers met on March 3, 2021 in Geneva.")
    assert found is not None
    assert (found.published, found.year, found.basis) == (None, None, PublishedBasis.NONE)


def test_url_stands_against_older_dates_in_the_text():
    text = "The ministers met on March 3, 2018.\nhttps://news.example/world/2019/06/05/ministers\n"
    assert infer_published(text) == (date(2019, 6, 5), PublishedBasis.URL)


def test_agreeing_evidence_is_stronger_than_either_alone():
    one = infer_publication("The war in Ukraine will mark one year on February 24.")
    both = infer_publication(
        "The war in Ukraine will mark one year on February 24. "
        "The paper marks the first anniversary of Russia's invasion."
    )
    assert one is not None and both is not None
    assert both.year == one.year == 2023
    assert both.confidence > one.confidence


@pytest.mark.parametrize(
    "text", ["", "Ministers spoke by phone on Thursday.", "Trade rose sharply."]
)
def test_no_evidence_gives_none(text):
    assert infer_publication(text) is None
    assert infer_published(text) is None


def test_combine():
    assert combine([]) == (None, 0.0)
    assert combine([Vote({2022: 0.8}, "event")]) == (2022, 0.8)
    _, confidence = combine([Vote({2022: 0.8}, "event"), Vote({2024: 0.8}, "event")])
    assert confidence < YEAR_CONFIDENCE


def test_event_dates_in_the_gazetteer_keep_annual():
    gazetteer = events()
    assert gazetteer.dates["ukraine-invasion"] == DateSpan.day(date(2022, 2, 24))
    assert gazetteer.dates["ww2-victory-europe"] == DateSpan.day(date(1945, 5, 9))
    assert gazetteer.extra["ww2-victory-europe"] == "annual"
    assert gazetteer.extra["ukraine-invasion"] == ""
    assert gazetteer.dates["ww2-end"] == DateSpan(date(1945, 1, 1), date(1945, 12, 31))


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("[2023-02-24]", DateSpan.day(date(2023, 2, 24))),
        ("[1945-12]", DateSpan(date(1945, 12, 1), date(1945, 12, 31))),
        ("[2024-02]", DateSpan(date(2024, 2, 1), date(2024, 2, 29))),
        ("[1945]", DateSpan(date(1945, 1, 1), date(1945, 12, 31))),
        ("[2023-02-30]", None),
        ("annual", None),
    ],
)
def test_parse_event_date(text, span):
    assert parse_event_date(text) == span


def test_curly_quoted_alias_is_found():
    text = "They agreed a \u201cno limits\u201d strategic partnership."
    assert [m.id for m in events().find(text)] == ["no-limits-partnership"]


def test_make_article_records_confidence_and_year():
    declared, _ = make_article("a.txt", " date 2024-06-01 Ministers spoke.", None)
    assert (declared.published, declared.published_year, declared.published_confidence) == (
        date(2024, 6, 1),
        2024,
        1.0,
    )
    year_only, warnings = make_article(
        "b.txt", "The war in Ukraine will mark one year on February 24.", None
    )
    assert year_only.published is None
    assert year_only.published_year == 2023
    assert year_only.basis is PublishedBasis.INFERRED
    assert (
        year_only.published_confidence is not None
        and year_only.published_confidence >= YEAR_CONFIDENCE
    )
    assert [w.fatal for w in warnings] == [False]
    nothing, _ = make_article("c.txt", "Ministers spoke.", None)
    assert (nothing.published, nothing.published_year, nothing.published_confidence) == (
        None,
        None,
        None,
    )
    assert nothing.basis is PublishedBasis.NONE


WORDS = st.sampled_from([
    "Tuesday,", "March", "14", "2023", "earlier", "this", "year", "the", "invasion", "of",
    "Ukraine",
    "first", "anniversary", "three", "years", "ago", "last", "September", "in", "February", "peace",
    "plan", "will", "expect", "by", "KYIV,", "June", "5,", "https://x.example/2021/10/05/a", "date",
    "2024-06-01", "Victory", "Day", "80th", "“no", "limits”", "partnership", ".", ",", "\n",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join)))
def test_arbitrary_text_never_raises(text):
    found = infer_publication(text)
    if found is None:
        return
    assert 0.0 <= found.confidence <= 1.0
    if found.published is not None:
        assert found.confidence >= DAY_CONFIDENCE
        assert found.year == found.published.year
    if found.year is not None:
        assert found.confidence >= YEAR_CONFIDENCE
        assert found.basis is not PublishedBasis.NONE
    else:
        assert found.published is None
