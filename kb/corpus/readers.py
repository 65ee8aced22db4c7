"""Read corpus files into documents and chunks, validating everything first.

Formats (the file extension decides):
- `.md` / `.markdown` / `.txt`: optional YAML front matter (title, doc_number,
  issuer, date, year, status, source_url, kind, id) then the text; without
  front matter the title comes from the first `# ` heading (inside 《》 if
  present) and the 文号 from the text (e.g. 财预〔2020〕10号).
- `.jsonl`: one JSON object per line, shape detected from its fields —
  regulation articles (doc_title, doc_number, issuer, year, article, text,
  source_url: the shape of ../shared/data/corpora/policy_articles.jsonl;
  records group into one document per doc_title + doc_number), Q&A
  (question, answer, source_url, source) and expert opinions (text, about,
  problem_type, source_url). Q&A / opinion records may carry doc_title etc.;
  otherwise the file is one document.
- `.docx` (python-docx; heading styles become headings, tables rows),
  `.pdf` (pypdf; lines re-flowed), `.xlsx` Q&A lists (openpyxl; header row
  问题/question, 答案/answer, optional 来源/source, 链接/source_url, 编号/id).

Every problem raises `kb.errors.DataError` naming file, row and field, before
anything is stored. Not for storing or indexing (see `kb.corpus.store`).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.corpus.chunking import DEFAULT_MAX_CHARS, TextUnit, article_label, chunk_structure, cn_number, split_unit
from kb.corpus.models import COLLECTIONS, Chunk, Document, Kind, Status
from kb.domain.ids import file_digest
from kb.errors import DataError
from kb.io.jsonl import read_jsonl

# bump when reading or chunking changes: shipped files are then re-read by the next sync
READER_VERSION = "3"
SUFFIXES = (".md", ".markdown", ".txt", ".jsonl", ".docx", ".pdf", ".xlsx")
RE_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,6}[〔\[［(（]\d{4}[〕\]］)）]\d+号")
RE_YEAR_IN_NUMBER = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")
RE_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
FRONT_FIELDS = {"id", "title", "doc_title", "doc_number", "issuer", "date", "year", "status",
                "source_url", "collection", "kind"}


@dataclass
class Parsed:
    """One document with its chunks, ready to store."""

    document: Document
    chunks: list[Chunk]

    @property
    def content_hash(self) -> str:
        """sha256 (16 hex) of everything stored for the document."""
        d = self.document.model_dump(mode="json")
        c = [x.model_dump(mode="json") for x in self.chunks]
        raw = json.dumps([d, c], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class Overrides:
    """Document fields given on the command line; they win over the file's own."""

    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: int | None = None
    status: str | None = None
    source_url: str | None = None
    doc_id: str | None = None
    extra: dict = field(default_factory=dict)


def source_digest(path: Path) -> str:
    """`kb.domain.ids.file_digest` of a source file, suffixed with `:r<READER_VERSION>` (a new reader re-reads files)."""
    return f"{file_digest(path)}:r{READER_VERSION}"


