//! Small inline plans priced through the library: a plan body in, lines and totals out.

use ratecard::check::check_source;
use ratecard::diagnostic::SourceFile;
use ratecard::eval::quote;
use ratecard::model::Plan;
use ratecard::quote::Quote;
use ratecard::request::Request;

/// Checks a plan made of `body` (USD, 10% tax), panicking with its errors.
pub fn plan(body: &str) -> Plan {
    let src = format!("plan \"t\" {{ version \"1\" currency USD tax 10%\n{body}\n}}");
    let checked = check_source(SourceFile::new("t.rate", src), None);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    checked
        .plan
        .unwrap_or_else(|| panic!("plan has errors: {errors:?}"))
}

/// Prices a TOML request, panicking on a rejection.
pub fn price(plan: &Plan, request: &str) -> Quote {
    let r: Request = toml::from_str(request).expect("request");
    quote(plan, &r).unwrap_or_else(|e| panic!("rejected: {e}"))
}

/// The rejection of a TOML request, panicking if it prices.
pub fn reject(plan: &Plan, request: &str) -> String {
    let r: Request = toml::from_str(request).expect("request");
    match quote(plan, &r) {
        Ok(q) => panic!("should be rejected, got {:?}", q.totals),
        Err(e) => e.to_string(),
    }
}

/// (id, amount, explanation) of every line.
pub fn lines(q: &Quote) -> Vec<(String, String, String)> {
    q.lines
        .iter()
        .map(|l| {
            (
                l.id.to_string(),
                q.fmt(l.amount),
                l.explain.render(q.plan.minor_digits),
            )
        })
        .collect()
}

/// Owned triples, to compare with `lines`.
pub fn triples(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

/// Every diagnostic of a plan made of `body`, as `line: message`.
pub fn diagnostics(body: &str) -> Vec<String> {
    let src = format!("plan \"t\" {{ version \"1\" currency USD tax 10%\n{body}\n}}");
    let checked = check_source(SourceFile::new("t.rate", src.clone()), None);
    checked
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.span.line_col(&src).0, d.kind))
        .collect()
}
