"""Benchmark of the declaration checker: precision / recall on labeled cases and rows/s.

Prints (1) precision and recall per rule and overall on
../shared/data/rules/cases_dev.jsonl + table_cases_dev.jsonl, and (2) the
throughput of `check_declaration` on a synthetic set of 100,000 rows
(10,000 tables of 10 rows) built from the real rows of
../shared/data/declarations/dev.jsonl and the labeled cases, with numbers,
operators, units and vague words varied by a seeded RNG so that names and
values do not simply repeat. Target: ≥ 20,000 rows/s (issue 4 §6).
(3) the same distinct-name set checked as one batch with `--jobs` worker
processes (`kb.checker.batch.check_batch`, what `jixiao check FILE.jsonl
--jobs N` runs): wall rows/s, CPU summed over this process and its workers
(`resource.getrusage(RUSAGE_CHILDREN)`), the load average at each row's start.

Run: python benchmarks/check_bench.py [--rows 100000] [--seed 7] [--jobs 2] [--batch-only]
(`--batch-only`: section 3 alone, for runs alternating `--jobs 1` / `--jobs 2`.)
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine_line  # noqa: E402

from kb.checker import check_declaration  # noqa: E402
from kb.checker.batch import check_batch  # noqa: E402
from kb.checker.evaluate import evaluate_cases, format_eval  # noqa: E402
from kb.checker.engine import clear_caches  # noqa: E402
from kb.indicators.lookup import IndicatorLookup  # noqa: E402
from kb.io.library import load_libraries  # noqa: E402
from kb.settings import Settings  # noqa: E402
from kb.domain.schema import Declaration, TargetRow  # noqa: E402

TARGET_ROWS_PER_S = 20_000
SHARED_DATA = Settings().dev_data_dir
_VAGUE = ["有所提高", "明显", "持续改善", "稳步提升", "进一步提高", "显著", "逐步完善", "不断优化", "较好", "及时", "按时"]
_PREFIX = ["", "县级", "全市", "乡镇", "社区", "年度", "重点", "农村", "城区", "新建", "本级", "项目区"]
_OPS = ["", "≥", "=", "≤", ">=", "＞＝", "不低于"]


def template_rows() -> list[dict]:
    rows: list[dict] = []
    for line in (SHARED_DATA / "declarations" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rows.extend(rec["indicators"])
    for line in (SHARED_DATA / "rules" / "cases_dev.jsonl").read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        rows.append({k: c.get(k, "") for k in ("level1", "level2", "name", "operator", "value", "unit")})
    return [{k: str(r.get(k) or "") for k in ("level1", "level2", "name", "operator", "value", "unit")} for r in rows]


_PLACES = "东西南北中上下新老前后大小金银石青白红黄绿安宁平和兴盛丰泰康永长清明光华阳山河湖江海林田桥"


def synthetic(n_rows: int, seed: int, per_table: int = 10, distinct_names: bool = False) -> list[Declaration]:
    """`n_rows` rows in tables of `per_table`; with `distinct_names` nearly every name is new
    (a random two-character place + 村/镇/社区 prefix), which defeats every per-name cache."""
    rng = random.Random(seed)
    tpl = template_rows()
    decls = []
    for t in range(n_rows // per_table):
        rows = []
        for _ in range(per_table):
            r = dict(rng.choice(tpl))
            if distinct_names:
                place = rng.choice(_PLACES) + rng.choice(_PLACES) + rng.choice(("村", "镇", "社区", "街道", "乡"))
                r["name"] = place + rng.choice(_PREFIX) + r["name"]
            else:
                r["name"] = rng.choice(_PREFIX) + r["name"]
            x = rng.random()
            if x < 0.15:
                r["value"] = rng.choice(_VAGUE)
                r["operator"] = ""
            elif x < 0.6 and any(ch.isdigit() for ch in r["value"]):
                r["value"] = str(rng.choice([rng.randint(1, 5000), rng.randint(60, 100), round(rng.random() * 100, 1)]))
                r["operator"] = rng.choice(_OPS)
            if rng.random() < 0.1:
                r["unit"] = ""
            rows.append(TargetRow(**r))
        decls.append(Declaration(project_name=f"合成项目{t}", year=rng.choice([2023, 2024, 2025]),
                                 budget_wan=rng.choice([None, 30.0, 250.0, 1200.0]), rows=rows))
    return decls


def bench(decls: list[Declaration], **kw) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, findings) of checking every declaration."""
    w0, c0 = time.perf_counter(), time.process_time()
    findings = 0
    for d in decls:
        findings += len(check_declaration(d, **kw).findings)
    return time.perf_counter() - w0, time.process_time() - c0, findings


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def bench_batch(decls: list[Declaration], jobs: int, **kw) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process and its reaped workers, findings) of `check_batch`."""
    w0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    reports = check_batch(decls, functools.partial(check_declaration, **kw), jobs)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0 + _children_cpu() - k0
    return wall, cpu, sum(len(r.findings) for r in reports)


def _library_lookup() -> IndicatorLookup:
    s = Settings()  # a fresh lookup: its answer cache starts empty too
    return IndicatorLookup.from_indicators(load_libraries(s.indicators_dir), s.checker.lookup_min_dice)


def batch_section(decls: list[Declaration], jobs: int) -> None:
    """Section 3: the distinct-name set as one batch over `jobs` worker processes."""
    n = sum(len(d.rows) for d in decls)
    print(f"\n## 整批审核：名称几乎全不相同，{n:,} 行 / {len(decls):,} 张表，{jobs} 个工作进程"
          f"（check_batch，即 jixiao check --jobs {jobs}）\n")
    print("行/秒 (墙钟) 是整批的吞吐量；CPU 合计含本进程和各工作进程（RUSAGE_CHILDREN）；负载为该行开始时的 1 分钟平均。\n")
    print("| 模式 | 进程 | 墙钟 (s) | 行/秒 (墙钟) | 相对目标 20,000 | CPU 合计 (s) | 行/秒 (CPU 合计) | 问题数 | 开始时负载 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, kw in (("只检查（suggest=False）", {"suggest": False}), ("检查 + 改写建议（指标库）", "lib")):
        clear_caches()
        if kw == "lib":
            kw = {"lookup": _library_lookup()}
        load = os.getloadavg()[0]
        wall, cpu, f = bench_batch(decls, jobs, **kw)
        print(f"| {label} | {jobs} | {wall:.2f} | {n / wall:,.0f} | {n / wall / TARGET_ROWS_PER_S:.2f}× | "
              f"{cpu:.2f} | {n / cpu:,.0f} | {f:,} | {load:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of section 3 (1: the serial batch)")
    ap.add_argument("--batch-only", action="store_true", help="section 3 alone")
    a = ap.parse_args()
    print(machine_line() + "\n")
    if a.batch_only:
        batch_section(synthetic(a.rows, a.seed, distinct_names=True), a.jobs)
        return

    res = evaluate_cases(SHARED_DATA / "rules")
    print(f"## 精确率 / 召回率（{res.n_row_cases} 个行用例 + {res.n_table_cases} 个表用例）\n")
    print("| 规则 | 精确率 | 召回率 | TP | FP | FN |\n|---|---|---|---|---|---|")
    for r in format_eval(res):
        print("| " + " | ".join(str(x) for x in r) + " |")

    for distinct in (False, True):
        decls = synthetic(a.rows, a.seed, distinct_names=distinct)
        n = sum(len(d.rows) for d in decls)
        names = len({r.name for d in decls for r in d.rows})
        values = len({r.value for d in decls for r in d.rows})
        kind = "名称几乎全不相同（压力测试）" if distinct else "名称取自真实表（常见指标反复出现）"
        print(f"\n## 吞吐量：{kind}，合成 {n:,} 行 / {len(decls):,} 张表，种子 {a.seed}；"
              f"不同名称 {names:,} 个，不同指标值 {values:,} 个\n")
        print("行/秒按本进程 CPU 时间计（机器另有负载时墙钟时间偏长，一并列出）；每种模式都从空缓存开始。\n")
        print("| 模式 | CPU (s) | 行/秒 (CPU) | 相对目标 20,000 | 墙钟 (s) | 行/秒 (墙钟) | 问题数 |")
        print("|---|---|---|---|---|---|---|")
        for label, kw in (("只检查（suggest=False）", {"suggest": False}),
                          ("检查 + 改写建议（通用默认值）", {}),
                          ("检查 + 改写建议（指标库）", "lib")):
            clear_caches()  # each mode starts cold: no parse or rule result carried over
            if kw == "lib":
                kw = {"lookup": _library_lookup()}
            wall, cpu, f = bench(decls, **kw)
            print(f"| {label} | {cpu:.2f} | {n / cpu:,.0f} | {n / cpu / TARGET_ROWS_PER_S:.2f}× | {wall:.2f} | "
                  f"{n / wall:,.0f} | {f:,} |")
    batch_section(decls, a.jobs)  # the distinct-name set, the last one made


if __name__ == "__main__":
    main()
