"""Project description → draft 绩效目标表 (ranked candidates per slot, with targets).

Steps: (1) retrieve indicators for the project name + description (lexical,
and dense/hybrid when an embedder is configured); (2) group them into the
table's slots (`kb.suggest.slots`); (3) bind the quantities the description
states to matching indicators ("修缮乡村道路12公里" → a road-length indicator
≥ 12 公里) and derive a named indicator from them when the library has none;
the budget becomes a cost ceiling ≤ budget 万元; (4) fill template names with
the project's own words (`kb.suggest.templates`); (5) offer the library's
common indicators for required slots with no match; (6) apply what 结果反馈
taught (`kb.domain.learned.LearnedIndicator`): learned typical values and a boost.
When nothing relevant matches the result says `confident: false` and holds
no candidates, rather than noise. Not for search (see `kb.indicators.search`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from pydantic import BaseModel, Field

from kb.domain.learned import LearnedIndicator
from kb.retrieval.topk import top_k
from kb.indicators.search import IndicatorIndex
from kb.suggest import quantities as Q
from kb.suggest import templates as T
from kb.suggest.slots import REQUIRED_SLOTS, SLOT_OF_LEVEL2, SLOTS, interleave
from kb.domain.text import bigram_dice, normalize, normalize_name

# words too common in descriptions to count as evidence of relevance on their own
WEAK_TERMS = frozenset("""项目 工作 建设 管理 服务 提高 完成 资金 经费 年度 实施 开展 保障 提升 加强 推进 目标
绩效 指标 计划 专项 财政 预算 单位 部门 全面 有效 进一步 情况 相关 各项 支出 我们 今天 数量 质量 时效
成本 效益 满意 满意度 社会 经济 生态 可持续 影响 率 数 人数 人次 个 次 中心 机关 总体 元 万元 好 很好
今天 明天 昨天 我们 你们 他们 一个 一些 这个 那个 什么 怎么 可以 需要 进行 主要 以及 通过
保持 达标 发展 地方 促进 改善 确保 落实""".split())

# the field's common indicators offered when a required slot has no match (looked up in the library)
GENERIC_NAMES: dict[str, tuple[str, ...]] = {
    "quality": ("项目验收合格率", "验收合格率", "质量达标率", "工作任务完成率"),
    "timeliness": ("项目按期完成率", "按时完成率", "资金拨付及时率", "任务完成及时率"),
    "cost": ("项目总成本", "项目成本控制", "预算成本控制率", "成本节约率"),
    "social_benefit": ("服务对象受益率", "群众受益率", "公共服务水平"),
    "satisfaction": ("〔服务对象〕满意度", "服务对象满意度", "受益群众满意度", "群众满意度"),
}
PER_SLOT = 6
# slots whose retrieved candidates need stronger lexical evidence (see `suggest`, step 2)
EFFECT_SLOTS = frozenset({"economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact",
                          "satisfaction"})
# figures of the declaration form itself, not targets of the project ("执行率100%", "自评得分95分")
FORM_CONTEXT = re.compile(r"执行率|执行进度|支出进度|自评|得分|总分|权重|分值")
_TRAIL = re.compile(r"(?:达到|不低于|不少于|超过|以上|提高到|提高至|提升至|提升到|保持在|控制在|为|在|约|达|共|累计|完成|新增)+$")


class Candidate(BaseModel):
    """One suggested indicator with its proposed target.

    score is a display score in [0, 1] (not a raw retrieval score);
    evidence lists why it was suggested (in Chinese).
    """

    indicator_id: str | None = None
    level1: str
    level2: str
    name: str
    operator: str = ""
    value: str = ""
    unit: str = ""
    score: float = Field(0.0, ge=0.0, le=1.0)
    evidence: list[str] = []
    template: str | None = None
    opinions: list[dict] = []


class SlotCandidates(BaseModel):
    """The candidates of one (level1, level2) slot of the table, best first."""

    level1: str
    level2: str
    level1_label: str
    level2_label: str
    candidates: list[Candidate]


class SuggestResult(BaseModel):
    """`suggest --json`: confident, table (per slot), suggestions (all, best first)."""

    confident: bool
    table: list[SlotCandidates]
    suggestions: list[Candidate]
    budget_wan: float | None = None
    quantities: list[dict] = []
    mode: str = "lexical"
    message: str = ""


def _typical(row: dict) -> tuple[str, str, str]:
    return row.get("typ_operator") or "", row.get("typ_value") or "", row.get("typ_unit") or row.get("unit") or ""


def _origin_only(idx: IndicatorIndex, i: int, origin: str) -> bool:
    """True when indicator i's only recorded origin is `origin` (parsed origins cached per index)."""
    import json

    cache = idx.cache.setdefault("origins", {})
    o = cache.get(i)
    if o is None:
        o = cache[i] = tuple(json.loads(idx.rows[i].get("origin") or "[]"))
    return bool(o) and all(x == origin for x in o)


