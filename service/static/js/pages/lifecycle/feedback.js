// 结果反馈: the finance bureau's final score, comments and budget adjustment; the libraries learn from it.
// Open error-level cross-check findings (the API's 409) are listed and can be acknowledged, as at approval.
import { api } from "../../api.js";
import { h, inFlight, mount, notice, say } from "../../dom.js";
import { offerAcknowledge } from "../../findings.js";
import { can } from "../../session.js";
import { lightsTable, reportInForce } from "./monitoring.js";
import { scoresTable } from "./evaluation.js";

/** What the reviewer weighs before 最终得分: the 事中监控 lights in force and the unit's 事后评价 self-score and
 * grade (shown here when the caller's role does not already see them in the 事中监控 / 事后评价 panels). */
async function basisOfFeedback(d) {
  if (can("monitor") && can("evaluate")) return null;
  const [history, evaluation] = await Promise.all([
    api(`/v1/declarations/${d.id}/monitoring`).catch(() => []),
    d.has_evaluation ? api(`/v1/declarations/${d.id}/evaluation`).catch(() => null) : null,
  ]);
  const shown = reportInForce(history || []);
  return h("div", { class: "feedback-basis", testid: "feedback-basis" },
    h("h3", {}, "事中监控（红黄绿灯）"),
    h("div", { testid: "feedback-monitoring" }, shown ? lightsTable(shown) : h("p", { class: "muted" }, "申报单位尚未填报事中监控。")),
    h("h3", {}, "事后评价（申报单位自评）"),
    h("div", { testid: "feedback-evaluation" },
      evaluation ? scoresTable(evaluation) : h("p", { class: "muted" }, "申报单位尚未完成事后评价。")));
}

export async function feedbackSection(d, { onSaved = () => {} } = {}) {
  const basis = await basisOfFeedback(d);
  const msg = notice();
  const result = h("div", {});
  if (d.has_feedback) mount(result, h("p", { class: "notice info" }, "已录入结果反馈。"));
  const total = h("input", { type: "number", min: 0, max: 100, step: "any", testid: "feedback-total", class: "tiny" });
  const adjust = h("input", { type: "number", step: "any", placeholder: "压减为负数", class: "short" });
  const executed = h("input", { type: "number", min: 0, step: "any", class: "short", testid: "feedback-budget-executed" });
  const comments = h("textarea", { rows: 3, testid: "feedback-comments", placeholder: "财政部门意见" });
  const opt = (el) => (el.value === "" ? null : Number(el.value));
  const ackBox = h("div", { class: "ack", hidden: true });

  async function send(ev, acknowledge = false) {
    if (ev) ev.preventDefault();
    try {
      const out = await api(`/v1/declarations/${d.id}/feedback`, {
        method: "POST",
        json: { final_total: opt(total), comments: comments.value, budget_adjustment_wan: opt(adjust), budget_executed_wan: opt(executed),
          acknowledge_findings: acknowledge },
      });
      ackBox.hidden = true;
      mount(result, h("div", { class: "notice info", testid: "feedback-result" },
        `已反馈：最终得分 ${out.final_total ?? "—"}，等级 ${out.final_grade ?? "—"}。`,
        out.learned.length ? ` 指标库已学习：${out.learned.join("、")}。` : "",
        out.values_not_learned.length ? ` 未作为典型值学习：${out.values_not_learned.join("、")}。` : ""));
      say(msg, "");
      onSaved();
    } catch (e) {
      say(msg, e.message, "error");
      offerAcknowledge(ackBox, e, { intro: "交叉核对仍有以下错误级发现：", testid: "feedback-acknowledge",
        label: "已核实，确认后录入反馈", retry: () => guarded(null, true) });
    }
  }

  const guarded = inFlight(send);
  return h("section", { class: "panel", testid: "feedback-panel" }, h("h2", {}, "结果反馈"), basis,
    h("form", { onsubmit: guarded },
      h("p", { class: "form-grid" }, h("label", {}, "最终得分 ", total), h("label", {}, "预算调整（万元） ", adjust),
        h("label", {}, "核定执行（万元） ", executed)),
      comments,
      h("p", {}, h("button", { type: "submit", testid: "feedback-submit" }, "录入反馈"))),
    msg, ackBox, result);
}
