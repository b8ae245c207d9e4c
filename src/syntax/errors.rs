//! Syntax errors in the words of someone writing a price list: grammar rules renamed,
//! expected punctuation named, and one error for every broken top-level item.

use super::parser::{Grammar, Rule};
use crate::diagnostic::{Diagnostic, Kind};
use crate::span::Span;
use pest::Parser as _;

/// Every syntax error of a file that does not parse.
///
/// The file is parsed again with pest's detailed attempts, which name expected
/// punctuation; only failing files pay for the bookkeeping. The switch is process-wide,
/// so detailed parses take turns: one thread turning it off must not strip the detail
/// from another's parse.
pub(super) fn syntax_errors(src: &str) -> Vec<Diagnostic> {
    with_detail(|| every_error(src))
}

/// Runs `f` with pest's detailed attempts on. The switch is process-wide, so detailed
/// parses take turns: one thread turning it off must not strip the detail from another's.
fn with_detail<T>(f: impl FnOnce() -> T) -> T {
    static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = DETAIL.lock().unwrap_or_else(|e| e.into_inner());
    pest::set_error_detail(true);
    let out = f();
    pest::set_error_detail(false);
    drop(turn);
    out
}

/// The syntax errors of the items at `items` (byte ranges of `src`), each parsed on its own
/// as [`syntax_errors`] parses every item of a broken file: for a file whose other items
/// are known to parse and whose outline is sound (see `split.rs`), they are all its errors.
pub(super) fn items_errors(src: &str, items: &[(usize, usize)]) -> Vec<Diagnostic> {
    let mut errors: Vec<Diagnostic> = Vec::new();
    with_detail(|| {
        for &(start, end) in items {
            for d in item_errors(src, start, end) {
                if errors.iter().all(|x| x.span.start != d.span.start) {
                    errors.push(d);
                }
            }
        }
    });
    errors.sort_by_key(|d| d.span.start);
    errors
}

/// True for the rules that match one keyword.
pub(super) fn is_keyword(rule: Rule) -> bool {
    keyword(rule).is_some()
}

/// The literal word a keyword rule matches.
fn keyword(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        kw_plan => "plan",
        kw_version => "version",
        kw_currency => "currency",
        kw_tax => "tax",
        kw_effective => "effective",
        kw_minimum => "minimum",
        kw_term => "term",
        kw_purchase => "purchase",
        kw_years => "year",
        kw_fee => "fee",
        kw_with => "with",
        kw_prices => "prices",
        kw_then => "then",
        kw_charge => "charge",
        kw_maximum => "maximum",
        kw_commitment => "commitment",
        kw_months => "months",
        kw_storage => "storage",
        kw_included => "included",
        kw_overage => "overage",
        kw_per => "per",
        kw_gb => "GB",
        kw_in => "in",
        kw_blocks => "blocks",
        kw_of => "of",
        kw_edition => "edition",
        kw_includes => "includes",
        kw_seat => "seat",
        kw_type => "type",
        kw_account => "account",
        kw_to => "to",
        kw_users => "users",
        kw_seats => "seats",
        kw_pack => "pack",
        kw_flat => "flat",
        kw_volume => "volume",
        kw_graduated => "graduated",
        kw_at => "at",
        kw_module => "module",
        kw_addon => "addon",
        kw_locale => "locale",
        kw_label => "label",
        kw_description => "description",
        kw_vendor => "vendor",
        kw_logo => "logo",
        kw_addons => "addons",
        kw_usage => "usage",
        kw_unit => "unit",
        kw_divisible => "divisible",
        kw_first => "first",
        kw_free => "free",
        kw_round => "round",
        kw_up => "up",
        kw_down => "down",
        kw_nearest => "nearest",
        kw_stairstep => "stairstep",
        kw_requires => "requires",
        kw_excludes => "excludes",
        kw_backup => "backup",
        kw_support => "support",
        kw_channels => "channels",
        kw_recurring => "recurring",
        kw_min => "min",
        kw_max => "max",
        kw_service => "service",
        kw_target => "target",
        kw_complexity => "complexity",
        kw_discount => "discount",
        kw_coupon => "coupon",
        kw_off => "off",
        kw_one_time => "one_time",
        kw_all => "all",
        kw_when => "when",
        kw_and => "and",
        kw_or => "or",
        kw_not => "not",
        kw_modules => "modules",
        kw_editions => "editions",
        kw_lines => "lines",
        kw_services => "services",
        kw_hook => "hook",
        kw_deals => "deals",
        kw_floor => "floor",
        kw_price => "price",
        kw_below => "below",
        kw_above => "above",
        kw_list => "list",
        kw_approver => "approver",
        kw_prorate => "prorate",
        kw_by => "by",
        kw_days => "days",
        kw_renewal => "renewal",
        kw_uplift => "uplift",
        kw_quotes => "quotes",
        kw_valid => "valid",
        kw_billed => "billed",
        kw_monthly => "monthly",
        kw_quarterly => "quarterly",
        kw_annually => "annually",
        kw_semiannually => "semiannually",
        kw_country => "country",
        kw_on => "on",
        kw_bought => "bought",
        kw_once => "once",
        kw_metered => "metered",
        kw_daily => "daily",
        kw_a => "a",
        kw_the => "the",
        kw_greater => "greater",
        kw_most => "most",
        kw_waived => "waived",
        kw_net => "net",
        kw_surcharge => "surcharge",
        kw_exclusive => "exclusive",
        kw_best => "best",
        kw_withdrawn => "withdrawn",
        kw_billing => "billing",
        kw_is => "is",
        kw_month_to_month => "month-to-month",
        kw_sold => "sold",
        kw_application => "application",
        kw_exempt => "exempt",
        kw_default => "default",
        kw_reverse => "reverse",
        kw_every => "every",
        kw_cliff => "cliff",
        kw_ok => "ok",
        _ => return None,
    })
}

