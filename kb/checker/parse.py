"""Pre-processing of target rows before any rule runs (RULES.md §3).

One pass per row: NFKC + Traditional→Simplified, whitespace removed, operator
normalised (words such as 不低于 → ≥), the value parsed once into number,
embedded comparator, embedded unit, dates, range, approximation and
placeholder flags, and the row classified (goal text row, 时效 / 成本 /
满意度 row, direction of the indicator). Rules then only read attributes, which
keeps the checker above 20,000 rows/s.

Not for judging anything (rules do that) and not for I/O (readers do that).
"""
from __future__ import annotations

import calendar
import re
from typing import Any

from kb.checker import lexicon as L
from kb.schema import LEVEL2_PARENT, Level1, Level2, TargetRow
from kb.text import normalize

# ---------------------------------------------------------------- operators
_OP_WORDS = {
    ">=": "≥", "=>": "≥", "≥": "≥", "≧": "≥", "大于等于": "≥", "大于或等于": "≥", "不低于": "≥",
    "不少于": "≥", "不小于": "≥", "至少": "≥", "达到": "≥", "以上": "≥",
    "<=": "≤", "=<": "≤", "≤": "≤", "≦": "≤", "小于等于": "≤", "小于或等于": "≤", "不高于": "≤",
    "不超过": "≤", "不大于": "≤", "至多": "≤", "最多": "≤", "以下": "≤", "以内": "≤",
    "=": "=", "==": "=", "等于": "=",
    ">": ">", "大于": ">", "高于": ">", "超过": ">",
    "<": "<", "小于": "<", "低于": "<",
    "定性": "定性", "区间": "区间", "范围": "区间",
    "定量(其他)": "定量(其他)", "定量其他": "定量(其他)",
    # ours: ± gives a symmetric tolerance (e.g. 结算误差率 ± 3%以内), a definite target
    "±": "±", "+-": "±", "+/-": "±",
}
VALID_OPS = frozenset(("≥", "≤", "=", ">", "<", "定性", "区间", "定量(其他)", "±"))
QUANT_OPS = frozenset(("≥", "≤", "=", ">", "<", "区间"))
OP_DIR = {"≥": "ge", ">": "ge", "≤": "le", "<": "le", "=": "eq", "±": "eq"}


def norm_op(op: str) -> str:
    """Normalise an operator field: `>=`/不低于 → ≥ … ; unknown text kept (OP-02 flags it)."""
    t = op.replace(" ", "")
    if not t:
        return ""
    return _OP_WORDS.get(t, t)


# ---------------------------------------------------------------- value patterns
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUM_RE = re.compile(_NUM)
_EMB_PREFIX_RE = re.compile(
    r"(?:>=|=>|<=|=<|≥|≤|≧|≦|>|<|=|±|\+-|大于或等于|小于或等于|大于等于|小于等于|不低于|不少于|不小于|不高于|"
    r"不超过|不大于|至少|至多|最多|达到|大于|小于|高于|低于|超过|等于)$")
_EMB_SUFFIX_RE = re.compile(r"^(?:及以上|或以上|以上|及以下|以下|以内|之内|之前|以前|前)")
_SUFFIX_OP = {"及以上": "≥", "或以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤",
              "之内": "≤", "之前": "≤", "以前": "≤", "前": "≤"}
