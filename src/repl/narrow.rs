//! Tests that the REPL's answers fit an 80-column terminal without a word cut in two:
//! the quote table (its How column wrapped, or moved under each line when narrow) and the
//! prose of `help`, `plan`, `fit` and `breakeven` for every example plan.

use super::Session;
use crate::render::wrap::columns;

fn session(plan: &str) -> Session {
    match Session::new(Some(plan.into()), false) {
        Ok((s, _)) => s,
        Err(e) => panic!("{plan} loads: {e}"),
    }
}

fn acme_quote(width: Option<usize>) -> String {
    let mut s = super::session::builtin_session();
    for line in ["set edition advanced", "set seats 45", "set storage 800"] {
        s.handle(line);
    }
    s.set_width(width);
    s.handle("quote").render(false)
}

#[test]
fn at_80_columns_the_how_column_moves_under_each_line() {
    assert_eq!(
        acme_quote(Some(80)),
        r#"Plan acme 2026.1, amounts in CNY
┌───────────────────────┬─────┬───────────────────────┬─────────┬─────────┐
│ Line                  │ Qty │            Unit price │ Billed  │  Amount │
├───────────────────────┼─────┼───────────────────────┼─────────┼─────────┤
│ Advanced seats small  │   9 │   200.00 per seat per │ 1 month │ 1800.00 │
│ (1..9)                │     │                 month │         │         │
│   9 of 45 seats in 1..9 at 200.00                                       │
│ Advanced seats medium │  36 │   180.00 per seat per │ 1 month │ 6480.00 │
│ (10..100)             │     │                 month │         │         │
│   36 of 45 seats in 10..100 at 180.00                                   │
│ Storage overage       │ 350 │ 0.50 per GB per month │ 1 month │  175.00 │
│   800 GB used - 450 GB included = 350 GB; 35 blocks of 10 GB; 350 GB x  │
│   0.50                                                                  │
└───────────────────────┴─────┴───────────────────────┴─────────┴─────────┘
 Invoices                       Before tax    Tax 6%    With tax
   Invoices 1-12, monthly          8455.00    507.30     8962.30   each
 Totals
   First invoice (1 month)         8455.00    507.30     8962.30
   Contract total (12 months)    101460.00   6087.60   107547.60
   Monthly recurring (MRR)         8455.00
   Annual recurring (ARR)        101460.00
   One-time                           0.00
"#
    );
}

#[test]
fn at_a_wide_terminal_the_how_column_stays_a_column() {
    assert_eq!(
        acme_quote(Some(200)),
        r#"Plan acme 2026.1, amounts in CNY
┌─────────────────────────────────┬─────┬───────────────────────────┬─────────┬─────────┬───────────────────────────────────────────────────────────────────────────┐
│ Line                            │ Qty │                Unit price │ Billed  │  Amount │ How                                                                       │
├─────────────────────────────────┼─────┼───────────────────────────┼─────────┼─────────┼───────────────────────────────────────────────────────────────────────────┤
│ Advanced seats small (1..9)     │   9 │ 200.00 per seat per month │ 1 month │ 1800.00 │ 9 of 45 seats in 1..9 at 200.00                                           │
│ Advanced seats medium (10..100) │  36 │ 180.00 per seat per month │ 1 month │ 6480.00 │ 36 of 45 seats in 10..100 at 180.00                                       │
│ Storage overage                 │ 350 │     0.50 per GB per month │ 1 month │  175.00 │ 800 GB used - 450 GB included = 350 GB; 35 blocks of 10 GB; 350 GB x 0.50 │
└─────────────────────────────────┴─────┴───────────────────────────┴─────────┴─────────┴───────────────────────────────────────────────────────────────────────────┘
 Invoices                       Before tax    Tax 6%    With tax
   Invoices 1-12, monthly          8455.00    507.30     8962.30   each
 Totals
   First invoice (1 month)         8455.00    507.30     8962.30
   Contract total (12 months)    101460.00   6087.60   107547.60
   Monthly recurring (MRR)         8455.00
   Annual recurring (ARR)        101460.00
   One-time                           0.00
"#
    );
}

