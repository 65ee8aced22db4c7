"""Activities the text says the project holds without counting them: a blank count of their sessions.

开展法制宣传活动, 开展“社区一家亲”系列活动, 举办阅读推广活动 name what the project does, and real tables count it
(D041 开展普法宣传活动场次, E045 开展社区一家亲活动场次); the text gives no figure, so the row is 〔activity〕活动场次
in 场, its target left to the declarant (待填写, `kb.suggest.values`). An activity a figure of the text already counts
(开展义诊宣传活动12场: `objects.mentions` names it) gives no second row, nor a phrase that is no clean noun phrase
(组织开展组织活动, 春季灭鼠和夏季灭蚊). Pure over the project context. Not for counted activities (`kb.suggest.naming`).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

# 开展 / 举办 / 组织 + (各类 / 系列 …) + the activity + (系列) 活动; quotes around a title are dropped
_HELD = re.compile(r"(?:开展|举办|组织)(?:各类|系列|多种形式的|形式多样的)?[“'‘\"]?"
                   r"(?P<what>[\u4e00-\u9fff]{2,10}?)[”'’\"]?(?:系列)?活动")
# a figure right after the activity counts it (开展义诊宣传活动12场, 举办…活动共12场次)
_COUNTED_AFTER = re.compile(r"[^。；;，,]{0,6}?\d")
_HOLD_LEAD = re.compile(r"^(?:开展|举办|组织|进行)+")
SESSIONS = "场次"
UNIT = "场"


def activity_drafts(ctx: ProjectContext) -> list[Draft]:
    """One blank 数量 draft per activity the text holds and does not count: 〔activity〕活动场次 (场), a formed row
    whose evidence quotes the text; [] when the text holds none. Names are clean noun phrases
    (`naming.is_clean`) of at most `naming.MAX_NAME` characters, one per name."""
    from kb.suggest import naming as N

    out: dict[str, Draft] = {}
    for m in _HELD.finditer(ctx.text):
        what = _HOLD_LEAD.sub("", N.SCOPE_LEAD.sub("", m.group("what")))   # 组织开展组织活动 → 组织
        if _COUNTED_AFTER.match(ctx.text, m.end()) or _counted_later(ctx, m.end()) or not _activity_words(what):
            continue
        name = what + "活动" + SESSIONS
        if len(name) > N.MAX_NAME or name in out:
            continue
        out[name] = Draft(name=name, level2="quantity", source="formed", unit=UNIT, direction="positive",
                          evidence=[f"描述中的活动: {m.group()}", "按描述用词生成"])
    return list(out.values())


def _counted_later(ctx: ProjectContext, at: int) -> bool:
    """True when a count of sessions (场, 场次, 次, 期 …) stands later in the sentence (开展法制宣传活动，全年共12场):
    the figure's own row counts the activity."""
    from kb.suggest.words import EVENT_UNITS

    end = _SENTENCE_END.search(ctx.text, at)
    stop = end.start() if end else len(ctx.text)
    return any(at <= q.start < stop and q.unit.lstrip("万") in EVENT_UNITS for q in ctx.mentions)


_SENTENCE_END = re.compile(r"[。；;]")


def _activity_words(what: str) -> bool:
    """True when `what` names one activity as a noun phrase may (法制宣传, 社区一家亲, 全民健身赛事): two or more
    Chinese characters, no function word, number, localizer or conjunction (非遗展演和进校园 is two activities), no
    word of the form (年度, 预算), no time or place phrase, and it opens on a noun, not on a verb (安排党组织) or a time (春季统一灭鼠)."""
    from kb.suggest import naming as N
    from kb.suggest.objects import pos_cut
    from kb.suggest.words import FUNCTION_WORDS

    if len(what) < 2 or re.search(r"[和及与、或]", what) or N.FORM_NAME.search(what) or N.adverbial(what):
        return False
    if N.bad_start(what) or N.BAD_INSIDE.search(what):
        return False
    toks = pos_cut(what)
    return bool(toks) and not toks[0][1].startswith(("v", "t")) and not any(w in FUNCTION_WORDS for w, _ in toks)
