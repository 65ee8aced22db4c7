// The indicator card: explanation, unit, direction, typical target, scoring, data source, related knowledge,
// training material; also the page "#/indicator/<id>" (a deep link to one card).
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { prose } from "../prose.js";
import { DIRECTION, level1Label, level2Label } from "../labels.js";
import { link } from "../router.js";
import { addIndicator } from "../draft.js";
import { can } from "../session.js";

export async function render(root, route) {
  const id = route.parts[0];
  mount(root, h("p", { class: "muted" }, "正在读取指标…"));
  const ind = await api(`/v1/indicators/${encodeURIComponent(id)}`);
  mount(root, h("p", {}, h("a", { href: "#/search" }, "← 返回指标库")), card(ind));
}

/** A link to where a citation points: "#/doc/<doc_id>?chunk=<seq>". */
export function citationLink(item) {
  const [docId, seq] = String(item.chunk_id || "").split("#");
  if (!docId) return h("span", {}, item.citation || item.doc_title);
  return h("a", { href: link(["doc", docId], { chunk: seq }) }, item.citation || item.doc_title);
}

function target(ind) {
  const t = ind.typical || {};
  if (!t.value && !t.operator) return "—";
  return t.operator === "定性" ? `定性：${t.value}` : `${t.operator || ""}${t.value || ""}${t.unit || ""}`;
}

function row(label, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

export function card(ind, { onAdded } = {}) {
  const range = ind.range_low !== null && ind.range_low !== undefined
    ? `${ind.range_low}～${ind.range_high}${ind.unit || ""}` : "";
  const lib = ind.library === "unit" ? `单位指标库 · ${ind.unit_name || ""}${ind.department ? ` · ${ind.department}` : ""}` : "基础指标库";
  const added = h("span", { class: "muted" });
  return h("article", { class: "card", testid: "indicator-card", dataset: { id: ind.id } },
    h("header", {},
      h("h2", {}, ind.name),
      h("p", { class: "tags" },
        h("span", { class: "tag" }, level1Label(ind.level1)), h("span", { class: "tag" }, level2Label(ind.level2)),
        h("span", { class: "tag lib" }, lib), ind.status === "deprecated" ? h("span", { class: "tag warn" }, "已停用") : null)),
    h("dl", { class: "facts" },
      row("指标解释", ind.explanation),
      row("计量单位", ind.unit || "（定性）"),
      row("指标方向", DIRECTION[ind.direction] || ind.direction),
      row("典型指标值", target(ind)),
      row("历史申报值范围", range),
      row("评分标准", ind.scoring_standard),
      row("数据来源", ind.data_source),
      row("类别 / 行业", [ind.category, ind.sector].filter(Boolean).join(" / ")),
      row("同义词", (ind.synonyms || []).join("、")),
      row("版本", `第 ${ind.version} 版`)),
    section("相关政策条文", (ind.related_articles || []).map((a) =>
      h("li", {}, citationLink(a), h("div", { class: "excerpt" }, prose(a.text))))),
    section("专家意见", (ind.related_opinions || []).map((a) =>
      h("li", {}, citationLink(a), a.problem_type ? h("span", { class: "tag" }, a.problem_type) : null,
        h("div", { class: "excerpt" }, prose(a.text))))),
    section("培训材料", (ind.training_materials || []).map((t) =>
      h("li", {}, h("span", { class: "tag" }, t.kind), " ",
        h("a", { href: t.url, target: "_blank", rel: "noopener noreferrer" }, t.title)))),
    h("footer", { class: "actions" },
      can("declare") ? h("button", {
        type: "button", onclick: () => {
          addIndicator(ind);
          added.textContent = "已加入事前申报的表格";
          if (onAdded) onAdded(ind);
        },
      }, "加入申报表") : null,
      h("a", { href: link(["indicator", ind.id]), class: "muted" }, "本指标链接"), added));
}

function section(title, items) {
  if (!items.length) return null;
  return h("section", { class: "related" }, h("h3", {}, title), h("ul", {}, items));
}

