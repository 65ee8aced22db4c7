"""The people a poverty-relief fund's table counts: 受益脱贫(监测)人口数 / 受益建档立卡贫困人口数 (社会效益).

Money of the 财政衔接推进乡村振兴补助资金 (since 2021: 巩固拓展脱贫攻坚成果同乡村振兴有效衔接) and of the 扶贫 funds
before it (专项扶贫资金, 统筹整合财政涉农资金, 2016–2020) is judged by whom it reaches among the poor, and the tables
of such funds count them in the 社会效益 slot, whatever the work: a farmland, a road, a grape house, a loan's interest
or a temporary relief. The wording follows the policy of the year: 脱贫人口 and 监测对象 since 2021, 建档立卡贫困人口
before (the year the project states, `kb.domain.years.stated_year`, else the text's words).

Dev (issue 10, recall round 6): of the 10 real tables of such funds that hold a benefit row, 9 count these people
(D006 受益脱贫(监测)人口数, D017 / D045 / E007 受益建档立卡贫困人口数, D007 受益脱贫户、监测户人口数, E031 / E032 …户数,
E006 受益人口数量, E033 解决出行难问题受益人口); the default table held a generic 工程受益人数 or nothing.

`offer_relief_beneficiaries` acts on the chosen table, after ranking (the ranker's training and every table of
another fund are untouched), and takes the row from the library the caller may use (`mask`), never a name of its
own. Not for naming rows from the text (`kb.suggest.naming`) or the fund's own cost rows.
"""
from __future__ import annotations

import re

import numpy as np

from kb.domain.years import stated_year
from kb.suggest.common_names import FAMILY_WORDING
from kb.suggest.draft import ASIDE_SPARE_ENTRY, Draft, from_library_row
from kb.suggest.table import BENEFITS, Table


# the text says the money is a poverty-relief fund's, or whom of the poor it reaches (not 贫困 alone: a disability
# fund's 贫困重度残疾人 is no such fund; not 扶贫 alone: 就业创业扶贫品牌基地; not 监测对象 alone: a clinic's or a
# river's 重点监测对象 — only 防返贫监测对象)
RELIEF_FUND = re.compile(r"衔接推进乡村振兴|乡村振兴衔接|衔接资金|巩固拓展脱贫攻坚|扶贫资金|专项扶贫|涉农资金|建档立卡"
                         r"|脱贫户|脱贫人口|监测户|防返贫监测|易致贫")
# the words of the policy since 2021 (脱贫攻坚 is the 2016–2020 one's)
SINCE_2021 = re.compile(r"衔接|乡村振兴|巩固拓展|脱贫户|脱贫人口|监测户|防返贫监测|易致贫")
FIRST_YEAR = 2021
# the library rows that count them, the preferred wording first (the first the caller may use is taken)
WORDINGS = {"since_2021": ("受益脱贫(监测)人口数", "受益脱贫户和监测户人口数"), "before": ("受益建档立卡贫困人口数",)}
# a row counting the fund's people already (受益脱贫户和边缘易致贫户数, 带动脱贫人口…户数, 受益贫困人口数)
COUNTED = re.compile(r"脱贫|贫困|建档立卡|监测户|易致贫")
# a beneficiary count of no one in particular (工程受益人数, 受益群众人数, 受益人口数量): the fund's row says whom
GENERIC_COUNT = re.compile(r"^(?:工程|项目)?受益(?:群众|人口|人员)?(?:人数|数量|人口数?|数)$")
SOCIAL = "social_benefit"
# a count of people or households (an amount of income is no count of whom: 促使脱贫户增收 万元)
PEOPLE_UNITS = frozenset(("人", "户", "人次", "户次", "万人"))


def relief_wording(project_name: str | None, description: str | None) -> str | None:
    """'since_2021' or 'before' when the text is a poverty-relief fund's (`RELIEF_FUND`), else None. The year the
    project states decides (2021 on: 脱贫人口), else the words (衔接 / 脱贫户 / 监测户 … are the policy's since 2021)."""
    text = f"{project_name or ''} {description or ''}"
    if not RELIEF_FUND.search(text):
        return None
    year = stated_year(project_name, description)
    if year is not None:
        return "since_2021" if year >= FIRST_YEAR else "before"
    return "since_2021" if SINCE_2021.search(text) else "before"


