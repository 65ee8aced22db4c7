"""Write a 绩效目标表 in the usual template (.xlsx), every cell text but 分值 (a number).

Layout: the title, then 项目名称 / 单位 / 主管部门 / 预算年度 / 资金总额（万元） /
项目概况 lines, then the table with the columns of the usual template:

    一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 | 指标解释 | 设定依据 | 分值

指标值 carries its operator (`≥95`), as declaration systems print it; 一级 and
二级 cells are merged down their blocks; every cell is text
(`kb.io.xlsx_cells`) except 分值, a number cell so that Excel's SUM over it
gives the total. `kb.io.tables.read_table` reads the file back to the
same rows (the round trip is tested), so an exported table can be checked
again with `jixiao check`. Not for check reports with findings (see
`kb.io.xlsx`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from kb.domain.budget import MAX_BUDGET_WAN, wan_text
from kb.domain.levels import parse_level1, parse_level2
from kb.domain.findings import CheckReport
from kb.domain.schema import Declaration, Indicator, normalize_operator
from kb.domain.text import halfwidth
from kb.io.xlsx_cells import merge_blocks, save_atomic, set_widths, table_frame, table_row, workbook_bytes
from kb.indicators.lookup import names_indicator

TEMPLATE = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标解释", "设定依据", "分值"]
_WIDTHS = [12, 16, 34, 14, 10, 40, 30, 8]
_OPTIONAL = ("单位", "主管部门", "项目概况")  # project lines left out when blank
_WEIGHT_COL = TEMPLATE.index("分值") + 1  # a number cell (SUM adds it up); every other cell is text


class TableRow(BaseModel):
    """One row of the table as edited on the page. level1/level2: identifier or Chinese label."""

    model_config = ConfigDict(extra="ignore")

    level1: str = Field("", max_length=100)
    level2: str = Field("", max_length=100)
    name: str = Field("", max_length=300)
    operator: str = Field("", max_length=20)
    value: str = Field("", max_length=300)
    unit: str = Field("", max_length=50)
    explanation: str = Field("", max_length=2000, description="指标解释")
    basis: str = Field("", max_length=2000, description="设定依据")
    weight: float | None = Field(None, ge=0, le=100, description="分值")
    indicator_id: str | None = Field(None, max_length=64, description="指标库中的指标 id（用于补全指标解释）")


class TargetTable(BaseModel):
    """A 绩效目标表 to write: project facts and its rows (at most 300)."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "project_name": "乡村道路修缮项目", "unit_name": "某县交通运输局", "year": 2025, "budget_wan": 250,
        "description": "计划修缮乡村道路12公里，惠及沿线村民3000人",
        "rows": [{"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥",
                  "value": "12", "unit": "公里", "explanation": "年内完成修缮的乡村道路长度",
                  "basis": "项目实施方案", "weight": 20}]}]})

    project_name: str = Field("", max_length=300)
    unit_name: str = Field("", max_length=200)
    department: str = Field("", max_length=200)
    sector: str = Field("", max_length=100, description="行业领域（补全指标解释时只取本行业或通用指标）")
    year: int | None = Field(None, ge=1990, le=2100)
    budget_wan: float | None = Field(None, ge=0, le=MAX_BUDGET_WAN, allow_inf_nan=False)
    description: str = Field("", max_length=10000)
    rows: list[TableRow] = Field(default_factory=list, max_length=300)


# the work an explanation is about: what people are satisfied with (村民对〔人居环境整治成效〕的满意程度), or a
# programme or work it names (农村人居环境整治, 危房改造, 高标准农田建设)
_EXPL_OBJECT_RE = re.compile(r"对([^，,；;。、]{2,30}?)的?满意")
# (not 工程 / 计划: the generic rows explain works and plans in those words — 在合同工期内完工的工程比例)
_EXPL_WORK_RE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:整治|改造|行动|救助|补贴|补助|帮扶|扶贫|治理)")
# a kind of project an explanation speaks of (产业项目吸纳当地劳动力就业的人数): the table's project must be one
# (a fresh reviewer found that explanation beside 带动就业人数 in a road table, trial 9)
_EXPL_KIND_RE = re.compile(r"(产业|科研|科技|招商|旅游|以工代赈|代赈|造林|住房|公路|交通|康复|村寨|水利|扶贫|教育|医疗|"
                           r"文化|体育|农业|林业|畜牧|渔业|信息化)类?项目")
