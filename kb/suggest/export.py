"""A suggested table as the .xlsx a declarant hands in.

Sheet 绩效目标表 is the one 绩效目标表 layout of `kb.io.xlsx_table` (the
staff page's download too): title, the project lines (项目名称, 单位, 主管部门,
预算年度, 资金总额（万元）, 项目概况 — the description the table was drafted
from — and 年度目标, drafted from the targets with a value: `annual_goal`), then the usual columns 一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 |
指标解释 | 设定依据 | 分值, 一级 and 二级 merged down their blocks. 指标值 holds
the operator (≥300, ≤45; a 定性 row its wording) or 待填写. Sheet 备选指标
lists the alternates per slot. Every cell is text, never a formula
(`kb.io.xlsx_cells.text_cell`), but 分值, a number cell (Excel's SUM adds it up), and the file reads back to the same rows
(`kb.io.tables.read_table`), so a draft can be checked with `jixiao check`.
分值 splits 100 points as `SCORES` (产出 50, 成本 10, 效益 30, 满意度 10 — our
default; local rules may set others), evenly within each 一级指标, whole
numbers summing to 100. Not for checked tables with findings
(`kb.checker.export`).
"""
from __future__ import annotations


from pathlib import Path

from kb.domain.years import stated_year
from kb.errors import DataError

SCORES = {"output": 50, "cost": 10, "benefit": 30, "satisfaction": 10}
BLANK = "待填写"


def target_cell(c) -> str:
    """指标值 cell: operator + value (a 定性 row's wording alone), or 待填写."""
    from kb.io.xlsx_table import value_with_operator

    return value_with_operator(c.operator, c.value) if c.value else BLANK


def scores(rows: list) -> list[int]:
    """分值 per row: SCORES per 一级指标 split evenly, whole numbers summing to 100 (largest remainders,
    first rows first on ties).

    一级指标 without rows give their points to the others in proportion. A row left 待填写 (no value)
    gets at most the table's even share (100 ÷ rows): one blank 优抚对象生活水平 held all 30 points of
    效益 (D042 fresh trial); so does a vague qualitative row (`vague_qualitative`: 定性 达到预期, 有所提高 —
    为决策提供参考 held 30 of 100 points on a target no one can assess), and a row whose value is a library
    default the text does not state (`library_default`, 设定依据 指标库参考值: 社区老年助餐服务覆盖率 ≥ 80 % held 30 of
    100 points as the only benefit row, trial 8), and a date the text does not state (`assumed_date`). What they
    give up goes to the rows holding the text's own figures or the budget's of their 一级指标, else to every such
    row in proportion, none taking above `TAKER_CEILING` even shares (`_cap_blank_rows`). 满意度 and 成本 keep their
    10 points unless 待填写 or vague (`FIXED_LEVEL1`). 产出 and 效益 each keep at least `LEVEL1_FLOOR` of their
    points (`_keep_level1_floor`): a lone 待填写 效益 row holds 15 of 100, never 11, and 产出 no more than 65.
    """
    present = {r.level1 for r in rows}
    base = {k: v for k, v in SCORES.items() if k in present}
    total = sum(base.values()) or 1
    share = [0.0] * len(rows)
    for k, v in base.items():
        mine = [i for i, r in enumerate(rows) if r.level1 == k]
        for i in mine:
            share[i] = v * 100 / total / len(mine)
    _cap_blank_rows(rows, share)
    _keep_level1_floor(rows, share, {k: v * 100 / total for k, v in base.items()})
    whole = [int(x) for x in share]
    order = sorted(range(len(rows)), key=lambda i: (-(share[i] - whole[i]), i))
    for i in order[:100 - sum(whole)] if rows else []:
        whole[i] += 1
    return whole


# target words of a 定性 row that say no level anyone can check: the form's own 达到预期 / 达成年度指标 and the
# checker's degree and trend words (`kb.checker.lexicon.VAGUE`: 有所提高, 持续改善, 明显提升 …) — a grade of
# `kb.checker.lexicon.GRADE` other than these (优良, 合格, 达标, 良好) is checkable
_VAGUE_TARGETS = frozenset({"达到预期", "符合预期", "达成年度指标", "部分达成年度指标并具有一定效果"})


