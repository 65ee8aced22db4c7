"""After ranking: rows of another programme, or naming no measure, set aside (trial 16).

A fresh reviewer struck, in six real tables and two own texts, rows the text gives no ground for:
- a row of a programme the text does not run, by the words that name that programme (`PROGRAMMES`): 工资发放准确性
  and 工资按时发放率 for a social-insurance payment (E056: the text says 缴纳, no 工资); 带动脱贫户和边缘易致贫户发展
  产业户数 for a 普惠金融 fund (E030: no 脱贫 / 贫困 in the text); 参观群众满意度 for a gym or a library (参观 is of a
  museum or an exhibition; the alternate 读者满意度 is right for a library), 读者满意度 for a gym (round 5 merge); and (trial 18) 毛发检测试剂数量 (a drug test) in a
  farm-produce testing, 生态环境宣传活动次数 in a fish stock release that holds no publicity, 居民健康素养水平 in a
  family-doctor contract project that runs no health education, 承接主体资质合规率 and 节约行政成本 for a private
  school's grant under an investment contract (D058: no purchase of services);
- a vague compliance row (定性 合规) of an object the text never names: 补助资格合规性 for 村组干部报酬 (D048: no 补助,
  no 资格 in the text);
- a percentage whose name measures nothing (基层医疗卫生机构实施基本药物制度补助 ≥ 95 %, E016: no 率, 比例, 度 …):
  what ≥ 95 % counts is not said.
Each is set aside (tier ALTERNATE, the reason in its evidence); the slot's next row takes its place. Pure over
drafts; run after ranking, so the ranker's training reads the same candidates.
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams
from kb.suggest.context import ProjectContext
from kb.suggest.dedupe import set_aside
from kb.suggest.draft import Draft
from kb.suggest.ranker import Tier

# (the word in a row's name, the words any of which the text writes when it runs that programme)
PROGRAMMES = (
    ("工资", ("工资", "薪酬", "薪资", "薪金", "工薪")),
    ("脱贫", ("脱贫", "贫困", "致贫", "扶贫", "返贫")),
    ("致贫", ("脱贫", "贫困", "致贫", "扶贫", "返贫")),
    ("参观", ("参观", "展览", "展馆", "展厅", "博物馆", "纪念馆", "陈列", "景区", "游客", "游览")),
    # trial 18: a drug-test library row (毛发检测试剂数量, 采购用于吸毒检测的毛发检测试剂) came into a farm-produce
    # testing project on 检测试剂 alone
    ("毛发", ("毛发", "吸毒", "禁毒", "戒毒", "涉毒")),
    # trial 18: 生态环境宣传活动次数 in a fish stock release that holds no publicity (an environment programme's
    # publicity only: a drug-control fund's 禁毒宣传 is its own even where the text writes 禁毒意识, E053)
    ("环境宣传", ("宣传", "宣讲", "宣教", "科普", "讲座", "展播", "报道", "倡导")),
    # trial 18: 居民健康素养水平, the county's figure of the whole 基本公卫 programme, in a 家庭医生签约 project that
    # runs no health education: no contract of the project can be held to it
    ("健康素养", ("健康素养", "健康教育", "健康知识", "健康促进", "公共卫生", "公卫")),
    # trial 18, D058: a city's grant to a private school under an investment contract read as 政府购买服务 —
    # 承接主体资质合规率 and 节约行政成本 belong to a purchase of services the text does not make
    ("承接主体", ("承接主体", "购买服务", "政府购买", "社会组织", "服务外包", "承接")),
    ("节约行政", ("节约", "节省", "行政成本", "购买服务", "政府购买", "服务外包")),
    # trial 18: 设备巡检次数 in a 12345 hotline read as 信息系统运维, whose text inspects no equipment
    ("巡检", ("巡检", "巡查", "巡视", "检修", "设备", "机房", "服务器", "终端", "点位")),
    # round 5 merge: the free-opening type's 读者满意度 ranked above 健身群众满意度 for a gym (readers are a library's)
    # round 22, E021: 招商引资签约项目数 and 招商引资到位资金 for a 服务贸易发展资金 whose text attracts no investment
    # (its 投资促进中心 is the implementing body's name, no work of the fund)
    ("招商", ("招商", "引资", "招引", "引进项目", "项目引进", "签约项目", "项目签约")),
    # …and, standing in for them, an exhibition's 展会参展商数量 and a voucher's 消费券带动消费金额: no 展会, no 消费券
    ("展会", ("展会", "会展", "展览", "博览", "参展", "展销", "交易会", "洽谈会")),
    ("消费券", ("消费券", "惠民券", "电子券")),
    # round 22: the library's 示范推广率 (示范辐射面积占区域总面积的比例, a farm-technique programme) in an e-commerce
    # demonstration project (电子商务进农村综合示范, 网销推广) that demonstrates no technique on land
    ("示范推广", ("农技", "技术推广", "新技术", "新品种", "示范田", "示范基地", "示范面积", "示范片", "辐射面积", "良种")),
    # trial 22: rows of another programme in a fresh reviewer's texts — 社区戒毒社区康复人员管控人数 for a publicity
    # fund (E053's enforcement fund, 打击 / 禁毒业务, keeps it), 普惠性民办幼儿园奖补数量 for fee reductions to children,
    # 社会救助政策知晓率 for a relief fund that does no publicity (D017), 森林覆盖率 for pest control (a forestry
    # department's text naming 植树 keeps it, D025)
    ("戒毒", ("戒毒", "康复", "管控", "禁毒业务", "打击", "缉毒", "禁种铲毒")),
    ("奖补", ("奖补", "以奖代补", "奖励")),
    ("政策知晓", ("宣传", "宣讲", "知晓", "告知", "解读", "培训", "普及", "公示", "政策")),
    # …and what stood in for them: 新增学前教育学位数 (a building programme) for the fee reductions, 林农补偿性收入
    # (an ecological compensation's) for the pest control
    ("学位", ("学位", "新建", "扩建", "改扩建", "建设", "新增幼儿园")),
    ("补偿性收入", ("补偿", "公益林", "管护补助")),
    ("森林覆盖", ("造林", "植树", "绿化", "森林覆盖", "覆盖率", "营林", "森林资源", "退耕", "生态修复")),
    ("读者", ("读者", "图书", "阅读", "借阅", "书刊", "书屋", "报刊", "文献", "出版", "年鉴", "志鉴", "期刊", "书籍", "刊物")),
)
# a vague compliance row: 〔object〕合规性 / 规范性, written 定性
_COMPLIANCE = re.compile(r"^(?P<obj>[\u4e00-\u9fff]{2,10}?)(?:合规性|规范性)$")
# how a percentage's name says what it measures
_MEASURE_END = re.compile(r"(?:率|比例|比重|占比|度|比|水平|指数|覆盖面|份额|幅度|增幅|降幅|系数|程度|效率|权重|进度|"
                          r"利用率|满意度|知晓率|达标|合格|完好|覆盖|增长|下降|提高|降低|减少|增加)$")


def _programme_absent(name: str, text: str) -> str | None:
    for word, said in PROGRAMMES:
        if word in name and not any(w in text for w in said):
            return word
    return None


# a level of use of a thing (站点运营率, 场所使用率, 设施利用率)
_USE_LEVEL = re.compile(r"^(?P<obj>[\u4e00-\u9fff]{2,12}?)(?:运营|运行|使用|利用)率$")


def _use_of_the_new(d: Draft, pool: list[Draft], text: str) -> bool:
    """A level of use the library's value fills (电商服务站点运营率 ≥ 80 %) for things the text builds this year
    (新建村级电商服务站点50个) and whose use it never states, beside another shown quality row (their acceptance):
    the library's level is no target of this project (round 22, trial 20's e-commerce stations). A place rented or
    run already (租赁场所使用率) is no new one."""
    use = _USE_LEVEL.match(d.name)
    if not use or d.slot != "quality" or d.value_source == "text" or not d.value:
        return False
    head = use.group("obj")[-2:]
    built = any(head in clause[clause.find("新建"):] for clause in re.split(r"[，,。；;]", text) if "新建" in clause)
    return built and any(o.slot == "quality" and o is not d and o.tier != Tier.ALTERNATE and not _USE_LEVEL.match(o.name)
                         for o in pool)


# a fund paid out to people (发放, 兑付到户, 直接兑付): its payout rate is the fund's own (耕地地力保护补贴发放率)
_PAID_TO_PEOPLE = re.compile(r"发放|兑付到|兑付给|直接兑付|兑现到")


def _unsaid_payout(d: Draft, pool: list[Draft], text: str) -> bool:
    """A payout rate the library's value fills (保险保费补贴发放率 = 100 %; the project name's formed 发放准确率 / 覆盖率
    alike) in a text that pays the fund to an institution and
    never writes 发放 (县级保费补贴资金…拨付承保机构), beside a quality rate the text states (保险理赔兑付及时率100%):
    round 22, trial 20's insurance."""
    return (d.slot == "quality" and d.value_source != "text" and "拨付" in text and not _PAID_TO_PEOPLE.search(text)
            and (d.name.endswith("发放率") or d.source == "formed" and d.name.endswith(("发放准确率", "覆盖率")))
            and any(o.slot == "quality" and o.bound and o.tier != Tier.ALTERNATE for o in pool if o is not d))


