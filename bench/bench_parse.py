"""Throughput of the normalisers (numbers, money, dates) against one pass of a single
compiled stdlib `re` pattern over the same text.

Issues 3 and 4 ask for each normaliser to read at least 25% as fast as one `re` scan over
the same text. The text is our own corpus (`corpus/**/*.txt|md`), repeated to about 10 MB; each
article is read with its own publication date, as the engine reads it. Two reference
scans run over the same text, joined:

- `realistic`: a month-name / weekday / digit alternation, the kind of single compiled
  pattern a simpler date finder would run (the issue's "near 9 MB/s" reference);
- `numeric`: digits, number and scale words, currency signs and words: the single pattern
  a simpler number and money finder would run;
- `trivial`: one literal-led pattern, the fastest `re` can go (for context only).

Usage: python3 bench/bench_parse.py [--mb 10] [--repeat 3] [--kinds number,money,date]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.normalise.dates import find_dates  # noqa: E402
from checker.normalise.money import find_money  # noqa: E402
from checker.normalise.numbers import find_numbers  # noqa: E402

FINDERS = {
    "number": lambda text, ref: find_numbers(text),
    "money": lambda text, ref: find_money(text),
    "date": find_dates,
}

# A realistic single pattern: any month name or abbreviation, weekday, or run of digits.
REALISTIC = re.compile(
    r"""
    \b(?: jan(?:uary)? | feb(?:ruary)? | mar(?:ch)? | apr(?:il)? | may | june? | july?
        | aug(?:ust)? | sep(?:t(?:ember)?)? | oct(?:ober)? | nov(?:ember)? | dec(?:ember)?
        | (?: mon | tues | wednes | thurs | fri | satur | sun ) day
        | yesterday | today | tomorrow
    )\b
  | \b\d{1,4}(?: (?: st | nd | rd | th ) )?\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A realistic single pattern for figures: digits with separators and decimals, number
# and scale words, currency signs and words, as one simple extractor of numbers and
# money would compile it.
NUMERIC = re.compile(
    r"""
    [$€£¥₽]\s?\d | \b\d[\d,.]*\b
  | \b(?: one | two | three | four | five | six | seven | eight | nine | ten | eleven | twelve
        | twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety | hundred
        | thousand | million | billion | trillion | bn | tn | dozen | half
        | dollars? | euros? | pounds | yuan | renminbi | rubles? | roubles? | yen
        | usd | cny | rmb | rub | eur | gbp | jpy
    )\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
TRIVIAL = re.compile(r"\d+")

# A publication date taken from the file name ("2024-05-17-..."), else a fixed one.
FILE_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
DEFAULT_REFERENCE = date(2024, 5, 17)


def load_articles() -> list[tuple[str, date]]:
    """The corpus articles with their publication dates."""
    articles = []
    for path in sorted((ROOT / "corpus").rglob("*")):
        if path.suffix not in (".txt", ".md") or path.name in ("README.md", "EXPECTED.md"):
            continue
        m = FILE_DATE.match(path.name)
        ref = date(int(m[1]), int(m[2]), int(m[3])) if m else DEFAULT_REFERENCE
        articles.append((path.read_text(encoding="utf-8"), ref))
    return articles


def build_text(mb: float) -> list[tuple[str, date]]:
    """Corpus articles repeated until they add up to `mb` megabytes."""
    base = load_articles()
    if not base:
        raise SystemExit("no corpus articles found under corpus/")
    target, size, out = int(mb * 1_000_000), 0, []
    while size < target:
        for text, ref in base:
            out.append((text, ref))
            size += len(text.encode("utf-8"))
            if size >= target:
                break
    return out


def best_of(repeat: int, run) -> tuple[float, int]:
    """The fastest of `repeat` runs (seconds) and the count the run returned."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        count = run()
        best = min(best, time.process_time() - t0)
    return best, count


def main() -> None:
    """Measure and print throughputs and the ratio the issue asks about."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default="number,money,date")
    args = ap.parse_args()

    articles = build_text(args.mb)
    joined = "\n\n".join(text for text, _ in articles)
    mb = len(joined.encode("utf-8")) / 1e6

    kinds = [k for k in args.kinds.split(",") if k]
    t_real, n_real = best_of(args.repeat, lambda: sum(1 for _ in REALISTIC.finditer(joined)))
    t_triv, n_triv = best_of(args.repeat, lambda: sum(1 for _ in TRIVIAL.finditer(joined)))
    t_num, n_num = best_of(args.repeat, lambda: sum(1 for _ in NUMERIC.finditer(joined)))
    rows = [("re realistic", t_real, n_real), ("re numeric", t_num, n_num), ("re trivial", t_triv, n_triv)]
    for kind in [*kinds, "all"] if len(kinds) > 1 else kinds:
        use = kinds if kind == "all" else [kind]
        secs, count = best_of(
            args.repeat,
            lambda use=use: sum(1 for t, r in articles for k in use for _ in FINDERS[k](t, r)),
        )
        rows.append((f"find {kind}", secs, count))

    print(f"text: {mb:.1f} MB in {len(articles)} articles, best of {args.repeat} (CPU time)")
    for name, secs, count in rows:
        print(f"  {name:<14} {mb / secs:8.1f} MB/s  {secs:7.3f} s  {count:>8} matches")
    for name, secs, _ in rows[3:]:
        print(f"ratio {name}: {t_real / secs:.2f} of re realistic, {t_num / secs:.2f} of re numeric"
              "  (target >= 0.25)")

if __name__ == "__main__":
    main()
