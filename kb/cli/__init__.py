"""The `jixiao` command line: a thin layer over `kb.KnowledgeBase`.

One module per area registers its commands on `app`:
`kb.cli.indicators` (build, search, suggest, eval, serve), `kb.cli.check`
(check, eval-check), `kb.cli.corpus` (corpus add/list/remove, docs, ask,
eval-docs), `kb.cli.lifecycle` (db upgrade, admin create-key …), `kb.cli.evidence`
(evidence attach/list/get/delete/search/crosschecks, archive import/search/list).
Errors raised on purpose (`kb.errors.JixiaoError`) become exit code 2 with
one line on stderr; usage errors are exit 2 too (click's convention).
"""
from __future__ import annotations

import enum
import gc
import os
import sys

import typer

# rich tables use 80 columns when output is not a terminal, cutting Chinese names; give them room
if not sys.stdout.isatty() and "COLUMNS" not in os.environ:
    os.environ["COLUMNS"] = "180"

app = typer.Typer(
    name="jixiao",
    help="jixiao-kb: 预算绩效指标知识库 — 指标检索、绩效目标推荐、申报表审核、政策问答。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from kb.cli import indicators, check, corpus, lifecycle, evidence, vectors  # noqa: E402,F401  (register commands)


# a click parameter type (by class name) → what a value of it must be
_TYPE_WANTS = {"FloatParamType": "应为数字", "FloatRange": "应为数字", "IntParamType": "应为整数",
               "IntRange": "应为整数", "BoolParamType": "应为 true 或 false", "DateTime": "应为日期（YYYY-MM-DD）",
               "Path": "应为存在的文件或文件夹路径", "File": "应为可读取的文件"}
_ANNOTATION_WANTS = {float: "应为数字", int: "应为整数", bool: "应为 true 或 false"}


def usage_line(e: Exception) -> str:
    """One Chinese line for a click usage error (bad value, unknown option, missing argument); the
    option is named as typed (`--budget`). Click's own English text only for a kind not listed here."""
    name = type(e).__name__
    param = getattr(e, "param", None)
    hint = ""
    if param is not None:
        hint = "/".join(getattr(param, "opts", None) or []) or str(getattr(param, "human_readable_name", "") or "")
    hint = hint or str(getattr(e, "param_hint", "") or "").strip("'\"")
    if name == "NoSuchOption":
        alts = sorted(getattr(e, "possibilities", None) or [])
        return f"没有选项 {e.option_name}" + (f"（可用：{'、'.join(alts)}）" if alts else "")
    if name == "MissingParameter":
        return f"缺少参数 {hint.upper() if hint and not hint.startswith('-') else hint}"
    if name == "BadParameter":
        ptype = getattr(param, "type", None)  # click's type; typer ≥ 0.29 keeps the annotation instead
        ann = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        choices = getattr(ptype, "choices", None) or (
            [m.value for m in ann] if isinstance(ann, type) and issubclass(ann, enum.Enum) else None)
        wants = (f"应为 {'、'.join(map(str, choices))} 之一" if choices else
                 _ANNOTATION_WANTS.get(ann) or _TYPE_WANTS.get(type(ptype).__name__, "取值无效"))
        return f"参数 {hint} {wants}" if hint else wants
    if name in ("BadOptionUsage", "BadArgumentUsage", "NoArgsIsHelpError"):
        return f"命令用法有误：{' '.join(str(e.format_message()).split())}（用 --help 查看用法）"
    return " ".join(str(e.format_message()).split())


def main() -> None:
    """Console-script entry point: run the app, turning JixiaoError — and a fault of the machine
    (full disk, read-only folder, locked or damaged database: `kb.errors.fault_of`) — into exit 2
    with one line."""
    from kb.errors import JixiaoError, fault_of

    # What the start-up imported (typer, rich, pydantic, the settings: ≈ 40,000 container objects) lives as long
    # as the process: moved out of the collector's reach, the collections a command sets off no longer walk it
    # (≈ 0.08 s of CPU a `jixiao check`, in A/B runs of the whole process). Garbage made later is collected as before.
    gc.freeze()
    try:
        rc = app(standalone_mode=False)
    except JixiaoError as e:
        print(f"错误: {e.one_line()}", file=sys.stderr)
        sys.exit(2)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except Exception as e:  # click usage errors (typer vendors click: match by shape)
        if hasattr(e, "format_message") and isinstance(getattr(e, "exit_code", None), int):
            print(f"错误: {usage_line(e)}", file=sys.stderr)
            sys.exit(e.exit_code)
        if type(e).__name__ == "Abort":
            sys.exit(1)
        fault = fault_of(e)
        if fault is not None:
            print(f"错误: {fault.one_line()}", file=sys.stderr)
            sys.exit(2)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)
