"""What an uploaded file really is: content sniffing, zip-bomb guard, safe filenames.

The type comes from the bytes, never from the name: PDF by its `%PDF-`
header, JPEG and PNG by their signatures, .docx / .xlsx / .ofd by the
entries of their zip package (`word/document.xml`, `xl/workbook.xml`,
`OFD.xml`), text (CSV or plain) as bytes that decode as UTF-8 or GB18030
without NUL bytes.
A name whose extension says another type is refused (a renamed file lying
about its type); text is CSV when the name ends in .csv, plain text
otherwise; old binary Office files (.xls/.doc) and anything else are
refused with a hint. We sniff these types ourselves because the zip
inspection is needed anyway for the bomb guard, and a general magic library
guesses Office files from fixed offsets only.

`check_zip` runs before any reader opens a zip package: entry count, total
uncompressed size and per-entry compression ratio against
`settings.evidence`. Not for extracting text (see `kb.evidence.extract`).
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from kb.errors import DataError, UnsupportedType

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "csv": ".csv", "txt": ".txt", "jpg": ".jpg",
              "png": ".png", "ofd": ".ofd"}
MIME = {"pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv", "txt": "text/plain", "jpg": "image/jpeg", "png": "image/png", "ofd": "application/ofd"}
LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "csv": "CSV 表格", "txt": "纯文本",
          "jpg": "JPEG 图片",
          "png": "PNG 图片", "ofd": "OFD 版式文件"}
_EXT_TYPE = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".csv": "csv", ".txt": "txt", ".md": "txt",
             ".markdown": "txt", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png", ".ofd": "ofd"}
_ACCEPTED = "PDF、Word (.docx)、Excel (.xlsx)、CSV、纯文本 (.txt/.md)、JPG、PNG、OFD"


def sniff(path: Path, *, filename: str = "", field: str = "file") -> str:
    """The file type of `path` from its content: one of `EXTENSIONS`' keys.

    Text (UTF-8 or GB18030, no NUL bytes) is 'csv' when `filename` ends in
    .csv, else 'txt'. Raises UnsupportedType (HTTP 415) for any other
    content, naming `field`.
    """
    with open(path, "rb") as f:
        head = f.read(65536)
    if not head:
        raise DataError("文件为空", field=field)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            raise UnsupportedType(f"{field}: 压缩包已损坏，无法识别文件类型") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names:
            return "ofd"
        raise UnsupportedType(f"{field}: 文件是普通压缩包，不是可接受的类型（{_ACCEPTED}）")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedType(f"{field}: 旧版 Office 文件（.xls/.doc）无法读取，请另存为 .xlsx 或 .docx 后上传")
    if head.startswith((b"MZ", b"\x7fELF")) or head[:4] in (b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe"):
        raise UnsupportedType(f"{field}: 文件是可执行程序，不能作为佐证材料")
    if b"\x00" not in head and _decodes(head):
        return "csv" if Path(filename or "").suffix.lower() == ".csv" else "txt"
    raise UnsupportedType(f"{field}: 无法识别的文件内容，可接受 {_ACCEPTED}")


def _decodes(head: bytes) -> bool:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as e:
            # a multi-byte character cut at the end of the sample is fine
            if enc == "utf-8-sig" and e.start >= len(head) - 3:
                return True
    return False


def check_extension(filename: str, ftype: str, *, field: str = "file") -> None:
    """Refuse a name whose extension names another type than the content (DataError, 422).

    A name without extension or with an unknown one is accepted (the stored
    name gets the right extension, see `safe_filename`).
    """
    ext = Path(filename or "").suffix.lower()
    claimed = _EXT_TYPE.get(ext)
    if ext in (".xls", ".doc", ".exe", ".bat", ".js", ".html", ".htm", ".zip"):
        claimed = ext
    if claimed and claimed != ftype:
        from kb.io.safezip import content_mismatch_message

        raise DataError(content_mismatch_message(LABELS[ftype], ext), field=field)


_BAD = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_filename(name: str | None, ftype: str, *, max_chars: int = 120) -> str:
    """A filename safe to store and to send back: no path, no control or reserved characters,
    NFKC-normalised, at most `max_chars` characters, ending in an extension of `ftype` (its own
    when it has one, e.g. .jpeg or .md, else the usual one)."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    base = _BAD.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" .")
    suffix = Path(base).suffix.lower()
    if _EXT_TYPE.get(suffix) == ftype:
        stem, ext = base[: -len(suffix)], suffix
    else:
        stem, ext = base, EXTENSIONS[ftype]
    stem = stem.strip(" .") or "附件"
    stem = stem[: max(1, max_chars - len(ext))]
    return stem + ext


def check_zip(path: Path, settings, *, field: str = "file", kind: str = "xlsx") -> dict:
    """Guard against zip bombs before a reader opens a .docx/.xlsx/.ofd package.

    `settings` is `Settings.evidence`; the one zip guard is `kb.io.safezip.check_office_zip`.
    Raises PayloadTooLarge (413) when the package unpacks past
    `max_unzipped_bytes` or holds more than `max_zip_entries` entries,
    DataError (422) for a suspicious compression ratio, an encrypted entry or
    an XML part with a DOCTYPE (entity expansion). Values beyond
    `max_sheet_rows` × `max_sheet_cols` are not refused but reported: returns
    each worksheet part's `kb.io.safezip.SheetExtent` (the last row within
    the caps holding a value; whether any lies beyond), so the sheet reader
    walks no further than the data and marks the sheet truncated.
    """
    from kb.io.safezip import ZipLimits, check_office_zip

    return check_office_zip(Path(path), ZipLimits(entries=settings.max_zip_entries,
                                                  unzipped_bytes=settings.max_unzipped_bytes,
                                                  ratio=settings.max_zip_ratio, rows=settings.max_sheet_rows,
                                                  cols=settings.max_sheet_cols, refuse_beyond=False),
                            kind=kind, field=field)
