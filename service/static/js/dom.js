// Tiny DOM helpers. Text always goes in as text (never as HTML), so nothing from the API can run as script.

/** h("div", {class: "x", onclick: f, dataset: {a: 1}}, child, "text", [more]) → element */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "testid") el.dataset.testid = v;
    else if (k === "value") el.value = v;
    else if (k === "checked" || k === "disabled" || k === "hidden" || k === "selected") el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** An input whose prefilled value is selected when the user enters it, so typing replaces it (2023 over a
 * prefilled 2026 gives 2023, not 20262023); the click that focuses it does not undo the selection. */
export function selectOnEntry(el) {
  let entered = false;
  el.addEventListener("focus", () => { el.select(); entered = true; });
  el.addEventListener("mouseup", (e) => { if (entered) e.preventDefault(); entered = false; });
  el.addEventListener("blur", () => { entered = false; });
  return el;
}

/** Replace the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** `text` with [start, end) spans wrapped in <mark>. */
export function highlighted(text, spans = []) {
  const out = [];
  let at = 0;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(h("mark", {}, text.slice(s, e)));
    at = e;
  }
  out.push(text.slice(at));
  return out;
}

/** A labelled form field: label text above the control. */
export function field(label, control, hint) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control,
    hint ? h("small", { class: "muted" }, hint) : null);
}

/** A status line (info / error) that replaces its text. */
export function notice(kind = "info") {
  return h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" });
}

export function say(el, text, kind) {
  el.textContent = text || "";
  if (kind) el.className = `notice ${kind}`;
  el.hidden = !text;
}

/** Debounce: run `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** Format a number for display (at most 2 decimals); "" for null. */
export function num(x, digits = 2) {
  if (x === null || x === undefined || x === "") return "";
  const n = Number(x);
  return Number.isFinite(n) ? String(Math.round(n * 10 ** digits) / 10 ** digits) : String(x);
}

export function pct(x) {
  return x === null || x === undefined ? "—" : `${num(x * 100, 1)}%`;
}

/** `fn` (a form's submit or a button's click handler) with the buttons of its form — or `buttons` — disabled
 * while its request is in flight, so a double click or a second Enter writes once; enabled again after. */
export function inFlight(fn, buttons = null) {
  let busy = false;
  return async (ev, ...rest) => {
    if (busy) {
      if (ev && ev.preventDefault) ev.preventDefault();
      return undefined;
    }
    const form = ev && ev.currentTarget && ev.currentTarget.tagName === "FORM" ? ev.currentTarget : null;
    const btns = buttons ? buttons() : form ? [...form.querySelectorAll("button")] : [];
    busy = true;
    for (const b of btns) b.disabled = true;
    try {
      return await fn(ev, ...rest);
    } finally {
      busy = false;
      for (const b of btns) b.disabled = false;
    }
  };
}
