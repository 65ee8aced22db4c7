"""Every report of the declaration checker as JSON lines, to compare two versions byte for byte.

Dumps the report (findings, suggestions, rewrites, summary) of every table of
../shared/data/declarations/dev.jsonl and of the two synthetic sets of
`check_bench.py` (names from real tables, and nearly all names distinct; same
seed), each in the three modes (check only, rewrites with generic defaults,
rewrites with the library), caches cleared before each mode. A speed change
must leave the file unchanged: run it before and after, then `cmp` the files.

Run: python benchmarks/check_dump.py OUT.jsonl [--rows 20000] [--seed 7]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_bench import synthetic  # noqa: E402

from kb.checker import check_declaration  # noqa: E402
from kb.checker.engine import clear_caches  # noqa: E402
from kb.indicators.lookup import IndicatorLookup  # noqa: E402
from kb.io.library import load_libraries  # noqa: E402
from kb.io.tables import read_tables  # noqa: E402
from kb.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    s = Settings()
    sets = [("dev", read_tables(s.dev_data_dir / "declarations" / "dev.jsonl")),
            ("real-names", synthetic(a.rows, a.seed)),
            ("distinct-names", synthetic(a.rows, a.seed, distinct_names=True))]
    with a.out.open("w", encoding="utf-8") as f:
        for name, decls in sets:
            for mode in ("check", "generic", "library"):
                clear_caches()
                kw: dict = {"suggest": False} if mode == "check" else {}
                if mode == "library":
                    kw["lookup"] = IndicatorLookup.from_indicators(load_libraries(s.indicators_dir),
                                                                   s.checker.lookup_min_dice)
                h = hashlib.sha256()
                for i, d in enumerate(decls):
                    line = json.dumps(check_declaration(d, **kw).model_dump(mode="json"), ensure_ascii=False,
                                      sort_keys=True)
                    h.update(line.encode())
                    f.write(f"{name}\t{mode}\t{i}\t{line}\n")
                print(f"{name:15s} {mode:8s} {len(decls):6,d} tables  sha256 {h.hexdigest()[:16]}", flush=True)


if __name__ == "__main__":
    main()
