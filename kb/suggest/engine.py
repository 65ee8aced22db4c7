"""Project description → draft 绩效目标表: the suggest pipeline as named steps.

1. `read_project` (`kb.suggest.context`): text, project core, stated
   quantities, budget, beneficiaries;
2. `detect_types`: the project's types with calibrated confidences
   (`kb.suggest.typemodel`), or the caller's override;
3. `gather_candidates` (`kb.suggest.candidates`): the detected types'
   indicator sets, names formed from the text, plain retrieval;
4. `set_targets`: the text's numbers bound to their rows
   (`kb.suggest.binding`), then budget-derived (`kb.suggest.cost_values`),
   learned and safe typical values, else 待填写 (`kb.suggest.values`);
5. `rank_candidates` (`kb.suggest.ranker`): named tiers, then the ranker
   learned from real tables;
6. `mark_precision` (`kb.suggest.vetting`): rows of another programme or
   sector without evidence in the text (`kb.suggest.evidence`), or filed
   where the checker would not file them (`kb.suggest.placement`), become
   alternates;
7. `choose_table`: the default table of 8–12 rows and the alternates per
   slot (`kb.suggest.table`), each shown row vetted by the checker — dropped
   or marked 待填写, never rewritten (`kb.suggest.vetting`);
8. `render`: the result (`SuggestResult`).
When the text gives nothing to go on (no type, no number, no shared words)
the result says `confident: false` and holds no rows. Not for search
(`kb.search`) or checking (`kb.checker`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, Field

from kb.domain.learned import LearnedIndicator
from kb.domain.enums import Level1, Level2
from kb.errors import DataError
from kb.indicators.index import IndicatorIndex
from kb.suggest import candidates as CA
from kb.suggest.bundle import SuggestModels
from kb.suggest.context import ProjectContext, read_project
from kb.suggest.binding import bind_mentions
from kb.suggest.common_names import (name_money_rows_plainly, offer_generic_total, offer_repair_acceptance,
                                     offered_first)
from kb.suggest.cost_values import lift_whole_cost
from kb.suggest.after_ranking import review_ranked
from kb.suggest.unproduced_rows import set_aside_blank_count_of_unnamed_object
from kb.suggest.type_words import set_aside_rows_of_unstated_type_words
from kb.suggest.dedupe import set_aside_disagreeing
from kb.suggest.draft import SOURCE_LABELS, Draft
from kb.suggest.features import featurize
from kb.suggest.length_names import name_lengths
from kb.suggest.publicity_awareness import offer_publicity_awareness
from kb.suggest.relief_beneficiaries import offer_relief_beneficiaries
from kb.suggest.ranker import Tier
from kb.suggest.slots import SLOTS
from kb.suggest.stated_income import name_stated_income
from kb.suggest.fill import fill_required
from kb.suggest.table import Table, assemble
from kb.suggest.typemodel import keep_supported
from kb.suggest.values import default_targets, fill_values
from kb.suggest.programme_services import mark_programme_services
from kb.suggest.vetting import finalise_formed_names, mark_precision, vet_with_checker

if TYPE_CHECKING:  # pragma: no cover
    from kb.indicators.hybrid import SuggestRanker

SUGGESTIONS = 20        # rows in the flat `suggestions` list (default table first)
_CJK = re.compile(r"[\u4e00-\u9fff]")
DENSE_PER_SLOT = 3      # dense-only hits added per slot in hybrid mode
VET_FIRST_PER_SLOT = 8  # best rows per slot vetted before the table is first assembled (4 shown + 3 alternates + 1)
# a further detected type lends its indicator set only when nearly as likely as the best one
# (a maintenance contract is not also a system build at 0.7 against 1.0)
SECONDARY_SHARE = 0.8
# a row the unit (or sector) declared and met in an earlier 结果反馈 cycle moves this share of the way
# from its learned score to 1: the declarant's own history outweighs the library's habits (the ranker
# never sees feedback when it is trained), while the text's own numbers (tier BOUND) stay above it
LEARNED_LIFT = 0.5


class Candidate(BaseModel):
    """One suggested row with its proposed target.

    score: the ranker's probability in [0, 1] that a real table holds this
    row; source: type | formed | retrieval | learned; note: why the value is
    待填写 (empty when a value is given); basis: 设定依据 shown in the xlsx;
    evidence: why it was suggested (Chinese); default: the row belongs to the
    default table; weight: 分值 of a default-table row (the points the .xlsx
    export gives it, `kb.suggest.export.scores`), None for an alternate.
    """

    indicator_id: str | None = None
    level1: str
    level2: str
    level1_label: str = ""
    level2_label: str = ""
    name: str
    operator: str = ""
    value: str = ""
    unit: str = ""
    score: float = Field(0.0, ge=0.0, le=1.0)
    source: str = ""
    note: str = ""
    basis: str = ""
    explanation: str = ""
    evidence: list[str] = []
    template: str | None = None
    opinions: list[dict] = []
    default: bool = False
    weight: int | None = None


class SlotCandidates(BaseModel):
    """The rows of one slot: the default table's rows first, then the alternates."""

    level1: str
    level2: str
    level1_label: str
    level2_label: str
    candidates: list[Candidate]


