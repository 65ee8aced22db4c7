"""佐证材料 through the HTTP API, on SQLite and (when configured) PostgreSQL.

Real documents (a .docx and a PDF made from the policy excerpts in
../shared/data/policies) are uploaded through unit A, found by a phrase of
their text with a citation, hidden from unit B (404), read by the
supervisor; limits (413), lying or foreign file types (422 / 415), dedup,
soft delete with audit, streamed download.
"""
from __future__ import annotations

import hashlib
import zipfile


from kb.settings import EvidenceSettings
from tests.evidence_fixtures import phrase, policy_docx, policy_pdf, quoted_articles
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import Env

ROWS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "道路修缮里程", "operator": "≥", "value": "12", "unit": "公里"},
    {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "operator": "=", "value": "100", "unit": "%"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "沿线群众满意度", "operator": "≥", "value": "90", "unit": "%"},
]


def declare(env: Env, who: str = "decl_a", *, name: str = "乡村道路修缮", approve: bool = False, **extra) -> int:
    body = {"project_name": name, "year": 2024, "budget_wan": 120, "rows": ROWS, **extra}
    r = env.client.post("/v1/declarations", json=body, headers=env.h(who))
    assert r.status_code == 201, r.text
    did = r.json()["id"]
    if approve:
        rev = "rev_a" if who.endswith("_a") else "rev_b"
        assert env.client.post(f"/v1/declarations/{did}/submit", headers=env.h(who)).status_code == 200
        r = env.client.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True}, headers=env.h(rev))
        assert r.json()["state"] == "approved", r.text
    return did


def upload(env: Env, did: int, path, kind: str, who: str = "decl_a", *, name: str | None = None, **form):
    with open(path, "rb") as f:
        return env.client.post(f"/v1/declarations/{did}/attachments", headers=env.h(who),
                               files={"file": (name or path.name, f)}, data={"kind": kind, **form})


