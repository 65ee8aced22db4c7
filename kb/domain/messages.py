"""Validation errors in Chinese, naming the field with 1-based list positions.

pydantic says "Field required" at `('body', 'rows', 0, 'weight')`; a person
filling a 绩效目标表 wants "rows[1].weight：缺少必填字段". `field_path(loc)`
turns a location into that path (list indices counted from 1, as rows are
counted everywhere else: the checker, the readers, the lifecycle errors) and
`chinese(err)` turns one pydantic error into its Chinese message, using the
error's `type` and `ctx` (limits, allowed values), never its English text.

Pure; used by the HTTP error handler, the readers and the CLI. Not for
errors we raise ourselves (those are written in Chinese at the source).
"""
from __future__ import annotations

from typing import Any

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


def message(err: dict[str, Any]) -> str:
    """`'rows[1].weight：应不大于 100'`: the field path and the Chinese message of one error."""
    path = field_path(err.get("loc", ()))
    return f"{path}：{chinese(err)}" if path else chinese(err)
