// 事中监控: actual to date per indicator and budget executed → red / yellow / green lights.
import { api } from "../../api.js";
import { h, inFlight, mount, notice, num, pct, say } from "../../dom.js";
import { LIGHTS } from "../../labels.js";

/** An API error about one row named once, by its row in the table the user sees: the API adds the item of the
 * request ("指标第3项的实际完成值：第 4 行“种植成活率”（指标第 3 项）：…") for callers that send rows out of order;
 * the page's items follow the table, so "第 4 行“种植成活率”的实际完成值：…" says it all. */
export function oneRowNumbering(message) {
  return String(message || "").replace(
    /^(?:(?:指标行?|评价行?)第\d+项的([^：\n]+)：)?(第 \d+ 行“[^”\n]*”)(?:（[^）\n]*第 \d+ 项）)?：/gm,
    (_m, leaf, row) => (leaf ? `${row}的${leaf}：` : `${row}：`));
}

function light(l) {
  if (!l) return h("span", { class: "muted" }, "—");
  return h("span", { class: `light ${l}`, testid: "light", dataset: { light: l } }, LIGHTS[l] || l);
}

export function lightsTable(m) {
  return h("div", { class: "lights", testid: "monitoring-result" },
    h("p", {}, `期末 ${m.period_end} · 时间进度 ${pct(m.time_progress)} · `,
      Object.entries(m.lights || {}).map(([k, n]) => `${LIGHTS[k] || k} ${n}`).join("、")),
    m.budget ? h("p", {}, "预算执行：", light(m.budget.light),
      ` 已执行 ${num(m.budget.executed_wan)} 万元，执行率 ${pct(m.budget.execution_rate)}`, m.budget.message ? `（${m.budget.message}）` : "") : null,
    h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["#", "指标", "目标", "实际", "完成进度", "灯", "说明"].map((t) => h("th", {}, t)))),
      h("tbody", {}, m.indicators.map((r) => h("tr", { dataset: { row: r.row } },
        h("td", {}, String(r.row)), h("td", {}, r.name), h("td", {}, r.target), h("td", {}, r.actual),
        h("td", {}, pct(r.completion)), h("td", {}, light(r.light)),
        h("td", {}, [r.expected_unachievable ? `预计无法完成：${r.reason}` : "", ...(r.warnings || [])].filter(Boolean).join("；")))))),
    m.not_reported && m.not_reported.length ? h("p", { class: "muted" }, `未填报的行：${m.not_reported.join("、")}`) : null);
}

/** The report shown on opening: the latest period end's report in force (a re-filed period supersedes the earlier filing). */
export function reportInForce(history) {
  const inForce = history.filter((m) => !m.superseded);
  return inForce.reduce((a, m) => (!a || m.period_end > a.period_end ? m : a), null);
}

/** Every filing, superseded ones marked (they stay listed: they were filed and audited). */
function historyList(history) {
  if (history.length < 2) return null;
  return h("details", { testid: "monitoring-history" }, h("summary", {}, `历次填报（${history.length} 份）`),
    h("ul", {}, history.map((m) => h("li", { dataset: { superseded: m.superseded ? "1" : "0" }, class: m.superseded ? "muted" : "" },
      `期末 ${m.period_end} · 报送于 ${String(m.created_at).slice(0, 16).replace("T", " ")} · `,
      m.superseded ? `已被第 ${m.superseded_by} 号报告替代（同一期末重新填报）` : "现行有效"))));
}

/** The 事中监控 panel; `beside` (the cross-check findings) sits under the lights, `onSaved` runs after a report. */
export async function monitoringSection(d, { beside = null, onSaved = () => {} } = {}) {
  const history = await api(`/v1/declarations/${d.id}/monitoring`);
  const shown = reportInForce(history);
  const result = h("div", {}, shown ? lightsTable(shown) : null, historyList(history));
  const msg = notice();
  // no default: a report is for the period the declarant names, never silently for today
  const periodEnd = h("input", { type: "date", testid: "monitoring-period-end", "aria-label": "监控期间（期末日期）" });
  const executed = h("input", { type: "number", min: 0, step: "any", testid: "monitoring-budget-executed", placeholder: "万元" });
  const inputs = d.rows.map((r) => ({
    row: r.position,
    actual: h("input", { type: "text", testid: "monitoring-actual", "aria-label": `${r.name} 实际完成值`, class: "short" }),
    flag: h("input", { type: "checkbox", testid: "monitoring-unachievable" }),
    reason: h("input", { type: "text", placeholder: "原因", class: "short" }),
  }));

  async function send(ev) {
    ev.preventDefault();
    const indicators = inputs.filter((i) => i.actual.value.trim()).map((i) => ({
      row: i.row, actual: i.actual.value.trim(), expected_unachievable: i.flag.checked, reason: i.reason.value.trim() || null,
    }));
    if (!periodEnd.value) {
      say(msg, "请填写监控期间（期末日期），如 6 月 30 日", "error");
      periodEnd.focus();
      return;
    }
    if (!indicators.length && executed.value === "") {
      say(msg, "请至少填写一个指标截至期末的实际完成值，或预算已执行金额", "error");
      return;
    }
    try {
      const m = await api(`/v1/declarations/${d.id}/monitoring`, {
        method: "POST",
        json: { period_end: periodEnd.value, budget_executed_wan: executed.value === "" ? null : Number(executed.value), indicators },
      });
      mount(result, lightsTable(m));
      say(msg, "已填报。", "info");
      onSaved();
    } catch (e) {
      say(msg, oneRowNumbering(e.message), "error");
    }
  }

  return h("section", { class: "panel", testid: "monitoring-panel" }, h("h2", {}, "事中监控"),
    h("form", { onsubmit: inFlight(send) },
      h("p", { class: "form-grid" }, h("label", {}, "监控期间（期末日期） ", periodEnd), h("label", {}, "预算已执行（万元） ", executed)),
      h("table", { class: "list" },
        h("thead", {}, h("tr", {}, ["#", "指标", "目标", "截至期末实际", "预计无法完成", "原因"].map((t) => h("th", {}, t)))),
        h("tbody", {}, d.rows.map((r, i) => h("tr", {},
          h("td", {}, String(r.position)), h("td", {}, r.name), h("td", {}, `${r.operator || ""}${r.value}${r.unit || ""}`),
          h("td", {}, inputs[i].actual), h("td", {}, inputs[i].flag), h("td", {}, inputs[i].reason))))),
      h("p", {}, h("button", { type: "submit", testid: "monitoring-submit" }, "填报并查看红黄绿灯"))),
    msg, result, beside);
}
