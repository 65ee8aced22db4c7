"""Benchmark: lexical search and suggest on 10k / 100k indicator KBs vs rank-bm25.

The KBs are synthesised from the shipped library: every indicator is repeated
with region / object prefixes until the size is reached (distinct names), then
built with `kb.knowledge.build` together with the shipped project types and
training tables (build time measured: it includes training suggest's type
detector and ranker on the synthetic index). Queries: 200 drawn from the
library names, their words, and the real project descriptions of
../shared/data/declarations/dev.jsonl; "description suggest" is suggest on
each whole dev description with its project name. The baseline is rank-bm25's BM25Okapi
`get_scores` on exactly the same tokens. Prints one markdown table.

    python benchmarks/search_bench.py [--sizes 10000 100000] [--queries 200]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.knowledge import KnowledgeBase  # noqa: E402
from kb.io.library import load_libraries  # noqa: E402
from kb.settings import Settings  # noqa: E402
from kb.knowledge import build  # noqa: E402
from kb.store.rows import index_text  # noqa: E402

PREFIXES = ["全市", "全县", "乡镇", "村级", "城区", "农村", "重点", "新建", "改扩建", "年度", "专项", "市级", "县级",
            "区级", "社区", "学校", "医院", "园区", "流域", "山区", "省级", "基层", "一线", "片区", "试点", "示范",
            "中心", "站点", "校园", "企业", "东区", "西区", "南区", "北区", "沿江", "沿河", "高新区", "开发区"]


def synth_rows(n: int, seed: int = 7) -> list[dict]:
    base = load_libraries(REPO / "indicators")
    rnd = random.Random(seed)
    rows, seen = [], set()
    i = 0
    while len(rows) < n:
        ind = base[i % len(base)]
        p = "" if i < len(base) else rnd.choice(PREFIXES) + rnd.choice(PREFIXES)
        name = (p + ind.name)[:100]
        i += 1
        if (name, ind.level2) in seen:
            continue
        seen.add((name, ind.level2))
        rows.append({"category": ind.category, "sector": ind.sector, "level1": ind.level1.label,
                     "level2": ind.level2.label, "name": name, "unit": ind.unit, "direction": ind.direction.label,
                     "operator": ind.typical.operator, "value": ind.typical.value, "explanation": ind.explanation,
                     "origin": "|".join(ind.origin), "synonyms": "|".join(ind.synonyms)})
    return rows


def dev_records() -> list[dict]:
    """The real projects of ../shared/data/declarations/dev.jsonl ([] when absent)."""
    dev = REPO.parent / "shared" / "data" / "declarations" / "dev.jsonl"
    if not dev.exists():
        return []
    return [json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()]


def queries(kb: KnowledgeBase, k: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    names = [r["name"] for r in kb.index.rows]
    qs = [rnd.choice(names) for _ in range(k // 2)]
    qs += [rnd.choice(names)[:4] for _ in range(k // 4)]
    dev = REPO.parent / "shared" / "data" / "declarations" / "dev.jsonl"
    if dev.exists():
        recs = [json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()]
        qs += [(r.get("project") or "") + (r.get("description") or "")[:60] for r in recs]
    return qs[:k]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def timed(fn, items) -> list[float]:
    out = []
    for it in items:
        t = time.perf_counter()
        fn(it)
        out.append((time.perf_counter() - t) * 1000)
    return out


def run(size: int, nq: int, baseline_q: int) -> dict:
    from rank_bm25 import BM25Okapi

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lib = tmp / "indicators" / "basic"
        lib.mkdir(parents=True)
        (tmp / "indicators" / "units").mkdir()
        for sub in ("project_types", "training"):
            if (REPO / "indicators" / sub).is_dir():
                shutil.copytree(REPO / "indicators" / sub, tmp / "indicators" / sub)
        rows = synth_rows(size)
        with (lib / "synth.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        s = Settings(home=tmp / "home", indicators_dir=tmp / "indicators", corpora_dir=tmp / "none",
                     embedder="none", progress=False)
        t = time.perf_counter()
        build(s)
        build_s = time.perf_counter() - t
        kb = KnowledgeBase(s)
        qs = queries(kb, nq)
        for q in qs[:5]:
            kb.search(q, mode="lexical")
        search_ms = timed(lambda q: kb.search(q, mode="lexical", top=10), qs)
        suggest_ms = timed(lambda q: kb.suggest(q, mode="lexical"), qs)
        descs = [(r.get("description") or "", r.get("project")) for r in dev_records()]
        desc_ms = timed(lambda d: kb.suggest(d[0], project_name=d[1], mode="lexical"), descs)
        tok = kb.index.tokenizer
        from kb.store.rows import row_to_indicator

        corpus = [tok.tokens(index_text(row_to_indicator(r))) for r in kb.index.rows]
        bm = BM25Okapi(corpus)
        qtoks = [tok.tokens(q) for q in qs[:baseline_q]]
        base_ms = timed(lambda toks: bm.get_scores(toks), qtoks)
        ours_same = timed(lambda toks: kb.index.lexical.scores(toks), qtoks)
    return {"size": size, "build_s": build_s, "search_p50": pct(search_ms, 50), "search_p99": pct(search_ms, 99),
            "suggest_p50": pct(suggest_ms, 50), "suggest_p99": pct(suggest_ms, 99),
            "desc_p50": pct(desc_ms, 50), "desc_p99": pct(desc_ms, 99),
            "rank_bm25_p50": pct(base_ms, 50), "scores_p50": pct(ours_same, 50),
            "ratio": pct(base_ms, 50) / max(pct(search_ms, 50), 1e-9)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--baseline-queries", type=int, default=40)
    a = ap.parse_args()
    res = [run(n, a.queries, a.baseline_queries) for n in a.sizes]
    print("| KB size | build (s) | search p50 (ms) | search p99 (ms) | suggest p50 (ms) | suggest p99 (ms) "
          "| description suggest p50 / p99 (ms) | rank-bm25 p50 (ms) | speed-up vs rank-bm25 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in res:
        print(f"| {r['size']:,} | {r['build_s']:.1f} | {r['search_p50']:.2f} | {r['search_p99']:.2f} | "
              f"{r['suggest_p50']:.2f} | {r['suggest_p99']:.2f} | {r['desc_p50']:.1f} / {r['desc_p99']:.1f} | "
              f"{r['rank_bm25_p50']:.1f} | {r['ratio']:.0f}× |")


if __name__ == "__main__":
    main()
