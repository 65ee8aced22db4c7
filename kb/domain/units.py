"""Units of measurement (计量单位): the one unit table, unit families and what a name measures.

- `VALUE_UNITS`: units written after a number in a 指标值 or in the 计量单位
  column (the checker reads values with them); `QUANTITY_UNITS`: units of
  the quantities stated in a project description (suggest). The second is
  narrower on purpose: grades and classifiers such as 级 / 类 / 分 / 岁 and
  Latin single letters (t, m) are units inside a value column but in free
  text they mostly are not quantities.
- `UNIT_FAMILIES` / `unit_family` / `units_compatible`: units that count the
  same kind of thing (人 ~ 名 ~ 位, 公里 ~ 千米): a stated quantity binds to
  an indicator of a compatible unit.
- `size_dependent(name, unit)` / `SIZE_UNITS`: targets that state the
  project's size (counts, persons, amounts, areas, lengths; also with a
  magnitude, 万页, and per day or year, 吨/日): never taken
  from a library's typical value (suggest's 待填写, the checker's STR-03).
- `measure_of(name)`: what an indicator name measures by its ending (…人次,
  …人数, …率, …面积 …), `unit_fits(measure, unit)` whether a unit fits it,
  `DEFAULT_UNIT` / `MEASURE_LABEL` per measure (RULES.md §5.4 UNIT-02; the
  time measure is ours). `canon_unit`, `is_time_unit`, `units_conflict`
  compare written units loosely.

方 is everyday speech for 立方米 (土方 3万方): it is a value unit and counts
with 立方米 (its factor is in `kb.domain.quantity.CONVERSIONS`); it is not a
`QUANTITY_UNITS` entry because in free text 方 is mostly 方面 / 方案.

Pure functions; not for parsing values (`kb.checker.parse`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb.domain.text import normalize

VALUE_UNITS = (
    "个百分点", "百分点", "百分比", "%", "‰", "万人次", "人次", "人/次", "人天", "人日", "户次", "册次", "架次",
    "批次", "场次", "辆次", "万人", "人", "万户", "户", "个工作日", "工作日", "个月", "个", "次", "项", "件",
    "台", "套", "辆", "架", "座", "所", "家", "篇", "册", "份", "本", "部", "门", "期", "批", "场", "处",
    "条", "间", "张", "株", "头", "只", "羽", "匹", "棵", "万吨", "吨", "万t", "t", "公斤", "千克", "kg",
    "克/千克", "克", "斤", "亿元", "万元", "千元", "万美元", "美元", "元", "平方公里", "万平方米", "平方米", "㎡", "樘", "扇",
    "m²", "平米", "万亩", "亩", "公顷", "hm²", "万立方米", "立方米", "m³", "万方", "方", "公里", "千米", "km", "米",
    "m", "M", "天", "日", "小时", "分钟", "秒", "周", "月", "季度", "年", "学时", "课时", "岁", "倍",
    "分", "级", "类", "种", "例", "起", "宗", "单", "名", "位", "床", "孔", "口", "盏", "门次", "家次",
    "万千瓦时", "千瓦时", "kWh", "万度", "度", "万吨标准煤", "吨标准煤", "卷", "页", "画幅", "顶",
    # ours: power, bandwidth and storage (10MW, 100Mbps) and the Chinese units UNIT-04 writes for them
    "兆瓦时", "兆瓦", "千瓦", "千伏安", "MWh", "MW", "kW", "KW", "kVA", "KVA", "Mbps", "Gbps", "kbps", "MB", "GB", "TB",
    "兆比特每秒", "吉比特每秒", "千比特每秒", "兆字节", "吉字节", "太字节", "万千瓦",
)

# longest first so 万人次 wins over 人次 and 人
QUANTITY_UNITS = sorted("""万人次 人次 万人 人 户次 万户 户 名 位 个 所 家 村 台 套 辆 艘 架 件 批 项 次 场 期 班 批次 天 日 个月 月 周
小时 分钟 年 公里 千米 米 平方公里 平方米 万平方米 立方米 万立方米 亩 万亩 公顷 吨 万吨 千克 公斤 头 只 羽 株 棵 万株
座 处 条 盏 本 册 份 篇 部 册次 张 间 床 张床 个点 宗 起 例 支 块 根 眼 口 处次 门 栋 幢 套次 课时 学时 km hm² hm2 万元 亿元 元 %
粒 剂 剂次 人份 头份 毫升 盒 袋 箱 瓶 尾 车次 架次 延米 斤 餐 份次 台次 辆次 万次 樘 扇 ‰
千瓦时 万千瓦时 kWh 度 万度 吨标准煤 万吨标准煤 卷 页 画幅 顶 千瓦 万千瓦 兆瓦 兆瓦时 组 克/千克""".split(), key=len, reverse=True)


def unit_at(text: str, pos: int = 0) -> str:
    """The unit of `QUANTITY_UNITS` written at `text[pos:]`, the longest that fits (千瓦时 before 千瓦, 万人次 before
    万人 and 人), else ''. Every reader of a unit after a number or a slash reads it so (0.62元/千瓦时 is per
    千瓦时, never per 千瓦: a fresh reviewer's electricity price)."""
    return next((u for u in QUANTITY_UNITS if text.startswith(u, pos)), "")


# units that count the same kind of thing, in the order they are tried (座 is a 个-type count first)
UNIT_FAMILIES = (
    {"人", "名", "位", "万人"}, {"人次", "万人次"}, {"户", "万户", "户次"},
    {"公里", "千米", "km"}, {"米", "m"}, {"平方米", "万平方米", "㎡", "m2"}, {"亩", "万亩", "公顷"},
    {"立方米", "万立方米", "方", "万方"}, {"吨", "万吨", "千克", "公斤"},
    {"个", "所", "家", "处", "座", "项", "宗", "个点"}, {"台", "套", "件", "辆", "艘", "架", "台套", "顶", "卷", "组"},
    {"次", "场", "期", "班", "批", "批次", "场次", "起"}, {"天", "日", "个月", "月", "小时", "年", "周"},
    {"头", "只", "羽", "尾"}, {"株", "棵", "万株"}, {"万元", "亿元", "元"}, {"%"},
    {"粒"}, {"剂", "剂次", "人份", "头份"}, {"盒", "袋", "箱", "瓶"},   # 头份: an animal vaccine's doses
    {"本", "册", "份", "篇", "部"}, {"张", "床", "张床"}, {"条", "根", "眼", "口"}, {"门"},
    {"栋", "幢", "座"}, {"课时", "学时"}, {"樘", "扇"}, {"‰"},
    {"千瓦时", "度", "kWh", "兆瓦时", "MWh"}, {"吨标准煤"},   # energy (电量: 1 度 = 1 千瓦时) and energy as standard coal
    {"千瓦", "万千瓦", "兆瓦", "kW", "MW"},   # power (装机容量500千瓦), never energy: 千瓦 is no 千瓦时
    {"页", "画幅"},   # a scanned archive's pages: one 画幅 is one image of a page (档案数字化页数 counts them)
)


@lru_cache(maxsize=4096)
def unit_family(unit: str) -> int | None:
    """Index of the unit's family in `UNIT_FAMILIES` (after `normalize`; 万粒 as 粒), or None."""
    u = normalize(unit)
    if len(u) > 1 and u[0] in "万亿" and u not in ("万元", "亿元") and u[1:] != "元":
        u = u[1:]
    for i, fam in enumerate(UNIT_FAMILIES):
        if u in fam:
            return i
    return None


# the units suggest reads a stated amount of money in (`kb.suggest.quantities`); a figure in them is the budget's to
# read, never a figure of the setting (`kb.domain.setting`)
MONEY_UNITS = frozenset({"万元", "亿元", "元"})


def is_money_unit(unit: str) -> bool:
    """True for an amount of money (元, 千元, 万元, 亿元, 万美元 …), False for per-unit prices (元/人) and others."""
    u = normalize(unit or "")
    return u.endswith("元") and "/" not in u


@lru_cache(maxsize=16384)
def units_compatible(a: str, b: str) -> bool:
    """True when two units count the same kind of thing (人 ~ 名, 公里 ~ 千米 …); False when one is empty."""
    if not a or not b:
        return False
    if normalize(a) == normalize(b):
        return True
    fa, fb = unit_family(a), unit_family(b)
    return fa is not None and fa == fb


# ------------------------------------------------------------------ size-dependent targets
# units whose values depend on the project's size (counts, persons, amounts, areas, lengths, volumes,
# masses): a library's typical value is never a target for them — suggest leaves such a row 待填写
# and the checker does not fill a blank one (a per-unit figure such as 元/人 is a standard, not a size).
# Also such a unit with a magnitude (万页, 万画幅, 亿元) and such a quantity per period (吨/日, 人次/年,
# 万元/年: a project's daily or yearly throughput is its size too; a fresh reviewer found the checker
# filling 生活垃圾日清运量 with the library's ≥100吨/日 and 档案数字化页数 with ≥50万页).
_SIZE_BASE = (r"人次?|名|位|户次?|个|所|家|处|座|项|台|套|件|辆|艘|架|次|场次?|期|班|批次?|车次|架次|辆次|人天|人日|"
              r"公里|千米|米|延米|平方米|亩|公顷|平方公里|立方米|方|吨|千克|公斤|毫升|"
              r"头|只|羽|尾|株|棵|本|册|份|篇|部|页|卷|幅|画幅|张|床|条|根|眼|口|栋|幢|门|粒|樘|扇|盏|孔|间|"
              r"顶|宗|例|起|支|块|枚|盒|袋|箱|瓶|剂|人份|册次|千瓦|千瓦时|兆瓦|兆瓦时|度|吨标准煤|元|千元|"
              r"(?i:km|m|m2|m3|hm2|t|kg|kwh|kw)|"  # hm², ㎡, m³ after normalize; 万t
              # ours: livestock counted together (畜禽 in 头只 / 只羽, 万头只) and immunised or dosed per head
              # (免疫头次, 疫苗头份): a count of animals, so a size (a fresh reviewer, trial 4: the library's
              # ≥100万头只 proposed for a blank 强制免疫畜禽数量)
              r"(?:头|只|羽|匹|尾){1,2}(?:份|次)?")
SIZE_UNITS = re.compile(rf"^(?:十万|百万|千万|万|亿)?(?:{_SIZE_BASE})"
                        r"(?:(?:/|每)个?(?:日|天|周|月|季|季度|年|小时|班))?$")
# measures (`measure_of`) of such sizes, for a row whose unit is not given
SIZE_MEASURES = frozenset(("person_times", "persons", "households", "count", "money", "length", "area"))
# why such a value is left to the declarant (the words suggest's 待填写 rows use)
SIZE_PENDING = "待填写：按项目计划数填写（与项目规模有关，不照搬指标库的典型值）"
COST_PENDING = "待填写：按预算测算填写（单位 元或万元，不照搬指标库的典型值）"
# a rate whose target the description does not state (suggest's vetting and the checker's rewrite: one vocabulary)
COVERAGE_PENDING = "待填写：覆盖率的基数（应覆盖的范围）描述未写明，请按实际测算填写，不照搬指标库的典型值"
RATE_PENDING = "待填写：描述未写明这一比率的目标值，请按项目实施后的预期测算填写，不照搬指标库的典型值"
# a cost ceiling where the declaration states no budget (neither 资金总额 nor one in the 项目概况)
COST_NEEDS_BUDGET = ("待填写：成本上限须按项目预算测算，本表没有预算金额（请填写资金总额，或在项目概况中写明年度预算），"
                     "单位 元或万元，不照搬指标库的典型值")


# units that count whole persons, households or things: a target in one of them is a whole number
# (a magnitude such as 万人 or a per-unit unit such as 人/村 is not one of them)
WHOLE_UNITS = frozenset("""人 名 位 人次 户 户次 个 所 家 处 座 项 台 套 件 辆 艘 架 次 场 场次 期 班 批 批次 头 只 羽 株 棵
本 册 份 篇 部 张 床 条 根 眼 口 栋 幢 门 宗 例 起 间 盏""".split())


_REMARK_RE = re.compile(r"[(（][^()（）]*[)）]")


def size_dependent(name: str, unit: str) -> bool:
    """True when a target of `name` in `unit` states the project's size (户数 in 户, 里程 in 公里,
    金额 in 万元 …): the unit decides (`SIZE_UNITS`), else what the name measures (`SIZE_MEASURES`)."""
    u = normalize(unit or "")
    if u:
        return bool(SIZE_UNITS.match(u))
    n = normalize(name or "")
    return measure_of(_REMARK_RE.sub("", n) or n) in SIZE_MEASURES  # 项目数(截断): the remark is no measure


# ------------------------------------------------------------------ what a name measures

_RATIO = frozenset(("%", "‰", "百分点", "个百分点", "百分比"))
# ours: a rate per a base other than a hundred, as official statistics give it (孕产妇死亡率 1/10万,
# 出版物编校差错率 ‱, 亿元GDP生产安全事故死亡率 人/亿元, 特种设备万台死亡率 人/万台, 检查频率 次/月)
_PER_BASE = re.compile(r"‱|(?:1|人|例|起|次|件|个)?/\d*[万亿千百]?[\u4e00-\u9fff]{0,2}")
_LENGTH = frozenset(("公里", "千米", "km", "米", "m", "M", "万公里"))
_AREA = frozenset(("亩", "万亩", "平方米", "万平方米", "平方公里", "公顷", "hm²", "㎡", "m²", "平米", "m2", "hm2"))
_NOT_COUNT_ENDINGS = ("指数", "系数", "倍数", "分数", "参数", "基数", "函数", "岁数", "天数", "年数", "周数", "月数")
# ours: time requirements (按时发放, 完成时间, 响应时长) are measured by a date, a duration or a %
TIME_UNITS = frozenset(("年", "半年", "季度", "月", "个月", "周", "天", "日", "工作日", "个工作日", "小时", "分钟", "秒",
                        "学时", "课时"))
_TIME_ENDINGS = ("时间", "时限", "期限", "日期", "工期", "周期", "时长", "用时")
_TIME_WORD_RE = re.compile(r"按时|及时|按期|准时|如期")

DEFAULT_UNIT = {"person_times": "人次", "persons": "人", "households": "户", "ratio": "%",
                "money": "万元", "length": "公里", "area": "亩", "count": "个", "time": "个工作日", "days": "天"}
# ours: the area unit follows the object an area measures — land (farmland, forest, grassland) is counted in 亩,
# a built or paved surface (a road, a square, a building, a site) in 平方米; the land words are read first
# (高标准农田建设面积 is land, 道路硬化面积 a surface). A fresh reviewer got 亩 proposed for 道路硬化面积.
_LAND_AREA_RE = re.compile(r"农田|耕地|林地|森林|造林|营林|抚育|草原|草地|牧草|土地|园地|果园|茶园|种植|播种|复垦|退耕|"
                           r"湿地|水土流失|荒山|荒漠|苗木|农作物|粮食|大豆|玉米|水稻|小麦|油菜|蔬菜")
_SURFACE_AREA_RE = re.compile(r"道路|公路|路面|硬化|街巷|巷道|步道|人行道|广场|场地|场馆|操场|运动场|停车|地坪|铺装|"
                              r"建筑|房屋|住房|农房|危房|棚户|校舍|厂房|用房|屋面|屋顶|墙面|立面|楼|室内|装修|装饰")


def area_unit(name: str) -> str:
    """The unit an area of the object `name` measures is proposed in: 亩 for land (农田, 耕地, 林地, 造林 …),
    平方米 for a built or paved surface (道路硬化面积, 广场, 校舍, 场地 …); 亩 when the name says neither."""
    if _LAND_AREA_RE.search(name or ""):
        return "亩"
    return "平方米" if _SURFACE_AREA_RE.search(name or "") else "亩"


def default_unit(measure: str, name: str = "") -> str:
    """`DEFAULT_UNIT[measure]`, the area's unit following the object `name` measures (`area_unit`).
    KeyError for an unknown measure."""
    return area_unit(name) if measure == "area" else DEFAULT_UNIT[measure]


MEASURE_LABEL = {"person_times": "人次", "persons": "人", "households": "户", "ratio": "%（或‰、百分点）",
                 "money": "元或万元", "length": "公里或米", "area": "亩、平方米或公顷", "count": "计数单位（非%）",
                 "time": "日期、时限（天、工作日、小时…）或%", "days": "天（或日、工作日）"}


def canon_unit(u: str) -> str:
    """Unit compared loosely: 百分比 → %, * × • → ·."""
    u = u.replace("*", "·").replace("×", "·").replace("•", "·")
    return "%" if u == "百分比" else u


def measure_of(name: str) -> str | None:
    """What a (normalised, bracket-free) indicator name measures, from its ending; None when it does not say.

    person_times (…人次), persons (…人数/人口), households (…户数), ratio
    (…率/比例/占比/比重), money (…金额/成本/费用/补助标准), length (…里程/长度),
    area (…面积), days (…天数/日数: a count of days, ours), count (…数量/个数/次数/场次/批次/期数 or another …数), time
    (…时间/时限/期限/时长/周期, or a time requirement such as 按时发放: a date, a
    duration or a %; ours, not in the catalog's list).
    """
    n = name
    if not n or "/" in n:  # 实际完成数/计划数 is a ratio of counts, 小区数/户数 two measures
        return None
    if n.endswith(("人次数", "人次")):
        return "person_times"
    if n.endswith(("人口数", "人数", "人口")):
        return "persons"
    if n.endswith("户数"):
        return "households"
    if n.endswith(("率", "比例", "占比", "比重")) and not n.endswith(("频率", "功率", "效率")):
        return "ratio"
    if n.endswith(("金额", "成本", "费用", "补助标准")):
        return "money"
    if n.endswith(("里程", "长度")):
        return "length"
    if n.endswith("面积"):
        return "area"
    if n.endswith(("天数", "日数")):  # 活动天数 ≥4 月 (a fresh reviewer): days are counted in 天, never in 月
        return "days"
    if n.endswith("数") and not n.endswith(_NOT_COUNT_ENDINGS) or n.endswith("数量"):
        return "count"
    if n.endswith(_TIME_ENDINGS) or (_TIME_WORD_RE.search(n) and not n.endswith(("性", "度", "数", "量", "额"))):
        return "time"
    return None


@lru_cache(maxsize=4096)  # a pure function of short texts, asked for on nearly every row
def is_time_unit(unit: str) -> bool:
    """True for a duration unit (年, 个月, 天, 工作日, 小时 …; 天/次 counts by its first part)."""
    return re.split(r"[/·*]", canon_unit(unit))[0] in TIME_UNITS


# a count of a span of time in its own unit (活动天数 in 天, 服务月数 in 月): the unit's first part ends in it; a
# month of a date is no count of days (活动天数 ≥ 4 月 of 3月中旬至4月上旬, trial 8)
_TIME_COUNTS = ((("天数", "日数"), ("天", "日")), (("月数",), ("月",)), (("小时数",), ("小时",)))


def time_count_unit(name: str) -> str:
    """The unit a count of days, months or hours must be in (天 for …天数/…日数, 月 for …月数, 小时 for …小时数),
    else '' — also for a ratio of counts (实际完成飞行小时数/计划小时数 is in %, E046's real row)."""
    if "/" in name:
        return ""
    for endings, units in _TIME_COUNTS:
        if name.endswith(endings):
            return units[0]
    return ""


@lru_cache(maxsize=16384)  # a pure function of short texts, asked for on nearly every row
def unit_fits(measure: str, unit: str, name: str = "") -> bool:
    """True when `unit` can measure `measure` (a `measure_of` value); with the row's `name`, a count of days,
    months or hours (`time_count_unit`) fits only its own time unit (活动天数 in 天, never 月)."""
    u = canon_unit(unit)
    if measure == "count" and time_count_unit(name):
        head = re.split(r"[/·]", u)[0]
        return any(head.endswith(t) for endings, units in _TIME_COUNTS if name.endswith(endings) for t in units)
    if measure == "person_times":
        return u in ("人次", "万人次", "人/次", "人·次")
    if measure == "persons":
        return (u.startswith(("人", "万人", "名", "位"))) and "次" not in u
    if measure == "households":
        return u.startswith(("户", "万户"))
    if measure == "ratio":
        return u in _RATIO or bool(_PER_BASE.fullmatch(u))
    if measure == "money":
        return "元" in u
    if measure == "length":
        return u in _LENGTH
    if measure == "area":
        return u in _AREA
    if measure == "count":
        return u not in _RATIO
    if measure == "time":
        return u in _RATIO or is_time_unit(u)
    if measure == "days":  # 天, 日, 工作日, 个工作日, 人天 / 人·日, 天/年 (by its first part)
        return re.split(r"[/]", u)[0].endswith(("天", "日"))
    return True


def explains_unit(row_unit: str, ind_unit: str) -> bool:
    """True when a library indicator measured in `ind_unit` can explain a row written in `row_unit`: False for a
    total against a figure per head or per period (培训成本 in 万元 against 元/人·天: trial 14's --fix wrote “每人每天
    的培训综合费用” beside ≤50 万元), for an amount of money against anything else (万元 vs 人), and for a ratio
    against a count (% vs 个). True when either is blank (nothing to compare)."""
    a, b = canon_unit(normalize(row_unit or "")), canon_unit(normalize(ind_unit or ""))
    if not a or not b:
        return True
    if ("/" in a) != ("/" in b):
        return False
    if ("元" in a) != ("元" in b):
        return False
    return (a in _RATIO) == (b in _RATIO)


@lru_cache(maxsize=16384)  # a pure function of short texts, asked for on nearly every row
def units_conflict(a: str, b: str) -> bool:
    """True when two written units count different things: their first parts differ
    (人 vs 个, 人 vs 人次, 万元 vs 元); 元 vs 元/户 agree (a per-unit refinement)."""
    return re.split(r"[/·]", canon_unit(a))[0] != re.split(r"[/·]", canon_unit(b))[0]


# ours: units written in Latin letters and the Chinese unit a declaration writes instead (a fresh reviewer's
# 500 pcs); read after NFKC (㎡ → m2, ｋｍ → km), case-insensitive. ℃ (°C) is a unit as written. M alone is
# read by what it measures (`mega_unit`); MW, kW, Mbps, MB … are the mega / kilo units they spell
LATIN_UNITS = {"pcs": "个", "pc": "个", "piece": "个", "pieces": "个", "km": "公里", "m": "米", "m2": "平方米",
               "sqm": "平方米", "hm2": "公顷", "m3": "立方米", "kg": "千克", "t": "吨", "kwh": "千瓦时",
               "person": "人", "persons": "人", "people": "人",
               "kw": "千瓦", "mw": "兆瓦", "mwh": "兆瓦时", "kva": "千伏安",
               "kbps": "千比特每秒", "mbps": "兆比特每秒", "gbps": "吉比特每秒",
               "kb": "千字节", "mb": "兆字节", "gb": "吉字节", "tb": "太字节"}
_LATIN_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9²³]*")

