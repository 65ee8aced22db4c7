"""Dense query text: the declaration form's vocabulary is removed, topic words stay."""
from __future__ import annotations

import json

from kb.retrieval.embed.querytext import dense_query_text
from tests.kbfactory import SHARED


def test_form_words_dates_and_amounts_are_removed():
    t = dense_query_text("2023年项目支出绩效目标申报表。年度本级预算250万元,实施期2023.07-2024.01。"
                         "绩效目标:通过采购雾炮车降尘抑尘服务,配备雾炮车10辆。")
    assert "雾炮车降尘抑尘服务" in t and "配备雾炮车10辆" in t
    for gone in ("申报表", "绩效目标", "250万元", "2023", "2024", "预算", "实施期"):
        assert gone not in t, gone


def test_self_evaluation_header_and_score_are_removed():
    t = dense_query_text("2022年度项目支出绩效自评表。年度资金387664.62元。年度总体目标:确保每一个学生都能"
                         "享受到国家政策福利,改善学生体质。自评总分96(优)。")
    assert t.startswith("确保每一个学生") and "改善学生体质" in t
    assert "自评" not in t and "96" not in t and "387664" not in t


def test_short_queries_are_unchanged_and_never_empty():
    for q in ("修了多少公里路", "给村里老人送饭", "预算执行率", "今天天气很好我们去公园散步"):
        assert dense_query_text(q) == q
    assert dense_query_text("2023年度绩效目标表") == "2023年度绩效目标表"  # nothing left → original
    assert dense_query_text("") == ""


def test_long_text_is_capped():
    from kb.retrieval.embed.querytext import MAX_CHARS

    long = "修缮乡村道路并安装路灯，" * 30
    assert len(dense_query_text(long)) == MAX_CHARS
    assert dense_query_text(long) == long[:MAX_CHARS]


def test_real_descriptions_keep_most_of_their_words():
    from kb.retrieval.embed.querytext import MAX_CHARS

    path = SHARED / "declarations" / "dev.jsonl"
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [len(dense_query_text(r["description"])) / max(1, min(len(r["description"]), MAX_CHARS))
            for r in recs]
    assert all(k > 0 for k in kept)
    assert sorted(kept)[len(kept) // 2] > 0.5  # the median description keeps over half its text


def test_suggest_embeds_the_project_core_and_the_head_of_its_description():
    from kb.retrieval.embed.querytext import PROJECT_CHARS, project_query_text

    path = SHARED / "declarations" / "dev.jsonl"
    rec = next(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if '"D001"' in line)
    t = project_query_text("教育系统基础设施建设和设备购置", rec["description"])
    # D001: the core, then the description with "2020年度。总体目标:" cut
    assert t == "教育系统基础设施建设和设备购置。优化教育布局，推"
    assert len(t) == PROJECT_CHARS
    assert project_query_text("", "绩效目标:新建社区助餐点8个") == "新建社区助餐点8个"
    assert project_query_text("社区助餐", "") == "社区助餐"