class ProjectTypeHit(BaseModel):
    """A detected (or given) project type with its confidence in [0, 1]."""

    id: str
    name: str
    confidence: float


class SuggestResult(BaseModel):
    """`suggest --json`: the default table, alternates per slot, the flat list, and what was read.

    confident: false when nothing relevant was found (then no rows);
    default_table: the rows of the suggested table in table order;
    alternates: slot key → other rows for that slot; table: per slot, the
    default rows then the alternates; suggestions: the default table's rows
    (best first), then the alternates; project_types / types_uncertain: the
    detected types and whether the best is below the calibrated threshold.
    """

    confident: bool
    table: list[SlotCandidates]
    suggestions: list[Candidate]
    default_table: list[Candidate] = []
    alternates: dict[str, list[Candidate]] = {}
    project_types: list[ProjectTypeHit] = []
    types_uncertain: bool = True
    budget_wan: float | None = None
    quantities: list[dict] = []
    mode: str = "lexical"
    message: str = ""


# a description without one Chinese character (English, digits only) is bad input: DataError naming `description`
# (the API's 422, the CLI's exit 2 naming --text, a batch line named by its line number)
NO_CHINESE = "描述中没有中文：请用中文描述项目（做什么、对象、数量、资金），指标库和推荐规则都是中文的"
# nor one without a content word or a quantity, in the name or the description (“的”, “项目”, “计划资金”): refused the
# same way, never answered “没有足够相关的指标” with exit 0 (trial 9: “的” exited 0, English text 2)
NO_CONTENT = "描述中没有说明项目内容的词：请写明做什么、对象和数量（如“计划修缮乡村道路12公里”）"


# a run of more digits than any figure of a budget table has (1e13 万元 is 14 digits): no quantity, and reading it
# took seconds. Trial 11: 维修 + 4900 full-width digits ran 8.7 s and exited 0 with 没有足够相关的指标 — refused
# now, at once, as a text of numbers alone is (exit 2, 422)
LONGEST_FIGURE = 20
_DIGIT_RUN = re.compile(r"[0-9０-９]{%d,}" % (LONGEST_FIGURE + 1))


def refuse_digit_runs(description: str | None, project_name: str | None = None) -> None:
    """Raise DataError (field description) when the description or the name holds a run of more than
    `LONGEST_FIGURE` digits (ASCII or full-width): it is no figure a declarant writes, and reading it is slow."""
    for field, text in (("description", description), ("project_name", project_name)):
        m = _DIGIT_RUN.search(text or "")
        if m:
            raise DataError(f"描述中有一串 {len(m.group())} 位的数字，不是可读的数量：请用中文写明做什么、对象和数量"
                            f"（如“计划修缮乡村道路12公里”），数字不超过 {LONGEST_FIGURE} 位", field=field)


def suggest(idx: IndicatorIndex, models: SuggestModels, description: str, *, project_name: str | None = None,
            budget_wan: float | None = None, department: str | None = None, sector: str | None = None,
            unit_name: str | None = None, top: int = 5, exclude_origin: str | None = None,
            learned: dict[str, LearnedIndicator] | None = None, ranker: "SuggestRanker | None" = None,
            mode: str = "lexical", project_types: list[str] | None = None,
            checker_settings=None) -> SuggestResult:
    """Draft a target table for a project (the steps of the module docstring).

    Args:
        idx / models: the loaded index and suggest models (`KnowledgeBase`).
        description, project_name, department, sector: the project (Chinese);
            budget_wan: budget in 万元 (else read from the text).
        unit_name: include that unit's own 单位指标库 (other units' never).
        top: alternates shown per slot in `table` besides the default rows.
        exclude_origin: evaluation: drop indicators whose only origin is this.
        learned: 结果反馈 statistics keyed by normalize_name(name).
        ranker: the hybrid retriever's step (`kb.indicators.hybrid.SuggestRanker`), None in lexical mode.
        project_types: type ids that override detection.
    Returns: SuggestResult. Raises DataError for an unknown type id in `project_types` (field
    project_types) and for a text without a Chinese character (field description, `NO_CHINESE`) or without a
    content word or quantity in name and description (`NO_CONTENT`).
    """
    from kb.retrieval.tokenize import remembered_cuts

    refuse_digit_runs(description, project_name)
    with remembered_cuts():   # the steps below read the same text several ways: each stretch is cut once
        return _suggest(idx, models, description, project_name=project_name, budget_wan=budget_wan,
                        department=department, sector=sector, unit_name=unit_name, top=top,
                        exclude_origin=exclude_origin, learned=learned, ranker=ranker, mode=mode,
                        project_types=project_types, checker_settings=checker_settings)


