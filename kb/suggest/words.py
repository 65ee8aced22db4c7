"""Word lists of suggest: verbs of the work, function words, measures, beneficiaries, the form's words.

Domain knowledge of how Chinese project descriptions and indicator names are
written (our own lists). Kept in one place so object extraction
(`kb.suggest.objects`), naming (`kb.suggest.naming`) and the cleanliness
check read the same words. Not for the checker's lexicon (`kb.checker.lexicon`).
"""
from __future__ import annotations

import re

# verbs of the work: the shared list (`kb.domain.words.WORK_VERBS`, the setting reader reads it too)
from kb.domain.words import WORK_VERBS  # noqa: E402,F401

# the classes of rural roads (县道、乡道、村道 are 农村公路): jieba cuts 县乡村道 into 县 / 乡村 / 道 (a measure word)
# not 村道: 通村道路 would cut 通|村道|路; 主次干道 jieba cuts 主次|干道 and tags 干道 a verb
# …and jieba tags 通道 a verb too (新建和维修防火通道35公里 had no object, a reviewer saw it bound to 隔离带)
ROAD_CLASSES = ("县乡村道", "县乡道", "村组道路", "通村公路", "通组公路", "主次干道", "主干道", "次干道", "干道",
                "防火通道", "通道")

# a kind of work a row of a type's set can be about, beyond what every project of the type does (大气污染治理项目数量
# in 大气污染防治, 档案数字化页数 in 档案与地方志): such a row needs its work in the text (a monitoring of air quality
# treats no pollution; a storeroom's renovation digitises nothing) — the verbs of WORK_VERBS that name a kind of work,
# not those any project says (开展, 完成, 服务 …) nor those of paying (补助, 发放: a subsidy's own words)
KIND_OF_WORK = frozenset("""修缮 维修 改造 加固 硬化 铺设 采购 购置 安装 更换 租赁 培训 轮训 治理 整治 清淤 疏浚 清运 收运 种植 栽植
造林 养护 管护 接种 检测 监测 抽检 巡查 印制 编印 出版 播出 托管 运维 保洁 收购 储备 轮换 修复 疏通 拆除 搬迁 养殖 放映 演出
救治 筛查 体检 走访 排查 调解 审计 评审 数字化 编纂 改厕 扑火 收治 认定""".split())
# …and 服务 when a row's name opens on it (服务周期, 服务需求满足率: the service a 政府购买服务 buys); inside a name it is
# part of another work's (康复服务, 物业服务, 公共服务水平) and says nothing alone
SERVICE_HEAD = "服务"
# the same kind of work in other words (a text that 整治s a river does the work a 治理 row names)
# (维修 and 改造 are one 维修改造 work; 清淤 and 疏浚 treat a river)
WORK_SYNONYMS = (("修缮", "维修", "修复", "维护", "整修", "翻修", "修理", "改造"),
                 ("治理", "整治", "清淤", "疏浚", "疏通", "防治"), ("清淤", "疏浚", "清理", "疏通"), ("清运", "收运", "转运"),
                 ("种植", "栽植", "造林", "栽种", "补植", "种养"), ("养殖", "种养"), ("检测", "监测", "抽检", "检验", "化验"),
                 ("采购", "购置", "购买", "配备", "配置"), ("养护", "管护", "维护"), ("培训", "轮训", "研修"),
                 ("巡查", "巡护", "巡逻", "检查"), ("运维", "运行维护", "维护"),
                 ("体检", "健康检查"), ("印制", "编印", "印刷", "制作"),
                 ("扑火", "扑救", "灭火", "扑灭"), ("收治", "住院", "病区", "病床", "床位", "入院"),
                 ("认定", "认证", "评定", "认的"))
# a row's acceptance (〔X〕验收合格率) is of something handed over: works, goods, a system, planting, research — a
# testing, monitoring or service contract hands over a report or a service, which no 验收合格率 measures
DELIVERED_WORK = re.compile(r"新建|建设|建成|修建|改建|扩建|续建|施工|竣工|工程建设|修缮|维修|改造|加固|硬化|铺设|采购|购置|"
                            r"购买|配备|配置|安装|更换|治理|整治|清淤|疏浚|种植|栽植|造林|修复|改厕|数字化|开发|研发|研究|"
                            r"课题|科研|适配|配发|建档|验收")
