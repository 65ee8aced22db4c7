"""Chinese text normalisation shared by indexing, querying, checking and eval.

What it does: NFKC (全角→半角), Traditional→Simplified, whitespace folding
(`normalize`) or removal (`compact`, the checker's fast path), template
brackets dropped (`plain_name`: 〔培训对象〕培训人次 → 培训对象培训人次), and
the name normalisation + character-bigram Dice used to judge whether a
suggested indicator matches a real one. Not for segmentation (see
`kb.retrieval.tokenize`).

Traditional→Simplified uses OpenCC's character table (TSCharacters, from the
`opencc-python-reimplemented` package) compiled into a `str.translate` map:
one C-level pass per string instead of OpenCC's per-call phrase matching
(~1 µs vs ~25 µs), which keeps the checker above 20,000 rows/s.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

_WS = re.compile(r"\s+")
# punctuation and symbols dropped by `normalize_name` (ASCII + CJK + fullwidth after NFKC)
_PUNCT = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                    r"!-/:-@\[-`{-~·•‧、。，；：？！“”‘’（）《》〈〉【】〔〕…—–]+")


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    import opencc  # the package ships the dictionaries as text files

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        src, dst = parts[0], parts[1].split(" ")[0]
        if len(src) == 1 and src != dst:
            table[ord(src)] = dst
    return table


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese, character by character (OpenCC table); a text without a
    Traditional character (`has_traditional`, most texts) is returned as it is, without the per-character map."""
    return text.translate(_t2s_table()) if has_traditional(text) else text


def has_traditional(text: str) -> bool:
    """Whether `text` holds a character of the Traditional → Simplified table (`_t2s_table`).

    One regular-expression scan over the table's characters of the Basic Multilingual Plane (a
    compiled character set, no object per character as a set test makes), the few beyond it tested
    only when the text holds such a character."""
    return (_TRAD_SEARCH or _trad_search())(text)


_TRAD_SEARCH: Any = None


def _trad_search() -> Any:
    global _TRAD_SEARCH
    chars = _traditional()
    # the set beyond U+FFFF would turn the whole class into a slow list of ranges: kept apart
    bmp = re.compile("[" + "".join(re.escape(c) for c in sorted(chars) if ord(c) <= 0xFFFF) + "]").search
    if any(ord(c) > 0xFFFF for c in chars):
        astral = re.compile("[\U00010000-\U0010FFFF]").search

        def search(t: str) -> bool:
            return bmp(t) is not None or (astral(t) is not None and not chars.isdisjoint(t))
    else:
        def search(t: str) -> bool:
            return bmp(t) is not None
    _TRAD_SEARCH = search
    return search


# full-width digits, Latin letters, ％ ＞ ＝ ＜ and the other ASCII forms (U+FF01–FF5E), and the ideographic space: what
# the checker's TXT-01 asks to write half-width in 运算符 / 指标值 / 计量单位 (the budget system's import refuses
# them), and what a table writer converts (`halfwidth`) — one class, read by both
FULLWIDTH_RE = re.compile(r"[\uFF01-\uFF5E\u3000]")


def halfwidth(text: str) -> str:
    """`text` with each full-width character of `FULLWIDTH_RE` (TXT-01's) in its half-width form (NFKC: １２ → 12,
    ＞ → >, ％ → %, U+3000 → space); every other character as it is (㎡, ℃ and Chinese are kept). A table writer
    puts 运算符 / 指标值 / 计量单位 through it: the export wrote “≥１２” (trial 9)."""
    return FULLWIDTH_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text) if text else text


# characters a person cannot see that change what a text is: zero-width spaces and joiners, bidi
# controls (RLO can reverse what is shown), the BOM, NUL and other C0/C1 controls (not tab/newline)
INVISIBLE_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160"
                          "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]")


# emoji and pictographs (😀 🏠 ☀ ✅ ⭐): no part of an indicator's name, value or unit. ★☆ (template marks,
# cleaned as placeholders), ①…⑳ and ❶…➓ (numbering) and ℃ ㎡ ‰ (units) are not among them
PICTOGRAPH_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u2604\u2607-\u26FF\u2700-\u2775\u2794-\u27BF"
                           "\u231A\u231B\u23E9-\u23FA\u2B50\u2B55\u2B1B\u2B1C\u20E3]")
