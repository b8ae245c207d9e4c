//! Services priced by the work they take (issue 11, item 5):
//! `(base + quantity x rate) x complexity`, through the library and the real binary.

mod common;

use common::books::{lines, plan, price, reject, triples};
use common::Test;

const EDITION: &str = "edition basic { 10.00 per seat }";

fn integration() -> ratecard::model::Plan {
    plan(&format!(
        "{EDITION}
         service integration \"System integration\" {{
           target erp \"ERP\" at 8_000.00
           target finance \"Finance\" at 5_000.00
           1_200.00 per day
           complexity low 1.0, medium 1.25, high 1.5
         }}"
    ))
}

#[test]
fn erp_integration_of_ten_days_at_high_complexity_is_30000() {
    let q = price(
        &integration(),
        r#"edition = "basic"
           seats = 1
           services = [{ kind = "integration", target = "erp", complexity = "high", quantity = 10 }]"#,
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "service.integration.erp",
            "30000.00",
            "(8000.00 + 10 days x 1200.00) x 1.5 (high complexity)"
        )])
    );
    assert_eq!(q.fmt(q.totals.one_time), "30000.00");
}

#[test]
fn a_fractional_workload_is_priced_exactly_and_rounded_once() {
    let q = price(
        &integration(),
        r#"edition = "basic"
           seats = 1
           services = [{ kind = "integration", target = "finance", complexity = "medium", quantity = 2.5 }]"#,
    );
    // (5,000.00 + 2.5 x 1,200.00) x 1.25 = 8,000.00 x 1.25 = 10,000.00
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "service.integration.finance",
            "10000.00",
            "(5000.00 + 2.5 days x 1200.00) x 1.25 (medium complexity)"
        )])
    );
}

#[test]
fn a_workload_service_without_its_days_is_refused_with_the_way_out() {
    let msg = reject(
        &integration(),
        r#"edition = "basic"
           seats = 1
           services = [{ kind = "integration", target = "erp", complexity = "high" }]"#,
    );
    assert_eq!(
        msg,
        "service `integration` without a number of days is not accepted: it is priced per day of work: give one, e.g. integration:erp:high:10"
    );
}

#[test]
fn targets_without_a_workload_rate_price_as_before() {
    let p = plan(&format!(
        "{EDITION}
         service integration {{ target erp at 8_000.00; complexity high 1.5 }}"
    ));
    let q = price(
        &p,
        r#"edition = "basic"
           seats = 1
           services = [{ kind = "integration", target = "erp", complexity = "high", quantity = 2 }]"#,
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[(
            "service.integration.erp",
            "24000.00",
            "8000.00 x 1.5 (high complexity) x 2"
        )])
    );
}

#[test]
fn the_flag_names_target_complexity_and_days() {
    let t = Test::new();
    let plan = t.file(
        "svc.rate",
        &format!(
            "plan \"svc\" {{ version \"1\" currency USD tax 0%\n{EDITION}\nservice integration {{ target erp \"ERP\" at 8000.00; 1200.00 per day; complexity high 1.5 }} }}\n"
        ),
    );
    let out = t
        .args(&[
            "quote",
            plan.to_str().unwrap(),
            "--edition",
            "basic",
            "--seats",
            "1",
            "--service",
            "integration:erp:high:10",
            "--format",
            "json",
        ])
        .run()
        .status(0)
        .json();
    let line = &out["lines"][1];
    assert_eq!(line["id"], "service.integration.erp");
    assert_eq!(line["amount"], "30000.00");
    assert_eq!(line["quantity"], "10");
    assert_eq!(line["unit_price"], "1200.00");
    assert_eq!(out["totals"]["one_time"], "30000.00");
}

const SUPPORT: &str = "edition basic { 10.00 per seat }
  support onsite \"Onsite support\" {
    channels phone, onsite
    500.00 flat
    includes 4 visits per year, then 900.00 per visit
  }
  support email \"Email support\" { 0.00 flat }";

#[test]
fn visits_beyond_a_tiers_yearly_allowance_are_charged_for_every_contract_year() {
    let p = plan(SUPPORT);
    // 6 visits a year, 4 included: 2 extra a year over a 24-month term = 4 x 900.00.
    let q = price(
        &p,
        "edition = \"basic\"\nseats = 1\nsupport = \"onsite\"\nsupport_units = 6\nterm_months = 24",
    );
    assert_eq!(
        lines(&q)[1..],
        triples(&[
            ("support.onsite", "500.00", "flat monthly fee"),
            (
                "support.onsite.extra",
                "3600.00",
                "(6 visits a year - 4 included) x 2 years x 900.00"
            ),
        ])
    );
    assert_eq!(q.fmt(q.totals.one_time), "3600.00");
    // Within the allowance: no line.
    let q = price(
        &p,
        "edition = \"basic\"\nseats = 1\nsupport = \"onsite\"\nsupport_units = 4",
    );
    assert_eq!(lines(&q).len(), 2);
    // The fifth visit of a 12-month term is charged once.
    let q = price(
        &p,
        "edition = \"basic\"\nseats = 1\nsupport = \"onsite\"\nsupport_units = 5",
    );
    assert_eq!(q.fmt(q.totals.one_time), "900.00");
}

#[test]
fn support_units_for_a_tier_without_an_allowance_are_refused() {
    assert_eq!(
        reject(
            &plan(SUPPORT),
            "edition = \"basic\"\nseats = 1\nsupport = \"email\"\nsupport_units = 3"
        ),
        "support_units 3 is not accepted: only support tier `onsite` counts units of service"
    );
}
