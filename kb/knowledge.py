"""`KnowledgeBase`: the one facade the CLI and the HTTP service call, and `build`.

`build(settings)` validates the libraries and writes the KB file (shipped
indicators overlaid with the managed ones, vectors, shipped corpora).
`KnowledgeBase(settings)` opens a built KB file and answers: `search`,
`get_indicator`, `suggest`, `lookup` (row name → library indicator),
`check`. Loading is read-only and cheap enough to do once per process;
`reload()` picks up a rebuilt file without restarting. Not for workflow
data (see `kb.lifecycle`).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from typing import TYPE_CHECKING

from kb.domain.budget import BUDGET_RANGE, budget_out_of_range
from kb.domain.budget import MAX_BUDGET_WAN  # noqa: F401  (the one bound; re-exported for callers)
from kb.domain.levels import parse_level1, parse_level2
from kb.domain.schema import Declaration, Indicator
from kb.domain.units import explains_unit
from kb.domain.text import normalize, plain_name
from kb.errors import ConfigError, DataError, NotFound, missing_kb
from kb.indicators.index import FILTER_FIELDS, IndicatorIndex
from kb.indicators.lookup import IndicatorLookup, names_indicator, same_name
from kb.indicators.search import SearchResult, search_lexical
from kb.settings import Settings, get_settings
from kb.store.db import build_info, connect, table_names
from kb.store.rows import row_to_indicator

if TYPE_CHECKING:  # pragma: no cover
    from kb.domain.learned import LearnedIndicator
    from kb.indicators.lookup import IndicatorLookup
    from kb.store.build import BuildReport
    from kb.suggest.bundle import SuggestModels

# Heavy stacks (numpy for dense search, the embedder, sqlite-utils for writing, the
# checker, the corpora) are imported inside the methods that use them: `jixiao search`
# on the shipped library loads none of them.
MODES = ("lexical", "dense", "hybrid")
_log = logging.getLogger(__name__)


EXPLANATION_MIN_DICE = 0.7  # ours: names this alike share their definition (0.6 still pairs 完工/采购完成时间)


class KnowledgeBase:
    """A loaded KB file.

    Args:
        settings: where the KB file is and which embedder to use.
    Raises:
        ConfigError: the KB file is missing or was never built.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self.path: Path = self.settings.resolved_kb_path()
        self._lock = threading.Lock()
        self._hybrid = None
        self.load()

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        """(Re)load indicators, tokenizer and indexes from the KB file."""
        if not self.path.exists():
            raise missing_kb(self.path)
        conn = connect(self.path)
        tables = table_names(conn)
        if "indicators" not in tables:
            raise ConfigError(f"知识库尚未构建: {self.path}；请先运行 jixiao build")
        self.conn = conn
        self._db = None
        self.info = build_info(conn)
        self._has_corpus = "corpus_chunks" in tables
        self.index = IndicatorIndex.load(conn)
        ids = self.index.rows.column("id") if hasattr(self.index.rows, "column") else [r["id"] for r in self.index.rows]
        self._by_id = {x: i for i, x in enumerate(ids)}
        self._suggest_models = None
        self._hybrid = None
        self._corpus = None
        self._citations = None
        self._lookup = None

    def warm(self) -> None:
        """Load everything a request may need now rather than on the first request.

        The dense retriever (embedder, vectors, calibration), the lookup, the
        corpora's index, the checker's rule catalog; then one search,
        suggest and check run through every path once (the embedder's model
        pages, the tokenizer's memo and the per-index masks are in memory
        afterwards). `jixiao serve` calls it at start-up.
        """
        from kb.domain.schema import TargetRow

        if self.hybrid is not None:
            self.hybrid.retriever.embedder.encode_query("预热")
        _ = self.lookup
        if self.corpus is not None:
            _ = self.corpus.index
        self.search("满意度")
        self.suggest("修缮乡村道路12公里，惠及沿线村民3000人", project_name="乡村道路修缮", budget_wan=250)
        self.check(Declaration(project_name="预热", rows=[TargetRow(
            level1="产出指标", level2="数量指标", name="培训人次", operator="≥", value="100", unit="人次")]))

    def reload(self) -> None:
        """Reload after a rebuild or a library change (thread-safe)."""
        with self._lock:
            self.load()

    @property
    def db(self):
        """The KB file as a sqlite-utils `Database` (over `conn`, made on first use)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @property
    def suggest_models(self) -> "SuggestModels":
        """The project types, the type detector, the ranker and the family statistics stored by
        `jixiao build` (read on first use, so opening the KB stays fast)."""
        if self._suggest_models is None:
            from kb.suggest.bundle import SuggestModels
            from kb.suggest.kbdata import read_suggest_data

            self._suggest_models = SuggestModels.load(self.index.rows, read_suggest_data(self.conn))
        return self._suggest_models

    @property
    def hybrid(self):
        """The dense/hybrid retriever, or None when no embedder is configured."""
        if self._hybrid is None and self.settings.embedder not in ("", "none"):
            from kb.indicators.hybrid import HybridRetriever  # lazy: the embedder stack loads only when used
            from kb.retrieval.embed import get_embedder

            embedder = get_embedder(self.settings)
            if embedder is None:
                return None
            self._hybrid = HybridRetriever.load(self.index, self.conn, embedder)
        return self._hybrid

    @property
    def corpus(self):
        """The KB file's corpora (lexical `kb.corpus.Corpus`), or None when none are stored."""
        if self._corpus is None and self._has_corpus:
            from kb.corpus import Corpus

            self._corpus = Corpus(self.path, self.settings, embedder=None)
        return self._corpus

    def related_knowledge(self, ind: Indicator) -> dict:
        """Policy articles and expert opinions related to an indicator: {"articles": [...], "opinions": [...]}."""
        if self.corpus is None:
            return {"articles": [], "opinions": []}
        return self.corpus.indicator_links(f"{plain_name(ind.name)} {ind.explanation}")

    def default_mode(self) -> str:
        """hybrid when an embedder is configured and vectors exist, else lexical."""
        return "hybrid" if self.hybrid is not None else "lexical"

    # ------------------------------------------------------------------ queries
    def search(self, query: str, *, filters: dict | None = None, top: int = 10, offset: int = 0,
               mode: str | None = None, visible_units: set[str] | None = None,
               facets: bool = False) -> SearchResult:
        """Search the libraries.

        Args:
            query: Chinese text; filters: any of level1, level2, library,
                unit_name, category, sector (identifiers for level1/level2/library);
            top/offset: page; mode: lexical | dense | hybrid (default: hybrid
                when an embedder is configured). Hybrid ranks lexically, and
                embeds nothing, when the query's words settle it (its best
                lexical match holds every content word of it,
                `kb.retrieval.settled`: a library name, a fragment); the
                result's `mode` is the ranking used;
            visible_units: when given, unit libraries of other units are hidden
                from hits, total and facets alike;
            facets: also count the matches per 一级/二级/library/sector/category
                (`kb.indicators.facets`).
        Raises DataError on an unknown filter or mode.
        """
        filters = _clean_filters(filters)
        if mode not in (None, *MODES):
            raise DataError(f"mode 只能是 {'/'.join(MODES)}", field="mode")
        if top < 1 or top > 200:
            raise DataError("top 必须在 1..200 之间", field="top")
        if offset < 0:
            raise DataError("offset 不能为负", field="offset")
        # a settled query needs no embedder: decided before the dense side is loaded (a CLI call spares it)
        asked = mode
        settled = mode in (None, "hybrid") and self.settings.embedder not in ("", "none") and \
            self._words_settle(query, filters, visible_units)
        mode = mode or ("lexical" if settled else self.default_mode())
        if mode == "hybrid" and settled and self.hybrid is not None:
            mode = "lexical"
        kept: dict = {}
        if mode == "lexical" or self.hybrid is None:
            if mode != "lexical" and self.hybrid is None:
                raise DataError("未配置向量模型(JIXIAO_EMBEDDER=none)，只能使用 lexical 模式", field="mode")
            res = search_lexical(self.index, query, filters=filters, top=top, offset=offset,
                                 visible_units=visible_units)
        else:
            res = self.hybrid.search(query, filters=filters, top=top, offset=offset, mode=mode,
                                     visible_units=visible_units, matched_out=kept)
        if facets:
            from kb.indicators.facets import facet_counts

            res.facets = facet_counts(self.index, query, filters, visible_units=visible_units,
                                      matched=self._matched_by_filters(query, filters, asked, mode, kept,
                                                                       visible_units))
        return res

    def _matched_by_filters(self, query: str, filters: dict, asked: str | None, mode: str, kept: dict,
                            visible_units: set[str] | None):
        """For facet counts: filters → the bool (n,) mask of the documents a search of `query` asked in
        mode `asked` counts under those filters, or None when that is the lexical matches whatever the
        filters (lexical mode, or no embedder). In the default mode and in hybrid mode a search ranks
        lexically when the query's words settle it, and whether they do depends on the filters
        (`_words_settle`); each filter set is decided as its own search would decide it (round 17: 培训人数
        settled unfiltered, its facet counts were lexical while a chosen filter searched hybrid).
        `mode` and `kept` are the search's own (its mode, `matched_out`): its set is not searched again."""
        if self.hybrid is None or asked == "lexical":
            return None
        import numpy as np

        hybrid, full = self.hybrid, tuple(sorted(filters.items()))
        can_settle = asked in (None, "hybrid") and self.settings.embedder not in ("", "none")
        tokens = self.index.query_tokens(query)
        lexical = (self.index.lexical.scores(tokens) > 0) if tokens else np.zeros(len(self.index.active), dtype=bool)

        qvec: list = []  # the query embedded once for every filter set

        def matched(fs: dict):
            if tuple(sorted(fs.items())) == full:
                return kept["matched"] if mode != "lexical" else lexical
            if can_settle and self._words_settle(query, fs, visible_units):
                return lexical
            if not qvec:
                qvec.append(hybrid.query_vector(query))
            return hybrid.matched(query, filters=fs, mode=asked or "hybrid", visible_units=visible_units,
                                  qvec=qvec[0])
        return matched

    def _words_settle(self, query: str, filters: dict, visible_units: set[str] | None) -> bool:
        """The best lexical match among the visible indicators holds every content word of the query
        (`kb.retrieval.settled`)."""
        from kb.indicators.search import lexical_ranked
        from kb.retrieval.settled import settled

        best, _, _ = lexical_ranked(self.index, query, None, 1, filters=filters, visible_units=visible_units)
        return settled(self.index.lexical, self.index.tokenizer, query, best[0][0] if best else None)

    def get_indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; raises NotFound."""
        i = self._by_id.get(indicator_id)
        if i is None:
            raise NotFound(f"指标不存在: {indicator_id}")
        return row_to_indicator(self.index.rows[i])

    def indicator_detail(self, indicator_id: str, *, visible_units: set[str] | None = None
                         ) -> tuple[Indicator, dict]:
        """(indicator, related knowledge) for the indicator page; NotFound also for a unit library
        the caller may not see (`visible_units`, None = all), as if it did not exist."""
        ind = self.get_indicator(indicator_id)
        if ind.library.value == "unit" and visible_units is not None and ind.unit_name not in visible_units:
            raise NotFound(f"指标不存在: {indicator_id}")
        return ind, self.related_knowledge(ind)

    def find(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, or None."""
        i = self._by_id.get(indicator_id)
        return None if i is None else row_to_indicator(self.index.rows[i])

    def indicators(self) -> list[Indicator]:
        """All indicators of the KB (active and deprecated)."""
        return [row_to_indicator(r) for r in self.index.rows]

    def library(self, unit_name: str | None = None) -> list[Indicator]:
        """The 基础指标库 (unit_name None) or one unit's 单位指标库, in library order, active and deprecated.

        Raises NotFound for a unit library that does not exist (or is empty).
        """
        if not unit_name:
            return [row_to_indicator(r) for r in self.index.rows if r["library"] == "basic"]
        u = normalize(unit_name)
        out = [row_to_indicator(r) for r in self.index.rows if r["library"] == "unit" and r["unit_name"] == u]
        if not out:
            raise NotFound(f"单位指标库不存在: {unit_name}")
        return out

    def table_indicator(self, name: str, level2: str | None = None, *, indicator_id: str | None = None,
                        visible_units: set[str] | None = None, sector: str | None = None,
                        unit_name: str | None = None, unit: str | None = None) -> Indicator | None:
        """The library indicator a 绩效目标表 row stands for (its 指标解释 comes from it), or None.

        By `indicator_id` when that indicator still carries the row's name
        (`kb.indicators.lookup.names_indicator`; a row renamed by a fix no
        longer stands for its old indicator); else `lookup` by name (and
        二级指标, identifier or label) among the indicators that fit the
        project: generic ones (sector 通用 or blank), those of the project's
        `sector` (the same name or one containing the other), the project
        unit's own (`unit_name`, or the caller's `visible_units`) and, when
        the sector is unknown, an indicator of exactly the row's name.
        Another sector's specific row is never taken by likeness (a road
        project's 服务对象满意度 is not 就业服务对象满意度), and a likeness
        must reach `EXPLANATION_MIN_DICE`: a definition of another
        indicator is worse than none (完工完成时间 is not 采购完成时间).
        None too when the caller may not see the indicator (another unit's
        单位指标库, `visible_units`; None = all). With the row's `unit`, an indicator measured otherwise
        (`kb.domain.units.explains_unit`: a total in 万元 is not explained by a standard in 元/人·天) is none.
        """
        def visible(ind: Indicator) -> bool:
            if unit and not explains_unit(unit, ind.typical.unit or ind.unit):
                return False
            return ind.library.value == "basic" or visible_units is None or ind.unit_name in visible_units

        min_dice = self.settings.checker.lookup_min_dice
        if indicator_id:
            ind = self.find(indicator_id)
            if ind is not None and names_indicator(name, ind, min_dice):
                return ind if visible(ind) else None
        if not (name or "").strip():
            return None
        want = normalize(sector or "")

        def fits(ind: Indicator) -> bool:
            if not visible(ind):
                return False
            own = normalize(ind.sector or "")
            if own in ("", "通用") or (ind.library.value == "unit" and (
                    ind.unit_name == unit_name or visible_units is not None)):
                return True
            return (own in want or want in own) if want else same_name(name, ind)

        l2 = parse_level2(level2)
        return self.lookup.among(name, l2.value if l2 else None, fits, EXPLANATION_MIN_DICE)

    def table_sector(self, indicator_ids: list[str | None]) -> str:
        """The sector a table's rows show when the project names none: the one sector (not 通用)
        of the indicators its rows were taken from (by id), else ''."""
        found = {normalize(ind.sector) for i in indicator_ids if i and (ind := self.find(i)) is not None}
        found -= {"", "通用"}
        return found.pop() if len(found) == 1 else ""

    @property
    def lookup(self) -> "IndicatorLookup":
        """The library indicator a declared row most likely means: `kb.lookup(name, level2) -> Indicator | None`.

        `kb.indicators.lookup.IndicatorLookup` over this KB (shipped and
        managed indicators): exact name or synonym, else bigram Dice ≥
        `settings.checker.lookup_min_dice` within the same 二级指标. Built on
        first use; `.typical(name, level2)` gives its typical target.
        """
        if self._lookup is None:
            from kb.indicators.lookup import IndicatorLookup

            self._lookup = IndicatorLookup.from_rows(self.index.rows, row_to_indicator,
                                                     self.settings.checker.lookup_min_dice)
        return self._lookup

    def suggest(self, description: str, *, project_name: str | None = None,
                budget_wan: float | None = None, department: str | None = None,
                sector: str | None = None, unit_name: str | None = None, top: int = 5,
                mode: str | None = None, exclude_origin: str | None = None,
                learned: "dict[str, LearnedIndicator] | None" = None, with_opinions: bool = True,
                project_types: list[str] | None = None, models: "SuggestModels | None" = None):
        """Draft 绩效目标表 for a project (see `kb.suggest.engine.suggest` for fields).

        with_opinions: attach up to two relevant expert opinions to the first
        candidate of each slot (from the `expert_opinion` corpus).
        project_types: type ids (or names) that override type detection.
        models: other learned models (the evaluation's folds); default the KB's own.
        """
        from kb.suggest import suggest

        mode = mode or self.default_mode()
        if mode not in MODES:
            raise DataError(f"mode 只能是 {'/'.join(MODES)}", field="mode")
        if top < 1 or top > 50:
            raise DataError("top 必须在 1..50 之间", field="top")
        if budget_out_of_range(budget_wan):
            raise DataError(BUDGET_RANGE, field="budget_wan")
        if not (description or "").strip() and not (project_name or "").strip():
            raise DataError("项目描述为空", field="description")
        ranker = None
        if mode != "lexical":
            if self.hybrid is None:
                raise DataError("未配置向量模型(JIXIAO_EMBEDDER=none)，只能使用 lexical 模式", field="mode")
            ranker = self.hybrid.ranker(mode)
        res = suggest(self.index, models or self.suggest_models, description, project_name=project_name,
                      budget_wan=budget_wan, department=department, sector=sector, unit_name=unit_name, top=top,
                      exclude_origin=exclude_origin, learned=learned, ranker=ranker, mode=mode,
                      project_types=project_types, checker_settings=self.settings.checker)
        if with_opinions and res.confident and self.corpus is not None:
            from kb.corpus.corpus import link

            for slot in res.table:
                c = slot.candidates[0]
                hits = self.corpus.related(f"{c.name} {slot.level2_label}", ("expert_opinion",), 2)
                c.opinions = [link(h) for h in hits]
        return res

    def check(self, declaration: Declaration, *, suggest: bool = True, library: bool = True):
        """Check a 绩效目标表 with the rule catalog: the one check of the CLI, the API and 事前申报.

        Thresholds from `settings.checker`; rewrite targets from `lookup`
        (`library=False`: the generic defaults); findings whose basis names
        a stored policy get a `citation`. Returns a `kb.domain.findings.CheckReport`
        (see `kb.checker.check_declaration`).
        """
        from kb.checker import check_declaration  # lazy: the checker compiles its lexicons on import
        from kb.checker.citations import attach_citations

        report = check_declaration(declaration, settings=self.settings.checker, suggest=suggest,
                                   lookup=self.lookup if library else None)
        return attach_citations(report, self.citations)

    @property
    def citations(self):
        """A rule basis → citation into the stored corpora (`kb.corpus.cite.Citations`), None without corpora.

        SQL only: checking never loads the corpora's search index or tokenizer.
        """
        if self._citations is None and self._has_corpus:
            from kb.corpus.cite import Citations

            self._citations = Citations(connect(self.path))  # its own connection: requests read it in parallel
        return self._citations


