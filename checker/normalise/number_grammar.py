"""The grammar of spelled-out and mixed numbers, run over the tokens of one matched run.

`numbers.py` finds a *run* of number tokens with one regular expression ("three hundred and
two dozens", "45 and 50", "4 thousand 3 hundred and 21"); `number_tokens` splits it into
tokens, and this module reads them left to right into one or more numbers. The rules, by example:

    two hundred and two thousand     -> 202000   (a scale closes the group before it)
    three thousand millions          -> 3e9      (a larger scale multiplies what came before)
    one billion and a half million   -> 1.0005e9 (groups fall in size; a fraction may lead one)
    3 million and a half             -> 3.5e6    (a bare trailing fraction takes the last scale)
    3 hundred and 2 hundred          -> 300, 200 (a group cannot repeat the place it follows)
    twenty fifth, one fifth          -> 25th, 0.2 (an ordinal after tens; a fraction after "one")

Everything here is pure and linear in the number of tokens; no backtracking beyond one group.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.normalise import number_words as w
from checker.normalise.number_tokens import (
    AND,
    COMMA,
    DOZEN,
    HALF,
    HUNDRED,
    HYPHEN,
    NUM,
    OF,
    ORD,
    PLDEN,
    POINT,
    SCALE,
    SLASH,
    TEEN,
    TENS,
    UNIT,
    VULG,
    A,
    Token,
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """One number read from a run: its value and the tokens it covers (inclusive)."""

    value: float
    first: int
    last: int
    ordinal: bool = False
    step: float = 1.0


@dataclass(frozen=True, slots=True)
class _Group:
    value: float
    next: int
    scale: float
    step: float
    fraction: bool = False


class _Reader:
    """Recursive descent over one run's tokens."""

    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens
        self.n = len(tokens)

    def kind(self, i: int) -> str | None:
        return self.t[i].kind if i < self.n else None

    def skip_hyphen(self, i: int) -> int:
        return i + 1 if self.kind(i) == HYPHEN else i

    # -- below one hundred ---------------------------------------------------------------
    def sub100(self, i: int) -> tuple[float, int] | None:
        """ "seventy-one", "twelve", "7" (digits only inside word numbers), "two dozen"."""
        k = self.kind(i)
        if k == TENS:
            value, j = self.t[i].value, i + 1
            u = self.skip_hyphen(j)
            if self.kind(u) == UNIT and self.t[u].value > 0:
                value, j = value + self.t[u].value, u + 1
        elif k in (UNIT, TEEN):
            value, j = self.t[i].value, i + 1
        elif k == NUM and self.t[i].plain and not self.t[i].ordinal and self.t[i].value < 100:
            value, j = self.t[i].value, i + 1
        elif k == A and self.kind(i + 1) == DOZEN:
            return 12.0, i + 2
        else:
            return None
        if self.kind(j) == DOZEN:
            value, j = value * 12, j + 1
        return value, j

    def _tail_ok(self, value: float, j: int) -> bool:
        """A trailing small group must not be followed by a place, nor be a numerator."""
        if self.kind(j) in (HUNDRED, PLDEN, HALF):
            return False
        # "one hundred and one fifth" ends in a fraction; "one hundred twenty fifth" is a rank.
        return not (value == 1 and self.kind(j) == ORD and self.t[j].word not in w.NOT_DENOMINATORS)

    def sub1000(self, i: int) -> tuple[float, int] | None:
        """ "three hundred and two dozens", "322 hundred", "a hundred and two", "forty"."""
        k = self.kind(i)
        base: float | None = None
        j = i
        if k == A and self.kind(i + 1) == HUNDRED:
            base, j = 1.0, i + 1
        elif k == HUNDRED and self.t[i].word == "hundred" and self.kind(i + 1) == SCALE:
            return 100.0, i + 1  # bare "hundred thousand"
        elif k == NUM and self.t[i].plain and self.kind(i + 1) == HUNDRED and not self.t[i].ordinal:
            base, j = self.t[i].value, i + 1
        else:
            small = self.sub100(i)
            if small is None:
                return None
            base, j = small
            if self.kind(j) != HUNDRED or base >= 100 or self.t[i].kind == A:
                return base, j
        if base == 0:
            return None
        value, j = base * 100, j + 1  # past "hundred"
        k2 = j + 1 if self.kind(j) == AND else j
        rest = self.sub100(k2)
        if rest is not None and rest[0] > 0 and self._tail_ok(rest[0], rest[1]):
            return value + rest[0], rest[1]
        return value, j

    # -- fractions -----------------------------------------------------------------------
    def fraction(self, i: int) -> tuple[float, int, float] | None:
        """ "two thirds", "a half", "one-eighth", "half" -> (value, next, denominator)."""
        k = self.kind(i)
        if k == HALF and self.t[i].word == "half":
            return 0.5, i + 1, 2.0
        if k == HALF and self.kind(i + 1) == SCALE:
            return 1 / self.t[i].value, i + 1, self.t[i].value  # "quarter million"
        if k == A:
            num, j, singular_ok = 1.0, i + 1, True
        else:
            small = self.sub100(i)
            if small is None or self.kind(small[1] - 1) == DOZEN:
                return None
            num, j = small
            singular_ok = num == 1
        j = self.skip_hyphen(j)
        dk = self.kind(j)
        if dk == PLDEN or (dk == HALF and (singular_ok or self.t[j].word == "quarter")):
            den = self.t[j].value
        elif dk == ORD and singular_ok and self.t[j].word not in w.NOT_DENOMINATORS:
            den = self.t[j].value
        else:
            return None
        return num / den, j + 1, den

    # -- groups --------------------------------------------------------------------------
    def scales(self, j: int) -> tuple[float, int]:
        """Consecutive scale words, each larger than the product so far ("thousand millions")."""
        mult = 1.0
        while self.kind(j) == SCALE and self.t[j].value > mult:
            mult, j = mult * self.t[j].value, j + 1
        return mult, j

    def group(self, i: int, first: bool) -> _Group | None:
        """One group: a fraction, digits or a number below 1000, then any scale words."""
        frac = self.fraction(i)
        if frac is not None:
            value, j, den = frac
            k = j
            if self.kind(k) == OF and self.kind(k + 1) == A:
                k += 2  # "two thirds of a million"
            elif self.kind(k) == A:
                k += 1  # "half a million", "half a dozen"
            if self.kind(k) == DOZEN:
                return _Group(value * 12, k + 1, 1.0, 12 / den)
            mult, k2 = self.scales(k)
            if mult > 1:
                return _Group(value * mult, k2, mult, mult / den, fraction=True)
            return _Group(value, j, 1.0, 1 / den, fraction=True)
        k = self.kind(i)
        if k == NUM and not (self.t[i].plain and self.kind(i + 1) in (HUNDRED, DOZEN)):
            tok = self.t[i]
            if tok.ordinal:
                return None
            if tok.scaled > 1:
                return _Group(tok.value, i + 1, tok.scaled, tok.step)
            j, value, step = i + 1, tok.value, tok.step
            hundred = self.kind(j) == HUNDRED  # "2.12 hundred"; plain digits went to sub1000
            if hundred:
                j, value, step = j + 1, value * 100, step * 100
            mult, j = self.scales(j)
            if hundred or mult > 1:
                return _Group(value * mult, j, mult, step * mult)
            if not first and not (tok.plain and 0 < tok.value < 1000):
                return None
            return _Group(tok.value, i + 1, 1.0, tok.step)
        if k in (SLASH, VULG):
            return _Group(self.t[i].value, i + 1, 1.0, 1.0) if first else None
        if k == A and self.kind(i + 1) == SCALE:
            mult, j = self.scales(i + 1)
            return _Group(mult, j, mult, mult)
        small = self.sub1000(i)
        if small is None:
            return None
        value, j = small
        step = 1.0
        if value == 0 and not first:
            return None
        if self.kind(j) == AND:  # "five and a half", "one hundred and three quarters"
            tail = self.fraction(j + 1)
            if tail is not None:
                value, j, step = value + tail[0], tail[1], 1 / tail[2]
        elif self.kind(j) == POINT:  # "two hundred point zero three"
            digits, k2 = "", j + 1
            while (part := self.sub100(k2)) is not None and self.kind(k2) != NUM:
                digits, k2 = digits + str(int(part[0])), part[1]
            if digits:
                value += float("0." + digits)
                j, step = k2, 10.0 ** -len(digits)
        mult, j = self.scales(j)
        return _Group(value * mult, j, mult, step * mult)

    def cardinal(self, i: int) -> tuple[float, int, float] | None:
        """Groups of falling scale joined by nothing, "and" or a comma."""
        g = self.group(i, first=True)
        if g is None:
            return None
        total, j, last_scale, step = g.value, g.next, g.scale, g.step
        while last_scale > 1:
            k = j + 1 if self.kind(j) in (AND, COMMA) else j
            h = self.group(k, first=False)
            if h is None:
                break
            if k > j and h.next == k + 1 and self.kind(k) == NUM:
                break  # "$240 billion and 200 jobs": bare digits after "and" start a new number
            if h.fraction and h.scale == 1:  # "3 million and a half"
                total += h.value * last_scale
                j, step = h.next, step
                break
            if h.scale >= last_scale:
                break
            total, j, last_scale, step = total + h.value, h.next, h.scale, h.step
        return total, j, step

    # -- one number ------------------------------------------------------------------------
    def number(self, i: int) -> Parsed | None:
        """The longest number starting at token i, or None."""
        tok = self.t[i]
        if tok.kind == NUM and tok.ordinal:
            return Parsed(tok.value, i, i, ordinal=True)
        if tok.kind == ORD:
            if tok.word in w.NOT_DENOMINATORS or self.kind(i - 1) != A:
                return Parsed(tok.value, i, i, ordinal=True)
            return None
        card = self.cardinal(i)
        if card is None:
            return None
        value, j, step = card
        if value != value:  # NaN from a slash pair that is not a fraction
            return None
        last = self.t[j - 1]
        o = self.skip_hyphen(j)
        words_only = all(t.kind != NUM for t in self.t[i:j])
        # After hundreds or a scale only in words: "3 million first-time buyers" is no rank.
        if self.kind(o) == ORD and (
            last.kind == TENS or (words_only and last.kind in (HUNDRED, SCALE))
        ):
            ordv = self.t[o].value
            place = 10 if last.kind == TENS else last.value
            if ordv < place:
                return Parsed(value + ordv, i, o, ordinal=True)
        if self.kind(o) == ORD and last.kind in (UNIT, TEEN, TENS) and self.t[o].value >= 100:
            return Parsed(value * self.t[o].value, i, o, ordinal=True)  # "two hundredth"
        return Parsed(value, i, j - 1, step=step)


def parse_tokens(tokens: list[Token]) -> list[Parsed]:
    """Every number in a run of tokens, left to right."""
    reader = _Reader(tokens)
    out: list[Parsed] = []
    i = 0
    while i < reader.n:
        parsed = reader.number(i)
        if parsed is None:
            i += 1
            continue
        out.append(parsed)
        i = parsed.last + 1
    return out
