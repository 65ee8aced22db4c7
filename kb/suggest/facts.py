"""Figures a description states that are facts, not targets: the setting and what already happened.

- `setting_figure(m, text)`: a figure of a clause that describes where the
  project runs (全县森林面积86万亩): the one reader of the setting,
  `kb.domain.setting.setting_figure`, with suggest's part-of-speech cut (the
  checker's REL-06 reads the same reader).
- `actual_figure(m, text)`: a figure the text reports as having happened —
  a self-evaluation's 实际 / 已完成 / 截至 … / 共发生 figures, and any count of a
  harm that 发生 (发生森林火灾16起, 受害率0.0046‰ in a 自评 text): an actual
  is never a target (a harm count would become ≥ 16 起 or ≤ 0.0046 ‰). Outside a
  report, a harm said of the plan's year (全年…事故发生0起) or a zero count is
  the year's target, not what happened (trial 18).
- `condition_figure(m, text)`: a threshold of who qualifies (种植面积50亩以上的种植大户), no target.
- `fact_note(kind, mentions)`: the result's note saying which figures were not
  used and why (the caller drops them from the targets; nothing is dropped silently).
Pure text functions over normalised text and `Mention`s; not for reading
quantities (`kb.suggest.objects`) or binding them (`kb.suggest.binding`).
"""
from __future__ import annotations

import re

from kb.suggest.objects import Mention, pos_cut
from kb.suggest.quantities import MONEY_UNITS, units_compatible
from kb.domain.words import PAST_PERIODS
from kb.domain.years import past_base_matches, stated_year
from kb.suggest.words import HARM_WORDS
from kb.domain import setting as S
from kb.domain.text import SENTENCE_END as _SENTENCE_END
from kb.domain.setting import figure_clause as _clause

# words that report what happened (a self-evaluation, a mid-year report, a past period: 近三年累计带动…,
# 已带动…, 去年…)
_REPORTED = re.compile(r"实际|已完成|已经完成|完成了|截至|截止|共发生|累计发生|已发生|发生了|"
                       r"已(?:经)?(?:带动|帮扶|实现|培训|发放|改造|新建|覆盖|惠及|救助|资助|累计|建设)|"
                       r"近[一二三两四五几\d]+年|近年来|以来|(?<![较比同])(?:去年|上年)")
_YEAR_SAID = re.compile(r"(20\d\d)年")
_YEAR_LEAD = re.compile(r"(?:在)?(20\d\d)年(?:度)?(?!\d|以前|之前|前)")
# the text is a self-evaluation or an evaluation report: its harm counts are what happened
# a sentence that opens on a past period (上年度已检测水样650份，水质达标率91%): its figures are that period's
_PAST_LEAD = re.compile(r"^(?:在)?(?:" + "|".join(PAST_PERIODS) + ")")   # 上年度 opens with 上年
_REPORT_TEXT = re.compile(r"自评|评价报告|绩效评价|执行情况|完成情况")
# words that make a year's figure the plan (2024年计划…, 力争到2026年…)
_PLAN_WORDS = re.compile(r"计划|预计|力争|目标|拟|将|到\d{4}年|至\d{4}年|\d{4}年(?:\d{1,2}月)?(?:底|末)?前")
# what became of those counted (13户企业列入经营异常名录, 166户农民专业合作社…被列入…, 103户企业移出…名录): an enforcement's
# result, never an output to reach with ≥ (a fresh reviewer, E038)
_LISTED = re.compile(r"(?:被|已)?(?:列入|纳入|移出)[^，,。；;]{0,10}名录|被(?:列入|标记|处罚|查处|吊销|注销)")
# the plan's own year, said before a figure (全年…发生0起, 年内, 今年): what the year brings is still to come
_YEAR_OF_PLAN = re.compile(r"全年|年内|今年|本年|当年|年度内")
# a harm figure stated as a limit is a target (火灾发生次数控制在3起以内, 受害率不超过0.9‰)
_LIMIT_WORDS = re.compile(r"控制在|不超过|不高于|不大于|低于|以内|以下|力争|确保|目标")


# a figure that qualifies a noun (种植面积50亩以上的粮食种植大户, 50户以下的自然村): who or what qualifies, no target
_CONDITION_TAIL = re.compile(r"^(?:及|或)?(?:以上|以下|以内|及以上|及以下)的")


def _words_of(phrase: str) -> list[str]:
    return [w for w, _ in pos_cut(phrase)]


def setting_figure(m: Mention, text: str) -> bool:
    """True when `m` is a figure of the project's setting: `kb.domain.setting.setting_figure` over suggest's
    part-of-speech cut (a verb inside a longer word, 服务中心, is no verb there)."""
    return S.setting_figure(m, text, _words_of)


def condition_figure(m: Mention, text: str) -> bool:
    """True when `m` is a threshold of who or what the project covers (对种植面积50亩以上的粮食种植大户给予奖补: 50 亩
    is an eligibility condition, not an area to reach): the figure is followed by 以上的 / 以下的 / 以内的 and the
    noun it qualifies."""
    return bool(_CONDITION_TAIL.match(text[m.end:m.end + 6]))


def _harm(m: Mention) -> bool:
    said = m.context + m.obj
    return any(w in said for w in HARM_WORDS)


