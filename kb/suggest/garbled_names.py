"""After ranking: garbled names fresh reviewers corrected (trials 16 and 20).

- a word written twice where the object meets the measure (全民健身公共服务 + 服务达标率 → 全民健身公共服务服务达标率):
  written once (全民健身公共服务达标率);
- an on-time or accuracy rate of paying out (〔X〕发放及时率, 发放准确率: trial 22) for a service that pays nothing out (社区老年助餐发放及时率: a meal
  service is not 发放) — the object names no money or goods and the text never says 发放 / 兑付 / 拨付: set aside,
  the slot's next row takes its place;
- a row formed on an object the description never writes, from a project name that shares no word with the text
  and names no work nor anything a library row of the pool names (长文本 → 文本完成时间, 文本成本): named for the project (项目完成时间, 项目总成本).
- a name opening on how the text reports its figure (`REPORTING_LEAD`: 报告称工程款拨付进度 ≥ 90 %, 据统计…, 经测算…,
  the lead's closing note of 2026-12-07): the lead-in cut (工程款拨付进度). The one list of such lead-ins; the reader
  of a label's figures (`kb.suggest.labelled_counts`) cuts the same. (Cut here, not where a figure's words are read:
  a training table's text says 报告称拨付进度100%, and a reader's cut retrained the ranker — 7 dev tables reshuffled.)
- a per-item standard that names no item (每个补助标准 for 每个站点补助3万元, trial 20): the item as the text writes it
  (每个站点补助标准).
Pure over drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.whole_cost import WHOLE_COST, WHOLE_DEADLINE

# how a text reports a figure, no part of a row's name (报告称, 据统计, 经测算 …)
REPORTING_LEAD = r"报告称|报告显示|据报|据统计|据测算|据了解|据悉|经初步测算|经测算|经统计|经核算|经核实|经核查"
_REPORTED = re.compile(r"^(?:" + REPORTING_LEAD + r")+(?=[\u4e00-\u9fff]{2})")
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2})\1")
_PAY_ONTIME = re.compile(r"^(?P<obj>[\u4e00-\u9fff]{2,16}?)发放(?:及时|准确)率$")
# what can be paid out or handed over: money, or goods
_PAYABLE = re.compile(r"补贴|补助|资金|津贴|救助|奖|金|费|款|工资|报酬|物资|证|卡|券|药|粮|种|苗|肥|设备|器|包")
_PAID_OUT = re.compile(r"发放|兑付|拨付|发给|支付|兑现")


# nouns of work (委托业务, 安全生产工作): an object naming work, though jieba tags it a noun
_WORK_NOUNS = re.compile(r"业务|工作|服务|工程|项目|建设|管理|运维|维护|保障|活动|检测|监测|培训|宣传|改造|购置|采购|补助|补贴")


def _names_work(obj: str) -> bool:
    """The object names work: a verb (jieba's v / vn) or a noun of work (`_WORK_NOUNS`) — 商品质量检测, 委托业务, not
    文本."""
    from kb.suggest.objects import pos_cut

    return bool(_WORK_NOUNS.search(obj)) or any(tag in ("v", "vn") for _, tag in pos_cut(obj))


def _known(part: str, pool: list[Draft]) -> bool:
    """Some library row of the pool writes a word of `part` (高中国家助学金资助标准 for 高中国家助学金): the name is a
    programme the library knows, though the text does not repeat it."""
    pieces = set(bigrams(part))
    return any(d.source != "formed" and pieces & set(bigrams(d.name)) for d in pool)


def write_once(name: str) -> str:
    """`name` with a two-character word written twice in a row written once (服务服务 → 服务)."""
    return _DOUBLED.sub(r"\1", name)


# a per-item standard whose item is a bare classifier (每个补助标准 for 每个站点补助3万元, trial 20): binding's name keeps
# the 每个 of the text and loses the thing it counts
_BARE_PER_STANDARD = re.compile(r"^每(?P<cls>[个所座处家名位户人])(?P<paid>补助|补贴|奖补|资助|奖励|补偿)标准$")
_PER_THING = re.compile(r"每(?P<cls>[个所座处家名位])(?P<thing>[\u4e00-\u9fff]{1,6}?)(?:平均|一次性|最高|按)?"
                        r"(?P<paid>补助|补贴|奖补|资助|奖励|补偿)")


def _per_thing_standard(text: str, start: int, paid: str) -> str:
    """每个站点补助标准: the thing a per-item amount at `start` of `text` is paid for (每个站点补助3万元), as the text writes
    it before the amount in its clause, else ''."""
    clause = re.split(r"[，,。；;：:]", text[max(0, start - 20):start])[-1]
    m = None
    for m in _PER_THING.finditer(clause):
        pass
    return f"每{m.group('cls')}{m.group('thing')}{paid}标准" if m and m.group("paid") == paid else ""


# a character that opens a word and is never a word alone before a name (补植, 受威胁, 受益): a name the text's
# clause writes right after it was cut inside the word (trial 24: 植苗木数量, 威胁群众安全转移率)
_BOUND_FIRST = frozenset("补受")


def _whole_word_start(d: Draft, text: str) -> str:
    """`d.name` opened where its word opens in the text (trial 24): a text-bound row whose name the clause of its figure
    writes right after 补 / 受 (`_BOUND_FIRST`: 全年补植苗木 → 补植苗木数量, 受威胁群众 → 受威胁群众安全转移率), or right after a
    grade's one letter (B级) (量化等级B级以上比例 → the clause's words up to the name: 食品安全量化等级B级以上比例);
    else `d.name` unchanged."""
    if d.mention is None or len(d.name) < 3:
        return d.name
    lead = re.split(r"[，,。；;：:、！？]", text[max(0, d.mention.start - 60):d.mention.start])[-1]
    at = lead.rfind(d.name[:3])
    if at <= 0:
        return d.name
    before = lead[at - 1]
    if before in _BOUND_FIRST:
        return before + d.name
    if before.isascii() and before.isalpha() and at >= 2 and not lead[at - 2].isascii():
        # one letter of a grade (等级B级) — never a model or an item number (1250KVA变压器, 目标1聘用人员)
        words = re.sub(r"^(?:项目实施后|通过项目实施|实施后|全年|年内)", "", lead[:at])
        return words + d.name if len(words) >= 2 else d.name
    return d.name


# a measure word that counts what follows a figure (5处隐患点): no word of a name's object
_CLASSIFIER = "处个座家所条名户项台套间口"


def _slot_fill_of_noun(d: Draft, text: str) -> str:
    """A library template's slot (〔隐患点名称〕治理工程完成率) filled with a clause cut after its figure (5处隐患点实施工程
    治理 → 处隐患点实施工程治理工程完成率, trial 24): the fill's noun alone (隐患点治理工程完成率) — the measure word the
    figure owns dropped, and the clause's verb onward; '' when the name is no such fill."""
    if not d.template or not d.template.startswith("〔") or "〕" not in d.template:
        return ""
    rest = d.template.split("〕", 1)[1]
    fill = d.name[:-len(rest)] if rest and d.name.endswith(rest) else ""
    if len(fill) < 3 or fill[0] not in _CLASSIFIER or not re.search(r"\d" + re.escape(fill[:3]), text):
        return ""
    noun = re.split(r"实施|开展|进行|完成|建设", fill[1:])[0]
    return noun + rest if len(noun) >= 2 else ""


