"use strict";
// The calculator: a form built from GET /v1/calculator/{plan}, priced by POST /v1/quote and
// shown as POST /v1/proposal?format=json lays it out. Every amount on the page is the
// API's, as text: nothing here adds, multiplies or rounds money.
const $ = (id) => document.getElementById(id);
const query = () => new URLSearchParams(location.search);
let form = null;
let msg = {};
let pending = 0;
let uid = 0;

// A catalogue message with its `{ $name }` placeholders filled.
function t(key, args = {}) {
  const text = msg[key] ?? key;
  return text.replace(/\{\s*\$(\w+)\s*\}/g, (_, k) => (k in args ? String(args[k]) : ""));
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "data") Object.assign(e.dataset, v);
    else if (k === "list") e.setAttribute(k, v); // a read-only property on <input>
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

// An input with its own <label>, so every control has a name a screen reader reads.
function field(label, input) {
  input.id ||= `f${++uid}`;
  return el("span", { className: "field" }, el("label", { htmlFor: input.id }, label), input);
}

function number(data, step, min = "0") {
  return el("input", { type: "number", min, step, data });
}

function option(select, value, label) {
  select.append(el("option", { value }, label));
}

async function json(url, init) {
  const r = await fetch(url, init);
  const body = await r.json();
  return { ok: r.ok, body };
}

async function start() {
  const { body } = await json("/v1/plans");
  for (const p of body.plans) option($("plan"), p.name, `${p.title} ${p.version} (${p.currency})`);
  if (query().get("plan")) $("plan").value = query().get("plan");
  await loadPlan(true);
  $("plan").addEventListener("change", () => loadPlan(false));
  $("lang").addEventListener("change", () => {
    const p = query();
    p.set("lang", $("lang").value);
    history.replaceState(null, "", `?${p}`);
    loadPlan(true);
  });
  $("seats").addEventListener("input", () => { $("seats-number").value = $("seats").value; changed(); });
  $("seats-number").addEventListener("input", () => { $("seats").value = $("seats-number").value; changed(); });
  $("edition").addEventListener("change", included);
  $("support").addEventListener("change", supportUnits);
  $("currency").addEventListener("change", volumeLabels);
  $("form").addEventListener("input", (e) => { if (!e.target.id.startsWith("seats")) changed(); });
  $("form").addEventListener("change", changed);
  $("form").addEventListener("submit", (e) => e.preventDefault());
  for (const kind of ["pdf", "html", "toml"]) $(`download-${kind}`).addEventListener("click", () => download(kind));
}

async function loadPlan(fromUrl) {
  document.body.dataset.state = "loading";
  pending++; // an answer for the plan or language being left is not shown
  // Only a language asked for (the picker or the address) overrides the plan's own: a
  // switch from a Chinese plan to an English one is in English.
  const lang = query().get("lang");
  const suffix = lang ? `?lang=${encodeURIComponent(lang)}` : "";
  const { ok, body } = await json(`/v1/calculator/${encodeURIComponent($("plan").value)}${suffix}`);
  if (!ok) return problem(body);
  form = body;
  msg = body.messages;
  document.documentElement.lang = body.tag;
  for (const e of document.querySelectorAll("[data-msg]")) e.textContent = t(e.dataset.msg);
  for (const e of document.querySelectorAll("[data-msg-label]")) e.setAttribute("aria-label", t(e.dataset.msgLabel));
  for (const e of document.querySelectorAll("[data-msg-placeholder]")) e.placeholder = t(e.dataset.msgPlaceholder);
  document.title = `${t("calc-title")} · ${body.title} ${body.version}`;
  $("title").textContent = `${t("calc-title")} · ${body.title} ${body.version}`;
  $("lang").replaceChildren();
  option($("lang"), "en", t("calc-lang-en"));
  option($("lang"), "zh", t("calc-lang-zh"));
  $("lang").value = body.lang;
  build();
  if (fromUrl) fromParams();
  volumeLabels();
  included();
  supportUnits();
  changed();
}