def _suggest(idx: IndicatorIndex, models: SuggestModels, description: str, *, project_name: str | None,
             budget_wan: float | None, department: str | None, sector: str | None, unit_name: str | None,
             top: int, exclude_origin: str | None, learned: dict[str, LearnedIndicator] | None,
             ranker: "SuggestRanker | None", mode: str, project_types: list[str] | None,
             checker_settings) -> SuggestResult:
    ctx = read_project(idx.tokenizer, description, project_name=project_name, budget_wan=budget_wan,
                       sector=sector, unit_name=unit_name, department=department)
    if not ctx.text:
        return SuggestResult(confident=False, table=[], suggestions=[], message="描述为空", mode=mode)
    if not _CJK.search(description or ""):
        # the libraries, types and the text's reading are Chinese; a Chinese project name beside an English
        # description (a fresh trial: 英文 + "Repair 12 km of rural roads") gave 英文数量, 英文成本 and lost the 12 km
        raise DataError(NO_CHINESE, field="description")
    if not ctx.mentions and not ctx.content and not project_types:
        raise DataError(NO_CONTENT, field="description")
    mask = library_mask(idx, unit_name, exclude_origin)
    detected, uncertain = detect_types(models, idx.tokenizer, ctx, project_types)
    thin = thin_text(ctx) and not project_types
    uncertain = uncertain or thin
    # the text's own numbers, or a certain type with its keywords, make the result confident
    settled = bool(ctx.mentions) or (not uncertain and _keyword_evidence(ctx, detected))
    pool, lexical_ok, dense_ok = gather_candidates(idx, models, ctx, detected, mask, ranker, exclude_origin,
                                                   evidence=not ctx.mentions, settled=settled)
    set_targets(pool, ctx, learned, checker_settings, detected)
    extra = counts_named_by_the_text(ctx, pool)   # after binding: a figure a gathered row took is no one's else
    if extra:
        set_extra_targets(extra, ctx, learned, checker_settings, detected)
        pool += extra
    rank_candidates(pool, ctx, detected, models, exclude_origin)
    finalise_formed_names(pool, ctx)
    name_lengths(pool)   # 铺设主管网里程 → 铺设主管网长度 (after ranking: a rename)
    name_deadlines_once(pool)
    name_stated_income(pool, ctx.text)   # 特色产业带动增加受益农户收入 ≥ 80 万元 → 脱贫户、监测户增加收入 (the text's words)
    mark_programme_services(pool, ctx, detected, uncertain, _own_words(detected, uncertain))   # recall round 7
    mark_precision(pool, ctx, project_sectors(detected, models, ctx), _own_words(detected, uncertain))
    review_ranked(pool, ctx, checker_settings)
    set_aside_rows_of_unstated_type_words(pool, ctx, detected)   # trial 19, E021: no exhibition rows for 服务贸易
    set_aside_blank_count_of_unnamed_object(pool, ctx, detected)   # trial 21: 窨井盖维修更换数量 for 路灯维护
    confident = (settled or lexical_ok or dense_ok) and not thin
    if not confident or not pool:
        return _not_confident(ctx, detected, mode, thin)
    table = name_money_rows_plainly(fill_required(choose_table(pool, ctx), ctx, pool))
    table = offer_generic_total(table, detected)
    table = offer_repair_acceptance(table, ctx.text, idx)
    table = offer_relief_beneficiaries(
        table, ctx, idx, mask, lambda rows: (set_extra_targets(rows, ctx, learned, checker_settings, detected),
                                             rank_candidates(rows, ctx, detected, models, exclude_origin)))
    table = offer_publicity_awareness(table, ctx.text, idx)
    if form_title_only(ctx):   # trial 21, E039: 项目支出绩效自评表(2021年度)片段,总分99。 — rows from the name alone
        res = render(table, ctx, detected, True, mode, top)
        res.confident = False
        res.message = "；".join(p for p in (FORM_TITLE_ONLY, res.message) if p)
        return res
    return render(table, ctx, detected, uncertain, mode, top)


FORM_TITLE_ONLY = "描述只有表格名称，没有写明项目内容（做什么、对象、数量），以下指标仅按项目名称推测，可信度低，请补充描述"
_FORM_WORDS = re.compile(r"项目支出|绩效|自评表|自评|申报表|目标表|批复表|片段|总分|得分|部分信息被网站打码|年度|\d+|[()（）,，。;；:：、\s]")


def form_title_only(ctx: ProjectContext) -> bool:
    """True when the description (not the name) states no figure of the project and holds nothing but a form's title
    and score (项目支出绩效自评表(2021年度)片段,总分99。): a table drafted from the project's name alone, whose
    confidence the result says is low (trial 21, E039 was `confident: true`)."""
    return bool(ctx.description) and not ctx.mentions and not _FORM_WORDS.sub("", ctx.description)


