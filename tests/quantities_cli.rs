//! Add-ons and usage through the real binary (issue 12): flags, request files, JSON,
//! the REPL, batch columns and plan diffs.

mod common;

use common::Test;

const ZOHO: &str = "examples/zoho.rate";

#[test]
fn quantity_flags_price_add_ons_and_usage() {
    let out = Test::new()
        .args(&[
            "quote",
            ZOHO,
            "--edition",
            "enterprise",
            "--seats",
            "20",
            "--qty",
            "extra_sandbox=2",
            "--qty",
            "api_credits=120000",
            "--qty",
            "mass_email=75000",
            "-f",
            "json",
        ])
        .run()
        .status(0);
    let q = out.json();
    let line = |id: &str| {
        q["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .unwrap_or_else(|| panic!("no line {id}"))
            .clone()
    };
    let sandbox = line("addon.extra_sandbox");
    assert_eq!(sandbox["category"], "addon");
    assert_eq!(sandbox["quantity"], "2");
    assert_eq!(sandbox["unit_price"], "45.00");
    assert_eq!(sandbox["amount"], "90.00");
    let packs = line("addon.api_credits");
    assert_eq!(packs["quantity"], "3");
    assert_eq!(
        packs["explain"],
        "120000 / 50000 = 2.4 packs, rounded up to 3 packs x 10.00"
    );
    let emails = line("usage.mass_email");
    assert_eq!(emails["category"], "usage");
    assert_eq!(emails["amount"], "110.00");
    assert_eq!(
        emails["explain"],
        "75000 emails - 15000 included = 60000; 60000 emails, graduated: 50000 at 0.002 in 1..50000 = 100.00; 10000 at 0.001 in 50001.. = 10.00"
    );
    assert_eq!(q["totals"]["monthly_recurring"], "1230.00");
    assert_eq!(q["request"]["quantities"]["api_credits"], 120000);
}

#[test]
fn a_bad_quantity_flag_or_value_says_what_to_write() {
    Test::new()
        .args(&[
            "quote",
            ZOHO,
            "--edition",
            "standard",
            "--seats",
            "2",
            "--qty",
            "sandbox",
        ])
        .run()
        .status(2);
    Test::new()
        .args(&[
            "quote", ZOHO, "--edition", "standard", "--seats", "2", "--qty", "extra_sandbox=1.5",
        ])
        .run()
        .status(3)
        .stderr("ratecard: request rejected: quantities.extra_sandbox 1.5 is not accepted: a sandbox is counted whole: give a whole number\n");
    Test::new()
        .args(&[
            "quote", ZOHO, "--edition", "standard", "--seats", "2", "--qty", "extra_sandbox=11",
        ])
        .run()
        .status(3)
        .stderr("ratecard: request rejected: quantities.extra_sandbox 11 is not accepted: add-on `extra_sandbox` is sold up to 10 sandboxes\n");
}

#[test]
fn the_repl_sets_quantities_by_name_and_tries_them() {
    let out = Test::new()
        .args(&["repl", ZOHO, "--echo"])
        .stdin(
            "set edition enterprise\nset seats 20\nset extra_sandbox 2\nset qty api_credits 120000\n\
             unset qty api_credits\ntry mass_email 15000 65000 115000\n",
        )
        .run()
        .status(0);
    let answers: Vec<&str> = out.stdout.lines().filter(|l| !l.contains("> ")).collect();
    assert_eq!(
        answers[..5],
        [
            "edition enterprise",
            "seats 20; monthly recurring 1000.00 USD",
            "extra_sandbox 2; monthly recurring 1090.00 USD",
            "qty api_credits 120000; monthly recurring 1120.00 USD",
            "qty api_credits unset; monthly recurring 1090.00 USD",
        ]
    );
    // 15,000 are included; 50,000 more cost 100.00, 100,000 more 150.00.
    for row in [
        "│ 15000      │      │           1090.00 │",
        "│ 65000      │      │           1190.00 │",
        "│ 115000     │      │           1240.00 │",
    ] {
        assert!(out.stdout.contains(row), "{row} not in\n{}", out.stdout);
    }
}

#[test]
fn a_book_gives_quantities_and_volumes_in_their_own_columns() {
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats,qty.sms_pack,qty.payments,volume.payments\n\
         苏州启航,standard,12,25500,400,30000.00\n\
         Whole,standard,12,1.5,,\n\
         Plain,standard,12,,,\n",
    );
    t.args(&["batch", "examples/cn-saas.rate", book.to_str().unwrap()])
        .run()
        .status(3)
        .stdout(
            "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message\n\
             苏州启航,2374.00,0.00,2516.44,30197.28,28488.00,28488.00,1709.28,ok,\n\
             Whole,,,,,,,,rejected,quantities.sms_pack 1.5 is not accepted: a 条 is counted whole: give a whole number\n\
             Plain,984.00,0.00,1043.04,12516.48,11808.00,11808.00,708.48,ok,\n",
        );
}

