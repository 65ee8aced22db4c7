"""The SQLite KB file: build it from `indicators/` (and the shipped corpora).

Tables (inspect with `sqlite-utils tables var/jixiao.kb.sqlite`):
- `indicators` — one row per indicator (lists as JSON), with `content_hash`
- `synonyms` — (indicator_id, term)
- `build_info` — key/value: content_hash of the data files, built_at, counts
- `data_files` — path, sha256 of every library file at the last build
- `blobs` — the lexical index (npz) and the tokenizer's user dictionary
- `vectors` — dense vectors cached by content hash (see `kb.vectors`)
- `corpus_*` — documents and chunks (see `kb.corpus`)

A build validates everything first (all-or-nothing: the first bad row raises
`DataError`, the file is not touched), then writes in one transaction, so a
crash mid-write leaves the previous KB intact. When no data file changed the
build does nothing; when some did, only changed indicators are re-embedded.
Not for querying (see `kb.knowledge`).
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from kb.library import file_digest, library_files, load_libraries
from kb.lexical import LexicalIndex
from kb.schema import Indicator
from kb.settings import Settings
from kb.suggest.build import load_suggest_data, train_suggest_models
from kb.suggest.kbdata import write_suggest_data
from kb.suggest.project_types import data_files as suggest_files
from kb.text import normalize_name
from kb.tokenize import Tokenizer

# bump when tokenisation or the stored layout changes: forces a full rebuild
INDEX_VERSION = "5"


@dataclass
class BuildReport:
    """What a build did. `changed_files` are relative paths; counts are rows."""

    kb_path: Path
    skipped: bool = False
    indicators: int = 0
    changed_files: list[str] = field(default_factory=list)
    embedded: int = 0
    corpus: dict = field(default_factory=dict)
    seconds: float = 0.0


def indicator_hash(ind: Indicator) -> str:
    """Content hash of one indicator (everything but version/status)."""
    d = ind.model_dump(mode="json", exclude={"version", "status"})
    return hashlib.sha256(json.dumps(d, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def indicator_row(ind: Indicator) -> dict:
    """Flatten an Indicator into its `indicators` table row."""
    d = ind.model_dump(mode="json")
    t = d.pop("typical")
    for k in ("synonyms", "keywords", "origin"):
        d[k] = json.dumps(d[k], ensure_ascii=False)
    d.update(typ_operator=t["operator"], typ_value=t["value"], typ_unit=t["unit"],
             name_norm=normalize_name(ind.name.replace("〔", "").replace("〕", "")),
             content_hash=indicator_hash(ind))
    return d


def row_to_indicator(r: dict) -> Indicator:
    """Inverse of `indicator_row`."""
    d = {k: v for k, v in r.items() if k not in ("typ_operator", "typ_value", "typ_unit",
                                                 "name_norm", "content_hash")}
    for k in ("synonyms", "keywords", "origin"):
        d[k] = json.loads(d[k] or "[]")
    d["typical"] = {"operator": r["typ_operator"], "value": r["typ_value"], "unit": r["typ_unit"]}
    return Indicator.model_validate(d)


def tokenizer_words(indicators: list[Indicator]) -> list[str]:
    """User-dictionary words generated from the libraries: names, synonyms, units."""
    words: list[str] = []
    for ind in indicators:
        words.append(ind.name.replace("〔", "").replace("〕", ""))
        words.extend(ind.synonyms)
        words.extend(ind.keywords)
        if ind.unit:
            words.append(ind.unit)
    return words


def index_text(ind: Indicator) -> str:
    """Text the lexical index sees for an indicator (name weighted twice)."""
    name = ind.name.replace("〔", "").replace("〕", "")
    return " ".join([name, name, *ind.synonyms, *ind.keywords, ind.category, ind.sector])


def embed_text(ind: Indicator) -> str:
    """Text embedded for dense retrieval: name, synonyms and explanation."""
    name = ind.name.replace("〔", "").replace("〕", "")
    syn = "、".join(ind.synonyms[:6])
    return f"{name}。{syn}。{ind.explanation}".strip("。")


def data_fingerprint(settings: Settings) -> tuple[str, dict[str, str]]:
    """(content hash over all library files + INDEX_VERSION, {relpath: sha256})."""
    base = Path(settings.indicators_dir)
    paths = library_files(base) + suggest_files(base)
    files = {str(p.relative_to(base)): file_digest(p) for p in paths}
    h = hashlib.sha256(INDEX_VERSION.encode())
    for k in sorted(files):
        h.update(f"{k}\0{files[k]}\n".encode())
    return h.hexdigest(), files


def open_db(path: Path) -> sqlite_utils.Database:
    """Open (creating folders) the KB file in WAL mode, usable from the service's worker threads.

    The connection is not thread-bound (check_same_thread=False); callers
    serialise writes (builds run in one process; `KnowledgeBase` only reads).
    """
    import sqlite3

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False, timeout=30))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def build_info(db: sqlite_utils.Database) -> dict[str, str]:
    """The `build_info` table as a dict ({} before the first build)."""
    if "build_info" not in db.table_names():
        return {}
    return {r["key"]: r["value"] for r in db["build_info"].rows}


def write_indicators(db: sqlite_utils.Database, indicators: list[Indicator], *,
                     info: dict[str, str], files: dict[str, str] | None = None,
                     progress=None, suggest_data=None) -> None:
    """Replace the indicator tables, lexical index and build info in ONE transaction.

    suggest_data: the validated project types and training tables
    (`kb.suggest.build.load_suggest_data`); their models are trained here on
    the new index and written in the same transaction.
    """
    tok = Tokenizer(tokenizer_words(indicators))
    docs = []
    for ind in indicators:
        docs.append(tok.tokens(index_text(ind)))
        if progress:
            progress()
    lex = LexicalIndex.build(docs)
    rows = [indicator_row(i) for i in indicators]
    syn = [{"indicator_id": i.id, "term": t} for i in indicators for t in i.synonyms]
    if suggest_data is not None:
        train_suggest_models(rows, lex, tok, suggest_data)
    with db.atomic():
        for t in ("indicators", "synonyms"):
            if t in db.table_names():
                db.execute(f"DELETE FROM [{t}]")
        db["indicators"].insert_all(rows, pk="id", batch_size=2000, alter=True)
        if syn:
            db["synonyms"].insert_all(syn, batch_size=5000)
        else:
            db["synonyms"].create({"indicator_id": str, "term": str}, if_not_exists=True)
        db["blobs"].upsert_all([
            {"name": "lexical", "data": lex.to_bytes()},
            {"name": "userdict", "data": "\n".join(tok.words).encode("utf-8")},
        ], pk="name")
        if files is not None:
            if "data_files" in db.table_names():
                db.execute("DELETE FROM data_files")
            db["data_files"].insert_all([{"path": k, "sha256": v} for k, v in files.items()],
                                        pk="path")
        if suggest_data is not None:
            write_suggest_data(db, suggest_data)
        db["build_info"].upsert_all([{"key": k, "value": str(v)} for k, v in info.items()], pk="key")
    for col in ("level2", "library", "unit_name"):
        db["indicators"].create_index([col], if_not_exists=True)


def build(settings: Settings, *, force: bool = False, console=None, notify=None) -> BuildReport:
    """Build or refresh the KB file named by `settings`.

    notify: optional callable taking one Chinese status line per step (the CLI
    prints them, so a long embedding run is never silent).
    Raises DataError (nothing written) when a data file is invalid.
    """
    say = notify or (lambda _msg: None)
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                               TextColumn, TimeElapsedColumn)

    t0 = time.perf_counter()
    path = settings.resolved_kb_path()
    report = BuildReport(kb_path=path)
    content_hash, files = data_fingerprint(settings)
    say("校验指标库 …")
    indicators = load_libraries(settings.indicators_dir)  # validates all, before any write
    managed = managed_from_workflow(settings)
    if managed:
        from kb.lifecycle.library import merged_indicators

        indicators = merged_indicators(indicators, managed)
    say("校验项目类型与训练表 …")
    suggest_data = load_suggest_data(settings.indicators_dir, indicators)
    db = open_db(path)
    info = build_info(db)
    old_files = {r["path"]: r["sha256"] for r in db["data_files"].rows} if "data_files" in db.table_names() else {}
    report.changed_files = sorted(k for k in set(files) | set(old_files) if files.get(k) != old_files.get(k))
    embedder = _embedder(settings)
    fp = embedder.fingerprint if embedder is not None else "none"
    report.indicators = len(indicators)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                  disable=not settings.progress, transient=False) as prog:
        fresh = (not force and info.get("content_hash") == content_hash)
        if not fresh:
            say(f"构建指标检索索引({len(indicators)} 个指标)…")
            task = prog.add_task("构建指标检索索引", total=len(indicators))
            write_indicators(db, indicators, files=files, info={
                "content_hash": content_hash, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "indicator_count": str(len(indicators)), "index_version": INDEX_VERSION,
            }, progress=lambda: prog.advance(task), suggest_data=suggest_data)
        if embedder is not None and (not fresh or info.get("embedder") != fp):
            from kb.vectors import ensure_vectors

            items = [(i.id, embed_text(i), indicator_hash(i)) for i in indicators]
            say(f"计算指标向量({embedder.fingerprint.split(':')[0]}；首次构建需数分钟，之后只算变化的指标)…")
            stats: dict = {}
            ensure_vectors(db, "indicator", items, embedder, progress=settings.progress, stats=stats)
            report.embedded = int(stats.get("embedded", 0))
            with db.atomic():
                db["build_info"].upsert({"key": "embedder", "value": fp}, pk="key")
        elif embedder is None and info.get("embedder") not in (None, "none"):
            with db.atomic():
                db["build_info"].upsert({"key": "embedder", "value": "none"}, pk="key")
        report.skipped = fresh and (embedder is None or info.get("embedder") == fp)
    try:
        from kb.corpus import sync_default_corpora
    except ImportError:
        sync_default_corpora = None
    if sync_default_corpora is not None:
        say("同步内置语料(政策、问答、专家意见)…")
        report.corpus = sync_default_corpora(db, settings.corpora_dir, embedder=embedder,
                                             progress=settings.progress) or {}
    report.seconds = time.perf_counter() - t0
    return report


def managed_from_workflow(settings: Settings) -> list[Indicator]:
    """Indicators added or changed through the library-management API (kept across rebuilds).

    Read from the workflow database when it exists and is migrated; [] otherwise.
    """
    url = settings.resolved_database_url()
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    try:
        from sqlalchemy.exc import SQLAlchemyError

        from kb.lifecycle.db import get_sessionmaker
        from kb.lifecycle.library import managed_indicators
    except ImportError:
        return []
    try:
        with get_sessionmaker(url)() as session:
            return managed_indicators(session)
    except SQLAlchemyError:
        return []


def _embedder(settings: Settings):
    if settings.embedder in ("", "none"):
        return None
    try:
        from kb.embed import get_embedder
    except ImportError:
        return None
    return get_embedder(settings)