def read_file(path: Path, collection: str, *, overrides: Overrides | None = None,
              id_prefix: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> list[Parsed]:
    """Parse one corpus file into documents + chunks (all-or-nothing).

    Args:
        path: the file; its suffix picks the reader (see module docstring).
        collection: one of `COLLECTIONS` (a record's own `collection` field wins).
        overrides: document fields from the command line.
        id_prefix: prefix of derived document ids (default: the collection).
    Returns: list of `Parsed` (≥ 1).
    Raises: DataError(file, row, field) on any invalid input.
    """
    path = Path(path)
    fname = path.name
    if collection not in COLLECTIONS:
        raise DataError(f"未知的语料库 {collection!r}，可选: {', '.join(COLLECTIONS)}",
                        file=fname, field="collection")
    if not path.is_file():
        raise DataError("文件不存在", file=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"不支持的文件类型 {suffix or '(无扩展名)'}，支持: {' '.join(SUFFIXES)}", file=fname)
    ov = overrides or Overrides()
    prefix = id_prefix or collection
    base_id = f"{prefix}/{path.stem}"
    if suffix in (".md", ".markdown", ".txt"):
        raw = _read_text(path)
        out = [_from_text(raw, fname, collection, ov, base_id, max_chars=max_chars, markdown=True)]
    elif suffix == ".docx":
        out = [_from_text(_docx_text(path), fname, collection, ov, base_id,
                          max_chars=max_chars, markdown=False, headings=True)]
    elif suffix == ".pdf":
        out = [_from_text(_pdf_text(path), fname, collection, ov, base_id,
                          max_chars=max_chars, markdown=False, headings=True)]
    elif suffix == ".jsonl":
        out = _from_jsonl(path, collection, ov, base_id, max_chars=max_chars)
    else:
        out = _from_xlsx(path, collection, ov, base_id)
    ids = [p.document.doc_id for p in out]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise DataError(f"文档编号重复: {', '.join(sorted(dup))}", file=fname, field="id")
    return out


# ---------------------------------------------------------------- helpers

def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DataError("无法按 UTF-8 或 GB18030 解码", file=path.name)


def _check_status(value, fname: str, row: int = 0) -> str:
    v = str(value or Status.effective.value).strip().lower()
    aliases = {"有效": "effective", "现行有效": "effective", "已废止": "repealed", "废止": "repealed",
               "失效": "repealed", "已失效": "repealed"}
    v = aliases.get(v, v)
    if v not in (Status.effective.value, Status.repealed.value):
        raise DataError(f"状态须为 effective 或 repealed（有效/已废止），而不是 {value!r}",
                        file=fname, row=row, field="status")
    return v


def _check_year(value, fname: str, row: int = 0) -> int | None:
    if value in (None, ""):
        return None
    try:
        y = int(str(value).strip())
    except ValueError:
        raise DataError(f"年份须为整数，而不是 {value!r}", file=fname, row=row, field="year") from None
    if not 1900 <= y <= 2100:
        raise DataError(f"年份 {y} 超出 1900–2100", file=fname, row=row, field="year")
    return y


def _check_date(value, fname: str, row: int = 0) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    s = str(value).strip()
    m = RE_DATE.search(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        try:
            return _dt.date(y, mo, d).isoformat()
        except ValueError:
            pass
        raise DataError(f"日期无效: {value!r}", file=fname, row=row, field="date")
    if re.fullmatch(r"\d{4}(-\d{1,2})?", s):
        return s
    raise DataError(f"日期须写成 YYYY-MM-DD，而不是 {value!r}", file=fname, row=row, field="date")


def _str(value) -> str:
    return "" if value is None else str(value).strip()


def _year_from(doc_number: str, date: str) -> int | None:
    if date[:4].isdigit():
        return int(date[:4])
    m = RE_YEAR_IN_NUMBER.search(doc_number or "")
    return int(m.group(1)) if m else None


def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:8]


def _apply_overrides(meta: dict, ov: Overrides) -> dict:
    for k in ("title", "doc_number", "issuer", "date", "year", "status", "source_url"):
        v = getattr(ov, k)
        if v not in (None, ""):
            meta[k] = v
    return meta


def split_front_matter(raw: str, fname: str) -> tuple[dict, str, int]:
    """(front matter dict, body, line offset of the body) of a Markdown text."""
    if not raw.startswith("---"):
        return {}, raw, 0
    lines = raw.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, raw, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            import yaml

            try:
                meta = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError as e:
                line = getattr(getattr(e, "problem_mark", None), "line", 0) + 2
                raise DataError(f"front matter 不是合法的 YAML: {getattr(e, 'problem', e)}",
                                file=fname, row=line, field="front matter") from None
            if not isinstance(meta, dict):
                raise DataError("front matter 须为 键: 值 形式", file=fname, row=2, field="front matter")
            unknown = sorted(set(meta) - FRONT_FIELDS - {"basis", "verified", "note", "tags", "about"})
            if unknown:
                raise DataError(f"未知字段 {', '.join(map(str, unknown))}；可用: {', '.join(sorted(FRONT_FIELDS))}",
                                file=fname, row=2, field="front matter")
            return meta, "".join(lines[i + 1:]), i + 1
    raise DataError("front matter 缺少结束行 ---", file=fname, row=1, field="front matter")


def _title_from_text(body: str) -> str:
    for ln in body.splitlines():
        s = ln.strip().lstrip("#").strip()
        if s:
            m = re.search(r"《([^》]+)》", s)
            return m.group(1) if m else s[:80]
    return ""


def _from_text(raw: str, fname: str, collection: str, ov: Overrides, base_id: str, *,
               max_chars: int, markdown: bool, headings: bool = True) -> Parsed:
    """A Markdown / plain / extracted text → one document structured by 章节条 or headings.

    markdown: parse YAML front matter; headings: treat `# ` lines as headings.
    """
    meta, body, _ = split_front_matter(raw, fname) if markdown else ({}, raw, 0)
    meta = dict(meta)
    if "doc_title" in meta and "title" not in meta:
        meta["title"] = meta.pop("doc_title")
    meta = _apply_overrides(meta, ov)
    if not body.strip():
        raise DataError("文件没有正文", file=fname, field="text")
    title = _str(meta.get("title")) or _title_from_text(body)
    if not title:
        raise DataError("缺少标题（front matter 的 title 或第一行标题）", file=fname, field="title")
    head = "\n".join(ln for ln in body.splitlines()[:8] if ln.strip())
    if "doc_number" in meta or meta.get("kind"):
        doc_number = _str(meta.get("doc_number"))
    else:  # a 文号 in the title, or alone on one of the first lines
        m = RE_DOC_NUMBER.search(title) or RE_DOC_NUMBER.search(head.split("\n", 1)[0])
        if not m:
            for ln in head.splitlines():
                m = RE_DOC_NUMBER.fullmatch(ln.strip().strip("#").strip())
                if m:
                    break
        doc_number = m.group(0) if m else ""
    date = _check_date(meta.get("date"), fname, 1)
    if not date and "date" not in meta:
        m = RE_DATE.search(head)
        if m:
            try:
                date = _check_date(m.group(0), fname, 1)
            except DataError:
                date = ""
    year = _check_year(meta.get("year"), fname, 1) or _year_from(doc_number, date)
    kind = _str(meta.get("kind"))
    has_articles = bool(re.search(r"(?m)^\s*第[一二三四五六七八九十百千零〇两\d]+条", body))
    if not kind:
        kind = Kind.regulation.value if has_articles else Kind.note.value
    if kind not in (Kind.regulation.value, Kind.card.value, Kind.note.value):
        raise DataError(f"kind 须为 regulation / card / note，而不是 {kind!r}", file=fname, field="kind")
    coll = _str(meta.get("collection")) or collection
    if coll not in COLLECTIONS:
        raise DataError(f"未知的语料库 {coll!r}", file=fname, field="collection")
    extra = {k: v for k, v in meta.items() if k not in FRONT_FIELDS}
    doc = Document(
        doc_id=_str(ov.doc_id or meta.get("id")) or base_id,
        collection=coll, kind=kind, doc_title=title, doc_number=doc_number,
        issuer=_str(meta.get("issuer")), year=year, date=date,
        status=_check_status(meta.get("status"), fname, 1),
        source_url=_str(meta.get("source_url")), text=body, meta=_jsonable(extra),
    )
    units = chunk_structure(body, max_chars=max_chars, headings=headings,
                            label_clauses=kind == Kind.regulation.value)
    if kind == Kind.card.value:  # a card's preamble is its title and disclaimer, not a rule
        units = [u for u in units if u.article or u.section or u.chapter] or units
    return Parsed(doc, [_chunk(doc, i, u, body) for i, u in enumerate(units)])


def _jsonable(d: dict) -> dict:
    return json.loads(json.dumps(d, ensure_ascii=False, default=str))


def _chunk(doc: Document, seq: int, u: TextUnit, text: str, **kw) -> Chunk:
    base = dict(doc_id=doc.doc_id, seq=seq, collection=doc.collection, kind=doc.kind,
                doc_title=doc.doc_title, doc_number=doc.doc_number, issuer=doc.issuer,
                year=doc.year, date=doc.date, status=doc.status, source_url=doc.source_url,
                chapter=u.chapter, section=u.section, article=u.article, clause=u.clause,
                item=u.item, start=u.start, end=u.end, text=text[u.start:u.end])
    base.update(kw)
    return Chunk(**base)


# ---------------------------------------------------------------- docx / pdf

def _docx_text(path: Path) -> str:
    """Text of a .docx with '# ' headings, paragraphs and table rows in document order."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as e:  # pragma: no cover - dependency
        raise DataError(f"读取 .docx 需要 python-docx: {e}", file=path.name) from None
    from kb.io.safezip import ZipLimits, check_office_zip

    check_office_zip(path, ZipLimits.of_uploads(), kind="docx")  # zip bombs, DOCTYPEs: before python-docx inflates anything
    try:
        d = docx.Document(str(path))
    except Exception as e:  # PackageNotFoundError, KeyError, ValueError, OSError, lxml errors
        raise DataError(f"不是有效的 .docx 文件: {type(e).__name__}", file=path.name) from None
    lines: list[str] = []
    title = (d.core_properties.title or "").strip()
    body = d.element.body
    for child in body.iterchildren():
        if not isinstance(child.tag, str):  # comments and processing instructions carry no text
            continue
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, d)
            t = p.text.strip()
            if not t:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            m = re.match(r"(?i)heading\s*(\d)|标题\s*(\d)", style)
            if style.lower() == "title" or style == "标题":
                lines.append(f"# {t}")
            elif m:
                lines.append("#" * min(6, int(m.group(1) or m.group(2)) + 1) + f" {t}")
            else:
                lines.append(t)
        elif tag == "tbl":
            from docx.table import Table

            for row in Table(child, d).rows:
                cells = []
                for c in row.cells:
                    ct = c.text.strip()
                    if ct and (not cells or cells[-1] != ct):
                        cells.append(ct)
                if cells:
                    lines.append(" | ".join(cells))
    text = "\n".join(lines)
    if title and not text.lstrip().startswith("#"):
        text = f"# {title}\n{text}"
    return text


_SENT_END = "。；：！？;:!?”」』）)"
WRAP_MIN_CHARS = 15


MAX_PDF_PAGES = 2000  # a policy document has tens of pages; a longer file is not one we index


def docx_text(path: Path) -> str:
    """Text of a .docx as the corpus reads it ('# ' headings, paragraphs, table rows ' | ')."""
    return _docx_text(path)


def pdf_pages(path: Path, *, max_pages: int | None = None) -> tuple[list[str], str]:
    """(re-flowed text of each page, the PDF's /Title) of a .pdf (the first `max_pages` pages).

    Lines broken mid-sentence are joined and page-number lines dropped, as
    for corpus documents; a page without text is ''. Raises DataError for a
    file pypdf cannot read.
    """
    page_lines, title, width = _pdf_lines(path, max_pages)
    return [_reflow(lines, width) for lines in page_lines], title


def _pdf_lines(path: Path, max_pages: int | None = None) -> tuple[list[list[str]], str, int]:
    """(text lines of each page without page numbers, /Title, width of a full printed line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with path.open("rb") as f:
        if b"%PDF" not in f.read(1024):
            raise DataError("不是 .pdf 文件（内容不是 PDF 格式，可能只是改了后缀）", file=path.name)
    try:
        reader = PdfReader(str(path))
        if max_pages is None and len(reader.pages) > MAX_PDF_PAGES:
            raise DataError(f"PDF 共 {len(reader.pages)} 页，超过上限 {MAX_PDF_PAGES} 页", file=path.name)
        pages = [(pg.extract_text() or "") for pg in reader.pages[:max_pages]]
        meta_title = ((reader.metadata or {}).get("/Title") or "") if reader.metadata else ""
    except DataError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as e:
        raise DataError(f"不是可读取的 .pdf 文件: {e}", file=path.name) from None
    except Exception as e:  # a malformed or hostile PDF: pypdf's own limits (decompression) raise here
        raise DataError(f"不是可读取的 .pdf 文件（{type(e).__name__}）", file=path.name) from None
    page_lines = [[ln for ln in (x.strip() for x in pg.splitlines())
                   if ln and not re.fullmatch(r"[-—\s]*\d+[-—\s]*|第\s*\d+\s*页.*", ln)] for pg in pages]
    lengths = sorted(len(ln) for lines in page_lines for ln in lines if len(ln) >= 5)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    return page_lines, str(meta_title).strip(), width


def _reflow(lines: list[str], width: int) -> str:
    out: list[str] = []
    for ln in lines:
        starts_unit = bool(re.match(r"^(第[一二三四五六七八九十百千零〇两\d]+[章节条]|[一二三四五六七八九十]+、|"
                                    r"[（(][一二三四五六七八九十\d]+[)）])", ln)) or bool(RE_DOC_NUMBER.fullmatch(ln))
        # a full-width line without closing punctuation was wrapped: the next line continues it
        if (out and not starts_unit and out[-1][-1] not in _SENT_END
                and len(out[-1]) >= max(WRAP_MIN_CHARS, 0.85 * width)):
            out[-1] += ln
        else:
            out.append(ln)
    return "\n".join(out)


def _pdf_text(path: Path) -> str:
    """Re-flowed text of a .pdf: lines broken mid-sentence are joined, page numbers dropped."""
    page_lines, title, width = _pdf_lines(path)
    text = _reflow([ln for lines in page_lines for ln in lines], width)
    if not text:
        raise DataError("PDF 中没有可提取的文字（扫描件需先做文字识别）", file=path.name, field="text")
    if title:
        text = f"# {title}\n{text}"
    return text


# ---------------------------------------------------------------- jsonl / xlsx

def _load_jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = read_jsonl(path, name=path.name, text=_read_text(path))
    if not rows:
        raise DataError("文件为空", file=path.name)
    return rows


def jsonl_shape(obj: dict) -> str:
    """'qa' | 'regulation' | 'opinion' from a record's fields ('' when unknown)."""
    if "question" in obj or "answer" in obj:
        return "qa"
    if "article" in obj:
        return "regulation"
    if "text" in obj:
        return "opinion"
    return ""


def _require(obj: dict, key: str, fname: str, row: int) -> str:
    v = obj.get(key)
    if v is None or not str(v).strip():
        raise DataError("必填字段为空", file=fname, row=row, field=key)
    if not isinstance(v, (str, int, float)):
        raise DataError("须为文字", file=fname, row=row, field=key)
    return str(v).strip()


def _from_jsonl(path: Path, collection: str, ov: Overrides, base_id: str, *,
                max_chars: int) -> list[Parsed]:
    fname = path.name
    rows = _load_jsonl(path)
    shape = jsonl_shape(rows[0][1])
    if not shape:
        raise DataError("无法识别记录类型：需要 article+text（条文）、question+answer（问答）或 text（专家意见）",
                        file=fname, row=rows[0][0])
    for n, obj in rows:
        s = jsonl_shape(obj)
        if s != shape:
            raise DataError(f"记录类型与第一行不一致（第一行是 {shape}，本行是 {s or '未知'}）",
                            file=fname, row=n)
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for n, obj in rows:
        coll = _str(obj.get("collection")) or collection
        if coll not in COLLECTIONS:
            raise DataError(f"未知的语料库 {coll!r}", file=fname, row=n, field="collection")
        if shape == "regulation":
            key = (coll, _require(obj, "doc_title", fname, n), _str(obj.get("doc_number")))
        else:
            key = (coll, _str(obj.get("doc_title")) or _str(ov.title), _str(obj.get("doc_number")))
        groups.setdefault(key, []).append((n, obj))
    single = len(groups) == 1
    out = []
    for (coll, title, number), recs in groups.items():
        if not title:
            title = f"{path.stem}"
        doc_id = (_str(ov.doc_id) or _str(recs[0][1].get("doc_id")) or
                  (base_id if single else f"{base_id}/{_short_hash(title + '|' + number)}"))
        if shape == "regulation":
            out.append(_regulation_doc(recs, fname, coll, title, number, doc_id, ov, max_chars))
        else:
            out.append(_list_doc(recs, fname, coll, title, number, doc_id, ov, shape))
    return out


def _doc_fields(recs: list[tuple[int, dict]], fname: str, ov: Overrides) -> dict:
    """issuer / year / date / status / source_url: first non-empty value among the records."""
    def first(key):
        for _, o in recs:
            if _str(o.get(key)):
                return o.get(key)
        return None

    row0 = recs[0][0]
    meta = _apply_overrides({"issuer": first("issuer"), "year": first("year"), "date": first("date"),
                             "status": first("status"), "source_url": first("source_url")}, ov)
    for n, o in recs:  # validate every record's own values
        _check_year(o.get("year"), fname, n)
        _check_date(o.get("date"), fname, n)
        _check_status(o.get("status"), fname, n)
    date = _check_date(meta["date"], fname, row0)
    return {"issuer": _str(meta["issuer"]), "year": _check_year(meta["year"], fname, row0),
            "date": date, "status": _check_status(meta["status"], fname, row0),
            "source_url": _str(meta["source_url"])}


def _regulation_doc(recs, fname, coll, title, number, doc_id, ov, max_chars) -> Parsed:
    f = _doc_fields(recs, fname, ov)
    if ov.title:
        title = ov.title
    number = _str(ov.doc_number) or number
    year = f["year"] or _year_from(number, f["date"])
    parts, spans = [], []
    pos = 0
    for n, o in recs:
        text = _require(o, "text", fname, n)
        raw_art = _str(o.get("article"))
        art = article_label(raw_art)
        prefix = f"{art} " if art and not text.startswith(art) else ""
        piece = prefix + text
        spans.append((n, o, raw_art, art, pos, pos + len(piece)))
        parts.append(piece)
        pos += len(piece) + 1
    body = "\n".join(parts)
    doc = Document(doc_id=doc_id, collection=coll, kind=Kind.regulation.value, doc_title=title,
                   doc_number=number, issuer=f["issuer"], year=year, date=f["date"], status=f["status"],
                   source_url=f["source_url"], text=body, meta={})
    chunks: list[Chunk] = []
    for n, o, raw_art, art, a, b in spans:
        unit = TextUnit(a, b, article=art)
        extra = {k: o[k] for k in ("id", "note") if _str(o.get(k))}
        if raw_art and raw_art != art:
            extra["article_raw"] = raw_art
        extra["row"] = n
        for u in split_unit(body, unit, max_chars=max_chars):
            chunks.append(_chunk(doc, len(chunks), u, body,
                                 source_url=_str(o.get("source_url")) or doc.source_url,
                                 meta=_jsonable(extra)))
    return Parsed(doc, chunks)


def _list_doc(recs, fname, coll, title, number, doc_id, ov, shape) -> Parsed:
    """A Q&A list (one chunk per question) or an opinion list (one chunk per item)."""
    f = _doc_fields(recs, fname, ov)
    number = _str(ov.doc_number) or number
    kind = Kind.qa.value if shape == "qa" else Kind.opinion.value
    parts, items = [], []
    pos = 0
    for i, (n, o) in enumerate(recs, 1):
        if shape == "qa":
            q, a = _require(o, "question", fname, n), _require(o, "answer", fname, n)
            piece = f"问：{q}\n答：{a}"
        else:
            q = a = None
            piece = _require(o, "text", fname, n)
        label = _str(o.get("id")) or (f"第{cn_number(i)}问" if shape == "qa" else f"第{cn_number(i)}项")
        extra = {k: o[k] for k in ("about", "problem_type", "source", "source_kind", "note", "tags",
                                   "basis", "indicator", "level1", "level2")
                 if o.get(k) not in (None, "", [])}
        extra["row"] = n
        items.append((o, q, a, label, pos, pos + len(piece), extra))
        parts.append(piece)
        pos += len(piece) + 2
    body = "\n\n".join(parts)
    doc = Document(doc_id=doc_id, collection=coll, kind=kind, doc_title=title, doc_number=number,
                   issuer=f["issuer"], year=f["year"] or _year_from(number, f["date"]), date=f["date"],
                   status=f["status"], source_url=f["source_url"], text=body, meta={})
    chunks = []
    for o, q, a, label, s, e, extra in items:
        chunks.append(_chunk(doc, len(chunks), TextUnit(s, e, item=label), body, question=q, answer=a,
                             source_url=_str(o.get("source_url")) or doc.source_url,
                             meta=_jsonable(extra)))
    return Parsed(doc, chunks)


_XLSX_COLS = {
    "question": ("问题", "提问", "question", "问"),
    "answer": ("答案", "回答", "解答", "答复", "answer", "答"),
    "source": ("来源", "出处", "source"),
    "source_url": ("链接", "网址", "source_url", "url"),
    "id": ("编号", "序号", "id"),
}


def _from_xlsx(path: Path, collection: str, ov: Overrides, base_id: str) -> list[Parsed]:
    """An .xlsx Q&A list: first sheet, header row with 问题 / 答案 columns."""
    import openpyxl

    fname = path.name
    try:
        from kb.io.safezip import ZipLimits, check_office_zip

        check_office_zip(path, ZipLimits.of_uploads(), kind="xlsx")
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a broken file
        raise DataError(f"不是有效的 .xlsx 文件: {e}", file=fname) from None
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    header_row = None
    cols: dict[str, int] = {}
    for r, row in enumerate(rows[:10], 1):
        names = [str(c).strip().lower() if c is not None else "" for c in row]
        found = {}
        for key, aliases in _XLSX_COLS.items():
            for j, nm in enumerate(names):
                if nm in aliases:
                    found[key] = j
                    break
        if "question" in found and "answer" in found:
            header_row, cols = r, found
            break
    if header_row is None:
        raise DataError("找不到表头：需要“问题”和“答案”两列", file=f"{fname}[{ws.title}]", row=1)
    recs = []
    for r, row in enumerate(rows[header_row:], header_row + 1):
        vals = {k: (row[j] if j < len(row) else None) for k, j in cols.items()}
        if all(v in (None, "") for v in vals.values()):
            continue
        recs.append((r, {k: _str(v) for k, v in vals.items() if v not in (None, "")}))
    if not recs:
        raise DataError("没有问答行", file=fname, row=header_row + 1)
    title = _str(ov.title) or path.stem
    return [_list_doc(recs, fname, collection, title, "", _str(ov.doc_id) or base_id, ov, "qa")]
