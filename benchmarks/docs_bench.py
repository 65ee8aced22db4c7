"""Benchmark: cited corpus search (`jixiao docs`) on a 50,000-chunk corpus; budget p50 ≤ 20 ms.

The corpus is synthesised from real text: the shipped corpora and the real
regulation articles of ../shared/data/corpora/policy_articles.jsonl are cut
into sentences, and each synthetic article is 3–6 sentences drawn at random,
grouped into regulations of 20 articles with random issuers, years and
statuses (5 % repealed), and stored through the same path as `jixiao corpus
add` (`kb.corpus.store.store_documents`; tokenising and storing are timed).
Queries are the questions of tests/data/doc_questions.jsonl. Measured per
query, after one warm-up: lexical search with citations and highlights,
the same with a collection + issuer filter, and the ranking step alone; also
the cold start (load of the cached BM25 matrix). With --dense, random unit
vectors stand in for chunk embeddings to time the dense + RRF step (speed
only: such vectors carry no meaning). Prints a markdown table with ratios to
the budget.

    python benchmarks/docs_bench.py [--chunks 50000] [--repeat 3] [--dense]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kb.corpus import Corpus  # noqa: E402
from kb.corpus.chunking import TextUnit  # noqa: E402
from kb.corpus.models import Chunk, Document  # noqa: E402
from kb.corpus.readers import Parsed, read_file  # noqa: E402
from kb.corpus.search import Filters  # noqa: E402
from kb.corpus.store import corpus_tokenizer, store_documents  # noqa: E402
from kb.store.db import open_db  # noqa: E402
from kb.corpus.sync import shipped_files  # noqa: E402
from kb.settings import Settings  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
BUDGET_MS = 20.0
ISSUERS = ["财政部", "某省财政厅", "某市财政局", "某县财政局", "某大学", "某医院", "交通运输厅", "教育局", "农业农村局"]
COLLS = ["national_policy", "internal_regulation", "public_notice", "bank_policy"]
CN = "一二三四五六七八九十"


def sentences() -> list[str]:
    texts = []
    for _, coll, path in shipped_files(REPO / "corpora"):
        for p in read_file(path, coll):
            texts += [c.text for c in p.chunks]
    art = SHARED / "corpora" / "policy_articles.jsonl"
    if art.exists():
        texts += [json.loads(x)["text"] for x in art.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[。；！？])", t.replace("\n", "")) if len(s.strip()) >= 8]
    return out


def article_no(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "第" + (("" if tens == 1 else CN[tens - 1]) + "十" if tens else "") + (CN[ones - 1] if ones else "") + "条"


def synth(n_chunks: int, seed: int = 5) -> list[Parsed]:
    rnd = random.Random(seed)
    sents = sentences()
    docs, made = [], 0
    while made < n_chunks:
        d = len(docs)
        title = f"合成办法{d:05d}号（{rnd.choice(ISSUERS)}）"
        status = "repealed" if rnd.random() < 0.05 else "effective"
        doc = Document(doc_id=f"bench/{d:05d}", collection=rnd.choice(COLLS), kind="regulation",
                       doc_title=title, doc_number=f"合成〔{rnd.randint(2009, 2025)}〕{d}号",
                       issuer=rnd.choice(ISSUERS), year=rnd.randint(2009, 2025), status=status, text="")
        parts, units, pos = [], [], 0
        for a in range(1, min(20, n_chunks - made) + 1):
            body = f"{article_no(a)} " + "".join(rnd.sample(sents, rnd.randint(3, 6)))
            parts.append(body)
            units.append(TextUnit(pos, pos + len(body), article=article_no(a)))
            pos += len(body) + 1
        doc.text = "\n".join(parts)
        chunks = [Chunk(doc_id=doc.doc_id, seq=i, collection=doc.collection, kind=doc.kind,
                        doc_title=title, doc_number=doc.doc_number, issuer=doc.issuer, year=doc.year,
                        status=status, article=u.article, start=u.start, end=u.end, text=doc.text[u.start:u.end])
                  for i, u in enumerate(units)]
        docs.append(Parsed(doc, chunks))
        made += len(chunks)
    return docs


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dense", action="store_true", help="time dense + RRF with random vectors")
    a = ap.parse_args()
    qs = [json.loads(x)["question"] for x in (REPO / "tests" / "data" / "doc_questions.jsonl")
          .read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(home=Path(tmp), embedder="none", progress=False)
        t0 = time.perf_counter()
        docs = synth(a.chunks)
        t_synth = time.perf_counter() - t0
        db = open_db(s.resolved_kb_path())
        tok = corpus_tokenizer()
        t0 = time.perf_counter()
        for i in range(0, len(docs), 500):  # one transaction per 500 documents (≈ a big file)
            store_documents(db, docs[i:i + 500], source=f"bench-{i}", source_hash="x", origin="user", tok=tok)
        t_store = time.perf_counter() - t0
        c = Corpus(settings=s, embedder=None)
        t0 = time.perf_counter()
        idx = c.index  # first load builds the BM25 matrix from stored tokens and caches it
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        Corpus(settings=s, embedder=None).index  # cold start of a new process: cached matrix
        t_load = time.perf_counter() - t0
        n = idx.size
        if a.dense:
            import numpy as np

            from kb.retrieval.dense import DenseIndex

            rng = np.random.default_rng(3)
            m = rng.standard_normal((n, 384)).astype(np.float32)
            m /= np.linalg.norm(m, axis=1, keepdims=True)

            class RandomEmbedder:  # speed stand-in: no model, random query vectors
                fingerprint = "random"

                def encode_query(self, q):
                    v = rng.standard_normal(384).astype(np.float32)
                    return v / np.linalg.norm(v)

            idx.dense, idx.embedder, idx.calibration = DenseIndex(m), RandomEmbedder(), None
        runs = {"search (citations, highlights)": lambda q: idx.search(q, Filters(), 10, mode="lexical"),
                "search + collection/issuer filter": lambda q: idx.search(
                    q, Filters(collections=("national_policy", "internal_regulation"), issuer="财政"), 10,
                    mode="lexical"),
                "ranking only": lambda q: idx.rank(q, Filters(), 10, mode="lexical")}
        if a.dense:
            runs["hybrid search (random vectors)"] = lambda q: idx.search(q, Filters(), 10, mode="hybrid")
        for f in runs.values():
            f(qs[0])
        rows = []
        for name, f in runs.items():
            ts = []
            for _ in range(a.repeat):
                for q in qs:
                    t0 = time.perf_counter()
                    f(q)
                    ts.append((time.perf_counter() - t0) * 1000)
            rows.append((name, statistics.median(ts), pct(ts, 95), len(ts)))
    print(f"\n### Corpus search, {n:,} chunks ({len(docs):,} documents), {len(qs)} queries × {a.repeat}\n")
    print(f"setup: synthesise {t_synth:.1f} s · tokenise + store {t_store:.1f} s "
          f"({t_store / n * 1000:.2f} ms/chunk) · build BM25 from stored tokens {t_build:.1f} s · "
          f"cold load (cached matrix) {t_load * 1000:.0f} ms\n")
    print("| step | p50 ms | p95 ms | p50 / 20 ms budget | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, p50, p95, k in rows:
        print(f"| {name} | {p50:.2f} | {p95:.2f} | {p50 / BUDGET_MS:.2f} | {k} |")


if __name__ == "__main__":
    main()