/// What a rule is, in the words of someone writing a price list.
fn describe(rule: Rule) -> String {
    use Rule::*;
    if let Some(word) = keyword(rule) {
        return format!("`{word}`");
    }
    match rule {
        EOI => "the end of the file",
        lone_item => "a plan item",
        file | plan => "a plan such as `plan \"Acme CRM\" { ... }`",
        plan_item => "a plan item",
        version => "`version \"2026.1\"`",
        currency => "`currency CNY`",
        tax => "`tax 6%`",
        tax_included => "`included`",
        effective => "`effective 2026-01-01`",
        locale => "`locale zh-CN`",
        label_alt => "`label zh \"标准版\"`",
        description => "`description \"For growing sales teams\"`",
        vendor => "`vendor \"Acme Inc.\" logo \"acme.svg\"`",
        date => "a date like 2026-01-01",
        min_term => "`minimum term 12 months`",
        commitment => "`minimum commitment 500.00 per month`",
        fee => "`fee onboarding \"Onboarding\" 3500.00`",
        price_list => "`prices EUR { ... }`",
        list_item => "an edition, module, add-on, usage, backup, support tier, service, discount or storage block",
        attach_price => "an attach price like `20.00 per seat with enterprise`",
        module_percent => "a percentage price like `20% of seats`",
        allowance => "`includes 4 visits per year, then 900.00 per visit`",
        seat_limit => "`minimum purchase 5 seats` or `maximum 500 seats`",
        storage_policy | storage_item => "a storage setting",
        storage_included => "`included 100 GB`",
        per_seat => "`per seat`",
        storage_overage => "`overage 0.50 per GB`",
        block => "`in blocks of 10 GB`",
        edition | edition_item => "an edition item",
        includes => "`includes module, ...`",
        edition_storage => "`storage 5 GB per seat`",
        price => "a price such as `30.00 per seat`, `1500.00 flat` or `seats volume { ... }`",
        flat_price => "`1500.00 flat`",
        per_seat_price => "`30.00 per seat`",
        pack_price => "`500.00 per pack of 10 seats`",
        tiered_price => "`seats volume { ... }`",
        tier_mode => "`volume` or `graduated`",
        band => "a band like `10..100 at 100.00`",
        band_name => "a band name",
        range => "a seat range like 10..100",
        band_fee => "`+ 500.00 flat`",
        cliff_ok => "`cliff ok`",
        module | module_item => "a module item",
        requires => "`requires module, ...`",
        addon | usage | qty_item => {
            "an add-on or usage line such as `150.00 per sandbox`, `includes 10000` or `maximum 10`"
        }
        qty_unit => "`unit GB divisible`",
        qty_divisible => "`divisible`",
        qty_included => "`includes 10000` or `includes 500 per seat`",
        qty_free => "`first 10 free`",
        qty_limit => "`minimum 2` or `maximum 10`",
        qty_charge => "a price such as `0.02 per email`, `100.00 per pack of 10` or `graduated { ... }`",
        qty_per_unit => "`150.00 per sandbox`",
        qty_pack => "`100.00 per pack of 1000 calls`",
        pack_rounding => "`, round up`, `, round down` or `, round nearest`",
        qty_tiers => "tiers like `graduated { 1..10 at 10.00; 11.. at 5.00 }`",
        qty_tier_mode => "`volume`, `graduated` or `stairstep`",
        qty_tier => "a tier like `1..10 at 10.00 + 2.00 flat`",
        tier_flat => "`flat`",
        qty_range => "a range like 1..10 or 0.5..2.5",
        qty_percent => "`1.5% of volume + 0.30 per transaction`",
        unit_word => "a unit such as `email` or `GB`",
        excludes => "`excludes module, ...`",
        backup | backup_price | backup_term | backup_line => {
            "a backup price like `300.00 flat + 0.02 per GB`"
        }
        per_gb_price => "`0.02 per GB`",
        per_month => "`per month`",
        per_year => "`per year`",
        yearly_price => "a yearly price such as `1188.00 per seat per year`",
        billed => "`billed annually`",
        cycle => "`monthly`, `quarterly`, `semiannually`, `annually` or `every 24 months`",
        every_months => "a cycle such as `every 24 months`",
        on_application => "`price on application`",
        qty_once => "`bought once`",
        qty_daily => "`metered daily, 30 days a month`",
        qty_block => "`in blocks of 1 GB`",
        seat_type | seat_type_item => {
            "a seat type line such as `50.00 per seat with professional` or `free`"
        }
        seat_free => "`free`",
        account_price => "an account price such as `159.00 per account, up to 100 users`",
        account_tier => "a tier such as `up to 250 users at 499.00`",
        account_bound => "`up to 100 users`",
        allowance_sum => "an allowance such as `50000 + 250 per seat`",
        allowance_term => "an allowance such as `250 per seat`",
        greater_of => "`the greater of 1 GB and 0.02 GB per seat`",
        allowance_cap => "`at most 100000`",
        tier_block => "a block size such as `per 1000`",
        fee_waiver => "`waived when ...`",
        support_included => "`included with EDITION`",
        support_net => "`net`",
        surcharge => "a surcharge such as `surcharge m2m { 20% on recurring when term_months < 12 }`",
        percent_on => "a percentage added, such as `20% on recurring`",
        amount_on => "an amount added, such as `50.00 on one_time`",
        stacking => "`exclusive` or `best of GROUP`",
        withdrawn => "`withdrawn 2025-09-09`",
        month_to_month => "`monthly billing is month-to-month`",
        not_sold => "`not sold NAME, ...`",
        tax_table => "a tax table such as `tax by country { DE 19% }`",
        tax_region => "a region and its rate, such as `DE 19%` or `US-OR exempt`",
        tax_default => "`default 0%`",
        reverse_charge => "`reverse charge in EU`",
        region => "a country or region code such as `DE` or `US-TX`",
        support | support_item => "a support item",
        support_price => "a support price such as `20% of recurring` or `3.00 per seat`",
        channels => "`channels phone, email`",
        percent_price => "`20% of recurring`",
        minimum => "`min 1500.00`",
        maximum => "`max 9000.00`",
        service | service_item => "a service item",
        target => "`target erp \"ERP\" at 20000.00`",
        complexity => "`complexity low 1.0, high 1.5`",
        factor => "a complexity like `high 1.5`",
        unit_price => "a unit price like `3000.00 per session`",
        discount | coupon | discount_body => "a discount like `15% off recurring`",
        percent_off => "`15% off recurring`",
        amount_off => "`500.00 off one_time`",
        scope | scope_part | scope_category => {
            "what it takes off: `recurring`, `one_time`, `all`, `seats`, `modules ...`, `support` ..."
        }
        scope_named | scope_names => "names such as `modules analytics, canvas`",
        line_name => "a name or a line id like `support.premium`",
        condition => "`when ...`",
        cond_any | cond_all => "a condition like `seats >= 200`",
        cond_not => "`not edition = basic`",
        cond_group => "a condition in parentheses",
        cond_in => "`edition in [pro, enterprise]`",
        cond_has => "`includes analytics`",
        comparison => "a comparison like `seats >= 200`",
        field => "a request field such as `seats`",
        operator => "a comparison operator (=, !=, <, <=, >, >=)",
        deal_terms | deal_item => "a deal rule such as `prorate by day` or `floor \"...\" { ... }`",
        floor => "`floor \"No seat price below 80% of list\" { price below 80% of list }`",
        floor_rule | price_floor | discount_floor => {
            "`price below 80% of list` or `discount above 25%`"
        }
        approver => "`approver \"Sales director\"`",
        proration => "`prorate by month` or `prorate by day`",
        renewal_cap => "`renewal uplift max 7%`",
        validity => "`quotes valid 30 days`",
        value => "a value (a number, a word or a quoted text)",
        hook => "`hook \"rules/file.rhai\"`",
        ident_list | ident => "a name",
        string | string_inner => "a quoted label like \"Basic\"",
        amount => "an amount like 19.99",
        number => "a number like 1.5",
        integer => "a whole number like 12",
        percent => "a percentage like 6%",
        _ => "something else",
    }
    .to_string()
}

