"""After ranking: a figure's name formed from one piece of what its words say (trial 22).

A fresh reviewer struck four names cut from the wrong piece of their words:

- the last item of a 、-list taken as the object: 开展禁毒宣传进学校、进社区、…、进场所活动不少于120场次 gave
  场所活动场次, 改造老旧铸铁、镀锌供水管网18.6公里 gave 镀锌供水管网长度. The figure counts the whole list (all the
  activities, all the mains): the name is the words before the list, then the noun after its last item
  (禁毒宣传活动场次, 老旧供水管网长度);
- the work and its modifier dropped from a bulk count: 清理枯死松树1.2万株 gave 松树数量 (a count of pine trees); the
  work said is the name (清理枯死松树数量).

(学前三年毛入园率 cut to 年毛入园率 was the numeral reader's: `kb.domain.quantity.read_numerals` keeps 学前三年.)
Rename only, after ranking (the ranker's training reads the same candidates).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.quantities import BULK_UNITS
from kb.suggest.ranker import Tier

_CLAUSE = re.compile(r"[，,。；;：:（）()]")
# how the figure is introduced after its words (进场所活动不少于120场次)
_FILLER_END = re.compile(r"(?:不少于|不低于|不超过|超过|达到|约|共|计|合计|累计|达)+$")
# where the words before a list stop naming its object: a verb of the work, 的, a figure
_HEAD_CUT = re.compile(r"^.*(?:开展|组织|举办|实施|完成|计划|改造|建设|新建|推进|的|\d+[\u4e00-\u9fff]?)")
_MAX_NAME = 14


def _list_name(d: Draft, text: str) -> str:
    """The name of `d`'s figure when its words close a 、-list (`d.name` begins inside the last item): the words
    before the list + the noun after the last item + the measure of `d.name`; '' when the words are no such list."""
    m = d.mention
    clause = _CLAUSE.split(text[max(0, m.start - 80):m.start])[-1]
    pieces = clause.split("、")
    if len(pieces) < 2 or any(re.search(r"\d", p) for p in pieces[1:]):
        return ""
    last = _FILLER_END.sub("", pieces[-1])
    middle = [p for p in pieces[1:-1] if p]
    if middle:
        item = min(len(p) for p in middle)
    else:
        from kb.suggest.objects import pos_cut

        toks = pos_cut(last)
        item = len(toks[0][0]) if len(toks) > 1 else 0
    noun = last[item:]
    if not item or len(noun) < 2 or len(pieces[0]) <= item:
        return ""
    # the name's words as the figure's words write them (场所活动 of 场所活动场次), then its measure (场次)
    said = next((last[i:] for i in range(len(last) - 1) if d.name.startswith(last[i:])), "")
    if len(said) <= len(noun):
        return ""   # the name already begins with the noun after the items
    measure = d.name[len(said):]
    head = _HEAD_CUT.sub("", pieces[0][:-item])
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", head) or not measure:
        return ""
    name = head + noun + measure
    return name if len(name) <= _MAX_NAME else ""


def _bulk_work_name(d: Draft) -> str:
    """清理枯死松树数量 for 松树数量 of 清理枯死松树1.2万株: a bulk count (株, 吨 …) named by its bare thing when its
    words open on a verb of work; '' otherwise."""
    from kb.suggest.objects import pos_cut

    m = d.mention
    words = m.context
    if m.unit.removeprefix("万") not in BULK_UNITS and m.unit not in BULK_UNITS or not d.name.endswith("数量"):
        return ""
    thing = d.name[:-2]
    if not words.endswith(thing) or len(words) - len(thing) < 3:
        return ""
    toks = pos_cut(words)
    if not toks or toks[0][1] != "v" or len(toks[0][0]) != 2:
        return ""
    name = words + "数量"
    return name if len(name) <= _MAX_NAME else ""


def name_whole_list(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each formed count of `pool` whose name is cut from one item of a 、-list, or drops the work of a bulk
    count (module docstring); set aside when a row of that name already holds the figure. Mutates `pool`'s drafts."""
    taken = {d.name for d in pool if d.tier != Tier.ALTERNATE}
    for d in pool:
        if d.source != "formed" or d.mention is None or d.level2 != "quantity":
            continue
        name = _list_name(d, ctx.text) or _bulk_work_name(d)
        same = [o for o in pool if o is not d and o.name == name and o.tier != Tier.ALTERNATE]
        if name and any(o.mention is not None and o.mention.start == d.mention.start for o in same):
            set_aside(d, f"描述的数字已由“{name}”一行承载（{d.name}只是列举的一项）")
        elif name and name not in taken:
            d.evidence.append(f"名称按描述的整句用词：{d.name} → {name}")
            d.name = name
            taken.add(name)