# either of the two above (one search tells whether a text holds any character to strip)
INVISIBLE_OR_PICTOGRAPH_RE = re.compile(f"{INVISIBLE_RE.pattern}|{PICTOGRAPH_RE.pattern}")
# a run of white space between two Latin words, or a Latin word and a number (LED street lights, 5G 基站 no):
# one space stays there, every other white space goes
_LATIN_GAP_RE = re.compile(r"[\s\u3000]+")


def tidy_spaces(text: str) -> str:
    """`text` without white space, except one space between two Latin words or a Latin word and a
    number (`LED  street lights` → `LED street lights`, `≥ 500 个` → `≥500个`, `12 500` → `12500`)."""
    if not text:
        return text

    def gap(m: re.Match) -> str:
        a = text[m.start() - 1] if m.start() else ""
        b = text[m.end()] if m.end() < len(text) else ""
        if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and (a.isalpha() or b.isalpha()):
            return " "
        return ""
    return _LATIN_GAP_RE.sub(gap, text)


def strip_pictographs(text: str) -> str:
    """`text` without emoji and pictographs (`PICTOGRAPH_RE`) and the joiners between them."""
    return PICTOGRAPH_RE.sub("", text).replace("\u200d", "").replace("\ufe0f", "") if text else text


def strip_invisible(text: str) -> str:
    """`text` without zero-width characters, bidi controls, the BOM, NUL and other control
    characters (tab and line breaks are kept; emoji and every visible character too)."""
    return INVISIBLE_RE.sub("", text) if text else text


def invisible_chars(text: str) -> list[str]:
    """The invisible characters in `text` as code points ('U+200B'), in order of appearance."""
    return [f"U+{ord(c):04X}" for c in INVISIBLE_RE.findall(text or "")]


def normalize(text: str | None) -> str:
    """NFKC + Traditional→Simplified + invisible characters removed + whitespace folded
    to one space, stripped.

    `２０２４年完成率达到９５％` → `2024年完成率达到95%`; `群眾滿意度` → `群众满意度`.
    Length may change (NFKC can expand ligatures), so offsets into the original
    text must come from `normalize_with_offsets`. Short texts (names, units,
    labels: the same few thousand come back in every suggest and check) are
    remembered (`_normalize_short`).
    """
    if not text:
        return ""
    if type(text) is str and len(text) <= MEMO_MAX_CHARS:
        return _normalize_short(text)
    return _normalize(str(text))


# texts up to this length are normalised once and remembered (at most MEMO_SIZE of them)
MEMO_MAX_CHARS = 48
MEMO_SIZE = 32768


