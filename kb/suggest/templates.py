"""Fill template indicator names from the project's own words.

A library name may hold one slot in 〔…〕, e.g. 〔培训对象〕培训人次 or
〔服务对象〕满意度. Real tables name indicators after the project's own
objects (吕梁山护工培训人数, 博物馆免费开放天数), so the slot is filled with
the words of the description that stand right before the template's anchor
(the text after the slot): "组织吕梁山护工培训3期" + 〔培训对象〕培训人次 →
吕梁山护工培训人次. Satisfaction slots take the beneficiaries named in the
description (学生, 群众, 患者 …). Without a filler the slot label itself is
used (服务对象满意度). Pure functions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.domain.text import normalize, plain_name  # noqa: F401  (suggest reads plain_name here)

SLOT = re.compile(r"〔([^〕]*)〕")
_STOP = re.compile(r"[,，。;；、:：()（）\[\]【】\s“”\"'0-9%.]")
_LEAD = re.compile(r"^(?:高质量|高标准|圆满|顺利|按时|按期|及时|全部|全面|持续|切实|积极|认真|不断|有效|计划|预计|拟|全年|年度|约|共计|共|累计|总计|合计|用于|对|为|向|给|将|通过|组织|开展|实施|完成|进行|举办|召开|按照|加强|推进|保障|确保|支持|落实|提升|提高|做好|其中|主要|每年|年|购买)+")
# beneficiaries, most specific first (domain knowledge of who 满意度 is asked of)
BENEFICIARIES = (
    "受助学生", "参训人员", "参训学员", "受益群众", "受益农户", "受益人群", "救助对象", "服务对象",
    "残疾人", "老年人", "患者", "病人", "学生", "家长", "教师", "群众", "村民", "居民", "农户",
    "农民", "企业", "游客", "读者", "观众", "职工", "干部", "学员", "老人", "儿童", "妇女",
    "退役军人", "优抚对象", "社会公众", "使用人员", "使用单位", "市民", "商户", "经营主体",
)


@lru_cache(maxsize=64)
def _normalized(text: str) -> str:
    """`normalize` of a description, cached: every template of one request reads the same text."""
    return normalize(text)


def slot_label(name: str) -> str | None:
    """The slot label of a template name (培训对象 in 〔培训对象〕培训人次), else None."""
    m = SLOT.search(name)
    return m.group(1) if m else None


def _anchor(after: str) -> str:
    """The first 2 characters after the slot: where the filler must stop."""
    return after[:2]


def find_filler(description: str, name: str, max_len: int = 10, words: frozenset[str] | set[str] = frozenset()
                ) -> str | None:
    """Words of `description` that fill the slot of template `name`, or None.

    Looks for the template's anchor (text after the slot) in the description
    and takes the run of characters just before it, cut at punctuation,
    numbers and leading verbs/fillers; 2..max_len characters. `words`: the
    description's own words (`ProjectContext.content`): a function character
    inside one of them is no cut (对 in 优抚对象, where 象生活 came out).
    """
    m = SLOT.search(name)
    if not m:
        return None
    label, after = m.group(1), name[m.end():]
    t = _normalized(description)
    if "满意" in after or "满意" in label:
        for b in BENEFICIARIES:
            if b in t:
                return b
        return None
    anchor = _anchor(after)
    if not anchor:
        return None
    best = None
    for hit in re.finditer(re.escape(anchor), t):
        before = t[max(0, hit.start() - 24):hit.start()]
        run = _STOP.split(before)[-1]
        counted = re.search(r"\d$", before[:len(before) - len(run)])   # the run opens right after a number
        run = _after_function_words(run, words)
        if counted:   # 60名学生 → 学生; a run after no number keeps its 人 (人才引进 was 才引进, round 5's own 人才 text)
            run = _UNIT_LEAD.sub("", run)
        run = _LEAD.sub("", run)
        if len(run) > max_len:
            run = _whole_words_tail(run, max_len)
        run = _LEAD.sub("", run)
        if len(run) >= 2 and (best is None or len(run) > len(best)) and _noun_phrase(run):
            best = run
    return best


def _noun_phrase(run: str) -> bool:
    """A filler names a thing: never a time or place phrase read as an object (`naming.adverbial`:
    节日前10个工作日内发放 gave 工作日内发放人次)."""
    from kb.suggest.naming import adverbial

    return not adverbial(run)


# function words a filler never spans (the object of the anchor lies after them)
_FUNC = re.compile(r"的|和|及|与|或|用于|对于|对|在|为|将|把|向|由|从|以|并|等|其中|包括|通过|按照|根据")


def _after_function_words(run: str, words: frozenset[str] | set[str]) -> str:
    """The part of `run` after its last function word (`_FUNC`); a one-character one that forms a word of
    `words` with the character before or after it (对象, 以上, 及时) is part of that word, not a cut."""
    cut = 0
    for m in _FUNC.finditer(run):
        a, z = m.span()
        if z - a == 1 and ((a > 0 and run[a - 1:z] in words) or (z < len(run) and run[a:z + 1] in words)):
            continue
        cut = z
    return run[cut:]


_UNIT_LEAD = re.compile(r"^(?:万元|亿元|元|万|个|人次|人|次|年|月|日|项|家|户|名|所|批)+")


def _whole_words_tail(run: str, max_len: int) -> str:
    """The longest tail of `run` made of whole jieba words and at most max_len characters."""
    import jieba

    words = list(jieba.cut(run, HMM=False))
    taken: list[str] = []
    for w in reversed(words):
        if sum(map(len, taken)) + len(w) > max_len:
            break
        taken.insert(0, w)
    # a tail that starts inside a place name is no object: 罗家|屯|社区|野生菌加工车间 → 野生菌加工车间,
    # not 屯社区野生菌加工车间 (fresh trial, E025)
    cut = 0
    while cut < len(taken) - 1 and len(taken[cut]) == 1:
        cut += 1
    if cut and cut < len(taken) - 1 and _PLACE_TAIL.search(taken[cut]):
        cut += 1
    return "".join(taken[cut:])


_PLACE_TAIL = re.compile(r"(社区|村|镇|乡|街道|园区|县|区|市)$")


def fill(description: str, name: str, words: frozenset[str] | set[str] = frozenset()) -> tuple[str, str | None]:
    """(filled name, filler) — the slot replaced by the description's words (`words`: its own words, see
    `find_filler`), or by its label."""
    if not SLOT.search(name):
        return name, None
    f = find_filler(description, name, words=words)
    if f:
        after = name[SLOT.search(name).end():]
        # avoid doubling: filler 护工培训 + 培训人次 → 护工培训人次
        for k in range(min(len(f), len(after)), 0, -1):
            if f.endswith(after[:k]):
                f = f[:-k]
                break
        if len(f) >= 1:
            return SLOT.sub(f, name, count=1), f
    return unfilled_name(name), None


def unfilled_name(name: str) -> str:
    """The name a template takes when the description gives no filler.

    The slot label loses generic endings (名称/类型/类别/主题); a label ending in 对象
    is dropped when the rest reads as a name on its own (≥ 4 characters):
    〔工程名称〕工程验收合格率 → 工程验收合格率, 〔培训对象〕培训人次 → 培训人次,
    〔服务对象〕满意度 → 服务对象满意度, 〔场馆〕免费开放天数 → 场馆免费开放天数,
    〔宣传主题〕宣传活动场次 → 宣传活动场次 (宣传主题宣传活动场次 reached a default table, E019).
    """
    m = SLOT.search(name)
    if not m:
        return name
    before, label, after = name[:m.start()], re.sub(r"(名称|类型|类别|主题)$", "", m.group(1)), name[m.end():]
    for k in range(min(len(label), len(after)), 0, -1):
        if label.endswith(after[:k]):
            label = label[:-k]
            break
    if not label or (label.endswith("对象") and len(after) >= 4):
        return before + after
    return before + label + after
