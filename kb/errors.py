"""Typed errors of jixiao-kb.

Every error carries what a user needs to fix the input: the file, the row
(1-based, as a person counts rows in the file) and the field. The CLI turns a
`JixiaoError` into exit code 2 and one line; the HTTP service turns it into
422 (or 404 / 403 / 409 for the lookup, role and state errors), each in one
place (`service.app`).
"""
from __future__ import annotations

from pathlib import Path


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


class Unavailable(JixiaoError):
    """The machine, not the input, stops the work: a full disk, a read-only folder, a database
    locked by another process or damaged (HTTP 503 with Retry-After; CLI exit 2, one line).

    Attributes: retry_after — seconds a client should wait before trying again.
    """

    def __init__(self, message: str, *, retry_after: int = 5):
        self.retry_after = retry_after
        super().__init__(message)


# (errno, or text in the driver's message) → what happened and what to do
_FAULTS = (
    ((28, 27, 122), ("database or disk is full", "disk i/o error", "no space left", "file too large"),
     "磁盘空间不足或写入失败，未保存；请清理磁盘空间后重试", 30),
    ((30, 13, 1), ("readonly database", "read-only", "permission denied", "unable to open database file"),
     "数据文件所在文件夹只读或没有写入权限，未保存；请检查数据目录（JIXIAO_HOME / JIXIAO_DATABASE_URL）的权限", 30),
    ((), ("database is locked", "database table is locked", "could not obtain lock", "deadlock detected"),
     "数据库正被其他进程占用，请稍后重试", 1),
    ((), ("malformed", "file is not a database", "disk image"),
     "数据库文件已损坏：知识库文件请运行 jixiao build --force 重建，工作流数据库请从备份恢复", 60),
    ((), ("connection refused", "could not connect", "server closed the connection", "connection timeout"),
     "无法连接数据库服务器，请稍后重试或检查 JIXIAO_DATABASE_URL", 5),
)


def fault_of(exc: BaseException) -> Unavailable | None:
    """The `Unavailable` a low-level exception means (sqlite3 / SQLAlchemy / psycopg / OSError:
    disk full, read-only, locked, damaged, unreachable), or None when it is something else.

    Looks through the exception's chain (`orig`, `__cause__`, `__context__`), so a SQLAlchemy
    OperationalError wrapping sqlite3's "database or disk is full" is recognised.
    """
    seen: set[int] = set()
    stack = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, Unavailable):
            return e
        errno = getattr(e, "errno", None) if isinstance(e, OSError) else None
        text = str(e).lower()
        looks_db = type(e).__module__.split(".")[0] in ("sqlite3", "sqlalchemy", "psycopg", "sqlite_utils")
        for errnos, words, message, retry in _FAULTS:
            if (errno is not None and errno in errnos) or ((looks_db or isinstance(e, OSError))
                                                           and any(w in text for w in words)):
                return Unavailable(message, retry_after=retry)
        stack.extend([getattr(e, "orig", None), e.__cause__, e.__context__])
    return None


def missing_kb(path) -> "ConfigError":
    """The one error for a KB file that does not exist: build it, or run where it was built (the data
    folder is ./var under the current directory unless JIXIAO_HOME says otherwise; a fresh user ran
    `jixiao suggest` from another folder and was told to build a KB that existed)."""
    return ConfigError(f"知识库文件不存在: {path}；请先运行 jixiao build，或回到构建时所在的目录运行"
                       "（数据目录默认为当前目录下的 var/，也可用环境变量 JIXIAO_HOME 指定）")


# why a file could not be written, in the user's words (errno → reason)
_WRITE_REASONS = {2: "所在文件夹不存在", 20: "路径中有一段不是文件夹", 17: "路径中有一段不是文件夹", 21: "这是一个文件夹，不是文件",
                  13: "没有写入权限", 1: "没有写入权限", 30: "所在位置只读", 28: "磁盘空间不足", 122: "磁盘空间不足",
                  36: "文件名太长", 27: "文件大小超过系统限制"}


def write_failure(e: OSError, path) -> DataError:
    """The `DataError` for a file that could not be written: what failed, in Chinese (never strerror)."""
    errno = getattr(e, "errno", None) or 0
    reason = _WRITE_REASONS.get(errno, "系统拒绝写入")
    if errno == 2 and Path(path).parent.is_dir():   # /proc/x.xlsx: the folder is there, new files are not allowed
        reason = "该文件夹不允许新建文件"
    return DataError(f"无法写入文件：{reason}", file=str(path))


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
