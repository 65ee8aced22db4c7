// The 事前申报 workspace's table while the tab is open (memory only: gone on sign-out or reload).

const state = { form: null, rows: [], suggest: null, declarationId: null, stateLabel: "" };
let nextUid = 1;

export function draft() {
  return state;
}

/** A grid row with defaults; `uid` identifies it across edits and reorders. */
export function newRow(fields = {}) {
  return {
    uid: nextUid++, level1: "", level2: "", name: "", operator: "", value: "", unit: "", weight: null,
    indicator_id: null, explanation: "", basis: "", evidence: [], reason: "", pending: false, alternates: [],
    ...fields,
  };
}

export function resetDraft() {
  Object.assign(state, { form: null, rows: [], suggest: null, declarationId: null, stateLabel: "" });
}

/** Add a library indicator (from the 指标库 card) to the table. */
export function addIndicator(ind) {
  const t = ind.typical || {};
  state.rows.push(newRow({
    level1: ind.level1, level2: ind.level2, name: ind.name.replace(/[〔〕]/g, ""), operator: t.operator || "",
    value: t.value || "", unit: t.unit || ind.unit || "", indicator_id: ind.id, explanation: ind.explanation || "",
    basis: "指标库", evidence: ["从指标库加入"],
  }));
}
