"""Figures a description states that are facts, not targets: the setting and what already happened.

- `setting_figure(m, text)`: a figure of a clause that describes where the
  project runs — 全县森林面积86万亩, 全县共有行政村120个, 森林覆盖率现状为62% — the
  county's size, not what this year's project does (本年度完成森林抚育2万亩 is).
  Such a clause opens with a scope (全县 / 辖区 / 我市 …) or says 现有 / 现状 /
  总面积 / 总人口, states the figure after a measure noun or a verb of being
  (是 / 有 / 达 / 为 …), and names no work of the project (no verb of the work or
  of benefit, no 依托 / 利用: a thing the project uses is its coverage,
  `kb.suggest.objects.Mention.existing`). So is what stands in the project's own area (项目区现有耕地1.6万亩),
  what a library keeps (现有藏书28万册), the size of the facility it runs in (馆舍面积6200平方米) and today's
  level said as a shortfall (灌溉保证率不足60%, 达标率仅为70%): the level the project starts from.
- `actual_figure(m, text)`: a figure the text reports as having happened —
  a self-evaluation's 实际 / 已完成 / 截至 … / 共发生 figures, and any count of a
  harm that 发生 (发生森林火灾16起, 受害率0.0046‰ in a 自评 text): an actual
  is never a target (a harm count would become ≥ 16 起 or ≤ 0.0046 ‰).
- `condition_figure(m, text)`: a threshold of who qualifies (种植面积50亩以上的种植大户), no target.
- `fact_note(kind, mentions)`: the result's note saying which figures were not
  used and why (the caller drops them from the targets; nothing is dropped silently).
Pure text functions over normalised text and `Mention`s; not for reading
quantities (`kb.suggest.objects`) or binding them (`kb.suggest.binding`).
"""
from __future__ import annotations

import re

from kb.suggest.naming import SCOPE_ONLY
from kb.suggest.objects import CLAUSE_PUNCT, Mention, pos_cut
from kb.suggest.quantities import MONEY_UNITS, units_compatible
from kb.domain.words import PAST_PERIODS
from kb.domain.years import stated_year
from kb.suggest.words import BENEFIT_VERBS, EXISTING_WORDS, HARM_WORDS, USE_WORDS, WORK_VERBS

# a clause that opens with where: 全县森林面积…, 目前辖区内…, 我县共有…, 截至2023年底全市… (the scope words are naming's)
_SCOPE_LEAD = re.compile(r"^(?:目前|当前|现阶段|截至[^，,]{0,10}?|截止[^，,]{0,10}?)?"
                         r"(?:(?:我|该)(?:省|市|县|区|镇|乡)|(?:省|市|县|区|镇|乡|村|社区|街道|辖区)内|境内|(?:全|本)(?:馆|院|校)|"
                         + SCOPE_ONLY.pattern + ")")
# a place or the unit itself, then 现有 (城区现有排水管网总长386公里, 中心现有采编人员46人, 我馆现有藏书…): what stands there;
# a bare 现有 (现有助餐点12个) is the project's own and no setting
_SUBJECT_HAS = re.compile(r"^(?:城区|市区|县城|城市|主城区|老城区|(?:本|该)?(?:中心|馆|院|站|所|单位)|"
                          r"(?:本|该)?项目(?:区|所在地|区域)|灌区|库区)现有")