def test_docx_upload_is_indexed_found_by_a_phrase_and_scoped(env: Env, tmp_path):
    did = declare(env)
    path = policy_docx(tmp_path / "绩效评价管理办法.docx")
    r = upload(env, did, path, "其他")
    assert r.status_code == 201, r.text
    a = r.json()
    assert {"id", "sha256", "size", "kind", "indexed"} <= set(a)
    assert a["kind"] == "其他" and a["kind_id"] == "other" and a["indexed"] is True
    assert a["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and a["size"] == path.stat().st_size
    assert a["file_type"] == "docx" and a["stage"] == "declaration"

    article = next(x for x in quoted_articles("03_caiyu_2020_10_pingjia_banfa.md") if x.startswith("第二条 本办法所称的绩效评价"))
    q = phrase(article)
    hits = env.client.get("/v1/attachments/search", params={"q": q}, headers=env.h("decl_a")).json()["hits"]
    assert hits, q
    top = hits[0]
    assert set(top) >= {"attachment_id", "declaration_id", "filename", "text", "citation"}
    assert (top["attachment_id"], top["declaration_id"], top["filename"]) == (a["id"], did, "绩效评价管理办法.docx")
    assert q in top["text"] and top["citation"] == "绩效评价管理办法.docx 第二条"

    # unit B: the declaration, the attachment, its bytes and its text do not exist
    for url in (f"/v1/declarations/{did}/attachments", f"/v1/attachments/{a['id']}", f"/v1/attachments/{a['id']}/content"):
        assert env.client.get(url, headers=env.h("decl_b")).status_code == 404
    assert upload(env, did, path, "合同", who="decl_b").status_code == 404
    assert env.client.delete(f"/v1/attachments/{a['id']}", headers=env.h("decl_b")).status_code == 404
    assert env.client.get("/v1/attachments/search", params={"q": q}, headers=env.h("decl_b")).json()["hits"] == []
    assert env.client.get("/v1/attachments/search", params={"q": q, "declaration_id": did},
                          headers=env.h("decl_b")).status_code == 404
    # the supervisor reads everything and writes nothing
    assert env.client.get("/v1/attachments/search", params={"q": q}, headers=env.h("sup")).json()["hits"][0]["attachment_id"] == a["id"]
    assert env.client.get(f"/v1/attachments/{a['id']}", headers=env.h("sup")).status_code == 200
    assert upload(env, did, path, "合同", who="sup").status_code == 403
    assert env.client.delete(f"/v1/attachments/{a['id']}", headers=env.h("sup")).status_code == 403


def test_pdf_hits_cite_the_page(env: Env, tmp_path):
    did = declare(env)
    path = policy_pdf(tmp_path / "意见.pdf")
    a = upload(env, did, path, "其他").json()
    assert a["indexed"] and a["passages"] >= 2
    # the sentence on 共性绩效指标框架 sits on the last page of the PDF
    from kb.corpus.readers import pdf_pages

    pages, _ = pdf_pages(path)
    page = next(i for i, t in enumerate(pages, 1) if "共性绩效指标框架" in t)
    assert page > 1
    hits = env.client.get("/v1/attachments/search", params={"q": "共性绩效指标框架"}, headers=env.h("decl_a")).json()["hits"]
    assert hits[0]["citation"] == f"意见.pdf 第{page}页" and "共性绩效指标框架" in hits[0]["text"]
    # traditional characters in the source are found with a simplified query
    hits = env.client.get("/v1/attachments/search", params={"q": "双监控"}, headers=env.h("decl_a")).json()["hits"]
    assert hits and hits[0]["citation"].startswith("意见.pdf 第")


def test_download_streams_the_exact_bytes_in_chunks(env: Env, tmp_path):
    did = declare(env)
    path = policy_pdf(tmp_path / "意见.pdf")
    data = path.read_bytes()
    env.client.app.state.settings.evidence.chunk_bytes = 1000  # several chunk rows for one small file
    try:
        a = upload(env, did, path, "合同").json()
    finally:
        env.client.app.state.settings.evidence.chunk_bytes = EvidenceSettings().chunk_bytes
    with env.session() as s:
        from sqlalchemy import select

        from kb.evidence.models import Blob, BlobChunk

        b = s.scalar(select(Blob).where(Blob.sha256 == a["sha256"]))
        sizes = [len(x) for x in s.scalars(select(BlobChunk.data).where(BlobChunk.blob_id == b.id).order_by(BlobChunk.seq))]
    assert b.chunks == len(sizes) == -(-len(data) // 1000) and max(sizes) == 1000
    r = env.client.get(f"/v1/attachments/{a['id']}/content", headers=env.h("decl_a"))
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"] == "application/pdf" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-disposition"] == "attachment; filename*=UTF-8''%E6%84%8F%E8%A7%81.pdf"
    assert env.client.get(f"/v1/attachments/{a['id']}/content", headers=env.h("sup")).content == data


def test_same_content_is_stored_once(env: Env, tmp_path):
    did = declare(env)
    did2 = declare(env, name="学校食堂改造")
    path = policy_pdf(tmp_path / "意见.pdf")
    first = upload(env, did, path, "合同")
    again = upload(env, did, path, "合同", name="副本.pdf")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["duplicate"] is True
    other_kind = upload(env, did, path, "验收报告").json()
    other_decl = upload(env, did2, path, "合同").json()
    assert len({first.json()["id"], other_kind["id"], other_decl["id"]}) == 3
    with env.session() as s:
        from sqlalchemy import func, select

        from kb.evidence.models import Blob

        assert s.scalar(select(func.count(Blob.id))) == 1
    listed = env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("rev_a")).json()["attachments"]
    assert [x["kind"] for x in listed] == ["合同", "验收报告"]


def test_file_and_declaration_size_limits_are_413(env: Env, tmp_path):
    did = declare(env)
    ev = env.client.app.state.settings.evidence
    path = policy_pdf(tmp_path / "意见.pdf")
    size = path.stat().st_size
    ev.max_file_bytes = size - 1
    try:
        r = upload(env, did, path, "合同")
        assert r.status_code == 413 and "上限" in r.json()["detail"]
    finally:
        ev.max_file_bytes = EvidenceSettings().max_file_bytes
    ev.max_declaration_bytes = size + 10
    try:
        assert upload(env, did, path, "合同").status_code == 201
        r = upload(env, did, policy_docx(tmp_path / "办法.docx"), "其他")
        assert r.status_code == 413 and "该申报的附件合计" in r.json()["detail"]
    finally:
        ev.max_declaration_bytes = EvidenceSettings().max_declaration_bytes
    with env.session() as s:
        from sqlalchemy import func, select

        from kb.evidence.models import Attachment

        assert s.scalar(select(func.count(Attachment.id))) == 1


