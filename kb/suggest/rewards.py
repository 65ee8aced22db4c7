"""A reward fund's count of what it rewards, read from the list the text gives, and no blank count of work it does not do.

D063 (省级会展项目奖励资金, suggest round 13): the text lists the expos the fund rewards (奖励第五届海南国际健康产业
博览会、中国国际创意设计推广周、… 、海南国际旅游装备博览会等 — seven), yet the table asked 举办展会数量 待填写 个 and
组织企业参展数量 待填写 家: the fund pays rewards, it holds no expo and brings no exhibitor. After ranking:

- a clause opening on a reward verb (`_REWARD_LIST`) followed by three or more items separated by 、 gives
  奖励〔object〕数量 ≥ N 个 (= N when the list does not end in 等), the object as the project's name calls what it
  rewards (会展项目 of 省级会展项目奖励资金), 设定依据 the text; a blank count of rewarded objects in 个 / 项
  (奖补对象奖补数量) is then the same count and set aside;
- in a text that rewards and never says it holds, organises or runs anything (`_OWN_WORK`), a blank quantity row
  named by such work (举办展会数量, 组织企业参展数量) is set aside.

Pure over drafts; the new row joins the pool before the table is chosen.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier
from kb.suggest.dedupe import set_aside

_VERBS = "奖励|奖补|表彰|以奖代补"
# a clause opening on a reward verb, then items split by 、 (no clause stop inside), ending at 等 or the clause's end
_REWARD_LIST = re.compile(r"(?:^|[。；;，,：:])\s*(?:" + _VERBS + r")(?P<items>[^。；;，,：:]{2,40}(?:、[^。；;，,：:、]{2,40}){2,})"
                          r"(?P<more>等)?")
# work a fund that rewards does not do unless its text says so
_OWN_WORK = re.compile(r"举办|组织|承办|主办|开展|筹办")
_NAME_OWN_WORK = re.compile(r"^(举办|组织|承办|主办|开展|筹办)")
# what the project's name says it rewards: the words before 奖励 / 奖补, after the level of government or the term
_REWARDED = re.compile(r"([\u4e00-\u9fff]{2,8})(?:奖励|奖补)(?:资金|经费)?")
_SCOPE = re.compile(r"^.*(?:省级|市级|县级|区级|本级|季度|年度|年)")
_COUNTED = frozenset({"个", "项"})


def listed_rewards(text: str) -> tuple[int, bool] | None:
    """(number of items, the list ends in 等) of the first list a reward verb opens in `text`, or None."""
    m = _REWARD_LIST.search(text)
    if not m:
        return None
    items = [i for i in m.group("items").split("、") if i.strip()]
    more = bool(m.group("more")) or items[-1].endswith("等")
    return len(items), more


def rewarded_object(name: str | None) -> str:
    """What the project's name says it rewards (2021年第四季度省级会展项目奖励资金 → 会展项目), or ''."""
    m = _REWARDED.search(name or "")
    if not m:
        return ""
    return _SCOPE.sub("", m.group(1))


def count_listed_rewards(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Add the stated count of rewarded items and set aside the blank counts it answers or the fund does not
    produce (module docstring). In place (`drafts` may grow by one row)."""
    if not re.search(_VERBS, ctx.text):
        return
    shown = [d for d in drafts if d.slot == "quantity" and d.tier != Tier.ALTERNATE]
    if not _OWN_WORK.search(ctx.text):
        for d in shown:
            if d.pending and d.value_source != "text" and _NAME_OWN_WORK.match(d.key):
                set_aside(d, f"项目资金用于奖励，描述中没有“{_NAME_OWN_WORK.match(d.key).group(1)}”这项工作，仅作备选")
    listed = listed_rewards(ctx.text)
    obj = rewarded_object(ctx.name)
    if listed is None or not obj or any(d.value_source == "text" and d.unit in _COUNTED for d in shown):
        return
    n, more = listed
    row = Draft(name=f"奖励{obj}数量", level2="quantity", source="formed", unit="个", direction="positive",
                obj=obj, operator="≥" if more else "=", value=str(n), value_unit="个", value_source="text",
                explanation=f"年内获得奖励的{obj}个数", tier=Tier.BOUND,
                score=max((d.score for d in shown), default=0.5),
                evidence=[f"描述列出奖励的{obj}{n}个" + ("（列表以“等”结束）" if more else "")])
    for d in shown:
        if d.tier != Tier.ALTERNATE and d.pending and (d.value_unit or d.unit) in _COUNTED and re.search(_VERBS, d.key):
            set_aside(d, f"与描述列出的奖励{obj}数量是同一计数，仅作备选")
    drafts.append(row)
