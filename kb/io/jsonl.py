"""JSON Lines: one JSON object per line, read all-or-nothing with the line number of any problem.

Every JSONL reader of the project (labelled rule cases, declarations, tables,
corpus files, question sets) goes through `read_jsonl`: blank lines are
skipped, a line that is not JSON or not an object raises
`kb.errors.DataError` naming the file and the 1-based line. What the
objects must hold is the caller's business.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb.errors import DataError


# json's messages (English) in the user's words; the longest prefix that matches wins
_JSON_PROBLEMS = (
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name enclosed in double quotes", "键名须用英文双引号括起（或多了一个逗号）"),
    ("Expecting value", "缺少值（或多了一个逗号、用了中文引号）"),
    ("Unterminated string", "字符串缺少结尾的引号"),
    ("Invalid control character", "字符串中有换行或控制字符"),
    ("Invalid \\escape", "反斜杠转义无效"),
    ("Extra data", "JSON 结束后还有多余内容"),
)


def json_problem(e: json.JSONDecodeError, *, line: bool = True) -> str:
    """`不是合法的 JSON：缺少逗号（第 3 行第 17 列）` for a JSONDecodeError: json's English message in
    Chinese (a fresh user saw "Expecting ',' delimiter"), with where it is (`line`: the line too)."""
    what = next((zh for en, zh in _JSON_PROBLEMS if e.msg.startswith(en)), "格式错误")
    where = f"第 {e.lineno} 行第 {e.colno} 列" if line else f"第 {e.colno} 列"
    return f"不是合法的 JSON：{what}（{where}）"


def read_jsonl(path: str | Path, *, name: str | None = None, text: str | None = None,
               what: str = "每行应是一个 JSON 对象",
               bad_lines: list[tuple[int, str]] | None = None) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) of every non-blank line of `path`.

    Args:
        name: the file as errors name it (default: the path as given).
        text: the file's text when the caller already read it (encoding checks are theirs).
        what: the message for a line that is JSON but not an object.
        bad_lines: when given, a line of invalid JSON or not an object is appended here as (line
            number, reason) and the other lines are still read (a batch refuses its bad lines one by one).
    Raises:
        DataError: missing file, invalid JSON (with the column) or a non-object line (without `bad_lines`).
    """
    name = str(path) if name is None else name
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise DataError("文件不存在", file=name) from None
        except UnicodeDecodeError:
            raise DataError("文件不是 UTF-8 编码", file=name) from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            if bad_lines is None:
                raise DataError(json_problem(e, line=False), file=name, row=n) from None
            bad_lines.append((n, json_problem(e, line=False)))
            continue
        if not isinstance(obj, dict):
            if bad_lines is None:
                raise DataError(what, file=name, row=n)
            bad_lines.append((n, what))
            continue
        out.append((n, obj))
    return out