def counts_named_by_the_text(ctx: ProjectContext, pool: list[Draft]) -> list[Draft]:
    """Counts of the text no gathered draft names (issue 10, the 数量 slot): a figure of the work alone no gathered
    row took when the text's figures were bound (出差8人 → 出差人数, `kb.suggest.verb_counts`; 全年检测4.2万批次 stays
    with the library's 食用农产品快速检测批次), a count no reader names, by its clause's words (配备话务坐席30个 →
    配备话务坐席数量, `kb.suggest.clause_counts`: the text's figure, never a blank library count alone), an activity held without a figure (开展法制宣传活动 → 法制宣传活动场次
    待填写, `kb.suggest.named_activities`) and whom the text supports or serves without a figure (为残疾人提供基本康复
    服务 → 基本康复服务人数 待填写, `kb.suggest.served_counts`), a count a label of the text names (情景教学或外训批次
    6批次; 资金拨付进度100%, `kb.suggest.labelled_counts`) and the places a fund's text lists (新罗区、永定区、上杭县 … → 补助县（市、区）
    数量 = 7, `kb.suggest.listed_places`). Added after gathering and binding, so the ranker's training pools
    (`training.candidate_drafts`, which gathers) are main's and every table without such a count is unchanged; the
    ranker scores them like any formed row. Measured: cross-validated R@10 0.204 → 0.218, MRR 0.379 → 0.381 (round
    4a); 0.234 → 0.241, MRR 0.396 → 0.404 (round 5, with the labelled rates; docs/SUGGEST.md)."""
    from kb.suggest.clause_counts import clause_count_drafts
    from kb.suggest.labelled_counts import labelled_count_drafts
    from kb.suggest.listed_places import listed_place_drafts
    from kb.suggest.named_activities import activity_drafts
    from kb.suggest.served_counts import served_drafts
    from kb.suggest.verb_counts import verb_count_drafts

    extra = verb_count_drafts(ctx, pool)
    extra += clause_count_drafts(ctx, pool + extra)   # 配备话务坐席30个 → 配备话务坐席数量 (the clause's words)
    have = {d.key for d in pool} | {d.key for d in extra}
    for d in (labelled_count_drafts(ctx, pool + extra) + activity_drafts(ctx) + served_drafts(ctx)
              + listed_place_drafts(ctx)):
        if d.key not in have:
            have.add(d.key)
            extra.append(d)
    return extra


# a deadline row named twice: a library row in % that is a date already (任务完成时间, 维修完成时限) dated by the
# year's end (`values`: TIME-05's rewrite adds 完成时间 to the rate's words)
_DEADLINE_TWICE = re.compile(r"(时间|时限)完成时间$")


def name_deadlines_once(pool: list[Draft]) -> None:
    """After ranking, in place: 任务完成时间完成时间 → 任务完成时间 (the rows it touches were set aside and
    offered nowhere until issue 10's third round offered them beside the table). After ranking, so the ranker's
    training data are unchanged."""
    for d in pool:
        if _DEADLINE_TWICE.search(d.name):
            d.name = _DEADLINE_TWICE.sub(r"\1", d.name)


def thin_text(ctx: ProjectContext) -> bool:
    """True when the request says too little to know the project: no quantity with a unit and fewer than two
    content words in name and description together (数字 + "186 312 4600 85 100 42 6.3" made a confident
    档案与地方志 table on the one word 数字 — a county reviewer's trial). Such a result is not confident and
    its types are uncertain, unless the caller names the types."""
    return not ctx.mentions and len(ctx.content) < 2


def library_mask(idx: IndicatorIndex, unit_name: str | None, exclude_origin: str | None) -> np.ndarray:
    """Indicators suggest may use: the 基础指标库, plus the caller's own 单位指标库; minus `exclude_origin`'s own."""
    mask = idx.mask()
    basic = idx.cache.get("basic")
    if basic is None:
        basic = idx.cache["basic"] = idx.columns["library"] == "basic"
    mask &= (basic | (idx.columns["unit_name"] == unit_name)) if unit_name else basic
    if exclude_origin:
        for i in own_origin_rows(idx, exclude_origin):
            mask[i] = False
    return mask


def own_origin_rows(idx: IndicatorIndex, origin: str) -> list[int]:
    """Rows whose only recorded origin is `origin` (cached per index)."""
    import json

    cache = idx.cache.setdefault("own_origin", {})
    if origin not in cache:
        if "origin_lists" not in idx.cache:
            idx.cache["origin_lists"] = [tuple(json.loads(o or "[]")) for o in idx.rows.column("origin")] \
                if hasattr(idx.rows, "column") else [tuple(json.loads(r.get("origin") or "[]")) for r in idx.rows]
        cache[origin] = [i for i, o in enumerate(idx.cache["origin_lists"]) if o and all(x == origin for x in o)]
    return cache[origin]