function build() {
  for (const id of ["edition", "billing", "currency", "backup", "support", "countries"]) $(id).replaceChildren();
  for (const e of form.editions) option($("edition"), e.id, e.label);
  for (const c of form.cycles) option($("billing"), c.id, c.label);
  $("billing").value = form.default_cycle;
  for (const c of form.currencies) option($("currency"), c, c);
  $("currency-row").hidden = form.currencies.length < 2;
  for (const c of form.countries) $("countries").append(el("option", { value: c }));
  $("vat-row").hidden = !form.reverse_charge;
  option($("backup"), "", t("calc-none"));
  for (const b of form.backups) option($("backup"), b.id, b.label);
  $("backup").disabled = form.backups.length === 0;
  option($("support"), "", t("calc-none"));
  for (const s of form.supports) option($("support"), s.id, s.label);
  $("support").disabled = form.supports.length === 0;

  const section = (id, items, make) => {
    const fs = $(id);
    fs.replaceChildren(fs.firstElementChild);
    fs.hidden = items.length === 0;
    for (const item of items) fs.append(...[make(item)].flat());
  };
  // Seats of the other editions and of the plan's seat types, beside the chosen edition's.
  const others = [...form.editions, ...form.seat_types];
  section("other-seats", others.length < 2 ? [] : others, (o) =>
    field(o.label, number({ seats: o.id }, "1")));
  // Modules an edition includes are shown ticked and disabled; `included()` keeps that in
  // step with the chosen edition.
  const modules = form.modules.filter((m) => m.sold_separately || form.editions.some((e) => e.includes.includes(m.id)));
  section("modules", modules, (m) => {
    const box = el("input", { type: "checkbox", name: "module", value: m.id, id: `module-${m.id}` });
    const choice = el("span", { className: "choice", data: { module: m.id } }, box,
      el("label", { htmlFor: box.id }, m.label, el("span", { className: "incl", hidden: true }, ` (${t("calc-included")})`)));
    // A module priced per seat may be bought for some of the users only.
    if (!m.per_seat) return choice;
    return [choice, field(t("calc-module-users", { module: m.label }), number({ qty: m.id }, "1", "1"))];
  });
  section("quantities", form.quantities, (q) => {
    const parts = [field(t("calc-quantity", { item: q.label, unit: q.unit }), number({ qty: q.id }, q.divisible ? "any" : "1"))];
    // A percentage of volume needs the amount the transactions moved.
    if (q.on_volume) parts.push(field("", number({ volume: q.id, item: q.label }, "any")));
    return parts;
  });
  section("services", form.services, service);
  section("coupons", form.coupons, (code) => {
    const box = el("input", { type: "checkbox", name: "coupon", value: code, id: `coupon-${code}` });
    return el("span", { className: "choice" }, box, el("label", { htmlFor: box.id }, code));
  });
  section("attributes", form.attributes, (a) => {
    const list = el("datalist", { id: `attr-values-${a.name}` }, ...a.values.map((v) => el("option", { value: v })));
    const key = `calc-attr-${a.name}`;
    const label = msg[key] ? t(key) : a.name.replace(/_/g, " ");
    return [field(label, el("input", { type: "text", maxLength: 100, data: { attr: a.name }, list: list.id })), list];
  });
  volumeLabels();
}

// A service priced by the unit is one number; one priced per target system takes rows of
// system, complexity and (when the plan prices the work) the work, added one at a time.
function service(s) {
  if (!s.targets) return field(t("calc-service-quantity", { service: s.label, unit: s.unit }), number({ service: s.id }, "any"));
  const rows = el("div", { className: "service-rows", data: { rows: s.id } });
  const add = el("button", { type: "button", className: "secondary", data: { add: s.id } }, t("calc-add", { service: s.label }));
  add.addEventListener("click", () => { rows.append(serviceRow(s)); rows.lastElementChild.querySelector("select").focus(); changed(); });
  return el("div", { className: "service" }, rows, add);
}

