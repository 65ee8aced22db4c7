// 指标库: search as you type (one request per pause in typing), highlights, filters with counts, the card.
import { api, saveBlob } from "../api.js";
import { debounce, h, highlighted, mount, notice, say } from "../dom.js";
import { link, replace } from "../router.js";
import { current } from "../session.js";
import { card } from "./indicator.js";

const FILTERS = ["level1", "level2", "library", "sector", "category"];
const FILTER_LABELS = { level1: "一级指标", level2: "二级指标", library: "指标库", sector: "行业领域", category: "类别" };
const PAUSE_MS = 250; // one keystroke pause
const PAGE = 30; // hits per page; "显示更多" loads the next

export async function render(root, route) {
  const params = route.params;
  const state = { q: params.get("q") || "", open: params.get("open") || "", filters: {} };
  for (const f of FILTERS) if (params.get(f)) state.filters[f] = params.get(f);

  const input = h("input", {
    type: "search", testid: "search-input", value: state.q, placeholder: "输入指标名称或说法，如“培训人数”“给村里老人送饭”",
    "aria-label": "检索指标", autocomplete: "off",
  });
  const status = notice();
  const facetsBox = h("aside", { class: "facets", testid: "search-facets" });
  const results = h("ol", { class: "hits", testid: "search-results" });
  const moreBox = h("p", { class: "more" });
  const cardBox = h("div", { class: "card-pane", testid: "card-pane" });
  const exportMsg = notice();
  let seq = 0;

  function hash() {
    return link(["search"], { q: state.q, ...state.filters, open: state.open });
  }

  async function run() {
    const id = ++seq;
    replace(hash());
    if (!state.q.trim()) {
      mount(results);
      mount(moreBox);
      results.dataset.query = "";
      mount(facetsBox);
      say(status, "输入检索词后，结果随输入更新。可用左侧筛选按一级/二级指标、指标库、行业和类别缩小范围。");
      return;
    }
    say(status, "检索中…");
    try {
      const res = await api("/v1/indicators/search", { query: { q: state.q, top: PAGE, facets: "true", ...state.filters } });
      if (id !== seq) return; // a newer keystroke won
      mount(results, res.hits.map(hitItem));
      results.dataset.query = state.q;
      mount(facetsBox, facetGroups(res.facets));
      shownPage(res.total, res.hits.length);
    } catch (e) {
      if (id === seq) say(status, e.message, "error");
    }
  }

  /** 共 N 个 …，显示前 M 个 and, while more are left, "显示更多" (the next page of the same search). */
  function shownPage(total, shown) {
    say(status, shown ? `共 ${total} 个匹配的指标${total > shown ? `，显示前 ${shown} 个` : ""}` : "没有匹配的指标，换个说法试试");
    mount(moreBox, total > shown ? h("button", { type: "button", testid: "search-more", onclick: more },
      `显示更多（还有 ${total - shown} 个）`) : null);
  }

  async function more(ev) {
    const id = seq;
    const btn = ev.currentTarget;
    btn.disabled = true;
    const shown = results.children.length;
    try {
      const res = await api("/v1/indicators/search", { query: { q: state.q, top: PAGE, offset: shown, ...state.filters } });
      if (id !== seq) return; // the query changed meanwhile
      results.append(...res.hits.map(hitItem));
      shownPage(res.total, results.children.length);
    } catch (e) {
      if (id === seq) say(status, e.message, "error");
    }
  }

  function hitItem(hit) {
    return h("li", {
      class: `hit${hit.indicator_id === state.open ? " selected" : ""}`, testid: "search-hit",
      dataset: { id: hit.indicator_id },
    },
      h("a", {
        href: link(["search"], { q: state.q, ...state.filters, open: hit.indicator_id }),
        onclick: (ev) => { ev.preventDefault(); openCard(hit.indicator_id); },
      }, h("span", { class: "hit-name" }, highlighted(hit.name, hit.highlights))),
      h("span", { class: "hit-meta" },
        `${hit.level1_label || hit.level1} · ${hit.level2_label || hit.level2}`,
        hit.unit ? ` · ${hit.unit}` : "", hit.library === "unit" ? " · 单位指标库" : ""));
  }

  function facetGroups(facets) {
    if (!facets) return [];
    return FILTERS.map((f) => {
      const values = facets.fields[f] || [];
      if (!values.length && !state.filters[f]) return null;
      return h("section", { class: "facet" }, h("h3", {}, FILTER_LABELS[f]),
        h("ul", {}, values.slice(0, 12).map((v) => {
          const on = state.filters[f] === v.value;
          return h("li", {}, h("button", {
            type: "button", class: `facet-value${on ? " on" : ""}`, "aria-pressed": on ? "true" : "false",
            testid: "facet-value", dataset: { field: f, value: v.value },
            onclick: () => {
              if (on) delete state.filters[f]; else state.filters[f] = v.value;
              run();
            },
          }, v.label, h("span", { class: "count" }, v.count)));
        })));
    });
  }

  async function openCard(id) {
    state.open = id;
    replace(hash());
    for (const li of results.children) li.classList.toggle("selected", li.dataset.id === id);
    mount(cardBox, h("p", { class: "muted" }, "正在读取指标…"));
    try {
      mount(cardBox, card(await api(`/v1/indicators/${encodeURIComponent(id)}`)));
    } catch (e) {
      mount(cardBox, h("p", { class: "notice error" }, e.message));
    }
  }

  async function exportLibrary(unit) {
    say(exportMsg, "正在导出…");
    try {
      saveBlob(await api("/v1/library/export", { query: { unit_name: unit }, blob: true }));
      say(exportMsg, "");
    } catch (e) {
      say(exportMsg, e.message, "error");
    }
  }

  const onType = debounce(() => { state.q = input.value; run(); }, PAUSE_MS);
  input.addEventListener("input", onType);
  const me = current();
  mount(root,
    h("div", { class: "searchbar" }, input),
    status,
    h("div", { class: "search-layout" }, facetsBox, h("div", { class: "results" }, results, moreBox), cardBox),
    h("p", { class: "muted export-line" }, "下载：",
      h("button", { type: "button", class: "link", onclick: () => exportLibrary() }, "基础指标库 (.xlsx)"),
      me.unit_name && !me.reads_all_units
        ? [" · ", h("button", { type: "button", class: "link", onclick: () => exportLibrary(me.unit_name) }, `${me.unit_name} 单位指标库 (.xlsx)`)]
        : null),
    exportMsg);
  input.focus();
  await run();
  if (state.open) await openCard(state.open);
}
