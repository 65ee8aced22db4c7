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


def main() -> None:
    """Console-script entry point: run the app, turning JixiaoError — and a fault of the machine
    (full disk, read-only folder, locked or damaged database: `kb.errors.fault_of`) — into exit 2
    with one line."""
    from kb.errors import JixiaoError, fault_of

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
            print(f"错误: {' '.join(str(e.format_message()).split())}", file=sys.stderr)
            sys.exit(e.exit_code)
        if type(e).__name__ == "Abort":
            sys.exit(1)
        fault = fault_of(e)
        if fault is not None:
            print(f"错误: {fault.one_line()}", file=sys.stderr)
            sys.exit(2)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)
