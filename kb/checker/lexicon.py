"""Word lists the checker's lexicon rules match against (after NFKC + Traditional→Simplified).

Source: ../shared/data/rules/RULES.md §4 (the catalog's word lists, which it
calls a starting point, not a ceiling). Additions of ours are marked `# ours`
with the reason. Matching is by compiled regular-expression alternation so a
list costs one C-level scan per string.

Not for rule logic (see the category modules) or for value parsing
(`kb.checker.parse`).
"""
from __future__ import annotations

import re


def alternation(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One compiled regex matching any of `words` (longest first)."""
    ws = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ws))


# VAGUE: degree / trend words that make a value unassessable (QNT-01, GOAL-01)
VAGUE = (
    "有所提高", "有所提升", "有所改善", "有所增加", "有所增强", "有所下降", "有所减少",
    "进一步", "明显", "显著", "较好", "较高", "较大", "较强", "基本", "逐步", "逐年",
    "大幅", "稳步", "持续", "不断", "加强", "增强", "完善", "健全", "努力", "力争",
    "争取", "确保", "尽量", "尽可能", "提高", "提升", "改善", "优化", "推进", "推动",
    "促进", "巩固", "拓宽", "扩大", "良好", "有效", "积极", "大力", "全面", "充分",
    "切实", "长期", "长效", "稳定", "可持续", "得到保障", "一定程度", "较为", "适当",
    # ours: 好 (很好, 更好, 好转 …) is the degree 较好 and 良好 state, listed here by the catalog (RULES.md §4
    # VAGUE; QNT-01 说明 names 较好): without the 定性 operator it says no more than they do (工作质量 = 好).
    # Under 定性 it is a grade (RULES.md §4 GRADE 好 / 较好 / 一般 / 较差) and QNT-01 leaves it alone.
    "好",
)
VAGUE_RE = alternation(VAGUE)

# TIME_VAGUE: timeliness words without a date (TIME-01; on other rows part of QNT-01)
TIME_VAGUE = (
    "及时", "按时", "按期", "准时", "适时", "尽快", "如期", "年内", "限期", "规定时间",
    "按要求", "按计划", "定期", "同步",
    # ours: the same "no date given" meaning in forms seen in real tables
    "计划时间内", "计划完成时间内", "规定时限", "规定期限", "期限内", "合同约定时间",
)
TIME_VAGUE_RE = alternation(TIME_VAGUE)

# GRADE: the legal target values of a 定性 indicator
GRADE = frozenset((
    "一般", "不合格", "不合规", "中", "中等", "优", "优秀", "优良", "低", "合格", "合规",
    "否", "好", "完成", "差", "无", "是", "有", "未完成", "未达成年度指标且效果较差",
    "未达标", "良", "良好", "较好", "较差", "较高", "达到预期", "达成年度指标", "达标",
    "部分达成年度指标并具有一定效果", "高",
    # ours: a zero-tolerance target in words (区域性重大动物疫情 不发生), like 无
    "不发生", "未发生", "零发生",
))

# ours: GRADE words that state a degree and no grade of a scale (高, 较高, 好, 较好, 良好, 低): written without 定性 they
# are QNT-01's vague words (the catalog lists 较好, 较高, 良好 in VAGUE) or OP-01's bare value, and a fix never wraps
# them as 定性：较高 — a 定性 target is a grade of a stated scale (285号 第十四条(二): 定性的分级分档形式), e.g. 空气质量
# 优良 (AQI ≤100, HJ 633-2012), 合格 (the acceptance standard), 合规, 达标, 是/否; a degree has no scale to grade by
DEGREE_GRADES = frozenset(("高", "较高", "低", "好", "较好", "良好"))

# ours: GRADE words that say the target was met and not what it is (达到预期, 达成年度指标 — the catalog's three levels of
# a self-evaluation's score, not of what a row promises). On a 效益 row (信息化管理水平 定性：达到预期, 群众出行条件 定性：
# 达到预期) the expectation is nowhere stated: as vague as 有所提高 (QNT-01; round 13, a fresh reviewer). On a 产出 row
# (课程开发质量 定性 达到预期) the expectation is the work's design or acceptance standard, and the grade stands (S100).
OUTCOME_GRADES = frozenset(("达到预期", "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"))

# ours: a 定性 value that states a result a reviewer can verify at year end — a hazard removed (隐患全部消除), an event
# that did not happen (无安全事故发生, 未发生…), a rule set up (已建立…制度, 出台…办法), an acceptance passed (通过验收,
# 验收合格) — is a 定性 standard with two grades, met or not (285号 第十四条(二): 定性的分级分档形式). QNT-05 accepts it
# under 定性 (trial 10: the suggest hint asked for 可核验的定性标准, the user wrote 玻璃幕墙外延脱落隐患全部消除, and
# QNT-05 called it ungraded); written without 定性 the fix declares 定性 and keeps the words. A vague word in it
# (有效消除: QNT-01) still makes it vague; a figure in it is read as a number, not here.
CHECKABLE_RESULT_RE = re.compile(
    r"(?:消除|排除|根除|清除|整改到位|整改完毕|建成|完工|竣工|投入使用|通过[\u4e00-\u9fff]{0,8}验收|验收合格|"
    r"已?建立[\u4e00-\u9fff]{0,10}(?:制度|机制|台账|档案)|出台|印发|制定[\u4e00-\u9fff]{0,10}(?:制度|办法|方案|预案)|"
    r"无[\u4e00-\u9fff]{0,12}(?:发生|事故|事件)|未发生|不发生|零[\u4e00-\u9fff]{0,6}(?:事故|事件|投诉|发生)|杜绝|"
    r"全部(?:完成|到位|落实|覆盖)|全覆盖)")
# the hint a 定性 row to fill carries (suggest's 待填写 note and the checker's advice say the same)
CHECKABLE_RESULT_HINT = "请写明年底可核验的结果，如“…隐患全部消除”“无…事故发生”“已建立…制度”“通过…验收”，运算符选“定性”"


def checkable_result(v: str) -> bool:
    """A text value that states a verifiable end state (`CHECKABLE_RESULT_RE`): 全部消除, 无…发生, 已建立…制度,
    通过验收. Text only: the caller excludes values with a figure and vague ones (QNT-01)."""
    return bool(v) and bool(CHECKABLE_RESULT_RE.search(v))

# ASPIRE: aspiration verbs that make a *name* a slogan (QNT-02)
ASPIRE = ("提高", "提升", "改善", "加强", "完善", "促进", "推动", "推进", "巩固", "增强",
          "优化", "实现", "助力", "保障", "营造", "打造",
          # ours: 满足…需求 is the same kind of slogan (满足市民休闲游憩需求: nothing to measure)
          "满足")
ASPIRE_RE = alternation(ASPIRE)

# METRIC: measure nouns; a name holding one has a measurement basis (QNT-02/REL-04)
# shares measured by a survey (群众安全感 ≥90%, 政策知晓度 ≥85%): measures, and in % when written bare;
# ours: 安全感 and its kin beside 满意度 (群众安全感 ≥90% is a common 社会效益 target, not a slogan);
# 获得感 / 幸福感 stay out: 增强人民群众获得感幸福感 is the catalog's own slogan example
SURVEYED = ("满意度", "知晓度", "认可度", "安全感", "认同度", "支持度", "信任度")
# ours (OP-04): a surveyed share is higher-is-better whoever answers it (投诉举报人满意度, 事故受害者家属满意度)
SURVEYED_RE = alternation((*SURVEYED, "满意率", "满意程度"))
METRIC = (
    "率", "人数", "人次", "户数", "次数", "个数", "件数", "台数", "套数", "数量", "面积",
    "里程", "长度", "金额", "费用", "成本", "标准", "比例", "占比", "比重", "指数", "时间",
    "时长", "天数", "时限", *SURVEYED, "参与度", "覆盖面", "规模", "产量",
    "产值", "收入", "总量", "年限", "期数", "场次", "批次",
    # ours: 单价 is a cost measure like 成本 / 费用; 满意程度 is 满意度 in other words
    "单价", "满意程度",
    # ours: persons counted as 受益人口 (农村饮水安全巩固提升受益人口 ≥9000 人); a graded national measure
    # (耕地质量等级, GB/T 33469, in 等): measures, not slogans
    "受益人口", "质量等级",
)
METRIC_RE = alternation(METRIC)
# ours: 密度 is a measure (免疫密度 = 应免畜禽中已免疫的比例, 农业农村部强制免疫技术指导意见; 覆盖密度,
# 路网密度) only after an object: what is left before it, aspiration verbs removed, must be two characters
# or more (密度 / 提高密度 alone say nothing of what is counted)
DENSITY_RE = re.compile(r"密度")
# names ending in one of these (but not 质量) also count as measured
METRIC_ENDINGS = ("数", "量", "额", "值", "性")
# ours, REL-04 only: official statistics named as a level (居民健康素养水平 30 %, RULES.md §8
# names it a known false alarm); QNT-02 keeps the catalog list (提升公共服务水平 is a slogan)
LEVEL_STAT_RE = re.compile(r"(?:水平|指数)$")

# QUANT_NAME: suffixes that make an indicator quantifiable (QNT-06)
QUANT_NAME = ("率", "数量", "人数", "次数", "个数", "户数", "人次", "金额", "面积", "里程",
              "长度", "天数", "时长", "比例", "占比")
QUANT_NAME_RE = alternation(QUANT_NAME)

# direction words (OP-04, QNT-08, QNT-09): positive override > negative > positive
POS_OVERRIDE = ("下降率", "降低率", "减少率", "节约率", "节支率", "节省率", "压减率", "整改率",
                "处置率", "办结率", "化解率", "查处率", "解决率", "消除率", "治理率", "削减")
POS_OVERRIDE_RE = alternation(POS_OVERRIDE)
# negatives that make the quantity bad whatever its head noun
NEG_STRONG = ("逾期", "延误", "超期", "滞后", "误差", "差错", "错误", "失误", "死亡", "伤亡",
              "空置", "闲置", "流失", "返贫", "辍学", "超支", "超标", "复发", "漏报", "迟报",
              "返工", "结余率", "冒领", "响应时长", "响应时间", "等待时间", "办理时限",
              "办结时限", "平均时长", "发生率",
              # ours: the negative ratio forms of the object words below
              "不合格率", "故障率", "事故率", "投诉率", "发病率", "感染率", "差错率", "受害率", "损失率",
              # ours: a count of what should not happen, as 发生率 is its rate (森林火灾发生次数, 案件发生数)
              "发生次数", "发生起数", "发生数",
              # ours: rational drug use, kept low (国家卫生健康委 抗菌药物临床应用管理); 使用率 is otherwise a
              # positive head (设备使用率)
              "抗菌药物使用率", "抗菌药物使用强度")
NEG_STRONG_RE = alternation(NEG_STRONG)
# ours: the negatives above that are no object work is done on: the measure itself (a time, a rate, a
# count of events) or a failure of the work (逾期, 差错 …). Work named before or after them does not turn
# the quantity round (疫情处置响应时间, 整治后事故发生率, 投诉办理逾期件数 stay low-is-better)
NEG_NOT_OBJECT_RE = re.compile(r"(?:时长|时间|时限|率|次数|起数|发生数|强度)$|^(?:逾期|延误|超期|滞后|误差|差错|错误"
                               r"|失误|超支|超标|漏报|迟报|返工|冒领|复发)$")
# ours: a ceiling's use (林木采伐限额执行率 ≤100 %): neither more nor less is better in itself, like 控制率
CEILING_RE = alternation(("控制率", "限额"))
# ours: a duration a name ends in; a remedial word does not make it higher-is-better (事故处理时间)
DURATION_END_RE = re.compile(r"(?:时间|时长|时限|用时|天数|周期|工作日)$")
# negatives that name an object a positive ratio can be *about* (投诉处理率, 排放达标率):
# negative only when the name does not end in a positive head. ours: the catalog lists
# them as plain negatives, which flags 污水排放达标率 ≥ 95% as a wrong direction.
NEG_OBJECT = ("故障", "投诉", "事故", "违规", "违纪", "违法", "争议", "损失", "污染", "排放",
              "能耗", "消耗", "发病", "感染", "不合格", "缺陷")
NEG_OBJECT_RE = alternation(NEG_OBJECT)
# ours: a remedial action after a negative word makes the quantity one of help given, higher is
# better (死亡家庭扶助人数, 辍学儿童劝返人数, 事故伤员救治率)
REMEDY_RE = alternation(("扶助", "救助", "补助", "帮扶", "资助", "慰问", "安置", "救治", "关爱", "劝返", "抚恤",
                         "救济", "帮困", "优待",
                         # ours: work against the negative named after it (水土流失综合治理验收合格率)
                         "治理", "整治", "防治",
                         # ours: the office's work on the negative, counted (环境违法案件查处数量, 投诉办理数量,
                         # 扬尘污染检查次数, 土壤污染状况调查地块数量, 受污染耕地安全利用面积, 违法建设拆除面积)
                         "查处", "处理", "办理", "受理", "调解", "仲裁", "检查", "监测", "调查", "统计", "排查",
                         "核查", "巡查", "督查", "清理", "修复", "整改", "处置", "化解", "拆除", "安全利用"))
# ours: names of a cost; the remedial readings above do not apply to them
COST_ENDINGS = ("成本", "费用", "投资", "经费", "资金", "金额")
# ours: a work that removes the negative, named before it, makes the quantity the work done, higher is
# better (治理水土流失面积, 整治安全隐患处数, 防治病虫害面积). ours: 处理 / 维修 / 抢修 / 排除 too, with up to
# six characters of object between (处理群众反映路灯故障工单数量: a trial-3 reviewer's catch, OP-04 read the
# 故障 as the measure and asked for ≤), never after 未/不 (未处理故障数量 stays low-is-better)
PRE_REMEDY_RE = re.compile(r"(?<![未不])(?:治理|整治|防治|修复|整改|处置|清理|打击|救治|查处|受理|办理|调解|挽回"
                           r"|处理|维修|抢修|排除)[\u4e00-\u9fff]{0,6}$")
POS = ("合格率", "满意", "覆盖率", "及时率", "完成率", "达标率", "知晓率", "使用率", "利用率",
       "运行率", "完好率", "到位率", "参与率", "出勤率", "通过率", "优良率", "入学率", "治愈率",
       "正确率", "准确率", "成功率", "响应率", "满足率", "执行率", "受理率", "普及率", "巩固率",
       "就业率", "回收率", "开通率", "接种率", "好评率", "在线率", "可用率", "保障率", "发放率",
       "处理率", "美化率", "参保率",
       # ours: handling ratios seen with negative objects
       "修复率", "排除率", "调解率", "回复率", "答复率", "办理率", "查处率", "处置率", "结案率")
POS_RE = alternation(POS)
POS_HEAD_RE = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(set(POS), key=len, reverse=True)) + ")$")

# REL-02: input / process words
REL02 = ("结余率", "支出进度", "资金投入", "投入资金", "科目调整", "制度建立", "建立与否",
         "资金使用合规", "资金到位", "支出率")
REL02_RE = alternation(REL02)
# ours: 到位率 / 执行率 are input indicators only when they are about money or staff
# (资金到位率, 预算执行率); 诊疗规范执行率, 储备到位率 are outputs. 预算执行进度 is 预算执行率 by another name
# (suggest offered it under 时效 for a trade fund, E021).
REL02_RATE_RE = re.compile(r"(?:到位|执行)(?:率|进度)")
REL02_MONEY_RE = alternation(("资金", "经费", "预算", "财政", "拨款", "款项", "补助", "补贴",
                              "奖补", "配套", "人员", "支出"))
# ours (round 18): the share of the budget spent or completed by its own names (预算完成率, 预算执行完成率, 资金执行率,
# 经费支出进度): budget execution, which REL-02 reads as an input indicator wherever it stands in a name and suggest
# sets aside when it is the whole name (`BUDGET_EXECUTION_RE`, read by `kb.suggest.scope`) — one list
BUDGET_EXECUTION_WORDS = r"(?:预算|资金|经费|财政资金)(?:执行完成|执行|完成|支出)(?:率|进度)"
BUDGET_EXECUTION_RE = re.compile(r"^(?:年度)?(?:项目)?" + BUDGET_EXECUTION_WORDS + "$")

# REL-03: macro slogans not attributable to one project
REL03 = ("经济社会发展", "社会稳定", "和谐发展", "可持续发展", "协调发展", "高质量发展",
         "获得感", "幸福感", "综合实力", "治理能力", "老有所依",
         # ours: the same slogans in other words
         "社会和谐", "长治久安")
REL03_RE = alternation(REL03)

# SAT_VAGUE: unspecific satisfaction subjects (SAT-05)
SAT_VAGUE = ("社会满意", "社会各界", "各方", "公众满意", "社会公众")
SAT_VAGUE_RE = alternation(SAT_VAGUE)

# GOAL_ACT: activity / money words in goal text (GOAL-02)
GOAL_ACT = ("经费", "预算安排", "结算", "审批", "检查", "督导", "补助标准为", "正常运转", "做好")
GOAL_ACT_RE = re.compile(alternation(GOAL_ACT).pattern + r"|完成[^，。；,;]{0,20}工作|对[^，。；,;]{1,30}进行")

# APPROX: approximate values (OP-02)
APPROX_RE = re.compile(r"约\d|大约|\d[^\d]{0,4}(?:左右|上下)")

# COST-02: control-ratio words standing in for a cost
COST02_RE = alternation(("控制率", "不超预算", "预算范围内", "预算内", "达标率"))
COST02_OK_RE = alternation(("节支", "节约", "节省", "降低", "下降", "采购率"))

# QNT-07: bounded ratios and the growth words that are not bounded
RATIO_NAME_RE = alternation(("率", "比例", "占比", "比重", "满意度", "覆盖"))
GROWTH_RE = alternation(("增长", "增幅", "比上年", "同比", "环比", "提高", "增加"))

# STR-06: work descriptions in a name
STR06_RE = re.compile(r"[，,；;。]|——|进行|按照|严格")

# TIME-05: timeliness names that need a defined deadline
TIME05_NAME_RE = alternation(("及时", "按时", "按期", "准时"))
# REL-01: a timeliness name has some time meaning
TIME_MEANING_RE = re.compile(r"[时期日天月季年]|进度|速度|节点|工期|完工|竣工")

# REL-01 benefit rows that only restate an output count
OUTPUT_ACT_RE = alternation(("完成", "建成", "发放", "举办", "开展", "培训", "采购", "购置",
                             "建设", "新建", "改造", "印发", "组织", "召开", "安装", "维修",
                             "修建", "铺设", "种植"))
COUNT_SUFFIX_RE = re.compile(r"(?:数量|人数|人次|次数|个数|户数|场次|期数|件数|台数|套数)$")
BENEFIT_WORD_RE = alternation(("带动", "增加", "受益", "减少", "提高", "增收", "节约", "降低",
                               "新增就业"))
# REL-01 quality rows holding an outcome (效果) indicator
OUTCOME_RATE_RE = alternation(("知晓率", "治愈率", "就业率", "增收"))
# ours: REL-01 产出 rows holding a yield per area (项目区粮食亩产数量 ≥50 公斤 from “亩产提高50公斤”): the
# effect of the works on the land, an 经济效益 (财预〔2021〕101号 lists 粮食产能 among the benefits)
YIELD_RE = alternation(("亩产", "单产", "亩均产量", "亩均产值", "亩均收益", "亩均效益", "单位面积产量"))
# ours: REL-01 数量 rows that name a cost in money (助餐服务成本 ≤50 万元): 财预〔2021〕101号 files cost
# under 成本指标; an income, a saving or a loan in money (综合收入, 节约成本, 小额信贷) is no cost
COST_NAME_RE = alternation(("成本", "费用", "经费", "造价", "单价", "补助标准", "补贴标准"))
NOT_COST_RE = alternation(("收入", "产值", "利润", "节约", "节省", "节支", "降低", "减少", "信贷", "贷款", "融资",
                           "营业", "销售", "交易"))

# Fixes that place a row given without 一级/二级 (`kb.checker.rewrite.guess_level`): the words of
# its name that say timeliness, cost, benefit and which benefit (economic, ecological,
# sustainable). ours
LEVEL_TIME_RE = alternation(("时间", "时限", "期限", "工期", "进度", "及时", "按时", "按期", "准时", "日期",
                             "节点", "周期"))
LEVEL_COST_RE = alternation(("成本", "费用", "单价", "补助标准", "金额"))
LEVEL_BENEFIT_RE = alternation(("受益", "带动", "增收", "收入", "减少", "降低", "改善", "知晓", "就业", "效益",
                                "影响", "节约", "增加", "成交额"))
# (suggest places a change it reads in prose by the same lists: 网络零售额增长率 economic, 化学农药用量减少率 ecological)
# ours: what a work brings people — 就医便利程度, 办事便捷性, 群众获得感/安全感/幸福感 — is a 社会效益 (or, surveyed,
# a satisfaction), never an output count (trial 2: 群众就医便利程度 moved from 效益/数量 to 产出/数量)
PEOPLE_BENEFIT_RE = re.compile(r"(?:便利|便捷|方便)(?:程度|性|度)|获得感|安全感|幸福感|满足感")
# ours: a count of those a project benefits (受益群众人数, 受益脱贫户数, 惠及人口): the 85 real tables of dev.jsonl file all
# 8 such rows under 效益指标/社会效益指标 (D006, D007, D017, D045, E006, E007, E032, E033), none under 产出; in the
# framework as the catalog recalls it (RULES.md STR-01/02: 88号 第八条, 101号 二级指标, △) 产出 is 数量/质量/时效 of the
# work and 效益 holds 社会效益, what the outputs bring people — a beneficiary count is that (round 10)
BENEFICIARY_RE = re.compile(r"受益|惠及")
LEVEL_ECONOMIC_RE = alternation(("收入", "增收", "产值", "产量", "亩产", "单产", "亩均收益", "经济", "节约", "利润",
                                 "销售", "零售", "营业", "交易额", "成交额", "增加值", "税"))
# (成交额: the deals a fair or a technology market brings, 展会意向成交额 / 技术合同成交额 — an economic benefit as the
# library's 现场成交金额 and 技术合同成交额 are; round 12, E021's 展会意向成交额 had stood under 质量)
# the land's, the water's and the air's state (土壤有机质含量, 土壤侵蚀减少量: trial 20; 林草覆盖率: trial 23 — real tables file 有机质, 水质,
# 空气质量, 森林覆盖率 and 土壤 rows under 生态效益); suggest's change rows are placed by this same list
LEVEL_ECOLOGICAL_RE = alternation(("生态", "环境", "绿化", "排放", "污染", "污水", "水质", "空气", "森林", "水土",
                                   "节能", "能耗", "碳", "垃圾", "植被", "农药", "化肥", "土壤", "有机质", "侵蚀", "林草"))
LEVEL_SUSTAINABLE_RE = alternation(("长效", "持续", "机制", "年限", "长期", "使用寿命"))
# a share of products or works meeting a standard (食品安全指标达标率, 验收合格率): a quality of the output,
# not an ecological or economic benefit unless the name says which (水质达标率, 污水排放达标率). ours, after
# the catalog's REL-01 (合格率为质量)
CONFORMANCE_RATE_RE = re.compile(r"(?:合格|达标|合规|完好|优良)率$")


# REL-05: named fund programmes; an indicator naming one that the project does not
# is copied from another fund. ours, an approximation of a semantic rule.
PROGRAMS: dict[str, tuple[str, ...]] = {
    "低保": ("低保", "最低生活保障"),
    "特困": ("特困", "五保", "供养"),
    "临时救助": ("临时救助",),
    "医疗救助": ("医疗救助",),
    "优抚": ("优抚", "抚恤"),
    "养老保险": ("养老保险", "养老金"),
    "医保": ("医保", "医疗保险"),
    "危房改造": ("危房改造",),
    "雨露计划": ("雨露计划",),
    "助学金": ("助学金",),
    "营养改善": ("营养改善",),
    "计划生育扶助": ("计划生育", "独生子女", "特别扶助", "特扶"),
    "高龄津贴": ("高龄津贴", "高龄补贴"),
    "残疾人两项补贴": ("残疾人两项补贴", "困难残疾人生活补贴", "重度残疾人护理补贴"),
}
PROGRAM_OF = {w: k for k, syn in PROGRAMS.items() for w in syn}
# every position is tried (a lookahead), the longest synonym there wins: exact as long as no synonym
# is a prefix of another programme's (tests/test_checker_rules.py checks it)
PROGRAM_RE = re.compile("(?=(" + "|".join(re.escape(w) for w in sorted(PROGRAM_OF, key=len, reverse=True)) + "))")
# projects covering several programmes at once
PROGRAM_UMBRELLA_RE = alternation(("困难群众救助", "社会救助", "民生保障", "社会保障"))