# words any project's work may be described with: left out when asking whether the project names the work
_EXPL_GENERIC_RE = re.compile(r"项目|实施|效果|成效|服务|工作|质量|情况|政策|开展|提供|相关|各项|本|年度|资金|的")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def explanation_fits(explanation: str, row_name: str, project_text: str, keywords: tuple[str, ...] | list[str] = ()
                     ) -> bool:
    """Whether a library 指标解释 may stand in a table whose project is `project_text` (名称 + 项目概况).

    It does not when it names a work or programme — what people are satisfied with (`对…的满意`), or a
    …整治 / …改造 / …补贴 phrase — of which fewer than half the two-character pieces occur in the
    project's text or the row's name (a fresh reviewer found 村民对人居环境整治成效的满意程度 in a clinic
    table). Words any project's work is described with (项目实施、效果、服务 …) do not count. Nor when it
    names a kind of project (`_EXPL_KIND_RE`: 产业项目, 科研项目 …) the text and the name do not. Nor when it
    names a work of the indicator's own kind (`keywords`, the library indicator's: 执法, 审计, 检查 …) that the text
    and the name do not: the library row is then another programme's indicator, not the same one (trial 21: a
    legal-aid 法律援助案件办理数量 got 〔执法领域〕案件办理数量's “按执法领域统计的立案办理案件数”, 为农民工挽回经济损失
    got “执法检查、审计等挽回或追回的资金”).
    """
    said = re.sub(r"\s+", "", f"{project_text}{row_name}")
    if any(m.group(1) not in said for m in _EXPL_KIND_RE.finditer(explanation)):
        return False   # 产业项目… in a table whose text names no 产业
    if any(k and len(k) >= 2 and k in explanation and k not in said for k in keywords):
        return False   # 执法… in a legal-aid table
    known = _bigrams(said)
    for m in list(_EXPL_OBJECT_RE.finditer(explanation)) + list(_EXPL_WORK_RE.finditer(explanation)):
        topic = _EXPL_GENERIC_RE.sub(" ", m.group(1) if m.re is _EXPL_OBJECT_RE else m.group())
        pieces = set().union(*(_bigrams(w) for w in topic.split())) if topic.split() else set()
        if pieces and len(pieces & known) * 2 < len(pieces):
            return False
    return True


def generic_explanation(row_name: str) -> str:
    """The 指标解释 written for a satisfaction row when the library's does not fit the project:
    〔群体〕对项目实施效果的满意程度 (the group read from the name: 村民满意度 → 村民), else ''."""
    name = re.sub(r"[(（][^()（）]*[)）]", "", row_name or "").strip()
    if "满意" not in name:
        return ""
    group = name.split("满意", 1)[0].strip() or "服务对象"
    return f"{group}对项目实施效果的满意程度"


# trial 11: a row's value is a date (2025年10月31日前, 11月底前), and the words an explanation of a time limit uses
_DATE_VALUE_RE = re.compile(r"\d\s*(?:年|月|日)|[年月]底|年末|年内|前$")
_TIME_EXPL_RE = re.compile(r"时间|时限|日期|期限|截止|节点|工期|之前|前完成|按期|按时")
_RATE_EXPL_RE = re.compile(r"比例|比率|占比|百分比|[率]$")
DEADLINE_EXPLANATION = "项目各项任务按计划完成的截止时间，须在该日期前完成"


def explanation_fits_value(explanation: str, operator: str, value: str, unit: str) -> bool:
    """Whether a library 指标解释 describes what the row's final value is (trial 11: 按时完成 · 2025年10月31日前
    got “在规定时间内完成的任务比例”): a date value takes an explanation of a time limit, a rate's explanation
    (…的比例) needs a value in %."""
    val = f"{value or ''}{unit or ''}".strip()
    if not val:
        return True
    is_pct = "%" in val or "％" in val
    if not is_pct and _DATE_VALUE_RE.search(val) and not re.search(r"\d\s*(?:天|日)$", val):
        return bool(_TIME_EXPL_RE.search(explanation)) and not _RATE_EXPL_RE.search(explanation)
    if _RATE_EXPL_RE.search(explanation) and not is_pct and re.search(r"\d", val):
        return False   # a rate explained beside a count or an amount
    return True


