// 政策问答: ask in plain words → the closest stored questions with their answers and exact citations,
// related policy articles; plus a cited search over the policy documents.
import { api } from "../api.js";
import { h, mount, notice, say } from "../dom.js";
import { prose } from "../prose.js";
import { COLLECTIONS } from "../labels.js";
import { link, replace } from "../router.js";
import { citationLink } from "./indicator.js";

export async function render(root, route) {
  const q = route.params.get("q") || "";
  const input = h("input", { type: "search", value: q, testid: "qa-input", placeholder: "如：满意度指标值一般设多少？", maxlength: 500 });
  const msg = notice();
  const answers = h("div", { testid: "qa-answers" });

  async function ask(ev) {
    if (ev) ev.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    replace(link(["qa"], { q: question }));
    say(msg, "正在查找…", "info");
    try {
      const [res, docs] = await Promise.all([
        api("/v1/qa/ask", { method: "POST", json: { question, top: 3, related: 3 } }),
        api("/v1/docs/search", { query: { q: question, top: 5 } }),
      ]);
      say(msg, res.confident ? "" : (res.message || "问答区没有很接近的问题，以下结果仅供参考。"), res.confident ? undefined : "warn");
      mount(answers,
        h("h2", {}, "相近的问题"),
        res.answers.length ? h("ol", { class: "answers" }, res.answers.map((a) => h("li", { testid: "qa-answer" },
          h("h3", {}, a.question), prose(a.answer),
          h("p", { class: "basis" }, "出处：", citationLink(a), a.source ? ` · ${a.source}` : "")))) : h("p", { class: "muted" }, "（无）"),
        h("h2", {}, "相关政策条文"),
        hitList([...res.related, ...docs.hits.filter((d) => !res.related.some((r) => r.chunk_id === d.chunk_id))]));
    } catch (e) {
      say(msg, e.message, "error");
    }
  }

  mount(root, h("h1", {}, "政策问答"),
    h("form", { class: "searchbar", onsubmit: ask }, input, h("button", { type: "submit", testid: "qa-submit" }, "提问")),
    msg, answers);
  if (q) await ask();
}

function hitList(hits) {
  if (!hits.length) return h("p", { class: "muted" }, "（无）");
  return h("ol", { class: "doc-hits" }, hits.map((d) => h("li", { testid: "doc-hit" },
    h("p", {}, citationLink(d), " ", h("span", { class: "tag" }, COLLECTIONS[d.collection] || d.collection),
      d.status === "repealed" ? h("span", { class: "tag warn" }, "已废止") : null),
    h("div", { class: "excerpt" }, prose(d.text, { marks: d.highlights || [] })))));
}