# declaration boilerplate: words every 申报表 carries, which say nothing about the project
BOILERPLATE = frozenset("""绩效 目标 绩效目标 申报 申报表 自评 自评表 评价 项目支出 支出 年度 总体 总体目标 年度目标 本级
预算 资金 万元 财政 拨款 实施 实施期 属性 项目属性 持续性 常年性 一次性 新增 滚动 单位 部门 指标 情况 表 项目
中央 省级 市级 县级 区级 下达 安排 其中 用于 主要 内容 通过 进一步 有效 提升 提高 确保 全面 工作 开展 做好
元 年 月 日 个 及 和 与 的 了 等 为 在 对 是 按 将""".split())


def query_tokens(idx: IndicatorIndex, description: str | None, project_name: str | None) -> list[str]:
    """Query tokens of a project: the project name counts twice, boilerplate words are dropped.

    A token is dropped when it is a boilerplate word or a character bigram
    lying inside one (绩效目标 → 绩效, 效目, 目标).
    """
    text = " ".join(p for p in (project_name or "", project_name or "", description or "") if p)
    boiler_bigrams = {w[i:i + 2] for w in BOILERPLATE if len(w) > 2 for i in range(len(w) - 1)}
    return [t for t in idx.tokenizer.tokens(text) if t not in BOILERPLATE and t not in boiler_bigrams]


def _distinct_words(terms: set[str]) -> int:
    """How many of `terms` are not part of a longer one (基础设施, 基础, 设施 → 1)."""
    return sum(1 for t in terms if not any(t != u and t in u for u in terms))


def _content_terms(terms: list[str]) -> set[str]:
    return {t for t in terms if len(t) >= 2 and t not in WEAK_TERMS and not t.isdigit()}