def fill_explanations(table: TargetTable, find: Callable[[TableRow], Indicator | None]) -> TargetTable:
    """A copy of `table` whose blank 指标解释 cells take the library indicator's explanation.

    `find(row)` returns the library indicator a row stands for (by its
    indicator_id, else by name), or None; rows with an explanation keep it.
    A library explanation naming a work or programme the project (名称 + 项目概况) does not
    (`explanation_fits`; for a row not named as the indicator or a synonym, also a work of the indicator's own
    kind, its keywords) is not copied: a satisfaction row gets the generic one
    (`generic_explanation`), another row keeps its cell blank. Nor one that does not describe the row's
    value (`explanation_fits_value`): a date gets `DEADLINE_EXPLANATION`, another row a blank cell.
    """
    project = f"{table.project_name} {table.description}"
    rows = []
    for r in table.rows:
        if not r.explanation.strip():
            ind = find(r)
            if ind is not None and ind.explanation:
                # a row named exactly as the indicator (or a synonym) is it; a likeness must name the same work
                kinds = tuple(getattr(ind, "keywords", None) or ())
                kinds = () if not kinds or names_indicator(r.name, ind, 2.0) else kinds
                text = ind.explanation if explanation_fits(ind.explanation, r.name, project, kinds) \
                    else generic_explanation(r.name)
                if text and not explanation_fits_value(text, r.operator, r.value, r.unit):
                    dated = not re.search(r"[%％]", f"{r.value}{r.unit}") and _DATE_VALUE_RE.search(r.value or "")
                    text = DEADLINE_EXPLANATION if dated else ""
                if text:
                    r = r.model_copy(update={"explanation": text})
        rows.append(r)
    return table.model_copy(update={"rows": rows})


def label_level1(text: str) -> str:
    """The Chinese label of a 一级指标 given as identifier or label; unknown text is kept."""
    p = parse_level1(text)
    return p.label if p else (text or "").strip()


def label_level2(text: str, level1: str = "") -> str:
    """The Chinese label of a 二级指标 given as identifier or label; unknown text is kept."""
    p = parse_level2(text, parse_level1(level1))
    return p.label if p else (text or "").strip()


def value_with_operator(operator: str, value: str) -> str:
    """指标值 with its operator, as printed in declarations: `≥95`, `≤250`, `定性：达成年度指标`.

    A 定性 value keeps the word: the template has no 计算符号 column, and a bare
    `达成年度指标` read back has no direction (the checker's OP-01 asks for `定性：…`).
    """
    op, val = normalize_operator(operator), (value or "").strip()
    if not val:
        return val
    if op == "定性":
        return val if val.startswith("定性") else f"定性：{val}"
    return f"{op}{val}"


def table_workbook(table: TargetTable, goals: list[tuple[str, str]] = ()):
    """The openpyxl Workbook of `table` in the usual template; `goals` are (label, text) lines
    written above the table after 项目概况 (总体目标 / 年度目标 of a declaration)."""
    return _workbook(table, goals)[0]


def _frame_lines(table: TargetTable, goals) -> list[tuple[str, str]]:
    """The (label, text) lines between the title and the header: project facts (blank optional ones left
    out), then the goal texts."""
    lines = [("项目名称", table.project_name), ("单位", table.unit_name), ("主管部门", table.department),
             ("预算年度", f"{table.year}年" if table.year else ""),
             ("资金总额（万元）", wan_text(table.budget_wan) if table.budget_wan is not None else ""),
             ("项目概况", table.description)]
    return [(k, v) for k, v in lines if v or k not in _OPTIONAL] + list(goals)


