// 事前申报 workspace: project facts → suggested table → edit in the grid → check inline, fix → export .xlsx,
// or save as a declaration and submit it.
import { api, saveBlob } from "../api.js";
import { field, h, mount, notice, num, say, selectOnEntry } from "../dom.js";
import { level1Label, level2Id, level2Label } from "../labels.js";
import { draft, keepDraft, newRow, resetDraft } from "../draft.js";
import { renderGrid } from "../grid.js";
import { applyFix, marksFor, renderFindings } from "../findings.js";
import { rowsFromSuggest } from "../suggest_rows.js";
import { can, current } from "../session.js";
import { link, replace } from "../router.js";

const THIS_YEAR = new Date().getFullYear();
const MAX_DESCRIPTION = 5000; // the API's limit of a suggest description (SuggestRequest)
const SHOWN_QUANTITIES = 8; // recognised numbers listed before "展开全部"

function emptyForm() {
  return { project_name: "", description: "", budget: "", year: String(THIS_YEAR), department: "", sector: "", unit_name: "" };
}

/** Load a stored declaration (to edit a draft or a returned one) into the workspace. */
async function loadDeclaration(id) {
  const d = await api(`/v1/declarations/${encodeURIComponent(id)}`);
  const st = draft();
  st.form = {
    project_name: d.project_name, description: d.description || "", budget: d.budget_wan ?? "",
    year: String(d.year || THIS_YEAR), department: d.department || "", sector: d.sector || "", unit_name: d.unit_name,
  };
  st.rows = d.rows.map((r) => newRow({
    level1: r.level1, level2: level2Id(r.level2) || r.level2, name: r.name, operator: r.operator, value: r.value,
    unit: r.unit, indicator_id: r.indicator_id, weight: r.weight ?? null,
  }));
  st.suggest = null;
  st.declarationId = d.id;
  st.version = d.version; // sent back as expected_version: a save over a newer version is refused, not overwritten
  st.stateLabel = `第 ${d.version} 版`;
  st.dirty = false;
  keepDraft({ edited: false });
}