#[test]
fn a_how_column_with_room_wraps_at_words() {
    assert_eq!(
        acme_quote(Some(130)),
        r#"Plan acme 2026.1, amounts in CNY
┌─────────────────────────────────┬─────┬───────────────────────────┬─────────┬─────────┬───────────────────────────────────────┐
│ Line                            │ Qty │                Unit price │ Billed  │  Amount │ How                                   │
├─────────────────────────────────┼─────┼───────────────────────────┼─────────┼─────────┼───────────────────────────────────────┤
│ Advanced seats small (1..9)     │   9 │ 200.00 per seat per month │ 1 month │ 1800.00 │ 9 of 45 seats in 1..9 at 200.00       │
│ Advanced seats medium (10..100) │  36 │ 180.00 per seat per month │ 1 month │ 6480.00 │ 36 of 45 seats in 10..100 at 180.00   │
│ Storage overage                 │ 350 │     0.50 per GB per month │ 1 month │  175.00 │ 800 GB used - 450 GB included = 350   │
│                                 │     │                           │         │         │ GB; 35 blocks of 10 GB; 350 GB x 0.50 │
└─────────────────────────────────┴─────┴───────────────────────────┴─────────┴─────────┴───────────────────────────────────────┘
 Invoices                       Before tax    Tax 6%    With tax
   Invoices 1-12, monthly          8455.00    507.30     8962.30   each
 Totals
   First invoice (1 month)         8455.00    507.30     8962.30
   Contract total (12 months)    101460.00   6087.60   107547.60
   Monthly recurring (MRR)         8455.00
   Annual recurring (ARR)        101460.00
   One-time                           0.00
"#
    );
}

/// Every example plan's `help`, `plan`, `fit` and `breakeven`, as the REPL answers them
/// with no width and at `width` columns.
fn prose(width: usize) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut plans: Vec<_> = std::fs::read_dir("examples")
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    plans.retain(|p| p.extension().is_some_and(|e| e == "rate"));
    plans.sort();
    assert!(plans.len() >= 10, "{plans:?}");
    for path in plans {
        let mut s = session(&path.to_string_lossy());
        let Some(plan) = s.plan() else {
            panic!("{} has errors", path.display())
        };
        let first = plan.editions.first().map(|e| e.id.to_string());
        let last = plan.editions.last().map(|e| e.id.to_string());
        let (first, last) = (first.unwrap_or_default(), last.unwrap_or_default());
        s.handle(&format!("set edition {first}"));
        s.handle("set seats 5");
        for cmd in [
            "help".to_string(),
            "plan".into(),
            "fit 5000 by seats".into(),
            "fit 1000 by discount".into(),
            format!("breakeven {first} {last}"),
            "breakeven monthly annual".into(),
        ] {
            s.set_width(None);
            let wide = s.handle(&cmd).render(false);
            s.set_width(Some(width));
            let narrow = s.handle(&cmd).render(false);
            out.push((format!("{}: {cmd}", path.display()), wide, narrow));
        }
    }
    out
}

#[test]
fn help_plan_fit_and_breakeven_fit_80_columns_without_cutting_a_word() {
    let all = prose(80);
    let answered = all
        .iter()
        .filter(|(_, w, _)| !w.starts_with("error: "))
        .count();
    assert!(
        answered * 10 >= all.len() * 9,
        "{answered} of {}",
        all.len()
    );
    for (what, wide, narrow) in all {
        // An error is one line, whatever it holds (`Output::error`).
        for line in narrow.lines().filter(|l| !l.starts_with("error: ")) {
            assert!(
                columns(line) <= 80,
                "{what}: {} columns\n{line}",
                columns(line)
            );
            assert!(!line.ends_with(' '), "{what}: trailing space\n{line:?}");
        }
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(&narrow), words(&wide), "{what}\n{narrow}");
    }
}

#[test]
fn a_try_table_narrows_its_widest_columns_at_words() {
    let mut s = session("examples/zoho.rate");
    for line in [
        "set edition enterprise",
        "set seats 450",
        "add module analytics",
    ] {
        s.handle(line);
    }
    s.set_width(Some(60));
    // `Monthly recurring` and `First invoice` wrap between their words, not inside one.
    assert_eq!(
        s.handle("try seats 10 50 100").render(false),
        r#"Plan Zoho-style CRM 2026.1, amounts in USD; per seat = monthly recurring / seats
┌───────┬──────┬───────────┬─────────┬──────────┬──────────┐
│ seats │ Band │ Monthly   │ First   │    Term  │ Per seat │
│       │      │ recurring │ invoice │    total │          │
├───────┼──────┼───────────┼─────────┼──────────┼──────────┤
│ 10    │      │    800.00 │  800.00 │  9600.00 │    80.00 │
│ 50    │      │   2800.00 │ 2800.00 │ 33600.00 │    56.00 │
│ 100   │      │   5300.00 │ 5300.00 │ 63600.00 │    53.00 │
└───────┴──────┴───────────┴─────────┴──────────┴──────────┘
"#
    );
}