def detect_types(models: SuggestModels, tokenizer, ctx: ProjectContext,
                 override: list[str] | None) -> tuple[list[tuple], bool]:
    """Step 2: [(ProjectType, confidence)] best first, and whether the best is below the threshold.

    A further type the text gives no evidence of outside the names of systems and bodies is left out
    (`typemodel.keep_supported`): 保障性住房 for a server room holding a 公租房管理系统."""
    if override:
        unknown = [t for t in override if t not in models.types and t not in _by_name(models)]
        if unknown:
            raise DataError(f"未知的项目类型: {'、'.join(unknown)}", field="project_types")
        return [(models.types.get(t) or _by_name(models)[t], 1.0) for t in override], False
    if models.type_model is None:
        return [], True
    hits = [(models.types[t], p) for t, p in models.type_model.predict(tokenizer, ctx.text) if t in models.types]
    hits = keep_supported(hits, ctx.text)
    uncertain = not hits or hits[0][1] < models.type_model.threshold
    return hits, uncertain


def _keyword_evidence(ctx: ProjectContext, detected: list[tuple]) -> bool:
    """The text holds two of the best type's keywords or one of its phrases (a type alone is no evidence)."""
    if not detected:
        return False
    t = detected[0][0]
    words = {k for k in t.keywords if k in ctx.text}
    return len(words) >= 2 or any(p in ctx.text for p in t.phrases)


def _by_name(models: SuggestModels) -> dict:
    return {t.name: t for t in models.types.values()}


def gather_candidates(idx: IndicatorIndex, models: SuggestModels, ctx: ProjectContext, detected: list[tuple],
                      mask: np.ndarray, ranker: "SuggestRanker | None",
                      exclude_origin: str | None = None, evidence: bool = True, settled: bool = False
                      ) -> tuple[list[Draft], bool, bool]:
    """Step 3: the merged candidate pool; whether the lexical / dense evidence alone is enough
    (`evidence=False`: the caller needs no lexical verdict, which is then False).

    Hybrid mode embeds the project (`SuggestRanker.project_vector`) only when
    its words settle nothing — `settled` (the caller's verdict: numbers in
    the text, or a certain type with its keywords) is False and lexical
    evidence is missing — and then adds the fused retriever's hits that
    lexical retrieval did not list (their fused score as `lex` and `dense`);
    every other candidate is the same as in lexical mode, so hybrid never
    loses what lexical finds. Measured on dev.jsonl's 85 descriptions: the
    words settle all 85, and cross-validated quality was equal with and
    without the embedding (docs/SUGGEST.md), while embedding cost 2–5× the
    lexical time and collapsed under CPU contention (issue 15).
    Only types at or above the detector's threshold (an override counts as
    certain) lend their indicator sets and the persons a formed satisfaction row asks.
    """
    tokens = CA.project_tokens(idx.tokenizer, ctx)
    lex = idx.lexical.scores(tokens)
    cand, sc = CA.top_k(lex, CA.LEX_POOL, mask)
    lexical = [(d, s) for d, s in zip(cand.tolist(), sc.tolist()) if s > 0]
    top = detected[0][1] if detected else 0.0
    floor = models.type_model.threshold if models.type_model is not None else 0.0
    sets = [(t, p) for t, p in detected if p >= SECONDARY_SHARE * top and (p >= floor or p == 1.0)]
    typed = CA.type_drafts(idx, ctx, sets, models.row_of, mask)
    typed += CA.family_drafts(ctx, sets, models.family, training_table_id(exclude_origin), idx, mask)
    # an uncertain type names nobody the project serves (环卫工人满意度 for a farmland reclamation at 环卫保洁 0.13)
    formed = CA.formed_drafts(ctx, [(t, p) for t, p in detected if p >= floor or p == 1.0])
    retrieved = CA.retrieved_drafts(idx, ctx, tokens, lex, mask, lexical)
    lexical_ok = evidence and _lexical_evidence(idx, tokens, ctx, lex, mask)
    dense_ok = False
    if ranker is not None and not (settled or lexical_ok):
        fused, dense_ok = ranker(ctx.text, mask, lexical, qvec=ranker.project_vector(ctx.core or ctx.name,
                                                                                      ctx.description))
        retrieved += _dense_only(idx, ctx, tokens, lex, mask, fused or [], {d for d, _ in lexical})
    mx = float(sc[0]) if sc.size else 0.0
    pool = CA.merge([formed, typed, retrieved], lex, models.row_of, mx)
    return pool, lexical_ok, bool(dense_ok)


