"""Typed errors of jixiao-kb.

Every error carries what a user needs to fix the input: the file, the row
(1-based, as a person counts rows in the file) and the field. The CLI turns a
`JixiaoError` into exit code 2 and one line; the HTTP service turns it into
422 (or 404 / 403 / 409 for the lookup, role and state errors), each in one
place (`service.app`).
"""
from __future__ import annotations


class JixiaoError(Exception):
    """Base class of all errors raised on purpose by jixiao-kb."""

    def one_line(self) -> str:
        """The error as one line for the CLI (no traceback)."""
        return str(self)


class DataError(JixiaoError):
    """A data file or input record is invalid.

    Attributes:
        file: path or name of the file (may be empty for in-memory input).
        row: 1-based row / line number in that file (0 when not row-bound).
        field: the offending field name (may be empty).
        message: what is wrong, in Chinese or English.
    """

    def __init__(self, message: str, *, file: str = "", row: int = 0, field: str = ""):
        self.file, self.row, self.field, self.message = file, row, field, message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ":".join(p for p in (self.file, str(self.row) if self.row else "") if p)
        parts = [p for p in (where, self.field) if p]
        return ": ".join(parts + [self.message])


class NotFound(JixiaoError):
    """A requested indicator, document or declaration does not exist (HTTP 404)."""


class Forbidden(JixiaoError):
    """The caller's role may not do this (HTTP 403), whatever the target."""


class Conflict(JixiaoError):
    """An illegal state transition or a conflicting write (HTTP 409)."""


class ConfigError(JixiaoError):
    """A setting is wrong, e.g. a model path that does not exist."""


class DataErrors(DataError):
    """Several problems in data files found in one validation pass (all-or-nothing loads).

    Attributes:
        errors: the individual DataErrors (at most the first 50), each with file/row/field;
        total: how many problems were found in all.
    The first error's file/row/field are this error's own; `one_line()` lists
    every error on its own line (`file:line: field: problem`), so a data author
    fixes them in one go.
    """

    def __init__(self, errors: list[DataError], *, total: int | None = None):
        self.errors = list(errors)
        self.total = total if total is not None else len(self.errors)
        first = self.errors[0]
        super().__init__(first.message, file=first.file, row=first.row, field=first.field)

    def one_line(self) -> str:
        if not getattr(self, "errors", None):
            return super().one_line()
        head = f"数据文件有 {self.total} 处错误" + ("(只列出前 %d 处)" % len(self.errors)
                                                  if self.total > len(self.errors) else "") + ":"
        return "\n".join([head] + [e.one_line() for e in self.errors])


class PayloadTooLarge(JixiaoError):
    """An uploaded file or a declaration's attachments pass the size limit (HTTP 413)."""


class UnsupportedType(JixiaoError):
    """An uploaded file's content is of a type we do not accept (HTTP 415)."""