# today's level said as a shortfall (灌溉保证率不足60%, 覆盖率仅为45%): the level before the change, no target
_TODAY_LEVEL = re.compile(r"(?:不足|不到|仅为|仅有|仅达|仅|只有|尚不足|目前为|现为|目前仅)$")
# the size of the facility the project runs in (县图书馆馆舍面积6200平方米, 占地面积…): the setting, when the sentence so
# far names no work (新建综合楼，建筑面积2000平方米 is the work's own size)
# (a property service's 展览馆建筑面积2.6万平方米 is the area it serves, D050's real 物管服务面积: not a setting)
_FACILITY_SIZE = re.compile(r"(?:馆舍|院舍)(?:建筑)?面积$")
# words that say a figure is the present state of things, wherever they stand in the clause
_SETTING_WORDS = re.compile(r"现有|现状|总面积|总人口|常住人口|户籍人口|总户数")
# holdings of a library, an archive or a museum (馆藏档案12万卷, 藏书21万册): what the unit keeps, the setting — unless
# the clause opens on the work done to them (对馆藏档案1.5万卷进行数字化: the project's own count)
_HOLDINGS = re.compile(r"馆藏|藏书|藏品")
_WORK_ON = re.compile(r"^(?:对|将|把|为|完成|新增|整理|扫描|修复)")
# how a clause that goes on with the setting says what it covers (全县现有集中供水工程186处，覆盖农村人口21万人):
# the coverage of what stands, no benefit of this year's work
_COVERS = re.compile(r"^(?:共|可|能|已)?(?:覆盖|惠及|服务|辐射|受益)")
# how a setting figure follows its words: after a measure noun or a verb of being (全县森林面积86万亩, 全县共有行政村120个)
_SETTING_BEFORE = re.compile(r"(?:面积|人口|总量|总数|覆盖率|里程|长度|规模|蓄积量|户数|个数|是|有|达|为|共有|共|约|达到|总计|合计)$")
# a verb of being anywhere after the scope (全县共有行政村120个)
_BEING = re.compile(r"共有|拥有|现存|是|有|为|达")
# where a sentence ends (a setting's sentence runs on over commas)
_SENTENCE_END = re.compile(r"[。;；!！?？]")
# words that make a figure a target, not a state (达到 …, 计划, 力争): a setting's sentence ends before them
_TARGET_WORDS = re.compile(r"达到|不低于|不少于|不超过|提高|提升|增加|降低|下降|减少|确保|力争|计划|目标|预计|完成|实现|"
                           r"保持|稳定在|维持在")
# a level the project keeps (全县农村公路优良中等路率保持在85%以上): a target, never the setting
_KEEP_LEVEL = re.compile(r"(?:保持|稳定|维持)(?:在)?$")
# a work verb + 对象 / 户 is a noun of a programme's people (监测对象1100人), no work
_ROLE_NOUN = re.compile(r"(?:监测|帮扶|救助|资助|补助|保障|服务|供养)(?:对象|户)")
# words that report what happened (a self-evaluation, a mid-year report, a past period: 近三年累计带动…,
# 已带动…, 去年…)
_REPORTED = re.compile(r"实际|已完成|已经完成|完成了|截至|截止|共发生|累计发生|已发生|发生了|"
                       r"已(?:经)?(?:带动|帮扶|实现|培训|发放|改造|新建|覆盖|惠及|救助|资助|累计|建设)|"
                       r"近[一二三两四五几\d]+年|近年来|以来|(?<![较比同])(?:去年|上年)")
_YEAR_SAID = re.compile(r"(20\d\d)年")
_YEAR_LEAD = re.compile(r"(?:在)?(20\d\d)年(?:度)?(?!\d|以前|之前|前)")
# the text is a self-evaluation or an evaluation report: its harm counts are what happened
# a sentence that opens on a past period (上年度已检测水样650份，水质达标率91%): its figures are that period's
_PAST_LEAD = re.compile(r"^(?:在)?(?:" + "|".join(PAST_PERIODS) + ")")   # 上年度 opens with 上年
_REPORT_TEXT = re.compile(r"自评|评价报告|绩效评价|执行情况|完成情况")
# words that make a year's figure the plan (2024年计划…, 力争到2026年…)
_PLAN_WORDS = re.compile(r"计划|预计|力争|目标|拟|将|到\d{4}年|至\d{4}年|\d{4}年(?:\d{1,2}月)?(?:底|末)?前")
# what became of those counted (13户企业列入经营异常名录, 166户农民专业合作社…被列入…, 103户企业移出…名录): an enforcement's
# result, never an output to reach with ≥ (a fresh reviewer, E038)
_LISTED = re.compile(r"(?:被|已)?(?:列入|纳入|移出)[^，,。；;]{0,10}名录|被(?:列入|标记|处罚|查处|吊销|注销)")
# a harm figure stated as a limit is a target (火灾发生次数控制在3起以内, 受害率不超过0.9‰)
_LIMIT_WORDS = re.compile(r"控制在|不超过|不高于|不大于|低于|以内|以下|力争|确保|目标")


