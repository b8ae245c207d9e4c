//! Accounts as vendors sell them (issue 24), through the real binary: seat types and other
//! editions beside the account's edition, modules for some of the users, per-account
//! prices, allowances that take the greater of two amounts, and the refusals and plan
//! errors around them, with exact amounts and messages.

mod common;

use common::Test;

/// A plan small enough to read in the test: a per-seat edition, a per-account edition
/// with a storage allowance on its first tier, and a seat type sold only with it.
const SEAT_TYPES: &str = r#"plan "Seat types" {
  version "1"
  currency USD
  tax 0%
  edition team "Team" { 10.00 per seat per month }
  edition pro "Pro" {
    per account { up to 50 users at 99.00, storage 100 GB; up to 200 users at 249.00 }
  }
  seat type light "Light users" { 5.00 per seat with pro }
}
"#;

/// Storage whose allowance is whichever is larger: a floor or an amount per seat.
const GREATER_OF: &str = r#"plan "Storage allowance" {
  version "1"
  currency USD
  tax 0%
  edition team "Team" {
    10.00 per seat per month
  }
  usage storage_gb "Data storage" {
    unit GB divisible
    includes the greater of 1 GB and 0.02 GB per seat
    5.00 per GB
  }
}
"#;

/// The JSON quote's lines as `[id, label, quantity, unit price, amount, explain]`.
fn lines(q: &serde_json::Value) -> Vec<[String; 6]> {
    let field = |l: &serde_json::Value, k: &str| l[k].as_str().unwrap_or("").to_string();
    q["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            [
                field(l, "id"),
                field(l, "label"),
                field(l, "quantity"),
                field(l, "unit_price"),
                field(l, "amount"),
                field(l, "explain"),
            ]
        })
        .collect()
}

fn row(cells: [&str; 6]) -> [String; 6] {
    cells.map(str::to_string)
}

#[test]
fn the_greater_of_a_floor_and_an_amount_per_seat() {
    for (seats, included, over, amount) in [("10", "1", "2", "10.00"), ("100", "2", "1", "5.00")] {
        let t = Test::new();
        let plan = t.file("storage.rate", GREATER_OF);
        let out = t
            .args(&["quote", plan.to_str().unwrap(), "--edition", "team"])
            .args(&["--seats", seats, "--qty", "storage_gb=3", "-f", "json"])
            .run()
            .status(0);
        let q = out.json();
        let storage = &lines(&q)[1];
        assert_eq!(
            storage,
            &row([
                "usage.storage_gb",
                "Data storage",
                over,
                "5.00",
                amount,
                &format!("3 GB - {included} included = {over}; {over} x 5.00 per GB"),
            ]),
            "{seats} seats"
        );
    }
}

#[test]
fn an_account_price_is_one_line_from_the_tier_that_holds_the_seats() {
    let t = Test::new();
    let plan = t.file("st.rate", SEAT_TYPES);
    let out = t
        .args(&["quote", plan.to_str().unwrap(), "--edition", "pro"])
        .args(&["--seats", "51", "-f", "json"])
        .run()
        .status(0);
    let q = out.json();
    assert_eq!(
        lines(&q),
        vec![row([
            "seats",
            "Pro, up to 200 users",
            "1",
            "249.00",
            "249.00",
            "51 users: one price for an account of up to 200 users",
        ])]
    );
    assert_eq!(q["totals"]["monthly_recurring"], "249.00");
}

#[test]
fn other_editions_and_seat_types_are_lines_of_their_own() {
    let t = Test::new();
    let plan = t.file("st.rate", SEAT_TYPES);
    let request = t.file(
        "r.toml",
        "edition = \"pro\"\nseats = 30\nother_seats = { light = 2, team = 4 }\n",
    );
    let out = t
        .args(&[
            "quote",
            plan.to_str().unwrap(),
            "-r",
            request.to_str().unwrap(),
        ])
        .args(&["-f", "json"])
        .run()
        .status(0);
    let q = out.json();
    assert_eq!(
        lines(&q),
        vec![
            row([
                "seats",
                "Pro, up to 50 users",
                "1",
                "99.00",
                "99.00",
                "30 users: one price for an account of up to 50 users",
            ]),
            row([
                "seats.team",
                "Team seats",
                "4",
                "10.00",
                "40.00",
                "4 seats x 10.00",
            ]),
            row([
                "seat.light",
                "Light users",
                "2",
                "5.00",
                "10.00",
                "2 seats x 5.00 (price with Pro)",
            ]),
        ]
    );
    assert_eq!(q["totals"]["monthly_recurring"], "149.00");
}

#[test]
fn the_mixed_dynamics_tenant_is_priced_as_worked_by_hand() {
    let out = Test::new()
        .args(&["quote", "examples/dynamics.rate"])
        .args(&["-r", "examples/requests/dynamics-mixed.toml", "-f", "json"])
        .run()
        .status(0);
    let q = out.json();
    let amounts: Vec<(String, String)> = lines(&q)
        .into_iter()
        .map(|[id, _, _, _, amount, _]| (id, amount))
        .collect();
    let expected = [
        ("seats", "2100.00"),
        ("seats.professional", "1950.00"),
        ("module.cs_attach", "200.00"),
    ];
    for (id, amount) in expected {
        assert!(
            amounts.contains(&(id.to_string(), amount.to_string())),
            "{id} {amount} in {amounts:?}"
        );
    }
    assert_eq!(q["totals"]["monthly_recurring"], "4250.00");
}

