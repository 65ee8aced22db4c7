// The editable 绩效目标表 grid: change names, operators, values, units and 分值; pick an alternate per slot;
// add, delete and reorder rows. Edits change the row objects in place and call onChange(kind).
import { h, mount } from "./dom.js";
import { LEVEL1, LEVEL2, OPERATORS, level2Id } from "./labels.js";
import { insertInBlock, newRow } from "./draft.js";
import { USER_BASIS, pickAlternate } from "./suggest_rows.js";

const TARGET_KEYS = new Set(["operator", "value", "unit"]); // what makes the target: typing one makes it the user's

function levelSelect(row, rows, onChange) {
  const current = level2Id(row.level2) || "";
  const groups = Object.entries(LEVEL1).map(([l1, label]) =>
    h("optgroup", { label }, Object.entries(LEVEL2).filter(([, [p]]) => p === l1).map(([id, [, l2]]) =>
      h("option", { value: id, selected: id === current }, `${label} / ${l2}`))));
  const unknown = current ? null : h("option", { value: "", selected: true }, row.level2 ? `${row.level1} / ${row.level2}` : "请选择");
  return h("select", {
    testid: "row-level", "aria-label": "一级/二级指标",
    onchange: (e) => {
      row.level2 = e.target.value;
      row.level1 = LEVEL2[e.target.value][0];
      // the row moves into its new 一级/二级 block (the table and the export keep the framework's order)
      const at = rows.indexOf(row);
      rows.splice(at, 1);
      const to = insertInBlock(rows, row);
      onChange(to === at ? "edit" : "structure");
    },
  }, unknown, groups);
}

function textInput(row, key, testid, attrs, onChange) {
  return h("input", {
    type: "text", value: row[key] ?? "", testid, ...attrs,
    oninput: (e) => {
      row[key] = e.target.value;
      if (key === "value") {
        // the yellow 待填写 hint goes once the value is filled (and comes back if it is emptied again)
        row.pending = Boolean(row.wasPending || row.pending) && !String(row.value).trim();
        if (row.pending) row.wasPending = true;
        const tr = e.target.closest("tr");
        if (tr) {
          tr.classList.toggle("pending", row.pending);
          const hint = tr.querySelector(".row-reason");
          if (hint) hint.hidden = !row.pending;
        }
      }
      if (TARGET_KEYS.has(key)) row.basis = USER_BASIS;
      onChange("edit");
    },
  });
}

function operatorSelect(row, onChange) {
  const ops = OPERATORS.includes(row.operator) || !row.operator ? OPERATORS : [row.operator, ...OPERATORS];
  return h("select", {
    testid: "row-operator", "aria-label": "运算符",
    onchange: (e) => { row.operator = e.target.value; row.basis = USER_BASIS; onChange("edit"); },
  }, h("option", { value: "", selected: !row.operator }, "—"),
  ops.map((op) => h("option", { value: op, selected: op === row.operator }, op)));
}

function alternates(row, onChange) {
  if (!row.alternates || row.alternates.length < 2) return null;
  const index = row.alternates.findIndex((c) => (c.indicator_id && c.indicator_id === row.indicator_id) || c.name.replace(/[〔〕]/g, "") === row.name);
  return h("select", {
    class: "alternates", testid: "row-alternates", "aria-label": "备选指标",
    onchange: (e) => {
      if (e.target.value === "") return;
      const c = row.alternates[Number(e.target.value)];
      if (c) { pickAlternate(row, c); onChange("structure"); }
    },
  }, index < 0 ? h("option", { value: "", selected: true }, "（已手动修改）") : null,
  row.alternates.map((c, i) => h("option", { value: i, selected: i === index },
    `${c.name.replace(/[〔〕]/g, "")}${c.value ? ` ${c.operator || ""}${c.value}${c.unit || ""}` : ""}`)));
}

/**
 * Render `rows` into `container`. marks: {uid: {count, worst}} from the last check (shown as a badge).
 * onChange("edit") after a cell edit, onChange("structure") after add/delete/move/alternate.
 */
export function renderGrid(container, rows, { marks = {}, onChange }) {
  const move = (i, d) => {
    const j = i + d;
    if (j < 0 || j >= rows.length) return;
    [rows[i], rows[j]] = [rows[j], rows[i]];
    onChange("structure");
  };
  const body = rows.map((row, i) => {
    const mark = marks[row.uid];
    const notes = [row.reason && h("div", { class: "row-reason", testid: "row-pending-hint", hidden: Boolean(row.wasPending) && !row.pending }, `待填写：${row.reason}`),
      row.evidence && row.evidence.length ? h("div", { class: "row-evidence" }, row.evidence.join("；")) : null];
    return h("tr", {
      testid: "suggest-row", class: [row.pending ? "pending" : "", mark ? `has-${mark.worst}` : ""].join(" ").trim(),
      dataset: { uid: row.uid, row: i + 1 },
    },
    h("td", { class: "num" }, String(i + 1), mark ? h("span", { class: `badge ${mark.worst}`, title: "审核发现的问题数" }, mark.count) : null),
    h("td", {}, levelSelect(row, rows, onChange)),
    h("td", { class: "name-cell" }, textInput(row, "name", "row-name", { "aria-label": "三级指标" }, onChange),
      alternates(row, onChange), notes),
    h("td", {}, operatorSelect(row, onChange)),
    h("td", {}, textInput(row, "value", "row-value", { "aria-label": "指标值", placeholder: row.pending ? "待填写" : "", class: "short value", title: row.value || "" }, onChange)),
    h("td", {}, textInput(row, "unit", "row-unit", { "aria-label": "计量单位", class: "short" }, onChange)),
    h("td", {}, h("input", {
      type: "number", min: 0, max: 100, step: "any", class: "tiny", testid: "row-weight", "aria-label": "分值",
      value: row.weight ?? "",
      oninput: (e) => { row.weight = e.target.value === "" ? null : Number(e.target.value); onChange("edit"); },
    })),
    h("td", { class: "row-actions" },
      h("button", { type: "button", class: "icon", title: "上移", testid: "row-up", onclick: () => move(i, -1) }, "↑"),
      h("button", { type: "button", class: "icon", title: "下移", testid: "row-down", onclick: () => move(i, 1) }, "↓"),
      h("button", {
        type: "button", class: "icon danger", title: "删除", testid: "row-delete",
        onclick: () => { rows.splice(i, 1); onChange("structure"); },
      }, "✕")));
  });
  mount(container,
    h("table", { class: "grid", testid: "suggest-table" },
      h("thead", {}, h("tr", {}, ["#", "一级 / 二级指标", "三级指标", "运算符", "指标值", "计量单位", "分值", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, body)),
    h("p", { class: "grid-tools" },
      h("button", {
        type: "button", testid: "add-row",
        onclick: () => { insertInBlock(rows, newRow({ level1: "output", level2: "quantity" })); onChange("structure"); },
      }, "＋ 添加一行"),
      rows.length ? null : h("span", { class: "muted" }, " 表格为空：先生成推荐，或从指标库加入指标，或手动添加。")));
}
