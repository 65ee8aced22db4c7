"""Real inputs for the evidence and accounting-archive tests, written by the tests themselves.

- `policy_docx` / `policy_pdf`: a Word file and a PDF made from the quoted
  article texts of the policy excerpts in ../shared/data/policies (财预〔2020〕10号
  as carried into local rules; 中发〔2018〕34号), so extraction runs on real prose.
- `voucher_rows` / `write_vouchers_xlsx` / `write_vouchers_csv`: a 记账凭证 export
  as finance software writes it — a title line, a unit/period line, the
  header (凭证日期, 凭证字, 凭证号, 摘要, 科目编码, 科目名称, 借方金额, 贷方金额,
  项目编码, 项目名称), multi-line vouchers whose continuation lines leave date
  and number blank, parallel financial (5001/1011) and budget (7201/8001)
  entries as 政府会计制度 requires, a red reversal, another project's voucher,
  a voucher after the year end and a 合计 line. The figures are this test
  suite's: road repairs of 300,000 + 185,000 − 5,000 = 480,000 元 by 30 June
  and 1,180,000 元 over 2024, plus a 12,000 元 retention paid in January 2025.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from tests.corpus_pdf import make_pdf
from tests.kbfactory import SHARED

POLICIES = SHARED / "policies"
PROJECT = "乡村道路修缮"
PROJECT_CODE = "XM2024-007"
OTHER_PROJECT = "学校食堂改造"
HEADER = ["凭证日期", "凭证字", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "项目编码", "项目名称"]


def quoted_articles(name: str) -> list[str]:
    """The quoted lines (`> …`) of a policy excerpt, as written there."""
    text = (POLICIES / name).read_text(encoding="utf-8")
    return [ln[1:].strip() for ln in text.splitlines() if ln.startswith(">") and ln[1:].strip()]


def policy_docx(path: Path) -> Path:
    """A .docx of the 财预〔2020〕10号-based articles (title + one paragraph per article)."""
    import docx

    d = docx.Document()
    d.core_properties.title = "旗级绩效评价管理办法"
    d.add_heading("旗级绩效评价管理办法", level=0)
    for para in quoted_articles("03_caiyu_2020_10_pingjia_banfa.md"):
        d.add_paragraph(para)
    d.save(str(path))
    return path


def _wrap(text: str, width: int = 38) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def policy_pdf(path: Path, *, lines_per_page: int = 12) -> Path:
    """A PDF of the 中发〔2018〕34号 excerpt's articles, wrapped at 38 characters, 12 lines a page."""
    lines = [w for para in quoted_articles("01_zhongfa_2018_34_yijian.md") for w in _wrap(para)]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return make_pdf(path, pages, title="关于全面实施预算绩效管理的意见（摘录）")


def voucher_rows(project: str = PROJECT, code: str = PROJECT_CODE) -> list[list]:
    """Data lines of the voucher export (after the header)."""
    def v(date, no, summary, amount, *, detail="维修(护)费", proj=project, pcode=code):
        d = dt.date.fromisoformat(date)
        return [
            [d, "记", no, summary, "5001", f"业务活动费用/商品和服务费用/{detail}", amount, None, pcode, proj],
            [None, None, None, summary, "1011", "零余额账户用款额度", None, amount, pcode, proj],
            [None, None, None, summary, "7201", f"事业支出/项目支出/{detail}", amount, None, pcode, proj],
            [None, None, None, summary, "8001", "资金结存/零余额账户用款额度", None, amount, pcode, proj],
        ]

    rows = []
    rows += v("2024-03-15", 8, "支付道路维修工程预付款", 300000)
    rows += v("2024-06-12", 23, "支付道路维修费", "185,000.00")
    rows += v("2024-06-20", 31, "购买食堂设备", 20000, detail="专用设备购置", proj=OTHER_PROJECT, pcode="XM2024-011")
    rows += v("2024-06-25", 35, "冲销记-23多记维修费", -5000)
    rows += v("2024-09-28", 52, "支付道路维修工程尾款", 700000.0)
    rows += v("2025-01-10", 3, "支付道路维修质保金", 12000)
    rows.append([None, None, None, "合计", None, None, 2424000, 2424000, None, None])
    return rows


def write_vouchers_xlsx(path: Path, rows: list[list] | None = None, *, header: list[str] | None = None) -> Path:
    """The voucher export as .xlsx (sheet 记账凭证), dates as date cells."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "记账凭证"
    ws.append(["记账凭证汇总表"])
    ws.append(["核算单位：青山区教育局", None, None, "会计期间：2024年01月—2025年01月"])
    ws.append(header or HEADER)
    for r in rows if rows is not None else voucher_rows():
        ws.append(r)
    wb.save(str(path))
    return path


def write_vouchers_csv(path: Path, rows: list[list] | None = None, *, header: list[str] | None = None,
                       encoding: str = "gb18030") -> Path:
    """The voucher export as .csv in GB18030 (what Chinese finance software writes), dates as text."""
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(["记账凭证汇总表"])
        w.writerow(header or HEADER)
        for r in rows if rows is not None else voucher_rows():
            w.writerow(["" if c is None else (c.isoformat() if isinstance(c, dt.date) else c) for c in r])
    return path


def phrase(text: str, n: int = 14) -> str:
    """A phrase of `n` characters from the middle of the first long sentence of `text`."""
    s = max(re.split(r"[，。；]", text), key=len)
    a = max(0, len(s) // 2 - n // 2)
    return s[a:a + n]