# ours: what an M alone stands for, by what the row speaks of (a fresh reviewer: 带宽 ≥100 M was proposed as
# 100米). Broadband is sold by its rate in M (100M宽带 is 100 Mbps), a store by its size, a plant by its power;
# anything else, and any length (射程 80 M, 光纤铺设长度), is 米. Tried in this order; the Chinese units are
# `VALUE_UNITS` / `QUANTITY_UNITS` entries, so the rewritten value reads back (10兆瓦)
MEGA_CONTEXTS = (
    (re.compile(r"带宽|宽带|网速|速率|上网速度|传输速度|下载速度|接入速度|专线|百兆|千兆|光纤入户"), "兆比特每秒", "带宽"),
    (re.compile(r"存储|内存|硬盘|磁盘|云盘|网盘|数据量|文件大小"), "兆字节", "存储容量"),
    (re.compile(r"装机|功率|发电|光伏|风电|电站|储能|发电机|机组|供电能力|用电负荷"), "兆瓦", "功率"),
)

def mega_unit(name: str, value: str = "") -> tuple[str, str] | None:
    """What an M alone (100M, 10 M) means in a row named `name` with the value `value` as written:
    ('兆比特每秒', '带宽') for a rate of broadband (网络带宽, 100M宽带), ('兆字节', '存储容量') for a store,
    ('兆瓦', '功率') for power (装机, 光伏); None — 米 — otherwise, and when the name measures a length
    (宽带光纤铺设长度, …里程: `measure_of`)."""
    n = normalize(name or "")
    if measure_of(_REMARK_RE.sub("", n) or n) == "length":
        return None
    said = n + "|" + normalize(value or "")
    return next(((u, what) for rx, u, what in MEGA_CONTEXTS if rx.search(said)), None)


