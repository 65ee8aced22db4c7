"""What the staff page relies on, without a browser: the page and offline docs, /v1/me, search facets,
training links on the card, the 绩效目标表 export and the document reader."""
from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kb.domain.schema import parse_training_link
from kb.io.tables import read_table
from kb.io.xlsx_table import TableRow, TargetTable, value_with_operator, write_table
from kb.knowledge import build
from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker, upgrade
from kb.lifecycle.schemas import KeyIn
from service.app import create_app
from tests.kbfactory import make_kb, write_library

UNIT, OTHER = "青山区教育局", "区卫生健康局"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """A client over a small KB (basic + UNIT's library), keys of UNIT and OTHER, with the shipped corpora."""
    tmp = tmp_path_factory.mktemp("webapi")
    write_library(tmp / "indicators", [
        {"name": "校舍维修面积", "unit_name": UNIT, "level2": "数量指标", "unit": "平方米", "category": "后勤"},
        {"name": "校舍安全检查覆盖率", "unit_name": UNIT, "unit": "%", "category": "后勤"},
    ], file="units/unit.csv")
    from kb.settings import REPO_ROOT

    kb = make_kb(tmp, [
        {"name": "校舍维修合格率", "unit": "%", "category": "修缮类", "sector": "教育",
         "training": "校舍维修验收讲解 /static/training/x.mp4|评分标准说明 https://intranet.example/a.pdf"},
        {"name": "学生资助满意度", "level1": "满意度指标", "level2": "服务对象满意度指标", "unit": "%",
         "category": "资助类", "sector": "教育"},
        {"name": "维修工程按期完成率", "level2": "时效指标", "unit": "%", "category": "修缮类", "sector": "住房城乡建设"},
    ])
    settings = kb.settings.model_copy(update={"auth_required": True, "corpora_dir": REPO_ROOT / "corpora"})
    build(settings)  # adds the shipped policy cards and Q&A to the KB file
    upgrade(settings.resolved_database_url())
    keys = {}
    with get_sessionmaker(settings.resolved_database_url())() as s:
        for who, unit, role in (("a", UNIT, "declarant"), ("b", OTHER, "declarant"), ("sup", "区财政局", "supervisor"),
                                ("ua", UNIT, "unit_admin")):
            keys[who] = {"X-API-Key": svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=unit, role=role)).key}
    return TestClient(create_app(settings)), keys


def test_page_and_docs_are_served_from_the_package_only(app):
    client, _ = app
    page = client.get("/")
    assert page.status_code == 200 and "data-testid=\"api-key-input\"" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path in ("/", "/docs", "/redoc"):
        html = client.get(path).text
        refs = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"url: '([^']+)'", html)
        assert refs, path
        for ref in refs:
            assert ref.startswith(("/", "#")), f"{path} refers to {ref}"
            if ref.startswith("/static/"):
                assert client.get(ref).status_code == 200, ref
    assert "validatorUrl\": null" in client.get("/docs").text
    # every module the page imports is shipped
    js = client.get("/static/js/app.js").text
    for mod in re.findall(r'import\("(\./[^"]+)"\)', js):
        assert client.get("/static/js/" + mod[2:]).status_code == 200, mod
    for lic in ("swagger-ui/LICENSE", "redoc/LICENSE"):
        assert client.get(f"/static/vendor/{lic}").status_code == 200
    assert "cdn.redoc.ly" not in client.get("/static/vendor/redoc/redoc.standalone.js").text


def test_me_tells_role_unit_and_permissions(app):
    client, keys = app
    assert client.get("/v1/me").status_code == 401
    me = client.get("/v1/me", headers=keys["a"]).json()
    assert (me["role"], me["role_label"], me["unit_name"], me["reads_all_units"]) == ("declarant", "申报人员", UNIT, False)
    assert "declare" in me["permissions"] and "review" not in me["permissions"]
    ua = client.get("/v1/me", headers=keys["ua"]).json()
    assert ua["role_label"] == "单位管理员" and "manage_unit_library" in ua["permissions"]
    assert "manage_library" not in ua["permissions"]


