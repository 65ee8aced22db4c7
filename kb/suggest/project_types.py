"""Project types as data: load, validate and resolve `indicators/project_types/*.yaml`.

A project type (培训, 农村公路养护, 老年助餐 …) names the family of
indicators real tables of that kind of spending hold (财预〔2021〕101号 sets
core indicators per category of spending). The file format is documented in
`indicators/project_types/README.md`. Loading is all-or-nothing: every
problem of every file is collected and raised together as `DataErrors`, one
`file:line: field: problem` per line, before the KB file is touched.

Slot entries are resolved against the 基础指标库: a `name` matches an
indicator whose name is equal after NFKC and whitespace removal (or, failing
that, after `kb.text.normalize_name`), an `id` matches the indicator id; the
indicator's 二级指标 must belong to the slot (`kb.suggest.slots`).
Also here: the labelled training tables (`indicators/training/tables.jsonl`)
and the labelled test descriptions (`tests/data/project_types/*.jsonl`).
Not for detecting types (see `kb.suggest.typemodel`).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kb.errors import DataError, DataErrors
from kb.domain.enums import Library
from kb.domain.levels import parse_level1, parse_level2
from kb.domain.schema import Indicator
from kb.suggest.slots import SLOT_OF_LEVEL2, SLOTS
from kb.suggest.yamlines import dotted, line_of, load_with_lines
from kb.domain.text import bigram_dice, normalize, normalize_name

TYPES_DIR = "project_types"
TRAINING_FILE = "training/tables.jsonl"
SLOT_KEYS = tuple(s.key for s in SLOTS)
SLOT_LEVEL2S = {s.key: {l2.value for l2 in s.level2s} for s in SLOTS}
# slots every type lists (README "Slot keys"), and the benefit slots of which it needs one
REQUIRED_TYPE_SLOTS = ("quantity", "quality", "timeliness", "satisfaction")
BENEFIT_SLOTS = ("economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact")
ID_RE = re.compile(r"^[a-z0-9_]+$")
MAX_ERRORS = 50


class SlotEntry(BaseModel):
    """One indicator of a type's slot as written in the file (`name` or `id`)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    id: str | None = None
    needs_value: bool = False
    core: bool = True


def _words(v: Any) -> Any:
    if isinstance(v, list):
        return [normalize(str(x)) for x in v if x is not None and str(x).strip()]
    return v


class ProjectTypeFile(BaseModel):
    """The fields of one `<id>.yaml` (see the README there)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str = Field(min_length=1)
    group: str = Field(min_length=1)
    covers: str = Field(min_length=2)
    keywords: list[str] = Field(min_length=3)
    phrases: list[str] = []
    objects: list[str] = []
    services: list[str] = []
    examples: list[str] = Field(min_length=2)
    slots: dict[str, list[SlotEntry]]

    @field_validator("id", "name", "group", "covers", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return normalize(v) if isinstance(v, str) else v

    @field_validator("keywords", "phrases", "objects", "services", "examples", mode="before")
    @classmethod
    def _lists(cls, v: Any) -> Any:
        return _words(v)


class TypeIndicator(BaseModel):
    """A resolved slot entry: the library indicator it names and how suggest uses it."""

    indicator_id: str
    name: str
    level2: str
    needs_value: bool = False
    core: bool = True


class ProjectType(BaseModel):
    """A validated project type with its slots resolved to library indicators (best first)."""

    id: str
    name: str
    group: str
    covers: str
    keywords: list[str]
    phrases: list[str] = []
    objects: list[str] = []
    # a programme of fixed contents: the services a text naming it names (`kb.suggest.programme_services`)
    services: list[str] = []
    examples: list[str]
    slots: dict[str, list[TypeIndicator]]
    file: str = ""

    def indicator_ids(self) -> set[str]:
        """Ids of every indicator the type lists, all slots."""
        return {e.indicator_id for es in self.slots.values() for e in es}


class TrainingRow(BaseModel):
    """One row of a real table (facts: 一级/二级 labels as printed, name, target).

    Labels are kept as printed: real tables hold local variants (效果指标,
    制度指标, an empty 二级); `slot()` says where the row sits, None when the
    labels name no slot of the framework.
    """

    model_config = ConfigDict(extra="ignore")

    level1: str = ""
    level2: str = ""
    name: str = Field(min_length=1)
    operator: str = ""
    value: str = ""
    unit: str = ""

    @field_validator("level1", "level2", "operator", "value", "unit", mode="before")
    @classmethod
    def _s(cls, v: Any) -> str:
        return "" if v is None else str(v)


    def slot(self) -> str | None:
        """The slot key of this row (`kb.suggest.slots`), or None."""
        l2 = parse_level2(self.level2, parse_level1(self.level1))
        return SLOT_OF_LEVEL2[l2.value].key if l2 is not None else None


class TrainingTable(BaseModel):
    """One labelled real table of `indicators/training/tables.jsonl`."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    project: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    sector: str = ""
    types: list[str] = Field(min_length=1)
    rows: list[TrainingRow] = Field(min_length=1)

    def text(self) -> str:
        """What suggest sees for this project: its name and the summary."""
        return f"{self.project}。{self.summary}"


