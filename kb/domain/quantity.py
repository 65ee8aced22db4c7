"""Numbers with their units as written in 指标值 and 实际完成值, compared in the target's unit.

A target says `≥ 12 公里`; the actual may come back as `12000米`, `1.25万`
(人), `0.95` (a share, against `≥90%`), `1,290.3平方米`, `1e308` or `-5`.
`parse_quantity` reads the number (thousands separators, a decimal point,
scientific notation), a magnitude written after it (万 / 亿 / 千 / 百万 /
千万) and the unit that follows; `in_target_unit` converts an actual into the
unit of its target through `CONVERSIONS`, the one table of factors:

- length 米 / 公里 / 千米 / km; area 平方米 / 亩 (= 10000/15 m², the statutory
  市亩) / 公顷 / 平方公里; volume 立方米 / 方 (everyday for 立方米) / 万方; mass 千克 / 吨 / 斤 (0.5 kg);
- money 元 / 千元 / 万元 / 亿元; people 人 / 名 / 位 / 万人; 人次 / 万人次;
  户 / 万户; shares % / ‰ / 百分比; durations 天 / 周 / 小时 and 月 / 季度 / 年
  (months and days are kept apart: a month is not a fixed number of days); energy 千瓦时 / 度 / kWh /
  万千瓦时; standard coal 吨标准煤 / 万吨标准煤.

A bare number takes the target's unit — except a share written as a
fraction (0 ≤ x ≤ 1) against a percentage target above 1 (`0.95` against
`≥ 90 %` is 95 %). Units of different kinds (吨 against 公里, 人次 against 人)
cannot be compared: `IncomparableUnits`. A number that overflows (`1e999`)
is `NotFinite`. Dates (`2021年12月`, `2023.07`) are not quantities here.

Pure functions. Not for deciding a direction or a score (see
`kb.lifecycle.values`, `scoring`, `monitoring`) nor for the checker's own
reading of values (`kb.checker.parse`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kb.domain.text import normalize

MU_M2 = 10000 / 15  # 1 市亩 = 10000/15 m² (about 666.67 m²)

# unit → (kind, factor to the kind's base unit)
CONVERSIONS: dict[str, tuple[str, float]] = {
    "米": ("length", 1.0), "m": ("length", 1.0), "公里": ("length", 1e3), "千米": ("length", 1e3),
    "km": ("length", 1e3), "万公里": ("length", 1e7),
    "平方米": ("area", 1.0), "㎡": ("area", 1.0), "m²": ("area", 1.0), "m2": ("area", 1.0), "平米": ("area", 1.0),
    "万平方米": ("area", 1e4), "平方公里": ("area", 1e6), "亩": ("area", MU_M2), "万亩": ("area", MU_M2 * 1e4),
    "公顷": ("area", 1e4), "hm²": ("area", 1e4), "hm2": ("area", 1e4),
    "立方米": ("volume", 1.0), "m³": ("volume", 1.0), "m3": ("volume", 1.0), "万立方米": ("volume", 1e4),
    "方": ("volume", 1.0), "万方": ("volume", 1e4),  # 方 is the everyday word for 立方米 (土方, 3万方)
    "千克": ("mass", 1.0), "公斤": ("mass", 1.0), "kg": ("mass", 1.0), "克": ("mass", 1e-3), "斤": ("mass", 0.5),
    "吨": ("mass", 1e3), "t": ("mass", 1e3), "万吨": ("mass", 1e7), "万t": ("mass", 1e7),
    "元": ("money", 1.0), "千元": ("money", 1e3), "万元": ("money", 1e4), "亿元": ("money", 1e8),
    "人": ("persons", 1.0), "名": ("persons", 1.0), "位": ("persons", 1.0), "万人": ("persons", 1e4),
    "人次": ("person_times", 1.0), "万人次": ("person_times", 1e4),
    "户": ("households", 1.0), "万户": ("households", 1e4),
    "%": ("share", 0.01), "百分比": ("share", 0.01), "‰": ("share", 0.001),
    "天": ("days", 1.0), "日": ("days", 1.0), "周": ("days", 7.0), "小时": ("days", 1 / 24),
    "分钟": ("days", 1 / 1440),
    "月": ("months", 1.0), "个月": ("months", 1.0), "季度": ("months", 3.0), "年": ("months", 12.0),
    "千瓦时": ("energy", 1.0), "kWh": ("energy", 1.0), "度": ("energy", 1.0), "万千瓦时": ("energy", 1e4),
    "万度": ("energy", 1e4),   # 度 is everyday speech for 千瓦时 (节约用电120万度)
    "吨标准煤": ("coal_equivalent", 1.0), "万吨标准煤": ("coal_equivalent", 1e4),
}
# magnitudes written between a number and its unit (or alone after it): 1.25万, 3亿元 is a unit of its own
SCALES = {"千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3}
# units seen after numbers that only count (个, 项, 次 …): comparable with themselves only
_NUM = re.compile(r"[-+]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")
_LEAD_OP = re.compile(r"^\s*(>=|<=|=>|=<|==|[≥≤＞＜>＜<=＝])")
_DATE = re.compile(r"(?:19|20)\d{2}\s*年|(?:19|20)\d{2}[./-](?:0[1-9]|1[0-2])(?!\d)")
_UNIT_TEXT = re.compile(r"[^\s\d,.;；，。()（）、]{1,6}")
_KNOWN = sorted(CONVERSIONS, key=len, reverse=True)


# The largest number a target may state in its own unit (1 万亿): beyond any real 指标值; a larger
# figure is a typing slip. Targets in scientific notation (1e3, 1.2e4) are refused, not read: the
# checker, the declaration API and suggest each once read them differently (1, 1000, 308).
MAX_TARGET = 1e12
SCIENTIFIC_RE = re.compile(r"\d\s*[eE]\s*[-+]?\d")
_PLAIN_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?\s*(千万|百万|亿|万|千)?")


def target_number_problem(text: str | float | None, *, label: str = "指标值") -> str | None:
    """Why the number in a target value (or an actual: 实际完成值 obey the same rule) cannot be
    used, in Chinese, or None: scientific notation (`1e3`), or a figure above `MAX_TARGET` after its
    magnitude (`2000000万`). One rule for the checker (QNT-04), the declaration API (422), the
    actuals of 事中监控 and 事后评价 (422) and the quantities suggest reads from a text. `label`
    names the value in the message (`''` when the caller names the field itself)."""
    if text is None or isinstance(text, bool):
        return None
    t = normalize(str(text))
    if SCIENTIFIC_RE.search(t):
        return f"{label}“{text}”使用了科学计数法，请写成普通数字（如 1000、1.2万）"
    for m in _PLAIN_NUM.finditer(t):
        x = float(m.group().rstrip("千万百亿 ").replace(",", "")) * SCALES.get(m.group(1) or "", 1.0)
        if not math.isfinite(x) or x > MAX_TARGET:
            return f"{label}“{text}”中的数超过 1 万亿，请核对数值和计量单位"
    return None


# a run of digits joined by commas (1,350 / 1,2000 / 12,50.5) and the one well-formed grouping of it
_COMMA_RUN = re.compile(r"(?<![\d.])\d+(?:,\d+)+(?:\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN_AMOUNT = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def misplaced_separator(text: str | float | None) -> str | None:
    """The first figure in `text` whose thousands separators are misplaced, as written ('1,2000', '12,50',
    '1,350,00'), or None. A correctly grouped figure (1,350 / 12,500 / 1,350.5) is a plain number:
    '1,2000' is neither 1,200 nor 12,000 for sure, so no reader takes it as either."""
    if text is None or isinstance(text, (int, float)):
        return None
    for m in _COMMA_RUN.finditer(normalize(str(text))):
        if not _GROUPED.fullmatch(m.group()):
            return m.group()
    return None


def plain_number(text: str | float | int) -> float:
    """A figure given as a JSON number or as text: '250', '1,350', '12,500', '1,350.5' (thousands
    separators, also full-width ，, correctly grouped) → float. The one reader of an amount or number
    field written as text (budget_wan in a JSON table, --budget, the API's WanAmount). Raises
    ValueError with the Chinese reason: a misplaced separator ('1,2000'), scientific notation ('1e3'),
    words ('abc'), a number that is not finite."""
    if isinstance(text, bool):
        raise ValueError("应为数字")
    if isinstance(text, (int, float)):
        if not math.isfinite(float(text)):
            raise ValueError("应为有限的数（不能是 inf 或 nan）")
        return float(text)
    t = normalize(str(text)).replace(" ", "")
    if SCIENTIFIC_RE.search(t):
        raise ValueError(f"“{text}”使用了科学计数法，请写成普通数字（如 250、1,350）")
    bad = misplaced_separator(t)
    if bad:
        raise ValueError(f"“{text}”的千分位分隔符位置不对（应每三位一个逗号，如 1,350、12,500），请核对数值")
    if not _PLAIN_AMOUNT.fullmatch(t):
        raise ValueError(f"应为数字，而不是“{text}”")
    return float(t.replace(",", ""))


class NotFinite(ValueError):
    """A number too large to represent (`1e999`) or not a number at all (nan)."""


class IncomparableUnits(ValueError):
    """An actual in a unit of another kind than its target's (吨 against 公里)."""

    def __init__(self, actual_unit: str, target_unit: str):
        self.actual_unit, self.target_unit = actual_unit, target_unit
        super().__init__(f"实际完成值的单位“{actual_unit}”与目标值的单位“{target_unit}”不是同一类量，无法比较")


@dataclass(frozen=True)
class Quantity:
    """A number as written: value (with its magnitude applied), unit ('' when none) and the
    operator written before it ('' when none)."""

    value: float
    unit: str = ""
    operator: str = ""


def _unit_at(t: str) -> str:
    """The unit written at the start of `t` (a known unit first, longest match), else its first word."""
    for u in _KNOWN:
        if t.startswith(u):
            return u
    m = _UNIT_TEXT.match(t)
    return m.group() if m else ""


def parse_quantity(text: str | float | int | None) -> Quantity | None:
    """The first quantity in `text`, or None (no number, or a date).

    `'≥12公里'` → Quantity(12, '公里', '≥'); `'1.25万'` → Quantity(12500, '');
    `'1.25万人'` → Quantity(1.25, '万人'); `'3亿元'` → Quantity(3, '亿元');
    `'1,290.3平方米'` → Quantity(1290.3, '平方米'); `'1e308'` → Quantity(1e308).
    Raises NotFinite for `'1e999'`.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if not math.isfinite(float(text)):
            raise NotFinite(f"{text} 不是有限的数")
        return Quantity(float(text))
    t = normalize(str(text))
    if not t or _DATE.search(t):
        return None
    op_m = _LEAD_OP.match(t)
    m = _NUM.search(t)
    if not m:
        return None
    value = float(m.group().replace(",", ""))
    if not math.isfinite(value):
        raise NotFinite(f"“{m.group()}”超出了可表示的数值范围")
    rest = t[m.end():].lstrip().lstrip("余多")  # 300余人, 20多个: the unit follows the approximation
    unit = _unit_at(rest)
    if unit not in CONVERSIONS:
        for s, f in SCALES.items():
            if rest.startswith(s):
                value *= f
                unit = _unit_at(rest[len(s):].lstrip())
                break
    if not math.isfinite(value):
        raise NotFinite(f"“{t}”超出了可表示的数值范围")
    op = op_m.group(1) if op_m else ""
    return Quantity(value, unit, op)


def kind_of(unit: str) -> str | None:
    """The kind a unit measures ('length', 'money', 'share' …) or None for a unit not in the table."""
    k = CONVERSIONS.get(normalize(unit))
    return k[0] if k else None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit`. Equal units (or an empty one) need no table;
    units of one kind convert by their factors. Raises IncomparableUnits otherwise."""
    a, b = normalize(from_unit), normalize(to_unit)
    if not a or not b or a == b:
        return value
    ka, kb = CONVERSIONS.get(a), CONVERSIONS.get(b)
    if ka and kb and ka[0] == kb[0]:
        return value * ka[1] / kb[1]
    raise IncomparableUnits(from_unit, to_unit)


def target_quantity(value: str | float | None, unit: str = "") -> Quantity | None:
    """The target of a row as a quantity in its own unit: the 计量单位 column wins over a unit
    written inside the 指标值 (`'≥12'` + `'公里'`, or `'≥12公里'` + `''`)."""
    q = parse_quantity(value)
    if q is None:
        return None
    u = normalize(unit) or q.unit
    return Quantity(q.value, u, q.operator)


def in_target_unit(actual: str | float | None, target: Quantity) -> float | None:
    """The actual expressed in the target's unit, or None when it states no number.

    A bare number is in the target's unit, except a fraction 0–1 against a
    percentage (or ‰) target above 1, read as a share (0.95 → 95 %). A
    percentage actual against a target without a unit stays as written.
    Raises IncomparableUnits, NotFinite.
    """
    a = parse_quantity(actual)
    if a is None:
        return None
    tu = target.unit
    if not a.unit:
        if kind_of(tu) == "share" and 0 <= a.value <= 1 and target.value > 1:
            return convert(a.value * 100, "%", tu)
        return a.value
    if not tu:
        if kind_of(a.unit) == "share" and 0 <= target.value <= 1:
            return convert(a.value, a.unit, "%") / 100  # 95% against a target written as 0.9
        return a.value
    if kind_of(a.unit) is None and kind_of(tu) is None:
        # counting words (个 / 所 / 项 / 次 …): the same family counts the same thing, 人 vs 个 does not
        from kb.domain.units import units_compatible

        if not units_compatible(a.unit, tu):
            raise IncomparableUnits(a.unit, tu)
        return a.value
    return convert(a.value, a.unit, tu)


# ------------------------------------------------------------------ frequencies

# how often a period comes round in a year: 每季度开展1次 is 4 a year (suggest binds the year's count, the
# checker's FEAS-04 accepts it against the 1 the text states)
TIMES_A_YEAR = {"季度": 4, "季": 4, "半年": 2, "月": 12, "周": 52, "年": 1}
_EVERY = re.compile(r"每(季度|季|半年|月|周|年)([\u4e00-\u9fff]{0,12})$")


# a second count joined to one whose frequency is stated (每季度开展1次安全漏洞扫描和1次数据备份恢复演练: the drill is
# quarterly too — trial 15's 数据备份次数 ≥ 1 次)
_EVERY_JOINED = re.compile(r"每(季度|季|半年|月|周|年)([\u4e00-\u9fff]{0,6})\d+(?:\.\d+)?(?:次|场|期|批)"
                           r"[\u4e00-\u9fff]{1,12}?(?:和|及|以及|、)$")


def every_period(words_before: str) -> tuple[str, int, str] | None:
    """(period, times a year, the words after it) when the words right before a count state a frequency
    (食堂每月开展食品安全自查 → ("月", 12, "开展食品安全自查")), or the count is joined by 和 / 及 / 、 to one that
    does (每季度开展1次安全漏洞扫描和 → ("季度", 4, "开展")), else None."""
    m = _EVERY.search(words_before or "") or _EVERY_JOINED.search(words_before or "")
    return (m.group(1), TIMES_A_YEAR[m.group(1)], m.group(2)) if m else None


# ------------------------------------------------------------------ Chinese numerals

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿](?:[零〇一二两三四五六七八九十百千万亿]|点(?=[零〇一二三四五六七八九]))*")
# what a numeral counts when it is a number (三百人, 两千元, 六十万元, 九月底, 十二个, 九十五%): the quantity units,
# dates and ages; a numeral before anything else is a word (三公经费, 十四五, 两微一端, 一站式)
_CN_AFTER = re.compile(r"(?:余|多)?(?:%|‰|个百分点|百分点|周岁|岁|倍|号|" + "|".join(
    sorted((re.escape(u) for u in __import__("kb.domain.units", fromlist=["QUANTITY_UNITS"]).QUANTITY_UNITS),
           key=len, reverse=True)) + ")")
