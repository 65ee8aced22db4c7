"""After ranking: no row of another sector's works when the text writes nothing of them (trial 15).

A reviewer of trial 15 struck rows a second or generic project type brings in from another sector: 污水处理厂出水达标率
and 生活垃圾减量率 in a project that collects and treats rural garbage (the type read was 污水垃圾处理; the project
collects more garbage, it reduces none), 新增和改善排水达标面积 in a drinking-water project (D019: farmland drainage),
健身器材完好率 for a sports event that buys no equipment. Each such row names the works of one sector (`_SECTORS`:
sewage, drainage and irrigation, fitness equipment, reduction at source); when the project's name and text write none of that
sector's words and the row holds no figure of the text it is set aside (an alternate, the reason in its evidence).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

WHY = "描述未涉及“{what}”，该指标属于其他行业的项目，仅作备选"

# (the row's words of one sector's works, the words of a text doing such works)
_SECTORS = (
    (re.compile(r"污水|水环境"), re.compile(r"污水|废水|管网|排污|黑臭|水环境|水体|河|湖|库")),
    (re.compile(r"排水|灌溉"), re.compile(r"排水|排涝|排灌|灌溉|农田|沟渠|渠道|管网|雨水")),
    (re.compile(r"健身器材|体育器材"), re.compile(r"器材|健身设施|体育设施|路径|购置|采购")),
    (re.compile(r"减量"), re.compile(r"减量|减少|源头")),
)


def set_aside_other_sector(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside (tier ALTERNATE) each row of `pool` (ranked drafts of one project) naming a sector's works the
    project's name and text (`ctx.name` + `ctx.description`) write nothing of (`_SECTORS`), unless it holds the
    text's figure. A row already set aside gets the reason too: a type's own entry set aside for lacking its object
    in the text is no spare entry to fill a short table with then (`fill._spare_entries` reads the last reason:
    D019's 新增和改善排水达标面积 came back that way). Mutates `pool`; no error."""
    from kb.suggest.dedupe import set_aside

    text = (ctx.name or "") + (ctx.description or "")
    for d in pool:
        if not d.name or d.value_source == "text":
            continue
        for row_words, text_words in _SECTORS:
            m = row_words.search(d.name)
            if m and not text_words.search(text):
                set_aside(d, WHY.format(what=m.group(0)))
                break