def set_aside_unfounded(pool: list[Draft], ctx: ProjectContext) -> None:
    """Set aside the shown rows of another programme, the vague compliance rows of an object the text never names,
    and the percentages whose name measures nothing (module docstring). In place."""
    text = (ctx.name or "") + (ctx.description or "")
    said = set(bigrams(text))
    for d in pool:
        if not d.name or d.value_source == "text":
            continue
        word = _programme_absent(d.name, text)
        if word is not None:
            # a row set aside already gets the reason too: a type's entry set aside for lacking its object is no spare
            # entry to fill a short table with then (`fill._spare_entries` reads the last reason: D058's
            # 承接主体资质合规率 came back that way, trial 18)
            set_aside(d, f"指标针对“{word}”，描述中没有，属于其他项目，仅作备选")
            continue
        if d.tier == Tier.ALTERNATE:
            continue
        c = _COMPLIANCE.match(d.name)
        if c and d.operator == "定性" and not set(bigrams(c.group("obj"))) & said:
            set_aside(d, f"描述中没有“{c.group('obj')}”，“{d.value or '合规'}”无从核验，仅作备选")
            continue
        if _use_of_the_new(d, pool, text):
            set_aside(d, "描述中的对象今年新建，使用/运营水平没有写明，指标库的参考值不是本项目的目标，仅作备选")
            continue
        if _unsaid_payout(d, pool, text):
            set_aside(d, "描述中的资金是拨付，没有“发放”，质量已有描述写明的指标，发放率的参考值无从核验，仅作备选")
            continue
        if (d.value_unit or d.unit) == "%" and not _MEASURE_END.search(d.name):
            set_aside(d, f"“{d.name}”没有写明计量什么（比率、比例等），百分比无从核验，仅作备选")
