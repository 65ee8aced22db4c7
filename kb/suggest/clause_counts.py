"""Counts the text states that no row took, named by the words of their clause (the 数量 slot).

A 12345 hotline (trial 18's text) states 配备话务坐席30个 and 受理群众来电及网络诉求18万件; the object reader parses
neither into a clean object (话务 + 坐席, 网络 + 诉求), so no formed row carries them, and when no gathered row is
bound to them the 数量 slot showed only a library row left blank (运维系统数量 待填写) while the text's figures were
lost: the text's own figures win over a blank (issue 10, "values from the text win"). Such a figure is named as the
clause writes it before the figure — one verb of the work, then what it is done to (配备话务坐席数量,
受理群众来电及网络诉求数量), the shape `upkeep_names` gives a figure of other work. Pure over the project context and
the pool; added with the other counts of the text after binding (`engine.counts_named_by_the_text`), so the
ranker's training pools are unchanged.
"""
from __future__ import annotations

import re

from kb.suggest import quantities as Q
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

_CLAUSE = re.compile(r"[，,。；;：:]")
# words before a figure that are none of its work (预计全年受理… → 受理…)
_LEAD = re.compile(r"^(?:预计|计划|全年|年内|本年度?|共|累计|每年)+")
# the work and object written before the figure, as a name (配备话务坐席, 受理群众来电及网络诉求)
_HEAD = re.compile(r"^[\u4e00-\u9fff]{4,14}$")


def clause_head(text: str, start: int) -> str:
    """The words of the clause before position `start` of `text` (a figure), without the words of when or how
    surely (`_LEAD`); '' unless they are 4 to 14 Chinese characters and nothing else."""
    begin = max((x.end() for x in _CLAUSE.finditer(text, 0, start)), default=0)
    head = _LEAD.sub("", text[begin:start])
    return head if _HEAD.match(head) else ""


def clause_count_name(text: str, m) -> str | None:
    """The 数量 name of a counted figure `m` (a `Mention`) by its clause (module docstring): the clause's words
    before it (`clause_head`) when they open on a verb of two characters and hold no word of a form, place,
    manner or possession (jieba's p, d, u, r, m after the verb), + the unit's measure (个 → 数量, 万件 → 数量, 次 → 次数). None for money, rates, time and people (their
    own rules name them: `naming`), and for a clause that opens on no verb of the work (达到, 完成 … say how much)."""
    from kb.suggest.naming import FORM_NAME, NOT_THE_WORK, PERSON_UNITS, TIME_UNITS, unit_measure
    from kb.suggest.objects import pos_cut
    from kb.suggest.words import BENEFIT_VERBS, HOLD_VERBS

    if m.is_budget or m.unit in Q.MONEY_UNITS or m.unit in ("%", "‰") or m.unit in TIME_UNITS \
            or m.unit in PERSON_UNITS:
        return None
    head = clause_head(text, m.start)
    if not head or FORM_NAME.search(head):
        return None
    toks = pos_cut(head)
    verb = toks[0][0] if toks else ""
    if len(verb) != 2 or not toks[0][1].startswith("v") or len(toks) < 2:
        return None
    if verb in NOT_THE_WORK or verb in BENEFIT_VERBS or verb in HOLD_VERBS:
        return None
    if any(t[:1] in ("p", "d", "u", "r", "m") for _, t in toks[1:]):
        return None   # 在, 已, 的, 其, 三: a clause of where, how or whose, no name of what is counted
    return head + unit_measure(m.unit)


def clause_count_drafts(ctx: ProjectContext, pool: list[Draft]) -> list[Draft]:
    """One 数量 draft per stated figure no draft of `pool` carries (formed from it or bound to it) that
    `clause_count_name` names, holding the figure as its mention (bound to the text's value like any formed row);
    names already in `pool` are not made twice."""
    from kb.suggest.verb_counts import uncarried_count_drafts

    return uncarried_count_drafts(ctx, pool, lambda m: clause_count_name(ctx.text, m), "按描述原文命名")
