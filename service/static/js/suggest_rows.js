// The suggest result → rows of the editable grid: exactly the API's `default_table` (same rows, order, values
// and 分值); the other candidates of a row's slot in `table` are only the row's alternates to pick from.
import { newRow } from "./draft.js";

const PENDING = "待填写";
/** 设定依据 of a target the user typed or changed: the declaring unit, not the library or the description. */
export const USER_BASIS = "申报单位填报";

function isPending(c) {
  return Boolean(c.pending || c.status === PENDING || c.value === PENDING || c.needs_value
    || (!c.value && String(c.note || "").startsWith(PENDING)));
}

/** One candidate as a grid row; `options` are the slot's candidates to pick from (this one included). */
export function candidateRow(c, slot = {}, options = []) {
  const pending = isPending(c);
  return newRow({
    level1: c.level1 || slot.level1 || "",
    level2: c.level2 || slot.level2 || "",
    name: (c.name || "").replace(/[〔〕]/g, ""),
    operator: c.operator || "",
    value: pending && c.value === PENDING ? "" : (c.value ?? ""),
    unit: c.unit || "",
    weight: c.weight ?? null,
    indicator_id: c.indicator_id || null,
    explanation: c.explanation || "",
    basis: c.basis || basisFrom(c),
    evidence: Array.isArray(c.evidence) ? c.evidence : c.evidence ? [String(c.evidence)] : [],
    reason: pendingReason(c, pending),
    pending,
    wasPending: pending, // its 待填写 hint goes once the value is filled
    alternates: options.length > 1 ? options : [],
  });
}

/** Why the value is 待填写, without the 待填写： the grid puts in front of it. */
function pendingReason(c, pending) {
  const note = String(c.note || "").replace(/^待填写[：:]\s*/, "");
  return note || (pending ? "请按项目实际填写指标值" : "");
}

/** 设定依据 from a candidate's evidence: the description's own figure, else the library; none for a row
 * still 待填写 (its value will be the user's). */
function basisFrom(c) {
  if (isPending(c)) return "";
  const ev = (Array.isArray(c.evidence) ? c.evidence : []).map(String);
  const quoted = ev.find((e) => e.startsWith("描述中的数量"));
  if (quoted) return `项目描述：${quoted.split(/[:：]/).slice(1).join("：").trim()}`;
  const budget = ev.find((e) => e.includes("项目预算"));
  if (budget) return budget;
  if (c.indicator_id && (c.value || c.operator)) return "指标库典型值";
  return ev.join("；");
}

/** Rows of the default table of a suggest result: its `default_table`, each with its slot's candidates as
 * alternates. */
export function rowsFromSuggest(res) {
  if (!res || !Array.isArray(res.default_table)) return [];
  return res.default_table.map((r) => {
    const slot = (res.table || []).find((s) => s.level1 === r.level1 && s.level2 === r.level2) || {};
    return candidateRow(r, slot, slot.candidates || []);
  });
}

/** Take the fields of candidate `c` into `row` (the user picked another alternate of the slot). */
export function pickAlternate(row, c) {
  const fresh = candidateRow(c, { level1: row.level1, level2: row.level2 }, row.alternates);
  Object.assign(row, {
    name: fresh.name, operator: fresh.operator, value: fresh.value, unit: fresh.unit, indicator_id: fresh.indicator_id,
    explanation: fresh.explanation, basis: fresh.basis, evidence: fresh.evidence, reason: fresh.reason, pending: fresh.pending,
    wasPending: fresh.wasPending,
  });
}
