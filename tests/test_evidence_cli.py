"""`jixiao evidence …` and `jixiao archive …` on a SQLite workflow database: the same shapes as the API,
exit 2 with one line on bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from kb.lifecycle import declarations as decls
from kb.lifecycle import keys
from kb.lifecycle.access import CLI_PRINCIPAL
from kb.lifecycle.monitoring import monitor
from kb.lifecycle.db import get_sessionmaker, upgrade
from kb.lifecycle.schemas import DeclarationIn, KeyIn, MonitoringIn, ReviewIn
from tests.evidence_fixtures import PROJECT, policy_docx, voucher_rows, write_vouchers_xlsx
from tests.kbfactory import REPO
from tests.test_evidence_walk import ROWS

UNIT = "青山区交通运输局"


def run(home, url, *args):
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_DATABASE_URL": url, "JIXIAO_EMBEDDER": "none",
           "JIXIAO_PROGRESS": "false"}
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=300)


def test_attach_import_search_crosscheck_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path}/workflow.sqlite"
    upgrade(url)
    with get_sessionmaker(url)() as s:
        key = keys.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=UNIT, role="declarant")).key
        rev = keys.create_key(s, CLI_PRINCIPAL, KeyIn(unit_name=UNIT, role="reviewer")).key
        p, r = keys.authenticate(s, key), keys.authenticate(s, rev)
        did = decls.declare(s, p, DeclarationIn(project_name=PROJECT, year=2024, budget_wan=120, rows=ROWS)).id
        decls.submit(s, p, did)
        decls.approve(s, r, did, ReviewIn(acknowledge_findings=True))
        monitor(s, p, did, MonitoringIn(period_end="2024-06-30", budget_executed_wan=60))
    home = tmp_path / "home"

    doc = policy_docx(tmp_path / "办法.docx")
    out = run(home, url, "evidence", "attach", str(did), str(doc), "--kind", "其他", "--json")
    assert out.returncode == 0, out.stderr
    a = json.loads(out.stdout)
    assert (a["kind"], a["indexed"], a["stage"]) == ("其他", True, "monitoring")
    listed = run(home, url, "evidence", "list", str(did))
    assert listed.stdout.split("\t")[:3] == [str(a["id"]), "事中监控", "其他"]

    imp = run(home, url, "archive", "import", str(write_vouchers_xlsx(tmp_path / "凭证.xlsx")), "--unit", UNIT, "--json")
    assert imp.returncode == 0, imp.stderr
    assert json.loads(imp.stdout)["imported"] == 24

    found = run(home, url, "archive", "search", "2024年6月 维修费 凭证", "--json")
    res = json.loads(found.stdout)
    assert {h["voucher_no"] for h in res["archive"]["hits"]} == {"记-23", "记-35"}
    text = run(home, url, "archive", "search", "绩效评价是指").stdout
    assert "[办法.docx 第二条]" in text

    cc = run(home, url, "evidence", "crosschecks", str(did), "--json")
    assert [(f["rule_id"], f["vouchers"]) for f in json.loads(cc.stdout)["findings"]][:1] == [("ACC-01", 48.0)]
    assert run(home, url, "evidence", "crosschecks", str(did), "--fail-on", "error").returncode == 1

    got = run(home, url, "evidence", "get", str(a["id"]), "--out", str(tmp_path / "copy.docx"))
    assert got.returncode == 0 and (tmp_path / "copy.docx").read_bytes() == doc.read_bytes()
    assert run(home, url, "evidence", "delete", str(a["id"]), "--reason", "重复").returncode == 0
    assert run(home, url, "evidence", "list", str(did)).stdout == ""

    listed = run(home, url, "archive", "list", "--category", "凭证")
    assert listed.stdout.split("\t")[1:4] == [UNIT, "凭证", "2024-03-15 至 2025-01-10"]


def test_bad_input_is_exit_2_with_one_line(tmp_path):
    url = f"sqlite:///{tmp_path}/workflow.sqlite"
    home = tmp_path / "home"
    vouchers = write_vouchers_xlsx(tmp_path / "凭证.xlsx")
    p = run(home, url, "archive", "import", str(vouchers))
    assert p.returncode == 2 and p.stderr.strip().count("\n") == 0 and "--unit" in p.stderr
    rows = voucher_rows()
    rows[0][6] = "三十万"
    bad = write_vouchers_xlsx(tmp_path / "坏.xlsx", rows)
    p = run(home, url, "archive", "import", str(bad), "--unit", UNIT)
    assert p.returncode == 2 and p.stderr.strip() == "错误: 坏.xlsx: 第4行 借方金额: “三十万”不是金额（以元为单位的数字）"
    p = run(home, url, "evidence", "attach", "1", str(tmp_path / "nope.pdf"), "--kind", "合同")
    assert p.returncode == 2 and "文件不存在" in p.stderr
