"""The 预算年度 a project's own words state (its name, else its description).

One answer for suggest (the deadline its on-time rows take, the 预算年度 of
the .xlsx it writes) and for any reader of a description. Not for the years
inside a 指标值 (`kb.checker.parse`).
"""
from __future__ import annotations

import re

from kb.domain.text import normalize

_YEAR = re.compile(r"(20\d{2})\s*年")
# a year in brackets closing a project's name (雾炮车抑尘降尘服务(2024), D030): the name's year too
_NAME_YEAR = re.compile(r"\((20\d{2})\)")
# a span of whole years (1950—2000年文书档案, 2023-2025年行动计划): a period the text describes, not the
# budget year — unless a month follows (2023年7月至2024年1月 is a dated service period)
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]+\s*20\d{2}\s*年(?!\s*\d{1,2}\s*月)")
# the age of the object worked on (建成于2000年前的老旧供水管网, 始建于1998年的校舍): when it was built, no budget year —
# a water-mains text (trial 22) stating only 2025年4月开工 … 11月30日前完工 besides got 当年11月30日前 (trial 23b)
_BUILT_YEAR = re.compile(r"(?:始建|建成|修建|兴建|建)于\s*(?:19|20)\d{2}\s*年(?:以前|之前|前|代)?")
# a sentence opening on this year in words (今年计划采购…, 本年度完成…)
_THIS_YEAR_LEAD = re.compile(r"^(?:今年|本年)")
# words that make a year's sentence the plan or the budget, not a report of what was reached
_PLAN_OR_MONEY = re.compile(r"计划|预计|力争|目标|拟|将|安排|申请|预算|资金|经费|万元|\d{1,2}月(?:\d{1,2}日)?(?:底|末)?前")
_SENTENCES = re.compile(r"[。；;!！?？]")


def stated_year(project_name: str | None, description: str | None) -> int | None:
    """The 预算年度 the project states: the year in its name (2024年农村户厕改造项目, 雾炮车抑尘降尘服务(2024)), else the one year
    its description names (2025年4月 … 2025年4月15日前), else None.

    A description whose one year opens only sentences of what was reached, followed by a sentence opening on
    今年 (2024年免疫密度达到95%。今年计划采购…), states the next year: a fresh reviewer got 预算年度 2024 and the
    deadline 2024年5月31日前 for a text that treats 2024 as last year.

    Two years a year apart, where every sentence naming the earlier one opens on it and reports what was reached
    and a sentence naming the later one plans, budgets or names the project (县农业农村局2025年…项目。…2024年全县共
    完成…), state the later one (trial 19). Several years otherwise
    (2023年7月至2024年1月) name no single one; a span of whole years (对1950—2000年文书档案
    进行扫描, 2023—2025年行动计划) names none (a fresh reviewer got 2000年12月31日前 as the deadline of a
    2025 digitisation project); nor does the year the object worked on was built (建成于2000年前的老旧供水管网,
    `_BUILT_YEAR`: the text's 2025年4月开工 is then its one year). Years 2000–2099 only.
    """
    for text in (project_name, description):
        plain = _without_built_years(_YEAR_SPAN.sub("", normalize(text or "")))
        years = {int(y) for y in _YEAR.findall(plain)}
        if text is project_name:
            years |= {int(y) for y in _NAME_YEAR.findall(plain)}
        if len(years) == 1:
            year = years.pop()
            return year + 1 if text is description and _said_as_last_year(plain, year) else year
        if years and text is project_name:
            return None
        if len(years) == 2 and text is description and max(years) - min(years) == 1 \
                and _only_reported(plain, min(years)) and _planned_in(plain, max(years)):
            # 县农业农村局2025年…项目。…2024年全县共完成强制免疫…1980万头次。 — the earlier year only reports what was
            # reached the year before: the plan's year is the later one (trial 19 left 预算年度 blank)
            return max(years)
    return None


def _without_built_years(plain: str) -> str:
    """`plain` without the years its object was built (`_BUILT_YEAR`) when each is earlier than every other year it
    states (建成于2025年底 in a 2025 plan, or a text with no other year, keeps its year)."""
    built = [int(y) for m in _BUILT_YEAR.finditer(plain) for y in _YEAR.findall(m.group(0))]
    rest = _BUILT_YEAR.sub("", plain)
    others = [int(y) for y in _YEAR.findall(rest)]
    return rest if built and others and max(built) < min(others) else plain


# what makes a year's sentence the project's own: its plan or money, or the project named (县农业农村局2025年…项目)
_PROJECT = re.compile(r"项目|工程")


def _planned_in(text: str, year: int) -> bool:
    """True when a clause naming `year` plans or budgets (`_PLAN_OR_MONEY`) or names the project — not a second
    report (2024年完成改厕1200户 beside 2023年完成改厕800户 names no plan year)."""
    if any(f"{year}年" in c.replace(" ", "") and (_PLAN_OR_MONEY.search(c) or _PROJECT.search(c))
           for c in re.split(r"[。；;!！?？，,]", text)):
        return True
    # a sentence opening on the year and budgeting in a later clause (2025年新建村级电商服务站点50个，预算150万元: trial 20)
    return any(re.match(rf"(?:在)?{year}\s*年", s.strip()) and _MONEY.search(s) for s in _SENTENCES.split(text))