# a short aside in brackets (村（社区）干部): part of the words around it, no clause of its own
_ASIDE = re.compile(r"（[^（）]{1,8}）|\([^()]{1,8}\)|“[^“”]{1,8}”")
_OPENING = {"）": "（", ")": "(", "”": "“"}


def _scoped(head: str) -> bool:
    """The clause opens with a scope (全县…) or with a place or the unit itself and 现有 (城区现有…)."""
    return bool(_SCOPE_LEAD.match(head) or _SUBJECT_HAS.match(head))


def _clause(text: str, m: Mention) -> tuple[str, str]:
    """(words of m's clause before its number, words after its unit), cut at clause punctuation; a short aside
    in brackets is kept out (全县共有村（社区）干部1560名 → 全县共有村干部, “两微一端”粉丝总量 → 粉丝总量)."""
    head = CLAUSE_PUNCT.split(_ASIDE.sub("", text[max(0, m.start - 40):m.start]))[-1]
    tail = CLAUSE_PUNCT.split(text[m.end:m.end + 24])[0]
    return head, tail


def _names_work(words: str, scoped: bool = False) -> bool:
    """True when `words` name work of the project or a use of what stands (依托 / 利用: its coverage). In a
    clause opening with a scope (`scoped`: 全县现有乡镇卫生院15所, 全县已建成高标准农田41万亩) 现有 / 已建成 say
    what stands in the county, the setting, and are no work."""
    if scoped and not USE_WORDS.search(words):
        words = EXISTING_WORDS.sub("", words)
    words = _ROLE_NOUN.sub("", words)   # 监测对象, 帮扶户: whom a programme watches or helps, no work of this one
    return any(w in WORK_VERBS or w in BENEFIT_VERBS for w, _ in pos_cut(words)) or bool(EXISTING_WORDS.search(words))


def _setting_clause(head: str, tail: str, scoped: bool) -> bool:
    if not head:
        return False
    if _HOLDINGS.search(head) and re.match(r"(?:现有|现存)", head) and not tail.strip() \
            and not _names_work(EXISTING_WORDS.sub("", head), scoped) and not _TARGET_WORDS.search(head):
        return True   # 现有藏书28万册, 现有藏品4.5万件: what the unit keeps, not what the project adds
    if _TODAY_LEVEL.search(head.rstrip("约 ")) and not _TARGET_WORDS.search(head) and not _names_work(head, scoped):
        return True   # 灌溉保证率不足60%: today's level, the one the project raises
    if _names_work(head + tail, scoped) or _KEEP_LEVEL.search(head.rstrip("约 ")):
        return False
    said = head.rstrip("约达共 ")
    if _SETTING_WORDS.search(head):
        return True
    if _HOLDINGS.search(head) and not _WORK_ON.match(head) and not tail.strip():
        return True
    # a scope, then what is counted, then its figure, and no work (全县60周岁以上老年人8.6万人): the county's own
    return scoped and (bool(_SETTING_BEFORE.search(said) or _BEING.search(head)) or len(head) > 4)


def _sentence_before(text: str, m: Mention) -> tuple[str, str]:
    """(the sentence's words before m's clause, the punctuation that ends them): 全县现有中小学78所，在校学生5.2万人
    → ('全县现有中小学78所', '，') for 5.2万人."""
    window = text[max(0, m.start - 40):m.start]
    head_start = m.start - len(CLAUSE_PUNCT.split(window)[-1])
    while head_start > 0 and text[head_start - 1] in _OPENING and _ASIDE.search(text[max(0, head_start - 10):m.start]):
        head_start = text.rfind(_OPENING[text[head_start - 1]], 0, head_start)   # over the aside
        head_start -= len(CLAUSE_PUNCT.split(text[max(0, head_start - 40):head_start])[-1])
    s = _SENTENCE_END.split(text[max(0, head_start - 80):head_start])[-1]
    return (s[:-1], s[-1]) if s and s[-1] in "，,、" else ("", "")


