"""Word lists of the field, in one place (like bm25s's `stopwords.py`).

- `DOMAIN_TERMS`: terms every tokenizer keeps whole, beyond the libraries'
  own names (`kb.retrieval.tokenize`).
- `CORPUS_TERMS`: terms of performance management the corpus tokenizer
  keeps whole as well (`kb.corpus.store`).
- `QUERY_STOPWORDS`: question words and particles dropped from corpus
  queries only (they say nothing about the topic).
- `QUESTION_FRAME_WORDS`: further words that frame a question (哪几类,
  是什么意思, 由谁来); not searched past, only left out when judging
  whether a query's words settle it (`kb.retrieval.settled`).
- `FORM_PATTERNS`: the declaration form's own vocabulary (titles, section
  headers, funding sources, dates, amounts, scores) cut from a description
  before it is embedded (`kb.retrieval.embed.querytext`); `{d}` stands for
  a date. No topic words.

The checker's catalog lists (vague phrases, slogans, directions) are rule
data and live with the rules (`kb.checker.lexicon`); suggest's weak terms
live with suggest. Pure data.
"""
from __future__ import annotations

import re

# Domain terms every tokenizer knows, beyond the library's own names.
DOMAIN_TERMS = (
    "绩效目标", "绩效指标", "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标",
    "时效指标", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象", "满意度", "完成率",
    "合格率", "达标率", "覆盖率", "知晓率", "到位率", "执行率", "发放率", "使用率", "利用率",
    "及时率", "准确率", "通过率", "验收合格率", "按期完成率", "受益", "受益人数", "人次", "万元",
    "预算执行率", "资金到位率", "办结率", "结案率", "就业率", "入学率", "巩固率", "接种率",
    "管理率", "控制率", "发生率", "故障率", "完好率", "出勤率", "参保率", "补助", "补贴", "资助",
    "培训", "维修", "修缮", "改造", "购置", "采购", "运维", "运行维护", "宣传", "课题", "调研",
    "助学金", "奖学金", "营养改善", "高标准农田", "农村公路", "危房改造", "老旧小区", "森林防火",
    "护林员", "公共卫生", "户厕", "改厕", "公厕", "家庭医生", "签约服务", "法律援助", "社区矫正", "免费开放", "非遗",
    "疫苗", "防疫", "雾炮车", "降尘", "抑尘", "助餐", "养老服务", "残疾人", "康复", "低保", "特困",
    "优抚", "退役军人", "乡村振兴", "产业发展", "人居环境", "饮水安全", "防汛", "水土保持",
    "管道", "供水管道", "排水管道", "污水管道", "燃气管道", "错峰生产", "散煤", "秸秆禁烧",
)

# Terms of performance management the corpus tokenizer keeps whole (beyond DOMAIN_TERMS).
CORPUS_TERMS = (
    "预算绩效管理", "全面实施预算绩效管理", "绩效目标管理", "绩效运行监控", "绩效监控", "双监控",
    "事前绩效评估", "事前评估", "绩效评价", "绩效自评", "单位自评", "部门评价", "财政评价",
    "重点绩效评价", "结果应用", "评价结果", "核心绩效指标", "核心指标", "共性指标", "个性指标",
    "一级指标", "二级指标", "三级指标", "指标值", "目标值", "计算符号", "计量单位", "度量单位",
    "定性指标", "定量指标", "指标解释", "评分标准", "计划标准", "历史标准", "行业标准",
    "经济成本", "社会成本", "生态环境成本", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "可持续影响指标", "服务对象满意度", "满意度调查", "预算执行", "预算执行率", "执行进度",
    "时间进度", "专项转移支付", "转移支付", "项目支出", "部门整体支出", "绩效目标表",
    "绩效目标申报表", "自评表", "一体化系统", "预算一体化", "绩效评价报告", "绩效报告",
    "评价等级", "优良中差", "细化量化", "指向明确", "合理可行", "相应匹配", "前置条件",
    "年度目标", "总体目标", "长期目标", "中长期目标", "投入指标", "过程指标", "政府采购",
    "绩效信息公开", "偏差原因", "整改", "红灯", "黄灯", "绿灯", "文号",
)


# Question words and particles that say nothing about the topic; dropped from queries only.
QUERY_STOPWORDS = frozenset("""
的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 么 着 过 把 被 给 让 对 向 从 都 也 就 还 又 很 更 最 该 这 那 其
什么 怎么 怎样 怎么样 如何 哪些 哪个 哪种 哪 为什么 为何 多少 几个 几 能否 能不能 可否 可以 可不可以
是否 是不是 有没有 有无 一般 通常 应该 应当 需要 需不需要 要不要 请问 请 我们 我 你 您 他 她 它 他们
这个 那个 这些 那些 一个 一下 时候 时 呢 哪里 么样 有 要 会 能 算 吗 呢 啥 咋 多 少 什么样 怎么办 咋办 行不行 好不好 对不对
""".split())


