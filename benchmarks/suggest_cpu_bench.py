"""Benchmark: CPU time of one lexical `suggest` per real project description, and a byte-exact output check.

Builds the shipped libraries into a temporary home (`jixiao build`, or
`--home DIR` to reuse one), opens the KB in the process and runs
`kb.suggest(description, project_name=…, department=…, sector=…,
mode="lexical", with_opinions=False)` for every record of
../shared/data/declarations/dev.jsonl: one warm-up pass (also reported: each
description's first sight, what the memos of names seen before leave to do),
then `--repeat` timed passes; each call's `time.process_time()` (CPU of this
process, so other engineers' load matters less than for wall time). Prints
the median, p90 and total of the per-description CPU, with the load average.

`--dump out.json` writes every result's `model_dump()` (in record order);
`--compare a.json b.json` only compares two dumps byte for byte and names
the first description whose result differs (exit 1 then). A speed-up must
leave the dump unchanged. The run uses PYTHONHASHSEED=0 unless one is set,
so that two dumps are comparable.

    python benchmarks/suggest_cpu_bench.py [--repeat 3] [--dump after.json] [--home DIR] [--profile N]
    python benchmarks/suggest_cpu_bench.py --compare before.json after.json
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import SHARED, build_shipped, machine_line, median, pct  # noqa: E402


def records() -> list[dict]:
    """The dev.jsonl records (project, description, department, sector)."""
    path = SHARED / "declarations" / "dev.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run_one(kb, r: dict):
    return kb.suggest(r.get("description") or "", project_name=r.get("project") or None,
                      department=r.get("department") or None, sector=r.get("sector") or None,
                      mode="lexical", with_opinions=False)


def compare(a: Path, b: Path) -> int:
    """0 when the two dumps are byte-identical, else 1 (naming the first record that differs)."""
    ta, tb = a.read_bytes(), b.read_bytes()
    if ta == tb:
        print(f"identical ({len(ta):,} bytes)")
        return 0
    da, db = json.loads(ta), json.loads(tb)
    for x, y in zip(da, db):
        if x != y:
            print(f"differ: first at {x['id']}")
            for k in x["result"]:
                if x["result"][k] != y["result"].get(k):
                    print(f"  field {k}")
            return 1
    print(f"differ: {len(da)} vs {len(db)} records")
    return 1


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") is None:  # set and string order must not differ between two dumps
        os.execve(sys.executable, [sys.executable, *sys.argv], dict(os.environ, PYTHONHASHSEED="0"))
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="timed passes (the median is over all calls)")
    ap.add_argument("--dump", type=Path, help="write every result's model_dump() here (JSON)")
    ap.add_argument("--home", type=Path, help="a KB home built before (default: build one in a temporary folder)")
    ap.add_argument("--profile", type=int, default=0, help="print cProfile's top N (tottime, cumtime) of one pass")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"), help="only compare two dumps")
    a = ap.parse_args()
    if a.compare:
        raise SystemExit(compare(*a.compare))
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        home = a.home or Path(tmp) / "home"
        if a.home is None:
            build_shipped(home)
        os.environ["JIXIAO_HOME"] = str(home)
        from kb.knowledge import KnowledgeBase
        from kb.settings import Settings

        kb = KnowledgeBase(Settings())
        recs = records()
        run_one(kb, recs[0])  # loads the models
        first, results = [], []  # warm-up: each description seen for the first time (and the dump)
        for r in recs:
            t = time.process_time()
            results.append(run_one(kb, r))
            first.append((time.process_time() - t) * 1000)
        if a.dump:
            out = [{"id": r["id"], "result": res.model_dump()} for r, res in zip(recs, results)]
            a.dump.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        per: list[list[float]] = [[] for _ in recs]
        for _ in range(a.repeat):
            for i, r in enumerate(recs):
                t = time.process_time()
                run_one(kb, r)
                per[i].append((time.process_time() - t) * 1000)
        if a.profile:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            for r in recs:
                run_one(kb, r)
            prof.disable()
            for key in ("tottime", "cumulative"):
                pstats.Stats(prof).sort_stats(key).print_stats(a.profile)
    best = [min(x) for x in per]   # each description's least disturbed pass
    every = [t for x in per for t in x]
    print(f"\nLexical suggest, {len(recs)} descriptions of dev.jsonl, {a.repeat} timed passes after one warm-up; "
          f"CPU ms per call (time.process_time)\n")
    print("| over | median | p90 | max | total of one pass (s) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| each description's best pass | {median(best):.1f} | {pct(best, 90):.1f} | {max(best):.1f} | "
          f"{sum(best) / 1000:.2f} |")
    print(f"| every call | {median(every):.1f} | {pct(every, 90):.1f} | {max(every):.1f} | "
          f"{sum(every) / 1000 / a.repeat:.2f} |")
    print(f"| first sight of each description (warm-up pass) | {median(first):.1f} | {pct(first, 90):.1f} | "
          f"{max(first):.1f} | {sum(first) / 1000:.2f} |")
    print(f"\n{machine_line().replace('at start', 'at end')}")


if __name__ == "__main__":
    main()