# modes of one programme that exclude each other: a row naming one mode is another group's when the text names only the other
# (敬老院 is 集中供养: 特困人员分散供养人数 is another group's row; 养老机构床位数 for a 社区居家养老服务中心).
# Each mode is the words that name it.
EXCLUSIVE_MODES = ((("分散供养",), ("集中供养",)),
                   (("养老机构", "机构养老"), ("居家养老", "社区养老", "居家社区养老")))

# verbs that only say an event takes place: the shared list (`kb.domain.words.HOLD_VERBS`)
from kb.domain.words import HOLD_VERBS  # noqa: E402,F401

# units that count occurrences of a work (巡查48次, 培训6期, 每季度开展1次)
EVENT_UNITS = frozenset("次 场 期 批 批次 场次 轮".split())

# verbs in front of beneficiaries: the shared list (`kb.domain.words.BENEFIT_VERBS`)
from kb.domain.words import BENEFIT_VERBS  # noqa: E402,F401

# words never part of an object phrase
FUNCTION_WORDS = frozenset("""的 地 得 了 着 过 和 与 及 以及 或 或者 并 并且 而 等 等等 为 对 向 给 把 被 由 从 在 于 以 将
按 按照 根据 通过 用于 对于 关于 其中 包括 共 共计 累计 合计 总计 约 达 达到 不少于 不低于 不超过 超过 以上 以下
以内 左右 全年 年度 每年 每月 每 各 各类 全部 全面 有效 进一步 主要 相关 拟 计划 预计 力争 确保 保障 实现 提高
提升 加强 推进 促进 落实 做好 持续 切实 积极 其 该 本 此 上 下 中 内 外 前 后 个 名 项 万 亿 元 万元 亿元 是
不 未 没有 无 已 已经 正在 将要 能 可 可以 需要 应 应当 要 务必 用 使 让 使用 今年 明年 当年 本年 本年度 上年 去年
年内 年底 年初 年末 当期 同期 目前 现在 以来""".split())

# POS tags (jieba) that can stand inside an object phrase
NOUN_TAGS = ("n", "nr", "ns", "nt", "nz", "ng", "vn", "j", "l", "b", "an", "nrt", "nrfg", "x", "eng", "i")
STOP_TAGS = ("p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "c", "d", "f", "m", "q", "r", "y", "e", "o",
             "zg", "mq", "tg", "s")

# words of what stands and of its use: the shared lists (`kb.domain.words.USE_WORDS`, `EXISTING_WORDS`)
from kb.domain.words import EXISTING_WORDS, USE_WORDS  # noqa: E402,F401

# what a harm the text counts names (受害森林面积114.48公顷, 发生森林火灾16起): a result to keep low, never a
# quantity the project produces — no 森林面积 ≥ 114.48 公顷 is formed from it (fresh trial, E046)
HARM_WORDS = ("受害", "受灾", "损毁", "毁坏", "火灾", "事故", "伤亡")

# field words that close a compound jieba cuts in two (设施|农业, 高效|农业, 休闲|农业): a name's object never
# starts with one when the words before it were dropped (农业黄金蜜种植 reads as garbled)
FIELD_HEADS = frozenset("农业 林业 牧业 渔业 畜牧业 种植业 养殖业 工业 产业 行业 事业 服务业 旅游业".split())

# beneficiaries and the served in general: one list for suggest and the checker (trial 18: SAT-05 reads them)
from kb.domain.words import BENEFICIARIES, GENERAL_SERVED, served_groups  # noqa: E402,F401