# Words that frame a question rather than name its topic: interrogatives (哪几类, 多久, 由谁来),
# particles of place and order (里, 中, 后, 各), conjunctions (或者) and the verbs of asking about a
# text (是什么意思, 包括哪些, 分为, 出自). A query's words are weighed without them when deciding
# whether its lexical match settles it (`kb.retrieval.settled`); they stay in its search tokens.
# Colloquial fillers that carry the topic's sense (说白了, 说了算, 这摊事) are not frame words.
QUESTION_FRAME_WORDS = frozenset("""
哪几 哪几个 哪几种 哪几类 几种 几类 几项 哪些方面 方面 多久 多长时间 谁 由谁 由谁来 哪天 何时 啥时候
里 中 后 前 各 或者 以及 还是 意思 含义 包括 包含 分为 分 说 叫 来 出自
""".split())


def query_terms(tokens: list[str]) -> list[str]:
    """A query's search tokens without its function words (`QUERY_STOPWORDS`: 的, 了, 多少 …), or all of
    them when nothing else remains (a query of 的 alone still searches for 的)."""
    kept = [t for t in tokens if t not in QUERY_STOPWORDS]
    return kept or tokens


FORM_PATTERNS = (
    # form titles: 项目支出绩效目标申报表, 部门整体支出绩效自评报告, 专项资金绩效目标表 …
    r"(?:\d{4}年度?)?(?:部门预算|市直部门预算|县级|市级|省级)?(?:项目支出|部门整体支出|专项资金|"
    r"转移支付资金|补助资金|衔接资金|资金)?(?:项目)?绩效(?:目标)?(?:申报|自评|评价)?(?:表|报告)",
    r"绩效(?:目标|自评|评价)",
    # section headers and project attributes
    r"(?:总体|年度|中期|长期|实施期)目标", r"项目(?:概况|属性|类型|名称|单位|负责人)",
    r"立项依据", r"实施期(?:限)?", r"(?:年度|项目|专项|财政)?资金(?:来源|用途|总额|性质)?", r"(?:年度|全年|本级)?预算(?:资金|金额|数)?",
    r"财政拨款", r"其他资金", r"其中", r"本级支出项目", r"(?:持续性|一次性|滚动|新增|延续性|经常性)项目",
    r"自评(?:总分|得分|结论|等级)?[^，。;；]*?(?:分|优|良|中|差)\)?", r"执行率[^，。;；]*",
    # dates, periods and amounts
    r"{d}(?:\s*[-—至到~]\s*{d})?",
    r"\d+(?:\.\d+)?\s*(?:万元|亿元|元)", r"本年度|年度|全年|本级",
)

# verbs that only say an event takes place (开展食品安全自查: the event is 食品安全自查; 组织开展社区党员600人次: the
# persons take part in it): no indicator name opens on one (开展工业企业错峰生产检查120家次 counts 工业企业错峰生产检查,
# not 开展…). Suggest's names and objects read this list (`kb.suggest.words` re-exports it)
HOLD_VERBS = ("开展", "组织", "进行", "召开", "举办", "实施", "举行", "安排")

# verbs that pay money out or say it has arrived (支付设备款, 拨付到校, 发放到位, 到账): the one list that a
# payment's time limit is read with, by suggest (`kb.suggest.objects`) and the checker (`kb.checker.rewrite`)
PAYMENT_VERBS = ("支付", "拨付", "发放", "兑现", "兑付", "到位", "到账")

# verbs of a fall: suggest names a change by them (水土流失面积减少850公顷 → 水土流失面积减少数量, `kb.suggest.changes`);
# a fall *to* a level (下降到10‰) is a ceiling, the size of a fall is an amount achieved
FALL_VERBS = ("下降", "降低", "减少")
# the size of a reduction or a saving (水土流失面积减少数量, 土壤侵蚀减少量, 学生近视率下降幅度, 节约用电量, 化学需氧量削减量,
# 减少土壤侵蚀量): more is better, whatever it reduces; only the level itself (水土流失面积, 发生率) is less-is-better.
# The one reading suggest's change rows are formed by (`kb.suggest.changes.change_direction`: positive) and the checker's
# direction of a name (`kb.checker.parse.name_direction`, OP-04 / QNT-08 / QNT-09) — a QA run got OP-04 asking ≤850
# 公顷 of suggest's 水土流失面积减少数量 ≥850 公顷
REDUCTION_AMOUNT_RE = re.compile(r"(?:" + "|".join(FALL_VERBS) + r"|削减|压减|缩减|节约|节省|节能|节水|节电|减排)"
                                 r"[\u4e00-\u9fff]{0,8}?(?:数量|量|幅度|额|数|百分点)$")


