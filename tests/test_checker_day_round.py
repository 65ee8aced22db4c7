"""Checker, the day round's last trial (trial 15): a frequency per period is no figure a yearly count must equal."""
from __future__ import annotations

from kb.checker import check_declaration
from tests.checker_rows import QTY, table_file

# the reviewer's IT maintenance text (each quarter one scan and one backup drill)
IT = ("项目预算128万元，通过公开招标确定运维服务商，服务期12个月。运维范围包括政务云平台服务器86台、存储设备4套、网络安全"
      "设备23台，以及全县28个部门接入的电子政务外网。服务要求：系统全年可用率不低于99.9%，一般故障2小时内响应、8小时内"
      "修复；每季度开展1次安全漏洞扫描和1次数据备份恢复演练，全年不发生重大网络安全事件。")


def _rule_hits(tmp_path, rows, rule):
    rep = check_declaration(table_file(tmp_path, "2025年县政务云平台及电子政务外网运维服务", IT, rows, 128))
    return [f for f in rep.findings if f.rule_id == rule]


def test_a_yearly_count_of_a_quarterly_scan_is_no_other_figure(tmp_path):
    """Trial 15: REL-07 called 安全漏洞扫描次数 ≥4 次 “与概况写明的1次不一致” and --fix wrote ≥1."""
    rows = [(*QTY, "安全漏洞扫描次数", "≥", "4", "次")]
    assert _rule_hits(tmp_path, rows, "REL-07") == []


def test_a_count_other_than_the_stated_length_is_still_found(tmp_path):
    """The rule still reads a figure the text states once (服务器86台 → a row of 90 台)."""
    rows = [(*QTY, "政务云平台服务器运维数量", "≥", "90", "台")]
    hits = _rule_hits(tmp_path, rows, "REL-07")
    assert hits and "86" in hits[0].message, hits