# whom an institution's own project serves when its text names nobody, read from the implementing unit's name (the
# part before a bracketed 主管): a school's 校园维修改造 serves its 师生, a court's 审判楼 repair its 干警, a hospital's
# equipment its 患者 — the respondents of real tables of such units (学生满意度 / 教师满意度, 干警满意度, 医院患者满意度)
_UNIT_PEOPLE = ((re.compile(r"(?:党校|行政学院|干部学院)$"), "学员"),
                (re.compile(r"幼儿园$"), "幼儿家长"),
                (re.compile(r"(?:中学|小学|学校|完小|中专|职高|职校|学院|大学)$"), "师生"),
                (re.compile(r"(?:法院|检察院)$"), "干警"),
                (re.compile(r"医院$"), "患者"),   # a 卫生院's 基本公共卫生服务 serves the 居民 of its township
                (re.compile(r"图书馆$"), "读者"),
                (re.compile(r"(?:博物馆|纪念馆|美术馆|展览馆|科技馆)$"), "观众"),
                (re.compile(r"(?:敬老院|养老院|福利院|供养服务中心)$"), "入住老人"))
# the respondents a unit's own people are asked as (a row asking 学生 or 教师 asks a school's 师生)
UNIT_RESPONDENTS = {"师生": ("师生", "学生", "教师", "家长"), "干警": ("干警", "民警"), "患者": ("患者", "病人"),
                    "学员": ("学员", "参训", "培训"), "幼儿家长": ("家长", "幼儿", "儿童"), "读者": ("读者",),
                    "观众": ("观众", "参观"), "入住老人": ("老人", "老年", "入住")}


def unit_people(department: str | None) -> str:
    """The people an implementing unit serves by its own kind ('师生' for 黄石市第三中学(主管:黄石市教育局), '干警'
    for 天津市河北区人民法院, '患者' for 海南省平山医院), '' for any other unit or none (a bureau, 教育局, serves
    whomever its programme names)."""
    unit = re.split(r"[(（]", department or "")[0].strip()
    return next((who for pat, who in _UNIT_PEOPLE if pat.search(unit)), "")


# (保安, 辅警, 门卫: staff a project hires, counted in 名 — 聘请专职保安126名 named no row, trial 18)
PERSON_HEADS = re.compile(r"(人|者|员|生|户|民|众|童|儿|老|妇|士|工|长|师|客|友|属|对象|人群|家庭|保安|辅警|门卫|保姆|月嫂)$")

# the measure a quantity's unit gives its name (修缮农村公路 + 公里 → 修缮农村公路里程)
UNIT_MEASURE = {
    "人": "人数", "名": "人数", "位": "人数", "万人": "人数", "万名": "人数", "人次": "人次", "万人次": "人次",
    "户": "户数", "万户": "户数", "户次": "户次", "公里": "里程", "千米": "里程", "米": "长度", "延米": "长度",
    "平方米": "面积", "万平方米": "面积", "亩": "面积", "万亩": "面积", "公顷": "面积", "平方公里": "面积",
    "立方米": "方量", "万立方米": "方量", "吨": "数量", "万吨": "数量", "公斤": "数量", "千克": "数量",
    "次": "次数", "万次": "次数", "场": "场次", "场次": "场次", "期": "期数", "班": "期数", "批": "批次", "批次": "批次",
    "天": "天数", "日": "天数", "小时": "时长", "个月": "时长", "课时": "课时数", "学时": "学时数", "篇": "篇数",
    "%": "比例", "千瓦时": "量", "度": "量", "kWh": "量", "吨标准煤": "量",   # 节约用电 + 万千瓦时 → 节约用电量
}
COUNT_MEASURE = "数量"   # every other count unit (个, 台, 套, 辆, 处, 所, 粒, 株 …)

# project-name words that say how it is funded or filed, not what it does; 经费 after a kind of spending
# (公用经费, 人员经费, 办公经费, 运转经费: the money is the object) stays — 初中公用经费 lost it and formed the
# garbled 初中公用完成时间 (a real table: 公用经费完成时间)
NAME_BOILERPLATE = re.compile(
    r"(?:\d{4}年?(?:至|-|—|~)\d{4}年?|市本级|县本级|区本级|\d{4}年度?|\d{4}-\d{4}年?|第?[一二三四五六七八九十]+季度|第[一二三四五六七八九十\d]+批|本级|市级|省级|县级|区级|"
    r"中央|自治区|财政|转移支付|专项资金|专项经费|补助资金|补助经费|工作经费|业务经费|项目经费|资金|"
    r"(?<!公用)(?<!人员)(?<!办公)(?<!运转)经费|专项|项目|"
    r"支出|部门整体|绩效|自评|区域)")

