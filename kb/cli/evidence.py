"""CLI of 佐证材料 and the 电子会计档案: `jixiao evidence …`, `jixiao archive …`.

`jixiao evidence attach DECL_ID FILE --kind 合同 [--stage 事中监控] [--row 2]`,
`evidence list DECL_ID`, `evidence get ATTACHMENT_ID --out FILE` (written in
chunks), `evidence delete ATTACHMENT_ID --reason …`, `evidence search Q`,
`evidence crosschecks DECL_ID`; `jixiao archive import FILE [--declaration ID]
[--unit NAME] [--category 凭证] [--period 2024-06]`, `archive search Q`
(archive rows and attachment passages), `archive list`. Each command calls the
same `kb` function as the HTTP route, as the command line's administrator
(every write is audited as such); `--json` prints the API's shapes
(`kb.cli.output.print_json`). Errors
become exit 2 with one line (see `kb.cli.main`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from kb.cli import app
from kb.cli.lifecycle import _session
from kb.cli.output import print_json, print_lines
from kb.errors import DataError
from kb.settings import get_settings

evidence_app = typer.Typer(help="佐证材料：上传、列表、下载、删除、检索、核对", no_args_is_help=True)
archive_app = typer.Typer(help="电子会计档案：导入凭证/账簿/报表、按行检索、目录", no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")
app.add_typer(archive_app, name="archive")

JSON_OPT = typer.Option(False, "--json", help="输出 JSON（与 HTTP API 相同的结构）")


def _json(model) -> None:
    print_json(model.model_dump(mode="json"))  # dates as ISO text


def _principal():
    from kb.lifecycle.access import CLI_PRINCIPAL

    return CLI_PRINCIPAL


def _file(path: Path) -> Path:
    if not path.is_file():
        raise DataError("文件不存在", file=str(path))
    return path


@evidence_app.command("attach")
def evidence_attach(decl_id: int = typer.Argument(..., help="申报 id"),
           file: Path = typer.Argument(..., help="文件：PDF、DOCX、XLSX、CSV、JPG、PNG、OFD"),
           kind: str = typer.Option(..., "--kind", help="合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他"),
           stage: Optional[str] = typer.Option(None, "--stage", help="事前申报 / 事中监控 / 事后评价 / 结果反馈"),
           row: Optional[int] = typer.Option(None, "--row", help="所支撑的指标行号（从 1 开始）"),
           note: str = typer.Option("", "--note", help="说明"), as_json: bool = JSON_OPT) -> None:
    """上传佐证材料。"""
    from kb.evidence import attachments as ev

    with _session() as s:
        a = ev.attach(s, _principal(), decl_id, _file(file), file.name, kind, stage=stage, row=row, note=note,
                      settings=get_settings())
    if as_json:
        return _json(a)
    state = "已有相同文件，未重复保存" if a.duplicate else ("已建立索引" if a.indexed else a.index_note)
    typer.echo(f"附件 {a.id}\t{a.kind}\t{a.filename}\t{a.size} 字节\t{state}")


@evidence_app.command("list")
def list_(decl_id: int = typer.Argument(..., help="申报 id"), as_json: bool = JSON_OPT) -> None:
    """列出申报的佐证材料。"""
    from kb.evidence import attachments as ev
    from kb.evidence.schemas import AttachmentList

    with _session() as s:
        rows = ev.list_attachments(s, _principal(), decl_id)
    if as_json:
        return _json(AttachmentList(attachments=rows))
    print_lines(f"{a.id}\t{a.stage_label}\t{a.kind}\t{f'第{a.row}行' if a.row else '—'}\t{a.filename}\t{a.size}\t"
                f"{'已索引' if a.indexed else '未索引'}" for a in rows)


@evidence_app.command("get")
def get(att_id: int = typer.Argument(..., help="附件 id"),
        out: Path = typer.Option(..., "--out", help="保存到此文件")) -> None:
    """下载附件（分块写入）。"""
    from kb.evidence import attachments as ev
    from kb.lifecycle.db import get_sessionmaker

    url = get_settings().resolved_database_url()
    with _session(url) as s:
        meta, chunks = ev.open_download(s, _principal(), att_id, get_sessionmaker(url))
        with open(out, "wb") as f:
            for c in chunks:
                f.write(c)
    typer.echo(f"已保存 {meta.filename}（{meta.size} 字节）到 {out}")


@evidence_app.command("delete")
def delete(att_id: int = typer.Argument(..., help="附件 id"),
           reason: str = typer.Option("", "--reason", help="删除原因（记入审计日志）")) -> None:
    """删除附件（软删除，留痕）。"""
    from kb.evidence import attachments as ev

    with _session() as s:
        a = ev.delete_attachment(s, _principal(), att_id, reason=reason)
    typer.echo(f"已删除附件 {a.id}（{a.filename}）")


@evidence_app.command("search")
def evidence_search(q: str = typer.Argument(..., help="检索词"),
           declaration: Optional[int] = typer.Option(None, "--declaration", help="只检索某个申报"),
           kind: Optional[str] = typer.Option(None, "--kind", help="只检索某类材料"),
           top: int = typer.Option(10, "--top", min=1, max=100), as_json: bool = JSON_OPT) -> None:
    """检索佐证材料全文（附出处）。"""
    from kb.evidence import attachments as ev

    with _session() as s:
        res = ev.search(s, _principal(), q, declaration_id=declaration, kind=kind, top=top)
    if as_json:
        return _json(res)
    print_lines((f"[{h.citation}] 申报 {h.declaration_id} 附件 {h.attachment_id}\n    {h.text[:160]}" for h in res.hits),
                empty="（无结果）")


@evidence_app.command("crosschecks")
def crosschecks(decl_id: int = typer.Argument(..., help="申报 id"), as_json: bool = JSON_OPT,
                fail_on: Optional[str] = typer.Option(None, "--fail-on", help="有此级别及以上的发现时退出码为 1：error / warning / info")) -> None:
    """核对申报：上报数与会计凭证、完成情况与佐证材料。"""
    from kb.crosscheck.engine import crosscheck
    from kb.domain.findings import SEVERITY_LABELS

    if fail_on and fail_on not in SEVERITY_LABELS:
        raise DataError("须为 error / warning / info", field="--fail-on")
    with _session() as s:
        out = crosscheck(s, _principal(), decl_id, settings=get_settings())
    if as_json:
        _json(out)
    else:
        for f in out.findings:
            typer.echo(f"{f.rule_id}\t{f.severity_label}\t{f.message}")
        if not out.findings:
            typer.echo("未发现问题")
    rank = {"info": 0, "warning": 1, "error": 2}
    if fail_on and any(rank[f.severity] >= rank[fail_on] for f in out.findings):
        raise typer.Exit(1)


@archive_app.command("import")
def archive_import(file: Path = typer.Argument(..., help="财务软件导出的 .xlsx/.csv（凭证、账簿、报表）或 .pdf（报表）"),
                   declaration: Optional[int] = typer.Option(None, "--declaration", help="关联的申报 id"),
                   unit: Optional[str] = typer.Option(None, "--unit", help="档案所属单位（不指定申报时必填）"),
                   category: Optional[str] = typer.Option(None, "--category", help="凭证 / 账簿 / 报表 / 其他（默认自动识别）"),
                   period: Optional[str] = typer.Option(None, "--period", help="期间：2024、2024-06、2024年第二季度"),
                   as_json: bool = JSON_OPT) -> None:
    """导入会计档案（任何一行有误则整个文件不导入）。"""
    from kb.archive.importer import import_file

    with _session() as s:
        out = import_file(s, _principal(), _file(file), file.name, declaration_id=declaration, unit_name=unit,
                          category=category, period=period, settings=get_settings())
    if as_json:
        return _json(out)
    per = f"{out.period_start or '?'} 至 {out.period_end or '?'}"
    typer.echo(f"档案 {out.document_id}\t{out.category_label}\t{per}\t导入 {out.imported} 行"
               + (f"\t关联项目 {out.linked} 行，未关联 {out.unlinked} 行" if out.linked or out.unlinked else ""))
    for p in out.projects:
        typer.echo(f"  {p.project_name}\t{p.rows} 行\t支出 {p.spending_yuan:,.2f} 元")
    for w in out.warnings:
        typer.echo(f"注意: {w}", err=True)


@archive_app.command("search")
def archive_search(q: str = typer.Argument(..., help="如“2024年6月 维修费 凭证”"),
                   declaration: Optional[int] = typer.Option(None, "--declaration", help="只检索某个申报"),
                   top: int = typer.Option(10, "--top", min=1, max=200),
                   attachments: bool = typer.Option(True, "--attachments/--no-attachments", help="同时检索佐证材料全文"),
                   as_json: bool = JSON_OPT) -> None:
    """按行检索会计档案（并检索佐证材料全文），附出处。"""
    from kb.archive import search as arch
    from kb.evidence import attachments as ev

    with _session() as s:
        res = arch.search_archive(s, _principal(), q, declaration_id=declaration, top=top)
        att = None
        if attachments:
            terms = res.terms or q
            att = ev.search(s, _principal(), terms, declaration_id=declaration, top=top)
    if as_json:
        print_json({"archive": res.model_dump(mode="json"),
                    "attachments": att.model_dump(mode="json") if att else None})
        return
    if res.period_start or res.category:
        typer.echo(f"期间 {res.period_start or '-'} 至 {res.period_end or '-'}，类别 {res.category or '全部'}，检索词 {res.terms or '（无）'}",
                   err=True)
    for h in res.hits:
        amt = f"借 {h.debit_yuan:,.2f}" if h.debit_yuan else f"贷 {h.credit_yuan:,.2f}"
        typer.echo(f"[{h.citation}] {h.summary or h.text[:60]}\t{h.account}\t{amt}\t{h.project_name}")
    for h in att.hits if att else []:
        typer.echo(f"[{h.citation}] {h.text[:120]}")
    if not res.hits and not (att and att.hits):
        typer.echo("（无结果）", err=True)


@archive_app.command("list")
def archive_list(category: Optional[str] = typer.Option(None, "--category", help="凭证 / 账簿 / 报表 / 其他"),
                 year: Optional[int] = typer.Option(None, "--year", help="只看覆盖此年度的档案"),
                 as_json: bool = JSON_OPT) -> None:
    """会计档案目录（按类别、期间）。"""
    from kb.archive.importer import list_archive_documents

    with _session() as s:
        out = list_archive_documents(s, _principal(), category=category, year=year)
    if as_json:
        return _json(out)
    print_lines(f"{d.id}\t{d.unit_name}\t{d.category_label}\t{d.period_start or '-'} 至 {d.period_end or '-'}\t"
                f"{d.rows} 行\t{d.filename}" for d in out.documents)