def suggest(idx: IndicatorIndex, description: str, *, project_name: str | None = None,
            budget_wan: float | None = None, department: str | None = None,
            sector: str | None = None, unit_name: str | None = None, top: int = 5,
            exclude_origin: str | None = None, learned: dict[str, LearnedIndicator] | None = None,
            ranker: Callable | None = None, mode: str = "lexical") -> SuggestResult:
    """Draft a target table for a project.

    Args:
        idx: the loaded indicator index (`KnowledgeBase.index`).
        description: what the project does (Chinese free text); project_name,
            department, sector: optional context; budget_wan: budget in 万元
            (else read from the text).
        unit_name: include that unit's own 单位指标库 (other units' are never used).
        top: candidates per slot in `table` (suggestions holds up to 4×top).
        exclude_origin: leave-one-out for evaluation: drop indicators whose
            only origin is this (e.g. `dev:D001`).
        learned: 结果反馈 statistics keyed by normalize_name(name).
        ranker: optional `(query, mask, lexical) -> (ranked [(doc, display_score)], confident|None)`
            from the hybrid retriever (`lexical`: this function's own lexical
            ranking [(doc, score > 0)], fused with the dense one); default lexical.
    Returns: SuggestResult. Raises nothing on odd text (empty → confident false).
    """
    text = " ".join(p for p in (project_name or "", description or "") if p).strip()
    if not text:
        return SuggestResult(confident=False, table=[], suggestions=[], message="描述为空")
    ntext = normalize(text)
    rows = idx.rows
    mask = idx.mask()
    lib = idx.columns["library"]
    units = idx.columns["unit_name"]
    basic = idx.cache.get("basic")
    if basic is None:
        basic = idx.cache["basic"] = lib == "basic"
    mask &= (basic | (units == unit_name)) if unit_name else basic
    if exclude_origin:
        for i in np.flatnonzero(mask).tolist():
            if _origin_only(idx, i, exclude_origin):
                mask[i] = False

    tokens = query_tokens(idx, description, project_name)
    lex = idx.lexical.scores(tokens)
    if sector:
        lex = lex * sector_boost(idx, sector)
    cand, sc = top_k(lex, 400, mask)
    confident_override = None
    mx = float(sc[0]) if sc.size else 1.0
    scored = {int(d): float(s) / mx for d, s in zip(cand, sc)}
    fused = False  # scored holds fused display scores (RRF / best) rather than BM25 / max
    if ranker is not None:
        lexical = [(int(d), float(s)) for d, s in zip(cand, sc) if s > 0]
        ranked, confident_override = ranker(text, mask, lexical)
        if ranked:  # (none pass when the fusion is not confident: the lexical ranking stays)
            scored, fused = {d: s for d, s in ranked}, True

    # --- relevance of the lexical evidence: one indicator must share ≥ 2 of the
    # description's content words (or the only one), not just one word each
    content = _content_terms(idx.tokenizer.cut_words(text))
    matched = idx.lexical.matched_terms_many(tokens, cand[:30].tolist())
    best_overlap = max((len(content & set(m)) for m in matched.values()), default=0)
    quantities = Q.find_quantities(ntext)
    if budget_wan is None:
        budget_wan = Q.budget_from_text(ntext)
    bound_any = False

    slot_lists: dict[str, list[Candidate]] = {s.key: [] for s in SLOTS}
    seen: set[str] = set()

    def add(slot_key: str, c: Candidate, front: bool = False) -> None:
        k = normalize_name(c.name)
        if not k or k in seen:
            return
        seen.add(k)
        if front:
            slot_lists[slot_key].insert(0, c)
        else:
            slot_lists[slot_key].append(c)

    def from_row(d: int, score: float, evidence: list[str]) -> Candidate:
        r = rows[d]
        op, val, unit = _typical(r)
        name, filler = T.fill(ntext, r["name"])
        ev = list(evidence)
        if filler:
            ev.append(f"模板按项目用词填充: {filler}")
        return Candidate(indicator_id=r["id"], level1=r["level1"], level2=r["level2"], name=name,
                         operator=op, value=val, unit=unit, score=min(1.0, max(0.0, score)),
                         evidence=ev, template=r["name"] if filler or "〔" in r["name"] else None)

    # --- (3) quantities bound to indicators / derived names
    for q in quantities:
        if q.is_budget or (q.unit in MONEY and budget_wan is not None
                           and abs(_wan(q) - budget_wan) < 1e-6):
            continue
        ctx = _TRAIL.sub("", q.context)
        if len(ctx) < 2 or FORM_CONTEXT.search(ctx):
            continue
        money = q.unit in MONEY
        ctoks = idx.tokenizer.tokens(ctx)
        cs = idx.lexical.scores(ctoks)
        allowed = mask & unit_family_mask(idx, q.unit)
        if money:  # an amount is a cost ceiling or an economic benefit, never a count or a per-head figure
            allowed &= money_slot_mask(idx)
        best, bsc = top_k(cs, 5, allowed)
        evidence = [f"描述中的数量: {ctx}{q.value}{q.unit}"]
        for d in best.tolist():
            r = rows[d]
            if money and PER_HEAD.search(r["name"] + (r["unit"] or "")):
                continue
            if context_overlap(ctx, r["name"]) < 0.34:
                continue
            c = from_row(d, 0.97, evidence + [f"匹配词: {'、'.join(idx.lexical.matched_terms(ctoks, d)[:5])}"])
            slot = SLOT_OF_LEVEL2.get(c.level2)
            c.operator = "≤" if money and slot is not None and slot.key == "cost" else "≥"
            c.value, c.unit = q.value, q.unit
            add(slot.key if slot else "quantity", c, front=True)
            bound_any = True
            break
        if q.unit == "%":
            if re.search(r"[率度]$", ctx):
                slot = "satisfaction" if "满意" in ctx else "quality"
                l1, l2 = ("satisfaction", "beneficiary_satisfaction") if slot == "satisfaction" else ("output", "quality")
                add(slot, Candidate(level1=l1, level2=l2, name=ctx, operator="≥", value=q.value, unit="%",
                                    score=0.95, evidence=evidence + ["按描述用词生成"]))
                bound_any = True
            continue
        suffix = Q.UNIT_SUFFIX.get(q.unit)
        if suffix and not money and len(ctx) >= 2:
            name = ctx if ctx.endswith(suffix) else ctx + suffix
            add("quantity", Candidate(level1="output", level2="quantity", name=name, operator="≥",
                                      value=q.value, unit=q.unit, score=0.96,
                                      evidence=evidence + ["按描述用词生成"]), front=False)
            bound_any = True

    # --- (2) retrieved candidates per slot
    by_slot: dict[str, list[int]] = {s.key: [] for s in SLOTS}
    for d in sorted(scored, key=lambda d: (-scored[d], d)):
        slot = SLOT_OF_LEVEL2.get(rows[d]["level2"])
        if slot and len(by_slot[slot.key]) < PER_SLOT * 2:
            by_slot[slot.key].append(d)
    matched = idx.lexical.matched_terms_many(tokens, [d for docs in by_slot.values() for d in docs])
    # an effect or satisfaction indicator must share two of the project's content words
    # when the description names at least three (one shared word — 乡村, 养护 — is how
    # 乡村旅游带动增加村集体收入 reached a road project), unless the dense retriever ranks
    # it too (a fused display score above 0.5 means both retrievers listed it)
    need = 2 if len(content) >= 3 else 1
    for key, docs in by_slot.items():
        for d in docs:
            terms = matched[d]
            if (terms and key in EFFECT_SLOTS and _distinct_words(content & set(terms)) < need
                    and not (fused and scored[d] > 0.5)):
                continue
            ev = [f"匹配词: {'、'.join(terms[:6])}"] if terms else ["语义相近"]
            add(key, from_row(d, 0.3 + 0.6 * scored[d], ev))

    # --- (5) the field's common indicator of each required slot, always offered
    # (second in its slot) — real tables use them in nearly every project
    common_of: dict[str, Candidate] = {}
    for key in REQUIRED_SLOTS:
        for gname in GENERIC_NAMES.get(key, ()):
            hit = [d for d in idx.by_name.get(normalize_name(T.plain_name(gname)), []) if mask[d]]
            if not hit:
                continue
            c = from_row(hit[0], 0.55, ["常用共性指标"])
            if normalize_name(c.name) in seen:
                break
            seen.add(normalize_name(c.name))
            slot_lists[key].append(c)
            common_of[key] = c
            break

    # --- (3b) budget → cost ceiling on a project-total cost row (never a single item,
    # a per-head figure, or a social/ecological cost)
    if budget_wan is not None:
        bv = f"{budget_wan:g}"
        cost = [c for c in slot_lists["cost"] if c.level2 in ("economic_cost", "output_cost")
                and Q.units_compatible(c.unit or "万元", "万元") and TOTAL_COST.search(c.name)
                and not PER_HEAD.search(c.name + (c.unit or ""))]
        if cost:
            c = cost[0]
            c.operator, c.value, c.unit = "≤", bv, "万元"
            c.evidence = [e for e in c.evidence if e not in ("按预算测算填写",)]
            c.evidence.append(f"项目预算 {bv} 万元 作为成本上限")
            c.score = max(c.score, 0.9)
            slot_lists["cost"].remove(c)
            slot_lists["cost"].insert(0, c)
            if common_of.get("cost") is c:
                common_of.pop("cost")
        else:
            add("cost", Candidate(level1="cost", level2="economic_cost", name="项目总成本", operator="≤",
                                  value=bv, unit="万元", score=0.9,
                                  evidence=[f"项目预算 {bv} 万元 作为成本上限"]), front=True)

    # --- (6) learned statistics
    if learned:
        _apply_learned(slot_lists, learned, ntext, idx, add)

    _blank_placeholders(slot_lists)
    _vet_with_checker(slot_lists, budget_wan)

    for key in slot_lists:
        slot_lists[key].sort(key=lambda c: -c.score)
        common = common_of.get(key)
        if common is not None and len(slot_lists[key]) > 1:
            # the common indicator goes second, after the best specific match
            slot_lists[key].remove(common)
            pos = 1
            slot_lists[key].insert(pos, common)
        slot_lists[key] = slot_lists[key][:max(top, 1) * 2]

    confident = bool(bound_any or best_overlap >= 2 or (len(content) == 1 and best_overlap == 1))
    if confident_override is not None:
        # the fusion's verdict, but never less confident than the lexical evidence alone
        # (two shared content words): dense doubt must not empty a draft lexical mode gives
        confident = confident_override or confident
    if not confident:
        return SuggestResult(confident=False, table=[], suggestions=[], budget_wan=budget_wan,
                             quantities=[q.__dict__ for q in quantities], mode=mode,
                             message="指标库中没有与该描述相关的指标，请补充项目内容(做什么、对象、数量)")
    table = []
    from kb.domain.schema import Level1, Level2

    for s in SLOTS:
        cands = slot_lists[s.key][:top]
        if not cands:
            continue
        table.append(SlotCandidates(level1=s.level1.value, level2=cands[0].level2 if s.key == "cost" else s.level2.value,
                                    level1_label=s.level1.label,
                                    level2_label=Level2(cands[0].level2).label if s.key == "cost" else s.level2.label,
                                    candidates=cands))
    shown = {s.key: slot_lists[s.key][:top] for s in SLOTS if slot_lists[s.key]}
    flat = interleave({k: diversified(v) for k, v in shown.items()}, limit=sum(len(v) for v in shown.values()))
    _ = Level1
    return SuggestResult(confident=True, table=table, suggestions=flat, budget_wan=budget_wan,
                         quantities=[q.__dict__ for q in quantities], mode=mode)


