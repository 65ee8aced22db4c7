"""Quantities stated in a project description: "修缮乡村道路12公里" → (12, 公里, 修缮乡村道路).

Pure text functions: find number+unit mentions with the words in front of
them (their object), recognise the budget (万元 next to 资金/预算/投资 …) and
skip years and dates. Not for binding quantities to indicators (see
`kb.suggest.engine`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.domain.budget import PER_HEAD_FUND_BEFORE
from kb.domain.budget import budget_from_text, total_from_text, unused_budget_amounts  # noqa: F401  (suggest reads them here)
from kb.domain.plausible import Bound, beyond_plausible
from kb.domain.quantity import target_number_problem
from kb.domain.text import normalize
from kb.domain.units import QUANTITY_UNITS as UNITS
from kb.domain.units import unit_family, units_compatible  # noqa: F401  (suggest reads them here)

from kb.domain.units import MONEY_UNITS  # noqa: E402,F401  (suggest reads them here)
# units whose object usually follows the number (5000吨稻谷, 425万粒种薯)
BULK_UNITS = frozenset("吨 万吨 公斤 千克 斤 粒 万粒 株 万株 棵 头 只 羽 尾 立方米 万立方米 剂 人份 盒 袋 箱 瓶".split())

_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
# people counted in 万 with no measure word (方便约6.3万群众出行, 惠及2.1万农村人口): 万人, the people the object
# (a reviewer found 6.3万群众 never read); households (农户, 住户) are 万户. A bare 万 before 以上 / 左右 counts what its
# words name too (到馆人次达到13万以上: 13 万人次, which trial 7's library table left 待填写)
WAN_PEOPLE = ("城乡居民", "农村人口", "群众", "居民", "村民", "农民", "人口", "市民", "游客", "农户", "住户", "户")
_QTY = re.compile(_NUM + r"\s*(万方(?![面案式法向])|(?:万|亿)?(?:" + "|".join(re.escape(u) for u in UNITS)
                  + r")|万(?=" + "|".join(WAN_PEOPLE) + r")|万(?![\u4e00-\u9fff])|万(?=以上|左右|以内|余))")
_UNIT_HEAD = re.compile(r"^(?:" + "|".join(re.escape(u) for u in UNITS) + r"|万)")
_DELIM = re.compile(r"[,，。;；、:：()（）\[\]【】\s“”\"'≥≤<>=＞＜＝~～]")
_LEAD = re.compile(r"^(?:高质量|高标准|圆满|顺利|按时|按期|及时|全部|全面|持续|切实|积极|认真|不断|有效|计划|预计|拟|全年|年度|约|共计|共|累计|总计|合计|预期|力争|确保|其中|主要|用于|对|为|向|给|将|通过|按照|完成|实现|达到)+")
_BUDGET_WORDS = ("资金", "预算", "投资", "总额", "经费", "金额", "安排", "拨付", "财政", "补助资金", "总投资", "投入",
                 "转移支付", "额度", "下达", "拨款", "专项")
_OBJECT_AFTER = re.compile(r"^[\u4e00-\u9fff]{2,8}")
# an amount per something, said before it (每亩, 每人每年): a standard, never the budget
_PER_UNIT_BEFORE = re.compile(r"每[\u4e00-\u9fff]{1,4}$")
_PER_HEAD_FUND_BEFORE = PER_HEAD_FUND_BEFORE   # 每生每年补助送教经费3000元: a standard (`kb.domain.budget`)
def _context(t: str, start: int) -> str:
    """Up to 16 characters before a number, cut at punctuation and at a previous number and its unit
    ("45万元给聘用的14人"), leading filler (计划, 预计 …) removed."""
    before = t[max(0, start - 16):start].rstrip("≥≤<>=＞＜＝约达 ")
    parts = _DELIM.split(before)
    ctx = parts[-1] if parts else ""
    if re.search(r"\d", ctx):
        ctx = _UNIT_HEAD.sub("", re.sub(r"^.*\d", "", ctx))
    return _LEAD.sub("", ctx).removesuffix("的")


# a bare 万 after the measure it counts: 观看人次50万 → 万人次 (a fresh trial: no row held it)
_BARE_WAN_UNIT = {"人次": "万人次", "人数": "万人", "户数": "万户", "次数": "万次", "播放量": "万次", "浏览量": "万次",
                  "点击量": "万次", "阅读量": "万次", "观看量": "万次"}
# …and after the people it counts, named with no measure word after it (服务城区人口约4.2万, 受益群众2万: 万人; 受益农户
# 1.2万: 万户) — a reviewer found 服务城区人口约4.2万 read by no row (round 18)
# (群众 not: 带动群众50万 may be money, trial 1's test)
_BARE_WAN_UNIT.update({w: ("万户" if w.endswith("户") else "万人") for w in WAN_PEOPLE if w != "群众"})
_BARE_WAN = re.compile(r"(" + "|".join(_BARE_WAN_UNIT) + r")(?:达到|达|超过|约|共)?$")
# days of a kind counted with 个 (160个在校日, 200个教学日): a count of days, not of a thing (工作日 is a limit's unit)
_SCHOOL_DAYS = re.compile(r"(?:在校|教学|上课|供餐|开放|运营|服务|作业)日")
# measure words that stand before their noun (N个机柜, N名学生), unlike units of measurement
CLASSIFIERS = frozenset("个 台 套 辆 艘 架 所 家 座 栋 幢 门 项 条 处 名 位 户 间 张 本 册 份 部 支 块 根 眼 口 盏 株 棵 头 只 顶 卷".split())


@dataclass
class StatedQuantity:
    """A number with its unit and the words before it.

    value: the number as written (commas removed); unit: one of UNITS;
    context: up to 16 characters before the number, cut at punctuation,
    with leading filler (计划, 预计, 累计 …) removed; start/end: offsets of the
    number+unit in the normalised description.
    """

    value: str
    unit: str
    context: str
    start: int
    end: int
    is_budget: bool = False


def implausible(value: str, unit: str) -> Bound | None:
    """The bound of `kb.domain.plausible` (the checker's FEAS-05: about the national total of its kind, 1000万公里 of
    road, 15亿人) a stated figure passes, else None. Money is left to the budget's own readers (a budget beyond
    `PROJECT_COST_MAX` is said by `context.read_project`)."""
    if unit in MONEY_UNITS or "元" in unit:
        return None
    try:
        return beyond_plausible(float(value), unit)
    except ValueError:
        return None


def implausible_figures(text: str) -> list[str]:
    """The result's note for each figure of `text` beyond what any project can state (`implausible`): it is not
    read as a target (`find_quantities` skips it), and the note says so — never dropped silently (trial 17: “全县铺设
    道路99999999999公里” became a target with no warning)."""
    t = normalize(text)
    notes = []
    for m in _QTY.finditer(t):
        value, unit = m.group(1).replace(",", ""), m.group(2)
        if (b := implausible(value, unit)) is not None:
            notes.append(f"描述中的“{value}{unit}”超过{b.said}，明显不合理，未作为指标值，请核对数值和计量单位")
    return notes


def find_quantities(text: str) -> list[StatedQuantity]:
    """All number+unit mentions of `text` (normalised), years/dates excluded."""
    t = normalize(text)
    out: list[StatedQuantity] = []
    for m in _QTY.finditer(t):
        value, unit = m.group(1).replace(",", ""), m.group(2)
        if unit == "km":
            unit = "公里"
        elif unit in ("hm²", "hm2"):
            unit = "公顷"
        after = t[m.end():m.end() + 1]
        if unit == "周" and after in ("岁", "年"):
            continue  # 60周岁 is an age, 100周年 an anniversary: neither is weeks
        if unit == "个" and t.startswith("工作日", m.end()):
            # 10个工作日内 is a time limit in 个工作日, not a count of 工作日 (fresh trial: 工作日内数量 ≥10 个)
            out.append(StatedQuantity(value, "个工作日", _context(t, m.start()), m.start(), m.end() + 3))
            continue
        days = _SCHOOL_DAYS.match(t, m.end()) if unit == "个" else None
        if days:
            # 全年按160个在校日计算: a count of days in 天 whose object is the day (a fresh reviewer got 供餐天数 ≥15 日
            # from a settlement deadline because 160个 had no object)
            out.append(StatedQuantity(value, "天", days.group(), m.start(), days.end()))
            continue
        if unit.endswith("度") and "电" not in t[max(0, m.start() - 8):m.end() + 1]:
            continue  # 120万度 is electricity (节约用电120万度); 30度 elsewhere is a temperature or an angle
        if unit == "万方":
            unit = "万立方米"  # 出淤7.8万方: 方 is everyday speech for 立方米 (kb.domain.units)
        if unit == "年" and (len(value) == 4 or after in "度底初"):
            continue  # 2023年 / 2023年度
        if unit in ("月", "日") and re.match(r"\d{1,2}$", value) and re.search(r"\d+(年|月)$", t[:m.start()]):
            continue  # dates: 12月31日
        if unit in ("月", "日") and after in ("日", "前", "底"):
            continue
        if unit == "个" and t.startswith("百分点", m.end()):
            continue  # 下降0.5个百分点: a change of a rate (`kb.suggest.changes`), no count of 个
        if target_number_problem(t[max(0, m.start() - 3):m.end()]):
            continue  # 1e308公里 is not 308公里; a figure above 1 万亿 is a slip (kb.domain.quantity)
        if implausible(value, unit):
            continue  # trial 17: 99999999999公里 is below 1 万亿 and yet more road than the country has (said in a note)
        before = t[max(0, m.start() - 16):m.start()].rstrip("≥≤<>=＞＜＝约达 ")
        ctx = _context(t, m.start())
        if unit in CLASSIFIERS:
            # "租赁77个机柜", "资助300名学生": the object follows the measure word
            obj = _OBJECT_AFTER.match(_DELIM.split(t[m.end():m.end() + 12])[0])
            if obj and not obj.group().startswith(("以上", "左右", "以内", "的", "次")):
                ctx = ctx + obj.group()
        is_budget = unit in ("万元", "亿元", "元", "万") and any(w in before[-10:] for w in _BUDGET_WORDS) \
            and not _PER_UNIT_BEFORE.search(before) and not _PER_HEAD_FUND_BEFORE.search(before) \
            and not t.startswith("/", m.end())   # 投入标准每亩1500元: a standard
        people = next((w for w in WAN_PEOPLE if t.startswith(w, m.end())), None) if unit == "万" else None
        if people:
            unit = "万户" if people.endswith("户") else "万人"
            out.append(StatedQuantity(value, unit, ctx + people, m.start(), m.end()))
            continue
        if unit == "万":
            counted = _BARE_WAN.search(ctx) if not is_budget else None
            if not (is_budget or counted):
                continue
            unit = _BARE_WAN_UNIT[counted.group(1)] if counted else "万元"   # 观看人次50万 is 50 万人次
        out.append(StatedQuantity(value, unit, ctx, m.start(), m.end(), is_budget))
    return out


def amount(v: float) -> str:
    """A number as written, without float noise or lost digits (2279.048 → "2279.048", 250.0 → "250")."""
    return f"{v:.6f}".rstrip("0").rstrip(".")
