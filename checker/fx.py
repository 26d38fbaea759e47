"""Exchange rates for comparing figures stated in different currencies.

Currencies are pint dimensions of their own (`normalise/units.txt`): pint refuses to turn
yuan into dollars unless a context carrying a rate is active, so a conversion without a rate
cannot happen by accident. Without a rate for both currencies in the claim's year there is
no cross-currency verdict.
The default table (`checker/data/fx.csv`) holds annual average rates with their sources;
`--fx FILE` replaces it. A converted figure is widened by FX_TOLERANCE because an annual
average is not the rate at which any one trade flow was booked.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from checker.model import Bound, Interval
from checker.normalise.currencies import load_units

BASE = "USD"
FX_TOLERANCE = 0.02  # a share of the converted value


class FxError(Exception):
    """An FX file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Rate:
    """Units of a currency per US dollar over one year, and where the figure comes from."""

    year: int
    currency: str
    per_usd: float
    source: str

    def __str__(self) -> str:
        return f"{self.per_usd:g} {self.currency}/USD ({self.year} average, {self.source})"


@dataclass(frozen=True, slots=True)
class FxTable:
    """Rates by (year, currency)."""

    rates: dict[tuple[int, str], Rate]
    origin: str

    def rate(self, year: int, currency: str) -> Rate | None:
        """The rate for a currency in a year, if known."""
        return self.rates.get((year, currency.upper()))

    def to_usd(self, amount: Interval, year: int) -> tuple[Interval, Rate | None] | None:
        """The interval in US dollars, and the rate used (None for USD itself)."""
        if amount.unit == BASE:
            return amount, None
        rate = self.rate(year, amount.unit)
        if rate is None:
            return None

        def conv(x: float | None) -> float | None:
            return None if x is None else convert(x, amount.unit, rate)

        largest = max((abs(x) for x in (amount.lower, amount.upper) if x is not None), default=0.0)
        tolerance = convert(amount.tolerance + FX_TOLERANCE * largest, amount.unit, rate)
        bound = amount.bound if amount.bound is not Bound.EXACT else Bound.ABOUT
        return Interval(conv(amount.lower), conv(amount.upper), bound, BASE, tolerance), rate


@cache
def _units() -> Any:
    return load_units()


@lru_cache(maxsize=1024)
def _context(rate: Rate) -> Any:
    """A pint context that knows one rate: currencies are dimensions of their own
    (units.txt), so pint converts between them only inside such a context."""
    import pint

    context = pint.Context(f"fx-{rate.year}-{rate.currency}")
    per_usd = rate.per_usd
    context.add_transformation(
        f"[currency_{rate.currency.lower()}]",
        "[currency_usd]",
        lambda units, x: x.magnitude / per_usd * units.USD,
    )
    return context


def convert(value: float, currency: str, rate: Rate) -> float:
    """`value` in `currency` as US dollars at `rate`, through pint."""
    quantity = _units().Quantity(value, currency.upper())
    return float(quantity.to("USD", _context(rate)).magnitude)


def parse_fx(text: str, origin: str) -> FxTable:
    """Read `year,currency,per_usd,source` rows; lines starting with # are comments."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    rates: dict[tuple[int, str], Rate] = {}
    reader = csv.DictReader(io.StringIO(body))
    missing = {"year", "currency", "per_usd"} - set(reader.fieldnames or ())
    if missing:
        raise FxError(f"{origin}: FX table lacks column(s) {', '.join(sorted(missing))}")
    for n, row in enumerate(reader, 2):
        try:
            rate = Rate(
                int(row["year"]),
                row["currency"].strip().upper(),
                float(row["per_usd"]),
                (row.get("source") or "").strip() or origin,
            )
            if rate.per_usd <= 0:
                raise ValueError("rate must be positive")
        except (ValueError, TypeError, AttributeError) as exc:
            raise FxError(f"{origin}: row {n}: not a rate: {exc}") from exc
        rates[(rate.year, rate.currency)] = rate
    return FxTable(rates, origin)


def load_fx(path: Path | None = None) -> FxTable:
    """The FX table from a file, or the shipped default."""
    if path is None:
        text = files("checker").joinpath("data", "fx.csv").read_text(encoding="utf-8")
        return parse_fx(text, "checker/data/fx.csv")
    try:
        return parse_fx(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise FxError(f"{path}: cannot read FX table: {exc}") from exc
