"""After ranking: rows a reviewer strikes because the project does not produce them, or because they restate another
row (trial 21). Each pass only sets a row aside (an alternate, the reason in its evidence), re-files or renames it;
none adds a candidate or changes a score, so the ranker's training is untouched.

- A pay to staff doing the work (务工人员劳务报酬总额 ≥ 24 万元, the 防疫员劳务补助) is a cost; as a benefit it is the
  以工代赈 programme's row and stays aside unless the text names 以工代赈 (`set_aside_work_pay_benefit`).
- One subgroup's satisfaction (残疾人满意度 from the library) beside the stated satisfaction of the whole group
  (受援人满意率 ≥ 95 %), the subgroup being one of a list the text writes (农民工、残疾人、老年人等困难群众), asks those
  people twice (`set_aside_subgroup_satisfaction`).
- A benefit count that is the sum of two shown output counts (抽检批次数 1500 = 快检 800 + 定量 700 批次) is the
  output counted again (`set_aside_benefit_summing_outputs`).
- Two counts of one stated figure (服务对象人数 and 居家养老上门服务人数, both ≥ 1200 人) are one count twice: the one
  of the served as such named by the text's words at the figure (服务对象1200人) stays (`set_aside_generic_count_twice`).
- A row of 设施 built or covering (养老设施建设数量, 社区养老服务设施覆盖率) the text never names, not bound to the text: the project
  builds or runs no facility (`set_aside_unnamed_facility`); a blank count of an object none of whose words the text
  writes (窨井盖维修更换数量 for 路灯维护) is another sector's work (`set_aside_blank_count_of_unnamed_object`).
- A commissioned work's rows the text gives no ground for: 委托业务项目数量 (the type's name) when the text never says
  委托 (named by the project's testing when its name says so: 商品质量检测批次 待填写), 成果采纳率 (a consultancy's advice adopted) when it names no 咨询, 评审, 研究 or 论证 (E039, 商品质量检测:
  testing, not advice; `set_aside_unstated_commission_rows`).
- A library rate beside a stated rate of the same value sharing its measure's words (畜禽强制免疫率 ≥ 90 % beside
  应免畜禽免疫密度 ≥ 90 %) is one measure twice (`set_aside_library_rate_beside_stated`).
- A benefit count of the served (受益体检人次 ≥ 1.5 万人次) when 数量 carries no figure of the text is the output
  itself: re-filed under 数量, named by the work (老年人健康体检人次); then library rates under 数量 whose act the text
  never names (健康管理率, 建档率 for a text that funds checks only), when they outnumber the text's counts there, are
  set aside (`refile_served_count`).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.quantities import MONEY_UNITS
from kb.suggest.ranker import Tier
from kb.suggest.table import group_of


def _shown(pool: list[Draft]) -> list[Draft]:
    return [d for d in pool if d.tier != Tier.ALTERNATE and d.name]


def _unit(d: Draft) -> str:
    return d.value_unit or d.unit


def _num(v: str) -> float | None:
    try:
        return float(v)
    except ValueError:
        return None


def set_aside_work_pay_benefit(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown benefit row of pay to those doing the work (劳务报酬, or a 以工代赈 row) when the text does
    not name 以工代赈: the pay is a use of the money (module docstring). In place."""
    if "以工代赈" in ctx.text:
        return
    for d in _shown(pool):
        if group_of(d.slot) == "benefit" and ("劳务报酬" in d.name or "以工代赈" in d.name + d.explanation):
            set_aside(d, "劳务报酬是项目资金的用途（成本），不是效益；描述没有写明以工代赈，仅作备选")


_SAT = re.compile(r"(满意度|满意率)$")


