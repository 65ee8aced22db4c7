"""The staff page in a real browser: defects of the tenth fresh staff trial (/tmp/trial10, a declarant who is
also a county 财政局 reviewer). A reload keeps the 事前申报 draft and warns before leaving unsaved edits; a
double click on 保存并提交审核 files one declaration; a save from a stale version is refused, not written; the
财政 reviewer sees the lights and the self-evaluation beside 结果反馈; an empty description is refused on the
page; the description has a counter; a date target shows whole; stale hints go; an added row lands in its
block; ACC-04 speaks to staff; the menu stays hidden before sign-in; the search pages on; a monitoring error
names its row once."""
from __future__ import annotations

import httpx
import pytest

from tests.browser_fixtures import FINANCE, UNIT_A, browser, served  # noqa: F401  (fixtures)
from tests.kbfactory import dev_record
from tests.test_web_browser import Page

pytestmark = pytest.mark.browser

ROW = {"level1": "产出指标", "level2": "数量指标", "name": "新建森林防火视频监控点数量", "operator": "≥", "value": "12",
       "unit": "处"}


@pytest.fixture(scope="module")
def page(browser, served):  # noqa: F811
    return Page(browser, served)


def _api(served, who):  # noqa: F811
    return httpx.Client(base_url=served.url, headers={"X-API-Key": served.keys[who]}, timeout=60)


def _shot(p, name):
    p.shot(f"trial10-{name}")


def _suggest_on_page(p, name: str, description: str) -> None:
    """Sign in as a declarant, open a new 事前申报 and ask for a suggestion of `name` with `description`."""
    p.sign_in("declarant")
    p.go("#/declare?new=1")
    p.one("suggest-project-name").send_keys(name)
    p.one("suggest-description").send_keys(description)
    p.one("suggest-submit").click()


def test_nothing_but_the_login_before_sign_in(page):
    p = page
    p.go("")
    p.wait(lambda: p.all("api-key-input") and p.all("api-key-input")[0].is_displayed(), what="login form")
    if p.signed_in():
        p.sign_out()
    nav = p.d.find_element(p.By.ID, "nav")
    assert not nav.is_displayed()
    assert not any(a.is_displayed() for a in nav.find_elements(p.By.TAG_NAME, "a"))
    assert not p.d.find_element(p.By.ID, "logout").is_displayed()
    _shot(p, "01-login-only")
    p.sign_in("declarant")
    assert p.d.find_element(p.By.ID, "logout").is_displayed()


def test_a_reload_keeps_the_draft_and_unsaved_edits_ask_before_leaving(page, served):  # noqa: F811
    p, rec = page, dev_record("D005")
    _suggest_on_page(p, rec["project"], rec["description"])
    p.wait(lambda: len(p.all("suggest-row")) >= 5, what="suggested rows")
    first = p.all("suggest-row")[0]
    p.set_value(p.one("row-name", first), "我改过的指标名称")
    n = len(p.all("suggest-row"))
    # the page asks before a reload loses unsaved edits
    p.d.execute_script("window.__ask = null; window.addEventListener('beforeunload', e => { window.__ask = e.defaultPrevented || !!e.returnValue; });")
    assert p.d.execute_script("const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;")
    p.d.execute_script("sessionStorage.setItem('probe', '1')")
    # F5: name, description and the edited table come back (the key stays in this tab only)
    p.d.execute_script("location.reload()")
    try:
        p.d.switch_to.alert.accept()
    except Exception:  # noqa: BLE001  (headless Chromium may not show the dialog for a scripted reload)
        pass
    p.wait(lambda: len(p.all("suggest-row")) == n, what="rows after reload")
    assert p.one("suggest-project-name").get_attribute("value") == rec["project"]
    assert p.one("suggest-description").get_attribute("value") == rec["description"]
    assert p.one("row-name", p.all("suggest-row")[0]).get_attribute("value") == "我改过的指标名称"
    assert p.d.execute_script("return localStorage.length") == 0
    _shot(p, "02-after-reload")
    # signing out clears the draft with the key
    p.sign_out()
    p.sign_in("declarant")
    p.go("#/declare")
    p.wait(lambda: p.all("suggest-project-name"))
    assert p.one("suggest-project-name").get_attribute("value") == ""
    assert not p.all("suggest-row")


