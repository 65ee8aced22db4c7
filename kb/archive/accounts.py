"""Which voucher lines are a project's spending (pure functions).

Account codes and names follow 《政府会计制度——行政事业单位会计科目和报表》
(财会〔2017〕25号): 1001 库存现金, 1002 银行存款, 1011 零余额账户用款额度,
1021 其他货币资金, 1201 财政应返还额度, 12xx receivables and prepayments,
13xx–18xx stocks and long-lived assets (1302 库存物品, 1601 固定资产,
1613 在建工程, 1701 无形资产, 1801 公共基础设施 …), 2xxx liabilities,
3xxx net assets, 4xxx revenue, 5xxx expenses (5001 业务活动费用, 5101
单位管理费用 …), 6xxx budget revenue, 7xxx budget expenditure (7101 行政支出,
7201 事业支出 …), 8xxx budget balances (8001 资金结存).

A line is on the *funding side* when its account is money, a receivable, a
liability, net assets, revenue or a budget balance (by code, else by name:
银行存款, 零余额, 应付, 收入, 资金结存 …); every other line — expenses,
expenditure, assets bought, and accounts we cannot place (维修费, 设备购置) —
is on the *use side*. Government units keep budget and financial accounts in
parallel (平行记账), so the same payment appears twice; when a project's lines
include budget expenditure (7xxx, or a first name segment such as 事业支出),
only those count — 预算执行 is measured on the budget basis — else the
use-side lines do. Spending = Σ (debit − credit) over the counted lines, so
red reversals and refunds reduce it. Not for storing or linking.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

FUNDING_CODE = re.compile(r"^(100|101|102|12|2|3|4|6|8)")
USE_CODE = re.compile(r"^(1[3-9]|5|7)")
BUDGET_CODE = re.compile(r"^7")
FUNDING_NAME = re.compile(r"现金|银行存款|零余额|货币资金|财政应返还|应收|预付|应付|应缴|预收|借款|暂存|暂收|代管|"
                          r"收入|盈余|专用基金|资金结存|结余|结转|基金|权益|资本|待处理")
BUDGET_NAMES = ("行政支出", "事业支出", "经营支出", "上缴上级支出", "对附属单位补助支出", "投资支出", "债务还本支出",
                "其他支出", "项目支出")
_SEG = re.compile(r"[-—/／\\_:：>]")


def first_segment(account: str) -> str:
    """The first segment of a full account name ('业务活动费用/商品和服务费用/维修费' → '业务活动费用')."""
    return _SEG.split((account or "").strip(), 1)[0].strip()


def is_budget_expenditure(account: str, code: str = "") -> bool:
    """True for a 预算支出 account (7xxx, or a first name segment such as 事业支出)."""
    if code and code[0].isdigit():
        return bool(BUDGET_CODE.match(code))
    return first_segment(account) in BUDGET_NAMES


def is_funding(account: str, code: str = "") -> bool:
    """True for a money / receivable / liability / net-asset / revenue / budget-balance account."""
    if code and code[0].isdigit():
        return bool(FUNDING_CODE.match(code)) and not USE_CODE.match(code)
    return bool(FUNDING_NAME.search(first_segment(account) or account))


def spending_fen(lines: Iterable) -> int:
    """Spending in 分 of a project's voucher lines (objects with account, account_code,
    debit_fen, credit_fen): see the module docstring for which lines count."""
    return sum(x.debit_fen - x.credit_fen for x in counted_lines(lines))


def counted_lines(lines: Iterable) -> list:
    """The lines `spending_fen` sums (for showing which vouchers make the figure)."""
    lines = list(lines)
    budget = [x for x in lines if is_budget_expenditure(x.account, x.account_code)]
    return budget or [x for x in lines if not is_funding(x.account, x.account_code)]
