"""How the `claimcheck` program ends: without freeing its objects one by one (cli.program),
yet doing what a normal exit does; and on Ctrl-C, with one line and no worker left. Run
as the real command, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from processes import session_members

from checker import pattern_store

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Trade between Russia and China reached $240 billion in 2024, up from $190 billion.\n"


def claimcheck(tmp_path: Path, *args: str, store: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), pattern_store.ENV: str(store)}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=tmp_path, env=env, capture_output=True
    )


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("2025-03-01\n" + ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("2025-03-02\n" + ARTICLE.replace("240", "245"), encoding="utf-8")
    return folder


def test_the_report_is_whole_and_exit_handlers_ran(tmp_path):
    store = tmp_path / "patterns"  # empty: the run compiles, and saves them at exit
    done = claimcheck(
        tmp_path, "check", str(corpus(tmp_path)), "--format", "json", "-o", "out.json",
        "--quiet", "--no-cache", store=store,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(report["claims"]) >= 4
    assert pattern_store.store_file(store).stat().st_size > 0  # saved by an exit handler


def test_standard_output_is_flushed_and_the_exit_code_kept(tmp_path):
    folder = corpus(tmp_path)
    (folder / "c.txt").write_bytes(b"\x00\x01 not text")  # skipped unread
    done = claimcheck(
        tmp_path, "check", str(folder), "--format", "json", "--no-cache", "--strict",
        store=tmp_path / "patterns",
    )  # fmt: skip
    report = json.loads(done.stdout.decode("utf-8"))  # the whole report, buffered or not
    assert any(f["verdict"] == "contradict" for f in report["findings"])
    assert any(s["path"] == "c.txt" for s in report["skipped"])
    assert done.returncode == 1  # --strict, a file skipped: through the early exit too


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_ends_the_run_with_a_line_and_no_worker_left(tmp_path):
    """Ctrl-C reaches the whole process group: workers included."""
    import signal
    import time

    from scale_corpus import write_scale_corpus

    folder = write_scale_corpus(tmp_path / "big", generated=4000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), pattern_store.ENV: str(tmp_path / "p")}
    run = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", str(folder), "--format", "json", "-o",
         str(tmp_path / "out.json"), "--jobs", "2", "--no-cache", "--quiet"],
        env=env, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(session_members(run.pid)) < 2:  # into the run: the worker has started
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGINT
    assert err.decode().strip().splitlines() == ["claimcheck: interrupted"]
    assert not (tmp_path / "out.json").exists()  # nothing half-written
    assert session_members(run.pid) == []  # no worker outlived it