/// Every error of a file that does not parse: those of each top-level item parsed on its
/// own, so that one slip is reported once, in the item it is in, and never in the items
/// after it (which may be perfectly fine). The error of the whole file is kept only when no
/// item explains it: a broken `plan "Name" {` line, or text after the plan's `}`.
fn every_error(src: &str) -> Vec<Diagnostic> {
    let whole = match Grammar::parse(Rule::file, src) {
        Err(e) => syntax_error(&e, src, 0, None).0,
        Ok(_) => return Vec::new(),
    };
    let Some(layout) = super::recover::layout(src) else {
        return vec![whole];
    };
    let mut errors: Vec<Diagnostic> = Vec::new();
    for &(start, end) in &layout.items {
        for d in item_errors(src, start, end) {
            if errors.iter().all(|x| x.span.start != d.span.start) {
                errors.push(d);
            }
        }
    }
    // A plan left open is one error, unless an item already ends the file early (a file
    // cut off mid-item): that error says it.
    let cut_off = errors.iter().any(|d| d.span.start >= src.trim_end().len());
    if !layout.closed && !cut_off {
        errors.push(unclosed_at(src, layout.open, None));
    }
    let first = layout.items.first().map_or(src.len(), |i| i.0);
    let last = layout.items.last().map_or(0, |i| i.1);
    let at_end =
        matches!(&whole.kind, Kind::Syntax { found, .. } if found == "the end of the file");
    // With braces that do not balance, the whole file's error is only where the count
    // went wrong, which the items already say better.
    let outside =
        whole.span.start < first || (layout.balanced && whole.span.start > last && !at_end);
    if errors.is_empty() || (outside && errors.iter().all(|x| x.span.start != whole.span.start)) {
        let ends_open = at_end
            && matches!(&whole.kind, Kind::Syntax { expected, .. } if expected.contains("`}`"));
        match unclosed(src).filter(|_| ends_open) {
            Some(d) => errors.push(d),
            None => errors.push(whole),
        }
    }
    errors.sort_by_key(|d| d.span.start);
    errors
}