# fixed words that open on a numeral and a unit: 一次性, 一村一品, 一户一档, 一事一议 (the pattern 一X一Y), 第一批 (an ordinal),
_CN_WORD_AFTER = re.compile(r"^(?:次性|(?!年一遇)[\u4e00-\u9fff]一[\u4e00-\u9fff]|期(?:项目|工程|建设|改造|扩建|用地)"
                            r"|月(?![底末前\d零一二三四五六七八九十])|部分|分钟[\u4e00-\u9fff]{0,3}圈"
                            r"|项(?:补贴|补助|津贴|制度|政策))")
# (十年一遇 is a return period, read: 行洪能力恢复至十年一遇标准 → 10年一遇, trial 13)
# (二期项目 is a phase's name, 两项补贴 a programme's (残疾人两项补贴: no count of people, trial 18), 四部分 and 十五分钟健身圈 words; 三月中旬 a date this reader does not read: a month counts only before 底 / 末 / 前 / its day)


# a lone 一 is read where it counts the times of a stated period (每季度开展一次安全巡检 → 每季度开展1次, 每月一次, 一年一次:
# `every_period` makes them 4 / 12 / 1 a year; a reviewer found 每季度开展一次 read by no row, round 18)
_ONCE_EVERY = re.compile(r"(?:每(?:季度|季|半年|月|周|年)|(?:每|一)(?:个)?(?:季度|月|年))[\u4e00-\u9fff]{0,6}$")
_ONCE_EVERY_AFTER = re.compile(r"^(?:次|场|期)(?!性)")


_CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")


def _cn_section(run: str) -> float:
    """A numeral below 万 (三百, 一千二百, 十二, 二〇二五 digit by digit) as a number."""
    if run and all(c in _CN_DIGIT for c in run) and len(run) > 1:
        return float("".join(str(_CN_DIGIT[c]) for c in run))   # 二〇二五: digits
    total, digit = 0, None
    for c in run:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        else:   # 十 / 百 / 千
            total += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
    return float(total + (digit or 0))


def _cn_number(run: str) -> tuple[float, str]:
    """(value, magnitude kept as written) of a Chinese numeral run: 六十万 → (60, '万'), 三万五千 → (35000, ''),
    一点五万 → (1.5, '万'), 三百 → (300, '')."""
    keep = ""
    if run[-1] in "万亿" and run[:-1] and "万" not in run[:-1] and "亿" not in run[:-1]:
        keep, run = run[-1], run[:-1]   # a trailing magnitude stays for the unit table (60万元, 1.5万亩)
    if "点" in run:
        whole, frac = run.split("点", 1)
        return _cn_section(whole) + float("0." + "".join(str(_CN_DIGIT[c]) for c in frac)), keep
    value = 0.0
    for part, scale in (("亿", 1e8), ("万", 1e4)):
        if part in run:
            head, run = run.split(part, 1)
            value += _cn_section(head) * scale
    return value + _cn_section(run), keep


