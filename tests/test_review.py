"""Editor review: the terminal session through its real prompts, --decide, the ledger lock."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pexpect
import pytest
from corpora import contradiction, trade_claim, write_corpus
from filelock import FileLock

from checker.ledger import Decision, LedgerError, lock_path, read_ledger, record_decision
from checker.model import ReviewStatus
from checker.report import csv as csv_report
from checker.report import markdown, table
from checker.report.build import Report
from checker.review import DECISION_PROMPT, NOTE_PROMPT

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "CLAIMCHECK_REVIEWER": "ed", "NO_COLOR": "1"}


def two_contradictions(tmp_path: Path) -> Path:
    """The shared corpus plus an article that makes the meeting count a contradiction too."""
    corpus = write_corpus(tmp_path)
    (corpus / "c.txt").write_text(
        " date 2024-03-01\nPutin and Xi have met 30 times since 2013.\n", encoding="utf-8"
    )
    return corpus


def spawn(*args: str) -> pexpect.spawn:
    """`python -m checker ARGS` on a pseudo-terminal, as an editor would run it."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "checker", *args],
        cwd=str(REPO),
        env=ENV,
        encoding="utf-8",
        timeout=90,
    )


def rows(ledger: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in ledger.read_text(encoding="utf-8").splitlines()]


def answer(session: pexpect.spawn, key: str, note: str | None = None) -> None:
    session.expect_exact(DECISION_PROMPT)
    session.sendline(key)
    if note is not None:
        session.expect_exact(NOTE_PROMPT)
        session.sendline(note)


def test_session_records_as_it_goes_and_resumes(tmp_path: Path) -> None:
    corpus = two_contradictions(tmp_path)
    ledger = tmp_path / "reviews.jsonl"

    session = spawn("review", str(corpus), "--ledger", str(ledger))
    answer(session, "x")  # not an answer: asked again
    answer(session, "d", "false alarm: 2021 figure")
    session.expect_exact(DECISION_PROMPT)
    [first] = rows(ledger)  # written before the session ends
    session.sendline("q")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    assert first["decision"] == "dismissed" and first["note"] == "false alarm: 2021 figure"
    assert first["who"] == "ed" and first["finding"].startswith("f-") and first["key"]
    when = datetime.fromisoformat(first["when"])
    assert when.utcoffset() == timedelta(0)

    session = spawn("review", str(corpus), "--ledger", str(ledger))
    answer(session, "a", "")
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    second = [r for r in rows(ledger) if r["finding"] != first["finding"]]
    assert [(r["decision"], r["note"]) for r in second] == [("accepted", "")]
    assert {r["key"] for r in rows(ledger)} == {first["key"], second[0]["key"]}
    assert len({r["key"] for r in rows(ledger)}) == 2

    # Everything is decided: a new session asks nothing.
    session = spawn("review", str(corpus), "--ledger", str(ledger))
    assert session.expect_exact([DECISION_PROMPT, pexpect.EOF]) == 1
    session.close()
    assert session.exitstatus == 0


def test_skip_and_end_of_input_write_nothing(tmp_path: Path) -> None:
    corpus = two_contradictions(tmp_path)
    ledger = tmp_path / "reviews.jsonl"
    session = spawn("review", str(corpus), "--ledger", str(ledger))
    answer(session, "s")
    session.expect_exact(DECISION_PROMPT)
    session.sendeof()
    session.expect(pexpect.EOF)
    session.close()
    assert session.exitstatus == 0
    assert not ledger.exists()


def test_check_applies_decisions_made_in_review(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    ledger = tmp_path / "reviews.jsonl"
    session = spawn("review", str(corpus), "--ledger", str(ledger))
    answer(session, "c", "")
    session.expect(pexpect.EOF)
    [row] = rows(ledger)
    out = tmp_path / "report.json"
    check = spawn("check", str(corpus), "--format", "json", "-o", str(out), "--ledger", str(ledger))
    check.expect(pexpect.EOF)
    findings = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
    assert findings[row["finding"]]["status"] == "confirmed"


def run_cli(*args: str) -> int:
    session = spawn(*args)
    session.expect(pexpect.EOF)
    session.close()
    return int(session.exitstatus)


def test_decide_from_a_script(tmp_path: Path) -> None:
    ledger = tmp_path / "reviews.jsonl"
    assert (
        run_cli(
            "review",
            "--decide",
            "f-0123456789ab",
            "dismissed",
            "--note",
            "known",
            "--ledger",
            str(ledger),
        )
        == 0
    )
    [row] = rows(ledger)
    assert (row["finding"], row["decision"], row["note"], row["who"]) == (
        "f-0123456789ab",
        "dismissed",
        "known",
        "ed",
    )
    assert run_cli("review", "--decide", "f-0123456789ab", "ignored", "--ledger", str(ledger)) == 2
    assert run_cli("review", "--decide", "f-xyz", "dismissed", "--ledger", str(ledger)) == 2
    assert run_cli("review", "--ledger", str(ledger)) == 2  # neither corpus nor --decide
    assert rows(ledger) == [row]
    assert (
        run_cli("review", "--decide", "f-0123456789ab", "Confirmed", "--ledger", str(ledger)) == 0
    )
    assert [r["decision"] for r in rows(ledger)] == ["confirmed"]


def test_held_lock_is_reported_not_waited_forever(tmp_path: Path) -> None:
    ledger = tmp_path / "reviews.jsonl"
    with FileLock(lock_path(ledger)):
        with pytest.raises(LedgerError, match="lock"):
            record_decision(ledger, Decision("f-0123456789ab", ReviewStatus.DISMISSED), timeout=0.2)
    assert not ledger.exists()


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / "reviews.jsonl"
    ids = [f"f-{n:012x}" for n in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(
                lambda fid: record_decision(ledger, Decision(fid, ReviewStatus.CONFIRMED)), ids
            )
        )
    assert sorted(read_ledger(ledger)) == ids


def reviewed_report() -> Report:
    a = trade_claim("a.txt", 1.9e11, "$190 billion")
    b = trade_claim("b.txt", 1.72e11, "$172 billion")
    finding = contradiction(a, b, "differ", ReviewStatus.DISMISSED)
    return Report(
        corpus="corpus",
        articles=(),
        claims=(a, b),
        findings=(finding,),
        stale_reviews=("f-ffffffffffff",),
    )


def test_every_report_shows_status_and_stale_decisions() -> None:
    report = reviewed_report()
    records = list(csv.DictReader(io.StringIO(csv_report.render(report))))
    assert {r["status"] for r in records} == {"dismissed"}
    for renderer in (table, markdown):
        text = renderer.render(report)
        assert "dismissed" in text
        assert "f-ffffffffffff" in text