#[test]
fn diff_reports_add_on_and_usage_changes() {
    let t = Test::new();
    let old = std::fs::read_to_string(common::root().join(ZOHO)).unwrap();
    let new = old
        .replace("45.00 per sandbox", "40.00 per sandbox")
        .replace("50_001..  at 0.001", "50_001..  at 0.0008")
        .replace("includes 250 per seat", "includes 500 per seat");
    let (a, b) = (t.file("old.rate", &old), t.file("new.rate", &new));
    t.args(&["diff", a.to_str().unwrap(), b.to_str().unwrap()])
        .run()
        .status(0)
        .stdout(
            "Zoho-style CRM 2026.1 -> Zoho-style CRM 2026.1: 3 changes\n  \
             ~ add-on extra_sandbox, price: 45.00 per sandbox -> 40.00 per sandbox\n  \
             ~ usage mass_email, tier 50001..: 0.001 -> 0.0008\n  \
             ~ usage mass_email, included: 250 email per seat, 10000 email with enterprise, 10000 email with ultimate -> 500 email per seat, 10000 email with enterprise, 10000 email with ultimate\n",
        );
}

#[test]
fn check_points_at_a_tier_gap_with_the_fix() {
    let t = Test::new();
    let plan = t.file(
        "gap.rate",
        "plan \"g\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition pro { 1.00 per seat }\n  usage sms \"SMS\" {\n    unit message\n    graduated { 1..100 at 0.05; 150.. at 0.04 }\n  }\n}\n",
    );
    let out = t.args(&["check", plan.to_str().unwrap()]).run().status(1);
    assert!(
        out.stderr
            .contains("× gap between tiers: 1..100 is followed by a tier starting at 150, not 101")
            && out.stderr.contains("help: start this tier at 101")
            && out.stderr.contains("gap.rate:8:33]"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_hook_reads_the_requests_quantities() {
    let t = Test::new();
    t.file(
        "q.rhai",
        "fn price(request, quote) {\n    let n = request.quantities[\"sandbox\"];\n    if n != () && n >= 3 {\n        quote.note(`${n} sandboxes: offer the bundle`);\n    }\n}\n",
    );
    let plan = t.file(
        "q.rate",
        "plan \"q\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition pro { 10.00 per seat }\n  addon sandbox \"Sandbox\" { 150.00 per sandbox }\n  hook \"q.rhai\"\n}\n",
    );
    let q = t
        .args(&[
            "quote",
            plan.to_str().unwrap(),
            "--edition",
            "pro",
            "--seats",
            "1",
            "--qty",
            "sandbox=3",
            "-f",
            "json",
        ])
        .run()
        .status(0)
        .json();
    assert_eq!(q["notes"][0], "hook q.rhai: 3 sandboxes: offer the bundle");
    assert_eq!(q["totals"]["monthly_recurring"], "460.00");
}

#[test]
fn diff_book_reprices_quantities_from_their_columns() {
    let t = Test::new();
    let old = std::fs::read_to_string(common::root().join(ZOHO)).unwrap();
    let new = t.file(
        "new.rate",
        &old.replace("45.00 per sandbox", "40.00 per sandbox"),
    );
    let book = t.file(
        "book.csv",
        "customer,edition,seats,qty.extra_sandbox,qty.mass_email\nA,enterprise,20,2,75000\nB,standard,3,,\n",
    );
    let out = t
        .args(&[
            "diff",
            ZOHO,
            new.to_str().unwrap(),
            "--book",
            book.to_str().unwrap(),
        ])
        .run()
        .status(0);
    for row in [
        "│ A        │        1200.00 │       1190.00 │ -10.00 │",
        "│ B        │          60.00 │         60.00 │   0.00 │",
        "  MRR change  -10.00 (-0.79%)",
    ] {
        assert!(out.stdout.contains(row), "{row} not in\n{}", out.stdout);
    }
}

#[test]
fn check_rehearses_hooks_on_add_on_and_usage_quantities() {
    let t = Test::new();
    // A script that fails only when an add-on is bought: found at check time.
    t.file(
        "q.rhai",
        "fn price(request, quote) {\n    let n = request.quantities[\"sandbox\"];\n    if n != () {\n        quote.note(n.frobnicate());\n    }\n}\n",
    );
    let plan = t.file(
        "q.rate",
        "plan \"q\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition pro { 10.00 per seat }\n  addon sandbox \"Sandbox\" { 150.00 per sandbox; maximum 5 }\n  hook \"q.rhai\"\n}\n",
    );
    let out = t.args(&["check", plan.to_str().unwrap()]).run().status(1);
    assert!(out.stderr.contains("frobnicate"), "{}", out.stderr);
    assert!(
        out.stderr.contains("sandbox 5"),
        "the sample is named: {}",
        out.stderr
    );
}
