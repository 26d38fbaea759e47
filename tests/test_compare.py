"""Compare logic: rounding, bounds, forecasts, annual events, dates, fingerprints."""

from __future__ import annotations

from datetime import date

import pytest

from checker.compare import compare, compare_group
from checker.model import Bound, Claim, DateSpan, Family, Interval, Key, Modality, Verdict

TRADE_2023 = Key(Family.TRADE, "china-russia", "total", "2023")
VICTORY = Key(Family.DATE, "ww2-victory-europe", "when")


def money(
    article: str,
    lower,
    upper,
    *,
    bound=Bound.EXACT,
    tol=0.5e9,
    modality=Modality.ACTUAL,
    unit="USD",
    start=0,
) -> Claim:
    return Claim(
        article=article,
        rule="trade-total",
        key=TRADE_2023,
        quote="x",
        start=start,
        end=start + 1,
        line=1,
        amount=Interval(lower, upper, bound, unit, tol),
        modality=modality,
    )


def day(
    article: str,
    start: date,
    end: date | None = None,
    *,
    annual=False,
    key=VICTORY,
    alternatives=(),
) -> Claim:
    return Claim(
        article=article,
        rule="event-date",
        key=key,
        quote="x",
        start=0,
        end=1,
        line=1,
        dates=DateSpan(start, end or start),
        annual=annual,
        alternatives=alternatives,
    )


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        pytest.param(
            money("a", 240e9, 240e9),
            money("b", 240.1e9, 240.1e9, tol=0.05e9),
            Verdict.AGREE,
            id="240e9-vs-240.1e9-rounding",
        ),
        pytest.param(
            money("a", 240e9, 240e9),
            money("b", 245e9, 245e9),
            Verdict.CONTRADICT,
            id="240e9-vs-245e9-beyond-rounding",
        ),
        pytest.param(
            money("a", 240e9, 240e9),
            money("b", 200e9, None, bound=Bound.MORE_THAN),
            Verdict.AGREE,
            id="240e9-within-more-than-200e9",
        ),
        pytest.param(
            money("a", 190e9, 190e9),
            money("b", 240e9, 240e9),
            Verdict.CONTRADICT,
            id="190e9-vs-240e9",
        ),
        pytest.param(
            money("a", 260e9, 260e9, modality=Modality.FORECAST),
            money("b", 245e9, 245e9),
            Verdict.FORECAST_MISSED,
            id="forecast-vs-actual-is-not-a-contradiction",
        ),
        pytest.param(
            money("a", 200e9, None, bound=Bound.MORE_THAN, modality=Modality.TARGET),
            money("b", 240e9, 240e9),
            Verdict.AGREE,
            id="target-met",
        ),
        pytest.param(
            day("a", date(2025, 5, 9), annual=True),
            day("b", date(2023, 5, 9), annual=True),
            Verdict.AGREE,
            id="annual-same-day-other-year",
        ),
        pytest.param(
            day("a", date(2025, 5, 9), annual=True),
            day("b", date(2023, 3, 1), date(2023, 4, 30), annual=True),
            Verdict.CONTRADICT,
            id="annual-may-9-vs-march-april",
        ),
        pytest.param(
            day("a", date(2022, 1, 1), date(2022, 12, 31)),
            day("b", date(2022, 2, 24)),
            Verdict.AGREE,
            id="year-contains-day",
        ),
        pytest.param(
            day("a", date(2022, 2, 1), date(2022, 2, 28)),
            day("b", date(2022, 3, 3)),
            Verdict.CONTRADICT,
            id="month-vs-other-month",
        ),
        pytest.param(
            day("a", date(2023, 3, 5)),
            day(
                "b",
                date(2023, 3, 1),
                date(2023, 4, 30),
                alternatives=(
                    DateSpan(date(2023, 4, 1), date(2023, 4, 30)),
                    DateSpan(date(2023, 3, 1), date(2023, 3, 10)),
                ),
            ),
            Verdict.AGREE,
            id="either-alternative-may-hold",
        ),
        pytest.param(
            day("a", date(2023, 3, 20)),
            day(
                "b",
                date(2023, 3, 1),
                date(2023, 4, 30),
                alternatives=(
                    DateSpan(date(2023, 4, 1), date(2023, 4, 30)),
                    DateSpan(date(2023, 3, 1), date(2023, 3, 10)),
                ),
            ),
            Verdict.CONTRADICT,
            id="in-the-hull-but-in-no-alternative",
        ),
    ],
)
def test_pair_verdict(a, b, verdict):
    finding = compare_group(a.key, [a, b])
    assert finding is not None
    assert finding.verdict is verdict
    # symmetric: the order of the claims does not matter
    swapped = compare_group(a.key, [b, a])
    assert swapped.verdict is verdict
    assert swapped.id == finding.id
    if verdict is Verdict.CONTRADICT:
        assert {frozenset((x.article, y.article)) for x, y in finding.conflicts} == {
            frozenset(("a", "b"))
        }


def test_one_article_alone_gives_no_finding():
    assert compare([money("a", 1e9, 1e9), money("a", 2e9, 2e9, start=5)]) == []


