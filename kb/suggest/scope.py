"""After ranking: rows outside what the project does with this year's money, or outside a target's place.

Each pass reads the project (`ProjectContext`) and the ranked pool, and sets a row aside (`dedupe.set_aside`: tier
ALTERNATE, the reason in its evidence), re-files it, or renames it — never adds a candidate, so the ranker's training
(steps 1–4) is untouched. Called by `engine._suggest` after ranking (trial 13, a 财政局 reviewer's strikes):

- `set_aside_fund_title_work`: a type row naming a kind of work only the fund's title says (大气污染治理项目数量 for
  …大气污染防治资金(环境空气质量网格化监测): the money builds a monitoring grid);
- `refile_region_outcome`: a region's air-quality outcome (环境空气质量优良天数比例, PM2.5年均浓度) is no quality of
  the output: filed under 生态效益;
- `set_aside_budget_execution`: the share of the budget spent (预算完成率, 资金执行率) is no output or effect;
- `set_aside_purpose_slogan`: a purpose phrase (为决策提供参考) with no result to verify;
- `prefer_commissioning_respondents`: a purchased professional service (委托中介机构审计) asks those who commission it,
  not the public the text never names;
- `name_system_timeliness`: the completion time of a 体系 / 机制 / 制度 (公共文化服务体系完成时间) is named after the
  activity the text states, else set aside;
- `set_aside_outside_settlement`: a year whose money only settles work done earlier (结算, 尾款) builds nothing.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.evidence import SATISFACTION_TAIL, kinds_of_work
from kb.suggest.ranker import Tier
from kb.suggest.words import WORK_SYNONYMS

# a fund's title (…大气污染防治资金, …专项经费, …转移支付): it names the programme the money comes from, not the use
_FUND_TITLE = re.compile(r"资金|经费|转移支付|专项")


def set_aside_fund_title_work(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A type's row naming a kind of work (`evidence.kinds_of_work`: 治理, 检测 …) that only the fund's title in the
    project name says, and neither the project's own use (its core: the part of the name the fund is for) nor the
    description: 2021年第一批中央大气污染防治资金(环境空气质量网格化监测) — 防治 in the title made 大气污染治理项目数量 a
    row of a monitoring grid (trial 13, E036). Only when the name holds a fund title beside the core (资金, 经费,
    转移支付, 专项); rows bound to the text's figures, formed rows and learned rows are never read. In place."""
    name, core = ctx.name or "", ctx.core or ""
    if not core or core not in name or not _FUND_TITLE.search(name.replace(core, "")):
        return
    own = (ctx.description or "") + core
    for d in drafts:
        if d.tier == Tier.ALTERNATE or d.source != "type" or d.value_source in ("text", "learned") \
                or d.slot == "satisfaction":
            continue
        missing = [w for w in kinds_of_work(d.key) if w not in own and not any(
            s in own for fam in WORK_SYNONYMS if w in fam for s in fam)]
        if missing:
            set_aside(d, f"“{'、'.join(missing)}”只见于资金名称，项目本身（{core}）和描述都没有这项工作，仅作备选")


# a region's air-quality outcome: the share of good days, the concentration of fine particles
REGION_AIR_OUTCOME = re.compile(r"优良天数|空气质量优良率|PM2\.5|PM10|细颗粒物|可吸入颗粒物")


def refile_region_outcome(drafts: list[Draft]) -> None:
    """A region's air-quality outcome (`REGION_AIR_OUTCOME`: 环境空气质量优良天数比例, PM2.5年均浓度) filed by its
    library under 产出 (质量, 数量) goes under 生态效益: no monitoring or dust-damping work delivers the city's air as
    its output; it is what the work helps bring about (trial 13, E036: the row's own note calls it 全域空气质量结果).
    In place."""
    for d in drafts:
        if d.slot in ("quantity", "quality") and REGION_AIR_OUTCOME.search(d.name) and d.source != "formed":
            d.level2 = "ecological_benefit"


