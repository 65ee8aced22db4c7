"""Structure-aware chunking of corpus documents (pure functions, no I/O).

Regulations are cut by 章 / 节 / 第X条 (or numbered sections 一、二、 when a
text has no articles, or Markdown headings); an article longer than
`max_chars` is cut further by 款 (its paragraphs), then by 项 （一）（二）, then
by sentence, and every piece keeps its article label. Q&A lists are cut by
question and opinion lists by item (see `qa_units` / `item_units`).
Every chunk records [start, end) character offsets into the document text.

Not for reading files (see `kb.corpus.readers`) or indexing (see
`kb.corpus.store`). Terminology per Chinese legislative drafting: 条 article,
款 paragraph of an article, 项 the （一）（二） items of an article or 款.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

CN_NUM = "一二三四五六七八九十百千零〇两"
_NUM = rf"[{CN_NUM}\d]+"
RE_CHAPTER = re.compile(rf"^\s*(第{_NUM}章)\s*(.*)$")
RE_SECTION = re.compile(rf"^\s*(第{_NUM}节)\s*(.*)$")
RE_ARTICLE = re.compile(rf"^\s*(第{_NUM}条)(?:[\s　:：]|$)")
RE_ARTICLE_ANY = re.compile(rf"第{_NUM}条")
RE_NUMBERED = re.compile(rf"^\s*([{CN_NUM}]+)、")
RE_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
RE_ITEM = re.compile(rf"[（(]{_NUM}[)）]")
RE_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")

DEFAULT_MAX_CHARS = 600


@dataclass(frozen=True)
class TextUnit:
    """A structural unit before size-splitting: [start, end) in the text plus labels."""

    start: int
    end: int
    chapter: str = ""
    section: str = ""
    article: str | None = None
    clause: str | None = None
    item: str | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without newline) for every line of `text`."""
    out, pos = [], 0
    for ln in text.splitlines(keepends=True):
        out.append((pos, ln.rstrip("\r\n")))
        pos += len(ln)
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def article_label(raw: str | None) -> str | None:
    """Normalise an article label: '第七条(截断)' → '第七条'; '一、评价定义' kept; '' → None."""
    if raw is None:
        return None
    s = raw.strip()
    if not s:
        return None
    m = re.match(rf"^(第{_NUM}条)", s)
    if m:
        return m.group(1)
    s = re.sub(r"[（(][^）)]*[）)]\s*$", "", s).strip()
    return s or None


class _Cutter:
    """The state of `structure_units` while it walks the lines: units so far, the current chapter / section / unit."""

    def __init__(self, text: str):
        self.text, self.units = text, []
        self.chapter = self.section = ""
        self.cur: dict | None = None

    def close(self, end: int) -> None:
        cur = self.cur
        if cur is not None and not cur["label_only"]:
            s, e = _strip_span(self.text, cur["start"], end)
            if e > s:
                self.units.append(TextUnit(s, e, cur["chapter"], cur["section"], cur["article"]))
        self.cur = None

    def open(self, start: int, article: str | None, *, label_only: bool = False) -> None:
        """Start a unit at `start`; label_only: a heading / 章 / 节 line whose unit is dropped unless text follows."""
        self.cur = {"start": start, "chapter": self.chapter, "section": self.section, "article": article,
                    "label_only": label_only}

    def heading(self, off: int, h: re.Match) -> None:
        """A Markdown heading: a 章 / 节 / level-1 heading resets the labels, a 第X条 heading sets the article."""
        self.close(off)
        label = h.group(2).strip()
        level = len(h.group(1))
        m = RE_ARTICLE_ANY.search(label)
        if RE_CHAPTER.match(label):
            self.chapter, self.section = label, ""
        elif RE_SECTION.match(label):
            self.section = label
        elif level == 1:
            self.chapter, self.section = "", ""
        elif m:
            self.open(off, m.group(0), label_only=True)
            return
        elif level == 2:
            self.section = label
        else:
            self.section = label if not self.section else f"{self.section} / {label}"
        self.open(off, None, label_only=True)