def _workbook(table: TargetTable, goals) -> tuple:
    """(Workbook, the sheet row of the table's first indicator row)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    header = table_frame(ws, TEMPLATE, _frame_lines(table, goals))
    first = header + 1
    for i, r in enumerate(table.rows):
        # 运算符 / 指标值 / 计量单位 half-width, as the checker's TXT-01 asks (the export wrote “≥１２”, trial 9)
        table_row(ws, first + i, [label_level1(r.level1), label_level2(r.level2, r.level1), r.name.strip(),
                                  value_with_operator(halfwidth(r.operator), halfwidth(r.value)),
                                  halfwidth(r.unit).strip(), r.explanation.strip(),
                                  r.basis.strip(), r.weight], numbers=(_WEIGHT_COL,))
    merge_blocks(ws, first, first + len(table.rows) - 1)
    set_widths(ws, _WIDTHS)
    return wb, first


def table_xlsx_bytes(table: TargetTable) -> bytes:
    """The .xlsx file of `table` as bytes (for a download)."""
    return workbook_bytes(table_workbook(table))


def write_table(table: TargetTable, path: str | Path) -> Path:
    """Write `table` to `path` (.xlsx), all or nothing; raises DataError when it cannot be written."""
    return save_atomic(table_workbook(table), path)


def write_declaration(decl: Declaration, path: str | Path, report: CheckReport | None = None,
                      find: Callable[[TableRow], Indicator | None] | None = None) -> Path:
    """Write a declaration (a table `jixiao check --fix` rewrote) in the usual template, all or nothing.

    Its goal rows (总体目标 / 年度目标) become lines above the table, its other rows the table in
    their order with the 指标解释 and 设定依据 they were read with (`TableInput.row_contexts`), a blank
    指标解释 filled by `find` (see `fill_explanations`); 资金总额 is the declared budget, else the
    description's (`kb.domain.budget`). With `report`
    (row numbers as `check_declaration(decl)` gives them) a second sheet 审核意见 lists what is
    left to fix, each finding with the row it is about in the table's numbering, and a line saying the 分值 are
    not set when no row has one (`UNWEIGHTED_NOTE`; none is invented). Values are kept as
    they are (no length bounds: the rows were read and checked already). Raises DataError when the
    file cannot be written.
    """
    from kb.io.xlsx import SHEET_ROWS, TABLE_ROWS, write_findings

    numbers = list(getattr(decl, "row_numbers", None) or range(1, len(decl.rows) + 1))
    table, goals = _declaration_table(decl)
    if find is not None:
        table = fill_explanations(table, find)
    wb, _ = _workbook(table, goals)
    notes = (("weight", UNWEIGHTED_NOTE),) if report is not None and unweighted(decl) else ()
    if report is not None and (report.findings or notes):
        as_written = numbers == written_row_numbers(decl)
        write_findings(wb.create_sheet("审核意见"), report, {n: r.name for n, r in zip(numbers, decl.rows)},
                       SHEET_ROWS.format(sheet=wb.active.title) if as_written else TABLE_ROWS, notes)
    return save_atomic(wb, path)


# ours (trial 17): a --fix table whose input had no 分值 keeps the column blank — no weights are invented, and the
# 审核意见 sheet says so in one line (the split is suggest's `kb.suggest.export.SCORES`, 财预〔2020〕10号's self-evaluation
# weights as recalled in RULES.md: 产出 50, 效益 30, 满意度 10, with 成本 10 where 预算执行率 stood)
UNWEIGHTED_NOTE = ("未设分值，请按一级指标分配，合计100（如产出50、成本10、效益30、满意度10，一级指标内按重要程度分配）；"
                   "本表未代为填写")


def unweighted(decl: Declaration) -> bool:
    """True when no indicator row of `decl` has a 分值 (blank or 0 throughout; goal rows aside)."""
    return not any(r.weight for r in decl.rows if not r.is_goal)


def _declaration_table(decl: Declaration) -> tuple[TargetTable, list[tuple[str, str]]]:
    """(the table of `decl`'s indicator rows with their notes, its goal rows as (label, text) lines)."""
    from kb.domain.budget import budget_from_text

    notes = list(getattr(decl, "row_contexts", None) or [])
    goals = [(r.level1.strip() or "年度目标", r.name) for r in decl.rows if r.is_goal]
    items = [(r, notes[i] if i < len(notes) else {}) for i, r in enumerate(decl.rows) if not r.is_goal]
    # 资金总额: the declared budget, else the one its 项目概况 states — the one the rewrite's 项目总成本 row is
    # bound to (a fresh user found 项目总成本 ≤7 added under a blank 资金总额)
    budget = decl.budget_wan if decl.budget_wan is not None else budget_from_text(decl.description)
    table = TargetTable.model_construct(
        project_name=decl.project_name, unit_name="", department=decl.department, sector=decl.sector,
        year=decl.year, budget_wan=budget, description=(decl.description or "").strip(),
        rows=[TableRow.model_construct(level1=r.level1, level2=r.level2, name=r.name, operator=r.operator,
                                       value=r.value, unit=r.unit, explanation=note.get("explanation", ""),
                                       basis=note.get("basis", ""), weight=r.weight, indicator_id=None)
              for r, note in items])
    return table, goals


def written_row_numbers(decl: Declaration) -> list[int]:
    """The sheet row (1-based, as Excel shows it) at which `write_declaration` writes each row of `decl`,
    aligned with `decl.rows`: a goal row on its line above the header, an indicator row in the table.

    `jixiao check --fix --out` numbers the rewritten table so before checking it (round 17): the 审核意见
    sheet, the findings' messages (“与第9行重复”) and the rows of the 绩效目标表 sheet then give one
    numbering — a fresh user had found 第10行 on the 审核意见 sheet for the sheet's row 16."""
    table, goals = _declaration_table(decl)
    lines = _frame_lines(table, goals)
    first_goal = 2 + len(lines) - len(goals)  # the title is row 1, the lines follow it
    first_item = 2 + len(lines) + 1           # after the header
    out, g, k = [], 0, 0
    for r in decl.rows:
        if r.is_goal:
            out.append(first_goal + g)
            g += 1
        else:
            out.append(first_item + k)
            k += 1
    return out


def download_name(project_name: str, suffix: str = "绩效目标表") -> str:
    """A safe file name for the download: `<项目名称>_绩效目标表.xlsx` without path characters."""
    base = "".join(ch for ch in (project_name or "").strip() if ch not in '\\/:*?"<>|\r\n\t')[:60]
    return f"{base}_{suffix}.xlsx" if base else f"{suffix}.xlsx"
