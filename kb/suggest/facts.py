"""Figures a description states that are facts, not targets: the setting and what already happened.

- `setting_figure(m, text)`: a figure of a clause that describes where the
  project runs — 全县森林面积86万亩, 全县共有行政村120个, 森林覆盖率现状为62% — the
  county's size, not what this year's project does (本年度完成森林抚育2万亩 is).
  Such a clause opens with a scope (全县 / 辖区 / 我市 …) or says 现有 / 现状 /
  总面积 / 总人口, states the figure after a measure noun or a verb of being
  (是 / 有 / 达 / 为 …), and names no work of the project (no verb of the work or
  of benefit, no 依托 / 利用: a thing the project uses is its coverage,
  `kb.suggest.objects.Mention.existing`).
- `actual_figure(m, text)`: a figure the text reports as having happened —
  a self-evaluation's 实际 / 已完成 / 截至 … / 共发生 figures, and any count of a
  harm that 发生 (发生森林火灾16起, 受害率0.0046‰ in a 自评 text): an actual
  is never a target (a harm count would become ≥ 16 起 or ≤ 0.0046 ‰).
- `fact_note(kind, mentions)`: the result's note saying which figures were not
  used and why (the caller drops them from the targets; nothing is dropped silently).
Pure text functions over normalised text and `Mention`s; not for reading
quantities (`kb.suggest.objects`) or binding them (`kb.suggest.values`).
"""
from __future__ import annotations

import re

from kb.suggest.naming import SCOPE_ONLY
from kb.suggest.objects import CLAUSE_PUNCT, Mention, pos_cut
from kb.suggest.quantities import MONEY_UNITS, units_compatible
from kb.suggest.words import BENEFIT_VERBS, EXISTING_WORDS, HARM_WORDS, WORK_VERBS

# a clause that opens with where: 全县森林面积…, 目前辖区内…, 我县共有…, 截至2023年底全市… (the scope words are naming's)
_SCOPE_LEAD = re.compile(r"^(?:目前|当前|现阶段|截至[^，,]{0,10}?|截止[^，,]{0,10}?)?"
                         r"(?:(?:我|该)(?:省|市|县|区|镇|乡)|境内|" + SCOPE_ONLY.pattern + ")")
# words that say a figure is the present state of things, wherever they stand in the clause
_SETTING_WORDS = re.compile(r"现有|现状|总面积|总人口|常住人口|户籍人口|总户数")
# how a setting figure follows its words: after a measure noun or a verb of being (全县森林面积86万亩, 全县共有行政村120个)
_SETTING_BEFORE = re.compile(r"(?:面积|人口|总量|总数|覆盖率|里程|长度|规模|蓄积量|户数|个数|是|有|达|为|共有|共|约|达到|总计|合计)$")
# a verb of being anywhere after the scope (全县共有行政村120个)
_BEING = re.compile(r"共有|拥有|现存|是|有|为|达")
# words that report what happened (a self-evaluation, a mid-year report)
_REPORTED = re.compile(r"实际|已完成|已经完成|完成了|截至|截止|共发生|累计发生|已发生|发生了")
# the text is a self-evaluation or an evaluation report: its harm counts are what happened
_REPORT_TEXT = re.compile(r"自评|评价报告|绩效评价|执行情况|完成情况")
# a harm figure stated as a limit is a target (火灾发生次数控制在3起以内, 受害率不超过0.9‰)
_LIMIT_WORDS = re.compile(r"控制在|不超过|不高于|不大于|低于|以内|以下|力争|确保|目标")


def _clause(text: str, m: Mention) -> tuple[str, str]:
    """(words of m's clause before its number, words after its unit), cut at clause punctuation."""
    head = CLAUSE_PUNCT.split(text[max(0, m.start - 40):m.start])[-1]
    tail = CLAUSE_PUNCT.split(text[m.end:m.end + 24])[0]
    return head, tail


def _names_work(words: str) -> bool:
    return any(w in WORK_VERBS or w in BENEFIT_VERBS for w, _ in pos_cut(words)) or bool(EXISTING_WORDS.search(words))


def setting_figure(m: Mention, text: str) -> bool:
    """True when `m` is a figure of the project's setting (see the module docstring); amounts of money are
    the budget's to read (`kb.domain.budget`), never a setting."""
    if m.unit in MONEY_UNITS:
        return False
    head, tail = _clause(text, m)
    if not head or _names_work(head + tail):
        return False
    said = head.rstrip("约达共 ")
    if _SETTING_WORDS.search(head):
        return True
    return bool(_SCOPE_LEAD.match(head)) and bool(_SETTING_BEFORE.search(said) or _BEING.search(head))


def _harm(m: Mention) -> bool:
    said = m.context + m.obj
    return any(w in said for w in HARM_WORDS)


def actual_figure(m: Mention, text: str) -> bool:
    """True when `m` reports what happened (see the module docstring); amounts of money (实际执行132.91万元)
    are the budget's to read (`kb.domain.budget`), never a target here."""
    if m.unit in MONEY_UNITS:
        return False
    head, tail = _clause(text, m)
    if _LIMIT_WORDS.search(head + tail):
        return False
    if _REPORTED.search(head):
        return True
    if not _harm(m):
        return False
    return "发生" in head or bool(_REPORT_TEXT.search(text))


def reported_harm(name: str, unit: str, actuals: list[Mention]) -> Mention | None:
    """The reported harm (发生森林火灾16起) a row counting the same harm in the same kind of unit
    (森林火灾发生次数, 次) is about, else None: a zero-tolerance target (= 0 次) beside 16 fires that happened is
    no target a declarant can keep; 因森林火灾造成人员伤亡数 (人) counts something else."""
    for m in actuals:
        if _harm(m) and m.obj and units_compatible(m.unit, unit) and sum(1 for i in range(len(m.obj) - 1) if m.obj[i:i + 2] in name) >= 2:
            return m
    return None


def fact_note(kind: str, found: list[Mention], text: str) -> str:
    """The result's note on figures not used as targets: kind 'setting' or 'actual'; '' when none."""
    if not found:
        return ""
    said = "、".join(f"“{_clause(text, m)[0]}{text[m.start:m.end]}”" for m in found)
    if kind == "setting":
        return f"描述中的{said}是项目所在地的现状，未作为目标值"
    return f"描述中的{said}是已发生的实际数，未作为目标值"
