"""Roles of the field, every pairing: who may read, return, approve and give 结果反馈 where.

Units: A (the declaring unit), B (another unit). Callers: A's declarant and
reviewer, B's reviewer, a supervisor, a 财政 reviewer assigned to A (and
one assigned to B), an admin confined to B, the system admin. For a
submitted declaration of A each pairing answers as the table says: 200,
403 (the role may never do it) or 404 (the unit is not the caller's to see).
Runs on SQLite and, when JIXIAO_TEST_POSTGRES_URL is set, on PostgreSQL.
"""
from __future__ import annotations

import pytest

from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import UNIT_A, UNIT_B

ROWS = [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "operator": "≥", "value": "300", "unit": "人"}]

# caller → (read, return, approve); feedback follows approve's column for the roles that may give it
EXPECTED = {
    "decl_a": (200, 403, 403),
    "rev_a": (200, 200, 200),
    "rev_b": (404, 404, 404),
    "sup": (200, 403, 403),
    "fin_a": (200, 200, 200),
    "fin_b": (404, 404, 404),
    "admin_b": (404, 404, 404),
    "admin": (200, 200, 200),
}


@pytest.fixture
def people(env):
    c, adm = env.client, env.h("admin")
    keys = dict(env.keys)
    for who, body in (("fin_a", {"unit_name": "区财政局", "role": "finance_reviewer", "assigned_units": [UNIT_A]}),
                      ("fin_b", {"unit_name": "区财政局", "role": "finance_reviewer", "assigned_units": [UNIT_B]}),
                      ("admin_b", {"unit_name": UNIT_B, "role": "admin"})):
        r = c.post("/v1/admin/keys", json=body, headers=adm)
        assert r.status_code == 201, r.text
        keys[who] = r.json()["key"]
    return keys


def _submitted(env) -> int:
    c = env.client
    did = c.post("/v1/declarations", json={"project_name": "角色测试", "year": 2024, "budget_wan": 10, "rows": ROWS},
                 headers=env.h("decl_a")).json()["id"]
    assert c.post(f"/v1/declarations/{did}/submit", headers=env.h("decl_a")).status_code == 200
    return did


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_reads_returns_and_approves_where_it_should(env, people, who):
    c, h = env.client, {"X-API-Key": people[who]}
    read, ret, appr = EXPECTED[who]
    did = _submitted(env)
    assert c.get(f"/v1/declarations/{did}", headers=h).status_code == read
    assert (did in [d["id"] for d in c.get("/v1/declarations", headers=h).json()]) == (read == 200)
    assert c.post(f"/v1/declarations/{did}/return", json={"comment": "请补充"}, headers=h).status_code == ret
    did2 = _submitted(env)
    assert c.post(f"/v1/declarations/{did2}/approve", json={"acknowledge_findings": True},
                  headers=h).status_code == appr


@pytest.mark.parametrize("who,expected", [("fin_a", 201), ("fin_b", 404), ("rev_a", 201), ("decl_a", 403),
                                          ("sup", 403), ("admin_b", 404)])
def test_feedback_by_role_and_unit(env, people, who, expected):
    c = env.client
    did = _submitted(env)
    assert c.post(f"/v1/declarations/{did}/approve", json={"acknowledge_findings": True},
                  headers=env.h("rev_a")).status_code == 200
    r = c.post(f"/v1/declarations/{did}/evaluation", json={"rows": [{"row": 1, "actual": "320", "weight": 100}]},
               headers=env.h("decl_a"))
    assert r.status_code == 201, r.text
    r = c.post(f"/v1/declarations/{did}/feedback", json={"final_total": 95, "comments": "完成良好"},
               headers={"X-API-Key": people[who]})
    assert r.status_code == expected, r.text


def test_a_finance_reviewer_cannot_declare_and_a_unit_admin_cannot_widen_its_reach(env, people):
    c = env.client
    fin = {"X-API-Key": people["fin_a"]}
    body = {"project_name": "越权申报", "year": 2024, "rows": ROWS}
    assert c.post("/v1/declarations", json=body, headers=fin).status_code == 403
    adm_b = {"X-API-Key": people["admin_b"]}
    assert c.post("/v1/admin/keys", json={"unit_name": UNIT_A, "role": "declarant"}, headers=adm_b).status_code == 403
    assert c.post("/v1/admin/keys", json={"unit_name": UNIT_B, "role": "admin", "system": True},
                  headers=adm_b).status_code == 403
    assert c.post("/v1/admin/keys", json={"unit_name": UNIT_B, "role": "declarant"}, headers=adm_b).status_code == 201
    assert {k["unit_name"] for k in c.get("/v1/admin/keys", headers=adm_b).json()} == {UNIT_B}
    listed = c.get("/v1/admin/keys", headers=env.h("admin")).json()
    assert next(k for k in listed if k["role"] == "finance_reviewer" and k["assigned_units"] == [UNIT_A])


# --------------------------------------------------------------------------- 佐证材料 and 电子会计档案 by role

# caller → status of reading A's attachment (list, one, content) and of uploading one to A's declaration
EVIDENCE = {
    "decl_a": (200, 201), "rev_a": (200, 201), "rev_b": (404, 404), "sup": (200, 403),
    "fin_a": (200, 403), "fin_b": (404, 403), "admin_b": (404, 404), "admin": (200, 201),
}


