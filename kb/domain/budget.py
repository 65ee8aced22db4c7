"""The budget a project description states, in 万元: one policy for suggest and the checker.

A budget mention is an amount in 亿元 / 万元 / 元 (or a bare 万 after a
budget word) with a budget word within the ten characters before it (资金,
预算, 投资, 经费, 拨付, 转移支付 …). A declaration asks for THIS year's money,
so a mention marked as this year's (本年度 / 年度 / 当年 / 本年 / 今年 in its
clause, or a named year's share of a total: 其中2025年安排) wins over the others:
"项目总投资500万元，其中本年度预算资金250万元" → 250; "总投资1.35亿元，其中2025年安排1,350万元" → 1350.
Among the mentions that remain, the largest is the budget (a total comes
with its parts: "资金1127万元，其中整合资金1046万元，收回81万元" → 1127).
A mention above MAX_BUDGET_WAN (the API's bound), in scientific notation, negative, zero, or
in 元 below MIN_BUDGET_WAN (a unit slip) is not a budget; `unused_budget_amounts` says why for each.
Chinese numerals before a unit are read (资金六十万元 → 60; `kb.domain.quantity.read_numerals`).
Pure; not for the quantities of a description (`kb.suggest.quantities`).
"""
from __future__ import annotations

import re

from kb.domain.quantity import SCIENTIFIC_RE, read_numerals
from kb.domain.text import normalize

# The largest amount a request may state: 10 万亿元 (1e9 万元), beyond any single project's budget.
# Budgets, amounts executed and adjustments (signed) are bounded by it on every endpoint.
MAX_BUDGET_WAN = 1e9
# the one message (not "1e+09"); 0 is the one rule's “none” (suggest: the text's budget, else the cost 待填写),
# said here as in the note that follows it (`kb.suggest.context.unusable_budget_note`), never “应大于 0” after it
BUDGET_RANGE = f"预算须为 0 到 {MAX_BUDGET_WAN:,.0f} 之间的数(万元)，填 0 视为未填写"


def wan_text(v: float) -> str:
    """An amount in 万元 as plain digits to the fen (6 decimals at most, trailing zeros dropped), as a cell
    or a message writes it: 999999999 → '999999999' (not '1e+09', read back as 1), 2279.048 → '2279.048'
    (not '2279.05'), 38.766462 → '38.766462'."""
    t = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if t in ("", "-0") else t


def budget_out_of_range(v: float | None) -> bool:
    """True when a budget in 万元 is given and not within [0, MAX_BUDGET_WAN] (NaN too); say `BUDGET_RANGE`."""
    return v is not None and not 0 <= v <= MAX_BUDGET_WAN


# A self-evaluation scores 预算执行率 apart: 10 of its 100 points, the indicators 90
# (财预〔2020〕10号, 项目支出绩效自评表; the evaluation's default `budget_weight`, the checker's STR-13).
BUDGET_EXECUTION_POINTS = 10.0

# The smallest budget a project states in 元: a whole project's money under 1000 元 (预算资金数100元, E040,
# whose source itself notes "金额单位疑为万元") is a unit slip, not a ceiling to copy into the table.
MIN_BUDGET_WAN = 0.1

BUDGET_WORDS = ("资金", "预算", "投资", "总额", "经费", "金额", "安排", "拨付", "财政", "补助资金", "总投资", "投入",
                "转移支付", "额度", "下达", "拨款", "专项",
                "运营费用", "运行费用", "运维费用", "服务费用", "总费用")   # 运营费用1.2亿元: what a service costs a year
THIS_YEAR_WORDS = ("本年度", "年度", "当年", "本年", "今年")
# a named year's share of a total: "总投资1.35亿元，其中2025年安排1,350万元" — the declaration asks for that year's
# money, not the project's total (a fresh trial got a cost ceiling ≤13500 万元, ten times the year's 1350)
_YEAR_SHARE = re.compile(r"其中[^,，。;；]{0,6}?20\d\d年度?[\u4e00-\u9fff]{0,8}?(?:安排|下达|申请|预算|拨付|投入|计划投资)")
# a share of one funding level inside the year's amount (项目金额164万元，其中当年市级财政资金132万元, trial 21, D023): the
# year's money is the whole, the level's share is its source — this year's only when the whole is a multi-year
# total (项目总投资500万元，其中本年度预算资金250万元 → 250)
_LEVEL_SHARE = re.compile(r"其中[^,，。;；]{0,4}?(?:中央|省级|市级|县级|区级|本级|省|市|县|区)(?:级)?财政")
_MULTI_YEAR_WHOLE = re.compile(r"总投资|总预算|总概算|累计|计划投资|总额")
_AMOUNT = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|元|万(?![\u4e00-\u9fff]))")
_CLAUSE_END = re.compile(r"[,，。;；:：]")