MONEY = ("万元", "元", "亿元")
# per-head / per-unit figures a total amount must not bind to
PER_HEAD = re.compile(r"人均|户均|亩均|生均|次均|单价|单位成本|标准|平均|每|/")
# names of a project's total cost (where the budget ceiling belongs)
TOTAL_COST = re.compile(r"总成本|项目成本|总投资|成本控制|预算控制|总费用|项目支出|资金总额|总额")


def _wan(q: Q.Quantity) -> float:
    v = float(q.value)
    return v * 10000 if q.unit == "亿元" else v / 10000 if q.unit == "元" else v


def context_overlap(ctx: str, name: str) -> float:
    """Share of the context's character bigrams that the indicator name contains (0..1)."""
    from kb.domain.text import bigrams

    a = set(bigrams(normalize_name(ctx)))
    if not a:
        return 0.0
    b = set(bigrams(normalize_name(name.replace("〔", "").replace("〕", ""))))
    return len(a & b) / len(a)


def money_slot_mask(idx: IndicatorIndex) -> np.ndarray:
    """Indicators an amount may bind to: 经济成本 / 产出成本 and 经济效益 (not 社会/生态成本)."""
    m = idx.cache.get("money_slots")
    if m is None:
        ok = {"economic_cost", "output_cost", "economic_benefit"}
        m = idx.cache["money_slots"] = np.array([r["level2"] in ok for r in idx.rows], dtype=bool)
    return m


