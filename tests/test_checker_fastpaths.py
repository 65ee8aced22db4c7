"""The checker's short cuts give what the plain computation gives, on real rows and on the odd ones.

Speed work on the checker (issue 15) memoises per text and skips work a
cheap test shows to be a no-op; `benchmarks/check_dump.py` compares whole
reports before and after. These tests pin each short cut against the plain
computation it stands for: on every row of ../shared/data/declarations/dev.jsonl
and on names and values made to hit the edge (full-width, Traditional,
white space, emoji, zero-width characters).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.checker import check_rows
from kb.checker.engine import clear_caches
from kb.checker.parse import NameInfo, ParsedRow
from kb.checker.rewrite import _tidy_fields, tidy_field
from kb.domain.schema import TargetRow
from kb.domain.text import compact, strip_pictographs

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "declarations" / "dev.jsonl"

# names that a short cut must not take as already tidy
_ODD_NAMES = ["培训人数", "培訓人數", "培训 人数", "培训\u3000人数", "ＬＥＤ路灯 更换数量", "LED  street lights",
              "路灯更换数量🏠", "路灯\u200b更换数量", "满意度\ufe0f", "①号泵站维修数量", "PM2.5 达标天数", "（请补充效益指标）",
              "㎡绿化面积", "ｍ²", " 受益人数 "]


def _dev_rows() -> list[TargetRow]:
    rows = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        rows.extend(TargetRow(**{k: str(r.get(k) or "") for k in ("level1", "level2", "name", "operator", "value",
                                                                   "unit")})
                    for r in json.loads(line)["indicators"])
    return rows


def _plain_tidy(fields: dict[str, str], raw: TargetRow) -> dict[str, str]:
    """`_tidy_fields` as it was before the memo: compact and tidy every field afresh."""
    out = dict(fields)
    for k in ("name", "value", "unit"):
        v = out.get(k) or ""
        w = getattr(raw, k) or ""
        if v and w and v == compact(w)[0]:
            v = tidy_field(w)
        out[k] = strip_pictographs(v) if v else v
    return out


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_kept_name_is_tidied_as_the_plain_computation_on_every_dev_name():
    names = {r.name for r in _dev_rows()} | set(_ODD_NAMES)
    assert len(names) > 300
    for n in names:
        assert NameInfo(n).tidy_raw() == strip_pictographs(tidy_field(n)), n


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_rewrite_fields_tidied_as_the_plain_computation_on_every_dev_row():
    clear_caches()
    rows = _dev_rows()
    for raw in rows + [TargetRow(name=n, operator="≥", value="９５", unit="％") for n in _ODD_NAMES]:
        r = ParsedRow(raw, 1)
        kept = {"level1": raw.level1, "level2": raw.level2, "name": r.name, "operator": r.op, "value": r.v,
                "unit": r.unit}
        renamed = {**kept, "name": r.name + "数量🏠", "value": "95", "unit": "%"}
        for fields in (kept, renamed):
            assert _tidy_fields(r, dict(fields)) == _plain_tidy(fields, raw), raw
            assert _tidy_fields(r, dict(fields)) == _plain_tidy(fields, raw), raw  # memoised answer too


def test_txt05_still_finds_an_invisible_or_a_pictograph_in_any_field():
    clear_caches()
    rows = [TargetRow(level1="产出指标", level2="数量指标", name="培训人数", operator="≥", value="100", unit="人\u200b"),
            TargetRow(level1="产出指标", level2="数量指标", name="路灯更换数量", operator="≥", value="50🏠", unit="盏"),
            TargetRow(level1="产出指标", level2="数量指标", name="培训人数", operator="≥", value="100", unit="人")]
    found = [(f.row, f.field) for f in check_rows(rows, suggest=False).findings if f.rule_id == "TXT-05"]
    assert found == [(1, "unit"), (2, "value")]


def test_txt06_memo_answers_as_the_first_reading():
    clear_caches()
    rows = [TargetRow(level1="产出指标", level2="数量指标", name="培训人数", operator="≥", value=v, unit="人")
            for v in ("1,2000", "1,200", "1,2000")]
    for _ in range(2):  # the second pass reads every value from the memo
        found = [(f.row, f.message) for f in check_rows(rows, suggest=False).findings if f.rule_id == "TXT-06"]
        assert [row for row, _ in found] == [1, 3]
        assert "“1,2000”的千分位分隔符位置不对" in found[0][1]


def test_rel05_runs_where_the_project_names_a_programme_and_only_there():
    from kb.checker.parse import context_flags, own_programs

    assert context_flags({"project": "临时救助"})[2] and own_programs("临时救助", None) == frozenset({"临时救助"})
    assert not context_flags({"project": "困难群众救助"})[2]  # an umbrella project names none of its own
    assert not context_flags({"project": "合成项目1"})[2] and context_flags({"project": "合成项目1"})[0]
    row = TargetRow(level1="产出指标", level2="数量指标", name="农村低保发放人数", operator="≥", value="500", unit="人")
    for project, fires in (("临时救助", True), ("农村低保", False), ("困难群众救助", False), ("道路养护", False)):
        clear_caches()
        found = [f.message for f in check_rows([row], {"project": project}, suggest=False).findings
                 if f.rule_id == "REL-05"]
        assert bool(found) is fires, project


def test_op04_and_feas04_short_cuts_keep_their_findings():
    clear_caches()
    rows = [TargetRow(level1="产出指标", level2="质量指标", name="设备故障率", operator="≥", value="5", unit="%"),
            TargetRow(level1="产出指标", level2="质量指标", name="设备故障率", operator="=", value="5", unit="%"),
            TargetRow(level1="产出指标", level2="数量指标", name="养护里程", operator="≥", value="3000", unit="公里")]
    rep = check_rows(rows, {"project": "道路养护", "description": "本项目计划养护里程300公里。"}, suggest=False)
    got = sorted((f.rule_id, f.row) for f in rep.findings if f.rule_id in ("OP-04", "FEAS-04"))
    assert got == [("FEAS-04", 3), ("OP-04", 1)]
    rep = check_rows(rows, {"project": "道路养护"}, suggest=False)  # no description: nothing to compare with
    assert not [f for f in rep.findings if f.rule_id == "FEAS-04"]


def test_qnt07_and_str04_short_cuts_keep_their_findings():
    clear_caches()
    rows = [TargetRow(level1="产出指标", level2="质量指标", name="验收合格率", operator="≥", value="105", unit="%"),
            TargetRow(level1="产出指标", level2="质量指标", name="验收合格率", operator="≥", value="95", unit="%"),
            TargetRow(level1="效益指标", level2="经济效益指标", name="收入增长率", operator="≥", value="150", unit="%"),
            TargetRow(level1="产出指标", level2="数量指标", name="培训ＸＸ人数", operator="≥", value="10", unit="人"),
            TargetRow(level1="产出指标", level2="数量指标", name="培训**人数", operator="≥", value="10", unit="人")]
    got = sorted((f.rule_id, f.row) for f in check_rows(rows, suggest=False).findings
                 if f.rule_id in ("QNT-07", "STR-04"))
    assert got == [("QNT-07", 1), ("STR-04", 4), ("STR-04", 5)]


def test_stated_quantities_memo_gives_the_reading_of_every_real_description():
    from kb.checker.rules.feasibility import _stated_quantities, stated_quantities

    clear_caches()
    descs = [d for line in DEV.read_text(encoding="utf-8").splitlines()
             if (d := json.loads(line).get("description"))]
    assert len(descs) >= 50
    read = 0
    for d in descs:
        first = stated_quantities(d)
        assert first == tuple(_stated_quantities(d))
        assert stated_quantities(d) is first  # read once per description
        read += len(first)
    assert read > 100  # the real descriptions state quantities (养护里程300公里 …)
    # the memo answers as the reader does on a quantity stated per member (a rate, not a total)
    q = stated_quantities("每所少年宫每周开展活动不少于3次，共16所。")
    assert [(x, unit, rate) for _, x, unit, _, rate in q] == [(3.0, "次", True), (16.0, "所", False)]


def test_lookup_key_without_the_text_memos_is_the_slot_free_key():
    from kb.domain.text import slot_free_key, slot_free_key_unmemoised

    names = [r.name for r in _dev_rows()] + _ODD_NAMES + ["〔培训对象〕培训人次", "〔服务对象〕满意度（％）", "", "〔〕"]
    assert len(names) > 500
    for n in names:
        assert slot_free_key_unmemoised(n) == slot_free_key(n), n
    assert slot_free_key_unmemoised("〔培训对象〕培訓人次（人）") == "培训人次人"


def test_stock_figures_read_once_per_description_and_rel06_answers_alike():
    from kb.checker.rules.relevance import stock_figures

    clear_caches()
    desc = ("2025年计划在全县12个乡镇完成农村户厕改造1500户。全县现有农户4.2万户，其中已完成无害化改厕2.8万户。"
            "去年已完成改厕1200户。全县现有林地面积186万亩，已累计建成高标准农田38万亩。改造提升原有助餐点2个。")
    figs = stock_figures(desc)
    assert stock_figures(desc) is figs
    # the stock figures, not last period's output (去年已完成) nor work on what stands (改造提升原有助餐点)
    assert [(x, unit, said) for x, unit, _, _, said in figs] == [
        (4.2, "万户", "现有"), (2.8, "万户", "已完成"), (186.0, "万亩", "现有"), (38.0, "万亩", "累计")]
    rows = [TargetRow(level1="产出指标", level2="数量指标", name=n, operator="≥", value=v, unit=u)
            for n, v, u in (("高标准农田建设面积", "38", "万亩"), ("无害化改厕户数", "28000", "户"), ("改厕户数", "1200", "户"))]
    found = [[(f.row, f.rule_id) for f in check_rows(rows, {"description": desc}, suggest=False).findings
              if f.rule_id == "REL-06"] for _ in range(2)]  # cold, then from the memo
    # trial 13: 改厕户数 1200 户 is last period's output (去年已完成改厕1200户) as a target: REL-06 as a past figure
    assert found[0] == found[1] == [(1, "REL-06"), (2, "REL-06"), (3, "REL-06")]


def _plain_of_work(lk, text: str, level2: str, accept, min_hits: int = 1, ignore=()):
    """`IndicatorLookup.of_work` as it was before its keywords were filtered once per 二级指标."""
    best, best_n = None, max(min_hits, 1) - 1
    for pos, _ in lk._name_keys.get(level2, ()):
        ind = lk._resolve(pos)
        hits = [w for w in dict.fromkeys(ind.keywords) if len(w) >= 2 and w in text and w not in ignore]
        if len(hits) > best_n and any(w in ind.name for w in hits) and accept(ind):
            best, best_n = ind, len(hits)
    return best


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_of_work_with_keywords_filtered_once_answers_as_the_plain_scan():
    from kb.indicators.lookup import IndicatorLookup
    from kb.io.library import load_libraries
    from kb.settings import Settings

    lk = IndicatorLookup.from_indicators(load_libraries(Settings().indicators_dir))
    texts = [json.loads(line).get("project_name") or "" for line in DEV.read_text(encoding="utf-8").splitlines()]
    texts += ["村级干部培训", "义诊进乡村", "农村公路养护", "城市照明路灯维护", "宣传活动", ""]
    answered = 0
    for level2 in ("quality", "quantity", "social_benefit"):
        for text in texts:
            for min_hits, ignore in ((1, ()), (2, ("资金", "项目"))):
                want = _plain_of_work(lk, text, level2, lambda i: True, min_hits, ignore)
                got = lk.of_work(text, level2, lambda i: True, min_hits=min_hits, ignore=ignore)
                assert got is want, (text, level2, min_hits)
                answered += got is not None
    assert answered >= 10  # the project names and kinds of work above name ten the library has


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_kept_name_key_is_the_key_of_the_name_as_text_on_every_dev_name():
    """`guard._key_after` reads a kept name's key from its parse instead of normalising the text again."""
    from kb.checker.fixes import name_key_of_text

    names = {r.name for r in _dev_rows()} | set(_ODD_NAMES)
    kept = 0
    for n in names:
        ni = NameInfo(n)
        if ni.name:  # the short cut's condition; a slot to fill (（请补充效益指标）) has no name and no key
            assert ni.key == name_key_of_text(n), n
            kept += 1
    assert kept == len(names) - 1  # every name but the slot


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_traditional_test_answers_as_the_set_test_on_every_table_character_and_dev_text():
    """`has_traditional` (a compiled character class) stands for `not _traditional().isdisjoint(text)` in
    `compact` and `to_simplified`."""
    from kb.domain.text import _t2s_table, _traditional, has_traditional, to_simplified

    chars = _traditional()
    beyond = [c for c in chars if ord(c) > 0xFFFF]
    assert len(chars) > 4000 and beyond  # the table reaches beyond the Basic Multilingual Plane
    for c in chars:
        assert has_traditional(f"培训{c}人数"), hex(ord(c))
    texts = [t for r in _dev_rows() for t in (r.name, r.value, r.unit, r.level1, r.level2)] + _ODD_NAMES
    texts += ["\U00020000培训", "𠀀", "群眾滿意度", "", "abc", beyond[0] + "x", "\U0001F3E0路灯"]
    for t in texts:
        assert has_traditional(t) == (not chars.isdisjoint(t)), t
        assert to_simplified(t) == t.translate(_t2s_table()), t
    assert to_simplified("群眾滿意度") == "群众满意度"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_invpic_tag_is_txt05s_own_search_on_every_dev_row_and_on_odd_texts():
    """TXT-05 runs only on rows tagged `invpic`: the tag (per name, value and unit as written) is what its
    search over the three fields finds."""
    from kb.checker.catalog import ROW_TAGS
    from kb.checker.runner import _TAG_NAMES
    from kb.domain.text import INVISIBLE_OR_PICTOGRAPH_RE

    assert _TAG_NAMES[1:] == ROW_TAGS[1:] and len(_TAG_NAMES) == len(ParsedRow(_dev_rows()[0], 1).tags)
    rows = _dev_rows() + [TargetRow(level1="产出指标", level2="数量指标", name=n, operator=o, value=v, unit=u)
                          for n in _ODD_NAMES for o, v, u in (("≥", "100", "人"), ("≥", "50🏠", "盏"),
                                                              ("≥\u200b", "1", "个"), ("", "良好", "人\u200b"))]
    seen = 0
    for r in rows:
        want = bool(INVISIBLE_OR_PICTOGRAPH_RE.search(f"{r.name}{r.value}{r.unit}"))
        assert ParsedRow(r, 1).tags[_TAG_NAMES.index("invpic")] is want, r
        seen += want
    # every odd name with 50🏠 or a unit holding U+200B (U+200B in the operator is no part of TXT-05's search),
    # and the three odd names holding one themselves (🏠, U+200B, U+FE0F) with the other two; no dev row has one
    assert seen == 2 * len(_ODD_NAMES) + 3 * 2


