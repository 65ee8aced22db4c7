"""After ranking: a count the text states named for what it counts, not by a bare word (trial 15).

A reviewer of trial 15 struck three rows named from a figure's bare words: 改善人数 ≥ 9200 人 (D019, "改善提升9200人
饮水条件": it does not say what improves), 部门数量 ≥ 28 个 ("全县28个部门接入的电子政务外网": which departments) and
农村生活垃圾数量 ≥ 3.4 万吨 ("全年收运处置农村生活垃圾不少于3.4万吨": the garbage there is, not the garbage handled).
A formed row bound to the text's figure is named again from the words of the figure's own clause:
- a count of people named by a verb alone (改善人数), the figure followed by what they gain up to the clause's end
  (9200人饮水条件。): that object first (饮水条件改善人数);
- a count of things followed by a verb of what they do to the project's object (28个部门接入的…): that verb first
  (接入部门数量);
- an amount in weight named 数量 (农村生活垃圾数量 万吨), the object written after a verb of its clause (收运处置农村生活垃圾):
  the object, the verb, 量 (农村生活垃圾收运处置量).
Pure over drafts; only renames (the reason in the evidence); run after ranking, so the ranker's training reads the
same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "按描述原文“{said}”命名为“{name}”"

_CLAUSE_END = "，,。；;、"
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_WEIGHT = ("吨", "万吨", "千克", "公斤")
_TIME_WORDS = re.compile(r"^(?:全年|本年度?|年内|当年|计划|预计|累计|共计?|完成)+")


def _rename(d: Draft, name: str, said: str) -> None:
    d.evidence.append(WHY.format(said=said, name=name))
    d.name = name


def name_bare_counts(pool: list[Draft], ctx: ProjectContext) -> None:
    """Rename each shown formed row of `pool` (ranked drafts of one project) bound to the text's figure whose name
    says only a verb or a bare object (module docstring). Mutates `pool`; no error."""
    t = ctx.text
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.source != "formed" or d.value_source != "text" or m is None:
            continue
        after = t[m.end:]
        if d.name == f"{m.verb}人数" and not m.obj and m.verb:
            # 改善提升9200人饮水条件。 → 饮水条件改善人数
            what = re.split(f"[{_CLAUSE_END}]", after, maxsplit=1)[0]
            if 2 <= len(what) <= 6 and _HAN.match(what):
                _rename(d, what + d.name, t[m.start:m.end] + what)
        elif m.obj and d.name == m.obj + "数量" and (v := re.match(re.escape(m.obj) + r"([\u4e00-\u9fff]{2})的", after)):
            # 28个部门接入的电子政务外网 → 接入部门数量
            _rename(d, v.group(1) + d.name, t[m.start:m.end] + v.group(0))
        elif m.obj and d.name == m.obj + "数量" and (d.value_unit or d.unit or m.unit) in _WEIGHT:
            # 全年收运处置农村生活垃圾不少于3.4万吨 → 农村生活垃圾收运处置量
            at = t.rfind(m.obj, 0, m.start)
            if at < 0:
                continue
            clause = re.split(f"[{_CLAUSE_END}]", t[:at])[-1]
            verb = _TIME_WORDS.sub("", clause)
            if 2 <= len(verb) <= 6 and _HAN.match(verb):
                _rename(d, m.obj + verb + "量", clause + m.obj)