def _attached(env, did: int) -> int:
    r = env.client.post(f"/v1/declarations/{did}/attachments", headers=env.h("decl_a"),
                        files={"file": ("验收报告.txt", "第一条 培训人数 320 人，验收合格。".encode())},
                        data={"kind": "验收报告"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest.mark.parametrize("who", sorted(EVIDENCE))
def test_each_role_reads_and_attaches_evidence_where_it_should(env, people, who):
    c, h = env.client, {"X-API-Key": people[who]}
    read, upload = EVIDENCE[who]
    did = _submitted(env)
    att = _attached(env, did)
    assert c.get(f"/v1/declarations/{did}/attachments", headers=h).status_code == read
    assert c.get(f"/v1/attachments/{att}", headers=h).status_code == read
    assert c.get(f"/v1/attachments/{att}/content", headers=h).status_code == read
    hits = c.get("/v1/attachments/search", params={"q": "验收合格"}, headers=h).json()["hits"]
    assert bool(hits) == (read == 200), hits
    r = c.post(f"/v1/declarations/{did}/attachments", headers=h, data={"kind": "合同"},
               files={"file": ("合同.txt", f"合同 {who}".encode())})
    assert r.status_code == upload, r.text


def test_archive_rows_follow_the_unit_a_finance_reviewer_is_assigned(env, people):
    from tests.evidence_fixtures import write_vouchers_xlsx

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        f = write_vouchers_xlsx(Path(d) / "凭证.xlsx")
        r = env.client.post("/v1/archive/import", headers=env.h("decl_a"), files={"file": (f.name, f.read_bytes())})
    assert r.status_code == 201, r.text
    for who, sees in (("fin_a", True), ("fin_b", False), ("admin_b", False), ("admin", True), ("rev_b", False)):
        h = {"X-API-Key": people[who]}
        docs = env.client.get("/v1/archive/documents", headers=h).json()["documents"]
        assert bool(docs) == sees, (who, docs)
        hits = env.client.get("/v1/archive/search", params={"q": "凭证"}, headers=h).json()["hits"]
        assert bool(hits) == sees, (who, hits)


def test_a_finance_reviewer_key_from_the_command_line_and_the_labels_on_me(env, tmp_path):
    """`jixiao admin create-key --role finance_reviewer --assigned-unit …` (the CLI did not know the role);
    /v1/me tells a unit-confined admin from a 系统管理员."""
    import os
    import subprocess
    import sys

    environ = {**os.environ, "JIXIAO_DATABASE_URL": env.url, "JIXIAO_HOME": str(tmp_path)}
    from pathlib import Path

    p = subprocess.run([str(Path(sys.executable).parent / "jixiao"), "admin", "create-key", "--unit", "区财政局",
                        "--role", "finance_reviewer", "--assigned-unit", UNIT_A], env=environ,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    fin = {"X-API-Key": p.stdout.strip().splitlines()[-1]}
    did = _submitted(env)
    assert env.client.get(f"/v1/declarations/{did}", headers=fin).status_code == 200
    me = env.client.get("/v1/me", headers=fin).json()
    assert (me["role"], me["role_label"]) == ("finance_reviewer", "财政审核人员")
    r = env.client.post("/v1/admin/keys", json={"unit_name": UNIT_B, "role": "admin"}, headers=env.h("admin"))
    assert env.client.get("/v1/me", headers={"X-API-Key": r.json()["key"]}).json()["role_label"] == "本单位管理员"
    assert env.client.get("/v1/me", headers=env.h("admin")).json()["role_label"] == "系统管理员"


def test_a_finance_reviewer_key_without_assigned_units_comes_with_a_warning(env, tmp_path):
    """A 财政 reviewer key made without assigned units saw nothing and nobody was told: the API
    answers a `warning`, the CLI prints one line on stderr (exit 0, the key still alone on stdout)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    c, adm = env.client, env.h("admin")
    did = _submitted(env)
    r = c.post("/v1/admin/keys", json={"unit_name": "区财政局", "role": "finance_reviewer"}, headers=adm)
    assert r.status_code == 201, r.text
    bare = r.json()
    assert c.get("/v1/declarations", headers={"X-API-Key": bare["key"]}).json() == []  # it really sees nothing
    assert "未指定负责审核的单位" in bare["warning"] and "区财政局" in bare["warning"], bare
    # the reviewer signing in with it is told too (GET /v1/me, what the staff page reads)
    assert c.get("/v1/me", headers={"X-API-Key": bare["key"]}).json()["warning"] == bare["warning"]
    r = c.post("/v1/admin/keys", json={"unit_name": "区财政局", "role": "finance_reviewer",
                                       "assigned_units": [UNIT_A]}, headers=adm)
    assert r.json()["warning"] is None
    assert c.get("/v1/me", headers={"X-API-Key": r.json()["key"]}).json()["warning"] is None
    assert did in [d["id"] for d in c.get("/v1/declarations", headers={"X-API-Key": r.json()["key"]}).json()]
    assert c.post("/v1/admin/keys", json={"unit_name": UNIT_A, "role": "reviewer"}, headers=adm).json()["warning"] is None

    environ = {**os.environ, "JIXIAO_DATABASE_URL": env.url, "JIXIAO_HOME": str(tmp_path)}
    cmd = [str(Path(sys.executable).parent / "jixiao"), "admin", "create-key", "--unit", "区财政局",
           "--role", "finance_reviewer"]
    p = subprocess.run(cmd, env=environ, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().startswith("jx_") and len(p.stdout.strip().splitlines()) == 1
    warned = [line for line in p.stderr.splitlines() if "未指定负责审核的单位" in line]
    assert len(warned) == 1 and warned[0].startswith("警告："), p.stderr
    p = subprocess.run(cmd + ["--assigned-unit", UNIT_A], env=environ, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "未指定负责审核的单位" not in p.stderr, p.stderr
