"""After ranking: figures of the text a row misreads or leaves blank, and names cut short (trial 21). Each pass binds a
figure of the text to a row already shown, renames it or sets a row aside; none adds a candidate or changes a score,
so the ranker's training is untouched.

- An age group cut at 以上 (以上老年人满意度 from 65岁及以上老年人): the name takes the age back (`name_age_group`).
- Sites counted as 个点位 (更新维修健身器材46个点位): the unit is 个 and the row counts 点位, not the equipment
  (更新维修健身器材点位数 = 46 个, `name_counted_sites`).
- A cost row named for the whole project (动物疫病强制免疫成本) bound to one part's amount (购置…疫苗52万元) takes the
  whole budget (≤ 86 万元) when no shown cost row carries it (`whole_cost_of_part_figure`).
- A time the text shortens (平均查档时间由30分钟缩短到5分钟以内) is a ≤ target: the shown blank time row takes it
  (平均查档时间 ≤ 5 分钟, `bind_shortened_time`); where no shown row is a benefit and another row keeps 时效, the
  shortening is the project's effect, filed under 社会效益 (a vague 档案服务民生能力 stood there).
- A figure in 头（只） (口蹄疫免疫45万头（只）) is the count a blank 万头只 row asks for (`bind_head_count_with_classifier`).
- A saving the text states in money (全年节约电费约15万元) is the benefit, not the library's saving rate
  (路灯节能改造节电率 ≥ 30 %): the rate row takes the stated saving (节约电费 ≥ 15 万元, `bind_stated_saving`).
"""
from __future__ import annotations

import re

from kb.domain.budget import wan_text
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.table import group_of


def _shown(pool: list[Draft]) -> list[Draft]:
    return [d for d in pool if d.tier != Tier.ALTERNATE and d.name]


_AGE = re.compile(r"\d+周?岁及?以[上下]")


def name_age_group(pool: list[Draft], ctx: ProjectContext) -> None:
    """以上老年人满意度 → 65岁及以上老年人满意度 when the text writes the age before that group. In place."""
    for d in _shown(pool):
        m = re.match(r"^(?:及)?以[上下]([\u4e00-\u9fff]{2,})", d.name)
        if not m:
            continue
        age = next((a.group() for a in _AGE.finditer(ctx.text) if ctx.text.startswith(m.group(1)[:2], a.end())), "")
        if age:
            d.evidence.append(f"按描述补全年龄（原名：{d.name}）")
            d.name = age + m.group(1)


def name_counted_sites(pool: list[Draft], ctx: ProjectContext) -> None:
    """A row bound to N个点位 (the unit read as 个点) counts sites: unit 个, named …点位数. In place."""
    for d in _shown(pool):
        if d.value_source != "text" or (d.value_unit or d.unit) != "个点" or f"{d.value}个点位" not in ctx.text:
            continue
        old = d.name
        d.name = re.sub(r"(数量|数)$", "", d.name) + "点位数"
        d.value_unit = d.unit = "个"
        d.evidence.append(f"描述写明{d.value}个点位（原名：{old}，单位 个点）")


_PART_WORDS = re.compile(r"购置|购买|采购|补助|补贴|劳务|运输|监测|宣传|培训|其中")


def whole_cost_of_part_figure(pool: list[Draft], ctx: ProjectContext) -> None:
    """A shown cost row in 万元 named for the project's whole work but bound to one part's amount of the text: it takes
    the whole budget when no shown cost row carries the budget. In place."""
    budget = ctx.budget_wan
    if not budget:
        return
    shown = _shown(pool)
    costs = [d for d in shown if d.slot == "cost" and (d.value_unit or d.unit) == "万元"]
    whole_row = any(d.value_source == "budget" for d in costs)
    for d in costs:
        m = d.mention
        whole = d.name.removesuffix("成本").removesuffix("总成本")
        if d.value_source != "text" or m is None or len(whole) < 4 or whole not in ctx.name:
            continue
        clause = re.split(r"[，,。；;：:]", ctx.text[:m.start])[-1]
        if not _PART_WORDS.search(clause):
            continue
        if whole_row:   # the budget's own row takes the place
            from kb.suggest.dedupe import set_aside
            set_aside(d, f"{m.value}{m.unit}是“{clause}”的部分资金，不是项目的总成本，仅作备选")
            continue
        d.evidence.append(f"{m.value}{m.unit}是“{clause}”的部分资金，成本按项目预算 {wan_text(budget)} 万元测算")
        d.operator, d.value, d.value_unit, d.value_source, d.mention = "≤", wan_text(budget), "万元", "budget", None
        d.note = ""
        return