class LabelledText(BaseModel):
    """One labelled description of `tests/data/project_types/*.jsonl`."""

    model_config = ConfigDict(extra="ignore")

    project_name: str = ""
    text: str = Field(min_length=1)
    types: list[str] = Field(min_length=1)


# ------------------------------------------------------------------ files

def type_files(indicators_dir: Path) -> list[Path]:
    """The project-type files (`project_types/*.yaml`), sorted; [] when the folder is absent."""
    d = Path(indicators_dir) / TYPES_DIR
    return sorted(d.glob("*.yaml")) if d.is_dir() else []


def training_file(indicators_dir: Path) -> Path | None:
    """`training/tables.jsonl` when it exists, else None."""
    p = Path(indicators_dir) / TRAINING_FILE
    return p if p.is_file() else None


def data_files(indicators_dir: Path) -> list[Path]:
    """Every file of this module's data (types and training tables), for the build fingerprint."""
    base = Path(indicators_dir)
    stray = sorted((base / TYPES_DIR).glob("*.yml")) if (base / TYPES_DIR).is_dir() else []
    t = training_file(base)
    return type_files(base) + stray + ([t] if t else [])


# ------------------------------------------------------------------ errors

_MESSAGES = {
    "missing": "必填字段缺失",
    "extra_forbidden": "未知字段",
    "string_type": "应为文字",
    "list_type": "应为列表(如 [a, b] 或每行一个 - a)",
    "dict_type": "应为映射(键: 值)",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
}


def _pyd_message(err: dict) -> str:
    t = err.get("type", "")
    if t == "too_short":
        n = (err.get("ctx") or {}).get("min_length")
        return f"至少需要 {n} 项" if n and n > 1 else "不能为空"
    if t == "string_too_short":
        return "不能为空"
    return _MESSAGES.get(t, err.get("msg", "取值无效"))


class _Errors:
    """Collects DataErrors of many files; `raise_if_any` raises them together."""

    def __init__(self) -> None:
        self.items: list[DataError] = []

    def add(self, message: str, *, file: str, row: int = 0, field: str = "") -> None:
        self.items.append(DataError(message, file=file, row=row, field=field))

    def raise_if_any(self) -> None:
        if self.items:
            raise DataErrors(self.items[:MAX_ERRORS], total=len(self.items))


# ------------------------------------------------------------------ library lookup

class _Library:
    """The 基础指标库 keyed for slot-entry resolution."""

    def __init__(self, indicators: list[Indicator]):
        basic = [i for i in indicators if i.library == Library.basic]
        self.by_id = {i.id: i for i in basic}
        self.exact: dict[str, list[Indicator]] = {}
        self.loose: dict[str, list[Indicator]] = {}
        for i in basic:
            self.exact.setdefault(_exact_key(i.name), []).append(i)
            self.loose.setdefault(normalize_name(i.name), []).append(i)
        self.names = sorted({i.name for i in basic})

    def find(self, name: str) -> list[Indicator]:
        return self.exact.get(_exact_key(name)) or self.loose.get(normalize_name(name)) or []

    def near(self, name: str, k: int = 3) -> list[str]:
        """Up to k library names close to `name`, offered in the error for an unknown entry name."""
        scored = sorted(((bigram_dice(name, n), n) for n in self.names), reverse=True)[:k]
        return [n for s, n in scored if s >= NEAR_DICE]


# a "did you mean" name shares at least this bigram Dice (looser than the eval's 0.5 match: a typo
# in a short name drops Dice fast)
NEAR_DICE = 0.4


def _exact_key(name: str) -> str:
    return re.sub(r"\s+", "", normalize(name))


# ------------------------------------------------------------------ project types

