"""CLI commands of the package's vectors: `jixiao vectors refresh` and `jixiao vectors check`.

Thin layer over `kb.shipped_vectors`: after editing `indicators/` or
`corpora/`, `refresh` rewrites `indicators/vectors/<backend>.npz` (only
changed items are embedded) so a fresh install's `jixiao build` embeds
nothing; `check` exits 1 while the file is stale (CI runs the same check
as a test).
"""
from __future__ import annotations

import sys

import typer

from kb.cli import app
from kb.cli.output import console
from kb.settings import get_settings

vectors_app = typer.Typer(help="随软件包提供的内置向量（指标库、内置语料）：刷新与检查。", no_args_is_help=True)
app.add_typer(vectors_app, name="vectors")


@vectors_app.command("refresh")
def vectors_refresh() -> None:
    """按当前指标库和内置语料重写内置向量文件(未变的直接沿用，只计算变化的条目)。"""
    from kb.shipped_vectors import refresh as do_refresh

    path, counts = do_refresh(get_settings())
    console.print(f"已写出 {path}：沿用 {counts['reused']} 条，新计算 {counts['embedded']} 条")


@vectors_app.command("check")
def vectors_check() -> None:
    """检查内置向量是否与指标库、内置语料和嵌入模型一致；不一致时退出码为 1。"""
    from kb.shipped_vectors import check as do_check

    st = do_check(get_settings())
    if st.fresh:
        console.print(f"内置向量是最新的: {st.path}")
        return
    print(st.summary(), file=sys.stderr)
    print("请运行 jixiao vectors refresh", file=sys.stderr)
    sys.exit(1)
