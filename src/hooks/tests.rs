//! Unit tests: exact decimals in scripts, rounding, the sandbox's limits, and the draft-quote rules.

use super::state::{slug, NewLine, Off, State};
use super::view::RequestData;
use super::*;
use crate::quote::{Category, Explain, LineKind};
use rhai::Dynamic;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn eval(script: &str) -> Dynamic {
    let engine = sandboxed_engine();
    match engine.eval::<Dynamic>(script) {
        Ok(v) => v,
        Err(e) => panic!("{script}: {e}"),
    }
}

fn decimal(script: &str) -> Decimal {
    match eval(script).as_decimal() {
        Ok(d) => d,
        Err(t) => panic!("{script} gave a {t}, not a decimal"),
    }
}

#[test]
fn decimal_literals_are_exact() {
    assert!(eval("0.1 + 0.2 == 0.3").as_bool().unwrap_or(false));
    assert_eq!(decimal("0.1 + 0.2"), dec!(0.3));
    assert_eq!(eval("type_of(0.08)").to_string(), "decimal");
    assert_eq!(decimal("45 * 30.00"), dec!(1350.00));
    assert_eq!(decimal("13945.20 * 0.15"), dec!(2091.7800));
    assert_eq!(decimal("1 + 0.5"), dec!(1.5));
}

#[test]
fn round_half_up_rounds_half_away_from_zero() {
    assert_eq!(decimal("round_half_up(2.345, 2)"), dec!(2.35));
    assert_eq!(decimal("2.345.round_half_up(2)"), dec!(2.35));
    assert_eq!(decimal("round_half_up(-0.125, 2)"), dec!(-0.13));
    assert_eq!(decimal("round_half_up(2.5)"), dec!(3));
    assert_eq!(decimal("round_half_up(3.5)"), dec!(4));
    assert_eq!(decimal("round_half_up(-2.5)"), dec!(-3));
    assert_eq!(decimal("round_half_up(7)"), dec!(7));
    // Rhai's own `round` is banker's rounding: the trap the contract's helper avoids.
    assert_eq!(decimal("round(2.345, 2)"), dec!(2.34));
    assert_eq!(decimal("round(2.5)"), dec!(2));
}

#[test]
fn round_half_up_refuses_negative_digits() {
    let err = sandboxed_engine()
        .eval::<Dynamic>("round_half_up(1.5, -1)")
        .err()
        .map(|e| describe(&e));
    assert_eq!(
        err.as_deref(),
        Some("failed: round_half_up needs 0 or more digits, not -1")
    );
}

#[test]
fn print_and_debug_are_captured_not_printed() {
    let engine = sandboxed_engine();
    let (result, printed) = guarded(|| engine.run("print(\"hello\");\ndebug(\"there\");"));
    assert!(result.is_ok());
    assert_eq!(
        printed.lines,
        vec![
            PrintedLine {
                text: "hello".into(),
                debug_at: None
            },
            PrintedLine {
                text: "\"there\"".into(),
                debug_at: Some((2, 1))
            },
        ]
    );
}

#[test]
fn printing_in_a_loop_keeps_the_first_lines_and_counts_the_rest() {
    let engine = sandboxed_engine();
    let (_, printed) = guarded(|| engine.run("for i in 0..25 { print(i); }"));
    assert_eq!(printed.lines.len(), limits::PRINTED_LINES);
    assert_eq!(printed.dropped, 25 - limits::PRINTED_LINES);
}

#[test]
fn limits_stop_runaway_scripts_with_their_own_message() {
    let engine = sandboxed_engine();
    let message = |script: &str| {
        let (r, _) = guarded(|| engine.run(script));
        r.err().map(|e| describe(&e)).unwrap_or_default()
    };
    assert_eq!(
        message("loop {}"),
        "exceeded its operation limit of 100000 operations (a loop that never ends?)"
    );
    assert_eq!(
        message("fn f(x) { f(x + 1) } f(1)"),
        "exceeded its limit of 16 nested function calls (a recursion that never ends?)"
    );
    assert_eq!(
        message("let s = \"ab\"; loop { s += s; }"),
        "exceeded its string size limit of 16384 bytes"
    );
    assert_eq!(
        message("let a = [1]; loop { a += a; }"),
        "exceeded its array size limit of 10000 items"
    );
}

#[test]
fn the_wall_clock_stops_a_run_that_is_within_its_operations() {
    let engine = sandboxed_engine();
    let (r, _) = guarded_for(std::time::Duration::ZERO, || engine.run("loop {}"));
    let message = r.err().map(|e| describe(&e)).unwrap_or_default();
    assert_eq!(message, "exceeded its time limit of 50 ms");
}

#[test]
fn disabled_and_undeclared_names_are_compile_errors() {
    let engine = sandboxed_engine();
    let compile = |s: &str| {
        engine
            .compile(s)
            .err()
            .map(|e| errors::compile(&e.0))
            .unwrap_or_default()
    };
    assert_eq!(
        compile("eval(\"1\")"),
        "`eval` is disabled in hooks: write the expression itself"
    );
    assert_eq!(
        compile("import \"x\" as y;"),
        "`import` is disabled in hooks: a hook is one self-contained file"
    );
    assert_eq!(
        compile("fn f() { totl + 1 }"),
        "undefined variable `totl`: a hook sees `request`, `quote` and the variables it declares with `let`"
    );
}

