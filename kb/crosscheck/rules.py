"""Cross-check rules: each rule's id, title, severity, basis and detection in one place.

Ids follow the checker's style with two new prefixes: `ACC-` compares
reported figures with the 电子会计档案 (vouchers), `EVD-` compares claims
with the 佐证材料. Rules are pure functions of `kb.crosscheck.facts.Facts`
and `Settings.evidence` returning findings; amounts in messages are 万元
with two decimals. Spending is `kb.archive.accounts.spending_fen` (budget
basis when the vouchers carry budget expenditure accounts).

| id | severity | what |
|---|---|---|
| ACC-01 | error (warning when the vouchers do not reach the report's date) | 预算执行数 reported at 事中监控 / 事后评价 / 结果反馈 differs from the project's vouchers in the period by more than the tolerance |
| ACC-02 | warning | a cost indicator's (成本指标) actual at 事后评价 differs from the vouchers it names |
| ACC-03 | warning | a voucher of the project dated outside the project's implementation period |
| ACC-04 | info | a 预算执行数 is reported but no voucher of the project has been imported |
| EVD-01 | warning | a monitoring report or evaluation claims an indicator complete with no attachment of the kind it needs (验收合格率 → 验收报告 …, `kb.evidence.kinds.required_kinds`); a cost row is also backed by the voucher lines linked to the project that it names |
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, Field

from kb.archive.accounts import counted_lines, is_budget_expenditure, spending_fen
from kb.crosscheck.facts import Facts, Line
from kb.evidence.kinds import AttachmentKind, required_kinds
from kb.lifecycle.values import parse_number
from kb.domain.enums import Level1, Stage
from kb.domain.findings import SEVERITY_LABELS
from kb.domain.levels import parse_level1, parse_level2
from kb.domain.text import normalize

# where a finding arises: a lifecycle stage, or the imported accounting archive
STAGE_LABELS = {**{s.value: s.label for s in Stage}, "archive": "电子会计档案"}
MAX_DATE_FINDINGS = 20


class Finding(BaseModel):
    """One cross-check finding (contract fields: rule_id, severity, message)."""

    rule_id: str
    severity: str = Field(..., description="error / warning / info")
    message: str
    severity_label: str = ""
    title: str = ""
    stage: str = Field("", description="monitoring / evaluation / feedback / archive")
    stage_label: str = ""
    ref_id: int | None = Field(None, description="监控记录、评价或凭证分录的 id")
    row: int | None = Field(None, description="指标行号（从 1 开始）")
    reported: float | None = Field(None, description="上报数（万元）")
    vouchers: float | None = Field(None, description="凭证合计（万元）")
    basis: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    basis: str
    check: Callable[[Facts, object], list[Finding]]


RULES: dict[str, Rule] = {}


def crosscheck_rule(id: str, title: str, severity: str, basis: str):  # noqa: A002
    """Register a detection function under `id` with its title, default severity and basis."""
    def deco(fn):
        RULES[id] = Rule(id, title, severity, basis, fn)
        return fn
    return deco


def _f(rule_id: str, message: str, *, severity: str | None = None, stage: str = "", **kw) -> Finding:
    r = RULES[rule_id]
    sev = severity or r.severity
    return Finding(rule_id=rule_id, severity=sev, severity_label=SEVERITY_LABELS[sev], title=r.title,
                   message=message, stage=stage, stage_label=STAGE_LABELS.get(stage, ""), basis=r.basis, **kw)


def _wan(fen: int) -> float:
    return fen / 1_000_000


def _differs(a_wan: float, b_wan: float, s) -> bool:
    return abs(a_wan - b_wan) > max(s.execution_tolerance_pct / 100 * max(abs(a_wan), abs(b_wan)),
                                    s.execution_tolerance_wan)


def _in(lines: list[Line], start: dt.date | None, end: dt.date | None) -> list[Line]:
    return [x for x in lines if (start is None or x.date >= start) and (end is None or x.date <= end)]


def _entries(ls: list[Line]) -> str:
    """How many entries make the spending of `ls`, in words: only the lines `spending_fen` counts — on the
    budget basis the 预算支出 entries, not their 财务会计 twins nor the funding side (平行记账)."""
    counted = counted_lines(ls)
    budget = bool(counted) and is_budget_expenditure(counted[0].account, counted[0].account_code)
    return f"{len(counted)} 笔{'预算支出' if budget else '支出'}分录"


def _pct(a: float, b: float) -> str:
    return f"{abs(a - b) / max(abs(a), abs(b)) * 100:.1f}%" if max(abs(a), abs(b)) > 0 else "—"


# ------------------------------------------------------------------ ACC-01

@crosscheck_rule("ACC-01", "预算执行数与会计凭证合计不符", "error",
      "财预〔2020〕10号《项目支出绩效评价管理办法》（预算执行率）；《会计档案管理办法》（财政部 国家档案局令第79号）")
def acc_01(f: Facts, s) -> list[Finding]:
    """Each reported 预算执行数 (the monitoring report in force for each period end, the latest evaluation,
    the feedback)
    vs the spending of the project's vouchers from the period start to the report's date."""
    if not f.lines:
        return []
    start = f.period[0] if f.period else None
    end = f.period[1] if f.period else None
    claims = [("monitoring", r.id, r.budget_executed_wan, r.period_end, f"事中监控（截至 {r.period_end}）")
              for r in f.monitoring if r.budget_executed_wan is not None]
    if f.evaluation is not None and f.evaluation.budget_executed_wan is not None:
        claims.append(("evaluation", f.evaluation.id, f.evaluation.budget_executed_wan, end, "事后评价"))
    if f.feedback is not None and f.feedback.budget_executed_wan is not None:
        claims.append(("feedback", f.feedback.id, f.feedback.budget_executed_wan, end, "结果反馈"))
    out = []
    for stage, ref, reported, upto, what in claims:
        ls = _in(f.lines, start, upto)
        vou = _wan(spending_fen(ls))
        if not _differs(reported, vou, s):
            continue
        partial = f.coverage_end is not None and upto is not None and f.coverage_end < upto
        window = f"{start or '项目开始'} 至 {upto or '项目结束'}"
        msg = (f"{what}上报预算执行 {reported:.2f} 万元，会计凭证合计 {vou:.2f} 万元（{window}，{_entries(ls)}），"
               f"相差 {abs(reported - vou):.2f} 万元（{_pct(reported, vou)}），超过容差 {s.execution_tolerance_pct:g}%")
        if partial:
            msg += f"；已导入的凭证只到 {f.coverage_end}，请补齐凭证后再核对"
        out.append(_f("ACC-01", msg, severity="warning" if partial else None, stage=stage, ref_id=ref,
                      reported=round(reported, 6), vouchers=round(vou, 6)))
    return out


# ------------------------------------------------------------------ ACC-02

_GENERIC = re.compile(r"项目|总|成本|控制|费用|支出|资金|经费|金额|投入|投资|额度?|预算|执行|实际|综合|年度|全年|合计|"
                      r"以内|不超过|经济|社会|生态|环境|指标|[（()）]")


def _amount_wan(actual: str, unit: str) -> float | None:
    """An actual amount in 万元 (`48.5万元`, `485000元`, or a bare number in the row's unit 万元/元)."""
    t = normalize(actual or "")
    n = parse_number(t)
    if n is None or "/" in t or "/" in (unit or ""):
        return None
    if "万元" in t or ("元" not in t and unit == "万元"):
        return n
    if "元" in t or unit == "元":
        return n / 10_000
    return None


def _is_cost(row) -> bool:
    l1 = parse_level1(row.level1)
    l2 = parse_level2(row.level2, l1)
    return l1 is Level1.cost or (l2 is not None and "cost" in l2.value) or bool(re.search(r"成本", row.name or ""))


def _cost_lines(ls: list[Line], name: str) -> tuple[list[Line], str]:
    """The voucher lines a cost row names (summary or account holding a word of the name after the
    generic words: 维修成本 → 维修), or all of them when it names none; with the scope in words."""
    from kb.evidence.search import tokenizer

    rest = _GENERIC.sub(" ", normalize(name))
    words = [w for w in tokenizer().cut_words(rest) if len(w) >= 2]
    if not words:
        return ls, "全部"
    return [x for x in ls if any(w in x.summary or w in x.account for w in words)], \
        "科目或摘要含“" + "、".join(words) + "”的"


@crosscheck_rule("ACC-02", "成本指标实际值与会计凭证不符", "warning",
      "财预〔2021〕101号（成本指标）；《会计档案管理办法》（财政部 国家档案局令第79号）")
def acc_02(f: Facts, s) -> list[Finding]:
    """A cost row's actual (万元/元) at 事后评价 vs the vouchers in the period: those whose summary
    or account names the cost (维修成本 → 维修), or all of them when the name names none."""
    if f.evaluation is None or not f.lines:
        return []
    rows = {r.position: r for r in f.rows}
    ls = _in(f.lines, *(f.period or (None, None)))
    out = []
    for it in f.evaluation.items:
        r = rows.get(it.position)
        if r is None or not _is_cost(r):
            continue
        actual = _amount_wan(it.actual, r.unit)
        if actual is None:
            continue
        sel, scope = _cost_lines(ls, r.name)
        if not sel:
            continue
        vou = _wan(spending_fen(sel))
        if _differs(actual, vou, s):
            out.append(_f("ACC-02", f"第{r.position}行“{r.name}”实际值 {actual:.2f} 万元，会计凭证中{scope}支出合计 "
                                    f"{vou:.2f} 万元（{_entries(sel)}），相差 {abs(actual - vou):.2f} 万元"
                                    f"（{_pct(actual, vou)}）", stage="evaluation", ref_id=f.evaluation.id,
                          row=r.position, reported=round(actual, 6), vouchers=round(vou, 6)))
    return out


# ------------------------------------------------------------------ ACC-03

@crosscheck_rule("ACC-03", "凭证日期不在项目实施期内", "warning",
      "《会计档案管理办法》（财政部 国家档案局令第79号）；项目实施期以申报说明所写为准，未写明时为预算年度")
def acc_03(f: Facts, s) -> list[Finding]:
    """Vouchers (grouped by date and number) tied to this declaration dated outside its period, and
    vouchers tied to the project only dated outside every period of the project's declarations."""
    if f.period is None:
        return []
    a, b = f.period
    groups: dict[tuple, list[Line]] = {}
    for x in f.lines:
        if a <= x.date <= b:
            continue
        if x.declaration_id is None and any(p[0] <= x.date <= p[1] for p in f.other_periods):
            continue
        groups.setdefault((x.date, x.voucher_no, x.document_id), []).append(x)
    out = []
    for (date, no, _doc), ls in list(groups.items())[:MAX_DATE_FINDINGS]:
        first = ls[0]
        out.append(_f("ACC-03", f"凭证 {no}（{date}，{first.summary or first.account}，支出 "
                                f"{spending_fen(ls) / 100:,.2f} 元）不在项目实施期 {a} 至 {b} 内；出处：{first.citation}",
                      stage="archive", ref_id=first.id))
    if len(groups) > MAX_DATE_FINDINGS:
        out.append(_f("ACC-03", f"另有 {len(groups) - MAX_DATE_FINDINGS} 张凭证不在项目实施期 {a} 至 {b} 内",
                      stage="archive"))
    return out


# ------------------------------------------------------------------ ACC-04

@crosscheck_rule("ACC-04", "尚无会计凭证可核对预算执行数", "info", "电子会计档案核对（本系统）")
def acc_04(f: Facts, s) -> list[Finding]:
    """A 预算执行数 is reported but no voucher of the project has been imported."""
    reported = any(r.budget_executed_wan is not None for r in f.monitoring) or (
        f.evaluation is not None and f.evaluation.budget_executed_wan is not None)
    if f.lines or not reported:
        return []
    return [_f("ACC-04", f"已上报预算执行数，但尚未导入项目“{f.project_name}”的会计凭证"
                         "（jixiao archive import 或 POST /v1/archive/import），无法核对", stage="archive")]


# ------------------------------------------------------------------ EVD-01

def _has(f: Facts, kinds, row: int) -> bool:
    return any(a.kind in {k.value for k in kinds} and (a.row is None or a.row == row) for a in f.attachments)


@crosscheck_rule("EVD-01", "声称完成但缺少对应的佐证材料", "warning",
      "财预〔2020〕10号《项目支出绩效评价管理办法》（评价依据与佐证材料）")
def evd_01(f: Facts, s) -> list[Finding]:
    """Rows the latest monitoring report or the latest evaluation call complete (completion ≥ 100 %,
    or full marks for a 定性 row) with no attachment of a kind the row needs. A cost row is also
    backed by the project's voucher lines in the 电子会计档案 that it names (the lines ACC-02 reads)."""
    rows = {r.position: r for r in f.rows}
    claims: dict[int, tuple[str, int, str]] = {}
    if f.monitoring:
        rep = f.monitoring[-1]
        for it in (rep.result or {}).get("indicators", []):
            c = it.get("completion")
            if c is not None and c >= 1 - 1e-9:
                claims[it["row"]] = ("monitoring", rep.id, f"事中监控（截至 {rep.period_end}）")
    if f.evaluation is not None:
        for it in f.evaluation.items:
            if it.position == 0:
                continue
            full = (it.completion is not None and it.completion >= 1 - 1e-9) or (
                it.completion is None and it.weight > 0 and it.score >= it.weight - 1e-9)
            if full:
                claims[it.position] = ("evaluation", f.evaluation.id, "事后评价")
    out = []
    for pos in sorted(claims):
        r = rows.get(pos)
        if r is None:
            continue
        kinds = required_kinds(r.name, r.level1, r.level2)
        if not kinds or _has(f, kinds, pos):
            continue
        if AttachmentKind.accounting_voucher in kinds and _cost_lines(f.lines, r.name)[0]:
            continue  # the archive's voucher lines linked to the project back the cost (as ACC-02 reads them)
        stage, ref, what = claims[pos]
        need = "或".join(k.label for k in kinds)
        out.append(_f("EVD-01", f"{what}第{pos}行“{r.name}”已完成，但未上传{need}"
                                f"（上传时材料类型选“{kinds[0].label}”，支撑的指标选第 {pos} 行）",
                      stage=stage, ref_id=ref, row=pos))
    return out
