"""The date reader's grammar: one combined pattern, one named branch per kind of expression.

Branches are tried in order at each position, so longer forms come first ("March 20 to
22" before "March 20", "late August or early September" before "late August"). Each
branch is a named group `k_<kind>` whose name `dates_resolve` dispatches on. Fragments
are written once, in a DEFINE-style block, and referred to as `(?&name)`
(Recognizers-Text style); `splice` pastes them in before compiling, because the regex
module runs subroutine calls some twenty times slower than inline groups.

Speed: a match may only start where START allows (a digit, or a word that can open a
date expression), so most positions are rejected after one cheap look.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checker.normalise.dates_words import (
    CARDINAL_WORDS,
    DAY_PARTS,
    DECADE_WORDS,
    FULL_WEEKDAYS,
    HOLIDAYS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    MONTH_LEADS,
    MONTH_PARTS,
    MONTHS,
    ORDINAL_WORDS,
    PLAIN_MONTHS,
    RELATIVE_WORDS,
    UNITS,
    WEEKDAYS,
    YEAR_LEADS,
    YEAR_PARTS,
)
from checker.patterns import compile_pattern

FRAGMENTS = r"""
(?(DEFINE)
  # A month name next to digits: any case, any abbreviation ("Dec31", "14april").
  (?P<month> \L<months> (?![a-z]) \.? )
  # A month name standing alone: "May" and "March" only capitalised, abbreviations only
  # capitalised, so that "may" the modal and "march" the verb stay words.
  (?P<month_alone>
      \L<plain_months> (?![a-z])
    | (?-i: May | March | MAY | MARCH ) (?![a-z])
    | (?: may | march ) (?= \s* (?: [.,;:!?)] | $ ) )
    | (?-i: Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec ) \b \.?
  )
  (?P<weekday> \L<weekdays> (?![a-z]) \.? )
  (?P<weekday_alone> \L<full_weekdays> (?![a-z]) | (?: tues? | thu(?:rs?)? | fri ) (?![a-z]) \.? )
  (?P<daypart> \s+ (?: \L<day_parts> ) \b )
  # A day of the month: 1-31 with an optional ordinal suffix, or an ordinal word.
  (?P<dayord>
      (?<! [\d.,$£€] | [$£€] \s ) (?: [12]\d | 3[01] | 0?[1-9] ) (?: st | nd | rd | th )?
      (?! \d | [.,:]\d | \s* (?: % | percent\b | per\s+cent\b ) )
    | \b \L<ordinal_words> \b
    | (?<= \L<months> \.? \s+ ) \b (?: twenty | thirty ) [\s\-] (?: one | two | three | four | five | six | seven | eight | nine ) \b
  )
  (?P<year4> (?<! [\d$£€#.,:] ) (?: 1\d | 20 | 21 ) \d\d (?! \d | [.,:]\d | \s* % ) )
  (?P<count> (?<! \w ) (?: \d{1,3} (?! [\d,.]\d ) | \L<cardinal_words> ) \b )
  (?P<to> \s* (?: - | – | — | \bto\b | \bthrough\b | \bthru\b | \buntil\b | \btill\b ) \s* )
  (?P<ordn> (?: \L<ordinal_words> | [1-9] (?: st | nd | rd | th ) | last ) \b )
  # A month-sized part: "late August", "early September 2025", "April".
  (?P<mpart> (?: \L<month_parts> \s* -? \s* )? (?: (?&month_alone) | (?&month) (?= ,? \s* (?&year4) ) ) (?: ,? \s+ (?&year4) )? )
  (?P<rel> \L<relative_words> \b )
  (?P<holiday> (?: the \s+ )? \L<holidays> (?![a-z]) )
  # A year said aloud: "two thousand and fifteen", "nineteen ninety six", "seventeen hundred thirty three".
  (?P<small_words> (?: \L<tens_words> (?: [\s\-] \L<unit_words> )? | \L<teen_words> | \L<unit_words> ) \b )
  (?P<year_words>
      \b two \s+ thousand (?: (?: \s+ and )? \s+ (?&small_words) )?
    | \b (?: \L<teen_words> ) \s+ hundred (?: \s+ and )? \s+ (?&small_words)
    | \b (?: seventeen | eighteen | nineteen | twenty ) \s+ \L<tens_words> (?: [\s\-] \L<unit_words> )? \b
  )
)
"""

BRANCHES = r"""
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
      | (?P<hol> (?&holiday) ) (?: \s+ (?P<year> (?&year4) ) )? \s+ weekend (?: \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_holiday>
        (?: (?P<relh> last | next | previous | following | this | coming ) \s+ )? (?P<hol> (?&holiday) )
        (?: \s+ (?: of \s+ )? (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year \b ) )?
    )
  | (?P<k_offset>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+ (?P<dir> after | before | from ) (?= \s+ \S )
    )
  | (?P<k_word_date>
        (?P<mon> (?&month) ) \s+ (?: (?P<day> (?&dayord) | (?: twenty | thirty ) [\s\-] \L<unit_words> | \L<teen_words> | \L<unit_words> ) \s+ )? (?P<yw> (?&year_words) )
      | (?P<day> (?&dayord) | (?: twenty | thirty ) [\s\-] \L<unit_words> | \L<teen_words> | \L<unit_words> ) \s+ (?P<mon> (?&month) ) \s+ (?P<yw> (?&year_words) )
      | (?<= \b (?: in | since | of | from | until | by ) \s+ ) (?P<yw> (?&year_words) )
    )
  | (?P<k_alt_pair>
        (?P<p1> (?&mpart) ) ,? \s+ or \s+ (?: in \s+ )? (?P<p2> (?&mpart) )
    )
  | (?P<k_weekday_date>
        (?: (?: this | next | last | coming ) \s+ )? (?P<wd> (?&weekday) ) ,? \s* (?: [\-(] \s* )? (?: the \s+ )?
        (?: (?P<year> (?&year4) ) - (?P<mn> 1[0-2] | 0?[1-9] ) - (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! \d )
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
        (?: the \s+ )? (?P<nth> (?&ordn) ) (?: \s+ (?P<fromlast> last ) )? \s+ week \s+ (?: of | in ) \s+
        (?: (?P<mon> (?&month) ) (?: ,? \s+ (?P<year> (?&year4) ) )?
          | (?P<year> (?&year4) )
          | (?P<relm> (?&rel) ) \s* month | (?P<rely> (?&rel) ) \s* year )
    )
  | (?P<k_part_of>
        (?: the \s+ )? (?P<fl> first | last ) \s+ (?P<n> (?&count) ) \s+ (?P<unit> days | weeks | months | quarters ) \s+ of \s+
        (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) ) \s* year \b )
      | (?: the \s+ )? (?P<nth> (?&ordn) | 1[0-2] th ) \s+ month \s+ of \s+
        (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) ) \s* year \b )
    )
  | (?P<k_nth_day>
        (?: the \s+ )? (?P<nth> (?&dayord) | last ) (?: \s+ (?P<fromlast> last ) )?
        (?: \s+ day \s+ (?: of | in ) | \s+ of ) \s+ (?: the \s+ )?
        (?: (?P<relm> (?&rel) ) \s* month | (?P<mon> (?&month) ) (?: ,? \s+ (?: of \s+ )? (?P<year> (?&year4) ) )? )
    )
  | (?P<k_week_of>
        (?: (?: the | a ) \s+ )? (?: week \s+ (?: of | beginning | starting (?: \s+ on )? | commencing ) | w/c ) \s+ (?: the \s+ )?
        (?: (?P<mon> (?&month) ) \s* (?P<day> (?&dayord) ) | (?P<day> (?&dayord) ) (?: \s+ of )? \s+ (?P<mon> (?&month) ) | (?P<day> (?&dayord) ) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_week_number>
        (?: the \s+ )? week \s+ (?P<wn> [1-4]\d | 5[0-3] | 0?[1-9] ) \b
        (?: \s+ of \s+ (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year ) )?
    )
  | (?P<k_iso>
        (?P<year> (?&year4) ) (?P<sep> [-/.] ) (?P<mn> 1[0-2] | 0?[1-9] ) (?P=sep) (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! \d )
      | (?<! \d ) (?P<year> (?: 19 | 20 ) \d\d ) (?P<mn> 1[0-2] | 0[1-9] ) (?P<dn> [12]\d | 3[01] | 0[1-9] ) (?! \d )
      | (?P<year> (?&year4) ) \s (?P<mn> 1[0-2] | 0[1-9] ) \s (?P<dn> [12]\d | 3[01] | 0[1-9] ) (?! \d )
      | (?P<year> (?&year4) ) [-/] (?P<mon> (?&month) ) [-/] (?P<dn> [12]\d | 3[01] | 0?[1-9] ) (?! \d )
      | (?P<mon> (?&month) ) - (?P<dn> [12]\d | 3[01] | 0?[1-9] ) - (?P<year> (?&year4) )
    )
  | (?P<k_numeric>
        (?<! [\d/.\-] | \d\s ) (?P<a> \d{1,2} ) (?P<sep> [/.\-] ) (?P<b> \d{1,2} ) (?P=sep) (?P<y> (?: 1\d | 20 | 21 ) \d\d | \d\d ) (?! [\d/.\-]\d | \d )
    )
  | (?P<k_month_day>
        (?: the \s+ )? (?P<mon> (?&month) ) (?: \s* - \s* | \s* (?: the \s+ )? | , \s* (?= \d{1,2} (?: st | nd | rd | th ) ) ) (?P<day> (?&dayord) )
        (?! \s* (?: - | – | to\b | through\b ) \s* \d )
        (?: (?: \s* ,? \s* | \s+ of \s+ | \s+ in \s+ | \s* - \s* ) (?P<year> (?&year4) ) )?
        (?: ,? \s+ (?P<wd> (?&weekday) ) )?
    )
  | (?P<k_day_month>
        (?: the \s+ )? (?P<day> (?&dayord) ) (?: \s+ of \s+ (?: the \s+ month \s+ of \s+ )? | \s* [-/] \s* | \s* )
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
        (?<= \bon \s+ ) (?: the \s+ )? (?P<day> (?: [12]\d | 3[01] | 0?[1-9] ) (?: st | nd | rd | th ) ) \b
        (?= \s* (?: [.,;:!?)] | $ | - | (?: at | in | and | or | to | from | when | with | for ) \b ) )
    )
  | (?P<k_quarter>
        (?: the \s+ )? (?P<qn> (?! last ) (?&ordn) ) \s+ (?: quarter | qtr ) \b
        (?: \s+ (?: of \s+ )? (?: (?P<year> (?&year4) ) | (?: the \s+ )? (?P<rely> (?&rel) | the ) \s* year ) )?
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
        (?P<mod> \L<month_parts> ) \s* -? \s* (?P<mon> (?&month_alone) | (?&month) (?= ,? \s* (?&year4) ) )
        (?: ,? \s+ (?P<year> (?&year4) ) )?
    )
  | (?P<k_mod_year>
        (?P<mod> \L<year_parts> ) \s* -? \s* (?: (?P<year> (?&year4) ) | (?P<rely> (?&rel) ) \s* year )
    )
  | (?P<k_month_year>
        (?P<mon> (?&month) ) (?: \s+ of \s+ | ,? \s* ) (?P<year> (?&year4) )
      | (?P<mon> (?&month) ) \s+ of \s+ (?P<yy> \d\d ) (?! \d )
      | (?P<year> (?&year4) ) \s+ (?P<mon> (?&month) ) (?! \s* \d )
    )
  | (?P<k_season>
        (?: (?P<rels> (?&rel) ) \s* (?P<season> spring | summer | autumn | winter | fall ) \b (?: \s+ (?: of \s+ )? (?P<year> (?&year4) ) )?
          | (?P<season> spring | summer | autumn | winter | fall ) \s+ (?: of \s+ )? (?P<year> (?&year4) ) )
    )
  | (?P<k_decade>
        (?: the \s+ )? (?: (?P<mod> early | mid | late ) [\s\-]+ )?
        (?: (?P<dec> (?: 1\d | 20 ) \d0 ) \s? ['’]? s \b
          | (?<= \bthe\s+ | \bthe\s+(?:early|mid|late)[\s\-]+ ) ['’]? (?P<dd> \d0 ) ['’]? s \b
          | ['’] (?P<dd> \d0 ) s \b
          | (?P<dw> \L<decade_words> ) \b )
    )
  | (?P<k_century>
        (?: the \s+ )? (?P<cn> \d{1,2} (?: st | nd | rd | th ) | \L<ordinal_words> ) [\s\-]+ century \b
    )
  | (?P<k_ago>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+ (?: and \s+ (?P<n2> (?&count) ) \s+ (?P<unit2> \L<units> ) \s+ )?
        (?P<dir> ago | back | hence | from \s+ (?: now | today ) | later | earlier )\b
    )
  | (?P<k_weekdays_ago>
        (?P<n> (?&count) ) \s+ (?P<wd> \L<weekdays> ) s \s+ (?P<dir> ago | back | hence | from \s+ now )\b
    )
  | (?P<k_from_day>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+ (?P<dir> after | from | before ) \s+ (?P<w> today | tomorrow | tmrw | yesterday )\b
    )
  | (?P<k_in_n>
        \b (?: in | within (?: \s+ the )? (?: \s+ next )? ) \s+ (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \b (?: ['’] s? \s+ time )?
        (?: \s+ from \s+ (?: now | today ) )?
    )
  | (?P<k_last_n>
        (?: the \s+ )? (?P<reln> last | past | next | previous | coming | following | upcoming ) \s+
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \b
    )
  | (?P<k_n_next>
        (?P<n> (?&count) ) \s+ (?P<reln> next | past | previous | upcoming | coming | last | following ) \s+ (?P<unit> days | weeks | months | years | quarters | decades ) \b
    )
  | (?P<k_weekday_week>
        (?P<wd> (?&weekday) ) \s+ (?: (?: of | from ) \s+ )? (?: the \s+ )? (?P<relw> (?&rel) ) \s* week \b
      | (?P<relw> (?&rel) ) \s* week (?: ['’]s )? \s* (?: - \s* | on \s+ )? (?P<wd> (?&weekday) )
    )
  | (?P<k_after_next>
        (?P<wd> (?&weekday) ) \s+ after \s+ next \b
      | (?P<mon> (?&month) ) \s+ after \s+ next \b
      | (?: the \s+ )? (?P<unit> week | month | year ) \s+ after \s+ next \b
    )
  | (?P<k_rel_unit>
        (?: (?P<pre> earlier | later ) \s+ (?: in \s+ )? )?
        (?P<relu> (?&rel) ) \s* (?P<cal> calendar \s+ )? (?P<unit> week (?! \s* day ) | weekend | month | year | yr | quarter | qtr | decade | fortnight ) \b
    )
  | (?P<k_the_unit>
        (?<= \b (?: of | for | in | during | throughout ) \s+ ) the \s+ (?P<unit> day | week | month | year | weekend ) \b
        (?! \s* (?: of | before | after | ahead | since | to | when | that | which | in | ['’]s | - | \d ) )
    )
  | (?P<k_rel_day>
        (?: the \s+ )? day \s+ (?P<ba> before | after ) \s+ (?P<w> yesterday | tomorrow )
      | (?P<w> today | tonight | yesterday | tomorrow | tmrw | otd ) \b
    )
  | (?P<k_anchored>
        \b the \s+ (?P<relday> next | following | previous | preceding ) \s+ (?: day | morning | afternoon | evening | night ) \b
      | \b the \s+ day \s+ (?P<ba> before | after ) \b
    )
  | (?P<k_rel_weekday>
        (?P<relwd> this \s+ past | this \s+ coming | this \s+ upcoming | last | next | this | past | previous | coming | following | upcoming )
        \s+ (?P<wd> (?&weekday_alone) ) (?: (?&daypart) )?
    )
  | (?P<k_rel_month>
        (?P<relmon> last | next | this | past | coming ) \s+ (?P<mon> (?&month_alone) )
      | (?P<mon> (?&month_alone) ) \s+ (?P<relyear> last | this | next ) \s+ year \b
    )
  | (?P<k_weekday>
        (?P<wd> (?&weekday_alone) ) (?: (?&daypart) )?
    )
  | (?P<k_month>
        (?<= (?: ^ | [\s(] ) (?: \L<month_leads> ) \s+ ) (?P<mon> (?&month_alone) )
    )
  | (?P<k_calendar_year>
        (?: the \s+ )? (?: (?: calendar \s+ )? year (?: \s+ of )? | cy ) \s* (?P<year> (?&year4) )
      | \b cy (?P<yy> \d\d ) \b
    )
  | (?P<k_year_pair>
        (?<! \d [\-/] ) (?P<y1> (?&year4) ) \s* [\-–/] \s* (?P<y2> (?&year4) | (?<= \d[\-–/] ) \d\d (?! \d ) ) (?! [\-/] \d )
    )
  | (?P<k_year>
        (?: (?<= (?: ^ | [\s(\["'“‘=] ) (?: \L<year_leads> ) \s+ ) | (?<= ^ | [(\["'“‘=] ) | (?<= ^\s* ) )
        (?P<year> (?&year4) ) (?! [\-/] \d | \s* (?: percent | per \s+ cent | bn | billion | million | m \b ) )
      | (?<! \d \s* [\-–/] \s* ) (?P<year> (?&year4) ) (?! \s* [\-–/] \s* \d ) (?= \s* (?: [.;!?)] | \s* (?: A\.?D\.? | CE ) \b | $ ) )
    )
"""

# The kinds, in the order of the branches above; `dates_resolve` has one function for each.
KINDS = tuple(
    line.split("<", 1)[1].split(">", 1)[0]
    for line in BRANCHES.splitlines()
    if line.strip().startswith(("(?P<k_", "| (?P<k_"))
)

LISTS = dict(
    months=MONTHS,
    plain_months=PLAIN_MONTHS,
    weekdays=WEEKDAYS,
    full_weekdays=FULL_WEEKDAYS,
    day_parts=DAY_PARTS,
    ordinal_words=ORDINAL_WORDS,
    cardinal_words=CARDINAL_WORDS,
    units=UNITS,
    relative_words=RELATIVE_WORDS,
    month_parts=MONTH_PARTS,
    year_parts=YEAR_PARTS,
    decade_words=DECADE_WORDS,
    holidays=HOLIDAYS,
    unit_words=UNIT_WORDS,
    teen_words=TEEN_WORDS,
    tens_words=TENS_WORDS,
    month_leads=MONTH_LEADS,
    year_leads=YEAR_LEADS,
)
# Where a date expression may start: the first words of every branch. "the", "a" and
# "in" open one only before a word that belongs to a date, so they stay cheap.
START_WORDS = [
    *MONTHS, *WEEKDAYS, *HOLIDAYS, *ORDINAL_WORDS, *DECADE_WORDS,
    *(word for word in CARDINAL_WORDS if not word.startswith("a")),
    *TEEN_WORDS, *TENS_WORDS, "from", "between", "this", "last", "next", "past",
    "previous", "coming", "following", "upcoming", "current", "present", "early", "mid",
    "late", "end", "middle", "beginning", "start", "week", "weekend", "w/c", "today",
    "tonight", "yesterday", "tomorrow", "tmrw", "otd", "day", "earlier", "later",
    "within", "spring", "summer", "autumn", "fall", "winter", "calendar", "year", "cy",
    "new", "saint", "st", "good", "black", "international", "labor", "labour", "ides",
    "memorial", "independence", "freedom", "jubilee", "earth", "boxing", "valentine's",
]  # fmt: skip
START = r"""
    (?<! [a-z0-9] )
    (?= \d | ['’] | q[1-4] | h[12]
      | (?: \L<start_words> ) (?! [a-z] )
      | the \s+ (?: \d | (?: \L<start_words> | ides | weekend | week | month | year | day ) (?! [a-z] ) )
      | an? \s+ (?: couple | few | (?: day | week | fortnight | month | quarter | year | decade ) s? \b )
      | in \s+ (?: \d | \L<cardinal_words> \b ) )
"""


def splice(source: str, fragments: str) -> str:
    """`source` with every `(?&name)` replaced by the fragment's body, recursively."""
    bodies = dict(_fragment_bodies(fragments))
    for _ in range(6):  # fragments nest at most a few levels deep
        source = FRAGMENT_CALL.sub(lambda m: "(?:" + bodies[m[1]] + ")", source)
    return source


def _fragment_bodies(fragments: str) -> Iterator[tuple[str, str]]:
    """(name, body) for each top-level `(?P<name> body )` inside the DEFINE block."""
    depth, start, name = 0, 0, ""
    for token in FRAGMENT_TOKEN.finditer(fragments):
        text = token.group()
        if text.startswith("(?P<") and depth == 1:
            name, start = token["name"], token.end()
        if text.startswith("("):
            depth += 1
        elif text == ")":
            depth -= 1
            if depth == 1 and name:
                yield name, fragments[start : token.start()]
                name = ""


FRAGMENT_CALL = regex.compile(r"\(\?&(\w+)\)")
# Escapes and classes are skipped whole so that their brackets do not count.
FRAGMENT_TOKEN = regex.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?P<(?P<name>\w+)>|\(|\)|\#[^\n]*")

DATE_EXPRESSION = compile_pattern(
    START + "(?:" + splice(BRANCHES, FRAGMENTS) + ")", start_words=START_WORDS, **LISTS
)

# A month-sized part on its own, to read each side of "late August or early September".
MONTH_PART = compile_pattern(
    r"""
    (?: (?P<mod> \L<month_parts> ) \s* -? \s* )? (?P<mon> \L<months> ) (?![a-z]) \.? (?: ,? \s+ (?P<year> \d{4} ) )?
    """,
    months=MONTHS,
    month_parts=MONTH_PARTS,
)
