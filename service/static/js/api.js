// Calls to the jixiao HTTP API on this server: the key goes in X-API-Key, errors come back as the API wrote them.
import { apiKey, signOut } from "./session.js";

export class ApiError extends Error {
  constructor(status, message, detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

/** The API's error detail as lines of text: its messages are Chinese and name the field by its label
 * (`loc` keeps the field's path for programs and is not shown). */
export function detailLines(detail) {
  if (detail === undefined || detail === null) return [];
  if (typeof detail === "string") return [detail];
  if (Array.isArray(detail)) return detail.map((d) => (typeof d === "string" ? d : d.msg || JSON.stringify(d)));
  if (typeof detail === "object" && detail.msg) return [detail.msg];
  return [JSON.stringify(detail)];
}

function url(path, query) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === "") continue;
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, one);
  }
  return u;
}

/**
 * api("/v1/…", {method, query, json, form, blob, key}) → parsed JSON (or a Blob with blob: true).
 * Throws ApiError(status, message) with the API's own message; a 401 on a signed-in page signs out.
 */
export async function api(path, { method = "GET", query, json, form, blob = false, key } = {}) {
  const headers = { "X-API-Key": key ?? apiKey() };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  let res;
  try {
    res = await fetch(url(path, query), { method, headers, body, cache: "no-store", credentials: "omit" });
  } catch (e) {
    throw new ApiError(0, "无法连接服务器，请检查 jixiao serve 是否在运行");
  }
  if (!res.ok) {
    let detail = null;
    try {
      detail = (await res.json()).detail;
    } catch (e) {
      detail = `${res.status} ${res.statusText}`;
    }
    if (res.status === 401 && key === undefined && apiKey()) {
      signOut();
    }
    throw new ApiError(res.status, detailLines(detail).join("\n") || `请求失败（${res.status}）`, detail);
  }
  if (blob) return { blob: await res.blob(), name: fileName(res) };
  if (res.status === 204) return null;
  return res.json();
}

function fileName(res) {
  const cd = res.headers.get("Content-Disposition") || "";
  const star = cd.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = cd.match(/filename="?([^";]+)"?/i);
  return plain ? plain[1] : "download.xlsx";
}

/** Save a Blob as a file the browser downloads. */
export function saveBlob({ blob, name }) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}
