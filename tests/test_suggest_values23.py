"""Values round 23: stated standards, limits, counts and goals a table left out or computed instead (trial 21's own
texts, verbatim; dev E025, D056, D031)."""
from __future__ import annotations


def _rows(res):
    return [(c.level2_label, c.name, c.operator, c.value, c.unit) for c in res.default_table]


def _suggest(kb, text, name, budget_wan=None):
    return kb.suggest(text, project_name=name, budget_wan=budget_wan, mode="lexical", with_opinions=False)


E025 = ("项目绩效自评表。年初/全年预算1100万元,执行1100万元,执行率100%(10分)。目标1:1290.3平方米冷库仓储建设及配套生产设备、"
        "配套电力设施购置安装(冷库仓储3100元/平方米,投资400万元);目标2:配套烘干杀菌设备及包装设备购置及安装550万元;目标3:"
        "配套电力设施1250KVA变压器3台,高压线接入及土建安装投资150万元。实际完成情况同预期。")


def test_a_stated_unit_cost_wins_over_budget_over_quantity(shipped_kb):
    """冷库仓储3100元/平方米 is the text's standard: the per-area cost row holds ≤ 3100 元/平方米, never 1100 万元 ÷
    1290.3 平方米 ≈ 8525.15 (the budget also pays the drying equipment and the transformers), and is shown."""
    res = _suggest(shipped_kb, E025, "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)")
    rows = _rows(res)
    every = rows + [(c.level2_label, c.name, c.operator, c.value, c.unit) for v in res.alternates.values() for c in v]
    assert not [r for r in every if r[3] == "8525.15"], every
    assert [r for r in rows if r[4] == "元/平方米" and r[2:4] == ("≤", "3100") and "冷库" in r[1]], rows
