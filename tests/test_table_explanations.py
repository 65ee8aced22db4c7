"""指标解释 in the exported 绩效目标表 (reported defect): a row's own indicator by id while the name is still
its, else a library row of the project's sector or a generic one — never another sector's specific row by
likeness; nothing when nothing fits. Over the shipped libraries."""
from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from kb.lifecycle import keys as svc
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.db import get_sessionmaker, upgrade
from kb.lifecycle.schemas import KeyIn
from service.app import create_app


@pytest.fixture(scope="module")
def client(shipped_settings, tmp_path_factory):
    """The API over the shipped libraries with a 交通运输局 declarant's key (own workflow DB)."""
    settings = shipped_settings.model_copy(update={
        "auth_required": True, "database_url": f"sqlite:///{tmp_path_factory.mktemp('expl') / 'wf.db'}"})
    upgrade(settings.resolved_database_url())
    with get_sessionmaker(settings.resolved_database_url())() as s:
        key = svc.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name="某县交通运输局", role="declarant")).key
    return TestClient(create_app(settings), headers={"X-API-Key": key})


def _explanations(content: bytes) -> dict[str, str | None]:
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(content)).active.iter_rows()]
    hdr = next(i for i, r in enumerate(rows) if r[0] == "一级指标")
    return {r[2]: r[5] for r in rows[hdr + 1:] if r[2]}


def _road_rows(kb) -> list[dict]:
    done = kb.lookup("农村公路建设项目按期完工率", "timeliness")
    mileage = kb.lookup("农村公路建设里程", "quantity")
    return [{"level1": "产出指标", "level2": "数量指标", "name": mileage.name, "operator": "≥", "value": "12",
             "unit": "公里", "indicator_id": mileage.id},
            # renamed by a one-click fix: still carries the old indicator's id
            {"level1": "产出指标", "level2": "时效指标", "name": "完工完成时间", "operator": "≤", "value": "12",
             "unit": "月", "indicator_id": done.id},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度", "operator": "≥",
             "value": "90", "unit": "%"}]


def test_road_project_explanations_never_borrow_another_sector(client, shipped_kb):
    rows = _road_rows(shipped_kb)
    # the library pairs the name with 就业服务对象满意度 (人力资源社会保障) by likeness
    assert shipped_kb.lookup("服务对象满意度", "beneficiary_satisfaction").sector == "人力资源社会保障"
    for sector in ("", "交通运输"):
        r = client.post("/v1/declarations/export", json={"project_name": "乡村道路修缮项目", "sector": sector,
                                                          "rows": rows})
        assert r.status_code == 200, r.text
        got = _explanations(r.content)
        assert got["农村公路建设里程"] == "年度新建或改建完成的农村公路里程"
        assert got["服务对象满意度"] is None, got
        assert got["完工完成时间"] is None, got  # not 计划工期内完工的比例, nor 采购完成时间's definition
    d = client.post("/v1/declarations", json={"project_name": "乡村道路修缮项目", "year": 2025, "rows": [
        {k: v for k, v in r.items()} for r in rows]})
    assert d.status_code in (200, 201), d.text
    got = _explanations(client.get(f"/v1/declarations/{d.json()['id']}/xlsx").content)
    assert got["服务对象满意度"] is None and got["完工完成时间"] is None
    assert got["农村公路建设里程"] == "年度新建或改建完成的农村公路里程"


def test_sector_and_generic_rows_still_explain(client):
    rows = [{"level1": "产出指标", "level2": "时效指标", "name": "按期完工率", "operator": "≥", "value": "95", "unit": "%"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "就业服务对象满意度", "operator": "≥",
             "value": "90", "unit": "%"}]
    got = _explanations(client.post("/v1/declarations/export",
                                    json={"project_name": "就业服务", "sector": "人力资源社会保障", "rows": rows}).content)
    assert got["按期完工率"] == "在合同工期内完工的工程比例"  # the generic 工程按期完工率
    assert got["就业服务对象满意度"] == "求职者和用人单位对就业服务的满意程度"  # the project's own sector
