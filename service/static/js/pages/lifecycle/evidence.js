// 佐证材料 and 电子会计档案 on a declaration: attach a file (kind, stage, the indicator row it supports),
// list, download, delete (soft); import an accounting export (凭证 xlsx/csv) linked to the declaration;
// search the attachments' text and the vouchers by a phrase, with citations. The API decides who may do
// what (another unit's declaration is 404, supervisors read only); its Chinese messages are shown as they come.
import { api, saveBlob } from "../../api.js";
import { h, inFlight, mount, notice, say } from "../../dom.js";
import { ATTACHMENT_KINDS, STAGES } from "../../labels.js";
import { link } from "../../router.js";
import { can, current } from "../../session.js";

const ACCEPT = ".pdf,.docx,.xlsx,.csv,.txt,.jpg,.jpeg,.png,.ofd";
const ARCHIVE_ACCEPT = ".xlsx,.csv,.pdf";

/** Evidence may be written by the roles that file monitoring reports (kb.evidence.access.WRITE_ROLES). */
export function canWriteEvidence() {
  return can("monitor");
}

function size(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

async function download(id, msg) {
  try {
    saveBlob(await api(`/v1/attachments/${id}/content`, { blob: true }));
  } catch (e) {
    say(msg, e.message, "error");
  }
}

function options(values, selected) {
  return values.map(([v, label]) => h("option", { value: v, selected: v === selected }, label));
}

/**
 * The evidence panel of declaration `d` (as GET /v1/declarations/{id} returned it). `onChange` runs after
 * every write (the cross-checks depend on attachments and vouchers).
 */
export function evidenceSection(d, { onChange = () => {} } = {}) {
  const writer = canWriteEvidence();
  const msg = notice();
  const listBox = h("div", { testid: "attachment-list" });
  const archiveBox = h("div", { testid: "archive-list" });
  const rowName = (n) => (d.rows.find((r) => r.position === n) || {}).name || "";

  async function loadList() {
    try {
      const [{ attachments }, { documents }] = await Promise.all([
        api(`/v1/declarations/${d.id}/attachments`),
        api("/v1/archive/documents", { query: { limit: 1000 } }),
      ]);
      mount(listBox, attachments.length ? attachmentTable(attachments) : h("p", { class: "muted", testid: "attachment-empty" }, "还没有佐证材料。"));
      const mine = documents.filter((x) => x.declaration_id === d.id);
      mount(archiveBox, mine.length ? h("ul", { class: "archive-docs" }, mine.map((x) => h("li", { testid: "archive-document", dataset: { id: x.id } },
        h("span", { class: "tag" }, x.category_label), ` ${x.filename} · ${x.rows} 行`,
        x.period_start ? ` · ${x.period_start} 至 ${x.period_end}` : ""))) : null);
    } catch (e) {
      mount(listBox, h("p", { class: "notice error", role: "alert" }, e.message));
    }
  }

  function attachmentTable(list) {
    return h("table", { class: "list" },
      h("thead", {}, h("tr", {}, ["文件", "类型", "阶段", "支撑指标", "大小", "文字索引", "上传时间", ""].map((t) => h("th", {}, t)))),
      h("tbody", {}, list.map((a) => h("tr", { testid: "attachment-row", dataset: { id: a.id, kind: a.kind, stage: a.stage } },
        h("td", {}, h("button", { type: "button", class: "link", testid: "attachment-download", onclick: () => download(a.id, msg) }, a.filename),
          a.note ? h("div", { class: "muted" }, a.note) : null),
        h("td", {}, a.kind), h("td", {}, a.stage_label),
        h("td", {}, a.row ? `第 ${a.row} 行 ${rowName(a.row)}` : "—"),
        h("td", {}, size(a.size)),
        h("td", { dataset: { indexed: String(a.indexed) } }, a.indexed ? `已索引（${a.passages} 段）` : `未索引${a.index_note ? `：${a.index_note}` : ""}`),
        h("td", {}, a.created_at ? new Date(a.created_at).toLocaleString("zh-CN") : ""),
        h("td", {}, writer ? deleteButton(a) : null)))));
  }

  function deleteButton(a) {
    const btn = h("button", { type: "button", class: "danger", testid: "attachment-delete" }, "删除");
    let armed = false;
    btn.addEventListener("click", async () => {
      if (!armed) { // a second click confirms (no browser dialog)
        armed = true;
        btn.textContent = "确认删除";
        btn.dataset.armed = "true";
        return;
      }
      try {
        await api(`/v1/attachments/${a.id}`, { method: "DELETE", query: { reason: "申报人员在网页上删除" } });
        say(msg, `已删除：${a.filename}（原件仍留存备查）`, "info");
        await loadList();
        onChange();
      } catch (e) {
        say(msg, e.message, "error");
      }
    });
    return btn;
  }

  // ---- upload one attachment
  const file = h("input", { type: "file", testid: "attachment-file", accept: ACCEPT, required: true });
  const kind = h("select", { testid: "attachment-kind" }, options(ATTACHMENT_KINDS.map((k) => [k, k]), "其他"));
  const stage = h("select", { testid: "attachment-stage" },
    options([["", "当前阶段"], ...Object.entries(STAGES)], ""));
  const row = h("select", { testid: "attachment-indicator" },
    options([["", "不针对某一指标"], ...d.rows.map((r) => [String(r.position), `第 ${r.position} 行 ${r.name}`])], ""));
  const note = h("input", { type: "text", placeholder: "说明（可不填）", maxlength: 2000 });

  async function upload(ev) {
    ev.preventDefault();
    if (!file.files.length) return say(msg, "请选择要上传的文件", "error");
    const form = new FormData();
    form.append("file", file.files[0]);
    form.append("kind", kind.value);
    if (stage.value) form.append("stage", stage.value);
    if (row.value) form.append("row", row.value);
    if (note.value.trim()) form.append("note", note.value.trim());
    say(msg, "正在上传…", "info");
    try {
      const a = await api(`/v1/declarations/${d.id}/attachments`, { method: "POST", form });
      say(msg, a.duplicate ? `该文件已上传过（${a.filename}），未重复保存。`
        : `已上传：${a.filename}（${a.kind}，${a.indexed ? `已建立文字索引，${a.passages} 段` : `未建立文字索引${a.index_note ? `：${a.index_note}` : ""}`}）`, "info");
      file.value = "";
      note.value = "";
      await loadList();
      onChange();
    } catch (e) {
      say(msg, e.message, "error");
    }
  }

  // ---- import an accounting export (凭证 / 账簿 / 报表) linked to this declaration
  const archiveFile = h("input", { type: "file", testid: "archive-file", accept: ARCHIVE_ACCEPT, required: true });
  const archiveMsg = h("div", { testid: "archive-result" });

  async function importArchive(ev) {
    ev.preventDefault();
    if (!archiveFile.files.length) return mount(archiveMsg, h("p", { class: "notice error" }, "请选择财务软件导出的文件"));
    const form = new FormData();
    form.append("file", archiveFile.files[0]);
    form.append("declaration_id", String(d.id));
    mount(archiveMsg, h("p", { class: "notice info" }, "正在导入…"));
    try {
      const out = await api("/v1/archive/import", { method: "POST", form });
      const linked = out.projects.map((p) => `${p.project_name} ${p.rows} 行，支出 ${(p.spending_yuan / 10000).toFixed(2)} 万元`).join("；");
      mount(archiveMsg, h("div", { class: "notice info", dataset: { imported: String(out.imported) } },
        out.duplicate ? "该文件已导入过，未重复导入。"
          : `已导入 ${out.imported} 行${out.category_label}${out.period_start ? `（${out.period_start} 至 ${out.period_end}）` : ""}。`
            + (linked ? ` 关联项目：${linked}。` : "") + (out.unlinked ? ` 未关联到项目的分录 ${out.unlinked} 行。` : ""),
        out.warnings && out.warnings.length ? h("ul", {}, out.warnings.map((w) => h("li", {}, w))) : null));
      archiveFile.value = "";
      await loadList();
      onChange();
    } catch (e) {
      // an import is all-or-nothing: every "第N行 列名: 问题" on its own line
      mount(archiveMsg, h("p", { class: "notice error", role: "alert", testid: "archive-problems" }, e.message));
    }
  }

  // ---- search the attachments' text and the vouchers
  const q = h("input", { type: "search", testid: "attachment-search-input", placeholder: "如：验收合格、维修费、2024年6月 凭证", maxlength: 200 });
  const me = current();
  const scope = h("select", { testid: "attachment-search-scope" },
    options([["this", "本申报"], ["all", me && me.reads_all_units ? "全部单位" : "本单位全部申报"]], "this"));
  const hitsBox = h("div", { testid: "attachment-search-results" });

  async function search(ev) {
    ev.preventDefault();
    const text = q.value.trim();
    if (!text) return;
    const only = scope.value === "this" ? d.id : undefined;
    mount(hitsBox, h("p", { class: "muted" }, "检索中…"));
    try {
      const [att, arc] = await Promise.all([
        api("/v1/attachments/search", { query: { q: text, declaration_id: only, top: 20 } }),
        api("/v1/archive/search", { query: { q: text, declaration_id: only, top: 20 } }),
      ]);
      mount(hitsBox,
        h("h3", {}, `佐证材料（${att.hits.length}）`),
        att.hits.length ? h("ol", { class: "doc-hits" }, att.hits.map((x) => h("li", { testid: "attachment-hit", dataset: { id: x.attachment_id } },
          h("p", {}, h("button", { type: "button", class: "link", onclick: () => download(x.attachment_id, msg) }, x.citation),
            x.kind ? [" ", h("span", { class: "tag" }, x.kind)] : null,
            x.declaration_id !== d.id ? [" · ", h("a", { href: link(["declarations", String(x.declaration_id)]) }, `申报 #${x.declaration_id}`)] : null),
          h("p", { class: "excerpt" }, x.text)))) : h("p", { class: "muted" }, "（无）"),
        h("h3", {}, `会计档案（${arc.hits.length}）`),
        arc.hits.length ? h("ol", { class: "doc-hits" }, arc.hits.map((x) => h("li", { testid: "archive-hit" },
          h("p", {}, x.citation), h("p", { class: "excerpt" }, x.text)))) : h("p", { class: "muted" }, "（无）"));
    } catch (e) {
      mount(hitsBox, h("p", { class: "notice error", role: "alert" }, e.message));
    }
  }

  loadList();
  return h("section", { class: "panel evidence", testid: "evidence-panel" },
    h("h2", {}, "佐证材料与会计档案"),
    listBox,
    writer ? h("form", { class: "form-grid", testid: "attachment-form", onsubmit: inFlight(upload) },
      h("label", { class: "field" }, h("span", { class: "field-label" }, "文件"), file),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "材料类型"), kind),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "阶段"), stage),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "支撑的指标"), row),
      h("label", { class: "field" }, h("span", { class: "field-label" }, "说明"), note),
      h("p", {}, h("button", { type: "submit", class: "primary", testid: "attachment-upload" }, "上传佐证材料"))) : null,
    writer ? h("p", { class: "muted" }, "可上传 PDF、Word（docx）、Excel（xlsx）、CSV、文本、JPG/PNG 照片和 OFD。PDF、Word、Excel、CSV 的文字可检索；照片和 OFD 只保存。") : null,
    msg,
    h("h3", {}, "电子会计档案"),
    archiveBox,
    writer ? h("form", { class: "form-grid", testid: "archive-form", onsubmit: inFlight(importArchive) },
      h("label", { class: "field" }, h("span", { class: "field-label" }, "财务软件导出的凭证、账簿或报表（xlsx / csv）"), archiveFile),
      h("p", {}, h("button", { type: "submit", testid: "archive-import" }, "导入并关联到本申报"))) : null,
    writer ? h("p", { class: "muted" }, "凭证表按表头识别：日期、凭证号、摘要、科目、借方、贷方、项目，列的顺序不限，金额以元为单位。任何一行有误则整个文件不导入。") : null,
    archiveMsg,
    h("h3", {}, "检索材料和凭证"),
    h("form", { class: "searchbar", onsubmit: search }, q, scope, h("button", { type: "submit", testid: "attachment-search-submit" }, "检索")),
    hitsBox);
}