/// Every error of the item at `start..end` of `src`, parsed on its own: after each, the
/// statement it is in is blanked out (offsets kept) and the item parsed again, so a second
/// broken line is reported too. A follow-on error right where the blank ends (the block now
/// lacks what was blanked) stops the search. An item that ends inside one of its blocks is
/// reported where that block opened.
fn item_errors(src: &str, start: usize, end: usize) -> Vec<Diagnostic> {
    let Some(item) = src.get(start..end) else {
        return Vec::new();
    };
    let offset = start;
    let head = item_head(item);
    let mut text = item.to_string();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut blanked_end: Option<usize> = None;
    for _ in 0..16 {
        let Err(e) = Grammar::parse(Rule::lone_item, &text) else {
            break;
        };
        let (mut d, complete) = syntax_error(&e, src, offset, Some(&head));
        let at = d.span.start.saturating_sub(offset);
        if at >= text.trim_end().len() {
            // The item ends before the grammar is done with it: a block left open (its `}`
            // went missing) or a line cut short. Say so at the block's opening.
            let opens = text.matches('{').count();
            let closes = text.matches('}').count();
            if opens > closes {
                if let Some((o, closed)) = super::recover::unclosed(item) {
                    d = unclosed_at(src, offset + o, closed.map(|c| offset + c));
                }
            }
            // After an error, the end is only where the blanking left the item short.
            if out.is_empty() {
                out.push(d);
            }
            break;
        }
        if let Some(b) = blanked_end {
            let closing = matches!(&d.kind, Kind::Syntax { found, .. } if found == "`}`");
            if at < b || (closing && text.get(b..at).is_some_and(|gap| gap.trim().is_empty())) {
                break;
            }
        }
        if out.iter().any(|x| x.span.start == d.span.start) {
            break;
        }
        // Two errors on one line are mostly one slip seen twice.
        let same_line = out.last().is_some_and(|last: &Diagnostic| {
            let (a, b) = (
                last.span.start.min(d.span.start),
                last.span.start.max(d.span.start),
            );
            !src.get(a..b).unwrap_or("").contains('\n')
        });
        if same_line {
            break;
        }
        // Text after the item's end (`}` one too many, or a line that is not part of it):
        // whatever follows is not this item's, and one error says so.
        let trailing = complete;
        if trailing {
            // The item's block closed before its lines ended: name the `}` that closed it.
            if let (Some(close), Kind::Syntax { hint, .. }) = (text[..at].rfind('}'), &mut d.kind) {
                let line = crate::span::Span::new(offset + close, offset + close)
                    .line_col(src)
                    .0;
                *hint = Some(format!(
                    "the `}}` on line {line} ends {head}, so what follows it is outside the item: remove that `}}` if it is one too many"
                ));
            }
        }
        let span_end = d.span.end;
        out.push(d);
        if trailing {
            break;
        }
        let Some((mut s, mut e)) = statement(&text, at) else {
            break;
        };
        // In a block's header (`edition basic Basic {`), blanking the line would remove the
        // `{` too: blank only the offending word, so the block's own lines are still parsed.
        if text[s..e].contains('{') {
            let (a, b) = (at, span_end.saturating_sub(offset).min(text.len()));
            match text.get(a..b) {
                Some(word) if !word.is_empty() && !word.contains(['{', '}']) => (s, e) = (a, b),
                _ => break,
            }
        }
        let spaces = " ".repeat(e - s);
        text.replace_range(s..e, &spaces);
        blanked_end = Some(e);
    }
    out
}

