"""The indicator libraries as loaded from the KB file: the in-memory index
(`index`), lexical search (`search`), dense and hybrid search (`hybrid`) and
the one lookup of a declared row's library indicator (`lookup`).

Not for suggestion (`kb.suggest`) or checking (`kb.checker`).
"""
