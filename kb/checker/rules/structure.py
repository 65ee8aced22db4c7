"""STRUCT rules (STR-01 … STR-14): framework levels, required fields, names, table completeness.

Each rule is a pure function over a parsed row (`kb.checker.parse.ParsedRow`) or a
table (`kb.checker.parse.ParsedTable`) and the `CheckerSettings`; detection follows
../shared/data/rules/RULES.md §5.1. The table rules' fixes (rows to add,
weights, duplicates to drop) stand at the end; the row rewrite pipeline is
`kb.checker.rewrite`.
"""
from __future__ import annotations

import functools
import re

from kb.checker.catalog import LEVELS, TARGET, RuleHit, rule, table_fix
from kb.checker.fixes import SAME, TableFix, fmt_num, name_key_of_text, weight_gaps
from kb.checker.lexicon import REL02_RATE_RE, REL02_RE, STR06_RE
from kb.domain.rate_names import normal_rate_name, one_rate_measure
from kb.checker.parse import _UNSET, ParsedRow, ParsedTable, duplicate_key, name_quantity, unset_row
from kb.domain.budget import BUDGET_EXECUTION_POINTS, BUDGET_WORDS
from kb.domain.enums import Level1, Level2
from kb.domain.plausible import budget_beyond_project
from kb.domain.quantity import CONVERSIONS
from kb.domain.findings import Suggestion, construct
from kb.domain.levels import level2_fits
from kb.domain.text import normalize, normalize_name
from kb.domain.words import BUILD_WORDS, GENERAL_SERVED, PAY_WORDS, PAYMENT_VERBS, builds_or_buys
from kb.settings import CheckerSettings


_NUM_NAME_RE = re.compile(r"^[\d.]+$")
_SYM_NAME_RE = re.compile(r"^[-_*/—–]+$")
# ours (trial 16): a name opening on a magnitude and a unit (万人次增长率): cut out of a figure (1.2万人次增长
# 25%), its number left behind and no object named
# (万元GDP用水量, 亿元GDP…死亡率, 万元收入能耗支出, 千人口…, 百公里油耗 are ratios per an amount: no money unit, no 千/百)
_UNIT_HEAD_NAME_RE = re.compile(r"^(?:万|亿)(?:人次|人(?![口均])|户|亩|吨|册|件|平方米|立方米|公里)")
_PLACEHOLDER_NAME_RE = re.compile(r"\*\*|＊|XX|xx|××")
_TEMPLATE_RESIDUE_RE = re.compile(r"[★☆]|[≥≤<>=]*(?:\*\*|XX|xx|××)[^\s()（）]*")


@rule("STR-01", depends="levels", fields=LEVELS)
def str_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """一级指标 outside 产出/成本/效益/满意度 (local aliases accepted; 效果/投入/制度/blank are not)."""
    if r.level1 is not None:
        return None
    if not r.l1:
        return RuleHit("level1", "一级指标为空，应为产出指标、成本指标、效益指标或满意度指标")
    return RuleHit("level1", f"一级指标“{r.raw.level1.strip()}”不在规定体系内（产出/成本/效益/满意度）")


@rule("STR-02", depends="levels", fields=LEVELS)
def str_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """二级指标 blank or not a framework category of its 一级指标 (not judged when 一级 is invalid)."""
    if r.level1 is None or level2_fits(r.level2, r.level1):
        return None
    if not r.l2:
        return RuleHit("level2", f"{r.level1.label}下的二级指标为空")
    return RuleHit("level2", f"二级指标“{r.raw.level2.strip()}”不是{r.level1.label}下的规定类别")


