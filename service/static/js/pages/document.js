// One document to read (its Markdown shown as plain headings and paragraphs), the cited article marked and scrolled into view ("#/doc/<doc_id>?chunk=<seq>").
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { COLLECTIONS } from "../labels.js";
import { prose } from "../prose.js";

export async function render(root, route) {
  const docId = route.parts.join("/");
  const seq = route.params.get("chunk");
  mount(root, h("p", { class: "muted" }, "正在读取文档…"));
  const d = await api(`/v1/documents/${docId.split("/").map(encodeURIComponent).join("/")}`);
  const cited = d.outline.find((o) => String(o.seq) === seq);
  const anchors = d.outline.map((o) => ({ start: o.start, id: `chunk-${o.seq}` }));
  const body = prose(d.text, { cited: cited ? [cited.start, cited.end] : null, anchors, headingLevel: 2 });
  mount(root,
    h("p", {}, h("button", { type: "button", class: "link", onclick: () => history.back() }, "← 返回")),
    h("h1", {}, d.doc_title),
    h("p", { class: "muted" }, [d.doc_number, d.issuer, d.date || d.year, COLLECTIONS[d.collection] || d.collection,
      d.status === "repealed" ? "已废止" : "有效"].filter(Boolean).join(" · ")),
    d.source_url ? h("p", { class: "muted" }, "原文出处：", h("span", { class: "url" }, d.source_url)) : null,
    h("article", { class: "doc-text" }, body));
  const el = root.querySelector(".cited");
  if (el) el.scrollIntoView({ block: "center" });
}
