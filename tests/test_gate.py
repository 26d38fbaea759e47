"""The CI gate end to end: baseline, ledger, exit codes, and what fingerprints survive.

Each test builds a small corpus in tmp_path, runs the real `claimcheck` main() from there
and looks at exit codes and at the JSON (report, baseline) it writes, never at prose.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

REPO = Path(__file__).resolve().parents[1]
RECORD_190 = " date 2024-01-12 Trade between Russia and China hit a record $190 billion in 2022.\n"
RECORD_172 = " date 2023-02-20 Russia-China trade climbed to $172 billion in 2022.\n"
UNRELATED = " date 2024-03-01 Putin and Xi have met more than 40 times since 2012.\n"
BASELINE = "claimcheck-baseline.json"


def trade(published: str, amount: int, year: int) -> str:
    """An article that says Russia-China trade was `amount` billion dollars in `year`."""
    return (
        f" date {published} Trade between Russia and China reached ${amount} billion in {year}.\n"
    )


LEDGER = "claimcheck-reviews.jsonl"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with corpus/a.txt (190bn) and corpus/b.txt (172bn), the working folder."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "corpus", {"a.txt": RECORD_190, "b.txt": RECORD_172})
    return tmp_path


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def report(corpus: str = "corpus", *flags: str) -> dict:
    """The JSON report of `claimcheck check`."""
    out = Path("report-under-test.json")
    assert main(["check", corpus, "--format", "json", "-o", str(out), *flags]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return data


def contradictions(corpus: str = "corpus", *flags: str) -> set[str]:
    """Fingerprints of the contradictions a check finds."""
    return {f["id"] for f in report(corpus, *flags)["findings"] if f["verdict"] == "contradict"}


def ci_new(corpus: str = "corpus", *flags: str) -> tuple[int, list[dict]]:
    """Exit code of `claimcheck ci` and the findings it printed as new (JSON format)."""
    out = Path("ci-under-test.json")
    code = main(["ci", corpus, "--format", "json", "-o", str(out), *flags])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"] if out.exists() else []
    out.unlink(missing_ok=True)
    return code, findings


def test_the_pair_is_one_contradiction(project: Path) -> None:
    found = report()
    assert [f["verdict"] for f in found["findings"]] == ["contradict"]
    assert {c["value"] for c in found["claims"]} == {190e9, 172e9}


def test_new_contradiction_fails_and_is_printed_with_both_sides(project: Path, capsys) -> None:
    (fid,) = contradictions()
    quotes = {c["quote"] for c in report()["claims"]}
    capsys.readouterr()
    assert main(["ci", "corpus"]) == 1
    out = capsys.readouterr().out
    # Both quotes, both files and both lines, each as the real path from the working folder.
    assert "corpus/a.txt:1:" in out and "corpus/b.txt:1:" in out
    assert len(quotes) == 2 and all(q in out for q in quotes)
    assert fid in out
    code, new = ci_new()
    assert code == 1 and [f["id"] for f in new] == [fid]


def test_baseline_accepts_todays_contradictions(project: Path) -> None:
    assert main(["baseline", "corpus", "--output", BASELINE]) == 0
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    (entry,) = data["findings"]
    assert entry["id"] in contradictions()
    assert entry["verdict"] == "contradict"
    assert entry["key"] == report()["findings"][0]["key"]
    assert entry["articles"] == ["a.txt", "b.txt"]
    assert len(entry["values"]) == 2
    assert main(["ci", "corpus", "--baseline", BASELINE]) == 0
    assert main(["ci", "corpus"]) == 0  # the default baseline name is found too


def test_baseline_file_is_sorted_and_stable(project: Path) -> None:
    write(
        project / "corpus",
        {
            "c.txt": trade("2024-02-01", 240, 2023),
            "d.txt": trade("2024-02-02", 200, 2023),
        },
    )
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    first = Path(BASELINE).read_bytes()
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    assert Path(BASELINE).read_bytes() == first
    entries = json.loads(first)["findings"]
    assert [(e["key"], e["id"]) for e in entries] == sorted((e["key"], e["id"]) for e in entries)
    assert len(entries) == 2
    # One entry a line, so that a diff shows one line per finding.
    assert sum(1 for line in first.decode().splitlines() if '"id": "f-' in line) == 2
    assert not [p for p in project.iterdir() if p.name.endswith(".tmp")]


def edit_other_text(root: Path) -> None:
    (root / "corpus" / "a.txt").write_text(
        RECORD_190.rstrip("\n") + " Analysts called it a milestone.\n\nMore text follows here.\n",
        encoding="utf-8",
    )


def move_claim_down(root: Path) -> None:
    header, body = RECORD_190.split(" Trade", 1)
    (root / "corpus" / "a.txt").write_text(
        header + "\nA first paragraph.\n\nA second one.\n\n Trade" + body, encoding="utf-8"
    )


def add_unrelated_articles(root: Path) -> None:
    write(
        root / "corpus",
        {
            "c.txt": UNRELATED,
            "sub/d.txt": trade("2024-03-02", 240, 2023),
            "e.txt": " date 2024-03-03 The weather in Moscow was cold.\n",
        },
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(edit_other_text, id="edit-other-text"),
        pytest.param(move_claim_down, id="claim-moves-to-another-line"),
        pytest.param(add_unrelated_articles, id="unrelated-articles-added"),
    ],
)
def test_fingerprint_survives(project: Path, change) -> None:
    before = contradictions()
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    change(project)
    assert contradictions() == before
    assert main(["ci", "corpus"]) == 0


def test_fingerprint_survives_renaming_the_corpus_folder(project: Path) -> None:
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    before = contradictions()
    (project / "corpus").rename(project / "articles")
    assert contradictions("articles") == before
    assert main(["ci", "articles"]) == 0


def test_fingerprint_survives_another_machine(project: Path, tmp_path_factory) -> None:
    """Another folder, an absolute path, another working folder and another hash seed."""
    before = contradictions()
    elsewhere = tmp_path_factory.mktemp("other-machine") / "checkout" / "news"
    shutil.copytree(project / "corpus", elsewhere)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "12345"}
    out = elsewhere.parent / "r.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(elsewhere),
            "--format",
            "json",
            "-o",
            str(out),
        ],
        cwd=elsewhere.parent.parent,
        env=env,
        check=True,
        capture_output=True,
    )
    found = json.loads(out.read_text(encoding="utf-8"))
    assert {f["id"] for f in found["findings"] if f["verdict"] == "contradict"} == before


def test_changed_value_is_a_new_finding(project: Path) -> None:
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    (old,) = contradictions()
    (project / "corpus" / "b.txt").write_text(RECORD_172.replace("$172", "$175"), encoding="utf-8")
    code, new = ci_new()
    assert code == 1
    assert [f["id"] for f in new] != [old] and len(new) == 1


@pytest.mark.parametrize(
    "amount",
    [
        pytest.param(230, id="contradicts-both-sides"),
        pytest.param(190, id="agrees-with-one-side-contradicts-the-other"),
    ],
)
def test_new_article_contradicting_an_old_claim_is_a_new_finding(
    project: Path, amount: int
) -> None:
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    (old,) = contradictions()
    write(project / "corpus", {"c.txt": trade("2024-04-01", amount, 2022)})
    code, new = ci_new()
    assert code == 1
    assert len(new) == 1 and new[0]["id"] != old
    articles = {c["article"] for c in report()["claims"] if c["id"] in set(new[0]["claims"])}
    assert "c.txt" in articles


def test_only_new_contradictions_are_printed(project: Path) -> None:
    assert main(["baseline", "corpus", "-o", BASELINE]) == 0
    (old,) = contradictions()
    write(
        project / "corpus",
        {
            "c.txt": trade("2024-02-01", 240, 2023),
            "d.txt": trade("2024-02-02", 200, 2023),
        },
    )
    code, new = ci_new()
    assert code == 1
    assert len(new) == 1 and new[0]["id"] != old and new[0]["key"].endswith("2023")


@pytest.mark.parametrize(
    ("decision", "code"), [("dismissed", 0), ("accepted", 0), ("confirmed", 1)]
)
def test_ledger_decisions(project: Path, decision: str, code: int) -> None:
    (fid,) = contradictions()
    Path(LEDGER).write_text(
        json.dumps({"finding": fid, "decision": decision}) + "\n", encoding="utf-8"
    )
    assert main(["ci", "corpus"]) == code
    assert (
        main(["ci", "corpus", "--ledger", "elsewhere.jsonl"]) == 1
    )  # an empty ledger decides nothing


HEAD = '{"claimcheck_baseline": 1, "findings": ['
ENTRY = '{"id": "f-1", "key": "k", "verdict": "contradict"}'


def test_bad_baseline_is_named_with_its_line_and_kept(project: Path, capsys) -> None:
    broken = f'{HEAD}\n{ENTRY},\n{{"id": \n'
    Path(BASELINE).write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["ci", "corpus", "--baseline", BASELINE]) == 2
    assert f"{BASELINE}:4:" in capsys.readouterr().err
    assert Path(BASELINE).read_text(encoding="utf-8") == broken


def test_baseline_entry_without_id_is_named_with_its_line(project: Path, capsys) -> None:
    text = f'{HEAD}\n{ENTRY},\n{{"key": "k"}}\n]}}\n'
    Path(BASELINE).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["ci", "corpus"]) == 2
    assert f"{BASELINE}:3:" in capsys.readouterr().err
    assert Path(BASELINE).read_text(encoding="utf-8") == text


def test_bad_ledger_is_named_with_its_line_and_kept(project: Path, capsys) -> None:
    text = '{"finding": "f-1", "decision": "dismissed"}\nnot json\n'
    Path(LEDGER).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["ci", "corpus"]) == 2
    assert f"{LEDGER}:2:" in capsys.readouterr().err
    assert Path(LEDGER).read_text(encoding="utf-8") == text


def test_usage_errors_exit_2(project: Path) -> None:
    assert main(["ci", "no-such-corpus"]) == 2
    assert main(["ci", "corpus", "--baseline", "missing-baseline.json"]) == 2
    assert main(["baseline", "no-such-corpus", "-o", BASELINE]) == 2
    assert not Path(BASELINE).exists()


def test_forecast_missed_does_not_fail(project: Path) -> None:
    write(
        project / "corpus",
        {
            "a.txt": trade("2021-01-12", 250, 2022).replace("reached", "is expected to reach"),
            "b.txt": RECORD_172,
        },
    )
    assert {f["verdict"] for f in report()["findings"]} <= {"forecast_missed", "agree"}
    assert main(["ci", "corpus"]) == 0
