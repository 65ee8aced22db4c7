"""Suggest's part-of-speech cut (`kb.retrieval.postag`) against jieba's own, and what it loads."""
from __future__ import annotations

import json
import subprocess
import sys

from kb.domain.text import normalize
from tests.kbfactory import REPO, SHARED


def _dev_texts() -> list[str]:
    out = []
    for line in (SHARED / "declarations" / "dev.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        out += [normalize(rec.get("project_name") or ""), normalize(rec.get("description") or "")]
        out += [normalize(r.get("name") or "") for r in rec["indicators"]]
    return [t for t in out if t] + ["PM2.5浓度 年均 AB c1 2023.5万元", "a b  c\r\n1.5kg"]


def test_the_cut_equals_jieba_posseg_with_the_same_words_added():
    """Same words, same tags as `jieba.posseg.POSTokenizer(...).cut(text, HMM=False)` over jieba's whole
    dictionary with suggest's beneficiaries, verbs of the work and domain terms added."""
    import jieba.posseg as pseg

    from kb.domain.words import DOMAIN_TERMS
    from kb.retrieval.tokenize import _base_tokenizer_copy
    from kb.suggest.objects import CONDITION_WORDS, MISTAGGED_NOUNS, OBJECT_WORDS, ROAD_CLASSES, _pos_tokenizer
    from kb.suggest.words import BENEFICIARIES, WORK_VERBS

    tok = _base_tokenizer_copy()
    full = pseg.POSTokenizer.__new__(pseg.POSTokenizer)
    full.tokenizer, full.word_tag_tab = tok, dict(pseg.dt.word_tag_tab)
    # the words suggest's tokenizer adds, with its tags (objects, mistagged nouns, words of a thing's condition)
    for words, freq, tag in ((BENEFICIARIES, 5000, "n"), (ROAD_CLASSES, 5000, "n"), (OBJECT_WORDS, 5000, "n"),
                             (MISTAGGED_NOUNS, 5000, "n"), (CONDITION_WORDS, 5000, "b"), (WORK_VERBS, 3000, "v")):
        for w in words:
            tok.add_word(w, freq=freq)
            full.word_tag_tab[w] = tag
    for w in DOMAIN_TERMS:
        if w not in WORK_VERBS and w not in full.word_tag_tab:
            tok.add_word(w, freq=3000)
            full.word_tag_tab[w] = "n"
    full.word_tag_tab["村"] = "n"   # a place like 镇 and 乡 (jieba: zg); the tag only, no word added
    ours = _pos_tokenizer()
    texts = _dev_texts()
    assert len(texts) > 500
    for t in texts:
        assert ours.cut(t) == [(p.word, p.flag) for p in full.cut(t, HMM=False)], t


def test_reading_a_description_does_not_load_jiebas_dictionary_whole():
    """`jieba.posseg` reads jieba's dictionary file at import (seconds under load); a CLI suggest paid it twice."""
    code = ("import sys; from kb.suggest.objects import mentions; "
            "m = mentions('新建社区助餐点8个，惠及老年人1200人'); "
            "assert [x.obj for x in m] == ['社区助餐点', '老年人'], m; "
            "print('jieba.posseg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
