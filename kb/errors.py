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
