"""Quantities stated in a project description: "修缮乡村道路12公里" → (12, 公里, 修缮乡村道路).

Pure text functions: find number+unit mentions with the words in front of
them (their object), recognise the budget (万元 next to 资金/预算/投资 …) and
skip years and dates. Not for binding quantities to indicators (see
`kb.suggest.engine`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.text import normalize

# longest first so 万人次 wins over 人次 and 人
UNITS = sorted("""万人次 人次 万人 人 户次 万户 户 名 位 个 所 家 村 台 套 辆 艘 架 件 批 项 次 场 期 班 批次 天 日 个月 月 周
小时 分钟 年 公里 千米 米 平方公里 平方米 万平方米 立方米 万立方米 亩 万亩 公顷 吨 万吨 千克 公斤 头 只 羽 株 棵 万株
座 处 条 盏 本 册 份 篇 部 册次 张 间 床 张床 个点 宗 起 例 支 块 根 眼 口 处次 门 栋 幢 套次 课时 学时 km hm² hm2 万元 亿元 元 %
粒 剂 剂次 人份 盒 袋 箱 瓶 尾 车次 架次 延米 平方公里 斤 餐 份次 台次 辆次 万次""".split(), key=len, reverse=True)
MONEY_UNITS = frozenset({"万元", "亿元", "元"})
# units whose object usually follows the number (5000吨稻谷, 425万粒种薯)
BULK_UNITS = frozenset("吨 万吨 公斤 千克 斤 粒 万粒 株 万株 棵 头 只 羽 尾 立方米 万立方米 剂 人份 盒 袋 箱 瓶".split())

_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_QTY = re.compile(_NUM + r"\s*((?:万|亿)?(?:" + "|".join(re.escape(u) for u in UNITS) + r")|万(?![\u4e00-\u9fff]))")
_UNIT_HEAD = re.compile(r"^(?:" + "|".join(re.escape(u) for u in UNITS) + r"|万)")
_DELIM = re.compile(r"[,，。;；、:：()（）\[\]【】\s“”\"'≥≤<>=＞＜＝~～]")
_LEAD = re.compile(r"^(?:高质量|高标准|圆满|顺利|按时|按期|及时|全部|全面|持续|切实|积极|认真|不断|有效|计划|预计|拟|全年|年度|约|共计|共|累计|总计|合计|预期|力争|确保|其中|主要|用于|对|为|向|给|将|通过|按照|完成|实现|达到)+")
_BUDGET_WORDS = ("资金", "预算", "投资", "总额", "经费", "金额", "安排", "拨付", "财政", "补助资金", "总投资", "投入",
                 "转移支付", "额度", "下达", "拨款", "专项")
_OBJECT_AFTER = re.compile(r"^[\u4e00-\u9fff]{2,8}")
# measure words that stand before their noun (N个机柜, N名学生), unlike units of measurement
CLASSIFIERS = frozenset("个 台 套 辆 艘 架 所 家 座 栋 幢 门 项 条 处 名 位 户 间 张 本 册 份 部 支 块 根 眼 口 盏 株 棵 头 只".split())


@dataclass
class Quantity:
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


def find_quantities(text: str) -> list[Quantity]:
    """All number+unit mentions of `text` (normalised), years/dates excluded."""
    t = normalize(text)
    out: list[Quantity] = []
    for m in _QTY.finditer(t):
        value, unit = m.group(1).replace(",", ""), m.group(2)
        if unit == "km":
            unit = "公里"
        elif unit in ("hm²", "hm2"):
            unit = "公顷"
        after = t[m.end():m.end() + 1]
        if unit == "年" and (len(value) == 4 or after in "度底初"):
            continue  # 2023年 / 2023年度
        if unit in ("月", "日") and re.match(r"\d{1,2}$", value) and re.search(r"\d+(年|月)$", t[:m.start()]):
            continue  # dates: 12月31日
        if unit in ("月", "日") and after in ("日", "前", "底"):
            continue
        before = t[max(0, m.start() - 16):m.start()].rstrip("≥≤<>=＞＜＝约达 ")
        parts = _DELIM.split(before)
        ctx = parts[-1] if parts else ""
        if re.search(r"\d", ctx):  # cut at a previous number and its unit ("45万元给聘用的14人")
            ctx = _UNIT_HEAD.sub("", re.sub(r"^.*\d", "", ctx))
        ctx = _LEAD.sub("", ctx).removesuffix("的")
        if unit in CLASSIFIERS:
            # "租赁77个机柜", "资助300名学生": the object follows the measure word
            obj = _OBJECT_AFTER.match(_DELIM.split(t[m.end():m.end() + 12])[0])
            if obj and not obj.group().startswith(("以上", "左右", "以内", "的", "次")):
                ctx = ctx + obj.group()
        is_budget = unit in ("万元", "亿元", "元", "万") and any(w in before[-10:] for w in _BUDGET_WORDS)
        if unit == "万":
            if not is_budget:
                continue
            unit = "万元"
        out.append(Quantity(value, unit, ctx, m.start(), m.end(), is_budget))
    return out


# words that mark the budget of the year being declared (vs the project's total or mid-term budget)
ANNUAL_BUDGET = re.compile(r"本年度|本年|今年|年度预算|年初预算|年度资金|年度本级|全年预算|本期")


def budget_from_text(text: str) -> float | None:
    """The year's budget in 万元 stated in the text, else None.

    Policy: a budget mention marked as this year's (本年度, 当年, 年度预算 …
    within the 12 characters before it) wins; otherwise the first budget
    mention (the total, before its "其中" parts). "项目总投资500万元，其中本年度
    预算资金250万元" → 250; "资金总额854万元，其中农田建设400万元" → 854.
    """
    t = normalize(text)
    budgets = [q for q in find_quantities(t) if q.is_budget]
    if not budgets:
        return None
    annual = [q for q in budgets if ANNUAL_BUDGET.search(t[max(0, q.start - 12):q.start])]
    q = (annual or budgets)[0]
    v = float(q.value)
    return v * 10000 if q.unit == "亿元" else v / 10000 if q.unit == "元" else v


# units that measure the same kind of thing (a quantity binds to an indicator of a compatible unit)
UNIT_FAMILIES = [
    {"人", "名", "位", "万人"}, {"人次", "万人次"}, {"户", "万户", "户次"},
    {"公里", "千米", "km"}, {"米", "m"}, {"平方米", "万平方米", "㎡", "m2"}, {"亩", "万亩", "公顷"},
    {"立方米", "万立方米"}, {"吨", "万吨", "千克", "公斤"},
    {"个", "所", "家", "处", "座", "项", "宗", "个点"}, {"台", "套", "件", "辆", "艘", "架", "台套"},
    {"次", "场", "期", "班", "批", "批次", "场次"}, {"天", "日", "个月", "月", "小时", "年", "周"},
    {"头", "只", "羽", "尾"}, {"株", "棵", "万株"}, {"粒"}, {"剂", "剂次", "人份"}, {"盒", "袋", "箱", "瓶"}, {"万元", "亿元", "元"}, {"%"},
    {"本", "册", "份", "篇", "部"}, {"张", "床", "张床"}, {"条", "根", "眼", "口"}, {"门"},
    {"栋", "幢", "座"}, {"课时", "学时"},
]


def unit_family(unit: str) -> int | None:
    """Index of the unit's family in UNIT_FAMILIES (万粒 as 粒), or None."""
    u = normalize(unit)
    if len(u) > 1 and u[0] in "万亿" and u not in ("万元", "亿元"):
        u = u[1:]
    for i, fam in enumerate(UNIT_FAMILIES):
        if u in fam:
            return i
    return None


