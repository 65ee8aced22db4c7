"""SAT rules (SAT-01 … SAT-05): placement, level and subject of 满意度指标.

Detection follows ../shared/data/rules/RULES.md §5.6; the satisfaction floor
is `CheckerSettings.satisfaction_floor_pct` (80 %, the catalog's empirical
threshold). A satisfaction *level* row names 满意 and is not a change
(提升幅度, 增长 …). Not for rewrites.
"""
from __future__ import annotations

from kb.checker import lexicon as L
from kb.checker.catalog import LEVELS, RuleHit, rule
from kb.checker.fixes import fmt_num
from kb.checker.parse import ParsedRow
from kb.checker.rules.quantification import is_sat_04
from kb.domain.schema import Level1, Level2
from kb.settings import CheckerSettings

_SAT_WORDS = ("满意", "认可", "认同", "好评")
# ours: a satisfaction name that is the measure alone, nobody asked (满意度: whose?)
_NO_SUBJECT = frozenset(("满意度", "满意率", "满意程度", "满意度调查", "总体满意度", "综合满意度"))


def _one_misplacement(r: ParsedRow, h: RuleHit) -> tuple[str, ...]:
    """ours: a 满意度 row filed under another 一级指标 with 二级 满意度指标 is one misplacement — its 二级 is
    right for it, only the 一级 is wrong — so SAT-01 covers the STR-02 the 二级 draws under that 一级
    (a fresh reviewer counted 产出指标/满意度指标/群众满意度 as two errors for one); the fix (满意度指标 /
    服务对象满意度指标) is the same. Another 二级 (产出/社会效益指标/…满意度) stays a second finding."""
    if h.field == "level1" and r.level2 is Level2.beneficiary_satisfaction:
        return ("STR-02",)
    return ()


@rule("SAT-01", needs="satl", fields=LEVELS + ("name",), covers=_one_misplacement)
def sat_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """满意度 named outside the 满意度 一级指标, or a non-satisfaction name under it."""
    if not r.name:
        return None
    if r.sat_row and r.level1 is not Level1.satisfaction:
        where = r.raw.level1.strip() or "空白一级指标"
        return RuleHit("level1", f"满意度指标“{r.name}”放在了“{where}”下，应列入满意度指标")
    if r.level1 is Level1.satisfaction and not any(w in r.name for w in _SAT_WORDS):
        return RuleHit("name", f"满意度指标下的“{r.name}”不是满意度")
    return None


def _pct_like(r: ParsedRow) -> bool:
    return r.pct or not r.eff_unit


@rule("SAT-02", needs="sat", retarget=True)
def sat_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Satisfaction target of 100 % (=, ≥ or no operator): not attainable by a survey."""
    if r.sat_level and r.num == 100 and _pct_like(r) and r.eff_op in ("=", "≥", ""):
        return RuleHit("value", "满意度目标为100%，抽样调查几乎不可能全部满意，难以实现和核验")
    return None


@rule("SAT-03", needs="sat", retarget=True)
def sat_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Satisfaction target below the floor (80 %)."""
    if r.sat_level and r.num is not None and _pct_like(r) and r.num < s.satisfaction_floor_pct:
        return RuleHit("value", f"满意度目标{fmt_num(r.num)}%低于{s.satisfaction_floor_pct:g}%，需说明依据")
    return None


@rule("SAT-04", needs="sat", retarget=True)
def sat_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Satisfaction value written as text (满意, 较满意)."""
    if is_sat_04(r):
        return RuleHit("value", f"满意度指标值“{r.v}”不是百分比")
    return None


@rule("SAT-05", needs="sat", depends="name", fields=("name",))
def sat_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Unspecific subject (社会满意度, 各方 …) or several subjects joined with 、."""
    if not r.sat_row:
        return None
    m = L.SAT_VAGUE_RE.search(r.name)
    if m:
        return RuleHit("name", f"满意度对象“{m.group()}”笼统，无法组织调查")
    if "、" in r.name_base:
        return RuleHit("name", f"“{r.name}”把多个调查对象合为一个满意度")
    if r.name_base in _NO_SUBJECT:  # round 13: draft.csv's bare 满意度 passed
        return RuleHit("name", f"满意度指标“{r.name}”没有写明调查对象（谁的满意度），无法组织调查")
    return None
