"""A run's claims, kept article by article; those from the cache are read back only if asked for."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import overload

from checker.codec import CachedClaims
from checker.compare import compared_under
from checker.model import Claim


class ClaimBlocks(Sequence[Claim]):
    """Every claim of a run in report order, as its articles' blocks: claims found in this run,
    or an article's CachedClaims. Iterating reads cached claims back as it reaches them.

    A warm run's JSON report needs no claim as an object (the cache kept their entries), and
    compare needs only `compared()`: so in a corpus where half the claims are under a key of
    their own, half the claims are never read back.
    """

    __slots__ = ("_blocks", "_cached", "_len", "_starts")

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        self._blocks: list[Sequence[Claim]] = []
        self._starts: list[int] = []  # where each block starts in the whole
        self._len = 0
        self._cached = False  # whether some block is the cache's (claims still unread)
        self.add(tuple(claims))

    def add(self, block: Sequence[Claim]) -> None:
        """Append one article's claims (a tuple, or the cache's CachedClaims)."""
        if block:
            self._blocks.append(block)
            self._starts.append(self._len)
            self._len += len(block)
            self._cached = self._cached or type(block) is CachedClaims

    def settled(self) -> Sequence[Claim]:
        """The claims for a report: a tuple, unless some are still to be read back (then this)."""
        return self if self._cached else tuple(chain.from_iterable(self._blocks))

    def compared(self) -> Iterable[Claim]:
        """The claims compare needs, in order: those under a key that some other claim (or
        the same claim moved by its offset) is compared under too. A key only one entry
        speaks to can have no finding, so compare gives the same findings from these."""
        if not self._cached:
            return self
        keys = [
            b.keys if type(b) is CachedClaims else [compared_under(c) for c in b]
            for b in self._blocks
        ]
        counts = Counter(chain.from_iterable(chain.from_iterable(keys)))
        return self._entering(keys, {k for k, n in counts.items() if n > 1})

    def _entering(self, keys: list[list[list[str]]], shared: set[str]) -> Iterator[Claim]:
        for block, under in zip(self._blocks, keys, strict=True):
            for i, names in enumerate(under):
                for name in names:
                    if name in shared:
                        yield block[i]
                        break

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[Claim]:
        for block in self._blocks:
            yield from block

    @overload
    def __getitem__(self, i: int) -> Claim: ...
    @overload
    def __getitem__(self, i: slice) -> list[Claim]: ...
    def __getitem__(self, i: int | slice) -> Claim | list[Claim]:
        if isinstance(i, slice):
            start, stop, step = i.indices(self._len)
            if step != 1:
                return [self[j] for j in range(start, stop, step)]
            out: list[Claim] = []
            k = bisect_right(self._starts, start) - 1
            while start < stop:
                block = self._blocks[k]
                at = start - self._starts[k]
                part = block[at : at + stop - start]
                out.extend(part)
                start += len(part)
                k += 1
            return out
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("claim index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._blocks[k][i - self._starts[k]]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Sequence)
            and len(other) == self._len
            and all(a == b for a, b in zip(self, other))  # noqa: B905 (lengths checked)
        )

    __hash__ = None  # type: ignore[assignment]
