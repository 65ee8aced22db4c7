"""Load and validate the indicator libraries under `indicators/` (CSV).

`basic/*.csv` is the 基础指标库, `units/*.csv` are 单位指标库. Every row is
validated against `kb.domain.schema.Indicator`; the first problem stops the load with
a `kb.errors.DataError` naming `file:row: field: what is wrong` (row = line
number in the file, the header being line 1). Nothing is returned half-read.
Not for the SQLite KB file (see `kb.store.build`).
"""
from __future__ import annotations

import re

import csv
from pathlib import Path

from pydantic import ValidationError

from kb.domain.messages import chinese
from kb.errors import DataError
from kb.domain.enums import Library
from kb.domain.ids import stable_indicator_id
from kb.domain.schema import Indicator
from kb.domain.text import normalize, normalize_name

LIST_FIELDS = ("synonyms", "keywords", "origin", "training")
REQUIRED = ("level1", "level2", "name")


def library_files(indicators_dir: Path) -> list[Path]:
    """The data files of the libraries, sorted: basic/*.csv then units/*.csv."""
    d = Path(indicators_dir)
    return sorted((d / "basic").glob("*.csv")) + sorted((d / "units").glob("*.csv"))


def _split(v: str | None) -> list[str]:
    return [p.strip() for p in (v or "").split("|") if p.strip()]


def _num(v: str | None, file: str, row: int, field: str) -> float | None:
    t = normalize(v or "").rstrip("%")
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        raise DataError(f"不是数字: {v!r}", file=file, row=row, field=field) from None


# a place level named in an explanation (某乡镇, 某县, 某村 …): a library explanation serves every declarant's table
_PLACE_LEVEL_RE = re.compile(r"某(?:乡镇|乡|镇|县|区|市|村|社区|街道)")


def parse_row(raw: dict[str, str], *, library: Library, file: str, row: int) -> Indicator:
    """Validate one CSV row into an `Indicator`; raises DataError with file/row/field."""
    rec = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
    for f in REQUIRED:
        if not rec.get(f):
            raise DataError("必填字段为空", file=file, row=row, field=f)
    if _PLACE_LEVEL_RE.search(rec.get("explanation", "")):
        # trial 22: “某乡镇完成改造的农村危房户数” was written onto a county table's 重点对象危房改造户数
        raise DataError("指标解释不能写某一级地方（某乡镇、某县、某村…）：解释说明指标的含义，适用于任何申报单位",
                        file=file, row=row, field="explanation")
    unit_name = rec.get("unit_name") or None
    if library is Library.unit and not unit_name:
        raise DataError("单位指标库必须填写 unit_name", file=file, row=row, field="unit_name")
    data: dict = {
        "library": library,
        "unit_name": unit_name,
        "department": rec.get("department") or None,
        "category": rec.get("category", ""),
        "sector": rec.get("sector", ""),
        "level1": rec["level1"],
        "level2": rec["level2"],
        "name": rec["name"],
        "unit": rec.get("unit", ""),
        "direction": rec.get("direction", ""),
        "typical": {"operator": rec.get("operator", ""), "value": rec.get("value", ""),
                    "unit": rec.get("unit", "")},
        "range_low": _num(rec.get("range_low"), file, row, "range_low"),
        "range_high": _num(rec.get("range_high"), file, row, "range_high"),
        "explanation": rec.get("explanation", ""),
        "scoring_standard": rec.get("scoring_standard", ""),
        "data_source": rec.get("data_source", ""),
        "status": rec.get("status", ""),
        "version": int(rec["version"]) if rec.get("version", "").isdigit() else 1,
    }
    for f in LIST_FIELDS:
        data[f] = _split(rec.get(f))
    try:
        data["id"] = rec.get("id") or "pending"
        ind = Indicator.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise DataError(chinese(err), file=file, row=row, field=loc) from None
    if not rec.get("id"):
        ind.id = stable_indicator_id(library.value, unit_name, ind.name, ind.level2.value)
    return ind


def load_file(path: Path, library: Library, *, base: Path | None = None) -> list[Indicator]:
    """Load one CSV file of a library (all rows or a DataError)."""
    return [ind for ind, _ in _load_lines(path, library, base=base)]


def _load_lines(path: Path, library: Library, *, base: Path | None = None) -> list[tuple[Indicator, int]]:
    name = str(path.relative_to(base)) if base else str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("文件不是 UTF-8 编码", file=name) from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
        raise DataError("缺少表头或表头中没有 name 列", file=name, row=1)
    out = []
    for raw in reader:
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        out.append((parse_row(raw, library=library, file=name, row=reader.line_num), reader.line_num))
    return out


def load_libraries(indicators_dir: Path) -> list[Indicator]:
    """Load every library file under `indicators_dir`, validated and de-duplicated.

    Raises DataError on the first bad row, on a duplicate id, or on the same
    (normalised name, level2) twice within one library scope (basic, or one unit).
    """
    base = Path(indicators_dir)
    if not base.is_dir():
        raise DataError("指标库目录不存在", file=str(base))
    out: list[Indicator] = []
    ids: dict[str, str] = {}
    keys: dict[tuple, str] = {}
    for path in library_files(base):
        lib = Library.basic if path.parent.name == "basic" else Library.unit
        rel = str(path.relative_to(base))
        for ind, line in _load_lines(path, lib, base=base):
            where = f"{rel}:{line}"
            if ind.id in ids:
                raise DataError(f"指标 id 重复(已见于 {ids[ind.id]})", file=rel, row=line, field="id")
            key = (ind.library.value, ind.unit_name or "", normalize_name(ind.name), ind.level2.value)
            if key in keys:
                raise DataError(f"指标重复: {ind.name}(已见于 {keys[key]})", file=rel, row=line, field="name")
            ids[ind.id] = where
            keys[key] = where
            out.append(ind)
    if not out:
        raise DataError("指标库中没有任何指标(应有 basic/*.csv 或 units/*.csv)", file=str(base))
    return out