def budget_mentions(text: str) -> list[tuple[float, bool]]:
    """Every budget mention of `text` in order: (amount in 万元, marked as this year's)."""
    return [(value, this_year) for value, this_year, why in _scan(text) if not why]


def unused_budget_amounts(text: str | None) -> list[str]:
    """Why each amount after a budget word was not read as a budget, in Chinese, one line per amount:
    "描述中的“1e30万元”未作为预算：使用了科学计数法…" — so a caller can say so instead of dropping it silently."""
    return list(dict.fromkeys(why for _, _, why in _scan(text or "") if why))   # each amount as written, once


_PER_SOMETHING = re.compile(r"每[\u4e00-\u9fff]{1,4}$|标准为?$")
# a per-head amount whose fund word follows the head (每生每年补助送教经费3000元, 人均生活补助经费1200元): a standard, no
# budget — round 5's own 送教上门 text read its 3000 元 per student as the project's money (成本 ≤ 0.3 万元)
PER_HEAD_FUND_BEFORE = re.compile(r"(?:每(?:人|户|生|名|位)|人均|生均|户均)(?:每(?:年|月|学期|天))?[\u4e00-\u9fff]{0,8}$")
_WRITTEN_BEFORE = re.compile(r"[\d.,]*\d\s*[eE]\s*[-+]?$")


def _scan(text: str) -> list[tuple[float, bool, str]]:
    """(amount in 万元, marked as this year's, why it is no budget or '') for each amount after a budget word."""
    t = read_numerals(normalize(text))   # 资金六十万元 is 60 万元 for the checker and the .xlsx reader too
    out = []
    for m in _AMOUNT.finditer(t):
        before = t[max(0, m.start() - 16):m.start()].rstrip("≥≤<>=＞＜＝约达 ")
        if not any(w in before[-10:] for w in BUDGET_WORDS):
            continue
        if _PER_SOMETHING.search(before) or PER_HEAD_FUND_BEFORE.search(before):
            continue   # 补助资金每人每月100元 is a standard, not a budget (nor a unit slip to warn about)
        clause = _CLAUSE_END.split(t[max(0, m.start() - 24):m.start()])[-1]
        value = float(m.group(1).replace(",", ""))
        value = value * 10000 if m.group(2) == "亿元" else value / 10000 if m.group(2) == "元" else value
        head = _WRITTEN_BEFORE.search(t[max(0, m.start() - 24):m.start()])
        written = (head.group() if head else "") + m.group()
        why = ""
        if head or SCIENTIFIC_RE.search(t[max(0, m.start() - 3):m.end()]):
            why = f"描述中的“{written}”未作为预算：使用了科学计数法，请写成普通数字（如 250万元）"
        elif value > MAX_BUDGET_WAN:   # beyond the bound every endpoint applies
            why = f"描述中的“{written}”未作为预算：超过上限 10 万亿元，请核对金额和单位"
        elif t[max(0, m.start() - 1):m.start()] in ("-", "－", "负", "−"):
            why = f"描述中的“-{m.group()}”未作为预算：金额为负数，请核对"
        elif value == 0:   # a ceiling of ≤0 万元 would say nothing may be spent (a fresh trial's 项目预算0万元)
            why = f"描述中的“{written}”未作为预算：金额为 0，请写明预算金额"
        elif m.group(2) == "元" and value < MIN_BUDGET_WAN:
            why = f"描述中的“{written}”未作为预算：一个项目的预算不足 1000 元，疑为单位笔误(万元写成了元)，请核对金额和单位"
        this_year = any(w in clause for w in THIS_YEAR_WORDS) or bool(_YEAR_SHARE.search(clause))
        if this_year and _LEVEL_SHARE.search(clause) and not _YEAR_SHARE.search(clause) \
                and not _MULTI_YEAR_WHOLE.search(t[max(0, m.start() - 40):m.start()]):
            this_year = False   # 其中当年市级财政资金132万元 of 项目金额164万元: a source's share (trial 21)
        out.append((value, this_year, why))
    return out


def budget_from_text(text: str | None) -> float | None:
    """The budget in 万元 a description states (this year's mention first, else the largest), or None."""
    mentions = budget_mentions(text or "")
    this_year = [v for v, marked in mentions if marked]
    pool = this_year or [v for v, _ in mentions]
    return max(pool) if pool else None


def total_from_text(text: str | None) -> float | None:
    """The largest budget mention in 万元 (what the whole project spends, all sources), or None.

    Suggest divides it by the persons served for a per-head cost: "项目金额164万元,
    其中当年市级财政资金132万元 … 培训280人次" → 164 万元 ÷ 280 ≈ 5857 元/人次.
    """
    mentions = budget_mentions(text or "")
    return max(v for v, _ in mentions) if mentions else None
