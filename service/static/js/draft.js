// The 事前申报 workspace's table while the tab is open. It is kept in this tab's sessionStorage too (beside
// the key, never in localStorage), so a reload (F5) restores the name, the description and the edited
// table; signing out clears sessionStorage and with it the draft. `dirty` marks edits not yet saved as a
// declaration: the page asks before the tab is closed or reloaded while it is set.

import { LEVEL2, level2Id } from "./labels.js";

const STORE = "jixiao.declareDraft";
const EMPTY = () => ({ form: null, rows: [], suggest: null, declarationId: null, version: null, stateLabel: "", dirty: false });
const state = EMPTY();
let nextUid = 1;
let restored = false;

function restore() {
  if (restored) return;
  restored = true;
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
    if (saved && typeof saved === "object" && Array.isArray(saved.rows)) {
      Object.assign(state, EMPTY(), saved);
      nextUid = Math.max(0, ...state.rows.map((r) => Number(r.uid) || 0)) + 1;
    }
  } catch (e) {
    sessionStorage.removeItem(STORE);
  }
}

export function draft() {
  restore();
  return state;
}

/** Keep the draft in this tab's sessionStorage; `edited` marks it as changed since the last save. */
export function keepDraft({ edited = true } = {}) {
  if (edited) state.dirty = true;
  try {
    sessionStorage.setItem(STORE, JSON.stringify(state));
  } catch (e) {
    // a suggestion too large for the tab's storage: keep the table without it
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ ...state, suggest: null }));
    } catch (e2) { /* storage full: the draft lives in memory only */ }
  }
}

window.addEventListener("beforeunload", (ev) => {
  // signed out (the key and the draft already cleared): nothing to keep, nothing to ask
  if (!state.dirty || !sessionStorage.getItem("jixiao.apiKey")) return;
  keepDraft({ edited: false });
  ev.preventDefault();
  ev.returnValue = "申报尚未保存，离开后未保存的修改仅在本标签页中保留。";
});

/** A grid row with defaults; `uid` identifies it across edits and reorders. */
export function newRow(fields = {}) {
  return {
    uid: nextUid++, level1: "", level2: "", name: "", operator: "", value: "", unit: "", weight: null,
    indicator_id: null, explanation: "", basis: "", evidence: [], reason: "", pending: false, alternates: [],
    ...fields,
  };
}

export function resetDraft() {
  Object.assign(state, EMPTY());
  sessionStorage.removeItem(STORE);
}

/** Add a library indicator (from the 指标库 card) to the table, inside its 一级/二级 block. */
export function addIndicator(ind) {
  draft();
  const t = ind.typical || {};
  insertInBlock(state.rows, newRow({
    level1: ind.level1, level2: ind.level2, name: ind.name.replace(/[〔〕]/g, ""), operator: t.operator || "",
    value: t.value || "", unit: t.unit || ind.unit || "", indicator_id: ind.id, explanation: ind.explanation || "",
    basis: "指标库", evidence: ["从指标库加入"],
  }));
  keepDraft();
}

/** Insert `row` after the last row of its 二级指标 (or, when the table has none, before the first row of a later
 * 二级指标 in the framework's order), so an added row never lands after 满意度. */
export function insertInBlock(rows, row, order = blockOrder) {
  const at = order(row);
  let pos = rows.length;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (order(rows[i]) <= at) { pos = i + 1; break; }
    pos = i;
  }
  rows.splice(pos, 0, row);
  return pos;
}

const RANK = Object.fromEntries(Object.keys(LEVEL2).map((id, i) => [id, i]));

/** The rank of a row's 二级指标 in the framework's order (a row without a known one counts as last). */
export function blockOrder(row) {
  return RANK[level2Id(row.level2)] ?? Object.keys(RANK).length;
}
