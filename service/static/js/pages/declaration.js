// One declaration: state, version, rows, the checker's findings, reviewer comments, its versions, the
// evidence (佐证材料, 会计档案) with the cross-checks, and the actions of the lifecycle the key's role
// allows: submit, return / approve, 事中监控, 事后评价, 结果反馈. "#/declarations/<id>/versions/<n>" shows
// one earlier version read-only.
import { api, saveBlob } from "../api.js";
import { h, inFlight, mount, notice, say } from "../dom.js";
import { SEVERITY, STATES } from "../labels.js";
import { link } from "../router.js";
import { can } from "../session.js";
import { monitoringSection } from "./lifecycle/monitoring.js";
import { evaluationSection } from "./lifecycle/evaluation.js";
import { feedbackSection } from "./lifecycle/feedback.js";
import { reviewSection } from "./lifecycle/review.js";
import { evidenceSection } from "./lifecycle/evidence.js";
import { crosscheckBoard } from "./lifecycle/crosschecks.js";

export async function render(root, route) {
  const id = route.parts[0];
  if (route.parts[1] === "versions" && route.parts[2]) return renderVersion(root, id, route.parts[2]);
  mount(root, h("p", { class: "muted" }, "正在读取申报…"));
  const [d, versions] = await Promise.all([
    api(`/v1/declarations/${encodeURIComponent(id)}`),
    api(`/v1/declarations/${encodeURIComponent(id)}/versions`),
  ]);
  const checks = crosscheckBoard(d);
  const refresh = () => checks.refresh();
  const reload = () => render(root, route);
  const msg = notice();

  async function act(path, body) {
    try {
      await api(`/v1/declarations/${d.id}/${path}`, { method: "POST", json: body });
      await reload();
    } catch (e) {
      say(msg, e.message, "error");
    }
  }

  async function download() {
    try {
      saveBlob(await api(`/v1/declarations/${d.id}/xlsx`, { blob: true }));
    } catch (e) {
      say(msg, e.message, "error");
    }
  }

  const editable = can("declare") && ["draft", "returned"].includes(d.state);
  mount(root,
    h("p", {}, h("a", { href: "#/declarations" }, "← 我的申报")),
    h("h1", {}, d.project_name, " ", h("span", { class: `state ${d.state}`, testid: "declaration-state", dataset: { state: d.state } }, STATES[d.state] || d.state)),
    h("p", { class: "muted" }, `#${d.id} · ${d.unit_name}${d.department ? ` · ${d.department}` : ""} · ${d.year ?? ""}年 · `,
      d.budget_wan !== null ? `预算 ${d.budget_wan} 万元 · ` : "", `第 ${d.version} 版 · 更新于 ${new Date(d.updated_at).toLocaleString("zh-CN")}`),
    // "可以提交审核，但审核通过时审核人员须确认…" is about a coming review: not shown once it is approved
    d.warning && d.state !== "approved" ? h("p", { class: "notice warn", testid: "declaration-warning" }, d.warning) : null,
    h("p", { class: "toolbar" },
      editable ? h("a", { class: "button", href: link(["declare"], { from: String(d.id) }), testid: "edit-declaration" }, "修改（生成新版本）") : null,
      can("submit") && ["draft", "returned"].includes(d.state)
        ? h("button", { type: "button", class: "primary", testid: "submit-declaration",
          onclick: inFlight(() => act("submit"), () => [...root.querySelectorAll('[data-testid="submit-declaration"]')]) }, "提交审核") : null,
      h("button", { type: "button", onclick: download }, "下载 Excel")),
    msg,
    d.description ? h("p", { class: "description" }, d.description) : null,
    rowsTable(d),
    findingsList(d),
    reviewsList(d),
    versionsList(d, versions),
    can("review") && d.state === "submitted" ? reviewSection(d, act) : null,
    d.state === "approved" && can("monitor")
      ? await monitoringSection(d, { beside: checks.view({ stages: ["monitoring"] }), onSaved: refresh }) : null,
    d.state === "approved" && can("evaluate")
      ? await evaluationSection(d, { beside: checks.view({ stages: ["evaluation", "feedback"] }), onSaved: refresh }) : null,
    d.state === "approved" && d.has_evaluation && can("feedback") ? await feedbackSection(d, { onSaved: refresh }) : null,
    evidenceSection(d, { onChange: refresh }),
    checks.view({ full: true }));
  await refresh();
}

