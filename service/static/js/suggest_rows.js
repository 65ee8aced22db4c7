// The suggest result → rows of the editable grid. Reads fields defensively: today's result (one slot per
// 二级指标 with candidates, best first) and a richer one (a default table `rows`, several default rows per slot,
// rows marked 待填写 with a reason, `basis`) give the same kind of rows.
import { newRow } from "./draft.js";

const PENDING = "待填写";
/** 设定依据 of a target the user typed or changed: the declaring unit, not the library or the description. */
export const USER_BASIS = "申报单位填报";

function isPending(c) {
  return Boolean(c.pending || c.status === PENDING || c.value === PENDING || c.needs_value);
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
    reason: c.reason || c.pending_reason || c.note || (pending ? "请按项目实际填写指标值" : ""),
    pending,
    alternates: options.length > 1 ? options : [],
  });
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

/** Rows of the default table of a suggest result (see the module comment). */
export function rowsFromSuggest(res) {
  if (!res) return [];
  if (Array.isArray(res.rows) && res.rows.length) {
    return res.rows.map((r) => {
      const slot = (res.table || []).find((s) => s.level2 === r.level2) || {};
      const options = Array.isArray(r.alternates) && r.alternates.length ? [r, ...r.alternates] : (slot.candidates || []);
      return candidateRow(r, slot, options);
    });
  }
  const rows = [];
  for (const slot of res.table || []) {
    const cands = slot.candidates || [];
    if (!cands.length) continue;
    const chosen = cands.filter((c) => c.default === true || c.selected === true);
    for (const c of chosen.length ? chosen : [cands[0]]) rows.push(candidateRow(c, slot, cands));
  }
  return rows;
}

/** Take the fields of candidate `c` into `row` (the user picked another alternate of the slot). */
export function pickAlternate(row, c) {
  const fresh = candidateRow(c, { level1: row.level1, level2: row.level2 }, row.alternates);
  Object.assign(row, {
    name: fresh.name, operator: fresh.operator, value: fresh.value, unit: fresh.unit, indicator_id: fresh.indicator_id,
    explanation: fresh.explanation, basis: fresh.basis, evidence: fresh.evidence, reason: fresh.reason, pending: fresh.pending,
  });
}
