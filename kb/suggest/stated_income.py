"""An income rise the text states for whom it names: the 经济效益 row takes the text's words (after ranking).

A 衔接 or 扶贫 project's text states its effect as 促使脱贫户、监测户增加收入80万元 or 带动农户增收5万元, and the
declarant's table names the row with the same words (D007: 促使脱贫户、监测户增加收入 ≥ 80 万元). suggest bound the
figure to a library row of another wording (特色产业带动增加受益农户收入, 带动农户增收总额); that row is named for the
people the text names now — 脱贫户、监测户增加收入 — its target, unit and basis kept. Only a 经济效益 row bound to
that very figure, only when the words before 增加收入 / 增收 name people or households (户, 人, 农民, 群众, 村集体), and
never the leading verb (促使, 带动: how the text says it, not what is measured).

`name_stated_income` runs after ranking (`engine._suggest`, with the other renames), so the ranker's training and
every table without such a sentence are unchanged. Not for income levels (人均收入 达到…, `kb.suggest.changes`).
"""
from __future__ import annotations

import re

from kb.domain.text import normalize_name
from kb.suggest.draft import Draft

# 〔verb〕〔whom〕增加收入 / 增收 〔figure〕: the verb is dropped, whom is kept (one 、 list of people at most)
_STATED = re.compile(r"(?:带动|促使|帮助|助力|实现|促进)(?P<whom>[\u4e00-\u9fff、]{2,16}?)(?P<rise>增加收入|增收)"
                     r"(?:达到|达|超过|不低于|不少于|约)?\s*\d")
# whom names people or households (脱贫户, 监测户, 农户, 群众, 村集体, 贫困人口 …)
_PEOPLE = re.compile(r"(户|人口|人员|农民|群众|村集体|村民)$")
ECONOMIC = "economic_benefit"


def stated_incomes(text: str) -> list[tuple[int, str, str]]:
    """(where the figure starts, 〔whom〕增加收入, the words as the text says them) for each income rise `text` states
    for people (促使脱贫户、监测户增加收入80万元 → 脱贫户、监测户增加收入)."""
    out = []
    for m in _STATED.finditer(text or ""):
        if _PEOPLE.search(m.group("whom")):
            out.append((m.end() - 1, m.group("whom") + "增加收入", m.group(0)[:-1].rstrip()))
    return out


def name_stated_income(pool: list[Draft], text: str) -> None:
    """In place: each 经济效益 draft bound to a figure of `text` (the project's text, `ProjectContext.text`) whose
    sentence states an income rise for named people (`stated_incomes`) takes that name — the best ranked of the
    drafts bound to that figure (tier, then score), the others keep theirs; its target, unit and basis are kept, and
    no two drafts end up with the same name."""
    said = {at: (name, words) for at, name, words in stated_incomes(text)}
    if not said:
        return
    names = {d.key for d in pool}
    best: dict[int, Draft] = {}
    for d in pool:
        if d.slot == ECONOMIC and d.value_source == "text" and d.mention is not None and d.mention.start in said:
            b = best.get(d.mention.start)
            if b is None or (d.tier, d.score) > (b.tier, b.score):
                best[d.mention.start] = d
    for at, d in best.items():
        name, words = said[at]
        if normalize_name(name) in names:
            continue
        d.evidence = [f"描述写明“{words}{d.mention.value}{d.mention.unit}”，按描述的说法命名（原为“{d.name}”）"] + d.evidence
        d.name, d.template, d.obj = name, None, ""
        names.add(d.key)
