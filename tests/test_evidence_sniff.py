"""Content sniffing, safe filenames and the zip guard (pure, no database)."""
from __future__ import annotations

import zipfile

import pytest

from kb.errors import DataError, PayloadTooLarge, UnsupportedType
from kb.evidence.sniff import check_extension, check_zip, safe_filename, sniff
from kb.settings import EvidenceSettings
from tests.evidence_fixtures import policy_docx, policy_pdf, write_vouchers_xlsx


def test_types_come_from_the_bytes(tmp_path):
    pdf, docx, xlsx = policy_pdf(tmp_path / "a"), policy_docx(tmp_path / "b"), write_vouchers_xlsx(tmp_path / "c")
    assert [sniff(p) for p in (pdf, docx, xlsx)] == ["pdf", "docx", "xlsx"]  # no extensions at all
    gbk = tmp_path / "d"
    gbk.write_bytes("日期,凭证号\n2024-06-01,记-1\n".encode("gb18030"))
    assert sniff(gbk, filename="凭证.csv") == "csv" and sniff(gbk, filename="说明") == "txt"
    jpg = tmp_path / "e"
    jpg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    assert sniff(jpg) == "jpg"
    elf = tmp_path / "f"
    elf.write_bytes(b"\x7fELF" + b"\x00" * 20)
    with pytest.raises(UnsupportedType, match="可执行程序"):
        sniff(elf)
    with pytest.raises(DataError, match="文件为空"):
        (tmp_path / "g").write_bytes(b"")
        sniff(tmp_path / "g")


def test_a_lying_extension_is_refused_and_a_missing_one_is_fine():
    check_extension("合同.pdf", "pdf")
    check_extension("合同", "pdf")
    check_extension("合同.JPEG", "jpg")
    for name, ftype in (("合同.docx", "pdf"), ("明细.xls", "xlsx"), ("照片.png", "jpg"), ("a.exe", "pdf")):
        with pytest.raises(DataError):
            check_extension(name, ftype)


@pytest.mark.parametrize("name,ftype,safe", [
    ("../../etc/passwd", "txt", "passwd.txt"),
    ("C:\\Users\\张三\\合同.pdf", "pdf", "合同.pdf"),
    ("验收报告<最终>?.pdf", "pdf", "验收报告_最终__.pdf"),
    ("  .hidden.pdf ", "pdf", "hidden.pdf"),
    ("", "docx", "附件.docx"),
    ("凭证\x00\r\n.xlsx", "xlsx", "凭证___.xlsx"),
    ("ｆｕｌｌｗｉｄｔｈ．ｐｄｆ", "pdf", "fullwidth.pdf"),
    ("说明.md", "txt", "说明.md"),
    ("a" * 300 + ".pdf", "pdf", "a" * 116 + ".pdf"),
])
def test_safe_filenames(name, ftype, safe):
    assert safe_filename(name, ftype) == safe


def test_zip_guard_counts_entries_and_unpacked_size(tmp_path):
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"xl/f{i}.xml", "x")
    with pytest.raises(PayloadTooLarge, match="30 个内部文件"):
        check_zip(many, EvidenceSettings(max_zip_entries=20))
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", b"x" * 5000)
    with pytest.raises(PayloadTooLarge, match="解压后"):
        check_zip(big, EvidenceSettings(max_unzipped_bytes=4000))
    check_zip(big, EvidenceSettings())
