"""CLI commands of the lifecycle area: `jixiao db …`, `jixiao admin …`, `jixiao library …`.

`jixiao db upgrade` applies the workflow-database migrations;
`jixiao admin create-key --unit NAME --role ROLE` creates an API key and
prints it once, alone on the last line (scripts read `| tail -n 1`);
`jixiao library …` applies versioned, all-or-nothing library changes and
publishes them into the KB file; `jixiao library export / import FILE.xlsx
[--unit 单位]` moves a whole library through Excel (an import with problems
prints one `第N行 列名: 问题` line each on stderr, exits 2 and keeps
nothing). Commands that touch the database apply pending migrations first.
Thin layer over `kb.lifecycle` and `kb.knowledge`; errors become exit 2 with
one line (see `kb.cli.main`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError

from kb.domain.messages import chinese, field_path
from kb.cli import app
from kb.cli.output import console, print_json
from kb.errors import DataError
from kb.settings import get_settings

db_app = typer.Typer(help="工作流数据库（申报、监控、评价、反馈）", no_args_is_help=True)
admin_app = typer.Typer(help="API 密钥管理", no_args_is_help=True)
library_app = typer.Typer(help="指标库管理：新增、修改、停用指标和同义词，Excel 导出导入（有版本、全部成功或全部不生效）",
                          no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(library_app, name="library")

def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    from kb.lifecycle.db import normalize_url

    return make_url(normalize_url(url)).render_as_string(hide_password=True)


def _session(url: str | None = None):
    from kb.lifecycle.db import get_sessionmaker, upgrade

    url = url or get_settings().resolved_database_url()
    upgrade(url)
    return get_sessionmaker(url)()


def _model(cls, data, what: str):
    try:
        return cls.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        raise DataError(f"{what}: {chinese(err)}", field=field_path(err["loc"])) from None


@db_app.command("upgrade")
def db_upgrade(url: Optional[str] = typer.Option(None, "--url", help="数据库地址（默认 JIXIAO_DATABASE_URL 或知识库旁的 SQLite 文件）")) -> None:
    """应用数据库迁移（可重复执行）。"""
    from kb.lifecycle.db import current_revision, upgrade

    url = url or get_settings().resolved_database_url()
    upgrade(url)
    typer.echo(f"数据库已是最新版本 {current_revision(url)}: {_safe_url(url)}")


@db_app.command("current")
def db_current(url: Optional[str] = typer.Option(None, "--url", help="数据库地址")) -> None:
    """显示数据库当前的迁移版本。"""
    from kb.lifecycle.db import current_revision, head_revision

    url = url or get_settings().resolved_database_url()
    cur = current_revision(url)
    typer.echo(f"当前版本: {cur or '未初始化'}；最新版本: {head_revision()}")


@admin_app.command("create-key")
def admin_create_key(unit: str = typer.Option(..., "--unit", help="单位名称（不存在则创建）"),
               role: str = typer.Option(..., "--role",
                                        help="declarant / reviewer / supervisor / admin / unit_admin / finance_reviewer"),
               assigned_unit: list[str] = typer.Option([], "--assigned-unit",
                                                       help="财政审核人员 (finance_reviewer) 负责的单位，可重复"),
               label: str = typer.Option("", "--label", help="备注")) -> None:
    """创建 API 密钥；密钥只显示这一次，单独占最后一行。"""
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.keys import create_key as create
    from kb.lifecycle.models import ROLES
    from kb.lifecycle.schemas import KeyIn

    if role not in ROLES:
        raise DataError(f"角色只能是 {'/'.join(ROLES)}", field="--role")
    body = _model(KeyIn, {"unit_name": unit, "role": role, "label": label, "assigned_units": assigned_unit},
                  "参数有误")
    with _session() as s:
        k = create(s, CLI_PRINCIPAL, body)
    if k.warning:
        typer.echo(k.warning, err=True)
    typer.echo(f"已为 {k.unit_name} 创建 {k.role} 密钥（id {k.id}）。密钥只显示这一次，请妥善保存：", err=True)
    typer.echo(k.key)


@admin_app.command("list-keys")
def admin_list_keys() -> None:
    """列出密钥（不显示密钥本身）。"""
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.keys import list_keys as listed

    with _session() as s:
        for k in listed(s, CLI_PRINCIPAL):
            state = f"已吊销 {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "有效"
            typer.echo(f"{k.id}\t{k.unit_name}\t{k.role}\t{state}\t{k.label}")


@admin_app.command("revoke-key")
def admin_revoke_key(key_id: int = typer.Argument(..., help="密钥 id")) -> None:
    """吊销密钥（立即失效）。"""
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.keys import revoke_key as revoke

    with _session() as s:
        k = revoke(s, CLI_PRINCIPAL, key_id)
    typer.echo(f"已吊销密钥 {k.id}（{k.unit_name} {k.role}）")


def _apply(changes: list[dict]) -> None:
    from kb.errors import ConfigError
    from kb.knowledge import change_library, get_kb
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.schemas import LibraryChangesIn

    body = _model(LibraryChangesIn, {"changes": changes}, "修改内容有误")
    settings = get_settings()
    try:
        kbase = get_kb(settings)
    except ConfigError:  # not built yet: the changes are stored and published by the next call
        kbase = None
    with _session() as s:
        out, published = change_library(s, CLI_PRINCIPAL, body, settings=settings, kb=kbase)
    for c in out.changes:
        typer.echo(f"{c.op}\t{c.id}\t版本 {c.version}")
    typer.echo(f"指标库版本 {out.library_version}；" + ("已发布到知识库" if published else "知识库尚未构建，构建后再发布"))


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("文件不存在", file=str(path)) from None
    except json.JSONDecodeError as e:
        raise DataError(f"不是有效的 JSON: {e.msg}", file=str(path), row=e.lineno) from None


@library_app.command("apply")
def library_apply(file: Path = typer.Argument(..., help="JSON 文件：{\"changes\": [...]} 或修改列表")) -> None:
    """批量应用修改（全部成功或全部不生效）。"""
    data = _read_json(file)
    changes = data.get("changes") if isinstance(data, dict) else data
    if not isinstance(changes, list):
        raise DataError("应为修改列表或 {\"changes\": [...]}", file=str(file))
    _apply(changes)


@library_app.command("add")
def library_add(file: Path = typer.Argument(..., help="一个指标的 JSON 文件（字段同 kb.domain.schema.Indicator，id 可省略）")) -> None:
    """新增指标。"""
    _apply([{"op": "add", "indicator": _read_json(file)}])


@library_app.command("update")
def library_update(indicator_id: str = typer.Argument(..., help="指标 id"),
                   patch: str = typer.Option(..., "--patch", help='要修改的字段(JSON)，如 {"unit": "人次"}'),
                   expected_version: Optional[int] = typer.Option(None, "--expected-version", help="当前版本号")) -> None:
    """修改指标字段。"""
    try:
        p = json.loads(patch)
    except json.JSONDecodeError as e:
        raise DataError(f"不是有效的 JSON: {e.msg}", field="--patch") from None
    _apply([{"op": "update", "id": indicator_id, "patch": p, "expected_version": expected_version}])


@library_app.command("deprecate")
def library_deprecate(indicator_id: str = typer.Argument(..., help="指标 id")) -> None:
    """停用指标。"""
    _apply([{"op": "deprecate", "id": indicator_id}])


@library_app.command("synonym")
def library_synonym(indicator_id: str = typer.Argument(..., help="指标 id"),
                    words: list[str] = typer.Argument(..., help="同义词")) -> None:
    """为指标增加同义词。"""
    _apply([{"op": "synonyms", "id": indicator_id, "synonyms": words}])


@library_app.command("list")
def library_list(unit: Optional[str] = typer.Option(None, "--unit", help="只看某单位的单位指标库")) -> None:
    """列出经管理修改过的指标。"""
    from kb.lifecycle.access import CLI_PRINCIPAL
    from kb.lifecycle.library import list_managed

    with _session() as s:
        rows = list_managed(s, CLI_PRINCIPAL, unit_name=unit)
    for r in rows:
        typer.echo(f"{r.id}\t{r.library}\t{r.unit_name or ''}\t{r.indicator.get('name')}\t{r.status}\t版本 {r.version}")
    if not rows:
        typer.echo("（无）", err=True)
    sys.stdout.flush()


@library_app.command("export")
def library_export(file: Path = typer.Argument(..., help="要写入的 .xlsx 文件"),
                   unit: Optional[str] = typer.Option(None, "--unit", help="导出该单位的单位指标库（默认基础指标库）")) -> None:
    """把基础指标库（或一个单位的单位指标库）导出为 Excel：一个工作表，中文表头，单元格均为文本。"""
    from kb.io.xlsx_library import export_library
    from kb.knowledge import get_kb

    if file.suffix.lower() != ".xlsx":
        raise DataError("导出文件须以 .xlsx 结尾", file=str(file))
    inds = get_kb(get_settings()).library(unit)
    export_library(inds, file, "单位指标库" if unit else "基础指标库")
    console.print(f"已导出 {len(inds)} 个指标到 {file}", markup=False, highlight=False, soft_wrap=True)


@library_app.command("import")
def library_import(file: Path = typer.Argument(..., help="导出格式的 .xlsx 文件"),
                   unit: Optional[str] = typer.Option(None, "--unit", help="所有行导入该单位的单位指标库"),
                   as_json: bool = typer.Option(False, "--json", help="输出 JSON（与 API 的返回相同）")) -> None:
    """从 Excel 导入指标库：全部成功或全部不生效；有变化的指标生成新版本，立即发布到知识库。"""
    from kb.io.xlsx_library import LibraryImportError
    from kb.knowledge import get_kb, import_library
    from kb.lifecycle.access import CLI_PRINCIPAL

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DataError("文件不存在", file=str(file)) from None
    kbase = get_kb(get_settings())
    try:
        with _session() as s:
            out = import_library(s, CLI_PRINCIPAL, data, kb=kbase, unit_name=unit, file=file.name)
    except LibraryImportError as e:
        for line in e.problems:
            print(f"错误: {file.name}: {line}", file=sys.stderr)
        print(f"没有导入任何指标（共 {len(e.problems)} 处问题）", file=sys.stderr)
        raise typer.Exit(2) from None
    if as_json:
        print_json(out)
        return
    where = f"{out.unit_name} 的单位指标库" if out.unit_name else "指标库"
    console.print(f"已导入 {where}：{out.rows} 行，新增 {out.added}、修改 {out.updated}、未变 {out.unchanged}；"
                  f"指标库版本 {out.library_version}；" + (
                      "没有变化" if not (out.added or out.updated) else
                      "已发布到知识库" if out.published else "知识库尚未构建，构建后再发布"),
                  markup=False, highlight=False, soft_wrap=True)
