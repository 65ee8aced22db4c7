// 指标库管理: export a library to Excel, edit it there, import it back (all or nothing, versioned, at once in
// search and suggest). A unit admin imports only its own unit's library.
import { api, saveBlob } from "../api.js";
import { h, inFlight, mount, notice, say } from "../dom.js";
import { can, current } from "../session.js";

export async function render(root) {
  const me = current();
  if (!can("manage_unit_library")) {
    mount(root, h("p", { class: "notice error" }, "只有系统管理员和单位管理员可以管理指标库。"));
    return;
  }
  const isAdmin = me.role === "admin";
  const unit = h("input", { type: "text", testid: "library-unit", value: isAdmin ? "" : me.unit_name, disabled: !isAdmin,
    placeholder: "留空：基础指标库" });
  const file = h("input", { type: "file", accept: ".xlsx", testid: "library-file" });
  const msg = notice();
  const problems = h("ul", { class: "problems", testid: "import-problems" });

  async function doExport() {
    try {
      saveBlob(await api("/v1/library/export", { query: { unit_name: unit.value.trim() }, blob: true }));
    } catch (e) {
      say(msg, e.message, "error");
    }
  }

  async function doImport(ev) {
    ev.preventDefault();
    problems.replaceChildren();
    if (!file.files.length) return say(msg, "请选择 .xlsx 文件", "error");
    const form = new FormData();
    form.append("file", file.files[0]);
    if (unit.value.trim()) form.append("unit_name", unit.value.trim());
    say(msg, "正在导入…", "info");
    try {
      const out = await api("/v1/admin/library/import", { method: "POST", form });
      say(msg, `已导入 ${out.rows} 行：新增 ${out.added}、修改 ${out.updated}、未变 ${out.unchanged}；指标库版本 ${out.library_version}。检索和推荐已使用新内容。`, "info");
    } catch (e) {
      say(msg, e.status === 422 ? "文件有问题，什么都没有导入：" : e.message, "error");
      if (e.status === 422) mount(problems, e.message.split("\n").map((line) => h("li", {}, line)));
    }
  }

  mount(root, h("h1", {}, "指标库管理"),
    h("p", {}, isAdmin ? "系统管理员可导出、导入基础指标库和任一单位的单位指标库。"
      : `单位管理员只能导入本单位（${me.unit_name}）的单位指标库。`),
    h("ol", { class: "steps" },
      h("li", {}, "导出现有指标库为 Excel（一个工作表，中文表头，单元格均为文本）；"),
      h("li", {}, "在 Excel 中修改、增加指标（有“单位名称”的行属于该单位的单位指标库；停用请把“状态”改为“已停用”）；"),
      h("li", {}, "导入：全部检查通过才会保存，每个问题给出“第N行 列名: 问题”；有变化的指标生成新版本，立即生效。")),
    h("form", { class: "panel", onsubmit: inFlight(doImport) },
      h("p", { class: "form-grid" }, h("label", {}, "单位指标库 ", unit), h("button", { type: "button", onclick: doExport, testid: "library-export" }, "导出 Excel")),
      h("p", {}, file, " ", h("button", { type: "submit", class: "primary", testid: "library-import" }, "导入"))),
    msg, problems);
}