def _dense_only(idx: IndicatorIndex, ctx: ProjectContext, tokens: list[str], lex: np.ndarray, mask: np.ndarray,
                fused: list[tuple[int, float]], lexical_docs: set[int]) -> list[Draft]:
    """Retrieved drafts for the fused hits lexical retrieval did not list (hybrid mode)."""
    extra = [(d, s) for d, s in fused if d not in lexical_docs]
    out = CA.retrieved_drafts(idx, ctx, tokens, lex, mask, extra, per_slot=DENSE_PER_SLOT) if extra else []
    score = dict(extra)
    for d in out:
        i = models_row(idx, d.indicator_id)
        # the fused score stands in for the lexical one the ranker reads (both in [0, 1])
        d.dense = d.lex = score.get(i, 0.0)
    return out


def models_row(idx: IndicatorIndex, indicator_id: str | None) -> int | None:
    ids = idx.cache.get("row_of_id")
    if ids is None:
        ids = idx.cache["row_of_id"] = {r: i for i, r in enumerate(idx.rows.column("id"))} \
            if hasattr(idx.rows, "column") else {r["id"]: i for i, r in enumerate(idx.rows)}
    return ids.get(indicator_id)


def _lexical_evidence(idx: IndicatorIndex, tokens: list[str], ctx: ProjectContext, lex: np.ndarray,
                      mask: np.ndarray) -> bool:
    """One indicator shares ≥ 2 of the description's content words (or its only one)."""
    cand, _ = CA.top_k(lex, 30, mask)
    matched = idx.lexical.matched_terms_many(tokens, cand.tolist())
    best = max((len(ctx.content & set(m)) for m in matched.values()), default=0)
    return best >= 2 or (len(ctx.content) == 1 and best == 1)


def set_targets(pool: list[Draft], ctx: ProjectContext, learned: dict | None, checker_settings,
                detected: list[tuple] | None = None) -> None:
    """Step 4: the text's numbers (`kb.suggest.binding`), then budget-derived (`kb.suggest.cost_values`), learned and
    typical values (`kb.suggest.values`);
    the budget is the ceiling of the best detected type's cost rows, not of a further type's."""
    from kb.settings import CheckerSettings

    main = detected[0][0].id if detected else None
    bind_mentions(pool, ctx, main)
    fill_values(pool, ctx, learned, default_targets(checker_settings or CheckerSettings()), main_type=main)


def set_extra_targets(extra: list[Draft], ctx: ProjectContext, learned: dict | None, checker_settings,
                      detected: list[tuple] | None = None) -> None:
    """Step 4 for rows added after binding (`counts_named_by_the_text`): each its own figure, else the learned or
    typical value or 待填写 (`kb.suggest.values`) — never a figure another row took, and the budget's rows untouched."""
    from kb.settings import CheckerSettings
    from kb.suggest.binding import bind_own_mentions

    bind_own_mentions(extra)
    fill_values(extra, ctx, learned, default_targets(checker_settings or CheckerSettings()),
                main_type=detected[0][0].id if detected else None)


def rank_candidates(pool: list[Draft], ctx: ProjectContext, detected: list[tuple], models: SuggestModels,
                    exclude_origin: str | None) -> None:
    """Step 5: tier (BOUND for the text's numbers) and the ranker's probability on every draft."""
    probs = {t.id: p for t, p in detected}
    X = featurize(pool, ctx, probs, models.family, project_sectors(detected, models, ctx),
                  exclude=training_table_id(exclude_origin))
    scores = models.ranker.predict(X)
    for d, s in zip(pool, scores):
        d.score = float(s)
        if d.value_source == "learned":   # chosen and met in an earlier 结果反馈 cycle
            d.score = 1.0 - (1.0 - d.score) * (1.0 - LEARNED_LIFT)
        d.tier = Tier.BOUND if d.value_source in ("text", "derived", "budget") else Tier.RANKED
    lift_whole_cost(pool, ctx)


def training_table_id(exclude_origin: str | None) -> str | None:
    """`dev:D012` → D012: the training table of the evaluated project, left out of the family statistics."""
    return exclude_origin.split(":", 1)[1] if exclude_origin and ":" in exclude_origin else exclude_origin


def _own_words(detected: list[tuple], uncertain: bool) -> str:
    """What the best detected type is about, in its own words (covers, keywords, phrases, objects), when
    the detector is certain of it: the programme words of its core rows are its own, not another's."""
    if uncertain or not detected:
        return ""
    t = detected[0][0]
    return " ".join([t.covers, *t.keywords, *t.phrases, *t.objects])


def project_sectors(detected: list[tuple], models: SuggestModels, ctx: ProjectContext) -> set[str]:
    """The sectors the project is in: those of each detected type (`detected`: (type, probability) pairs; a type
    with no trained sectors gives its group) and those the caller stated (`ctx.sector`, split on / and spaces).
    A retrieved row of another sector needs evidence in the text (`vetting.mark_precision`)."""
    out = set()
    for t, _ in detected:
        out |= models.type_sectors.get(t.id, {t.group})
    if ctx.sector:
        out |= {s for s in ctx.sector.replace("/", " ").split() if s}
    return out


