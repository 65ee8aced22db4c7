"""Where a suggested row belongs, read with the checker's eyes: a row the checker would file elsewhere.

`misplaced` says why the checker (`kb.checker.rewrite.guess_level`) would not
file a row under the slot its library or real table gives it (a rate with no
time word under 时效, an output's extent or completion rate under 效益, a
service period under 数量); `misfiled_gain` finds a money gain listed under
质量. Read by `kb.suggest.vetting.mark_precision` and the binding of money
(`kb.suggest.binding`), which set such rows aside. Pure functions of a draft.
"""
from __future__ import annotations

import re

from kb.domain.enums import Level1, Level2
from kb.suggest.quantities import MONEY_UNITS
from kb.suggest.draft import Draft


# a blank area or length (亩, 公里 …) is offered only when the text measures in one (面积, 亩, 公里, 长度 …)
AREA_OR_LENGTH = re.compile(r"^(万?亩|公顷|平方米|万平方米|平方公里|公里|千米|米|延米|km|m)$")


# a rate of an output act (任务完成率, 补助发放率, 工程建成率): what the work did, not what it brought people
_OUTPUT_RATE = re.compile(r"(?:完成|完工|建成|竣工|开工|发放|拨付|办结|落实)率$")


def misfiled_gain(d: Draft) -> bool:
    """A 质量 row counted in money whose name the checker files as an economic benefit (`kb.checker.rewrite.guess_level`:
    展会意向成交额 亿元, which the library lists under 质量): an amount gained is no quality of the output (E021). Read
    after ranking, so the ranker's training is untouched."""
    from kb.checker.rewrite import guess_level

    return d.slot == "quality" and (d.value_unit or d.unit) in MONEY_UNITS and \
        guess_level(d.key)[1] is Level2.economic_benefit


def misplaced(d: Draft) -> str:
    """Why the checker would not file `d` where its library or real table does, or '' (one vocabulary: a row suggest
    places sits where `kb.checker.rewrite.guess_level` would place it by its name):
    - under 时效, a name with none of the checker's time words (`kb.checker.lexicon.LEVEL_TIME_RE`: 时间, 及时, 按期 …)
      and no date for a value is a rate the checker files under 质量: 年度投资完成率 ≥ 90 % (construction.csv files it
      under 时效) measures budget execution, not a time target (trial 5, E007);
    - under 经济/社会效益, an area or length (`_EXTENT_NAME`, unit `AREA_OR_LENGTH`: 林业产业发展面积 万亩) the checker
      files under 产出 (trial 7, D025; the real table has 林业产业 0.5万亩 under 数量);
    - under 效益, a rate of an output act (`_OUTPUT_RATE`: 年度重点工作任务完成率, filed under 社会效益 by operations.csv)
      whose name holds no word of the checker's benefit vocabulary (`LEVEL_BENEFIT_RE`, `PEOPLE_BENEFIT_RE`) is an output
      the checker files under 产出 (trial 5, E003).
    - under 数量 or 质量, a period (`_PERIOD_NAME`: 服务周期, 租赁期限) the checker files under 时效 is how long the
      service runs, no output: 服务周期 ≥ 36 个月 under 数量 (D024, a server-room lease whose 时效 row already holds
      服务期限 3 年) — set aside even when the text states the figure, as the place, not the number, is wrong.
    Otherwise a number the text states for the row is the declarant's own and is never read here. Returns the reason
    (Chinese)."""
    from kb.checker.rewrite import guess_level, guess_level2

    if d.slot in ("quantity", "quality") and _PERIOD_NAME.search(d.key) and \
            guess_level2(Level1.output, d.key) is Level2.timeliness:
        return "名称是服务或实施的期限，属于时效要求，不是产出（审核规则按名称归入时效指标），仅作备选"
    if d.value_source == "text":
        return ""
    if d.slot == "timeliness" and not _DATE.search(d.value or "") and \
            guess_level2(Level1.output, d.key) is not Level2.timeliness:
        return "名称没有时间要求，不是时效指标（审核规则按名称归入其他类别），仅作备选"
    if d.slot in ("economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact") and \
            _OUTPUT_RATE.search(d.key) and guess_level(d.key)[0] is Level1.output:
        return "名称是产出完成情况的比率，不是效益（审核规则按名称归入产出指标），仅作备选"
    if d.slot in ("economic_benefit", "social_benefit") and AREA_OR_LENGTH.search(d.value_unit or d.unit or "") \
            and _EXTENT_NAME.search(d.key) and guess_level(d.key)[0] is Level1.output:
        return "名称是产出的面积或长度，不是效益（审核规则按名称归入产出指标），仅作备选"
    return ""
