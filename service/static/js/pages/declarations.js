// 我的申报: the declarations this key may see (own unit; supervisors and admins all), with states;
// "#/declarations/<id>" opens one (see declaration.js).
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { STATES } from "../labels.js";
import { link } from "../router.js";
import { current } from "../session.js";

export async function render(root, route) {
  if (route.parts[0]) {
    const detail = await import("./declaration.js");
    return detail.render(root, route);
  }
  const state = route.params.get("state") || "";
  mount(root, h("p", { class: "muted" }, "正在读取申报…"));
  const list = await api("/v1/declarations", { query: { state, limit: 200 } });
  const me = current();
  const tabs = h("p", { class: "tabs" }, [["", "全部"], ...Object.entries(STATES)].map(([k, label]) =>
    h("a", { href: link(["declarations"], { state: k }), class: k === state ? "on" : "" }, label)));
  mount(root,
    h("h1", {}, me.reads_all_units ? "全部申报" : `${me.unit_name || ""} 的申报`),
    tabs,
    list.length
      ? h("table", { class: "list", testid: "declaration-list" },
        h("thead", {}, h("tr", {}, ["编号", "项目名称", "单位", "部门", "年度", "状态", "版本", "审核错误"].map((t) => h("th", {}, t)))),
        h("tbody", {}, list.map((d) => h("tr", { testid: "declaration-item", dataset: { id: d.id, state: d.state } },
          h("td", {}, `#${d.id}`),
          h("td", {}, h("a", { href: link(["declarations", String(d.id)]) }, d.project_name)),
          h("td", {}, d.unit_name), h("td", {}, d.department || ""), h("td", {}, d.year ?? ""),
          h("td", {}, h("span", { class: `state ${d.state}` }, STATES[d.state] || d.state)),
          h("td", {}, `第 ${d.version} 版`),
          h("td", { class: d.error_count ? "bad" : "" }, String(d.error_count))))))
      : h("p", { class: "empty", testid: "declaration-empty" }, "没有申报。", h("a", { href: "#/declare" }, "去填写一份 →")));
}