@rule("STR-02", needs="cost", fields=LEVELS)
def str_02_framework(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """成本 as a 二级 of 产出 (the 2015 form) in a table that lists 成本指标 as a 一级 (the 2021 form,
    context `framework`, set by the engine from the table: `kb.checker.parse.table_framework`)."""
    if r.ctx.get("framework") == "2021" and r.level1 is Level1.output and r.level2 is Level2.output_cost:
        return RuleHit("level2", "表内已按财预〔2021〕101号把成本指标列为一级指标，本行仍把成本放在产出指标下"
                             "（2015年体系）；两套体系不能混用，请移到成本指标下（经济成本指标等）")
    return None


def is_str_03(r: ParsedRow) -> bool:
    return not r.name or (not r.goal and not r.v)


@rule("STR-03", on="any", needs="empty", fields=("name",) + TARGET, retarget=True)
def str_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """三级指标名称 or 指标值 empty (goal rows: only the text)."""
    if not r.name:
        held = r.raw.name.strip()  # （请补充效益指标）: a slot to fill (`parse.PENDING_NAME_RE`)
        return RuleHit("name", ("目标内容为空" if r.goal else "三级指标名称为空")
                       + (f"（“{held}”只是待补充的占位）" if held else ""))
    if not r.goal and not r.v:
        held = r.raw.value.strip()  # 待填写: a word standing in the blank cell (`parse.PENDING_VALUE_RE`)
        return RuleHit("value", f"指标“{r.name}”的指标值为空" + (f"（“{held}”只是待填的占位）" if held else ""))
    return None


def is_str_04(r: ParsedRow) -> bool:
    n = r.name
    if not n:
        return False
    raw = r.raw.name
    return bool(_NUM_NAME_RE.match(n) or _SYM_NAME_RE.match(n) or _UNIT_HEAD_NAME_RE.match(n) or _PLACEHOLDER_NAME_RE.search(n)
                or (raw != n and _PLACEHOLDER_NAME_RE.search(raw)) or unset_row(r))


@rule("STR-04", depends="name", fields=("name",))
def str_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Name is a number, a dash/star, or keeps a template placeholder (**, XX, ××); ours (trial 16): or opens on a
    magnitude and a unit (万人次增长率: cut out of “1.2万人次增长25%”)."""
    if not is_str_04(r):
        return None
    m = _UNIT_HEAD_NAME_RE.match(r.name)
    if m:
        return RuleHit("name", f"指标名称“{r.name}”以计量单位“{m.group()}”开头，像是从数字中截断的文字，没有写明计量的对象")
    if _NUM_NAME_RE.match(r.name) or _SYM_NAME_RE.match(r.name):
        return RuleHit("name", f"指标名称“{r.name}”不是指标，只是数字或符号")
    if unset_row(r):
        return RuleHit("name", f"“{r.raw.name.strip()}”表示此处没有设置指标，不是指标")
    return RuleHit("name", f"指标名称“{r.name}”残留模板占位符（**、XX 等）")


def is_str_05(r: ParsedRow, s: CheckerSettings) -> bool:
    return len(r.name) > s.max_name_chars


@rule("STR-05", depends="name", fields=("name",))
def str_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Name longer than the system's limit (100 characters)."""
    if is_str_05(r, s):
        return RuleHit("name", f"指标名称共{len(r.name)}字，超过{s.max_name_chars}字上限")
    return None


@rule("STR-06", depends="name", fields=("name",))
def str_06(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Name reads as a work description: long, sentence punctuation, 进行/按照/严格 (not with STR-05)."""
    if not r.name or is_str_05(r, s):
        return None
    n = r.name
    core = _TEMPLATE_RESIDUE_RE.sub("", r.name_base)  # remarks in brackets and ★/(≥**人) are not the name
    if len(core) > s.max_plain_name_chars:
        return RuleHit("name", f"指标名称共{len(core)}字，像工作描述而不是指标")
    m = STR06_RE.search(n)
    if m:
        return RuleHit("name", f"指标名称含“{m.group()}”，像工作描述而不是“对象+度量”的指标")
    return None


@rule("STR-06", needs="namenum")
def str_06_target_in_name(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """ours: the name states the target itself (村组干部230人 with ≥230 个): a sentence, not “对象+度量”.

    Only when the number in the name equals the target number (孕产妇7天访视数 214 人
    is a name); not when the name-only STR-06 or STR-04 already applies.
    """
    q = name_quantity(r)
    if q is None or is_str_04(r) or str_06(r, s) is not None or is_str_05(r, s):
        return None
    return RuleHit("name", f"名称中写入了目标值“{q[0]}”，名称应只写“对象+度量”，数值填在指标值", {"qty": q[0], "unit": q[2]})


# ------------------------------------------------------------------ table rules
@rule("STR-07", on="table", fix_text="补设效益指标（经济/社会/生态效益或可持续影响）或产出指标", after_fixes=True)
def str_07(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """The table lacks an 产出 or an 效益 一级指标 (88号: targets state outputs and effects)."""
    l1s = t.level1s
    missing = [lab for lvl, lab in ((Level1.output, "产出指标"), (Level1.benefit, "效益指标")) if lvl not in l1s]
    if missing:
        return [RuleHit("level1", f"表内没有{'和'.join(missing)}，绩效目标应同时反映产出和效果")]
    return []


@rule("STR-08", on="table", after_fixes=True)
def str_08(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """No 满意度 一级指标 in the table (info: not every project serves the public). A 满意度 row filed under
    another 一级指标 is SAT-01's misplacement, not a missing one (trial 15: 表内未设置满意度指标 beside SAT-01 on
    效益/群众满意度, and `--fix` added 服务对象满意度 as a second satisfaction row): SAT-01's fix moves it."""
    if Level1.satisfaction in t.level1s:
        return []
    if any(r.sat_row and r.name for r in t.items):
        return []
    return [RuleHit("level1", "表内未设置满意度指标；面向服务对象的项目应设置服务对象满意度")]


@rule("STR-09", on="table", after_fixes=True)
def str_09(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """Neither a 成本 一级指标 nor a 二级指标 containing 成本."""
    if t.has_cost:
        return []
    return [RuleHit("level1", "表内未设置成本指标（成本一级指标或产出下的成本指标）")]


@rule("STR-10", on="table", after_fixes=True)
def str_10(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """产出 rows do not cover all of 数量/质量/时效 (judged when the table has 产出 rows)."""
    if Level1.output not in t.level1s:
        return []
    have = t.output_level2s
    missing = [lab for lvl, lab in ((Level2.quantity, "数量"), (Level2.quality, "质量"),
                                    (Level2.timeliness, "时效")) if lvl not in have]
    if missing:
        return [RuleHit("level2", f"产出指标缺少{'、'.join(missing)}指标")]
    return []


@rule("STR-11", on="table", fix_text="精简为核心指标，或补足数量、质量、时效、成本、效益、满意度等关键维度")
def str_11(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """Fewer than `min_indicators` (3) or more than `max_indicators` (30) 三级指标."""
    n = len(t.items)
    if n < s.min_indicators:
        return [RuleHit("", f"三级指标共{n}个，少于{s.min_indicators}个")]
    if n > s.max_indicators:
        return [RuleHit("", f"三级指标共{n}个，多于{s.max_indicators}个，应精简为核心指标")]
    return []


def per_table(fn):
    """A reading of the whole table (`fn(t, *args) -> list of row pairs`) computed once per `ParsedTable` object
    (`t.memo`): STR-12 reads near, rate-name, person-count, deadline and satisfaction duplicates, and the fix's guard
    reads the same of the input table (`measure_pairs`, `guard._merge_near_duplicates`) — five passes of
    `near_duplicates` a table before. A table's rows and context do not change once it is built; the rewritten table
    the guard looks at is a new object (`guard.fixed_table`). Callers only read the list returned."""
    @functools.wraps(fn)
    def once(t: ParsedTable, *args):
        key = (fn, args)
        got = t.memo.get(key)
        if got is None:
            got = t.memo[key] = fn(t, *args)
        return got
    return once


def _duplicates(h: RuleHit) -> list[int]:
    """The rows a STR-12 fix drops: every repeat after the first row of a name, and of a near-duplicate only the
    row the finding names as the weaker one (`data["drop"]`: one figure of persons in 人 beside its 人次 the text
    states, round 16; a second row dating one completion, `_deadline_to_delete`)."""
    if not h.data:
        return []
    return sorted({i for rows in h.data.get("rows", {}).values() for i in rows[1:]} | set(h.data.get("drop", ())))


# what each measure's names end with (`kb.domain.units.measure_of`), longest first: the rest is the object
_MEASURE_ENDINGS = {"length": ("里程", "长度"), "area": ("面积",), "persons": ("人口数", "人数", "人口"),
                    "person_times": ("人次数", "人次"), "households": ("户数",), "count": ("数量", "个数", "数"),
                    "money": ("补助标准", "金额", "成本", "费用"), "ratio": ("比例", "占比", "比重", "率")}


_DIGITS_RE = re.compile(r"\d+")


def _object_chars(r) -> tuple[str, tuple[str, ...]] | None:
    """What the row's name counts (its name without the measure's ending) as its characters in any
    order, with the numbers in it in order (第1类 is not 第11类), or None when the name has no
    measure or the object is shorter than two characters (a row with no unit is measured by its name).
    Read once per name (`NameInfo.objc`)."""
    ni = r.ni
    got = ni.objc
    if got is _UNSET:
        got = ni.objc = _name_object_chars(ni)
    return got


def _name_object_chars(ni) -> tuple[str, tuple[str, ...]] | None:
    fam, base = ni.family, ni.base
    if fam not in _MEASURE_ENDINGS:
        return None
    end = next((e for e in _MEASURE_ENDINGS[fam] if base.endswith(e)), None)
    obj = base[: -len(end)] if end else ""
    if len(obj) < 2:
        return None
    return "".join(sorted(_DIGITS_RE.sub("", obj))), tuple(_DIGITS_RE.findall(obj))


def _qualified_object(small: tuple[str, tuple[str, ...]], big: tuple[str, tuple[str, ...]]) -> bool:
    """ours (trial 11): `big` names `small`'s object with a qualifier more (村内道路硬化 ⊃ 道路硬化): its characters
    hold every character of `small`'s, and more, with the same numbers (`_object_chars`' form)."""
    if small[1] != big[1] or len(small[0]) >= len(big[0]):
        return False
    rest = list(big[0])
    for c in small[0]:
        if c not in rest:
            return False
        rest.remove(c)
    return True


@per_table
def near_duplicates(t: ParsedTable, stated: bool = True) -> list[tuple[int, int]]:
    """ours: pairs of rows (1-based) with different names that measure one thing: the same 一级/二级,
    the same measure (`measure_of`: 里程 ~ 长度), units of one family (`units_compatible`) and an object
    written with the same characters (道路修缮里程 ≥5 公里, 修缮道路长度 ≥5 公里). 人数 and 人次 are different measures
    here (one figure written in both is `person_count_duplicates`'), as are 面积 and 长度; 新建道路 and 修缮道路 different objects. And two rates of one measure
    (`_RATE_SYNONYMS`: 可用率 ~ 正常运行率) of one object (`_one_object`) under one 一级, whichever 二级
    (补贴资金足额发放率 under 质量 and 按月足额发放率 under 时效). Trial 11: also one object named with a qualifier
    more (`_qualified_object`: 村内道路硬化长度 2.5 beside 硬化道路长度 ≥2.5 公里) when both rows set the same figure
    (a part of the whole sets a smaller one): a row left out of every pair is paired with such a row. Trial 16 (with
    `stated`): one planned quantity the description states once, set on two rows (`stated_figure_duplicates`)."""
    from kb.domain.units import units_compatible

    # a row pairs only with one of its own slot (一级, 二级, measure): objects are read where a slot has two
    slots: dict[tuple, int] = {}  # counted in a plain dict: Counter's own overhead is most of a 10-row table's
    # a row with no unit yet (道路修缮里程 ≥12, UNIT-01) is measured by its name: it pairs with a row of one
    # unit (修缮道路长度 ≥12 km) on the first check, not only once the fix has filled the unit (trial 9)
    for r in t.items:
        if r.name and (r.eff_unit or r.v) and r.ni.family in _MEASURE_ENDINGS:
            k = (r.level1, r.level2, r.ni.family)
            slots[k] = slots.get(k, 0) + 1
    seen: dict[tuple, list] = {}
    qualified: dict[tuple, list] = {}   # rows with a figure, by slot: one object named with a qualifier more
    pairs = []
    for r in t.items:
        if not r.name or not (r.eff_unit or r.v) or slots.get((r.level1, r.level2, r.ni.family), 0) < 2:
            continue
        obj = _object_chars(r)
        if obj is None:
            continue
        group = seen.setdefault((r.level1, r.level2, r.ni.family, obj), [])
        for o in group:
            if o.ni.key != r.ni.key and (not o.eff_unit or not r.eff_unit
                                         or units_compatible(o.eff_unit, r.eff_unit)):
                pairs.append((o.idx, r.idx))
                break
        group.append(r)
        if r.num is not None:
            qualified.setdefault((r.level1, r.level2, r.ni.family), []).append((r, obj))
    done = set(pairs)
    for group_q in qualified.values():   # trial 11: 村内道路硬化长度 2.5 beside 硬化道路长度 ≥2.5 公里
        paired = {i for p in pairs for i in p}
        for j, (r, obj) in enumerate(group_q):
            if r.idx in paired:
                continue
            o = next((o for o, oo in group_q[:j] + group_q[j + 1:]
                      if _qualified_object(obj, oo) or _qualified_object(oo, obj)
                      if o.num == r.num and o.ni.key != r.ni.key
                      and (not o.eff_unit or not r.eff_unit or units_compatible(o.eff_unit, r.eff_unit))), None)
            if o is not None:
                pair = (min(o.idx, r.idx), max(o.idx, r.idx))
                if pair not in done:
                    pairs.append(pair)
                    done.add(pair)
                    paired.update(pair)
    # trial 16: 安装波形护栏 and 村道安防工程里程, both ≥18 公里 (`stated`: False leaves this reading out)
    for pair in stated_figure_duplicates(t) if stated else ():
        if pair not in done:
            pairs.append(pair)
            done.add(pair)
    rates: dict[tuple, list] = {}
    for r in t.items:
        m = _rate_of(r)
        if m is None:
            continue
        group = rates.setdefault((r.level1, m[0]), [])   # 补贴资金足额发放率 (质量) and 按月足额发放率 (时效): one
        for o, obj in group:
            if o.ni.key != r.ni.key and _one_object(obj, m[1], m[0]) and (o.idx, r.idx) not in done:
                pairs.append((o.idx, r.idx))
                break
        group.append((r, m[1]))
    return pairs


# units that say no physical quantity of the work: a share, money, a date or a duration
_NOT_A_QUANTITY_UNITS = frozenset(("%", "‰", "分", "年", "月", "日", "天", "小时", "分钟"))


def stated_figure_duplicates(t: ParsedTable) -> list[tuple[int, int]]:
    """ours (trial 16): pairs of rows (1-based) under one 一级/二级 that set one target (one operator, one figure in
    one unit: 安装波形护栏 ≥18 公里, 村道安防工程里程 ≥18 公里) which the description states once only (“村道安装波形护栏
    18公里”, a figure a past period reached not read: `without_past_reports`): one planned quantity written as two
    indicators. A `--fix` made this pair (REL-06 set the second row to the year's 18 公里) and nothing flagged it.
    A figure the text states twice (新建道路5公里、改造道路5公里) counts two things; a share, money or a time is no
    quantity of the work here. [] without a description."""
    from kb.checker.rules.feasibility import stated_quantities
    from kb.domain.years import without_past_reports

    desc = t.ctx.get("description") or ""
    if not desc:
        return []
    slot: dict[tuple, list[ParsedRow]] = {}
    for r in t.items:
        u = r.eff_unit or ""
        if (r.name and r.num is not None and u and u not in _NOT_A_QUANTITY_UNITS and "元" not in u
                and r.level1 in (Level1.output, Level1.benefit) and not unset_row(r)):
            slot.setdefault((r.level1, r.level2, r.eff_op, r.num, u), []).append(r)
    groups = [g for g in slot.values() if len(g) >= 2 and len({r.ni.key for r in g}) == len(g)]
    if not groups:
        return []
    year = t.ctx.get("budget_year")
    stated = [(y, unit, words) for words, y, unit, every, rate in stated_quantities(
        without_past_reports(desc, year if isinstance(year, int) else None)) if not every and not rate]
    pairs = []
    for g in groups:
        x, u = g[0].num, g[0].eff_unit
        if sum(1 for y, unit, _ in stated if y == x and unit == u) == 1:
            pairs.extend((g[0].idx, r.idx) for r in g[1:] if not _figure_given_to_both(g[0], r, x, stated))
    return pairs


def _figure_given_to_both(a: ParsedRow, b: ParsedRow, x: float, stated: list[tuple[float, str, str]]) -> bool:
    """ours (round 20): the description states the figure `x` once in the rows' unit, about one row's object, and
    again in another unit about the other row's object, a unit that row's name is counted in while its own is not
    (培训600人 and 发放培训教材600册 beside 培训人数 ≥600 人 and 发放培训教材 ≥600 人): two objects that share a figure,
    no plan written twice — the second row's unit is wrong, which UNIT-02 says. A statement is about a row when the
    words around it share a two-character word with the row's name (`feasibility.bigrams`). After UNIT-02's fix
    (教材 ≥600 册 beside 发放培训教材 ≥600 册) no row is counted in 人, and the pair is STR-12's again."""
    from kb.checker.rules.feasibility import bigrams

    u = a.eff_unit
    own = [bigrams(words.replace(" ", "|")) for y, unit, words in stated if y == x and unit == u]
    other = [(unit, bigrams(words.replace(" ", "|"))) for y, unit, words in stated if y == x and unit != u]
    for r, o in ((a, b), (b, a)):
        nr, no = bigrams(r.ni.base or r.name), bigrams(o.ni.base or o.name)
        if (any(no & w for w in own) and _unit_suits(r, u) is False
                and any(nr & w and _unit_suits(r, unit) for unit, w in other)):
            return True
    return False


def _unit_suits(r: ParsedRow, unit: str) -> bool | None:
    """Whether `unit` counts what the row's name counts: a thing by its units (教材: 册, 本, 套 —
    `kb.domain.things.thing_units`), a measure by its family (`kb.domain.units.unit_fits`); None when the name
    says neither."""
    from kb.domain.things import thing_units
    from kb.domain.units import unit_fits

    things = thing_units(r.name)
    if things:
        return unit in things
    return unit_fits(r.ni.family, unit, r.ni.base) if r.ni.family else None


# ours: one rate under two names (系统可用率 and 政务信息系统正常运行率 ≥99 %; 发放准确率 and 准确发放率), each ending
# read as its one measure
_RATE_SYNONYMS = {"可用率": "可用", "正常运行率": "可用", "运行正常率": "可用", "正常运转率": "可用",
                  "发放准确率": "发放准确", "准确发放率": "发放准确", "足额发放率": "足额发放", "发放足额率": "足额发放",
                  "发放及时率": "发放及时", "及时发放率": "发放及时", "按时发放率": "发放及时",
                  # trial 13: 工程验收合格率 beside 竣工验收合格率 — one acceptance of the works (`_one_object`)
                  "验收合格率": "验收合格", "验收通过率": "验收合格"}
_RATE_ENDINGS = sorted(_RATE_SYNONYMS, key=len, reverse=True)
_RATE_ENDING_SET = tuple(_RATE_ENDINGS)
# a payment named by its kind alone (补助对象补助资金, 补贴资金, 资金): the project's payment, whichever it pays
_GENERIC_PAYMENT_RE = re.compile(r"^(?:补助对象|补贴对象|救助对象|受助对象|发放对象)?(?:补助|补贴|救助|奖补)?(?:资金|金|款)?$")


def _rate_of(r: ParsedRow) -> tuple[str, str] | None:
    """ours: (the rate's one measure, what it measures) of a % row whose name ends with one of
    `_RATE_SYNONYMS` (政务信息系统正常运行率 → 可用, 政务信息系统), else None."""
    if not r.name or not r.pct or unset_row(r):
        return None
    base = r.ni.base or r.name
    if not base.endswith(_RATE_ENDING_SET):   # most rates (合格率, 覆盖率 …) end on none: one test
        return None
    end = next((e for e in _RATE_ENDINGS if base.endswith(e)), None)
    return (_RATE_SYNONYMS[end], base[: -len(end)]) if end else None


# what names the works as a whole in an acceptance rate's object (工程, 项目, 项目工程, 竣工 …): no object of its own
_WHOLE_WORKS_RE = re.compile(r"项目|工程|整体|建设|竣工|完工")


def _one_object(a: str, b: str, measure: str) -> bool:
    """ours: two rates of one measure are of one object: the same words, one named in the other's last words
    (系统 / 政务信息系统), one naming none, or — for a payment — one naming only the payment's kind
    (补助对象补助资金 beside 残疾人生活补贴). 低保金 and 特困供养金 are two payments. Two acceptance rates naming only
    the works as a whole (工程, 项目, 竣工: `_WHOLE_WORKS_RE`) are one acceptance (trial 13)."""
    if measure == "验收合格":   # 工程 / 项目 / 竣工 name the works as a whole (trial 13), as 完工时间 ~ 项目完成时间
        return _WHOLE_WORKS_RE.sub("", a) == _WHOLE_WORKS_RE.sub("", b)   # 设备验收合格率 is another object
    if not a or not b or a.endswith(b) or b.endswith(a):
        return True
    return measure.startswith(("发放", "足额")) and bool(_GENERIC_PAYMENT_RE.match(a) or _GENERIC_PAYMENT_RE.match(b))


# ours (round 16): objects whose count is one of visits or services (接待游客, 到馆读者, 就诊患者): one figure written
# in 人次 and in 人 is the visits, a count of distinct persons being no figure such a place keeps
_VISIT_WORDS = ("接待", "游客", "参观", "到馆", "观众", "读者", "就诊", "访客", "来访", "服务")


_PERSON_MEASURES = frozenset(("persons", "person_times"))


def _persons_figure(r: ParsedRow) -> tuple[str, float] | None:
    """ours: (measure, figure in 人 or 人次) of a row counting persons or visits in a unit of that kind (接待游客人次
    ≥15 万人次 → ('person_times', 150000.0)), else None."""
    fam = r.ni.family
    if fam not in _PERSON_MEASURES or r.num is None or unset_row(r):
        return None
    kind = CONVERSIONS.get(r.eff_unit or "")
    return (fam, r.num * kind[1]) if kind and kind[0] == fam else None


@per_table
def person_count_duplicates(t: ParsedTable) -> list[tuple[int, int]]:
    """ours (round 16): pairs of rows (1-based) counting one object once in 人次 and once in 人 with the same figure
    (接待游客人次 ≥15 万人次, 接待游客人数 ≥15 万人: one count written twice, whichever 一级/二级 each is filed
    under). The object is the name without its measure, its characters in any order (`_object_chars`: 游客接待人次
    ~ 接待游客人数). Different figures (接待游客人次 ≥15 万人次, 接待游客人数 ≥6 万人) count visits and distinct
    persons apart: two measures, no pair."""
    fams = {r.ni.family for r in t.items}   # most tables count neither, or only one of the two
    if "persons" not in fams or "person_times" not in fams:
        return []
    rows = [(r, f) for r in t.items if (f := _persons_figure(r)) is not None]
    pairs = []
    seen: dict[tuple, ParsedRow] = {}
    for r, (fam, x) in rows:
        obj = _object_chars(r)
        if obj is None:
            continue
        other = seen.get((obj, "persons" if fam == "person_times" else "person_times", x))
        if other is not None:
            pairs.append((other.idx, r.idx))
        seen.setdefault((obj, fam, x), r)
    return pairs


def _person_count_to_delete(a: ParsedRow, b: ParsedRow, ctx: dict) -> tuple[ParsedRow, ParsedRow, str] | None:
    """ours (round 16): of two rows writing one count in 人次 and in 人 (`person_count_duplicates`), (the row to
    delete, the row kept, why): the unit the description states that figure in (全年接待游客15万人次以上: the 人次
    row stays; a figure a past period reached is not read, `without_past_reports`), else for a count of visits or
    services (`_VISIT_WORDS`: 接待, 游客, 到馆 …) the 人次 row; None when neither says which (培训人次 and 培训人数
    ≥500: the declarant knows which one was counted)."""
    from kb.checker.rules.feasibility import bigrams, stated_quantities
    from kb.domain.years import without_past_reports

    times, persons = (a, b) if a.ni.family == "person_times" else (b, a)
    x = _persons_figure(times)[1]   # type: ignore[index]
    obj = {g for r in (a, b) for g in bigrams(r.ni.base or r.name)}
    year = ctx.get("budget_year")
    desc = without_past_reports(ctx.get("description") or "", year if isinstance(year, int) else None)
    said: dict[str, str] = {}
    for words, y, unit, every, rate in stated_quantities(desc) if desc else ():
        kind = CONVERSIONS.get(unit)
        if (not rate and not every and kind and kind[0] in ("persons", "person_times") and y * kind[1] == x
                and obj & set().union(*map(bigrams, words.split(" ")))):
            said.setdefault(kind[0], f"{fmt_num(y)}{unit}")
    if len(said) == 1:
        keep = times if "person_times" in said else persons
        gone = persons if keep is times else times
        return gone, keep, f"项目概况写明的是{next(iter(said.values()))}"
    if any(w in (times.ni.base or times.name) for w in _VISIT_WORDS):
        return persons, times, "接待、服务的数量按人次统计，同一数字写作人数是重复计量"
    return None


# ours (round 14): a name that times the completion of the work (完成时间, 完工时间, 竣工时间, 建成时限 …) and its object
_COMPLETION_RE = re.compile(r"^(?P<obj>.*?)(?:完成|完工|竣工|建成)(?:时间|时限|日期)$")
# an object that names the project as a whole, not one of its works (项目完成时间, 完工时间)
_WHOLE_PROJECT = frozenset(("", "项目", "项目整体", "整体", "全部", "项目全部", "全部项目"))


def _completion_of(r: ParsedRow) -> str | None:
    """ours: what a row's completion date is of ('' for the project as a whole: 完成时间, 项目完成时间, 完工时间;
    培训 for 培训完成时间), or None when the name times no completion."""
    if not r.name or unset_row(r):
        return None
    ni = r.ni
    got = ni.compl
    if got is _UNSET:   # once per name (`NameInfo.compl`)
        m = _COMPLETION_RE.match(ni.base or ni.name)
        got = ni.compl = None if m is None else "" if m.group("obj") in _WHOLE_PROJECT else m.group("obj")
    return got


@per_table
def deadline_duplicates(t: ParsedTable) -> list[tuple[int, int]]:
    """ours (round 14): pairs of rows (1-based) with different names that time one completion: 完成时间 and 完工时间
    (both the project's: `_WHOLE_PROJECT`), 工程完工时间 and 工程竣工时间. A fresh reviewer's `--fix` table held
    完成时间 2025年11月30日前 beside 完工时间 2025年12月31日前 with nothing flagged. Works named apart (培训完成时间,
    工程完工时间) are two completions."""
    first: dict[str, ParsedRow] = {}
    pairs = []
    for r in t.items:
        obj = _completion_of(r)
        if obj is None:
            continue
        o = first.setdefault(obj, r)
        if o is not r and o.ni.key != r.ni.key:
            pairs.append((o.idx, r.idx))
    return pairs


def _deadline_to_delete(a: ParsedRow, b: ParsedRow) -> tuple[ParsedRow, ParsedRow, str] | None:
    """ours (round 16): of two rows dating one completion (`deadline_duplicates`, `a` the earlier row), (the row to
    delete, the row kept, why — '' when the dates agree): the later row when both set one date (2025年11月30日前
    twice, or 11月底前 beside 2025年11月30日前); the row other than the one holding the date the description states
    for this completion (`rewrite.stated_work_deadline`, TIME-06's reading: 完工时间 2025年12月31日前 beside
    “须于2025年11月30日前完工”) when the text states one. None when the dates differ and the text states none (完成时间
    2025年12月31日前, 完工时间 2025年11月30日前): the year's end may be a default or the earlier date a wish, and only the
    declarant's plan says which; the finding stays advice."""
    from kb.checker import rewrite as rw
    from kb.checker.rules.timeliness import row_deadline

    da, db = row_deadline(a), row_deadline(b)
    if _same_target(a, b) or da is not None and da == db:
        return b, a, ""
    if da is None or db is None:
        return None
    stated = set()
    for r, mine in ((a, da), (b, db)):
        said = rw.stated_work_deadline(r.ctx.get("description"), mine[0], r.name)
        d = rw.deadline_date(said[0]) if said else None
        if d is not None:
            stated.add(((d[0] or mine[0], d[1], d[2]), said[0], said[2]))   # type: ignore[index]
    if len(stated) != 1:
        return None
    date, shown, clause = stated.pop()
    if date not in (da, db):
        return None
    keep, gone = (a, b) if date == da else (b, a)
    return gone, keep, f"项目概况写明{shown}：{clause}" if clause else f"项目概况写明{shown}"


# a satisfaction name's ending (满意度, 满意率, 满意程度), and a word before the group surveyed that names no
# other group (受益群众 are the 群众 a project serves)
_SAT_ENDING_RE = re.compile(r"的?满意(?:度|率|程度)$")
_SAT_GROUP_PREFIXES = ("受益",)
# a group that is no single group: an object of the satisfaction (市民对空气质量改善的满意程度) or several
# (对 of 服务对象 / 受益对象 names the group itself, trial 16: 服务对象满意度 read as no group kept it beside 群众满意度)
_SAT_NOT_ONE_GROUP_RE = re.compile(r"对(?!象)|[、和及与/]")


def satisfaction_group(r: ParsedRow) -> str | None:
    """ours: whom a satisfaction-level row surveys, as a key (受益群众满意度 → 群众, 服务对象满意度 → 服务对象),
    or None: no satisfaction level (满意度提升幅度), a group of fewer than two characters (满意度), an object
    named (市民对空气质量改善的满意程度) or several groups joined (学生、家长满意度)."""
    ni = r.ni
    got = ni.satg
    if got is _UNSET:   # once per name (`NameInfo.satg`)
        got = ni.satg = _name_satisfaction_group(ni)
    return got


def _name_satisfaction_group(ni) -> str | None:
    if not ni.sat_level:
        return None
    base = ni.base or ni.name
    m = _SAT_ENDING_RE.search(base)
    g = base[:m.start()] if m else ""
    if _SAT_NOT_ONE_GROUP_RE.search(g):
        return None
    for p in _SAT_GROUP_PREFIXES:
        if g.startswith(p) and len(g) - len(p) >= 2:
            g = g[len(p):]
    return duplicate_key(g) if len(g) >= 2 else None


def measure_pairs(t: ParsedTable) -> set[tuple[int, int]]:
    """ours: every pair of rows (1-based, the earlier first) STR-12 reads as one measure under two names: one thing
    measured (`near_duplicates`), one group surveyed (`satisfaction_duplicates`), one completion dated
    (`deadline_duplicates`), one count in 人次 and 人 (`person_count_duplicates`). One vocabulary for suggest's dedupe
    (`engine.repeated_measures`) and the fix's guard (`guard.guard`: a rewrite never makes a second row of one measure,
    trial 13)."""
    return (set(near_duplicates(t)) | set(satisfaction_duplicates(t)) | set(deadline_duplicates(t))
            | set(person_count_duplicates(t)) | set(rate_name_duplicates(t)))


@per_table
def rate_name_duplicates(t: ParsedTable) -> list[tuple[int, int]]:
    """ours (round 18): pairs of rows (1-based) whose rate names read as one measure written differently
    (`kb.domain.rate_names`, the reading suggest keeps one row of each pair by: 资助政策覆盖率 beside 助学金和免学费覆盖率,
    救助金发放时间达标率 beside 临时救助发放及时率, 〔X〕率 beside 〔X〕比例), wherever they are filed; not satisfaction
    rows (`satisfaction_duplicates`), a name repeated exactly (STR-12's own duplicate), nor a pair
    `near_duplicates` reads already."""
    rows = [(r, _normal_rate_name(r.ni)) for r in t.items
            if r.name and not unset_row(r) and not r.ni.sat_level and (r.ni.base or r.name).endswith(("率", "比例"))]
    near = set(near_duplicates(t)) if len(rows) > 1 else set()
    pairs = []
    for i, (a, na) in enumerate(rows):
        for b, nb in rows[i + 1:]:
            if a.ni.key != b.ni.key and (a.idx, b.idx) not in near and one_rate_measure(na, nb):
                pairs.append((a.idx, b.idx))
    return pairs


def _normal_rate_name(ni) -> str:
    """`normal_rate_name` of the name's base, once per name (`NameInfo.nrate`)."""
    got = ni.nrate
    if got is _UNSET:
        got = ni.nrate = normal_rate_name(ni.base or ni.name)
    return got


@per_table
def satisfaction_duplicates(t: ParsedTable) -> list[tuple[int, int]]:
    """ours: pairs of rows (1-based) with different names that survey the satisfaction of one group
    (`satisfaction_group`: 群众满意度 and 受益群众满意度), wherever they are filed; a name repeated exactly
    is STR-12's own duplicate. Trial 11: a group whose name is another's after a word of being served (`_SERVED_QUALIFIER_RE`: 就餐老人 and
    老人; 贫困群众 and 群众 stay two groups), and the
    satisfaction with a service (物业服务满意度) beside the only group of people the table surveys (住户满意度)."""
    first: dict[str, ParsedRow] = {}
    pairs = []
    roles: list[ParsedRow] = []
    named: list[ParsedRow] = []
    said = (t.ctx.get("project") or "") + (t.ctx.get("description") or "")
    for r in t.items:
        if unset_row(r):
            continue
        g = satisfaction_group(r)
        if g is None:
            continue
        o = first.setdefault(g, r)
        if o is not r:
            if o.ni.key != r.ni.key:
                pairs.append((o.idx, r.idx))
        elif _SERVED_ROLE_RE.search(g):
            roles.append(r)
        elif _named_in(g, said):
            named.append(r)
    # the served by role (参训人员, 用户, 运维服务's) and the one group the text names (干部 of a 干部培训): one group;
    # trial 18: a text naming no group, the role beside the one group of the served in general the table surveys
    # (服务对象满意度 beside 群众满意度 — both are the public a 垃圾清运 serves; `--fix` wrote them side by side)
    if roles and not named:
        people = [r for g, r in first.items() if r not in roles and g in _GENERAL_GROUPS]
        named = people if len(people) == 1 and len(first) == len(roles) + 1 else []
    served = sorted(roles + named, key=lambda r: r.idx) if roles and len(named) <= 1 else []
    pairs.extend((served[0].idx, r.idx) for r in served[1:])
    # trial 11: one group named with a qualifier of being served (老人 and 就餐老人): the group surveyed once
    paired = {i for p in pairs for i in p}
    firsts = sorted(first.items(), key=lambda kv: kv[1].idx)
    for j, (g, r) in enumerate(firsts):
        for h, o in firsts[:j]:
            long, short = (g, h) if len(g) > len(h) else (h, g)
            if (r.idx not in paired and o.idx not in paired and long.endswith(short)
                    and _SERVED_QUALIFIER_RE.match(long[: -len(short)])):
                pairs.append((o.idx, r.idx))
                paired.update((o.idx, r.idx))
                break
    # trial 11: the satisfaction with a service (物业服务满意度) beside the one group of people the table surveys
    # (住户满意度): those people are who is asked about the service — one survey under two names
    people = [r for g, r in firsts if not _SERVED_ROLE_RE.search(g)]
    service = [r for g, r in firsts if g.endswith("服务")]
    if len(service) == 1 and len(people) == 1 and len(firsts) == 2 and not paired & {people[0].idx, service[0].idx}:
        pairs.append(tuple(sorted((people[0].idx, service[0].idx))))   # type: ignore[arg-type]
    return sorted(pairs)


# ours: whom a project serves named by their role (服务对象, 受益对象, 参训人员, 学员, 就餐人员, 用户, 系统使用人员) or
# by what they are served (运维服务满意度): the people the project serves, whoever the text says they are
_SERVED_ROLE_RE = re.compile(r"^(?:服务|受益|补助|补贴|受助|救助|培训|帮扶)?对象$|^(?:参训|培训|参培)?(?:人员|学员)$|"
                             r"^就餐(?:人员|者)?$|^(?:系统)?(?:用户|使用人员|使用者)(?:单位)?$|服务$")
_SERVED_PREFIX_RE = re.compile(r"^(?:服务|受益)")
# ours (trial 18): the served in general as a satisfaction names them (`kb.domain.words.GENERAL_SERVED` less the roles
# and the staff: 群众, 居民, 村民, 市民, 社会公众 …), after `satisfaction_group`'s 受益 is dropped
_GENERAL_GROUPS = frozenset(duplicate_key(g.removeprefix("受益")) for g in GENERAL_SERVED
                            if g not in ("干部", "职工", "服务对象"))
# ours (trial 11): a qualifier that says the group is the one served (就餐老人 are the 老人 a canteen serves), unlike a
# status naming a part of the group (贫困群众 beside 群众: two groups)
_SERVED_QUALIFIER_RE = re.compile(r"^(?:就餐|用餐|助餐|参训|参培|受训|受助|受救助|受资助|入住|就诊|参保|参与|参加|服务|受益)$")


def _named_in(group: str, text: str) -> bool:
    """ours: the text names the group surveyed (干部 in 基层干部能力提升培训; 服务老人 → 老人 in 为辖区老年人提供…)."""
    g = _SERVED_PREFIX_RE.sub("", group) if len(group) > 3 else group
    if len(g) < 2 or not text:
        return False
    return g in text or (len(g) == 2 and re.search(re.escape(g[0]) + "." + re.escape(g[1]), text) is not None)


def _units_differ(rows: list[ParsedRow]) -> bool:
    """ours: two of the rows carry units of different kinds (万元 and 元/千瓦, 人 and 公里): one name over
    two measures, not a repeat."""
    from kb.domain.units import units_compatible

    units = [r.eff_unit for r in rows if r.eff_unit]
    return any(not units_compatible(a, b) for i, a in enumerate(units) for b in units[i + 1:])


def _target_text(r: ParsedRow) -> str:
    """The row's target as written (≥90%), for a message."""
    op, v, u = (str(x if x is not None else "").strip() for x in (r.raw.operator, r.raw.value, r.raw.unit))
    return op + v + (u if u and not v.endswith(u) else "")


def _same_target(a: ParsedRow, b: ParsedRow) -> bool:
    """One operator and one figure, in one unit or in two units that convert (≥15000 人次 and ≥1.5 万人次, trial 14:
    STR-12 called them 指标值不一致; `feasibility.in_unit`)."""
    if (a.eff_op, a.num if a.num is not None else a.v, a.eff_unit) == (b.eff_op, b.num if b.num is not None else b.v,
                                                                       b.eff_unit):
        return True
    return _same_in_one_unit(a, b)


def _same_in_one_unit(a: ParsedRow, b: ParsedRow) -> bool:
    """The two rows' figures are equal once written in one unit (1.5 万人次 = 15000 人次), with one operator."""
    from kb.checker.rules.feasibility import in_unit

    if a.eff_op != b.eff_op or a.num is None or b.num is None or not a.eff_unit or not b.eff_unit:
        return False
    if a.eff_unit == b.eff_unit:
        return False
    y = in_unit(b.num, b.eff_unit, a.eff_unit)
    return y is not None and abs(y - a.num) <= 1e-9 * max(1.0, abs(a.num))


def _targets_said(rows: list[ParsedRow]) -> str:
    """'，指标值不一致：≥90%、≥95%' when the rows promise different targets; '，指标值相同：≥15000人次、≥1.5万人次' when
    they promise one target written in different units; else ''."""
    if all(_same_target(rows[0], r) for r in rows[1:]):
        if any(_same_in_one_unit(rows[0], r) for r in rows[1:]):
            return "，指标值相同：" + "、".join(_target_text(r) for r in rows)
        return ""
    return "，指标值不一致：" + "、".join(_target_text(r) or "（空）" for r in rows)


# ours: a money name that says a per-unit amount (人均补助标准, 单位成本, 每公里造价); any other is a total
_PER_UNIT_NAME_RE = re.compile(r"单位|人均|户均|亩均|生均|每|单价|标准|定额")
_PER_UNIT_WORD = {"人": "人均", "户": "户均", "亩": "亩均", "生": "生均"}


def _per_unit_name(name: str, unit: str) -> str:
    """The name a row of a per-unit amount takes (照明设施维护成本 in 元/千瓦 → 每千瓦照明设施维护成本,
    项目总成本 in 元/人 → 人均项目成本)."""
    den = re.split(r"[/每]", unit, 1)[1] if re.search(r"[/每]", unit) else ""
    base = name.replace("总", "", 1) if "总" in name else name
    return (_PER_UNIT_WORD.get(den) or (f"每{den}" if den else "单位")) + base


def _odd_measure(name: str, rows: list[ParsedRow]) -> tuple[ParsedRow, str, str] | None:
    """ours: of rows with one name over units of different kinds, the one whose unit does not fit the name,
    with why and what to do (总成本 in 元/人: the unit is a per-unit amount, the name a total → rename it
    人均…); None when each unit fits the name or none does (the name is at fault: each row is to say its 口径).
    A money name (…成本, …补助标准) says a per-unit amount when it has 单位 / 人均 / 每 / 标准 …
    (`_PER_UNIT_NAME_RE`), else a total; another name's measure is `measure_of`'s."""
    from kb.domain.units import MEASURE_LABEL, is_money_unit, measure_of, unit_fits

    with_unit = [r for r in rows if r.eff_unit]
    if all("元" in r.eff_unit for r in with_unit):
        per_name = bool(_PER_UNIT_NAME_RE.search(name))
        odd = [r for r in with_unit if is_money_unit(r.eff_unit) == per_name]
        if len(odd) != 1:
            return None
        r = odd[0]
        if per_name:
            return r, (f"名称“{name}”是单位金额，第{r.idx}行的计量单位“{r.eff_unit}”却是总额"), (
                f"第{r.idx}行改为总额口径的名称（如“{_PER_UNIT_NAME_RE.sub('', name) or name}总额”），"
                f"或按单位金额（元/人、元/亩等）填写")
        return r, (f"名称“{name}”未写单位口径，读作总额，第{r.idx}行的计量单位“{r.eff_unit}”却是单位金额"), (
            f"第{r.idx}行名称改为“{_per_unit_name(name, r.eff_unit)}”")
    fam = measure_of(name)
    if fam is None:
        return None
    odd = [r for r in with_unit if not unit_fits(fam, r.eff_unit)]
    if len(odd) != 1 or len(odd) == len(with_unit):
        return None
    r = odd[0]
    return r, (f"“{name}”应以{MEASURE_LABEL[fam]}计量，第{r.idx}行的计量单位“{r.eff_unit}”不是"), (
        f"第{r.idx}行改名写明它计量的内容，或按{MEASURE_LABEL[fam]}填写")


def _sat_to_change(a: ParsedRow, b: ParsedRow) -> tuple[ParsedRow, ParsedRow, str]:
    """ours: of two rows surveying one group's satisfaction, (the row to change, the row kept, why): the one
    filed outside 满意度指标 (a satisfaction is a 满意度指标, 财预〔2021〕101号), else the later one (the
    group is surveyed once)."""
    sat_a, sat_b = a.level1 is Level1.satisfaction, b.level1 is Level1.satisfaction
    if sat_a != sat_b:
        change, keep = (b, a) if sat_a else (a, b)
        return change, keep, f"第{change.idx}行列在{change.raw.level1.strip() or '其他一级指标'}下，满意度应列入满意度指标"
    svc = [x for x in (a, b) if (satisfaction_group(x) or "").endswith("服务")]
    if len(svc) == 1:   # trial 11: 物业服务满意度 beside 住户满意度: the row naming the people surveyed stays
        change, keep = (a, b) if svc[0] is a else (b, a)
        return change, keep, f"第{change.idx}行以服务命名，调查的就是第{keep.idx}行的对象"
    return b, a, f"第{b.idx}行重复调查第{a.idx}行已调查的对象"


@rule("STR-12", on="table", drops=_duplicates)
def str_12(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """The same normalised name appears twice or more (the message gives the targets when they differ);
    ours: two names that measure one thing in one slot (`near_duplicates`), two names that survey
    the satisfaction of one group (`satisfaction_duplicates`: 群众满意度 ≥90 %, 受益群众满意度 ≥95 %),
    two rows dating one completion (`deadline_duplicates`) and one count written in 人次 and in 人 with one
    figure (`person_count_duplicates`, round 16), further findings whose fix is advice — except the row the
    finding names as the weaker of a completion dated twice (`_deadline_to_delete`) or of a count in 人 beside its
    人次 (`_person_count_to_delete`), which `--fix` deletes (`data["drop"]`, read by `_duplicates`)."""
    hits = []
    keys = [(r.ni.key, r.idx) for r in t.items if r.name and not unset_row(r)]
    names: dict[str, int] = {}
    for k, _ in keys:
        names[k] = names.get(k, 0) + 1
    by_idx = {r.idx: r for r in t.items}
    if len(names) != len(keys):
        dups = [n for n, k in names.items() if k >= 2]
        rows = {n: [i for k, i in keys if k == n] for n in dups}
        # ours: one name over units of different kinds (照明设施维护成本 ≤210 万元 and =0.62 元/千瓦: a total
        # and a per-unit cost) names two measures: the name is at fault, neither row is a repeat to delete
        measures = {n: rows.pop(n) for n in dups if _units_differ([by_idx[i] for i in rows[n]])}
        dups = [n for n in dups if n in rows]
        if dups:
            desc = "；".join(f"“{n}”（第{'、'.join(map(str, rows[n]))}行{_targets_said([by_idx[i] for i in rows[n]])}）"
                            for n in dups[:5])
            differ = any(_targets_said([by_idx[i] for i in rows[n]]).startswith("，指标值不一致") for n in dups)
            hits.append(RuleHit("name", f"指标名称重复：{desc}", {"rows": rows, "differ": differ}))
        if measures:
            shown = list(measures.items())[:5]
            desc = "；".join(f"“{n}”（第{'、'.join(map(str, idx))}行：{'、'.join(_target_text(by_idx[i]) for i in idx)}）"
                            for n, idx in shown)
            odd = [(n, idx, _odd_measure(by_idx[idx[0]].name, [by_idx[i] for i in idx])) for n, idx in shown]
            said = "".join(f"；{o[1]}，应改第{o[0].idx}行" for _, _, o in odd if o)
            advice = [o[2] + f"，第{'、'.join(str(i) for i in idx if i != o[0].idx)}行保留" if o else
                      f"第{'、'.join(map(str, idx))}行在名称中分别写明口径（如总成本、单位成本），并核实计量单位"
                      for n, idx, o in odd]
            hits.append(RuleHit("name", f"指标名称相同而计量单位不同：{desc}，计量的不是同一口径{said}",
                                {"measures": measures, "advice": advice}))
    near = near_duplicates(t)
    # trial 16: one planned quantity of the description written as two rows, when no other reading pairs them
    stated = [p for p in near if p not in set(near_duplicates(t, False))] if near else []
    if stated:
        near = [p for p in near if p not in stated]
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行：{_target_text(by_idx[a])}，项目概况只写明"
                        f"一处{fmt_num(by_idx[a].num)}{by_idx[a].eff_unit}）" for a, b in stated[:5])
        hits.append(RuleHit("name", f"疑似重复指标：{desc}同属一个二级指标、指标值相同，是同一项计划数写成了两个指标",
                            {"near": stated}))
    if near:
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行）" for a, b in near[:5])
        level = "二级" if all(by_idx[a].level2 == by_idx[b].level2 for a, b in near[:5]) else "一级"
        units = ("计量单位同类" if all(by_idx[i].eff_unit for p in near[:5] for i in p)
                 else "计量单位同类（未填计量单位的按名称计）")
        hits.append(RuleHit("name", f"疑似重复指标：{desc}同属一个{level}指标、{units}，计量的是同一对象的同一口径",
                            {"near": near}))
    people = person_count_duplicates(t)
    if people:
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行：{_target_text(by_idx[a])}、"
                        f"{_target_text(by_idx[b])}）" for a, b in people[:5])
        which = [(a, b, _person_count_to_delete(by_idx[a], by_idx[b], t.ctx)) for a, b in people[:5]]
        advice = [f"删除第{c.idx}行“{c.name}”，保留第{k.idx}行“{k.name}”（{why}）" if w else
                  f"第{a}、{b}行保留一行：统计人次的保留“{by_idx[a if by_idx[a].ni.family == 'person_times' else b].name}”，"
                  f"统计不重复人数的保留“{by_idx[b if by_idx[a].ni.family == 'person_times' else a].name}”；"
                  "两者确需分设的，按各自的统计数字分别填写"
                  for a, b, w in which for c, k, why in [w or (None, None, None)]]
        drop = [w[0].idx for _, _, w in which if w]
        hits.append(RuleHit("name", f"疑似重复指标：{desc}是同一对象的同一数字，分别以人次和人计量，是同一项指标",
                            {"near": people, "advice": advice, "drop": drop}))
    rates = rate_name_duplicates(t)
    if rates:   # round 18: one rate under two names (suggest's reading, `kb.domain.rate_names`)
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行{_targets_said([by_idx[a], by_idx[b]])}）"
                        for a, b in rates[:5])
        hits.append(RuleHit("name", f"疑似重复指标：{desc}是同一口径的比率，计量的是同一事项", {"near": rates}))
    due = deadline_duplicates(t)
    if due:
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行{_targets_said([by_idx[a], by_idx[b]])}）"
                        for a, b in due[:5])
        which = [(by_idx[a], by_idx[b], _deadline_to_delete(by_idx[a], by_idx[b])) for a, b in due[:5]]
        advice = [f"删除第{w[0].idx}行“{w[0].name}”，保留第{w[1].idx}行“{w[1].name}”" + (f"（{w[2]}）" if w[2] else "")
                  if w else f"第{a.idx}、{b.idx}行保留一行：两行指标值不一致（{_target_text(a)}、{_target_text(b)}），"
                            "项目概况未写明这项完成时限，请按实施计划核实后删除另一行"
                  for a, b, w in which]
        hits.append(RuleHit("name", f"疑似重复指标：{desc}是同一项完成时限",
                            {"near": due, "advice": advice, "drop": [w[0].idx for _, _, w in which if w]}))
    sat = satisfaction_duplicates(t)
    if sat:
        desc = "；".join(f"“{by_idx[a].name}”与“{by_idx[b].name}”（第{a}、{b}行{_targets_said([by_idx[a], by_idx[b]])}）"
                        for a, b in sat[:5])
        which = [_sat_to_change(by_idx[a], by_idx[b]) for a, b in sat[:5]]
        said = "".join(f"；{why}，应改第{c.idx}行" for c, _, why in which)
        advice = [f"删除第{c.idx}行“{c.name}”，保留第{k.idx}行“{k.name}”"
                  + (f"（两行指标值不一致，请核实保留的目标：{_target_text(k)}、{_target_text(c)}）"
                     if not _same_target(c, k) else "")
                  + (f"；第{c.idx}行若调查的是另一对象，在名称中写明" if c.level1 is k.level1 else "")
                  for c, k, _ in which]
        # trial 11: the row filed outside 满意度 beside the same group's row inside it is deleted by --fix (moving it
        # as SAT-01 asks would only file the duplicate in the 满意度 block: the fixed table failed STR-12 again)
        drop = [c.idx for c, k, _ in which if c.level1 is not Level1.satisfaction and k.level1 is Level1.satisfaction]
        hits.append(RuleHit("name", f"疑似重复指标：{desc}调查的是同一对象的满意度{said}",
                            {"near": sat, "advice": advice, "drop": drop}))
    return hits


@rule("STR-13", on="table", rescales_weights=True)
def str_13(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """Weights are given and do not sum to 100. A self-evaluation table (actuals or scores given)
    without a 预算执行率 row may sum to 90: its 10 points for 预算执行率 are scored apart
    (财预〔2020〕10号, 项目支出绩效自评表: 预算执行率 10 分, 指标 90 分; 据记忆)."""
    ws = t.weights
    if not ws:
        return []
    total = sum(ws)
    gaps = weight_gaps(t)  # ours (trial 10): a row without 分值 beside weighted rows is scored by nothing
    gap_text = ("；第" + "、".join(map(str, gaps)) + "行未填写分值（或为0）") if gaps else ""
    if abs(total - s.weight_total) > s.weight_tolerance and not (
            abs(total + BUDGET_EXECUTION_POINTS - s.weight_total) <= s.weight_tolerance
            and any(r.raw.actual is not None or r.raw.score is not None for r in t.items)
            and not any("预算执行" in r.name for r in t.items)):
        return [RuleHit("weight", f"权重合计为{fmt_num(total)}，应为{s.weight_total:g}{gap_text}",
                        {"total": total, "gaps": gaps})]
    if gaps:
        return [RuleHit("weight", gap_text[1:] + f"，每个指标都应有分值，合计{s.weight_total:g}",
                        {"total": total, "gaps": gaps})]
    return []


def _pairs(rows: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(normalize_name(n), normalize(v).replace(" ", "")) for n, v in rows}


@rule("STR-14", on="table", fix_text="把中长期目标按年度分解，年度指标填写本年度的任务量")
def str_14(t: ParsedTable, s: CheckerSettings) -> list[RuleHit]:
    """Annual indicators identical to the long-term ones (context.long_term_rows)."""
    lt = t.ctx.get("long_term_rows")
    if not lt or not t.items:
        return []
    long_term = _pairs([(str(x.get("name", "")), str(x.get("value", ""))) for x in lt if isinstance(x, dict)])
    annual = _pairs([(r.raw.name, r.raw.value) for r in t.items])
    if long_term and long_term == annual:
        return [RuleHit("", "年度指标与中长期指标逐项相同，未按年度分解")]
    return []


# ------------------------------------------------------------------ table fixes
@table_fix("STR-07")
def fix_str_07(h: RuleHit, fx: TableFix) -> Suggestion | None:
    """Settled when the rewritten table has both 产出 and 效益 rows; else the catalog's advice."""
    if fx.fixed is not None and {Level1.output, Level1.benefit} <= fx.fixed.level1s:
        return construct(Suggestion, text=SAME)
    return None


@table_fix("STR-08")
def fix_str_08(h: RuleHit, fx: TableFix) -> Suggestion:
    """Add 服务对象满意度 ≥ the default satisfaction (unless a row of that name only needs its level moved)."""
    s = fx.s
    if Level1.satisfaction in fx.after.level1s:
        return construct(Suggestion, text=SAME)
    row = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "服务对象满意度",
           "operator": "≥", "value": f"{s.satisfaction_default_pct:g}", "unit": "%"}
    if not fx.fresh([row]):  # the table has a row of that name under another 一级指标
        n = fx.names[name_key_of_text(row["name"])]
        return construct(Suggestion, text=f"第{n}行“{row['name']}”列入满意度指标即可（见该行的修改建议）")
    return construct(Suggestion, add_rows=[row],
                 text=f"增设“服务对象满意度 ≥{s.satisfaction_default_pct:g}%”，并说明调查方式")


@table_fix("STR-09")
def fix_str_09(h: RuleHit, fx: TableFix) -> Suggestion:
    """Add 项目总成本 ≤ the budget (stated, else read from the description); else advice."""
    if fx.after.has_cost:
        return construct(Suggestion, text=SAME)
    b = fx.ctx.get("budget_wan") or fx.ctx.get("budget_hint_wan")
    if isinstance(b, (int, float)) and budget_beyond_project(b):  # 999999999 万元: no ceiling to write
        from kb.checker.rewrite import budget_beyond_text

        return construct(Suggestion, text=budget_beyond_text(b).removeprefix("待填写：").replace(
            "再按预算测算成本上限", "再按预算测算增设经济成本指标（总成本或单位成本，元或万元）"))
    if isinstance(b, (int, float)) and b > 0:
        add = fx.fresh([{"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本",
                         "operator": "≤", "value": fmt_num(b), "unit": "万元"}])
        if add:
            return construct(Suggestion, add_rows=add, text=f"增设“项目总成本 ≤{fmt_num(b)}万元”（按预算测算）")
    return construct(Suggestion, text="按预算测算增设经济成本指标（总成本或单位成本，元或万元）")


# a project that pays money out to people or units (补助, 补贴, 津贴 … 发放 / 拨付), and none that builds or buys
_PAY_VERBS = re.compile("|".join(PAYMENT_VERBS[:5]))   # 支付 拨付 发放 兑现 兑付 (not 到位 / 到账: said of any funds)


def _pays_out(t: ParsedTable, desc: str) -> bool:
    said = desc + "".join(r.name for r in t.items)
    return bool(PAY_WORDS.search(said) and _PAY_VERBS.search(said) and not BUILD_WORDS.search(said))


def _timeliness_row(desc: str, year: int | str | None, pays: bool, project: str | None = None) -> dict[str, str]:
    """The 时效 row STR-10 adds: the payment's stated date, else a limit the description states relative to an
    event or a period (10个工作日内拨付, 每学期结束后1个月内拨付, 次月10日前发放), else its stated deadline, else
    the budget year's end (`kb.checker.rewrite`, as TIME-05's rewrite reads them)."""
    from kb.checker.rewrite import relative_limit, said_deadline

    y = int(year) if str(year or "").isdigit() else None
    if y is None:   # trial 16/18: no 预算年度: the year the text plans for (the one plan-year reader), else 当年
        from kb.domain.years import planned_year
        y = planned_year(project, desc)
    said = said_deadline(desc, y, pays)
    lim = relative_limit(desc, PAYMENT_VERBS if pays else ("完成", "完工", "竣工")) if pays or not said else None
    if lim and lim[0] == "≤":
        return {"level1": "产出指标", "level2": "时效指标", "name": "补助资金发放时限" if pays else "项目完成时限",
                "operator": "≤", "value": lim[1], "unit": lim[2]}
    name = "补助资金发放完成时间" if pays else "项目完成时间"
    return {"level1": "产出指标", "level2": "时效指标", "name": name, "operator": "",
            "value": said or (lim[1] if lim else f"{y}年12月31日前" if y else "当年12月31日前"), "unit": ""}


# what a service, an event or a training (no works built, nothing bought) is asked for in quality, said when the
# library has no quality row of its kind
SERVICE_QUALITY = ("本项目不建设、不采购，不设“验收合格率”；请按所提供服务或活动的质量设比率（%），"
                   "如服务规范率、参与率、合格率、达标率")
# what an added quality row must not be for a project that builds or buys nothing: an acceptance (验收), a works'
# quality (工程质量合格率), a completion (活动完成率 says it took place, not how well), or a share of a group taking
# part (活动参与率 ≥80 %: the library's figure is another programme's group; suggest leaves it 待填写 too) or a
# circular 目标达成率 (suggest sets those aside)
_NOT_SERVICE_QUALITY = re.compile(r"验收|完成率|参与率|达成率|〔")


# words every project's text has (its money, its budget): no kind of work (a QA pass got 资金足额拨付率 for an expo)
_ANY_PROJECT_WORDS = frozenset(BUDGET_WORDS) | {"拨付", "执行率", "支出", "财务", "项目", "绩效评价"}


# a rate the description states with its target: the name (a run of words ending on 率) and the figure in %
_STATED_RATE_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?率)(?:要|须|应|均)?(达到|达|为|保持在|保持|不低于|不少于|控制在|不高于|不超过)?"
                             r"(\d+(?:\.\d+)?)[%％](以上|以下|以内)?")
