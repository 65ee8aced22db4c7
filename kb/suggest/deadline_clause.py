"""After ranking: a deadline binds to the clause naming its work (trial 23).

Two texts of trial 23 state several deadlines, and the table took the wrong one:
- "慰问金须在春节前和8月1日前发放到位，优待金于2025年9月30日前发放完毕" gave 义务兵家庭优待金经费发放完成时间 2025年8月1日前
  — 8月1日 is the 慰问金's; the 优待金's is 9月30日. A shown dated row is re-dated by the stated deadline whose clause
  shares the longest run of words with its name (优待金, three characters, against none), when that beats the clause of
  the date it holds (a stated date; never one of a list of stages: 分别于5月31日和11月30日前).
- "6月“文化和自然遗产日”期间集中举办展演展示活动，全部工作于2025年12月15日前完成" gave 文化遗产保护传承完成时间 2025年6月30日前
  — June is one event; the whole work ends 12月15日. A shown 完成时间 row of the whole project (no clause names it) takes the
  deadline of 全部工作 / 全部任务 / 所有工作, when the date it holds is not written in the text.
The year a deadline lacks is the one the row held. Re-dates only (the reason in the evidence), after ranking.
"""
from __future__ import annotations

import re

from kb.domain.text import longest_shared_run
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前")
_WHOLE = re.compile(r"(?:全部|所有|各项)(?:工作|任务|建设内容|项目)[^，。；]{0,4}?(?:于|在)?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前(?:全部)?完成")



def _clauses(text: str) -> list[tuple[str, str, str, str]]:
    """(year, month, day, clause before it) of each deadline the text states."""
    out = []
    for m in _DATE.finditer(text):
        clause = re.split(r"[，,。；;：:]", text[max(0, m.start() - 30):m.start()])[-1]
        out.append((m.group(1) or "", m.group(2), m.group(3), clause))
    return out


def date_by_clause_of_its_work(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-date each shown dated row of `pool` by the deadline of its own work (module docstring). In place."""
    stated = _clauses(ctx.text)
    whole = _WHOLE.search(ctx.text)
    for d in pool:
        held = _DATE.fullmatch(d.value or "")
        if d.tier == Tier.ALTERNATE or d.slot != "timeliness" or held is None:
            continue
        year = held.group(1) or ""
        mine = [c for c in stated if (c[1], c[2]) == (held.group(2), held.group(3))]
        have = max((longest_shared_run(d.name, c[3]) for c in mine), default=0)
        best = max(stated, key=lambda c: longest_shared_run(d.name, c[3]), default=None)
        day = f"{held.group(2)}月{held.group(3)}日"
        # a date of a list of stages (分别于5月31日和11月30日前) is its stage's: the clause of the last date holds it
        if mine and best is not None and longest_shared_run(d.name, best[3]) >= max(3, have + 2) \
                and (best[1], best[2]) != (held.group(2), held.group(3)) and day not in best[3]:
            new, why = best, f"描述中这项工作的时限: {best[3]}{best[1]}月{best[2]}日前"
        elif whole is not None and d.name.endswith("完成时间") and have < 2 and day not in ctx.text \
                and (whole.group(2), whole.group(3)) != (held.group(2), held.group(3)):
            new, why = (whole.group(1) or "", whole.group(2), whole.group(3), ""), f"描述写明的全部工作时限: {whole.group(0)}"
        else:
            continue
        y = new[0] or year
        d.value = f"{y}年{new[1]}月{new[2]}日前" if y else f"{new[1]}月{new[2]}日前"
        d.evidence.append(why)