def load_project_types(indicators_dir: Path, indicators: list[Indicator]) -> list[ProjectType]:
    """Validate and resolve every `project_types/*.yaml` against the 基础指标库.

    Args:
        indicators_dir: the `indicators/` folder.
        indicators: the loaded libraries (`kb.library.load_libraries`).
    Returns: the types sorted by id ([] when there are no files).
    Raises: DataErrors listing every problem (`file:line: field: problem`).
    """
    base = Path(indicators_dir)
    errs = _Errors()
    lib = _Library(indicators)
    for p in sorted((base / TYPES_DIR).glob("*.yml")) if (base / TYPES_DIR).is_dir() else []:
        errs.add("文件扩展名应为 .yaml", file=str(p.relative_to(base)))
    out: list[ProjectType] = []
    for path in type_files(base):
        t = _load_type_file(path, base, lib, errs)
        if t is not None:
            out.append(t)
    _check_unique_names(out, errs)
    errs.raise_if_any()
    return sorted(out, key=lambda t: t.id)


def _load_type_file(path: Path, base: Path, lib: _Library, errs: _Errors) -> ProjectType | None:
    rel = str(path.relative_to(base))
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8-sig"), file=rel)
    except UnicodeDecodeError:
        errs.add("文件不是 UTF-8 编码", file=rel)
        return None
    except DataError as e:
        errs.items.append(e)
        return None
    if not isinstance(data, dict):
        errs.add("文件应为一个 YAML 映射(id: …, name: … )", file=rel, row=1)
        return None
    try:
        spec = ProjectTypeFile.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            errs.add(_pyd_message(err), file=rel, row=line_of(lines, loc), field=dotted(loc))
        return None
    n_before = len(errs.items)
    _check_header(spec, path, rel, lines, errs)
    slots = _resolve_slots(spec, rel, lines, lib, errs)
    if len(errs.items) > n_before:
        return None
    return ProjectType(id=spec.id, name=spec.name, group=spec.group, covers=spec.covers,
                       keywords=spec.keywords, phrases=spec.phrases, objects=spec.objects,
                       services=spec.services, examples=spec.examples, slots=slots, file=rel)


def _check_header(spec: ProjectTypeFile, path: Path, rel: str, lines: dict, errs: _Errors) -> None:
    """id format and file name, one-line covers, examples with numbers, required slots."""
    if not ID_RE.match(spec.id):
        errs.add("只能用小写字母、数字和下划线", file=rel, row=line_of(lines, ("id",)), field="id")
    elif spec.id != path.stem:
        errs.add(f"应与文件名一致({path.stem})", file=rel, row=line_of(lines, ("id",)), field="id")
    if "\n" in spec.covers.strip():
        errs.add("应为一行", file=rel, row=line_of(lines, ("covers",)), field="covers")
    for i, ex in enumerate(spec.examples):
        if not re.search(r"\d", ex):
            errs.add("例子应写出数量或金额(含数字)", file=rel, row=line_of(lines, ("examples", i)),
                     field=f"examples[{i}]")
    row = line_of(lines, ("slots",))
    for key in spec.slots:
        if key not in SLOT_KEYS:
            errs.add(f"未知的槽位 {key}；可用: {', '.join(SLOT_KEYS)}", file=rel,
                     row=line_of(lines, ("slots", key)), field=f"slots.{key}")
    for key in REQUIRED_TYPE_SLOTS:
        if not spec.slots.get(key):
            errs.add(f"缺少槽位 {key}(每个类型都要列出 {', '.join(REQUIRED_TYPE_SLOTS)})",
                     file=rel, row=row, field="slots")
    if not any(spec.slots.get(k) for k in BENEFIT_SLOTS):
        errs.add(f"至少要有一个效益槽位({', '.join(BENEFIT_SLOTS)})", file=rel, row=row, field="slots")


def _resolve_slots(spec: ProjectTypeFile, rel: str, lines: dict, lib: _Library,
                   errs: _Errors) -> dict[str, list[TypeIndicator]]:
    """Each slot entry → a TypeIndicator (errors for unknown names, wrong 二级, duplicates)."""
    out: dict[str, list[TypeIndicator]] = {}
    seen: dict[str, str] = {}
    for key, entries in spec.slots.items():
        if key not in SLOT_KEYS:
            continue
        resolved = []
        for i, e in enumerate(entries):
            loc = ("slots", key, i)
            ti = _resolve_entry(e, key, rel, lines, loc, lib, errs)
            if ti is None:
                continue
            if ti.indicator_id in seen:
                errs.add(f"指标 {ti.name} 重复(已见于 {seen[ti.indicator_id]})", file=rel,
                         row=line_of(lines, loc), field=dotted(loc))
                continue
            seen[ti.indicator_id] = dotted(loc)
            resolved.append(ti)
        out[key] = resolved
    return out


