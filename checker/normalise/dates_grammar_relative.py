"""The date grammar's branches for relative expressions: "three days ago", "next week".

Part of one combined pattern (`dates_grammar.BRANCHES`): these branches come after the
calendar ones and before bare years, in this order; the same rules apply (a named
group `k_<kind>` per branch, fragments as `(?&name)`, word lists as `\\L<name>`).
"""

from __future__ import annotations

RELATIVE_BRANCHES = r"""
  | (?P<k_ago>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+
            (?: and \s+ (?P<n2> (?&count) ) \s+ (?P<unit2> \L<units> ) \s+ )?
        (?P<dir> ago | back | hence | from \s+ (?: now | today ) | later | earlier )\b
    )
  | (?P<k_weekdays_ago>
        (?P<n> (?&count) ) \s+ (?P<wd> \L<weekdays> ) s \s+
            (?P<dir> ago | back | hence | from \s+ now )\b
    )
  | (?P<k_from_day>
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \s+ (?P<dir> after | from | before ) \s+
            (?P<w> today | tomorrow | tmrw | yesterday )\b
    )
  | (?P<k_in_n>
        \b (?: in | within (?: \s+ the )? (?: \s+ next )? ) \s+ (?P<n> (?&count) ) \s+
            (?P<unit> \L<units> ) \b (?: ['’] s? \s+ time )?
        (?: \s+ from \s+ (?: now | today ) )?
    )
  | (?P<k_last_n>
        (?: the \s+ )? (?P<reln> last | past | next | previous | coming | following | upcoming ) \s+
        (?P<n> (?&count) ) \s+ (?P<unit> \L<units> ) \b
    )
  | (?P<k_n_next>
        (?P<n> (?&count) ) \s+
            (?P<reln> next | past | previous | upcoming | coming | last | following ) \s+
            (?P<unit> days | weeks | months | years | quarters | decades ) \b
    )
  | (?P<k_weekday_week>
        (?P<wd> (?&weekday) ) \s+ (?: (?: of | from ) \s+ )? (?: the \s+ )? (?P<relw> (?&rel) ) \s*
            week \b
      | (?P<relw> (?&rel) ) \s* week (?: ['’]s )? \s* (?: - \s* | on \s+ )? (?P<wd> (?&weekday) )
    )
  | (?P<k_after_next>
        (?P<wd> (?&weekday) ) \s+ after \s+ next \b
      | (?P<mon> (?&month) ) \s+ after \s+ next \b
      | (?: the \s+ )? (?P<unit> week | month | year ) \s+ after \s+ next \b
    )
  | (?P<k_rel_unit>
        (?: (?P<pre> earlier | later ) \s+ (?: in \s+ )? )?
        (?P<relu> (?&rel) ) \s* (?P<cal> calendar \s+ )?
            (?P<unit> week (?! \s* day ) | weekend | month | year | yr | quarter | qtr | decade |
            fortnight ) \b
    )
  | (?P<k_the_unit>
        (?<= \b (?: of | for | in | during | throughout ) \s+ ) the \s+
            (?P<unit> day | week | month | year | weekend ) \b
        (?! \s* (?: of | before | after | ahead | since | to | when | that | which | in | ['’]s | -
            | \d ) )
    )
  | (?P<k_rel_day>
        (?: the \s+ )? day \s+ (?P<ba> before | after ) \s+ (?P<w> yesterday | tomorrow )
      | (?P<w> today | tonight | yesterday | tomorrow | tmrw | otd ) \b
    )
  | (?P<k_anchored>
        \b the \s+ (?P<relday> next | following | previous | preceding ) \s+
            (?: day | morning | afternoon | evening | night ) \b
      | \b the \s+ day \s+ (?P<ba> before | after ) \b
    )
  | (?P<k_rel_weekday>
        (?P<relwd> this \s+ past | this \s+ coming | this \s+ upcoming | last | next | this | past |
            previous | coming | following | upcoming )
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
"""
