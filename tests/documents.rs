//! Customer documents (issue 14, items 1-3): a proposal in HTML or Markdown, internal or
//! for the customer, in English or Chinese, with the total in capital Chinese numerals.

mod common;

use common::Test;

const HOOKS: &str = "examples/acme-hooks.rate";
const APPROVAL: &str = "examples/requests/hooks-approval.toml";
const NOTE: &str = "education pricing: 20% off licences";
const REASON: &str = "a sales director must approve";

fn run(args: &[&str]) -> String {
    Test::new().args(args).run().status(0).stdout
}

#[test]
fn a_customer_proposal_never_shows_an_internal_note_or_approval_reason() {
    for format in ["html", "markdown"] {
        let customer = run(&[
            "quote",
            HOOKS,
            "-r",
            APPROVAL,
            "-f",
            format,
            "--audience",
            "customer",
            "--lang",
            "en",
        ]);
        assert!(
            customer.contains("Northbridge University"),
            "{format}: {customer}"
        );
        assert!(customer.contains("85,980.84"), "{format}: {customer}");
        for secret in [
            NOTE,
            REASON,
            "hook rules/",
            "within the 450 GB included",
            "x 100.00",
        ] {
            assert!(
                !customer.contains(secret),
                "{format} shows {secret:?} to the customer"
            );
        }
        let internal = run(&[
            "quote",
            HOOKS,
            "-r",
            APPROVAL,
            "-f",
            format,
            "--audience",
            "internal",
            "--lang",
            "en",
        ]);
        assert!(
            internal.contains(NOTE) && internal.contains(REASON),
            "{format}: {internal}"
        );
    }
}

#[test]
fn an_html_proposal_is_the_customers_unless_internal_is_asked_for() {
    // The HTML file is what a sales engineer mails: without --audience it must not leak.
    let sent = run(&["quote", HOOKS, "-r", APPROVAL, "-f", "html", "--lang", "en"]);
    assert!(sent.contains("Northbridge University"), "{sent}");
    assert!(!sent.contains(NOTE) && !sent.contains(REASON), "{sent}");
    // A table is read in-house first: it stays internal by default.
    let table = run(&[
        "quote", HOOKS, "-r", APPROVAL, "-f", "markdown", "--lang", "en",
    ]);
    assert!(table.contains(NOTE), "{table}");
}

#[test]
fn the_proposal_header_names_the_quote() {
    let t = Test::new();
    let request = t.file(
        "r.toml",
        "customer = \"Northwind Traders\"\nedition = \"professional\"\nseats = 30\nbilling = \"annual\"\nquote_date = \"2026-12-03\"\n",
    );
    let html = t
        .args(&[
            "quote",
            "examples/zoho.rate",
            "-r",
            request.to_str().unwrap(),
            "-f",
            "html",
            "--audience",
            "customer",
            "--prepared-by",
            "Dana Lee",
        ])
        .run()
        .status(0)
        .stdout;
    for row in [
        "<html lang=\"en\">",
        "<dt>Customer</dt><dd>Northwind Traders</dd>",
        "<dt>Quote number</dt><dd>Q-20261203-",
        "<dt>Date</dt><dd>3 December 2026</dd>",
        "<dt>Valid until</dt><dd>2 January 2027</dd>",
        "<dt>Prepared by</dt><dd>Dana Lee</dd>",
        "<dt>Edition</dt><dd>Professional</dd>",
        "<dt>Seats</dt><dd>30</dd>",
        "<dt>Billing</dt><dd>annually</dd>",
        "<dt>Term</dt><dd>12 months</dd>",
        "<li>This proposal is valid until 2 January 2027.</li>",
        "@page { size: A4;",
    ] {
        assert!(html.contains(row), "{row} not in\n{html}");
    }
    // The same plan, request and date give the same number.
    let t = Test::new();
    let request = t.file(
        "r.toml",
        "customer = \"Northwind Traders\"\nedition = \"professional\"\nseats = 30\nbilling = \"annual\"\nquote_date = \"2026-12-03\"\n",
    );
    let again = t
        .args(&[
            "quote",
            "examples/zoho.rate",
            "-r",
            request.to_str().unwrap(),
            "-f",
            "html",
            "--audience",
            "customer",
        ])
        .run()
        .status(0)
        .stdout;
    let number = |s: &str| s.split("Q-20261203-").nth(1).map(|r| r[..8].to_string());
    assert_eq!(number(&html), number(&again));
}

