// 公示: per unit and department, budget execution, evaluation grades and checker errors of approved declarations.
import { api } from "../api.js";
import { h, mount, num, pct } from "../dom.js";

export async function render(root, route) {
  const year = route.params.get("year") || "";
  mount(root, h("p", { class: "muted" }, "正在汇总…"));
  const s = await api("/v1/public/summary", { query: { year } });
  const rows = s.departments;
  mount(root, h("h1", {}, `公示汇总${s.year ? `（${s.year}年）` : ""}`),
    rows.length ? h("table", { class: "list", testid: "public-summary" },
      h("thead", {}, h("tr", {}, ["单位", "部门", "申报", "通过", "预算（万元）", "已执行（万元）", "执行率", "评价等级", "审核错误"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.map((d) => h("tr", {},
        h("td", {}, d.unit_name), h("td", {}, d.department || "—"), h("td", {}, String(d.declarations)), h("td", {}, String(d.approved)),
        h("td", {}, num(d.budget_wan)), h("td", {}, d.executed_wan === null ? "—" : num(d.executed_wan)), h("td", {}, pct(d.execution_rate)),
        h("td", {}, Object.entries(d.grades || {}).filter(([, n]) => n).map(([g, n]) => `${g} ${n}`).join("、") || "—"),
        h("td", { class: d.checker_errors ? "bad" : "" }, String(d.checker_errors))))))
      : h("p", { class: "empty" }, "还没有审核通过的申报。"));
}