def test_facets_count_the_visible_matches_per_field(app):
    client, keys = app
    r = client.get("/v1/indicators/search", params={"q": "校舍", "facets": "true", "mode": "lexical"}, headers=keys["a"])
    f = r.json()["facets"]
    assert f["total"] == 3  # 校舍维修合格率 + UNIT's two
    assert {v["value"]: v["count"] for v in f["fields"]["library"]} == {"unit": 2, "basic": 1}
    assert {(v["value"], v["label"]) for v in f["fields"]["level1"]} == {("output", "产出指标")}
    # another unit's declarant: UNIT's private library is neither listed nor counted
    r = client.get("/v1/indicators/search", params={"q": "校舍", "facets": "true", "mode": "lexical"}, headers=keys["b"])
    f = r.json()["facets"]
    assert f["total"] == 1 and {v["value"] for v in f["fields"]["library"]} == {"basic"}
    assert [h["name"] for h in r.json()["hits"]] == ["校舍维修合格率"]
    # counts of one field ignore that field's own filter, so the other choices stay visible
    r = client.get("/v1/indicators/search", params={"q": "维修", "facets": "true", "sector": "教育", "mode": "lexical"},
                   headers=keys["sup"])
    f = r.json()["facets"]
    assert {v["value"]: v["count"] for v in f["fields"]["sector"]} == {"教育": 1, "住房城乡建设": 1}
    assert f["total"] == 1 and [h["name"] for h in r.json()["hits"]] == ["校舍维修合格率"]
    assert client.get("/v1/indicators/search", params={"q": "校舍"}, headers=keys["a"]).json()["facets"] is None


def test_card_lists_training_material_from_the_library_column(app):
    client, keys = app
    hit = client.get("/v1/indicators/search", params={"q": "校舍维修合格率"}, headers=keys["a"]).json()["hits"][0]
    card = client.get(f"/v1/indicators/{hit['indicator_id']}", headers=keys["a"]).json()
    assert card["training_materials"] == [
        {"title": "校舍维修验收讲解", "url": "/static/training/x.mp4", "kind": "视频"},
        {"title": "评分标准说明", "url": "https://intranet.example/a.pdf", "kind": "文档"}]


@pytest.mark.parametrize("bad", ["点这里 javascript:alert(1)", "讲解 //cdn.example/x.mp4", "讲解 file:///etc/passwd"])
def test_training_links_must_be_web_or_same_server(bad, tmp_path):
    with pytest.raises(ValueError, match="培训材料"):
        parse_training_link(bad)
    write_library(tmp_path / "indicators", [{"name": "培训人次", "training": bad}])
    from kb.errors import DataError
    from kb.io.library import load_libraries

    with pytest.raises(DataError, match="basic/test.csv:2: training"):
        load_libraries(tmp_path / "indicators")


def test_export_writes_the_usual_template_as_text(app):
    client, keys = app
    body = {"project_name": "校舍维修/改造:项目", "year": 2025, "budget_wan": 120, "description": "维修校舍3000平方米",
            "rows": [{"level1": "output", "level2": "quantity", "name": "校舍维修面积", "operator": "≥", "value": "3000",
                      "unit": "平方米", "basis": "项目描述：维修校舍3000平方米", "weight": 20},
                     {"level1": "产出指标", "level2": "质量指标", "name": "校舍维修合格率", "operator": "=", "value": "100",
                      "unit": "%"},
                     {"level1": "benefit", "level2": "social_benefit", "name": "安全隐患", "operator": "", "value": "=0次",
                      "unit": ""}]}
    r = client.post("/v1/declarations/export", json=body, headers=keys["a"])
    assert r.status_code == 200, r.text
    assert "filename*=UTF-8''" in r.headers["content-disposition"] and "%2F" not in r.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.active
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    hdr = next(i for i, row in enumerate(cells) if row[0] == "一级指标")
    assert cells[hdr] == ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "指标解释", "设定依据", "分值"]
    # 指标解释 from the unit's own library indicator of that name (the test library explains every row as 测试)
    assert cells[hdr + 1] == ["产出指标", "数量指标", "校舍维修面积", "≥3000", "平方米", "测试", "项目描述：维修校舍3000平方米", 20]
    assert cells[hdr + 2][2:6] == ["校舍维修合格率", "=100", "%", "测试"]
    assert cells[hdr + 3][3] == "=0次"
    # every cell is text but 分值, a number cell (Excel's SUM over it gives the total)
    assert all(c.data_type == ("n" if c.row > hdr + 1 and c.column == 8 else "s")
               for row in ws.iter_rows() for c in row if c.value is not None)
    # another unit's private indicator never lends its explanation
    r = client.post("/v1/declarations/export", json={"rows": [{"level2": "数量指标", "name": "校舍维修面积"}]},
                    headers=keys["b"])
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in list(ws.iter_rows())[-1]][5] is None
    bad = client.post("/v1/declarations/export", json={"rows": [{"name": "x", "weight": 300}]}, headers=keys["a"])
    assert bad.status_code == 422