_RATE_LEAD_RE = re.compile(r"^(?:通过[^，。；]*?|确保|力争|实现|使|其中|全县|全年|并且|并|且|和|及|与)+")


def _stated_quality_rate(fx: TableFix, desc: str) -> dict[str, str] | None:
    """The 质量 row the description itself states (trial 22: “青少年毒品预防教育覆盖率100%” — STR-10 offered the
    library's 宣传覆盖率 ≥90 % instead): the first rate `desc` states with its target whose name reads as an output's
    quality (`rewrite.guess_level`: 产出/质量), not a satisfaction, and not already a row of the table; its operator
    from the text (以下, 控制在 → ≤; 100 → =; else ≥). None when the text states none."""
    from kb.checker.rewrite import guess_level

    have = {r.name for r in fx.after.items}
    for m in _STATED_RATE_RE.finditer(desc or ""):
        name = _RATE_LEAD_RE.sub("", m.group(1))
        if len(name) < 4 or "满意" in name or name in have or guess_level(name) != (Level1.output, Level2.quality):
            continue
        v = float(m.group(3))
        if v > 100:
            continue
        op = "≤" if (m.group(4) in ("以下", "以内") or m.group(2) in ("控制在", "不高于", "不超过")) else "=" if v == 100 else "≥"
        return {"level1": "产出指标", "level2": "质量指标", "name": name, "operator": op, "value": fmt_num(v), "unit": "%"}
    return None


