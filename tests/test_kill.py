"""Nothing users keep is damaged: a run killed at any moment, or two runs at once.

The real command runs as a subprocess and is killed (SIGKILL or SIGTERM) at random moments:
half the time at a random point of its whole run, half the time just as the temporary file of
its write appears, which is when a torn write would happen. Afterwards the report (or the
review ledger) must be exactly the old file or exactly the complete new one. No test hook is
needed in the code: the report is made large enough (a few MB) that writing it takes time.

The counts are small for CI; the issue asks for 100 passes in a row on a developer machine:

    CLAIMCHECK_STRESS_RUNS=100 python -m pytest -q -s tests/test_kill.py

(100 kills per kill test, 100 rounds per concurrency test), or a shell loop over pytest.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.ledger import read_ledger

# Kills per kill test, and rounds per concurrency test (each round starts several processes).
RUNS = int(os.environ.get("CLAIMCHECK_STRESS_RUNS", "8"))
ROUNDS = int(os.environ.get("CLAIMCHECK_STRESS_RUNS", "2"))
ROOT = Path(__file__).resolve().parent.parent
OLD_REPORT = b'{"old": "report"}\n'

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def claimcheck(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_REVIEWER": "tester"}
    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 120) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode("utf-8", "replace")


def write_corpus(folder: Path, articles: int = 120, lines: int = 20) -> Path:
    """Many articles with many claims: a report of a few MB, so that writing it takes a while."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for i in range(articles):
        body = "".join(
            f"Trade between Russia and China hit ${100 + (i * 7 + j) % 90} billion in "
            f"{2000 + (i + j) % 24}. Xi Jinping and Vladimir Putin have met {30 + (i + j) % 12} "
            "times since 2013.\n"
            for j in range(lines)
        )
        (corpus / f"a{i:03}.txt").write_text(
            f" date 2024-01-{1 + i % 28:02}\n{body}", encoding="utf-8"
        )
    return corpus


def kill_at_random(
    proc: subprocess.Popen[bytes], folder: Path, name: str, span: float, rng: random.Random
) -> None:
    """Kill `proc` at a random moment: anywhere in its run, or just as its temp file appears."""
    sig = rng.choice((signal.SIGKILL, signal.SIGTERM))
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0, span))
    else:
        deadline = time.monotonic() + span * 3
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.startswith(f".{name}.") for p in folder.iterdir()):
                time.sleep(rng.uniform(0, 0.05))
                break
            time.sleep(0.001)
    if proc.poll() is None:
        proc.send_signal(sig)
    proc.wait(timeout=60)


def timed(proc: subprocess.Popen[bytes]) -> float:
    start = time.monotonic()
    code, err = finish(proc)
    assert code == 0, err
    return time.monotonic() - start


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> tuple[Path, Path, bytes, float]:
    """A corpus, a warm cache, the complete report and how long a cached run takes."""
    folder = tmp_path_factory.mktemp("kill")
    corpus = write_corpus(folder)
    args = ("check", "corpus", "--format", "json", "-o", "new.json", "--cache-dir", "cache")
    timed(claimcheck(*args, cwd=folder))
    span = timed(claimcheck(*args, cwd=folder))
    new = (folder / "new.json").read_bytes()
    assert len(new) > 1_000_000 and json.loads(new)["claims"]
    return folder, corpus, new, span


def test_killed_check_leaves_the_old_report_or_the_new(warm) -> None:
    folder, _, new, span = warm
    out_dir = folder / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / "report.json"
    rng = random.Random(os.environ.get("CLAIMCHECK_STRESS_SEED", time.time_ns()))
    outcomes = {"old": 0, "new": 0}
    for _ in range(RUNS):
        out.write_bytes(OLD_REPORT)
        proc = claimcheck(
            "check",
            "corpus",
            "--format",
            "json",
            "-o",
            str(out),
            "--cache-dir",
            "cache",
            cwd=folder,
        )
        kill_at_random(proc, out_dir, out.name, span, rng)
        got = out.read_bytes()
        assert got in (OLD_REPORT, new), f"torn report: {len(got)} bytes"
        outcomes["old" if got == OLD_REPORT else "new"] += 1
        for leftover in out_dir.glob(f".{out.name}.*"):  # SIGKILL leaves its temp file: litter only
            leftover.unlink()
    print(f"killed check: {outcomes}")