def test_exported_table_reads_back_and_checks(tmp_path):
    t = TargetTable(project_name="高中国家助学金", year=2025, budget_wan=45, rows=[
        TableRow(level1="产出指标", level2="数量指标", name="资助学生人数", operator="≥", value="300", unit="人", weight=30),
        TableRow(level1="满意度指标", level2="服务对象满意度指标", name="受助学生满意度", operator="≥", value="90", unit="%",
                 weight=70)])
    back = read_table(write_table(t, tmp_path / "t.xlsx"))
    assert (back.project_name, back.year, back.budget_wan) == ("高中国家助学金", 2025, 45)
    assert [(r.level2, r.name, r.value, r.unit, r.weight) for r in back.rows] == [
        ("数量指标", "资助学生人数", "≥300", "人", 30.0), ("服务对象满意度指标", "受助学生满意度", "≥90", "%", 70.0)]
    assert value_with_operator("定性", "好") == "定性：好" and value_with_operator(">=", "95") == "≥95"


def test_stored_declaration_downloads_for_its_unit_only(app):
    client, keys = app
    body = {"project_name": "校舍维修", "year": 2025, "rows": [
        {"level1": "产出指标", "level2": "数量指标", "name": "校舍维修面积", "operator": "≥", "value": "3000", "unit": "平方米"}]}
    d = client.post("/v1/declarations", json=body, headers=keys["a"]).json()
    r = client.get(f"/v1/declarations/{d['id']}/xlsx", headers=keys["a"])
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    assert any(row[2].value == "校舍维修面积" and row[3].value == "≥3000" for row in ws.iter_rows() if len(row) > 3)
    assert client.get(f"/v1/declarations/{d['id']}/xlsx", headers=keys["b"]).status_code == 404


def test_document_reader_gives_text_and_article_offsets(app):
    client, keys = app
    hits = client.get("/v1/docs/search", params={"q": "绩效评价分为哪几种方式"}, headers=keys["a"]).json()["hits"]
    h = hits[0]
    doc = client.get(f"/v1/documents/{h['doc_id']}", headers=keys["a"]).json()
    item = next(o for o in doc["outline"] if o["chunk_id"] == h["chunk_id"])
    assert doc["text"][item["start"]:item["end"]] == h["text"]
    assert client.get("/v1/documents/national_policy/nope", headers=keys["a"]).status_code == 404


def test_earlier_versions_are_listed_and_readable_read_only(app):
    client, keys = app
    row = {"level1": "产出指标", "level2": "数量指标", "name": "校舍维修面积", "operator": "≥", "value": "3000", "unit": "平方米"}
    v1 = {"project_name": "校舍维修", "year": 2025, "budget_wan": 80, "rows": [row, {**row, "name": "校舍安全检查覆盖率",
          "level2": "质量指标", "operator": "", "value": "有所提高", "unit": ""}]}
    d = client.post("/v1/declarations", json=v1, headers=keys["a"]).json()
    v2 = {**v1, "budget_wan": 95, "rows": [{**row, "value": "3500"}]}
    assert client.put(f"/v1/declarations/{d['id']}", json=v2, headers=keys["a"]).json()["version"] == 2
    listed = client.get(f"/v1/declarations/{d['id']}/versions", headers=keys["a"]).json()
    assert [(v["version"], v["current"], v["budget_wan"], v["rows"]) for v in listed] == [(1, False, 80, 2), (2, True, 95, 1)]
    assert listed[0]["error_count"] > listed[1]["error_count"]  # 有所提高 is an error of version 1 only
    old = client.get(f"/v1/declarations/{d['id']}/versions/1", headers=keys["a"]).json()
    assert old["current"] is False and [r["value"] for r in old["rows"]] == ["3000", "有所提高"]
    assert any(f["row"] == 2 and f["severity"] == "error" for f in old["findings"])
    assert client.get(f"/v1/declarations/{d['id']}", headers=keys["a"]).json()["rows"][0]["value"] == "3500"
    missing = client.get(f"/v1/declarations/{d['id']}/versions/3", headers=keys["a"])
    assert missing.status_code == 404 and "第 3 版" in missing.json()["detail"]
    for path in ("versions", "versions/1"):  # another unit: as if it did not exist
        assert client.get(f"/v1/declarations/{d['id']}/{path}", headers=keys["b"]).status_code == 404
    assert client.get(f"/v1/declarations/{d['id']}/versions/1", headers=keys["sup"]).status_code == 200
