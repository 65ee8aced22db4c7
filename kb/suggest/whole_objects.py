"""A formed row's object read whole from the text, after ranking (trial 14: names cut off by the word cutter).

jieba cuts some nouns as verbs, and a formed name built on the words it kept loses the rest: 彩色多普勒超声诊断仪4台
gave 诊断仪数量 (超声 tagged a verb), 其中脱贫劳动力不少于800人次 gave 劳动力人次 (脱贫 a verb), 39户特色种养业奖补政策
gave 特色种养业奖户数 (奖|补 cut inside the word 奖补). The object of a bound formed count row is extended:
- backwards, when the object is one word (诊断仪, 劳动力; a phrase such as 扶贫户临时救助 was read whole), over the
  words right before it in its clause (to a 、，。；： or a digit) while each is a noun of two characters or more, a word naming a group or programme (`words.PROGRAMME_WORDS`: 脱贫), or a word jieba calls a
  verb between two such nouns, never a verb of doing (多普勒 超声 诊断仪, not 计划 采购 诊断仪);
- forwards, by one character when it ends in a one-character word and the text goes on with another one-character
  word (奖|补 → 奖补).
Pure over drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.objects import pos_cut
from kb.suggest.ranker import Tier
from kb.domain.words import BUILD_WORDS
from kb.suggest.words import PROGRAMME_WORDS, WORK_VERBS

_STOP = re.compile(r"[、，,。；;：:（）()“”\"'\d]")
_MAX_ADDED = 8
# verbs of doing (采购诊断仪, 带来游客, 发放补助金): the work, never a word of the thing's name
_DOING = re.compile("|".join(sorted(WORK_VERBS, key=len, reverse=True)) + "|" + BUILD_WORDS.pattern
                    + "|采购|购买|带来|提供|计划|落实|用于")


# the tags of a noun that may name a thing with the object (not nz: jieba's 力争; not eng: 315KVA)
_NOUN_TAGS = ("n", "nr", "nrt", "ns", "nt", "b")


def _is_noun(w: str, tag: str) -> bool:
    return tag in _NOUN_TAGS and len(w) >= 2


def _before(run: str, obj: str) -> str:
    """The words of `run` (the clause right before `obj`) that name the object with it, '' when none."""
    toks = pos_cut(run + obj)
    # the object's own tokens come last; walk back over the run's
    n_obj, acc = 0, ""
    while acc != obj and n_obj < len(toks):
        n_obj += 1
        acc = "".join(w for w, _ in toks[len(toks) - n_obj:])
        if len(acc) > len(obj):
            return ""   # the cut crosses the object's start: leave it
    head = toks[:len(toks) - n_obj]
    taken: list[str] = []
    for i in range(len(head) - 1, -1, -1):
        w, tag = head[i]
        nxt = toks[i + 1]
        # (the object's own first word counts as a noun whatever jieba tags it: 网络|交换|设备, 设备 a vn — trial 17)
        between = (tag.startswith("v") and len(w) >= 2 and i > 0 and _is_noun(*head[i - 1])
                   and (nxt[1] in _NOUN_TAGS or i + 1 == len(head)) and not _DOING.search(w))
        if _is_noun(w, tag) or w in PROGRAMME_WORDS or between:
            taken.insert(0, w)
        else:
            break
    out = "".join(taken)
    return out if len(out) <= _MAX_ADDED else ""


def _adjective_before(run: str) -> str:
    """The end of `run` when it is a one-character adjective jieba cut off the object (短 of 短视频), with a noun joined
    to it by 和 / 及 / 与 before (摄影和短); '' otherwise."""
    toks = pos_cut(run)
    if not toks or len(toks[-1][0]) != 1 or toks[-1][1] != "a":
        return ""
    out = toks[-1][0]
    if len(toks) >= 3 and toks[-2][0] in ("和", "及", "与") and _is_noun(*toks[-3]):
        out = toks[-3][0] + toks[-2][0] + out
    return out


def name_whole_objects(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Extend the object of each shown formed row bound to the text (module docstring). In place."""
    t = ctx.text
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.source != "formed" or d.level2 != "quantity" or not d.bound or m is None \
                or not m.obj or not d.name.startswith(m.obj):
            continue
        obj = m.obj
        if t.startswith(obj, m.end):   # 39户特色种养业奖补政策: the object after the figure
            nxt = m.end + len(obj)
            toks = pos_cut(obj)
            if toks and len(toks[-1][0]) == 1 and nxt < len(t) and re.match(r"[\u4e00-\u9fff]", t[nxt]):
                after = pos_cut(t[nxt:nxt + 6])
                if after and after[0][0] == t[nxt] and after[0][1].startswith("v"):
                    d.name = obj + t[nxt] + d.name[len(obj):]
            continue
        at = t.rfind(obj, max(0, m.start - len(obj) - 8), m.start + 1)
        if at < 0:
            continue
        s = at
        while s > 0 and not _STOP.match(t[s - 1]) and at - s < 16:
            s -= 1
        run = t[s:at]
        if not run:
            continue
        if len(pos_cut(obj)) > 1:
            # an object read as a phrase already (扶贫户临时救助) was not cut off — but for a one-character adjective
            # jieba cut off its noun, and the noun joined to it (摄影和短|视频征集大赛 → 摄影和短视频征集大赛: trial 17)
            added = _adjective_before(run)
            if added and added + obj not in d.name and d.name.startswith(obj):
                d.name = added + d.name
            continue
        added = _before(run, obj)
        if added and run.endswith(added):
            added = _adjective_before(run[:len(run) - len(added)]) + added   # 摄影和短|视频征集|大赛 (trial 17)
        if added and added + obj not in d.name:
            d.name = added + d.name
