"""The user's store of compiled patterns: the same patterns, fewer compiles, nothing run."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from checker.pattern_store import PatternStore, digest, store_dir, store_file
from checker.patterns import FLAGS

REPO = Path(__file__).resolve().parent.parent
SOURCE = r"\b (?P<bound>\L<bounds>) \s+ (?P<n>\d+) (?P<unit>\L<units>)?"
LISTS = {"bounds": ["more than", "nearly", "over"], "units": ["bn", "m"]}
TEXT = "Trade grew by more than 40bn, nearly 12 m; over 7."


def _matches(pattern: regex.Pattern[str]) -> list[dict[str, str | None]]:
    return [m.groupdict() for m in pattern.finditer(TEXT)]


def test_a_pattern_from_the_store_matches_as_a_freshly_compiled_one(tmp_path):
    first = PatternStore(tmp_path)
    made = first.compile(SOURCE, FLAGS, LISTS)
    first.save()
    again = PatternStore(tmp_path)
    kept = again.compile(SOURCE, FLAGS, LISTS)
    assert (first.compiled, again.compiled, again.loaded) == (1, 0, 1)
    fresh = regex.compile(SOURCE, FLAGS, **LISTS)
    assert _matches(kept) == _matches(made) == _matches(fresh)
    assert len(_matches(fresh)) == 3
    assert kept.groupindex == fresh.groupindex and kept.flags == fresh.flags


def test_the_word_lists_and_flags_are_part_of_what_is_kept(tmp_path):
    store = PatternStore(tmp_path)
    store.compile(SOURCE, FLAGS, LISTS)
    store.save()
    other = PatternStore(tmp_path)
    narrower = other.compile(SOURCE, FLAGS, {**LISTS, "bounds": ["nearly"]})
    case_kept = other.compile(SOURCE, FLAGS & ~regex.IGNORECASE, LISTS)
    assert other.loaded == 0 and other.compiled == 2
    assert [m["bound"] for m in narrower.finditer(TEXT)] == ["nearly"]
    assert case_kept.search("MORE THAN 4") is None
    assert digest(SOURCE, FLAGS, LISTS) != digest(SOURCE, FLAGS, {"bounds": LISTS["units"]})
    # A word list is a set to regex: its order is not part of what is kept.
    shuffled = {k: list(reversed(v)) for k, v in LISTS.items()}
    assert digest(SOURCE, FLAGS, LISTS) == digest(SOURCE, FLAGS, shuffled)
    # Fields are delimited: words that contain the separators of another layout still differ.
    assert digest("a", 0, {"x": ["b\0\0c"]}) != digest("a", 0, {"x": ["b"], "c": []})


def test_a_file_that_names_another_callable_is_not_run(tmp_path):
    class Boom:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "ran"),))

    path = store_file(tmp_path)
    path.write_bytes(pickle.dumps({digest(SOURCE, FLAGS, LISTS): pickle.dumps(Boom())}))
    store = PatternStore(tmp_path)
    pattern = store.compile(SOURCE, FLAGS, LISTS)
    assert not (tmp_path / "ran").exists()
    assert store.compiled == 1 and _matches(pattern) == _matches(
        regex.compile(SOURCE, FLAGS, **LISTS)
    )
    path.write_bytes(pickle.dumps(Boom()))  # the whole file, not one entry
    assert PatternStore(tmp_path).compile(SOURCE, FLAGS, LISTS).search(TEXT)
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00\xff not a pickle", pickle.dumps(["a list"]), pickle.dumps({"k": "not bytes"})],
)
def test_a_damaged_store_is_compiled_around_and_then_replaced(tmp_path, damage):
    path = store_file(tmp_path)
    path.write_bytes(damage)
    store = PatternStore(tmp_path)
    assert _matches(store.compile(SOURCE, FLAGS, LISTS)) == _matches(
        regex.compile(SOURCE, FLAGS, **LISTS)
    )
    store.save()
    again = PatternStore(tmp_path)
    again.compile(SOURCE, FLAGS, LISTS)
    assert (again.loaded, again.compiled) == (1, 0)
    assert path.read_bytes() != damage


def test_an_entry_whose_pattern_text_differs_is_not_used(tmp_path):
    # A digest collision, or an entry written under the wrong key: compiled afresh.
    wrong = pickle.dumps(regex.compile("nothing like it"))
    store_file(tmp_path).write_bytes(pickle.dumps({digest(SOURCE, FLAGS, LISTS): wrong}))
    store = PatternStore(tmp_path)
    assert store.compile(SOURCE, FLAGS, LISTS).pattern == SOURCE
    assert (store.loaded, store.compiled) == (0, 1)


def test_saving_merges_with_what_another_process_wrote(tmp_path):
    one, two = PatternStore(tmp_path), PatternStore(tmp_path)
    one.compile("a+", 0)
    two.compile("b+", 0)
    one.save()
    two.save()
    third = PatternStore(tmp_path)
    third.compile("a+", 0)
    third.compile("b+", 0)
    assert (third.loaded, third.compiled) == (2, 0)


def test_a_crowded_store_keeps_what_this_process_used(tmp_path, monkeypatch):
    monkeypatch.setattr("checker.pattern_store.MOST_ENTRIES", 3)
    old = PatternStore(tmp_path)
    for i in range(4):
        old.compile(f"old{i}", 0)
    old.save()  # more than three, but all four were used by this process: all kept
    new = PatternStore(tmp_path)
    new.compile("old0", 0)
    new.compile("new", 0)
    new.save()
    kept = PatternStore(tmp_path)
    for source in ("old0", "new", "old1"):
        kept.compile(source, 0)
    assert (kept.loaded, kept.compiled) == (2, 1)


def test_where_the_store_is(tmp_path):
    assert store_dir({"CLAIMCHECK_PATTERN_CACHE": str(tmp_path)}) == tmp_path
    for off in ("off", "0", "", "  "):
        assert store_dir({"CLAIMCHECK_PATTERN_CACHE": off}) is None
    home = {"HOME": "/home/u"}
    assert store_dir({"CLAIMCHECK_PATTERN_CACHE": "~/pc", **home}) == Path(
        os.path.expanduser("~/pc")
    )
    assert store_dir({"XDG_CACHE_HOME": "/x/cache", **home}) == Path("/x/cache/claimcheck")
    if os.name != "nt":
        # A relative XDG_CACHE_HOME is ignored (the XDG spec): not a folder of the project.
        assert store_dir({"XDG_CACHE_HOME": "cache", **home}) == Path("/home/u/.cache/claimcheck")
        assert store_dir({"HOME": ""}) is None  # no home: nothing kept, not /.cache
    store = PatternStore(None)
    assert store.compile(SOURCE, FLAGS, LISTS).search(TEXT)["n"] == "40"
    assert (store.loaded, store.compiled) == (0, 1)


def test_an_unwritable_store_costs_compiles_not_the_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    store = PatternStore(blocker / "store")
    assert store.compile("c+", 0).match("ccc")
    store.save()  # quietly nothing
    assert not (blocker / "store").exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers exist only where fork does")
def test_a_forked_worker_keeps_nothing(tmp_path):
    import multiprocessing

    store = PatternStore(tmp_path)
    store.compile("parent+", 0)

    def in_child() -> None:
        store.compile("child+", 0)
        store.save()

    child = multiprocessing.get_context("fork").Process(target=in_child)
    child.start()
    child.join()
    assert child.exitcode == 0
    assert not store_file(tmp_path).exists()  # the child wrote nothing
    store.save()
    later = PatternStore(tmp_path)
    later.compile("parent+", 0)
    later.compile("child+", 0)
    assert (later.loaded, later.compiled) == (1, 1)


def test_a_second_process_finds_every_pattern_the_first_compiled(tmp_path):
    """Word lists come in set order, which differs between processes (the hash seed): the
    digest must not depend on it, or a store would miss every pattern with a list. A second
    process, with another hash seed, must load everything the first one compiled."""
    script = (
        "import datetime\n"
        "from checker.parse import KINDS, parse_record\n"
        "from checker.pattern_store import store\n"
        "parse_record('Trade hit $240 billion in 2024, up nearly 5%, more than 40 meetings "
        "since 2012; the talks ran March 20 to 22, last September, the 80th anniversary.', "
        "datetime.date(2024, 5, 16), KINDS)\n"
        "s = store(); s.save(); print(s.loaded, s.compiled)\n"
    )
    counts = []
    for seed in ("1", "2"):
        env = {**os.environ, "CLAIMCHECK_PATTERN_CACHE": str(tmp_path), "PYTHONHASHSEED": seed,
               "PYTHONPATH": str(REPO)}  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True,
            text=True, check=True,
        )  # fmt: skip
        counts.append(tuple(map(int, out.stdout.split())))
    (loaded1, compiled1), (loaded2, compiled2) = counts
    assert loaded1 == 0 and compiled1 >= 10
    assert (loaded2, compiled2) == (compiled1, 0)
