"""The declaration checker: the rule catalog as rule units (detection + fields + fix), and rewrites.

Public API:
    check_declaration(decl, *, settings=None, lookup=None) -> CheckReport
    check_rows(rows, context=None, ...) -> CheckReport
    apply_fixes(decl, report) -> Declaration   (every suggestion applied)
    read_table(path), export_xlsx(decl, path, report=None)   (re-exported from `kb.io`)
    CheckFinding, Suggestion, CheckReport, TableInput, LookupCallable

The one check of the product (with the library lookup and citations) is
`KnowledgeBase.check`; this package is the rule catalog it runs.

The rules follow ../shared/data/rules/RULES.md (61 rules, ids kept); see
kb/checker/README.md for where and why we depart from it.
"""
from __future__ import annotations

from kb.checker.engine import LookupCallable, check_declaration, check_rows, summarize
from kb.domain.findings import CheckReport, CheckFinding, Suggestion
from kb.domain.schema import TableInput

__all__ = [
    "CheckReport", "CheckFinding", "LookupCallable", "Suggestion", "TableInput", "apply_fixes",
    "check_declaration", "check_rows", "export_xlsx", "read_table", "summarize",
]


def __getattr__(name: str):  # lazy: readers/export pull in openpyxl only when used
    if name == "read_table":
        from kb.io.tables import read_table
        return read_table
    if name == "apply_fixes":
        from kb.checker.fix import apply_fixes
        return apply_fixes
    if name == "export_xlsx":
        from kb.io.xlsx import export_xlsx
        return export_xlsx
    raise AttributeError(name)
