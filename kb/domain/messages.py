"""Validation errors in Chinese, naming the field by its Chinese label with 1-based list positions.

pydantic says "Field required" at `('body', 'rows', 0, 'weight')`; a person
filling a 绩效目标表 wants "指标行第1项的分值：缺少必填字段". `field_path(loc)`
turns a location into the machine path `rows[1].weight` (list indices
counted from 1, as rows are counted everywhere else: the checker, the
readers, the lifecycle errors) — the `loc` of an HTTP error keeps it —
`field_label(path)` turns a path into the words a person reads, from
`FIELD_LABELS` (every field of every request body and query, a test walks
the OpenAPI schema), and `chinese(err)` turns one pydantic error into its
Chinese message, using the error's `type` and `ctx` (limits, allowed
values), never its English text.

Pure; used by the HTTP error handler, the readers and the CLI. Not for
errors we raise ourselves (those are written in Chinese at the source;
`labeled` puts the label of their field in front for the HTTP answer).
"""
from __future__ import annotations

import re
from typing import Any

# the Chinese label of every field a request names (bodies, form fields, query and path parameters, the
# check route's table fields and context); the page shows the same words beside its inputs
FIELD_LABELS = {
    # 绩效目标表 and 事前申报
    "project_name": "项目名称", "project": "项目名称", "description": "项目描述", "department": "主管部门",
    "sector": "行业领域", "year": "预算年度", "budget_year": "预算年度", "budget_wan": "预算（万元）",
    "unit_name": "单位名称", "rows": "指标行", "level1": "一级指标", "level2": "二级指标", "name": "指标名称",
    "operator": "运算符", "value": "指标值", "unit": "计量单位", "weight": "分值", "indicator_id": "指标库指标编号",
    "explanation": "指标解释", "basis": "设定依据", "context": "补充信息", "plan_total_wan": "实施计划合计（万元）",
    "long_term_rows": "中长期指标", "serves_public": "是否面向公众", "id": "编号", "indicators": "指标",
    # 审核 (review)
    "comment": "审核意见", "acknowledge_findings": "确认审核发现",
    # 事中监控
    "period_end": "监控期间（期末日期）", "budget_executed_wan": "预算执行金额（万元）", "row": "行号",
    "actual": "实际完成值", "direction": "指标方向", "on_track": "是否按计划推进",
    "expected_unachievable": "预计无法完成", "reason": "原因",
    # 事后评价 and 结果反馈
    "deviation_reason": "偏差原因", "tier": "完成档次", "score_pct": "得分比例（%）", "score": "得分",
    "budget_weight": "预算执行率分值", "final_total": "最终总分", "final_scores": "各指标最终得分",
    "comments": "反馈意见", "budget_adjustment_wan": "预算调整（万元）",
    # 佐证材料 and 电子会计档案
    "file": "文件", "kind": "材料类型", "stage": "阶段", "note": "说明", "declaration_id": "关联的申报",
    "category": "档案类别", "period": "期间", "include_deleted": "含已删除的材料",
    # keys, audit and the managed library
    "role": "角色", "label": "密钥说明", "assigned_units": "负责审核的单位", "system": "系统管理员",
    "entity": "对象类型", "entity_id": "对象编号", "changes": "指标库变更", "op": "变更类型", "indicator": "指标内容",
    "patch": "修改内容", "synonyms": "同义词", "expected_version": "预期版本号", "library": "指标库",
    # search, suggest, policies
    "q": "检索词", "question": "问题", "top": "返回条数", "related": "相关条文条数", "mode": "检索方式",
    "facets": "分面统计", "collection": "文库", "issuer": "发文机关", "status": "文件状态", "format": "返回格式",
    "project_types": "项目类型", "limit": "返回条数上限", "offset": "跳过条数", "state": "申报状态",
    "version": "版本号", "number": "版本号",
    # ids in the path
    "decl_id": "申报编号", "att_id": "佐证材料编号", "doc_id": "文档编号", "key_id": "密钥编号",
}
_STEP_RE = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