def latin_unit(unit: str, name: str = "", value: str = "") -> tuple[str, str | None] | None:
    """A unit written with Latin letters: (the first such word, the Chinese unit the whole is written as,
    or None when a word is not one of `LATIN_UNITS`): `pcs` → ('pcs', '个'), `kg/人` → ('kg', '千克/人'),
    `万t` → ('t', '万吨'), `MW` → ('MW', '兆瓦'), `sets` → ('sets', None). An M alone is 米 unless the row's
    `name` or `value` speaks of broadband, storage or power (`mega_unit`): `M` in 网络带宽 → ('M', '兆比特每秒').
    None for a unit without Latin letters (个, %, ‰, ㎡ read as m2 is Latin) or °C."""
    lat = _latin_unit(unit)
    if lat is None or lat[1] is None or not (name or value):
        return lat
    u = unit.replace("²", "2").replace("³", "3")
    if not any(w in ("M", "m") for w in _LATIN_TOKEN_RE.findall(u)):
        return lat
    mega = mega_unit(name, value)
    if mega is None:
        return lat
    return lat[0], _LATIN_TOKEN_RE.sub(lambda m: mega[0] if m.group() in ("M", "m") else LATIN_UNITS[m.group().lower()], u)


@lru_cache(maxsize=4096)  # a pure function of short texts, asked for on nearly every row
def _latin_unit(unit: str) -> tuple[str, str | None] | None:
    """`latin_unit` of the unit alone (an M is 米), memoised: the name and value of a row only matter for an M."""
    u = (unit or "").replace("²", "2").replace("³", "3")
    if not u or u in ("°C", "°F") or not _LATIN_TOKEN_RE.search(u):
        return None
    words = _LATIN_TOKEN_RE.findall(u)
    if any(w.lower() not in LATIN_UNITS for w in words):
        return next(w for w in words if w.lower() not in LATIN_UNITS), None
    return words[0], _LATIN_TOKEN_RE.sub(lambda m: LATIN_UNITS[m.group().lower()], u)