_UNITS = (
    "个百分点", "百分点", "百分比", "%", "‰", "万人次", "人次", "人/次", "人天", "人日", "户次", "册次", "架次",
    "批次", "场次", "辆次", "万人", "人", "万户", "户", "个工作日", "工作日", "个月", "个", "次", "项", "件",
    "台", "套", "辆", "架", "座", "所", "家", "篇", "册", "份", "本", "部", "门", "期", "批", "场", "处",
    "条", "间", "张", "株", "头", "只", "匹", "棵", "万吨", "吨", "万t", "t", "公斤", "千克", "kg",
    "克", "斤", "亿元", "万元", "千元", "万美元", "美元", "元", "平方公里", "万平方米", "平方米", "㎡",
    "m²", "平米", "万亩", "亩", "公顷", "hm²", "万立方米", "立方米", "m³", "公里", "千米", "km", "米",
    "m", "M", "天", "日", "小时", "分钟", "秒", "周", "月", "季度", "年", "学时", "课时", "岁", "倍",
    "分", "级", "类", "种", "例", "起", "宗", "单", "名", "位", "床", "孔", "口", "盏", "门次", "家次",
)
_UNIT_BASE = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))
UNIT_RE = re.compile(rf"(?:{_UNIT_BASE})(?:[/·*每、](?:[\u4e00-\u9fff]{{1,2}}|{_UNIT_BASE})(?:[/·*·、](?:[\u4e00-\u9fff]{{1,2}}))?)?")
_DATE_YMD_RE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?")
_DATE_MD_RE = re.compile(r"(?<![\d年])(\d{1,2})月(?:(\d{1,2})[日号]|底|末|份|中旬|上旬|下旬)")
_DATE_ISO_RE = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?(?!\d)")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_DATE_WORD_RE = re.compile(r"年底|年末|年终|月底|月末|季末|季度末")
_PERIOD_RE = re.compile(
    r"(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?)"
    r"(?:-|~|～|—|至|到)"
    r"(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?)")
_FULL_YEAR_RE = re.compile(
    r"^(?:(?:\d{4}年)?1月(?:1日)?(?:-|~|～|—|至|到)(?:\d{4}年)?12月(?:31日|底|末)?|全年|当年|本年度?|1年|一年|全年度|年度内)$")
_RANGE_RE = re.compile(rf"({_NUM})(%|‰)?(?:-|~|～|至|到)({_NUM})(%|‰)?")
PLACEHOLDER_RE = re.compile(r"\*\*|XX|xx|××|待定")
_PLACEHOLDER_WHOLE = frozenset(("*", "-", "—", "/", "_", "无", "待定", "暂无", "n/a", "N/A", "NA", "--", "——"))
_HAS_DIGIT_RE = re.compile(r"\d")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_WS_RE = re.compile(r"[\s\u3000]+")
_GOAL_L1_RE = re.compile(r"目标$")
_L2_STRIP_RE = re.compile(r"[(（][^()（）]*[)）]|指标|目标")


def _compact(s: str) -> str:
    return _WS_RE.sub("", normalize(s)) if s else ""


def to_float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


# ---------------------------------------------------------------- levels
def level1_of(text: str) -> Level1 | None:
    """一级指标 with the local aliases of RULES.md §2.1 (效果/投入/制度 → None)."""
    t = text
    if not t:
        return None
    if "满意" in t:
        return Level1.satisfaction
    if "产出" in t or t == "项目完成指标":
        return Level1.output
    if "效益" in t:
        return Level1.benefit
    if "成本" in t:
        return Level1.cost
    for m in Level1:
        if t == m.value:
            return m
    return None


_L2_KEYS = (
    ("经济成本", Level2.economic_cost), ("社会成本", Level2.social_cost),
    ("生态环境成本", Level2.ecological_cost), ("生态成本", Level2.ecological_cost),
    ("环境成本", Level2.ecological_cost), ("经济效益", Level2.economic_benefit),
    ("社会效益", Level2.social_benefit), ("生态效益", Level2.ecological_benefit),
    ("可持续", Level2.sustainable_impact), ("满意", Level2.beneficiary_satisfaction),
    ("数量", Level2.quantity), ("质量", Level2.quality), ("时效", Level2.timeliness),
    ("工期", Level2.timeliness), ("进度", Level2.timeliness), ("成本", Level2.output_cost),
)


def level2_key(text: str) -> str:
    """二级指标 label without parentheses and the words 指标/目标 (RULES.md §3.6)."""
    return _L2_STRIP_RE.sub("", text)


def level2_of(key: str, level1: Level1 | None) -> Level2 | None:
    """二级指标 from its key; a bare 成本 is output_cost under 产出, economic_cost under 成本.

    Stricter than `kb.schema.parse_level2`: 预算(或投资规模)控制 is no framework
    category (RULES.md §7, the 东莞 2019 table is STR-02).
    """
    if not key:
        return None
    for m in Level2:
        if key == m.value:
            return m
    for k, v in _L2_KEYS:
        if k in key:
            if v is Level2.output_cost and level1 is Level1.cost:
                return Level2.economic_cost
            if v in (Level2.economic_cost, Level2.social_cost, Level2.ecological_cost) and level1 is Level1.output:
                return Level2.output_cost
            return v
    return None


