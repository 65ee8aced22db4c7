"""A deadline or a period the text states, read where a row was dated by the year's end as if none was, after
ranking (trial 16).

Two misreadings a fresh reviewer struck or corrected:
- an event's dates (“定于10月1日至7日在百侯古镇举行”) gave 客家文化旅游节完成时间 2025年12月31日前 with the basis
  “描述未写明完成时限”: the period's end is the deadline (2025年10月7日前), the basis the dates as written;
- “年底前完成” gave the year's end (right) with the basis “描述未写明完成时限” (wrong): the basis says what the text
  states.
Only rows dated by the year's end (`binding.YEAR_END_BASIS` / `PAY_YEAR_END_BASIS`, value_source year_end); a
deadline binding read is never touched. Pure over drafts; run after ranking, so the ranker's training reads the same
candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import Mention
from kb.suggest.ranker import Tier

# an event's dates: 定于10月1日至7日在百侯古镇举行, 将于2025年9月20日—22日举办, 于5月18日举行
_EVENT_DATES = re.compile(
    r"(?:定于|将于|拟于|计划于|预计于|于)\s*(?:(?P<y>20\d\d)年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"(?:\s*[—–\-~～至到]\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
    r"(?:[^，,。；;]{0,14}?)(?P<verb>举办|举行|开展|召开|进行|开幕)")
# a single day is an event's only when it is held that day (于5月18日举行); 于3月1日开展 is when work starts
_HELD = ("举办", "举行", "召开", "开幕")
# the year's end as the text states it: 年底前完成, 年内全部完工, 本年度内实施完毕
_YEAR_END_SAID = re.compile(r"(?:年底前|年末前|年底|年内|本年度内|年度内)(?:全部)?(?:完成|完工|实施完毕|建成|结束)")
_YEAR = re.compile(r"(20\d\d)年")


def _year_end_row(d: Draft) -> bool:
    from kb.suggest.binding import PAY_YEAR_END_BASIS, YEAR_END_BASIS

    return (d.tier != Tier.ALTERNATE and d.slot == "timeliness" and d.value_source == "year_end"
            and d.note in (YEAR_END_BASIS, PAY_YEAR_END_BASIS))


def event_end(text: str) -> tuple[int | None, int, int, re.Match] | None:
    """(year or None, month, day, the match of the dates and the verb) of the last day of the one event period `text`
    states (定于10月1日至7日在百侯古镇举行 → (None, 10, 7, …)), else None (none, or several)."""
    found = list(_EVENT_DATES.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    if not m.group("d2") and m.group("verb") not in _HELD:
        return None
    month = int(m.group("m2") or m.group("m1"))
    day = int(m.group("d2") or m.group("d1"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (int(m.group("y")) if m.group("y") else None), month, day, m


def date_by_stated_terms(pool: list[Draft], ctx: ProjectContext) -> None:
    """Date a year-end row by the event's period the text states, or give it the text's own 年底前 as its basis
    (module docstring). In place."""
    rows = [d for d in pool if _year_end_row(d)]
    if not rows:
        return
    text = ctx.text
    event = event_end(text)
    said = _YEAR_END_SAID.search(text)
    for d in rows:
        if event is not None:
            year, month, day, m = event
            if year is None and (y := _YEAR.search(d.value or "")):
                year = int(y.group(1))
            d.value = f"{year}年{month}月{day}日前" if year else f"{month}月{day}日前"
            d.evidence.append(f"描述写明的活动时间: {m.group()}，完成时间取其末日")
        elif said is not None:
            m = said
            d.evidence.append(f"描述写明的完成时限: {said.group()}")
        else:
            continue
        # the 设定依据 names the words the date comes from (项目申报内容中的计划数(定于10月1日至7日在百侯古镇举行))
        d.value_source, d.note = "text", ""
        d.mention = Mention(d.value, "", "", "", m.start(), m.end(), context=m.group(), derivation=m.group())