def _resolve_entry(e: SlotEntry, key: str, rel: str, lines: dict, loc: tuple, lib: _Library,
                   errs: _Errors) -> TypeIndicator | None:
    where = dict(file=rel, row=line_of(lines, loc), field=dotted(loc))
    if bool(e.name) == bool(e.id):
        errs.add("name 与 id 须且只能填一个", **where)
        return None
    if e.id:
        ind = lib.by_id.get(e.id)
        if ind is None:
            errs.add(f"基础指标库中没有 id 为 {e.id} 的指标", **where)
            return None
        found = [ind]
    else:
        found = lib.find(e.name)
        if not found:
            near = lib.near(e.name)
            hint = f"；相近的有: {'、'.join(near)}" if near else "；请先把它加入 indicators/basic/*.csv"
            errs.add(f"基础指标库中没有指标“{e.name}”{hint}", **{**where, "field": dotted(loc + ("name",))})
            return None
    fits = [i for i in found if i.level2.value in SLOT_LEVEL2S[key]]
    if not fits:
        have = "、".join(sorted({i.level2.label for i in found}))
        want = "、".join(sorted({parse_level2(l2).label for l2 in SLOT_LEVEL2S[key]}))
        errs.add(f"指标“{found[0].name}”是{have}，不属于槽位 {key}(应为 {want})", **where)
        return None
    ind = fits[0]
    return TypeIndicator(indicator_id=ind.id, name=ind.name, level2=ind.level2.value,
                         needs_value=e.needs_value, core=e.core)


def _check_unique_names(types: list[ProjectType], errs: _Errors) -> None:
    seen: dict[str, str] = {}
    for t in types:
        if t.name in seen:
            errs.add(f"类型名称“{t.name}”重复(已见于 {seen[t.name]})", file=t.file, row=1, field="name")
        seen.setdefault(t.name, t.file)


# ------------------------------------------------------------------ training tables

def load_training_tables(indicators_dir: Path, type_ids: set[str]) -> list[TrainingTable]:
    """Validate `training/tables.jsonl` ([] when absent): JSON per line, known type ids, unique ids.

    Row labels are not validated (real tables print local variants; see `TrainingRow.slot`).

    Raises: DataErrors listing every problem (`file:line: field: problem`).
    """
    path = training_file(indicators_dir)
    if path is None:
        return []
    rel = str(path.relative_to(Path(indicators_dir)))
    errs = _Errors()
    out: list[TrainingTable] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip():
            t = _training_line(line, n, rel, type_ids, seen, errs)
            if t is not None:
                out.append(t)
    errs.raise_if_any()
    return out


def _training_line(line: str, n: int, rel: str, type_ids: set[str], seen: dict[str, int],
                   errs: _Errors) -> TrainingTable | None:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        errs.add(f"不是合法的 JSON: {e.msg}", file=rel, row=n)
        return None
    try:
        t = TrainingTable.model_validate(rec)
    except ValidationError as e:
        for err in e.errors():
            errs.add(_pyd_message(err), file=rel, row=n, field=dotted(tuple(err["loc"])))
        return None
    ok = True
    for i, tid in enumerate(t.types):
        if tid not in type_ids:
            errs.add(f"未知的项目类型 {tid}(应为 indicators/project_types/ 下某个文件的 id)",
                     file=rel, row=n, field=f"types[{i}]")
            ok = False
    if t.id in seen:
        errs.add(f"id {t.id} 重复(第 {seen[t.id]} 行已有)", file=rel, row=n, field="id")
        ok = False
    seen.setdefault(t.id, n)
    return t if ok else None


def load_labelled_texts(paths: list[Path], type_ids: set[str] | None = None) -> list[tuple[LabelledText, str]]:
    """Labelled descriptions ([(record, 'file:line')]) of JSONL files; DataErrors on bad lines
    or (when `type_ids` is given) unknown type ids."""
    errs = _Errors()
    out = []
    for p in paths:
        for n, line in enumerate(Path(p).read_text(encoding="utf-8-sig").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = LabelledText.model_validate(json.loads(line))
            except json.JSONDecodeError as e:
                errs.add(f"不是合法的 JSON: {e.msg}", file=str(p), row=n)
                continue
            except ValidationError as e:
                err = e.errors()[0]
                errs.add(_pyd_message(err), file=str(p), row=n, field=dotted(tuple(err["loc"])))
                continue
            bad = [t for t in rec.types if type_ids is not None and t not in type_ids]
            if bad:
                errs.add(f"未知的项目类型 {'、'.join(bad)}", file=str(p), row=n, field="types")
                continue
            out.append((rec, f"{p}:{n}"))
    errs.raise_if_any()
    return out
