//! Proposals for every quote kind (plain, ramp, amendment, renewal) in English and
//! Chinese, looked at as a buyer looks at them (issue 26, items 3-5): in headless Chromium
//! no plan syntax or ids are visible and the total is the quote's; printed to PDF, each
//! has its exact page count, no table row is split across pages, every page a table
//! continues on repeats its header, and the contract total prints with the last lines.

mod common;

use common::Test;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One proposal: the plan, the request and its deal, the language, and what it must show.
struct Fixture {
    /// The screenshot's name: `docs/proposal-{name}.png`.
    name: &'static str,
    plan: &'static str,
    request: &'static str,
    deal: Option<&'static str>,
    lang: &'static str,
    /// The quote's `kind` in JSON.
    kind: &'static str,
    /// The contract total with tax, as the JSON quote has it.
    total: &'static str,
    /// Pages of the printed A4 PDF.
    pages: usize,
}

const ZOHO: &str = "examples/zoho.rate";
const CN: &str = "examples/cn-saas.rate";
const CN_PRO: &str = "examples/requests/cn-pro.toml";

const FIXTURES: [Fixture; 8] = [
    Fixture {
        name: "plain-en",
        plan: ZOHO,
        request: "examples/requests/zoho-annual.toml",
        deal: None,
        lang: "en",
        kind: "quote",
        total: "39397.29",
        pages: 2,
    },
    Fixture {
        name: "ramp-en",
        plan: ZOHO,
        request: "examples/requests/zoho-ramp.toml",
        deal: None,
        lang: "en",
        kind: "ramp",
        total: "79566.35",
        pages: 2,
    },
    Fixture {
        name: "amendment-en",
        plan: ZOHO,
        request: "examples/requests/zoho-amendment.toml",
        deal: None,
        lang: "en",
        kind: "amendment",
        total: "1991.80",
        pages: 1,
    },
    Fixture {
        name: "renewal-en",
        plan: ZOHO,
        request: "examples/requests/zoho-annual.toml",
        deal: Some("examples/deals/zoho-renewal.toml"),
        lang: "en",
        kind: "renewal",
        total: "36064.92",
        pages: 2,
    },
    Fixture {
        name: "plain-zh",
        plan: CN,
        request: CN_PRO,
        deal: None,
        lang: "zh",
        kind: "quote",
        total: "162768.52",
        pages: 2,
    },
    Fixture {
        name: "ramp-zh",
        plan: CN,
        request: CN_PRO,
        deal: Some("examples/deals/cn-ramp.toml"),
        lang: "zh",
        kind: "ramp",
        total: "591218.16",
        pages: 3,
    },
    Fixture {
        name: "amendment-zh",
        plan: CN,
        request: "examples/requests/cn-pro-seats.toml",
        deal: Some("examples/deals/cn-amendment.toml"),
        lang: "zh",
        kind: "amendment",
        total: "23023.20",
        pages: 1,
    },
    Fixture {
        name: "renewal-zh",
        plan: CN,
        request: CN_PRO,
        deal: Some("examples/deals/cn-renewal.toml"),
        lang: "zh",
        kind: "renewal",
        total: "123569.72",
        pages: 2,
    },
];

impl Fixture {
    /// `ratecard quote` for this proposal, with `more` arguments.
    fn quote(&self, more: &[&str]) -> Test {
        let mut args = vec!["quote", self.plan, "-r", self.request];
        if let Some(d) = self.deal {
            args.extend(["--deal", d]);
        }
        args.extend(["--lang", self.lang]);
        args.extend(more);
        Test::new().args(&args)
    }

    /// The customer's HTML proposal.
    fn html(&self) -> String {
        self.quote(&["-f", "html"]).run().status(0).stdout
    }
}