def units_compatible(a: str, b: str) -> bool:
    """True when two units measure the same kind of thing (人 ~ 名, 公里 ~ 千米 …)."""
    if not a or not b:
        return False
    if normalize(a) == normalize(b):
        return True
    fa, fb = unit_family(a), unit_family(b)
    return fa is not None and fa == fb


# suffix a derived indicator name takes from its unit ("修缮乡村道路" + 公里 → 修缮乡村道路里程)
UNIT_SUFFIX = {
    "人": "人数", "名": "人数", "位": "人数", "万人": "人数", "人次": "人次", "万人次": "人次",
    "户": "户数", "万户": "户数", "户次": "户次", "公里": "里程", "千米": "里程", "米": "长度",
    "平方米": "面积", "万平方米": "面积", "亩": "面积", "万亩": "面积", "公顷": "面积",
    "立方米": "量", "万立方米": "量", "吨": "量", "万吨": "量", "公斤": "量", "千克": "量",
    "个": "数量", "所": "数量", "家": "数量", "处": "数量", "座": "数量", "项": "数量",
    "台": "数量", "套": "数量", "件": "数量", "辆": "数量", "批": "批次", "次": "次数", "场": "场次",
    "期": "期数", "班": "期数", "天": "天数", "日": "天数", "小时": "时长", "个月": "时长",
    "头": "数量", "只": "数量", "羽": "数量", "株": "数量", "棵": "数量", "万株": "数量", "本": "数量",
    "册": "数量", "份": "数量", "篇": "篇数", "部": "数量", "张": "数量", "床": "数量", "条": "数量",
    "盏": "数量", "村": "村数", "%": "率", "门": "数量", "栋": "数量", "幢": "数量", "课时": "课时数",
    "学时": "学时数",
}
