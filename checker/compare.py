"""Groups claims by key and compares them across articles; behaviour per family, never per rule.

Within a group, only claims from different articles are compared. A plan or forecast that
the actual figure did not meet is FORECAST_MISSED, not a contradiction. The work per group
is linear in its size after sorting: claims are clustered by value first, and only the
clusters that cannot both hold are paired, so thousands of agreeing claims cost little.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import timedelta
from itertools import islice

from checker.fx import FxTable, Rate
from checker.intervals import relative_gap
from checker.model import Claim, DateSpan, Finding, Key, Verdict
from checker.sweep import ClusterIndex
from checker.values import value_text, value_token

# Above this many claims in a group, conflicts are reported per distinct value, one
# representative pair each, instead of every pair of claims.
MAX_PAIRS_PER_GROUP = 200


def fingerprint(key: Key, verdict: Verdict, claims: Iterable[Claim]) -> str:
    """Stable across runs, line moves, other edits and unrelated articles; changes with values."""
    parts = sorted({f"{c.article}\x00{value_token(c)}" for c in claims})
    raw = "\x1f".join([str(key), verdict.value, *parts])
    return "f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _clusters(claims: list[Claim]) -> list[list[Claim]]:
    """Claims grouped by identical value, so equal values are compared once."""
    by_value: dict[str, list[Claim]] = defaultdict(list)
    # Claims share their value objects (the stream and the cache see to it), and a large
    # group says few values: each object's token is written once, not once per claim. The
    # claims hold the objects, so no id is reused while this runs.
    tokens: dict[int, str] = {}
    for c in claims:
        value = c.amount or c.alternatives or c.dates  # what value_token reads
        token = tokens.get(id(value))
        if token is None:
            token = tokens[id(value)] = value_token(c)
        if not c.modality.is_actual:
            token += "|plan"
        if c.annual:
            token += "|annual"
        by_value[token].append(c)
    return [by_value[k] for k in sorted(by_value)]


def in_common_currency(
    key: Key, claims: list[Claim], fx: FxTable | None
) -> tuple[list[Claim], dict[str, Rate]]:
    """Claims as compared: amounts in US dollars when the group mixes currencies and rates exist.

    Figures are converted at the annual average rate of the key's year; a figure with no
    rate keeps its currency and so is compared with nothing in another currency.
    """
    units = {c.amount.unit for c in claims if c.amount}
    year = int(key.period) if key.period and key.period.isdigit() else None
    if fx is None or year is None or len(units) < 2:
        return claims, {}
    views: list[Claim] = []
    rates: dict[str, Rate] = {}
    for c in claims:
        converted = fx.to_usd(c.amount, year) if c.amount else None
        if converted is None or converted[1] is None:
            views.append(c)
            continue
        views.append(replace(c, amount=converted[0]))
        rates[c.id] = converted[1]
    return views, rates


def _order(claim: Claim) -> tuple[str, int, int, str, str]:
    return (claim.article, claim.start, claim.end, claim.rule, claim.quote)


def _cross_pairs(
    left: list[Claim], right: list[Claim], limit: int, derived: frozenset[int] = frozenset()
) -> list[tuple[Claim, Claim]]:
    """Up to `limit` pairs of a claim from each cluster, from different sources, in order.

    A source is an article; a date moved by its stated offset ("two days after the talks")
    counts as a source of its own, so that it meets the talks' date in the same article.
    """
    if (
        not derived
        and len({c.article for c in left}) == 1
        and {c.article for c in right} == {left[0].article}
    ):
        return []  # one article on both sides: nothing to pair (and no n*m scan to find that out)
    pairs = (
        (x, y)
        for x in left
        for y in right
        if x.article != y.article or ((id(x) in derived) != (id(y) in derived))
    )
    return list(islice(pairs, limit))


def shifted(claim: Claim) -> Claim:
    """A dated claim moved back by its offset, under the key of the event it counts from."""
    assert claim.offset is not None and claim.dates is not None
    back = timedelta(days=claim.offset.days)
    return replace(
        claim,
        key=claim.offset.anchor,
        dates=DateSpan(claim.dates.start - back, claim.dates.end - back),
        alternatives=tuple(DateSpan(a.start - back, a.end - back) for a in claim.alternatives),
    )


def comparison_entries(claims: Iterable[Claim]) -> Iterator[tuple[Claim, Claim]]:
    """(claim as compared, claim as reported): each claim, plus each offset date moved back."""
    for c in claims:
        yield c, c
        if c.offset is not None and c.dates is not None:
            yield shifted(c), c


def compared_under(claim: Claim) -> list[str]:
    """The keys, as compare names them, whose groups a claim enters (its own, and the key of
    the event an offset counts from). A key no other claim enters can have no finding."""
    return [str(compared.key) for compared, _ in comparison_entries((claim,))]


def compare_group(
    key: Key, claims: list[Claim], fx: FxTable | None = None, reported: list[Claim] | None = None
) -> Finding | None:
    """The verdict on one key's claims, or None when fewer than two articles speak to it.

    Claims are put in a fixed order first, so the finding does not depend on the order
    they arrive in (file order, jobs, engine). When the clusters of values form at most
    MAX_PAIRS_PER_GROUP incompatible pairs, each such pair of clusters contributes up to
    MAX_PAIRS_PER_GROUP // clusters pairs of claims; beyond that, each cluster is shown
    against its nearest incompatible value on either side, one pair of claims each, and at
    most MAX_PAIRS_PER_GROUP pairs in all (the verdict is still exact).
    """
    entries = sorted(
        ((c, o) for c, o in zip(claims, reported or claims, strict=True) if c.amount or c.dates),
        key=lambda e: _order(e[0]),
    )
    claims = [c for c, _ in entries]
    derived = frozenset(id(c) for c, o in entries if c is not o)
    if not claims or all(
        c.article == claims[0].article and (id(c) in derived) == (id(claims[0]) in derived)
        for c in claims
    ):
        return None  # fewer than two sources (articles, or a date moved by its offset)
    views, rates = in_common_currency(key, claims, fx)
    derived = frozenset(id(v) for v, c in zip(views, claims, strict=True) if id(c) in derived)
    original = {id(v): o for v, (_, o) in zip(views, entries, strict=True)}
    clusters = _clusters(views)
    index = ClusterIndex(clusters)
    plan = [not cluster[0].modality.is_actual for cluster in clusters]
    pairs = index.incompatible_pairs(MAX_PAIRS_PER_GROUP)
    per_pair = max(1, MAX_PAIRS_PER_GROUP // len(clusters))
    if (
        pairs is None
    ):  # a large group with many distinct values: one pair of claims per pair of clusters
        pairs, per_pair = index.nearest_pairs(plan), 1
    conflicts: list[tuple[Claim, Claim]] = []
    missed: list[tuple[Claim, Claim]] = []
    differ: list[tuple[Claim, Claim]] = []
    for i, j in pairs:
        if plan[i] != plan[j]:
            bucket = missed
        elif plan[i] and clusters[i][0].amount is not None:
            # Two forecasts of a figure may differ; two planned dates of one event may not.
            bucket = differ
        else:
            bucket = conflicts
        if len(bucket) < MAX_PAIRS_PER_GROUP * per_pair:
            bucket.extend(_cross_pairs(clusters[i], clusters[j], per_pair, derived))
    if conflicts:
        verdict, shown = Verdict.CONTRADICT, conflicts
    elif missed:
        verdict, shown = Verdict.FORECAST_MISSED, missed
    elif differ:
        verdict, shown = Verdict.FORECASTS_DIFFER, differ
    else:
        verdict, shown = Verdict.AGREE, []
    explanation = explain(verdict, views, shown, rates, original)
    shown = [(original[id(a)], original[id(b)]) for a, b in shown]
    reported_claims = [o for _, o in entries]
    involved = [c for pair in shown for c in pair] if shown else reported_claims
    return Finding(
        id=fingerprint(key, verdict, involved),
        key=key,
        verdict=verdict,
        claims=tuple(reported_claims),  # already in (article, start) order
        conflicts=tuple(
            sorted(shown, key=lambda p: (p[0].article, p[0].start, p[1].article, p[1].start))
        ),
        explanation=explanation,
    )


def explain(
    verdict: Verdict,
    claims: list[Claim],
    shown: list[tuple[Claim, Claim]],
    rates: dict[str, Rate] | None = None,
    original: dict[int, Claim] | None = None,
) -> str:
    """One line on why the verdict holds; a converted figure names the rate used."""
    rates = rates or {}
    original = original or {}

    def told(c: Claim) -> str:
        o = original.get(id(c), c)
        if o.offset is not None and o.dates != c.dates:
            return (
                f"{value_text(o)} less {o.offset.days} days ({o.offset.phrase}) = {value_text(c)}"
            )
        rate = rates.get(c.id)
        if rate is None:
            return value_text(c)
        return f"{value_text(original.get(id(c), c))} = {value_text(c)} at {rate}"

    articles = len({c.article for c in claims})
    if verdict is Verdict.AGREE:
        values = sorted({told(c) for c in claims})
        return (
            f"{len(claims)} claims in {articles} articles are consistent: {'; '.join(values[:4])}"
        )
    a, b = shown[0]
    more = f" (+{len(shown) - 1} more pairs)" if len(shown) > 1 else ""
    if a.amount and b.amount and a.amount.unit == "year":
        why = "are different years"
    elif a.amount and b.amount:
        gap = relative_gap(a.amount, b.amount)
        why = f"differ by {gap:.1%}, beyond rounding"
    elif a.annual and b.annual:
        why = "fall on different days of the year for an annual event"
    else:
        why = "do not overlap"
    if verdict is Verdict.FORECASTS_DIFFER:
        return (
            f"forecasts differ: {a.modality.value} {told(a)} ({a.article}) vs "
            f"{b.modality.value} {told(b)} ({b.article}) {why}{more}"
        )
    if verdict is Verdict.FORECAST_MISSED:
        plan, actual = (a, b) if not a.modality.is_actual else (b, a)
        return (
            f"{plan.modality.value} {told(plan)} ({plan.article}) vs actual "
            f"{told(actual)} ({actual.article}) {why}{more}"
        )
    return f"{told(a)} ({a.article}) vs {told(b)} ({b.article}) {why}{more}"


def compare(claims: Iterable[Claim], fx: FxTable | None = None) -> list[Finding]:
    """Findings for every key that two or more articles speak to, sorted by key."""
    groups: dict[str, tuple[Key, list[Claim], list[Claim]]] = {}
    # Claims share their key objects (the stream and the cache see to it): each key is
    # written out once, not once per claim.
    names: dict[int, str] = {}
    for compared, reported in comparison_entries(claims):
        key = compared.key
        name = names.get(id(key))
        if name is None:
            name = names[id(key)] = str(key)
        group = groups.get(name)
        if group is None:  # not setdefault: that would build a group for every claim
            group = groups[name] = (key, [], [])
        group[1].append(compared)
        group[2].append(reported)
    # A key only one claim speaks to (most keys of a large corpus) can have no finding.
    findings = [
        compare_group(key, group, fx, reported)
        for key, group, reported in groups.values()
        if len(group) > 1
    ]
    return sorted((f for f in findings if f), key=lambda f: (str(f.key), f.id))