def _clean_filters(filters: dict | None) -> dict:
    out = {}
    for k, v in (filters or {}).items():
        if v in (None, ""):
            continue
        if k not in FILTER_FIELDS:
            raise DataError(f"未知筛选条件 {k}；可用: {', '.join(FILTER_FIELDS)}", field=k)
        if k == "level1":
            p = parse_level1(v)
            if p is None:
                raise DataError(f"一级指标取值无效: {v}", field=k)
            v = p.value
        elif k == "level2":
            p = parse_level2(v)
            if p is None:
                raise DataError(f"二级指标取值无效: {v}", field=k)
            v = p.value
        elif k == "library" and v not in ("basic", "unit"):
            v = {"基础指标库": "basic", "单位指标库": "unit"}.get(v, v)
            if v not in ("basic", "unit"):
                raise DataError("library 只能是 basic 或 unit", field=k)
        out[k] = v
    return out


def _publish_committed(settings: Settings, session, kb: KnowledgeBase | None, version: int) -> bool:
    """Publish a committed library change into the KB file; False (logged) when the KB file is locked,
    read-only or full. The change is acknowledged whatever happens here: publishing is idempotent
    (shipped + every managed indicator) and retried by `sync_library`."""
    from kb.errors import fault_of

    try:
        return publish_library(settings, session, kb)
    except Exception as e:
        if fault_of(e) is None:
            raise
        _log.warning("library change %s stored, publishing deferred: %s", version, fault_of(e))
        return False