def offer_relief_beneficiaries(table: Table, ctx, idx, mask: np.ndarray | None, fill) -> Table:
    """`table` counting the poor the project reaches when the text is a poverty-relief fund's (`relief_wording`)
    and no default row counts them (`COUNTED`). The fund's row is the table's own alternate counting them (a type's
    受益脱贫户和监测户人口数), else the library's (`WORDINGS`, the first row `mask` admits), and
    - a default generic beneficiary count (`GENERIC_COUNT`) bound to a figure the text says of the poor
      (受益建档立卡贫困人口数≥23人 read as 受益人口数量 ≥ 23 人) takes the library's name, target kept;
    - a blank default generic beneficiary count (工程受益人数 待填写) gives its place to the fund's row (and stands
      among the alternates);
    - else the fund's row is the first 社会效益 alternate (`common_names.offered_first`).
    `ctx`: the `ProjectContext`; `idx`: the indicator index; `fill(drafts)`: sets a library row's value (待填写 and
    why, `values.fill_values`) and the ranker's score. Mutates and returns `table`."""
    wording = relief_wording(ctx.name, ctx.description)
    if wording is None or any(_counts_the_poor(d) for d in table.rows):
        return table
    said_fund = RELIEF_FUND.search(f"{ctx.name or ''} {ctx.description or ''}").group(0)
    why = f"{FAMILY_WORDING}：描述写明“{said_fund}”，衔接推进乡村振兴（扶贫）资金的项目以受益的脱贫（贫困）人口计效益"
    generic = [d for d in table.rows if d.slot == SOCIAL and GENERIC_COUNT.match(d.key)]
    said = [d for d in generic if d.value_source == "text" and d.mention is not None
            and COUNTED.search(d.mention.context or "")]
    row = _library_row(idx, mask, WORDINGS[wording])
    if said:
        if row is not None:
            d = said[0]
            d.evidence = [f"{FAMILY_WORDING}：描述写明受益的是脱贫（贫困）人口（{d.mention.context}），"
                          f"“{d.name}”改称{row['name']}"] + d.evidence
            d.name, d.template, d.obj, d.indicator_id = row["name"], None, "", row["id"]
        return table
    own = [(k, a) for k, v in table.alternates.items() if k in BENEFITS for a in v
           if _counts_the_poor(a)]
    if own:
        slot, new = own[0]
        table.alternates[slot].remove(new)
    elif row is not None:
        slot, new = SOCIAL, from_library_row(row, "type")
        fill([new])
    else:
        return table
    new.evidence = [why] + new.evidence
    blank = [d for d in generic if not d.value]
    if not blank and not any(d.slot in BENEFITS and d.value for d in table.rows):
        # trial 22, D017: a table whose only 效益 rows are blank stand-ins (社会救助体系 待填写, a spare entry for the
        # 社会救助政策知晓率 set aside) counts the fund's people instead
        blank = [d for d in table.rows if d.slot in BENEFITS and not d.value and ASIDE_SPARE_ENTRY in d.evidence]
    if blank:
        at = table.rows.index(blank[0])
        new.score, new.tier = max(new.score, blank[0].score), blank[0].tier
        table.rows[at] = new
        table.alternates.setdefault(SOCIAL, []).insert(0, blank[0])
        return table
    table.alternates.setdefault(slot, []).insert(0, new)
    return table


def _counts_the_poor(d: Draft) -> bool:
    """A benefit row counting the poor in people or households (脱贫户、监测户增加收入 in 万元 counts no one)."""
    return d.slot in BENEFITS and bool(COUNTED.search(d.key)) and (d.value_unit or d.unit) in PEOPLE_UNITS


def _library_row(idx, mask: np.ndarray | None, names: tuple[str, ...]):
    """The first library row of `names` (by normalised name) the caller may use (`mask`), else None."""
    from kb.domain.text import normalize_name

    for name in names:
        for i in idx.by_name.get(normalize_name(name)) or []:
            if mask is None or mask[i]:
                return idx.rows[i]
    return None
