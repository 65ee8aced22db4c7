"""File downloads of the HTTP service: an .xlsx response with a Chinese file name.

Not for building the files (`kb.io.xlsx_table`, `kb.io.xlsx_library`).
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, name: str, ascii_name: str) -> Response:
    """An .xlsx download, never cached: `name` (may be Chinese) in the RFC 5987 form, `ascii_name` for old clients."""
    return Response(content=data, media_type=XLSX, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})
