"""Benchmark: `jixiao serve` — start-up, RSS at rest and under load, suggest latency with 8 clients, contended.

A KB is built from the shipped data in a temporary folder, an API key made,
and `jixiao serve` started (one process, as `make demo` does). Measured:
seconds until /healthz answers (the KB is loaded and warmed before the
server accepts requests), RSS at rest, then `POST /v1/suggest` with the
real project descriptions of ../shared/data/declarations/dev.jsonl from 8
concurrent clients, in the default mode (hybrid: the description is
embedded when its words settle nothing — none of dev.jsonl's) and in lexical mode, first on the machine as it is, then while
`--busy` processes keep the cores busy (another tenant of a shared server).
Prints p50 / p95 per mode and the default ÷ lexical ratio, and the server's
RSS at rest, after the load and its peak. The server remembers no query
vectors (JIXIAO_QUERY_CACHE_SIZE=0), so a description that is embedded is
embedded on every request, and sheds none
(JIXIAO_MAX_WAIT_S=600: every request waits its turn and is timed). One
untimed pass over the descriptions comes first, so neither row pays the
first reading of each text.

    python benchmarks/serve_bench.py [--clients 8] [--requests 96] [--busy 2]
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import JIXIAO, build_shipped, busy, dev_descriptions, machine_line, pct, rss_mb  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, key: str, body: dict) -> float:
    req = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-API-Key": key})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}")
    return (time.perf_counter() - t) * 1000


def load(url: str, key: str, descs: list[tuple[str, str]], mode: str | None, clients: int, n: int
         ) -> tuple[list[float], float]:
    """(latencies in ms, requests per second) of `n` suggest requests from `clients` threads."""
    bodies = []
    for i in range(n):
        name, desc = descs[i % len(descs)]
        b = {"description": desc or name, "project_name": name or None}
        if mode:
            b["mode"] = mode
        bodies.append(b)
    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex:
        lat = list(ex.map(lambda b: post(url, key, b), bodies))
    return lat, n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=96, help="requests per mode and pass")
    ap.add_argument("--busy", type=int, default=2, help="busy processes in the contended pass")
    a = ap.parse_args()
    print(machine_line())
    descs = dev_descriptions()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # every request's description embedded; no request shed (503 when the wait looks longer than
        # JIXIAO_MAX_WAIT_S): the benchmark measures how long requests take, not how many are refused
        env = build_shipped(tmp / "home", JIXIAO_QUERY_CACHE_SIZE="0", JIXIAO_MAX_WAIT_S="600")
        out = subprocess.run([JIXIAO, "admin", "create-key", "--unit", "基准测试单位", "--role", "admin"], env=env,
                             check=True, capture_output=True, text=True).stdout
        key = out.strip().splitlines()[-1].strip()
        port = free_port()
        t0 = time.perf_counter()
        srv = subprocess.Popen([JIXIAO, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            while True:
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if srv.poll() is not None:
                        raise SystemExit("jixiao serve exited")
                    time.sleep(0.1)
            ready = time.perf_counter() - t0
            rest, _ = rss_mb(srv.pid)
            url = base + "/v1/suggest"
            # one untimed pass over the descriptions, so that neither mode's row pays the first reading of
            # each text (the tokenizer's per-text caches) and the order of the rows does not matter
            load(url, key, descs, "lexical", a.clients, a.requests)
            rows = []
            for n_busy in (0, a.busy):
                with busy(n_busy):
                    for label, mode in (("default (hybrid)", None), ("lexical", "lexical")):
                        lat, rps = load(url, key, descs, mode, a.clients, a.requests)
                        rows.append((n_busy, label, pct(lat, 50), pct(lat, 95), pct(lat, 99), rps))
            after, peak = rss_mb(srv.pid)
        finally:
            srv.terminate()
            srv.wait(timeout=30)
    print(f"\n`jixiao serve`: ready {ready:.1f} s after start (KB loaded and warmed before the first request); "
          f"RSS at rest {rest:.0f} MB, after the load {after:.0f} MB, peak {peak:.0f} MB\n")
    print(f"`POST /v1/suggest`, {a.clients} concurrent clients, {a.requests} real descriptions per row\n")
    print("| busy processes | mode | p50 (ms) | p95 (ms) | p99 (ms) | req/s | p50 ÷ lexical p50 |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n_busy, label, p50, p95, p99, rps in rows:
        lex = next(r[2] for r in rows if r[0] == n_busy and r[1] == "lexical")
        print(f"| {n_busy} | {label} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {rps:.1f} | {p50 / lex:.2f}× |")


if __name__ == "__main__":
    main()
