"""Routes of the lifecycle: 事前申报 → 审核 → 事中监控 → 事后评价 → 结果反馈.

Thin layer over `kb.lifecycle` (`declarations`, `monitoring`, `evaluation`,
`feedback`): authentication (`X-API-Key`), role checks, body limits; the unit
comes from the key; a declaration is checked by the same check as `POST
/v1/declarations/check`. Another unit's
declaration answers 404 (its existence does not leak); a role that may not
write answers 403; an illegal state transition 409; bad input 422.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from kb.crosscheck.engine import open_crosscheck_errors
from kb.lifecycle import declarations as decls
from kb.lifecycle.access import PERMISSIONS, Principal
from kb.lifecycle.evaluation import evaluate_declaration, get_evaluation
from kb.lifecycle.feedback import feedback as give_feedback
from kb.lifecycle.monitoring import list_monitoring, monitor
from kb.lifecycle.schemas import (DeclarationBrief, DeclarationIn, DeclarationOut, EvaluationIn,
                                  EvaluationOut, FeedbackIn, FeedbackOut, MonitoringIn, MonitoringOut,
                                  ReviewIn, VersionBrief, VersionOut)
from kb.settings import Settings
from service.auth import require_key, require_role
from service.deps import MAX_ID, DeclId, VersionNo, checker_dep, session_dep, settings_dep

router = APIRouter(prefix="/v1/declarations", dependencies=[Depends(require_key)])

_ERR = {401: {"description": "缺少或无效的 API 密钥"}, 403: {"description": "角色无权执行此操作"},
        404: {"description": "申报不存在（或属于其他单位）"}, 409: {"description": "当前状态不允许此操作"},
        413: {"description": "请求体过大"}, 422: {"description": "输入有误（指明字段）"}}


def _role(action: str):
    return require_role(*sorted(PERMISSIONS[action]))


@router.post("", status_code=201, response_model=DeclarationOut, tags=["事前申报"], summary="提交绩效目标申报（草稿）",
             description="保存一份绩效目标申报（状态 draft，版本 1），返回申报 id 和审核规则的 findings。单位取自 API 密钥。",
             responses=_ERR)
def create(body: DeclarationIn, p: Principal = Depends(_role("declare")), db: Session = Depends(session_dep),
           check=Depends(checker_dep)) -> DeclarationOut:
    return decls.declare(db, p, body, check=check)


@router.get("", response_model=list[DeclarationBrief], tags=["事前申报"], summary="申报列表",
            description="本单位的申报（监管人员和管理员可见全部），按 id 倒序。", responses=_ERR)
def list_(state: str | None = Query(None, description="draft/submitted/returned/approved"),
          year: int | None = Query(None, ge=1990, le=2100), limit: int = Query(100, ge=1, le=500),
          offset: int = Query(0, ge=0, le=MAX_ID), p: Principal = Depends(require_key),
          db: Session = Depends(session_dep)) -> list[DeclarationBrief]:
    return decls.list_declarations(db, p, state=state, year=year, limit=limit, offset=offset)


@router.get("/{decl_id}", response_model=DeclarationOut, tags=["事前申报"], summary="读取申报",
            description="默认返回当前版本；?version=N 返回第 N 版（不存在时 404）。", responses=_ERR)
def read(decl_id: DeclId, version: int | None = Query(None, ge=1, le=100000, description="版本号（默认当前版本）"),
         p: Principal = Depends(require_key), db: Session = Depends(session_dep)) -> DeclarationOut:
    return decls.get_declaration(db, p, decl_id, version)


@router.get("/{decl_id}/versions", response_model=list[VersionBrief], tags=["事前申报"], summary="版本列表",
            description="申报的全部版本（从第 1 版起），current 标出当前版本。", responses=_ERR)
def versions(decl_id: DeclId, p: Principal = Depends(require_key),
             db: Session = Depends(session_dep)) -> list[VersionBrief]:
    return decls.list_versions(db, p, decl_id)


@router.get("/{decl_id}/versions/{number}", response_model=VersionOut, tags=["事前申报"], summary="读取某一版本（只读）",
            description="该版本保存时的内容和审核发现。", responses=_ERR)
def version(decl_id: DeclId, number: VersionNo, p: Principal = Depends(require_key),
            db: Session = Depends(session_dep)) -> VersionOut:
    return decls.get_version(db, p, decl_id, number)


@router.put("/{decl_id}", response_model=DeclarationOut, tags=["事前申报"], summary="修改申报（生成新版本）",
            description="草稿或已退回的申报可修改；生成新版本并重新审核，状态回到 draft。"
                        "带 expected_version（读取时的版本号）时，若申报已被改为其他版本则答 409，不覆盖。",
            responses=_ERR)
def update(decl_id: DeclId, body: DeclarationIn, p: Principal = Depends(_role("declare")),
           db: Session = Depends(session_dep), check=Depends(checker_dep),
           expected_version: int | None = Query(None, ge=1, le=2 ** 31 - 1,
                                                description="读取时的当前版本号；已被改为其他版本时 409")) -> DeclarationOut:
    return decls.update_declaration(db, p, decl_id, body, check=check, expected_version=expected_version)


@router.post("/{decl_id}/submit", response_model=DeclarationOut, tags=["事前申报"], summary="提交审核",
             description="draft 或 returned → submitted。当前版本仍有错误级审核发现时照常提交，"
                         "但返回 open_errors（这些发现）和 warning（提示）；审核通过时须由审核人员确认。",
             responses=_ERR)
def submit(decl_id: DeclId, p: Principal = Depends(_role("submit")), db: Session = Depends(session_dep)) -> DeclarationOut:
    return decls.submit(db, p, decl_id)


@router.post("/{decl_id}/return", response_model=DeclarationOut, tags=["事前申报"], summary="退回（附审核意见）",
             description="审核人员将 submitted 的申报退回，必须填写意见。", responses=_ERR)
def return_(decl_id: DeclId, body: ReviewIn, p: Principal = Depends(_role("review")),
            db: Session = Depends(session_dep)) -> DeclarationOut:
    return decls.return_declaration(db, p, decl_id, body)


_APPROVE_ERR = {**_ERR, 409: {"description": "当前状态不允许此操作；或当前版本仍有错误级审核发现而未确认"
                                              "（detail.open_errors 列出这些发现）"}}


@router.post("/{decl_id}/approve", response_model=DeclarationOut, tags=["事前申报"], summary="审核通过",
             description="submitted → approved；意见可选。当前版本仍有错误级审核发现时，须在请求体中设置 "
                         "acknowledge_findings: true 确认，否则返回 409 并列出这些发现；确认记入审核记录和审计日志。",
             responses=_APPROVE_ERR)
def approve(decl_id: DeclId, body: ReviewIn | None = None, p: Principal = Depends(_role("review")),
            db: Session = Depends(session_dep)) -> DeclarationOut:
    return decls.approve(db, p, decl_id, body)


@router.post("/{decl_id}/monitoring", status_code=201, response_model=MonitoringOut, tags=["事中监控"],
             summary="填报绩效运行监控",
             description="按期末日期计算时间进度，逐项给出完成进度、红黄绿灯和“预计无法完成”标记（须填原因），"
                         "并按可配置区间（默认 <60% 红、60–80% 黄、≥80% 绿）给出预算执行灯。", responses=_ERR)
def monitoring(decl_id: DeclId, body: MonitoringIn, p: Principal = Depends(_role("monitor")),
               db: Session = Depends(session_dep), settings: Settings = Depends(settings_dep)) -> MonitoringOut:
    return monitor(db, p, decl_id, body, settings=settings)


@router.get("/{decl_id}/monitoring", response_model=list[MonitoringOut], tags=["事中监控"], summary="监控记录",
            responses=_ERR)
def monitoring_list(decl_id: DeclId, p: Principal = Depends(require_key),
                    db: Session = Depends(session_dep)) -> list[MonitoringOut]:
    return list_monitoring(db, p, decl_id)


@router.post("/{decl_id}/evaluation", status_code=201, response_model=EvaluationOut, tags=["事后评价"],
             summary="绩效自评打分",
             description="正向/反向/等于按完成比例计分，定性按 80–100%/60–80%/0–60% 三档；给出总分、等级"
                         "（优≥90、良80–90、中60–80、差<60）及目标值可能偏低等提示。权重合计须为 100"
                         "（另计预算执行率时为指标 90 + 预算执行率 10），否则 422（字段 rows）。"
                         "错误信息中的行号从 1 开始。", responses=_ERR)
def evaluation(decl_id: DeclId, body: EvaluationIn, p: Principal = Depends(_role("evaluate")),
               db: Session = Depends(session_dep), settings: Settings = Depends(settings_dep)) -> EvaluationOut:
    return evaluate_declaration(db, p, decl_id, body, settings=settings)


@router.get("/{decl_id}/evaluation", response_model=EvaluationOut, tags=["事后评价"], summary="读取评价结果",
            responses=_ERR)
def evaluation_read(decl_id: DeclId, p: Principal = Depends(require_key),
                    db: Session = Depends(session_dep)) -> EvaluationOut:
    return get_evaluation(db, p, decl_id)


@router.post("/{decl_id}/feedback", status_code=201, response_model=FeedbackOut, tags=["结果反馈"],
             summary="财政结果反馈",
             description="记录财政部门的最终得分、意见和预算调整，并更新指标库的学习统计（选用频次、目标值分布、完成情况），"
                         "供下一年度推荐使用。只有通过审核规则（无错误级发现）的指标值才作为典型值学习。"
                         "交叉核对（含本次反馈的预算执行数与会计凭证）仍有错误级发现时，须在请求体中设置 "
                         "acknowledge_findings: true 确认，否则返回 409 并在 detail.open_errors 中列出；确认记入审计日志。",
             responses=_ERR)
def feedback(decl_id: DeclId, body: FeedbackIn, p: Principal = Depends(_role("feedback")),
             db: Session = Depends(session_dep), settings: Settings = Depends(settings_dep)) -> FeedbackOut:
    return give_feedback(db, p, decl_id, body, settings=settings,
                         crosscheck_errors=lambda s, d: [f.model_dump() for f in open_crosscheck_errors(s, d, settings=settings)])
