"""Read a YAML file together with the line of every value in it.

`load_with_lines(text)` returns the plain data (as `yaml.safe_load` would)
and a map from each value's path — a tuple of mapping keys and list indexes,
e.g. `("slots", "quantity", 0, "name")` — to its 1-based line number, so a
validation error can say `file:line: field: problem`. Duplicate mapping keys
are an error here (plain PyYAML keeps the last one silently). Not for
validating the data (see `kb.suggest.project_types`).
"""
from __future__ import annotations

import yaml

from kb.errors import DataError

Path_ = tuple


def load_with_lines(text: str, *, file: str = "") -> tuple[object, dict[Path_, int]]:
    """(data, {path: line}) of one YAML document; DataError with the line on a syntax error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        row = mark.line + 1 if mark is not None else 0
        raise DataError(f"YAML 语法错误: {e.problem or e}", file=file, row=row) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, file)
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for k, v in node.value:
            key = k.value
            if key in seen:
                raise DataError(f"键 {key} 重复(第 {seen[key]} 行已有)", file=file,
                                row=k.start_mark.line + 1, field=_dotted(path + (key,)))
            seen[key] = k.start_mark.line + 1
            _walk(v, path + (key,), lines, file)
            lines[path + (key,)] = min(lines[path + (key,)], k.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, path + (i,), lines, file)


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """Line of `path`, or of its nearest ancestor that exists in the file (1 at worst)."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), 1)


def _dotted(path: Path_) -> str:
    """("slots", "quantity", 0, "name") → slots.quantity[0].name."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


dotted = _dotted