def structure_units(text: str, *, headings: bool = True) -> list[TextUnit]:
    """Cut `text` into structural units (preamble, articles, headed sections).

    A new unit starts at a 第X章 / 第X节 line (which also sets the chapter /
    section label), a 第X条 line, a Markdown heading (`headings=True`; a
    heading that names 第X条 sets the article) and — only when the text has
    no 第X条 line — a numbered section 一、 at the start of a line.
    Returns units in text order covering all non-blank text.
    """
    lines = _lines(text)
    has_articles = any(RE_ARTICLE.match(ln) for _, ln in lines)
    c = _Cutter(text)
    for off, ln in lines:
        h = RE_HEADING.match(ln) if headings else None
        if h:
            c.heading(off, h)
            continue
        if RE_CHAPTER.match(ln) and len(ln.strip()) <= 40:
            c.close(off)
            c.chapter, c.section = ln.strip(), ""
            c.open(off, None, label_only=True)
            continue
        if RE_SECTION.match(ln) and len(ln.strip()) <= 40:
            c.close(off)
            c.section = ln.strip()
            c.open(off, None, label_only=True)
            continue
        m = RE_ARTICLE.match(ln)
        if m:
            c.close(off)
            c.open(off, m.group(1))
            continue
        m = RE_NUMBERED.match(ln) if not has_articles else None
        if m:
            c.close(off)
            s = ln.strip()
            c.open(off, s if len(s) <= 30 else f"{m.group(1)}、")
            continue
        if c.cur is None:
            c.open(off, None)
        if ln.strip():
            c.cur["label_only"] = False  # type: ignore[index]
    c.close(len(text))
    return c.units


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:end] as spans (款 of an article).

    A line that starts with a 项 marker （一） continues the preceding 款.
    """
    spans: list[tuple[int, int]] = []
    for off, ln in _lines(text[start:end]):
        s, e = _strip_span(text, start + off, start + off + len(ln))
        if e <= s:
            continue
        if spans and RE_ITEM.match(text, s):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _split_by(text: str, start: int, end: int, pattern: re.Pattern, *, at_start: bool) -> list[tuple[int, int]]:
    """Split [start, end) before each match of `pattern` (at_start) or after it."""
    cuts = [start]
    for m in pattern.finditer(text, start, end):
        p = m.start() if at_start else m.end()
        if start < p < end:
            cuts.append(p)
    cuts.append(end)
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        a, b = _strip_span(text, a, b)
        if b > a:
            spans.append((a, b))
    return spans


def _pack(spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Merge consecutive spans while the merged span stays ≤ max_chars."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and b - out[-1][0] <= max_chars:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def split_unit(text: str, unit: TextUnit, *, max_chars: int = DEFAULT_MAX_CHARS,
               label_clauses: bool = True) -> list[TextUnit]:
    """Cut one unit to pieces of ≤ max_chars (where the text allows).

    Order: 款 (paragraphs; labelled 第N款 when `label_clauses` and the unit
    is an article) → 项 （一）（二） → sentences. Pieces keep the unit's
    chapter / section / article. A unit that fits is returned unchanged.
    """
    if unit.end - unit.start <= max_chars:
        return [unit]
    paras = _paragraphs(text, unit.start, unit.end)
    out: list[TextUnit] = []
    is_article = label_clauses and unit.article is not None and len(paras) > 1
    if not is_article:
        paras = _pack(paras, max_chars)
    for n, (a, b) in enumerate(paras, 1):
        clause = f"第{_cn(n)}款" if is_article else unit.clause
        piece = replace(unit, start=a, end=b, clause=clause)
        if b - a <= max_chars:
            out.append(piece)
            continue
        items = _pack(_split_by(text, a, b, RE_ITEM, at_start=True), max_chars)
        for ia, ib in items:
            if ib - ia <= max_chars:
                out.append(replace(piece, start=ia, end=ib))
                continue
            for sa, sb in _pack(_split_by(text, ia, ib, RE_SENTENCE_END, at_start=False), max_chars):
                out.append(replace(piece, start=sa, end=sb))
    return out


def chunk_structure(text: str, *, max_chars: int = DEFAULT_MAX_CHARS, headings: bool = True,
                    label_clauses: bool = True) -> list[TextUnit]:
    """`structure_units` then `split_unit` on each: the chunks of a regulation or note."""
    out: list[TextUnit] = []
    for u in structure_units(text, headings=headings):
        out.extend(split_unit(text, u, max_chars=max_chars, label_clauses=label_clauses))
    return out


def _cn(n: int) -> str:
    """1..99 as Chinese numerals (款/项 labels)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cn_number(n: int) -> str:
    """Public alias of the numeral helper: 12 → '十二'."""
    return _cn(n)