def _digits(v: float) -> str:
    """A number in plain digits (12345600, 1.5), never 1.23456e+07 as `:g` writes a large one."""
    return f"{v:.6f}".rstrip("0").rstrip(".")


def read_numerals(text: str) -> str:
    """`text` with the Chinese numerals that count something written in Arabic digits, for reading a description
    (suggest's `kb.suggest.context.read_project` passes every description and project name through it, so the
    quantities, the budget and the deadline `kb.checker.rewrite.stated_deadline` it hands on read 300人, not 三百人;
    `kb.domain.budget` reads its amounts through it too, so the checker's and the .xlsx reader's budget hint from a
    description agree; the checker's own rewrite of a single row does not): 资助学生三百人，每人每年两千元，资金六十万元，于九月底前发放 →
    资助学生300人，每人每年2000元，资金60万元，于9月底前发放; 一点五万亩 → 1.5万亩; 十二个 → 12个; 三十余人 → 30余人; 百分之九十五 → 95%.

    A numeral is read only before a unit, a date's 月 / 日 or a share (%); a lone 一 never (一期工程, 一站式,
    一批), nor an ordinal (第一批), nor a fixed word (一次性, 一村一品, 一户一档; 三公经费, 十四五, 两微一端 have no unit
    after them). The caller keeps the original text for display; offsets are those of the returned text."""
    if not text or not _CN_RUN.search(text):
        return text
    text = _CN_PERCENT.sub(lambda m: f"{_digits(_cn_number(m.group(1))[0])}%", text)   # 百分之九十五 → 95%
    out, last = [], 0
    for m in _CN_RUN.finditer(text):
        run, after = m.group(), text[m.end():m.end() + 8]
        if run == "一" and not (_ONCE_EVERY_AFTER.match(after) and _ONCE_EVERY.search(text[:m.start()])) \
                or m.start() and text[m.start() - 1] == "第" or not _CN_AFTER.match(after) \
                or _CN_WORD_AFTER.match(after) or run[0] in "十百千万亿" and run[0] != "十":
            continue
        if run[-1] in "亿" and not after:
            continue
        if text[max(0, m.start() - 2):m.start()] == "学前" and after.startswith("年"):
            continue   # 学前三年 is the stage's name (学前三年毛入园率, trial 22), not 3 years
        value, keep = _cn_number(run)
        out.append(text[last:m.start()] + _digits(value) + keep)
        last = m.end()
    return "".join(out) + text[last:]