#[test]
fn a_chinese_plan_gets_chinese_words_and_the_total_in_capital_numerals() {
    let md = run(&[
        "quote",
        "examples/cn-saas.rate",
        "-r",
        "examples/requests/cn-usage.toml",
        "-f",
        "markdown",
        "--audience",
        "customer",
    ]);
    for row in [
        "## 报价单 — 云客 CRM 价目表 2026.1",
        "- **客户**: 苏州启航电子商务有限公司",
        "| 项目 | 数量 | 单价 | 计费期 | 金额 (CNY) |",
        "| 短信包 | 26 | 45.00 元/包（1,000 条）/月 | 1 个月 | 1,170.00 |",
        "| 第 1–12 期 · 1 个月 | 6,454.00 | 387.24 | 6,841.24 | 每期 |",
        "| 合同总额（12 个月） | 77,448.00 | 4,646.88 | 82,094.88 |",
        "| 大写金额 | | | 捌万贰仟零玖拾肆元捌角捌分 |",
        "- 最短合同期为 12 个月。",
    ] {
        assert!(md.contains(row), "{row} not in\n{md}");
    }
    let en = run(&[
        "quote",
        "examples/cn-saas.rate",
        "-r",
        "examples/requests/cn-usage.toml",
        "-f",
        "markdown",
        "--audience",
        "customer",
        "--lang",
        "en",
    ]);
    assert!(
        en.contains("| Contract total (12 months) | 77,448.00 | 4,646.88 | 82,094.88 |"),
        "{en}"
    );
    assert!(!en.contains("大写金额"), "{en}");
}

#[test]
fn a_person_sees_the_customer_the_total_and_no_internal_note() {
    let t = Test::new();
    let html = run(&[
        "quote",
        HOOKS,
        "-r",
        APPROVAL,
        "-f",
        "html",
        "--audience",
        "customer",
        "--lang",
        "en",
    ]);
    let file = t.file("proposal.html", &html);
    let Some(mut page) = common::browser::Browser::open(&format!("file://{}", file.display()))
    else {
        return;
    };
    page.until("location.protocol === 'file:' && document.readyState === 'complete' && document.body.innerText.length > 0");
    let seen = page.eval("document.body.innerText");
    let seen = seen.as_str().unwrap_or_default();
    assert!(seen.contains("Northbridge University"), "{seen}");
    assert!(seen.contains("85,980.84"), "{seen}");
    assert!(!seen.contains(NOTE) && !seen.contains(REASON), "{seen}");
}