def test_a_double_click_on_submit_files_one_declaration(page, served):  # noqa: F811
    from selenium.webdriver.common.action_chains import ActionChains

    p = page
    p.sign_in("declarant")
    with _api(served, "declarant") as c:
        before = len(c.get("/v1/declarations").json())
    p.go("#/declare?new=1")
    p.one("suggest-project-name").send_keys("双击测试项目")
    p.one("add-row").click()
    p.set_value(p.one("row-name", p.all("suggest-row")[0]), "新建森林防火视频监控点数量")
    # 6 s of latency: the second click of a double click comes while the first save is in flight
    p.d.execute_cdp_cmd("Network.enable", {})
    p.d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 1500,
                                                             "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        btn = p.one("submit-declaration")
        ActionChains(p.d).double_click(btn).perform()
        assert btn.get_attribute("disabled") is not None  # disabled while the request is in flight
        assert p.one("save-declaration").get_attribute("disabled") is not None
        p.wait(lambda: p.all("declaration-link"), timeout=40, what="submitted")
        p.wait(lambda: btn.get_attribute("disabled") is None, what="enabled again")
    finally:
        p.d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                 "downloadThroughput": -1, "uploadThroughput": -1})
    with _api(served, "declarant") as c:
        assert len(c.get("/v1/declarations").json()) == before + 1


def test_a_save_from_a_stale_version_is_refused_with_the_current_version(page, served):  # noqa: F811
    p = page
    with _api(served, "declarant") as c:
        d = c.post("/v1/declarations", json={"project_name": "两个标签页", "year": 2026, "rows": [ROW]}).json()
    p.sign_in("declarant")
    p.go(f"#/declare?from={d['id']}")
    p.wait(lambda: len(p.all("suggest-row")) == 1, what="loaded")
    # another tab saves 第 2 版 meanwhile
    with _api(served, "declarant") as c:
        c.put(f"/v1/declarations/{d['id']}", json={"project_name": "两个标签页", "year": 2026,
                                                   "rows": [{**ROW, "value": "13"}]}).raise_for_status()
    p.set_value(p.one("row-value"), "14")
    p.one("save-declaration").click()
    p.wait(lambda: "此申报已被修改为第 2 版，请刷新后再改" in p.text(), what="the conflict")
    with _api(served, "declarant") as c:
        now = c.get(f"/v1/declarations/{d['id']}").json()
    assert now["version"] == 2 and now["rows"][0]["value"] == "13"
    _shot(p, "03-conflict")


def test_an_empty_description_is_refused_on_the_page_and_old_results_go(page, served):  # noqa: F811
    p = page
    _suggest_on_page(p, "乡村道路修缮项目", "计划修缮乡村道路12公里，惠及沿线村民3000人")
    p.wait(lambda: p.all("project-types"), what="project types")
    seen = len(p.b.drain())
    desc = p.one("suggest-description")
    p.set_value(desc, "   ")
    p.one("suggest-submit").click()
    p.wait(lambda: "请填写项目概况" in p.text(), what="refused on the page")
    assert not [u for u in p.b.drain()[seen:] if "/v1/suggest" in u]
    assert not p.all("project-types")  # the previous run's types do not stay under the new error
    assert "已推荐" not in p.text()


def test_the_description_counts_and_says_when_it_is_full_and_long_number_lists_fold(page, served):  # noqa: F811
    p = page
    p.sign_in("declarant")
    p.go("#/declare?new=1")
    desc = p.one("suggest-description")
    desc.send_keys("修缮道路12公里")
    assert p.one("description-counter").text == "已输入 8 / 5000 字"
    assert not p.one("description-full").is_displayed()
    # a paste of 6000 characters is cut at 5000, and the page says so
    text = "".join(f"新建{i}号村道{i + 1}公里，" for i in range(600))[:6000]
    p.d.execute_script("arguments[0].value = ''; arguments[0].focus();", desc)
    p.d.execute_script("""
        const el = arguments[0], dt = new DataTransfer(); dt.setData('text/plain', arguments[1]);
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
        el.dispatchEvent(new InputEvent('beforeinput', {data: arguments[1], inputType: 'insertFromPaste', bubbles: true}));
        el.value = arguments[1].slice(0, 5000);
        el.dispatchEvent(new InputEvent('input', {bubbles: true}));""", desc, text)
    assert p.one("description-counter").text == "已输入 5000 / 5000 字"
    full = p.one("description-full")
    assert full.is_displayed() and "5000" in full.text
    p.one("suggest-submit").click()
    p.wait(lambda: p.all("suggest-quantities"), timeout=40, what="recognised numbers")
    box = p.one("suggest-quantities")
    shown = box.text.split("：", 1)[1].split(" … ")[0].split("、")
    assert len(shown) == 8, box.text
    p.one("quantities-more", box).click()
    p.wait(lambda: len(p.one("suggest-quantities").text.split("：", 1)[1].split("、")) > 8, what="all numbers")
    _shot(p, "04-counter")