function serviceRow(s) {
  const target = el("select", { data: { part: "target" } });
  for (const x of s.targets) option(target, x.id, x.label);
  const complexity = el("select", { data: { part: "complexity" } });
  for (const c of s.complexities) option(complexity, c.id, c.label);
  const row = el("div", { className: "service", data: { serviceRow: s.id } },
    field(t("calc-target", { service: s.label }), target),
    field(t("calc-complexity", { service: s.label }), complexity));
  if (s.workload_unit) row.append(field(t("calc-workload", { service: s.label, unit: s.workload_unit }), el("input", { type: "number", min: "0", step: "any", data: { part: "quantity" } })));
  const remove = el("button", { type: "button", className: "secondary" }, t("calc-remove"));
  remove.setAttribute("aria-label", `${t("calc-remove")}: ${s.label}`);
  remove.addEventListener("click", () => { row.remove(); changed(); });
  row.append(remove);
  return row;
}

function volumeLabels() {
  for (const i of document.querySelectorAll("input[data-volume]")) {
    i.labels[0].textContent = t("calc-volume", { item: i.dataset.item, currency: $("currency").value });
  }
}

// What the chosen edition includes is ticked, disabled and says so; what it cannot have
// (a module sold only inside other editions) is hidden; the rest is the customer's choice.
function included() {
  const e = form.editions.find((x) => x.id === $("edition").value);
  for (const choice of document.querySelectorAll("[data-module]")) {
    const m = form.modules.find((x) => x.id === choice.dataset.module);
    const box = choice.querySelector("input");
    const inc = !!e && e.includes.includes(m.id);
    if (inc && !box.disabled) box.dataset.chosen = box.checked ? "1" : "";
    if (!inc && box.disabled) box.checked = box.dataset.chosen === "1";
    box.disabled = inc;
    if (inc) box.checked = true;
    choice.querySelector(".incl").hidden = !inc;
    choice.hidden = !inc && !m.sold_separately;
  }
  for (const i of document.querySelectorAll("input[data-seats]")) i.parentElement.hidden = i.dataset.seats === $("edition").value;
}

function supportUnits() {
  const s = form.supports.find((x) => x.id === $("support").value);
  $("support-units-row").hidden = !s?.allowance;
  if (s?.allowance) $("support-units-label").textContent = t("calc-support-units", { unit: s.allowance.unit, n: s.allowance.included });
}

function fromParams() {
  const p = query();
  const set = (id, key) => { if (p.has(key)) $(id).value = p.get(key); };
  set("edition", "edition"); set("billing", "billing"); set("term", "term_months");
  set("storage", "storage_gb"); set("backup", "backup"); set("support", "support");
  set("customer", "customer"); set("currency", "currency"); set("country", "country");
  set("vat-id", "vat_id"); set("quote-date", "quote_date"); set("support-units", "support_units");
  if (p.has("seats")) { $("seats-number").value = p.get("seats"); $("seats").value = p.get("seats"); }
  const mods = p.getAll("module");
  for (const c of document.querySelectorAll("input[name=module]")) c.checked = mods.includes(c.value);
  for (const [data, prefix] of [["qty", "qty"], ["volume", "volume"], ["seats", "seats"], ["attr", "attr"], ["service", "service"]]) {
    for (const i of document.querySelectorAll(`input[data-${data}]`)) {
      const v = p.get(`${prefix}.${i.dataset[data]}`);
      if (v !== null) i.value = v;
    }
  }
  // `service=KIND:TARGET:COMPLEXITY[:QUANTITY]`, the command line's --service form.
  for (const text of p.getAll("service")) {
    const [kind, target, complexity, quantity] = text.split(":");
    const s = form.services.find((x) => x.id === kind && x.targets);
    if (!s) continue;
    const row = serviceRow(s);
    document.querySelector(`[data-rows="${CSS.escape(kind)}"]`).append(row);
    row.querySelector("[data-part=target]").value = target ?? "";
    row.querySelector("[data-part=complexity]").value = complexity ?? "";
    const q = row.querySelector("[data-part=quantity]");
    if (q && quantity) q.value = quantity;
  }
  const coupons = p.getAll("coupon");
  for (const c of document.querySelectorAll("input[name=coupon]")) c.checked = coupons.includes(c.value);
}

