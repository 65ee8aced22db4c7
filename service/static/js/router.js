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

/** Change the hash without re-rendering the page (for state such as the search box). */
export function replace(hash) {
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