def reduction_amount(name: str) -> bool:
    """True for a name that measures the size of a reduction or a saving (`REDUCTION_AMOUNT_RE`): higher is better."""
    return bool(REDUCTION_AMOUNT_RE.search(name or ""))


# words of a project that builds or buys, and of one that pays money out to people (补助, 津贴, 工资 …): suggest names
# its rows by them (`kb.suggest.naming.work_kind`) and the checker's STR-10 adds a payment's rows by them
BUILD_WORDS = re.compile(r"建设|新建|改建|扩建|改造|维修|修缮|工程|硬化|购置|采购|安装|整治|治理|修建|加固|配备|设备|设施|清淤|疏浚|铺设")
PAY_WORDS = re.compile(r"补助|补贴|资助|津贴|助学金|奖学金|救助|奖励|抚恤|贴息|慰问金|生活费|报酬|工资|奖补")
# an upkeep service keeps running what stands and hands nothing over (视频监控系统运维 …设备完好率 …及时修复); what
# such a text still builds or buys (更换摄像机20台, 新建机房) is handed over. In such a text 工程 names the works kept
# running or served (雪亮工程机房租赁, 水利工程运行维护), not one built (that is 新建 / 建设 / 改造 …), and a service
# bought or the procedure of buying (服务采购, 采购第三方运维服务, 2024年7月完成招标采购: `SERVICE_PURCHASE_WORDS`)
# hands nothing over either (trial 8: 系统验收合格率 for a lease of 77 cabinets)
# a standard paid per head, household or mu (户均补助标准, 人均补贴, 每人每月补助标准, 亩均奖补标准): the amount each one
# gets, written with “=” — suggest's formed standards (`kb.suggest.binding._formed_standard`, direction equal) and the
# checker's rewrites alike (a fresh reviewer, trial 13: OP-01 proposed ≤2万元/户 where suggest writes =)
PAID_STANDARD_RE = re.compile(r"(?:(?:人|户|生|亩|次)均|每[\u4e00-\u9fff]{1,3}?)[\u4e00-\u9fff]{0,6}?"
                              r"(?:补助|补贴|资助|津贴|救助|奖补|奖励|慰问)|(?:补助|补贴|资助|津贴|救助|奖补|奖励)(?:资金)?标准")
UPKEEP_WORDS = re.compile(r"运维|运行维护|维保|维护保养|托管|租赁|租用|代维")
HANDED_OVER_WORDS = re.compile(r"新建|建设|建成|改建|扩建|修建|购置|采购|购买|安装|更换|改造|配备|铺设|硬化")
SERVICE_PURCHASE_WORDS = re.compile(r"(?:服务|招标|政府|公开|竞争性磋商|竞争性谈判|询价)采购|"
                                    r"采购[^，。；、,;]{0,10}?服务(?!器)")


def builds_or_buys(text: str | None) -> bool:
    """True when the project (its name, description, rows) builds or buys something, which an acceptance
    (验收合格率) can measure: `BUILD_WORDS`; in an upkeep service (`UPKEEP_WORDS`: 运维, 维保, 租赁) only a work
    built or a good bought (`HANDED_OVER_WORDS`), not the 设备 kept running or the faults 修复. The checker's STR-10
    and suggest (`kb.suggest.dedupe`) read it alike. In an upkeep text a service bought (服务采购, 招标采购:
    `SERVICE_PURCHASE_WORDS`) and a programme's 工程 hand nothing over."""
    if not text:
        return False
    if UPKEEP_WORDS.search(text):
        return bool(HANDED_OVER_WORDS.search(UPKEEP_WORDS.sub("", SERVICE_PURCHASE_WORDS.sub("", text))))
    return bool(BUILD_WORDS.search(text))

# words before a figure that give it as the setting a project works in, not what it does this year (全县现有农户
# 4.2万户, 已累计建成高标准农田38万亩, 其中已完成无害化改厕2.8万户): the checker's REL-06 reads them
# (`kb.checker.rules.relevance.stock_reason`); a draft should not make an output target of such a figure.
# 已完成 / 已有 after a past period (`PAST_PERIOD_WORDS`: 去年已完成改厕1200户) is that period's output instead.
STOCK_WORDS = re.compile(r"现有|已有|原有|已建成|累计|存量|已完成")
# the last edition of a recurring event (上届旅游节接待游客18万人次) is a past period too: its figures are actuals
PAST_PERIODS = ("去年", "上年", "上一年", "前年", "往年", "上学年", "上一学年", "上学期", "上季度", "上半年", "上届", "上一届")
PAST_PERIOD_WORDS = re.compile("|".join(PAST_PERIODS) + r"|\d{4}年")