def test_desc_and_upkeep_tags_gate_feas04_and_rel05s_acceptance_reading():
    from kb.checker.parse import context_flags, upkeep_service
    from kb.domain.words import UPKEEP_WORDS, builds_or_buys

    for p, d in (("机柜租赁", None), ("信息系统运维服务", "采购第三方运维服务"), ("机房设备维保", "更换服务器2台"),
                 ("农村公路养护", None), ("合成项目1", None), (None, "租赁办公用房")):
        said = (p or "") + (d or "")
        assert upkeep_service(p, d) is (bool(UPKEEP_WORDS.search(said)) and not builds_or_buys(said)), (p, d)
        assert context_flags({"project": p, "description": d})[3:] == (bool(d), upkeep_service(p, d))
    assert upkeep_service("机柜租赁", None) and not upkeep_service("合成项目1", None)
    row = TargetRow(level1="产出指标", level2="质量指标", name="系统验收合格率", operator="=", value="100", unit="%")
    for project, fires in (("机柜租赁", True), ("机房建设", False), ("合成项目1", False)):
        clear_caches()
        found = [f.rule_id for f in check_rows([row], {"project": project}, suggest=False).findings]
        assert ("REL-05" in found) is fires, project
    # FEAS-04 reads the description's quantities: a project name alone gives none
    row = TargetRow(level1="产出指标", level2="数量指标", name="养护里程", operator="≥", value="3000", unit="公里")
    for ctx, fires in (({"project": "农村公路养护", "description": "养护里程300公里"}, True),
                       ({"project": "农村公路养护养护里程300公里"}, False)):
        clear_caches()
        assert ("FEAS-04" in [f.rule_id for f in check_rows([row], ctx, suggest=False).findings]) is fires


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data not present")
def test_a_gated_rule_finds_nothing_on_a_row_without_its_tag():
    """The row tags of the speed round (invpic, desc, upkeep, sep, forbid, outnum, opbad, placeholder, unit3,
    always, satl, empty, noop) are each a
    necessary condition of their rules: run ungated over every dev row and odd variants of them, a rule
    never fires where its tag is off, and does fire where it is on."""
    from kb.checker.catalog import GOAL_RULES, ROW_RULES
    from kb.checker.runner import _TAG_NAMES
    from kb.settings import CheckerSettings

    s = CheckerSettings()
    # trial 14: REL-06 reads every numeric row (a stock set as target under 效益 too), gated by `num`; it reads the
    # outnum tag itself to tell its 产出/数量 branch, so no rule is gated by outnum any more
    new = ("invpic", "desc", "upkeep", "sep", "forbid", "opbad", "placeholder", "unit3", "always", "satl",
           "empty", "noop")
    gated = [(m, f) for m, f in ROW_RULES + GOAL_RULES if f.needs in new]
    assert {f.needs for _, f in gated} == set(new)
    variants = [("≥", "1,2000", "人"), ("", "-5", "个"), ("约", "100", "个"), ("≥", "约100", "%"), ("=", "100_", "个"),
                ("≥", "5*", "台"), ("大约", "100", "个"), ("≥", "1,350", "人"), ("≥", "50🏠", "盏"), ("≥", "2", "个\u200b"),
                ("≥", "**", "个"), ("=", "=SUM(A1:A9)", "个"), ("≥", "200人", "次"), ("≥", "0", "人"), ("≤", "100", "%"),
                ("<", "100%", ""), ("", "95", "%"), ("", "良好", ""), ("", "", "个"), ("≥", "", "")]
    ctxs = [{}, {"project": "机柜租赁"}, {"project": "农村公路养护", "description": "养护里程300公里，现有公路1200公里"}]
    fired: dict[str, int] = {}
    stock = TargetRow(level1="产出指标", level2="数量指标", name="现有林地面积", operator="≥", value="186", unit="万亩")
    for raw in _dev_rows()[:400] + [stock]:
        for op, v, u in [(raw.operator, raw.value, raw.unit), *variants]:
            row = TargetRow(level1=raw.level1, level2=raw.level2, name=raw.name, operator=op, value=v, unit=u)
            for ctx in ctxs:
                r = ParsedRow(row, 1, ctx)
                for m, f in gated:
                    hit = f(r, s)
                    if not r.tags[_TAG_NAMES.index(f.needs)]:
                        assert hit is None, (m.id, row, ctx)
                    elif hit is not None:
                        fired[m.id] = fired.get(m.id, 0) + 1
    assert set(fired) >= {"TXT-04", "TXT-05", "TXT-06", "OP-02", "REL-05", "FEAS-04", "QNT-04", "UNIT-03", "QNT-09",
                          "SAT-01", "STR-03", "OP-01"}
