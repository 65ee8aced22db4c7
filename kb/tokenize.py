"""Chinese tokenisation, identical on the index side and the query side.

Pipeline: `kb.text.normalize` (NFKC, Traditional→Simplified, whitespace) →
lower-case → protected terms (dictionary words holding `·`, spaces, `%`, `-`
… that jieba's splitter would break, emitted whole) → jieba search mode
(`cut_for_search`, so a word inside a compound is found: 处理 in
待处理事项办结率) → plus the character bigrams of every CJK run, which make
near-identical names separable (某市三级医院床位数 vs 全市二三级医院床位数).

The user dictionary comes from the libraries themselves (indicator names,
units, synonyms) plus the domain terms below. Not for normalising names for
comparison (that is `kb.text.normalize_name`).
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

import jieba

from kb.text import normalize

jieba.setLogLevel(logging.WARNING)

# Domain terms every tokenizer knows, beyond the library's own names.
DOMAIN_TERMS = (
    "绩效目标", "绩效指标", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标",
    "时效指标", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象", "满意度", "完成率",
    "合格率", "达标率", "覆盖率", "知晓率", "到位率", "执行率", "发放率", "使用率", "利用率",
    "及时率", "准确率", "通过率", "验收合格率", "按期完成率", "受益", "受益人数", "人次", "万元",
    "预算执行率", "资金到位率", "办结率", "结案率", "就业率", "入学率", "巩固率", "接种率",
    "管理率", "控制率", "发生率", "故障率", "完好率", "出勤率", "参保率", "补助", "补贴", "资助",
    "培训", "维修", "修缮", "改造", "购置", "采购", "运维", "运行维护", "宣传", "课题", "调研",
    "助学金", "奖学金", "营养改善", "高标准农田", "农村公路", "危房改造", "老旧小区", "森林防火",
    "护林员", "公共卫生", "家庭医生", "签约服务", "法律援助", "社区矫正", "免费开放", "非遗",
    "疫苗", "防疫", "雾炮车", "降尘", "抑尘", "助餐", "养老服务", "残疾人", "康复", "低保", "特困",
    "优抚", "退役军人", "乡村振兴", "产业发展", "人居环境", "饮水安全", "防汛", "水土保持",
)

_PROTECT_CHARS = re.compile(r"[^\u4e00-\u9fd5a-z0-9+#&._%\-]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_RUN = re.compile(r"[a-z0-9]+(?:[.\-+][a-z0-9]+)*")
_HAS_LETTER = re.compile(r"[a-z]")
_KEEP = re.compile(r"[\u4e00-\u9fffa-z0-9]")


class Tokenizer:
    """jieba-based tokenizer with a per-instance user dictionary.

    Args:
        words: user-dictionary words (indicator names, units, synonyms …);
            the domain terms are always added.
        bigrams: also emit CJK character bigrams (default True).

    `tokens(text)` → list[str] (lower-case, normalised; duplicates kept, as
    term frequency). Thread-safe for concurrent `tokens` calls.
    """

    def __init__(self, words: Iterable[str] = (), *, bigrams: bool = True):
        self._jieba = _base_tokenizer_copy()
        self._bigrams = bigrams
        self._lock = threading.Lock()
        self.words: list[str] = []
        special: set[str] = set()
        seen: set[str] = set()
        for w in (*DOMAIN_TERMS, *words):
            w = normalize(w).lower()
            if not w or w in seen or len(w) > 40:
                continue
            seen.add(w)
            self.words.append(w)
            if _PROTECT_CHARS.search(w):
                if len(w) > 1:
                    special.add(w)
            else:
                self._jieba.add_word(w, freq=3000)
        self.special = sorted(special, key=len, reverse=True)
        self._special_re = (re.compile("|".join(re.escape(s) for s in self.special))
                            if self.special else None)

    def _cut(self, text: str) -> list[str]:
        with self._lock:
            return [t for t in self._jieba.cut_for_search(text, HMM=False) if _KEEP.search(t)]

    def cut_words(self, text: str | None) -> list[str]:
        """jieba search-mode words of `text` only (no bigrams), normalised and lower-cased."""
        t = normalize(text).lower()
        return self._cut(t) if t else []

    def tokens(self, text: str | None) -> list[str]:
        """Normalised search tokens of `text` (words, sub-words, CJK bigrams)."""
        t = normalize(text).lower()
        if not t:
            return []
        out: list[str] = []
        parts: list[str] = []
        if self._special_re is not None:
            pos = 0
            for m in self._special_re.finditer(t):
                parts.append(t[pos:m.start()])
                out.append(m.group())  # the whole protected term, plus its inner words below
                parts.append(m.group())
                pos = m.end()
            parts.append(t[pos:])
        else:
            parts.append(t)
        for p in parts:
            if not p.strip():
                continue
            out.extend(self._cut(p))
            # Latin terms inside Chinese names (PM2.5, VOCs, 5G): the run and its lettered parts
            for run in _LATIN_RUN.findall(p):
                if _HAS_LETTER.search(run):
                    out.append(run)
                    pieces = re.split(r"[.\-+]", run)
                    if len(pieces) > 1:
                        out.extend(x for x in pieces if _HAS_LETTER.search(x))
            if self._bigrams:
                for run in _CJK_RUN.findall(p):
                    out.extend(run[i:i + 2] for i in range(len(run) - 1))
        return out


@lru_cache(maxsize=1)
def _base_dict_loaded() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _base_tokenizer_copy() -> jieba.Tokenizer:
    """A jieba.Tokenizer sharing the loaded main dictionary, with its own user words.

    jieba keeps words in `FREQ`/`total`; copying the dict (≈350k entries, ~20 ms)
    is far cheaper than re-reading the dictionary file for every instance.
    """
    base = _base_dict_loaded()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(base.FREQ)
    tok.total = base.total
    tok.initialized = True
    return tok
