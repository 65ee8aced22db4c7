"""实际完成值 at 事中监控 and 事后评价 obey the rules their targets obey.

Defects a fresh user found: an actual written in scientific notation (`1e3`,
`1.2E+4`) was read as a number at both stages while the same text as a
target is refused (QNT-04); a share (…合格率) above 100 % was refused at
monitoring and scored at evaluation. Real rows of D002 (雾炮车降尘抑尘服务)
and D006 (脱贫村基础设施, 验收合格率 = 100 %) from dev.jsonl.
"""
from __future__ import annotations

import pytest

from kb.errors import DataError
from kb.lifecycle.scoring import score_indicator
from tests.lifecycle_fixtures import *  # noqa: F401,F403
from tests.lifecycle_fixtures import declaration_body, dev_record
from tests.test_lifecycle_api import _approved

# (actual as written, the words its refusal must contain)
UNREADABLE = (("1e3", "科学计数法"), ("1.2E+4", "科学计数法"), ("≥2e2", "科学计数法"), ("99999999999999", "1 万亿"))


def _row_of(rec: dict, name: str) -> int:
    return next(i for i, r in enumerate(declaration_body(rec)["rows"], 1) if r["name"] == name)


@pytest.mark.parametrize("actual,word", UNREADABLE)
def test_an_unreadable_actual_is_422_naming_the_item_at_monitoring_and_evaluation(env, actual, word):
    c, rec = env.client, dev_record("D002")
    did = _approved(env, declaration_body(rec, year=2023, budget_wan=250))
    row = _row_of(rec, "雾炮车降尘抑尘服务配备车辆数")  # = 10 辆
    for stage, items in (("monitoring", "indicators"), ("evaluation", "rows")):
        body = {items: [{"row": 1 if row != 1 else 2, "actual": "10", "weight": 50},
                        {"row": row, "actual": actual, "weight": 50}]}
        if stage == "monitoring":
            body = {"period_end": "2023-09-30", items: [{k: v for k, v in x.items() if k != "weight"}
                                                         for x in body[items]]}
        r = c.post(f"/v1/declarations/{did}/{stage}", json=body, headers=env.h("decl_a"))
        assert r.status_code == 422, (stage, r.text)
        d = r.json()["detail"][0]
        assert d["loc"] == ["body", f"{items}[2].actual"], (stage, d)
        assert "第2项的实际完成值" in d["msg"] and word in d["msg"] and actual in d["msg"], (stage, d)
        # nothing was stored
        assert c.get(f"/v1/declarations/{did}/{stage}", headers=env.h("decl_a")).status_code in (200, 404)
    assert c.get(f"/v1/declarations/{did}/monitoring", headers=env.h("decl_a")).json() == []
    assert c.get(f"/v1/declarations/{did}/evaluation", headers=env.h("decl_a")).status_code == 404


def test_a_plain_actual_and_a_json_number_are_still_read(env):
    c, rec = env.client, dev_record("D002")
    did = _approved(env, declaration_body(rec, year=2023, budget_wan=250))
    row = _row_of(rec, "雾炮车降尘抑尘服务配备车辆数")
    for actual in ("1,000", "1.2万", 10, 12.5, 0.00001):  # a small JSON number is no written notation
        r = c.post(f"/v1/declarations/{did}/monitoring", headers=env.h("decl_a"),
                   json={"period_end": "2023-09-30", "indicators": [{"row": row, "actual": actual}]})
        assert r.status_code == 201, (actual, r.text)


def test_a_share_above_100_percent_is_refused_at_evaluation_as_at_monitoring(env):
    """验收合格率 = 100 % with 150 %: monitoring answered 422, evaluation scored it."""
    c, rec = env.client, dev_record("D006")
    did = _approved(env, declaration_body(rec, year=2022, budget_wan=854))
    row = _row_of(rec, "项目(工程)验收合格率")
    msgs = {}
    for stage, items in (("monitoring", "indicators"), ("evaluation", "rows")):
        body = {items: [{"row": row, "actual": "150%"}]}
        body.update({"period_end": "2022-06-30"} if stage == "monitoring" else {})
        if stage == "evaluation":
            body[items][0]["weight"] = 100
        r = c.post(f"/v1/declarations/{did}/{stage}", json=body, headers=env.h("decl_a"))
        assert r.status_code == 422, (stage, r.text)
        d = r.json()["detail"][0]
        assert d["loc"] == ["body", f"{items}[1].actual"], (stage, d)
        msgs[stage] = d["msg"]
    # one rule, one sentence: only the name of the list (指标 / 指标行) differs
    assert msgs["evaluation"].rsplit("）：", 1)[1] == msgs["monitoring"].rsplit("）：", 1)[1]
    assert f"第 {row} 行“项目(工程)验收合格率”" in msgs["evaluation"] and "超过 100%" in msgs["evaluation"]
    # 100 % itself scores in full
    r = c.post(f"/v1/declarations/{did}/evaluation", headers=env.h("decl_a"),
               json={"rows": [{"row": row, "actual": "100%", "weight": 100}]})
    assert r.status_code == 201 and r.json()["items"][0]["score"] == 100, r.text


def test_score_indicator_refuses_a_share_above_100_percent_and_keeps_growth_rates():
    r = next(x for x in dev_record("D006")["indicators"] if x["name"] == "项目(工程)验收合格率")
    with pytest.raises(DataError) as e:
        score_indicator(operator=r["operator"], target=r["value"], unit=r["unit"], actual="120%", weight=10,
                        name=r["name"], field="rows[3]")
    assert e.value.field == "rows[3].actual" and "超过 100%" in str(e.value)
    # a growth rate may exceed 100 % (E030's 发放额增长率 115.25 % scored in full)
    g = next(x for x in dev_record("E030")["indicators"] if x["name"] == "创业担保贷款发放额增长率")
    s = score_indicator(operator=g["operator"], target=g["value"], unit=g["unit"], actual=g["actual"], weight=10,
                        name=g["name"])
    assert s.score == 10


def test_an_amount_written_in_scientific_notation_is_refused_like_an_actual(env):
    """Reported (fresh trial): budget_executed_wan "1e5" at 事中监控 gave a red light "已执行 100000 万元", and
    suggest's budget_wan "1e5" was read; actuals and vouchers refuse the same notation."""
    c, rec = env.client, dev_record("D002")
    did = _approved(env, declaration_body(rec, year=2023, budget_wan=250))
    row = _row_of(rec, "雾炮车降尘抑尘服务配备车辆数")
    r = c.post(f"/v1/declarations/{did}/monitoring", headers=env.h("decl_a"),
               json={"period_end": "2023-09-30", "budget_executed_wan": "1e5", "indicators": [{"row": row, "actual": "10"}]})
    assert r.status_code == 422 and "科学计数法" in r.text, r.text
    from pydantic import ValidationError

    from kb.lifecycle.schemas import SuggestRequest

    with pytest.raises(ValidationError, match="科学计数法"):
        SuggestRequest(description=rec["description"], budget_wan="2.5e2")
    assert SuggestRequest(description=rec["description"], budget_wan="250").budget_wan == 250
    r = c.post(f"/v1/declarations/{did}/monitoring", headers=env.h("decl_a"),
               json={"period_end": "2023-09-30", "budget_executed_wan": "120", "indicators": [{"row": row, "actual": "10"}]})
    assert r.status_code == 201, r.text
