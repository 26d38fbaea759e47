"""Throughput of `find_dates` against one pass of a single compiled stdlib `re` pattern.

Issue 4 asks for find_dates to read at least 25% as fast as one `re` scan over the same
text. The text is our own corpus (`corpus/**/*.txt|md`), repeated to about 10 MB; each
article is read with its own publication date, as the engine reads it. Two reference
scans run over the same text, joined:

- `realistic`: a month-name / weekday / digit alternation, the kind of single compiled
  pattern a simpler date finder would run (the issue's "near 9 MB/s" reference);
- `trivial`: one literal-led pattern, the fastest `re` can go (for context only).

Usage: python3 bench/bench_dates.py [--mb 10] [--repeat 3]
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
    args = ap.parse_args()

    articles = build_text(args.mb)
    joined = "\n\n".join(text for text, _ in articles)
    mb = len(joined.encode("utf-8")) / 1e6

    t_dates, n_dates = best_of(
        args.repeat, lambda: sum(1 for t, r in articles for _ in find_dates(t, r))
    )
    t_real, n_real = best_of(args.repeat, lambda: sum(1 for _ in REALISTIC.finditer(joined)))
    t_triv, n_triv = best_of(args.repeat, lambda: sum(1 for _ in TRIVIAL.finditer(joined)))

    rows = [
        ("find_dates", t_dates, n_dates),
        ("re realistic", t_real, n_real),
        ("re trivial", t_triv, n_triv),
    ]
    print(f"text: {mb:.1f} MB in {len(articles)} articles, best of {args.repeat}")
    for name, secs, count in rows:
        print(f"  {name:<14} {mb / secs:8.1f} MB/s  {secs:7.3f} s  {count:>8} matches")
    print(f"ratio find_dates / re realistic: {t_real / t_dates:.2f}  (target >= 0.25)")
    print(f"ratio find_dates / re trivial:   {t_triv / t_dates:.2f}")


if __name__ == "__main__":
    main()