/// Runs a quote that must be refused and returns its one line of standard error.
fn refused(plan: &str, args: &[&str], request: Option<&str>) -> String {
    let t = Test::new();
    let plan_path = if plan.starts_with("examples/") {
        plan.to_string()
    } else {
        t.file("plan.rate", plan).to_string_lossy().into_owned()
    };
    let mut all = vec!["quote".to_string(), plan_path];
    if let Some(r) = request {
        let path = t.file("r.toml", r);
        all.extend(["-r".to_string(), path.to_string_lossy().into_owned()]);
    }
    all.extend(args.iter().map(|a| a.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = t.args(&all).run().status(3);
    assert_eq!(out.stdout, "", "nothing is priced");
    out.stderr
}

#[test]
fn refusals_name_the_field_and_the_fix() {
    let cases: [(&str, &[&str], Option<&str>, &str); 5] = [
        (
            "examples/dynamics.rate",
            &["--edition", "enterprise", "--seats", "20", "--qty", "cs_attach=21"],
            None,
            "ratecard: request rejected: quantities.cs_attach 21 is not accepted: module `cs_attach` is sold for the 20 Sales Enterprise seats the account has: ask for 20 or fewer\n",
        ),
        (
            "examples/dynamics.rate",
            &["--edition", "enterprise", "--seats", "20", "--qty", "forecasting=3"],
            None,
            "ratecard: request rejected: quantities.forecasting 3 is not accepted: module `forecasting` comes with every seat of the account's editions: leave it out of `quantities`\n",
        ),
        (
            "examples/dynamics.rate",
            &[],
            Some("edition = \"enterprise\"\nseats = 5\nother_seats = { nobody = 3 }\n"),
            "ratecard: request rejected: unknown edition or seat type `nobody`; expected one of: professional, premium, team_member\n",
        ),
        (
            SEAT_TYPES,
            &[],
            Some("edition = \"team\"\nseats = 3\nother_seats = { light = 2 }\n"),
            "ratecard: request rejected: other_seats.light 2 is not accepted: seat type `light` is sold only with edition `pro`\n",
        ),
        (
            SEAT_TYPES,
            &["--edition", "pro", "--seats", "201"],
            None,
            "ratecard: request rejected: seats 201 is not accepted: edition `pro` is sold up to 200 seats: ask for 200 or fewer, or choose `team`\n",
        ),
    ];
    for (plan, args, request, message) in cases {
        assert_eq!(refused(plan, args, request), message);
    }
}

#[test]
fn plan_errors_for_accounts_point_at_the_mistake() {
    let t = Test::new();
    let plan = t.file(
        "bad.rate",
        r#"plan "Bad" {
  version "1"
  currency USD
  tax 0%
  edition team "Team" {
    per account { up to 50 users at 99.00; up to 20 users at 49.00 }
  }
  seat type team "Team again" { 5.00 per seat }
  usage calls "Calls" {
    unit call
    bought once
    1.00 per call
  }
  addon packs "Packs" {
    unit pack
    metered daily
    1.00 per pack
  }
}
"#,
    );
    let out = t
        .args(&["check", plan.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .run()
        .status(1);
    let messages: Vec<&str> = (out.stderr.lines())
        .filter_map(|l| l.trim_start().strip_prefix("× "))
        .collect();
    assert_eq!(
        messages,
        [
            "account tiers must grow: `up to 20 users` comes after `up to 50 users`",
            "edition or seat type `team` is declared twice",
            "usage `calls`: a usage is metered every month, so it is not bought once",
            "add-on `packs`: an add-on is bought, not metered, so it is not metered daily",
        ]
    );
    assert!(out.stderr.contains("bad.rate:6:50"), "{}", out.stderr);
    assert!(
        out.stdout.ends_with("bad.rate: 4 errors\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_book_gives_other_seat_lines_in_seats_columns() {
    let t = Test::new();
    let book = t.file(
        "book.csv",
        "customer,edition,seats,seats.professional,qty.cs_attach\nHarbor,enterprise,20,30,10\nSolo,enterprise,5,,\n",
    );
    let out = t
        .args(&["batch", "examples/dynamics.rate", book.to_str().unwrap()])
        .run()
        .status(0);
    assert_eq!(
        out.stdout,
        "customer,monthly_recurring,one_time,first_invoice_total,term_total_with_tax,annual_recurring,term_total,term_tax,status,message\n\
         Harbor,4250.00,0.00,4250.00,51000.00,51000.00,51000.00,0.00,ok,\n\
         Solo,525.00,0.00,525.00,6300.00,6300.00,6300.00,0.00,ok,\n"
    );
}

#[test]
fn the_repl_sets_and_unsets_other_seat_lines() {
    let out = Test::new()
        .args(&["repl", "examples/dynamics.rate"])
        .stdin(
            "set edition enterprise\nset seats 20\nset seats professional 30\nset qty cs_attach 10\n\
             unset seats professional\nset seats nobody 3\n",
        )
        .run()
        .status(0);
    let answers: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        answers,
        [
            "edition enterprise",
            "seats 20; monthly recurring 2100.00 USD",
            "seats professional 30; monthly recurring 4050.00 USD",
            "qty cs_attach 10; monthly recurring 4250.00 USD",
            "seats professional unset; monthly recurring 2300.00 USD",
            "error: unknown edition or seat type `nobody`; expected one of: professional, enterprise, premium, team_member",
        ]
    );
}

#[test]
fn the_repl_plan_lists_seat_types_fees_add_ons_and_meters() {
    let out = Test::new()
        .args(&["repl", "examples/dynamics.rate"])
        .stdin("plan\n")
        .run()
        .status(0);
    for line in [
        "seat types:\n  team_member \"Team Members\": 8.00 per seat\n",
        "usage:\n  database \"Database capacity\": 40.00 per GB; includes 10 GB + 0.25 GB per seat; in blocks of 1 GB\n",
        "  log \"Log capacity\": 10.00 per GB; includes 2 GB; in blocks of 1 GB\n",
    ] {
        assert!(out.stdout.contains(line), "{line}\nin\n{}", out.stdout);
    }
    let hubspot = Test::new()
        .args(&["repl", "examples/hubspot.rate"])
        .stdin("plan\n")
        .run()
        .status(0);
    assert!(
        hubspot.stdout.contains(
            "one-time fees:\n  professional: Professional onboarding 1500.00 (one-time)\n  enterprise: Enterprise onboarding 3500.00 (one-time)\n"
        ),
        "{}",
        hubspot.stdout
    );
}

#[test]
fn repl_help_examples_use_the_loaded_plans_names() {
    let out = Test::new()
        .args(&["repl", "examples/zoho.rate"])
        .stdin("help\n")
        .run()
        .status(0);
    for example in [
        ": set edition ultimate\n",
        ": add module sales_inbox\n",
        ": add service integration erp low\n",
        ": breakeven standard ultimate\n",
        "edition: \"ultimate\"",
    ] {
        assert!(
            out.stdout.contains(example),
            "{example}\nin\n{}",
            out.stdout
        );
    }
    assert!(!out.stdout.contains("advanced"), "{}", out.stdout);
}

#[test]
fn goal_seeking_starts_from_the_deal_as_it_stands_and_says_so() {
    let out = Test::new()
        .args(&["repl"])
        .stdin(
            "set edition basic\nset seats 10\nfit 9000 by discount\ndeal discount 30 competitive\n\
             fit 8000 by discount\nfit 9000 by discount\n",
        )
        .run()
        .status(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[2],
        "a deal discount of 25% brings the total from 12000.00 to 9000.00 (budget 9000.00); approval: not needed",
        "{}",
        out.stdout
    );
    assert_eq!(
        &lines[5..],
        [
            "from the deal as it stands (negotiated discount 30% (competitive)): a further deal discount of 4.77% brings the total from 8400.00 to 7999.32 (budget 8000.00); approval: not needed",
            "(to apply: deal discount 4.77 REASON)",
            "from the deal as it stands (negotiated discount 30% (competitive)): the total 8400.00 is within the budget 9000.00 already: no more discount needed",
        ]
    );
}

#[test]
fn a_ramp_raises_seat_type_prices_and_charges_the_onboarding_fee_once() {
    let t = Test::new();
    let request = t.file(
        "ramp.toml",
        "edition = \"professional\"\nseats = 5\nbilling = \"annual\"\nquote_date = \"2026-03-02\"\n\
         other_seats = { core = 10, view_only = 20 }\n[ramp]\nuplift_percent = 10\n\
         [[ramp.periods]]\nseats = 5\n[[ramp.periods]]\nseats = 5\n",
    );
    let out = t
        .args(&[
            "quote",
            "examples/hubspot.rate",
            "-r",
            request.to_str().unwrap(),
        ])
        .args(&["-f", "json"])
        .run()
        .status(0);
    let q = out.json();
    let year2: Vec<[String; 6]> = lines(&q["schedule"]["segments"][1]);
    let amounts: Vec<(&str, &str, &str)> = (year2.iter())
        .map(|[id, _, _, unit, amount, _]| (id.as_str(), unit.as_str(), amount.as_str()))
        .collect();
    // Year 2: every price 10% up, the seat types' too; the onboarding fee is not charged again.
    assert_eq!(
        amounts,
        [
            ("seats", "99.00", "495.00"),
            ("seat.core", "55.00", "550.00"),
            ("seat.view_only", "0.00", "0.00"),
        ]
    );
    // 950.00 x 12 + 1,500.00 + 1,045.00 x 12.
    assert_eq!(q["totals"]["term_total"], "25440.00");
}