def change_library(session, principal, body, *, settings: Settings | None = None,
                   kb: KnowledgeBase | None = None):
    """Apply library changes (all-or-nothing), publish them into the KB file and reload `kb`.

    The one "apply → publish → reload" of `jixiao library …` and the admin
    API (`kb.lifecycle.library.apply_changes` / `publish`). `kb`: the loaded
    KB whose shipped indicators may be changed (None before the first
    build: changes are stored and published by the next call). Returns
    (`LibraryChangesOut`, published).
    """
    from kb.lifecycle.library import apply_changes  # lazy: the workflow stack is heavy

    out = apply_changes(session, principal, body, lookup=kb.find if kb is not None else None)
    published = _publish_committed(settings or get_settings(), session, kb, out.library_version)
    return out, published


_publish_lock = threading.Lock()


def publish_library(settings: Settings, session, kb: KnowledgeBase | None = None) -> bool:
    """Publish the workflow database's library into this KB file (if it is behind) and reload `kb`.

    Idempotent: writes shipped + managed indicators as of the database's
    `library_version`; a KB file already at that version is left alone.
    Returns True when the KB file now has that version. Raises on a fault of
    the KB file (locked, read-only, full) — the caller retries later.
    """
    from kb.lifecycle.library import library_version, publish
    from kb.lifecycle.tx import transaction

    with _publish_lock:
        with transaction(session):
            version = library_version(session)
        path = settings.resolved_kb_path()
        if not path.exists():
            return False
        conn = connect(path)
        try:
            current = build_info(conn).get("library_version", "0")
        finally:
            conn.close()
        if current != str(version):
            if not publish(settings, session):
                return False
        if kb is not None and kb.info.get("library_version", "0") != str(version):
            kb.reload()
        return True