def _quality_row(fx: TableFix, desc: str) -> dict[str, str] | None:
    """The 质量 row STR-10 adds to a table that does not pay money out: 项目验收合格率 for a project that builds or
    buys (`builds_or_buys` of its name, description and rows: an upkeep service buys only what it says it buys); else the library's quality rate of the same kind of work
    (`IndicatorLookup.of_work`: its keywords in the project's name, else two in its description; never an
    input or process rate such as 资金支出率, REL-02's): 培训合格率 for a
    training, 宣传覆盖率 for a publicity campaign) with its typical target; else None. A QA run got 项目验收合格率 proposed for a 义诊
    project: a service has nothing to accept."""
    from kb.checker.rewrite import measured_rate, typical_of

    # the project's type is read from its name and 项目概况; the rows only when there is no 概况 (trial 21: a legal-aid
    # draft's own row 法律援助工作站建设 made the service a build, and STR-10 asked for 项目验收合格率 — nothing to 验收)
    said = (fx.ctx.get("project") or "") + (desc if desc.strip() else "".join(r.name for r in fx.after.items))
    stated = _stated_quality_rate(fx, desc)
    if stated is not None:   # trial 22: the text's 青少年毒品预防教育覆盖率100% before the library's 宣传覆盖率 ≥90 %
        return stated
    if builds_or_buys(said):
        # trial 18: = 100 %, as real tables set an acceptance rate (`CheckerSettings.acceptance_rate_default_pct`)
        return {"level1": "产出指标", "level2": "质量指标", "name": "项目验收合格率", "operator": "=",
                "value": f"{fx.s.acceptance_rate_default_pct:g}", "unit": "%"}
    of_work = getattr(fx.lookup, "of_work", None)
    name = fx.ctx.get("project") or ""   # the project's name says its work (义诊进乡村 is no 医疗废物处置)
    ind = of_work(name or desc, Level2.quality.value, lambda i: (
        i.level1 is Level1.output and measured_rate(i) and not _NOT_SERVICE_QUALITY.search(i.name)
        and not BUILD_WORDS.search(i.name) and not REL02_RE.search(i.name) and not REL02_RATE_RE.search(i.name)),
        min_hits=1 if name else 2, ignore=_ANY_PROJECT_WORDS) if of_work is not None and (name or desc) else None
    if ind is None:
        return None
    op, v, unit = typical_of(ind)  # type: ignore[misc]
    return {"level1": "产出指标", "level2": "质量指标", "name": ind.name, "operator": op or "≥",
            "value": fmt_num(v), "unit": unit}