# the share of the budget (or of the money) spent or completed: 预算完成率, 资金执行率, 经费支出进度 — the checker's list,
# which its REL-02 reads (one vocabulary)
from kb.checker.lexicon import BUDGET_EXECUTION_RE as BUDGET_EXECUTION  # noqa: E402
BUDGET_EXECUTION_WHY = "预算执行情况是投入和过程管理指标，不是产出或效益目标（与审核规则 REL-02 同一口径），仅作备选"


def set_aside_budget_execution(drafts: list[Draft]) -> None:
    """The share of the budget spent or completed (`BUDGET_EXECUTION`: 预算完成率 ≥ 90 % under 质量 for an audit
    service, trial 13 E059) is set aside wherever it is filed: budget execution is scored at 自评 on its own, and the
    checker's REL-02 reads 预算执行率 as an input indicator — 完成率 of a budget is the same measure. In place."""
    for d in drafts:
        if d.tier != Tier.ALTERNATE and d.value_source != "learned" and BUDGET_EXECUTION.match(d.key):
            set_aside(d, BUDGET_EXECUTION_WHY)


# a purpose phrase: 为决策提供参考, 为…提供依据 / 支撑 / 保障, 提供决策参考
PURPOSE_SLOGAN = re.compile(r"^为.{1,10}提供.{0,6}(?:参考|依据|支撑|保障|服务|借鉴)$|^提供.{0,8}(?:参考|依据|借鉴)$")


def set_aside_purpose_slogan(drafts: list[Draft]) -> None:
    """A row whose name is the purpose the work serves (`PURPOSE_SLOGAN`: 为决策提供参考) with no figure of the text is
    set aside: it names no result a reviewer can verify at year end (trial 13, E059: 为决策提供参考 定性, blank). In
    place."""
    for d in drafts:
        if d.tier != Tier.ALTERNATE and d.value_source not in ("text", "learned") and PURPOSE_SLOGAN.match(d.key):
            set_aside(d, "名称是工作的目的（为…提供参考），没有年底可核验的结果，仅作备选")


# a professional service bought from a firm (委托中介机构进行审计, 聘请第三方机构评审, 委托业务)
_COMMISSIONS = re.compile(r"(?:委托|聘请|聘用|购买)[^，。；,;]{0,6}(?:中介|第三方|事务所|机构|公司|专业|业务)")
# the public, and whoever commissions a service (委托单位, 被审计单位)
_PUBLIC_WHO = re.compile(r"市民|群众|公众|居民|村民|百姓|社会")
_COMMISSIONING_WHO = re.compile(r"委托|被审计|被评审|被检测|被评价|业务单位|使用单位")
_GENERAL_SERVED = re.compile(r"^(?:服务对象|受益对象|受益群众)$")


def commissions_service(ctx: ProjectContext) -> bool:
    """The project buys a professional service from a firm (`_COMMISSIONS`: 委托中介机构进行审计, 委托业务) and its text
    names no public (市民, 群众 …): those it serves are the units that commission the service."""
    return bool(_COMMISSIONS.search(ctx.text)) and not _PUBLIC_WHO.search(ctx.text)