def sync_library(settings: Settings, kb: KnowledgeBase | None) -> bool:
    """One poll of a replica: publish and reload when the workflow database holds a library
    version this KB file has not got yet (a change made through another replica or process).
    Returns whether the KB is now current; never raises for a database or file fault."""
    from kb.lifecycle.db import get_sessionmaker

    try:
        with get_sessionmaker(settings.resolved_database_url())() as session:
            return publish_library(settings, session, kb)
    except Exception as e:  # noqa: BLE001 - a poller must survive anything; faults are logged
        _log.warning("library sync failed: %s: %s", type(e).__name__, e)
        return False


def import_library(session, principal, data: bytes, *, kb: KnowledgeBase, unit_name: str | None = None,
                   file: str = ""):
    """Import a library workbook (.xlsx) all-or-nothing, publish it into the KB file and reload `kb`.

    The one import of `jixiao library import` and `POST /v1/admin/library/import`
    (`kb.lifecycle.library_import.import_workbook`: who may import which
    library, `第N行 列名: 问题` for every problem). `kb` must be built: its
    indicators are what the sheet's rows update. Returns `ImportResult`.
    """
    from kb.lifecycle.library_import import import_workbook  # lazy: the workflow stack is heavy

    out = import_workbook(session, principal, data, lookup=kb.find, unit_name=unit_name, file=file)
    if out.added or out.updated:  # committed: acknowledged now, published here or by the poller
        out.published = _publish_committed(kb.settings, session, kb, out.library_version)
    return out


