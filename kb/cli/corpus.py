"""CLI commands of the corpora: `corpus add/list/remove`, `docs`, `ask`, `eval-docs`.

Thin layer over `kb.corpus.Corpus`; `--json` prints the same shapes as the
HTTP API (`{"hits": [...]}` for docs, the AskResult for ask). Not for
building the shipped corpora (that is `jixiao build`).
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape
from rich.table import Table

from kb.cli import app
from kb.cli.output import console, print_json
from kb.corpus.models import COLLECTION_LABELS, COLLECTIONS
from kb.errors import DataError
from kb.settings import get_settings

corpus_app = typer.Typer(help="管理政策、专家意见与问答语料（国家政策库、内部法规通知库、问答区等）。",
                         no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

_COLL_HELP = "语料库: " + " / ".join(f"{k}({v})" for k, v in COLLECTION_LABELS.items())
_EMPTY_HINT = "（知识库中还没有语料：先运行 jixiao build 载入内置语料，或用 jixiao corpus add 添加文件）"
_KB_HELP = "知识库文件（默认 JIXIAO_KB_PATH 或 <home>/jixiao.kb.sqlite）"


def _corpus(kb: Optional[Path], *, create: bool = False):
    """The corpora of the KB file; unless `create`, the file must exist (else exit 2: build first)."""
    from kb.corpus import Corpus
    from kb.errors import missing_kb

    s = get_settings()
    path = Path(kb) if kb else s.resolved_kb_path()
    if not create and not path.exists():
        raise missing_kb(path)
    return Corpus(path, s)



def _check_collection(c: Optional[str]) -> None:
    if c is not None and c not in COLLECTIONS:
        raise DataError(f"--collection 须为 {' / '.join(COLLECTIONS)} 之一，而不是 {c!r}", field="--collection")


@corpus_app.command("add")
def corpus_add(
    path: Path = typer.Argument(..., help="文件: .md（可带 YAML 头）/ .jsonl / .docx / .pdf / .xlsx（问答表）"),
    collection: str = typer.Option(..., "--collection", "-c", help=_COLL_HELP),
    title: Optional[str] = typer.Option(None, help="文件名（覆盖文件中的标题）"),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help="文号，如 财预〔2020〕10号"),
    issuer: Optional[str] = typer.Option(None, help="发文机关"),
    date: Optional[str] = typer.Option(None, help="发文日期 YYYY-MM-DD"),
    year: Optional[int] = typer.Option(None, help="年份"),
    status: Optional[str] = typer.Option(None, help="effective（有效）/ repealed（已废止）"),
    source_url: Optional[str] = typer.Option(None, "--source-url", help="原文链接"),
    doc_id: Optional[str] = typer.Option(None, "--id", help="文档编号（默认由语料库和文件名生成）"),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """添加或替换一个文件中的文档（同一文件再次添加即替换；只重建变化的文档）。"""
    _check_collection(collection)
    rep = _corpus(kb, create=True).add(path, collection, title=title, doc_number=doc_number, issuer=issuer, date=date,
                          year=year, status=status, source_url=source_url, doc_id=doc_id)
    if as_json:
        print_json(rep.as_dict())
        return
    console.print(f"{escape(str(path))} → {COLLECTION_LABELS[collection]}: 新增 {len(rep.added)} 篇，"
                  f"替换 {len(rep.replaced)} 篇，未变 {len(rep.unchanged)} 篇，移除 {len(rep.removed)} 篇；"
                  f"重建索引片段 {rep.chunks_indexed} 个")
    for did in rep.added + rep.replaced:
        console.print(f"  {escape(did)}")


@corpus_app.command("list")
def corpus_list(
    collection: Optional[str] = typer.Option(None, "--collection", "-c", help=_COLL_HELP),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """列出已入库的文档。"""
    _check_collection(collection)
    docs = _corpus(kb).list(collection)
    if as_json:
        print_json({"documents": docs})
        return
    if not docs:
        console.print("语料库中还没有文档。运行 jixiao build 载入内置语料，或 jixiao corpus add 添加文件。")
        return
    t = Table(show_lines=False)
    for col in ("编号", "语料库", "文件名", "文号", "发文机关", "年份", "状态", "片段", "来源"):
        t.add_column(col)
    for d in docs:
        t.add_row(escape(d["doc_id"]), COLLECTION_LABELS.get(d["collection"], d["collection"]),
                  escape(d["doc_title"]), escape(d["doc_number"] or ""), escape(d["issuer"] or ""),
                  str(d["year"] or ""), "已废止" if d["status"] == "repealed" else "有效", str(d["n_chunks"]),
                  "内置" if d["origin"] == "default" else "用户")
    console.print(t)
    console.print(f"共 {len(docs)} 篇")


@corpus_app.command("remove")
def corpus_remove(
    ref: str = typer.Argument(..., help="文档编号（见 corpus list），或添加时的文件路径（删除该文件的全部文档）"),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
) -> None:
    """删除文档及其索引片段。"""
    ids = _corpus(kb).remove(ref)
    console.print(f"已删除 {len(ids)} 篇: " + "、".join(escape(i) for i in ids))


def _highlight(text: str, spans: list, limit: int = 160) -> str:
    """Rich markup of `text` with spans in bold, cut to `limit` characters around the first span."""
    start = max(0, (spans[0][0] - 20) if spans else 0)
    end = min(len(text), start + limit)
    out, pos = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, pos), min(b, end)
        out.append(escape(text[pos:a]))
        out.append(f"[bold red]{escape(text[a:b])}[/]")
        pos = b
    out.append(escape(text[pos:end]))
    s = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")


def _check_text(text: str, what: str, field: str) -> None:
    """A question or search text within `kb.domain.limits.MAX_QUESTION_CHARS` (the API's bound), not blank."""
    from kb.domain.limits import MAX_QUESTION_CHARS, require_within

    if not text.strip():
        raise DataError(f"{what}不能为空", field=field)
    require_within(text, MAX_QUESTION_CHARS, what, field)


@app.command("docs")
def docs(
    query: str = typer.Argument(..., help="检索内容，如 绩效评价分为哪几种方式"),
    collection: Optional[List[str]] = typer.Option(None, "--collection", "-c", help=_COLL_HELP + "（可多次指定）"),
    issuer: Optional[str] = typer.Option(None, help="发文机关（包含即可），如 财政部"),
    year: Optional[int] = typer.Option(None, help="年份"),
    status: Optional[str] = typer.Option(None, help="effective（仅有效）/ repealed（仅已废止）"),
    top: int = typer.Option(5, "--top", help="条数 (1..100)"),
    mode: Optional[str] = typer.Option(None, help="lexical / dense / hybrid（默认：配置了嵌入模型时 hybrid）"),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """检索政策条文、知识卡片、专家意见与问答，给出规范引用（《文件名》(文号) 第X条）。"""
    for c in collection or []:
        _check_collection(c)
    if status not in (None, "effective", "repealed"):
        raise DataError(f"--status 须为 effective 或 repealed，而不是 {status!r}", field="--status")
    if mode not in (None, "lexical", "dense", "hybrid"):
        raise DataError(f"--mode 须为 lexical / dense / hybrid，而不是 {mode!r}", field="--mode")
    if not 1 <= top <= 100:
        raise DataError("--top 须在 1–100 之间", field="--top")
    _check_text(query, "检索内容", "query")
    c = _corpus(kb)
    hits = c.search(query, collections=collection or None, issuer=issuer, year=year, status=status,
                    top=top, mode=mode)
    if as_json:
        print_json({"hits": [_hit_json(h) for h in hits]})
        return
    if not hits:
        console.print(f"没有找到与“{escape(query)}”相关的条文。" + _EMPTY_HINT * (c.index.size == 0))
        return
    for n, h in enumerate(hits, 1):
        mark = " [yellow]（已废止）[/]" if h.status == "repealed" else ""
        console.print(f"[bold]{n}. {escape(h.citation.replace('（已废止）', ''))}[/]{mark}  "
                      f"[dim]{COLLECTION_LABELS.get(h.collection, h.collection)} · {h.score:.2f}[/]")
        console.print("   " + _highlight(h.text, h.highlights))
        if h.source_url:
            console.print(f"   [dim]{escape(h.source_url)}[/]")


def _hit_json(h) -> dict:
    """The `docs --json` hit shape (the issue's fields first, then ids and metadata)."""
    d = h.model_dump()
    head = {k: d[k] for k in ("doc_title", "doc_number", "article", "collection", "text", "citation", "score",
                              "highlights")}
    head.update({k: v for k, v in d.items() if k not in head})
    return head


@app.command("ask")
def ask_cmd(
    question: str = typer.Argument(..., help="问题，如 满意度指标值一般设多少"),
    top: int = typer.Option(3, "--top", help="相似问题条数 (1..20)"),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """在问答区中找最相近的问题及其答案和出处，并列出相关政策条文（不生成文字）。"""
    if not 1 <= top <= 20:
        raise DataError("--top 须在 1–20 之间", field="--top")
    _check_text(question, "问题", "question")
    c = _corpus(kb)
    res = c.ask(question, k=top)
    if as_json:
        print_json(res.model_dump())
        return
    if not res.confident:
        console.print(f"[yellow]{escape(res.message)}[/]" + _EMPTY_HINT * (c.index.size == 0))
    for n, a in enumerate(res.answers, 1):
        console.print(f"[bold]{n}. 问：{escape(a.question)}[/]  [dim]{escape(a.citation)}[/]")
        console.print(f"   答：{escape(a.answer)}")
        src = " ".join(x for x in (a.source, a.source_url) if x)
        if src:
            console.print(f"   [dim]出处：{escape(src)}[/]")
    if res.related:
        console.print("[bold]相关政策条文：[/]")
        for h in res.related:
            console.print(f"  · {escape(h.citation)}：{_highlight(h.text, h.highlights, 100)}")


@app.command("eval-docs")
def eval_docs(
    questions: Optional[Path] = typer.Option(None, "--questions", help="问题集 JSONL（默认 tests/data/doc_questions.jsonl）"),
    k: int = typer.Option(3, "--k", help="Recall@K 的 K"),
    kb: Optional[Path] = typer.Option(None, "--kb", help=_KB_HELP),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    show_misses: bool = typer.Option(False, "--misses", help="列出未在前 K 条命中的问题"),
    mode: Optional[str] = typer.Option(None, "--mode", help="检索方式 lexical / dense / hybrid（默认：有向量时 hybrid）"),
) -> None:
    """评测政策检索：每个问题的答案条文是否出现在前 K 条（Recall@K）及 MRR。"""
    if mode not in (None, "lexical", "dense", "hybrid"):
        raise DataError(f"--mode 须为 lexical / dense / hybrid，而不是 {mode!r}", field="--mode")
    rep = _corpus(kb).eval(questions, k=k, mode=mode)
    if as_json:
        print_json(rep.model_dump())
        return
    t = Table(title="政策检索评测")
    for col in ("问题数", f"Recall@{k}", "MRR"):
        t.add_column(col, justify="right")
    t.add_row(str(rep.questions), f"{rep.recall_at_k:.3f}", f"{rep.mrr:.3f}")
    console.print(t)
    if rep.missing_documents:
        console.print("[yellow]以下文档不在知识库中，相关问题按未命中计：[/]" + "、".join(escape(m) for m in rep.missing_documents))
    if show_misses:
        for r in rep.results:
            if r.rank is None or r.rank > k:
                console.print(f"  {escape(r.id)} {escape(r.question)} → 期望 {escape(r.expected)}；"
                              f"实际 {escape(' | '.join(r.top))}")