def test_different_currencies_are_not_compared_without_a_rate():
    finding = compare_group(TRADE_2023, [money("a", 1e9, 1e9), money("b", 7e9, 7e9, unit="CNY")])
    assert finding.verdict is Verdict.AGREE  # nothing comparable conflicts
    assert finding.conflicts == ()


def test_fingerprint_ignores_position_and_wording_but_not_value():
    base = compare_group(TRADE_2023, [money("a", 190e9, 190e9), money("b", 172e9, 172e9)])
    moved = compare_group(
        TRADE_2023, [money("a", 190e9, 190e9, start=900), money("b", 172e9, 172e9)]
    )
    changed = compare_group(TRADE_2023, [money("a", 190e9, 190e9), money("b", 170e9, 170e9)])
    assert base.id == moved.id
    assert base.id != changed.id


def test_unrelated_article_keeps_fingerprint():
    pair = [money("a", 190e9, 190e9), money("b", 172e9, 172e9)]
    other = Claim(
        article="c",
        rule="trade-total",
        key=Key(Family.TRADE, "china-india", "total", "2023"),
        quote="x",
        start=0,
        end=1,
        line=1,
        amount=Interval.exact(5e9, "USD"),
    )
    before = {f.id for f in compare(pair)}
    after = {f.id for f in compare([*pair, other]) if f.key == TRADE_2023}
    assert before == after


def test_mixed_currencies_compare_through_the_year_rate_and_name_it():
    from checker.fx import load_fx

    fx = load_fx()
    yuan = money("a", 1.7e12, 1.7e12, unit="CNY", tol=0.05e12)  # 1.7tn CNY at 7.084 ~ 240bn USD
    agree = compare_group(TRADE_2023, [yuan, money("b", 240e9, 240e9)], fx)
    assert agree.verdict is Verdict.AGREE
    clash = compare_group(TRADE_2023, [yuan, money("b", 300e9, 300e9)], fx)
    assert clash.verdict is Verdict.CONTRADICT
    assert "CNY/USD (2023 average" in clash.explanation
    # the conflict names the original claims, in their own currency
    assert {a.amount.unit for pair in clash.conflicts for a in pair} == {"CNY", "USD"}


def test_no_rate_no_cross_currency_verdict():
    from checker.fx import parse_fx

    empty = parse_fx("year,currency,per_usd,source\n", "empty")
    finding = compare_group(
        TRADE_2023, [money("a", 1.7e12, 1.7e12, unit="CNY"), money("b", 300e9, 300e9)], empty
    )
    assert finding.verdict is Verdict.AGREE and finding.conflicts == ()


def test_fx_file_errors_name_the_row():
    from checker.fx import FxError, parse_fx

    with pytest.raises(FxError, match="row 2"):
        parse_fx("year,currency,per_usd\n2023,CNY,abc\n", "rates.csv")


def test_five_thousand_claims_in_one_group_cost_little_and_report_compactly():
    import time

    from checker.compare import MAX_PAIRS_PER_GROUP

    # Mostly agreeing figures, a few outliers, and many distinct values: no n^2 pairs, no n^2 work.
    agreeing = [money(f"a{i}", 240e9, 240e9) for i in range(4000)]
    outliers = [money(f"b{i}", 300e9, 300e9) for i in range(500)]
    spread = [money(f"c{i}", 1e9 * i, 1e9 * i, tol=0) for i in range(500)]
    started = time.perf_counter()
    finding = compare_group(TRADE_2023, [*agreeing, *outliers, *spread])
    assert time.perf_counter() - started < 2.0
    assert finding.verdict is Verdict.CONTRADICT
    assert len(finding.claims) == 5000
    assert 0 < len(finding.conflicts) <= MAX_PAIRS_PER_GROUP
    # The same claims in another order give the same finding.
    again = compare_group(TRADE_2023, [*spread, *outliers, *agreeing][::-1])
    assert (again.id, again.conflicts) == (finding.id, finding.conflicts)
    # Thousands of agreeing claims: agreement, no pairs.
    assert compare_group(TRADE_2023, agreeing).conflicts == ()


def test_offset_dates_are_checked_against_the_event_they_count_from():
    from checker.model import Offset

    talks = Key(Family.DATE, "unnamed", "a.txt@10")
    tuesday = day("a", date(2025, 2, 18), key=talks)

    def thursday(d: date) -> Claim:
        return Claim(
            article="a",
            rule="event-date",
            key=Key(Family.DATE, "unnamed", "a.txt@40"),
            quote="x",
            start=40,
            end=41,
            line=1,
            dates=DateSpan(d, d),
            offset=Offset(2, talks, "the Riyadh talks"),
        )

    ok = [f for f in compare([tuesday, thursday(date(2025, 2, 20))]) if f.key == talks]
    assert [f.verdict for f in ok] == [Verdict.AGREE]
    # the finding reports the claims as written, not the shifted copy
    assert {c.dates.start for c in ok[0].claims} == {date(2025, 2, 18), date(2025, 2, 20)}
    bad = [f for f in compare([tuesday, thursday(date(2025, 2, 21))]) if f.key == talks]
    assert [f.verdict for f in bad] == [Verdict.CONTRADICT]
    assert "less 2 days" in bad[0].explanation
    assert {c.dates.start for pair in bad[0].conflicts for c in pair} == {
        date(2025, 2, 18),
        date(2025, 2, 21),
    }