def choose_table(pool: list[Draft], ctx: ProjectContext, rounds: int = 4) -> Table:
    """Steps 6–7: assemble the table, vet what it shows with the checker, reassemble if a row was dropped.

    The VET_FIRST_PER_SLOT best rows of each slot are vetted first, then any row the table shows
    that was not (each row once), so the checker sees a few dozen rows, not
    the whole pool, and the table is usually assembled once or twice.
    """
    first = _best_per_slot(pool, VET_FIRST_PER_SLOT)
    vet_with_checker(first, ctx)
    seen: set[int] = {id(d) for d in first}
    in_pool = {id(d) for d in pool}
    table = _vetted(pool, ctx, seen, in_pool, rounds)
    # the weaker of two rows the checker reads as one measure (STR-12), an acceptance of nothing handed over:
    # set aside, the freed place taken by the slot's next row (`kb.suggest.dedupe`)
    for _ in range(REPEAT_ROUNDS):
        if not set_aside_disagreeing(table.rows, ctx):
            break
        table = _vetted(pool, ctx, seen, in_pool, rounds)
    else:
        while set_aside_disagreeing(table.rows, ctx):   # out of rounds: what is set aside leaves unreplaced
            table.rows = [d for d in table.rows if d.tier != Tier.ALTERNATE]
            table.alternates = {s: [d for d in v if d.tier != Tier.ALTERNATE] for s, v in table.alternates.items()}
    return table


# assemblies after setting aside a repeat (a satisfaction slot may offer three ways to ask one group)
REPEAT_ROUNDS = 4


def _vetted(pool: list[Draft], ctx: ProjectContext, seen: set[int], in_pool: set[int], rounds: int) -> Table:
    """The table assembled from `pool`, any row it shows that was not vetted (`seen`) vetted by the checker, and
    assembled again while the vetting drops a row (up to `rounds` times)."""
    table = assemble(pool)
    for k in range(rounds + 1):
        # the pool's rows only: a （请补充…） row is made anew by every assembly, so by `id` it looked unseen —
        # or seen, when it took a freed one's address: the rounds run, and the output changed, by chance
        shown = [d for d in table.rows + [a for v in table.alternates.values() for a in v]
                 if id(d) not in seen and id(d) in in_pool]
        if not shown:
            break
        seen.update(id(d) for d in shown)
        was = {id(d) for d in shown if d.tier != Tier.ALTERNATE}
        before = [_assembled_from(d) for d in shown]
        vet_with_checker(shown, ctx)
        if k < rounds and [_assembled_from(d) for d in shown] == before:
            break   # the checker changed none of them: assembling again would give this same table
        if k < rounds:
            table = assemble(pool)
        else:  # out of rounds: what the last vetting dropped leaves without a replacement
            dropped = {id(d) for d in shown if id(d) in was and d.tier == Tier.ALTERNATE}
            table.rows = [d for d in table.rows if id(d) not in dropped]
            table.alternates = {s: [d for d in v if id(d) not in dropped] for s, v in table.alternates.items()}
    return table


def _assembled_from(d: Draft) -> tuple:
    """What of a draft `assemble` reads (and the checker's vetting may change)."""
    return (d.tier, d.score, d.name, d.level2, d.source, d.operator, d.value, d.value_source, d.value_unit, d.unit,
            d.obj, d.mention, d.note)


def _best_per_slot(pool: list[Draft], n: int) -> list[Draft]:
    """The n best rows (tier, score) of each slot that may be shown."""
    out: dict[str, list[Draft]] = {}
    for d in sorted((d for d in pool if d.tier != Tier.ALTERNATE), key=lambda d: (-int(d.tier), -d.score)):
        lst = out.setdefault(d.slot, [])
        if len(lst) < n:
            lst.append(d)
    return [d for v in out.values() for d in v]


