"""Write a small text PDF with Chinese lines (for ingestion tests; no PDF library needed).

The font is a Type0/Identity-H font with a ToUnicode CMap, which is what
real Chinese PDFs use and what pypdf reads when it extracts text. Glyphs are
not embedded (the file is for text extraction, not for viewing).
"""
from __future__ import annotations

from pathlib import Path


def _hexstr(codes: list[int]) -> str:
    return "<" + "".join(f"{c:04X}" for c in codes) + ">"


def make_pdf(path: Path, pages: list[list[str]], *, title: str | None = None) -> Path:
    """Write `pages` (each a list of text lines) to `path` as a PDF; returns the path."""
    chars = sorted({ch for page in pages for line in page for ch in line})
    cid = {ch: i + 1 for i, ch in enumerate(chars)}
    cmap_entries = [f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    blocks = []
    for a in range(0, len(cmap_entries), 100):
        part = cmap_entries[a:a + 100]
        blocks.append(f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar")
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")
    objs: dict[int, bytes] = {}
    # 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, 6 info, then page+content pairs
    objs[3] = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
    objs[4] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (Identity) /Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity >>")
    objs[5] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream"
    info_title = ""
    if title:
        info_title = "/Title <FEFF" + "".join(f"{b:02X}" for b in title.encode("utf-16-be")) + ">"
    objs[6] = f"<< {info_title} >>".encode("ascii")
    kids = []
    n = 7
    for page in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
        for line in page:
            ops.append(_hexstr([cid[ch] for ch in line]) + " Tj T*")
        ops.append("ET")
        content = "\n".join(ops).encode("ascii")
        objs[n + 1] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[n] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                   f"/Contents {n + 1} 0 R >>").encode("ascii")
        kids.append(n)
        n += 2
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode("ascii")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += f"{i} 0 obj\n".encode("ascii") + objs[i] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode("ascii")
    for i in range(1, size):
        out += f"{offsets[i]:010d} 00000 n \n".encode("ascii")
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    path = Path(path)
    path.write_bytes(bytes(out))
    return path
