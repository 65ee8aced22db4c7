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
import unicodedata
from typing import Any

from kb.checker import lexicon as L
from kb.checker.catalog import CACHES
from kb.domain.enums import Level1, Level2
from kb.domain.quantity import misplaced_separator, target_number_problem
from kb.domain.levels import is_goal_label, level2_key, level2_of_key, parse_level1
from kb.domain.schema import TargetRow
from kb.domain.text import FULLWIDTH_RE, INVISIBLE_OR_PICTOGRAPH_RE, compact, strip_pictographs
from kb.domain.units import VALUE_UNITS, measure_of
from kb.domain.words import UPKEEP_WORDS, builds_or_buys, reduction_amount

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
_COMMA_RUN_RE = re.compile(r"\d+(?:,\d+)+(?:\.\d+)?")  # a figure with commas, grouped well or not (TXT-06)
_EMB_PREFIX_RE = re.compile(
    r"(?:>=|=>|<=|=<|≥|≤|≧|≦|>|<|=|±|\+-|大于或等于|小于或等于|大于等于|小于等于|不低于|不少于|不小于|不高于|"
    r"不超过|不大于|至少|至多|最多|达到|大于|小于|高于|低于|超过|等于)$")
_EMB_SUFFIX_RE = re.compile(r"^(?:及以上|或以上|以上|及以下|以下|以内|之内|之前|以前|前)")
_SUFFIX_OP = {"及以上": "≥", "或以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤",
              "之内": "≤", "之前": "≤", "以前": "≤", "前": "≤"}
_UNIT_BASE = "|".join(re.escape(u) for u in sorted(set(VALUE_UNITS), key=len, reverse=True))
UNIT_RE = re.compile(rf"(?:{_UNIT_BASE})(?:[/·*每、](?:[\u4e00-\u9fff]{{1,2}}|{_UNIT_BASE})(?:[/·*·、](?:[\u4e00-\u9fff]{{1,2}}))?)?")
_DATE_YMD_RE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号])?")
# (not the month of a dated year, 2025年12月; 当年12月31日前 is the budget year's, trial 16: STR-10 writes it)
_DATE_MD_RE = re.compile(r"(?<!\d)(?<!\d年)(\d{1,2})月(?:(\d{1,2})[日号]|底|末|份|中旬|上旬|下旬)")
_DATE_ISO_RE = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?(?!\d)")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_DATE_WORD_RE = re.compile(r"年底|年末|年终|月底|月末|季末|季度末")
# ours: the budget year's end said in words, the usual qualitative deadline of a 时效 row (年度内完成,
# 当年完成, 本年度内完工): a date (12月31日), not a vague time word (TIME-01) or an ungraded text (QNT-05)
YEAR_END_DEADLINE_RE = re.compile(
    r"^(?:在|于)?(?:本|当)?(?:年度?内|年度|年)(?:全部|全面|按计划)?"
    r"(?:完成|完工|建成|竣工|实施完毕|实施完成|发放完毕|发放到位|拨付到位|支付完毕|验收)$")
# an Excel formula or formula residue in a value or unit cell (=SUM(A1:A9), @SUM(1), =B3*2): no number
FORMULA_RE = re.compile(r"^[=@+]?(?:[≥≤<>=±]*)[=@](?:[A-Za-z_]|\$?[A-Za-z]{1,3}\$?\d)"
                        r"|(?i:\b(?:SUM|SUMIF|AVERAGE|COUNTA?|IF|ROUND|VLOOKUP|MAX|MIN)\()")
_PERIOD_RE = re.compile(
    r"(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?)"
    r"(?:-|~|～|—|至|到)"
    r"(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号]|底|末)?|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?)")
_FULL_YEAR_RE = re.compile(
    r"^(?:(?:\d{4}年)?1月(?:1日)?(?:-|~|～|—|至|到)(?:\d{4}年)?12月(?:31日|底|末)?|全年|当年|本年度?|1年|一年|全年度|年度内)$")
_RANGE_RE = re.compile(rf"({_NUM})(%|‰)?(?:-|~|～|至|到)({_NUM})(%|‰)?")
PLACEHOLDER_RE = re.compile(r"\*\*|XX|xx|××|待定")
# characters some systems refuse in a 指标值: - _ or a single * (TXT-04; ** is a placeholder, QNT-04)
FORBIDDEN_RE = re.compile(r"[-_]|(?<!\*)\*(?!\*)")
_PLACEHOLDER_WHOLE = frozenset(("*", "-", "—", "/", "_", "无", "待定", "暂无", "n/a", "N/A", "NA", "--", "——"))
# ours: words that stand in a cell left to fill (our own writers put 待填写 in a blank value, with the reason
# after a colon): the value is empty, as a blank cell is — STR-03 in .json and .xlsx alike (a fresh reviewer
# found 待填写 read as an ungraded text, QNT-05 warning, where the blank cell gave STR-03 error). Template
# residue (XX, **, 待定, —, /) stays the catalog's QNT-04, an error too.
PENDING_VALUE_RE = re.compile(r"^[(（]?(?:待填写|待填|待补充|待补填|另行填写|请填写|请补充|请补填)[^()（）]*[)）]?$")
_HAS_DIGIT_RE = re.compile(r"\d")
# a row a form left unset — (未设置), 无, 暂无, 不适用 as its name (D062: three 成本 rows “(未设置) = 0”):
# no indicator; the table rules do not count it (it is no 成本 indicator, no duplicate of another)
UNSET_NAME_RE = re.compile(r"^[(（]?(?:未设置|未设|无|暂无|不适用|不涉及)[)）]?$")
# ours: a name that only holds a slot to fill — （请补充效益指标）, 待补充, 待填写, or brackets alone (suggest writes
# such a row for a slot it could not fill): an empty name (STR-03), never renamed into itself (fresh reviewer)
PENDING_NAME_RE = re.compile(r"^[(（\[【]*(?:(?:请补充|请填写|请输入|待补充|待填写|待填|待定)[^()（）\[\]【】]*)?[)）\]】]*$")


def unset_row(r: "ParsedRow") -> bool:
    """The row's name says the form left it unset (`UNSET_NAME_RE`; read once per name, `NameInfo.unset`)."""
    return r.ni.unset
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# a bracketed aside in a name (…（含设备）): the name's base drops it
PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_WS_RE = re.compile(r"[\s\u3000]+")


def to_float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


# ---------------------------------------------------------------- direction
def name_direction(name: str) -> str | None:
    """'pos' / 'neg' / None for an indicator name (RULES.md §4 direction lists).

    Order: positive overrides (下降率 …, the size of a reduction: 水土流失面积减少数量) and surveyed shares (投诉举报人满意度, ours) > a positive
    ratio head after a time limit (办理时限达标率, ours) > the office's work or help on the negative,
    named after it (死亡家庭扶助人数, 环境违法案件查处数量) or before it (治理水土流失面积,
    挽回经济损失), unless the negative is the measure itself or a failure of the work (疫情处置响应时间,
    投诉办理逾期件数 stay low-is-better) or the name ends in a duration (事故处理时间: None) (ours) > strong negatives (逾期, 发生率 …)
    > object negatives (投诉, 排放 …) unless the name ends in a positive head (投诉处理率,
    排放达标率) > positives. 控制率 and a 限额's use (ours) have no direction.
    """
    if not name:
        return None
    if L.POS_OVERRIDE_RE.search(name) or reduction_amount(name):
        return "pos"  # 水土流失面积减少数量: the size of a reduction (`kb.domain.words.reduction_amount`)
    if L.SURVEYED_RE.search(name) and "不满意" not in name:
        return "pos"
    m = L.NEG_STRONG_RE.search(name) or L.NEG_OBJECT_RE.search(name)
    if m and L.DURATION_END_RE.search(m.group()) and L.POS_HEAD_RE.search(name, m.end()):
        return "pos"  # 不动产登记办理时限达标率: the share that met the time limit (逾期发放率 stays low)
    if m and (name.endswith(L.COST_ENDINGS) or L.NEG_NOT_OBJECT_RE.search(m.group())):
        m = None  # a cost of work against a negative (水土流失综合治理成本) is a cost, not the work (ours)
    if m and (L.REMEDY_RE.search(name, m.end()) or L.PRE_REMEDY_RE.search(name[:m.start()])):
        # 死亡家庭扶助人数, 环境违法案件查处数量, 治理水土流失面积: help given or work done on the negative
        return None if L.DURATION_END_RE.search(name) else "pos"
    if L.NEG_STRONG_RE.search(name):
        return "neg"
    if L.NEG_OBJECT_RE.search(name):
        return "pos" if L.POS_HEAD_RE.search(name) else "neg"
    if L.CEILING_RE.search(name):
        return None
    if L.POS_RE.search(name):
        return "pos"
    return None


def has_metric(name: str) -> bool:
    """Name holds a measure noun, an object's 密度, or ends in 数/量/额/值/性 (not 质量) (RULES.md §4 METRIC)."""
    if L.METRIC_RE.search(name):
        return True
    base = PAREN_RE.sub("", name) if ("(" in name or "（" in name) else name  # no bracket: nothing to drop
    m = L.DENSITY_RE.search(base)
    if m and len(L.ASPIRE_RE.sub("", base[:m.start()])) >= 2:
        return True
    return bool(base) and base.endswith(L.METRIC_ENDINGS) and not base.endswith("质量")


_MEMO_MAX = 100_000


def _memo(d: dict, key: Any, fn: Any) -> Any:
    v = d.get(key)
    if v is None:
        if len(d) > _MEMO_MAX:
            d.clear()
        v = d[key] = fn(key)
    return v