def vague_qualitative(row) -> bool:
    """True for a 定性 row whose value says no checkable level (达到预期, 有所提高, 持续改善, a degree: 良好); `row` has
    `operator` and `value` (a suggest candidate or a `TableRow`)."""
    from kb.checker.lexicon import DEGREE_GRADES, GRADE, VAGUE_RE

    value = (row.value or "").strip().removeprefix("定性：").removeprefix("定性:")
    if row.operator != "定性" or not value:
        return False
    # a degree (良好, 较好, 高) grades by no scale (the checker's DEGREE_GRADES): 舆论氛围 定性 良好 held all 30
    # of the 效益 points (a fresh reviewer struck it, trial 8)
    return value in _VAGUE_TARGETS or value in DEGREE_GRADES or (value not in GRADE and bool(VAGUE_RE.search(value)))


# 设定依据 of a value taken from the indicator library, not from the text (`engine._basis`)
LIBRARY_BASIS = "指标库参考值"


def library_default(row) -> bool:
    """True for a row whose value is a library default the text does not state (设定依据 指标库参考值…); `row` has
    `basis` (a suggest candidate or a `TableRow`)."""
    return bool(row.value) and (getattr(row, "basis", "") or "").startswith(LIBRARY_BASIS)


# a row taking points another row gives up holds at most this many even shares (100 ÷ rows): D051's 标段数量 took 27
# of 100 and E011's year-end date 20 when every other output row was 待填写 or a library value (trial 9)
TAKER_CEILING = 1.5


# 一级指标 whose points are the convention and never move (trial 10: 满意度 8 and 成本 19 of 100): a satisfaction row's
# ≥ 90 % is the library's (and the checker's) usual target, not a guess, and a cost row bounded by the budget says the
# least of any row — neither is capped for a library value nor takes what other rows give up
FIXED_LEVEL1 = frozenset({"satisfaction", "cost"})


def _cap_blank_rows(rows: list, share: list[float]) -> None:
    """Move what a 待填写 row, a vague qualitative row, a library default or a date the text does not state
    (`YEAR_END_BASIS`) holds above the even share to the rows with a value of the text or the budget (in place):
    those of its 一级指标 first, then every such 产出 / 效益 row, none above `TAKER_CEILING` even shares, the rest
    back to every 产出 / 效益 row below the even share. 满意度 and 成本 rows (`FIXED_LEVEL1`) keep their points: they
    are capped only when 待填写 or vague, and take nothing. When no 产出 / 效益 row holds a value, those rows share
    their points evenly, a 待填写 or vague one up to the even share (D037, trial 10); when no row holds a value, every row holds the even
    share (E009, a department's whole budget stating no target: 舆论氛围 定性 良好 had kept all 30 效益 points)."""
    even = 100 / len(rows) if rows else 0.0
    fixed = [r.level1 in FIXED_LEVEL1 for r in rows]
    capped = [not r.value or vague_qualitative(r) or (not fixed[i] and (library_default(r) or assumed_date(r)))
              for i, r in enumerate(rows)]
    valued = [i for i, r in enumerate(rows) if not capped[i]]
    if not valued:
        share[:] = [even] * len(rows)
        return
    movable = [i for i in range(len(rows)) if not fixed[i]] or list(range(len(rows)))
    takers_all = [j for j in valued if not fixed[j]]
    if not takers_all:  # no 产出 / 效益 row holds a text's figure (D037): they share their points evenly, a 待填写 or
        # vague row up to the even share 100 ÷ rows when all are; when some hold a library value or an assumed date,
        # all share evenly (E053's lone 吸毒人员管控率 would take 23)
        pool = sum(share[i] for i in movable)
        hard = [i for i in movable if not rows[i].value or vague_qualitative(rows[i])]
        soft = [i for i in movable if i not in hard]
        if not soft:   # every 产出 / 效益 row is 待填写 or vague: each holds the even share at most, the rest goes to
            # the 满意度 / 成本 rows of a value (trial 18: “300万元 1700户 85%” gave a lone 待填写 效益 row 75 of 100)
            for i in hard:
                share[i] = min(even, pool / len(movable))
            fixed_valued = [j for j in valued if fixed[j]]
            left = pool - sum(share[i] for i in hard)
            for j in fixed_valued:
                share[j] += left / len(fixed_valued)
            return
        # a library value or an assumed date takes nothing a 待填写 row gives up (trial 22: D025's 三公经费控制率 ≤ 100
        # held 20 and its year-end 部门整体支出完成时间 19 of 100, more than any row): with no row of the text's own figure
        # to take it, the points go back evenly (the README), every 产出 / 效益 row holding the same share; 满意度 and
        # 成本 keep theirs (trial 10)
        for i in movable:
            share[i] = pool / len(movable)
        return
    ceiling = even * TAKER_CEILING
    for i, r in enumerate(rows):
        if not capped[i] or share[i] <= even:
            continue
        surplus, share[i] = share[i] - even, even
        own = [j for j in takers_all if rows[j].level1 == r.level1]
        for takers in (own, takers_all):
            surplus = _pour(surplus, takers, share, lambda j: max(ceiling, share[j]))
        # what no row of a value can take goes back to the rows under the even share, as evenly as they stand
        surplus = _pour(surplus, [j for j in movable if share[j] < even], share, lambda j: even)
        if surplus > 1e-9:
            _pour(surplus, movable, share, lambda j: float("inf"))


