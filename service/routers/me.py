"""Route `GET /v1/me`: who the API key belongs to and what it may do (for the staff page's sign-in).

The page shows and hides actions by `permissions`; the API still checks
every request itself. Nothing secret is returned (never the key).
"""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from kb.lifecycle.access import Principal, allowed_actions
from service.auth import require_key

router = APIRouter(prefix="/v1", tags=["系统"])


class Me(BaseModel):
    """The caller: role (and its Chinese label), unit, and the actions its role allows."""

    key_id: int | None
    role: str
    role_label: str
    unit_name: str | None
    reads_all_units: bool = Field(..., description="监管人员和系统管理员可见所有单位")
    permissions: list[str] = Field(..., description="允许的操作：read, declare, submit, review, monitor, evaluate, "
                                                    "feedback, manage_keys, manage_library, manage_unit_library, read_audit")
    warning: str | None = Field(None, description="密钥多半不能按预期使用时的提示（如财政审核密钥未指定负责审核的单位）")


@router.get("/me", response_model=Me, summary="当前密钥的角色和单位",
            responses={401: {"description": "缺少或无效的 API 密钥"}})
def me(p: Principal = Depends(require_key)) -> Me:
    from kb.lifecycle.keys import key_warning

    return Me(key_id=p.key_id, role=p.role, role_label=p.role_label, unit_name=p.unit_name,
              reads_all_units=p.reads_all_units,
              permissions=allowed_actions(p.role),
              warning=key_warning(p.role, p.unit_name or "", sorted(p.assigned_unit_ids)))
