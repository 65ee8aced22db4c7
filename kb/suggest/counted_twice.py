"""After ranking: a library count of people left blank beside the count the text states of the same people (trial 17).

A fresh reviewer struck 免费开放接待观众人数 待填写 人 beside 接待读者人次 ≥ 1.5 万人次 (a library: the visitors the text
counts are the readers it receives) and 受益优抚对象人数 待填写 人 beside 服务对象人数 ≥ 404 人 (D042: the 404 served are
the 优抚对象 who benefit): one group counted twice, the blank row asking the declarant for a figure the text gives. A
shown library row (not formed) with no value, counting people (人, 人次 …), is set aside when a shown row whose value
the text states counts people too and their names share a word that is no counting word (接待, 对象); a blank row
under 社会效益 gives its place to the stated count, moved there from 数量 when 数量 keeps two other rows of the text
(else the blank row stays: 数量 would be filled with blank rows of no use). Pure over drafts;
only sets aside and re-files (the reason in the evidence); run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.domain.text import bigrams

_PEOPLE_UNITS = frozenset({"人", "万人", "人次", "万人次", "名"})
# words of a count, not of whom it counts
_COUNT_WORDS = frozenset({"人数", "人次", "数量", "总数", "受益", "服务", "免费", "开放", "项目", "完成", "万人"})


def set_aside_blank_count_of_stated_people(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown blank library count of people in `pool` (ranked drafts of one project) that a stated
    count of people names again (module docstring). Mutates `pool`; no error."""
    stated = [d for d in pool if d.tier != Tier.ALTERNATE and d.value_source == "text" and d.mention is not None
              and (d.value_unit or d.unit) in _PEOPLE_UNITS]
    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.pending or d.source == "formed" or d.unit not in _PEOPLE_UNITS:
            continue
        words = set(bigrams(d.key)) - _COUNT_WORDS
        same = next((s for s in stated if s is not d and words & (set(bigrams(s.key)) - _COUNT_WORDS)), None)
        if same is None:
            continue
        if d.slot == "quantity":
            set_aside(d, f"与描述写明的“{same.name}”（{same.value}{same.value_unit or same.unit}）计同一群人，仅作备选")
            continue
        span = (same.mention.start, same.mention.end)
        bound = [o for o in pool if o.tier != Tier.ALTERNATE and o.slot == "quantity" and o.mention is not None
                 and (o.mention.start, o.mention.end) == span]
        others = [o for o in pool if o.tier != Tier.ALTERNATE and o.slot == "quantity" and o not in bound
                  and o.value_source == "text"]
        if d.level2 != "social_benefit" or same.slot != "quantity" or len(others) < 2:
            continue   # 数量 would be left to blank fillers (trial 14's library text): the blank row stays
        # the stated count takes the blank row's place under 社会效益 (the people the project serves are its benefit, as
        # `fill._benefit` files them) while 数量 keeps two rows of the text: every row bound to that figure, the table
        # choosing one
        set_aside(d, f"与描述写明的“{same.name}”（{same.value}{same.value_unit or same.unit}）计同一群人，仅作备选")
        for o in bound:
            o.level2 = d.level2
            o.evidence.append(f"描述写明的人数是项目的效益，替代“{d.name}”（待填写）")
