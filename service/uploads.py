"""Uploaded files on their way into `kb`: limits per route and a real file on disk.

`upload_limits(settings)` gives the body limit of each upload route
(`BodyLimit` in `service.app` refuses a larger body with 413 while it
streams in); `saved(upload)` copies a multipart file, already spooled by the
form parser, to a private temporary file in blocks and removes it afterwards,
so `kb` readers get a path and nothing holds the whole file in memory. Not
for checking the content (see `kb.evidence.sniff`).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from kb.settings import Settings

MULTIPART_SLACK = 1_000_000  # form fields and part headers around the file


def upload_limits(settings: Settings) -> list[tuple[re.Pattern, int]]:
    """(path pattern, body limit in bytes) of the routes that take files."""
    limit = settings.evidence.max_file_bytes + MULTIPART_SLACK
    return [(re.compile(r"^/v1/declarations/\d+/attachments/?$"), limit),
            (re.compile(r"^/v1/archive/import/?$"), limit)]


@contextmanager
def saved(upload: UploadFile) -> Iterator[Path]:
    """The uploaded file as a temporary file on disk (deleted on exit)."""
    fd, name = tempfile.mkstemp(prefix="jixiao-upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            upload.file.seek(0)
            shutil.copyfileobj(upload.file, out, 1 << 20)
        yield Path(name)
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass
