"""Response shapes of the 电子会计档案: import result, documents, row-level search hits.

`ImportOut.imported` is the contract field (rows stored). Amounts are in 元
(two decimals). Not for rules.
"""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class ProjectSpending(BaseModel):
    """The rows of an import linked to one project and their spending (元, see `kb.archive.accounts`)."""

    project_id: int
    project_name: str
    rows: int
    spending_yuan: float


class ImportOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "imported": 6, "document_id": 2, "category": "voucher", "category_label": "凭证",
        "period_start": "2024-01-01", "period_end": "2024-06-30", "linked": 6, "unlinked": 0,
        "projects": [{"project_id": 1, "project_name": "乡村道路修缮", "rows": 6, "spending_yuan": 485000.0}],
        "attachment_id": 9, "duplicate": False}]})

    imported: int = Field(..., description="导入的行数（凭证分录或其他表格行）")
    document_id: int
    category: str = Field(..., description="voucher / ledger / report / other")
    category_label: str = Field(..., description="凭证 / 账簿 / 报表 / 其他")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    linked: int = Field(0, description="关联到项目的凭证分录数")
    unlinked: int = Field(0, description="未能按项目编码或名称关联到项目的凭证分录数")
    projects: list[ProjectSpending] = Field(default_factory=list)
    attachment_id: int | None = Field(None, description="指定 declaration_id 时，文件同时作为该申报的佐证材料")
    duplicate: bool = Field(False, description="同一单位已导入过内容相同的文件：未重复导入（imported 为 0）")
    warnings: list[str] = Field(default_factory=list)


class ArchiveDocumentOut(BaseModel):
    id: int
    unit_name: str
    filename: str
    sha256: str
    category: str
    category_label: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    declaration_id: int | None = None
    attachment_id: int | None = None
    rows: int
    created_at: dt.datetime


class ArchiveDocumentList(BaseModel):
    documents: list[ArchiveDocumentOut]


class ArchiveHit(BaseModel):
    """One row of the archive matching a query, with its citation (file, sheet, row, voucher)."""

    entry_id: int
    document_id: int
    filename: str
    category: str
    category_label: str
    text: str
    citation: str
    date: dt.date | None = None
    voucher_no: str = ""
    summary: str = ""
    account: str = ""
    debit_yuan: float = 0.0
    credit_yuan: float = 0.0
    project_name: str = ""
    project_code: str = ""
    project_id: int | None = None
    declaration_id: int | None = None
    score: float = 0.0


class ArchiveSearchOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "period_start": "2024-06-01", "period_end": "2024-06-30", "category": "voucher", "terms": "维修费",
        "hits": [{"entry_id": 3, "document_id": 1, "filename": "凭证2024.xlsx", "category": "voucher",
                  "category_label": "凭证", "text": "2024-06-12 记-23 支付道路维修费 …",
                  "citation": "凭证2024.xlsx 工作表“凭证” 第5行 · 记-23 2024-06-12",
                  "date": "2024-06-12", "voucher_no": "记-23", "summary": "支付道路维修费",
                  "account": "事业支出/项目支出/维修费", "debit_yuan": 120000.0, "credit_yuan": 0.0,
                  "project_name": "乡村道路修缮", "project_code": "XM2024-01", "project_id": 1,
                  "declaration_id": 3, "score": 8.1}]}]})

    period_start: dt.date | None = Field(None, description="从检索词中识别出的期间")
    period_end: dt.date | None = None
    category: str | None = Field(None, description="从检索词中识别出的档案类别")
    terms: str = Field("", description="去掉期间和类别后的检索词")
    hits: list[ArchiveHit]
