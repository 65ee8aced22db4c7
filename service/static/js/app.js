// Start-up: sign-in, navigation, and one page module per route.
import { api } from "./api.js";
import { can, current, remember, setCurrent, signOut, apiKey } from "./session.js";
import { parse } from "./router.js";
import { h, mount } from "./dom.js";

const PAGES = {
  search: () => import("./pages/search.js"),
  indicator: () => import("./pages/indicator.js"),
  declare: () => import("./pages/declare.js"),
  declarations: () => import("./pages/declarations.js"),
  qa: () => import("./pages/qa.js"),
  doc: () => import("./pages/document.js"),
  public: () => import("./pages/public.js"),
  admin: () => import("./pages/admin.js"),
};

const view = document.getElementById("view");
let renderId = 0;

async function render() {
  if (!current()) return;
  const route = parse();
  const name = PAGES[route.page] ? route.page : "search";
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.nav === (name === "indicator" ? "search" : name === "doc" ? "qa" : name));
  }
  const id = ++renderId;
  const mod = await PAGES[name]();
  if (id !== renderId) return; // a newer navigation won
  const root = h("div", { class: `page page-${name}` });
  mount(view, root);
  try {
    await mod.render(root, route);
  } catch (e) {
    mount(root, h("p", { class: "notice error", role: "alert" }, e.message || String(e)));
  }
}

function showSignedIn(who) {
  document.getElementById("login").hidden = true;
  document.getElementById("nav").hidden = false;
  document.getElementById("who").hidden = false;
  document.getElementById("who-text").textContent = `${who.unit_name || ""} · ${who.role_label}`;
  for (const a of document.querySelectorAll("#nav a[data-needs]")) a.hidden = !can(a.dataset.needs);
}

function showLogin(message = "") {
  document.getElementById("login").hidden = false;
  document.getElementById("nav").hidden = true;
  document.getElementById("who").hidden = true;
  view.replaceChildren();
  document.getElementById("login-error").textContent = message;
  document.getElementById("api-key").focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById("api-key");
  const key = input.value.trim();
  const err = document.getElementById("login-error");
  err.textContent = "";
  try {
    const who = await api("/v1/me", { key });
    remember(key, who);
    input.value = "";
    showSignedIn(who);
    await render();
  } catch (e) {
    err.textContent = e.message;
  }
}

async function start() {
  document.getElementById("login-form").addEventListener("submit", signIn);
  document.getElementById("logout").addEventListener("click", signOut);
  window.addEventListener("hashchange", render);
  if (!apiKey()) return showLogin();
  try {
    const who = await api("/v1/me");
    setCurrent(who);
    showSignedIn(who);
    await render();
  } catch (e) {
    showLogin(e.message);
  }
}

start();
