"""Excel (.xlsx) in and out for staff: the 绩效目标表 template (`table`) and the libraries (`library`).

Every cell we write is text (`cells.text_cell`): a value such as `=0次`
stays text and never becomes a formula. Not for reading declarations to
check them (see `kb.checker.readers`).
"""