// The request the inputs describe, in the API's request schema; numbers stay the text typed.
function request() {
  const r = {};
  const text = (id, key) => { const v = $(id).value.trim(); if (v && !$(id).closest("[hidden]")) r[key] = v; };
  text("customer", "customer");
  r.edition = $("edition").value;
  r.seats = $("seats-number").value;
  r.billing = $("billing").value;
  text("term", "term_months");
  if ($("currency").value !== form.currency) r.currency = $("currency").value;
  text("country", "country");
  text("vat-id", "vat_id");
  text("quote-date", "quote_date");
  r.modules = [...document.querySelectorAll("input[name=module]:checked:enabled")].map((c) => c.value);
  if ($("storage").value.trim() && Number($("storage").value) !== 0) r.storage_gb = $("storage").value.trim();
  if ($("backup").value) r.backup = $("backup").value;
  if ($("support").value) r.support = $("support").value;
  text("support-units", "support_units");
  const map = (data) => {
    const m = {};
    for (const i of document.querySelectorAll(`input[data-${data}]`)) {
      const v = i.value.trim();
      if (v !== "" && !i.closest("[hidden]") && (data === "attr" || Number(v) !== 0)) m[i.dataset[data]] = v;
    }
    return m;
  };
  for (const [key, data] of [["quantities", "qty"], ["volumes", "volume"], ["other_seats", "seats"], ["attributes", "attr"]]) {
    const m = map(data);
    if (Object.keys(m).length) r[key] = m;
  }
  const services = [];
  for (const e of document.querySelectorAll("input[data-service], [data-service-row]")) {
    if (e.matches("input")) {
      if (e.value.trim() && Number(e.value) !== 0) services.push({ kind: e.dataset.service, quantity: e.value.trim() });
      continue;
    }
    const s = { kind: e.dataset.serviceRow, target: e.querySelector("[data-part=target]").value };
    const c = e.querySelector("[data-part=complexity]").value;
    if (c) s.complexity = c;
    const q = e.querySelector("[data-part=quantity]");
    if (q && q.value.trim()) s.quantity = q.value.trim();
    services.push(s);
  }
  if (services.length) r.services = services;
  const coupons = [...document.querySelectorAll("input[name=coupon]:checked")].map((c) => c.value);
  if (coupons.length) r.coupons = coupons;
  return r;
}

// The scenario in the address, so it can be shared and reopened.
function toUrl(r) {
  const p = new URLSearchParams({ plan: $("plan").value });
  if (query().get("lang")) p.set("lang", query().get("lang"));
  for (const [k, v] of Object.entries(r)) {
    if (k === "modules") v.forEach((m) => p.append("module", m));
    else if (k === "coupons") v.forEach((c) => p.append("coupon", c));
    else if (k === "services") {
      for (const s of v) {
        if (s.target !== undefined) p.append("service", [s.kind, s.target, s.complexity ?? "", s.quantity ?? ""].join(":").replace(/:$/, ""));
        else p.append(`service.${s.kind}`, s.quantity);
      }
    } else if (["quantities", "volumes", "other_seats", "attributes"].includes(k)) {
      const prefix = { quantities: "qty", volumes: "volume", other_seats: "seats", attributes: "attr" }[k];
      for (const [q, n] of Object.entries(v)) p.append(`${prefix}.${q}`, n);
    } else p.set(k, v);
  }
  history.replaceState(null, "", `?${p}`);
}

let timer = null;
function changed() {
  clearTimeout(timer);
  timer = setTimeout(price, 120);
}

function problem(body) {
  $("status").textContent = body.detail || body.title;
  $("status").className = "error";
  $("result").hidden = true;
  document.body.dataset.state = "rejected";
}