def _levels(key: tuple[str, str]) -> tuple:
    l1, t1 = compact(key[0])
    l2, t2 = compact(key[1])
    level1 = parse_level1(l1, normalized=True)
    l2key = level2_key(l2)
    level2 = level2_of_key(l2key, level1, strict=True)
    timeliness = level2 is Level2.timeliness or "时效" in l2 or "工期" in l2 or "进度" in l2
    cost = level1 is Level1.cost or "成本" in l2 or ("预算" in l2 and "控制" in l2)
    goal_label = is_goal_label(l1, l2)
    out_qty = level1 is Level1.output and level2 is Level2.quantity  # REL-06's rows (`ParsedRow.tags`)
    return l1, l2, level1, l2key, level2, timeliness, cost, goal_label, t1 or t2, out_qty


_STRIP_FOR_TEXT = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?|\d{4}年|\d{1,2}月|\d{1,2}[日号]|以上|以下|以内|之内|之前|以前|前|不低于|不少于|"
    r"不小于|不高于|不超过|不大于|至少|至多|最多|达到|大于|小于|高于|低于|超过|等于|左右|约")
_RAW_WS_RE = re.compile(r"[\s\u3000]")


def _simple(key: str) -> tuple[str, bool, bool, bool]:
    """(normalised, Traditional seen, full-width seen, whitespace seen) of an operator or unit."""
    t, trad = compact(key)
    return t, trad, bool(FULLWIDTH_RE.search(key)) if key else False, bool(_RAW_WS_RE.search(key)) if key else False


def _simple_unit(key: str) -> tuple[str, bool, bool, bool, bool, bool]:
    """`_simple` of a unit field, whether it holds an Excel formula (`FORMULA_RE`) and whether, as written,
    an invisible character or a pictograph (`INVISIBLE_OR_PICTOGRAPH_RE`, TXT-05's row tag)."""
    t, trad, fw, ws = _simple(key)
    return (t, trad, fw, ws, bool(t) and bool(FORMULA_RE.search(t)),
            bool(INVISIBLE_OR_PICTOGRAPH_RE.search(key)) if key else False)


def _simple_op(key: str) -> tuple[str, bool, bool, bool]:
    """`_simple` of an operator field, the operator normalised (`norm_op`)."""
    t, trad, fw, ws = _simple(key)
    return norm_op(t), trad, fw, ws


_SAT_CHANGE = ("幅度", "提升", "提高", "增长", "增幅", "变化")


_UNSET: Any = object()


