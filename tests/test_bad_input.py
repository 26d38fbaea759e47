"""Bad input: each kind is reported once, naming the file (and line), and the run goes on.

One table: each case builds a bad file beside a good article, runs the real CLI
(`check CORPUS --format json -o FILE`) and asserts that the report's `skipped` list names the
file, line and problem, that the good article's claims are still there, and that no figure
in the JSON is Infinity or NaN. The cases are the ones of issue #7; README "Bad input and
exit codes" describes the same behaviour for users.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker import ingest
from checker.cli import main

GOOD = (
    " date 2024-01-12\n"
    "Trade between Russia and China hit a record $190 billion in 2022.\n"
    "Xi Jinping and Vladimir Putin have met 42 times since 2013.\n"
)
# A claim any readable article with this line gives: read, not skipped.
TRADE_LINE = "Trade between Russia and China hit $150 billion in 2021.\n"


@dataclass(frozen=True)
class Entry:
    """One expected entry of the report's `skipped` list."""

    path: str  # relative to the corpus, or "MANIFEST" for the manifest file
    reason: str  # a fragment of the reason
    line: int | None = None
    kind: str = "skipped"  # or "warning"


@dataclass(frozen=True)
class Case:
    """A bad input: how to build it, and what the report must say about it."""

    build: Callable[[Path, pytest.MonkeyPatch], list[str]]  # writes files; returns extra CLI args
    expect: tuple[Entry, ...] = ()
    read: tuple[str, ...] = ()  # articles that must still give a trade claim
    no_claims: tuple[str, ...] = ()  # articles that must give no claim of this family...
    family: str = "trade"  # ...namely this one
    exit_code: int = 0
    stderr: str = ""  # for usage errors: a fragment of the message
    args: tuple[str, ...] = field(default=())


def write(corpus: Path, name: str, data: str | bytes) -> Path:
    path = corpus / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def manifest(corpus: Path, text: str) -> list[str]:
    path = corpus.parent / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return ["--manifest", str(path)]


def fails_to_open(path_name: str) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    """Tests run as root, who can read anything: simulate a permission error on one file."""

    def build(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        write(corpus, path_name, TRADE_LINE)
        real = ingest.read_file

        def read_file(path: Path, max_bytes: int, size: int | None = None) -> bytes:
            if path.name == path_name:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, max_bytes, size)

        monkeypatch.setattr(ingest, "read_file", read_file)
        return []

    return build


