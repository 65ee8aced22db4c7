// Stored Markdown-ish text (policy cards, Q&A answers, excerpts) shown as plain blocks: "## 标题" becomes a
// heading, "> …" a quote, "- …" / "1. …" a list line, "**粗体**" loses its stars. Every piece goes in as
// text (never innerHTML), so nothing in a document can run as script. Highlight spans and the cited range
// are [start, end) offsets into the ORIGINAL text, as the API gives them; they survive the markup removal.
import { h } from "./dom.js";

const HEADING = /^(#{1,6})[ \t]+/;
const QUOTE = /^>[ \t]?/;
const BULLET = /^[-*+][ \t]+/;
const NUMBERED = /^\d{1,3}[.、)][ \t]+/;
const EMPHASIS = /\*\*|__|`/g;

/** One line → {kind, level, chars: [[char, offset in text]]} with its markup prefix and emphasis removed. */
function parseLine(text, start, end) {
  let line = text.slice(start, end);
  let at = start;
  let kind = "p";
  let level = 0;
  const m = line.match(HEADING);
  if (m) {
    kind = "heading";
    level = m[1].length;
  } else if (QUOTE.test(line)) {
    kind = "quote";
  } else if (BULLET.test(line) || NUMBERED.test(line)) {
    kind = "item";
  }
  const prefix = (m || line.match(QUOTE) || line.match(BULLET) || [""])[0];
  line = line.slice(prefix.length).replace(/[ \t]+#+[ \t]*$/, kind === "heading" ? "" : "$&");
  at += prefix.length;
  const chars = [];
  let i = 0;
  for (const em of line.matchAll(EMPHASIS)) {
    for (; i < em.index; i++) chars.push([line[i], at + i]);
    i = em.index + em[0].length;
  }
  for (; i < line.length; i++) chars.push([line[i], at + i]);
  return { kind, level, start, end, chars };
}

/** Text nodes and <mark>s for `chars`, marking those whose original offset lies in a span. */
function inline(chars, spans) {
  const marked = (o) => spans.some(([s, e]) => o >= s && o < e);
  const out = [];
  let run = "";
  let on = false;
  for (const [c, o] of chars) {
    const m = marked(o);
    if (m !== on && run) {
      out.push(on ? h("mark", {}, run) : run);
      run = "";
    }
    on = m;
    run += c;
  }
  if (run) out.push(on ? h("mark", {}, run) : run);
  return out;
}

/**
 * Blocks (h4/h5, p, blockquote, li in ul) for `text`.
 * Options: marks — [[start, end)] highlight spans; cited — [start, end) range whose blocks get class "cited"
 * (the first also data-testid "cited-article"); anchors — [{start, id}] ids put on the block holding `start`;
 * headingLevel — the tag of a "#" heading (default 4: inside a page's h1/h2/h3).
 */
export function prose(text, { marks = [], cited = null, anchors = [], headingLevel = 4 } = {}) {
  const src = String(text ?? "");
  const blocks = [];
  let list = null;
  let para = null; // consecutive plain lines form one paragraph
  let firstCited = true;
  const lines = [];
  for (let start = 0; start <= src.length;) {
    const nl = src.indexOf("\n", start);
    const end = nl < 0 ? src.length : nl;
    lines.push([start, end]);
    start = end + 1;
    if (nl < 0) break;
  }
  const inCited = (l) => Boolean(cited && l.start < cited[1] && l.end > cited[0]);
  const place = (el, l) => {
    if (inCited(l)) {
      el.classList.add("cited");
      if (firstCited) {
        el.dataset.testid = "cited-article";
        firstCited = false;
      }
    }
    const anchor = anchors.find((a) => a.start >= l.start && a.start <= l.end && !a.used);
    if (anchor) {
      anchor.used = true;
      if (!el.id) el.id = anchor.id;
    }
    return el;
  };
  for (const [s, e] of lines) {
    const l = parseLine(src, s, e);
    const blank = !l.chars.some(([c]) => c.trim());
    if (blank) {
      list = null;
      para = null;
      continue;
    }
    const content = inline(l.chars, marks);
    if (l.kind === "item") {
      para = null;
      if (!list) blocks.push((list = h("ul", { class: "prose-list" })));
      list.append(place(h("li", {}, content), l));
      continue;
    }
    list = null;
    if (l.kind === "heading") {
      para = null;
      blocks.push(place(h(`h${Math.min(6, headingLevel + Math.max(0, l.level - 2))}`, { class: "prose-heading" }, content), l));
    } else if (l.kind === "quote") {
      para = null;
      blocks.push(place(h("blockquote", {}, content), l));
    } else if (para && para.classList.contains("cited") === inCited(l)) {
      para.append(h("br"), ...content);
    } else {
      blocks.push((para = place(h("p", {}, content), l)));
    }
  }
  return h("div", { class: "prose" }, blocks);
}

/** `text` on one line for a short excerpt: markup removed, highlights kept (a span of inline nodes). */
export function plainLine(text, marks = []) {
  const src = String(text ?? "");
  const chars = [];
  let s = 0;
  for (const part of src.split("\n")) {
    const l = parseLine(src, s, s + part.length);
    if (chars.length && l.chars.length) chars.push([" ", -1]);
    chars.push(...l.chars);
    s += part.length + 1;
  }
  return h("span", {}, inline(chars, marks));
}