# words that name a programme, a target group or a sector's own object: a row holding one the
# project text does not hold belongs to another programme (雨露计划补助标准 for school meals,
# 刑事案件破案率 for a server-room lease, 节地生态安葬率 for an elderly canteen)
PROGRAMME_WORDS = tuple("""中职 中等职业 高中 普通高中 义务教育 学前 幼儿园 幼儿 高校 大学 技工院校 特殊教育 特校 雨露计划 营养改善
营养膳食 特岗 乡村教师 低保 特困 五保 残疾 残疾人 优抚 退役 义务兵 脱贫 监测户 建档立卡 贫困 易地搬迁 高标准农田 危房 老旧小区
公租房 廉租 保障性住房 棚户区 刑事 治安 禁毒 毒品 殡葬 安葬 墓地 建筑垃圾 秸秆 畜禽 生猪 牲畜 动物疫病 疫苗 接种 森林 草原 湿地
林业 护林 河长 河道 水土 水库 灌区 地质灾害 非遗 文物 图书馆 博物馆 文化馆 美术馆 公交 出租车 航空 铁路 港口 航道 渔业 渔船
矿山 煤矿 消防 地震 气象 人防 民兵 征兵 宗教 民族 侨务 妇女 儿童 青少年 老年人 老年 高龄 养老机构 计划生育 独生子女 艾滋病
结核 精神障碍 严重精神 慢病 高血压 糖尿病 孕产妇 新生儿 中医药 医保 医疗保险 养老保险 失业保险 工伤 生育保险 公积金 税务 海关
口岸 外贸 外资 会展 电商 旅游 景区 体育 赛事 法律援助 社区矫正 信访 审计 统计 档案 地方志 党史 机关事务 公务用车 三公
食品安全 药品 医疗器械 化妆品 特种设备 计量 知识产权 粮食 储备粮 农机 种子 化肥 农药 地膜 耕地 土壤 污水 垃圾 大气 噪声 辐射
环境监测 自然保护区 野生动物 国家公园 自来水 饮水 供水 燃气 供暖 供热 路灯 园林 绿化 环卫 公厕 停车 城管 执法 道路 公路 桥梁 隧道
农村公路 客运 物流 健康管理 家庭医生 失能 护理补贴 邮政 通信 网络安全 信息系统 数据中心 机房 视频监控 雪亮工程 融媒体 广播 电视 报刊 出版 电影 戏曲 送戏 临时救助 无障碍 托养 投诉 举报 户厕 改厕 小区 教育教学
就业补助 就业专项 科普 慰问 职工 参保 公务出行 办公环境 寄宿""".split())

# places and facilities a row may be about (公园年接待游客人次, 景区门票收入, 场馆开放率): a library or type row naming
# one the text does not name measures another place — a festival held in a town has no 公园 (trial 8, struck three
# trials in a row); longest first, so 体育馆 is read before 场馆
FACILITY_WORDS = tuple(sorted("""公园 游园 景区 景点 场馆 体育馆 体育场 体育中心 图书馆 博物馆 文化馆 纪念馆 美术馆 科技馆 展览馆
剧院 剧场 影剧院 电影院 广场 码头 机场 车站 客运站 停车场 菜市场 农贸市场 动物园 植物园 游乐园 度假区 旅游区 风景区
滑雪场 游泳馆 游泳池""".split(), key=lambda w: (-len(w), w)))


# a building a row measures, by its name or its 指标解释 (修缮面积: 完成修缮的房屋建筑面积), and the words by which a text
# names any building at all: a road's repair (计划修缮乡村道路12公里) asked for a house's 修缮面积 (trial 9, the README's
# own example; `evidence.unnamed_building`)
BUILDING_MEASURED = re.compile(r"房屋|建筑面积|建筑物|校舍|住房|农房|危房|楼宇|办公楼|馆舍")
BUILDING_NAMED = re.compile(r"房|楼|舍|屋|建筑|馆|厅|堂|室|厂|库|宿舍|食堂|院落")