def setting_figure(m: Mention, text: str) -> bool:
    """True when `m` is a figure of the project's setting (see the module docstring); amounts of money are
    the budget's to read (`kb.domain.budget`), never a setting."""
    if m.unit in MONEY_UNITS:
        return False
    head, tail = _clause(text, m)
    if _setting_clause(head, tail, _scoped(head)):
        return True
    if _FACILITY_SIZE.search(head) and not _names_work(_SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1]):
        return True   # 县图书馆馆舍面积6200平方米: the size of what the project runs in
    # a clause going on with a sentence that opened on the setting (全县现有中小学78所，在校学生5.2万人，其中C级危房
    # 校舍面积约3万平方米; …乡镇卫生院15所、村卫生室210个) is the setting too, unless it names work or a target
    before, joint = _sentence_before(text, m)
    clauses = [c for c in re.split(r"[,，、]", before) if c] if before else []
    if not clauses or not _scoped(clauses[0]) or not _setting_clause(_words(clauses[0]), "", True):
        return False
    stands = bool(EXISTING_WORDS.search(clauses[0]))   # 全县现有…, 已建成…: what stands, whose coverage goes on
    if any(not _goes_on(_words(c), stands) for c in clauses[1:]):
        return False   # 全县森林面积86万亩，本年度完成森林抚育2万亩，补植补造0.5万亩: the work's clause ends the setting
    if joint == "、":   # an item of the setting's list (脱贫人口2.3万人、监测对象1100人): its lead is the list's
        return True
    return bool(head) and _goes_on(head + tail, stands)


def _words(clause: str) -> str:
    """A clause's words before its last figure (全县现有耕地68万亩 → 全县现有耕地)."""
    return re.sub(r"[\d.]+[^\d]*$", "", clause) if re.search(r"\d", clause) else clause


def _goes_on(words: str, stands: bool = False) -> bool:
    """A clause with no work, no target and no word of the project or its year, that does not open on whom the
    project serves (为其中2000名失能老人提供上门服务). After a sentence opening on what stands (`stands`: 全县现有集中
    供水工程186处) a clause saying what it covers (覆盖农村人口21万人) goes on with the setting too."""
    if stands and _COVERS.match(words):
        words = _COVERS.sub("", words)
    return not _names_work(words, True) and not _TARGET_WORDS.search(words) \
        and not re.search(r"本年|今年|年度|项目|提供", words) and not re.match(r"(?:为|对|向|给)", words)


# a figure that qualifies a noun (种植面积50亩以上的粮食种植大户, 50户以下的自然村): who or what qualifies, no target
_CONDITION_TAIL = re.compile(r"^(?:及|或)?(?:以上|以下|以内|及以上|及以下)的")


def condition_figure(m: Mention, text: str) -> bool:
    """True when `m` is a threshold of who or what the project covers (对种植面积50亩以上的粮食种植大户给予奖补: 50 亩
    is an eligibility condition, not an area to reach): the figure is followed by 以上的 / 以下的 / 以内的 and the
    noun it qualifies."""
    return bool(_CONDITION_TAIL.match(text[m.end:m.end + 6]))


def _harm(m: Mention) -> bool:
    said = m.context + m.obj
    return any(w in said for w in HARM_WORDS)


