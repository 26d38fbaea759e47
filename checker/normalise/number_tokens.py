"""Tokens of a number run: what each word or group of digits is and is worth.

`numbers.py` matches a run with a pattern built on `number_patterns.NUM_RUN`, whose `t_*`
groups capture every token; `tokens_of` reads them back from the match (the regex module
keeps every capture of a repeated group), so no second scan is needed. `simple_tokens` reads
the commonest runs ("two", "2023-02-24", "240.1 billion") without the captures at all, and
`scaled_tokens` the amounts ("240.1 billion") without even matching the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.normalise import number_words as w
from checker.normalise.prefilter import fold_lower

# Token kinds. Digits are NUM; words take the kind of the table they come from.
NUM, SLASH, VULG = "num", "slash", "vulgar"
UNIT, TEEN, TENS, HUNDRED, SCALE, DOZEN = "unit", "teen", "tens", "hundred", "scale", "dozen"
ORD, HALF, PLDEN = "ord", "half", "plden"
AND, POINT, A, OF, COMMA, HYPHEN = "and", "point", "a", "of", "comma", "hyphen"

_WORD_KINDS: dict[str, tuple[str, float]] = {}
for _kind, _table in (
    (UNIT, w.UNITS),
    (TEEN, w.TEENS),
    (TENS, w.TENS),
    (HUNDRED, w.HUNDREDS),
    (SCALE, w.SCALES),
    (DOZEN, w.DOZENS),
    (ORD, w.ORDINALS),
    (HALF, w.HALVES),
    (PLDEN, w.PLURAL_DENOMINATORS),
):
    for _word, _value in _table.items():
        _WORD_KINDS[_word] = (_kind, float(_value))
# "halves" and "quarters" are plural denominators, like "thirds".
_WORD_KINDS["halves"] = (PLDEN, 2.0)
_WORD_KINDS["quarters"] = (PLDEN, 4.0)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a run: its kind, its span in the text and what it is worth."""

    kind: str
    start: int
    end: int
    value: float = 0.0
    word: str = ""
    step: float = 1.0  # size of one unit of the last digit ("1.5bn" -> 1e8)
    scaled: float = 1.0  # the abbreviation's scale, 1 when there is none
    plain: bool = True  # an integer with no separators, decimals or abbreviation
    ordinal: bool = False  # digits with st/nd/rd/th


def _digits_token(text: str, start: int, end: int, stop: int, scale: float, ordsfx: bool) -> Token:
    """A NUM token from digits text[start:end] and a suffix running to `stop`."""
    raw = text[start:end]
    clean = "".join(ch for ch in raw if ch.isdigit() or ch == ".")
    value = float(clean)
    decimals = len(clean) - clean.index(".") - 1 if "." in clean else 0
    step = 10.0**-decimals
    plain = scale == 1.0 and decimals == 0 and clean == raw
    return Token(NUM, start, stop, value * scale, raw, step * scale, scale, plain, ordsfx)


# Capture groups of a run pattern (number_patterns.NUM_RUN) that are tokens of their own.
_MARKERS = {
    "t_and": AND,
    "t_point": POINT,
    "t_a": A,
    "t_of": OF,
    "t_comma": COMMA,
    "t_hyph": HYPHEN,
}