def test_a_body_over_the_upload_limit_is_refused_while_streaming(env: Env, tmp_path):
    """The app's body limit for upload routes is the file limit plus multipart slack: a larger
    body gets 413 before the route runs, also when it is sent chunked (no Content-Length)."""
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings = env.settings.model_copy(update={"evidence": EvidenceSettings(max_file_bytes=10_000)})
    c = TestClient(create_app(settings))
    did = declare(env)
    big = b"%PDF-1.4\n" + b"0" * 1_200_000

    def chunks():
        boundary = b"--xyz"
        yield boundary + b'\r\nContent-Disposition: form-data; name="kind"\r\n\r\n\xe5\x90\x88\xe5\x90\x8c\r\n'
        yield boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        for i in range(0, len(big), 100_000):
            yield big[i:i + 100_000]
        yield b"\r\n" + boundary + b"--\r\n"

    r = c.post(f"/v1/declarations/{did}/attachments", headers={**env.h("decl_a"),
               "Content-Type": "multipart/form-data; boundary=xyz"}, content=chunks())
    assert r.status_code == 413
    r = c.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"),
               files={"file": ("a.pdf", big)}, data={"kind": "合同"})
    assert r.status_code == 413
    # a file just over the file limit but within the slack is refused by the exact check
    r = c.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"),
               files={"file": ("a.pdf", big[:10_001])}, data={"kind": "合同"})
    assert r.status_code == 413 and "单个文件上限 10000" in r.json()["detail"]


def test_a_renamed_file_lying_about_its_type_is_refused(env: Env, tmp_path):
    did = declare(env)
    pdf = policy_pdf(tmp_path / "意见.pdf")
    r = upload(env, did, pdf, "合同", name="合同.docx")
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "file"] and "与文件名后缀 .docx 不符" in r.json()["detail"][0]["msg"]
    exe = tmp_path / "x.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 500)
    r = upload(env, did, exe, "合同")
    assert r.status_code == 415 and "可执行程序" in r.json()["detail"]
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert upload(env, did, xls, "支出明细").status_code == 415
    zipped = tmp_path / "a.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("readme.txt", "not a document")
    assert upload(env, did, zipped, "其他").status_code == 415
    # a real PDF sent without an extension is kept and named .pdf
    r = upload(env, did, pdf, "合同", name="../../etc/合同 扫描件")
    assert r.status_code == 201 and r.json()["filename"] == "合同 扫描件.pdf"
    with env.session() as s:
        from sqlalchemy import func, select

        from kb.evidence.models import Attachment, Blob

        assert s.scalar(select(func.count(Attachment.id))) == 1 and s.scalar(select(func.count(Blob.id))) == 1


def test_a_zip_bomb_is_refused_before_it_is_opened(env: Env, tmp_path):
    did = declare(env)
    bomb = tmp_path / "明细.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    assert bomb.stat().st_size < 200_000
    r = upload(env, did, bomb, "支出明细")
    assert r.status_code == 422 and "压缩比异常" in r.json()["detail"][0]["msg"]


def test_images_are_stored_not_indexed_and_say_so(env: Env, tmp_path):
    did = declare(env)
    png = tmp_path / "现场.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64)
    a = upload(env, did, png, "现场照片", row=1).json()
    assert (a["indexed"], a["kind"], a["row"], a["file_type"]) == (False, "现场照片", 1, "png")
    assert "未建立文字索引" in a["index_note"]


def test_bad_kind_stage_or_row_is_422_naming_the_field(env: Env, tmp_path):
    did = declare(env)
    pdf = policy_pdf(tmp_path / "意见.pdf")
    for form, field in (({"kind": "发票"}, "kind"), ({"kind": "合同", "stage": "年中"}, "stage"),
                        ({"kind": "合同", "row": "9"}, "row")):
        r = env.client.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"),
                            files={"file": ("意见.pdf", pdf.read_bytes())}, data=form)
        assert r.status_code == 422, form
        d = r.json()["detail"][0]
        assert d["loc"] == ["body", field], d
    r = env.client.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"), data={"kind": "合同"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "file"]