class NameInfo:
    """Features of an indicator name (normalised), shared by every row with that name.

    The cheap features are computed at once; direction, unit family and the
    REL-01 flags only when a rule first asks (most rows never need them).
    """

    __slots__ = ("name", "trad", "base", "metric", "sat_row", "sat_level", "ws", "hits_key", "hits", "rel01", "_direction",
                 "_family", "_rel01", "digits", "_qty", "key", "_programs", "unset", "_raw", "_tidy", "invpic")

    def __init__(self, raw: str):
        name, self.trad = compact(raw)
        if name and PENDING_NAME_RE.match(name):
            name = ""  # （请补充效益指标）: a slot, no name
        self.name = name
        self.base = PAREN_RE.sub("", name) if ("(" in name or "（" in name) else name
        self.metric = has_metric(name)
        self.sat_row = "满意" in name
        self.sat_level = self.sat_row and not any(w in name for w in _SAT_CHANGE)
        self.ws = bool(_RAW_WS_RE.search(raw)) if raw else False
        # an invisible character or a pictograph in the name as written (TXT-05's row tag `invpic`)
        self.invpic = bool(INVISIBLE_OR_PICTOGRAPH_RE.search(raw)) if raw else False
        # per-name memos, flat tuples of strings, numbers and flags (no dict, no enum, no nesting: the garbage
        # collector stops tracking them the first time it looks, so a run over many distinct names does not
        # keep adding objects to its full collections): the name-only rule hits and the thresholds they were
        # computed for (`runner._static_hits`), the last REL-01 verdicts with their keys (`relevance.rel_01_reason`)
        self.hits_key: tuple | None = None
        self.hits: tuple = ()
        self.rel01: tuple = ()
        self.digits = bool(_HAS_DIGIT_RE.search(name)) if name else False
        self._direction = self._family = self._rel01 = self._qty = self._programs = self._tidy = _UNSET
        self._raw = raw
        self.key = duplicate_key(name) if name else ""  # duplicate key (STR-12)
        self.unset = bool(UNSET_NAME_RE.match(raw.strip()))  # the form left the row unset (`unset_row`)

    @property
    def direction(self) -> str | None:
        d = self._direction
        if d is _UNSET:
            d = self._direction = name_direction(self.base or self.name)
        return d

    @property
    def family(self) -> str | None:
        f = self._family
        if f is _UNSET:
            f = self._family = measure_of(self.base)
        return f

    def _rel01_flags(self) -> tuple[bool, bool, bool, bool]:
        t = self._rel01
        if t is _UNSET:
            n = self.base or self.name
            cs = bool(L.COUNT_SUFFIX_RE.search(n))
            t = self._rel01 = (cs, bool(L.OUTCOME_RATE_RE.search(n)), bool(L.TIME_MEANING_RE.search(n)),
                               cs and bool(L.OUTPUT_ACT_RE.search(n)) and not L.BENEFIT_WORD_RE.search(n))
        return t

    @property
    def programs(self) -> tuple[str, ...]:
        """Fund programmes (lexicon PROGRAMS keys) the name names, in lexicon order (REL-05)."""
        p = self._programs
        if p is _UNSET:
            found = {L.PROGRAM_OF[m] for m in L.PROGRAM_RE.findall(self.name)} if self.name else ()
            p = self._programs = tuple(k for k in L.PROGRAMS if k in found)
        return p

    @property
    def quantities(self) -> tuple[tuple[str, float, str], ...]:
        """Quantities written in the name itself (text, number, unit), e.g. 村组干部230人 → ("230人", 230, "人").

        Read from the name without bracketed remarks and without an explanation
        after ——; numbers inside words (PM2.5, 0-6岁) and years are skipped.
        """
        q = self._qty
        if q is _UNSET:
            q = ()
            if self.digits:
                core = self.base.split("——")[0]
                q = tuple((m.group(0), x, m.group(2) or "") for m in _NAME_QTY_RE.finditer(core)
                          if (x := to_float(m.group(1))) is not None and m.group(2) != "年")
            self._qty = q
        return q

    def tidy_raw(self) -> str:
        """The name as written in the form a fix gives it (`kb.checker.rewrite.tidy_field`, pictographs
        dropped): what a rewrite that keeps the name writes back (computed once per name)."""
        t = self._tidy
        if t is _UNSET:
            raw = self._raw
            if (raw == self.name and not self.trad and unicodedata.is_normalized("NFKC", raw)
                    and not INVISIBLE_OR_PICTOGRAPH_RE.search(raw)):
                t = raw  # already in that form (compact changed nothing, nothing to strip): most names
            else:
                from kb.checker.rewrite import tidy_field  # rewrite imports this module
                t = tidy_field(raw)
                t = strip_pictographs(t) if t else t
            self._tidy = t
        return t

    @property
    def count_suffix(self) -> bool:
        return self._rel01_flags()[0]

    @property
    def outcome_rate(self) -> bool:
        return self._rel01_flags()[1]

    @property
    def time_meaning(self) -> bool:
        return self._rel01_flags()[2]

    @property
    def output_count(self) -> bool:
        return self._rel01_flags()[3]


class ValueInfo:
    """Parse of a 指标值 string (normalised): number, embedded comparator and unit, dates, range, flags."""

    __slots__ = ("v", "trad", "has_digit", "num", "num_text", "emb_op", "emb_unit", "unit_tail", "dates",
                 "years", "is_period", "full_year", "rng", "approx", "placeholder", "is_date", "grade",
                 "vague", "time_vague", "fullwidth", "ws", "text_chars", "row", "formula", "bad_number", "invpic",
                 "forbid", "sep")

    def __init__(self, raw: str):
        v, self.trad = compact(raw)
        if v and PENDING_VALUE_RE.match(v):
            v = ""  # 待填写 (our writers' blank): an empty value
        self.fullwidth = bool(FULLWIDTH_RE.search(raw)) if v else False
        self.ws = bool(_RAW_WS_RE.search(raw)) if v else False
        self.invpic = bool(INVISIBLE_OR_PICTOGRAPH_RE.search(raw)) if raw else False  # as written (TXT-05)
        self.v = v
        # a formula's digits are cell references, not a number (QNT-04 reports it)
        self.formula = bool(v) and ("=" in v or "@" in v or "(" in v) and bool(FORMULA_RE.search(v))
        # scientific notation (1e3) or a figure above 1 万亿: refused like a formula (QNT-04), never read
        self.bad_number = (target_number_problem(v) if v and not self.formula and _HAS_DIGIT_RE.search(v)
                           else None)
        self.has_digit = (bool(_HAS_DIGIT_RE.search(v)) and not self.formula and not self.bad_number) if v else False
        self.grade = v in L.GRADE
        # TXT-04's characters (- _ or a single *) in the value, and TXT-06's thousands separator out of place in
        # the value as written (a number's): the row tags `forbid` and `sep`
        self.forbid = bool(FORBIDDEN_RE.search(v)) if v else False
        self.sep = bool(misplaced_separator(raw)) if self.has_digit else False
        _parse_value(self, v)
        text = bool(v) and not self.has_digit
        self.vague = bool(L.VAGUE_RE.search(v)) if text else False
        year_end = text and bool(YEAR_END_DEADLINE_RE.match(v))
        if year_end:
            self.is_date = True
        self.time_vague = bool(L.TIME_VAGUE_RE.search(v)) and not year_end if text else False
        # Chinese characters left once numbers, units, dates and comparators are removed (QNT-10)
        self.text_chars = (cjk_count(UNIT_RE.sub("", _STRIP_FOR_TEXT.sub(" ", v)))
                           if self.has_digit and _CJK_RE.search(v) else 0)
        # immutable, so that the garbage collector can stop tracking them
        self.dates = tuple(self.dates)
        self.years = tuple(self.years)
        # the attributes `ParsedRow` copies, in its order (one tuple unpack per row)
        self.row = (v, self.has_digit, self.num, self.num_text, self.emb_op, self.emb_unit, self.unit_tail,
                    self.dates, self.years, self.is_period, self.full_year, self.rng, self.approx, self.placeholder,
                    self.is_date, self.grade, self.vague, self.time_vague, self.text_chars)


