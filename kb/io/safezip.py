"""Check an Office file (.xlsx / .docx, a zip of XML parts) before any parser opens it.

Refused before anything is inflated, with an error naming the file:

- not a zip at all (a PNG or a text file named .xlsx): DataError (422);
- more entries than `ZipLimits.entries`, or a total uncompressed size above
  `ZipLimits.unzipped_bytes` (as the archive declares it: zipfile never
  inflates an entry beyond its declared size, so a lying header only
  truncates): PayloadTooLarge (413);
- an entry that inflates more than `ZipLimits.ratio` times (a zip bomb), an
  encrypted entry: DataError;
- an XML part with a DOCTYPE (entity expansion, "billion laughs", XXE:
  Office files never carry one): DataError;
- for .xlsx, a merged range or a cell reference beyond `rows` × `cols` in a
  worksheet (openpyxl materialises every cell of a merged range:
  A10:XFD1048576 would be 17 billion objects): DataError.

The one zip guard: tables and documents we read (`kb.settings.UploadSettings`,
`UploadSettings.zip_limits`) and 佐证材料 / 电子会计档案 uploads
(`kb.evidence.sniff.check_zip`, `EvidenceSettings`) both call it. Reads each
part in chunks (bounded memory). Not for reading the table (see `kb.io.tables`).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kb.errors import DataError, PayloadTooLarge


@dataclass(frozen=True)
class SheetExtent:
    """Where a worksheet's values lie: the last row within the limits holding a value, and whether a
    value lies beyond the limits (only reported when `ZipLimits.refuse_beyond` is False)."""

    last_row: int = 0
    beyond: bool = False
    beyond_cell: str = ""  # the first value cell found beyond the limits ('XFD1048576'), when `beyond`


def beyond_limits_message(ref: str, rows: int, cols: int) -> str:
    """The one message for a value cell beyond the readable range (a stray far cell such as XFD1048576)."""
    return f"单元格 {ref} 超出可读取的范围（最多 {rows} 行、{cols} 列）；请删除表格以外的内容后重新上传"


@dataclass(frozen=True)
class ZipLimits:
    """What an Office package may hold: entries, total unzipped bytes, the compression ratio of one
    entry (checked above 1 MB), and for .xlsx the rows × columns a cell or merge may reach."""

    entries: int
    unzipped_bytes: int
    ratio: float
    rows: int
    cols: int
    refuse_beyond: bool = True  # False: a value beyond rows × cols is reported (`SheetExtent.beyond`), not refused

    @classmethod
    def of_uploads(cls, upload=None) -> "ZipLimits":
        """The limits of the tables and documents we read (`kb.settings.UploadSettings`, by default the
        environment's `JIXIAO_UPLOAD__*`, or the defaults when the environment is unusable)."""
        if upload is None:
            from kb.errors import ConfigError
            from kb.settings import UploadSettings, get_settings

            try:
                upload = get_settings().upload
            except ConfigError:
                upload = UploadSettings()
        return cls(entries=upload.max_zip_entries, unzipped_bytes=int(upload.max_unzipped_mb * 1e6),
                   ratio=upload.max_ratio, rows=upload.max_rows, cols=upload.max_cols)

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
# a cell; group 3 is '/>' or '></c>' for an empty, style-only cell (whole formatted columns)
_CELL = re.compile(rb'<c\s+r="([A-Z]{1,3})(\d+)"[^>]*?(/>|>\s*</c>|>)')
_CHUNK = 1 << 20


def col_number(letters: bytes | str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + (ord(ch) - 64)
    return n


# the parts that tell an Office package's kind, and how a person names that kind
_KIND_PART = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
KIND_LABELS = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)"}


def content_mismatch_message(label: str, ext: str) -> str:
    """The one message for a file whose content is another type than its name says (a Word file
    renamed .xlsx); `label` names the content ('Word (.docx)'), `ext` the name's suffix."""
    return f"文件内容是 {label}，与文件名后缀 {ext} 不符；请确认上传的是原文件"


def check_office_zip(path: Path | bytes, limits: ZipLimits, *, kind: str = "xlsx", field: str | None = None,
                     name: str = "") -> dict[str, SheetExtent]:
    """Raise (naming the file, and `field` when given) when the Office file at `path` (or these bytes)
    could hurt a parser; else return, for an .xlsx, where each worksheet part's values lie
    (`{"xl/worksheets/sheet1.xml": SheetExtent(28, False)}`), so a reader walks no further than the data.

    `kind` 'xlsx' also checks worksheet cell and merge references against
    `limits.rows` × `limits.cols`. PayloadTooLarge for too many entries or
    too many unzipped bytes, DataError for everything else (see the module).
    """
    if isinstance(path, (bytes, bytearray)):
        path = io.BytesIO(path)
    name = name or str(getattr(path, "name", "") or path)
    what = "Excel" if kind == "xlsx" else "Word"
    if not zipfile.is_zipfile(path):
        raise DataError(f"不是有效的 .{kind} 文件（内容不是 {what} 格式，可能只是改了后缀）", file=name, field=field)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise DataError(f"无法打开 {what} 文件（{type(e).__name__}）", file=name, field=field) from e
    where = f"{field}: " if field else ""
    extent: dict[str, SheetExtent] = {}
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if kind in _KIND_PART and _KIND_PART[kind] not in names:
            other = next((k for k, part in _KIND_PART.items() if part in names), None)
            ext = Path(str(name)).suffix.lower()
            ext = ext if re.fullmatch(r"\.[a-z0-9]{1,5}", ext) else f".{kind}"
            if other is not None and ext != f".{other}":  # a Word file renamed .xlsx (or the other way round)
                raise DataError(content_mismatch_message(KIND_LABELS[other], ext), file=name, field=field)
        if len(infos) > limits.entries:
            raise PayloadTooLarge(f"{where or Path(name).name + ': '}{what} 文件包含 {len(infos)} 个内部文件，"
                                  f"超过上限 {limits.entries}")
        total = sum(i.file_size for i in infos)
        if total > limits.unzipped_bytes:
            raise PayloadTooLarge(f"{where or Path(name).name + ': '}{what} 文件解压后约 {total / 1e6:.1f} MB，超过上限 "
                                  f"{limits.unzipped_bytes / 1e6:g} MB（可能是压缩炸弹）")
        for i in infos:
            if i.flag_bits & 0x1:
                raise DataError(f"文件中的 {i.filename} 已加密，无法读取", file=name, field=field)
            if i.file_size > 1_000_000 and i.file_size > limits.ratio * max(i.compress_size, 1):
                raise DataError(f"{what} 文件中的 {i.filename} 压缩比异常（{i.file_size // max(i.compress_size, 1)} 倍），"
                                "可能是压缩炸弹", file=name, field=field)
        for i in infos:
            if i.filename.endswith((".xml", ".rels", ".vml")):
                worksheet = kind == "xlsx" and i.filename.startswith("xl/worksheets/")
                ext = _scan_part(zf, i, limits, name, field, worksheet=worksheet)
                if worksheet:
                    extent[i.filename] = ext
    return extent


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits, name: str, field: str | None, *,
               worksheet: bool) -> SheetExtent:
    """Scan one part in chunks; for a worksheet, return where its values lie."""
    tail, ext = b"", SheetExtent()
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                data = tail + chunk
                if _DOCTYPE.search(data):
                    raise DataError(f"文件中的 {info.filename} 含有 DOCTYPE/实体声明（Office 文件不会有），拒绝读取",
                                    file=name, field=field)
                if worksheet:
                    ext = _check_refs(data, limits, name, field, ext)
                tail = data[-256:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise DataError(f"文件中的 {info.filename} 已损坏（{type(e).__name__}）", file=name, field=field) from e
    return ext


def _check_refs(data: bytes, limits: ZipLimits, name: str, field: str | None, ext: SheetExtent) -> SheetExtent:
    """Refuse merges and value cells beyond the limits (or note them); `ext` extended by `data`'s cells."""
    last, beyond, beyond_cell = ext.last_row, ext.beyond, ext.beyond_cell
    for m in _MERGE.finditer(data):
        c2, r2 = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
        if limits.refuse_beyond and (int(r2) > limits.rows or col_number(c2) > limits.cols):
            ref = m.group(0).split(b'"')[1].decode()
            raise DataError(f"合并单元格 {ref} 超出可读取的范围（最多 {limits.rows} 行、{limits.cols} 列）",
                            file=name, field=field)
    for m in _CELL.finditer(data):
        if m.group(3) != b">":  # an empty, style-only cell: never read
            continue
        r, c = int(m.group(2)), col_number(m.group(1))
        if r > limits.rows or c > limits.cols:
            ref = (m.group(1) + m.group(2)).decode()
            if not limits.refuse_beyond:
                beyond, beyond_cell = True, beyond_cell or ref
                continue
            raise DataError(beyond_limits_message(ref, limits.rows, limits.cols), file=name, field=field)
        last = max(last, r)
    return SheetExtent(last, beyond, beyond_cell)