#[test]
fn type_errors_are_said_in_plain_words() {
    let engine = sandboxed_engine();
    let message = |s: &str| {
        engine
            .eval::<Dynamic>(s)
            .err()
            .map(|e| describe(&e))
            .unwrap_or_default()
    };
    assert_eq!(
        message("1.5 * \"2\""),
        "failed: cannot apply `*` to decimal and text"
    );
    assert_eq!(
        message("let x = 1; x.discount(2)"),
        "failed: there is no function `discount` taking (integer, integer)"
    );
}

#[test]
fn the_entry_function_is_found_for_error_positions() {
    assert_eq!(
        entry_position("// x\nfn price(request, quote) {\n}"),
        (2, 4)
    );
    assert_eq!(entry_position("  fn  price (r, q) {}"), (1, 7));
    assert_eq!(
        entry_position("fn pricey(r, q) {}\nfn price(r, q) {}"),
        (2, 4)
    );
    assert_eq!(entry_position("fn other() {}"), (1, 1));
    assert_eq!(
        entry_position("// fn price(r, q)\nfn pricing(r, q) {}"),
        (1, 1)
    );
}

#[test]
fn slugs_make_line_ids() {
    assert_eq!(slug("Education discount"), "education_discount");
    assert_eq!(
        slug("  Project-management fee (8%) "),
        "project_management_fee_8"
    );
    assert_eq!(slug("教育折扣"), "教育折扣");
    assert_eq!(slug("!!"), "line");
}

fn line(id: &str, kind: LineKind, category: Category, amount: Decimal) -> Line {
    Line {
        id: Text::from(id),
        label: Text::from(id),
        kind,
        category,
        quantity: None,
        unit_price: None,
        amount,
        yearly: None,
        explain: Explain::Flat,
    }
}

fn state() -> State {
    State {
        script: Text::from("rules/t.rhai"),
        stem: Text::from("t"),
        currency: Text::from("CNY"),
        digits: 2,
        lines: vec![
            line("seats", LineKind::Recurring, Category::Seats, dec!(1000.00)),
            line(
                "module.a",
                LineKind::Recurring,
                Category::Module,
                dec!(333.33),
            ),
            line(
                "support.p",
                LineKind::Recurring,
                Category::Support,
                dec!(500.00),
            ),
            line(
                "service.x",
                LineKind::OneTime,
                Category::Service,
                dec!(100.00),
            ),
            line(
                "discount.d",
                LineKind::Recurring,
                Category::Discount,
                dec!(-183.33),
            ),
        ],
        notes: Vec::new(),
        reasons: Vec::new(),
        rejected: None,
        hook_discounts: Vec::new(),
        request: {
            let mut r = RequestData::default();
            r.cycle_months = 12;
            r.term_months = 12;
            r
        },
    }
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_percent_on_categories_is_taken_of_their_list_and_compounds_on_the_same_target() {
    let mut s = state();
    let t = words(&["seats", "module"]);
    // 20% of 1333.33 = 266.666 -> 266.67
    assert_eq!(
        s.discount(&t, Off::Percent(dec!(20)), "Edu"),
        Ok(dec!(266.67))
    );
    // 10% of (1333.33 - 266.67) = 106.666 -> 106.67
    assert_eq!(
        s.discount(&t, Off::Percent(dec!(10)), "Edu"),
        Ok(dec!(106.67))
    );
    let added: Vec<(&str, Decimal)> = s.lines[5..].iter().map(|l| (&*l.id, l.amount)).collect();
    assert_eq!(
        added,
        vec![
            ("hook.t.edu", dec!(-266.67)),
            ("hook.t.edu.2", dec!(-106.67))
        ]
    );
    assert_eq!(
        s.lines[5].explain.render(2),
        "20% of 1333.33 on module, seats (hook rules/t.rhai)"
    );
}

#[test]
fn a_percent_on_a_scope_is_taken_of_its_running_net() {
    let mut s = state();
    // recurring net: 1000 + 333.33 + 500 - 183.33 = 1650.00; 15% = 247.50
    assert_eq!(
        s.discount(&words(&["recurring"]), Off::Percent(dec!(15)), "More"),
        Ok(dec!(247.50))
    );
    // all: recurring 1402.50 x 10% = 140.25, one-time 100 x 10% = 10.00
    assert_eq!(
        s.discount(&words(&["all"]), Off::Percent(dec!(10)), "All"),
        Ok(dec!(150.25))
    );
    let ids: Vec<&str> = s.lines[6..].iter().map(|l| &*l.id).collect();
    assert_eq!(ids, vec!["hook.t.all.recurring", "hook.t.all.one_time"]);
}

#[test]
fn a_fixed_amount_is_capped_and_needs_one_kind() {
    let mut s = state();
    assert_eq!(
        s.discount(&words(&["service.x"]), Off::Amount(dec!(250)), "Waiver"),
        Ok(dec!(100.00))
    );
    assert_eq!(
        s.lines[5].explain.render(2),
        "250.00 off, capped at the net 100.00 on service.x (hook rules/t.rhai)"
    );
    assert_eq!(
        s.discount(&words(&["all"]), Off::Amount(dec!(5)), "X"),
        Err("a fixed discount needs a target of one kind, recurring (per month) or one_time; `all` has both".into())
    );
    assert_eq!(
        s.discount(&words(&["seatz"]), Off::Percent(dec!(5)), "X"),
        Err("no discount target `seatz`: use recurring, one_time, all, a category (seats, module, storage, backup, support, service, discount) or a line id on this quote (seats, module.a, support.p, service.x, discount.d, hook.t.waiver)".into())
    );
    assert_eq!(
        s.discount(&words(&["seats"]), Off::Percent(dec!(120)), "X"),
        Err("a percent discount must be between 0 and 100, not 120".into())
    );
}

#[test]
fn added_lines_are_rounded_half_away_from_zero_with_a_default_category() {
    let mut s = state();
    let fee = NewLine {
        label: "Project management".into(),
        kind: Some(LineKind::OneTime),
        amount: Some(dec!(2400.005)),
        ..NewLine::default()
    };
    assert_eq!(s.add_line(fee).as_deref(), Ok("hook.t.project_management"));
    let credit = NewLine {
        label: "Goodwill".into(),
        kind: Some(LineKind::Recurring),
        amount: Some(dec!(-10.125)),
        explanation: Some("agreed with the customer".into()),
        ..NewLine::default()
    };
    assert_eq!(s.add_line(credit).as_deref(), Ok("hook.t.goodwill"));
    let priced = NewLine {
        label: "Extra sandbox".into(),
        kind: Some(LineKind::Recurring),
        quantity: Some(dec!(3)),
        unit_price: Some(dec!(0.015)),
        ..NewLine::default()
    };
    assert!(s.add_line(priced).is_ok());
    let got: Vec<(Decimal, Category, String)> = s.lines[5..]
        .iter()
        .map(|l| (l.amount, l.category, l.explain.render(2)))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                dec!(2400.01),
                Category::Service,
                "set by the script (hook rules/t.rhai)".to_string()
            ),
            (
                dec!(-10.13),
                Category::Discount,
                "agreed with the customer (hook rules/t.rhai)".to_string()
            ),
            (
                dec!(0.05),
                Category::Module,
                "set by the script (hook rules/t.rhai)".to_string()
            ),
        ]
    );
}