def render(table: Table, ctx: ProjectContext, detected: list[tuple], uncertain: bool, mode: str,
           top: int) -> SuggestResult:
    """Step 8: the response: default table, alternates, per-slot view, flat list."""
    from kb.suggest.export import scores

    rows = [to_candidate(d, default=True) for d in table.rows]
    for c, w in zip(rows, scores(rows)):
        c.weight = w
    alts = {k: [to_candidate(d) for d in v] for k, v in table.alternates.items()}
    best_first = sorted(zip(table.rows, rows), key=lambda p: (p[0].note.startswith("待填写：没有"), -p[0].score))
    flat = [c for _, c in best_first if not c.name.startswith("（")]
    rest = sorted(((d, c) for k, v in table.alternates.items() for d, c in zip(v, alts[k])),
                  key=lambda p: (-_offered_tier(p[0]), -p[0].score))
    # the flat list holds its own copies of the alternates (opinions are attached to the per-slot ones)
    flat += [c.model_copy(update={"evidence": list(c.evidence), "opinions": []})
             for _, c in rest[:max(0, SUGGESTIONS - len(flat))]]
    return SuggestResult(
        confident=True, table=_per_slot(table, rows, alts, top), suggestions=flat, default_table=rows,
        alternates=alts, project_types=_type_hits(detected), types_uncertain=uncertain,
        budget_wan=ctx.budget_wan, quantities=ctx.quantities, mode=mode,
        message="；".join((["项目类型不确定，请核对或用 --type 指定"] if uncertain and detected else [])
                         + [missing_note(table.missing)] * bool(table.missing) + ctx.notes))


def _offered_tier(d: Draft) -> int:
    """The tier an alternate is ordered by in the flat `suggestions`: its own, except an entry of a detected type's set
    offered though the text does not name its object (`table.unnamed_spare`: 〔作物〕种植面积 for a 种养 award), which
    stands among the ranked alternates by its score — the type vouches for it as the text's words vouch for a
    retrieved row; a retrieved count the text gives no object for stays after them. Issue 10: cross-validated
    Recall@10 0.198 → 0.204, MRR 0.377 → 0.378, Recall@20 0.241 → 0.239 on dev. A row the family's usual wording
    offers (`kb.suggest.common_names`: 项目总成本 beside the table's own-named total) stands before every other
    alternate."""
    from kb.suggest.table import unnamed_spare

    if offered_first(d):
        return int(Tier.BOUND) + 1
    return int(Tier.RANKED) if d.type_prob > 0 and unnamed_spare(d) else int(d.tier)


def missing_note(groups: list[str]) -> str:
    """What the message says of required slot groups no row fits (['效益指标'] → 没有找到与项目相符的效益指标，请按
    项目实际补充); the table holds no placeholder row for them."""
    return f"没有找到与项目相符的{'、'.join(groups)}，请按项目实际补充"


def _per_slot(table: Table, rows: list[Candidate], alts: dict[str, list[Candidate]], top: int) -> list[SlotCandidates]:
    out = []
    for s in SLOTS:
        mine = [c for d, c in zip(table.rows, rows) if d.slot == s.key] + alts.get(s.key, [])[:top]
        if mine:
            out.append(SlotCandidates(level1=mine[0].level1, level2=mine[0].level2, level1_label=mine[0].level1_label,
                                      level2_label=mine[0].level2_label, candidates=mine))
    return out


def _type_hits(detected: list[tuple]) -> list[ProjectTypeHit]:
    return [ProjectTypeHit(id=t.id, name=t.name, confidence=round(float(p), 4)) for t, p in detected]


def to_candidate(d: Draft, default: bool = False) -> Candidate:
    """The response row of a draft (`default`: a row of the default table); every 成本 row sits under
    成本指标 (财预〔2021〕101号)."""
    l1, l2 = d.shown_levels
    return Candidate(indicator_id=d.indicator_id, level1=l1, level2=l2, level1_label=Level1(l1).label,
                     level2_label=Level2(l2).label, name=d.name, operator=d.operator if d.value or d.operator == "定性" else "",
                     value=d.value, unit=d.value_unit or d.unit, score=min(1.0, max(0.0, d.score)), source=d.source,
                     note=d.note, basis=_basis(d), explanation=d.explanation, evidence=list(dict.fromkeys(d.evidence)),
                     template=d.template, default=default)


# 设定依据 of a target the description states (the .xlsx's 年度目标 lists only these)
TEXT_BASIS = "项目申报内容中的计划数"


def _basis(d: Draft) -> str:
    """设定依据 of a row: where its target comes from."""
    if d.value_source == "text":
        derived = d.mention.derivation if d.mention is not None else ""
        return f"{TEXT_BASIS}({derived})" if derived else TEXT_BASIS
    if d.value_source in ("budget", "derived"):
        return "项目预算测算"
    if d.value_source == "learned":
        return "以往项目结果反馈"
    if d.value_source == "typical":
        return "指标库参考值(行业标准或历史标准)"
    return d.note or SOURCE_LABELS.get(d.source, "")


def _not_confident(ctx: ProjectContext, detected: list[tuple], mode: str, thin: bool = False) -> SuggestResult:
    said = ("描述没有写明项目内容，项目类型不确定，请补充做什么、对象、数量" if thin
            else "指标库中没有与该描述相关的指标，请补充项目内容(做什么、对象、数量)")
    return SuggestResult(confident=False, table=[], suggestions=[], budget_wan=ctx.budget_wan,
                         quantities=ctx.quantities, mode=mode, project_types=_type_hits(detected),
                         types_uncertain=True, message="；".join([said] + ctx.notes))