def actual_figure(m: Mention, text: str) -> bool:
    """True when `m` reports what happened (see the module docstring); amounts of money (实际执行132.91万元)
    are the budget's to read (`kb.domain.budget`), never a target here — except an amount in a sentence that
    opens on a past period or an earlier year (2024年第二届共接待游客8.6万人次，实现旅游综合收入3100万元: last
    festival's income, which a fresh reviewer got as 旅游综合收入 ≥3100 万元)."""
    if m.unit in MONEY_UNITS:
        return _past_sentence(m, text)
    head, tail = _clause(text, m)
    if _LIMIT_WORDS.search(head + tail):
        return False
    head = _without_past_base(head, text, m)
    if not head and m.start and text[m.start - 1] == "、":
        # a figure alone after 、 (上年度已奖补种植大户385户、2.7万亩) is an item of the list before it: its words are the list's
        head = re.split(r"[，,；;。：:]", text[max(0, m.start - 60):m.start])[-1]
    lead = _SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1]   # the sentence up to the figure
    if _REPORTED.search(head) or re.match(r"(?:截至|截止)", lead) or _LISTED.search(re.split(r"[，,。；;]", text[m.end:m.end + 40])[0]):
        return True
    if _PAST_LEAD.match(lead) and not _PLAN_WORDS.search(lead) and not re.search(r"今年|本年", lead):
        return True   # 上年度已检测水样650份，水质达标率91%，今年目标…提高到95%: the sentence's past runs to 今年
    said = _YEAR_LEAD.match(lead)   # the sentence opens on its year (2024年全县…), not a span it names (2000年以前的档案)
    later = [int(y) for y in _YEAR_SAID.findall(text)]
    if (planned := stated_year(None, text)) is not None:
        later.append(planned)   # 2024年…达到95%。今年计划…: the year the text plans for is after 2024 (`stated_year`)
    if said and int(said.group(1)) < max(later) and not _PLAN_WORDS.search(lead) and not re.search(r"今年|本年", lead):
        return True   # 2024年全县带动脱贫人口就业2.3万人 in a 2025 project: last year's figure (…，今年…增长10%: this year's)
    if _REPORTED.search(head):
        return True
    if not _harm(m):
        return False
    if _REPORT_TEXT.search(text):
        return True
    # a harm count said of the plan's year (全年校园重大安全责任事故发生0起 in a 2025 plan, trial 18) is a target:
    # the year has not happened yet; a zero count of a harm that 发生 is no report either (发生森林火灾16起 is)
    if _YEAR_OF_PLAN.search(head) or m.value in ("0", "零"):
        return False
    return "发生" in head


def _without_past_base(head: str, text: str, m: Mention) -> str:
    """`head` without the comparison with a past period's own level that leads up to `m` in its clause (由上年的72%
    提高到78%: the 上年 there names the base, 72, and 78 is the level this year reaches — trial 17 got the library's
    80 for a road text's 78); so is the base itself, where a change from it starts (the base is past by
    `past_bases`, the change from it is this year's). The comparisons are `kb.domain.years.past_base_matches` (the one reader)."""
    for b in past_base_matches(text):
        between = text[b.end():m.start]
        if b.start("num") == m.start:
            head = head.replace(text[b.start():b.start("num")], "")
        elif b.end() <= m.start and len(between) <= 4 and not re.search(r"[，,。；;：:]", between):
            head = head.replace(b.group(0), "")
    return head


def _past_sentence(m: Mention, text: str) -> bool:
    """The sentence of `m` opens on a past period (上年度, 上学年) or on a year before the one the text plans for,
    and says no plan up to `m` (2024年…3100万元；今年力争达到3500万元: 3500 is this year's)."""
    lead = _SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1]
    # a clause that opens on a past period is past whatever the sentence opened on (全县现有林地面积86万亩，
    # 上年度林下经济产值达到2.3亿元: trial 24 got 林业总产值 ≥2.3 亿元 as a target)
    clause = re.split(r"[，,；;：:]", lead)[-1]
    if _PAST_LEAD.match(clause) and not _PLAN_WORDS.search(clause) and not re.search(r"今年|本年", clause):
        return True
    if _PLAN_WORDS.search(lead) or re.search(r"今年|本年", lead):
        return False
    if _PAST_LEAD.match(lead):
        return True
    said = _YEAR_LEAD.match(lead)
    later = [int(y) for y in _YEAR_SAID.findall(text)]
    if (planned := stated_year(None, text)) is not None:
        later.append(planned)
    return bool(said) and int(said.group(1)) < max(later)


def reported_harm(name: str, unit: str, actuals: list[Mention]) -> Mention | None:
    """The reported harm (发生森林火灾16起) a row counting the same harm in the same kind of unit
    (森林火灾发生次数, 次) is about, else None: a zero-tolerance target (= 0 次) beside 16 fires that happened is
    no target a declarant can keep; 因森林火灾造成人员伤亡数 (人) counts something else."""
    for m in actuals:
        if _harm(m) and m.obj and units_compatible(m.unit, unit) and sum(1 for i in range(len(m.obj) - 1) if m.obj[i:i + 2] in name) >= 2:
            return m
    return None


def fact_note(kind: str, found: list[Mention], text: str) -> str:
    """The result's note on figures not used as targets: kind 'setting', 'actual' or 'condition'; '' when none.
    Each phrase is said once, in text order, however often the text repeats it (a fresh reviewer's repeated
    text listed “全县现有农村公路1246公里” nine times)."""
    if not found:
        return ""
    said = "、".join(dict.fromkeys(f"“{_clause(text, m)[0]}{text[m.start:m.end]}”" for m in found))
    if kind == "condition":
        return f"描述中的{said}是享受条件，未作为目标值"
    if kind == "setting":
        return f"描述中的{said}是项目所在地的现状，未作为目标值"
    return f"描述中的{said}是已发生的实际数，未作为目标值"
