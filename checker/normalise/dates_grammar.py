"""The date reader's grammar: one combined pattern, one named branch per kind of expression.

Branches are tried in order at each position, so longer forms come first ("March 20 to
22" before "March 20", "late August or early September" before "late August"). Each
branch is a named group `k_<kind>` whose name `dates` dispatches on. Fragments
(`(?&name)`) and word lists (`\\L<name>`) come from `dates_fragments`; the relative
branches live in `dates_grammar_relative`.

Speed: a match may only start where START allows (a digit, or a word that can open a
date expression); `dates_scan` finds those places with the stdlib `re` module and runs,
at each, only the branches that can open with the token found there (`compile_grammar`
with the kinds of `dates_openers.OPENERS`).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from checker.normalise.dates_fragments import LISTS, expand_lists, splice
from checker.normalise.dates_grammar_relative import RELATIVE_BRANCHES
from checker.normalise.dates_openers import START, START_BEHIND, START_LISTS
from checker.normalise.dates_words import MONTH_PARTS, MONTHS
from checker.pattern_store import compile_regex
from checker.patterns import FLAGS, compile_pattern

CALENDAR_BRANCHES = r"""
    (?P<k_range_ddm>
        (?: (?P<btw1> between ) \s+ | from \s+ )? (?: the \s+ )?
        (?P<d1> (?&dayord) ) (?: \s+ of )?
        (?(btw1) \s+ and \s+ | (?: (?&to) | \s+ (?P<and1> and | & ) \s+ ) ) (?: the \s+ )?
        (?P<d2> (?&dayord) ) (?: \s+ of )? \s* (?P<mon> (?&month) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_range_mdd>
        (?: (?P<btw2> between ) \s+ | from \s+ )?
        (?P<mon> (?&month) ) \s* (?: the \s+ )? (?P<d1> (?&dayord) )
        (?(btw2) \s+ and \s+ | (?&to) )
        (?: (?P<mon2> (?&month) ) \s* )? (?: the \s+ )? (?P<d2> (?&dayord) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_span_pair>
        (?: (?P<btw3> between ) \s+ | from \s+ )
        (?P<p1> (?&mpart) ) (?(btw3) \s+ and \s+ | (?&to) ) (?: in \s+ )? (?P<p2> (?&mpart) )
    )
  | (?P<k_holiday_weekend>
        (?: the \s+ )? weekend \s+ of \s+ (?P<hol> (?&holiday) ) (?: \s+ (?P<year> (?&year4) ) )?
      | (?P<hol> (?&holiday) ) (?: \s+ (?P<year> (?&year4) ) )? \s+ weekend
          (?: \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_holiday>
        (?: (?P<relh> last | next | previous | following | this | coming ) \s+ )?
            (?P<hol> (?&holiday) )
        (?: \s+ (?: of \s+ )? (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year \b ) )?
    )
  | (?P<k_offset>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+ (?P<dir> after | before | from )
            (?= \s+ \S )
    )
  | (?P<k_word_date>
        (?P<mon> (?&month) ) \s+
            (?: (?P<day> (?&dayord) | (?: twenty | thirty ) [\s\-] \L<unit_words> | \L<teen_words> |
            \L<unit_words> ) \s+ )? (?P<yw> (?&year_words) )
      | (?P<day> (?&dayord) | (?: twenty | thirty ) [\s\-] \L<unit_words> | \L<teen_words> |
          \L<unit_words> ) \s+ (?P<mon> (?&month) ) \s+ (?P<yw> (?&year_words) )
      | (?<= \b (?: in | since | of | from | until | by ) \s+ ) (?P<yw> (?&year_words) )
    )
  | (?P<k_alt_pair>
        (?P<p1> (?&mpart) ) ,? \s+ or \s+ (?: in \s+ )? (?P<p2> (?&mpart) )
    )
  | (?P<k_weekday_date>
        (?: (?: this | next | last | coming ) \s+ )? (?P<wd> (?&weekday) ) ,? \s* (?: [\-(] \s* )?
            (?: the \s+ )?
        (?: (?P<year> (?&year4) ) - (?P<mn> 1[0-2] | 0?[1-9] ) - (?P<dn> [12]\d | 3[01] | 0?[1-9] )
            (?! \d )
          | (?P<mon> (?&month) ) [\s\-]* (?P<day> (?&dayord) ) \)?
          | (?P<day> (?&dayord) ) (?: \s+ of )? [\s\-]* (?P<mon> (?&month) ) \)?
          | (?P<mn> 1[0-2] | 0?[1-9] ) [/.\-] (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! [\d/.\-] )
          | (?P<day> (?: [12]\d | 3[01] | 0?[1-9] ) (?: st | nd | rd | th ) | \L<ordinal_words> ) \b
          | (?P<day> [12]\d | 3[01] | 0?[1-9] ) (?= \s* (?: [.,;!?)] | $ ) )
        )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_nth_weekday>
        (?: the \s+ )? (?P<nth> (?&ordn) ) \s+ (?P<wd> (?&weekday) ) \s+ (?: of | in ) \s+
        (?: (?P<mon> (?&month) ) (?: ,? \s+ (?P<year> (?&year4) ) )?
          | (?: the \s+ )? (?P<relm> (?&rel) )? \s* month )
    )
  | (?P<k_nth_week>
        (?: the \s+ )? (?P<nth> (?&ordn) ) (?: \s+ (?P<fromlast> last ) )? \s+ week \s+
            (?: of | in ) \s+
        (?: (?P<mon> (?&month) ) (?: ,? \s+ (?P<year> (?&year4) ) )?
          | (?P<year> (?&year4) )
          | (?P<relm> (?&rel) ) \s* month | (?P<rely> (?&rel) ) \s* year )
    )
  | (?P<k_part_of>
        (?: the \s+ )? (?P<fl> first | last ) \s+ (?P<n> (?&count) ) \s+
            (?P<unit> days | weeks | months | quarters ) \s+ of \s+
        (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) ) \s* year \b )
      | (?: the \s+ )? (?P<nth> (?&ordn) | 1[0-2] th ) \s+ month \s+ of \s+
        (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) ) \s* year \b )
    )
  | (?P<k_nth_day>
        (?: the \s+ )? (?P<nth> (?&dayord) | last ) (?: \s+ (?P<fromlast> last ) )?
        (?: \s+ day \s+ (?: of | in ) | \s+ of ) \s+ (?: the \s+ )?
        (?: (?P<relm> (?&rel) ) \s* month | (?P<mon> (?&month) )
            (?: ,? \s+ (?: of \s+ )? (?P<year> (?&year4) ) )? )
    )
  | (?P<k_week_of>
        (?: (?: the | a ) \s+ )?
            (?: week \s+ (?: of | beginning | starting (?: \s+ on )? | commencing ) | w/c ) \s+
            (?: the \s+ )?
        (?: (?P<mon> (?&month) ) \s* (?P<day> (?&dayord) ) | (?P<day> (?&dayord) ) (?: \s+ of )? \s+
            (?P<mon> (?&month) ) | (?P<day> (?&dayord) ) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_week_number>
        (?: the \s+ )? week \s+ (?P<wn> [1-4]\d | 5[0-3] | 0?[1-9] ) \b
        (?: \s+ of \s+ (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year ) )?
    )
  | (?P<k_iso>
        (?P<year> (?&year4) ) (?P<sep> [-/.] ) (?P<mn> 1[0-2] | 0?[1-9] ) (?P=sep)
            (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! \d )
      | (?<! \d ) (?P<year> (?: 19 | 20 ) \d\d ) (?P<mn> 1[0-2] | 0[1-9] )
          (?P<dn> [12]\d | 3[01] | 0[1-9] ) (?! \d )
      | (?P<year> (?&year4) ) \s (?P<mn> 1[0-2] | 0[1-9] ) \s (?P<dn> [12]\d | 3[01] | 0[1-9] )
          (?! \d )
      | (?P<year> (?&year4) ) [-/] (?P<mon> (?&month) ) [-/] (?P<dn> [12]\d | 3[01] | 0?[1-9] )
          (?! \d )
      | (?P<mon> (?&month) ) - (?P<dn> [12]\d | 3[01] | 0?[1-9] ) - (?P<year> (?&year4) )
    )
  | (?P<k_numeric>
        (?<! [\d/.\-] | \d\s ) (?P<a> \d{1,2} ) (?P<sep> [/.\-] ) (?P<b> \d{1,2} ) (?P=sep)
            (?P<y> (?: 1\d | 20 | 21 ) \d\d | \d\d ) (?! [\d/.\-]\d | \d )
    )
  | (?P<k_month_day>
        (?: the \s+ )? (?P<mon> (?&month) )
            (?: \s* - \s* | \s* (?: the \s+ )? | , \s* (?= \d{1,2} (?: st | nd | rd | th ) ) )
            (?P<day> (?&dayord) )
        (?! \s* (?: - | – | to\b | through\b ) \s* \d )
        (?: (?: \s* ,? \s* | \s+ of \s+ | \s+ in \s+ | \s* - \s* ) (?P<year> (?&year4) ) )?
        (?: ,? \s+ (?P<wd> (?&weekday) ) )?
    )
  | (?P<k_day_month>
        (?: the \s+ )? (?P<day> (?&dayord) )
            (?: \s+ of \s+ (?: the \s+ month \s+ of \s+ )? | \s* [-/] \s* | \s* )
        (?P<mon> (?&month) )
        (?: (?: ,? \s* | \s+ of \s+ | \s+ in \s+ | \s* [-/] \s* ) (?P<year> (?&year4) )
          | (?: \s+ of \s+ | [-/] ) (?P<yy> \d\d ) (?! \d ) )?
    )
  | (?P<k_month_number>
        (?<! [\d/.\-] ) (?P<year> (?&year4) ) [-/] (?P<mn> 1[0-2] | 0?[1-9] ) (?! [\d/.\-] \d | \d )
      | (?<! [\d/.\-] ) (?P<mn> 1[0-2] | 0?[1-9] ) [-/] (?P<year> (?&year4) ) (?! [\d/.\-] \d | \d )
      | (?P<mon> (?&month) ) \s* [-/] \s* (?P<year> (?&year4) )
    )
  | (?P<k_slash_day>
        (?<! [\d/.\-] ) (?P<a> \d{1,2} ) / (?P<b> \d{1,2} ) (?! [\d/] | [.,]\d )
      | (?P<mon> (?&month) ) / (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! [\d/] )
    )
  | (?P<k_ordinal_day>
        (?<= \bon \s+ ) (?: the \s+ )?
            (?P<day> (?: [12]\d | 3[01] | 0?[1-9] ) (?: st | nd | rd | th ) ) \b
        (?= \s* (?: [.,;:!?)] | $ | - | (?: at | in | and | or | to | from | when | with | for ) \b
            ) )
    )
  | (?P<k_quarter>
        (?: the \s+ )? (?P<qn> (?! last ) (?&ordn) ) \s+ (?: quarter | qtr ) \b
        (?: \s+ (?: of \s+ )?
            (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) | the ) \s* year ) )?
      | \b Q (?P<q> [1-4] ) \b (?: \s* (?: of \s+ )? (?P<year> (?&year4) ) )?
      | (?P<year> (?&year4) ) \s* Q (?P<q> [1-4] ) \b
      | \b (?P<yy> \d\d ) Q (?P<q> [1-4] ) \b
    )
  | (?P<k_half>
        (?: the \s+ )? (?P<hn> first | second | 1st | 2nd | latter ) \s+ half \s+ (?: of \s+ )?
        (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) | the ) \s* year )
      | \b H (?P<h> [12] ) \s* (?P<year> (?&year4) )
      | (?P<year> (?&year4) ) \s* H (?P<h> [12] ) \b
    )
  | (?P<k_mod_month>
        (?P<mod> \L<month_parts> ) \s* -? \s*
            (?P<mon> (?&month_alone) | (?&month) (?= ,? \s* (?&year4) ) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_mod_year>
        (?P<mod> \L<year_parts> ) \s* -? \s*
            (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year )
    )
  | (?P<k_month_year>
        (?P<mon> (?&month) ) (?: \s+ of \s+ | ,? \s* ) (?P<year> (?&year4) )
      | (?P<mon> (?&month) ) \s+ of \s+ (?P<yy> \d\d ) (?! \d )
      | (?P<year> (?&year4) ) \s+ (?P<mon> (?&month) ) (?! \s* \d )
    )
  | (?P<k_season>
        (?: (?P<rels> (?&rel) ) \s* (?P<season> spring | summer | autumn | winter | fall ) \b
            (?: \s+ (?: of \s+ )? (?P<year> (?&year4) ) )?
          | (?P<season> spring | summer | autumn | winter | fall ) \s+ (?: of \s+ )?
              (?P<year> (?&year4) ) )
    )
  | (?P<k_decade>
        (?: the \s+ )? (?: (?P<mod> early | mid | late ) [\s\-]+ )?
        (?: (?P<dec> (?: 1\d | 20 ) \d0 ) \s? ['’]? s \b
          | (?<= \bthe\s+ | \bthe\s+(?:early|mid|late)[\s\-]+ ) ['’]? (?P<dd> \d0 ) ['’]? s \b
          | ['’] (?P<dd> \d0 ) s \b
          | (?P<dw> \L<decade_words> ) \b )
    )
  | (?P<k_century>
        (?: the \s+ )? (?P<cn> \d{1,2} (?: st | nd | rd | th ) | \L<ordinal_words> ) [\s\-]+ century
            \b
    )
"""

# Then the relative kinds (`dates_grammar_relative`), then years on their own.
YEAR_BRANCHES = r"""
  | (?P<k_calendar_year>
        (?: the \s+ )? (?: (?: calendar \s+ )? year (?: \s+ of )? | cy ) \s* (?P<year> (?&year4) )
      | \b cy (?P<yy> \d\d ) \b
    )
  | (?P<k_year_pair>
        (?<! \d [\-/] ) (?P<y1> (?&year4) ) \s* [\-–/] \s*
            (?P<y2> (?&year4) | (?<= \d[\-–/] ) \d\d (?! \d ) ) (?! [\-/] \d )
    )
  | (?P<k_year>
        (?: (?<= (?: ^ | [\s(\["'“‘=] ) (?: \L<year_leads> ) \s+ ) | (?<= ^ | [(\["'“‘=] ) |
            (?<= ^\s* ) )
        (?P<year> (?&year4) )
            (?! [\-/] \d | \s* (?: percent | per \s+ cent | bn | billion | million | m \b ) )
      | (?<! \d \s* [\-–/] \s* ) (?P<year> (?&year4) ) (?! \s* [\-–/] \s* \d )
          (?= \s* (?: [.;!?)] | \s* (?: A\.?D\.? | CE ) \b | $ ) )
    )
"""
BRANCHES = CALENDAR_BRANCHES + RELATIVE_BRANCHES + YEAR_BRANCHES


def _branch_sources(branches: str) -> dict[str, str]:
    """Each top-level branch of BRANCHES by its kind, in order (a branch starts a line)."""
    sources: dict[str, list[str]] = {}
    for line in branches.splitlines():
        opening = line.strip()
        if opening.startswith(("(?P<k_", "| (?P<k_")):
            kind = opening.split("<", 1)[1].split(">", 1)[0]
            sources[kind] = [opening.removeprefix("| ")]
        elif sources:
            sources[kind].append(line)
    return {kind: "\n".join(lines) for kind, lines in sources.items()}


# One source per branch; the kinds, in order: `dates.RESOLVERS` has one function for each.
BRANCH_SOURCES = _branch_sources(BRANCHES)
KINDS = tuple(BRANCH_SOURCES)


def compile_grammar(kinds: Iterable[str], *, guarded: bool = True) -> regex.Pattern[str]:
    """The grammar with only the branches of `kinds` (kept in grammar order).

    The others become one branch that never matches, so that every group name of the
    full grammar still exists and `match[name]` reads None instead of raising. Unguarded,
    it keeps only START's cheap look behind: for a caller that checked the rest itself.
    """
    wanted = set(kinds)
    chosen = [BRANCH_SOURCES[k] for k in KINDS if k in wanted]
    unused = [k for k in KINDS if k not in wanted]
    if unused:
        groups = dict.fromkeys(GROUP_NAME.findall("".join(BRANCH_SOURCES[k] for k in unused)))
        taken = set(GROUP_NAME.findall("".join(chosen)))
        chosen.append("(?!) " + "".join(f"(?P<{g}>)" for g in groups if g not in taken))
    start = START if guarded else START_BEHIND
    source = start + "(?:" + splice("\n|".join(chosen)) + ")"
    source = expand_lists(source, {**LISTS, **START_LISTS})
    return compile_regex(source, FLAGS)


GROUP_NAME = regex.compile(r"\(\?P<(\w+)>")

# A month-sized part on its own, to read each side of "late August or early September".
MONTH_PART = compile_pattern(
    r"""
    (?: (?P<mod> \L<month_parts> ) \s* -? \s* )? (?P<mon> \L<months> ) (?![a-z]) \.?
    (?: ,? \s+ (?P<year> \d{4} ) )?
    """,
    months=MONTHS,
    month_parts=MONTH_PARTS,
)