_MONEY = re.compile(r"预算|资金|经费|万元")
# a date a state is reported as of (截至2024年底全县已建成…): the sentence reports what was reached by then
_AS_OF = r"(?:截至|截止|截止到|截至到|到)?"


def _only_reported(text: str, year: int) -> bool:
    """True when every sentence naming `year` opens on it and reports what was reached (no plan, no money), as
    `_said_as_last_year` reads a last year; or opens on the date it reports as of (截至2024年底全县已建成…, trial 20)."""
    sentences = [s.strip() for s in _SENTENCES.split(text) if s.strip()]
    naming = [s for s in sentences if f"{year}年" in s.replace(" ", "")]
    return bool(naming) and all(re.match(rf"(?:在)?{_AS_OF}{year}\s*年(?!\d|度?(?:计划|预算))", s)
                                and not _PLAN_OR_MONEY.search(s) for s in naming)


def _said_as_last_year(text: str, year: int) -> bool:
    """True when the description's one year is last year: every sentence naming it opens on it and reports
    what was reached (2024年免疫密度达到95%，抗体合格率达到78%), no plan and no money, and a later sentence
    opens on 今年 / 本年 (今年计划采购疫苗…): the year the text plans for is the next one."""
    sentences = [s.strip() for s in _SENTENCES.split(text) if s.strip()]
    naming = [i for i, s in enumerate(sentences) if f"{year}年" in s.replace(" ", "")]
    if not naming or any(not re.match(rf"(?:在)?{year}\s*年(?!\d|度?(?:计划|预算))", sentences[i])
                         or _PLAN_OR_MONEY.search(sentences[i]) for i in naming):
        return False
    return any(_THIS_YEAR_LEAD.match(s) for s in sentences[max(naming) + 1:])


_PLANNED_YEAR = re.compile(r"(20\d\d)年(?:度)?(?:的)?(?:目标|计划|力争|预计|拟)")


def planned_year(project_name: str | None, description: str | None) -> int | None:
    """`stated_year`, else the one year the description plans for when it names several (2024年馆内到馆读者12.3万
    人次，2025年目标到馆人次达到13万以上 → 2025: the year a plan word follows — 目标, 计划, 力争, 预计, 拟), else None.
    The checker's reading of a blank 预算年度 (round 13: the `--fix` workbook left it blank beside such a text), and
    `without_past_reports`' (the plan year, below which a year a sentence opens on is past). A year ending a span of
    whole years (2023—2025年目标) is none (round 16; it was read as the plan year, though `stated_year` and
    `without_past_reports` read such a span as a period)."""
    year = stated_year(project_name, description)
    if year is not None:
        return year
    # a span of whole years is no plan year (2023—2025年目标任务: a period, as `stated_year` reads it); so every year
    # read here is one `without_past_reports` counts, and its bound is no later for reading this one
    planned = {int(y) for y in _PLANNED_YEAR.findall(_YEAR_SPAN.sub("", normalize(description or "")))}
    return planned.pop() if len(planned) == 1 else None


# words that make a clause this year's plan, not a report of the past one (…，2025年目标到馆人次达到13万以上)
_NOW_OR_PLAN = re.compile(r"今年|本年|本届|本期|当年|计划|预计|力争|争取|目标|拟|将|确保")
_CLAUSES = re.compile(r"[，,]")


def without_past_reports(text: str | None, year: int | None = None) -> str:
    """`text` with the clauses that report a past period cut out: a sentence opening on a past period (上年度,
    上届 — `kb.domain.words.PAST_PERIODS`) or on a year before the one the text plans for (the latest it names, or `planned_year`,
    or `year` — the table's 预算年度 when the caller knows it) loses
    its clauses up to the first that says this year or a plan (2024年馆内到馆读者12.3万人次，2025年目标到馆人次达到
    13万以上 → 2025年目标到馆人次达到13万以上). For readers of stated figures that have no reading of what already
    happened (the checker's STR-03 rewrite offered the 2024 actual 12.3万 as the 2025 target, trial 7; round 16: the
    rate a QNT-07 rewrite took from “2024年…合格率达到92%” in a 2025 table). Text normalised (`normalize`);
    sentence by sentence, `past_report_parts`."""
    return "".join(kept for _, kept in past_report_parts(text, year))