/// How "expected" starts when an item is complete and more text follows it.
const END_OF_ITEM: &str = "the end of ";

/// The words that open an item, as written (`edition basic "Basic"`), to name it.
fn item_head(item: &str) -> String {
    let line = item.lines().next().unwrap_or("");
    let head = line.split('{').next().unwrap_or("").trim();
    let short: String = head.chars().take(60).collect();
    if short.is_empty() {
        "the item".into()
    } else {
        format!("`{short}`")
    }
}

/// The statement around byte `at`: from after the previous line break, `;` or `{` to the
/// next line break, `;` or `}`; `None` when that is only blanks (nothing left to skip).
fn statement(text: &str, at: usize) -> Option<(usize, usize)> {
    let at = at.min(text.len());
    let start = text.get(..at)?.rfind(['\n', ';', '{']).map_or(0, |i| i + 1);
    let end = text
        .get(at..)?
        .find(['\n', ';', '}'])
        .map_or(text.len(), |i| at + i);
    let part = text.get(start..end)?;
    (!part.trim().is_empty() && text.is_char_boundary(start) && text.is_char_boundary(end))
        .then_some((start, end))
}

/// The unclosed block of the whole file as a diagnostic at its opening line.
fn unclosed(src: &str) -> Option<Diagnostic> {
    let (open, closed) = super::recover::unclosed(src)?;
    Some(unclosed_at(src, open, closed))
}