def fix_garbled_names(pool: list[Draft], ctx: ProjectContext) -> None:
    """The four corrections of the module docstring, on the shown rows of `pool`. In place."""
    desc = ctx.description or ""
    said = set(bigrams(desc))
    for d in pool:
        if d.tier == Tier.ALTERNATE or not d.name:
            continue
        cut = _REPORTED.sub("", d.name)
        if cut != d.name:
            d.evidence.append(f"“{d.name[:len(d.name) - len(cut)]}”是描述的说法，不是指标名称的一部分（原为“{d.name}”）")
            d.name = cut
        once = write_once(d.name)
        if once != d.name:
            d.evidence.append(f"名称中重复的词只写一次（原为“{d.name}”）")
            d.name = once
        whole = _slot_fill_of_noun(d, ctx.text) or _whole_word_start(d, ctx.text)
        if whole != d.name:
            d.evidence.append(f"名称从词中间截断，按描述补全（原为“{d.name}”）")
            d.name = whole
        bare = _BARE_PER_STANDARD.match(d.name)
        if bare and d.mention is not None:
            named = _per_thing_standard(ctx.text, d.mention.start, bare.group("paid"))
            if named:
                d.evidence.append(f"“每{bare.group('cls')}”没有说每什么，按描述写明的对象命名（原为“{d.name}”）")
                d.name = named
        pay = _PAY_ONTIME.match(d.name)
        # (免费 is no money paid: 图书馆免费开放发放准确率 asked a library that pays nothing out, trial 22)
        if pay and d.value_source != "text" and not _PAYABLE.search(pay.group("obj").replace("免费", "")) \
                and not _PAID_OUT.search(desc):
            set_aside(d, f"“{pay.group('obj')}”不是发放的资金或物品，描述中也没有发放，仅作备选")
            continue
        if not d.obj or not desc or d.source != "formed" or set(bigrams(ctx.name or "")) & said:
            continue   # only a project name sharing no word with its text (长文本) names no work of it
        for suffix, whole in (("完成时间", WHOLE_DEADLINE), ("成本", WHOLE_COST)):
            part = d.name[:-len(suffix)] if d.name.endswith(suffix) else ""
            if part and not set(bigrams(part)) & said and not _names_work(part) and not _names_work(d.obj) \
                    and not _known(part, pool):
                d.evidence.append(f"描述中没有“{part}”，按项目命名（原为“{d.name}”）")
                d.name = whole
                break
