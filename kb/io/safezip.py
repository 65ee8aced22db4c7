"""Check an Office file (.xlsx / .docx, a zip of XML parts) before any parser opens it.

Refused, with a DataError naming the file, before anything is inflated:

- not a zip at all (a PNG or a text file named .xlsx);
- more entries than `max_zip_entries`, or a total uncompressed size above
  `max_unzipped_mb` (as the archive declares it: zipfile never inflates an
  entry beyond its declared size, so a lying header only truncates);
- an entry that inflates more than `max_ratio` times (a zip bomb);
- an XML part with a DOCTYPE (entity expansion, "billion laughs", XXE:
  Office files never carry one);
- for .xlsx, a merged range or a cell reference beyond `max_rows` ×
  `max_cols` in a worksheet (openpyxl materialises every cell of a merged
  range: A10:XFD1048576 would be 17 billion objects).

Limits come from `kb.settings.UploadSettings`. Reads each part in chunks
(bounded memory). Not for reading the table (see `kb.io.tables`).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kb.errors import DataError

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_CELL = re.compile(rb'<c\s+r="([A-Z]{1,3})(\d+)"[^>]*?(/?)>')
_CHUNK = 1 << 20


def col_number(letters: bytes | str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def check_office_zip(path: Path, limits, *, kind: str = "xlsx") -> None:
    """Raise DataError (naming `path`) when the Office file at `path` could hurt a parser.

    `limits` is a `kb.settings.UploadSettings`; `kind` 'xlsx' also checks
    worksheet cell and merge references against max_rows × max_cols.
    """
    name = str(path)
    what = "Excel" if kind == "xlsx" else "Word"
    if not zipfile.is_zipfile(path):
        raise DataError(f"不是有效的 .{kind} 文件（内容不是 {what} 格式，可能只是改了后缀）", file=name)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise DataError(f"无法打开 {what} 文件（{type(e).__name__}）", file=name) from e
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_entries:
            raise DataError(f"{what} 文件内含 {len(infos)} 个文件，超过上限 {limits.max_zip_entries}", file=name)
        total = sum(i.file_size for i in infos)
        if total > limits.max_unzipped_mb * 1e6:
            raise DataError(f"{what} 文件解压后约 {total / 1e6:.0f} MB，超过上限 {limits.max_unzipped_mb:g} MB"
                            "（可能是压缩炸弹）", file=name)
        for i in infos:
            if i.file_size > 1_000_000 and i.file_size > limits.max_ratio * max(i.compress_size, 1):
                raise DataError(f"{what} 文件中的 {i.filename} 压缩比异常（{i.file_size // max(i.compress_size, 1)} 倍），"
                                "可能是压缩炸弹", file=name)
        for i in infos:
            if i.filename.endswith((".xml", ".rels", ".vml")):
                _scan_part(zf, i, limits, name, worksheet=kind == "xlsx" and i.filename.startswith("xl/worksheets/"))


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits, name: str, *, worksheet: bool) -> None:
    tail = b""
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                data = tail + chunk
                if _DOCTYPE.search(data):
                    raise DataError(f"文件中的 {info.filename} 含有 DOCTYPE/实体声明（Office 文件不会有），拒绝读取",
                                    file=name)
                if worksheet:
                    _check_refs(data, limits, name)
                tail = data[-256:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise DataError(f"文件中的 {info.filename} 已损坏（{type(e).__name__}）", file=name) from e


def _check_refs(data: bytes, limits, name: str) -> None:
    for m in _MERGE.finditer(data):
        c2, r2 = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
        if int(r2) > limits.max_rows or col_number(c2) > limits.max_cols:
            ref = m.group(0).split(b'"')[1].decode()
            raise DataError(f"合并单元格 {ref} 超出可读取的范围（最多 {limits.max_rows} 行、{limits.max_cols} 列）",
                            file=name)
    for m in _CELL.finditer(data):
        if m.group(3) == b"/":  # an empty, style-only cell: never read
            continue
        r, c = int(m.group(2)), col_number(m.group(1))
        if r > limits.max_rows or c > limits.max_cols:
            ref = (m.group(1) + m.group(2)).decode()
            raise DataError(f"单元格 {ref} 超出可读取的范围（最多 {limits.max_rows} 行、{limits.max_cols} 列）；"
                            "请删除表格以外的内容后重新上传", file=name)