#[test]
fn the_price_sheet_reads_as_a_price_page() {
    let t = Test::new();
    let html = run(&["sheet", "examples/cn-saas.rate", "--format", "html"]);
    let file = t.file("sheet.html", &html);
    let md = run(&["sheet", "examples/zoho.rate", "--format", "markdown"]);
    for row in [
        "## Price list — Zoho-style CRM 2026.1 (USD)",
        "| Professional | 35.00 per seat per month | 23.00 per seat per month (Save 34%) | For growing sales teams that forecast; 2 GB per seat of storage; Billed monthly and annually |",
        "| Sales forecasting | + 4.00 per seat per month | ✓ | ✓ | ✓ |",
        "| API call packs | 10.00 per pack of 50,000 calls, a started pack counts as a whole pack | Billed each month for the quantity bought. |",
        "| Mass emails | First 50,000: 0.002 per email; Above 50,000: 0.001 per email | 250 emails per seat included each month; 10,000 emails included each month with Enterprise and Ultimate. Billed each month on what was used. |",
        "| Enhanced support | email, online chat and phone | 3.00 per seat per month |",
        "- Prices exclude tax: 8.25% is added to each invoice.",
    ] {
        assert!(md.contains(row), "{row} not in\n{md}");
    }
    let Some(mut page) = common::browser::Browser::open(&format!("file://{}", file.display()))
    else {
        return;
    };
    page.until("location.protocol === 'file:' && document.readyState === 'complete' && document.body.innerText.length > 0");
    let seen = page.eval("document.body.innerText");
    let seen = seen.as_str().unwrap_or_default();
    for text in [
        "云客 CRM 价目表",
        "价格单位：人民币（元）",
        "版本对比",
        "附加项与用量",
        "专业版",
        "短信包",
    ] {
        assert!(seen.contains(text), "{text} not in\n{seen}");
    }
}

#[test]
fn price_curves_mark_band_boundaries_and_volume_cliffs() {
    let svg = run(&["plot", "examples/cn-saas.rate"]);
    assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
    for label in [
        "标准版",
        "专业版",
        "旗舰版",
        "云客 CRM 价目表 2026.1: 各版本每月费用（按用户数）",
        "每月 CNY",
        "用户数",
        "80,000",
    ] {
        assert!(svg.contains(label), "{label} not in the plot");
    }
    assert_eq!(
        svg.matches("<circle").count(),
        0,
        "cn-saas has no volume cliff"
    );
    // An open band of only a fee: 11 seats cost 20.00, less than 10 seats at 50.00.
    let cliff = run(&[
        "plot",
        "tests/fixtures/plans/open-band-cliff.rate",
        "--max-seats",
        "30",
    ]);
    assert_eq!(cliff.matches("<circle").count(), 1);
    assert!(cliff.contains("stroke=\"#FF0000\""));
    Test::new()
        .args(&["plot", "examples/acme.rate", "--out", "curves.gif"])
        .run()
        .status(2)
        .stderr("ratecard: plot writes .svg or .png, not curves.gif\n");
}

#[test]
fn at_a_terminal_the_quote_table_fits_its_width() {
    use std::io::Read;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ratecard"));
    cmd.args([
        "quote",
        "examples/zoho.rate",
        "-r",
        "examples/requests/zoho-usage.toml",
    ])
    .env("NO_COLOR", "1")
    .current_dir(common::root());
    let mut s = expectrl::Session::spawn(cmd).expect("spawn in a pseudo-terminal");
    s.get_process_mut()
        .set_window_size(80, 40)
        .expect("80 columns");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let widest = out
        .lines()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{out}");
    assert!(out.contains("1230.00"), "{out}");
    // A pipe gets every column unwrapped, for other programs.
    let piped = run(&[
        "quote",
        "examples/zoho.rate",
        "-r",
        "examples/requests/zoho-usage.toml",
    ]);
    assert!(piped.lines().any(|l| l.chars().count() > 120));
}