def prefer_commissioning_respondents(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A project buying a professional service from a firm (`_COMMISSIONS`: 委托中介机构进行审计, 聘请第三方机构) serves
    those who commission it: where the text names no public (市民, 群众 …) and a row asking the commissioning side
    (委托单位满意度, 被审计单位满意度) may be shown, the rows asking the public or the served in general are set aside
    (trial 13, E059: 市民满意度 for audit firms hired by an audit bureau). A learned row is kept. In place."""
    if not commissions_service(ctx):
        return
    live = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE]
    own = [d for d in live if _COMMISSIONING_WHO.search(SATISFACTION_TAIL.sub("", d.key))]
    if not own:
        return
    said = (ctx.name or "") + ctx.text
    for d in live:
        who = SATISFACTION_TAIL.sub("", d.key)
        # …and a group the text never names that is not the commissioning side (报账人员满意度 beside 委托单位满意度,
        # E059 after round 5's retraining: the bookkeepers of the bureau are not who the firms serve)
        unnamed = bool(who) and who not in said and not _COMMISSIONING_WHO.search(who)
        if d.value_source != "learned" and (_PUBLIC_WHO.search(who) or _GENERAL_SERVED.match(who) or unnamed):
            set_aside(d, f"购买的专业服务由委托方使用，描述没有写到{who or '公众'}，满意度应询问“{own[0].name}”的对象，仅作备选")


# what is set up and kept, never completed (公共文化服务体系, 长效机制, 管理制度)
_STANDING_CORE = re.compile(r"(?:体系|机制|制度)$")
# a completion time (完成时间, 完成时限) — not an on-time rate of a payment under the system (补助发放及时率)
_COMPLETION = re.compile(r"^(?:建设|建成)?完成(?:时间|时限)$")
# an activity the text says is held: 开展'社区一家亲'系列活动 → 社区一家亲系列活动
_HELD_ACTIVITY = re.compile(r"(?:开展|举办|组织|举行)[‘’'“”\"《]?([\u4e00-\u9fff]{2,10})[‘’'“”\"》]?((?:系列|主题|专题)?活动)")
# an activity named by its kind alone (各类活动, 相关活动) is none the row can be named after
_NO_ACTIVITY_NAME = re.compile(r"^(?:各类|各项|相关|有关|多种|一系列|系列|各种|丰富多彩的)$")


def name_system_timeliness(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A completion time formed from a core that is a standing system (`_STANDING_CORE`: 公共文化服务体系, 长效机制) —
    a 体系 is kept, never 完成 — is renamed after the activity the text says is held (开展'社区一家亲'系列活动 →
    社区一家亲系列活动完成时间; trial 13, E045), else set aside so the slot's next row (a rate or the type's own
    timing) takes its place. In place."""
    core = ctx.core or ""
    if not _STANDING_CORE.search(core):
        return
    m = next((m for m in _HELD_ACTIVITY.finditer(ctx.description or "") if not _NO_ACTIVITY_NAME.match(m.group(1))),
             None)
    for d in drafts:
        if d.slot != "timeliness" or d.source != "formed" or d.obj != core or d.tier == Tier.ALTERNATE \
                or not d.name.startswith(core) or not _COMPLETION.match(d.name[len(core):]):
            continue
        if m is not None:
            d.name = m.group(1) + m.group(2) + d.name[len(core):]
            d.evidence.append(f"按描述中的活动“{m.group(1)}{m.group(2)}”命名")
        else:
            set_aside(d, f"“{core}”是持续建设的体系，没有完成时间，仅作备选")


# a settlement of work done before (结算, 尾款, 清算) and what a row about it names
_SETTLES = re.compile(r"结算|尾款|清算|决算")
_ABOUT_SETTLING = re.compile(r"结算|尾款|清算|决算|支付|拨付|兑付|款|费")
# the verb before a settled use (完成勘察设计费结算 → 勘察设计费结算) and a count leading it (3个项目补助尾款 → 补助尾款)
_SETTLE_VERB = re.compile(r".*(?:完成|办理|用于|支付|结清|拨付)")
_LEADING_COUNT = re.compile(r"^\d+(?:\.\d+)?[个项笔宗批](?:项目|工程)?的?")
_CLAUSE = re.compile(r"[,，;；。:：]")
# why a set-aside settlement row is restored: it was aside only for want of its object in the text
_FOR_WANT_OF_OBJECT = ("描述中没有这项指标的对象", "项目类型的备选指标，描述中没有它的对象")
SETTLEMENT_WHY = "本年度资金只用于结算以前年度的工作（{uses}），没有新的建设内容，仅作备选"


def settled_parts(ctx: ProjectContext) -> list[tuple[str, object]]:
    """The parts of the year's money the description says settle work done before, as (use, Mention): each amount in
    元 / 万元 whose clause ends on a settlement (结算, 尾款 …: 完成勘察设计费、审查咨询费结算532万元), its use the words
    after the clause's verb with a leading count dropped and a list of fees joined (勘察设计费、审查咨询费结算 →
    勘察设计及审查咨询费结算; 3个项目补助尾款结算 → 补助尾款结算). [] unless the parts add up to the budget (within
    0.5 %): only then is the whole year's money a settlement (trial 13, E001)."""
    if not ctx.budget_wan:
        return []
    desc, out = ctx.description or "", []
    for m in ctx.mentions:
        if m.unit not in ("元", "万元") or m.is_budget:
            continue
        start = m.start - len(ctx.text) + len(desc)   # mentions are offsets in the text: name + description
        clause = _CLAUSE.split(desc[max(0, start - 40):start])[-1] if 0 <= start <= len(desc) else ""
        if not _SETTLES.search(clause[-6:]):
            continue
        use = _LEADING_COUNT.sub("", _SETTLE_VERB.sub("", clause))
        use = re.sub(r"^(?:以及|及|和|并)", "", use).replace("费、", "及")
        if re.fullmatch(r"[\u4e00-\u9fff]{2,16}", use):
            out.append((use, m))
    total = sum(float(m.value) / (10000 if m.unit == "元" else 1) for _, m in out)
    return out if out and abs(total - ctx.budget_wan) <= 0.005 * ctx.budget_wan else []


def _object_named(d: Draft, ctx: ProjectContext) -> bool:
    """The text names what a settlement row settles (the words before 结算: 补助款 yes; 会议费 no — another fee)."""
    from kb.domain.text import bigrams

    obj = _SETTLES.split(d.key)[0]
    return not obj or bool(set(bigrams(obj)) & ctx.text_bigrams)


def set_aside_outside_settlement(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A year whose whole money settles work done before (`settled_parts`: 勘察设计费、审查咨询费结算532万元 and 3个项目
    补助尾款结算387万元 = the 919 万元 applied for) builds nothing this year: its table counts and times the settlements
    (trial 13, E001). So:
    - output and effect rows about no settlement or payment (工程建设里程, 升级改造工程验收合格率, 升级改造工程完成时间,
      基本公共服务水平) are set aside;
    - a settlement row set aside only for want of its object (结算款支付及时率) is offered again;
    - the whole project's cost gives way to one cost row per settled use, bound to the text's amount
      (勘察设计及审查咨询费结算金额 ≤ 532 万元, 补助尾款结算金额 ≤ 387 万元).
    Rows holding the text's figures, learned rows and satisfaction rows stay. Adds the cost drafts to `drafts`."""
    parts = settled_parts(ctx)
    if not parts:
        return
    why = SETTLEMENT_WHY.format(uses="、".join(u for u, _ in parts))
    settling = [d for d in drafts if d.value_source == "text" and d.tier != Tier.ALTERNATE and _SETTLES.search(d.key)]
    for d in drafts:
        if d.slot == "satisfaction" or d.value_source == "learned":
            continue
        if d.value_source == "text":
            # of two rows holding one figure (3个项目), the one naming the settlement stays (完成项目数量 beside
            # 镇街补助款完成结算项目数)
            if d.tier != Tier.ALTERNATE and d.slot != "cost" and not _SETTLES.search(d.key) and \
                    any(o.mention is d.mention and o.slot == d.slot for o in settling):
                set_aside(d, why)
            continue
        if d.tier == Tier.ALTERNATE:
            if _SETTLES.search(d.key) and "款" in d.key and d.evidence and d.evidence[-1].startswith(_FOR_WANT_OF_OBJECT):
                d.tier = Tier.RANKED
                d.evidence.append("本年度资金用于结算，结算款的支付是本年度的工作")
            elif d.slot != "cost" and not _ABOUT_SETTLING.search(d.key):
                d.evidence.append(why)   # no spare entry of the type fills a required slot with construction
            continue
        if d.slot == "cost" and d.value_source == "budget" or d.slot != "cost" and not _ABOUT_SETTLING.search(d.key) \
                or _SETTLES.search(d.key) and not _object_named(d, ctx):
            set_aside(d, why)
    score = max((d.score for d in drafts if d.slot == "cost"), default=0.0)
    for use, m in parts:
        drafts.append(Draft(name=use + "金额", level2="economic_cost", source="formed", unit=m.unit,
                            direction="negative", mention=m, operator="≤", value=m.value, value_unit=m.unit,
                            value_source="text", score=score, tier=Tier.BOUND,
                            evidence=[f"描述中的金额: {use}{m.value}{m.unit}", "按描述用词生成"]))