/// The block opened by the `{` at `open` as never closed, naming the item it belongs to;
/// `closed` is the `}` that closed it instead, if any.
fn unclosed_at(src: &str, open: usize, closed: Option<usize>) -> Diagnostic {
    let open = open.min(src.len());
    let line_start = src[..open].rfind('\n').map_or(0, |i| i + 1);
    let header = src.get(line_start..open).unwrap_or("").trim();
    let first = line_start + (src[line_start..].len() - src[line_start..].trim_start().len());
    let closed_at = closed.map(|c| crate::span::Span::new(c, c).line_col(src).0);
    let item = if header.is_empty() { "{" } else { header };
    Diagnostic::new(
        Kind::Unclosed {
            item: item.to_string(),
            closed_at,
        },
        Span::new(first.min(open), open + 1),
    )
}

/// A pest error as a diagnostic; `offset` is where the parsed text starts in `src`, and
/// `item` names the item parsed on its own (the end of its text is the end of the item,
/// not of the file). Also whether the item was complete where the error is (more text
/// followed it).
fn syntax_error(
    e: &pest::error::Error<Rule>,
    src: &str,
    offset: usize,
    item: Option<&str>,
) -> (Diagnostic, bool) {
    let (mut start, mut end) = match e.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    (start, end) = (start + offset, end + offset);
    let mut refused_keyword = false;
    let mut complete = matches!(&e.variant,
        pest::error::ErrorVariant::ParsingError { positives, .. } if positives.contains(&Rule::EOI));
    let mut words: Vec<String> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<String> = Vec::new();
            for r in positives {
                let w = match (r, item) {
                    (Rule::EOI, Some(head)) => format!("{END_OF_ITEM}{head}"),
                    _ => describe(*r),
                };
                if !words.contains(&w) {
                    words.push(w);
                }
            }
            // Punctuation is matched by literals, which pest reports only as parse attempts.
            if let Some(attempts) = e
                .parse_attempts()
                .filter(|a| a.max_position + offset >= start)
            {
                let furthest = attempts.max_position + offset;
                if furthest > start {
                    // The attempts got further than the failing rule: report there.
                    words.clear();
                    complete = false;
                    (start, end) = (furthest, furthest);
                }
                for token in attempts.expected_tokens() {
                    let token = token.to_string();
                    let w = format!("`{token}`");
                    if PUNCTUATION.contains(&token.as_str()) && !words.contains(&w) {
                        words.insert(0, w);
                    }
                }
            }
            // A keyword followed by more letters (`flatt`) fails inside the word, where
            // pest knows no rule to name: point at the whole word and name the keyword.
            let before = src.get(..start).unwrap_or("");
            if words.is_empty() && before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                let word_start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                    .map_or(0, |i| i + 1);
                let word = src
                    .get(word_start..next_token_end(src, word_start))
                    .unwrap_or("");
                let keyword = Rule::all_rules()
                    .iter()
                    .filter_map(|r| keyword(*r))
                    .filter(|k| word.starts_with(k))
                    .max_by_key(|k| k.len());
                match keyword {
                    // The whole word is a keyword, refused where a name was wanted (`5.00 per
                    // unit`: `unit` starts a line of its own).
                    Some(k) if k == word => refused_keyword = true,
                    Some(k) => words.push(format!("`{k}`")),
                    None => {}
                }
                (start, end) = (word_start, word_start);
            }
            words
        }
        // pest's guards against input nested deeper than the parser's stack allows.
        pest::error::ErrorVariant::CustomError { message } if message.contains("limit reached") => {
            vec!["less nesting: a condition may not nest parentheses or `not` this deeply".into()]
        }
        pest::error::ErrorVariant::CustomError { message } => vec![message.clone()],
    };
    // Point at the word, not at the spaces before it.
    while src.get(start..).is_some_and(|r| r.starts_with([' ', '\t'])) {
        start += 1;
    }
    let mut found = describe_found(src, start);
    // A word the grammar tried but refused here (a keyword where a name must not be one,
    // as in `5.00 per unit`) is not what was expected: never "expected `unit`, found `unit`".
    refused_keyword |= words.contains(&found);
    words.retain(|w| *w != found);
    let word = found.trim_matches('`').to_string();
    let is_keyword = found.starts_with('`') && super::facts::facts().is_keyword(&word);
    if words.is_empty() {
        if refused_keyword && is_keyword {
            words.push("a name".into());
            found = format!("the keyword {found}");
        } else {
            words.push("something else".into());
        }
    }
    let line_start = src[..start.min(src.len())]
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    let facts = super::facts::facts();
    if line_start
        && words.iter().any(|w| w.starts_with(END_OF_ITEM))
        && !facts.item_words.contains(&word)
    {
        // A line after a complete item that starts no item (`edtion basic ...`): name the
        // words that start one, so a typo gets its "did you mean".
        words = facts.item_words.iter().map(|w| format!("`{w}`")).collect();
    }
    let mut expected = join_or(&words);
    let mut end = if end > start {
        end
    } else {
        next_token_end(src, start)
    };
    let slip = super::hints::slip(src, start, &expected);
    if let Some(s) = &slip {
        if let Some((a, b)) = s.span {
            (start, end) = (a, b);
            found = format!("`{}`", src.get(a..b).unwrap_or(""));
        }
        if let Some(e) = &s.expected {
            expected.clone_from(e);
        }
    }
    let mut hint = slip.map(|s| s.hint);
    if hint.is_none() && is_keyword {
        // A keyword out of place: say where it belongs.
        hint = keyword_home(&word);
    }
    let d = Diagnostic::new(
        Kind::Syntax {
            expected,
            found,
            hint,
        },
        Span::new(start, end),
    );
    (d, complete)
}