# the least share of its points a 产出 or 效益 一级指标 keeps when its rows are 待填写 or vague: D002's lone 受益群众人数
# 待填写 held 11 of 100 and 产出 69 (round 13) — a table whose 效益 is still to be written is not mostly 产出; so 效益
# keeps ≥ 15 of its 30 and 产出 takes at most 15 of them (≤ 65 with a 成本 and a 满意度 row of a value)
LEVEL1_FLOOR = 0.5


def _keep_level1_floor(rows: list, share: list[float], base: dict[str, float]) -> None:
    """Raise a 产出 / 效益 一级指标 (not `FIXED_LEVEL1`) whose rows hold under `LEVEL1_FLOOR` of its points `base[k]`
    (percent of 100, after a 一级 without rows gave its points away) to that floor, its rows evenly, taking the
    difference from the other movable rows in proportion to what they hold above their own 一级's floor (in place)."""
    for k, points in base.items():
        if k in FIXED_LEVEL1:
            continue
        mine = [i for i, r in enumerate(rows) if r.level1 == k]
        held = sum(share[i] for i in mine)
        need = points * LEVEL1_FLOOR - held
        if not mine or need <= 1e-9:
            continue
        donors = [j for j, r in enumerate(rows) if r.level1 != k and r.level1 not in FIXED_LEVEL1]
        room = {lv: sum(share[j] for j in donors if rows[j].level1 == lv) - base.get(lv, 0.0) * LEVEL1_FLOOR
                for lv in {rows[j].level1 for j in donors}}
        spare = sum(max(0.0, v) for v in room.values())
        need = min(need, spare)
        if need <= 1e-9:
            continue
        for lv, v in room.items():
            if v <= 0:
                continue
            theirs = [j for j in donors if rows[j].level1 == lv]
            held_lv = sum(share[j] for j in theirs)
            for j in theirs:
                share[j] -= need * v / spare * share[j] / held_lv
        for i in mine:
            share[i] += need / len(mine)


def _pour(amount: float, takers: list[int], share: list[float], limit) -> float:
    """Give `amount` to `takers` in proportion to their shares, none above `limit(j)` (evaluated once, before
    pouring); returns what none of them could take."""
    caps = {j: limit(j) for j in takers}
    open_ = [j for j in takers if share[j] < caps[j] - 1e-9]
    while amount > 1e-9 and open_:
        weight = sum(share[j] for j in open_)
        given = 0.0
        for j in open_:
            part = amount * share[j] / weight if weight > 0 else amount / len(open_)
            take = min(part, caps[j] - share[j])
            share[j] += take
            given += take
        amount -= given
        open_ = [j for j in open_ if share[j] < caps[j] - 1e-9]
        if given <= 1e-12:
            break
    return amount


def assumed_date(row) -> bool:
    """True for an on-time row dated by the budget year's end because the text states no date (设定依据
    `kb.suggest.binding.YEAR_END_BASIS`): a value the text does not give."""
    from kb.suggest.binding import PAY_YEAR_END_BASIS, YEAR_END_BASIS

    return (getattr(row, "basis", "") or "").startswith((YEAR_END_BASIS, PAY_YEAR_END_BASIS))


def target_table(result, *, project_name: str = "", description: str = "", department: str = "",
                 unit_name: str = "", year: int | None = None):
    """The `kb.io.xlsx_table.TargetTable` of a `SuggestResult`'s default table (分值 from `scores`)."""
    from kb.io.xlsx_table import TableRow, TargetTable

    rows = result.default_table
    table_rows = [TableRow(level1=c.level1_label, level2=c.level2_label, name=c.name,
                           operator="" if not c.value else c.operator, value=c.value or BLANK, unit=c.unit,
                           explanation=c.explanation or c.note, basis=c.basis, weight=float(s))
                  for c, s in zip(rows, scores(rows))]
    return TargetTable(project_name=project_name or "", unit_name=unit_name or "", department=department or "",
                       year=year or stated_year(project_name, description), budget_wan=result.budget_wan,
                       description=description or "", rows=table_rows)


# how many targets the drafted 年度目标 names (the output and effect rows with a value, in table order)
GOAL_TARGETS = 6


