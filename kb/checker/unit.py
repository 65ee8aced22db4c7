"""UNIT rules (UNIT-01 … UNIT-03): missing 计量单位, unit not fitting the name, unit conflicts.

Detection follows ../shared/data/rules/RULES.md §5.4. `unit_family` infers
from the end of an indicator name which units fit it (…率 → %, …人次 → 人次,
…户数 → 户 …); rewrites reuse it for a default unit. Not for rewrites.
"""
from __future__ import annotations

import re

from kb.checker.catalog import Hit, rule
from kb.checker.parse import Row, name_quantity
from kb.settings import CheckerSettings

# family → (allowed-unit test, default unit, Chinese description)
_RATIO = frozenset(("%", "‰", "百分点", "个百分点", "百分比"))
_LENGTH = frozenset(("公里", "千米", "km", "米", "m", "M", "万公里"))
_AREA = frozenset(("亩", "万亩", "平方米", "万平方米", "平方公里", "公顷", "hm²", "㎡", "m²", "平米"))
_NOT_COUNT_ENDINGS = ("指数", "系数", "倍数", "分数", "参数", "基数", "函数", "岁数", "天数", "年数", "周数", "月数")


def canon_unit(u: str) -> str:
    """Unit compared loosely: 百分比 → %, * × → ·."""
    u = u.replace("*", "·").replace("×", "·").replace("•", "·")
    return "%" if u == "百分比" else u


# ours: time requirements (按时发放, 完成时间, 响应时长) are measured by a date, a duration or a %
TIME_UNITS = frozenset(("年", "半年", "季度", "月", "个月", "周", "天", "日", "工作日", "个工作日", "小时", "分钟", "秒",
                        "学时", "课时"))
_TIME_ENDINGS = ("时间", "时限", "期限", "日期", "工期", "周期", "时长", "用时")
_TIME_WORD_RE = re.compile(r"按时|及时|按期|准时|如期")


def unit_family(name: str) -> str | None:
    """Unit family from the end of a name (parentheses removed), or None when the name does not say.

    persons_times (…人次), persons (…人数/人口), households (…户数), ratio
    (…率/比例/占比/比重), money (…金额/成本/费用/补助标准), length (…里程/长度),
    area (…面积), count (…数量/个数/次数/场次/批次/期数 or another …数), time
    (…时间/时限/期限/时长/周期, or a time requirement such as 按时发放: a date, a
    duration or a %; ours, not in the catalog's list).
    """
    n = name
    if not n or "/" in n:  # 实际完成数/计划数 is a ratio of counts, 小区数/户数 two measures
        return None
    if n.endswith(("人次数", "人次")):
        return "person_times"
    if n.endswith(("人口数", "人数", "人口")):
        return "persons"
    if n.endswith("户数"):
        return "households"
    if n.endswith(("率", "比例", "占比", "比重")) and not n.endswith(("频率", "功率", "效率")):
        return "ratio"
    if n.endswith(("金额", "成本", "费用", "补助标准")):
        return "money"
    if n.endswith(("里程", "长度")):
        return "length"
    if n.endswith("面积"):
        return "area"
    if n.endswith("数") and not n.endswith(_NOT_COUNT_ENDINGS) or n.endswith("数量"):
        return "count"
    if n.endswith(_TIME_ENDINGS) or (_TIME_WORD_RE.search(n) and not n.endswith(("性", "度", "数", "量", "额"))):
        return "time"
    return None


DEFAULT_UNIT = {"person_times": "人次", "persons": "人", "households": "户", "ratio": "%",
                "money": "万元", "length": "公里", "area": "亩", "count": "个", "time": "个工作日"}
FAMILY_LABEL = {"person_times": "人次", "persons": "人", "households": "户", "ratio": "%（或‰、百分点）",
                "money": "元或万元", "length": "公里或米", "area": "亩、平方米或公顷", "count": "计数单位（非%）",
                "time": "日期、时限（天、工作日、小时…）或%"}


def is_time_unit(unit: str) -> bool:
    """True for a duration unit (年, 个月, 天, 工作日, 小时 …; 天/次 counts by its first part)."""
    return re.split(r"[/·*]", canon_unit(unit))[0] in TIME_UNITS


def unit_fits(family: str, unit: str) -> bool:
    """True when `unit` belongs to `family`."""
    u = canon_unit(unit)
    if family == "person_times":
        return u in ("人次", "万人次", "人/次", "人·次")
    if family == "persons":
        return (u.startswith(("人", "万人", "名", "位"))) and "次" not in u
    if family == "households":
        return u.startswith(("户", "万户"))
    if family == "ratio":
        return u in _RATIO
    if family == "money":
        return "元" in u
    if family == "length":
        return u in _LENGTH
    if family == "area":
        return u in _AREA
    if family == "count":
        return u not in _RATIO
    if family == "time":
        return u in _RATIO or is_time_unit(u)
    return True


def is_unit_01(r: Row) -> bool:
    return (r.has_digit and not r.is_date and not r.unit and not r.emb_unit and r.op != "定性"
            and not r.placeholder)


@rule("UNIT-01", needs="num")
def unit_01(r: Row, s: CheckerSettings) -> Hit | None:
    """A number with no 计量单位 in the unit field or after the number (not for dates or 定性)."""
    if is_unit_01(r):
        return Hit("unit", f"指标值“{r.v}”没有计量单位")
    return None


@rule("UNIT-02", needs="num")
def unit_02(r: Row, s: CheckerSettings) -> Hit | None:
    """The unit does not fit what the name measures (户数 with 人/次, 面积 with 公里 …); 成本 rows → COST-03."""
    if r.cost_row or r.is_date or not r.eff_unit or not r.has_digit:
        return None
    fam = r.ni.family
    if fam is None or unit_fits(fam, r.eff_unit):
        return None
    return Hit("unit", f"“{r.name}”应以{FAMILY_LABEL[fam]}计量，填的是“{r.eff_unit}”")


def units_conflict(a: str, b: str) -> bool:
    """True when two written units count different things: their first parts differ
    (人 vs 个, 人 vs 人次, 万元 vs 元); 元 vs 元/户 agree (a per-unit refinement)."""
    return re.split(r"[/·]", canon_unit(a))[0] != re.split(r"[/·]", canon_unit(b))[0]


@rule("UNIT-03", needs="num")
def unit_03(r: Row, s: CheckerSettings) -> Hit | None:
    """Unit field and the unit written after the number differ (值“200人”、单位“次”).

    ours: also the unit of the target repeated in the name (村组干部230人 with
    ≥230 个): the name and the unit column then count different things.
    """
    if r.unit and r.emb_unit and canon_unit(r.unit) != canon_unit(r.emb_unit):
        return Hit("unit", f"计量单位“{r.unit}”与指标值中的单位“{r.emb_unit}”不一致")
    q = name_quantity(r)
    if q is not None and q[2] and r.eff_unit and units_conflict(q[2], r.eff_unit):
        return Hit("unit", f"名称中的“{q[0]}”与计量单位“{r.eff_unit}”不一致", {"unit": q[2]})
    return None