def test_a_date_target_shows_whole_and_the_pending_hint_goes_when_filled(page, served):  # noqa: F811
    p = page
    _suggest_on_page(p, "安全隐患维修(审判楼玻璃幕墙等)", "对审判楼玻璃幕墙等安全隐患进行维修，消除安全隐患，资金20万元。")
    p.wait(lambda: len(p.all("suggest-row")) >= 5, what="suggested rows")
    p.one("add-row").click()
    row = p.all("suggest-row")[0]
    value = p.one("row-value", row)
    p.set_value(value, "2023年12月31日前")
    assert p.d.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", value), "date cut off"
    pending = [r for r in p.all("suggest-row") if "pending" in (r.get_attribute("class") or "")]
    assert pending, "a 待填写 row"
    r = pending[0]
    hint = p.one("row-pending-hint", r)
    assert hint.is_displayed()
    p.set_value(p.one("row-value", r), "400")
    assert not hint.is_displayed() and "pending" not in (r.get_attribute("class") or "")
    p.one("row-value", r).send_keys("\b\b\b")
    assert hint.is_displayed()
    _shot(p, "05-date-and-hint")


def test_an_added_row_lands_in_its_block_and_is_exported_there(page, served):  # noqa: F811
    p = page
    _suggest_on_page(p, "安全隐患维修", "对审判楼玻璃幕墙等安全隐患进行维修，消除安全隐患，资金20万元。")
    p.wait(lambda: len(p.all("suggest-row")) >= 5, what="suggested rows")
    levels = lambda: [p.one("row-level", r).get_attribute("value") for r in p.all("suggest-row")]  # noqa: E731
    p.one("add-row").click()
    got = levels()
    new = [i for i, r in enumerate(p.all("suggest-row")) if not p.one("row-name", r).get_attribute("value")]
    assert new and got[new[0]] == "quantity" and new[0] < got.index("beneficiary_satisfaction")
    assert all(lv == "quantity" for lv in got[:new[0] + 1])
    # giving it another 二级 moves it into that block
    from selenium.webdriver.support.ui import Select
    Select(p.one("row-level", p.all("suggest-row")[new[0]])).select_by_value("social_benefit")
    got = levels()
    at = [i for i, r in enumerate(p.all("suggest-row")) if not p.one("row-name", r).get_attribute("value")][0]
    assert got[at] == "social_benefit" and at < got.index("beneficiary_satisfaction")
    order = ["quantity", "quality", "timeliness", "output_cost", "economic_cost", "social_cost", "ecological_cost",
             "economic_benefit", "social_benefit", "ecological_benefit", "sustainable_impact", "beneficiary_satisfaction"]
    ranks = [order.index(lv) for lv in got]
    assert ranks == sorted(ranks), got


def _approved(served, project_name: str, rows: list[dict]) -> dict:  # noqa: F811
    """A 2023 declaration of `rows` (budget 50 万元) filed and submitted by the declarant, approved by the reviewer."""
    with _api(served, "declarant") as c:
        d = c.post("/v1/declarations", json={"project_name": project_name, "year": 2023, "budget_wan": 50,
                                             "rows": rows}).json()
        c.post(f"/v1/declarations/{d['id']}/submit").raise_for_status()
    with _api(served, "reviewer") as c:
        c.post(f"/v1/declarations/{d['id']}/approve", json={"acknowledge_findings": True}).raise_for_status()
    return d


def _approved_with_lights_and_self_score(served):  # noqa: F811
    rows = [{"level1": "产出指标", "level2": "数量指标", "name": "种植黄金蜜(葡萄)数量", "operator": "≥", "value": "17600",
             "unit": "株", "weight": 50},
            {"level1": "产出指标", "level2": "质量指标", "name": "种植成活率", "operator": "≥", "value": "90", "unit": "%",
             "weight": 50}]
    d = _approved(served, "设施农业葡萄种植", rows)
    with _api(served, "declarant") as c:
        c.post(f"/v1/declarations/{d['id']}/monitoring", json={
            "period_end": "2023-06-30", "budget_executed_wan": 10,
            "indicators": [{"row": 1, "actual": "8000"}, {"row": 2, "actual": "87.5"}]}).raise_for_status()
        ev = c.post(f"/v1/declarations/{d['id']}/evaluation", json={
            "budget_executed_wan": 48, "rows": [{"row": 1, "actual": "17600", "weight": 45},
                                                {"row": 2, "actual": "95", "weight": 45}]})
        ev.raise_for_status()
    return d["id"], ev.json()