# how a city's green space is laid out (a planning measure): upkeep of what stands does not move it (trial 9, D051:
# 公园绿地服务半径覆盖率 ≥ 80 % for a 绿化养护 contract)
LAYOUT_MEASURES = re.compile(r"服务半径覆盖率|人均公园绿地面积|绿地率|绿化覆盖率|绿地覆盖率")


# what a contract is split into (市区绿化分成六个标段承包), not what the work makes: a figure counting one is no target
# (trial 9, D051 got 标段数量 ≥ 6 个, then 公园维护数量 ≥ 6 个; `context._is_target_mention`)
CONTRACT_LOTS = frozenset(("标段", "标包", "包件", "合同段", "分标"))


# words too common in descriptions to count as evidence of relevance on their own
WEAK_TERMS = frozenset("""项目 工作 建设 管理 服务 提高 完成 资金 经费 年度 实施 开展 保障 提升 加强 推进 目标
绩效 指标 计划 专项 财政 预算 单位 部门 全面 有效 进一步 情况 相关 各项 支出 我们 今天 数量 质量 时效
成本 效益 满意 满意度 社会 经济 生态 可持续 影响 率 数 人数 人次 个 次 中心 机关 总体 元 万元 好 很好
今天 明天 昨天 我们 你们 他们 一个 一些 这个 那个 什么 怎么 可以 需要 进行 主要 以及 通过
保持 达标 发展 地方 促进 改善 确保 落实 申报 申报表 自评 绩效目标 本级 年初 执行 执行率""".split())
# figures of the declaration form itself, not targets of the project ("执行率100%", "自评得分95分")
FORM_CONTEXT = re.compile(r"执行率|执行进度|支出进度|自评|得分|总分|权重|分值|支出率|完工率")

# declaration boilerplate: words every 申报表 carries, which say nothing about the project
BOILERPLATE = frozenset("""绩效 目标 绩效目标 申报 申报表 自评 自评表 评价 项目支出 支出 年度 总体 总体目标 年度目标 本级
预算 资金 万元 财政 拨款 实施 实施期 属性 项目属性 持续性 常年性 一次性 新增 滚动 单位 部门 指标 情况 表 项目
中央 省级 市级 县级 区级 下达 安排 其中 用于 主要 内容 通过 进一步 有效 提升 提高 确保 全面 工作 开展 做好
元 年 月 日 个 及 和 与 的 了 等 为 在 对 是 按 将""".split())
BOILERPLATE_BIGRAMS = frozenset(w[i:i + 2] for w in BOILERPLATE if len(w) > 2 for i in range(len(w) - 1))

# the declaration form's own words: they say nothing about the kind of project
FORM_WORDS = re.compile(r"绩效目标|绩效|申报表|申报|自评表|自评|目标表|项目支出|支出|总体目标|年度目标|预算|资金|财政|拨款|"
                        r"执行率|执行|年度|万元|亿元|元|本级|持续性|常年性|一次性|项目属性|实施期|项目")

# on-time completion, whatever its object: 完成及时率, 按期完成率, 完工率 … (one per table; a stated deadline replaces it)
ON_TIME = re.compile(r"(完成及时率|按期完成率|按时完成率|按期完工率|按时完工率|完工率|按期竣工率|完成时间|完工时间|"
                     r"按期投入运营率|按时投入运营率|按期投入使用率|按时投入使用率)$")
# work that runs all year and never completes (a reserve kept, a disease or drug controlled, a system or a city kept
# running): a project whose name (core) says one has no completion date — no 〔项目〕完成时间 dated by the year's end,
# no on-time rate of the whole (trial 9: 储备粮完成时间, 重大动物疫病防控完成时间, 禁毒完成时间); its 时效 rows are the
# timeliness of the work it names (疫情报告及处置及时率, 贷款付息及时率), else none (`standing_work`). So does a fund that
# keeps a body running all year (初中公用经费, 村级运转经费, 日常运行经费): it is spent as the year goes, its 时效 row is how
# the money reaches the body (公用经费支付及时率), never 初中公用经费完成时间 12月31日前 (E034, round 13); and fire
# watch over the fire season (航空消防租机: 火情报告及时率, not 火情报告完成时间 12月31日前, E048)
STANDING_WORK = re.compile(r"储备|防控|防疫|禁毒|戒毒|运维|运行维护|保洁|安保|巡护|值守|"
                           r"公用经费|运转经费|运转资金|日常运行|运行经费|正常运转|航空消防|森林防火|护林")
