"""Reading accounting exports as finance software writes them (pure functions, no I/O).

A 记账凭证 sheet is recognised by its header row, in any column order:
日期; 凭证号 or 凭证字号 (a separate 凭证字 column is joined to it: 记-15);
摘要; 科目 or 科目名称 (科目编码 optional); 借方 or 借方金额; 贷方 or 贷方金额;
and at least one of 项目 / 项目名称 / 项目编码. Amounts are in 元 (a header
naming 万元 is refused) and are kept as integer 分, so sums are exact.
Continuation lines of a multi-line voucher (blank 日期 and 凭证号) take them
from the line above; subtotal lines (合计, 本月合计, 本年累计 …) are skipped.
Every problem is collected as `第N行 列名: 问题` (1-based rows) and raised
together: an import is all-or-nothing.

Categories follow 《会计档案管理办法》(财政部 国家档案局令第79号) 第六条:
会计凭证 (voucher), 会计账簿 (ledger), 财务会计报告 (report), 其他会计资料
(other). Not for storing (see `kb.archive.importer`).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kb.domain.text import normalize

CATEGORIES = {"voucher": "凭证", "ledger": "账簿", "report": "报表", "other": "其他"}

# header names per field (normalised: NFKC, no spaces, no "(元)" suffix)
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "凭证日期", "记账日期", "制单日期", "业务日期"),
    "voucher_no": ("凭证号", "凭证字号", "凭证编号"),
    "voucher_word": ("凭证字", "凭证类别", "凭证类型"),
    "summary": ("摘要",),
    "account": ("科目", "科目名称", "会计科目", "科目全称", "科目全名"),
    "account_code": ("科目编码", "科目代码", "科目编号"),
    "debit": ("借方", "借方金额", "借方本币", "借方发生额"),
    "credit": ("贷方", "贷方金额", "贷方本币", "贷方发生额"),
    "project_name": ("项目", "项目名称", "辅助项目", "项目辅助核算"),
    "project_code": ("项目编码", "项目代码", "项目编号"),
}
REQUIRED = ("date", "voucher_no", "summary", "account", "debit", "credit")
LABELS = {"date": "日期", "voucher_no": "凭证号", "summary": "摘要", "account": "科目", "debit": "借方金额",
          "credit": "贷方金额", "project": "项目名称或项目编码"}
SUBTOTALS = frozenset({"合计", "小计", "本页合计", "本月合计", "本月累计", "本年累计", "累计", "本期合计",
                       "期初余额", "承前页", "过次页", "上年结转", "结转下年"})
MAX_ERRORS = 20


def header_key(cell: Any) -> str:
    """A header cell normalised for matching: NFKC, no whitespace, no (元) / (万元) suffix
    (a 万元 header is recognised, then refused by `wan_in_header`)."""
    t = normalize("" if cell is None else str(cell))
    t = re.sub(r"\s+", "", t)
    return re.sub(r"[(（]\s*(人民币)?万?元\s*[)）]$", "", t)


@dataclass
class Header:
    """A recognised voucher header: its 1-based row and the column index of each field."""

    row: int
    cols: dict[str, int]
    names: dict[str, str]


def find_voucher_header(rows: list[tuple[int, list[Any]]], *, scan: int = 20) -> Header | None:
    """The voucher header among the first `scan` rows, or None when the sheet is no 凭证 sheet."""
    for r, cells in rows[:scan]:
        keys = [header_key(c) for c in cells]
        cols: dict[str, int] = {}
        names: dict[str, str] = {}
        for fld, aliases in COLUMNS.items():
            for j, k in enumerate(keys):
                if k in aliases and j not in cols.values():
                    cols[fld], names[fld] = j, str(cells[j]).strip()
                    break
        if all(f in cols for f in REQUIRED) and ("project_name" in cols or "project_code" in cols):
            return Header(r, cols, names)
    return None


def wan_in_header(h: Header) -> str | None:
    """The debit/credit header text when it names 万元 (amounts must be in 元), else None."""
    for f in ("debit", "credit"):
        if "万元" in h.names.get(f, ""):
            return h.names[f]
    return None


@dataclass
class VoucherEntry:
    """What a voucher line books (amounts in 分): its sheet row, date, voucher number, summary,
    account (name and code), debit and credit. Parsed lines and the stored lines the
    cross-check reads (`kb.crosscheck.facts.Line`) both carry it."""

    row: int
    date: dt.date
    voucher_no: str
    summary: str
    account: str
    account_code: str
    debit_fen: int
    credit_fen: int


@dataclass
class VoucherLine(VoucherEntry):
    """One parsed voucher line: what it books, the project as written and the raw cells."""

    project_code: str
    project_name: str
    cells: list[str] = field(default_factory=list)


class RowErrors(Exception):
    """The `第N行 列名: 问题` problems of a sheet (at most MAX_ERRORS kept)."""

    def __init__(self, problems: list[str], total: int):
        self.problems, self.total = problems, total
        more = f"（另有 {total - len(problems)} 处）" if total > len(problems) else ""
        super().__init__("；".join(problems) + more)


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE8_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(v: Any) -> dt.date | None:
    """A cell as a date: datetime/date values, 2024-06-15, 2024/6/15, 2024.6.15, 2024年6月15日, 20240615.

    Returns None for blank; raises ValueError for text that is no valid date.
    """
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    t = normalize(str(v)).strip()
    m = _DATE_RE.match(t) or _DATE8_RE.match(t)
    if not m:
        raise ValueError(f"“{t}”不是日期（应写成 2024-06-15）")
    y, mo, d = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"“{t}”不是有效日期") from None


_AMOUNT_RE = re.compile(r"^[-+]?\d+(\.\d+)?$")


def parse_amount_fen(v: Any) -> int:
    """A cell as an amount in 元 → integer 分. Blank → 0; '1,234.50', '¥1234.5', '(100.00)' (negative),
    '-100' accepted; more than two decimals or any other text raises ValueError."""
    if v is None:
        return 0
    if isinstance(v, bool):
        raise ValueError("不是金额")
    if isinstance(v, int):
        return v * 100
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("不是金额")
        d = Decimal(repr(v))
    else:
        t = normalize(str(v)).strip().replace(",", "").replace("，", "").replace(" ", "")
        t = t.lstrip("¥￥").removesuffix("元")
        if not t or t in ("-", "—"):
            return 0
        neg = t.startswith("(") and t.endswith(")")
        if neg:
            t = t[1:-1]
        if not _AMOUNT_RE.match(t):
            raise ValueError(f"“{v}”不是金额（以元为单位的数字）")
        d = Decimal(t) * (-1 if neg else 1)
    try:
        fen = d * 100
    except InvalidOperation:  # pragma: no cover
        raise ValueError("不是金额") from None
    if fen != fen.to_integral_value():
        raise ValueError(f"“{v}”超过两位小数（金额以元为单位，精确到分）")
    if abs(fen) > 10 ** 15:
        raise ValueError(f"“{v}”金额过大")
    return int(fen)


def _cell(cells: list[Any], j: int | None) -> Any:
    return cells[j] if j is not None and j < len(cells) else None


def _text(v: Any) -> str:
    from kb.evidence.tables import iso_cell_text

    return normalize(iso_cell_text(v))


def parse_voucher_rows(rows: list[tuple[int, list[Any]]], h: Header) -> list[VoucherLine]:
    """The voucher lines below header `h` (see module docstring). Raises RowErrors."""
    c = h.cols
    problems: list[str] = []
    total = 0
    out: list[VoucherLine] = []
    prev_date: dt.date | None = None
    prev_no = ""

    def problem(r: int, fld: str, msg: str) -> None:
        nonlocal total
        total += 1
        if len(problems) < MAX_ERRORS:
            problems.append(f"第{r}行 {h.names.get(fld) or LABELS.get(fld, fld)}: {msg}")

    for r, cells in rows:
        if r <= h.row:
            continue
        vals = {f: _cell(cells, j) for f, j in c.items()}
        summary = _text(vals.get("summary"))
        if summary.replace(" ", "") in SUBTOTALS or summary.startswith(("合计", "本月合计", "本年累计")):
            continue
        if all(_text(v) == "" for v in vals.values()):
            continue
        try:
            date = parse_date(vals.get("date"))
        except ValueError as e:
            problem(r, "date", str(e))
            date = None
        no = _text(vals.get("voucher_no"))
        word = _text(vals.get("voucher_word"))
        if word and no and not no.startswith(word):
            no = f"{word}-{no}"
        if date is None and not no and prev_date is not None:
            date, no = prev_date, prev_no  # continuation line of the voucher above
        elif date is None and _text(vals.get("date")) == "":
            problem(r, "date", "为空")
        if not no:
            problem(r, "voucher_no", "为空")
        account = _text(vals.get("account"))
        code = _text(vals.get("account_code"))
        if not account and not code:
            problem(r, "account", "为空")
        amounts = []
        for fld in ("debit", "credit"):
            try:
                amounts.append(parse_amount_fen(vals.get(fld)))
            except ValueError as e:
                problem(r, fld, str(e))
                amounts.append(0)
        if amounts == [0, 0] and _text(vals.get("debit")) == "" and _text(vals.get("credit")) == "":
            problem(r, "debit", "借方和贷方金额都为空")
        if date is not None:
            prev_date, prev_no = date, no
            out.append(VoucherLine(row=r, date=date, voucher_no=no[:60], summary=summary[:500],
                                   account=account[:300], account_code=code[:40], debit_fen=amounts[0],
                                   credit_fen=amounts[1], project_code=_text(vals.get("project_code"))[:100],
                                   project_name=_text(vals.get("project_name"))[:300],
                                   cells=[_text(x) for x in cells]))
    if total:
        raise RowErrors(problems, total)
    return out


# ------------------------------------------------------------------ categories and periods

def parse_category(text: str | None, field: str = "category") -> str | None:
    """'voucher' / 'ledger' / 'report' / 'other' from a label (凭证 …) or identifier; None for blank.
    Raises DataError naming `field` otherwise."""
    from kb.errors import DataError

    if not text:
        return None
    t = normalize(text)
    for k, lab in CATEGORIES.items():
        if t in (k, lab):
            return k
    raise DataError(f"档案类别须为 {' / '.join(CATEGORIES.values())}，而不是“{text}”", field=field)


_LEDGER_RE = re.compile(r"账簿|总账|总分类账|明细账|明细分类账|日记账|备查簿|辅助账|科目余额")
_REPORT_RE = re.compile(r"报表|资产负债表|收入费用表|净资产变动表|现金流量表|预算收入支出表|预算结转结余|财政拨款预算收入支出表"
                        r"|决算|会计报告|财务报告|利润表|收支表|预算执行")
_LEDGER_HEAD = ("余额", "期末余额", "方向")
_REPORT_HEAD = ("行次", "年初余额", "期初余额", "本月数", "本年累计数", "本年数", "上年数", "期末数")


def classify(title: str, rows: list[tuple[int, list[Any]]], *, is_voucher: bool) -> str:
    """Category of a sheet or file: 'voucher' when its header is a voucher header, else 'ledger'
    (账簿 words in the title or first rows, or a 余额 column), 'report' (报表 words, or 行次 /
    年初 / 本年累计 columns) or 'other'."""
    if is_voucher:
        return "voucher"
    head_text = normalize(title + " " + " ".join(_text(v) for _, cells in rows[:5] for v in cells))
    keys = {header_key(v) for _, cells in rows[:10] for v in cells}
    if _REPORT_RE.search(head_text) or keys & set(_REPORT_HEAD):
        if not _LEDGER_RE.search(normalize(title)):
            return "report"
    if _LEDGER_RE.search(head_text) or keys & set(_LEDGER_HEAD):
        return "ledger"
    return "other"


_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def period_from_text(text: str) -> tuple[dt.date, dt.date] | None:
    """The period a title names: 2024年6月 / 2024-06 (month), 2024年第二季度 / 2024Q2 (quarter),
    2024年1-6月 / 2024年上半年 (months), 2024年度 / 2024年 (year); None when it names none."""
    found = find_period(text)
    return (found[0], found[1]) if found else None


def find_period(text: str) -> tuple[dt.date, dt.date, tuple[int, int]] | None:
    """(first day, last day, [start, end) of the words in the NFKC-normalised text) of the period
    `text` names (see `period_from_text`), or None."""
    t = normalize(text or "")
    m = re.search(r"((?:19|20)\d{2})\s*年?\s*(?:第)?([一二三四1-4])\s*季度|((?:19|20)\d{2})\s*[Qq]([1-4])", t)
    if m:
        y = int(m.group(1) or m.group(3))
        q = _QUARTER[m.group(2) or m.group(4)]
        return (*_months(y, 3 * q - 2, 3 * q), m.span())
    m = re.search(r"((?:19|20)\d{2})\s*年\s*(上|下)半年", t)
    if m:
        y = int(m.group(1))
        return (*(_months(y, 1, 6) if m.group(2) == "上" else _months(y, 7, 12)), m.span())
    m = re.search(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*(?:月)?\s*(?:-|—|~|～|至)\s*(\d{1,2})\s*月", t)
    if m:
        y, a, b = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= a <= b <= 12:
            return (*_months(y, a, b), m.span())
    m = re.search(r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*月?(?!\d)", t)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return (*_months(y, mo, mo), m.span())
    m = re.search(r"((?:19|20)\d{2})\s*年度?", t)
    if m:
        return (*_months(int(m.group(1)), 1, 12), m.span())
    return None


def _months(y: int, a: int, b: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, a, 1), dt.date(y, b, calendar.monthrange(y, b)[1])
