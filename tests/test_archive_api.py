"""电子会计档案 through the HTTP API (SQLite and PostgreSQL): import a voucher export,
link to projects by name and code, file by category and period, search rows, all-or-nothing."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from kb.archive.models import ArchiveDocument, ArchiveEntry, ProjectCode
from tests.evidence_fixtures import PROJECT, PROJECT_CODE, voucher_rows, write_vouchers_csv, write_vouchers_xlsx
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import Env
from tests.test_evidence_api import declare


def imp(env: Env, path, who: str = "decl_a", **form):
    with open(path, "rb") as f:
        return env.client.post("/v1/archive/import", headers=env.h(who), files={"file": (path.name, f)}, data=form)


def test_voucher_export_is_imported_linked_and_filed(env: Env, tmp_path):
    did = declare(env)
    r = imp(env, write_vouchers_xlsx(tmp_path / "2024年记账凭证.xlsx"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["imported"] == 24 and out["category"] == "voucher" and out["category_label"] == "凭证"
    assert (out["period_start"], out["period_end"]) == ("2024-03-15", "2025-01-10")
    # the road project is linked by name (its code learned); the canteen project is not declared
    assert (out["linked"], out["unlinked"]) == (20, 4)
    [proj] = out["projects"]
    assert proj["project_name"] == PROJECT and proj["rows"] == 20
    assert proj["spending_yuan"] == 1_192_000.0  # 300,000 + 185,000 − 5,000 + 700,000 + 12,000, budget basis
    assert out["attachment_id"] is None
    with env.session() as s:
        assert s.scalar(select(ProjectCode.code)) == PROJECT_CODE
    # a later export naming the project by its code only is linked through the learned code
    rows = [[dt.date(2024, 11, 5), "记", 60, "支付道路维修检测费", "7201", "事业支出/项目支出/委托业务费", 8000, None,
             PROJECT_CODE, None],
            [None, None, None, "支付道路维修检测费", "8001", "资金结存", None, 8000, PROJECT_CODE, None]]
    out2 = imp(env, write_vouchers_csv(tmp_path / "11月凭证.csv", rows)).json()
    assert out2["linked"] == 2 and out2["projects"][0]["spending_yuan"] == 8000.0
    docs = env.client.get("/v1/archive/documents", params={"category": "凭证"}, headers=env.h("decl_a")).json()["documents"]
    assert [(d["filename"], d["period_start"], d["period_end"]) for d in docs] == [
        ("2024年记账凭证.xlsx", "2024-03-15", "2025-01-10"), ("11月凭证.csv", "2024-11-05", "2024-11-05")]
    assert env.client.get("/v1/archive/documents", headers=env.h("decl_b")).json()["documents"] == []
    with env.session() as s:
        assert s.scalar(select(func.count(ArchiveEntry.id)).where(ArchiveEntry.project_id.is_not(None))) == 22
    assert did


def test_row_level_search_by_period_words_and_category(env: Env, tmp_path):
    declare(env)
    imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx"))
    r = env.client.get("/v1/archive/search", params={"q": "2024年6月 维修费 凭证"}, headers=env.h("decl_a")).json()
    assert (r["period_start"], r["period_end"], r["category"], r["terms"]) == ("2024-06-01", "2024-06-30", "voucher", "维修费")
    hits = r["hits"]
    assert {h["voucher_no"] for h in hits} == {"记-23", "记-35"}  # June's road repairs; not 食堂设备, not March
    assert all(h["date"].startswith("2024-06") for h in hits)
    h = next(x for x in hits if x["voucher_no"] == "记-23" and x["account"].startswith("事业支出"))
    assert h["debit_yuan"] == 185000.0 and h["citation"] == "凭证.xlsx 工作表“记账凭证” 第10行 · 记-23 2024-06-12"
    # other units see nothing; the supervisor sees it
    assert env.client.get("/v1/archive/search", params={"q": "维修费"}, headers=env.h("decl_b")).json()["hits"] == []
    assert env.client.get("/v1/archive/search", params={"q": "维修费"}, headers=env.h("sup")).json()["hits"]
    # the original file is kept and downloadable, unit-scoped
    doc = env.client.get("/v1/archive/documents", headers=env.h("decl_a")).json()["documents"][0]
    raw = env.client.get(f"/v1/archive/documents/{doc['id']}/content", headers=env.h("decl_a"))
    assert raw.status_code == 200 and raw.content == (tmp_path / "凭证.xlsx").read_bytes()
    assert env.client.get(f"/v1/archive/documents/{doc['id']}/content", headers=env.h("decl_b")).status_code == 404


def test_import_is_all_or_nothing_with_row_and_column(env: Env, tmp_path):
    declare(env)
    rows = voucher_rows()
    rows[6][6] = "18.5万"   # file row 10, 借方金额
    rows[20][0] = "2024-09-31"  # file row 24, 凭证日期
    r = imp(env, write_vouchers_xlsx(tmp_path / "凭证.xlsx", rows))
    assert r.status_code == 422
    msg = r.json()["detail"][0]["msg"]
    assert msg == ("凭证.xlsx: 第10行 借方金额: “18.5万”不是金额（以元为单位的数字）；"
                   "第24行 凭证日期: “2024-09-31”不是有效日期")
    with env.session() as s:
        for t in (ArchiveDocument, ArchiveEntry, ProjectCode):
            assert s.scalar(select(func.count()).select_from(t)) == 0


def test_amounts_in_wan_are_refused(env: Env, tmp_path):
    header = ["日期", "凭证号", "摘要", "科目", "借方金额(万元)", "贷方金额(万元)", "项目名称"]
    r = imp(env, write_vouchers_csv(tmp_path / "凭证.csv", [["2024-06-01", "1", "维修", "事业支出", "1", "", PROJECT]],
                                    header=header))
    assert r.status_code == 422 and "第2行 借方金额(万元): 金额须以元为单位" in r.json()["detail"][0]["msg"]


def test_same_file_twice_is_not_imported_twice(env: Env, tmp_path):
    declare(env)
    path = write_vouchers_xlsx(tmp_path / "凭证.xlsx")
    assert imp(env, path).status_code == 201
    r = imp(env, path)
    assert r.status_code == 200 and r.json()["imported"] == 0 and r.json()["duplicate"] is True
    # another unit importing the same bytes files its own copy
    assert imp(env, path, who="decl_b").json()["imported"] == 24


def test_import_with_declaration_attaches_the_file_and_links_unnamed_rows(env: Env, tmp_path):
    did = declare(env, name="农村公路养护")
    rows = [[dt.date(2024, 5, 6), "记", 11, "支付养护费", "7201", "事业支出/项目支出/维修(护)费", 30000, None, "GL-01", "公路养护"],
            [None, None, None, "支付养护费", "8001", "资金结存", None, 30000, "GL-01", "公路养护"]]
    out = imp(env, write_vouchers_xlsx(tmp_path / "养护凭证.xlsx", rows), declaration_id=str(did)).json()
    assert out["linked"] == 2 and out["projects"][0]["project_name"] == "农村公路养护"
    att = env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a")).json()["attachments"]
    assert [(a["id"], a["kind"], a["filename"]) for a in att] == [(out["attachment_id"], "会计凭证", "养护凭证.xlsx")]
    hits = env.client.get("/v1/attachments/search", params={"q": "养护费"}, headers=env.h("decl_a")).json()["hits"]
    assert {h["citation"] for h in hits} == {"养护凭证.xlsx 工作表“记账凭证” 第4行 · 记-11 2024-05-06",
                                             "养护凭证.xlsx 工作表“记账凭证” 第5行 · 记-11 2024-05-06"}
    # the declaration may also be named in the query string
    with open(write_vouchers_xlsx(tmp_path / "养护凭证2.xlsx", [rows[0][:6] + [40000, None, "GL-01", "公路养护"]]), "rb") as f:
        r = env.client.post("/v1/archive/import", params={"declaration_id": did}, headers=env.h("decl_a"),
                            files={"file": ("养护凭证2.xlsx", f)})
    assert r.status_code == 201 and r.json()["attachment_id"] and r.json()["linked"] == 1
    # another unit may not import into this declaration
    assert imp(env, write_vouchers_xlsx(tmp_path / "b.xlsx", rows), who="decl_b",
               declaration_id=str(did)).status_code == 404
    assert imp(env, write_vouchers_xlsx(tmp_path / "c.xlsx", rows), who="sup").status_code == 403


def test_ledgers_and_reports_are_filed_by_category_and_period(env: Env, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入费用表"
    ws.append(["收入费用表"])
    ws.append(["编制单位：青山区教育局", None, "2024年第二季度"])
    ws.append(["项目", "行次", "本月数", "本年累计数"])
    ws.append(["业务活动费用", 1, 185000, 485000])
    path = tmp_path / "收入费用表.xlsx"
    wb.save(str(path))
    out = imp(env, path).json()
    assert (out["category"], out["period_start"], out["period_end"], out["imported"]) == ("report", "2024-04-01", "2024-06-30", 4)
    hits = env.client.get("/v1/archive/search", params={"q": "2024年5月 报表 业务活动费用"}, headers=env.h("decl_a")).json()["hits"]
    assert hits[0]["citation"] == "收入费用表.xlsx 工作表“收入费用表” 第4行"
    assert "485000" in hits[0]["text"]
    out = imp(env, write_vouchers_csv(
        tmp_path / "明细账.csv", [["2024-06-01", "1", "维修", "", "", "", "", "", "", ""]],
        header=["日期", "凭证号", "摘要", "借方", "贷方", "余额", "", "", "", ""]), period="2024-06").json()
    assert (out["category"], out["period_start"]) == ("ledger", "2024-06-01")


def test_a_word_file_is_not_an_accounting_archive(env: Env, tmp_path):
    from tests.evidence_fixtures import policy_docx, policy_pdf

    did = declare(env)
    r = imp(env, policy_docx(tmp_path / "2024年凭证说明.docx"), declaration_id=str(did))
    assert r.status_code == 415, r.text
    assert "电子会计档案只接受" in r.json()["detail"] and ".xlsx" in r.json()["detail"]
    assert env.client.get("/v1/archive/documents", headers=env.h("decl_a")).json()["documents"] == []
    assert env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a")).json()["attachments"] == []
    # a report fixed as PDF is still filed
    assert imp(env, policy_pdf(tmp_path / "2024年收入费用表.pdf")).status_code == 201


def test_an_import_adding_no_line_is_no_evidence(env: Env, tmp_path):
    did = declare(env)
    first = imp(env, write_vouchers_xlsx(tmp_path / "全年凭证.xlsx"), declaration_id=str(did)).json()
    assert first["imported"] == 24 and first["attachment_id"]
    # the same vouchers in another file (a CSV export): every line is known, nothing new is imported
    again = imp(env, write_vouchers_csv(tmp_path / "全年凭证.csv"), declaration_id=str(did))
    assert again.status_code == 201, again.text
    out = again.json()
    assert out["imported"] == 0 and out["attachment_id"] is None and not out["duplicate"]
    assert "未作为该申报的佐证材料" in out["warnings"][-1]
    att = env.client.get(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a")).json()["attachments"]
    assert [a["id"] for a in att] == [first["attachment_id"]]
    checks = env.client.get(f"/v1/declarations/{did}/crosschecks", headers=env.h("decl_a")).json()
    assert checks["attachments"] == 1


def test_a_stray_far_cell_in_a_voucher_xlsx_is_named(env: Env, tmp_path):
    """A 2-row voucher export with a stray value at XFD1048576 was refused as "工作表行数超过上限 200000"."""
    import openpyxl

    path = write_vouchers_xlsx(tmp_path / "2024年记账凭证.xlsx", voucher_rows()[:2])
    wb = openpyxl.load_workbook(path)
    wb.active["XFD1048576"] = "x"
    wb.save(path)
    r = imp(env, path)
    assert r.status_code == 422, r.text
    assert "单元格 XFD1048576 超出可读取的范围" in r.text and "行数超过上限" not in r.text, r.text