_PUNCT_RE = re.compile(r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                       r"!-/:-@\[-`{-~·•‧、。，；：？！“”‘’（）《》〈〉【】〔〕…—–]+")
_NAME_QTY_RE = re.compile(r"(?<![\d.A-Za-z\-~])(" + _NUM + r")(?![\d.\-~])(" + UNIT_RE.pattern + r")?")


def duplicate_key(name: str) -> str:
    """Duplicate key of a normalised name (NFKC + simplified + no spaces): punctuation dropped, lower case (STR-12)."""
    return _PUNCT_RE.sub("", name).lower()


def name_quantity(r: "ParsedRow") -> tuple[str, float, str] | None:
    """The quantity in the row's name that repeats its target number (村组干部230人 with ≥230), or None.

    Not a specification of the object (round 10): a quantity followed in the name by the object it qualifies,
    in a unit that does not count that object — Latin letters (100M宽带, 10kV线路, 4K摄像头, 5G基站), or a unit
    other than the row's that counts nothing (35吨锅炉 =35 台) — is what the object is, not the target; a count
    (建设8个老年助餐点, 新建10公里道路 in 公里) or a quantity ending the name (村组干部230人) still is."""
    if not r.ni.digits or r.num is None or r.is_date:
        return None
    for q in r.ni.quantities:
        if q[1] == r.num and not _specification(r.ni.base.split("——")[0], q, r.eff_unit or r.unit):
            return q
    return None


_LATIN_AFTER_RE = re.compile(r"[A-Za-z]+")


def _specification(core: str, q: tuple[str, float, str], row_unit: str) -> bool:
    """True when quantity `q` of name `core` specifies the object that follows it (`name_quantity`)."""
    from kb.domain.units import WHOLE_UNITS, units_compatible

    at = core.find(q[0])
    if at < 0:
        return False
    after = core[at + len(q[0]):]
    latin = _LATIN_AFTER_RE.match(after)
    rest = after[latin.end():] if latin else after
    if not rest or not ("\u4e00" <= rest[0] <= "\u9fff"):
        return False  # nothing follows: 村组干部230人
    unit = q[2]
    if latin or (unit and unit.isascii()):
        return True   # 100M宽带, 10kV线路, 4K摄像头
    if not unit or unit in WHOLE_UNITS or not row_unit:
        return False  # 建设8个老年助餐点: a count of the object
    return not units_compatible(unit, row_unit)   # 35吨锅炉 counted in 台


def name_info(raw: str) -> NameInfo:
    """Memoised `NameInfo` of a name: parsed once per table, kept for the process at once while the
    process memo holds fewer than `_ADMIT_ALL` names (the few thousand names of real tables), beyond that
    only once a second table has it (a name met once — most names of a stress set — is not kept beyond
    its table, so it never joins the objects the garbage collector walks again and again)."""
    ni = _NAME_MEMO.get(raw)
    if ni is None:
        ni = _NAME_TABLE.get(raw)
        if ni is None:
            ni = NameInfo(raw)
            if len(_NAME_MEMO) < _ADMIT_ALL or raw in _NAME_SEEN:
                if len(_NAME_MEMO) > _MEMO_MAX:
                    _NAME_MEMO.clear()
                _NAME_MEMO[raw] = ni
            else:
                if len(_NAME_SEEN) > 2 * _MEMO_MAX:
                    _NAME_SEEN.clear()
                _NAME_SEEN.add(raw)
                _NAME_TABLE[raw] = ni
    return ni


def start_table() -> None:
    """Forget the names of the previous table that no other table had (`name_info`); the engine calls
    it before each table."""
    _NAME_TABLE.clear()


_LEVEL_MEMO: dict = {}
_OP_MEMO: dict = {}
_UNIT_MEMO: dict = {}
_NAME_MEMO: dict = {}  # the first `_ADMIT_ALL` names met, then names met in two tables or more
_ADMIT_ALL = 20_000
_NAME_TABLE: dict = {}  # names of the table in flight met for the first time
_NAME_SEEN: set = set()  # names met before (strings only)
_VALUE_MEMO: dict = {}
CACHES.extend(d.clear for d in (_LEVEL_MEMO, _OP_MEMO, _UNIT_MEMO, _NAME_MEMO, _NAME_TABLE, _NAME_SEEN, _VALUE_MEMO))


