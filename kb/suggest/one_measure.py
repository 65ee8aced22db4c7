"""After ranking: one row per measure when two names of the pool read as one rate (trial 15).

A reviewer of trial 15 struck three rows that measured, under another name, what a row beside them measured:
资助政策覆盖率 =100 % beside 助学金和免学费覆盖率 (D012: the policy covered is the grant and the fee waiver),
救助金发放时间达标率 beside 临时救助发放及时率 (D017: paying on time is one timeliness), and the library's
农村公路优良中等路率 ≥80 % (质量) beside the text's 农村公路优良中等路比例 ≥82 % (效益). They are read here, on the
ranked pool, before the table is chosen (the checker's STR-12 flags the same pairs in a user's table,
`kb.checker.rules.structure.rate_name_duplicates`).

Two rates are one measure by the reading the checker's STR-12 shares (`kb.domain.rate_names`: 比例 → 率,
时间达标率 → 及时率; one measure ending; one payment verb on objects sharing two characters; a coverage of the policy
itself beside a coverage of a named object), or — read here only, on rows with targets — one coverage's object (less the
words of a fund: 补助, 政策, 资金) is inside the other's (基本药物制度补助覆盖率 beside 政府办基层医疗卫生机构实施国家基本药物
制度覆盖率, trial 16; an object of five characters or more: 优抚对象 may be one group of several), or a quality rate
of goods bought naming none (采购物资合格率) beside that of the goods the text buys (苗种检验检疫合格率, trial 18:
`kb.domain.rate_names.bought_goods_rate`). Of each pair the row that holds the
text's figure is kept, else the one whose whole name the text writes (trial 18), else the higher-ranked; the other is set
aside (an alternate, the reason in its evidence), so the text's figure wins (82 over the library's 80).
"""
from __future__ import annotations

import re

from kb.domain.rate_names import bought_goods_rate
from kb.domain.rate_names import normal_rate_name as _normal
from kb.domain.rate_names import one_rate_measure as _one_measure
from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

WHY = "与“{name}”计量同一事项（同一口径的比率），保留{reason}的一行"

# what a coverage's object may add without naming another object (基本药物制度补助覆盖率 covers 基本药物制度)
_FUND_WORDS = re.compile(r"补助|补贴|政策|资金|项目")


def one_coverage(a: Draft, b: Draft) -> bool:
    """Two coverages with targets (neither 待填写) whose objects, less the words of a fund (补助, 政策, 资金), hold one
    another — five characters or more (基本药物制度补助覆盖率 =100 % beside 政府办基层医疗卫生机构实施国家基本药物制度
    覆盖率 =100 %, E016, trial 16). A blank coverage is left to the table's own rules (a blank beside a stated one)."""
    if a.pending or b.pending or not (a.name.endswith("覆盖率") and b.name.endswith("覆盖率")):
        return False
    ca, cb = _FUND_WORDS.sub("", _normal(a.name)[:-3]), _FUND_WORDS.sub("", _normal(b.name)[:-3])
    return min(len(ca), len(cb)) >= 5 and ca != cb and (ca in cb or cb in ca)


def _said(d: Draft, text: str) -> int:
    """How many of the name's two-character pieces the text writes."""
    return sum(1 for g in set(bigrams(d.name)) if g in text)


def one_row_per_measure(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside (tier ALTERNATE) the weaker of every two rows of `pool` (ranked drafts of one project) whose rate
    names read as one measure (`_one_measure`): the row without the text's figure, else the one whose name the
    text (`ctx.name` + `ctx.description`) writes less of, else the lower-ranked. Mutates `pool`; no error."""
    from kb.suggest.dedupe import set_aside

    text = (ctx.name or "") + (ctx.description or "")
    live = [d for d in pool if d.tier != Tier.ALTERNATE and d.name and d.slot != "satisfaction"]
    for i, a in enumerate(live):
        for b in live[i + 1:]:
            if Tier.ALTERNATE in (a.tier, b.tier) or not (_one_measure(_normal(a.name), _normal(b.name))
                                                          or one_coverage(a, b)
                                                          or bought_goods_rate(a.name, b.name, text)):
                continue
            # trial 18: of two with the text's figure, the one whose whole name the text writes (抽检合格率 ≥98 % from
            # “抽检合格率稳定在98%以上”, not 农产品质量安全检测合格率 =100 % bound to another clause's 100%)
            ka = (a.value_source == "text", a.name in text, int(a.tier), a.score)
            kb = (b.value_source == "text", b.name in text, int(b.tier), b.score)
            kept, weaker = (a, b) if ka >= kb else (b, a)
            if kept.value_source == "text" and weaker.value_source != "text":
                reason = "描述所写目标值"
            else:
                reason = "排序较前"
            set_aside(weaker, WHY.format(name=kept.name, reason=reason))


def one_row_per_stated_rate(pool: list[Draft], ctx: ProjectContext) -> None:
    """Of the shown rows bound to one rate the text states (交工验收合格率达到100%: 交工验收合格率, 养护及危桥涵整治验收合格率,
    农村公路养护验收合格率 all hold its 100 %), the one whose whole name the text writes is kept and the others are set
    aside — the text's own name for its figure, the trial 18 rule of `one_row_per_measure` for rows that do not read
    as one measure by name (round 5 merge: the retrained ranker put 养护及危桥涵整治验收合格率 first). Nothing when no
    row's name is written in the text. Mutates `pool`; no error."""
    from kb.suggest.dedupe import set_aside

    text = (ctx.name or "") + (ctx.description or "")
    by_figure: dict[int, list[Draft]] = {}
    for d in pool:
        if d.tier != Tier.ALTERNATE and d.name and d.value_source == "text" and d.mention is not None \
                and d.mention.unit in ("%", "‰"):
            by_figure.setdefault(d.mention.start, []).append(d)
    for rows in by_figure.values():
        # a bare name another row completes (验收合格率 beside 道路工程验收合格率, E007) is no name of the figure's own
        written = [d for d in rows if d.name in text and not any(o is not d and o.name.endswith(d.name) for o in rows)]
        if not written or len(written) == len(rows):
            continue
        kept = max(written, key=lambda d: (int(d.tier), d.score))
        for d in rows:
            if d not in written and not d.name.endswith(kept.name):
                set_aside(d, f"描述中的{d.mention.value}{d.mention.unit}写明是“{kept.name}”，保留描述所写名称的一行")