function versionsList(d, versions) {
  if (!versions || versions.length < 2) return null;
  return h("section", { testid: "version-list" }, h("h2", {}, `版本（${versions.length}）`),
    h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["版本", "项目名称", "预算（万元）", "指标行数", "审核错误", "保存时间"].map((t) => h("th", {}, t)))),
      h("tbody", {}, [...versions].reverse().map((v) => h("tr", { testid: "version-item", dataset: { version: v.version } },
        h("td", {}, v.current ? h("strong", {}, `第 ${v.version} 版（当前）`)
          : h("a", { href: link(["declarations", String(d.id), "versions", String(v.version)]) }, `第 ${v.version} 版`)),
        h("td", {}, v.project_name), h("td", {}, v.budget_wan ?? "—"), h("td", {}, String(v.rows)),
        h("td", { class: v.error_count ? "bad" : "" }, String(v.error_count)),
        h("td", {}, new Date(v.created_at).toLocaleString("zh-CN")))))));
}

/** One stored version, read-only: its content and the checker's findings as they were when it was saved. */
async function renderVersion(root, id, number) {
  mount(root, h("p", { class: "muted" }, "正在读取版本…"));
  const v = await api(`/v1/declarations/${encodeURIComponent(id)}/versions/${encodeURIComponent(number)}`);
  mount(root,
    h("p", {}, h("a", { href: link(["declarations", String(v.declaration_id)]) }, "← 返回当前版本")),
    h("h1", {}, v.project_name, " ", h("span", { class: "state", testid: "version-view", dataset: { version: v.version } },
      `第 ${v.version} 版${v.current ? "（当前）" : "（历史版本，只读）"}`)),
    h("p", { class: "muted" }, `#${v.declaration_id} · ${v.department ? `${v.department} · ` : ""}${v.year ?? ""}年 · `,
      v.budget_wan !== null ? `预算 ${v.budget_wan} 万元 · ` : "", `保存于 ${new Date(v.created_at).toLocaleString("zh-CN")}`),
    v.description ? h("p", { class: "description" }, v.description) : null,
    rowsTable(v),
    findingsList(v));
}

function rowsTable(d) {
  return h("table", { class: "list", testid: "declaration-rows" },
    h("thead", {}, h("tr", {}, ["#", "一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值"].map((t) => h("th", {}, t)))),
    h("tbody", {}, d.rows.map((r) => h("tr", {},
      h("td", {}, String(r.position)), h("td", {}, r.level1), h("td", {}, r.level2), h("td", {}, r.name),
      h("td", {}, `${r.operator || ""}${r.value}`), h("td", {}, r.unit),
      h("td", { testid: "declaration-row-weight" }, r.weight ?? "—")))));
}

function findingsList(d) {
  const fs = d.findings || [];
  return h("section", {}, h("h2", {}, `审核规则发现（${fs.length}）`),
    fs.length ? h("ul", { class: "findings compact" }, fs.map((f) => h("li", { class: `finding ${f.severity}` },
      h("span", { class: `sev ${f.severity}` }, SEVERITY[f.severity] || f.severity), " ", h("code", {}, f.rule_id), " ",
      f.row ? `第 ${f.row} 行：` : "全表：", f.message))) : h("p", { class: "muted" }, "未发现问题。"));
}

function reviewsList(d) {
  const rs = d.reviews || [];
  if (!rs.length) return null;
  return h("section", { testid: "reviews" }, h("h2", {}, "审核意见"),
    h("ul", { class: "reviews" }, rs.map((r) => h("li", { testid: "review", dataset: { decision: r.decision } },
      h("strong", {}, r.decision === "approve" ? "审核通过" : "退回修改"), ` · 第 ${r.version} 版 · ${new Date(r.created_at).toLocaleString("zh-CN")}`,
      r.comment ? h("p", {}, r.comment) : null,
      r.acknowledged_findings && r.acknowledged_findings.length ? h("p", { class: "muted" }, `确认了 ${r.acknowledged_findings.length} 个错误级审核发现`) : null))));
}
