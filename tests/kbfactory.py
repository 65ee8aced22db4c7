"""Build small real KB files for tests (CSV → `kb.knowledge.build` → KnowledgeBase)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from kb.knowledge import KnowledgeBase, build
from kb.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


def built_shipped(home: Path, corpora_dir: Path | None = None) -> Settings:
    """Settings of a KB built in `home` from the repo's own indicators/ (no embedder; corpora only when given)."""
    s = Settings(home=home, indicators_dir=REPO / "indicators", corpora_dir=corpora_dir or home / "no-corpora",
                 embedder="none", progress=False, auth_required=False)
    build(s)
    return s


def dev_record(rid: str) -> dict:
    """One real declaration of ../shared/data/declarations/dev.jsonl by id (KeyError when absent)."""
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if rec["id"] == rid:
            return rec
    raise KeyError(rid)


COLUMNS = ["category", "sector", "level1", "level2", "name", "unit", "direction", "operator", "value",
           "explanation", "origin", "synonyms"]


def table_rows(res) -> list[tuple[str, str, str, str, str]]:
    """A suggest result's default table as (二级 label, name, operator, value, unit) tuples."""
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def suggest_text(kb: KnowledgeBase, text: str, name: str, budget: float | None = None):
    """`kb.suggest` of a written description, lexical, without expert opinions (the trial tests' call)."""
    return kb.suggest(text, project_name=name, budget_wan=budget, mode="lexical", with_opinions=False)


def suggest_dev(kb: KnowledgeBase, rid: str):
    """`kb.suggest` of dev.jsonl's project `rid` (its description and name), lexical, without expert opinions."""
    rec = dev_record(rid)
    return kb.suggest(rec["description"], project_name=rec["project"], mode="lexical", with_opinions=False)


def write_library(folder: Path, rows: list[dict], file: str = "basic/test.csv") -> Path:
    """Write rows (defaults filled) as a basic-library CSV under folder."""
    p = folder / file
    p.parent.mkdir(parents=True, exist_ok=True)
    (folder / "units").mkdir(exist_ok=True)
    with p.open("w", encoding="utf-8", newline="") as f:
        cols = COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS))
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({"category": "测试类", "level1": "产出指标", "level2": "质量指标", "unit": "%",
                        "direction": "正向", "explanation": "测试", "origin": "common", **r})
    return p


def make_kb(tmp: Path, names_or_rows, embedder: str = "none", **settings) -> KnowledgeBase:
    """A KnowledgeBase over a library of the given names (or row dicts)."""
    rows = [n if isinstance(n, dict) else {"name": n} for n in names_or_rows]
    lib = tmp / "indicators"
    write_library(lib, rows)
    s = Settings(home=tmp / "home", indicators_dir=lib, corpora_dir=tmp / "no-corpora",
                 embedder=embedder, progress=False, auth_required=False, **settings)
    build(s)
    return KnowledgeBase(s)
