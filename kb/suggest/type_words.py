"""After ranking: a type's row whose name rests on the type's own word the text never uses is set aside (trial 19).

A type lends its whole set once detected, but one type spans several programmes: 会展与商贸促进 covers exhibitions and
服务贸易 alike, so E021 (2020年市级服务贸易发展资金, a text that never mentions an exhibition) drew seven exhibition
rows — 举办展会数量, 组织企业参展数量, 展位补贴标准, 参展企业满意度 … — that a reviewer struck as another programme's.
Where the text holds none of the type's keywords nor objects (`ProjectType.keywords`, `.objects`) outside the names of bodies (区商务局,
`typemodel.strip_names`) nor the most of its name — the type was read from a phrase or from words the model shares with it, not from its own
work — a row named on one of those keywords (展会, 参展, 展位, 会展) needs that work in the text: where not one
character pair of any keyword its name holds appears in the text, the row is set aside with the reason and the table
falls back on the retrieved and formed rows. A type whose keyword the text uses lends its set as before (a 通组道路's
农村公路 rows, a terse 基本公共卫生服务's 高血压患者规范管理率); a row whose name holds no keyword, or bound to a figure
of the text, is untouched. Pure over drafts, in place; adds no candidate, so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.typemodel import strip_names

# a body's name (区商务局, 县财政局, 市发改委): its words name the body, not the project's work
_BODY = re.compile(r"[\u4e00-\u9fff]{1,4}(?:局|厅|委)")


# the timeliness of paying a fund: a measure of any fund, renamed for the project's own (服务贸易发展资金拨付及时率)
_PAYMENT_TAIL = re.compile(r"资金(?:拨付|兑付|发放)及时率$")


def _keyword_stated(t, text: str) -> bool:
    """Whether `text` names type `t`'s work: one of its keywords or of the people and things it serves
    (`ProjectType.objects`: 就餐老人 of a 长者饭堂 text read as 老年助餐) outside the names of bodies, or the most of its
    name (城乡居民基本养老保险补助资金 for 城乡居民养老保险补助: half of the name's character pairs or more)."""
    bare = _BODY.sub("", strip_names(text))
    named = _pairs(t.name)
    return any(k in bare for k in (*t.keywords, *t.objects)) or len(named & _pairs(bare)) * 2 >= len(named)


def _pairs(word: str) -> set[str]:
    return {word[i:i + 2] for i in range(len(word) - 1)}


def set_aside_rows_of_unstated_type_words(drafts: list[Draft], ctx: ProjectContext, detected: list[tuple]) -> None:
    """`detected`: [(ProjectType, confidence)] best first. Set aside each type row (source 'type') not bound to the
    text whose name holds keywords of the types it came from that the text names by no keyword (`_keyword_stated`),
    none of which shares a character pair with the text. In place."""
    types = {t.id: t for t, _ in detected if not _keyword_stated(t, ctx.text)}
    for d in drafts:
        if d.source != "type" or d.tier == Tier.ALTERNATE or d.value_source == "text":
            continue
        own = [(types[i].name, k) for i in d.type_ids if i in types for k in types[i].keywords if k in d.name]
        if own and not any(_pairs(k) & ctx.text_bigrams for _, k in own):
            words = "、".join(dict.fromkeys(k for _, k in own))
            group = d.name
            for _, k in own:
                group = group.replace(k, "")
            if d.slot == "satisfaction" and group.endswith("满意度") and len(group) >= 5:
                # 参展企业满意度: the enterprises are the fund's still, not as exhibitors (企业满意度)
                d.name, d.explanation = group, ""
                d.evidence.append(f"名称中的“{words}”是项目类型“{own[0][0]}”的用词，描述中没有这项工作，只问其对象")
                continue
            tail = _PAYMENT_TAIL.search(d.name)
            if tail and ctx.core:
                # 会展奖励资金拨付及时率: the payment's timeliness is any fund's; the fund is the project's own
                d.name, d.explanation = ctx.core.removesuffix("资金") + tail.group(), ""
                d.evidence.append(f"名称中的“{words}”是项目类型“{own[0][0]}”的用词，描述中没有这项工作，按本项目资金命名")
                continue
            set_aside(d, f"名称中的“{words}”是项目类型“{own[0][0]}”的用词，描述中没有这项工作，仅作备选")
