"""A satisfaction row that names nobody (满意度 ≥ 90 %) named after whom the text serves, after ranking.

SAT-05 (`kb.checker.rules.satisfaction`) flags a bare 满意度 / 满意率 / 总体满意度: no one can be surveyed. When the
text names whom the project serves — a group `words.served_groups` reads (脱贫户, 学生 …), else the people a stated
count of the table counts ("项目完成后可改善1350名师生的教学环境": 师生, trial 14's school) — the row asks them
(师生满意度). A text naming nobody leaves the row as it is (the checker's finding asks the declarant). Pure over
drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.words import served_groups

# the checker's names of a satisfaction that asks no one (`kb.checker.rules.satisfaction._NO_SUBJECT`)
_NO_SUBJECT = frozenset(("满意度", "满意率", "满意程度", "总体满意度", "综合满意度"))
# the units a stated count of people is written in
_PEOPLE_UNITS = ("人", "名", "万人", "人次", "万人次", "户")
# words that are no group (a count of 人员 or 人 says nobody)
_NO_GROUP = re.compile(r"^(?:人员|人|人数|人次|群众|服务对象|受益人|对象)$")


def name_bare_satisfaction(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Prefix each shown bare satisfaction row (`_NO_SUBJECT`) with the group the text serves (module docstring).
    In place; a row with a learned value is kept as the unit wrote it."""
    bare = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE and d.name in _NO_SUBJECT
            and d.value_source != "learned"]
    if not bare:
        return
    group = next(iter(served_groups(ctx.beneficiaries)), "") or _counted_people(drafts)
    if not group:
        return
    for d in bare:
        d.name = group + ("满意度" if d.name.startswith(("总体", "综合")) else d.name)
        d.evidence.append(f"满意度调查对象取描述写明的服务对象“{group}”")


def _counted_people(drafts: list[Draft]) -> str:
    """Whom a shown row bound to a count of people counts (1350名师生 → 师生), '' when none names a group."""
    for d in drafts:
        m = d.mention
        if d.tier == Tier.ALTERNATE or not d.bound or m is None or m.unit not in _PEOPLE_UNITS:
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]{2,6}", m.obj or "") and not _NO_GROUP.match(m.obj):
            return m.obj
    return ""


# a satisfaction asking a role, no group (补助对象满意度, 受助对象满意度): the formed row of a payment type
_ROLE_ONLY = re.compile(r"^(?:补助|补贴|受助|资助|救助|受益|服务)对象满意(?:度|率)$")
# the persons a payment is for, named by their post (陪审员参审补助, 调解员补贴, 护林员劳务补助)
_PAID_POST = re.compile(r"(?P<who>[\u4e00-\u9fff]{1,4}?员)(?:参审|办案|履职|值班|劳务|工作|误工|生活)?(?:补助|补贴|津贴|报酬|经费)")


# words before the post that are none of its name (用于陪审员参审补助, 发放给调解员)
_LEAD = re.compile(r"^(?:用于|用作|发放给?|支付给?|拨付给?|给予?|向|为|对|及|和|与)")


def name_paid_group_satisfaction(drafts: list[Draft], ctx: ProjectContext) -> None:
    """A shown satisfaction row asking a role (`_ROLE_ONLY`: 补助对象满意度) asks the persons the text pays by their
    post (`_PAID_POST`: 用于陪审员参审补助支出 → 陪审员满意度) — D038, a court's fund for its 陪审员 and a live stream, asked
    补助对象 (round 18). Set aside instead where another shown row asks them already. A text naming no such post
    leaves the row. In place; a row with a learned value is kept as the unit wrote it."""
    said = _PAID_POST.search((ctx.name or "") + "。" + (ctx.text or ""))
    if not said:
        return
    who = _LEAD.sub("", said.group("who"))
    if len(who) < 2 or who.endswith("人员") or "聘" in who:
        return   # 编外聘用人员经费: the project's own hires work for it, nobody asks them (trial 7, E003)
    live = [d for d in drafts if d.slot == "satisfaction" and d.tier != Tier.ALTERNATE]
    for d in live:
        if d.value_source == "learned" or not _ROLE_ONLY.match(d.key):
            continue
        if any(x is not d and who in x.name for x in live):
            from kb.suggest.dedupe import set_aside

            set_aside(d, f"描述写明补助发给{who}，已有询问{who}的满意度，仅作备选")
            continue
        d.name = who + d.name[d.name.index("对象") + 2:]
        d.explanation = ""
        d.evidence.append(f"满意度调查对象取描述写明的补助对象“{who}”（{said.group(0)}）")