# ---------------------------------------------------------------- the parsed row
class ParsedRow:
    """One target row parsed once for all rules (attributes only, no methods that judge).

    idx: 1-based row number as in the input; raw: the `TargetRow`; ctx: merged
    table + row context (budget_wan, budget_year, project, actual, prior_actual,
    unit_cost_yuan …). Normalised fields have all whitespace removed. Parses of
    levels, operator, unit, name and value are memoised per distinct string
    (pure functions of the string), which keeps the checker fast on real
    tables where these repeat.
    """

    __slots__ = (
        "idx", "raw", "ctx", "l1", "l2", "l2key", "level1", "level2", "goal", "name", "name_base",
        "op", "v", "unit", "has_digit", "num", "num_text", "emb_op", "emb_unit", "eff_op",
        "eff_unit", "pct", "is_date", "dates", "years", "is_period", "full_year", "rng",
        "approx", "placeholder", "grade", "timeliness", "cost_row", "sat_row", "sat_level",
        "_dir", "vague", "time_vague", "metric", "unit_tail", "trad", "ni", "fullwidth", "ws", "tags", "text_chars",
        "levels_key", "cflags", "formula", "unit_formula", "bad_number",
    )

    def __init__(self, raw: TargetRow, idx: int, ctx: dict[str, Any] | None = None,
                 cflags: tuple[bool, bool, bool] | None = None):
        self.idx = idx
        self.raw = raw
        self.ctx = ctx = ctx if ctx is not None else {}
        lk = (raw.level1, raw.level2)
        lv = _LEVEL_MEMO.get(lk) or _memo(_LEVEL_MEMO, lk, _levels)
        (self.l1, self.l2, self.level1, self.l2key, self.level2, timeliness, cost_row,
         goal_label, trad, out_qty) = lv
        ni = _NAME_MEMO.get(raw.name) or name_info(raw.name)
        vi = _VALUE_MEMO.get(raw.value) or _memo(_VALUE_MEMO, raw.value, ValueInfo)
        op, t_op, fw_op, _ = _OP_MEMO.get(raw.operator) or _memo(_OP_MEMO, raw.operator, _simple_op)
        unit, t_unit, fw_unit, ws_unit, self.unit_formula, ip_unit = (_UNIT_MEMO.get(raw.unit)
                                                                      or _memo(_UNIT_MEMO, raw.unit, _simple_unit))
        self.ni = ni
        self.timeliness = timeliness
        self.cost_row = cost_row
        self.trad = trad = trad or ni.trad or vi.trad or t_op or t_unit
        self.fullwidth = fullwidth = fw_op or vi.fullwidth or fw_unit
        self.ws = ws = ni.ws or vi.ws or ws_unit
        self.name = ni.name
        self.name_base = ni.base
        self.metric = ni.metric
        self.sat_row = sat_row = ni.sat_row
        self.sat_level = ni.sat_level
        (v, has_digit, self.num, self.num_text, emb_op, emb_unit, unit_tail, self.dates,
         self.years, self.is_period, self.full_year, rng, self.approx, self.placeholder, self.is_date,
         self.grade, self.vague, self.time_vague, self.text_chars) = vi.row
        self.v = v
        self.has_digit = has_digit
        self.emb_op = emb_op
        self.rng = rng
        self.goal = goal = goal_label and not v
        self.op = op
        self.unit = unit
        self.formula = vi.formula
        self.bad_number = vi.bad_number
        self.eff_op = op if op in OP_DIR else emb_op
        if (not emb_unit and unit and unit_tail[:1] in ("万", "亿", "千")
                and not unit.startswith(("万", "亿", "千")) and unit_tail[0] + unit in VALUE_UNITS):
            # ours: “≤50万” with unit 元 means 50万元; the magnitude belongs to the unit (UNIT-03 reports it)
            emb_unit, unit_tail = unit_tail[0] + unit, unit_tail[1:]
        self.emb_unit = emb_unit
        self.unit_tail = unit_tail
        eu = emb_unit or unit
        self.eff_unit = eu
        self.pct = eu in ("%", "‰", "百分比") or (not eu and "%" in v)
        self._dir = _UNSET
        if cflags is None:
            cflags = context_flags(ctx)
        self.cflags = cflags
        # which gated rules can fire here (see catalog.rule `needs`, engine._TAG_NAMES)
        self.tags = (goal, bool(v), has_digit, timeliness, sat_row, cost_row, cflags[0],
                     trad or fullwidth or ws, bool(self.dates or self.years), rng is not None,
                     ni.digits, cflags[1] or raw.actual is not None,
                     bool(emb_op) and (op in OP_DIR or op == "定性"), cflags[2],
                     ni.invpic or vi.invpic or ip_unit, cflags[3], cflags[4], has_digit and vi.sep, vi.forbid,
                     out_qty and has_digit, (bool(op) and op not in VALID_OPS) or self.approx, self.placeholder,
                     has_digit and (bool(unit and emb_unit) or ni.digits),
                     self.num is not None and ((self.eff_op in ("≥", ">") and self.num == 0)
                                               or (self.eff_op in ("≤", "<") and self.num == 100 and self.pct)),
                     sat_row or self.level1 is Level1.satisfaction, not ni.name or (not goal and not v),
                     bool(v) and not op and not emb_op and not self.is_date and not self.approx
                     and (has_digit or self.grade))
        self.levels_key = lk


