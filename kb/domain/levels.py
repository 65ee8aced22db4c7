"""The one parser of 一级指标 / 二级指标 labels as people write them.

Library files, declarations and the checker all read levels here.
`parse_level1` maps local variants (产出目标, 项目产出, 预期产出指标,
项目完成指标 …) to `Level1`; 效果指标 / 投入指标 / 制度指标 / blank are not in
the framework (None; ../shared/data/rules/RULES.md §2.1). `parse_level2`
strips brackets and the words 指标/目标 (RULES.md §3.6) and maps the rest by
key words; a bare 成本 is `output_cost` under 产出 and `economic_cost` under
成本 (财预〔2015〕88号 and 财预〔2021〕101号 frameworks). With `strict=True`
(the checker's STR-02) 预算(或投资规模)控制指标 is no framework category
(RULES.md §7, the 东莞 2019 table); the library accepts it as a cost.
Not for enums (`kb.domain.enums`).
"""
from __future__ import annotations

import re

from kb.domain.enums import LEVEL2_PARENT, Level1, Level2
from kb.domain.text import normalize

_L2_STRIP_RE = re.compile(r"[(（][^()（）]*[)）]|指标|目标")
_GOAL_L1_RE = re.compile(r"目标$")
_L2_BY_VALUE = {m.value: m for m in Level2}
# key words in the order they are tried (the cost and benefit kinds before 数量/质量/时效)
_L2_KEYS = (
    ("经济成本", Level2.economic_cost), ("社会成本", Level2.social_cost),
    ("生态环境成本", Level2.ecological_cost), ("生态成本", Level2.ecological_cost),
    ("环境成本", Level2.ecological_cost), ("经济效益", Level2.economic_benefit),
    ("社会效益", Level2.social_benefit), ("生态效益", Level2.ecological_benefit),
    ("可持续", Level2.sustainable_impact), ("满意", Level2.beneficiary_satisfaction),
    ("数量", Level2.quantity), ("质量", Level2.quality), ("时效", Level2.timeliness),
    ("工期", Level2.timeliness), ("进度", Level2.timeliness), ("成本", Level2.output_cost),
)
_COST_KINDS = (Level2.economic_cost, Level2.social_cost, Level2.ecological_cost)


def parse_level1(text: str | None, *, normalized: bool = False) -> Level1 | None:
    """Map a 一级指标 label (any usual local variant) to `Level1`, else None.

    产出 / 项目完成指标 → output; 效益 → benefit; 满意 → satisfaction; 成本 →
    cost; the identifiers themselves too. `normalized=True` skips
    `kb.domain.text.normalize` (the checker passes text it already compacted).
    """
    t = (text or "") if normalized else normalize(text or "")
    if not t:
        return None
    if "满意" in t:
        return Level1.satisfaction
    if "产出" in t or t == "项目完成指标":
        return Level1.output
    if "效益" in t:
        return Level1.benefit
    if "成本" in t:
        return Level1.cost
    for m in Level1:
        if t == m.value:
            return m
    return None


def level2_key(text: str) -> str:
    """A 二级指标 label without brackets and the words 指标/目标 (RULES.md §3.6)."""
    return _L2_STRIP_RE.sub("", text)


def parse_level2(text: str | None, level1: Level1 | None = None, *, strict: bool = False,
                 normalized: bool = False) -> Level2 | None:
    """Map a 二级指标 label to `Level2` under `level1`, else None.

    A bare 成本 is output_cost under 产出 and economic_cost under 成本; a cost
    kind (经济成本 …) under 产出 is output_cost. Parenthesised variants
    (数量指标(或建筑规模指标)) are accepted; 工期 / 进度 count as 时效.
    Lenient (default): 预算…控制 is a cost. `strict=True`: it is None (STR-02).
    `normalized=True`: `text` is already normalised (no `normalize` call).
    """
    t = (text or "") if normalized else normalize(text or "")
    return level2_of_key(level2_key(t), level1, strict=strict)


def level2_of_key(key: str, level1: Level1 | None, *, strict: bool = True) -> Level2 | None:
    """`parse_level2` of a key already made by `level2_key` (the checker memoises keys)."""
    if not key:
        return None
    m = _L2_BY_VALUE.get(key)
    if m is not None:
        return m
    for k, v in _L2_KEYS:
        if k in key:
            if v is Level2.output_cost and level1 is Level1.cost:
                return Level2.economic_cost
            if v in _COST_KINDS and level1 is Level1.output:
                return Level2.output_cost
            return v
    if not strict and "预算" in key and "控制" in key:
        return Level2.economic_cost if level1 is Level1.cost else Level2.output_cost
    return None


def level2_fits(level2: Level2 | None, level1: Level1 | None) -> bool:
    """True when `level2` is a framework category of `level1` (88号 + 101号)."""
    if level2 is None or level1 is None:
        return False
    if level1 is Level1.output:
        return level2 in (Level2.quantity, Level2.quality, Level2.timeliness, Level2.output_cost)
    return LEVEL2_PARENT[level2] is level1


def is_goal_label(level1_text: str, level2_text: str) -> bool:
    """True for the 一级 label of a goal-text row (总体目标, 年度目标, …目标) with no 二级 label.

    Both texts already normalised; `项目年度绩效目标 | 制度指标` is an indicator
    row with a wrong 一级指标, not a goal row (the catalog's 宁晋 case).
    """
    return not level2_text and parse_level1(level1_text, normalized=True) is None \
        and bool(_GOAL_L1_RE.search(level1_text))


_L1_RANK = {m: i for i, m in enumerate(Level1)}   # 产出, 成本, 效益, 满意度 (101号 order)
_L2_RANK = {m: i for i, m in enumerate(Level2)}


def framework_keys(rows: list) -> list[tuple[int, int] | None]:
    """Each row's place in the framework's order, (一级 rank, 二级 rank), for anything with
    `level1` / `level2` text: 产出 (数量, 质量, 时效, 成本), 成本, 效益 (经济, 社会, 生态, 可持续),
    满意度 (`Level1` / `Level2` order, 财预〔2021〕101号). A row whose 一级 does not parse (a blank
    cell under a merged block) takes the place of the row before it; one whose 二级 does not parse
    sorts after its 一级's known blocks; None before any row that parses (goal rows at the top)."""
    out: list[tuple[int, int] | None] = []
    last: tuple[int, int] | None = None
    for r in rows:
        l1 = parse_level1(r.level1)
        if l1 is None:
            out.append(last)
            continue
        l2 = parse_level2(r.level2, l1)
        last = (_L1_RANK[l1], _L2_RANK[l2] if l2 is not None else len(_L2_RANK))
        out.append(last)
    return out


def framework_position(rows: list, row) -> int:
    """Where `row` goes among `rows` to sit in its framework block: after the last row whose place
    (`framework_keys`) is not after its own; at the end when its levels do not parse. A declarant's
    own order is kept: only the new row is placed."""
    key = framework_keys([row])[0]
    if key is None:
        return len(rows)
    pos = 0
    for i, k in enumerate(framework_keys(rows)):
        if k is None or k <= key:
            pos = i + 1
    return pos