def level2_fits(level2: Level2 | None, level1: Level1 | None) -> bool:
    """True when `level2` is a framework category of `level1` (88号 + 101号)."""
    if level2 is None or level1 is None:
        return False
    if level1 is Level1.output:
        return level2 in (Level2.quantity, Level2.quality, Level2.timeliness, Level2.output_cost)
    return LEVEL2_PARENT[level2] is level1


# ---------------------------------------------------------------- direction
def direction_of(name: str) -> str | None:
    """'pos' / 'neg' / None for an indicator name (RULES.md §4 direction lists).

    Order: positive overrides (下降率 …) > strong negatives (逾期, 发生率 …) >
    object negatives (投诉, 排放 …) unless the name ends in a positive head
    (投诉处理率, 排放达标率) > positives. 控制率 has no direction.
    """
    if not name:
        return None
    if L.POS_OVERRIDE_RE.search(name):
        return "pos"
    if L.NEG_STRONG_RE.search(name):
        return "neg"
    if L.NEG_OBJECT_RE.search(name):
        return "pos" if L.POS_HEAD_RE.search(name) else "neg"
    if "控制率" in name:
        return None
    if L.POS_RE.search(name):
        return "pos"
    return None


def has_metric(name: str) -> bool:
    """Name holds a measure noun or ends in 数/量/额/值/性 (not 质量) (RULES.md §4 METRIC)."""
    if L.METRIC_RE.search(name):
        return True
    base = _PAREN_RE.sub("", name)
    return bool(base) and base.endswith(L.METRIC_ENDINGS) and not base.endswith("质量")


