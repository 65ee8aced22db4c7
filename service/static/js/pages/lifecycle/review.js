// Reviewer actions on a submitted declaration: return with comments, or approve (acknowledging any
// error-level findings the API lists in its 409).
import { api } from "../../api.js";
import { h, inFlight, notice, say } from "../../dom.js";
import { offerAcknowledge } from "../../findings.js";

export function reviewSection(d, act) {
  let buttons = [];
  const guard = (fn) => inFlight(fn, () => buttons);
  const comment = h("textarea", { rows: 3, testid: "review-comment", placeholder: "审核意见（退回时必填）" });
  const msg = notice();
  const ackBox = h("div", { class: "ack", hidden: true });

  const approve = guard(async (_ev, acknowledge = false) => {
    try {
      await api(`/v1/declarations/${d.id}/approve`, {
        method: "POST", json: { comment: comment.value, acknowledge_findings: acknowledge },
      });
      location.reload();
    } catch (e) {
      say(msg, e.message, "error");
      offerAcknowledge(ackBox, e, { intro: "当前版本仍有以下错误级审核发现：", testid: "approve-acknowledge",
        label: "已核实，确认后审核通过", retry: () => approve(null, true) });
    }
  });
  const giveBack = guard(async () => (comment.value.trim() ? act("return", { comment: comment.value }) : say(msg, "退回时须填写审核意见", "error")));
  buttons = [
    h("button", { type: "button", testid: "return-declaration", onclick: giveBack }, "退回修改"),
    h("button", { type: "button", class: "primary", testid: "approve-declaration", onclick: (ev) => approve(ev, false) }, "审核通过")];

  return h("section", { class: "panel", testid: "review-panel" }, h("h2", {}, "审核"),
    comment,
    h("p", { class: "toolbar" }, buttons),
    msg, ackBox);
}