/// Where the keyword `word` belongs, for one found where it does not: the advice written
/// for the common ones, else the grammar's own rules that use it.
fn keyword_home(word: &str) -> Option<String> {
    if let Some(home) = super::hints::keyword_home(word) {
        return Some(home.to_string());
    }
    let facts = super::facts::facts();
    if facts.item_words.iter().any(|w| w == word) {
        // `module` out of place starts an item: where it belongs is plain.
        return None;
    }
    let mut places: Vec<String> = Vec::new();
    for user in facts.users_of_keyword(word) {
        let Some(rule) = Rule::all_rules().iter().find(|r| format!("{r:?}") == user) else {
            continue;
        };
        let d = describe(*rule);
        if d != "something else" && !places.contains(&d) {
            places.push(d);
        }
    }
    (!places.is_empty()).then(|| format!("`{word}` belongs in {}", join_or(&places)))
}

/// Literal symbols of the grammar worth naming in "expected ...".
const PUNCTUATION: &[&str] = &["{", "}", ",", "..", "+", "%", "\""];

fn join_or(words: &[String]) -> String {
    match words {
        [] => "something else".into(),
        [one] => one.clone(),
        [init @ .., last] if init.len() < 8 => format!("{} or {last}", init.join(", ")),
        _ => format!("one of: {}", words.join(", ")),
    }
}

/// The word at `at`, quoted, for "found ...".
fn describe_found(src: &str, at: usize) -> String {
    let rest = src.get(at..).unwrap_or("");
    match rest.chars().next() {
        None => "the end of the file".into(),
        Some('\n') | Some('\r') => "the end of the line".into(),
        Some(_) => {
            let end = next_token_end(src, at) - at;
            let token: String = rest[..end].chars().take(30).collect();
            format!("`{token}`")
        }
    }
}

/// End of the word or single symbol starting at `at`.
fn next_token_end(src: &str, at: usize) -> usize {
    let rest = src.get(at..).unwrap_or("");
    let mut chars = rest.char_indices();
    match chars.next() {
        None => at,
        Some((_, c)) if c.is_alphanumeric() || c == '_' || c == '.' => {
            let len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.' || *c == '-'))
                .map_or(rest.len(), |(i, _)| i);
            at + len
        }
        Some((_, c)) => at + c.len_utf8(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_user_words() {
        // A rule without its own words would leak a grammar name into a message.
        use Rule::*;
        for r in [
            amount, number, integer, percent, ident, string, band, range, EOI,
        ] {
            assert_ne!(describe(r), "something else", "{r:?}");
        }
    }

    #[test]
    fn reports_expected_words_not_rule_names() {
        let errs = super::super::Parser::parse("plan \"x\" { module m { abc flat } }").unwrap_err();
        assert_eq!(
            errs[0].kind.to_string(),
            "expected `}`, a price such as `30.00 per seat`, `1500.00 flat` or `seats volume { ... }`, \
             an attach price like `20.00 per seat with enterprise`, a number like 1.5, `label`, \
             `fee`, `requires` or `excludes`, found `abc`"
        );
    }
}
