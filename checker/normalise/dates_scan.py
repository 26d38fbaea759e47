"""Where the date grammar runs: a stdlib `re` scan picks the places, the `regex` grammar reads.

Why two engines. The grammar needs the `regex` module (named lists, variable-length
lookbehind, `timeout=`), but trying it at every position of an article costs some 30 µs
a position. So one pass of a single compiled stdlib pattern (`START_SCAN`, linear on any
text) finds each position where a date expression may start, and the token found there
selects the branches that can open with it (`OPENERS`). The grammar then runs `.match()`
only at those positions, with only those branches, and always with a time limit:
hostile text can still make a branch backtrack, and the limit is what keeps that from
hanging a run. The limit is one budget for the whole text, spent only inside the grammar,
not one per position; and a match may not run on past `LONGEST` characters, as the old
windows around anchor words did not let it either.

The result is the same as a `finditer` of the whole grammar over the text: a position is
skipped only where START fails, and a branch only where it cannot match
(`tests/test_date_properties.py` checks this on generated text).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator

import regex

from checker.normalise.dates_followers import NARROWED_BY_NEXT, NEEDS_NEXT, Followers
from checker.normalise.dates_grammar import KINDS, compile_grammar
from checker.normalise.dates_openers import OPENERS, START_SCAN, next_word, opener_of
from checker.normalise.prefilter import lower_keeping_offsets
from checker.patterns import SCAN_TIMEOUT, scan_timeout

# First token -> the kinds worth trying after it, in grammar order.
KINDS_BY_OPENER: dict[str, tuple[str, ...]] = {}
for _kind in KINDS:
    for _token in OPENERS[_kind]:
        KINDS_BY_OPENER[_token] = (*KINDS_BY_OPENER.get(_token, ()), _kind)

# (key, next word) -> the kinds still worth trying, in grammar order (none: skip).
NARROWED: dict[tuple[str, str], tuple[str, ...]] = {
    (key, word): tuple(k for k in KINDS_BY_OPENER[key] if k == kind)
    for key, (_, table) in NARROWED_BY_NEXT.items()
    for word, kind in table.items()
}

# Per key, in one lookup: its kinds, its Followers (or None) and the START_SCAN group whose
# word may narrow its kinds (or None).
PLANS: dict[str, tuple[tuple[str, ...], Followers | None, str | None]] = {
    key: (kinds, NEEDS_NEXT.get(key), NARROWED_BY_NEXT.get(key, (None,))[0])
    for key, kinds in KINDS_BY_OPENER.items()
}

# No date expression is longer than this; only runs of blank space could make one so, and
# they would make the grammar backtrack over every length of them.
LONGEST = 400

# Compiling a cut-down grammar costs about 3 ms a branch; until a kinds tuple has been
# used this many times a branch, its branches are tried one by one instead (BranchByBranch).
USES_PER_BRANCH = 300


class BranchByBranch:
    """The cut-down grammar of `kinds`, matched as one branch at a time, in grammar order.

    The grammar is START's look behind followed by one alternation, so at a position it
    gives the first branch, in order, that matches there: exactly what trying each branch
    alone, in the same order, gives. Each branch is compiled when first tried, once per
    process, so a short run (a warm run that re-reads a few changed articles) compiles
    only the branches its texts reach, not the whole grammar (0.2 s, 49 branches).
    """

    __slots__ = ("branches", "kinds")

    def __init__(self, kinds: tuple[str, ...], branches: dict[str, regex.Pattern[str]]) -> None:
        self.kinds = kinds
        self.branches = branches  # kind -> its one-branch grammar, shared by the process

    def match(
        self, text: str, pos: int, endpos: int, timeout: float | None = None
    ) -> regex.Match[str] | None:
        """What the cut-down grammar's .match(text, pos, endpos) gives, within `timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for kind in self.kinds:
            grammar = self.branches.get(kind)
            if grammar is None:
                grammar = self.branches[kind] = compile_grammar((kind,), guarded=False)
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise TimeoutError("date grammar: out of time")
            match = grammar.match(text, pos, endpos, timeout=left)
            if match is not None:
                return match
        return None


class Grammars:
    """Compiled grammars: cut-down ones once they will repay compiling, branch by branch
    until then.

    Either gives the same match at a start position as the whole grammar does.
    """

    def __init__(self, uses_per_branch: int = USES_PER_BRANCH) -> None:
        self.uses_per_branch = uses_per_branch
        self.compiled: dict[tuple[str, ...], regex.Pattern[str]] = {}  # the cut-down ones
        self._uses: Counter[tuple[str, ...]] = Counter()
        self._branches: dict[str, regex.Pattern[str]] = {}
        self._by_branch: dict[tuple[str, ...], BranchByBranch] = {}

    def for_kinds(self, kinds: tuple[str, ...]) -> regex.Pattern[str] | BranchByBranch:
        """A grammar that matches like the whole one wherever only `kinds` can match."""
        grammar = self.compiled.get(kinds)
        if grammar is not None:
            return grammar
        self._uses[kinds] += 1
        if len(kinds) == 1 or self._uses[kinds] > self.uses_per_branch * len(kinds):
            # START_SCAN has checked START's guard, so the grammar skips it.
            one = self._branches.get(kinds[0]) if len(kinds) == 1 else None
            grammar = self.compiled[kinds] = one or compile_grammar(kinds, guarded=False)
            if len(kinds) == 1:
                self._branches[kinds[0]] = grammar
            return grammar
        by_branch = self._by_branch.get(kinds)
        if by_branch is None:
            by_branch = self._by_branch[kinds] = BranchByBranch(kinds, self._branches)
        return by_branch


# The process's grammars: a compile cache, like the `re` module's own.
GRAMMARS = Grammars()


def scan(text: str, grammars: Grammars = GRAMMARS) -> Iterator[tuple[str, regex.Match[str]]]:
    """(kind, match) for each grammar match in `text`, left to right, not overlapping.

    A timeout ends the scan; what was found before it stands.
    """
    budget, pos, end = SCAN_TIMEOUT, 0, len(text)
    lowered = lower_keeping_offsets(text)
    compiled, clock = grammars.compiled, time.monotonic
    for start in START_SCAN.finditer(lowered):
        at = start.start()
        if at < pos:
            continue
        key = opener_of(start)
        plan = PLANS.get(key)
        if plan is None:
            continue
        kinds, followers, narrowing = plan
        if followers is not None and not followers.allow(start, text):
            continue
        if narrowing is not None:
            kinds = _narrowed(start, narrowing, key, kinds)
            if not kinds:
                continue
        grammar = compiled.get(kinds) or grammars.for_kinds(kinds)
        began = clock()
        # Under the scan watch the budget is still kept here, but not by the regex module.
        limit = None if scan_timeout() is None else budget
        try:
            match = grammar.match(text, at, min(end, at + LONGEST), timeout=limit)
        except TimeoutError:
            # Pathological input: what was found before the time limit stands.
            return
        budget -= clock() - began
        if match is not None and match.end() > at:
            pos = match.end()
            for kind in kinds:
                if match.group(kind) is not None:
                    yield kind, match
                    break
        if budget <= 0:
            return


def _narrowed(
    start: re.Match[str], group: str, key: str, kinds: tuple[str, ...]
) -> tuple[str, ...]:
    """The kinds worth trying when the next word is one that leaves only one branch."""
    word = next_word(start, group)
    return kinds if word is None else NARROWED.get((key, word), kinds)