def table_checker(settings: Settings | None = None, *, library: bool = True):
    """The check `jixiao check` runs: (check, uses the library).

    `KnowledgeBase.check` of the built KB file (the same check as the API and
    事前申报); before the first `jixiao build`, the rule catalog alone with the
    thresholds of `settings.checker`, generic rewrite targets and no citations.
    `check(declaration) -> CheckReport`.
    """
    settings = settings or get_settings()
    if settings.resolved_kb_path().exists():
        kb = get_kb(settings)
        return (lambda decl: kb.check(decl, library=library)), library
    from kb.checker import check_declaration  # lazy: the checker compiles its lexicons on import

    return (lambda decl: check_declaration(decl, settings=settings.checker)), False


_KB_CACHE: dict[tuple[str, str], KnowledgeBase] = {}
_INHERITED: list = []  # a forked child's inherited citation handles: kept alive, never used nor closed


def _own_connections_after_fork() -> None:
    """In a forked child (`kb.checker.batch`'s workers): citations open their own SQLite connection on next
    use — SQLite forbids using a connection across fork(); the inherited one is kept, never closed, so the
    child's exit does not touch the parent's file locks or WAL."""
    for kb in _KB_CACHE.values():
        if kb._citations is not None:
            _INHERITED.append(kb._citations)
            kb._citations = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_own_connections_after_fork)