def test_the_finance_reviewer_sees_the_lights_and_the_self_score_beside_feedback(page, served):  # noqa: F811
    decl_id, ev = _approved_with_lights_and_self_score(served)
    with _api(served, "admin") as c:
        r = c.post("/v1/admin/keys", json={"unit_name": FINANCE, "role": "finance_reviewer", "assigned_units": [UNIT_A]})
        r.raise_for_status()
        served.keys["finance"] = r.json()["key"]
    p = page
    p.sign_in("finance")
    p.go(f"#/declarations/{decl_id}")
    panel = p.one("feedback-panel")
    p.wait(lambda: p.all("feedback-basis", panel), what="the basis of the feedback")
    lights = p.one("feedback-monitoring", panel)
    assert p.all("light", lights) and "期末 2023-06-30" in lights.text
    evaluation = p.one("feedback-evaluation", panel)
    total = round(ev["total"] * 10) / 10
    assert p.one("evaluation-total", evaluation).text == (str(int(total)) if total == int(total) else str(total))
    assert ev["grade"] in p.one("evaluation-grade", evaluation).text
    assert p.all("feedback-total", panel)  # the score is entered right under them
    _shot(p, "06-reviewer-feedback")
    # no warning about a coming review on an approved declaration
    assert "须确认这些问题" not in p.text()


def test_acc04_tells_staff_to_use_the_import_button(page, served):  # noqa: F811
    decl_id, _ = _approved_with_lights_and_self_score(served)
    p = page
    p.sign_in("declarant")
    p.go(f"#/declarations/{decl_id}")
    p.wait(lambda: [f for f in p.all("crosscheck-finding") if f.get_attribute("data-rule") == "ACC-04"], what="ACC-04")
    text = " ".join(f.text for f in p.all("crosscheck-finding") if f.get_attribute("data-rule") == "ACC-04")
    assert "导入并关联到本申报" in text and "jixiao archive" not in text and "/v1/archive/import" not in text
    with _api(served, "declarant") as c:  # API callers keep the API's own hint
        out = c.get(f"/v1/declarations/{decl_id}/crosschecks").json()
    assert any("POST /v1/archive/import" in f["message"] for f in out["findings"] if f["rule_id"] == "ACC-04")


def test_search_shows_more_than_the_first_30_hits(page, served):  # noqa: F811
    p = page
    p.sign_in("declarant")
    p.go("#/search?q=满意度")
    p.wait(lambda: len(p.all("search-hit")) == 30, what="first page")
    with _api(served, "declarant") as c:
        total = c.get("/v1/indicators/search", params={"q": "满意度", "top": 1}).json()["total"]
    assert total > 60, total
    assert f"共 {total} 个" in p.text() and "显示前 30 个" in p.text()
    p.one("search-more").click()
    p.wait(lambda: len(p.all("search-hit")) == 60, what="second page")
    ids = [h.get_attribute("data-id") for h in p.all("search-hit")]
    assert len(set(ids)) == 60  # the next page, not the first again
    assert "显示前 60 个" in p.text()
    _shot(p, "07-search-more")


def test_a_monitoring_error_names_its_row_once(page, served):  # noqa: F811
    rows = [{"level1": "产出指标", "level2": "数量指标", "name": "种植黄金蜜(葡萄)数量", "operator": "≥", "value": "17600",
             "unit": "株"},
            {"level1": "产出指标", "level2": "数量指标", "name": "设施温棚数量", "operator": "≥", "value": "10", "unit": "栋"},
            {"level1": "产出指标", "level2": "质量指标", "name": "项目验收合格率", "operator": "=", "value": "100", "unit": "%"},
            {"level1": "产出指标", "level2": "质量指标", "name": "种植成活率", "operator": "≥", "value": "90", "unit": "%"}]
    d = _approved(served, "葡萄种植（监控）", rows)
    p = page
    p.sign_in("declarant")
    p.go(f"#/declarations/{d['id']}")
    panel = p.one("monitoring-panel")
    p.d.execute_script("arguments[0].value = arguments[1]", p.one("monitoring-period-end", panel), "2023-06-30")
    actual = p.all("monitoring-actual", panel)
    actual[0].send_keys("8000")
    actual[1].send_keys("5")
    actual[3].send_keys("15400")  # the third item of the request, the fourth row of the table
    p.one("monitoring-submit", panel).click()
    p.wait(lambda: "超过 100%" in panel.text, what="the error")
    err = next(e.text for e in panel.find_elements(p.By.CSS_SELECTOR, ".notice.error") if "超过 100%" in e.text)
    assert err.startswith("第 4 行“种植成活率”的实际完成值："), err
    assert "第 3 项" not in err and "第3项" not in err, err
