// One document to read, the cited article marked and scrolled into view ("#/doc/<doc_id>?chunk=<seq>").
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { COLLECTIONS } from "../labels.js";

export async function render(root, route) {
  const docId = route.parts.join("/");
  const seq = route.params.get("chunk");
  mount(root, h("p", { class: "muted" }, "正在读取文档…"));
  const d = await api(`/v1/documents/${docId.split("/").map(encodeURIComponent).join("/")}`);
  const cited = d.outline.find((o) => String(o.seq) === seq);
  const parts = [];
  let at = 0;
  for (const o of d.outline) {
    if (o.start > at) parts.push(d.text.slice(at, o.start));
    parts.push(h("span", { id: `chunk-${o.seq}`, class: o === cited ? "cited" : "", testid: o === cited ? "cited-article" : null },
      d.text.slice(o.start, o.end)));
    at = Math.max(at, o.end);
  }
  parts.push(d.text.slice(at));
  mount(root,
    h("p", {}, h("button", { type: "button", class: "link", onclick: () => history.back() }, "← 返回")),
    h("h1", {}, d.doc_title),
    h("p", { class: "muted" }, [d.doc_number, d.issuer, d.date || d.year, COLLECTIONS[d.collection] || d.collection,
      d.status === "repealed" ? "已废止" : "有效"].filter(Boolean).join(" · ")),
    d.source_url ? h("p", { class: "muted" }, "原文出处：", h("span", { class: "url" }, d.source_url)) : null,
    h("pre", { class: "doc-text" }, parts));
  const el = root.querySelector(".cited");
  if (el) el.scrollIntoView({ block: "center" });
}