def get_kb(settings: Settings | None = None) -> KnowledgeBase:
    """A process-wide KnowledgeBase per KB path and embedder setting (loaded once)."""
    settings = settings or get_settings()
    kb = loaded_kb(settings)
    if kb is None:
        kb = _KB_CACHE[_cache_key(settings)] = KnowledgeBase(settings)
    return kb


def loaded_kb(settings: Settings) -> KnowledgeBase | None:
    """`get_kb(settings)` when it is loaded already, else None (never loads: no I/O)."""
    return _KB_CACHE.get(_cache_key(settings))


def _cache_key(settings: Settings) -> tuple[str, str]:
    return str(settings.resolved_kb_path()), settings.embedder


_CORPUS_CACHE: dict[tuple[str, str], object] = {}


def get_corpus(settings: Settings | None = None):
    """A process-wide `kb.corpus.Corpus` (hybrid when an embedder is configured) per KB path and embedder."""
    from kb.corpus import Corpus

    settings = settings or get_settings()
    c = loaded_corpus(settings)
    if c is None:
        c = _CORPUS_CACHE[_cache_key(settings)] = Corpus(settings=settings)
    return c


def loaded_corpus(settings: Settings):
    """`get_corpus(settings)` when it is loaded already, else None (never loads: no I/O)."""
    return _CORPUS_CACHE.get(_cache_key(settings))


