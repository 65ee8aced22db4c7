// Chinese labels of the identifiers the API uses (GLOSSARY): levels, states, lights, severities.

export const LEVEL1 = { output: "产出指标", cost: "成本指标", benefit: "效益指标", satisfaction: "满意度指标" };

// 二级 → [一级, label], in the framework's order
export const LEVEL2 = {
  quantity: ["output", "数量指标"],
  quality: ["output", "质量指标"],
  timeliness: ["output", "时效指标"],
  output_cost: ["output", "成本指标"],
  economic_cost: ["cost", "经济成本指标"],
  social_cost: ["cost", "社会成本指标"],
  ecological_cost: ["cost", "生态环境成本指标"],
  economic_benefit: ["benefit", "经济效益指标"],
  social_benefit: ["benefit", "社会效益指标"],
  ecological_benefit: ["benefit", "生态效益指标"],
  sustainable_impact: ["benefit", "可持续影响指标"],
  beneficiary_satisfaction: ["satisfaction", "服务对象满意度指标"],
};

export const OPERATORS = ["≥", ">", "=", "<", "≤", "定性"];

export const STATES = { draft: "草稿", submitted: "已提交待审核", returned: "已退回", approved: "审核通过" };

export const LIGHTS = { green: "绿灯", yellow: "黄灯", red: "红灯" };

export const SEVERITY = { error: "错误", warning: "警告", info: "提示" };

export const DIRECTION = { positive: "正向", negative: "反向", equal: "等于", qualitative: "定性" };

export const COLLECTIONS = {
  national_policy: "国家政策库", bank_policy: "银行政策库", market_info: "市场信息库",
  internal_regulation: "内部法规通知库", expert_opinion: "专家意见库", qa: "问答区", public_notice: "公示区",
};

export function level1Label(v) {
  return LEVEL1[v] || v || "";
}

export function level2Label(v) {
  return (LEVEL2[v] && LEVEL2[v][1]) || v || "";
}

/** Identifier of a 二级 given as identifier or Chinese label ("" when unknown). */
export function level2Id(v) {
  if (LEVEL2[v]) return v;
  const hit = Object.entries(LEVEL2).find(([, [, label]]) => label === v);
  return hit ? hit[0] : "";
}

// 佐证材料 kinds as the API accepts and returns them (kb.evidence.kinds), and the lifecycle stages
export const ATTACHMENT_KINDS = ["合同", "现场照片", "支出明细", "验收报告", "会计凭证", "其他"];

export const STAGES = { declaration: "事前申报", monitoring: "事中监控", evaluation: "事后评价", feedback: "结果反馈" };
