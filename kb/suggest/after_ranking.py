"""After ranking: the passes that review the ranked candidates before the table is chosen.

Each pass reads the project (`ProjectContext`) and the ranked pool and only sets a row aside (tier ALTERNATE, the
reason in its evidence), renames it, re-files it under another 二级, binds a figure of the text to a row already in
the pool, or marks it — none adds a candidate or changes a score, so the ranker's training (`jixiao build` reads the
candidates and features of steps 1–5) is untouched and a rule that only removes or renames rows reshuffles no table
(`docs/SUGGEST.md`, step 6). They run in the order below, which matters where one pass reads what another wrote (a
vehicle service's names after the vetting that reads the text's own words in a name). The passes come from the
rounds that found them: trials 9–16 and the day round's merges (each module's docstring says which).
"""
from __future__ import annotations

from kb.settings import CheckerSettings
from kb.suggest.change_levels import give_change_level_to_library_rate
from kb.suggest.context import ProjectContext
from kb.suggest.core_names import name_by_whole_object
from kb.suggest.counted_twice import set_aside_blank_count_of_stated_people
from kb.suggest.dedupe import mark_unnamed_groups, set_aside_blank_count_of_stated, set_aside_household_beside_parents
from kb.suggest.draft import Draft
from kb.suggest.figure_verb import bind_figure_of_other_work, name_figure_by_its_work
from kb.suggest.figure_measure import name_count_of_gain, name_work_on_counted, set_aside_whole_amount_of_standard
from kb.suggest.opening_dates import name_opening_date
from kb.suggest.one_figure import one_row_per_figure
from kb.suggest.not_the_work import ask_commissioning_unit, set_aside_form_title_work, set_aside_slogan_benefit
from kb.suggest.one_measure import one_row_per_measure, one_row_per_stated_rate
from kb.suggest.restated_output import set_aside_benefit_restating_output
from kb.suggest.unserved import ask_served_groups
from kb.suggest.other_sector import set_aside_other_sector
from kb.suggest.bare_names import name_bare_counts, name_bare_work_rates
from kb.suggest.stated_coverage import bind_stated_coverage
from kb.suggest.stated_extent import bind_stated_extent
from kb.suggest.places_built import bind_thing_built_in_places
from kb.suggest.stated_terms import (date_by_stated_season, date_monthly_payment, date_by_stated_terms, date_year_task_of_part_goal,
                                     limit_payment_by_stated_term, limit_spare_payment_row, year_the_deadlines)
from kb.suggest.other_project import set_aside_other_projects_figures
from kb.suggest.per_event import read_per_event_figures
from kb.suggest.period_names import name_by_stated_period
from kb.suggest.placement import refile_coverage_under_quantity
from kb.suggest.reached import bind_level_reached, name_reached_people
from kb.suggest.respondents import name_bare_satisfaction, name_paid_group_satisfaction
from kb.suggest.rewards import count_listed_rewards
from kb.suggest.scope import (name_system_timeliness, prefer_commissioning_respondents, refile_region_outcome,
                              set_aside_budget_execution, set_aside_fund_title_work, set_aside_outside_settlement,
                              set_aside_purpose_slogan)
from kb.suggest.service_names import name_vehicle_service_rows
from kb.suggest.unit_cost import (name_part_standard, set_aside_unit_cost_of_uncounted, unprice_mixed_work_extent,
                                  unprice_part_year_extent)
from kb.suggest.values import default_targets, set_aside_whole_completion_of_standing_work, undate_standing_work
from kb.suggest.vetting import (date_year_end_by_stated_period, prefer_named_respondents, prefer_named_timeliness,
                                prefer_specific_respondents, set_aside_restated, set_aside_year_end_across_years)