#[test]
fn a_proposal_prints_to_pdf_and_a_plot_to_png_through_chromium() {
    let has_chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .any(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let t = Test::new();
    let pdf = t.dir().join("proposal.pdf");
    let png = t.dir().join("curves.png");
    if !has_chromium {
        eprintln!("skipped: no chromium on this machine (.ci/run installs it)");
        return;
    }
    Test::new()
        .args(&[
            "quote",
            "examples/cn-saas.rate",
            "-r",
            "examples/requests/cn-usage.toml",
            "--audience",
            "customer",
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .run()
        .status(0)
        .stdout("");
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    Test::new()
        .args(&["plot", "examples/zoho.rate", "--out", png.to_str().unwrap()])
        .run()
        .status(0);
    let bytes = std::fs::read(&png).expect("the PNG is written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
}

#[test]
fn a_customer_table_has_no_derivations_notes_or_approval() {
    let customer = run(&["quote", HOOKS, "-r", APPROVAL, "--audience", "customer"]);
    assert!(customer.contains("85980.84"), "{customer}");
    for secret in [NOTE, REASON, "How", "note:"] {
        assert!(
            !customer.contains(secret),
            "the table shows {secret:?} to the customer"
        );
    }
    let internal = run(&["quote", HOOKS, "-r", APPROVAL]);
    assert!(internal.contains(NOTE) && internal.contains(REASON) && internal.contains("How"));
}

#[test]
fn labels_in_another_language_name_the_lines_of_a_document_in_it() {
    let en = run(&[
        "quote",
        "examples/cn-saas.rate",
        "-r",
        "examples/requests/cn-usage.toml",
        "-f",
        "markdown",
        "--audience",
        "customer",
        "--lang",
        "en",
    ]);
    for row in [
        "- **Edition**: Standard",
        "| Standard seats | 12 | 82.00 per seat per month | 1 month | 984.00 |",
        "| SMS packs | 26 | 45.00 per pack of 1,000 条 per month | 1 month | 1,170.00 |",
        "| Online payment fees (0.6% of 30,000.00 + 0.10 each) |  |  | 1 month | 220.00 |",
    ] {
        assert!(en.contains(row), "{row} not in\n{en}");
    }
    // In the plan's own language the plan's own labels stay.
    let zh = run(&[
        "quote",
        "examples/cn-saas.rate",
        "-r",
        "examples/requests/cn-usage.toml",
        "-f",
        "markdown",
        "--audience",
        "customer",
    ]);
    assert!(
        zh.contains("| 标准版 用户 | 12 | 82.00 元/用户/月 | 1 个月 | 984.00 |"),
        "{zh}"
    );
    let sheet = run(&[
        "sheet",
        "examples/cn-saas.rate",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert!(sheet.contains("| Professional |"), "{sheet}");
}

#[test]
fn a_label_in_an_unknown_language_or_given_twice_is_a_plan_error() {
    let found = common::books::diagnostics(
        r#"edition pro "Pro" { 10.00 per seat; label fr "Pro FR"; label zh "专业版"; label zh "专业" }"#,
    );
    assert_eq!(
        found,
        [
            "2: unknown document language `fr`",
            "2: a label in one language is set more than once",
        ]
    );
}

/// A folder with a fake `chromium` that answers `--version` and then runs `script` (with
/// `$OUT` set to the file it was asked to write), and the PATH that finds it first.
#[cfg(unix)]
fn fake_chromium(dir: &std::path::Path, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    let bin = dir.join("bin/chromium");
    std::fs::write(
        &bin,
        format!(
            "#!/bin/sh\n[ \"$1\" = --version ] && exit 0\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) OUT=\"${{a#--print-to-pdf=}}\";; --screenshot=*) OUT=\"${{a#--screenshot=}}\";; esac; done\n{script}\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[cfg(unix)]
#[test]
fn a_pdf_or_png_that_chromium_did_not_write_is_an_error_and_the_old_file_stays() {
    for (script, why) in [
        (
            "exit 0",
            "chromium exited without writing it: the PDF is empty",
        ),
        (
            "echo '<html>not a pdf</html>' > \"$OUT\"",
            "chromium exited without writing it: what it wrote is not a PDF",
        ),
        (
            "exit 3",
            "chromium failed (exit status: 3) and wrote no PDF",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = fake_chromium(dir.path(), script);
        let pdf = dir.path().join("proposal.pdf");
        std::fs::write(&pdf, "an older proposal").unwrap();
        let out = Test::new()
            .env("PATH", &path)
            .args(&[
                "quote",
                "examples/zoho.rate",
                "--edition",
                "standard",
                "--seats",
                "3",
                "--pdf",
                pdf.to_str().unwrap(),
            ])
            .run()
            .status(4);
        assert_eq!(
            out.stderr,
            format!("ratecard: cannot write {}: {why}\n", pdf.display())
        );
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "an older proposal");
        // No temporary file is left beside it.
        let left: Vec<_> = std::fs::read_dir(pdf.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".ratecard-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
    // A PNG that is written, and checked, is renamed into place.
    let dir = tempfile::tempdir().unwrap();
    let path = fake_chromium(dir.path(), "printf '\\211PNG\\r\\n\\032\\nrest' > \"$OUT\"");
    let png = dir.path().join("curves.png");
    Test::new()
        .env("PATH", &path)
        .args(&["plot", "examples/zoho.rate", "--out", png.to_str().unwrap()])
        .run()
        .status(0);
    assert!(std::fs::read(&png)
        .unwrap()
        .starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[cfg(unix)]
#[test]
fn a_read_only_pdf_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = fake_chromium(dir.path(), "printf '%%PDF-1.7' > \"$OUT\"");
    let pdf = dir.path().join("proposal.pdf");
    std::fs::write(&pdf, "signed copy").unwrap();
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = Test::new()
        .env("PATH", &path)
        .args(&[
            "quote",
            "examples/zoho.rate",
            "--edition",
            "standard",
            "--seats",
            "3",
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .run()
        .status(4);
    assert_eq!(
        out.stderr,
        format!(
            "ratecard: cannot write {}: it is read-only\n",
            pdf.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "signed copy");
}

#[test]
fn accounts_seat_types_allowances_and_meters_read_in_words_on_the_price_page() {
    let sheet = |plan: &str| run(&["sheet", plan, "--format", "markdown"]);
    for (plan, row) in [
        (
            "examples/bitrix.rate",
            "| Basic | 61.00 per account per month (for an account of up to 5 users) | — |",
        ),
        (
            "examples/zoho.rate",
            "| API calls | 1.00 per pack of 10,000 calls, a started pack counts as a whole pack | 50,000 calls + 250 calls per seat, at most 100,000 calls included each month with Standard; 100,000 calls + 500 calls per seat, at most 2,000,000 calls included each month with Professional, Enterprise and Ultimate. Billed each month on what was used. |",
        ),
        (
            "examples/zoho.rate",
            "| API credits | First 25,000: 0.14 per 1,000 credits; 25,001 to 100,000: 0.06 per 1,000 credits; 100,001 to 250,000: 0.05 per 1,000 credits; Above 250,000: 0.025 per 1,000 credits | Metered each day: the price is for a day's use, billed for 30 days a month. Billed each month on what was used. |",
        ),
        (
            "examples/salesforce.rate",
            "the greater of 1 GB and 0.02 GB per seat included each month with Sales Essentials.",
        ),
        (
            "examples/salesforce.rate",
            "| Flex Credits | 500.00 per pack of 100,000 credits, a started pack counts as a whole pack | Bought once: billed on the first invoice only. |",
        ),
        (
            "examples/hubspot.rate",
            "| Core seats | 15.00 per seat per month with Sales Hub Starter; 50.00 per seat per month with Sales Hub Professional; 75.00 per seat per month with Sales Hub Enterprise |",
        ),
        ("examples/hubspot.rate", "| View-only seats | Free |"),
    ] {
        let md = sheet(plan);
        assert!(md.contains(row), "{plan}: {row} not in\n{md}");
    }
    let zh = run(&[
        "sheet",
        "examples/bitrix.rate",
        "--format",
        "markdown",
        "--lang",
        "zh",
    ]);
    assert!(
        zh.contains("最多 250 位用户：499.00 USD/账户/月，含 3,072 GB 存储空间"),
        "{zh}"
    );
}

#[test]
fn an_amendment_says_what_is_left_of_the_term_in_the_documents_language() {
    let doc = |lang: &str| {
        run(&[
            "quote",
            "examples/zoho.rate",
            "-r",
            "examples/requests/zoho-amendment.toml",
            "-f",
            "markdown",
            "--audience",
            "customer",
            "--lang",
            lang,
        ])
    };
    let en = doc("en");
    assert!(
        en.contains(
            "### Change from 1 May 2026 to 31 December 2026: 8 of 12 months left, co-termed"
        ),
        "{en}"
    );
    let zh = doc("zh");
    assert!(
        zh.contains("### 变更期：2026年5月1日 至 2026年12月31日，剩余 8/12 个月，与合同同期结束"),
        "{zh}"
    );
}

/// Plan syntax a buyer must never read: ranges, braces, charge models, `0.00 flat`.
const PLAN_SYNTAX: [&str; 8] = [
    "..",
    "{",
    "}",
    " flat",
    "graduated",
    "stairstep",
    "per user",
    "billed_",
];

/// Words of `text` that look like a plan's names (`erp_kingdee`, `api_calls`).
fn ids_in(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.contains('_') && w.trim_matches('_').contains('_'))
        .collect()
}

#[test]
fn every_price_page_as_a_browser_shows_it_has_no_plan_syntax_or_ids_in_en_and_zh() {
    let t = Test::new();
    let mut plans: Vec<_> = std::fs::read_dir(common::root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rate"))
        .collect();
    plans.sort();
    let mut pages = Vec::new();
    for plan in &plans {
        let name = plan.file_stem().unwrap().to_str().unwrap().to_string();
        for lang in ["en", "zh"] {
            let html = run(&[
                "sheet",
                plan.to_str().unwrap(),
                "--format",
                "html",
                "--lang",
                lang,
            ]);
            pages.push((
                format!("{name}-{lang}"),
                t.file(&format!("{name}-{lang}.html"), &html),
            ));
        }
    }
    assert_eq!(pages.len(), 2 * plans.len());
    // A file page may open another file page (not one from about:blank): start on the first.
    let first = format!("file://{}", pages[0].1.display());
    let Some(mut page) = common::browser::Browser::open(&first) else {
        return;
    };
    for (name, file) in &pages {
        let url = format!("file://{}", file.display());
        page.eval(&format!("location.href = {}", serde_json::json!(url)));
        page.until(&format!(
            "location.href === {} && document.readyState === 'complete'",
            serde_json::json!(url)
        ));
        let seen = page.eval("document.body.innerText");
        let seen = seen.as_str().unwrap_or_default();
        assert!(
            seen.chars().count() > 100,
            "{name} is nearly empty:\n{seen}"
        );
        for token in PLAN_SYNTAX {
            assert!(!seen.contains(token), "{name} shows {token:?}:\n{seen}");
        }
        assert_eq!(ids_in(seen), Vec::<&str>::new(), "{name}");
        // An edition's name is one word to a reader: 标准版 never breaks into 标准/版.
        let wrapped = page.eval(
            "[...document.querySelectorAll('.card h2')].filter(h => { const r = document.createRange(); r.selectNodeContents(h); return r.getClientRects().length > 1; }).map(h => h.textContent)",
        );
        assert_eq!(wrapped, serde_json::json!([]), "{name}");
    }
    // With RATECARD_SCREENSHOTS set, the README's pictures of the pages are taken anew.
    if std::env::var_os("RATECARD_SCREENSHOTS").is_some() {
        for (name, shot) in [
            ("cn-saas-zh", "pricing-page-zh.png"),
            ("zoho-en", "pricing-page.png"),
        ] {
            let (_, file) = pages.iter().find(|(n, _)| n == name).unwrap();
            let out = common::root().join("docs").join(shot);
            let status = std::process::Command::new("chromium")
                .args([
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                ])
                .arg("--window-size=1280,1800")
                .arg(format!("--screenshot={}", out.display()))
                .arg(format!("file://{}", file.display()))
                .output()
                .expect("chromium");
            assert!(status.status.success(), "{status:?}");
        }
    }
}