def huge(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
    with open(corpus / "huge.txt", "wb") as f:  # 50 MB of text: skipped by its size, unread
        f.write((TRADE_LINE.encode() * (50_000_000 // len(TRADE_LINE) + 1))[:50_000_000])
    return []


def fifo(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
    os.mkfifo(corpus / "pipe.txt")  # reading it would block forever
    return []


def folder_loop(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
    write(corpus, "sub/inner.txt", " date 2024-02-02\n" + TRADE_LINE)
    (corpus / "sub" / "back").symlink_to("..", target_is_directory=True)
    return []


def file_loop(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
    (corpus / "self.txt").symlink_to("self.txt")
    return []


def folder_named_txt(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
    write(corpus, "odd.txt/inner.md", " date 2024-02-02\n" + TRADE_LINE)
    return []


def files(**named: str | bytes) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def build(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
        for name, data in named.items():
            write(corpus, name.replace("__", "/").replace("_DOT_", "."), data)
        return []

    return build


def with_manifest(text: str) -> Callable[[Path, pytest.MonkeyPatch], list[str]]:
    def build(corpus: Path, _: pytest.MonkeyPatch) -> list[str]:
        write(corpus, "dated.txt", TRADE_LINE)
        return manifest(corpus, text)

    return build


DATED = " date 2024-02-02\n"
CASES = {
    "binary": Case(files(bin_DOT_txt=b"\x00\x01\x02\xff" * 100), (Entry("bin.txt", "binary"),)),
    "empty": Case(files(empty_DOT_txt=b""), (Entry("empty.txt", "empty file"),)),
    "blank": Case(files(blank_DOT_md=b" \n\t\n"), (Entry("blank.md", "empty file"),)),
    "cp1252": Case(
        files(
            latin_DOT_txt=(
                DATED + "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2013 " + TRADE_LINE
            ).encode("cp1252")
        ),
        (Entry("latin.txt", "not UTF-8: read as", kind="warning"),),
        read=("latin.txt",),
    ),
    "utf16": Case(
        files(wide_DOT_txt=(DATED + TRADE_LINE).encode("utf-16")),
        (Entry("wide.txt", "not UTF-8: read as utf_16", kind="warning"),),
        read=("wide.txt",),
    ),
    "50mb-article": Case(huge, (Entry("huge.txt", "too large: 50.0 MB is over the 2.0 MB limit"),)),
    "over-max-bytes": Case(
        files(long_DOT_txt=DATED + TRADE_LINE * 40),
        (Entry("long.txt", "too large: 2297 bytes is over the 1500 bytes limit (--max-bytes)"),),
        args=("--max-bytes", "1500"),
    ),
    "very-long-line": Case(
        files(line_DOT_txt=DATED + TRADE_LINE.strip() + " And so on," * 20_000 + "\n"),
        read=("line.txt",),
    ),
    "unterminated-front-matter": Case(
        files(fm_DOT_md="---\ntitle: T\ndate: 2024-01-01\n" + TRADE_LINE),
        (Entry("fm.md", "front matter opened with '---' is never closed", 1, "warning"),),
        read=("fm.md",),
    ),
    "bad-front-matter-line": Case(
        files(fm_DOT_md="---\ntitle: T\nthis is not yaml\ndate: 2024-01-01\n---\n" + TRADE_LINE),
        (
            Entry(
                "fm.md", "front matter line is not `key: value`: 'this is not yaml'", 3, "warning"
            ),
        ),
        read=("fm.md",),
    ),
    "manifest-missing-columns": Case(
        with_manifest("file,date\ndated.txt,2024-01-01\n"),
        exit_code=2,
        stderr="manifest.csv: manifest lacks column(s) article, published",
    ),
    "manifest-bad-date": Case(
        with_manifest("article,published\ngood.txt,2024-01-12\ndated.txt,2024-02-30\n"),
        (Entry("MANIFEST", "bad published date '2024-02-30' for dated.txt", 3, "warning"),),
        read=("dated.txt",),
    ),
    "manifest-unknown-article": Case(
        with_manifest("article,published\ndated.txt,2024-01-01\nghost.txt,2024-01-01\n"),
        (Entry("MANIFEST", "manifest names ghost.txt, which is not in the corpus", 3, "warning"),),
        read=("dated.txt",),
    ),
    "malformed-json-lines": Case(
        files(
            feed_DOT_jsonl='{"id": "a", "text": "' + TRADE_LINE.strip() + '"}\n{broken\n["list"]\n'
        ),
        (
            Entry("feed.jsonl", "line 2 is not a usable record: JSONDecodeError", 2),
            Entry("feed.jsonl", "line 3 is not a usable record: TypeError", 3),
        ),
        read=("feed.jsonl#a",),
    ),
    "json-line-not-utf8": Case(
        files(feed_DOT_jsonl=b'{"id": "a", "text": "x"}\n{"text": "caf\xe9"}\n'),
        (Entry("feed.jsonl", "line 2 is not a usable record: not UTF-8", 2),),
    ),
    "unreadable-file": Case(
        fails_to_open("locked.txt"), (Entry("locked.txt", "cannot read: Permission denied"),)
    ),
    "fifo": Case(fifo, (Entry("pipe.txt", "not a regular file (a FIFO)"),)),
    "folder-named-txt": Case(folder_named_txt, read=("odd.txt/inner.md",)),
    "symlink-loop-folder": Case(
        folder_loop,
        (
            Entry(
                "sub/back",
                "folder already read as . (reached again by a symbolic link): not followed",
                kind="warning",
            ),
        ),
        read=("sub/inner.txt",),
    ),
    "symlink-loop-file": Case(
        file_loop, (Entry("self.txt", "cannot read: Too many levels of symbolic links"),)
    ),
    "unknown-currency-name": Case(
        files(zork_DOT_txt=DATED + "Trade between Russia and China hit 50 zorkmids in 2021.\n"),
        (Entry("zork.txt", "unknown currency 'zorkmids': no claim", 2, "warning"),),
        no_claims=("zork.txt",),
    ),
    "unknown-currency-code": Case(
        files(xyz_DOT_txt=DATED + "Trade between Russia and China hit XYZ 5 million in 2021.\n"),
        (Entry("xyz.txt", "unknown currency code 'XYZ': no claim", 2, "warning"),),
        no_claims=("xyz.txt",),
    ),
    "exponent-caret": Case(
        files(exp_DOT_txt=DATED + "Trade between Russia and China hit $10^40 in 2021.\n"),
        (
            Entry(
                "exp.txt", "is followed by an exponent, which is not read: no claim", 2, "warning"
            ),
        ),
        no_claims=("exp.txt",),
    ),
    "exponent-e": Case(
        files(exp_DOT_txt=DATED + "Trade between Russia and China hit $1e40 in 2021.\n"),
        no_claims=("exp.txt",),
    ),
    "exponent-words": Case(
        files(exp_DOT_txt=DATED + "Trade between Russia and China was 10^40 dollars in 2021.\n"),
        no_claims=("exp.txt",),
    ),
    "figure-overflows-float": Case(
        files(
            inf_DOT_txt=DATED
            + "Trade between Russia and China hit $"
            + "9" * 400
            + " billion in 2021.\n"
        ),
        (Entry("inf.txt", "is too large to represent: no claim", 2, "warning"),),
        no_claims=("inf.txt",),
    ),
    "absurd-figure": Case(
        files(
            big_DOT_txt=DATED
            + "Trade between Russia and China hit $"
            + "1" * 30
            + " billion in 2021.\n"
        ),
        (Entry("big.txt", "is beyond any plausible value: no claim", 2, "warning"),),
        no_claims=("big.txt",),
    ),
    "february-30": Case(
        files(feb_DOT_txt=DATED + "The summit was held on February 30, 2023 in Moscow.\n"),
        (Entry("feb.txt", "no such date: 'February 30'", 2, "warning"),),
        no_claims=("feb.txt",),
        family="date",
    ),
}


def no_constants(name: str) -> float:
    raise AssertionError(f"{name} in the JSON report")


def run_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case, *extra: str
) -> tuple[int, dict | None]:
    monkeypatch.chdir(tmp_path)  # any cache or default file lands here
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "good.txt", GOOD)
    args = case.build(corpus, monkeypatch)
    out = tmp_path / "out.json"
    code = main(
        ["check", str(corpus), "--format", "json", "-o", str(out), *args, *case.args, *extra]
    )
    if not out.exists():
        return code, None
    return code, json.loads(out.read_text(encoding="utf-8"), parse_constant=no_constants)


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_reported_and_the_run_goes_on(
    tmp_path, monkeypatch, capsys, case: Case
) -> None:
    code, report = run_case(tmp_path, monkeypatch, case)
    assert code == case.exit_code
    if case.exit_code == 2:
        assert case.stderr in capsys.readouterr().err
        assert report is None
        return
    assert report is not None
    entries = report["skipped"]
    for want in case.expect:
        path = str(tmp_path / "manifest.csv") if want.path == "MANIFEST" else want.path
        hits = [e for e in entries if e["path"] == path and want.reason in e["reason"]]
        assert len(hits) == 1, (want, entries)  # reported, and only once
        assert hits[0]["line"] == want.line
        assert hits[0]["kind"] == want.kind
    # Nothing else is skipped: only what the case expects, and no rule failed on it.
    expected_skips = {(e.path, e.reason) for e in case.expect if e.kind == "skipped"}
    unexpected = [
        e
        for e in entries
        if e["kind"] == "skipped"
        and not any(e["path"] == p and r in e["reason"] for p, r in expected_skips)
    ]
    assert unexpected == []
    claims = report["claims"]
    good = {(c["family"], c["value"]) for c in claims if c["article"] == "good.txt"}
    assert {("trade", 190e9), ("meetings", 42.0)} <= good  # the rest of the corpus is checked
    for article in case.read:
        assert any(c["article"] == article and c["family"] == "trade" for c in claims), article
    for article in case.no_claims:
        assert [c for c in claims if c["article"] == article and c["family"] == case.family] == []


def test_symlink_loop_is_walked_once(tmp_path, monkeypatch) -> None:
    _, report = run_case(tmp_path, monkeypatch, CASES["symlink-loop-folder"])
    assert report is not None
    assert [a["id"] for a in report["articles"]].count("sub/inner.txt") == 1
    assert not any(a["id"].startswith("sub/back/") for a in report["articles"])


@pytest.mark.parametrize(
    ("case", "code"),
    [
        pytest.param("binary", 1, id="skipped-file-fails"),
        pytest.param("unterminated-front-matter", 0, id="warning-passes"),
        pytest.param("manifest-unknown-article", 0, id="manifest-warning-passes"),
    ],
)
def test_strict_fails_on_skipped_files_only(
    tmp_path, monkeypatch, capsys, case: str, code: int
) -> None:
    assert run_case(tmp_path, monkeypatch, CASES[case], "--strict")[0] == code
    if code:
        assert "--strict: 1 skipped (first: bin.txt: binary" in capsys.readouterr().err


def test_without_strict_a_skipped_file_exits_0(tmp_path, monkeypatch) -> None:
    assert run_case(tmp_path, monkeypatch, CASES["binary"])[0] == 0


def test_ci_strict_fails_on_a_skipped_file(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", GOOD)
    write(corpus, "bin.txt", b"\x00\x01")
    assert main(["ci", str(corpus), "-o", str(tmp_path / "ci.txt")]) == 0
    assert main(["ci", str(corpus), "--strict", "-o", str(tmp_path / "ci.txt")]) == 1


def test_bad_max_bytes_is_a_usage_error(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", str(tmp_path), "--max-bytes", "lots"])
    assert exc.value.code == 2
    assert "'lots' is not a size" in capsys.readouterr().err


BROKEN_LEDGER = '{"finding": "f-000000000001", "decision": "dismissed"}\n{"finding": "f-2", oops\n'


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["check", "corpus", "--format", "json", "-o", "out.json"], id="check"),
        pytest.param(["review", "--decide", "f-0123456789ab", "dismissed"], id="review-decide"),
    ],
)
def test_broken_ledger_stops_the_run_naming_the_line_and_is_kept(
    tmp_path, monkeypatch, capsys, command
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "corpus", "good.txt", GOOD)
    ledger = tmp_path / "reviews.jsonl"
    ledger.write_text(BROKEN_LEDGER, encoding="utf-8")
    assert main([*command, "--ledger", str(ledger)]) == 2
    assert f"{ledger}:2:" in capsys.readouterr().err
    assert ledger.read_text(encoding="utf-8") == BROKEN_LEDGER
    assert not (tmp_path / "out.json").exists()