# an area or length named as such (林业产业发展面积 万亩): what the work covers, filed by the checker under 产出
_EXTENT_NAME = re.compile(r"(面积|里程|长度)$")


_DATE = re.compile(r"\d{4}年|\d+月|\d+日")
# a name that is only a period of service or work (服务周期, 租赁期限, 实施年限, 工期)
_PERIOD_NAME = re.compile(r"(?:周期|期限|年限|工期)$")


# a coverage (覆盖率, 普及率): a share, which the checker's REL-01 never reads as a count
_COVERAGE_RATE = re.compile(r"(?:覆盖率|普及率)$")


def refile_coverage_under_quantity(drafts: list[Draft]) -> None:
    """A coverage rate filed under 数量 by its library (政府办基层医疗卫生机构实施国家基本药物制度覆盖率 =100 %, E016) goes
    where the checker files it by its name (`kb.checker.rewrite.guess_level`: 质量, or a 效益 the name says) — the
    checker's REL-01 flags “比率放在了数量指标下” on the suggested table otherwise (round 18). Run after ranking, so
    the ranker's training is untouched. In place."""
    from kb.domain.text import bigrams
    from kb.suggest.dedupe import set_aside
    from kb.suggest.one_measure import one_coverage
    from kb.suggest.ranker import Tier

    for d in drafts:
        if d.slot != "quantity" or d.tier == Tier.ALTERNATE or not _COVERAGE_RATE.search(d.key) \
                or (d.value_unit or d.unit) not in ("%", ""):
            continue
        if not _file_by_name(d, "覆盖率是比率"):
            continue
        what = set(bigrams(_COVERAGE_RATE.sub("", d.key)))
        there = next((x for x in drafts if x is not d and x.slot == d.slot and x.tier != Tier.ALTERNATE
                      and _COVERAGE_RATE.search(x.key) and len(what & set(bigrams(_COVERAGE_RATE.sub("", x.key)))) >= 2),
                     None)
        if there is not None and d.value_source != "text" and not one_coverage(d, there):
            # …where a coverage of the same policy stands already (基本药物制度补助覆盖率): one row per measure; a pair
            # one_measure reads as one coverage is left to it, which keeps the name the text writes (E016: 政府办基层医疗
            # 卫生机构实施国家基本药物制度覆盖率, the reviewer's of trial 16)
            set_aside(d, f"与“{there.name}”计量同一覆盖面，保留一行，仅作备选")


def refile_rates_in_table(rows: list[Draft]) -> None:
    """A rate the assembled table holds under 数量 (足额保障率 =100 % of a staff-pay type's set, E004 / E056;
    2型糖尿病患者规范管理率 of the public-health set, D005) goes where the checker files it by its name
    (`kb.checker.rewrite.guess_level`: 质量, or a 效益 the name says): a share is no count, and the checker's REL-01
    flags every name it reads as a ratio (`kb.domain.units.measure_of`) under 数量 (“比率…放在了数量指标下”). Only
    while 数量 keeps a row that is no rate (the slot is required); a rate the text states for the work's own year
    share (主体工程完成率 ≥ 70 %) moves like any other. Acts on the table's rows after assembly, so neither the
    ranker's training nor which rows the table takes changes. In place."""
    from kb.domain.units import measure_of

    def rate(d: Draft) -> bool:
        return measure_of(d.key) == "ratio" and (d.value_unit or d.unit) in ("%", "")

    if not any(d.slot == "quantity" and not rate(d) for d in rows):
        return
    for d in rows:
        if d.slot != "quantity" or not rate(d):
            continue
        _file_by_name(d, "比率不是数量")


def _file_by_name(d: Draft, why: str) -> bool:
    """File the rate `d`, now under 数量, where the checker files it by its name (`kb.checker.rewrite.guess_level`:
    质量, or a 效益 the name says), saying `why` and where in its evidence; False (nothing changed) when the name
    reads as 数量 after all. The one move both refiling passes above make. In place."""
    from kb.checker.rewrite import guess_level

    level2 = guess_level(d.key)[1]
    if level2 is Level2.quantity:
        return False
    d.level2 = level2.value
    d.evidence.append(f"{why}，按审核规则的口径列入{level2.label}（不放在数量指标下）")
    return True