def table_framework(rows: list[ParsedRow]) -> str | None:
    """'2021' when a row's 一级指标 is 成本指标 (财预〔2021〕101号 made 成本 a 一级指标 of its own, with
    经济 / 社会 / 生态环境成本 under it); else '2015' when a row keeps 成本指标 as a 二级 of 产出 (the
    2015 form, 财预〔2015〕88号, which such a table may keep); else None."""
    if any(r.level1 is Level1.cost for r in rows):
        return "2021"
    return "2015" if any(r.level1 is Level1.output and r.level2 is Level2.output_cost for r in rows) else None


def context_flags(c: dict[str, Any]) -> tuple[bool, bool, bool, bool, bool]:
    """(a project or description is given, an actual / prior actual / unit cost is given, the project or
    description names a fund programme (`own_programs`), a description is given, the project is an upkeep
    service or a lease that builds and buys nothing (`upkeep_service`)): the context part of
    `ParsedRow.tags`, computed once per context by callers that build many rows on it."""
    if not c:
        return (False, False, False, False, False)
    p, d = c.get("project"), c.get("description")
    return (bool(p or d),
            c.get("actual") is not None or c.get("prior_actual") is not None or c.get("unit_cost_yuan") is not None,
            bool(own_programs(p, d)) if p or d else False, bool(d), upkeep_service(p, d) if p or d else False)


_UPKEEP_MEMO: dict[tuple, bool] = {}
CACHES.append(_UPKEEP_MEMO.clear)


def upkeep_service(project: str | None, description: str | None) -> bool:
    """Whether a project's name and description (joined) name an upkeep service or a lease (`UPKEEP_WORDS`:
    租赁, 运维, 维保 …) and build and buy nothing (`builds_or_buys`): the context REL-05's acceptance reading
    needs (`relevance.accepts_nothing_delivered`); memoised per context."""
    key = (project, description)
    v = _UPKEEP_MEMO.get(key)
    if v is None:
        if len(_UPKEEP_MEMO) > 10_000:
            _UPKEEP_MEMO.clear()
        said = (project or "") + (description or "")
        v = _UPKEEP_MEMO[key] = bool(UPKEEP_WORDS.search(said)) and not builds_or_buys(said)
    return v


_OWN_MEMO: dict[tuple, frozenset[str]] = {}
CACHES.append(_OWN_MEMO.clear)


def own_programs(project: str | None, description: str | None) -> frozenset[str]:
    """Fund programmes (lexicon PROGRAMS keys) a project's name and description name; empty for umbrella
    projects (困难群众救助) and for most projects (REL-05 compares a row's programmes with them; memoised)."""
    key = (project, description)
    own = _OWN_MEMO.get(key)
    if own is None:
        if len(_OWN_MEMO) > 10_000:
            _OWN_MEMO.clear()
        text = f"{project or ''}{description or ''}"
        if L.PROGRAM_UMBRELLA_RE.search(text):
            own = frozenset()
        else:
            own = frozenset(k for k, syn in L.PROGRAMS.items() if any(w in text for w in syn))
        _OWN_MEMO[key] = own
    return own


def _row_direction(self: ParsedRow) -> str | None:
    """'pos' / 'neg' / None: the name's direction; a money amount on a 成本 row is negative."""
    d = self._dir
    if d is _UNSET:
        d = self.ni.direction
        if d is None and self.cost_row and self.eff_unit and "元" in self.eff_unit:
            d = "neg"
        self._dir = d
    return d


ParsedRow.direction = property(_row_direction)  # type: ignore[attr-defined]


def _parse_value(self: Any, v: str) -> None:
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
    self.placeholder = (v in _PLACEHOLDER_WHOLE or bool(PLACEHOLDER_RE.search(v)) or self.formula
                        or bool(self.bad_number))
    if not self.has_digit:
        self.full_year = bool(_FULL_YEAR_RE.match(v))
        self.is_date = bool(_DATE_WORD_RE.search(v))
        return
    self.approx = bool(L.APPROX_RE.search(v))
    dates = _dates_in(v)
    years = [int(y) for y in _YEAR_RE.findall(v)] if "年" in v else []
    if not years:
        years = [d[0] for d in dates if d[0]]
    self.years = years
    self.dates = dates
    self.is_date = bool(dates or years or _DATE_WORD_RE.search(v))
    if self.is_date:
        self.is_period = bool(_PERIOD_RE.search(v))
        self.full_year = bool(_FULL_YEAR_RE.match(v))
        if re.search(r"(以前|之前|前|以内|之内)", v):
            self.emb_op = "≤"
        return
    _parse_number(self, v)


