"""CLI commands of the check area: `jixiao check` and `jixiao eval-check` (registered on `kb.cli.app`).

Thin layer over `kb.checker`: `check` reads a 绩效目标表 (.json / .jsonl /
.csv / .xlsx; a .jsonl or .json list of dev.jsonl-shaped records is one table
per record), prints the findings as a Chinese table (or `--json`, the same
shape as `POST /v1/declarations/check`; several tables give
`{"tables": [...]}`), writes the checked or rewritten table with `--out`, and
exits 1 when a finding is at or above `--fail-on` (so a declaration system
can gate on it); unreadable input is exit 2 with one line. `eval-check` prints precision / recall per rule on the labeled cases
and, with `--declarations`, the real-data summary.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from kb.cli import app
from kb.cli.output import console, err, print_json, print_table
from kb.errors import DataError

_SEV = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]", "info": "[cyan]提示[/cyan]"}
_RANK = {"info": 0, "warning": 1, "error": 2}



def _rows_said(s: dict) -> str:
    """'9 个指标行和 1 行目标' (a 年度目标 line is checked too, but it is no indicator: fresh trial), or '9 行': the
    summary's `indicator_rows` and `goal_rows`, as the API returns them (their sum is its `rows_checked`)."""
    goals = s.get("goal_rows") or 0
    rows = s.get("indicator_rows", s["rows_checked"] - goals)
    return f"{rows} 个指标行和 {goals} 行目标" if goals else f"{rows} 行"


def _render(report, title: str) -> None:
    s = report.summary
    if not report.findings:
        console.print(f"{escape(title)}：共检查 {_rows_said(s)}，未发现问题。")
        return
    t = Table(title=f"{escape(title)} 审核结果", show_lines=True, expand=False)
    t.add_column("行", justify="right", no_wrap=True)
    t.add_column("规则", no_wrap=True)
    t.add_column("程度", no_wrap=True)
    t.add_column("问题", overflow="fold", max_width=48)
    t.add_column("修改建议", overflow="fold", max_width=40)
    for f in report.findings:
        sug = f.suggestion.text if f.suggestion else ""
        msg = f.message + (f"\n依据：{f.citation}" if f.citation else "")
        t.add_row("全表" if f.row is None else str(f.row), f.rule_id, _SEV[f.severity], escape(msg), escape(sug))
    console.print(t)
    b = s["by_severity"]
    console.print(f"共检查 {_rows_said(s)}，{s['rows_with_findings']} 行有问题："
                  f"错误 {b['error']} 条，警告 {b['warning']} 条，提示 {b['info']} 条。")


def _table_id(t, i: int) -> str:
    return t.id or f"第{i}张"


def _out_path(out: Path, tid: str, many: bool) -> Path:
    """--out for one table, or out_<id>.xlsx per table when the file holds several."""
    if not many:
        return out
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in tid)
    return out.with_name(f"{out.stem}_{safe}{out.suffix}")


def _explainer(decl):
    """The library look-up that fills a row's blank 指标解释 (`KnowledgeBase.table_indicator`, within the
    declaration's sector), or None before the first `jixiao build`."""
    from kb.knowledge import loaded_kb
    from kb.settings import get_settings

    kb = loaded_kb(get_settings())
    if kb is None:
        return None
    return lambda r: kb.table_indicator(r.name, r.level2, sector=decl.sector or None, unit=r.unit or None)


def _jobs_value(text: str) -> int | None:
    """--jobs as given: a positive worker count, or None for auto (`kb.checker.batch.auto_jobs`)."""
    t = text.strip().lower()
    if t == "auto":
        return None
    if t.isdigit() and int(t) >= 1:
        return int(t)
    raise DataError(f"须为正整数或 auto，而不是 {text!r}", field="--jobs")