/// The grammar's keywords: every quoted word in grammar/ratecard.pest.
fn keywords() -> BTreeSet<String> {
    let grammar = std::fs::read_to_string(common::root().join("grammar/ratecard.pest")).unwrap();
    grammar
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// Plan syntax no document may show, in any language: ranges, blocks, and the grammar's
/// keywords that are only syntax (charge models, rounding, an item's fields), never words
/// a buyer reads.
fn forbidden() -> Vec<String> {
    let keywords = keywords();
    let syntax_only = [
        "graduated",
        "stairstep",
        "flat",
        "divisible",
        "prorate",
        "overage",
        "surcharge",
        "one_time",
        "semiannual",
        "excludes",
        "requires",
        "includes",
    ];
    let mut out: Vec<String> = ["..", "{", "}", " = ", "volume {", "seats {"]
        .map(str::to_string)
        .to_vec();
    for k in syntax_only {
        assert!(
            keywords.contains(k),
            "{k} is no longer a keyword of the grammar"
        );
        out.push(k.to_string());
    }
    // Any other keyword with an underscore is an id-like word, never English.
    out.extend(keywords.iter().filter(|k| k.contains('_')).cloned());
    out
}

/// The words of `text` made of ASCII letters, digits and `_`, in order.
fn ascii_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// The ids a quote's lines are priced under (`seats.starter`, `module.scrm`), each part.
fn ids(json: &serde_json::Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let lines = json["schedule"]["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["lines"].as_array().into_iter().flatten());
    for l in lines {
        let id = l["id"].as_str().unwrap_or_default();
        if id.contains('.') {
            out.insert(id.to_string());
        }
        out.extend(id.split('.').skip(1).map(str::to_string));
    }
    out
}

/// `1234567.5` as `1,234,567.5`.
fn grouped(amount: &str) -> String {
    let (whole, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    if frac.is_empty() {
        out
    } else {
        format!("{out}.{frac}")
    }
}

/// Words a Chinese proposal may write in Latin letters: currency, units and brand names
/// the plan's own Chinese labels use.
const LATIN_IN_ZH: [&str; 10] = [
    "CNY", "GB", "AI", "BI", "SCRM", "ERP", "OA", "VIP", "CRM", "Q",
];

#[test]
fn every_quote_kind_is_a_proposal_in_the_documents_words_with_the_quotes_total() {
    let t = Test::new();
    let forbidden = forbidden();
    let mut pages = Vec::new();
    for f in &FIXTURES {
        let json = f.quote(&["-f", "json"]).run().status(0).json();
        assert_eq!(json["kind"], f.kind, "{}", f.name);
        assert_eq!(json["totals"]["term_total_with_tax"], f.total, "{}", f.name);
        let file = t.file(&format!("{}.html", f.name), &f.html());
        pages.push((f, file, ids(&json)));
    }
    let first = format!("file://{}", pages[0].1.display());
    let Some(mut page) = common::browser::Browser::open(&first) else {
        return;
    };
    for (f, file, ids) in &pages {
        let name = f.name;
        let url = format!("file://{}", file.display());
        page.eval(&format!("location.href = {}", serde_json::json!(url)));
        page.until(&format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::json!(url)
        ));
        let seen = page.eval("document.body.innerText");
        let seen = seen.as_str().unwrap_or_default().to_string();
        for token in &forbidden {
            assert!(
                !seen.contains(token.as_str()),
                "{name} shows {token:?}:\n{seen}"
            );
        }
        // No id a line is priced under, as a word of its own (`growth`, `erp_kingdee`);
        // in English only those no English sentence writes (`integration` is a word).
        for w in ascii_words(&seen) {
            let id_like = f.lang == "zh" || w.contains('_');
            assert!(
                !(id_like && ids.contains(w)),
                "{name} shows the id {w:?}:\n{seen}"
            );
        }
        if f.lang == "zh" {
            // Wholly Chinese: no Latin word (so no keyword of the grammar, no English
            // category) but the currency, GB and the plan's own brand names (the quote
            // number aside).
            let number = page.eval(
                "[...document.querySelectorAll('dd')].map(d => d.innerText).find(t => t.startsWith('Q-'))",
            );
            let number = number.as_str().unwrap_or_default().to_string();
            let rest = seen.replace(&number, "");
            let latin: Vec<&str> = ascii_words(&rest)
                .into_iter()
                .filter(|w| !LATIN_IN_ZH.contains(w))
                .collect();
            assert_eq!(latin, Vec::<&str>::new(), "{name}:\n{seen}");
        }
        // The contract total shown is the quote's, to the cent.
        let shown =
            page.eval("document.querySelector('table.totals tr.grand td:last-child').innerText");
        assert_eq!(shown, serde_json::json!(grouped(f.total)), "{name}");
        if f.lang == "zh" {
            // 大写金额 is the row right under the contract total, ending where its amount ends.
            let place = page.eval(
                "(() => { const g = document.querySelector('tr.grand'), w = g.nextElementSibling; const a = g.lastElementChild.getBoundingClientRect(), b = w.lastElementChild.getBoundingClientRect(); return [w.className, Math.round(a.right - b.right), Math.round(b.top - a.bottom)]; })()",
            );
            assert_eq!(place, serde_json::json!(["words", 0, 0]), "{name}");
        }
        // At A4's width, amounts, quantities, periods and hyphenated words (`one-time`)
        // keep to one line; in Chinese, digits share the baseline of the words beside them.
        page.eval("document.body.style.maxWidth = '178mm'");
        let broken = page.eval(
            "[...document.querySelectorAll('td.num:not(.unit), td.period, .nw, .each')].filter(e => { const r = document.createRange(); r.selectNodeContents(e); const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))); return lines.size > 1; }).map(e => e.innerText)",
        );
        assert_eq!(broken, serde_json::json!([]), "{name}");
        let off_baseline = page.eval(
            "[...document.querySelectorAll('table.lines tbody tr')].filter(tr => { const first = c => { const w = document.createTreeWalker(c, NodeFilter.SHOW_TEXT); const n = w.nextNode(); if (!n || !n.data.trim()) return null; const r = document.createRange(); r.setStart(n, 0); r.setEnd(n, 1); return r.getBoundingClientRect().bottom; }; const a = first(tr.cells[0]), b = first(tr.cells[tr.cells.length - 1]); return a !== null && b !== null && Math.abs(a - b) > 0.5; }).map(tr => tr.innerText)",
        );
        assert_eq!(off_baseline, serde_json::json!([]), "{name}");
        page.eval("document.body.style.maxWidth = ''");
    }
    // With RATECARD_SCREENSHOTS set, docs/proposal-*.png are taken anew.
    if std::env::var_os("RATECARD_SCREENSHOTS").is_some() {
        for (f, file, _) in &pages {
            let out = common::root()
                .join("docs")
                .join(format!("proposal-{}.png", f.name));
            let status = std::process::Command::new("chromium")
                .args([
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--window-size=1000,1500",
                ])
                .arg(format!("--screenshot={}", out.display()))
                .arg(format!("file://{}", file.display()))
                .output()
                .expect("chromium");
            assert!(status.status.success(), "{status:?}");
        }
    }
}

/// A script that puts a link at the top of each table row's first cell and at the bottom
/// of its last: a PDF keeps every link on the page it printed on, so the pages a row's top
/// and bottom landed on can be read back. Header rows link as `head`, the contract total
/// as `grand`. Absolutely placed, they move nothing.
const MARKERS: &str = r#"<style>td.rc-m, th.rc-m { position: relative } a.rc-m { position: absolute; display: block; width: 3px; height: 3px; font-size: 2px; overflow: hidden }</style>
<script>
document.querySelectorAll('table').forEach((table, t) => table.querySelectorAll('tr').forEach((tr, i) => {
  const cells = tr.cells; if (!cells.length) return;
  const head = tr.parentElement.tagName === 'THEAD';
  const last = table.classList.contains('lines') && !table.nextElementSibling?.matches('table.lines, h2.segment') && tr === table.tBodies[table.tBodies.length - 1].lastElementChild;
  const id = head ? `t${t}/head` : tr.classList.contains('grand') ? 'grand' : last ? 'last-line' : `t${t}/r${i}`;
  const add = (cell, where, css) => { cell.classList.add('rc-m'); const a = document.createElement('a'); a.className = 'rc-m'; a.href = `https://row.invalid/${id}/${where}`; a.style.cssText = css; a.textContent = '\u00a0'; cell.appendChild(a); };
  add(cells[0], 'top', 'top:0;left:0');
  add(cells[cells.length - 1], 'bottom', 'bottom:0;right:0');
}));
</script>"#;

/// Prints `html` to a PDF at `out` as `ratecard --pdf` does (headless Chromium, no header
/// or footer, the document's own @page size and margins).
fn print(html: &Path, out: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium");
    assert!(status.status.success(), "{status:?}");
}

/// Each page's link targets, by page number from 1.
fn links_by_page(pdf: &Path) -> BTreeMap<u32, Vec<String>> {
    let doc = lopdf::Document::load(pdf).expect("a PDF");
    let mut out = BTreeMap::new();
    for (n, id) in doc.get_pages() {
        let mut links = Vec::new();
        for annot in doc.get_page_annotations(id).unwrap_or_default() {
            let uri = annot
                .get(b"A")
                .and_then(|a| doc.dereference(a))
                .and_then(|(_, a)| a.as_dict())
                .and_then(|a| a.get(b"URI"))
                .and_then(|u| u.as_str());
            if let Ok(u) = uri {
                links.push(String::from_utf8_lossy(u).to_string());
            }
        }
        out.insert(n, links);
    }
    out
}

fn has_chromium() -> bool {
    std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn printed_proposals_keep_rows_whole_headers_repeated_and_the_total_with_the_last_lines() {
    if !has_chromium() {
        eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
        return;
    }
    let t = Test::new();
    let mut counts = Vec::new();
    let mut repeated = 0;
    for f in &FIXTURES {
        let name = f.name;
        // The PDF ratecard writes: its exact page count.
        let pdf: PathBuf = t.dir().join(format!("{name}.pdf"));
        f.quote(&["--pdf", pdf.to_str().unwrap()])
            .run()
            .status(0)
            .stdout("");
        let doc = lopdf::Document::load(&pdf).expect("a PDF");
        counts.push((name, doc.get_pages().len()));
        // The same document with a link at each row's top and bottom, printed the same way.
        let html = f.html().replace("</body>", &format!("{MARKERS}</body>"));
        let marked = t.file(&format!("{name}-marked.html"), &html);
        let marked_pdf = t.dir().join(format!("{name}-marked.pdf"));
        print(&marked, &marked_pdf);
        let pages = links_by_page(&marked_pdf);
        assert_eq!(
            pages.len(),
            doc.get_pages().len(),
            "{name}: the markers moved the layout"
        );
        let mut seen: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
        for (n, links) in &pages {
            for l in links {
                let Some(rest) = l.strip_prefix("https://row.invalid/") else {
                    continue;
                };
                let (row, end) = rest.rsplit_once('/').unwrap();
                seen.entry(row.to_string())
                    .or_default()
                    .push((*n, end.to_string()));
            }
        }
        assert!(seen.len() >= 5, "{name}: {seen:?}");
        for (row, ends) in &seen {
            if row.ends_with("/head") {
                continue;
            }
            // One top and one bottom, on one page.
            assert_eq!(ends.len(), 2, "{name}: row {row} printed as {ends:?}");
            assert_eq!(ends[0].0, ends[1].0, "{name}: row {row} is split: {ends:?}");
            // Every page a table's rows print on carries that table's header.
            let table = row.split('/').next().unwrap();
            if table.starts_with('t') {
                let head = format!("{table}/head");
                let on = &ends[0].0;
                assert!(
                    seen.get(&head)
                        .is_some_and(|h| h.iter().any(|(p, _)| p == on)),
                    "{name}: page {on} has rows of {table} without its header"
                );
            }
        }
        // Tables that went on over a page break, so the header check above checked one.
        repeated += (seen.iter())
            .filter(|(row, ends)| {
                row.ends_with("/head")
                    && ends.iter().map(|e| e.0).collect::<BTreeSet<_>>().len() > 1
            })
            .count();
        let page_of = |row: &str| seen.get(row).map(|e| e[0].0);
        assert!(page_of("last-line").is_some(), "{name}: {seen:?}");
        assert_eq!(
            page_of("last-line"),
            page_of("grand"),
            "{name}: the contract total prints apart from the last lines"
        );
    }
    let expected: Vec<(&str, usize)> = FIXTURES.iter().map(|f| (f.name, f.pages)).collect();
    assert_eq!(counts, expected, "pages of each printed proposal");
    assert_eq!(
        repeated, 5,
        "tables printed over two pages, their header on each"
    );
}

#[test]
fn a_ramps_invoices_plot_as_bars_with_their_amounts_in_the_documents_language() {
    let en = Test::new()
        .args(&[
            "plot",
            ZOHO,
            "--invoices",
            "examples/requests/zoho-ramp.toml",
        ])
        .run()
        .status(0)
        .stdout;
    for text in [
        "Ramp Industries: Invoices over the contract",
        "14,938.50",
        "25,096.68",
        "39,531.17",
        "Year 2 (12 months, from month 13)",
        "USD, with tax",
        "50,000",
    ] {
        assert!(en.contains(text), "{text} not in\n{en}");
    }
    let zh = Test::new()
        .args(&[
            "plot",
            CN,
            "--invoices",
            CN_PRO,
            "--deal",
            "examples/deals/cn-ramp.toml",
        ])
        .run()
        .status(0)
        .stdout;
    for text in [
        "杭州明远贸易有限公司：合同期内各期发票",
        "70,381.85",
        "27,596.01",
        "43,350.36",
        "66,161.71",
        "第 2 年（12 个月，自第 13 个月起）",
        "CNY（含税）",
        "100,000",
    ] {
        assert!(zh.contains(text), "{text} not in\n{zh}");
    }
    assert!(!zh.contains("0000.0"), "{zh}");
    // A request that cannot be read, or is refused, says so as `quote` does.
    let t = Test::new();
    let refused = t.file("r.toml", "edition = \"no_such_edition\"\nseats = 3\n");
    Test::new()
        .args(&["plot", ZOHO, "--invoices", refused.to_str().unwrap()])
        .run()
        .status(3)
        .stdout("");
    Test::new()
        .args(&["plot", ZOHO, "--invoices", "examples/requests/none.toml"])
        .run()
        .status(4)
        .stdout("");
    // A deal belongs to a request: alone it is a usage error.
    Test::new()
        .args(&["plot", CN, "--deal", "examples/deals/cn-ramp.toml"])
        .run()
        .status(2);
    // The internal proposal carries the same chart inline; the customer's does not.
    let f = &FIXTURES[5];
    let internal = f
        .quote(&["-f", "html", "--audience", "internal"])
        .run()
        .status(0)
        .stdout;
    assert!(
        internal.contains("<figure class=\"chart\"><svg"),
        "{internal}"
    );
    assert!(internal.contains("66,161.71"));
    assert!(!f.html().contains("<svg"));
}
