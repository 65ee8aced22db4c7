// 事后评价: actual, 分值 and deviation reason per indicator (+ budget execution) → scores, total and grade.
import { api } from "../../api.js";
import { oneRowNumbering } from "./monitoring.js";
import { h, inFlight, mount, notice, num, pct, say, selectOnEntry } from "../../dom.js";

export function scoresTable(ev) {
  return h("div", { testid: "evaluation-result" },
    h("p", { class: "grade" }, "总分 ", h("strong", { testid: "evaluation-total" }, num(ev.total, 1)),
      ` / ${num(ev.total_weight, 1)} · 等级 `, h("strong", { testid: "evaluation-grade" }, ev.grade)),
    h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["#", "指标", "目标", "实际", "完成率", "分值", "得分", "提示"].map((t) => h("th", {}, t)))),
      h("tbody", {}, ev.items.map((it) => h("tr", { testid: "evaluation-item" },
        h("td", {}, it.row ? String(it.row) : "—"), h("td", {}, it.name), h("td", {}, it.target), h("td", {}, it.actual),
        h("td", {}, pct(it.completion)), h("td", {}, num(it.weight, 1)), h("td", {}, num(it.score, 2)),
        h("td", {}, (it.warnings || []).join("；")))))),
    ev.warnings && ev.warnings.length ? h("ul", { class: "warnings" }, ev.warnings.map((w) => h("li", {}, w))) : null);
}

/** Even 分值 that add up to `total` (one decimal; the last row takes the rounding). */
function evenWeights(n, total) {
  if (!n) return [];
  const each = Math.floor((total / n) * 10) / 10;
  const ws = Array(n).fill(each);
  ws[n - 1] = Math.round((total - each * (n - 1)) * 10) / 10;
  return ws;
}

/** The 分值 declared at 事前申报, scaled to `total` (one decimal; the last row takes the rounding); null unless every row has one. */
function declaredWeights(rows, total) {
  const ws = rows.map((r) => r.weight);
  const sum = ws.reduce((a, w) => a + (w ?? 0), 0);
  if (!rows.length || ws.some((w) => w === null || w === undefined) || sum <= 0) return null;
  const out = ws.map((w) => Math.round((w * total / sum) * 10) / 10);
  out[out.length - 1] = Math.round((total - out.slice(0, -1).reduce((a, w) => a + w, 0)) * 10) / 10;
  return out;
}

/** The 事后评价 panel; `beside` (the cross-check findings) sits under the scores, `onSaved` runs after scoring. */
export async function evaluationSection(d, { beside = null, onSaved = () => {} } = {}) {
  const result = h("div", {});
  if (d.has_evaluation) {
    try {
      mount(result, scoresTable(await api(`/v1/declarations/${d.id}/evaluation`)));
    } catch (e) { /* none yet */ }
  }
  const msg = notice();
  const executed = h("input", { type: "number", min: 0, step: "any", testid: "evaluation-budget-executed", placeholder: "万元" });
  const budgetWeight = selectOnEntry(h("input", { type: "number", min: 0, max: 100, step: "any", value: "10", class: "tiny" }));
  const inputs = d.rows.map((r, i) => ({
    row: r.position,
    actual: h("input", { type: "text", testid: "evaluation-actual", class: "short", "aria-label": `${r.name} 实际完成值` }),
    weight: selectOnEntry(h("input", { type: "number", min: 0, max: 100, step: "any", class: "tiny", testid: "evaluation-weight" })),
    reason: h("input", { type: "text", placeholder: "偏差原因", class: "short" }),
  }));

  async function send(ev) {
    ev.preventDefault();
    const hasBudget = executed.value !== "";
    try {
      const out = await api(`/v1/declarations/${d.id}/evaluation`, {
        method: "POST",
        json: {
          rows: inputs.map((i) => ({ row: i.row, actual: i.actual.value.trim() || null, weight: Number(i.weight.value || 0),
            deviation_reason: i.reason.value.trim() })),
          budget_executed_wan: hasBudget ? Number(executed.value) : null,
          budget_weight: hasBudget ? Number(budgetWeight.value || 0) : 0,
        },
      });
      mount(result, scoresTable(out));
      say(msg, "已评分。", "info");
      onSaved();
    } catch (e) {
      say(msg, oneRowNumbering(e.message), "error");
    }
  }

  function rebalance() {
    const total = executed.value !== "" ? 100 - Number(budgetWeight.value || 0) : 100;
    const ws = declaredWeights(d.rows, total) || evenWeights(inputs.length, total);
    ws.forEach((w, i) => { inputs[i].weight.value = String(w); });
  }
  executed.addEventListener("change", rebalance);
  budgetWeight.addEventListener("change", rebalance);
  rebalance();

  return h("section", { class: "panel", testid: "evaluation-panel" }, h("h2", {}, "事后评价（自评）"),
    h("form", { onsubmit: inFlight(send) },
      h("p", { class: "form-grid" }, h("label", {}, "预算执行（万元） ", executed), h("label", {}, "预算执行率分值 ", budgetWeight)),
      h("table", { class: "list" },
        h("thead", {}, h("tr", {}, ["#", "指标", "目标", "实际完成值", "分值", "偏差原因"].map((t) => h("th", {}, t)))),
        h("tbody", {}, d.rows.map((r, i) => h("tr", {},
          h("td", {}, String(r.position)), h("td", {}, r.name), h("td", {}, `${r.operator || ""}${r.value}${r.unit || ""}`),
          h("td", {}, inputs[i].actual), h("td", {}, inputs[i].weight), h("td", {}, inputs[i].reason))))),
      h("p", { class: "muted" }, "分值合计须为 100（填写预算执行时，指标合计为 100 减去预算执行率分值）。"),
      h("p", {}, h("button", { type: "submit", testid: "evaluation-submit" }, "计算得分和等级"))),
    msg, result, beside);
}