from kb.suggest.whole_objects import name_whole_objects
from kb.suggest.whole_cost import name_whole_cost
from kb.suggest.group_standards import split_group_standards
from kb.suggest.whole_work import name_whole_work
from kb.suggest.window_rates import bind_window_rates
from kb.suggest.unfounded_rows import set_aside_unfounded
from kb.suggest.protected import refile_protected_figures
from kb.suggest.qualified_respondents import ask_qualified_group
from kb.suggest.garbled_names import fix_garbled_names
from kb.suggest.list_total import name_list_totals
from kb.suggest.per_unit_rows import name_per_household_income, total_per_place_counts
from kb.suggest.list_items import name_whole_list
from kb.suggest.per_place_lists import sum_per_place_figures
from kb.suggest.part_counts import name_part_counts
from kb.suggest.benefit_things import refile_counted_things
from kb.suggest.stated_standard_names import name_standard_by_stated_kind
from kb.suggest.measure_twins import set_aside_library_twin_of_stated
from kb.suggest.later_deadline import date_year_end_by_later_deadline
from kb.suggest.level_counts import name_counts_per_level
from kb.suggest.school_groups import ask_whole_school_group
from kb.suggest.staffed_places import name_staffed_places
from kb.suggest.upkeep_names import name_figures_of_other_work
from kb.suggest.grant_standard import derive_grant_standard
from kb.suggest.zero_harm import carry_zero_harm
from kb.suggest.rate_verbs import rate_of_stated_act
from kb.suggest.stated_parts import name_stated_parts
from kb.suggest.stated_unit_cost import bind_stated_unit_cost
from kb.suggest.step_limits import limit_stated_step
from kb.suggest.stage_deadlines import date_stated_stages
from kb.suggest.stated_goals import bind_stated_no_outbreak, count_birds
from kb.suggest.unnamed_spares import keep_unnamed_spares_aside
from kb.suggest.duty_trips import carry_duty_trips
from kb.suggest.subsidy_share import name_subsidy_per_extent
from kb.suggest.per_place_staff import add_staff_per_place
from kb.suggest.extent_rate import add_stated_rate_per_extent
from kb.suggest.training_benefit import refile_training_employment
from kb.suggest.per_case import carry_counted_cases
from kb.suggest.container_counts import set_aside_container_count
from kb.suggest.listed_works import name_schools_worked_on, price_extent_by_its_part
from kb.suggest.share_over_whole import unbind_share_over_whole
from kb.suggest.sector_rates import set_aside_sector_rate
from kb.suggest.single_setting import set_aside_count_of_one_setting
from kb.suggest.village_standard import bind_village_standard
from kb.suggest.service_terms import add_service_hours_and_price
from kb.suggest.misread_figures import (bind_head_count_with_classifier, bind_shortened_time, bind_stated_saving, name_age_group, name_counted_sites,
                                       whole_cost_of_part_figure)
from kb.suggest.unproduced_rows import (refile_served_count, set_aside_benefit_summing_outputs,
                                        set_aside_generic_count_twice,
                                        set_aside_library_rate_beside_stated, set_aside_subgroup_satisfaction,
                                        set_aside_unnamed_facility, set_aside_unstated_commission_rows,
                                        set_aside_work_pay_benefit)
from kb.suggest.paid_villages import bind_paid_villages
from kb.suggest.stated_groups import name_stated_group
from kb.suggest.reduced_harm import name_reduced_harm
from kb.suggest.per_unit_benefit import set_aside_per_unit_benefit
from kb.suggest.setting_figure import set_aside_setting_figure
from kb.suggest.period_counts import name_year_total_without_period
from kb.suggest.unpaid_money import set_aside_unpaid_money
from kb.suggest.running_plant import set_aside_running_plant_rows
from kb.suggest.deadline_clause import date_by_clause_of_its_work
from kb.suggest.unit_of_row import bind_figure_in_row_unit
from kb.suggest.clause_names import name_counts_by_their_clause
from kb.suggest.one_satisfaction import keep_the_one_stated_satisfaction
from kb.suggest.unborne_figures import add_unborne_figures
from kb.suggest.stated_aims import prefer_stated_placement


