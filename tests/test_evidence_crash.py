"""A kill -9 in the middle of an upload leaves no half-written row (SQLite and PostgreSQL).

A child process attaches a PDF through `kb.evidence.attachments.attach` with
1,000-byte chunks; after the third chunk row is written (inside the
transaction) it signals and waits; the test kills it with SIGKILL. Nothing
of the upload may remain — no blob, no chunk, no attachment, no passage, no
audit entry — and the database takes the same upload afterwards.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from sqlalchemy import func, select

from kb.evidence import attachments as ev
from kb.evidence.models import Attachment, AttachmentPassage, Blob, BlobChunk
from kb.lifecycle import declarations as decls
from kb.lifecycle import keys
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker
from kb.lifecycle.models import AuditEntry
from kb.lifecycle.schemas import DeclarationIn, KeyIn
from kb.settings import EvidenceSettings, Settings
from tests.evidence_fixtures import policy_pdf
from tests.lifecycle_fixtures import *  # noqa: F401,F403

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kb.evidence import attachments as ev
    from kb.lifecycle import keys
    from kb.lifecycle.db import get_sessionmaker
    from kb.settings import EvidenceSettings, Settings

    url, key, did, path, marker = sys.argv[1:6]
    settings = Settings(database_url=url, embedder="none", evidence=EvidenceSettings(chunk_bytes=1000))

    def progress(n):
        if n >= 3000:
            Path(marker).write_text(str(n))
            time.sleep(120)

    with get_sessionmaker(url)() as s:
        p = keys.authenticate(s, key)
        ev.attach(s, p, int(did), Path(path), "合同.pdf", "合同", settings=settings, progress=progress)
    print("finished")
""")


def _counts(url: str) -> dict[str, int]:
    with get_sessionmaker(url)() as s:
        out = {t.__tablename__: s.scalar(select(func.count()).select_from(t))
               for t in (Blob, BlobChunk, Attachment, AttachmentPassage)}
        out["audit"] = s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "attachment.create"))
        return out


def test_kill_9_during_an_upload_leaves_nothing(db_url, tmp_path):
    with get_sessionmaker(db_url)() as s:
        key = keys.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="青山区教育局", role="declarant")).key
        p = keys.authenticate(s, key)
        did = decls.declare(s, p, DeclarationIn(project_name="乡村道路修缮", year=2024, rows=[])).id
    pdf = policy_pdf(tmp_path / "合同.pdf")
    assert pdf.stat().st_size > 5000
    marker = tmp_path / "marker"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), db_url, key, str(did), str(pdf), str(marker)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the child never reached the third chunk"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert int(marker.read_text()) >= 3000  # three chunk rows were written when it died
    assert _counts(db_url) == {"blobs": 0, "blob_chunks": 0, "attachments": 0, "attachment_passages": 0, "audit": 0}
    # the database takes the same upload afterwards, whole
    settings = Settings(database_url=db_url, embedder="none", evidence=EvidenceSettings(chunk_bytes=1000))
    with get_sessionmaker(db_url)() as s:
        a = ev.attach(s, keys.authenticate(s, key), did, pdf, "合同.pdf", "合同", settings=settings)
    n = -(-pdf.stat().st_size // 1000)
    assert _counts(db_url) == {"blobs": 1, "blob_chunks": n, "attachments": 1,
                               "attachment_passages": a.passages, "audit": 1}


def test_the_same_new_content_stored_meanwhile_by_another_request_is_reused(db_url, tmp_path, monkeypatch):
    """The race of two uploads of one new file: the later one looked before the earlier one
    committed (simulated: its first look finds nothing), its INSERT then clashes; it takes the
    stored blob and its transaction goes on (an attachment row is written after it)."""
    from kb.evidence import blobs

    pdf = policy_pdf(tmp_path / "合同.pdf")
    maker = get_sessionmaker(db_url)
    with open(pdf, "rb") as f:
        d = blobs.digest(f)
    with maker() as s, s.begin(), open(pdf, "rb") as f:
        first = blobs.store_blob(s, f, d, "application/pdf", chunk_bytes=1000).id
    real, calls = blobs.find_blob, []

    def late_look(session, sha):
        calls.append(sha)
        return None if len(calls) == 1 else real(session, sha)

    monkeypatch.setattr(blobs, "find_blob", late_look)
    with maker() as s:
        key = keys.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="青山区教育局", role="declarant")).key
        did = decls.declare(s, keys.authenticate(s, key), DeclarationIn(project_name="乡村道路修缮", year=2024)).id
    with maker() as s, s.begin(), open(pdf, "rb") as f:
        again = blobs.store_blob(s, f, d, "application/pdf", chunk_bytes=1000)
        s.add(Attachment(declaration_id=did, unit_id=1, blob_id=again.id, stage="declaration", kind="contract",
                         filename="合同.pdf", file_type="pdf", mime="application/pdf", size=d.size, sha256=d.sha256,
                         indexed=False, index_note="", note=""))
    assert again.id == first and len(calls) == 2
    c = _counts(db_url)
    assert (c["blobs"], c["blob_chunks"], c["attachments"]) == (1, -(-d.size // 1000), 1)
