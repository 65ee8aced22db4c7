// The signed-in key: kept in sessionStorage (this tab only), never in localStorage or a cookie.
// Signing out clears everything this tab stored and reloads, so nothing one key saw stays for the next.

const KEY = "jixiao.apiKey";
let me = null;

export function apiKey() {
  return sessionStorage.getItem(KEY) || "";
}

/** The caller as GET /v1/me returned it ({role, role_label, unit_name, permissions}), or null. */
export function current() {
  return me;
}

export function can(action) {
  return Boolean(me && me.permissions.includes(action));
}

export function remember(key, who) {
  sessionStorage.clear();
  sessionStorage.setItem(KEY, key);
  me = who;
}

export function setCurrent(who) {
  me = who;
}

export function signOut() {
  sessionStorage.clear();
  me = null;
  location.hash = "";
  location.reload();
}
