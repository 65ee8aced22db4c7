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
        elif m.obj and d.name == m.obj + "数量" and (named := _listed_object(t, m)):
            # 计划承保水稻、小麦、玉米三大粮食作物45万亩、能繁母猪2.5万头 → 承保能繁母猪数量 (round 22), not 母猪数量
            _rename(d, named + "数量", t[max(0, m.start - len(named) - 12):m.end])


# an insurer's verb of what it covers, beside the works' (承保 is no work of `WORK_VERBS`)
_INSURE = ("承保", "参保", "投保")


def _listed_object(text: str, m) -> str:
    """verb + qualified object of a figure in a list its clause's verb governs (计划承保…45万亩、能繁母猪2.5万头 →
    承保能繁母猪), when the figure's words qualify its bare object (能繁母猪 for 母猪) and the clause opens on a verb
    (after 计划 / 全年 …); else ''."""
    from kb.suggest.words import WORK_VERBS

    words = m.context or ""
    if not (words.endswith(m.obj) and len(words) > len(m.obj) and _HAN.match(words)):
        return ""
    if text[max(0, m.start - len(words) - 1):m.start - len(words)] not in ("、", "和", "及"):
        return ""   # only an item of a list: a lone figure's words were the verb's already
    clause = re.split(r"[，,。；;：:]", text[:m.start])[-1]
    head = _TIME_WORDS.sub("", clause)
    verb = next((v for v in sorted((*WORK_VERBS, *_INSURE), key=len, reverse=True) if head.startswith(v)), "")
    return verb + words if verb else ""


# a rate of a work's progress or acceptance (改造完成率, 维修验收合格率): the measure after the work's verb
_WORK_RATE = re.compile(r"(完成率|完工率|验收合格率|合格率)$")
# a light verb a template's filler ends on before the work's own verb (老旧小区实施 + 改造完成率)
_LIGHT_VERB = re.compile(r"(?:实施|进行|开展)(?=[\u4e00-\u9fff]{2}(?:完成率|完工率|验收合格率|合格率)$)")


def name_bare_work_rates(pool: list[Draft], ctx: ProjectContext) -> None:
    """A library template's rate left with a bare verb (〔改造对象〕改造完成率 → 改造完成率: the text gave no filler) is
    named for the project's object when that object is the verb's (老旧小区改造 → 老旧小区改造完成率), else set aside —
    a rate of 改造 says not what is done (the lead's closing note, 2026-12-07); a filler ending on a light verb loses
    it (老旧小区实施改造完成率 → 老旧小区改造完成率). Shown rows only; renames carry the reason in the evidence; run
    after ranking, so the ranker's training reads the same candidates. Mutates `pool`; no error."""
    from kb.suggest import naming as N
    from kb.suggest.dedupe import set_aside
    from kb.suggest.words import WORK_VERBS

    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.template or d.value_source == "text":
            continue
        if _LIGHT_VERB.search(d.name):
            d.evidence.append(f"“{d.name}”中的“实施/进行/开展”不是指标名称的一部分")
            d.name = _LIGHT_VERB.sub("", d.name)
            continue
        m = _WORK_RATE.search(d.name)
        verb = d.name[:m.start()] if m else ""
        if verb not in WORK_VERBS:
            continue
        obj = N.whole_object(ctx.core or "")
        if obj.endswith(verb) and len(obj) > len(verb):
            _rename(d, obj + m.group(1), ctx.core)
        else:
            set_aside(d, f"名称“{d.name}”只有动词，没有写明对象，仅作备选")