def annual_goal(rows: list) -> str:
    """A draft of the 年度目标 line: the table's output and benefit targets the description states, in
    table order, as `目标1：名称≥值单位；…` (at most `GOAL_TARGETS`), else ''. A fresh reviewer missed the
    年度目标 text of the usual template; the next one struck library values in it (特困人员集中供养率≥40%
    appears nowhere in the text): only the text's own targets, none restating work or money (the checker's GOAL-02
    words, `kb.checker.lexicon.GOAL_ACT_RE`). The declarant edits it, and the checker reads it back as the goal row
    (GOAL rules: measurable, no vague words)."""
    from kb.io.xlsx_table import value_with_operator
    from kb.suggest.engine import TEXT_BASIS

    from kb.checker.lexicon import GOAL_ACT_RE

    said = [f"{c.name}{value_with_operator(c.operator, c.value).removeprefix('定性：')}{c.unit or ''}"
            for c in rows if c.value and c.level1 in ("output", "benefit") and c.basis.startswith(TEXT_BASIS)]
    # trial 19: 目标1：村级组织运转经费…拨付完成时间… drew GOAL-02 (the goal restates money): the checker's own goal
    # rewrite leaves out such targets (`kb.checker.rewrite.rewrite_goal`), and so does the draft
    said = [t for t in said if not GOAL_ACT_RE.search(t)][:GOAL_TARGETS]
    return "；".join(f"目标{i}：{t}" for i, t in enumerate(said, 1)) + "。" if said else ""


def write_xlsx(result, path: str | Path | None = None, *, project_name: str = "", description: str = "",
               department: str = "", unit_name: str = "", year: int | None = None) -> bytes:
    """The workbook of a `SuggestResult` (bytes); also written to `path` when given (all or nothing).

    Raises DataError when there is no table (not confident) or the file cannot be written.
    """
    from kb.io.xlsx_cells import save_atomic, workbook_bytes
    from kb.io.xlsx_table import table_workbook

    if not result.confident or not result.default_table:
        raise DataError("没有可导出的绩效目标表(描述中没有足够相关的内容)", field="description")
    goal = annual_goal(result.default_table)
    wb = table_workbook(target_table(result, project_name=project_name, description=description,
                                     department=department, unit_name=unit_name, year=year),
                        goals=[("年度目标", goal)] if goal else [])
    _alternates_sheet(wb.create_sheet("备选指标"), result)
    if path is not None:
        save_atomic(wb, path)
    return workbook_bytes(wb)


def _alternates_sheet(ws, result) -> None:
    from kb.io.xlsx_cells import text_cell

    for j, h in enumerate(("一级指标", "二级指标", "三级指标", "指标值", "计量单位", "设定依据"), start=1):
        text_cell(ws, 1, j, h)
    alts = [c for cands in result.alternates.values() for c in cands]
    vague = _vague_alternates(alts)
    r = 2
    for i, c in enumerate(alts):
        cell, basis = (BLANK, vague[i]) if i in vague else (target_cell(c), c.basis)
        for j, v in enumerate((c.level1_label, c.level2_label, c.name, cell, c.unit, basis), start=1):
            text_cell(ws, r, j, v)
        r += 1


def _vague_alternates(alts: list) -> dict[int, str]:
    """Index → 设定依据 for each alternate whose value the checker's QNT-01 rejects (平安校园建设 定性：达到预期 from
    the library: the expectation is stated nowhere), shown 待填写 with why, as the default table's rows are vetted
    (`kb.suggest.vetting`). Trial 19: the 备选指标 sheet offered two such values, which a re-check rejects."""
    from kb.checker import check_rows
    from kb.checker.lexicon import CHECKABLE_RESULT_HINT
    from kb.domain.schema import TargetRow
    from kb.suggest.draft import PENDING

    valued = [(i, c) for i, c in enumerate(alts) if c.value]
    if not valued:
        return {}
    rows = [TargetRow(level1=c.level1_label, level2=c.level2_label, name=c.name, operator=c.operator, value=c.value,
                      unit=c.unit) for _, c in valued]
    out: dict[int, str] = {}
    for f in check_rows(rows, {}, suggest=False).findings:
        if f.rule_id == "QNT-01" and f.row is not None:
            i, c = valued[f.row - 1]
            hint = CHECKABLE_RESULT_HINT if c.operator == "定性" else "请按项目实际填写"
            out[i] = f"{PENDING}：{hint}(指标库参考值“{c.value}”审核不通过：{f.message}，规则 {f.rule_id})"
    return out
