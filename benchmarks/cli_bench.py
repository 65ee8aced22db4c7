"""Benchmark: whole-process wall time of `jixiao` commands against `python -c pass` and a bare jieba start.

Each command runs as a new process, as a person at a terminal runs it: start
the interpreter, import, open the KB, answer, print, exit. The yardsticks
run in the same rounds: `python -c pass` (the floor) and
`python -c 'import jieba; jieba.initialize()'` (jieba loading its
dictionary, what every call paid before). Commands take turns within each
round, so a change of load hits all of them alike; the table gives medians
and each command's median ratio to the bare jieba start over the rounds.
The KB is built from the shipped data in a temporary folder first (the
package's vectors make that quick). `--busy N` runs N processes that keep
the cores busy meanwhile (contention, as on a shared server). `--base
PATH/TO/jixiao` adds the same search and check run by another install (the
code before a change), in the same rounds: before and after alternate, so a
change of load hits both alike.

    python benchmarks/cli_bench.py [--runs 9] [--busy 0] [--busy 2] [--base /other/venv/bin/jixiao]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (JIXIAO, PYTHON, SHARED, build_shipped, busy, machine_line, median,  # noqa: E402
                    run_timed)

DESC = "通过采购雾炮车降尘抑尘服务,配备雾炮车10辆,全市空气质量达到优良。年度预算250万元。"


def commands(table: Path, base: str | None = None) -> list[tuple[str, list[str]]]:
    before = [] if not base else [
        ("(before) jixiao search 满意度", [base, "search", "满意度"]),
        ("(before) jixiao check table.json", [base, "check", str(table)]),
    ]
    return before + [
        ("python -c pass", [PYTHON, "-c", "pass"]),
        ("import jieba; jieba.initialize()", [PYTHON, "-c", "import jieba; jieba.initialize()"]),
        ("jixiao search 满意度", [JIXIAO, "search", "满意度"]),
        ("jixiao search 满意度 --mode lexical", [JIXIAO, "search", "满意度", "--mode", "lexical"]),
        ("jixiao check table.json", [JIXIAO, "check", str(table)]),
        ("jixiao suggest --text …", [JIXIAO, "suggest", "--project-name", "雾炮车降尘抑尘服务", "--text", DESC]),
    ]


def rounds(cmds, env, runs: int) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {n: [] for n, _ in cmds}
    for r in range(runs + 1):  # the first round warms caches and is not counted
        for name, cmd in cmds:
            wall, cpu, rc = run_timed(cmd, env)
            if rc not in (0, 1):  # check exits 1 when it finds errors
                raise SystemExit(f"{name}: exit {rc}")
            if r:
                out[name].append((wall, cpu))
    return out


def table(res: dict[str, list[tuple[float, float]]], title: str) -> None:
    base = res["import jieba; jieba.initialize()"]
    print(f"\n{title}\n")
    print("| command | wall p50 (s) | CPU p50 (s) | ÷ bare jieba start (wall) |")
    print("|---|---:|---:|---:|")
    for name, xs in res.items():
        ratio = median([w / b[0] for (w, _), b in zip(xs, base)])
        print(f"| `{name}` | {median([w for w, _ in xs]):.3f} | {median([c for _, c in xs]):.3f} | {ratio:.2f}× |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--busy", type=int, action="append", help="busy processes during a pass (repeatable)")
    ap.add_argument("--base", help="another install's jixiao (the code before a change), run in the same rounds")
    a = ap.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = build_shipped(tmp / "home")
        rec = json.loads((SHARED / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
        tbl = tmp / "table.json"
        tbl.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
        cmds = commands(tbl, a.base)
        for n in a.busy or [0]:
            with busy(n):
                res = rounds(cmds, env, a.runs)
            table(res, f"{a.runs} rounds, {n} busy processes" + (" (contention)" if n else ""))


if __name__ == "__main__":
    main()