# ---------------------------------------------------------------- the parsed row
class Row:
    """One target row parsed once for all rules (attributes only, no methods that judge).

    idx: 1-based row number as in the input; raw: the `TargetRow`; ctx: merged
    table + row context (budget_wan, budget_year, project, actual, prior_actual,
    unit_cost_yuan …). Normalised fields have all whitespace removed.
    """

    __slots__ = (
        "idx", "raw", "ctx", "l1", "l2", "l2key", "level1", "level2", "goal", "name", "name_base",
        "op", "v", "unit", "has_digit", "num", "num_text", "emb_op", "emb_unit", "eff_op",
        "eff_unit", "pct", "is_date", "dates", "years", "is_period", "full_year", "rng",
        "approx", "placeholder", "grade", "timeliness", "cost_row", "sat_row", "sat_level",
        "direction", "vague", "time_vague", "metric", "unit_tail",
    )

    def __init__(self, raw: TargetRow, idx: int, ctx: dict[str, Any] | None = None):
        self.idx = idx
        self.raw = raw
        self.ctx = ctx or {}
        l1 = _compact(raw.level1)
        l2 = _compact(raw.level2)
        self.l1, self.l2 = l1, l2
        self.level1 = level1_of(l1)
        self.l2key = level2_key(l2)
        self.level2 = level2_of(self.l2key, self.level1)
        name = _compact(raw.name)
        self.name = name
        self.name_base = _PAREN_RE.sub("", name)
        self.goal = (self.level1 is None and not l2 and bool(_GOAL_L1_RE.search(l1))
                     and not raw.value.strip())
        self.op = norm_op(_compact(raw.operator))
        v = _compact(raw.value)
        self.v = v
        self.unit = _compact(raw.unit)
        self.has_digit = bool(_HAS_DIGIT_RE.search(v))
        self._parse_value(v)
        self.eff_op = self.op if self.op in OP_DIR else self.emb_op
        self.eff_unit = self.emb_unit or self.unit
        self.pct = self.eff_unit in ("%", "‰", "百分比") or (not self.eff_unit and "%" in v)
        self.grade = v in L.GRADE
        self.timeliness = self.level2 is Level2.timeliness or "时效" in l2 or "工期" in l2 or "进度" in l2
        self.cost_row = (self.level1 is Level1.cost or "成本" in l2
                         or ("预算" in l2 and "控制" in l2))
        self.sat_row = "满意" in name
        self.sat_level = self.sat_row and not any(w in name for w in ("幅度", "提升", "提高", "增长", "增幅", "变化"))
        self.direction = direction_of(self.name_base or name)
        if self.direction is None and self.cost_row and self.eff_unit and "元" in self.eff_unit:
            self.direction = "neg"
        self.vague = bool(L.VAGUE_RE.search(v)) if v and not self.has_digit else False
        self.time_vague = bool(L.TIME_VAGUE_RE.search(v)) if v and not self.has_digit else False
        self.metric = has_metric(name)

    def _parse_value(self, v: str) -> None:
        self.num = None
        self.num_text = ""
        self.emb_op = ""
        self.emb_unit = ""
        self.unit_tail = ""
        self.dates = []
        self.years = []
        self.is_period = False
        self.full_year = False
        self.rng = None
        self.approx = False
        self.placeholder = False
        self.is_date = False
        if not v:
            return
        self.placeholder = v in _PLACEHOLDER_WHOLE or bool(PLACEHOLDER_RE.search(v))
        if not self.has_digit:
            self.full_year = bool(_FULL_YEAR_RE.match(v))
            self.is_date = bool(_DATE_WORD_RE.search(v))
            return
        self.approx = bool(L.APPROX_RE.search(v))
        dates: list[tuple[int | None, int, int | None]] = []
        for m in _DATE_YMD_RE.finditer(v):
            dates.append((int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None))
        for m in _DATE_ISO_RE.finditer(v):
            y, mo_t = int(m.group(1)), m.group(2)
            sep = v[m.start() + 4]
            # 2023.07 / 2023-7-1 are dates; 1290.3 or 2023.5 are decimals
            if not 1990 <= y <= 2100 or (sep == "." and len(mo_t) < 2 and not m.group(3)):
                continue
            mo = int(mo_t)
            if 1 <= mo <= 12 or m.group(3):
                dates.append((y, mo, int(m.group(3)) if m.group(3) else None))
        if not dates:
            for m in _DATE_MD_RE.finditer(v):
                dates.append((None, int(m.group(1)), int(m.group(2)) if m.group(2) else None))
        self.years = [int(y) for y in _YEAR_RE.findall(v)]
        if not self.years:
            self.years = [d[0] for d in dates if d[0]]
        self.dates = dates
        self.is_date = bool(dates or self.years or _DATE_WORD_RE.search(v))
        if self.is_date:
            self.is_period = bool(_PERIOD_RE.search(v))
            self.full_year = bool(_FULL_YEAR_RE.match(v))
            m = re.search(r"(以前|之前|前|以内|之内)", v)
            if m:
                self.emb_op = "≤"
            return
        m = NUM_RE.search(v)
        if m is None:  # pragma: no cover - has_digit guarantees a match
            return
        self.num_text = m.group().replace(",", "")
        self.num = to_float(self.num_text)
        before = v[:m.start()]
        pm = _EMB_PREFIX_RE.search(before)
        if pm:
            self.emb_op = _OP_WORDS.get(pm.group(), pm.group())
            if self.emb_op == "+-":
                self.emb_op = "±"
        after = v[m.end():]
        um = UNIT_RE.match(after)
        if um:
            self.emb_unit = um.group()
            after = after[um.end():]
        sm = _EMB_SUFFIX_RE.match(after)
        if sm:
            if not self.emb_op:
                self.emb_op = _SUFFIX_OP[sm.group()]
            after = after[sm.end():]
        self.unit_tail = after
        rm = _RANGE_RE.search(v)
        if rm:
            lo, hi = to_float(rm.group(1)), to_float(rm.group(3))
            if lo is not None and hi is not None:
                self.rng = (lo, hi)


def valid_date(y: int | None, m: int, d: int | None) -> bool:
    """True when month 1–12 and the day exists in that month (leap years counted)."""
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    last = calendar.monthrange(y or 2024, m)[1]  # unknown year: allow 29 Feb
    return 1 <= d <= last


class Table:
    """All rows of one 绩效目标表 plus its table-level context.

    rows: every parsed row in input order (goal rows included, `.goal` set);
    items: the indicator rows (goal rows excluded); ctx: table context
    (budget_wan, budget_year, plan_total_wan, long_term_rows …).
    """

    __slots__ = ("rows", "items", "ctx")

    def __init__(self, rows: list[Row], ctx: dict[str, Any]):
        self.rows = rows
        self.items = [r for r in rows if not r.goal]
        self.ctx = ctx


def cjk_count(s: str) -> int:
    return len(_CJK_RE.findall(s))