async function price() {
  const r = request();
  toUrl(r);
  const mine = ++pending;
  document.body.dataset.state = "pricing";
  $("status").textContent = t("calc-pricing");
  $("status").className = "";
  const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(r) };
  const plan = encodeURIComponent($("plan").value);
  const [quote, view] = await Promise.all([
    json(`/v1/quote?plan=${plan}`, init),
    json(`/v1/proposal?plan=${plan}&format=json&lang=${form.lang}`, init),
  ]);
  if (mine !== pending) return; // an older answer arriving after a newer question
  if (!quote.ok) return problem(quote.body);
  if (!view.ok) return problem(view.body);
  show(quote.body, view.body);
}

function cells(tr, values, head) {
  values.forEach((v, i) => {
    const c = i === 0 && head ? el("th", { scope: "row" }) : el("td", { className: i === 0 ? "" : "num" });
    c.textContent = v;
    tr.append(c);
  });
  return tr;
}

function show(q, v) {
  $("columns").replaceChildren(...v.columns.map((c, i) => el("th", { scope: "col", className: i === 0 || i === 3 ? "" : "num" }, c)));
  const lines = [];
  for (const s of v.sections) {
    if (s.title) lines.push(el("tr", {}, el("th", { colSpan: 5, scope: "colgroup" }, s.title)));
    for (const row of s.rows) {
      const item = el("td", {}, row.label);
      if (row.description) item.append(el("span", { className: "desc" }, row.description));
      lines.push(el("tr", {}, item, el("td", { className: "num" }, row.qty), el("td", { className: "num" }, row.unit),
        el("td", {}, row.period), el("td", { className: "num" }, row.amount)));
    }
  }
  $("lines").replaceChildren(...lines);
  [$("h-before").textContent, $("h-tax").textContent, $("h-with").textContent] = v.tax_heads;
  [$("i-before").textContent, $("i-tax").textContent, $("i-with").textContent] = v.tax_heads;
  const totals = v.totals.map((r) => cells(el("tr", { className: "total" }), [r.label, r.before_tax, r.tax, r.with_tax], true));
  totals[0].lastElementChild.id = "first-invoice";
  totals[totals.length - 1].lastElementChild.id = "term-total";
  $("totals").replaceChildren(...totals);
  $("in-words").textContent = v.in_words ? `${v.in_words.label}${form.lang === "zh" ? "：" : ": "}${v.in_words.value}` : "";
  $("invoices").replaceChildren(...v.invoices.map((r) => cells(el("tr"), [r.which, r.before_tax, r.tax, `${r.with_tax}${r.each ? ` ${r.each}` : ""}`], true)));
  $("views").replaceChildren(...v.views.flatMap((f, i) => [el("dt", {}, f.label), el("dd", { id: i === 0 ? "total" : `view-${i}` }, f.value)]));
  $("result").hidden = false;
  $("status").textContent = "";
  document.body.dataset.state = "priced";
  document.body.dataset.total = q.totals.monthly_recurring;
  document.body.dataset.termTotal = q.totals.term_total_with_tax;
}

// A download: the customer's proposal or the request as TOML, made by the server from the
// request the inputs describe. Returns the file, so a test can read what a person saves.
async function download(kind, save = true) {
  const plan = encodeURIComponent($("plan").value);
  const url = kind === "toml"
    ? `/v1/request?plan=${plan}&format=toml`
    : `/v1/proposal?plan=${plan}&format=${kind}&lang=${form.lang}`;
  $("status").textContent = t("calc-preparing");
  $("status").className = "";
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request()) });
  if (!r.ok) { problem(await r.json()); return null; }
  const blob = await r.blob();
  $("status").textContent = "";
  if (save) {
    const name = (r.headers.get("content-disposition") || "").match(/filename="([^"]+)"/)?.[1] || `ratecard.${kind}`;
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }
  return blob;
}

window.calculator = { download, request };
start().catch((e) => { $("status").textContent = String(e); $("status").className = "error"; });
