"""compile_pattern compiles on first use, and the pattern then works as the compiled one."""

from __future__ import annotations

import pickle

import pytest
import regex

from checker.patterns import FLAGS, compile_pattern, finditer


def test_a_lazy_pattern_matches_as_the_compiled_one():
    source = r"\b (?P<bound>\L<bound_words>) \s+ (?P<n>\d+)"
    words = ["more than", "more", "over"]
    lazy = compile_pattern(source, bound_words=words)
    eager = regex.compile(source, FLAGS, bound_words=sorted(words, key=len, reverse=True))
    text = "Trade grew by more than 40 percent, over 12 months; more 3."
    assert [m.groupdict() for m in finditer(lazy, text)] == [
        m.groupdict() for m in eager.finditer(text)
    ]
    assert lazy.groupindex == eager.groupindex and lazy.pattern == source
    assert pickle.loads(pickle.dumps(lazy)).search(text)["n"] == "40"


def test_a_bad_pattern_fails_where_it_is_first_used():
    bad = compile_pattern(r"(?P<open>unclosed")  # no error yet: nothing compiled
    with pytest.raises(regex.error):
        bad.search("unclosed")
