"""Text passages with citations from an attachment, through the corpus readers.

- PDF: `kb.corpus.readers.pdf_pages` (re-flowed per page) cut by
  `kb.corpus.chunking.chunk_structure`; cited as `合同.pdf 第2页` (plus the
  article, `第五条`, when the text has articles).
- DOCX: `kb.corpus.readers.docx_text`, cut the same way; cited by article,
  section or heading, else `第N段`. Plain text (.txt/.md) likewise.
- XLSX / CSV: one passage per non-empty row, cells joined as `列名: 值` when a
  header row is found; cited as `明细.xlsx 工作表“支出” 第5行` / `明细.csv 第5行`.
- JPG / PNG / OFD: stored, not indexed (no text layer we can read; OFD has no
  maintained Python reader), with the reason in `note`.

Not for storing (see `kb.evidence.attachments`) or searching (`kb.evidence.search`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.corpus.chunking import chunk_structure, cn_number
from kb.errors import DataError, PayloadTooLarge, UnsupportedType
from kb.evidence.tables import Sheet, iso_cell_text, read_sheets

MAX_PASSAGE_CHARS = 600


@dataclass
class Passage:
    """One searchable passage: its text and citation, with page or sheet/row when known."""

    text: str
    citation: str
    page: int | None = None
    sheet: str = ""
    row: int | None = None


@dataclass
class Extracted:
    """The passages of a file; `indexed` False with `note` saying why when there are none."""

    passages: list[Passage]
    indexed: bool
    note: str = ""


NOT_INDEXED = {
    "jpg": "图片不做文字识别：已保存，未建立文字索引",
    "png": "图片不做文字识别：已保存，未建立文字索引",
    "ofd": "OFD 版式文件暂无维护中的读取库：已保存，未建立文字索引",
}


def extract(path: Path, ftype: str, filename: str, settings) -> Extracted:
    """Passages of the file at `path` of sniffed type `ftype`, cited by `filename`.

    `settings` is `Settings.evidence` (zip guard, sheet caps, passage cap).
    Raises DataError (field `file`) when a PDF/DOCX/XLSX/CSV cannot be read.
    """
    if ftype in NOT_INDEXED:
        return Extracted([], False, NOT_INDEXED[ftype])
    try:
        if ftype == "pdf":
            out = _pdf(path, filename, settings.max_pdf_pages)
        elif ftype == "docx":
            from kb.evidence.sniff import check_zip

            check_zip(path, settings, kind="docx")
            out = _docx(path, filename)
        elif ftype == "txt":
            from kb.evidence.tables import decode_text

            out = _text(decode_text(Path(path).read_bytes(), filename), filename)
        elif ftype in ("xlsx", "csv"):
            out = _tables(read_sheets(path, ftype, settings, filename=filename), filename)
        else:  # pragma: no cover - sniff returns only known types
            return Extracted([], False, f"不支持的类型 {ftype}")
    except DataError as e:
        raise DataError(e.message, file=filename, field="file") from None
    except (PayloadTooLarge, UnsupportedType):  # a zip bomb is 413, not a broken file
        raise
    except Exception as e:  # a broken file can make any reader fail in its own way
        raise DataError(f"文件已损坏或无法读取（{type(e).__name__}）", file=filename, field="file") from None
    note = ""
    if len(out) > settings.max_passages:
        out = out[: settings.max_passages]
        note = f"文字过多，只索引了前 {settings.max_passages} 段"
    if not out:
        why = ("PDF 中没有可提取的文字（扫描件需先做文字识别）：已保存，未建立文字索引" if ftype == "pdf"
               else "文件中没有文字：已保存，未建立文字索引")
        return Extracted([], False, why)
    return Extracted(out, True, note)


def _label(u, i: int) -> str:
    if u.article:
        return u.article + (u.clause or "")
    if u.section:
        return u.section.split()[0]
    if u.chapter:
        return u.chapter.split()[0]
    return f"第{cn_number(i)}段"


def _pdf(path: Path, filename: str, max_pages: int) -> list[Passage]:
    from kb.corpus.readers import pdf_pages

    pages, _title = pdf_pages(path, max_pages=max_pages)
    out = []
    for p, text in enumerate(pages, 1):
        if not text.strip():
            continue
        for u in chunk_structure(text, max_chars=MAX_PASSAGE_CHARS, headings=False):
            piece = text[u.start:u.end].strip()
            if piece:
                where = f" {u.article}" if u.article else ""
                out.append(Passage(piece, f"{filename} 第{p}页{where}", page=p))
    return out


def _docx(path: Path, filename: str) -> list[Passage]:
    from kb.corpus.readers import docx_text

    return _text(docx_text(path), filename)


def _text(text: str, filename: str) -> list[Passage]:
    out = []
    for i, u in enumerate(chunk_structure(text, max_chars=MAX_PASSAGE_CHARS, headings=True), 1):
        piece = text[u.start:u.end].strip()
        if piece:
            out.append(Passage(piece, f"{filename} {_label(u, i)}"))
    return out


def _header(sh: Sheet) -> tuple[int, list[str]] | None:
    """(row number, names) of the first row of ≥ 2 text cells among the first 10, when data rows follow."""
    for r, cells in sh.rows[:10]:
        names = [iso_cell_text(c) for c in cells]
        texts = [n for n in names if n and not any(ch.isdigit() for ch in n)]
        if len(texts) >= 2 and len(texts) >= 0.6 * len([n for n in names if n]):
            return r, names
    return None


def _tables(sheets: list[Sheet], filename: str) -> list[Passage]:
    out = []
    for sh in sheets:
        head = _header(sh)
        where = f"{filename} 工作表“{sh.name}”" if sh.name else filename
        for r, cells in sh.rows:
            vals = [iso_cell_text(c) for c in cells]
            if head and r > head[0]:
                names = head[1]
                parts = [f"{names[j]}: {v}" if j < len(names) and names[j] else v
                         for j, v in enumerate(vals) if v]
            else:
                parts = [v for v in vals if v]
            if parts:
                out.append(Passage(" | ".join(parts)[:2000], f"{where} 第{r}行", sheet=sh.name, row=r))
    return out
