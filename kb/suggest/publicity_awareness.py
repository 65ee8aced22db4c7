"""What a text's publicity work reaches: 〔topic〕宣传知晓率 offered as the first 社会效益 alternate (after ranking).

Money that pays for 宣传 of a topic (参保网络宣传, 法制宣传, 两品一械科普宣传) is judged by how many of those it
addresses know of it, and real tables of such work state 〔topic〕宣传群众知晓率 / 政策知晓率 (`indicators/basic/
publicity.csv` holds 〔宣传主题〕宣传知晓率 and 群众知晓率 for the family). The publicity type forms it from its template;
a project of another type whose text names a publicity (E019: 城乡居民医保参保工作经费及参保网络宣传, detected as a
medical insurance subsidy) got none. Where the text names 〔topic〕宣传 and no row of the table, default or alternate,
is an awareness rate, 〔topic〕宣传知晓率 ≥ 90 % (the library row 群众知晓率's unit, direction and typical value) is
offered first among the 社会效益 alternates (`common_names.offered_first`); a default row of no named content
(群众知晓率) is named for the topic instead (参保网络宣传群众知晓率), its target kept.
"""
from __future__ import annotations

import re

from kb.domain.text import normalize_name
from kb.suggest.common_names import FAMILY_WORDING
from kb.suggest.draft import Draft, from_library_row
from kb.suggest.table import Table

# the library row whose fields the offered rate takes
AWARENESS_ROW = "群众知晓率"
AWARENESS = "知晓率"
# an awareness rate of no named content: named for the text's topic when it is the table's
GENERIC_AWARENESS = frozenset({"群众知晓率", "知晓率", "宣传知晓率"})
SOCIAL = "social_benefit"
# where the topic before 宣传 starts: a stop, a conjunction or the verb of the work (开展法制宣传 → 法制)
_TOPIC_START = re.compile(r"[，,。;；：:、（）()\s《》“”\"'\d]|及|和|与|并|开展|加强|做好|组织|通过|进行|围绕|用于|负责|承担|"
                          r"落实|实施|推进|深入|广泛|大力|全面|积极|持续|制作|印制|发放|张贴|悬挂|购买|采购|"
                          r"的")
# 宣传 as a kind of material or of staff (宣传片, 宣传册, 宣传栏, 宣传员): no publicity of a topic
_MATERIAL = re.compile(r"片|册|品|栏|单|画|材料|资料|折页|横幅|海报|标语|车|费|员|部|科|处|股")
# a topic that names no content (宣传 of work, of the year): no row
_NO_TOPIC = re.compile(r"^(工作|活动|项目|年度|全年|日常|相关|各类|各项|集中|专项|宣传)+$")
TOPIC_REACH = 10


def publicity_topics(text: str) -> list[str]:
    """The topics `text` names publicity of, in order, each once (加强两品一械科普宣传力度 → 两品一械科普;
    开展法制宣传活动 → 法制; 参保工作经费及参保网络宣传 → 参保网络)."""
    out: list[str] = []
    for m in re.finditer("宣传", text or ""):
        if _MATERIAL.match(text, m.end()):
            continue
        before = text[max(0, m.start() - TOPIC_REACH):m.start()]
        topic = _TOPIC_START.split(before)[-1]
        if len(topic) >= 2 and not _NO_TOPIC.match(topic) and topic not in out:
            out.append(topic)
    return out


def offer_publicity_awareness(table: Table, text: str, idx) -> Table:
    """`table` with 〔first topic〕宣传知晓率 as the first 社会效益 alternate when `text` (project name and description)
    names publicity of a topic (`publicity_topics`) and no row of the table, default or alternate, ends on 知晓率; a
    default awareness rate of no named content (`GENERIC_AWARENESS`) is named for the first topic instead, when no
    row names the awareness of a content.
    `idx`: the indicator index (the library row `AWARENESS_ROW` gives unit, direction and typical value; nothing is
    offered without it). Mutates and returns `table`."""
    topics = publicity_topics(text)
    if not topics:
        return table
    shown = table.rows + [a for v in table.alternates.values() for a in v]
    named = [d for d in shown if d.key.endswith(AWARENESS) and d.key not in GENERIC_AWARENESS]
    generic = [d for d in table.rows if d.key in GENERIC_AWARENESS]
    if named:
        return table
    if generic:   # the table's own 群众知晓率: named for what the text publicises, target kept
        d = generic[0]
        d.evidence = [f"{FAMILY_WORDING}：描述写明“{topics[0]}宣传”，“{d.name}”按宣传内容命名"] + d.evidence
        d.name, d.template, d.obj = f"{topics[0]}宣传{d.name}" if d.key != "宣传知晓率" else f"{topics[0]}{d.name}", None, ""
        return table
    if any(d.key.endswith(AWARENESS) for d in shown):
        return table
    rows = idx.by_name.get(normalize_name(AWARENESS_ROW)) or []
    if not rows:
        return table
    d: Draft = from_library_row(idx.rows[rows[0]], "formed", name=f"{topics[0]}宣传{AWARENESS}")
    d.operator, d.value, d.value_unit = d.typical[0] or "≥", d.typical[1] or "90", d.typical[2] or d.unit
    d.value_source = "typical"
    d.explanation = f"{topics[0]}宣传的目标人群中知晓宣传内容的比例"
    d.evidence = [f"{FAMILY_WORDING}：描述写明“{topics[0]}宣传”，宣传工作以目标人群的知晓率计效益"]
    table.alternates.setdefault(SOCIAL, []).insert(0, d)
    return table