def tokens_of(m: regex.Match[str]) -> list[Token]:
    """The tokens of a run, read from the captures of a pattern built on NUM_RUN."""
    text = m.string
    tokens: list[Token] = []
    # Most runs fill two or three of the dozen token groups. `regs` holds each group's last
    # capture, (-1, -1) when it has none, and is read in one call: asking every group for its
    # captures cost most of the time spent here.
    regs, index = m.regs, m.re.groupindex

    def spans(name: str) -> list[tuple[int, int]]:
        return m.spans(name) if regs[index[name]][0] >= 0 else []

    # An abbreviation or ordinal suffix starts where its digits end (or one space later).
    suffixes = dict(spans("t_suf"))
    ordinals = dict(spans("t_ord"))
    for s, e in spans("t_num"):
        stop, scale, ordinal = e, 1.0, False
        if e in suffixes:
            stop = suffixes[e]
            scale = w.GLUED_SCALES[text[e:stop].strip()]
        elif e in ordinals:
            stop, ordinal = ordinals[e], True
        tokens.append(_digits_token(text, s, e, stop, scale, ordinal))
    for s, e in spans("t_word"):
        word = fold_lower(text[s:e])  # as the pattern that matched it reads it
        entry = _WORD_KINDS.get(word)
        if entry is None:  # a word the pattern read but no table knows: no number at all,
            return []  # rather than a number read from the rest of the run
        kind, value = entry
        tokens.append(Token(kind, s, e, value, word))
    for s, e in spans("t_slash"):
        tokens.append(Token(SLASH, s, e, _slash_value(text[s:e]), plain=False))
    for s, e in spans("t_vulg"):
        raw = text[s:e]
        whole = float(raw[:-1]) if len(raw) > 1 else 0.0
        tokens.append(Token(VULG, s, e, whole + w.VULGAR_FRACTIONS[raw[-1]], plain=False))
    for name, kind in _MARKERS.items():
        for s, e in spans(name):
            tokens.append(Token(kind, s, e))
    tokens.sort(key=_start_of)
    return tokens


def simple_tokens(text: str, start: int, end: int) -> list[Token] | None:
    """The tokens of a run that is one word, digits joined by hyphens ("two", "2023-02-24") or
    digits with a scale word ("240.1 billion"), read without the regex captures; None for any
    other run."""
    run = text[start:end]
    if run.isalpha():
        entry = _WORD_KINDS.get(run.lower())
        if entry is None:
            return None
        return [Token(entry[0], start, end, entry[1], run.lower())]
    if not run.isascii() or not run.replace("-", "").isdigit() or "--" in run:
        return scaled_tokens(text, start, end)
    tokens: list[Token] = []
    pos = start
    for part in run.split("-"):
        if tokens:
            tokens.append(Token(HYPHEN, pos, pos + 1))
            pos += 1
        tokens.append(Token(NUM, pos, pos + len(part), float(part), part))
        pos += len(part)
    return tokens


def scaled_tokens(text: str, start: int, end: int) -> list[Token] | None:
    """The tokens of "240", "240.1" or "240.1 billion": ASCII digits with at most one decimal
    point inside them, then perhaps one space and a scale word; None for any other run.

    The commonest amounts in news, read as the run patterns read them: the digits can only be
    one `\\d+ (?: \\.\\d+ )?` token with no suffix (a scale word is never an abbreviation
    in SPACED_SCALES), and the word only a `t_word` after a bare space. So this holds for a
    span cut out of any text, as numbers_in_run needs, and not only for a whole run.
    """
    run = text[start:end]
    digits, space, word = run.partition(" ")
    if not (
        digits.isascii()
        and digits.replace(".", "", 1).isdigit()
        and digits[0] != "."
        and digits[-1] != "."
    ):
        return None
    stop = start + len(digits)
    if not space:
        return [_digits_token(text, start, stop, stop, 1.0, False)]
    entry = _WORD_KINDS.get(word.lower()) if word.isascii() and word.isalpha() else None
    if entry is None or entry[0] != SCALE:
        return None
    return [
        _digits_token(text, start, stop, stop, 1.0, False),
        Token(SCALE, stop + 1, end, entry[1], word.lower()),
    ]


def _start_of(token: Token) -> int:
    return token.start


def _slash_value(raw: str) -> float:
    """2 1/4 -> 2.25; a fraction only when the numerator is below the denominator."""
    parts = raw.split()
    whole = float(parts[0]) if len(parts) == 2 else 0.0
    num, den = (float(x) for x in parts[-1].split("/"))
    if den == 0 or num >= den:
        return float("nan")  # "24/7", "9/11": not a fraction; the caller drops it
    return whole + num / den