def past_report_parts(text: str | None, year: int | None = None) -> list[tuple[str, str]]:
    """(sentence, what `without_past_reports` keeps of it) for each sentence of the normalised `text` (split after
    。；!？): the sentence itself when it reports no past period, else its clauses from the first that says this
    year or a plan ('' when none does). For a reader that must know which sentence a kept part came from (the
    checker's `stated_rate`: “上年度…合格率为90%，今年力争达到96%” names the rate in the past part and sets its
    target in the kept one)."""
    from kb.domain.words import PAST_PERIODS

    plain = normalize(text or "")
    said = [int(y) for y in _YEAR.findall(_YEAR_SPAN.sub("", plain))]
    planned = max(said + [y for y in (planned_year(None, plain), year) if y is not None], default=None)
    out = []
    for sentence in re.split(r"(?<=[。；;!！?？])", plain):
        lead = re.match(r"(?:在)?(?:(" + "|".join(PAST_PERIODS) + r")|(20\d{2})\s*年(?!\d|度?(?:计划|预算)))", sentence)
        past = lead is not None and (lead.group(1) is not None
                                     or planned is not None and int(lead.group(2)) < planned)
        if not past:
            out.append((sentence, sentence))
            continue
        clauses = _CLAUSES.split(sentence)
        keep = next((i for i, c in enumerate(clauses) if _NOW_OR_PLAN.search(c)), len(clauses))
        out.append((sentence, "，".join(clauses[keep:])))
    return out


def past_reports(text: str | None, year: int | None = None) -> list[str]:
    """The clauses of the normalised `text` that report a past period, in order: what `without_past_reports` cuts
    (a sentence opening on 上年度 or an earlier year, up to its first clause of this year or a plan), and a clause
    inside another sentence that opens on such a period itself and says no plan (全县现有…143处，2024年已完成维修
    养护工程35处: the 35 is last year's). For readers that must tell a figure already reached from this year's
    (trial 13: 危房改造户数 ≥120户 beside “2024年全县已完成危房改造120户”, the plan being 150)."""
    from kb.domain.words import PAST_PERIODS

    past_lead = re.compile(r"^(?:在)?(?:(" + "|".join(PAST_PERIODS) + r")|(20\d{2})\s*年(?!\d|度?(?:计划|预算)))")
    plain = normalize(text or "")
    said = [int(y) for y in _YEAR.findall(_YEAR_SPAN.sub("", plain))]
    planned = max(said + [y for y in (planned_year(None, plain), year) if y is not None], default=None)
    out = []
    for sentence, kept in past_report_parts(plain, year):
        clauses = [c for c in _CLAUSES.split(sentence) if c]
        if kept != sentence:   # the sentence's past, up to its first clause of this year or a plan
            cut = len(clauses) - len([c for c in _CLAUSES.split(kept) if c]) if kept else len(clauses)
            out.extend(clauses[:cut])
            clauses = clauses[cut:]
        for c in clauses:
            lead = past_lead.match(c)
            if lead is None or _NOW_OR_PLAN.search(c):
                continue
            if lead.group(1) is not None or planned is not None and int(lead.group(2)) < planned:
                out.append(c)
    return out


# a comparison with a past period that names that period's own figure (较上年1.2万人次增长25%, 比上年的12000人次增长,
# 与去年同期的86%相比提高…): the figure after the period is its level, the base of the change (trial 16); so is the start
# of a change from that level (由上年的72%提高到78%: 72 is last year's, 78 the level this year reaches — trial 17)
_BASE_OF_CHANGE = re.compile(
    r"(?:较|比|相比|相较|与|同|由|从)(?:于)?(?:" + "|".join(("上一年度", "上一年", "上年度", "上年", "去年", "上届", "上一届",
                                                    "上学年", "上半年", r"20\d{2}\s*年度?")) + r")(?:同期)?(?:的)?(?:约)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?\s*[万亿]?[^\d，。；,;：:（）()]{0,5}?)"
    r"(?:相比|相较|而言)?[，,]?(?:增长|增加|提高|提升|上升|减少|下降|降低|多|少)")


def past_bases(text: str | None) -> list[tuple[int, int]]:
    """(start, end) in the normalised `text` of each figure a comparison gives as a past period's own level (接待读者
    15000人次（较上年1.2万人次增长25%） → the span of “1.2万人次”; 比上年的12000人次增长25% → “12000人次”): last period's
    figure, the base of the change, never a target of this year. Only a figure right after the comparison with the
    past period (较上年, 比去年同期的, 与2024年…相比) and followed by the change (增长, 减少 …); the change's own figure
    (25%) and a comparison without a figure (较上年增长25%) give none. For every reader of a description's figures
    (suggest's targets; the checker's past figures, REL-06), so they agree. Trial 16: a fresh reviewer got 图书馆免费
    开放人次 ≥1.2万人次 from such a comparison."""
    return [m.span("num") for m in past_base_matches(text)]


def past_base_matches(text: str | None) -> list[re.Match]:
    """The comparisons `past_bases` reads, as matches over the normalised `text` (group "num": the past figure; the
    match from the comparison word on), for a reader that quotes the comparison (the checker's REL-06)."""
    return list(_BASE_OF_CHANGE.finditer(normalize(text or "")))
