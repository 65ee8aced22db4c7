"""Whom the text says the project supports or serves without counting them: a blank count of them.

对技术能手给予补贴, 为残疾人提供基本康复服务 name who receives what, and real tables count them (D039 补助残疾人技术能手
人数, 基本康复服务人数); the text gives no figure, so the row is 〔support〕〔whom〕人数 (or 户数) / 〔service〕人数, its
target left to the declarant (待填写, `kb.suggest.values`). Nothing when a figure of people stands in the sentence (the
figure's own row counts them), when whom is no clean noun phrase naming people (参展企业按展位费, 特教学校开展职业培训), or
when what is given is neither a support nor a service (为老人提供午餐). Pure over the project context. Not for counted
people (`kb.suggest.naming`).
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

SUPPORTS = "补贴|补助|扶持|奖励|资助|奖补|救助|慰问|帮扶"
# 对〔whom〕给予 / 进行〔support〕 and 为〔whom〕提供〔service or support〕, each within a clause
_GIVEN = re.compile(r"对(?P<whom>[\u4e00-\u9fff、]{2,14}?)(?:给予|进行|实施)(?P<what>" + SUPPORTS + r")(?=[，,。；;、]|$)")
_PROVIDED = re.compile(r"为(?P<whom>[\u4e00-\u9fff、]{2,14}?)提供(?P<what>[\u4e00-\u9fff]{2,10}?(?:服务|" + SUPPORTS + r"))"
                       r"(?=[，,。；;、]|$)")
# what says when or which of them, not who (当年新创业城乡残疾人 → 创业城乡残疾人)
_WHEN_LEAD = re.compile(r"^(?:当年|今年|本年|年度|新|全县|全市|全区|全镇|辖区)+")
_PERSONS = frozenset("人 名 位 万人 万名 人次 万人次 户 万户 户次".split())
_SENTENCE_END = re.compile(r"[。；;]")


def served_drafts(ctx: ProjectContext) -> list[Draft]:
    """One blank 数量 draft per group the text supports or serves without a figure (see the module docstring); []
    when there is none. Names at most `naming.MAX_NAME` characters, each once."""
    from kb.suggest import naming as N

    out: dict[str, Draft] = {}
    for pat in (_GIVEN, _PROVIDED):
        for m in pat.finditer(ctx.text):
            if _people_counted_in_sentence(ctx, m.start()):
                continue
            whom = _WHEN_LEAD.sub("", m.group("whom").split("的")[-1])   # 经济困难的残疾人 → 残疾人
            what = m.group("what")
            if not _names_people(whom):
                continue
            if pat is _GIVEN:
                name = what + whom + ("户数" if whom.endswith("户") else "人数")   # 补贴技术能手人数
            elif what.endswith("服务"):
                name = what + "人数"          # 为残疾人提供基本康复服务 → 基本康复服务人数
            else:
                name = whom + what + "人数"   # 为精神病患者提供服药补贴 → 精神病患者服药补贴人数
            if not N.is_clean(name.removesuffix("人数").removesuffix("户数")) and not _clean_words(name):
                continue
            if len(name) > N.MAX_NAME or name in out:
                continue
            out[name] = Draft(name=name, level2="quantity", source="formed", unit="户" if name.endswith("户数") else "人",
                              direction="positive", evidence=[f"描述中的服务对象: {m.group()}", "按描述用词生成"])
    return list(out.values())


def _people_counted_in_sentence(ctx: ProjectContext, at: int) -> bool:
    start = max((e.end() for e in _SENTENCE_END.finditer(ctx.text, 0, at)), default=0)
    end = _SENTENCE_END.search(ctx.text, at)
    stop = end.start() if end else len(ctx.text)
    return any(start <= q.start < stop and q.unit in _PERSONS for q in ctx.mentions)


def _names_people(whom: str) -> bool:
    """A clean noun phrase ending in a person (`words.PERSON_HEADS`), one group (no 、 list)."""
    from kb.suggest import naming as N
    from kb.suggest.words import PERSON_HEADS

    return "、" not in whom and bool(PERSON_HEADS.search(whom)) and N.is_clean(whom) and not N.adverbial(whom)


def _clean_words(name: str) -> bool:
    """Every jieba word of `name` noun-like or a verb of support (补贴, 扶持 …), no function word."""
    from kb.suggest.objects import is_nounish, pos_cut

    return all(is_nounish(w, t) or re.fullmatch(SUPPORTS, w) for w, t in pos_cut(name))