def test_soft_delete_hides_the_file_and_is_audited(env: Env, tmp_path):
    did = declare(env)
    path = policy_docx(tmp_path / "办法.docx")
    a = upload(env, did, path, "其他").json()
    r = env.client.delete(f"/v1/attachments/{a['id']}", params={"reason": "误传"}, headers=env.h("decl_a"))
    assert r.status_code == 200 and r.json()["deleted_at"]
    assert env.client.get(f"/v1/attachments/{a['id']}", headers=env.h("decl_a")).status_code == 404
    assert env.client.get(f"/v1/attachments/{a['id']}/content", headers=env.h("decl_a")).status_code == 404
    assert env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a")).json()["attachments"] == []
    assert env.client.get("/v1/attachments/search", params={"q": "绩效评价"}, headers=env.h("decl_a")).json()["hits"] == []
    kept = env.client.get(f"/v1/declarations/{did}/attachments", params={"include_deleted": True},
                          headers=env.h("sup")).json()["attachments"]
    assert [x["id"] for x in kept] == [a["id"]]
    audit = env.client.get("/v1/admin/audit", params={"entity": "declaration", "entity_id": did},
                           headers=env.h("sup")).json()
    actions = [(x["action"], x["after"].get("attachment_id")) for x in audit if x["action"].startswith("attachment.")]
    assert actions == [("attachment.delete", a["id"]), ("attachment.create", a["id"])]
    delete = next(x for x in audit if x["action"] == "attachment.delete")
    assert delete["after"]["reason"] == "误传" and delete["before"]["filename"] == "办法.docx"
    # uploading it again after the deletion stores a new attachment
    assert upload(env, did, path, "其他").status_code == 201


def test_stage_defaults_to_where_the_declaration_is(env: Env, tmp_path):
    did = declare(env, approve=True)
    pdf = policy_pdf(tmp_path / "意见.pdf")
    a = upload(env, did, pdf, "合同").json()
    assert (a["stage"], a["stage_label"]) == ("monitoring", "事中监控")
    b = upload(env, did, pdf, "其他", stage="事前申报").json()
    assert b["stage"] == "declaration"


def test_openapi_documents_the_contract(env: Env):
    spec = env.client.get("/openapi.json").json()
    post = spec["paths"]["/v1/declarations/{decl_id}/attachments"]["post"]
    form = post["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    props = spec["components"]["schemas"][form]["properties"]
    assert {"file", "kind", "stage", "row"} <= set(props)
    for path in ("/v1/attachments/search", "/v1/archive/import", "/v1/declarations/{decl_id}/crosschecks",
                 "/v1/attachments/{att_id}/content", "/v1/archive/search"):
        assert path in spec["paths"]
    hit = spec["components"]["schemas"]["SearchHit"]["properties"]
    assert {"attachment_id", "declaration_id", "filename", "text", "citation"} <= set(hit)


def test_broken_files_are_422_never_500(env: Env, tmp_path):
    """Truncated or corrupted PDF / DOCX / XLSX files: a clear 4xx naming the file, nothing stored."""
    from tests.evidence_fixtures import write_vouchers_xlsx

    did = declare(env)
    good = {"pdf": policy_pdf(tmp_path / "a.pdf").read_bytes(), "docx": policy_docx(tmp_path / "a.docx").read_bytes(),
            "xlsx": write_vouchers_xlsx(tmp_path / "a.xlsx").read_bytes()}
    broken_xml = tmp_path / "broken.docx"
    with zipfile.ZipFile(tmp_path / "a.docx") as src, zipfile.ZipFile(broken_xml, "w") as dst:
        for i in src.infolist():
            data = src.read(i.filename)
            dst.writestr(i, data[: len(data) // 2] if i.filename == "word/document.xml" else data)
    cases = [(f"cut.{ext}", raw[: len(raw) // 2]) for ext, raw in good.items()]
    cases += [(f"noise.{ext}", raw[:8] + bytes(range(256)) * 20) for ext, raw in good.items()]
    cases.append(("broken.docx", broken_xml.read_bytes()))
    for name, raw in cases:
        r = env.client.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"),
                            files={"file": (name, raw)}, data={"kind": "其他"})
        assert r.status_code in (415, 422), (name, r.status_code, r.text)
    assert env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a")).json()["attachments"] == []


def test_plain_text_policy_is_indexed_and_cited_by_article(env: Env, tmp_path):
    did = declare(env)
    articles = quoted_articles("03_caiyu_2020_10_pingjia_banfa.md")
    txt = tmp_path / "评价办法.txt"
    txt.write_text("\n".join(articles), encoding="gb18030")
    a = upload(env, did, txt, "其他").json()
    assert (a["file_type"], a["indexed"], a["filename"]) == ("txt", True, "评价办法.txt")
    q = "提高财政资源配置效率和使用效益"
    hit = env.client.get("/v1/attachments/search", params={"q": q}, headers=env.h("decl_a")).json()["hits"][0]
    assert hit["citation"] == "评价办法.txt 第一条" and q in hit["text"]
    # a text file named .pdf lies about its type
    assert upload(env, did, txt, "其他", name="评价办法.pdf").status_code == 422