_BY_TYPE = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许的字段（请检查拼写）",
    "string_type": "应为文本",
    "int_type": "应为整数", "int_parsing": "应为整数", "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字", "float_parsing": "应为数字",
    "finite_number": "应为有限的数（不能是 inf 或 nan）",
    "bool_type": "应为 true 或 false", "bool_parsing": "应为 true 或 false",
    "list_type": "应为数组", "tuple_type": "应为数组", "set_type": "应为数组",
    "dict_type": "应为对象", "model_type": "应为对象", "model_attributes_type": "应为对象",
    "date_type": "应为日期（YYYY-MM-DD）", "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）", "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "datetime_type": "应为日期时间（ISO 8601）", "datetime_parsing": "应为日期时间（ISO 8601）",
    "json_invalid": "不是合法的 JSON", "json_type": "应为 JSON",
    "string_pattern_mismatch": "格式不符合要求",
    "string_unicode": "应为 UTF-8 文本", "bytes_type": "应为文件内容",
    "uuid_type": "应为 UUID", "uuid_parsing": "应为 UUID",
    "url_type": "应为网址", "url_parsing": "应为网址",
    "none_required": "应为空",
    "union_tag_invalid": "取值无效", "union_tag_not_found": "缺少类型字段",
}

# error type → (the `ctx` key holding its limit, the message around that limit)
_WITH_LIMIT = {
    "greater_than_equal": ("ge", "应不小于 {}"), "greater_than": ("gt", "应大于 {}"),
    "less_than_equal": ("le", "应不大于 {}"), "less_than": ("lt", "应小于 {}"),
    "string_too_long": ("max_length", "最多 {} 个字符"),
    "too_short": ("min_length", "至少 {} 项"), "too_long": ("max_length", "最多 {} 项"),
    "multiple_of": ("multiple_of", "应为 {} 的倍数"),
}


def field_path(loc: tuple | list) -> str:
    """`('body', 'rows', 0, 'weight')` → `'rows[1].weight'` (the location part dropped,
    list positions counted from 1)."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:]
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        elif isinstance(p, str) and p.isdigit() and out:
            out += f"[{int(p) + 1}]"
        else:
            out += ("." if out else "") + str(p)
    return out


def field_label(path: str) -> str:
    """`'rows[1].weight'` → `'指标行第1项的分值'`: each name by its label (`FIELD_LABELS`, else as
    written), each list position as 第N项, the steps joined by 的. '' stays ''."""
    words: list[str] = []
    for name, index in _STEP_RE.findall(path or ""):
        if index:
            if words:
                words[-1] += f"第{index}项"
            else:
                words.append(f"第{index}项")
        else:
            words.append(FIELD_LABELS.get(name, name))
    return "的".join(words)


def labeled(field: str, text: str) -> str:
    """`text` after the label of `field` (`'预算（万元）：预算须为 …'`); `text` alone when there is no field
    or the text already starts with the label."""
    label = field_label(field)
    if not label or text.startswith(label):
        return text
    return f"{label}：{text}"


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        v = int(v)
    return f"{v:g}" if isinstance(v, float) else str(v)


def chinese(err: dict[str, Any]) -> str:
    """The Chinese message of one pydantic error dict (`type`, `ctx`, `msg`)."""
    t = err.get("type", "")
    ctx = err.get("ctx") or {}
    if t in _BY_TYPE:
        return _BY_TYPE[t]
    if t in _WITH_LIMIT:
        key, text = _WITH_LIMIT[t]
        return text.format(_fmt(ctx.get(key)))
    if t == "string_too_short":
        n = ctx.get("min_length", 1)
        return "不能为空" if n == 1 else f"至少 {n} 个字符"
    if t in ("literal_error", "enum"):
        return f"取值无效，应为 {ctx.get('expected', '')}".replace("'", "").replace(" or ", " 或 ")
    if t in ("value_error", "assertion_error"):
        msg = str(err.get("msg", ""))
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        return msg
    return f"取值无效（{t}）"


BODY_NOT_JSON = "请求体须为 JSON 对象，并带请求头 Content-Type: application/json"


def body_message(err: dict[str, Any], content_type: str = "") -> str | None:
    """The message of an error about the request body as a whole, or None for a field's error:
    broken JSON names the character where it breaks (pydantic puts its 0-based position in
    `loc`, which would read as a list item), and a body that is no object because it was not
    sent as JSON (no `Content-Type: application/json`) says so."""
    loc, t = list(err.get("loc", ())), err.get("type", "")
    if t == "json_invalid":
        pos = next((p for p in loc[1:] if isinstance(p, int)), None)
        return f"请求体第 {pos + 1} 个字符处不是合法的 JSON" if pos is not None else "请求体不是合法的 JSON"
    if loc == ["body"] and t in ("dict_type", "model_type", "model_attributes_type", "missing") \
            and "json" not in (content_type or "").lower():
        return BODY_NOT_JSON
    return None


def message(err: dict[str, Any]) -> str:
    """`'指标行第1项的分值：应不大于 100'`: the field's label and the Chinese message of one error."""
    return labeled(field_path(err.get("loc", ())), chinese(err))