_TIME_UNITS = r"分钟|小时|天|日|个工作日|工作日"
_SHORTENED = re.compile(rf"([\u4e00-\u9fff]{{2,10}}?)由(\d+(?:\.\d+)?)({_TIME_UNITS})(?:缩短|减少|压缩|降低)(?:到|至|为)"
                        rf"(\d+(?:\.\d+)?)({_TIME_UNITS})")


def bind_shortened_time(pool: list[Draft], ctx: ProjectContext) -> None:
    """The one shown blank time row (时间/时限, 待填写) takes the one time the text shortens, as a ≤ target named by the
    text's words (平均查档时间 ≤ 5 分钟). In place."""
    found = list(_SHORTENED.finditer(ctx.text))
    if len(found) != 1:
        return
    m = found[0]
    blank = [d for d in _shown(pool) if d.slot == "timeliness" and not d.value and re.search(r"(时间|时限|时长)$", d.name)]
    if len(blank) != 1:
        return
    d = blank[0]
    subject = re.sub(r"^(?:平均|由|将)?", "", m.group(1))
    name = ("平均" if m.group(1).startswith("平均") else "") + subject
    d.evidence.append(f"描述写明{m.group()}（原名：{d.name}）")
    d.name = name if re.search(r"(时间|时限|时长)$", name) else d.name
    d.operator, d.value, d.value_unit, d.unit, d.value_source = "≤", m.group(4), m.group(5), m.group(5), "text"
    d.note, d.tier = "", Tier.BOUND
    others = [o for o in _shown(pool) if o is not d and o.slot == "timeliness"]
    if others and not any(group_of(o.slot) == "benefit" for o in _shown(pool)):
        # the time the project shortens for those it serves is its effect: the 效益 row, where the table has none
        # (档案服务民生能力 定性 待填写 stood there) and another row keeps 时效
        d.level2 = "social_benefit"
        d.evidence.append("查档等服务时间的缩短是项目实施后的效果，列为社会效益")


_SAVING = re.compile(r"节约([\u4e00-\u9fff]{1,4}费)约?(\d+(?:\.\d+)?)(万元)")


def bind_stated_saving(pool: list[Draft], ctx: ProjectContext) -> None:
    """A shown benefit row of a saving (节电率, 节能率, 节约…) with a library value takes the saving the text states in
    money (节约电费 ≥ 15 万元), when no shown row carries that figure. In place."""
    m = _SAVING.search(ctx.text)
    if not m:
        return
    shown = _shown(pool)
    if any(d.value == m.group(2) and (d.value_unit or d.unit) == m.group(3) for d in shown if group_of(d.slot) == "benefit"):
        return
    for d in shown:
        if group_of(d.slot) == "benefit" and d.value_source != "text" and re.search(r"节电|节能|节约", d.name):
            d.evidence.append(f"描述写明节约{m.group(1)}{m.group(2)}{m.group(3)}（原为“{d.name}{d.operator}{d.value}{d.unit}”）")
            d.name = f"节约{m.group(1)}"
            d.operator, d.value, d.value_unit, d.unit, d.value_source = "≥", m.group(2), m.group(3), m.group(3), "text"
            d.note, d.tier, d.explanation = "", Tier.BOUND, ""
            if d.level2 != "economic_benefit":
                d.level2 = "economic_benefit"
            return


_CLASSIFIER = re.compile(r"^[（(]只[）)]")


def bind_head_count_with_classifier(pool: list[Draft], ctx: ProjectContext) -> None:
    """A shown blank count in 头只 / 万头只 takes the one figure the text writes in 头（只） (口蹄疫免疫45万头（只）): the
    reader reads its unit as 万头, the row asks for 万头只, and the figure was lost. In place."""
    found = [m for m in ctx.mentions if m.unit in ("头", "万头") and _CLASSIFIER.match(ctx.text[m.end:])]
    if len(found) != 1:
        return
    m = found[0]
    for d in _shown(pool):
        if d.slot == "quantity" and not d.value and d.unit in ("头只", "万头只", "头(只)", "万头(只)", "头（只）", "万头（只）"):
            d.operator, d.value, d.value_unit, d.unit, d.value_source = "≥", m.value, m.unit + "（只）", m.unit + "（只）", "text"
            d.note, d.tier = "", Tier.BOUND
            d.evidence.append(f"描述中的数量: {m.value}{m.unit}（只）")
            return