def decisions(n: int) -> str:
    rows = [
        {
            "finding": f"f-{i:012x}",
            "decision": "dismissed",
            "key": "trade:x:total:2022",
            "note": "a long note " * 8,
            "who": "ed",
            "when": "2025-01-01T00:00:00+00:00",
        }
        for i in range(n)
    ]
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows)


def test_killed_ledger_write_leaves_the_old_ledger_or_the_new(tmp_path) -> None:
    ledger = tmp_path / "reviews.jsonl"
    old = decisions(20_000)  # about 4 MB: the write takes a while
    ledger.write_text(old, encoding="utf-8")
    old_ids = set(read_ledger(ledger))
    new_id = "f-ffffffffffff"
    start = time.monotonic()
    code, err = finish(
        claimcheck("review", "--decide", new_id, "confirmed", "--ledger", str(ledger), cwd=tmp_path)
    )
    assert code == 0, err
    span = time.monotonic() - start
    rng = random.Random(os.environ.get("CLAIMCHECK_STRESS_SEED", time.time_ns()))
    outcomes = {"old": 0, "new": 0}
    for _ in range(RUNS):
        ledger.write_text(old, encoding="utf-8")
        proc = claimcheck(
            "review", "--decide", new_id, "confirmed", "--ledger", str(ledger), cwd=tmp_path
        )
        kill_at_random(proc, tmp_path, ledger.name, span, rng)
        text = ledger.read_text(encoding="utf-8")
        if text == old:
            outcomes["old"] += 1
        else:
            got = read_ledger(ledger)  # complete: every line parses
            assert set(got) == old_ids | {new_id}
            assert got[new_id].decision.value == "confirmed"
            outcomes["new"] += 1
        for leftover in tmp_path.glob(f".{ledger.name}.*"):
            leftover.unlink()
    # The lock of a killed writer does not block the next one (the OS drops it with the process).
    code, err = finish(
        claimcheck(
            "review",
            "--decide",
            "f-eeeeeeeeeeee",
            "accepted",
            "--ledger",
            str(ledger),
            cwd=tmp_path,
        )
    )
    assert code == 0, err
    print(f"killed ledger write: {outcomes}")


def test_two_checks_at_once_share_the_cache_and_the_output(tmp_path) -> None:
    corpus = write_corpus(tmp_path, articles=40, lines=10)
    del corpus
    args = ("check", "corpus", "--format", "json", "--cache-dir", "cache")
    code, err = finish(claimcheck(*args, "-o", "reference.json", "--no-cache", cwd=tmp_path))
    assert code == 0, err
    reference = (tmp_path / "reference.json").read_bytes()
    for round_ in range(ROUNDS):
        for name in ("cache", "a.json", "same.json"):
            path = tmp_path / name
            if path.is_dir():
                for p in path.iterdir():
                    p.unlink()
            elif path.exists():
                path.unlink()
        procs = [
            claimcheck(*args, "-o", "a.json", cwd=tmp_path),
            claimcheck(*args, "-o", "same.json", cwd=tmp_path),
            claimcheck(*args, "-o", "same.json", cwd=tmp_path),
        ]
        for proc in procs:
            code, err = finish(proc)
            assert code == 0, err
            assert "warning" not in err, err  # no lock timeout, no corrupt cache
        for name in ("a.json", "same.json"):
            assert (tmp_path / name).read_bytes() == reference, (round_, name)
        # The cache both runs wrote is sound: a third run is served from it, warning-free.
        code, err = finish(claimcheck(*args, "-o", "c.json", cwd=tmp_path))
        assert code == 0 and "warning" not in err, err
        assert (tmp_path / "c.json").read_bytes() == reference


def test_decisions_recorded_at_once_are_all_kept(tmp_path) -> None:
    ledger = tmp_path / "reviews.jsonl"
    ids = [f"f-{n:012x}" for n in range(8)]

    def decide(fid: str) -> tuple[int, str]:
        return finish(
            claimcheck(
                "review", "--decide", fid, "dismissed", "--ledger", str(ledger), cwd=tmp_path
            )
        )

    for _ in range(ROUNDS):
        ledger.unlink(missing_ok=True)
        with ThreadPoolExecutor(max_workers=len(ids)) as pool:
            results = list(pool.map(decide, ids))
        assert all(code == 0 for code, _ in results), results
        assert sorted(read_ledger(ledger)) == ids