# ---- words of the work and of what stands: suggest reads them (`kb.suggest.words` re-exports them) and so does the
# reader of the setting (`kb.domain.setting`), which suggest and the checker share

# verbs that say what the project does to its object (kept in front of the object in a
# quantity name: 修缮农村公路里程, 新建助餐点数量); jieba tags some of them as nouns or places
WORK_VERBS = frozenset("""新建 建设 建成 修建 改建 扩建 续建 新改建 修缮 维修 改造 提升改造 提质改造 加固 硬化 铺设
采购 购置 购买 配备 配置 安装 更新 更换 租赁 租用 发放 补助 补贴 资助 救助 慰问 奖励 扶持 资助
培训 轮训 举办 组织 召开 开展 实施 完成 治理 整治 清淤 疏浚 清理 清运 收运 处理 种植 栽植 造林 养护 管护
接种 检测 监测 抽检 检查 巡查 印制 制作 编制 编印 出版 播出 宣传 托管 运维 维护 保洁 收购 储备 轮换
修复 增设 设置 铺装 疏通 开设 加装 改扩建 翻修 粉刷 拆除 搬迁 种养 养殖 发展 举行 承办 主办 放映 演出
建立 打造 创建 新增 改善 接待 服务 救治 筛查 体检 走访 排查 办理 调解 审计 评审 聘用 聘请 招聘 安置
修补 修缮加固 改造提升 升级改造 提档升级 设立 新设""".split())

# verbs in front of beneficiaries: the object is who benefits (惠及群众1.2万名 → 受益群众人数)
BENEFIT_VERBS = frozenset("惠及 受益 覆盖 带动 帮扶 惠及到 辐射".split())

# words that say a thing already stands and the project uses it (依托12个村老年食堂, 利用现有场地, 已建成的8个站点):
# a count of it is what the project covers or serves, never what it builds (老年助餐点建设数量 ≥ 12 was reported)
# …the first of them say the project uses it (依托全县现有12个助餐点: its coverage, never its setting)
USE_WORDS = re.compile(r"依托|利用|依靠|借助")
EXISTING_WORDS = re.compile(USE_WORDS.pattern + r"|现有|已建成?|已有|原有|既有|现存|已投入使用")

# an object that only says where (全镇, 全县, 辖区, 镇域): no thing to count (`kb.suggest.naming`), and the scope a clause of
# the setting opens on (全县现有…, `kb.domain.setting`)
SCOPE_ONLY = re.compile(r"(?:全|本|各)(?:省|市|县|区|镇|乡|村|街道)|辖区|镇域|县域|市域|区域|全域")


# beneficiaries, most specific first (who a 满意度 is asked of)
BENEFICIARIES = (
    "受助学生", "参训人员", "参训学员", "受益群众", "受益农户", "受益人群", "救助对象", "服务对象", "优抚对象",
    "困难群众", "脱贫户", "残疾人", "老年人", "高龄老人", "患者", "病人", "孕产妇", "儿童", "学生", "幼儿", "家长",
    "教师", "群众", "村民", "居民", "农户", "农民", "企业", "游客", "读者", "观众", "职工", "干部", "学员", "老人",
    "妇女", "退役军人", "社会公众", "使用人员", "使用单位", "市民", "商户", "经营主体", "驾驶员", "参赛选手",
    "参会人员", "用户", "住户", "租户", "就业人员", "劳动者", "求职者", "申请人", "当事人",
)
# beneficiaries that are the served in general, or the project's own staff and paid roles (村组干部报酬: the public
# they serve is asked) — a text naming only these names no group of its own
GENERAL_SERVED = frozenset("""服务对象 受益群众 受益人群 困难群众 群众 居民 村民 市民 社会公众 使用人员 使用单位 用户 干部 职工
申请人 当事人 就业人员 劳动者""".split())


def served_groups(beneficiaries: list[str]) -> list[str]:
    """The groups of `beneficiaries` a text names as its own (学生, 脱贫户, 优抚对象), in order: not the served in
    general (服务对象, 群众) nor the project's own staff (`GENERAL_SERVED`)."""
    return [b for b in beneficiaries if b not in GENERAL_SERVED]


def beneficiaries(text: str) -> list[str]:
    """Beneficiaries named in `text` (`BENEFICIARIES`), most specific first (a longer name hides the shorter inside
    it); the text normalised (`kb.domain.text.normalize`). Suggest's reading of whom a 满意度 asks, and the checker's
    (SAT-05's rename of 社会公众满意度 names the group the description serves, trial 18)."""
    from kb.domain.text import normalize

    t = normalize(text)
    found = [b for b in BENEFICIARIES if b in t]
    return [b for b in found if not any(b != o and b in o for o in found)]