def _dates_in(v: str) -> list[tuple[int | None, int, int | None]]:
    """The dates `v` writes: (year or None, month, day or None) — 2023年7月1日, 2023-07, 7月1日."""
    dates: list[tuple[int | None, int, int | None]] = []
    if "年" in v or "月" in v:
        for m in _DATE_YMD_RE.finditer(v):
            dates.append((int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None))
    if "-" in v or "." in v or "/" in v:
        for m in _DATE_ISO_RE.finditer(v):
            y, mo_t = int(m.group(1)), m.group(2)
            sep = v[m.start() + 4]
            # 2023.07 / 2023-7-1 are dates; 1290.3 or 2023.5 are decimals
            if not 1990 <= y <= 2100 or (sep == "." and len(mo_t) < 2 and not m.group(3)):
                continue
            mo = int(mo_t)
            if 1 <= mo <= 12 or m.group(3):
                dates.append((y, mo, int(m.group(3)) if m.group(3) else None))
    if not dates and "月" in v:
        for m in _DATE_MD_RE.finditer(v):
            dates.append((None, int(m.group(1)), int(m.group(2)) if m.group(2) else None))
    return dates


def _parse_number(self: Any, v: str) -> None:
    """The number of a value that is not a date: its text, an operator or unit written with it, a range."""
    m = NUM_RE.search(v)
    if m is None:  # pragma: no cover - has_digit guarantees a match
        return
    self.num_text = m.group().replace(",", "")
    start = m.start()
    if start and v[start - 1] == "-" and (start == 1 or v[start - 2] in "≥≤<>=±"):
        start -= 1  # a minus sign (-1, ≥-5): the number is negative, not a range or a dash
        self.num_text = "-" + self.num_text
    self.num = to_float(self.num_text)
    if "," in v:
        run = _COMMA_RUN_RE.match(v, m.start())
        if run and misplaced_separator(run.group()):
            # “1,0000”: TXT-06 says the target cannot be read, so no rule reads one (COST-04 compared 1000 万元
            # with the budget, trial 9); the whole run is the figure, what follows it the unit
            self.num = None
            m = run
    if start:
        pm = _EMB_PREFIX_RE.search(v, 0, start)
        if pm:
            op = _OP_WORDS.get(pm.group(), pm.group())
            self.emb_op = "±" if op == "+-" else op
    after = v[m.end():]
    if after:
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
    if ("-" in v or "~" in v or "～" in v or "至" in v or "到" in v):
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


class ParsedTable:
    """All rows of one 绩效目标表 plus its table-level context.

    rows: every parsed row in input order (goal rows included, `.goal` set);
    items: the indicator rows (goal rows excluded); ctx: table context
    (budget_wan, budget_year, plan_total_wan, long_term_rows …); level1s,
    output_level2s, has_cost, text_values, pct_nums, weights: figures the
    table rules read, computed in one pass.
    """

    __slots__ = ("rows", "items", "ctx", "level1s", "output_level2s", "has_cost", "text_values",
                 "pct_nums", "weights")

    def __init__(self, rows: list[ParsedRow], ctx: dict[str, Any]):
        self.rows = rows
        self.items = items = [r for r in rows if not r.goal]
        self.ctx = ctx
        # one pass for the table rules: levels present, 成本 present, text values, % targets, weights
        l1s: set = set()
        out_l2: set = set()
        has_cost = False
        text = 0
        pcts: list[float] = []
        weights: list[float] = []
        for r in items:
            if unset_row(r):
                continue
            if not r.name and r.raw.name.strip():  # （请补充效益指标）: a slot to fill is no 效益 indicator yet
                if r.raw.weight is not None:
                    weights.append(r.raw.weight)
                continue
            l1 = r.level1
            l1s.add(l1)
            if l1 is Level1.output:
                out_l2.add(r.level2)
            if l1 is Level1.cost or "成本" in r.l2:
                has_cost = True
            if r.v and not r.has_digit and not r.bad_number:   # 1e3 is a number written wrong (QNT-04), no text
                text += 1
            if r.pct and r.num is not None:
                pcts.append(r.num)
            w = r.raw.weight
            if w is not None:
                weights.append(w)
        self.level1s, self.output_level2s, self.has_cost = l1s, out_l2, has_cost
        self.text_values, self.pct_nums, self.weights = text, pcts, weights


def cjk_count(s: str) -> int:
    return len(_CJK_RE.findall(s))
