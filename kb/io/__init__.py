"""Files in and out: the indicator libraries (CSV), JSON Lines, 绩效目标表 tables
(.json / .jsonl / .csv / .xlsx) and the .xlsx export.

Readers validate against `kb.domain` and raise `kb.errors.DataError` naming
file, row and field; nothing is returned half-read. Not for the KB file
(`kb.store`) or for corpus documents (`kb.corpus.readers`).
"""
