"""The rule catalog: each rule's id, category, severity, scope, review dimension and basis.

Source: ../shared/data/rules/rules.json (version 2025-draft-1, 61 rules). Ids,
titles, severities, scopes, dimensions and the documents cited are carried
over as facts; the detection logic lives in the category modules
(`structure`, `quantification`, …) and the user-facing messages are ours.

Citation policy (issue 4 §1): a basis entry the catalog marks as seen in the
original text (`seen`) is cited with its article / place; one it marks as
recalled from memory (`recalled`) is cited by document alone; an empirical
threshold (`heuristic`) is cited as 经验阈值. The catalog gives no review
dimension for the TXT rules; we file them under 完整性 (an entry the system
refuses to save is incomplete).

Not for detection or I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from kb.domain.findings import DIMENSION_LABELS

Severity = Literal["error", "warning", "info"]
Scope = Literal["row", "table", "row/table"]


DOCS = {
    # written as our citations are (《文件名》(文号), `kb.corpus.models.citation`)
    "88": "《中央部门预算绩效目标管理办法》(财预〔2015〕88号)",
    "101": "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》(财预〔2021〕101号)",
    "10": "《项目支出绩效评价管理办法》(财预〔2020〕10号)",
    "285": "《财政支出绩效评价管理暂行办法》(财预〔2011〕285号)（已废止）",
    "PMKPI": "预算管理一体化系统的填报校验（系统保存时拒绝此类填写）",
    "ZJ": "浙江预算编制监审绩效指标“监审意见”字典",
    "SHUTU": "实务文章《行政事业单位…绩效目标申报》常见问题（m.shutu.cn）",
    "LOCAL": "地方项目绩效目标申报办法片段（m.dybbs8.com）",
    "—": "经验阈值",
    "OURS": "本工具的核对规则（不是政策条文）",
}
# rules of ours beyond the catalog's 61 (their basis is `OURS`)
OUR_RULES = ("FEAS-04", "FEAS-05", "FEAS-06", "FEAS-07", "TXT-05", "TXT-06", "QNT-13", "REL-06", "REL-07", "UNIT-04", "UNIT-05",
             "TIME-06", "TIME-07")


# what a declarant reads for a place in the budget system's checks (the catalog names code: checkAll() …)
PLACE_WORDS = {
    "checkAll()": "", "airecoindex": "", "otherappfunc()": "权重合计须为100",
    "PMKPIZBXS 字典": "计算符号只能是≥、＞、＝、＜、≤、定性", "自评得分公式": "自评按正向/反向指标分别计分",
    "附件1 自评表说明（系统代码印证）": "附件1 自评表说明（定性指标分三档）",
    # the 监审意见 the Zhejiang dictionary lists under each code (RULES.md)
    "code 2": "指标细化、量化不足（系统提示要点）", "code 3": "指标和项目关联不紧密（系统提示要点）", "code 4": "指标和指标值对不上（系统提示要点）",
    "code 5": "“建议拆分指标”", "code 6": "“一级指标类型错误”", "code 7": "“二级指标类型错误”",
    "code 8/9": "“建议增加明确效益指标/产出指标”", "code 10": "“建议增加满意度指标”",
}
# documents no longer in force, and the one that replaced them (../shared/data/policies: 财预〔2020〕10号
# replaced 财预〔2011〕285号): a basis cites the document in force; the repealed one is not cited
REPLACED_BY = {"285": "10"}


@dataclass(frozen=True)
class RuleMeta:
    """One catalog rule.

    basis: tuples (doc key in `DOCS`, place in the document or '', verification
    `seen` | `recalled` | `heuristic`).
    """

    id: str
    category: str
    title: str
    severity: Severity
    scope: Scope
    dimension: str
    basis: tuple[tuple[str, str, str], ...]
    citation: str = field(default="", compare=False)

    @property
    def dimension_label(self) -> str:
        return DIMENSION_LABELS[self.dimension]


def render_citation(basis: tuple[tuple[str, str, str], ...]) -> str:
    """Citation string: document + place only for `seen` entries, document alone otherwise.

    Each document appears once, in catalog order, with the places seen in it
    joined by '、'; documents are joined by '；'. A repealed document is
    replaced by the one in force (`REPLACED_BY`); a place in the budget
    system's code is said in words (`PLACE_WORDS`).
    """
    order: list[str] = []
    places: dict[str, list[str]] = {}
    for doc, where, ver in basis:
        if doc in REPLACED_BY:  # the place was in the repealed text: cite the document in force alone
            doc, where, ver = REPLACED_BY[doc], "", "recalled"
        where = PLACE_WORDS.get(where, where)
        if doc not in places:
            order.append(doc)
            places[doc] = []
        if ver == "seen" and where and where not in places[doc]:
            places[doc].append(where)
    return "；".join(f"{DOCS[d]} {'、'.join(places[d])}" if places[d] else DOCS[d] for d in order)


def _R(id, category, title, severity, scope, dimension, basis) -> RuleMeta:  # noqa: N802
    return RuleMeta(id, category, title, severity, scope, dimension or "completeness", basis,
                    render_citation(basis))


CATALOG: dict[str, RuleMeta] = {r.id: r for r in (
    _R('STR-01', 'STRUCT', '一级指标不在规定体系内', 'error', 'row', 'completeness',
       (('88', '', 'recalled'), ('101', '', 'recalled'), ('ZJ', 'code 6', 'seen'))),
    _R('STR-02', 'STRUCT', '二级指标与一级指标不匹配', 'error', 'row', 'completeness',
       (('88', '', 'recalled'), ('101', '', 'recalled'), ('ZJ', 'code 7', 'seen'))),
    _R('STR-03', 'STRUCT', '必填字段为空', 'error', 'row', 'completeness',
       (('PMKPI', 'checkAll()', 'seen'),)),
    _R('STR-04', 'STRUCT', '指标名称为占位符/模板残留/纯数字', 'error', 'row', 'completeness',
       (('PMKPI', 'checkAll()', 'seen'), ('10', '附件2 绩效指标明确性（评价要点）', 'seen'))),
    _R('STR-05', 'STRUCT', '指标名称超长(>100字)', 'error', 'row', 'completeness',
       (('PMKPI', 'checkAll()', 'seen'),)),
    _R('STR-06', 'STRUCT', '指标名称是工作描述/长句而非指标', 'info', 'row', 'relevance',
       (('10', '', 'recalled'), ('ZJ', 'code 5', 'seen'))),
    _R('STR-07', 'STRUCT', '缺少产出或效益一级指标', 'error', 'table', 'completeness',
       (('88', '', 'recalled'), ('ZJ', 'code 8/9', 'seen'), ('SHUTU', '(2)绩效指标设置混淆', 'seen'))),
    _R('STR-08', 'STRUCT', '未设置满意度指标', 'info', 'table', 'completeness',
       (('10', '', 'recalled'), ('ZJ', 'code 10', 'seen'))),
    _R('STR-09', 'STRUCT', '未设置成本指标', 'warning', 'table', 'completeness',
       (('101', '一、绩效目标及指标设置思路和原则（正文开头）', 'seen'), ('101', '', 'recalled'), ('88', '', 'recalled'))),
    _R('STR-10', 'STRUCT', '产出指标缺少数量/质量/时效之一', 'warning', 'table', 'completeness',
       (('88', '', 'recalled'), ('285', '第十四条(二)', 'seen'))),
    _R('STR-11', 'STRUCT', '指标数量过少或过多', 'warning', 'table', 'completeness',
       (('LOCAL', '片段', 'seen'), ('10', '', 'recalled'), ('—', '', 'heuristic'))),
    _R('STR-12', 'STRUCT', '指标重复', 'warning', 'table', 'completeness',
       (('10', '', 'recalled'),)),
    _R('STR-13', 'STRUCT', '权重合计不为100', 'error', 'table', 'completeness',
       (('PMKPI', 'otherappfunc()', 'seen'), ('10', '', 'recalled'))),
    _R('STR-14', 'STRUCT', '年度指标与中长期/总体指标完全相同', 'info', 'table', 'completeness',
       (('88', '', 'recalled'), ('SHUTU', '(2)', 'seen'))),
    _R('QNT-01', 'QUANT', '指标值为模糊表述且无数字', 'error', 'row', 'relevance',
       (('88', '', 'recalled'), ('285', '第十四条(二)', 'seen'), ('101', '一、（正文开头）', 'seen'), ('10', '附件2 绩效指标明确性（评价要点）', 'seen'), ('ZJ', 'code 2', 'seen'))),
    _R('QNT-02', 'QUANT', '指标名称是愿景/口号而非度量', 'warning', 'row', 'relevance',
       (('10', '', 'recalled'), ('ZJ', 'code 2', 'seen'))),
    _R('QNT-03', 'QUANT', '定量运算符但指标值无数字', 'error', 'row', 'relevance',
       (('PMKPI', 'airecoindex', 'seen'),)),
    _R('QNT-04', 'QUANT', '指标值为占位符', 'error', 'row', 'relevance',
       (('PMKPI', 'checkAll()', 'seen'), ('PMKPI', 'airecoindex', 'seen'))),
    _R('QNT-05', 'QUANT', '文字型指标值未分级/未声明定性', 'warning', 'row', 'relevance',
       (('285', '第十四条(二)', 'seen'), ('LOCAL', '片段', 'seen'), ('10', '附件1 自评表说明（系统代码印证）', 'seen'))),
    _R('QNT-06', 'QUANT', '可量化指标被定性/文字化', 'warning', 'row', 'relevance',
       (('88', '', 'recalled'), ('101', '', 'recalled'))),
    _R('QNT-07', 'QUANT', '百分比超出0–100%', 'error', 'row', 'appropriateness',
       (('ZJ', 'code 4', 'seen'),)),
    _R('QNT-08', 'QUANT', '“≥100%”写法', 'info', 'row', 'appropriateness',
       (('—', '', 'heuristic'),)),
    _R('QNT-09', 'QUANT', '目标恒成立（≥0、≤100%）', 'error', 'row', 'appropriateness',
       (('88', '', 'recalled'),)),
    _R('QNT-10', 'QUANT', '指标值中夹带说明文字', 'warning', 'row', 'relevance',
       (('PMKPI', 'airecoindex', 'seen'), ('PMKPI', 'checkAll()', 'seen'))),
    _R('QNT-11', 'QUANT', '区间值格式错误', 'error', 'row', 'relevance',
       (('—', '', 'heuristic'),)),
    _R('QNT-12', 'QUANT', '定性/文字指标占比过高', 'warning', 'table', 'relevance',
       (('88', '', 'recalled'), ('—', '', 'heuristic'))),
    # ours (not in the catalog): a count of whole persons or things set to a fraction (培训人数 ≥0.5 人)
    _R('QNT-13', 'QUANT', '计数指标值不是整数', 'error', 'row', 'appropriateness',
       (('OURS', '', 'heuristic'),)),
    _R('OP-01', 'OPERATOR', '缺少运算符（计算符号）', 'warning', 'row', 'relevance',
       (('PMKPI', 'PMKPIZBXS 字典', 'seen'),)),
    _R('OP-02', 'OPERATOR', '运算符无效或为约数', 'error', 'row', 'relevance',
       (('PMKPI', 'PMKPIZBXS 字典', 'seen'),)),
    _R('OP-03', 'OPERATOR', '运算符与指标值内嵌比较词冲突', 'warning', 'row', 'relevance',
       (('—', '', 'heuristic'),)),
    _R('OP-04', 'OPERATOR', '运算符方向与指标性质相反', 'error', 'row', 'appropriateness',
       (('ZJ', 'code 4', 'seen'), ('PMKPI', '自评得分公式', 'seen'))),
    _R('UNIT-01', 'UNIT', '缺少计量单位', 'error', 'row', 'completeness',
       (('PMKPI', 'checkAll()', 'seen'),)),
    _R('UNIT-02', 'UNIT', '计量单位与指标名称口径不符', 'warning', 'row', 'relevance',
       (('ZJ', 'code 4', 'seen'),)),
    _R('UNIT-03', 'UNIT', '单位字段与指标值内嵌单位不一致', 'warning', 'row', 'relevance',
       (('—', '', 'heuristic'),)),
    # ours (not in the catalog): a unit in Latin letters (pcs, km, m2) where a declaration writes 个, 公里, 平方米
    _R('UNIT-04', 'UNIT', '计量单位为英文或非规范写法', 'warning', 'row', 'completeness',
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): a unit cost (单位成本, 单价) in 元 / 万元 that does not say per what it is counted
    _R('UNIT-05', 'UNIT', '单位成本的计量单位未写明按什么计', 'warning', 'row', 'relevance',
       (('OURS', '', 'heuristic'),)),
    _R('TIME-01', 'TIME', '时效指标无明确时限', 'error', 'row', 'relevance',
       (('88', '', 'recalled'), ('ZJ', 'code 2', 'seen'))),
    _R('TIME-02', 'TIME', '时效指标仅复述预算年度', 'warning', 'row', 'relevance',
       (('101', '', 'recalled'),)),
    _R('TIME-03', 'TIME', '日期非法', 'error', 'row', 'feasibility',
       (('—', '', 'heuristic'),)),
    _R('TIME-04', 'TIME', '时限超出预算年度', 'warning', 'row', 'feasibility',
       (('88', '', 'recalled'),)),
    _R('TIME-05', 'TIME', '时效比率未定义时限', 'info', 'row', 'relevance',
       (('10', '', 'recalled'),)),
    # ours (not in the catalog): a deadline other than the one the project description states for the same work
    _R('TIME-06', 'TIME', '时效指标与项目概况写明的时限不一致', 'warning', 'row', 'relevance',
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): a part of the work due after the project's own completion date (another row)
    _R('TIME-07', 'TIME', '时效指标晚于项目完成时间', 'warning', 'row', 'relevance',
       (('OURS', '', 'heuristic'),)),
    _R('SAT-01', 'SAT', '满意度指标层级错位', 'error', 'row', 'completeness',
       (('88', '', 'recalled'), ('ZJ', 'code 6', 'seen'))),
    _R('SAT-02', 'SAT', '满意度目标为100%', 'warning', 'row', 'feasibility',
       (('88', '', 'recalled'), ('—', '', 'heuristic'))),
    _R('SAT-03', 'SAT', '满意度目标偏低(<80%)', 'info', 'row', 'appropriateness',
       (('—', '', 'heuristic'),)),
    _R('SAT-04', 'SAT', '满意度指标值非百分比', 'warning', 'row', 'relevance',
       (('ZJ', 'code 2', 'seen'),)),
    _R('SAT-05', 'SAT', '满意度对象笼统或多对象合并', 'info', 'row', 'relevance',
       (('88', '', 'recalled'), ('ZJ', 'code 5', 'seen'))),
    _R('COST-01', 'COST', '成本指标未量化', 'error', 'row', 'appropriateness',
       (('101', '一、（正文开头）', 'seen'), ('101', '', 'recalled'), ('ZJ', 'code 2', 'seen'))),
    _R('COST-02', 'COST', '以控制率/达标率代替成本', 'warning', 'row', 'appropriateness',
       (('101', '', 'recalled'),)),
    _R('COST-03', 'COST', '成本指标单位不是货币', 'warning', 'row', 'relevance',
       (('101', '', 'recalled'),)),
    _R('COST-04', 'COST', '成本指标超过项目预算', 'error', 'row', 'appropriateness',
       (('88', '', 'recalled'), ('10', '', 'recalled'))),
    _R('REL-01', 'REL', '三级指标放错二级类别', 'warning', 'row', 'relevance',
       (('SHUTU', '(2)', 'seen'), ('ZJ', 'code 7', 'seen'))),
    _R('REL-02', 'REL', '以投入/过程/管理指标作为绩效目标', 'warning', 'row', 'relevance',
       (('LOCAL', '片段', 'seen'), ('10', '', 'recalled'), ('ZJ', 'code 3', 'seen'))),
    _R('REL-03', 'REL', '效益不可归因于本项目（口号式宏观效益）', 'warning', 'row', 'relevance',
       (('101', '', 'recalled'), ('ZJ', 'code 3', 'seen'))),
    _R('REL-04', 'REL', '名称无度量口径却给出百分比', 'warning', 'row', 'relevance',
       (('ZJ', 'code 4', 'seen'), ('10', '附件2 绩效指标明确性（评价要点）', 'seen'))),
    _R('REL-05', 'REL', '指标与本项目内容/资金不相关', 'warning', 'row', 'relevance',
       (('88', '', 'recalled'), ('ZJ', 'code 3', 'seen'))),
    # ours (not in the catalog): a stock or a cumulative total (现有农户户数, 累计建成面积) as the year's output
    _R('REL-06', 'REL', '产出数量指标是现有或累计总量', 'warning', 'row', 'relevance',
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): a target other than the figure the project description states for the same object
    _R('REL-07', 'REL', '指标值与项目概况写明的数不一致', 'warning', 'row', 'relevance',
       (('OURS', '', 'heuristic'),)),
    _R('FEAS-01', 'FEAS', '指标值低于历史水平/明显偏低', 'warning', 'row', 'appropriateness',
       (('10', '', 'recalled'), ('10', '', 'recalled'))),
    _R('FEAS-02', 'FEAS', '数量目标与预算资金不匹配', 'warning', 'row/table', 'appropriateness',
       (('88', '', 'recalled'), ('10', '附件2 绩效指标明确性（评价要点）', 'seen'))),
    # ours (not in the catalog): a standard × the persons it pays (× months) far beyond the budget
    _R('FEAS-06', 'FEAS', '标准×数量（×期数）远超预算', 'warning', 'table', 'feasibility',
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): the description's standard × count × periods other than its budget (or the 成本 row)
    _R('FEAS-07', 'FEAS', '申报说明的标准×数量×期数与预算不一致', 'warning', 'table', 'feasibility',
       (('OURS', '', 'heuristic'),)),
    _R('FEAS-03', 'FEAS', '全部指标值均为100%', 'info', 'table', 'appropriateness',
       (('—', '', 'heuristic'),)),
    # ours (not in the catalog): a target ten times (or a tenth of) the quantity the project description states
    _R('FEAS-04', 'FEAS', '指标值与申报说明中的数量相差10倍以上或受益数不一致', 'warning', 'row', 'appropriateness',
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): a target beyond any project's reach (99999999999 公里, 5000000000 人)
    _R('FEAS-05', 'FEAS', '指标值超出合理上限', 'warning', 'row', 'feasibility',
       (('OURS', '', 'heuristic'),)),
    _R('TXT-01', 'TEXT', '全角字符', 'info', 'row', None,
       (('PMKPI', 'PMKPIZBXS 字典', 'seen'),)),
    _R('TXT-02', 'TEXT', '多余空白', 'warning', 'row', None,
       (('PMKPI', 'otherappfunc()', 'seen'),)),
    _R('TXT-03', 'TEXT', '繁体字', 'info', 'row', None,
       (('—', '', 'heuristic'),)),
    _R('TXT-04', 'TEXT', '指标值含系统禁用字符(- _ *)', 'info', 'row', None,
       (('PMKPI', 'checkAll()', 'seen'),)),
    # ours (not in the catalog): invisible characters or emoji pasted into a name, value or unit
    _R('TXT-05', 'TEXT', '名称、指标值或单位含不可见字符(零宽、双向控制、NUL)或表情符号', 'warning', 'row', None,
       (('OURS', '', 'heuristic'),)),
    # ours (not in the catalog): a thousands separator out of place (1,2000 is neither 1,200 nor 12,000 for sure)
    _R('TXT-06', 'TEXT', '指标值千分位分隔符位置错误', 'warning', 'row', None,
       (('OURS', '', 'heuristic'),)),
    _R('GOAL-01', 'GOAL', '总体/年度目标文字无量化内容', 'warning', 'row', 'completeness',
       (('88', '', 'recalled'),)),
    _R('GOAL-02', 'GOAL', '目标复述工作内容/资金安排而非产出效果', 'info', 'row', 'relevance',
       (('88', '', 'recalled'),)),
)}


# what rules and parses memoise: each registers how to forget it (`engine.clear_caches`)
CACHES: list[Callable[[], None]] = []
ROW_RULES: list[tuple[RuleMeta, Callable]] = []
TABLE_RULES: list[tuple[RuleMeta, Callable]] = []
GOAL_RULES: list[tuple[RuleMeta, Callable]] = []


ROW_TAGS = ("text", "value", "num", "time", "sat", "cost", "project", "txt", "date", "range", "namenum", "feas",
            "opemb", "programme", "invpic", "desc", "upkeep", "sep", "forbid", "outnum", "opbad",
            "placeholder", "unit3", "always", "satl", "empty", "noop")


# the row fields a suggestion may speak about
FIELDS = ("level1", "level2", "name", "operator", "value", "unit")
TARGET = ("operator", "value", "unit")
LEVELS = ("level1", "level2")


@dataclass
class RuleFix:
    """How the findings of one rule are fixed, declared beside the rule (`rule(...)`, `table_fix`).

    Attributes:
        fields: the row fields the rule's suggestion speaks about (default: the target).
        retarget: when the rule fires, the row's declared target is rebuilt
            (otherwise a new name or level keeps what was promised).
        deletes: the row is suggested for deletion, with this reason;
            `delete_rank` orders the reasons when several such rules fire.
        fix_text: a table rule's advice when it has no concrete fix (default: its title).
        table_fix: `(hit, TableFix) -> Suggestion | None` (None: `fix_text`).
        after_fixes: the table fix looks at the table as the row rewrites leave it.
        drops: `(hit) -> row numbers` the rule's fix deletes (duplicates).
        covers: `(row, hit) -> rule ids` this row finding makes redundant on the same row: one
            misplacement is one finding (SAT-01 on a 满意度 row filed under 产出 with 二级 满意度指标
            covers that row's STR-02); the covered findings are not reported, the fix is the same.
        rescales_weights: the table fix already rescales the weights (a
            deleted row then does not).
        own_field: the suggestion speaks about the field the hit names (TXT).
        advice: the row is not rewritten for this rule; its finding carries this
            advice instead (what to verify), like a cross-year deadline.
    """

    fields: tuple[str, ...] = TARGET
    retarget: bool = False
    deletes: str | None = None
    delete_rank: int = 0
    fix_text: str | None = None
    table_fix: Callable | None = None
    after_fixes: bool = False
    drops: Callable | None = None
    covers: Callable | None = None
    rescales_weights: bool = False
    own_field: bool = False
    advice: str | None = None


FIXES: dict[str, RuleFix] = {}


def fix_of(rule_id: str) -> RuleFix:
    """The fix declaration of a rule (defaults when its module declares none)."""
    f = FIXES.get(rule_id)
    if f is None:
        f = FIXES[rule_id] = RuleFix()
    return f


def rule(rule_id: str, *, on: Literal["row", "table", "goal", "any"] = "row",
         needs: str | None = None, depends: Literal["name", "levels"] | None = None,
         **fix: Any) -> Callable[[Callable], Callable]:
    """Register a pure rule function under a catalog id, with how its findings are fixed.

    `on="row"` functions take a parsed indicator row and return None or a
    `RuleHit`; `on="goal"` take a parsed goal-text row; `on="any"` run on both;
    `on="table"` take the table (`kb.checker.parse.ParsedTable`) and return a list of
    hits. `needs` names a row tag without which the rule cannot fire (text:
    a value without digits, value: any value, num: a value with digits, time:
    a 时效 row, sat: a 满意 name, cost: a 成本 row, project: a project in the
    context, txt: a full-width, whitespace or Traditional character seen, date:
    a date or year in the value, range: a range value, namenum: digits in the
    name, feas: an actual / prior actual / unit cost given, opemb: a comparator
    in both the operator field and the value, programme: the project or its description names
    a fund programme, `kb.checker.parse.own_programs`; invpic: an invisible character or a pictograph in
    the name, value or unit as written; desc: a description in the context; upkeep: the project is an
    upkeep service or a lease that builds and buys nothing, `kb.checker.parse.upkeep_service`; sep: a thousands
    separator out of place in a number's value (`misplaced_separator`); forbid: - _ or a single * in the value
    (`kb.checker.parse.FORBIDDEN_RE`); outnum: a number under 产出/数量; opbad: an operator outside the valid
    ones or an approximate value; placeholder: a placeholder, formula or unreadable number as the value;
    unit3: a number with a unit in its field and in the value, or digits in the name; always: ≥0 / >0, or
    ≤100 / <100 in %; satl: a 满意 name or the 满意度 一级; empty: no name, or no value on an indicator row;
    noop: a number or a grade word with no operator in the field or the value); the engine skips the rule on
    other rows. `depends` declares that
    the rule reads only the name ("name", plus the length thresholds) or only
    the 一级/二级 labels ("levels"): its result is then reused for every row
    with the same text. `fix`: any field of `RuleFix` (fields, retarget,
    deletes, delete_rank, fix_text, after_fixes, drops, covers, rescales_weights, own_field).
    The function gets `.meta`, `.needs` and `.depends`.
    """
    meta = CATALOG[rule_id]
    if needs is not None and needs not in ROW_TAGS:
        raise ValueError(f"unknown row tag {needs!r}")
    declared = fix_of(rule_id)
    for k, v in fix.items():
        if not hasattr(declared, k):
            raise TypeError(f"{rule_id}: unknown fix field {k!r}")
        setattr(declared, k, v)

    def deco(fn: Callable) -> Callable:
        fn.meta = meta  # type: ignore[attr-defined]
        fn.needs = needs  # type: ignore[attr-defined]
        fn.depends = depends  # type: ignore[attr-defined]
        if on in ("row", "any"):
            ROW_RULES.append((meta, fn))
        if on in ("goal", "any"):
            GOAL_RULES.append((meta, fn))
        if on == "table":
            TABLE_RULES.append((meta, fn))
        return fn

    return deco


def table_fix(rule_id: str) -> Callable[[Callable], Callable]:
    """Register `fn(hit, TableFix) -> Suggestion | None` as the concrete fix of a table rule."""
    def deco(fn: Callable) -> Callable:
        fix_of(rule_id).table_fix = fn
        return fn

    return deco


class RuleHit:
    """What a rule returns: the offending field and a Chinese message (plus optional data)."""

    __slots__ = ("field", "message", "data")

    def __init__(self, field: str, message: str, data: dict | None = None):
        self.field, self.message, self.data = field, message, data

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"RuleHit({self.field!r}, {self.message!r})"
