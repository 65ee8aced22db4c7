"""CLI commands `jixiao library export FILE.xlsx [--unit 单位]` and `jixiao library import FILE.xlsx [--unit 单位]`.

Thin layer over `kb.excel.library`, run with the command line's own rights
(any library). An import with problems prints one `第N行 列名: 问题` line
each and exits 2, keeping nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from kb.cli.lifecycle import _session, library_app
from kb.errors import DataError
from kb.settings import get_settings


@library_app.command("export")
def library_export(file: Path = typer.Argument(..., help="要写入的 .xlsx 文件"),
                   unit: Optional[str] = typer.Option(None, "--unit", help="导出该单位的单位指标库（默认基础指标库）")) -> None:
    """把基础指标库（或一个单位的单位指标库）导出为 Excel：一个工作表，中文表头，单元格均为文本。"""
    from kb.excel.library import export_library, select_library
    from kb.knowledge import KnowledgeBase

    if file.suffix.lower() != ".xlsx":
        raise DataError("导出文件须以 .xlsx 结尾", file=str(file))
    inds = select_library(KnowledgeBase(get_settings()).indicators(), unit)
    if unit and not inds:
        raise DataError(f"单位指标库不存在或为空: {unit}", field="--unit")
    export_library(inds, file, "单位指标库" if unit else "基础指标库")
    typer.echo(f"已导出 {len(inds)} 个指标到 {file}")


@library_app.command("import")
def library_import(file: Path = typer.Argument(..., help="导出格式的 .xlsx 文件"),
                   unit: Optional[str] = typer.Option(None, "--unit", help="所有行导入该单位的单位指标库")) -> None:
    """从 Excel 导入指标库：全部成功或全部不生效；有变化的指标生成新版本，立即发布到知识库。"""
    from kb.excel.library import LibraryImportError, import_library
    from kb.knowledge import KnowledgeBase
    from kb.lifecycle import service as svc

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DataError("文件不存在", file=str(file)) from None
    settings = get_settings()
    kbase = KnowledgeBase(settings)
    try:
        with _session() as s:
            out = import_library(s, svc.CLI_PRINCIPAL, data, settings=settings, find=kbase.find, unit_name=unit,
                                 file=file.name)
    except LibraryImportError as e:
        for line in e.problems:
            print(f"错误: {file.name}: {line}", file=sys.stderr)
        print(f"没有导入任何指标（共 {len(e.problems)} 处问题）", file=sys.stderr)
        raise typer.Exit(2) from None
    where = f"{out.unit_name} 的单位指标库" if out.unit_name else "指标库"
    typer.echo(f"已导入 {where}：{out.rows} 行，新增 {out.added}、修改 {out.updated}、未变 {out.unchanged}；"
               f"指标库版本 {out.library_version}；" + (
                   "没有变化" if not (out.added or out.updated) else
                   "已发布到知识库" if out.published else "知识库尚未构建，构建后再发布"))