export async function render(root, route) {
  const me = current();
  const st = draft();
  const from = route.params.get("from");
  if (route.params.get("new") === "1") {
    resetDraft();
    replace("#/declare"); // going back to this entry must not empty the table again
  }
  if (from && String(st.declarationId) !== from) await loadDeclaration(from);
  if (!st.form) st.form = { ...emptyForm(), unit_name: me.role === "admin" ? me.unit_name || "" : "" };
  const form = st.form;
  let report = null;
  let rowUids = [];
  let stale = false;

  // ---- the project's facts
  const bind = (key, el) => {
    el.addEventListener("input", () => { form[key] = el.value; keepDraft(); });
    return el;
  };
  const name = bind("project_name", h("input", { type: "text", testid: "suggest-project-name", value: form.project_name, maxlength: 200, placeholder: "如：乡村道路修缮项目" }));
  const desc = bind("description", h("textarea", { testid: "suggest-description", rows: 5, maxlength: MAX_DESCRIPTION, placeholder: "项目做什么、做多少、为谁做、资金多少，越具体推荐越准。" }));
  desc.value = form.description;
  // 已输入 N / 5000 字, and a visible notice once the limit cuts what was typed or pasted
  const counter = h("small", { class: "counter", testid: "description-counter", "aria-live": "polite" });
  const full = h("p", { class: "notice warn", testid: "description-full", role: "status", hidden: true });
  let cut = false;
  desc.addEventListener("beforeinput", (e) => {
    const adding = e.data ?? (e.dataTransfer ? e.dataTransfer.getData("text") : "");
    const selected = desc.selectionEnd - desc.selectionStart;
    cut = Boolean(adding) && desc.value.length - selected + adding.length > MAX_DESCRIPTION;
  });
  desc.addEventListener("paste", (e) => {
    const adding = (e.clipboardData && e.clipboardData.getData("text")) || "";
    const selected = desc.selectionEnd - desc.selectionStart;
    cut = desc.value.length - selected + adding.length > MAX_DESCRIPTION;
  });
  const count = () => {
    const n = desc.value.length;
    counter.textContent = `已输入 ${n} / ${MAX_DESCRIPTION} 字`;
    counter.classList.toggle("at-limit", n >= MAX_DESCRIPTION);
    full.hidden = n < MAX_DESCRIPTION;
    full.textContent = cut
      ? `项目描述最多 ${MAX_DESCRIPTION} 字，超出的部分没有录入：请精简后再补充。`
      : `已达到 ${MAX_DESCRIPTION} 字上限，不能再输入。`;
  };
  desc.addEventListener("input", count);
  count();
  const budget = bind("budget", h("input", { type: "number", testid: "suggest-budget", value: form.budget, min: 0, step: "any", placeholder: "万元" }));
  const year = selectOnEntry(bind("year", h("input", { type: "number", testid: "declaration-year", value: form.year, min: 1990, max: 2100 })));
  // 预算年度 follows a year the project's name or description states ("2025年农村公路修复工程") until the user types one
  let yearTyped = false;
  year.addEventListener("input", () => { yearTyped = true; });
  const followStatedYear = () => {
    const m = /((?:19|20)\d{2})\s*年/.exec(name.value) || /((?:19|20)\d{2})\s*年/.exec(desc.value);
    if (!yearTyped && m) { year.value = m[1]; form.year = m[1]; keepDraft(); }
  };
  name.addEventListener("input", followStatedYear);
  desc.addEventListener("input", followStatedYear);
  const dept = bind("department", h("input", { type: "text", value: form.department, placeholder: "可不填" }));
  const sector = bind("sector", h("input", { type: "text", value: form.sector, placeholder: "如：交通运输（可不填）" }));
  const unitName = me.role === "admin" ? bind("unit_name", h("input", { type: "text", value: form.unit_name, placeholder: "代为申报的单位" })) : null;
  const suggestBtn = h("button", { type: "submit", testid: "suggest-submit" }, "生成推荐表");
  const suggestMsg = notice();
  const info = h("div", { class: "suggest-info", testid: "suggest-info" });

  // ---- table, check, export, save
  const gridBox = h("div", { class: "grid-box" });
  const checkBox = h("section", { class: "check-result", testid: "check-result", "aria-label": "审核结果" });
  const actionMsg = notice();
  const banner = st.declarationId
    ? h("p", { class: "notice info" }, `正在修改申报 #${st.declarationId}（${st.stateLabel}），保存后生成新版本。`,
      h("a", { href: link(["declarations", String(st.declarationId)]) }, " 查看申报"))
    : null;

  function budgetValue() {
    const b = String(form.budget).trim();
    return b === "" ? null : Number(b);
  }

  function tableRows() {
    return st.rows.map((r) => ({
      level1: level1Label(r.level1), level2: level2Label(r.level2), name: r.name.trim(), operator: r.operator,
      value: String(r.value ?? "").trim(), unit: r.unit.trim(), weight: r.weight, indicator_id: r.indicator_id || null,
    }));
  }

  function drawGrid() {
    renderGrid(gridBox, st.rows, { marks: report && !stale ? marksFor(report, rowUids) : {}, onChange });
  }

  function drawFindings() {
    renderFindings(checkBox, report, { rows: st.rows, rowUids, stale, onFix });
  }

  function onChange(kind) {
    keepDraft();
    if (kind === "structure") drawGrid();
    if (report && !stale) {
      stale = true;
      drawFindings();
      if (kind !== "structure") drawGrid();
    }
  }

  async function onFix(f) {
    if (applyFix(f, st.rows, rowUids)) {
      keepDraft();
      drawGrid();
      await check();
    }
  }

  function showSuggestInfo(res) {
    const types = Array.isArray(res.project_types) ? res.project_types : [];
    const qs = (res.quantities || []).filter((q) => !q.is_budget);
    mount(info,
      types.length ? h("p", { class: "chips", testid: "project-types" }, "项目类型：",
        types.map((t) => h("span", { class: "chip" }, t.name, t.confidence !== undefined ? h("small", {}, ` ${num(t.confidence * 100, 0)}%`) : null))) : null,
      res.message ? h("p", { class: `notice ${res.confident ? "info" : "warn"}` }, res.message) : null,
      !res.confident && !res.message ? h("p", { class: "notice warn" }, "描述中没有足够的信息，推荐可能不准，请补充项目内容。") : null,
      qs.length ? quantityList(qs) : null,
      res.budget_wan !== null && res.budget_wan !== undefined ? h("p", { class: "muted" }, `预算：${num(res.budget_wan)} 万元`) : null);
  }

  function quantityList(qs) {
    const text = (list) => list.map((q) => `${q.value}${q.unit}`).join("、");
    const box = h("p", { class: "muted", testid: "suggest-quantities" }, "从描述中识别的数量：");
    if (qs.length <= SHOWN_QUANTITIES) return mount(box, "从描述中识别的数量：", text(qs));
    const more = h("button", { type: "button", class: "link", testid: "quantities-more" }, `展开全部（共 ${qs.length} 个）`);
    more.addEventListener("click", () => mount(box, "从描述中识别的数量：", text(qs)));
    return mount(box, "从描述中识别的数量：", text(qs.slice(0, SHOWN_QUANTITIES)), " … ", more);
  }

  async function suggest(ev) {
    ev.preventDefault();
    if (!form.description.trim()) {
      // the suggestion reads the description; a name alone gave a nonsense 项目类型 (trial 10)
      mount(info);
      say(suggestMsg, "请填写项目概况：项目描述不能为空（写明做什么、做多少、为谁做）。", "error");
      desc.focus();
      return;
    }
    suggestBtn.disabled = true;
    say(suggestMsg, "正在推荐…", "info");
    try {
      const res = await api("/v1/suggest", {
        method: "POST",
        json: {
          description: form.description.trim(), project_name: form.project_name.trim() || null,
          budget_wan: budgetValue(), department: form.department.trim() || null, sector: form.sector.trim() || null,
        },
      });
      st.suggest = res;
      st.rows.splice(0, st.rows.length, ...rowsFromSuggest(res));
      report = null;
      stale = false;
      showSuggestInfo(res);
      keepDraft();
      drawGrid();
      drawFindings();
      say(suggestMsg, `已推荐 ${st.rows.length} 行。可以修改名称、运算符、指标值和单位，换用备选指标，增删和调整顺序，然后审核。`, "info");
    } catch (e) {
      // the previous run's project types and numbers do not belong under a new error
      st.suggest = null;
      mount(info);
      keepDraft({ edited: false });
      say(suggestMsg, e.message, "error");
    } finally {
      suggestBtn.disabled = false;
    }
  }

  async function check() {
    say(actionMsg, "正在审核…", "info");
    try {
      rowUids = st.rows.map((r) => r.uid);
      report = await api("/v1/declarations/check", {
        method: "POST",
        json: { project_name: form.project_name, description: form.description, budget_wan: budgetValue(),
          year: Number(form.year) || null, rows: tableRows() },
      });
      stale = false;
      drawGrid();
      drawFindings();
      say(actionMsg, "");
    } catch (e) {
      say(actionMsg, e.message, "error");
    }
  }

  async function exportXlsx() {
    say(actionMsg, "正在生成 Excel…", "info");
    try {
      const rows = st.rows.map((r, i) => ({ ...tableRows()[i], explanation: r.explanation, basis: r.basis }));
      saveBlob(await api("/v1/declarations/export", {
        method: "POST", blob: true,
        json: { project_name: form.project_name, unit_name: form.unit_name || me.unit_name || "", department: form.department,
          sector: form.sector.trim(),
          year: Number(form.year) || null, budget_wan: budgetValue(), description: form.description, rows },
      }));
      say(actionMsg, "已导出绩效目标表（.xlsx）。", "info");
    } catch (e) {
      say(actionMsg, e.message, "error");
    }
  }

  async function save(submit) {
    const blank = st.rows.findIndex((r) => !r.name.trim());
    if (blank >= 0) {
      say(actionMsg, `第 ${blank + 1} 行没有三级指标名称：请填写或删除这一行`, "error");
      return;
    }
    say(actionMsg, "正在保存…", "info");
    writing(true);
    const body = {
      project_name: form.project_name.trim(), description: form.description, department: form.department.trim(),
      sector: form.sector.trim(), year: Number(form.year), budget_wan: budgetValue(),
      rows: tableRows(),
    };
    if (me.role === "admin") body.unit_name = form.unit_name.trim() || null;
    try {
      let out = st.declarationId
        ? await api(`/v1/declarations/${st.declarationId}`, { method: "PUT", json: body,
          query: { expected_version: st.version ?? undefined } })
        : await api("/v1/declarations", { method: "POST", json: body });
      st.declarationId = out.id;
      st.version = out.version;
      st.stateLabel = `第 ${out.version} 版`;
      st.dirty = false;
      keepDraft({ edited: false });
      if (submit) out = await api(`/v1/declarations/${out.id}/submit`, { method: "POST" });
      const done = submit ? "已提交审核" : "已保存为草稿";
      mount(actionMsg, `${done}：申报 #${out.id}（第 ${out.version} 版）。`, out.warning ? ` ${out.warning}` : "",
        h("a", { href: link(["declarations", String(out.id)]), testid: "declaration-link" }, " 查看申报 →"));
      actionMsg.className = "notice info";
      actionMsg.hidden = false;
    } catch (e) {
      say(actionMsg, e.message, "error");
    } finally {
      writing(false);
    }
  }

  // 保存为申报 / 保存并提交审核 are disabled while a save is in flight: a double click files one declaration
  const saveBtn = can("declare") ? h("button", { type: "button", testid: "save-declaration", onclick: () => save(false) }, "保存为申报") : null;
  const submitBtn = can("submit") ? h("button", { type: "button", class: "primary", testid: "submit-declaration", onclick: () => save(true) }, "保存并提交审核") : null;
  function writing(on) {
    for (const b of [saveBtn, submitBtn]) if (b) b.disabled = on;
  }

  const newBtn = h("button", {
    type: "button", class: "link", onclick: () => { location.hash = "#/declare?new=1"; },
  }, "新建空白申报");

  mount(root,
    h("h1", {}, "事前申报 · 绩效目标表"),
    banner,
    h("form", { class: "project-form", onsubmit: suggest },
      h("div", { class: "form-grid" },
        field("项目名称", name), field("预算（万元）", budget), field("预算年度", year),
        field("主管部门", dept), field("行业领域", sector), unitName ? field("申报单位", unitName) : null),
      field("项目描述", desc, "推荐会使用描述中的数量（如“修缮道路12公里”）作为指标值。"), counter, full,
      h("p", { class: "form-actions" }, suggestBtn, " ", newBtn), suggestMsg),
    info,
    h("h2", {}, "绩效目标表"),
    gridBox,
    h("p", { class: "toolbar" },
      h("button", { type: "button", testid: "check-submit", onclick: check }, "审核"),
      h("button", { type: "button", testid: "export-xlsx", onclick: exportXlsx }, "导出 Excel"),
      saveBtn, submitBtn),
    actionMsg,
    h("h2", {}, "审核结果"),
    checkBox);
  if (st.suggest) showSuggestInfo(st.suggest);
  drawGrid();
  drawFindings();
}