# ours (trial 17): what a per-unit amount's name averages over (人均培训成本 → 人, 每公里造价 → 公里, 单位面积成本 →
# 平方米): the part after “/” in its unit. Spans of time (每年, 每月) are left out: in an annual table 元 is the year's.
_PER_COUNTED = (r"人次|人|户|名|生|亩|公里|千米|平方米|立方米|米|吨|餐|份|场|次|台|套|个|所|村|校|家|件|座|处|间|辆|床|"
                r"课时|学时|期|班|批|只|头|株|棵|册|本|张|块|盏|眼|口|条")
_PER_UNIT_NAME_RE = re.compile(rf"(人|户|生|亩|次)均|每(?:一)?(?:个|位)?({_PER_COUNTED})|^单位(面积|长度|里程)")
_PER_ALIASES = {"名": "人", "面积": "平方米", "长度": "公里", "里程": "公里", "千米": "公里"}
_PLAIN_MONEY_RE = re.compile(r"^(?:千|万|亿)?元$")


def per_unit_part(name: str) -> str:
    """The counted unit a per-unit amount's name averages over: 人均培训成本 → '人', 户均补助 → '户', 每公里造价 →
    '公里', 每名学员补助 → '人', 单位面积成本 → '平方米'; '' when the name says none (单位成本, 年度培训成本, or a
    span of time: 每月补助)."""
    m = _PER_UNIT_NAME_RE.search(name or "")
    if not m:
        return ""
    part = next(g for g in m.groups() if g)
    return _PER_ALIASES.get(part, part)