#[test]
fn add_line_refuses_what_it_cannot_price() {
    let mut s = state();
    let no_kind = NewLine {
        label: "Fee".into(),
        amount: Some(dec!(1)),
        ..NewLine::default()
    };
    assert_eq!(
        s.add_line(no_kind),
        Err("add_line needs a kind: \"recurring\" or \"one_time\"".into())
    );
    let disagree = NewLine {
        label: "Fee".into(),
        kind: Some(LineKind::OneTime),
        amount: Some(dec!(10)),
        quantity: Some(dec!(2)),
        unit_price: Some(dec!(4)),
        ..NewLine::default()
    };
    assert_eq!(
        s.add_line(disagree),
        Err("add_line was given amount 10 but quantity x unit_price is 8.00; give one or make them agree".into())
    );
    let taken = NewLine {
        label: "Fee".into(),
        kind: Some(LineKind::OneTime),
        amount: Some(dec!(1)),
        id: Some("seats".into()),
        ..NewLine::default()
    };
    assert_eq!(
        s.add_line(taken),
        Err("a line with id `seats` is already on the quote".into())
    );
}

#[test]
fn runaway_recursion_stops_before_a_small_thread_stack_does() {
    // Batch pricing runs on worker threads with 2 MiB stacks; the call-depth limit must
    // end recursion long before that, even in an unoptimised build.
    let worker = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let engine = sandboxed_engine();
            let deep = "fn f(x) { if x > 0 { f(x + 1) + [x].len() * (x - (x + (x * 1))) } else { 0 } } f(1)";
            engine.run(deep).err().map(|e| describe(&e))
        });
    let message = worker.ok().and_then(|w| w.join().ok()).flatten();
    assert_eq!(
        message.as_deref(),
        Some("exceeded its limit of 16 nested function calls (a recursion that never ends?)")
    );
}

#[test]
fn deeply_nested_expressions_are_a_compile_error_not_a_crash() {
    let nested = format!(
        "fn price(request, quote) {{ {}1{} }}",
        "(".repeat(200),
        ")".repeat(200)
    );
    let engine = sandboxed_engine();
    let err = engine.compile(&nested).err().map(|e| errors::compile(&e.0));
    assert_eq!(
        err.as_deref(),
        Some("expressions are nested too deeply (more than 32 levels in a function)")
    );
}
