//! Driving the calculator as a person would: which example requests it can take, filling
//! its inputs from one, and reading what it shows.

use super::common::browser::Browser;
use super::common::root;
use super::server::{get_json, Server};
use serde_json::{json, Value};

/// An amount as the page shows it (`1,204,159.24 元`, `230.00 USD`) as the API writes it.
pub fn plain(shown: &Value) -> String {
    let s = shown.as_str().unwrap_or_default();
    let number = s.split_whitespace().next().unwrap_or_default();
    number.replace(',', "")
}

/// Fills the page's inputs from a request as a person would: picks, types and ticks, each
/// firing the events a person's action fires. Returns the request's fields it found no
/// input for, as `field` or `field.name`.
pub const FILL: &str = r#"
(async (r) => {
  const $ = (id) => document.getElementById(id);
  const missed = [];
  const visible = (e) => e && !e.closest('[hidden]');
  const fire = (e) => { e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); };
  const set = (e, v, key) => {
    if (!visible(e) || e.disabled) { missed.push(key); return; }
    e.value = String(v);
    if (e.value !== String(v)) missed.push(key);
    fire(e);
  };
  const fields = [['edition', 'edition'], ['seats-number', 'seats'], ['billing', 'billing'],
    ['customer', 'customer'], ['currency', 'currency'], ['country', 'country'], ['vat-id', 'vat_id'],
    ['quote-date', 'quote_date'], ['storage', 'storage_gb'], ['backup', 'backup'], ['support', 'support'],
    ['support-units', 'support_units']];
  for (const [id, key] of fields) if (key in r) set($(id), r[key], key);
  // No term in the request: the plan's own, as the API takes it.
  $('term').value = 'term_months' in r ? String(r.term_months) : '';
  fire($('term'));
  for (const m of r.modules || []) {
    const box = $(`module-${m}`);
    if (!visible(box)) { missed.push(`modules.${m}`); continue; }
    if (!box.checked) box.click();
  }
  for (const [key, data] of [['quantities', 'qty'], ['volumes', 'volume'], ['other_seats', 'seats'], ['attributes', 'attr']]) {
    for (const [name, v] of Object.entries(r[key] || {})) set(document.querySelector(`input[data-${data}="${name}"]`), v, `${key}.${name}`);
  }
  for (const s of r.services || []) {
    const units = document.querySelector(`input[data-service="${s.kind}"]`);
    if (units) { set(units, s.quantity, `services.${s.kind}`); continue; }
    const add = document.querySelector(`button[data-add="${s.kind}"]`);
    if (!visible(add)) { missed.push(`services.${s.kind}`); continue; }
    add.click();
    const row = document.querySelector(`[data-rows="${s.kind}"]`).lastElementChild;
    set(row.querySelector('[data-part=target]'), s.target, `services.${s.kind}.target`);
    if (s.complexity) set(row.querySelector('[data-part=complexity]'), s.complexity, `services.${s.kind}.complexity`);
    if (s.quantity !== undefined) set(row.querySelector('[data-part=quantity]'), s.quantity, `services.${s.kind}.quantity`);
  }
  for (const c of r.coupons || []) {
    const box = $(`coupon-${c}`);
    if (!visible(box)) { missed.push(`coupons.${c}`); continue; }
    if (!box.checked) box.click();
  }
  document.body.dataset.state = 'filled';
  fire($('form'));
  return missed;
})
"#;

/// The plan a request in examples/requests/ is written for: the one its comments name
/// (`Plan: examples/zoho.rate`), else by its name, as tests/cli.rs reads them.
pub fn plan_for(name: &str, text: &str) -> String {
    if let Some(rest) = text.split("Plan: examples/").nth(1) {
        if let Some((stem, _)) = rest.split_once(".rate") {
            return stem.to_string();
        }
    }
    match name {
        r if r.starts_with("zoho-") => "zoho",
        r if r.starts_with("cn-annual-") => "cn-annual",
        r if r.starts_with("cn-") => "cn-saas",
        r if r.starts_with("hubspot-") => "hubspot",
        r if r.starts_with("hooks-") => "acme-hooks",
        _ => "acme",
    }
    .to_string()
}

/// Requests the calculator does not take, and why: each is a negotiated deal, whose terms
/// (contract prices, a ramp's periods, an amendment's dates) are a sales engineer's to
/// write, not a buyer's to try out.
pub const DEALS: [(&str, &str); 4] = [
    ("fxiaoke-custom.toml", "contract prices (a deal)"),
    ("global-inr-ramp.toml", "a ramp over two years (a deal)"),
    (
        "zoho-amendment.toml",
        "an amendment to a running contract (a deal)",
    ),
    ("zoho-ramp.toml", "a ramp over three years (a deal)"),
];

/// Every request file that is not a deal, as (file name, plan, request as JSON).
pub fn expressible() -> Vec<(String, String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("examples/requests"))
        .expect("requests")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("request");
        let request = ratecard::request::Request::parse(&text, false).expect(&name);
        if let Some((_, why)) = DEALS.iter().find(|(n, _)| *n == name) {
            assert!(
                request.is_deal(),
                "{name} is skipped as {why} but is not a deal"
            );
            eprintln!("{name}: not in the calculator: {why}");
            continue;
        }
        assert!(
            !request.is_deal(),
            "{name} is a deal: add it to DEALS with why"
        );
        let json = serde_json::to_value(&request).expect("json");
        out.push((name.clone(), plan_for(&name, &text), json));
    }
    out
}

/// Opens the calculator on `plan`, fills it from `request` and waits for its answer;
/// asserts every field found an input (`unread` lists attributes the plan never reads,
/// which have none since they cannot change a price).
pub fn fill(page: &mut Browser, request: &Value, unread: &[String], what: &str) {
    let missed = page.eval(&format!("{FILL}({request})"));
    let missed: Vec<String> = serde_json::from_value(missed).expect("missed");
    let missed: Vec<&String> = missed.iter().filter(|m| !unread.contains(m)).collect();
    assert!(missed.is_empty(), "{what}: no input for {missed:?}");
    page.until("['priced', 'rejected'].includes(document.body.dataset.state)");
}

/// The attributes a request carries that the plan's calculator offers no input for.
pub fn unread_attributes(server: &Server, plan: &str, request: &Value) -> Vec<String> {
    let form = get_json(server, &format!("/v1/calculator/{plan}"));
    let offered: Vec<&str> = form["attributes"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["name"].as_str()).collect())
        .unwrap_or_default();
    request["attributes"]
        .as_object()
        .map(|m| {
            m.keys()
                .filter(|k| !offered.contains(&k.as_str()))
                .map(|k| format!("attributes.{k}"))
                .collect()
        })
        .unwrap_or_default()
}

/// Loads `url` in the page and waits for its first price. The page rewrites its address
/// as it prices, so the new document is told from the old by a mark only the old one has.
pub fn open(page: &mut Browser, url: &str) {
    page.eval("window.leaving = true");
    page.call("Page.navigate", json!({ "url": url }));
    page.until("!window.leaving && ['priced', 'rejected'].includes(document.body.dataset.state)");
}
