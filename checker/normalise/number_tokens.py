"""Tokens of a number run: what each word or group of digits is and is worth.

`numbers.py` matches a run with a pattern built on `number_patterns.NUM_RUN`, whose `t_*`
groups capture every token; `tokens_of` reads them back from the match (the regex module
keeps every capture of a repeated group), so no second scan is needed. `simple_tokens` reads
the commonest runs ("two", "2023-02-24") without the captures at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.normalise import number_words as w

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
    # An abbreviation or ordinal suffix starts where its digits end (or one space later).
    suffixes = dict(zip(m.starts("t_suf"), m.ends("t_suf"), strict=True))
    ordinals = dict(zip(m.starts("t_ord"), m.ends("t_ord"), strict=True))
    for s, e in zip(m.starts("t_num"), m.ends("t_num"), strict=True):
        stop, scale, ordinal = e, 1.0, False
        if e in suffixes:
            stop = suffixes[e]
            scale = w.GLUED_SCALES[text[e:stop].strip()]
        elif e in ordinals:
            stop, ordinal = ordinals[e], True
        tokens.append(_digits_token(text, s, e, stop, scale, ordinal))
    for s, e in zip(m.starts("t_word"), m.ends("t_word"), strict=True):
        word = text[s:e].lower()
        kind, value = _WORD_KINDS[word]
        tokens.append(Token(kind, s, e, value, word))
    for s, e in zip(m.starts("t_slash"), m.ends("t_slash"), strict=True):
        tokens.append(Token(SLASH, s, e, _slash_value(text[s:e]), plain=False))
    for s, e in zip(m.starts("t_vulg"), m.ends("t_vulg"), strict=True):
        raw = text[s:e]
        whole = float(raw[:-1]) if len(raw) > 1 else 0.0
        tokens.append(Token(VULG, s, e, whole + w.VULGAR_FRACTIONS[raw[-1]], plain=False))
    for name, kind in _MARKERS.items():
        for s, e in zip(m.starts(name), m.ends(name), strict=True):
            tokens.append(Token(kind, s, e))
    tokens.sort(key=_start_of)
    return tokens


def simple_tokens(text: str, start: int, end: int) -> list[Token] | None:
    """The tokens of a run that is one word or digits joined by hyphens ("two", "2023-02-24"),
    read without the regex captures; None for any other run."""
    run = text[start:end]
    if run.isalpha():
        entry = _WORD_KINDS.get(run.lower())
        if entry is None:
            return None
        return [Token(entry[0], start, end, entry[1], run.lower())]
    if not run.isascii() or not run.replace("-", "").isdigit() or "--" in run:
        return None
    tokens: list[Token] = []
    pos = start
    for part in run.split("-"):
        if tokens:
            tokens.append(Token(HYPHEN, pos, pos + 1))
            pos += 1
        tokens.append(Token(NUM, pos, pos + len(part), float(part), part))
        pos += len(part)
    return tokens


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
