"""Tense around a date expression: does "on Tuesday" point back or forward?

News reads a yearless or weekday-only date against the publication date, and the verb
decides the direction: "met on Tuesday" is the Tuesday before, "will meet on Tuesday"
the one after. The rule is deliberately small:

1. Look back from the expression to the start of its clause (a comma, semicolon, dash,
   bracket, or a word such as "following" or "which" that opens a new phrase) and take
   the nearest tense marker.
2. Failing that, look forward to the end of the clause and take the first marker.
3. Failing that, do the same over the whole sentence.
4. Still nothing: Tense.NONE, and the caller applies its own default.

Future markers: will, 'll, shall, would, "is set to", "expected to", scheduled, plans to,
upcoming, next, ahead of, "to attend/visit/meet/..." (a short list of event verbs).
Past markers: said, told, was, were, had, has been, ago, irregular past forms, -ed words.
"""

from __future__ import annotations

from enum import Enum

import regex

from checker.patterns import FLAGS, compile_pattern, finditer, search


class Tense(str, Enum):
    """The time a clause refers to, as far as its verbs show."""

    PAST = "past"
    FUTURE = "future"
    NONE = "none"


# Verbs that, after "to", describe an event still to come ("an invitation to attend").
EVENT_VERBS = [
    "attend", "visit", "meet", "hold", "host", "mark", "run", "begin", "start",
    "travel", "participate", "take part", "sign", "launch", "open", "celebrate",
    "be held", "take place", "speak", "talk", "discuss", "hold talks", "arrive",
    "come", "go", "return", "vote", "announce", "unveil", "release", "publish",
    "be published", "issue", "convene", "resume", "close", "end", "expire",
]  # fmt: skip

# Irregular past forms common in news; regular ones are caught by the -ed rule.
PAST_FORMS = [
    "said", "told", "was", "were", "had", "did", "met", "held", "came", "went",
    "took", "gave", "made", "began", "left", "saw", "sent", "spoke", "wrote", "won",
    "led", "brought", "struck", "broke", "hit", "got", "found", "paid", "fell",
    "rose", "grew", "lost", "kept", "ran", "sat", "stood", "thought", "felt",
    "became", "chose", "drew", "flew", "fought", "heard", "knew", "meant", "sold",
    "bought", "taught", "understood", "wore", "ago", "has been", "have been",
    "had been", "previously", "earlier",
]  # fmt: skip

# -ed words that are not past verbs, or that mark the future ("expected to").
NOT_PAST = ["need", "speed", "indeed", "hundred", "red", "bed", "seed", "feed", "united", "shed"]

TENSE_MARKER = compile_pattern(
    r"""
    (?P<future>
        \b(?: will | shall | would | won't | wouldn't )\b
      | '(?:ll|d)\b | ’(?:ll|d)\b
      | \b(?: is | are | am | was | were ) \s+
            (?: set | due | slated | poised | going | about )? \s* to \s+ (?!have\b)
      | \b(?: expected | scheduled | slated | planned | plans? | planning | intends? | intending
            | hopes? | hoping | aims? | aiming | set | due | poised | going ) \s+ to\b
      | \b(?: upcoming | forthcoming | next | ahead \s+ of | preparations? \s+ for | scheduled
            | planned )\b
      | \bto \s+ (?: \L<event_verbs> )\b
    )
  | (?P<past>
        \b(?: \L<past_forms> )\b
      # A participle after "be" or "is" is passive, not past: "is due to be published".
      # (The space is bounded: looking back over a long run of it is slow on hostile text.)
      | (?<! \b(?: be | being | is | are | am | 's | get | gets ) \s{1,20} )
        \b(?! \L<not_past> \b ) [a-z]{2,}ed\b
    )
    """,
    event_verbs=EVENT_VERBS,
    past_forms=PAST_FORMS,
    not_past=NOT_PAST,
)

# What ends a clause; a date after one of these belongs to a new phrase.
CLAUSE_BREAK = compile_pattern(
    r"""
    [,;:()\[\]—–"“”]
  | \s-\s
  | \b(?: following | after | before | since | when | where | which | who | while | whereas
        | although | though | because | but | and \s+ (?=[a-z]+ed\b) )\b
    """
)

# Sentence ends: a stop followed by a capital or a quote, or a line break.
SENTENCE_BREAK = compile_pattern(
    r"""[.!?]["”’)]?\s+(?=["“‘(]?[A-Z]) | \n""", flags=FLAGS & ~regex.IGNORECASE
)

REPORTING_VERBS = ("said", "told", "added", "reported", "announced", "noted", "stated", "wrote")

NOUN_PHRASE_OPENERS = ("following", "after", "before", "since")

# How far either side of the expression to look, in characters.
WINDOW = 300


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], cut to WINDOW characters either side."""
    lo = max(0, start - WINDOW)
    s = lo
    for m in finditer(SENTENCE_BREAK, text, lo, start):
        s = m.end()
    m = search(SENTENCE_BREAK, text, end, min(len(text), end + WINDOW))
    return s, (m.start() if m else min(len(text), end + WINDOW))


def tense_at(text: str, start: int, end: int) -> Tense:
    """The tense governing the date expression at text[start:end] (see the module docstring)."""
    s_lo, s_hi = sentence_bounds(text, start, end)
    c_lo, opener = s_lo, ""
    for m in finditer(CLAUSE_BREAK, text, s_lo, start):
        c_lo, opener = m.end(), m.group().lower()
    brk = search(CLAUSE_BREAK, text, end, s_hi)
    c_hi = brk.start() if brk else s_hi
    # "following the talks on Tuesday": a phrase that names an event by a noun keeps
    # its own time; the main verb ("was planning to brief") does not govern it.
    scopes = [(c_lo, c_hi)] if opener in NOUN_PHRASE_OPENERS else [(c_lo, c_hi), (s_lo, s_hi)]
    for index, (lo, hi) in enumerate(scopes):
        # Beyond the clause, a reporting verb after the date ("..., the ministry said")
        # dates the report, not the event reported.
        found = _last_marker(text, lo, start) or _first_marker(
            text, end, hi, skip_reporting=index > 0
        )
        if found is not None:
            return found
    return Tense.NONE


def _last_marker(text: str, lo: int, hi: int) -> Tense | None:
    last = None
    for m in finditer(TENSE_MARKER, text, lo, hi):
        last = m
    return None if last is None else _tense_of(last)


def _first_marker(text: str, lo: int, hi: int, *, skip_reporting: bool = False) -> Tense | None:
    for m in finditer(TENSE_MARKER, text, lo, hi):
        if not (skip_reporting and m.group().lower() in REPORTING_VERBS):
            return _tense_of(m)
    return None


def _tense_of(m: object) -> Tense:
    return Tense.FUTURE if m["future"] is not None else Tense.PAST  # type: ignore[index]