def _blank_placeholders(slot_lists: dict[str, list[Candidate]]) -> None:
    """Counts and amounts are the project's own: a library's typical count is no target.

    Unbound 数量 candidates with a count unit, and 成本 candidates in 万元
    not tied to the budget, keep operator and unit but get an empty value to
    fill in ("按项目计划数填写"), instead of a number that contradicts the plan.
    """
    for key in ("quantity", "cost"):
        for c in slot_lists[key]:
            if any(e.startswith(("描述中的数量", "项目预算")) for e in c.evidence) or c.unit == "%":
                continue
            if key == "cost" and not Q.units_compatible(c.unit or "", "万元"):
                continue
            if c.value and re.fullmatch(r"[\d.,]+", c.value):
                c.value = ""
                c.evidence.append("按项目计划数填写" if key == "quantity" else "按预算测算填写")


def _vet_with_checker(slot_lists: dict[str, list[Candidate]], budget_wan: float | None) -> None:
    """Run each proposed row through the declaration checker (`kb.checker`).

    A vague or malformed proposed target is replaced by the checker's concrete
    rewrite; a candidate the checker would delete or move (an input indicator
    such as 预算执行率 used as an output, a slogan) is dropped. Rows left blank
    on purpose are not rewritten. Table-level rules are ignored here.
    """
    from kb.checker import check_rows
    from kb.domain.schema import Level1, Level2, TargetRow

    flat = [(k, c) for k, cs in slot_lists.items() for c in cs if c.value]
    if not flat:
        return
    rows_ = [TargetRow(level1=Level1(c.level1).label, level2=Level2(c.level2).label, name=c.name,
                       operator=c.operator, value=c.value, unit=c.unit) for _, c in flat]
    ctx = {"budget_wan": budget_wan} if budget_wan is not None else None
    report = check_rows(rows_, ctx)
    drop: set[int] = set()
    for f in report.findings:
        if f.scope != "row" or f.row is None:
            continue
        if f.rule_id == "REL-02":  # an input/process indicator (预算执行率 …) is no output or effect
            drop.add(f.row - 1)
            continue
        if f.severity != "error":
            continue
        i = f.row - 1
        sug = f.suggestion
        if sug is None or sug.delete or sug.level1 or sug.level2 or sug.name:
            drop.add(i)
            continue
        c = flat[i][1]
        if sug.operator is not None:
            c.operator = sug.operator
        if sug.value is not None:
            c.value = sug.value
        if sug.unit is not None:
            c.unit = sug.unit
        c.evidence.append(f"指标值按审核规则 {f.rule_id} 改写")
    for i in sorted(drop, reverse=True):
        k, c = flat[i]
        if c in slot_lists[k]:
            slot_lists[k].remove(c)


