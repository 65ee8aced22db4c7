"""Response shapes of 佐证材料 (attachments) and their search, with OpenAPI examples.

`AttachmentOut` keeps the contract fields `id`, `sha256`, `size`, `kind`
(the Chinese label: 合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他) and
`indexed`; `SearchOut.hits[]` keeps `attachment_id`, `declaration_id`,
`filename`, `text`, `citation`. Not for rules.
"""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from kb.lifecycle.schemas import UTCDatetime


class AttachmentOut(BaseModel):
    """One attachment (佐证材料)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 7, "sha256": "9f2c…", "size": 48213, "kind": "验收报告", "indexed": True,
        "kind_id": "acceptance_report", "declaration_id": 3, "stage": "evaluation", "stage_label": "事后评价",
        "row": 2, "filename": "竣工验收报告.pdf", "file_type": "pdf", "mime": "application/pdf",
        "index_note": "", "passages": 12, "duplicate": False}]})

    id: int
    sha256: str = Field(..., description="文件内容的 SHA-256（十六进制）")
    size: int = Field(..., description="字节数")
    kind: str = Field(..., description="材料类型：合同 / 现场照片 / 支出明细 / 验收报告 / 会计凭证 / 其他")
    indexed: bool = Field(..., description="是否已提取文字并建立索引（图片、OFD、扫描件为 false，原因见 index_note）")
    kind_id: str = Field(..., description="材料类型标识：contract / site_photo / expense_detail / acceptance_report / accounting_voucher / other")
    declaration_id: int
    stage: str = Field(..., description="declaration / monitoring / evaluation / feedback")
    stage_label: str
    row: int | None = Field(None, description="所支撑的指标行号（从 1 开始），不针对某一指标时为空")
    filename: str = Field(..., description="清理后的文件名（后缀与内容一致）")
    file_type: str = Field(..., description="按内容识别的类型：pdf / docx / xlsx / csv / txt / jpg / png / ofd")
    mime: str
    index_note: str = Field("", description="未建立索引或只索引一部分时的原因")
    passages: int = Field(0, description="建立索引的文字段数")
    note: str = ""
    duplicate: bool = Field(False, description="同一申报已有内容相同、类型相同的附件：返回已有的那一份，未重复保存")
    created_at: UTCDatetime | None = None
    deleted_at: UTCDatetime | None = None


class AttachmentList(BaseModel):
    attachments: list[AttachmentOut]


class SearchHit(BaseModel):
    """A passage of an attachment matching the query, with its citation (file, page or sheet/row)."""

    attachment_id: int
    declaration_id: int
    filename: str
    text: str
    citation: str = Field(..., description="出处：文件名 + 页码，或 工作表 + 行号")
    kind: str = ""
    page: int | None = None
    sheet: str = ""
    row: int | None = None
    score: float = 0.0


class SearchOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"hits": [{
        "attachment_id": 7, "declaration_id": 3, "filename": "竣工验收报告.pdf",
        "text": "经验收小组现场核查，工程质量合格，同意通过竣工验收。", "citation": "竣工验收报告.pdf 第2页",
        "kind": "验收报告", "page": 2, "sheet": "", "row": None, "score": 12.3}]}]})

    hits: list[SearchHit]
