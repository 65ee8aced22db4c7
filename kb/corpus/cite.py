"""A rule's basis → exact citation into the stored corpora, by SQL alone.

`cite_basis(db, "财预〔2015〕88号《…》", "第八条")` finds the stored document
by 文号 or title and cites the article only where a stored chunk has it.
It reads two tables and needs no index, tokenizer or embedder, so
`jixiao check` cites without loading the corpora's search stack
(`Citations` is the checker's handle). Not for search (`kb.corpus.search`).
"""
from __future__ import annotations

import re
import threading

from kb.corpus.chunking import article_label
from kb.corpus.models import citation
from kb.corpus.readers import RE_DOC_NUMBER
from kb.corpus.store import CHUNKS, DOCS
from kb.domain.text import normalize


def cite_basis(db, doc_title_or_number: str, article: str | None = None) -> str | None:
    """Citation into the corpora for a rule's basis, or None when the document is not stored.

    `db`: the KB file (sqlite3 or sqlite-utils). `doc_title_or_number` may
    hold a 文号, a title, or both (e.g. '财预〔2015〕88号《中央部门预算绩效目标管理办法》');
    `article` may carry notes ('第八条（据记忆）' → 第八条). The article is cited
    only when a stored chunk of that document has it; otherwise the
    document alone is cited. Effective documents and full regulations are
    preferred.
    """
    s = normalize(doc_title_or_number or "")
    if not s:
        return None
    m = RE_DOC_NUMBER.search(s)
    number = m.group(0) if m else ""
    t = re.search(r"《([^》]+)》", s)
    title = t.group(1) if t else ("" if number else s)
    docs = db.execute(f"SELECT doc_id, doc_title, doc_number, status, kind FROM [{DOCS}]").fetchall()

    def key(d):
        return (d[3] == "repealed", {"regulation": 0, "card": 1}.get(d[4], 2), d[0])

    cands = [d for d in docs if number and normalize(d[2]) == number]
    if not cands and title:
        cands = [d for d in docs if normalize(d[1]) == title] or \
                [d for d in docs if len(title) >= 4 and (title in normalize(d[1]) or normalize(d[1]) in title)]
    if not cands:
        return None
    cands.sort(key=key)
    art = article_label(re.sub(r"[（(][^）)]*[）)]", "", article or "")) if article else None
    if art:
        for d in cands:
            row = db.execute(f"SELECT article FROM [{CHUNKS}] WHERE doc_id=? AND article=? LIMIT 1",
                             [d[0], art]).fetchone()
            if row:
                return citation(d[1], d[2], art, status=d[3], kind=d[4])
    d = cands[0]
    return citation(d[1], d[2], status=d[3], kind=d[4])


class Citations:
    """`cite_basis` over one open KB connection, serialised by a lock (shared by request threads)."""

    def __init__(self, db):
        self.db = db
        self._lock = threading.Lock()

    def cite_basis(self, doc_title_or_number: str, article: str | None = None) -> str | None:
        """See `cite_basis`."""
        with self._lock:
            return cite_basis(self.db, doc_title_or_number, article)
