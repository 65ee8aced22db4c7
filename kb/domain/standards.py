"""The standards a description states (每人每月300元, 每亩补助80元, 9万元/村), and what one adds up to: 每人每月300元 ×
1200人 × 12个月 = 432 万元.

One reader of a stated standard for the whole library: `standard_at` reads what an amount of a text is per (the 每X
words of its clause before it, what is written after it with “/”, a paid average 户均奖补, a cost per 吨) as a typed
`Standard`; `read_standards` reads every one of a text. Suggest's binding (`kb.suggest.binding._bind_money`: a money
mention → a standard row in the text's per-parts) and the checker (FEAS-07's `standard_product`, the UNIT fixes'
`stated_standard`) call it; neither has words of its own for it.

A reviewer (财政局评审) multiplies by hand the standard a project's text states (每人每月300元, 每亩补助100元,
补助标准500元/人·年, 人均补助800元), the count it pays (1200人, 5万亩) and the months it runs (12个月), and sets the
product against the budget. `standard_product` reads the three figures and the amount the product should equal,
each only when the text states it unambiguously:

- the standard: exactly one distinct amount per one counted unit (and maybe per 月 / 年 / 天) in the text;
- the count: exactly one distinct figure in that counted unit (名 and 生 count persons, 万亩 is 10000 亩), never one
  reached but not paid (受益, 带动, 覆盖, 惠及 …) nor one after 每, nor one a past period reached (2024年已完成…800户
  in a 2025 plan: `kb.domain.years.without_past_reports`);
- the periods: a standard per month needs the one number of months the text states (N个月, not N个月内), per day
  the one number of days; per year, one budget year, unless the text speaks of several years (连续3年);
- the amount to equal: the one other amount stated in the standard's own sentence (冷库仓储3100元/平方米，投资400万元),
  else the budget when the text states no money but the budget and the standard (the whole budget pays it).

Pure; figures as written (normalised, Chinese numerals read: `kb.domain.quantity.read_numerals`). Not for the
checker's table rows (`kb.checker.rules.feasibility.standard_products` reads those).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.domain.quantity import read_numerals
from kb.domain.text import normalize
from kb.domain.units import QUANTITY_UNITS
from kb.domain.words import BUILD_WORDS, PAY_WORDS
from kb.domain.years import without_past_reports

# counted unit as written after 每 / before 均 / after 元/ → the unit its count is written in
_COUNTED = {"人": "人", "名": "人", "生": "人", "人次": "人", "户": "户", "亩": "亩", "公里": "公里", "平方米": "平方米", "头": "头",
            "只": "只", "所": "所", "村": "村", "个": "个", "吨": "吨", "床": "床", "辆": "辆", "台": "台", "套": "套"}
# the units a count of persons is written in
_COUNT_UNITS = {"人": ("人", "名"), "亩": ("亩",)}
_MONEY = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"

_NOT_PAID = re.compile(r"受益|带动|辐射|覆盖|惠及|服务人口|影响|现有|共有|总人口|常住")
_TERMS = re.compile(r"(?<![\d.])(\d{1,2})个学期")
_MONTHS = re.compile(r"(?<![\d.])(\d{1,2})个月(?![内以之])")
_DAYS = re.compile(r"(?<![\d.])(\d{1,3})(?:天|日)(?![内以之])")
_YEARS = re.compile(r"(?<![\d.])(\d{1,2})(?:个)?年(?![度底内初末前后级])|连续[两三四五]年")
_AMOUNT = re.compile(rf"{_NUM}(亿元|万元|元)")
_SENTENCE = re.compile(r"[。；;！？!?\n]")


@dataclass(frozen=True)
class StandardProduct:
    """What `standard_product` reads: each figure as the text writes it, and the product.

    standard_said / count_said / periods_said: the words quoted (“每人每月300元”, “1200人”, “12个月”; periods_said
    '' for a per-year or one-off standard); product_wan: standard × count × periods in 万元; equal_wan: the amount the
    product should equal (万元) and equal_said: what it is (“项目预算” or the sentence's “投资400万元”); pays_all: the
    standard's sentence pays (补助, 补贴, 资助 …: `kb.domain.words.PAY_WORDS`) and the text names no other spending
    (建设, 购置 …, 培训, 宣传, 工作经费, 管理费): the whole amount is the payment, so a product below it is a gap too —
    otherwise the rest of the money may pay for the rest of the work, and only a product above it is one."""

    standard_said: str
    count_said: str
    periods_said: str
    product_wan: float
    equal_wan: float
    equal_said: str
    pays_all: bool = False


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _standards(t: str) -> list[tuple[float, str, str, str, tuple[int, int]]]:
    """(amount in 万元, counted unit, period '' | 月 | 年 | 天 | 学期, as written, span) of each standard of `t` that
    pays per one counted unit (`_COUNTED`: 人, 户, 亩, 村 …) and at most one period, read by the one reader
    (`read_standards`); a standard per meal or per time (每人每餐5元) or over two periods (每人每月300元/年) is none
    this arithmetic can multiply."""
    out = []
    for std in read_standards(t):
        counted, periods = std.counted, std.periods
        if std.low is not None or std.high is not None:
            continue   # 每人每月200-300元: no one amount to multiply
        if len(counted) != 1 or counted[0] not in _COUNTED or len(periods) > 1 \
                or any(p not in ("学期", "月", "年", "天", "日") for p in periods):
            continue
        period = periods[0] if periods else ""
        out.append((std.amount_wan, _COUNTED[counted[0]], "天" if period == "日" else period, std.said, std.span))
    return out


def _counts(t: str, per: str, spans: list[tuple[int, int]]) -> set[tuple[float, str]]:
    """(figure in `per`, as written) of each count of `per` the text states outside the standards' spans."""
    units = "|".join(_COUNT_UNITS.get(per, (per,)))
    out = set()
    for m in re.finditer(rf"(?<![\d.,每/]){_NUM}(万|亿)?(?:{units})(?!次|均|口|/)", t):
        if any(a <= m.start() < b for a, b in spans):
            continue
        before = t[max(0, m.start() - 12):m.start()]
        if _NOT_PAID.search(re.split(r"[，,。；;：:]", before)[-1]):
            continue
        x = _num(m.group(1)) * {"万": 1e4, "亿": 1e8}.get(m.group(2) or "", 1.0)
        out.add((x, m.group()))
    return out


def _periods(t: str, period: str) -> tuple[float, str] | None:
    """(how many periods, as written) the payments run: '' when the standard is per year or has no period."""
    if period == "年":
        return None if _YEARS.search(t) else (1.0, "")
    rx = {"月": _MONTHS, "天": _DAYS, "学期": _TERMS}.get(period)
    if rx is None:
        return (1.0, "") if not _YEARS.search(t) else None
    said = {(_num(m.group(1)), m.group()) for m in rx.finditer(t)}
    return next(iter(said)) if len({x for x, _ in said}) == 1 else None


def _one_standard(t: str) -> tuple[float, str, str, str, tuple[int, int], list[tuple[int, int]]] | None:
    """(amount in 万元, counted unit, period, as written, span, every standard's span) of the one standard of the
    normalised text `t`, None when it states none or several distinct ones."""
    if "元" not in t:
        return None
    stds = _standards(t)
    if len({(x, per, p) for x, per, p, _, _ in stds}) != 1:
        return None
    x, per, period, said, span = stds[0]
    return x, per, period, said, span, [s[4] for s in stds]


@dataclass(frozen=True)
class StatedStandard:
    """The one standard a description states, for a count the text does not give (the table's count row).

    amount_wan: per counted unit and period, in 万元; per: the counted unit (人 for 人 / 名 / 生); period: '' | 月 | 年 |
    天 | 学期; said: as written (“每生1500元/学期”); words: the sentence it stands in (what it pays: 就学补助);
    periods: (how many, as written) when the text states it, else None."""

    amount_wan: float
    per: str
    period: str
    said: str
    words: str
    periods: tuple[float, str] | None


def stated_standard(text: str | None) -> StatedStandard | None:
    """The one standard the description states (module docstring), with its sentence and its number of periods when
    stated; None when it states none or several distinct ones."""
    t = read_numerals(normalize(text or ""))
    one = _one_standard(t)
    if one is None:
        return None
    x, per, period, said, span, _ = one
    sentence = next(s for s in _sentences(t) if s[1] <= span[0] < s[2])[0]
    return StatedStandard(x, per, period, said, sentence, _periods(t, period) if period else (1.0, ""))


def standard_product(text: str | None, budget_wan: float | None) -> StandardProduct | None:
    """The standard × count × periods a description states and the amount it should equal (module docstring), or
    None when any figure is missing or ambiguous."""
    t = read_numerals(normalize(text or ""))
    one = _one_standard(t)
    if one is None:
        return None
    x, per, period, said, span, spans = one
    # the count the plan year pays: a figure a past period reached (2024年全县已完成农村危房改造800户 beside 2025年
    # 计划…500户) is none (`kb.domain.years.without_past_reports`, the one reader of past periods; trial 19)
    plan = read_numerals(without_past_reports(text))
    counts = _counts(plan, per, [s[4] for s in _standards(plan)])
    if len({n for n, _ in counts}) != 1:
        return None
    n, n_said = next(iter(counts))
    times = _periods(t, period)
    if times is None or n <= 0 or x <= 0:
        return None
    product = x * n * times[0]
    sentence = next(s for s in _sentences(t) if s[1] <= span[0] < s[2])
    own = [m for m in _AMOUNT.finditer(sentence[0])
           if not any(a <= sentence[1] + m.start() < b for a, b in spans)]
    own_wan = {_num(m.group(1)) * {"亿元": 1e4, "万元": 1.0, "元": 1e-4}[m.group(2)] for m in own}
    if len(own_wan) == 1 and (budget_wan is None or next(iter(own_wan)) != budget_wan):
        m = own[0]
        words = re.search(r"[\u4e00-\u9fff]{0,4}$", sentence[0][:m.start()]).group()   # type: ignore[union-attr]
        return StandardProduct(said, n_said, times[1], product, next(iter(own_wan)), f"“{words}{m.group()}”",
                               _pays_all(t, sentence[0]))
    others = {_num(m.group(1)) * {"亿元": 1e4, "万元": 1.0, "元": 1e-4}[m.group(2)] for m in _AMOUNT.finditer(t)
              if not any(a <= m.start() < b for a, b in spans)}
    if budget_wan and budget_wan > 0 and others <= {budget_wan}:
        return StandardProduct(said, n_said, times[1], product, budget_wan, "项目预算", _pays_all(t, sentence[0]))
    return None


# spending other than a payment per head: the budget may pay for it too
_OTHER_SPENDING = re.compile(r"培训|宣传|工作经费|管理费|办公|运行|运维|服务费|印刷|会议|差旅|劳务|监测|检测|评估|审计")


def _pays_all(t: str, sentence: str) -> bool:
    return bool(PAY_WORDS.search(sentence)) and not BUILD_WORDS.search(t) and not _OTHER_SPENDING.search(t)


def _sentences(t: str) -> list[tuple[str, int, int]]:
    out, start = [], 0
    for m in _SENTENCE.finditer(t):
        out.append((t[start:m.start()], start, m.start()))
        start = m.end()
    out.append((t[start:], start, len(t) + 1))
    return out


# ------------------------------------------------------------------ the one reader of a standard at its amount
# Suggest's binding (a money mention bound to a standard row) and the checker (FEAS-07, the UNIT fixes: through
# `read_standards` below) read what an amount is per with these words and nothing else.

# what ends the clause an amount is read in (its words before it)
CLAUSE_START = re.compile(r"[,，。;；:：]")
# per-unit amounts: "每生每天5元", "每餐补贴3元" state a standard, not a total
PER_UNIT = re.compile(r"每[\u4e00-\u9fff]{1,3}")
# the period written after a per-unit amount (每生1500元/学期): the standard is per head and per term
PER_PERIOD = re.compile(r"\s*/\s*(学期|学年|年|月|天|日|餐|次)")
# …or written after it: 1200元/人·年
# (the units of `kb.domain.units` longest first, then any one or two characters: 元/千瓦时 is per 千瓦时, not 千瓦)
_PER_WORD = r"(?:" + "|".join(re.escape(u) for u in QUANTITY_UNITS) + r"|[\u4e00-\u9fff]{1,2})"
PER_THING_AFTER = re.compile(r"\s*/\s*(" + _PER_WORD + r"(?:[·.]" + _PER_WORD + r")?)")
# the period said before a per-unit amount (村卫生室每个每年补助1万元): the standard is per year
PERIOD_BEFORE = re.compile(r"每(学期|学年|年|月|天|日|餐|次)")
# the per-parts a standard is stated in before its amount: 每人每月 → 人, 月; 每生每天 → 生, 天; 每个每年 → 个, 年
PER_BEFORE = re.compile(r"每(学期|学年|季度|人次|平方公里|平方米|立方米|公里|公顷|[\u4e00-\u9fff])")
# an average that is paid (户均奖补不超过2000元, 人均补助3000元) is a per-unit amount per household or head; an
# average gained (人均增收800元) is a benefit, no standard
# — and an average right before its amount (按人均不低于670元的标准…补助): what is paid per head, never a gain
PER_AVERAGE = re.compile(r"(户|人|亩|生)均(?=[\u4e00-\u9fff]{0,4}?(?:奖|补|助|贴|投入)|(?:不低于|不少于|不超过|不高于)$)")
# a cost per ton named before its amount (吨水处理成本不超过0.9元, 吨垃圾处理费用): a per-unit amount per 吨
PER_TON_COST = re.compile(r"吨([\u4e00-\u9fff]{0,8}?(?:成本|费用|单价|费))(?:不超过|不高于|控制在|约|为|达到?)?$")
# a standard stated as a ceiling (户均奖补不超过2000元): ≤, not =
CEILING_BEFORE = re.compile(r"(?:不超过|不高于|最高|最多|上限为?)$")
# how a standard compares, written before its amount (户均奖补不超过2000元)
BOUND_BEFORE = re.compile(r"(?:不超过|不高于|不低于|不少于|最高|最多|上限为?|为|约|达到?)$")
# what a standard pays, written after its amount (60元标准发放就餐补贴) or before it (每餐补贴3元)
PAID_AFTER = re.compile(r"(?:的)?(?:标准)?(?:发放|给予|发)?([\u4e00-\u9fff]{0,4}?(?:补贴|补助|津贴|生活费|救助金|慰问金|奖励金))")
PAID_BEFORE = re.compile(r"(补贴|补助|津贴|生活费|奖补|资助|奖励|救助)(?:标准)?(?:为)?$")
# the periods a standard may be stated per (学期 … 日); 餐 and 次 are things it is per, not spans of time
PERIODS = frozenset("学期 学年 季度 年 月 周 天 日 餐 次".split()) - {"餐", "次"}
# a range's lower end right before the amount (200-300元, 200～300元, 200至300元) and its upper end after it (2万元至3万元)
_RANGE_LOW = re.compile(r"(\d+(?:\.\d+)?)\s*(?:万元|元)?\s*[-–—~～至到]\s*$")
_RANGE_HIGH = re.compile(r"\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*(万元|元)")
_AFTER_AMOUNT = re.compile(r"\d\s*(?:万元|元)")
_MONEY_AT = re.compile(r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(万元|元)")


def said_parts(before: str, written: str = "", period_after: str = "") -> list[str]:
    """What a per-unit amount is per, as the text states it: written after it (1200元/人·年 → 人, 年), else
    the 每X words before it (每人每月60元 → 人, 月) with a period written after (每生1500元/学期 → 生, 学期)."""
    if written:
        return [p for p in re.split(r"[·.]", written) if p]
    out = [p for p in PER_BEFORE.findall(before) if p not in ("年度",)]
    out = [p for p in PER_AVERAGE.findall(before) if p not in out] + out   # 户均奖补 → 户
    if PER_TON_COST.search(before) and "吨" not in out:
        out = ["吨"] + out   # 吨水处理成本 → 吨
    return out + [period_after] if period_after and period_after not in out else out


@dataclass(frozen=True)
class Standard:
    """A per-unit amount a text states (每人每月300元, 每亩补助80元, 9万元/村, 户均奖补不超过2000元), as `standard_at`
    reads it.

    amount: the number as written (300.0); money: 元 | 万元 as written; parts: what it is per, as the text states
    them, in order (('人', '月') for 每人每月 and 300元/人·月; ('生', '学期') for 每生1500元/学期); written: the per-parts
    written after the amount with “/” ('人·年' of 1200元/人·年, '' when none or when only a period follows); period:
    the period said after (“/学期”: period_after) or before (每年…) the amount, '' when none (餐 and 次 are read
    here too: 每餐补贴3元); before: the clause's words before the amount (at most 12 characters, what suggest names a
    formed standard from); obj: what it pays, written after the amount (60元标准发放就餐补贴 → 就餐补贴) or before it
    (每人补助 → 补助), '' when neither; ceiling: stated as a ceiling (户均奖补不超过2000元); span: (start, end) in the
    text read, from the first 每 / 均 / 吨 of its words before to the end of what it is per after it (and of the range's
    upper end); said: text[span]; low / high: the ends of a range it states (每人每月200-300元: low 200 with amount 300;
    每户2万元至3万元: amount 2, high 3 — in `money`), else None: a range is no one standard to multiply."""

    amount: float
    money: str
    parts: tuple[str, ...]
    written: str
    period: str
    period_after: bool
    before: str
    obj: str
    ceiling: bool
    span: tuple[int, int]
    said: str
    low: float | None = None
    high: float | None = None

    @property
    def amount_wan(self) -> float:
        """The amount in 万元."""
        return self.amount * _MONEY[self.money]

    @property
    def counted(self) -> tuple[str, ...]:
        """The parts that are no period (('人',) of 每人每月)."""
        return tuple(p for p in self.parts if p not in PERIODS)

    @property
    def periods(self) -> tuple[str, ...]:
        """The parts that are periods (('月',) of 每人每月)."""
        return tuple(p for p in self.parts if p in PERIODS)


def standard_at(text: str, start: int, end: int, money: str, amount: float | None = None) -> Standard | None:
    """The standard an amount of `text` states — its number at text[start:] and its money unit (元 / 万元) ending at
    `end` — when the words around it say what it is per (每人每月 before it, /人·年 or /学期 after it, 户均奖补, 吨水处理成本),
    else None (a total: 总投资600万元). `text` as the caller normalised it; offsets into it. The one reader of a stated
    standard: suggest's `binding._bind_money` and the checker's `read_standards` (FEAS-07, UNIT-01's unit). `amount`:
    the number when the caller has read it (suggest's mention), else read from text[start:end]."""
    # the clause's words before it, after any amount before it in that clause (每人每年3.6万元计453.6万元: the 每人每年
    # is the 3.6 万元's, and 、初中生5元 is a tier of the amount before it, `binding._next_tier`)
    before = _AFTER_AMOUNT.split(CLAUSE_START.split(text[max(0, start - 12):start])[-1])[-1]
    written = PER_THING_AFTER.match(text, end)
    if not (PER_UNIT.search(before) or written or PER_AVERAGE.search(before) or PER_TON_COST.search(before)):
        return None
    after_period = PER_PERIOD.match(text, end)
    written = None if after_period else written   # 每生1500元/学期: a period, the row says per whom
    period = after_period or PERIOD_BEFORE.search(before)
    parts = said_parts(before, written.group(1) if written else "", after_period.group(1) if after_period else "")
    stop = written.end() if written else after_period.end() if after_period else end
    if after_period and (then := PER_THING_AFTER.match(text, after_period.end())):
        # 1130元/月/人: per month and per head, both written after it
        parts = [p for p in re.split(r"[·.]", then.group(1)) if p and p not in parts] + parts
        stop = then.end()
    # as written: from its 每 (else 均, else 吨) before it, or from the number when what it is per is written after it
    lead = start - len(before)
    first = next((lead + m.start() for rx in (PER_UNIT, PER_AVERAGE, PER_TON_COST) if (m := rx.search(before))),
                 start) if not written else start
    plain = BOUND_BEFORE.sub("", PER_BEFORE.sub("", before))
    paid_after = PAID_AFTER.match(CLAUSE_START.split(text[end:end + 16])[0])
    paid_before = PAID_BEFORE.search(plain)
    obj = paid_after.group(1) if paid_after and paid_after.group(1) else paid_before.group(1) if paid_before else ""
    if amount is None:
        number = text[start:end]
        amount = _num(number[:len(number) - len(money)])
    low = _RANGE_LOW.search(text, 0, start)
    high = _RANGE_HIGH.match(text, stop)
    if high and high.group(2) == money:
        stop = high.end()
    return Standard(amount=amount, money=money, parts=tuple(parts),
                    written=written.group(1) if written else "", period=period.group(1) if period else "",
                    period_after=after_period is not None, before=before, obj=obj,
                    ceiling=bool(CEILING_BEFORE.search(before)), span=(first, stop), said=text[first:stop],
                    low=_num(low.group(1)) if low else None,
                    high=_num(high.group(1)) if high and high.group(2) == money else None)


def read_standards(text: str) -> list[Standard]:
    """Every standard `text` states (`standard_at` at each amount in 元 or 万元), in order. `text` as the caller
    normalised it (the checker: `normalize` and `read_numerals`)."""
    out: list[Standard] = []
    for m in _MONEY_AT.finditer(text):
        if out and m.start() < out[-1].span[1]:
            continue   # the upper end of the range before it (每户2万元至3万元)
        std = standard_at(text, m.start(), m.end(), m.group(2))
        if std is not None:
            out.append(std)
    return out