@table_fix("STR-10")
def fix_str_10(h: RuleHit, fx: TableFix) -> Suggestion:
    """Add the missing 时效 and 质量 rows — for a table that pays money out, 补助资金发放准确率 and the payment's
    stated term (`_timeliness_row`), else 项目验收合格率 and 项目完成时间; a missing 数量 row is advice.

    Each added row fills its own slot, named in the text (增设时效指标“项目完成时间”). The slots are those of
    the table after the row rewrites: a slot the finding did not name is filled only because a rewrite
    empties it, and the text says which rows (D049: 第4行 deleted as a slogan leaves no 质量 row; a fresh
    reviewer read “缺少时效 → 增设项目验收合格率” as a quality row for a missing 时效)."""
    s, year = fx.s, fx.ctx.get("budget_year")
    if Level1.output not in fx.after.level1s:  # every 产出 row moved or dropped: STR-07 speaks for the table
        return construct(Suggestion, text="补设产出指标（数量、质量、时效）")
    have, had = fx.after.output_level2s, fx.table.output_level2s
    desc = fx.ctx.get("description") or ""
    pays = _pays_out(fx.after, desc)
    kept = {r.idx: r.level2 for r in fx.after.items if r.level1 is Level1.output}
    labels = {Level2.quantity: "数量", Level2.quality: "质量", Level2.timeliness: "时效"}
    named: list[str] = []                       # the slots the finding names, in its order
    advised = ""                                # a quality row to add that only the declarant can name
    emptied: dict[str, list[str]] = {}          # what the rewrites of some rows do → the slots they empty
    gained: dict[str, list[str]] = {}           # … → the slots they fill
    add = []
    for lvl, lab in labels.items():
        if lvl in have:
            if lvl not in had:  # a rewrite moves a row into the slot
                gained.setdefault(_rows(i for i, l in kept.items() if l is lvl) + f"按修改建议改列{lab}指标后",
                                  []).append(lab)
            continue
        lost = [r.idx for r in fx.table.items if r.level1 is Level1.output and r.level2 is lvl]
        if lvl is Level2.quantity:
            do = "请补设数量指标（本项目的主要产出数量）"
        else:
            row = (_timeliness_row(desc, year, pays, fx.ctx.get("project")) if lvl is Level2.timeliness else
                   # what a reviewer asks of the project's kind: a payment is checked for paying the right people
                   # the right amount, not for an acceptance (a fresh user struck 项目验收合格率 for a subsidy)
                   {"level1": "产出指标", "level2": "质量指标", "name": "补助资金发放准确率", "operator": "=",
                    "value": "100", "unit": "%"} if pays else _quality_row(fx, desc))
            if row is None:   # a service with no library row of its kind: what to measure, no 验收 it never has
                advised = do = f"请补设质量指标（{SERVICE_QUALITY}）"
            elif not fx.fresh([row]):
                continue
            else:
                add.append(row)
                do = f"增设{lab}指标“{row['name']}”"
        if not lost:
            named.append(do)
            continue
        # where each lost row goes: another 产出 slot, out of 产出 (trial 24: SAT-01 moves 求职登记人员满意度 to 满意度指标,
        # which STR-10 called 删除), or nowhere (dropped)
        elsewhere = {r.idx: r.level1 for r in fx.after.items if r.level1 is not Level1.output and r.level1 is not None}
        dest = [f"{labels[kept[i]]}指标" if i in kept and kept[i] in labels else elsewhere[i].label if i in elsewhere
                else "" for i in lost]
        moved = sorted({d for d in dest if d})
        verb = ("删除" if not moved else "改列" + "、".join(moved) if all(dest) else "删除或改写")
        emptied.setdefault(_rows(lost) + f"按修改建议{verb}后", []).append(f"{lab}指标|{do}")
    if not add and Level2.quantity in have and not advised:
        return construct(Suggestion, text=SAME)
    parts = []
    for what, labs in gained.items():
        part = what + "即有" + "、".join(f"{x}指标" for x in labs)
        for lab_do in emptied.pop(what, []):
            lab, do = lab_do.split("|")
            part += f"，但将没有{lab}，{do.replace('增设', '另增设', 1)}"
        parts.append(part)
    parts += named
    parts += [what + "将没有" + "，".join(f"{lab}，{do.replace('增设', '另增设', 1)}"
                                       for lab, do in (x.split("|") for x in labs))
              for what, labs in emptied.items()]
    return construct(Suggestion, add_rows=add or None, text="；".join(parts))


