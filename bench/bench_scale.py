"""Scale benchmark (not a test): end-to-end speed, memory, cache and jobs on generated corpora.

    python3 bench/bench_scale.py --sizes 1000,10000,100000 --work /tmp/claimcheck-bench

For each size: writes a corpus (bench/corpus_gen.py), times one pass of a single compiled
`re` pattern over the same text (one core; two reference patterns), then runs
`claimcheck check ... --format json` as a subprocess under /usr/bin/time -v (peak memory)
with --jobs 1, --jobs 2, a cold cache and a warm re-run after 1% of the articles changed.
Next to --jobs 2, two independent --jobs 1 runs, one on each half of the corpus, at once:
what two processes on this machine can do at all, the ceiling --jobs 2 is read against.
Prints one Markdown table row per size.

The checker and rules run from a copy of the working tree taken at the start (WORK/src), so
that edits made while a long benchmark runs neither mix versions nor invalidate the cache
between the cold and the warm run. The copy is byte-compiled, as `pip install` leaves an
installed package (this machine sets PYTHONDONTWRITEBYTECODE, so runs would otherwise
compile every module anew). The runs share one store of compiled patterns (WORK/patterns,
see checker/pattern_store.py), filled by an untimed `--jobs 1 --no-cache` run over each
corpus first, as a user's earlier runs fill theirs; the timed runs then differ only in what
they are measuring.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import NUMERIC
from corpus_gen import change_some, write_corpus

# A narrow single pattern: figures with an optional currency sign, scale and unit word. It
# is digit-led, so `re` skips ahead between digits and runs near 26 MB/s on these corpora.
FIGURES = re.compile(
    r"(?:\$|US\$|€|£)?\s?\b\d{1,3}(?:,\d{3})*(?:\.\d+)?\s*(?:billion|million|bn|percent|times)\b"
)
# Both references: NUMERIC (digits, number and scale words, currency signs and words; what
# a simple number-and-money finder compiles) runs near the "about 9 MB/s" issue #6 names.
REFERENCES = {"figures": FIGURES, "numeric": NUMERIC}


def scan_speeds(corpus: Path) -> tuple[dict[str, float], int]:
    """MB/s of one pass of each reference pattern over every article's text (read before
    timing, one core), and the bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    speeds = {}
    for name, pattern in REFERENCES.items():
        started = time.perf_counter()
        for t in texts:
            for _ in pattern.finditer(t):
                pass
        speeds[name] = size / 1e6 / (time.perf_counter() - started)
    return speeds, size


ROOT = Path(__file__).resolve().parents[1]


def snapshot(work: Path) -> Path:
    """Copy the checker and rules packages under work/src; the runs import them from there."""
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    for package in ("checker", "rules"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
        compileall.compile_dir(src / package, quiet=1)
    return src


def start(src: Path, corpus: Path, out: Path, *flags: str) -> subprocess.Popen[str]:
    """One `claimcheck check` under /usr/bin/time -v, started and not waited for."""
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-m",
        "checker",
        "check",
        str(corpus),
        "--format",
        "json",
        "-o",
        str(out),
        "--quiet",
        *flags,
    ]
    # The snapshot of the checker next to this file, not whichever one is installed.
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "CLAIMCHECK_PATTERN_CACHE": str(src.parent / "patterns"),
    }
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=out.parent,
        env=env,
    )  # fmt: skip


def finish(process: subprocess.Popen[str]) -> float:
    """Wait for a started run; its peak resident MB (main process; workers apart)."""
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, process.args))}\n{stderr[-2000:]}")
    peak = next(
        int(line.split(":")[1]) for line in stderr.splitlines() if "Maximum resident" in line
    )
    return peak / 1024


def run(src: Path, corpus: Path, out: Path, *flags: str) -> tuple[float, float]:
    """Seconds and peak resident MB of one `claimcheck check` (main process; workers apart)."""
    started = time.perf_counter()
    peak = finish(start(src, corpus, out, *flags))
    return time.perf_counter() - started, peak


def halves(corpus: Path, work: Path) -> tuple[Path, Path]:
    """The corpus's files dealt alternately into two corpora (hard links: no copying)."""
    parts = (work / "half-a", work / "half-b")
    for part in parts:
        shutil.rmtree(part, ignore_errors=True)
    for i, path in enumerate(sorted(p for p in corpus.rglob("*") if p.is_file())):
        target = parts[i % 2] / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
    return parts


def two_at_once(src: Path, corpus: Path, work: Path) -> float:
    """Seconds for two independent `--jobs 1` runs, one on each half of the corpus, at once.

    What two processes on this machine can do with no work shared between them: a ceiling
    for `--jobs 2` (a generous one: each half also compares and reports only its own claims).
    """
    parts = halves(corpus, work)
    started = time.perf_counter()
    running = [
        start(src, part, part.with_suffix(".json"), "--jobs", "1", "--no-cache") for part in parts
    ]
    try:
        for process in running:
            finish(process)
    finally:  # one failed: the other is not left running
        for process in running:
            if process.poll() is None:
                process.kill()
    seconds = time.perf_counter() - started
    for part in parts:
        shutil.rmtree(part)
        part.with_suffix(".json").unlink()
    return seconds


def bench(size: int, work: Path, src: Path) -> dict[str, float]:
    """All the figures for one corpus size."""
    corpus = work / f"corpus-{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, size)
    scans, nbytes = scan_speeds(corpus)
    out = work / f"report-{size}.json"
    cache = work / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    run(src, corpus, out, "--jobs", "1", "--no-cache")  # untimed: fills the pattern store
    j1, mem1 = run(src, corpus, out, "--jobs", "1", "--no-cache")
    j2, mem2 = run(src, corpus, out, "--jobs", "2", "--no-cache")
    pair = two_at_once(src, corpus, work)
    cold, _ = run(src, corpus, out, "--jobs", "1", "--cache-dir", str(cache))
    change_some(corpus, 0.01)
    warm, _ = run(src, corpus, out, "--jobs", "1", "--cache-dir", str(cache))
    mb = nbytes / 1e6
    return {
        "size": size,
        "MB": mb,
        "scan_figures_MBps": scans["figures"],
        "scan_numeric_MBps": scans["numeric"],
        "j1_s": j1,
        "j1_art_s": size / j1,
        "j1_MBps": mb / j1,
        "share_of_numeric": mb / j1 / scans["numeric"],
        "share_of_figures": mb / j1 / scans["figures"],
        "j2_s": j2,
        "speedup_j2": j1 / j2,
        "two_halves_s": pair,
        "speedup_two_halves": j1 / pair,
        "peak_MB_j1": mem1,
        "peak_MB_j2_main": mem2,
        "cold_s": cold,
        "warm_s": warm,
        "warm_speedup": cold / warm,
    }


def main() -> None:
    """Run the sizes asked for and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--work", default="/tmp/claimcheck-bench")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    src = snapshot(work)
    shutil.rmtree(work / "patterns", ignore_errors=True)
    header: list[str] | None = None
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        row = bench(size, work, src)
        rows.append(row)
        if header is None:
            header = list(row)
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
        print(
            "| "
            + " | ".join(
                f"{row[h]:.3g}" if isinstance(row[h], float) else str(row[h]) for h in header
            )
            + " |",
            flush=True,
        )
    for small, big in itertools.pairwise(rows):
        growth = big["j1_s"] / small["j1_s"]
        print(f"cost growth {small['size']} -> {big['size']} articles (--jobs 1): {growth:.2f}x")


if __name__ == "__main__":
    main()