def set_aside_subgroup_satisfaction(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside a shown satisfaction row not bound to the text whose group is one of a list the text writes
    (农民工、残疾人、老年人等), beside a satisfaction row bound to the text (module docstring). In place."""
    sat = [d for d in _shown(pool) if d.slot == "satisfaction" and _SAT.search(d.name)]
    stated = [d for d in sat if d.value_source == "text"]
    if not stated:
        return
    for d in sat:
        group = _SAT.sub("", d.name)
        if d.value_source == "text" or len(group) < 2:
            continue
        if re.search(rf"[、]{re.escape(group)}(?=[、等和及])|{re.escape(group)}、", ctx.text):
            set_aside(d, f"“{group}”是描述所列服务对象之一，已由“{stated[0].name}”询问全体，仅作备选")


def set_aside_benefit_summing_outputs(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown benefit count bound to the text whose figure is the sum of two or more shown output
    counts in its unit (module docstring). In place; `ctx` unused (the passes' one signature)."""
    shown = _shown(pool)
    for d in shown:
        if group_of(d.slot) != "benefit" or d.value_source != "text" or _unit(d) in MONEY_UNITS or _unit(d) in ("%", ""):
            continue
        # one figure per mention: the pool holds several rows of one figure before the table keeps one
        parts = list({q.mention.start: q for q in shown if q.slot == "quantity" and q.value_source == "text"
                      and q.mention is not None and _unit(q) == _unit(d) and _num(q.value) is not None}.values())
        v = _num(d.value)
        if v is not None and len(parts) >= 2 and abs(sum(_num(q.value) for q in parts) - v) < 1e-6:
            set_aside(d, f"{d.value}{_unit(d)}是产出指标“{'”“'.join(q.name for q in parts)}”之和，"
                         "是产出数量，不是效益，仅作备选")


_SERVED_AS_SUCH = ("服务对象", "受益对象", "补助对象", "救助对象")


def _named_at_figure(d: Draft, text: str) -> bool:
    """The row's name less its measure (服务对象 of 服务对象人数) is written right by its figure (服务对象1200人,
    为404名服务对象)."""
    stem = re.sub(r"(人数|人次|户数|数量|里程|长度|面积|规模|数)$", "", d.name)
    m = d.mention
    return m is not None and len(stem) >= 2 and stem in text[max(0, m.start - 12):m.end + 8]


def set_aside_generic_count_twice(pool: list[Draft], ctx: ProjectContext) -> None:
    """Of two shown counts bound to the text with the same figure and unit, one named by the words the text writes at
    the figure (服务对象1200人 → 服务对象人数) and one not (居家养老上门服务人数 ≥ 1200 人), the other is set aside: one
    count twice (module docstring). The text's own name stays, as real tables name it (D042's 服务对象人数 ≥ 404 人).
    In place."""
    counts = [d for d in _shown(pool) if d.slot == "quantity" and d.value_source == "text" and d.value]
    # only the served as such (服务对象1200人): a work's own count named twice is `one_figure`'s and naming's matter
    named = [d for d in counts if d.name.startswith(_SERVED_AS_SUCH) and _named_at_figure(d, ctx.text)]
    for d in counts:
        if d in named or d.tier == Tier.ALTERNATE:
            continue
        twin = next((o for o in named if o.tier != Tier.ALTERNATE and o.value == d.value and _unit(o) == _unit(d)), None)
        if twin is not None:
            set_aside(d, f"与“{twin.name}”是同一数量（{d.value}{_unit(d)}），仅作备选")


def set_aside_unnamed_facility(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown row naming 设施 not bound to the text when the text never writes 设施 (module
    docstring). In place."""
    if "设施" in ctx.text:
        return
    for d in _shown(pool):   # 设施维修数量 of a renovation stays: the works are 设施 in other words
        if re.search(r"设施(?:建设|覆盖)", d.name) and d.value_source != "text":
            set_aside(d, "描述没有写明建设或运营设施，仅作备选")


_WORK = re.compile(r"(维修更换|维修|更换|新建|建设|改造|安装|购置|修复|清理|整治)")


def set_aside_blank_count_of_unnamed_object(pool: list[Draft], ctx: ProjectContext, detected: list[tuple]) -> None:
    """Set aside each shown blank count (待填写) whose object — the words before its work verb, three or more
    characters — shares no two-character word with the text nor with what the detected types cover (`detected`:
    [(ProjectType, confidence)]; 田间道路 is a 高标准农田 work the text need not list), e.g. 窨井盖维修更换数量 for
    路灯维护. In place."""
    covered = " ".join(" ".join([t.covers, *t.keywords]) for t, _ in detected)
    for d in _shown(pool):
        if d.slot != "quantity" or d.value:
            continue
        m = _WORK.search(d.name)
        obj = d.name[:m.start()] if m else ""
        if len(obj) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", obj):
            continue
        pairs = [obj[i:i + 2] for i in range(len(obj) - 1)]
        if not any(p in ctx.text or p in covered for p in pairs):
            set_aside(d, f"描述中没有“{obj}”，仅作备选")


_ADVICE = re.compile(r"咨询|评审|研究|课题|论证|规划|方案|评估|审计")


def set_aside_unstated_commission_rows(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside shown rows of a commissioned work the text gives no ground for (module docstring). In place."""
    for d in _shown(pool):
        if d.value_source == "text":
            continue
        if d.slot == "quantity" and d.name.startswith("委托业务") and "委托" not in ctx.text:
            work = re.search(r"[\u4e00-\u9fff]{2,8}?(?:检测|检验|抽检)", ctx.name)
            if work and not d.value:   # 商品质量检测经费: the tests are counted in 批次
                d.evidence.append(f"按项目名称命名（原名：{d.name}）")
                d.name, d.unit, d.value_unit = work.group() + "批次", "批次", "批次"
            else:
                set_aside(d, "描述没有写明委托业务，指标名称是项目类型的名称，仅作备选")
        elif d.name == "成果采纳率" and not _ADVICE.search(ctx.text):
            set_aside(d, "描述没有写明咨询、评审或研究，成果采纳率仅作备选")


_GENERIC_BIGRAMS = {"合格", "完成", "项目", "服务", "及时", "工作", "管理", "质量", "达标", "覆盖", "标准"}


def _words(name: str) -> set[str]:
    core = re.sub(r"(率|度|比例)$", "", name)
    return {core[i:i + 2] for i in range(len(core) - 1)} - _GENERIC_BIGRAMS


def set_aside_library_rate_beside_stated(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside each shown rate with a library value beside a shown rate bound to the text in the same slot with the
    same operator, value and unit whose name shares two or more words with it (module docstring). In place."""
    rates = [d for d in _shown(pool) if _unit(d) == "%" and d.value and d.slot not in ("satisfaction",)]
    stated = [d for d in rates if d.value_source == "text"]
    for d in rates:
        if d.value_source == "text":
            continue
        twin = next((s for s in stated if {s.slot, d.slot} <= {"quantity", "quality"} and (s.operator, s.value) == (d.operator, d.value)
                     and len(_words(s.name) & _words(d.name)) >= 2), None)
        if twin is not None:
            set_aside(d, f"与描述写明的“{twin.name}{twin.operator}{twin.value}%”是同一指标，仅作备选")


_SERVED = re.compile(r"^受益([\u4e00-\u9fff]{2,6})(人次|人数)$")


def refile_served_count(pool: list[Draft], ctx: ProjectContext) -> None:
    """Re-file a shown benefit count of the served (受益体检人次) bound to the text under 数量, named by the work in the
    project's name (老年人健康体检人次), when no shown 数量 row carries a figure of the text; then, once 数量 holds a
    count of the text, set aside each shown library rate under 数量 whose act (the two characters before 率) the text
    never writes (module docstring). In place."""
    shown = _shown(pool)
    if not any(d.slot == "quantity" and d.value_source == "text" for d in shown):
        for d in shown:
            m = _SERVED.match(d.name)
            if group_of(d.slot) == "benefit" and m and d.value_source == "text":
                old = d.name
                d.name, d.level2 = _by_project(m.group(1), ctx) + m.group(2), "quantity"
                d.evidence.append(f"描述中的{d.value}{_unit(d)}是项目的产出数量（原为效益指标“{old}”）")
                break
        else:
            return
    counts = [d for d in _shown(pool) if d.slot == "quantity" and d.value_source == "text" and _unit(d) != "%"]
    if not counts:
        return
    rates = [r for r in _shown(pool) if r.slot == "quantity" and _unit(r) == "%" and r.value_source != "text"
             and r.name.endswith("率") and r.name[-3:-1] not in ctx.text]
    # only where such rates crowd out the text's counts (体检 1.5万人次 beside 健康管理率, 建档率, 规范管理率): beside
    # as many counts of the text (储备粮储备到位率 beside 稻谷 5000 吨, 成品粮 500 吨) a library rate is a fair row
    if len(rates) > len({d.mention.start if d.mention is not None else id(d) for d in counts}):
        for r in rates:
            set_aside(r, f"描述中没有“{r.name[-3:-1]}”，比率不是项目计划的数量，仅作备选")
    for d in counts:   # 体检人次 → 老年人健康体检人次: the count named by the project's work, the project being that work
        m = re.fullmatch(r"([\u4e00-\u9fff]{2,4})(人次|人数)", d.name)
        if m and ctx.name.endswith(m.group(1)) and (named := _by_project(m.group(1), ctx)) != m.group(1):
            d.evidence.append(f"按项目名称命名（原名：{d.name}）")
            d.name = named + m.group(2)


def _by_project(work: str, ctx: ProjectContext) -> str:
    """The project's name up to `work` (体检 in 老年人健康体检 → 老年人健康体检), no year; `work` when it is not there."""
    i = ctx.name.find(work)
    return re.sub(r"^20\d\d年度?", "", ctx.name[:i + len(work)]) if i >= 0 else work