def _rows(idx) -> str:
    """第1、2行."""
    return "第" + "、".join(map(str, sorted(idx))) + "行"


@table_fix("STR-12")
def fix_str_12(h: RuleHit, fx: TableFix) -> Suggestion | None:
    """Delete the repeats of each duplicated name; near-duplicates get advice (which one stays is the
    declarant's choice)."""
    drop = _duplicates(h)
    if not h.data:
        return None
    if "advice" in h.data:  # which row to change and how (satisfaction of one group; one name, two measures)
        # a row the finding names as the weaker one is deleted (round 16: a count in 人 beside its 人次)
        return construct(Suggestion, text=("不要删除：" if "measures" in h.data else "") + "；".join(h.data["advice"]),
                         delete_rows=h.data.get("drop") or None)
    if "near" in h.data:
        return construct(Suggestion, text="确属同一指标的，合并为一行；不是的，在名称中写明各自的对象或口径")
    said = "；重复的行指标值不一致，请核实保留的目标" if h.data.get("differ") else ""
    return construct(Suggestion, delete_rows=drop,
                     text="合并重复指标，删除第" + "、".join(map(str, drop)) + "行（或区分口径）" + said)


@table_fix("STR-13")
def fix_str_13(h: RuleHit, fx: TableFix) -> Suggestion | None:
    """Rescale the kept rows' weights to the total."""
    new = fx.weights_after()
    if new is None:
        return None
    covered = "，未填分值的行按已填行的平均分值计入" if h.data and h.data.get("gaps") else ""
    return construct(Suggestion, weights=new,  # type: ignore[arg-type]
                     text=f"按比例调整权重为整数分值，合计为{fx.s.weight_total:g}{covered}")  # type: ignore[arg-type]