# ours (round 20): an amount per unit whose name does not say per what (单位成本, 单位造价, 采购单价, 平均成本): its unit
# must say it (元/人, 万元/公里); the organisation's own costs (单位运行成本, 单位办公成本) are totals and never end so
# (a 单位 after 事业 / 建设 / 实施 … is an organisation: 建设单位成本 is the builder's)
_PER_UNSAID_RE = re.compile(r"(?:(?<!事业)(?<!行政)(?<!用人)(?<!建设)(?<!施工)(?<!监理)(?<!实施)(?<!主管)(?<!预算)(?<!责任)"
                            r"单位(?:成本|造价|投资|费用|价格)|单价|平均(?:成本|造价|费用|价格))$")


def per_unit_unsaid(name: str) -> bool:
    """True for the name of an amount per unit that does not say per what: it ends on 单位成本 / 单位造价 / 单价 /
    平均成本 … (单位成本, 道路工程单位造价, 设备采购单价; not 单位运行成本, the organisation's cost, nor 建设单位成本),
    and says no counted unit either (`per_unit_part`: 人均成本 says 人, 单位面积成本 平方米). Brackets are read over."""
    n = re.sub(r"[(（][^)）]*[)）]", "", name or "")
    return bool(_PER_UNSAID_RE.search(n)) and not per_unit_part(n)


_PER_SPAN_RE = re.compile(r"每(月|年|天|日|季度|季)")


def per_unit_denominator(name: str) -> str:
    """What a per-unit amount's name divides by, as the part after “/” of its money unit: `per_unit_part` with the
    span of time the name also says (每人每月补助标准 → '人·月', as dev D017 writes 元/人·月; 每吨垃圾清运单位成本 →
    '吨', 户均改造成本 → '户'); '' when the name names no counted unit (单位成本, 年度培训成本, 每月补助). The one
    reading of a per-unit name's denominator: UNIT-02's 元 → 元/人, UNIT-01's unit for a per-unit cost written with
    none (trial 18: 每吨垃圾清运单位成本 ≤85.7 was advised 元或万元, not 元/吨), and any rule on a unit cost whose
    unit lacks its denominator."""
    part = per_unit_part(name)
    if part and (span := _PER_SPAN_RE.search(name or "")) and span.group(1) != part:
        part = f"{part}·{span.group(1)}"
    return part


def plain_money_unit(unit: str) -> bool:
    """A money unit with nothing counted after it (元, 万元, 千元, 亿元; not 元/人)."""
    return bool(_PLAIN_MONEY_RE.match((unit or "").strip()))
