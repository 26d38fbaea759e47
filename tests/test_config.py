"""Configuration: where it is found, what it may hold, and flags overriding it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from checker.cli import build_parser, main
from checker.config import Config, ConfigError, find_config, load_config, read_config
from checker.invocation import prepare
from checker.run import is_selected

TRADE = " date 2024-01-12 Trade between Russia and China reached $240 billion in 2023.\n"
MEETINGS = " date 2024-03-01 Putin and Xi have met more than 40 times since 2012.\n"


def toml(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_configuration_is_empty(tmp_path: Path) -> None:
    if find_config(tmp_path) is not None:
        pytest.skip("a configuration file sits above the temporary folder")
    assert load_config(tmp_path) == Config()


def test_found_upwards_nearest_first(tmp_path: Path) -> None:
    outer = toml(tmp_path / "claimcheck.toml", 'select = ["trade"]\n')
    inner = toml(tmp_path / "a" / "pyproject.toml", '[tool.claimcheck]\nselect = ["meetings"]\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == inner.resolve()
    assert load_config(deep).select == ("meetings",)
    assert find_config(tmp_path / "a" / "..") == outer.resolve()


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    own = toml(tmp_path / "claimcheck.toml", 'ignore = ["event-date"]\n')
    toml(
        tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 1\n'
    )
    assert find_config(tmp_path / "sub") == own.resolve()
    assert read_config(tmp_path / "sub" / "pyproject.toml") == Config()


def test_claimcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    toml(tmp_path / "pyproject.toml", '[tool.claimcheck]\nselect = ["meetings"]\n')
    own = toml(tmp_path / "claimcheck.toml", 'select = ["trade"]\n')
    assert find_config(tmp_path) == own.resolve()


def test_every_key_is_read_and_paths_resolve_against_the_file(tmp_path: Path) -> None:
    path = toml(
        tmp_path / "proj" / "pyproject.toml",
        """
