"""CLI commands of the indicator knowledge base: build, search, suggest, eval, serve.

Thin layer over `kb.knowledge.build` and `kb.KnowledgeBase`; `--json` prints the
same shapes as the HTTP API.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from kb.cli import app
from kb.cli.output import console, err, print_json
from kb.errors import DataError
from kb.settings import get_settings



def _kb():
    from kb.knowledge import KnowledgeBase

    return KnowledgeBase(get_settings())



@app.command("build")
def build_cmd(force: bool = typer.Option(False, "--force", help="忽略缓存，全部重建")) -> None:
    """校验 indicators/ 下的指标库并构建知识库文件(只重建变化的部分)。"""
    from kb.knowledge import build as do_build

    s = get_settings()
    rep = do_build(s, force=force, console=err, notify=lambda m: err.print(m))
    if rep.skipped:
        console.print(f"知识库已是最新: {rep.kb_path}（{rep.indicators} 个指标）")
    else:
        changed = "、".join(rep.changed_files[:5]) + (" 等" if len(rep.changed_files) > 5 else "")
        console.print(f"已构建 {rep.kb_path}: {rep.indicators} 个指标"
                      + (f"；变化的文件: {changed}" if rep.changed_files else "")
                      + (f"；内置向量 {rep.shipped} 条" if rep.shipped else "")
                      + (f"；新计算向量 {rep.embedded} 条" if rep.embedded else "")
                      + f"；用时 {rep.seconds:.1f} 秒")
    if rep.corpus:
        c = rep.corpus
        console.print(f"内置语料: {c.get('files', 0)} 个文件；新增 {len(c.get('added', []))}、更新 "
                      f"{len(c.get('replaced', []))}、未变 {len(c.get('unchanged', []))}；"
                      f"新索引片段 {c.get('chunks_indexed', 0)}")


@app.command("search")
def search_cmd(
    query: str = typer.Argument(..., help="检索词，如 项目完成率"),
    level1: Optional[str] = typer.Option(None, help="一级指标，如 产出指标 / output"),
    level2: Optional[str] = typer.Option(None, help="二级指标，如 数量指标 / quantity"),
    library: Optional[str] = typer.Option(None, help="basic 或 unit"),
    unit_name: Optional[str] = typer.Option(None, "--unit-name", help="单位名称(单位指标库)"),
    category: Optional[str] = typer.Option(None, help="类别，如 培训类"),
    sector: Optional[str] = typer.Option(None, help="行业领域，如 教育"),
    top: int = typer.Option(10, "--top", help="每页条数(1..200)"),
    offset: int = typer.Option(0, "--offset", help="跳过前 N 条(翻页)"),
    mode: Optional[str] = typer.Option(None, help="lexical / dense / hybrid"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """在基础指标库和单位指标库中检索指标。"""
    from kb.domain.limits import MAX_QUERY_CHARS, require_within

    if not query.strip():
        raise DataError("检索词不能为空", field="query")
    require_within(query, MAX_QUERY_CHARS, "检索词", "query")
    kb = _kb()
    res = kb.search(query, filters=dict(level1=level1, level2=level2, library=library,
                                        unit_name=unit_name, category=category, sector=sector),
                    top=top, offset=offset, mode=mode)
    if as_json:
        print_json({"total": res.total, "hits": [h.model_dump() for h in res.hits]})
        return
    if not res.hits:
        console.print(f"没有找到与“{query}”相关的指标。")
        return
    from kb.domain.schema import Level1, Level2

    t = Table(title=f"“{query}” 共 {res.total} 条匹配（{mode_label(res.mode)}）")
    for c in ("#", "指标名称", "一级", "二级", "单位", "库", "得分", "匹配词"):
        t.add_column(c)
    for i, h in enumerate(res.hits, start=offset + 1):
        name = h.name
        for s, e in reversed(h.highlights):
            name = name[:s] + "[bold yellow]" + name[s:e] + "[/]" + name[e:]
        t.add_row(str(i), name, Level1(h.level1).label, Level2(h.level2).label, h.unit or "-",
                  "基础" if h.library == "basic" else "单位", f"{h.score:.3f}",
                  "、".join(h.explain.get("matched_terms", [])[:6]))
    console.print(t)


def _suggest_one(kb, rec: dict, top: int, mode: Optional[str], types: Optional[list[str]] = None):
    """One line of `suggest --file`, read as `POST /v1/suggest` reads its body (`SuggestRequest`: "250" as a
    budget is 250, a list as a name or a number as a description is refused); a dev.jsonl line's `project`
    is its project name. Raises DataError naming the line's field, in Chinese, on what the API answers 422."""
    from pydantic import ValidationError

    from kb.domain.messages import chinese, field_path
    from kb.lifecycle.schemas import SuggestRequest

    from kb.io.tables import unknown_budget_key

    if (said := unknown_budget_key(rec)) is not None:   # "budget": 250 would be dropped silently (a fresh trial)
        raise DataError(said[1], field=said[0])
    if rec.get("description") is None:   # absent, not of the wrong type (a fresh trial got "应为文本" for it)
        raise DataError("缺少项目描述：每行须有 description（项目描述）", field="description")
    body = {"description": rec.get("description"), "project_name": rec.get("project_name") or rec.get("project"),
            "budget_wan": rec.get("budget_wan"), "department": rec.get("department"), "sector": rec.get("sector"),
            "unit_name": rec.get("unit_name"), "project_types": types or rec.get("project_types"), "top": top,
            "mode": mode}
    try:
        req = SuggestRequest.model_validate({k: v for k, v in body.items() if v is not None or k == "description"})
    except ValidationError as e:
        err = e.errors()[0]
        field = field_path(err.get("loc", ())) or "description"
        raise DataError(chinese(err), field="project" if field == "project_name" and "project" in rec else field) \
            from None
    return kb.suggest(req.description, project_name=req.project_name, budget_wan=req.budget_wan,
                      department=req.department, sector=req.sector, unit_name=req.unit_name, top=req.top,
                      mode=req.mode, project_types=req.project_types)


