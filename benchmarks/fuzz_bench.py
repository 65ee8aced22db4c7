"""Long fuzz run of the HTTP API (≥ 10,000 requests) against a live `jixiao serve` on loopback.

Builds a KB (lexical, the shipped libraries) in a temporary folder, starts
`jixiao serve` on 127.0.0.1 (or uses `--url` with `--admin-key` /
`--declarant-key`), and sends schemathesis-generated requests to every
operation of /openapi.json with an admin key, a declarant key, a unit
admin's, a 财政 reviewer's (finance_reviewer) and no key,
positive and negative inputs (see `tests/fuzzing.py`). Prints the request
count, status classes, server errors and every failed check
(`not_a_server_error`, `status_code_conformance`, `response_schema_conformance`).

    python benchmarks/fuzz_bench.py                  # ≈ 12,000 requests
    python benchmarks/fuzz_bench.py --examples 10    # a quick run

Exit code 1 when any check failed. Loopback only; the run is bounded by
--examples (cases per operation, key and mode).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzzing import fuzz  # noqa: E402
from tests.harness import Server, create_key, jixiao_env, run_jixiao  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=30, help="cases per operation, key and mode (default 30)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--url", help="fuzz a running server instead of starting one")
    ap.add_argument("--admin-key")
    ap.add_argument("--declarant-key")
    ap.add_argument("--workers", type=int, default=1, help="jixiao serve --workers for the started server")
    ap.add_argument("--show", type=int, default=40, help="failures to print")
    a = ap.parse_args()
    import schemathesis

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as tmp:
        server = None
        if a.url:
            url, keys = a.url.rstrip("/"), {"admin": a.admin_key, "declarant": a.declarant_key, "nokey": None}
        else:
            home = Path(tmp) / "home"
            env = jixiao_env(home)
            t = time.perf_counter()
            run_jixiao(["build"], env, timeout=1800)
            print(f"jixiao build (lexical): {time.perf_counter() - t:.0f} s")
            keys = {"admin": create_key(env, "某县财政局", "admin"),
                    "declarant": create_key(env, "某县教育局", "declarant"),
                    "unit_admin": create_key(env, "某县教育局", "unit_admin"),
                    "finance_reviewer": create_key(env, "某县财政局", "finance_reviewer"), "nokey": None}
            args = ("--workers", str(a.workers)) if a.workers > 1 else ()
            server = Server(home, env, args=args).start()
            url = server.url
        try:
            schema = schemathesis.openapi.from_url(url + "/openapi.json")
            report = fuzz(schema, keys, examples=a.examples, seed=a.seed, base_url=url,
                          progress=lambda m: print("  " + m, flush=True))
        finally:
            if server is not None:
                server.stop()
    print()
    print(report.summary())
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| requests | operations | 2xx | 4xx | 5xx | failed checks | seconds |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    cls = {c: sum(n for s, n in report.statuses.items() if s // 100 == c) for c in (2, 4, 5)}
    print(f"| {report.requests} | {report.operations} | {cls[2]} | {cls[4]} | {cls[5]} | "
          f"{len(report.failures)} | {report.seconds:.0f} |")
    for f in sorted({f.line() for f in report.failures})[:a.show]:
        print("  " + f)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
