"""After ranking: a share the text states of an act (不合格产品100%依法处置) is the rate of that act, no other rate.

Trial 18: “发现的不合格产品100%依法处置” bound its 100 % to 农产品质量安全检测合格率, 产品抽检合格率 and 不合格产品处置率 alike;
the table showed 检测合格率 = 100 % beside the text's own 抽检合格率 ≥ 98 % (a contradiction a 财政局 reviewer struck). A
% figure followed by the act it measures (依法处置, 完成整改, 向社会公开 — `_ACT_AFTER`) is that act's rate: a shown row
bound to it whose name does not say the act is set aside, so the row that does (不合格产品处置率) carries it. Sets aside
only; run after ranking, so the ranker's training is untouched. Pure over drafts, in place.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# the act right after a share (100%依法处置, 100%得到整改, 100%完成销号): adverbs and light verbs first, then the act
_ACT_AFTER = re.compile(r"^(?:得到|予以|依法|依规|依法依规|全部|及时|按时|按规定|完成|实现)*"
                        r"(处置|整改|销号|公开|查处|办结|处理|销毁|回访|上报|录入|兑现|退还|回收|清运|消纳|核查|复核|移交)")


def stated_act(text: str, end: int) -> str:
    """The act a % figure ending at `end` of the normalised `text` measures (100%依法处置 → 处置), else ''."""
    m = _ACT_AFTER.match(text[end:end + 12])
    return m.group(1) if m else ""


def rate_of_stated_act(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown row holding a % figure of an act (module docstring) whose name does not say that act,
    when a row that does say it holds the same figure. In place."""
    text = ctx.text
    by_figure: dict[int, list[Draft]] = {}
    for d in pool:
        m = d.mention
        if d.tier == Tier.ALTERNATE or d.value_source != "text" or m is None or m.unit != "%":
            continue
        by_figure.setdefault(m.start, []).append(d)
    for rows in by_figure.values():
        m = rows[0].mention
        act = stated_act(text, m.end)
        if not act or not any(act in d.name for d in rows):
            continue
        for d in rows:
            if act not in d.name:
                set_aside(d, f"描述中的“{m.value}%”是{act}的比率，不是“{d.name}”的目标，仅作备选")
