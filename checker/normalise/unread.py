"""Figures next to a currency we do not know ("hit 50 zorkmids", "reached XYZ 5 million"):
reported as notices rather than dropped in silence."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checker.model import Notice
from checker.normalise.currencies import CODE_ALIASES, ISO_CODES, currency_of
from checker.patterns import compile_pattern, finditer

# A trade figure in a currency we do not know: "hit 50 zorkmids", "reached XYZ 5 million".
# Case matters (a code is three capitals), so no IGNORECASE here.
UNKNOWN_CURRENCY = compile_pattern(
    r"""
    \b (?: reached | hit | totall?ed | stood\s+at | (?:was|were)\s+worth | amounted\s+to
        | (?:rose|fell|climbed|grew)\s+to ) \s+
    (?: (?P<code>[A-Z]{3}) \s* \d[\d,.]* (?:\s+(?:trillion|billion|million))?
      | \d[\d,.]* (?:\s+(?:trillion|billion|million))? \s+ (?P<word>[a-z]{3,}) )
    """,
    flags=regex.VERBOSE | regex.UNICODE,
)
# Words that follow a figure in a trade sentence without being a currency.
NOT_CURRENCIES = frozenset(
    "percent per times tonnes tons barrels cubic metres meters people countries companies firms "
    "deals agreements documents years months days points items units vehicles cars ships".split()
)


def unknown_currencies(text: str, start: int, end: int) -> Iterator[Notice]:
    """Figures in text[start:end] whose currency we cannot read, as notices."""
    for m in finditer(UNKNOWN_CURRENCY, text, start, end):
        code, word = m["code"], m["word"]
        if code and code not in ISO_CODES and code not in CODE_ALIASES:
            yield Notice(m.start("code"), m.end(), f"unknown currency code {code!r}: no claim")
        elif word and word not in NOT_CURRENCIES and currency_of(word) is None:
            yield Notice(m.start(), m.end(), f"unknown currency {word!r}: no claim")
