"""Retrieval over any document set: tokenisation, BM25, dense vectors, one top-k,
reciprocal rank fusion, calibrated confidence, highlights, and the `Retriever`
that indicators and corpora both use.

Knows documents only as row numbers and texts; what a document is (an
indicator, a policy article) is the business of `kb.indicators` and
`kb.corpus`. Imports only `kb.domain`, `kb.errors` and `kb.settings`.
"""
