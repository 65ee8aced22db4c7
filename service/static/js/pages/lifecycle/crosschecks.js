// 核对 (cross-checks): GET /v1/declarations/{id}/crosschecks, shown in full in the evidence panel and,
// per stage, beside the monitoring lights and the evaluation scores. One fetch feeds every view; a write
// that can change the findings (monitoring, evaluation, feedback, an attachment, an import) calls refresh().
import { api } from "../../api.js";
import { h, mount, num } from "../../dom.js";
import { SEVERITY } from "../../labels.js";
import { canWriteEvidence } from "./evidence.js";

// the API tells its callers how to import vouchers; on the page the import button is right above
const API_IMPORT = /（jixiao archive import 或 POST \/v1\/archive\/import）/;

function staffText(message) {
  const how = canWriteEvidence()
    ? "（点本页“佐证材料与会计档案”中的“导入并关联到本申报”，导入财务软件导出的凭证）"
    : "（须由申报单位在本页导入财务软件导出的凭证）";
  return (message || "").replace(API_IMPORT, how);
}

function findingItem(f) {
  return h("li", { class: `finding ${f.severity}`, testid: "crosscheck-finding",
    dataset: { rule: f.rule_id, severity: f.severity, stage: f.stage || "" } },
  h("div", { class: "finding-head" },
    h("span", { class: `sev ${f.severity}` }, f.severity_label || SEVERITY[f.severity] || f.severity),
    h("code", {}, f.rule_id), f.title ? h("strong", {}, f.title) : null,
    h("span", { class: "where" }, [f.stage_label, f.row ? `第 ${f.row} 行` : ""].filter(Boolean).join(" · "))),
  h("p", {}, staffText(f.message)),
  f.basis ? h("p", { class: "basis" }, `依据：${f.basis}`) : null);
}

function summary(out) {
  const period = out.period_start ? `实施期 ${out.period_start} 至 ${out.period_end}` : "实施期未知";
  const spent = out.voucher_spending_wan === null || out.voucher_spending_wan === undefined
    ? "尚未导入本项目的凭证" : `凭证 ${out.voucher_lines} 条分录，实施期内支出合计 ${num(out.voucher_spending_wan, 2)} 万元`;
  return h("p", { class: "muted", testid: "crosscheck-summary" }, `${period} · ${spent} · 佐证材料 ${out.attachments} 份`);
}

/**
 * The cross-check board of declaration `d`: `view({stages, full})` gives an element that redraws on every
 * `refresh()`; full views list every finding with the summary, stage views only the findings of `stages`.
 */
export function crosscheckBoard(d) {
  let last = null;
  const draws = [];

  function draw(box, { stages, full }) {
    if (!last) return mount(box, h("p", { class: "muted" }, "正在核对…"));
    if (last.error) return mount(box, h("p", { class: "notice error", role: "alert" }, last.error));
    const fs = stages ? last.findings.filter((f) => stages.includes(f.stage)) : last.findings;
    if (!full && !fs.length) return mount(box);
    return mount(box,
      h(full ? "h2" : "h3", {}, `核对发现（${fs.length}）`),
      full ? summary(last) : null,
      fs.length ? h("ul", { class: "findings" }, fs.map(findingItem))
        : h("p", { class: "muted", testid: "crosscheck-empty" }, "预算执行数、凭证和佐证材料核对一致，未发现问题。"));
  }

  return {
    view({ stages = null, full = false } = {}) {
      const box = h("div", full ? { class: "panel", testid: "crosscheck-panel" }
        : { class: "crosscheck-inline", testid: "crosscheck-inline", dataset: { stages: (stages || []).join(",") } });
      const redraw = () => draw(box, { stages, full });
      draws.push(redraw);
      redraw();
      return box;
    },
    async refresh() {
      try {
        last = await api(`/v1/declarations/${d.id}/crosschecks`);
      } catch (e) {
        last = { error: e.message };
      }
      for (const redraw of draws) redraw();
    },
  };
}