def build(settings: Settings | None = None, *, force: bool = False, console=None, notify=None) -> "BuildReport":
    """Build or refresh the KB file named by `settings`: indicators, vectors, shipped corpora.

    The libraries under `settings.indicators_dir` are validated first (the
    first bad row raises DataError and nothing is written), then the project
    types and training tables (`kb.suggest.build`: every problem listed as
    `file:line: field: problem`), overlaid with the indicators managed through
    the lifecycle API (kept across rebuilds), written by
    `kb.store.build.build_indicators` together with suggest's types and the
    models trained on the new index (one transaction), and embedded with the
    configured embedder — the package's vectors (`kb.retrieval.shipped`)
    first, so a fresh install embeds nothing; then the shipped corpora are synced. `notify`: one
    Chinese status line per step.
    """
    from kb.corpus import sync_default_corpora
    from kb.io.library import load_libraries
    from kb.suggest.build import load_suggest_data, model_code_digest, suggest_tables
    from kb.suggest.project_types import data_files as suggest_files
    from kb.lifecycle.library import managed_from_workflow  # lazy: the workflow stack is heavy
    from kb.retrieval.embed import get_embedder
    from kb.store.build import build_indicators, merged_indicators
    from kb.store.db import open_db

    settings = settings or get_settings()
    say = notify or (lambda _msg: None)
    t0 = time.perf_counter()
    say("校验指标库 …")
    indicators = load_libraries(settings.indicators_dir)  # validates all, before any write
    managed = managed_from_workflow(settings)
    if managed:
        indicators = merged_indicators(indicators, managed)
    say("校验项目类型与训练表 …")
    data = load_suggest_data(settings.indicators_dir, indicators)  # validates all, before any write
    embedder = get_embedder(settings)
    shipped = None
    if embedder is not None:
        from kb.retrieval.shipped import ShippedVectors, shipped_path

        shipped = ShippedVectors.load(shipped_path(settings.indicators_dir, embedder.name))
    report = build_indicators(settings, indicators, embedder=embedder, force=force, console=console, notify=say,
                              shipped=shipped, extra=suggest_tables(data, notify=say),
                              extra_files=suggest_files(settings.indicators_dir), salt=model_code_digest())
    say("同步内置语料(政策、问答、专家意见)…")
    report.corpus = sync_default_corpora(open_db(report.kb_path), settings.corpora_dir, embedder=embedder,
                                         progress=settings.progress, shipped=shipped) or {}
    report.seconds = time.perf_counter() - t0
    return report