def _write_out(file: Path, out: Path, results: list, check_one, jobs: int, *, fix: bool, many: bool,
               with_library: bool) -> list:
    """Write --out for every checked table (after all of them are checked); the rewritten tables of
    --fix are checked again, as a batch, before the first file is written. Returns results with paths."""
    from kb.checker import apply_fixes
    from kb.checker.batch import check_batch
    from kb.io.xlsx import export_xlsx
    from kb.io.xlsx_annotate import ANNOTATED, annotate_input
    from kb.io.xlsx_table import write_declaration, written_row_numbers

    paths = [_out_path(out, _table_id(decl, i), many) for i, (decl, _, _) in enumerate(results, 1)]
    if fix:  # the table to hand in: the usual template, what is left to fix on a second sheet
        # numbered by the rows it is written at: the 审核意见 sheet and the messages name the sheet's rows
        fixed = [(f := apply_fixes(decl, report)).model_copy(update={"row_numbers": written_row_numbers(f)})
                 for decl, report, _ in results]
        for f, rep, written in zip(fixed, check_batch(fixed, check_one, jobs), paths):
            write_declaration(f, written, rep, _explainer(f) if with_library else None)
    else:
        for (decl, report, _), written in zip(results, paths):
            if file.suffix.lower() in ANNOTATED:  # the declarant's own sheet: every row keeps its number
                annotate_input(file, decl, report, written)
            else:
                export_xlsx(decl, written, report)
    return [(decl, report, written) for (decl, report, _), written in zip(results, paths)]


@app.command("check")
def check_cmd(
    file: Path = typer.Argument(..., help="绩效目标表: .json / .jsonl / .csv / .xlsx（.jsonl 每行一张申报表时逐表审核）"),
    as_json: bool = typer.Option(False, "--json", help='输出 JSON: {"findings": [...], "summary": {...}}；'
                                                      '多张表时 {"tables": [{"id", "project_name", "findings", "summary"}, ...]}'),
    fail_on: str = typer.Option("error", "--fail-on", help="有此级别或更严重的问题时退出码为 1: error / warning / info"),
    fix: bool = typer.Option(False, "--fix", help="按修改建议改写整张表（需配合 --out）"),
    out: Optional[Path] = typer.Option(None, "--out", help="写出 .xlsx：加 --fix 为改写后的表（常用模板，剩余问题在“审核意见”工作表），否则为带审核意见的原表；"
                                                           "多张表时每表一个文件 <名>_<编号>.xlsx"),
    no_library: bool = typer.Option(False, "--no-library", help="改写时不查指标库，只用通用默认值"),
    jobs: str = typer.Option("auto", "--jobs", help="多张表（.jsonl 每行一张）时同时审核的进程数：正整数，或 auto（默认："
                                                   "满 100 张表且本机有空闲核心时按空闲核心数，否则在本进程内逐表审核）；"
                                                   "每个进程至少分到 8 张表，表少时不拆分；结果与逐表审核完全相同，顺序不变"),
) -> None:
    """审核绩效目标表：逐行、逐表检查模糊、不可考核或有缺陷的指标，给出规则编号、依据和改写建议。"""
    from kb.checker.batch import auto_jobs, check_batch
    from kb.io.tables import read_tables
    from kb.knowledge import table_checker

    if fail_on not in _RANK:
        raise DataError(f"--fail-on 须为 error / warning / info 之一，而不是 {fail_on!r}", field="--fail-on")
    if fix and out is None:
        raise DataError("--fix 需要用 --out 指定输出的 .xlsx 文件", field="--out")
    if out is not None and out.suffix.lower() != ".xlsx":
        raise DataError("--out 须为 .xlsx 文件", file=str(out), field="--out")
    n_jobs = _jobs_value(jobs)  # before reading: a bad --jobs is said at once
    tables = read_tables(file)
    many = len(tables) > 1
    check_one, with_library = table_checker(library=not no_library)
    if not with_library and not no_library:
        from kb.settings import get_settings

        err.print(f"提示：没有找到知识库（{escape(str(get_settings().resolved_kb_path().resolve()))}）：请先运行 jixiao build，"
                  "或回到构建时所在的目录运行（也可用环境变量 JIXIAO_HOME 指定数据目录）；"
                  "本次改写建议采用通用默认值（满意度≥90%、合格率≥95%、完成率=100%、时效为年度12月31日前）。")
    n_jobs = auto_jobs(len(tables)) if n_jobs is None else n_jobs
    reports = check_batch(tables, check_one, n_jobs)  # every table checked before any file is written
    results = [(decl, report, None) for decl, report in zip(tables, reports)]
    if out is not None:
        results = _write_out(file, out, results, check_one, n_jobs, fix=fix, many=many, with_library=with_library)
    if as_json:
        if many:
            print_json({"tables": [{"id": _table_id(d, i), "project_name": d.project_name, **r.model_dump()}
                                    for i, (d, r, _) in enumerate(results, 1)]})
        else:
            print_json(results[0][1].model_dump())
        files = [str(w) for _, _, w in results if w is not None]
        if files:  # stdout holds the JSON; say where the tables went on stderr
            print(f"已写出 {len(files)} 个文件: {files[0]}" + (f" … {files[-1]}" if len(files) > 1 else ""),
                  file=sys.stderr)
    else:
        for i, (decl, report, written) in enumerate(results, 1):
            title = decl.project_name or file.name
            _render(report, f"{_table_id(decl, i)} {title}" if many else title)
            if written is not None:
                console.print(f"已写出 {escape(str(written))}" + ("（改写后的绩效目标表）" if fix else "（含审核意见）"))
        if many:
            n_err = sum(1 for _, r, _ in results if r.summary["has_errors"])
            console.print(f"\n共审核 {len(results)} 张表，其中 {n_err} 张有错误级问题。")
    worst = max((_RANK[f.severity] for _, r, _ in results for f in r.findings), default=-1)
    if worst >= _RANK[fail_on]:
        sys.stdout.flush()
        # sys.exit, not typer.Exit: kb.cli.main runs click with standalone_mode=False,
        # which turns typer.Exit into a return value and would lose the code
        sys.exit(1)