def _budget_wan(text: str | None) -> float | None:
    """--budget as a plain number of 万元 ("250", "1,200.5"), read as the API and `jixiao check` read a
    budget (`kb.domain.quantity.plain_number`); scientific notation ("1e5"), a misplaced thousands
    separator ("1,2000") or words are refused: DataError naming --budget."""
    from kb.domain.quantity import SCIENTIFIC_RE, plain_number

    if text is None or not text.strip():
        return None
    if SCIENTIFIC_RE.search(text):
        raise DataError("预算请写成普通数字(万元，如 250)，不要用科学计数法", field="--budget")
    try:
        return plain_number(text)
    except ValueError as e:
        raise DataError(f"预算须为数字(万元，如 250 或 1,350)：{e}", field="--budget") from None


@app.command("suggest")
def suggest_cmd(
    text: Optional[str] = typer.Option(None, "--text", help="项目描述(做什么、对象、数量、资金)"),
    project_name: Optional[str] = typer.Option(None, "--project-name", help="项目名称"),
    budget_text: Optional[str] = typer.Option(None, "--budget", help="预算(万元)，普通数字如 250"),
    department: Optional[str] = typer.Option(None, help="单位/部门"),
    sector: Optional[str] = typer.Option(None, help="行业领域"),
    unit_name: Optional[str] = typer.Option(None, "--unit-name", help="使用该单位的单位指标库"),
    file: Optional[Path] = typer.Option(None, "--file", help="JSONL 文件，每行一个项目(同 dev.jsonl 字段)"),
    top: int = typer.Option(5, "--top", help="每个二级指标列出的备选数"),
    mode: Optional[str] = typer.Option(None, help="lexical / dense / hybrid"),
    project_type: Optional[list[str]] = typer.Option(None, "--type",
                                                     help="指定项目类型(id 或名称，可重复)，不用自动识别"),
    out: Optional[Path] = typer.Option(None, "--out", help="把推荐的绩效目标表写成 .xlsx"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """根据项目描述推荐绩效目标表(一级/二级/三级指标及指标值)。"""
    from kb.domain.limits import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, require_within
    from kb.domain.budget import BUDGET_RANGE, budget_out_of_range

    if not (text or "").strip() and not file:
        raise DataError("请用 --text 给出项目描述(不能为空)，或用 --file 给出 JSONL 文件", field="--text")
    if text and file:
        raise DataError("--text 与 --file 只能二选一", field="--file")
    # the project name is optional: "" or only spaces is none (the .xlsx leaves 项目名称 blank to fill in)
    project_name = (project_name or "").strip() or None
    budget = _budget_wan(budget_text)
    if budget_out_of_range(budget):
        raise DataError(BUDGET_RANGE, field="--budget")
    if text:
        require_within(text, MAX_DESCRIPTION_CHARS, "项目描述", "--text")
    for value, what, option in ((project_name, "项目名称", "--project-name"), (department, "单位/部门", "--department"),
                                (unit_name, "单位名称", "--unit-name")):
        require_within(value or "", MAX_NAME_CHARS, what, option)
    if out is not None and file:
        raise DataError("--out 只能与 --text 一起使用(--file 一次推荐多个项目)", field="--out")
    if out is not None and out.suffix.lower() != ".xlsx":
        raise DataError("--out 的文件名须以 .xlsx 结尾", field="--out")
    kb = _kb()
    if file:
        _suggest_file(kb, file, top, mode, project_type, as_json)
        return
    try:
        res = kb.suggest(text, project_name=project_name, budget_wan=budget, department=department,
                         sector=sector, unit_name=unit_name, top=top, mode=mode, project_types=project_type)
    except DataError as e:
        raise DataError(e.message, field=_OPTION_OF.get(e.field, e.field)) from None   # the option's name
    if out is not None:
        from kb.suggest.export import write_xlsx

        write_xlsx(res, out, project_name=project_name or "", description=text or "", department=department or "",
                   unit_name=unit_name or "")
    if as_json:
        print_json(res.model_dump())
    else:
        _print_table(res, show_mode=mode is not None)
        if out is not None:
            console.print(f"已写入 {out}")


# the request fields `KnowledgeBase.suggest` names in its errors, as the options of `jixiao suggest`
_OPTION_OF = {"project_types": "--type", "description": "--text", "budget_wan": "--budget", "mode": "--mode",
              "top": "--top"}


def _suggest_file(kb, file: Path, top: int, mode: Optional[str], types: Optional[list[str]], as_json: bool) -> None:
    """One table per line of a JSONL file. A line the suggestion refuses (invalid JSON, no Chinese, an unknown type …) does
    not stop the others: with --json its place in the output holds {"id", "line", "field", "error"}; at the
    end one line names every refused line and the command exits 2."""
    from kb.io.jsonl import read_jsonl

    refused = []
    bad: list[tuple[int, str]] = []
    recs = read_jsonl(file, bad_lines=bad)
    # a line that is no JSON object (a syntax error) is one more refused line, in its place, naming its number
    for n, rec in sorted([(n, rec) for n, rec in recs] + [(n, why) for n, why in bad], key=lambda x: x[0]):
        if isinstance(rec, str):
            refused.append(f"第{n}行 JSON: {rec}")
            if as_json:
                print_json({"id": None, "line": n, "field": "JSON", "error": rec})
            continue
        try:
            res = _suggest_one(kb, rec, top, mode, types)
        except DataError as e:
            refused.append(f"第{n}行" + (f"({rec['id']})" if rec.get("id") else "") + f" {_field_said(e.field)}: {e.message}")
            if as_json:
                print_json({"id": rec.get("id"), "line": n, "field": e.field, "error": e.message})
            continue
        out = res.model_dump()
        if rec.get("id"):
            out["id"] = rec["id"]
        if as_json:
            print_json(out)
        else:
            console.rule(rec.get("project") or rec.get("project_name") or rec.get("id") or "")
            _print_table(res, show_mode=mode is not None)
    if refused:
        raise DataError(f"{len(refused)} 个项目未推荐：" + "；".join(refused), file=str(file))


# the retrieval mode as a declarant reads it; the JSON keeps the API's value (lexical / dense / hybrid). Trial 11:
# “绩效目标表草稿（hybrid，8 行）” put an English word in a Chinese title
MODE_LABELS = {"lexical": "关键词检索", "dense": "语义检索", "hybrid": "混合检索"}


def mode_label(mode: str | None) -> str:
    """The Chinese name of a retrieval mode (`MODE_LABELS`); an unknown value is shown as given."""
    return MODE_LABELS.get(mode or "", mode or "")


def _field_said(field: str | None) -> str:
    """A line's field as a declarant reads it: its Chinese label and the key written in the file
    (`预算（万元）budget_wan`), the key alone when it has no label."""
    from kb.domain.messages import field_label

    label = field_label(field or "")
    return f"{label} {field}" if label and label != field else (field or "")


def _print_table(res, show_mode: bool = False) -> None:
    """Print one suggestion as a declarant reads it: types, the default table, alternates, notes. The title names
    the retrieval mode only when `show_mode` (the user chose one with --mode): trials 21 and 22 read the default's
    “混合检索” in every title as jargon that says nothing to a declarant (`--json` keeps `mode`)."""
    if not res.confident and not res.default_table:
        console.print(f"[yellow]没有足够相关的指标[/]: {res.message}")
        return
    if not res.confident:   # rows from the project's name alone (a description with no content): said first
        console.print(f"[yellow]可信度低[/]: {res.message}")
    if res.project_types:
        kinds = "、".join(f"{t.name}({t.confidence:.2f})" for t in res.project_types)
        console.print(f"项目类型: {kinds}" + ("  [yellow]类型不确定，可用 --type 指定[/]" if res.types_uncertain else ""))
    # a terminal under 120 columns cut every name to a few characters (fresh trial at 80): there the
    # labels lose their 指标 and 设定依据 is left to --json and the .xlsx; names wrap, never cut
    narrow = console.width < 120
    said_mode = f"{mode_label(res.mode)}，" if show_mode else ""
    t = Table(title=f"绩效目标表草稿（{said_mode}{len(res.default_table)} 行）", show_lines=False)
    for c in ("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值") + (() if narrow else ("设定依据",)):
        t.add_column(c, justify="right" if c == "分值" else "left",
                     overflow="fold", min_width=12 if c == "三级指标" else None)
    from rich.markup import escape

    from kb.io.xlsx_table import value_with_operator

    prev = None
    for c in res.default_table:
        first = (c.level1_label, c.level2_label) != prev
        prev = (c.level1_label, c.level2_label)
        # a 定性 row as the .xlsx writes it (定性：年度内完成), never glued into 定性年度内完成 (trial 9, D051)
        target = escape(value_with_operator(c.operator, c.value)) if c.value else "[yellow]待填写[/]"
        l1, l2 = (c.level1_label, c.level2_label) if not narrow else (
            c.level1_label.removesuffix("指标"), c.level2_label.removesuffix("指标"))
        cells = [l1 if first else "", l2 if first else "", c.name, target, c.unit or "-",
                 "" if c.weight is None else str(c.weight)]
        t.add_row(*cells, *(() if narrow else (c.note or c.basis,)))
    console.print(t)
    if narrow:
        console.print("[dim]终端较窄，未显示设定依据；加宽终端、用 --json 或 --out 表.xlsx 查看[/]")
    alts = [f"{c.level2_label}: {c.name}" for v in res.alternates.values() for c in v[:1]]
    if alts:
        console.print("备选: " + "；".join(alts))
    notes = [p for p in res.message.split("；") if p and not res.types_uncertain or p and "项目类型" not in p]
    if notes:   # what of the text was not used, and why (a budget in 1e30万元 …); the type note is above
        console.print("[yellow]注意[/]: " + escape("；".join(notes)))


@app.command("eval")
def eval_cmd(
    declarations: Optional[Path] = typer.Option(None, "--declarations", help="dev.jsonl 形式的真实申报表"),
    paraphrases: Optional[Path] = typer.Option(None, "--paraphrases",
                                               help="口语化检索词→指标名 JSONL(如 tests/data/paraphrases.jsonl)"),
    types: Optional[Path] = typer.Option(None, "--types",
                                         help="项目类型识别评估：标注了类型的描述(目录下的 *.jsonl，如 tests/data/project_types)"),
    mode: Optional[str] = typer.Option(None, help="lexical / dense / hybrid；省略则三种都跑(若已配置向量模型)"),
    folds: int = typer.Option(5, "--folds", help="按项目交叉验证的折数"),
    top: int = typer.Option(5, "--top"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """评估推荐质量：按项目 k 折交叉验证的 soft Recall@5/@10/@20 与 MRR、各槽位命中率、前 10 行来源；可选口语化检索与类型识别评估。"""
    from kb.evaluate import evaluate, evaluate_paraphrases, read_declarations, read_paraphrases

    if declarations is None and paraphrases is None and types is None:
        raise DataError("请用 --declarations、--paraphrases 或 --types 给出评估数据", field="--declarations")
    if mode is not None and mode not in ("lexical", "dense", "hybrid"):
        raise DataError(f"--mode 只能是 lexical / dense / hybrid，而不是 {mode!r}", field="--mode")
    if not 2 <= folds <= 20:
        raise DataError("--folds 须在 2..20 之间", field="--folds")
    kb = _kb()
    recs = read_declarations(declarations) if declarations else []
    pairs = read_paraphrases(paraphrases) if paraphrases else []
    modes = [mode] if mode else (["lexical", "dense", "hybrid"] if kb.hybrid is not None else ["lexical"])
    say = None if as_json else (lambda m: err.print(m))
    cache: dict = {}
    results = [evaluate(kb, recs, mode=m, top=top, folds=folds, progress=say, cache=cache) for m in modes] if recs else []
    para = [evaluate_paraphrases(kb, pairs, mode=m) for m in modes] if pairs else []
    typ = _type_accuracy(kb, types) if types else None
    if as_json:
        out = {"declarations": [r.model_dump() for r in results]}
        if para:
            out["paraphrases"] = [r.model_dump() for r in para]
        if typ is not None:
            out["types"] = typ
        print_json(out if (para or typ is not None) else out["declarations"])
        return
    if results:
        _print_eval(results, declarations.name, folds)
    if para:
        t = Table(title=f"口语化检索({paraphrases.name}, {para[0].queries} 条)")
        for c in ("mode", "Hit@1", "Hit@5", "Hit@10", "MRR"):
            t.add_column(c)
        for r in para:
            t.add_row(r.mode, f"{r.hit_at_1:.3f}", f"{r.hit_at_5:.3f}", f"{r.hit_at_10:.3f}", f"{r.mrr:.3f}")
        console.print(t)
    if typ is not None:
        _print_types(typ)


def _type_accuracy(kb, folder: Path) -> dict:
    from kb.suggest.crossval import type_accuracy
    from kb.suggest.project_types import load_labelled_texts

    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else [folder]
    if not files or not all(f.exists() for f in files):
        raise DataError("没有找到标注了类型的 .jsonl 文件", file=str(folder))
    return type_accuracy(kb, load_labelled_texts(files, set(kb.suggest_models.types)))


def _print_eval(results, name: str, folds: int) -> None:
    r0 = results[0]
    base = r0 if r0.mode == "lexical" else None
    t = Table(title=f"推荐质量({name}, {r0.projects} 个项目, {r0.gold} 个真实指标；"
                    f"{r0.cross_validated} 个项目按 {folds} 折交叉验证)")
    for c in ("mode", "soft Recall@5", "soft Recall@10", "soft Recall@20", "MRR", "表行数", "confident") + \
            (("Recall@10 较 lexical",) if base else ()):
        t.add_column(c)
    for r in results:
        extra = (f"{r.recall_at_10 - base.recall_at_10:+.3f}",) if base else ()
        t.add_row(r.mode, f"{r.recall_at_5:.3f}", f"{r.recall_at_10:.3f}", f"{r.recall_at_20:.3f}", f"{r.mrr:.3f}",
                  f"{r.table_rows:.1f}", f"{r.confident_share:.2f}", *extra)
    console.print(t)
    from kb.suggest.slots import SLOTS

    labels = {s.key: s.level2.label for s in SLOTS} | {"cost": "成本指标", "other": "其他(无法归入)"}
    t = Table(title="各槽位命中率(真实指标出现在前 10 行的比例)")
    for c in ("二级指标", *[r.mode for r in results], "真实指标数"):
        t.add_column(c)
    for key, v in r0.per_slot.items():
        t.add_row(labels.get(key, key), *[f"{r.per_slot.get(key, {}).get('hit_at_10', 0):.3f}" for r in results],
                  str(int(v["gold"])))
    console.print(t)
    t = Table(title="前 10 行的来源")
    for c in ("mode", "项目类型指标集", "按项目用词生成", "指标库检索", "结果反馈"):
        t.add_column(c)
    for r in results:
        t.add_row(r.mode, *[f"{r.sources.get(k, 0):.2f}" for k in ("type", "formed", "retrieval", "learned")])
    console.print(t)


def _print_types(typ: dict) -> None:
    console.print(f"项目类型识别: {typ['descriptions']} 条描述，最可能的类型正确率 {typ['top1']:.3f}")
    t = Table(title="各类型识别率")
    for c in ("类型", "描述数", "首选正确", "列出"):
        t.add_column(c)
    for k, v in typ["by_type"].items():
        t.add_row(k, str(v["n"]), f"{v['top1']:.2f}", f"{v['listed']:.2f}")
    console.print(t)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="监听地址"),
    port: int = typer.Option(8000, help="端口"),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="工作进程数（每个进程各自加载知识库；每进程同时处理 JIXIAO_MAX_QUEUE 个请求，超出返回 503）"),
) -> None:
    """启动 HTTP API(FastAPI)。启动前会应用数据库迁移。"""
    import uvicorn

    s = get_settings()
    from kb.errors import missing_kb

    if not s.resolved_kb_path().exists():
        raise missing_kb(s.resolved_kb_path())
    from kb.retrieval.embed import get_embedder

    get_embedder(s)  # a broken JIXIAO_EMBEDDER stops here (exit 2), not in every request
    try:
        from kb.lifecycle.db import upgrade
    except ImportError:
        upgrade = None
    if upgrade is not None:
        upgrade(s.resolved_database_url())
    from service.app import create_app

    if workers > 1:  # each worker process builds the app from the same JIXIAO_* environment
        uvicorn.run("service.app:create_app", factory=True, workers=workers, host=host, port=port,
                    log_level="info")
    else:
        uvicorn.run(create_app(s), host=host, port=port, log_level="info")
