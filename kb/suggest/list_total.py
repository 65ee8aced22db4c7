"""After ranking: a total stated over a list names the list's whole, not its last item (trial 24).

"对城区12个公园游园、36条道路两侧绿化带共计128万平方米绿地实施专业化养护" gave 道路两侧绿化带面积 ≥ 128 万平方米: 128 is
the parks' and the road belts' area together, which the text calls 绿地. A shown row bound to a figure that closes a
、-list with 共计 / 合计 / 总计 / 共 is named for what the text says the total is (the noun after the figure) and the work
done on it (绿地养护面积). Names only, after ranking: the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

_TOTAL = re.compile(r"(?:共计|合计|总计|共)$")
_WORK = re.compile(r"养护|管护|保洁|维修|改造|建设|治理")
_MEASURE = re.compile(r"(面积|长度|数量|里程)$")


def name_list_totals(pool: list[Draft], ctx: ProjectContext) -> None:
    """Each shown row bound to a total over a 、-list named for the whole (module docstring). In place."""
    for d in pool:
        if d.tier == Tier.ALTERNATE or d.mention is None or d.value_source != "text":
            continue
        measure = _MEASURE.search(d.name)
        lead = re.split(r"[，,。；;：:]", ctx.text[max(0, d.mention.start - 80):d.mention.start])[-1]
        if not measure or "、" not in lead or not _TOTAL.search(lead):
            continue
        last = _TOTAL.sub("", lead.rsplit("、", 1)[1])
        last = re.sub(r"^\d+(?:\.\d+)?[个条座处所家项]", "", last)
        if not last or not d.name.startswith(last[:2]):
            continue   # the row names no item of the list (or names the list already)
        after = re.split(r"[，,。；;]", ctx.text[d.mention.end:d.mention.end + 30])[0]
        noun = re.match(r"[\u4e00-\u9fff]{1,4}?(?=实施|进行|开展|的|$)", after)
        work = _WORK.search(after)
        if not noun:
            continue
        name = noun.group() + (work.group() if work else "") + measure.group(1)
        if name != d.name:
            d.evidence.append(f"{d.value}{d.value_unit}是列举各项的合计（{lead}{d.value}{d.value_unit}{noun.group()}），"
                              f"按合计的对象命名（原为“{d.name}”）")
            d.name = name