@app.command("eval-check")
def eval_check(
    rules_dir: Optional[Path] = typer.Option(None, "--rules-dir", help="用例目录（默认 JIXIAO_DEV_DATA_DIR/rules，即 ../shared/data/rules）"),
    declarations: Optional[Path] = typer.Option(None, "--declarations",
                                                help="另对真实申报表 JSONL（dev.jsonl 格式）逐表审核并汇总"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    show_errors: bool = typer.Option(False, "--errors", help="列出与标注不一致的用例"),
) -> None:
    """在标注用例上评测审核规则：逐条规则及总体的精确率、召回率；可附真实申报表汇总。"""
    from kb.checker.evaluate import declarations_report, evaluate_cases, format_eval
    from kb.settings import get_settings

    res = evaluate_cases(rules_dir or get_settings().dev_data_dir / "rules")
    rows = format_eval(res)
    rep = declarations_report(declarations) if declarations is not None else None
    if as_json:
        o = res.overall
        payload = {"overall": {"precision": o.precision, "recall": o.recall, "tp": o.tp, "fp": o.fp, "fn": o.fn},
                   "per_rule": {rid: {"precision": s.precision, "recall": s.recall, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                                for rid, s in sorted(res.per_rule.items())},
                   "row_cases": res.n_row_cases, "table_cases": res.n_table_cases, "disagreements": res.errors}
        if rep is not None:
            payload["declarations"] = {"tables": rep.tables, "tables_with_errors": rep.tables_with_errors,
                                       "complete_tables": rep.complete_tables,
                                       "complete_with_errors": rep.complete_with_errors,
                                       "share_with_errors": rep.share_with_errors, "rows": rep.rows,
                                       "by_severity": rep.by_severity,
                                       "top_rules": [{"rule_id": r, "findings": n, "tables": k} for r, n, k in rep.top_rules]}
        print_json(payload)
        return
    print_table(f"审核规则评测（{res.n_row_cases} 个行用例 + {res.n_table_cases} 个表用例）",
                ("规则", "精确率", "召回率", "TP", "FP", "FN"), rows, right=("精确率", "召回率", "TP", "FP", "FN"))
    if show_errors and res.errors:
        for e in res.errors:
            console.print(f"{e['case']}: 漏报 {e['missed']} 误报 {e['extra']}")
    if rep is not None:
        from kb.checker.catalog import CATALOG

        console.print(f"\n真实申报表 {rep.tables} 张（{rep.rows} 行）：有错误级问题的 {rep.tables_with_errors} 张，"
                      f"占 {rep.share_with_errors:.0%}；其中完整公开的 {rep.complete_tables} 张里有 "
                      f"{rep.complete_with_errors} 张有错误级问题。")
        b = rep.by_severity
        console.print(f"问题合计：错误 {b.get('error', 0)} 条，警告 {b.get('warning', 0)} 条，提示 {b.get('info', 0)} 条。")
        t2 = Table(title="出现最多的 10 条规则")
        for c in ("规则", "名称", "问题数", "涉及表数"):
            t2.add_column(c)
        for rid, n, k in rep.top_rules:
            t2.add_row(rid, CATALOG[rid].title, str(n), str(k))
        console.print(t2)
