"""Benchmark: a fresh install's time to its first suggestion — the steps of `make demo` after `pip install`.

Runs what `make demo` runs after installing, in a new home and a new
machine cache (so jieba's dictionary cache is written too, as on a fresh
machine): `jixiao build`, `jixiao suggest` for the demo project (printed),
`jixiao admin create-key`, then `jixiao serve` until it answers, and one
`POST /v1/suggest`. Prints each step's seconds and the total (budget 60 s
on two cores). `--without-shipped` does the same with a copy of the
libraries that lacks the package's vectors, i.e. embedding everything as
before they shipped (minutes).

    python benchmarks/first_run_bench.py [--without-shipped]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import JIXIAO, REPO, bench_env, machine_line  # noqa: E402
from serve_bench import free_port, post  # noqa: E402

DEMO_TEXT = ("2023年项目支出绩效目标申报表。年度本级预算250万元,实施期2023.07-2024.01。"
             "通过采购雾炮车降尘抑尘服务,配备雾炮车10辆,全市空气质量达到优良。")
BUDGET_S = 60.0


def step(name: str, cmd: list[str], env: dict, rows: list) -> str:
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    rows.append((name, time.perf_counter() - t))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--without-shipped", action="store_true", help="libraries without indicators/vectors/")
    a = ap.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        extra = {"JIXIAO_CACHE_DIR": str(tmp / "cache")}
        if a.without_shipped:
            lib = tmp / "indicators"
            shutil.copytree(REPO / "indicators", lib, ignore=shutil.ignore_patterns("vectors"))
            extra["JIXIAO_INDICATORS_DIR"] = str(lib)
        env = bench_env(tmp / "home", **extra)
        env.pop("JIXIAO_PROGRESS")
        rows: list[tuple[str, float]] = []
        step("jixiao build", [JIXIAO, "build"], env, rows)
        out = step("jixiao suggest (printed)", [JIXIAO, "suggest", "--project-name", "雾炮车降尘抑尘服务",
                                                "--text", DEMO_TEXT], env, rows)
        assert "绩效目标表" in out, out[:200]
        key = step("jixiao admin create-key", [JIXIAO, "admin", "create-key", "--unit", "示例单位", "--role",
                                               "admin"], env, rows).strip().splitlines()[-1].strip()
        port = free_port()
        t = time.perf_counter()
        srv = subprocess.Popen([JIXIAO, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                        break
                except OSError:
                    if srv.poll() is not None:
                        raise SystemExit("jixiao serve exited")
                    time.sleep(0.1)
            rows.append(("jixiao serve until /healthz answers", time.perf_counter() - t))
            t = time.perf_counter()
            post(f"http://127.0.0.1:{port}/v1/suggest", key, {"description": DEMO_TEXT,
                                                               "project_name": "雾炮车降尘抑尘服务"})
            rows.append(("first POST /v1/suggest", time.perf_counter() - t))
        finally:
            srv.terminate()
            srv.wait(timeout=30)
    total = sum(s for _, s in rows)
    kind = "without the package's vectors" if a.without_shipped else "with the package's vectors"
    print(f"\nFresh install ({kind}, new home and machine cache): `make demo`'s steps after `pip install`\n")
    print("| step | seconds |\n|---|---:|")
    for name, s in rows:
        print(f"| {name} | {s:.1f} |")
    print(f"| **total to a served API and a printed suggestion** | **{total:.1f}** (budget {BUDGET_S:.0f}: "
          f"{total / BUDGET_S:.2f}×) |")


if __name__ == "__main__":
    main()