# on-time rows about no work in particular (项目完成时间, 任务完成及时率, 工作按期完成率)
WHOLE_WORK = re.compile(r"^(?:项目|任务|工作|年度任务|年度工作|工作任务)")


def standing_work(core: str | None, name: str | None) -> bool:
    """True when the project core (else the name) names work that runs all year (`STANDING_WORK`)."""
    return bool(STANDING_WORK.search(core or name or ""))


# an on-time opening (老年助餐点按期投入运营率): dated, it is 〔X〕投入运营时间, not 〔X〕投入运营完成时间
IN_USE_ON_TIME = re.compile(r"(?:按期|按时)(投入运营|投入使用)率$")
# the period a service runs (服务周期 2023年7月至2024年1月, or 180 天): one per table, a 时效 row
PERIOD = re.compile(r"(服务周期|实施周期|项目周期|服务期限|服务期)$")
# a period the text states: 实施期2023.07-2024.01, 服务周期为2023年7月至2024年6月
STATED_PERIOD = re.compile(r"(?:实施期|实施周期|服务周期|服务期|项目周期)[为是:：\s]*"
                           r"((?:19|20)\d{2}\s*[.\-/年]\s*\d{1,2}\s*月?(?:\s*[.\-/]\s*\d{1,2}\s*日?)?\s*"
                           r"(?:-|—|–|~|～|至|到)\s*(?:(?:19|20)\d{2}\s*[.\-/年]\s*)?\d{1,2}\s*月?"
                           r"(?:\s*[.\-/]\s*\d{1,2}\s*日?)?)")

# a standard or unit amount (每人每月补助标准, 单价, 人均成本): a per-unit row, not a total
STANDARD_NAME = re.compile(r"标准|单价|补贴额|补助额|人均|生均|户均|每|单[页件张个次株亩]成本")

# what an institution does or holds every year, whoever pays (门诊服务人次 and 病床使用率 of a hospital, 系统用户数量 of a system,
# 保障办公场所面积 of an office): a row measuring one is the project's output only when the text's work is about it —
# a hospital's renovation and equipment fund, a system's maintenance contract and a market fund are not (trial 5: E012,
# a 社保 system's 运维, E003). Each entry: the words that mark such a row, and the words by which a text names that activity
# or asset.
ROUTINE_MEASURES = ((("门诊",), ("门诊", "诊疗", "就诊", "接诊")),
                    (("病床", "床位"), ("病床", "床位", "住院")),
                    (("用户数", "用户量"), ("用户", "账号", "注册")),
                    (("办公场所", "办公用房", "办公面积"), ("办公场所", "办公用房", "办公楼", "办公室", "办公面积")),
                    # samples are taken only where the text samples or tests (环境监测样品数量 for automatic grid
                    # monitoring stations, trial 13 E036)
                    (("样品",), ("样品", "采样", "取样", "抽样", "送检", "检测", "化验", "检验", "抽检")),
                    # an amount cut from a settlement is what auditing or reviewing one finds (核减节约资金 for a
                    # commodity testing fund, trial 13 E039)
                    (("核减",), ("审计", "评审", "审核", "审定", "结算", "造价", "核减")))
# kinds of equipment a row or a text names (办公设备, 医疗设备 …): a row naming one the text does not is another project's
# when the text names another kind (trial 5: 办公设备配置达标率 for a village clinic's 基本医疗设备)
EQUIPMENT = re.compile(r"(办公|医疗|医用|诊疗|教学|实验|农机|农业|消防|救援|应急|信息化|网络|通信|检测|监测|体育|健身|安防|"
                       r"监控|环卫|执法|康复|养老|厨房|炊事|广播|电教|多媒体|计算机|办公自动化)(?:设备|器械|装备)")
# a persons' group a per-head row is about (党员人均教育培训经费, 学生人均…): before 人均 or 生均
PER_HEAD_GROUP = re.compile(r"^(.{2,5}?)(?:人均|生均)")
