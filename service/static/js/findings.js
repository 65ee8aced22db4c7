// The checker's findings beside the grid: per row and for the table, with rule, basis and a one-click fix.
import { h, mount } from "./dom.js";
import { LEVEL1, SEVERITY, level2Id } from "./labels.js";
import { newRow } from "./draft.js";

const RANK = { error: 3, warning: 2, info: 1 };

/** {uid: {count, worst}} for the grid's badges. rowUids[n - 1] is the uid of checked row n. */
export function marksFor(report, rowUids) {
  const marks = {};
  for (const f of (report && report.findings) || []) {
    const uid = f.row ? rowUids[f.row - 1] : null;
    if (!uid) continue;
    const m = marks[uid] || (marks[uid] = { count: 0, worst: "info" });
    m.count += 1;
    if (RANK[f.severity] > RANK[m.worst]) m.worst = f.severity;
  }
  return marks;
}

function level1Id(v) {
  if (LEVEL1[v]) return v;
  const hit = Object.entries(LEVEL1).find(([, label]) => label === v);
  return hit ? hit[0] : v;
}

/**
 * Apply the suggestion of finding `f` to `rows` (in place). rowUids maps the checked row numbers to rows.
 * Returns true when something changed.
 */
export function applyFix(f, rows, rowUids) {
  const s = f.suggestion;
  if (!s) return false;
  const byNumber = (n) => rows.find((r) => r.uid === rowUids[n - 1]);
  let changed = false;
  if (f.row) {
    const row = byNumber(f.row);
    if (!row) return false;
    if (s.delete) {
      rows.splice(rows.indexOf(row), 1);
      return true;
    }
    const before = row.name;
    for (const key of ["name", "operator", "value", "unit"]) {
      if (s[key] !== undefined && s[key] !== null) { row[key] = s[key]; changed = true; }
    }
    // a renamed row no longer stands for its library indicator: the export explains the new name
    if (row.name !== before) { row.indicator_id = null; row.explanation = ""; }
    if (s.level2) { row.level2 = level2Id(s.level2) || s.level2; changed = true; }
    if (s.level1) { row.level1 = level1Id(s.level1); changed = true; }
    if (changed) { row.pending = false; row.reason = ""; }
  }
  if (Array.isArray(s.delete_rows) && s.delete_rows.length) {
    const drop = new Set(s.delete_rows.map((n) => rowUids[n - 1]));
    for (let i = rows.length - 1; i >= 0; i--) if (drop.has(rows[i].uid)) rows.splice(i, 1);
    changed = true;
  }
  if (Array.isArray(s.weights)) {
    s.weights.forEach((w, i) => {
      const row = byNumber(i + 1);
      if (row && w !== null && w !== undefined) { row.weight = w; changed = true; }
    });
  }
  if (Array.isArray(s.add_rows)) {
    for (const r of s.add_rows) {
      rows.push(newRow({
        level1: level1Id(r.level1 || ""), level2: level2Id(r.level2 || "") || r.level2 || "", name: r.name || "",
        operator: r.operator || "", value: r.value || "", unit: r.unit || "", evidence: ["审核建议新增"],
      }));
      changed = true;
    }
  }
  return changed;
}

function findingItem(f, rows, rowUids, onFix) {
  const row = f.row ? rows.find((r) => r.uid === rowUids[f.row - 1]) : null;
  const where = f.row ? `第 ${f.row} 行${row ? `（${row.name || "未命名"}）` : ""}` : "全表";
  const fixable = f.suggestion && (f.suggestion.text || Object.keys(f.suggestion).length > 1);
  return h("li", { class: `finding ${f.severity}`, testid: "finding", dataset: { rule: f.rule_id, row: f.row || "", severity: f.severity } },
    h("div", { class: "finding-head" },
      h("span", { class: `sev ${f.severity}` }, SEVERITY[f.severity] || f.severity),
      h("code", { class: "rule" }, f.rule_id), f.title ? h("span", { class: "rule-title" }, f.title) : null,
      h("span", { class: "where" }, where)),
    h("p", { class: "finding-msg" }, f.message),
    f.suggestion && f.suggestion.text ? h("p", { class: "finding-fix" }, `修改建议：${f.suggestion.text}`) : null,
    h("p", { class: "basis" }, `依据：${f.citation || f.basis}`),
    fixable ? h("button", { type: "button", testid: "finding-fix", onclick: () => onFix(f) }, "一键修改") : null);
}

/**
 * Render a check report into `box` (the check-result container). stale: the table changed since the check.
 * onFix(f) is called when the user clicks a finding's one-click fix.
 */
export function renderFindings(box, report, { rows, rowUids, stale = false, onFix }) {
  if (!report) {
    mount(box, h("p", { class: "muted" }, "尚未审核。点“审核”检查指标是否完整、量化、与项目相关。"));
    return;
  }
  const fs = report.findings || [];
  const by = (report.summary && report.summary.by_severity) || {};
  const head = fs.length
    ? `发现 ${fs.length} 个问题：错误 ${by.error || 0}、警告 ${by.warning || 0}、提示 ${by.info || 0}`
    : "未发现问题。";
  const sorted = [...fs].sort((a, b) => (RANK[b.severity] - RANK[a.severity]) || ((a.row || 0) - (b.row || 0)));
  mount(box,
    h("p", { class: `check-summary ${fs.length ? "" : "ok"}`, testid: "check-summary" }, head),
    stale ? h("p", { class: "notice warn" }, "表格在审核后又修改过，请重新审核。") : null,
    h("ul", { class: "findings" }, sorted.map((f) => findingItem(f, rows, rowUids, onFix))));
}

/**
 * After a 409 whose detail lists open error-level findings, show them in `box` with a button
 * that sends again with `acknowledge_findings` (`retry`). Returns false for any other error.
 */
export function offerAcknowledge(box, e, { intro, testid, label, retry }) {
  const open = e.detail && e.detail.open_errors;
  if (e.status !== 409 || !Array.isArray(open) || !open.length) return false;
  box.hidden = false;
  box.replaceChildren(
    h("p", {}, intro),
    h("ul", {}, open.map((f) => h("li", {}, `${f.rule_id} ${f.row ? `第 ${f.row} 行：` : ""}${f.message}`))),
    h("button", { type: "button", testid, onclick: retry }, label));
  return true;
}