def diversified(cands: list[Candidate], dice: float = 0.6) -> list[Candidate]:
    """Candidates reordered so near-duplicates (bigram Dice ≥ `dice` with a better one) come last.

    A draft table gains nothing from 高标准农田建设面积 next to 新建高标准农田面积;
    the alternatives stay available further down.
    """
    head: list[Candidate] = []
    tail: list[Candidate] = []
    for c in cands:
        n = normalize_name(c.name)
        if any(bigram_dice(n, normalize_name(h.name), normalized=True) >= dice for h in head):
            tail.append(c)
        else:
            head.append(c)
    return head + tail


def unit_family_mask(idx: IndicatorIndex, unit: str) -> np.ndarray:
    """Boolean mask of indicators whose unit measures the same kind of thing as `unit`."""
    fam = idx.cache.get("unit_family")
    if fam is None:
        fam = idx.cache["unit_family"] = np.array(
            [Q.unit_family(r["unit"] or "") if Q.unit_family(r["unit"] or "") is not None else -1
             for r in idx.rows], dtype=np.int16)
    f = Q.unit_family(unit)
    if f is None:
        units = idx.columns.get("unit")
        if units is None:
            units = idx.columns["unit"] = np.array([normalize(r["unit"] or "") for r in idx.rows], dtype=object)
        return units == normalize(unit)
    return fam == f


def sector_boost(idx: IndicatorIndex, sector: str) -> np.ndarray:
    """×1.15 for indicators whose sector shares a word with the project's sector, else ×1."""
    want = set(idx.tokenizer.cut_words(sector)) - WEAK_TERMS
    key = ("sector_boost", frozenset(want))
    b = idx.cache.get(key)
    if b is None:
        per_sector = {s: (1.15 if want & set(idx.tokenizer.cut_words(s)) else 1.0)
                      for s in set(idx.columns["sector"].tolist())}
        b = idx.cache[key] = np.array([per_sector[s] for s in idx.columns["sector"]], dtype=np.float32)
    return b


def _apply_learned(slot_lists: dict[str, list[Candidate]], learned: dict[str, LearnedIndicator],
                   ntext: str, idx: IndicatorIndex, add) -> None:
    """Boost candidates 结果反馈 showed to work; add learned indicators relevant to the text."""
    for cands in slot_lists.values():
        for c in cands:
            li = learned.get(normalize_name(c.name))
            if li is None:
                continue
            _learn_into(c, li)
    qtok = set(idx.tokenizer.tokens(ntext))
    for key, li in learned.items():
        slot = SLOT_OF_LEVEL2.get(li.level2)
        if slot is None:
            continue
        if any(normalize_name(c.name) == key for c in slot_lists[slot.key]):
            continue
        overlap = _content_terms([t for t in idx.tokenizer.tokens(li.name) if t in qtok])
        if not overlap and max((bigram_dice(li.name, w) for w in [ntext[:40]]), default=0) < 0.3:
            continue
        c = Candidate(level1=li.level1 or slot.level1.value, level2=li.level2, name=li.name,
                      operator=li.operator, value=li.value, unit=li.unit, score=0.5,
                      evidence=[f"与描述相关: {'、'.join(sorted(overlap)[:4])}"] if overlap else [])
        _learn_into(c, li)
        add(slot.key, c)


def _learn_into(c: Candidate, li: LearnedIndicator) -> None:
    if li.value:
        c.operator, c.value, c.unit = li.operator or c.operator, li.value, li.unit or c.unit
    bonus = 0.05 * min(li.chosen_count, 4)
    if li.success_share is not None:
        bonus += 0.1 * li.success_share
    c.score = min(1.0, c.score + bonus)
    share = f"，完全达成占比 {li.success_share:.0%}" if li.success_share is not None else ""
    learned_target = f"；学习到的目标值 {li.operator}{li.value}{li.unit}" if li.value else ""
    c.evidence.append(f"结果反馈: {li.chosen_count} 个项目采用{share}{learned_target}")