def _normalize(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = to_simplified(t)
    if INVISIBLE_RE.search(t):
        t = INVISIBLE_RE.sub("", t)
    return _WS.sub(" ", t).strip()


_normalize_short = lru_cache(maxsize=MEMO_SIZE)(_normalize)


def compact(s: str) -> tuple[str, bool]:
    """(NFKC + Traditional→Simplified + all whitespace removed, whether Traditional characters were seen).

    The same result as `normalize` without spaces, several times faster: the
    character table is applied only when a Traditional character occurs.
    """
    if not s:
        return "", False
    t = s if s.isascii() else unicodedata.normalize("NFKC", s)
    trad = (_TRAD_SEARCH or _trad_search())(t)
    if trad:
        t = t.translate(_t2s_table())
    if " " in t or "\t" in t or "\n" in t or "\r" in t or "\u3000" in t or not t.isprintable():
        t = INVISIBLE_RE.sub("", "".join(t.split()))
    return t, trad


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(chr(k) for k in _t2s_table())


def plain_name(name: str) -> str:
    """An indicator name with its template brackets dropped, slot label kept (〔服务对象〕满意度 → 服务对象满意度)."""
    return name.replace("〔", "").replace("〕", "")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise per character and keep, for each output char, its index in `text`.

    Returns (normalised, offsets) with `len(offsets) == len(normalised)`; used to
    map highlight spans found in normalised text back to the original string.
    Whitespace is kept (not folded) so offsets stay simple.
    """
    out: list[str] = []
    offs: list[int] = []
    table = _t2s_table()
    for i, ch in enumerate(text):
        if INVISIBLE_RE.match(ch):  # dropped as `normalize` drops it; offsets still point into `text`
            continue
        n = unicodedata.normalize("NFKC", ch).translate(table)
        for c in n:
            out.append(c)
            offs.append(i)
    return "".join(out), offs


def normalize_name(text: str | None) -> str:
    """Normalisation used for comparing indicator names (eval, de-duplication).

    NFKC, Traditional→Simplified, then all whitespace and punctuation dropped,
    lower-cased. This is exactly the normalisation the evaluation definition of
    the knowledge-base issue prescribes.
    """
    if type(text) is str and len(text) <= MEMO_MAX_CHARS:
        return _normalize_name_short(text)
    return _normalize_name(text)


def _normalize_name(text: str | None) -> str:
    return _PUNCT.sub("", normalize(text)).lower()


_normalize_name_short = lru_cache(maxsize=MEMO_SIZE)(_normalize_name)


_SLOT = re.compile(r"〔[^〕]*〕")


def slot_free_key(name: str | None) -> str:
    """`normalize_name` of a name with its template slots dropped (〔培训对象〕培训人次 → 培训人次).

    The key a declared row's name is looked up by in the libraries
    (`kb.indicators.lookup`); stored per indicator by the build.
    """
    return normalize_name(_SLOT.sub("", name or ""))


def slot_free_key_unmemoised(name: str) -> str:
    """`slot_free_key` computed without its two text memos, for a caller that keeps the keys itself
    (`kb.indicators.lookup`): a name met once would only push remembered names out of them."""
    if not name:
        return ""
    t = _SLOT.sub("", name) if "〔" in name else name
    if not t:
        return ""
    # `_normalize` without its folding of white space: `_PUNCT` drops every white space character anyway
    t = to_simplified(unicodedata.normalize("NFKC", t))
    if INVISIBLE_RE.search(t):
        t = INVISIBLE_RE.sub("", t)
    return _PUNCT.sub("", t).lower()


def bigrams(text: str) -> list[str]:
    """Character bigrams of `text` (a 1-char string yields itself once)."""
    if len(text) < 2:
        return [text] if text else []
    return [text[i:i + 2] for i in range(len(text) - 1)]


def bigram_dice(a: str, b: str, *, normalized: bool = False) -> float:
    """Character-bigram Dice coefficient in [0, 1] of two indicator names.

    Multiset Dice: 2·|A∩B| / (|A|+|B|) over bigram multisets of the
    `normalize_name` forms (pass normalized=True if already normalised).
    """
    if not normalized:
        a, b = normalize_name(a), normalize_name(b)
    A, B = bigrams(a), bigrams(b)
    if not A or not B:
        return 0.0
    from collections import Counter

    ca, cb = Counter(A), Counter(B)
    inter = sum(min(v, cb[k]) for k, v in ca.items() if k in cb)
    return 2.0 * inter / (len(A) + len(B))


# the punctuation that ends a clause: a number's object never reaches across it (`kb.suggest.objects`), nor does a
# clause of the setting (`kb.domain.setting`)
CLAUSE_PUNCT = re.compile(r"[,，。;；、:：()（）\[\]【】\s“”\"'《》!！?？…/\\|]")
# the punctuation that ends a sentence (a setting's sentence runs on over commas; a comparison's sentence too)
SENTENCE_END = re.compile(r"[。;；!！?？]")


def longest_shared_run(a: str, b: str) -> int:
    """The length (characters) of the longest run of `a` that `b` also writes, 0 when none: how much of a row's name a
    clause or description states in one piece (“疫木处置完成时间” in “疫木处置于2026年3月底前完成” → 4). Used by suggest's
    after-ranking passes (`kb.suggest.deadline_clause`, `kb.suggest.fill`)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best