def actual_figure(m: Mention, text: str) -> bool:
    """True when `m` reports what happened (see the module docstring); amounts of money (实际执行132.91万元)
    are the budget's to read (`kb.domain.budget`), never a target here — except an amount in a sentence that
    opens on a past period or an earlier year (2024年第二届共接待游客8.6万人次，实现旅游综合收入3100万元: last
    festival's income, which a fresh reviewer got as 旅游综合收入 ≥3100 万元)."""
    if m.unit in MONEY_UNITS:
        return _past_sentence(m, text)
    head, tail = _clause(text, m)
    if _LIMIT_WORDS.search(head + tail):
        return False
    if not head and m.start and text[m.start - 1] == "、":
        # a figure alone after 、 (上年度已奖补种植大户385户、2.7万亩) is an item of the list before it: its words are the list's
        head = re.split(r"[，,；;。：:]", text[max(0, m.start - 60):m.start])[-1]
    lead = _SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1]   # the sentence up to the figure
    if _REPORTED.search(head) or re.match(r"(?:截至|截止)", lead) or _LISTED.search(re.split(r"[，,。；;]", text[m.end:m.end + 40])[0]):
        return True
    if _PAST_LEAD.match(lead) and not _PLAN_WORDS.search(lead) and not re.search(r"今年|本年", lead):
        return True   # 上年度已检测水样650份，水质达标率91%，今年目标…提高到95%: the sentence's past runs to 今年
    said = _YEAR_LEAD.match(lead)   # the sentence opens on its year (2024年全县…), not a span it names (2000年以前的档案)
    later = [int(y) for y in _YEAR_SAID.findall(text)]
    if (planned := stated_year(None, text)) is not None:
        later.append(planned)   # 2024年…达到95%。今年计划…: the year the text plans for is after 2024 (`stated_year`)
    if said and int(said.group(1)) < max(later) and not _PLAN_WORDS.search(lead) and not re.search(r"今年|本年", lead):
        return True   # 2024年全县带动脱贫人口就业2.3万人 in a 2025 project: last year's figure (…，今年…增长10%: this year's)
    if _REPORTED.search(head):
        return True
    if not _harm(m):
        return False
    return "发生" in head or bool(_REPORT_TEXT.search(text))


def _past_sentence(m: Mention, text: str) -> bool:
    """The sentence of `m` opens on a past period (上年度, 上学年) or on a year before the one the text plans for,
    and says no plan up to `m` (2024年…3100万元；今年力争达到3500万元: 3500 is this year's)."""
    lead = _SENTENCE_END.split(text[max(0, m.start - 80):m.start])[-1]
    if _PLAN_WORDS.search(lead) or re.search(r"今年|本年", lead):
        return False
    if _PAST_LEAD.match(lead):
        return True
    said = _YEAR_LEAD.match(lead)
    later = [int(y) for y in _YEAR_SAID.findall(text)]
    if (planned := stated_year(None, text)) is not None:
        later.append(planned)
    return bool(said) and int(said.group(1)) < max(later)


def reported_harm(name: str, unit: str, actuals: list[Mention]) -> Mention | None:
    """The reported harm (发生森林火灾16起) a row counting the same harm in the same kind of unit
    (森林火灾发生次数, 次) is about, else None: a zero-tolerance target (= 0 次) beside 16 fires that happened is
    no target a declarant can keep; 因森林火灾造成人员伤亡数 (人) counts something else."""
    for m in actuals:
        if _harm(m) and m.obj and units_compatible(m.unit, unit) and sum(1 for i in range(len(m.obj) - 1) if m.obj[i:i + 2] in name) >= 2:
            return m
    return None


def fact_note(kind: str, found: list[Mention], text: str) -> str:
    """The result's note on figures not used as targets: kind 'setting', 'actual' or 'condition'; '' when none.
    Each phrase is said once, in text order, however often the text repeats it (a fresh reviewer's repeated
    text listed “全县现有农村公路1246公里” nine times)."""
    if not found:
        return ""
    said = "、".join(dict.fromkeys(f"“{_clause(text, m)[0]}{text[m.start:m.end]}”" for m in found))
    if kind == "condition":
        return f"描述中的{said}是享受条件，未作为目标值"
    if kind == "setting":
        return f"描述中的{said}是项目所在地的现状，未作为目标值"
    return f"描述中的{said}是已发生的实际数，未作为目标值"