[tool.claimcheck]
corpus = "news"
include = ["**/*.md"]
exclude = ["drafts"]
select = ["trade"]
ignore = ["event-date"]
manifest = "news/manifest.csv"
ledger = "reviews.jsonl"
baseline = "ci/baseline.json"
fx = "data/fx.csv"
[tool.claimcheck.tolerances]
trade = 0.02
meetings = 0
""",
    )
    config = read_config(path)
    root = path.parent.resolve()
    assert config.source == path
    assert config.corpus == root / "news"
    assert config.manifest == root / "news" / "manifest.csv"
    assert config.ledger == root / "reviews.jsonl"
    assert config.baseline == root / "ci" / "baseline.json"
    assert config.fx == root / "data" / "fx.csv"
    assert (config.include, config.exclude) == (("**/*.md",), ("drafts",))
    assert (config.select, config.ignore) == (("trade",), ("event-date",))
    assert config.tolerances == (("meetings", 0.0), ("trade", 0.02))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            '[tool.claimcheck]\nselect = ["trade"]\nselekt = ["x"]\n', 3, id="unknown-key"
        ),
        pytest.param('[tool.claimcheck]\nselect = "trade"\n', 2, id="select-not-a-list"),
        pytest.param("[tool.claimcheck]\nbaseline = 3\n", 2, id="path-not-a-string"),
        pytest.param("[tool.claimcheck.tolerances]\ntrades = 0.1\n", 1, id="unknown-family"),
        pytest.param("[tool.claimcheck.tolerances]\ntrade = 2\n", 1, id="tolerance-out-of-range"),
        pytest.param("[tool.claimcheck]\nselect = [\n", 2, id="not-toml-at-end"),
        pytest.param("[tool.claimcheck]\nselect = ]\nx = 1\n", 2, id="not-toml"),
    ],
)
def test_bad_configuration_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = toml(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    message = str(err.value)
    assert message.startswith(str(path.resolve()))
    assert f":{line}:" in message or f"line {line}" in message


def test_bad_configuration_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    toml(tmp_path / "claimcheck.toml", 'selekt = ["trade"]\n')
    (tmp_path / "corpus").mkdir()
    assert main(["check", "corpus", "-q"]) == 2
    assert main(["ci", "corpus"]) == 2
    assert "claimcheck.toml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("article", "include", "exclude", "selected"),
    [
        ("a.txt", (), (), True),
        ("drafts/a.txt", (), ("drafts",), False),
        ("drafts/deep/a.txt", (), ("drafts/*",), False),
        ("news/a.txt", (), ("drafts",), True),
        ("news/a.md", ("*.md",), (), True),
        ("news/a.txt", ("*.md",), (), False),
        ("feed/wire.jsonl#7", (), ("feed/wire.jsonl",), False),
    ],
)
def test_article_globs(article: str, include: tuple, exclude: tuple, selected: bool) -> None:
    assert is_selected(article, include, exclude) is selected


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in {"a.txt": TRADE, "b.txt": MEETINGS, "drafts/c.txt": TRADE}.items():
        toml(tmp_path / "news" / name, text)
    return tmp_path


def run_json(*argv: str) -> dict:
    out = Path("report-under-test.json")
    assert main(["check", *argv, "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_configuration_drives_check(project: Path) -> None:
    toml(project / "claimcheck.toml", 'corpus = "news"\nexclude = ["drafts"]\nselect = ["trade"]\n')
    report = run_json()  # no corpus named: the configuration's
    assert {a["id"] for a in report["articles"]} == {"a.txt", "b.txt"}
    assert {c["rule"] for c in report["claims"]} == {"trade-total"}


def test_flags_override_configuration(project: Path) -> None:
    toml(project / "claimcheck.toml", 'corpus = "news"\nexclude = ["drafts"]\nselect = ["trade"]\n')
    report = run_json("news", "--select", "meetings", "--exclude", "b.txt")
    assert {a["id"] for a in report["articles"]} == {"a.txt", "drafts/c.txt"}
    assert report["claims"] == []  # no meeting claims left once b.txt is out
    report = run_json("--select", "meetings")
    assert {c["rule"] for c in report["claims"]} == {"meeting-count"}


def test_configured_baseline_and_ledger_are_used_by_ci(project: Path) -> None:
    toml(project / "news" / "d.txt", TRADE.replace("$240", "$200"))
    toml(
        project / "claimcheck.toml",
        'corpus = "news"\nbaseline = "ci/base.json"\nledger = "ci/reviews.jsonl"\n',
    )
    assert main(["ci"]) == 2  # a configured baseline that does not exist is an error
    assert main(["baseline"]) == 0
    assert (project / "ci" / "base.json").is_file()
    assert main(["ci"]) == 0
    (project / "ci" / "base.json").write_text('{"claimcheck_baseline": 1, "findings": []}\n')
    assert main(["ci"]) == 1
    ids = [f["id"] for f in run_json()["findings"] if f["verdict"] == "contradict"]
    (project / "ci" / "reviews.jsonl").write_text(
        "".join(json.dumps({"finding": i, "decision": "dismissed"}) + "\n" for i in ids)
    )
    assert main(["ci"]) == 0
    assert main(["ci", "--ledger", "none.jsonl"]) == 1


def test_tolerances_and_fx_are_passed_to_the_run(project: Path) -> None:
    toml(project / "data" / "fx.csv", "year,currency,per_usd,source\n2023,EUR,0.925,test\n")
    toml(
        project / "pyproject.toml",
        '[tool.claimcheck]\ncorpus = "news"\nfx = "data/fx.csv"\n'
        "[tool.claimcheck.tolerances]\ntrade = 0.01\n",
    )
    args = build_parser().parse_args(["check"])
    assert isinstance(args, argparse.Namespace)
    options = prepare(args).options
    assert options.tolerances == (("trade", 0.01),)
    assert options.fx is not None and options.fx.origin == str(
        (project / "data" / "fx.csv").resolve()
    )
    assert options.fx.rate(2023, "EUR").per_usd == 0.925
    assert options.corpus == (project / "news").resolve()


def test_malformed_fx_file_exits_2(project: Path) -> None:
    toml(project / "rates.csv", "currency,usd\nEUR,1.1\n")
    toml(project / "claimcheck.toml", 'corpus = "news"\nfx = "rates.csv"\n')
    assert main(["check", "-q"]) == 2


def test_missing_fx_file_exits_2(project: Path) -> None:
    toml(project / "claimcheck.toml", 'corpus = "news"\nfx = "nope.csv"\n')
    assert main(["check", "-q"]) == 2


def test_explicit_config_flag(project: Path) -> None:
    cfg = toml(project / "elsewhere" / "cc.toml", 'corpus = "../news"\nselect = ["meetings"]\n')
    report = run_json("--config", str(cfg))
    assert {c["rule"] for c in report["claims"]} == {"meeting-count"}
