"""API defects of the tenth fresh staff trial (/tmp/trial10): two tabs editing one declaration (the later save
silently overwrote the earlier one), and an empty description sent to /v1/suggest."""
from __future__ import annotations

from fastapi.testclient import TestClient

from service.app import create_app
from tests.lifecycle_fixtures import *  # noqa: F401,F403

ROW = {"level1": "产出指标", "level2": "数量指标", "name": "新建森林防火视频监控点数量", "operator": "≥", "value": "12",
       "unit": "处"}


def test_a_save_from_a_stale_version_is_a_409_naming_the_current_version_and_overwrites_nothing(env):
    """Tab A and tab B both loaded 第 1 版; A saved 第 2 版 (13 处); B's save from 第 1 版 made 第 3 版 with 12 again.
    PUT with expected_version (the version the page loaded) refuses it with 409 and the current version."""
    c, hd = env.client, env.h("decl_a")
    body = {"project_name": "森林防火能力提升", "year": 2026, "budget_wan": 186, "rows": [ROW]}
    d = c.post("/v1/declarations", json=body, headers=hd).json()
    assert d["version"] == 1
    a = c.put(f"/v1/declarations/{d['id']}", params={"expected_version": 1},
              json={**body, "rows": [{**ROW, "value": "13"}]}, headers=hd)
    assert a.status_code == 200 and a.json()["version"] == 2, a.text
    b = c.put(f"/v1/declarations/{d['id']}", params={"expected_version": 1}, json=body, headers=hd)
    assert b.status_code == 409, b.text
    assert b.json()["detail"] == "此申报已被修改为第 2 版，请刷新后再改"
    now = c.get(f"/v1/declarations/{d['id']}", headers=hd).json()
    assert now["version"] == 2 and now["rows"][0]["value"] == "13"
    # the right version saves; no expected_version keeps the old behaviour for API callers
    assert c.put(f"/v1/declarations/{d['id']}", params={"expected_version": 2}, json=body,
                 headers=hd).json()["version"] == 3
    assert c.put(f"/v1/declarations/{d['id']}", json=body, headers=hd).json()["version"] == 4
    r = c.put(f"/v1/declarations/{d['id']}", params={"expected_version": 0}, json=body, headers=hd)
    assert r.status_code == 422


def test_an_empty_or_blank_description_is_a_422_naming_the_field(shipped_settings):
    """The page sent the project name as the description when the description was empty (项目类型 疫苗药品采购 5%);
    the API itself refuses an empty or whitespace description, naming 项目描述."""
    c = TestClient(create_app(shipped_settings))
    for text in ("", "   ", "\u3000\n"):
        r = c.post("/v1/suggest", json={"description": text, "project_name": "森林防火能力提升"})
        assert r.status_code == 422, r.text
        d = r.json()["detail"][0]
        assert d["loc"][-1] == "description" and "项目描述" in d["msg"], d
