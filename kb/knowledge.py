"""`KnowledgeBase`: the one facade the CLI and the HTTP service call.

Opens a built KB file (see `kb.store.build`) and answers: `search`,
`get_indicator`, `suggest`, `lookup` (row name → library indicator, for the
checker), `check`. Loading is read-only and cheap enough to do once per
process; `reload()` picks up a rebuilt file without restarting.
Not for building (see `kb.store`) or workflow data (see `kb.lifecycle`).
"""
from __future__ import annotations

import threading
from pathlib import Path

from kb.errors import ConfigError, DataError, NotFound
from kb.learned import LearnedIndicator
from kb.lexical import LexicalIndex
from kb.rows import RowStore
from kb.schema import Indicator
from kb.search import FILTER_FIELDS, IndicatorIndex, SearchResult, search_lexical
from kb.settings import Settings, get_settings
from kb.store import build_info, open_db, row_to_indicator
from kb.suggest.bundle import SuggestModels
from kb.suggest.kbdata import read_suggest_data
from kb.text import bigram_dice, normalize_name
from kb.tokenize import Tokenizer

MODES = ("lexical", "dense", "hybrid")


# The largest budget a request may state: 10 万亿元 (1e9 万元), beyond any single project.
MAX_BUDGET_WAN = 1e9


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
            raise ConfigError(f"知识库文件不存在: {self.path}；请先运行 jixiao build")
        db = open_db(self.path)
        if "indicators" not in db.table_names():
            raise ConfigError(f"知识库尚未构建: {self.path}；请先运行 jixiao build")
        self.db = db
        self.info = build_info(db)
        self._has_corpus = "corpus_chunks" in db.table_names()
        rows = RowStore.from_cursor(db.execute("SELECT * FROM indicators ORDER BY rowid"))
        blobs = {r["name"]: r["data"] for r in db.query("SELECT name, data FROM blobs")}
        lex = LexicalIndex.from_bytes(blobs["lexical"])
        words = blobs.get("userdict", b"").decode("utf-8").split("\n")
        tok = Tokenizer(words)
        self.index = IndicatorIndex(rows=rows, lexical=lex, tokenizer=tok)
        self._by_id = {r["id"]: i for i, r in enumerate(rows)}
        self.suggest_models = SuggestModels.load(rows, read_suggest_data(db))
        self._hybrid = None
        self._corpus = None

    def reload(self) -> None:
        """Reload after a rebuild or a library change (thread-safe)."""
        with self._lock:
            self.load()

    @property
    def hybrid(self):
        """The dense/hybrid retriever, or None when no embedder is configured."""
        if self._hybrid is None and self.settings.embedder not in ("", "none"):
            try:
                from kb.hybrid import HybridRetriever
            except ImportError:
                return None
            self._hybrid = HybridRetriever.from_kb(self)
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
        return self.corpus.indicator_links(f"{ind.name.replace('〔', '').replace('〕', '')} {ind.explanation}")

    def default_mode(self) -> str:
        """hybrid when an embedder is configured and vectors exist, else lexical."""
        return "hybrid" if self.hybrid is not None else "lexical"

    # ------------------------------------------------------------------ queries
    def search(self, query: str, *, filters: dict | None = None, top: int = 10, offset: int = 0,
               mode: str | None = None, visible_units: set[str] | None = None) -> SearchResult:
        """Search the libraries.

        Args:
            query: Chinese text; filters: any of level1, level2, library,
                unit_name, category, sector (identifiers for level1/level2/library);
            top/offset: page; mode: lexical | dense | hybrid (default: hybrid
                when an embedder is configured);
            visible_units: when given, unit libraries of other units are hidden.
        Raises DataError on an unknown filter or mode.
        """
        filters = _clean_filters(filters)
        mode = mode or self.default_mode()
        if mode not in MODES:
            raise DataError(f"mode 只能是 {'/'.join(MODES)}", field="mode")
        if top < 1 or top > 200:
            raise DataError("top 必须在 1..200 之间", field="top")
        if offset < 0:
            raise DataError("offset 不能为负", field="offset")
        if mode == "lexical" or self.hybrid is None:
            if mode != "lexical" and self.hybrid is None:
                raise DataError("未配置向量模型(JIXIAO_EMBEDDER=none)，只能使用 lexical 模式", field="mode")
            res = search_lexical(self.index, query, filters=filters, top=top, offset=offset)
        else:
            res = self.hybrid.search(query, filters=filters, top=top, offset=offset, mode=mode)
        if visible_units is not None:
            res.hits = [h for h in res.hits if h.library == "basic"
                        or self.index.rows[self._by_id[h.indicator_id]]["unit_name"] in visible_units]
        return res

    def get_indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; raises NotFound."""
        i = self._by_id.get(indicator_id)
        if i is None:
            raise NotFound(f"指标不存在: {indicator_id}")
        return row_to_indicator(self.index.rows[i])

    def indicators(self) -> list[Indicator]:
        """All indicators of the KB (active and deprecated)."""
        return [row_to_indicator(r) for r in self.index.rows]

    def lookup(self, name: str, level2: str | None = None) -> Indicator | None:
        """The library indicator a declared row most likely means (for rewrites).

        Exact normalised name first; else the best lexical hit with bigram
        Dice ≥ 0.6 (same level2 when given). None when nothing is close.
        """
        key = normalize_name(name)
        for i in self.index.by_name.get(key, []):
            r = self.index.rows[i]
            if level2 is None or r["level2"] == level2:
                return row_to_indicator(r)
        res = search_lexical(self.index, name, filters={"level2": level2} if level2 else None, top=5)
        for h in res.hits:
            if bigram_dice(h.name, name) >= 0.6:
                return self.get_indicator(h.indicator_id)
        return None

    def suggest(self, description: str, *, project_name: str | None = None,
                budget_wan: float | None = None, department: str | None = None,
                sector: str | None = None, unit_name: str | None = None, top: int = 5,
                mode: str | None = None, exclude_origin: str | None = None,
                learned: dict[str, LearnedIndicator] | None = None, with_opinions: bool = True,
                project_types: list[str] | None = None, models: SuggestModels | None = None):
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
        if budget_wan is not None and not 0 <= budget_wan <= MAX_BUDGET_WAN:  # (NaN fails too)
            raise DataError(f"预算须为 0 到 {MAX_BUDGET_WAN:g} 之间的数(万元)", field="budget_wan")
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

    def check(self, declaration, **kw):
        """Check a Declaration with the rule catalog (see `kb.checker.check_declaration`)."""
        from kb.checker import check_declaration
        from kb.checker.citations import attach_citations

        return attach_citations(check_declaration(declaration, lookup=self.lookup, **kw), self.corpus)


def _clean_filters(filters: dict | None) -> dict:
    out = {}
    for k, v in (filters or {}).items():
        if v in (None, ""):
            continue
        if k not in FILTER_FIELDS:
            raise DataError(f"未知筛选条件 {k}；可用: {', '.join(FILTER_FIELDS)}", field=k)
        if k == "level1":
            from kb.schema import parse_level1

            p = parse_level1(v)
            if p is None:
                raise DataError(f"一级指标取值无效: {v}", field=k)
            v = p.value
        elif k == "level2":
            from kb.schema import parse_level2

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


_KB_CACHE: dict[tuple[str, str], KnowledgeBase] = {}


def get_kb(settings: Settings | None = None) -> KnowledgeBase:
    """A process-wide KnowledgeBase per KB path and embedder setting (loaded once)."""
    settings = settings or get_settings()
    key = (str(settings.resolved_kb_path()), settings.embedder)
    kb = _KB_CACHE.get(key)
    if kb is None:
        kb = _KB_CACHE[key] = KnowledgeBase(settings)
    return kb
