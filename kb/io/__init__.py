"""Files in and out: the indicator libraries (CSV: `library`; Excel: `xlsx_library`), JSON Lines,
绩效目标表 tables (.json / .jsonl / .csv / .xlsx: `tables`), and .xlsx writing: the checked table
with findings (`xlsx`), the staff page's template (`xlsx_table`), and the cell helpers all of
them share (`xlsx_cells`: text-only cells, merged blocks, atomic save).

Readers validate against `kb.domain` and raise `kb.errors.DataError` naming
file, row and field; nothing is returned half-read. Not for the KB file
(`kb.store`) or for corpus documents (`kb.corpus.readers`).
"""
