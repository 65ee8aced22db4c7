"""Benchmark: lexical search and suggest on 10k / 100k indicator KBs vs rank-bm25 and plain bm25s.

The KBs are synthesised from the shipped library: every indicator is repeated
with region / object prefixes until the size is reached (distinct names), then
built with `kb.knowledge.build` (build time measured). Queries: 200 drawn from the
library names, their words, and the real project descriptions of
../shared/data/declarations/dev.jsonl. Baselines on exactly the same tokens
(the query tokenised by our tokenizer, the documents as indexed):
rank-bm25's BM25Okapi `get_scores` (first `--baseline-queries` queries) and
plain bm25s (`BM25(method="lucene").get_scores` and its own
`selection.topk`, top 10: bm25s's scoring floor, without the batching
overhead of its `retrieve`) — BM25 with no filters, tiers, highlights or
hit objects. Our figure
is the whole `KnowledgeBase.search` (tokenising, filters, exact-name tiers,
highlights, hits); the ratios are medians of per-query ratios, each query
timed through ours and the baselines back to back. Prints the
machine line and one markdown table.

    python benchmarks/search_bench.py [--sizes 10000 100000] [--queries 200]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from common import machine_line  # noqa: E402

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
    import bm25s
    import bm25s.selection
    from rank_bm25 import BM25Okapi

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lib = tmp / "indicators" / "basic"
        lib.mkdir(parents=True)
        (tmp / "indicators" / "units").mkdir()
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
        tok = kb.index.tokenizer
        from kb.store.rows import row_to_indicator

        corpus = [tok.tokens(index_text(row_to_indicator(r))) for r in kb.index.rows]
        plain = bm25s.BM25(method="lucene", k1=1.5, b=0.75)
        plain.index([d or ["\x00"] for d in corpus], show_progress=False)
        bm = BM25Okapi(corpus)
        # paired: each query runs through ours and the baselines back to back, so a change of load
        # on a shared machine hits both sides of a ratio alike
        ours_p, plain_p, rank_p, ours_r = [], [], [], []
        for j, q in enumerate(qs):
            toks = tok.tokens(q)
            ours_p += timed(lambda x: kb.search(x, mode="lexical", top=10), [q])
            plain_p += timed(lambda t: bm25s.selection.topk(plain.get_scores(t), 10, backend="numpy"), [toks])
            if j < baseline_q:
                ours_r.append(ours_p[-1])
                rank_p += timed(lambda t: bm.get_scores(t), [toks])
    return {"size": size, "build_s": build_s, "search_p50": pct(search_ms, 50), "search_p99": pct(search_ms, 99),
            "suggest_p50": pct(suggest_ms, 50), "suggest_p99": pct(suggest_ms, 99),
            "bm25s_p50": pct(plain_p, 50), "bm25s_ratio": statistics.median(a / b for a, b in zip(ours_p, plain_p)),
            "rank_bm25_p50": pct(rank_p, 50),
            "ratio": statistics.median(b / a for a, b in zip(ours_r, rank_p))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--baseline-queries", type=int, default=40)
    a = ap.parse_args()
    print(machine_line())
    res = [run(n, a.queries, a.baseline_queries) for n in a.sizes]
    print(f"\n{a.queries} queries; lexical mode; times in ms\n")
    print("| KB size | build (s) | search p50 | search p99 | suggest p50 | suggest p99 "
          "| plain bm25s p50 | search ÷ plain bm25s | rank-bm25 p50 | speed-up vs rank-bm25 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in res:
        print(f"| {r['size']:,} | {r['build_s']:.1f} | {r['search_p50']:.2f} | {r['search_p99']:.2f} | "
              f"{r['suggest_p50']:.2f} | {r['suggest_p99']:.2f} | {r['bm25s_p50']:.2f} | {r['bm25s_ratio']:.1f}× | "
              f"{r['rank_bm25_p50']:.1f} | {r['ratio']:.0f}× |")


if __name__ == "__main__":
    main()
