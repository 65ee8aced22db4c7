"""Kinds of 佐证材料 and lifecycle stages, with the Chinese labels users see.

The six kinds are the evidence the lifecycle asks for: 合同 (contract), 现场照片
(site photo), 支出明细 (expense detail, e.g. the 项目预算支出表 submitted at
事中监控), 验收报告 (acceptance report), 会计凭证 (accounting voucher) and 其他.
`REQUIRED_KINDS` says which kind backs an indicator that claims completion
(used by cross-check EVD-01). Not for storage or parsing.
"""
from __future__ import annotations

import re

from kb.domain.enums import LabeledEnum, Stage, labeled_enum, parse_labeled
from kb.domain.text import normalize
from kb.errors import DataError


AttachmentKind = labeled_enum("AttachmentKind", "Kind of an attachment: identifier (stored) and Chinese label (shown, accepted on input).", {
    "contract": "合同", "site_photo": "现场照片", "expense_detail": "支出明细", "acceptance_report": "验收报告",
    "accounting_voucher": "会计凭证", "other": "其他"})


def _parse(enum: type[LabeledEnum], text: str | None, field: str, what: str):
    member = parse_labeled(enum, normalize(text or ""))
    if isinstance(member, enum):
        return member
    choices = " / ".join(m.label for m in enum)
    raise DataError(f"{what}须为 {choices}，而不是“{text or ''}”", field=field)


def parse_kind(text: str | None, field: str = "kind") -> AttachmentKind:
    """`AttachmentKind` from its label (合同 …) or identifier (contract …); DataError naming `field` otherwise."""
    return _parse(AttachmentKind, text, field, "材料类型")


def parse_stage(text: str | None, field: str = "stage") -> Stage:
    """`Stage` from its label (事中监控 …) or identifier (monitoring …); DataError naming `field` otherwise."""
    return _parse(Stage, text, field, "阶段")


# An indicator whose name matches the pattern is backed by one of the kinds (any one suffices).
# 验收 → the acceptance report; 合同/采购/签约 → the contract; physical works counted
# (二级 数量) → site photos; a cost → the expense detail or the vouchers.
REQUIRED_KINDS: tuple[tuple[re.Pattern, str | None, tuple[AttachmentKind, ...]], ...] = (
    (re.compile(r"验收"), None, (AttachmentKind.acceptance_report,)),
    (re.compile(r"合同|签约|履约|采购"), None, (AttachmentKind.contract,)),
    (re.compile(r"建设|建成|新建|改建|扩建|改造|修缮|维修|安装|种植|造林|硬化|铺设|施工|完工|竣工|整治|绿化|修建"),
     "quantity", (AttachmentKind.site_photo,)),
    (re.compile(r"成本|费用|资金|支出|投资|经费"), "cost",
     (AttachmentKind.expense_detail, AttachmentKind.accounting_voucher)),
)


def required_kinds(name: str, level1: str = "", level2: str = "") -> tuple[AttachmentKind, ...]:
    """Kinds of evidence that back a completed indicator (first matching rule), () when none is needed.

    `level1`/`level2` are the row's 一级/二级 labels as declared; the site-photo
    rule applies to 数量 rows only, the cost rule to 成本 rows (一级 or 二级) only.
    """
    from kb.domain.enums import Level1, Level2
    from kb.domain.levels import parse_level1, parse_level2

    l1 = parse_level1(level1)
    l2 = parse_level2(level2, l1)
    n = normalize(name or "")
    for pat, scope, kinds in REQUIRED_KINDS:
        if not pat.search(n):
            continue
        if scope == "quantity" and l2 is not Level2.quantity:
            continue
        if scope == "cost" and not (l1 is Level1.cost or (l2 is not None and "cost" in l2.value)):
            continue
        return kinds
    return ()
