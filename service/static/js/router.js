// Hash routes: "#/search?q=满意度" → {page: "search", parts: [], params: URLSearchParams}. Deep links survive reloads.

export function parse(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] || "", parts: parts.slice(1), params: new URLSearchParams(query) };
}

/** "#/page/part?k=v" from parts and a params object (empty values dropped). */
export function link(parts, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const path = parts.map((p) => encodeURIComponent(p)).join("/");
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

/** The page a hash shows ("" is the default page, 指标库). */
function pageOf(hash) {
  return parse(hash).page || "search";
}

/** Change the hash without re-rendering the page (for state such as the search box) — only while the
 * address still shows that page: a page finishing its start after the user went elsewhere must not
 * write its own hash over the new one before its hashchange is handled (the user would land back on it). */
export function replace(hash) {
  if (pageOf(location.hash) !== pageOf(hash)) return;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