def review_ranked(pool: list[Draft], ctx: ProjectContext, checker_settings: CheckerSettings | None) -> None:
    """Run every after-ranking pass over `pool` (the ranked candidates of one project) in order; `checker_settings`
    gives the typical targets a standing work's rate takes (`values.default_targets`). Mutates `pool`'s drafts."""
    undate_standing_work(pool, ctx, default_targets(checker_settings or CheckerSettings()))
    set_aside_whole_completion_of_standing_work(pool, ctx)   # round 5 merge, E034: 公用经费完成时间 of a running fund
    set_aside_year_end_across_years(pool, ctx)
    date_year_end_by_stated_period(pool)
    date_year_end_by_later_deadline(pool, ctx)   # trial 22: 疫木处置于2026年3月底前完成, not 2025年12月31日前
    date_by_stated_season(pool, ctx)
    date_year_task_of_part_goal(pool, ctx)
    limit_payment_by_stated_term(pool, ctx)
    limit_stated_step(pool, ctx)   # values round 23: 检验结论出具后20个工作日内向社会公布 → 抽检信息公布时限 ≤ 20 个工作日
    date_monthly_payment(pool, ctx)   # trial 18: 每月10日前发放到位, not 发放及时率 = 100 %
    set_aside_restated(pool)
    prefer_named_respondents(pool, ctx)
    prefer_named_timeliness(pool, ctx)
    prefer_specific_respondents(pool)
    set_aside_household_beside_parents(pool, ctx)
    set_aside_blank_count_of_stated(pool)
    set_aside_unit_cost_of_uncounted(pool, ctx)
    name_vehicle_service_rows(pool, ctx)   # after the vetting above, which reads the text's own words in a name
    count_listed_rewards(pool, ctx)
    carry_zero_harm(pool, ctx)
    carry_counted_cases(pool, ctx)   # trial 19: 节地生态安葬数量 ≥ 300 例, 节地生态安葬奖励标准 = 1000 元/例
    set_aside_fund_title_work(pool, ctx)
    refile_region_outcome(pool)
    refile_coverage_under_quantity(pool)
    refile_training_employment(pool, ctx)   # trial 19: 培训后就业率 is the training's 社会效益, never blank 效益
    set_aside_budget_execution(pool)
    set_aside_purpose_slogan(pool)
    prefer_commissioning_respondents(pool, ctx)
    ask_commissioning_unit(pool, ctx)   # trial 17, D004: 委托单位满意度, not 工程使用单位满意度
    set_aside_form_title_work(pool, ctx)   # trial 17, E054: 绩效自评表 is the form's title
    set_aside_slogan_benefit(pool, ctx)   # trial 17, E005: 地方志资政育人作用
    name_system_timeliness(pool, ctx)
    set_aside_outside_settlement(pool, ctx)
    mark_unnamed_groups(pool, ctx)
    bind_level_reached(pool, ctx)
    name_reached_people(pool)
    name_bare_satisfaction(pool, ctx)
    name_paid_group_satisfaction(pool, ctx)
    ask_qualified_group(pool, ctx)   # trial 16: 精神病患者满意度, not a hospital's 患者满意度
    ask_whole_school_group(pool, ctx)   # trial 18: 师生满意度 for 中小学及幼儿园, not 幼儿家长满意度
    read_per_event_figures(pool, ctx)
    set_aside_whole_amount_of_standard(pool, ctx)
    name_work_on_counted(pool, ctx)
    name_schools_worked_on(pool, ctx)   # trial 19: 更换老旧电路及消防设施学校数量, not 更换学校数量
    name_figure_by_its_work(pool, ctx)
    bind_figure_of_other_work(pool, ctx)
    bind_stated_extent(pool, ctx)   # trial 17: 人行道改造面积 待填写 beside 铺设透水砖4500平方米
    name_count_of_gain(pool, ctx)
    refile_protected_figures(pool, ctx)   # trial 17: 保护沿岸耕地5200亩 is a benefit, 保护耕地面积
    unprice_part_year_extent(pool, ctx)
    unprice_mixed_work_extent(pool, ctx)   # trial 20, D014: 309 万元 ÷ 建设养护里程300公里 is no 建设 unit cost
    name_part_standard(pool, ctx)
    price_extent_by_its_part(pool, ctx)   # trial 19: 320 万元 ÷ 12000 平方米 of item (1), not the whole 560 万元
    bind_stated_unit_cost(pool, ctx)   # values round 23, E025: 冷库仓储3100元/平方米, not 1100 万元 ÷ 1290.3 平方米
    set_aside_other_projects_figures(pool, ctx)
    name_whole_objects(pool, ctx)
    name_subsidy_per_extent(pool, ctx)   # trial 18, D015: 4000 万元 of 中央补助 ÷ 32.1 公里 is no 每公里建设成本
    name_whole_cost(pool, ctx)   # trial 16: the whole budget is no part's cost
    name_by_whole_object(pool, ctx)   # trial 17: 人行道改造成本, not 改造成本
    name_whole_list(pool, ctx)   # trial 22: 禁毒宣传活动场次, not 场所活动场次 (the last item of a 、-list)
    fix_garbled_names(pool, ctx)   # trial 16: 服务服务, a meal service's 发放及时率, 长文本 → 文本完成时间
    total_per_place_counts(pool, ctx)   # trial 24: 每站12场次 × 18个站 = 216 场
    name_list_totals(pool, ctx)   # trial 24: 绿地养护面积 ≥ 128 万平方米, not 道路两侧绿化带面积 (the list's last item)
    name_per_household_income(pool, ctx)   # trial 24: 户均增收 ≥ 1500 元/户, not 带动农户增收总额 ≥ 1500 元
    split_group_standards(pool, ctx)   # trial 16: a standard per group, never one group's for all
    derive_grant_standard(pool, ctx)   # trial 16: 45万元 ÷ 300人 = 1500 元/人 when all is paid to them
    date_by_stated_terms(pool, ctx)   # trial 16: an event's dates, 年底前完成: a deadline stated is no deadline unsaid
    name_opening_date(pool, ctx)   # trial 17: 助餐点投入运营时间, not 老年助餐服务完成时间
    date_stated_stages(pool, ctx)   # values round 23: 春秋两季集中免疫分别于5月31日和11月30日前完成, a row each
    ask_served_groups(pool, ctx)
    name_bare_counts(pool, ctx)
    name_bare_work_rates(pool, ctx)   # 改造完成率 → 老旧小区改造完成率, or set aside
    name_figures_of_other_work(pool, ctx)   # trial 18: 配备话务坐席数量, not 运维系统数量
    name_staffed_places(pool, ctx)   # trial 18: 配备专职保安学校数量 for 为42所中小学及幼儿园聘请专职保安, not 中小学数量
    bind_stated_coverage(pool, ctx)
    bind_thing_built_in_places(pool, ctx)
    bind_window_rates(pool, ctx)   # trial 16: 火情发现后1小时内扑灭率 with the text's window
    name_whole_work(pool, ctx)   # trial 16: 专业扑火队员培训人次, the work whole
    set_aside_other_sector(pool, ctx)
    set_aside_count_of_one_setting(pool, ctx)   # trial 20, E034: no 保障学校数量 for 银川市第六中学's fund
    set_aside_sector_rate(pool, ctx)   # trial 20, D056: 普通高中毛入学率 ≥ 92 is no output of a 112 万元 fund
    set_aside_unfounded(pool, ctx)   # trial 16: another programme's rows, a % naming no measure
    name_by_stated_period(pool, ctx)   # trial 17: 全年开放时间不少于300天 is no 每周免费开放时间
    give_change_level_to_library_rate(pool, ctx)   # trial 17: 农村公路优良中等路率 ≥78, not a formed 比例 row
    add_staff_per_place(pool, ctx)   # trial 18: 按每校不少于3名配备 → 每校专职保安配备人数 ≥ 3 人
    bind_village_standard(pool, ctx)   # trial 20 brief: 每个行政村9万元 / 村均9万元 → 村级组织运转经费标准 = 9 万元/村
    add_unborne_figures(pool, ctx)   # trial 23b: 走访慰问人次 ≥ 840, 污泥无害化处置量 ≥ 4200 吨, 公厕每日开放时长 ≥ 16 小时
    add_service_hours_and_price(pool, ctx)   # trial 21: 每人每月服务不少于6小时, 按每小时25元的标准
    bind_paid_villages(pool, ctx)   # round 22: 按9万元/村的标准补助全县120个行政村 → 补助村(社区)数量 ≥ 120 个
    add_stated_rate_per_extent(pool, ctx)   # round 5 merge: 清疏费用按每公里5000元结算 → 每公里清疏费用 ≤ 5000 元/公里
    name_stated_parts(pool, ctx)   # trial 18: 其中规格4厘米以上苗种200万尾, no second 苗种数量
    rate_of_stated_act(pool, ctx)   # trial 18: 不合格产品100%依法处置 is 处置率, not the testing's 合格率
    set_aside_container_count(pool, ctx)   # trial 19: 12个乡镇152个行政村 — the 12 towns are the villages' setting
    name_stated_group(pool, ctx)   # round 22: 带动脱贫户就业增收200户 → 带动脱贫户增收户数, not 带动农户增收户数
    name_counts_per_level(pool, ctx)   # trial 22: 县级河长巡河次数 ≥ 4, 乡级 ≥ 12, 村级 ≥ 52 — not one 巡河次数 ≥ 4
    sum_per_place_figures(pool, ctx)   # trial 22: 东山村2.5公里，西坪村3公里，南岭村1.5公里 → 修缮道路里程 ≥ 7 公里
    name_standard_by_stated_kind(pool, ctx)   # trial 22: 资助标准为每生每年1500元 → 学前教育幼儿资助标准
    name_part_counts(pool, ctx)   # trial 22: 其中…D级危房拆除重建30户 → 危房拆除重建户数, not 农村危房改造户数
    name_counts_by_their_clause(pool, ctx)   # trial 23: 疗养优抚对象人数 ≥ 60, 义务兵家庭优待金发放户数 ≥ 100
    bind_figure_in_row_unit(pool, ctx)   # trial 23: 非遗传承活动场次 takes the 40场次, not the courses' 2期
    name_reduced_harm(pool, ctx)   # trial 23: 年减少土壤侵蚀量3.2万吨 → 减少土壤侵蚀量 (生态效益), not 土壤侵蚀量 ≥ 3.2
    one_row_per_figure(pool, ctx)
    one_row_per_stated_rate(pool, ctx)   # round 5 merge: 交工验收合格率 as the text names its 100 %
    one_row_per_measure(pool, ctx)   # after the figures of the text are bound (trial 15)
    refile_counted_things(pool, ctx)   # trial 22: 覆盖全县42条河流 is 覆盖河流数量 (数量), no 受益河流数量
    set_aside_running_plant_rows(pool, ctx)   # trial 23: no 设计规模 ≥ 3 万吨, no 污水管网建设长度 for an operating subsidy
    set_aside_unpaid_money(pool, ctx)   # trial 23: no 救助金发放时间达标率 for help given in kind
    set_aside_setting_figure(pool, ctx)   # trial 23: 全县现有街面巡查重点区域18处 is the setting, no 巡查重点区域数量 ≥ 18
    name_year_total_without_period(pool, ctx)   # trial 23: 每周2次 × 52 → 街面巡查次数, not 街面巡查每周次数 ≥ 104
    set_aside_per_unit_benefit(pool, ctx)   # trial 23: 每座配备保洁员1名 is no 受益配备保洁员人数 ≥ 1 人
    prefer_stated_placement(pool, ctx)   # trial 23b: 对长期滞留人员全部落实安置 → 长期滞留人员安置率 = 100 %, not 社会救助体系 待填写
    set_aside_benefit_restating_output(pool, ctx)   # trial 18: 受益农户户数 1700 户 is the 1700 户 renovated
    # trial 21: rows the project does not produce, or that restate another row
    set_aside_work_pay_benefit(pool, ctx)   # 务工人员劳务报酬总额 of a 防疫员劳务补助: a cost, not 以工代赈
    keep_the_one_stated_satisfaction(pool, ctx)   # trial 23: no 退役军人满意度 ≥ 90 beside the stated 95 %
    set_aside_subgroup_satisfaction(pool, ctx)   # 残疾人满意度 beside 受援人满意率
    set_aside_benefit_summing_outputs(pool, ctx)   # 抽检批次数 1500 = 800 + 700
    set_aside_generic_count_twice(pool, ctx)   # 服务对象人数 beside 居家养老上门服务人数, one 1200 人
    set_aside_unnamed_facility(pool, ctx)   # 养老设施建设数量 for a purchase of home care
    set_aside_library_twin_of_stated(pool, ctx)   # trial 22: 地表水国控断面水质优良比例 ≥ 80 beside the text's ≥ 90
    set_aside_library_rate_beside_stated(pool, ctx)   # 畜禽强制免疫率 ≥ 90 beside 应免畜禽免疫密度 ≥ 90
    set_aside_unstated_commission_rows(pool, ctx)   # E039: 委托业务项目数量, 成果采纳率 for 商品质量检测
    refile_served_count(pool, ctx)   # 受益体检人次 is the 体检 counted: 数量
    name_age_group(pool, ctx)   # 以上老年人满意度 → 65岁及以上老年人满意度
    name_counted_sites(pool, ctx)   # 46个点位: 点位数 = 46 个, not 器材数量 46 个点
    whole_cost_of_part_figure(pool, ctx)   # 动物疫病强制免疫成本 ≤ 86 万元, not the vaccines' 52
    bind_shortened_time(pool, ctx)   # 平均查档时间由30分钟缩短到5分钟 → ≤ 5 分钟
    bind_stated_saving(pool, ctx)   # 节约电费约15万元, not the library's 节电率 ≥ 30 %
    bind_head_count_with_classifier(pool, ctx)   # 45万头（只）, not 强制免疫畜禽数量 待填写
    count_birds(pool, ctx)   # values round 23: 家禽高致病性禽流感免疫120万羽 beside the 45万头（只）
    bind_stated_no_outbreak(pool, ctx)   # values round 23: 确保不发生区域性重大动物疫情 is a stated benefit
    # once each figure has its one row, a blank count of the same people gives way to it (trial 17)
    set_aside_blank_count_of_stated_people(pool, ctx)
    limit_spare_payment_row(pool, ctx)   # trial 20: 每季度结束后30日内拨付 → 保费补贴资金拨付时限 ≤ 30 日
    date_by_clause_of_its_work(pool, ctx)   # trial 23: 优待金于2025年9月30日前发放完毕, not the 慰问金's 8月1日
    year_the_deadlines(pool, ctx)   # last (trial 17): 12月31日前 with no year is the checker's TIME-01: 当年 or the planned year
    unbind_share_over_whole(pool)   # trial 20: 完成建设任务6387% is no 建设内容完成率 target (QNT-07)
    keep_unnamed_spares_aside(pool, ctx)   # values round 23, D056: no 研究课题数量 待填写 to fill a short table
    carry_duty_trips(pool, ctx)   # values round 23, D031: 完成日常执法及拆违拆旧的出勤任务 → 执法出勤任务保障率 = 100 %
