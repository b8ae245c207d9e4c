//! Problems found in a plan, in the pricing manager's words, rendered with the source line.
//!
//! A diagnostic is `{kind, span}`: the kind says what is wrong with named fields and one
//! `Display` match; the span says where. Line and column are computed only when printing.

use crate::span::Span;
use std::fmt;
use std::sync::Arc;

/// A source text with the name it is shown under (a path, or `<built-in acme plan>`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics.
    pub name: String,
    /// The whole text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// A named source text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The plan cannot be used.
    Error,
    /// The plan works but probably not as meant.
    Warning,
}

/// One problem, with where it is.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// What is wrong.
    pub kind: Kind,
    /// Where, in `file` (or in the plan file when `file` is `None`).
    pub span: Span,
    /// The file the span points into, when it is not the plan file (a hook script).
    pub file: Option<Arc<SourceFile>>,
}

impl Diagnostic {
    /// A diagnostic in the plan file.
    pub fn new(kind: Kind, span: Span) -> Self {
        Diagnostic {
            kind,
            span,
            file: None,
        }
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        if self.kind.is_warning() {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// True unless this is only a warning.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// `file:line:col: error: message`, for places with no room for a snippet.
    pub fn one_line(&self, plan: &SourceFile) -> String {
        let file = self.file.as_deref().unwrap_or(plan);
        let (line, col) = self.span.line_col(&file.text);
        let level = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let text = format!("{}:{line}:{col}: {level}: {}", file.name, self.kind);
        crate::text::shown(&text).into_owned()
    }

    /// The full report: message, `file:line:col`, the source line, an underline, help.
    pub fn render(&self, plan: &SourceFile, color: bool) -> String {
        use crate::text::{shown, shown_lines};
        let file = self.file.as_deref().unwrap_or(plan);
        // Only the lines shown, cut around the span; escaped there (see `Excerpt::new`).
        let src = crate::snippet::Excerpt::new(&shown(&file.name), &file.text, self.span);
        let report = Report {
            message: shown(&self.kind.to_string()).into_owned(),
            label: self.kind.label().map(|l| shown(&l).into_owned()),
            help: self.kind.help().map(|h| shown_lines(&h).into_owned()),
            severity: self.severity(),
            span: src.span(),
            src,
        };
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .with_context_lines(1);
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            return self.one_line(plan);
        }
        out
    }
}

/// The most diagnostics printed for one file; the rest are counted (`check --format json`
/// lists them all). A generated plan can have thousands, and each is several lines.
pub const MAX_SHOWN: usize = 25;

/// Renders at most [`MAX_SHOWN`] of `diagnostics`, errors before warnings, in the order
/// written, then a line counting the rest: "... and 4,812 more warnings".
pub fn render_capped(diagnostics: &[Diagnostic], plan: &SourceFile, color: bool) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let shown_errors = errors.min(MAX_SHOWN);
    let shown_warnings = (diagnostics.len() - errors).min(MAX_SHOWN - shown_errors);
    let (mut e, mut w) = (0, 0);
    let mut out = String::new();
    for d in diagnostics {
        let count = if d.is_error() { &mut e } else { &mut w };
        let room = if d.is_error() {
            shown_errors
        } else {
            shown_warnings
        };
        if *count < room {
            out.push_str(&d.render(plan, color));
        }
        *count += 1;
    }
    let more_errors = errors - shown_errors;
    let more_warnings = diagnostics.len() - errors - shown_warnings;
    let more = |n: usize, what: &str| {
        format!(
            "{} more {what}{}",
            thousands(n),
            if n == 1 { "" } else { "s" }
        )
    };
    match (more_errors, more_warnings) {
        (0, 0) => {}
        (e, 0) => out.push_str(&format!("... and {}\n", more(e, "error"))),
        (0, w) => out.push_str(&format!("... and {}\n", more(w, "warning"))),
        (e, w) => out.push_str(&format!(
            "... and {} and {}\n",
            more(e, "error"),
            more(w, "warning")
        )),
    }
    out
}

/// The names a help lists: the first 20, then how many more (a generated plan has
/// thousands).
fn some_of(names: &[String]) -> String {
    const SHOWN: usize = 20;
    if names.len() <= SHOWN {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..SHOWN].join(", "),
        thousands(names.len() - SHOWN)
    )
}

/// `4812` as `4,812`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Debug)]
struct Report {
    message: String,
    label: Option<String>,
    help: Option<String>,
    severity: Severity,
    src: crate::snippet::Excerpt,
    span: miette::SourceSpan,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(self.label.clone(), self.span),
        )))
    }
}

/// The numbers that close a volume cliff, for its advice: each fix alone is enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliffFix {
    /// The cheaper band, as `band `large`` or `band 101..`.
    pub band: String,
    /// The band before it.
    pub before: String,
    /// The cheaper band's price per seat that closes the cliff.
    pub raise_to: String,
    /// What its first seat count then costs.
    pub raised_total: String,
    /// The cheaper band's flat fee that closes it.
    pub fee: String,
    /// Whether the cheaper band already has a fee (raised, rather than added).
    pub had_fee: bool,
    /// The band before's price per seat that closes it, when one above zero does.
    pub lower_to: Option<String>,
}

/// Everything that can be wrong with a plan (errors) or suspicious in it (warnings).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The text does not follow the language.
    Syntax {
        /// What would have been accepted, in words.
        expected: String,
        /// What was found instead, in words.
        found: String,
        /// Advice for a common slip (`$20.00`, `4,00`, `07/01/2026` ...), when one is recognised.
        hint: Option<String>,
    },
    /// A `{` whose block is never closed: reported where the block opened.
    Unclosed {
        /// The item the block belongs to, as written (`edition basic "Basic"`).
        item: String,
        /// Line of the `}` that closed it instead (or that ended the plan), if any.
        closed_at: Option<usize>,
    },
    /// A number with more digits than exact arithmetic can hold.
    NumberTooLarge {
        /// The number as written.
        text: String,
    },
    /// Two declarations of the same kind share a name.
    Duplicate {
        /// `edition`, `module`, ...
        what: &'static str,
        /// The repeated name.
        name: String,
        /// 1-based line of the first declaration.
        first_line: usize,
    },
    /// A setting that may appear once appears again.
    Repeated {
        /// What is set twice, in words (`the currency`).
        what: &'static str,
    },
    /// A tax table's region that is not an ISO 3166 country or subdivision code.
    UnknownRegion {
        /// The code as written.
        code: String,
    },
    /// A tax table on a plan whose prices include the tax.
    TaxTableIncluded,
    /// A condition that reads the total its own line changes.
    SelfDependent {
        /// `discount `big``, `fee `implementation``.
        what: String,
        /// The total it reads: `monthly_recurring`, `annual_recurring`, `one_time`.
        total: &'static str,
        /// Why that total depends on it: `it takes off recurring lines`.
        changes: String,
    },
    /// A required setting is absent.
    Missing {
        /// What is missing, in words.
        what: &'static str,
        /// An example of how to write it.
        example: &'static str,
    },
    /// A name that refers to nothing declared.
    Unknown {
        /// `module`, `edition`, ...
        what: &'static str,
        /// The name written.
        name: String,
        /// Names that would have been accepted.
        known: Vec<String>,
    },
    /// A module both requires and excludes the same module.
    RequiresAndExcludes {
        /// The module declaring both.
        module: String,
        /// The module named in both lists.
        other: String,
    },
    /// A module requires or excludes itself.
    SelfReference {
        /// The module.
        module: String,
        /// `requires` or `excludes`.
        relation: &'static str,
    },
    /// A yearly price that a cycle it is sold on would split into uneven invoices.
    YearlyPrice {
        /// The yearly price.
        yearly: String,
        /// The part one invoice of that cycle would bill.
        monthly: String,
        /// The cycle that splits it: `monthly`, `quarterly`.
        cycle: String,
        /// The nearest yearly prices below and above that divide evenly: `79.92 or 80.04`.
        nearest: String,
    },
    /// A module's percentage taken of something other than seats or earlier modules.
    PercentBase {
        /// What it was written of.
        of: String,
    },
    /// More items of one kind than ratecard accepts.
    TooMany {
        /// `edition`, `module`, `band` ...
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A name or label longer than ratecard accepts.
    TooLong {
        /// `a name` or `a label`.
        what: &'static str,
        /// The limit, in characters.
        limit: usize,
    },
    /// A priced item left out of a price list in another currency.
    MissingInPriceList {
        /// The item, in words.
        item: String,
        /// The price list's currency.
        currency: String,
    },
    /// A price list restating a term that is not a price (includes, limits, allowances ...).
    NotAPrice {
        /// The term and its item, in words: `includes of edition `pro``.
        what: String,
        /// The price list's currency.
        currency: String,
    },
    /// A price list's item that the plan does not have.
    NotInPlan {
        /// The item and the problem, in words.
        what: String,
    },
    /// An edition's minimum seats above its maximum.
    SeatLimits {
        /// The edition.
        edition: String,
        /// Its minimum.
        minimum: u64,
        /// Its maximum.
        maximum: u64,
    },
    /// A band's range ends before it starts.
    BandBackwards {
        /// First seat.
        from: u64,
        /// Last seat.
        to: u64,
    },
    /// A band starts inside the previous band.
    BandOverlap {
        /// This band's range.
        band: String,
        /// The previous band's range.
        previous: String,
    },
    /// A band starts after a gap.
    BandGap {
        /// The previous band's range.
        previous: String,
        /// Where this band starts.
        from: u64,
        /// Where it should start.
        expected: u64,
    },
    /// The first band does not start at 1.
    BandStart {
        /// Where it starts.
        from: u64,
    },
    /// A band follows an open band.
    BandAfterOpen {
        /// The open band's range.
        open: String,
    },
    /// A tiered price with no bands.
    NoBands,
    /// Not an ISO 4217 currency code.
    UnknownCurrency {
        /// The code written.
        code: String,
    },
    /// A price or quantity below zero.
    Negative {
        /// What it is, in words.
        what: &'static str,
        /// The value written.
        value: String,
    },
    /// An effective date that is not on the calendar.
    BadDate {
        /// The date as written.
        text: String,
    },
    /// A size or factor that must be above zero.
    NotPositive {
        /// What it is, in words.
        what: &'static str,
        /// The value written.
        value: String,
    },
    /// A percentage outside 0..100.
    PercentOutOfRange {
        /// The percent written.
        value: String,
    },
    /// A minimum above the maximum.
    MinAboveMax {
        /// The minimum.
        min: String,
        /// The maximum.
        max: String,
    },
    /// A fixed-amount discount with scope `all`.
    FixedAmountForAll,
    /// Something that must have exactly one price has none.
    NoPrice {
        /// `edition basic`, `support premium`, ...
        what: String,
        /// An example of how to write one.
        example: &'static str,
    },
    /// Something with more than one price line.
    ExtraPrice {
        /// `edition basic`, ...
        what: String,
    },
    /// A service that mixes targets and unit prices, or has neither.
    ServiceShape {
        /// The service.
        service: String,
        /// What is wrong, in words.
        problem: &'static str,
    },
    /// A condition on a request field that does not exist.
    UnknownField {
        /// The field written.
        field: String,
    },
    /// A comparison that cannot make sense for its field.
    BadComparison {
        /// The field.
        field: String,
        /// Why, in words.
        reason: String,
    },
    /// A hook script that cannot be read.
    HookUnreadable {
        /// The path as written.
        path: String,
        /// The system's reason.
        reason: String,
    },
    /// A vendor's logo that cannot be shown: missing, outside the plan's folder, too
    /// large or not an image. Documents are written without it.
    LogoUnreadable {
        /// The path as written.
        path: String,
        /// Why, in words.
        reason: String,
    },
    /// A hook script that does not compile.
    HookSyntax {
        /// The script's path.
        path: String,
        /// The script engine's message.
        message: String,
    },
    /// A hook failed at run time on a sample request priced by `ratecard check`.
    HookRuntime {
        /// The script's path.
        path: String,
        /// What went wrong, in the hooks' words (`failed: the request has no property ...`).
        message: String,
        /// The sample request that found it, in words (`edition advanced, 5 seats`).
        sample: String,
    },
    /// Buying more seats costs less in total (warning).
    VolumeCliff {
        /// The last seat count of the cheaper-per-seat band's predecessor.
        at: u64,
        /// Total at `at` seats.
        total_at: String,
        /// The next seat count.
        next: u64,
        /// Total at `next` seats.
        total_next: String,
        /// The last seat count that still costs less than `at`; `None` when every larger
        /// count does (an open band).
        cheaper_until: Option<u64>,
        /// The numbers that close it (boxed: diagnostics travel in `Result`s and stay small).
        fix: Box<CliffFix>,
    },
    /// Two prices for the same billing cycle.
    CyclePriceTwice {
        /// `edition `pro``, ...
        what: String,
        /// `annually`, ...
        cycle: String,
    },
    /// A longer billing cycle's price above a shorter one's (warning).
    CycleCostsMore {
        /// `edition `pro``, ...
        what: String,
        /// The longer cycle, `annually`.
        longer: String,
        /// The shorter cycle, `monthly`.
        shorter: String,
        /// The seat count where it shows.
        seats: u64,
        /// A month on the longer cycle, then on the shorter one (boxed: diagnostics
        /// travel in `Result`s and stay small).
        amounts: Box<[String; 2]>,
    },
    /// An account price's tiers not growing: `up to 100 users` after `up to 250 users`,
    /// or none at all (`previous` is then `None` and `up_to` 0).
    AccountTiers {
        /// The tier before it.
        previous: Option<u64>,
        /// This tier's bound.
        up_to: u64,
    },
    /// An add-on or usage written in a way that cannot be priced.
    QuantityShape {
        /// `add-on sandbox`, `usage emails`.
        what: String,
        /// What is wrong, in words.
        problem: String,
        /// What to write instead.
        fix: String,
    },
    /// A tier of an add-on or usage that does not start where the one before it ends.
    TierGap {
        /// The previous tier's range.
        previous: String,
        /// Where this tier starts.
        from: String,
        /// Where it should start.
        expected: String,
    },
    /// A whole-unit quantity written with a fraction.
    WholeUnits {
        /// What the number is (`a tier bound`, `a pack size`).
        what: &'static str,
        /// The unit.
        unit: String,
        /// The number written.
        value: String,
    },
    /// A module that no edition can use (warning).
    UnusableModule {
        /// The module.
        module: String,
        /// Why, in words.
        reason: String,
    },
}

impl Kind {
    /// True for warnings.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Kind::VolumeCliff { .. }
                | Kind::UnusableModule { .. }
                | Kind::CycleCostsMore { .. }
                | Kind::LogoUnreadable { .. }
        )
    }

    /// A short note under the underline.
    pub fn label(&self) -> Option<String> {
        Some(
            match self {
                Kind::Syntax { .. } => "unexpected here".into(),
                Kind::Unclosed { .. } => "opened here".into(),
                Kind::Duplicate { .. } => "declared again here".into(),
                Kind::Unknown { what, .. } => format!("not {} {what} of this plan", article(what)),
                Kind::NumberTooLarge { .. } => "too many digits".into(),
                Kind::VolumeCliff { .. } => "this band is cheaper in total".into(),
                Kind::CyclePriceTwice { .. } => "second price for this cycle".into(),
                Kind::CycleCostsMore { .. } => "dearer than the shorter cycle".into(),
                Kind::HookSyntax { .. } => "here".into(),
                Kind::HookRuntime { .. } => "fails here".into(),
                _ => return None,
            }
            .to_string(),
        )
    }

    /// The name the help's "did you mean" offers for the one written: (written, offered).
    /// Editors offer it as a fix, so it is the same guess the help shows.
    pub fn suggestion(&self) -> Option<(String, String)> {
        match self {
            Kind::Unknown { name, known, .. } => {
                closest(name, known).map(|guess| (name.clone(), guess))
            }
            Kind::Syntax {
                expected,
                found,
                hint: None,
            } => {
                let written = found.trim_matches('`');
                closest(written, &words(expected)).map(|guess| (written.to_string(), guess))
            }
            _ => None,
        }
    }

    /// What to do about it, when there is more to say than the message.
    pub fn help(&self) -> Option<String> {
        match self {
            Kind::HookRuntime { sample, .. } => Some(format!(
                "found by `ratecard check`, which prices sample requests through every hook; this one failed on: {sample}"
            )),
            Kind::Unknown { name, known, .. } if closest(name, known).is_some() => {
                let guess = closest(name, known).unwrap_or_default();
                Some(format!("did you mean `{guess}`? declared: {}", some_of(known)))
            }
            Kind::Syntax { hint: Some(hint), .. } => Some(hint.clone()),
            Kind::Unclosed { closed_at: Some(line), .. } => Some(format!(
                "add its `}}` where the block ends: the `}}` on line {line} closes this block instead, leaving an outer one open"
            )),
            Kind::Unclosed { .. } => Some("add its `}` where the block ends".into()),
            Kind::Syntax { expected, found, .. } if closest(found.trim_matches('`'), &words(expected)).is_some() => {
                let guess = closest(found.trim_matches('`'), &words(expected)).unwrap_or_default();
                Some(format!("did you mean `{guess}`?"))
            }
            Kind::Unknown { known, .. } if known.is_empty() => {
                Some("nothing of that kind is declared yet".into())
            }
            Kind::Unknown { known, .. } => Some(format!("declared: {}", some_of(known))),
            Kind::Syntax { found, expected, .. } if found == "the end of the file" && expected.contains("`}`") => {
                Some("every `{` needs a matching `}`: one may be missing above".into())
            }
            Kind::Duplicate { first_line, .. } => {
                Some(format!("the first one is on line {first_line}; rename or remove one"))
            }
            Kind::Missing { example, .. } | Kind::NoPrice { example, .. } => {
                Some(format!("for example: {example}"))
            }
            // Seat counts, pack sizes and terms are whole numbers with a smaller limit than
            // amounts, so a 20-digit seat count needs its own advice.
            Kind::NumberTooLarge { text }
                if text.chars().filter(char::is_ascii_digit).count() <= 28
                    && text.chars().all(|c| c.is_ascii_digit() || c == '_') =>
            {
                Some(format!("whole numbers here may be at most {}", u64::MAX))
            }
            Kind::NumberTooLarge { .. } => {
                Some("numbers may have at most 28 significant digits".into())
            }
            Kind::UnknownRegion { .. } => Some(
                "write a country as its two capital letters (`DE`, `GB`), a region as the country and its subdivision (`US-TX`), or `EU` in a reverse charge".into(),
            ),
            Kind::SelfDependent { .. } => Some(
                "condition it on a total it does not change (a one-time fee on `annual_recurring`, a recurring discount on `one_time`) or on the request (`seats >= 50`)".into(),
            ),
            Kind::TaxTableIncluded => Some(
                "remove `included` and state prices without tax, or keep one `tax P% included`".into(),
            ),
            Kind::UnknownCurrency { .. } => {
                Some("use an ISO 4217 code such as USD, EUR, CNY or JPY".into())
            }
            Kind::BandGap { expected, .. } => Some(format!("start this band at {expected}")),
            Kind::TierGap { expected, .. } => Some(format!("start this tier at {expected}")),
            Kind::QuantityShape { fix, .. } => Some(fix.clone()),
            Kind::AccountTiers { previous: None, .. } => {
                Some("write one tier per size the vendor sells, e.g. `up to 250 users at 499.00`".into())
            }
            Kind::AccountTiers { .. } => {
                Some("list the tiers from the fewest users to the most".into())
            }
            Kind::WholeUnits { unit, .. } => Some(format!(
                "write `unit {unit} divisible` if a {unit} can be split, as GB or hours can"
            )),
            Kind::BadDate { .. } => Some("write the date as YEAR-MONTH-DAY, e.g. 2026-01-01".into()),
            Kind::BandOverlap { .. } => Some("each seat count must fall in exactly one band".into()),
            Kind::MissingInPriceList { .. } => Some(
                "write every priced item's prices again in each price list, in that currency (prices only: the rest of the item holds as the plan says); ratecard never converts".into(),
            ),
            Kind::NotInPlan { .. } => Some(
                "a price list restates the plan's items in another currency; declare the item in the plan first".into(),
            ),
            Kind::NotAPrice { .. } => Some(
                "a price list states prices only; write this term once, in the plan, and it holds in every currency".into(),
            ),
            Kind::PercentBase { .. } => Some(
                "modules are priced before storage, backup, support and services: take it of `seats` or of `modules NAME` declared above this module".into(),
            ),
            Kind::YearlyPrice { nearest, cycle, .. } => Some(format!(
                "each invoice bills a whole number of the currency's minor units: sell the price only `billed annually`, or write {nearest} per year so {cycle} invoices come out even"
            )),
            Kind::SeatLimits { .. } => {
                Some("no request could buy this edition: lower the minimum or raise the maximum".into())
            }
            Kind::BandStart { .. } => Some("seat counts start at 1: write the first band as 1..N".into()),
            Kind::BandAfterOpen { .. } => Some("give the open band an end, or move it last".into()),
            Kind::FixedAmountForAll => Some(
                "write `off recurring` (per month) or `off one_time`, or use a percentage".into(),
            ),
            Kind::UnknownField { .. } => Some(
                "fields: edition, seats, billing, term_months, storage_gb, backup, support, customer, attributes.NAME"
                    .into(),
            ),
            Kind::VolumeCliff { next, fix, .. } => {
                let fee = if fix.had_fee {
                    format!("raise the fee of {} to `+ {} flat`", fix.band, fix.fee)
                } else {
                    format!("add `+ {} flat` to {}", fix.fee, fix.band)
                };
                let lower = match &fix.lower_to {
                    Some(p) => format!(", or lower the price of {} to {p} a seat", fix.before),
                    None => String::new(),
                };
                Some(format!(
                    "so that more seats never cost less, raise the price of {} to {} a seat ({next} seats then cost {}), {fee}{lower}; if the cliff is meant, end {} with `cliff ok`",
                    fix.band, fix.raise_to, fix.raised_total, fix.band
                ))
            }
            Kind::CyclePriceTwice { .. } => Some(
                "keep one price per billing cycle; a price without `billed` applies to every other cycle".into(),
            ),
            Kind::CycleCostsMore { .. } => Some(
                "a longer billing commitment is normally cheaper per month; check the two prices".into(),
            ),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Syntax { expected, found, .. } => write!(f, "expected {expected}, found {found}"),
            Kind::Unclosed { item, .. } => write!(f, "the block of `{item}` is never closed: its `}}` is missing"),
            Kind::NumberTooLarge { text } => write!(f, "the number {text} is too large"),
            Kind::Duplicate { what, name, .. } => write!(f, "{what} `{name}` is declared twice"),
            Kind::Repeated { what } => write!(f, "{what} is set more than once"),
            Kind::Missing { what, .. } => write!(f, "the plan has no {what}"),
            Kind::Unknown { what, name, .. } => write!(f, "unknown {what} `{name}`"),
            Kind::RequiresAndExcludes { module, other } => {
                write!(f, "module `{module}` both requires and excludes `{other}`")
            }
            Kind::SelfReference { module, relation } => {
                write!(f, "module `{module}` {relation} itself")
            }
            Kind::BandBackwards { from, to } => {
                write!(f, "band {from}..{to} ends before it starts")
            }
            Kind::TooMany { what, limit } => write!(
                f,
                "more than {} of one kind ({what}): ratecard's limit, see docs/limits.md",
                thousands(*limit)
            ),
            Kind::TooLong { what, limit } => write!(
                f,
                "{what} longer than {limit} characters: ratecard's limit, see docs/limits.md"
            ),
            Kind::MissingInPriceList { item, currency } => {
                write!(f, "{item} has no price in the {currency} price list")
            }
            Kind::NotInPlan { what } => write!(f, "{what}"),
            Kind::NotAPrice { what, currency } => {
                write!(f, "the {currency} price list restates {what}, which is not a price")
            }
            Kind::PercentBase { of } => write!(
                f,
                "a module's percentage cannot be taken of `{of}`"
            ),
            Kind::YearlyPrice {
                yearly,
                monthly,
                cycle,
                ..
            } => write!(
                f,
                "a yearly price of {yearly} does not divide into equal {cycle} invoices ({monthly} each)"
            ),
            Kind::SeatLimits {
                edition,
                minimum,
                maximum,
            } => write!(
                f,
                "edition `{edition}` has a minimum of {minimum} seats above its maximum of {maximum}"
            ),
            Kind::BandOverlap { band, previous } => {
                write!(f, "band {band} overlaps the band before it ({previous})")
            }
            Kind::BandGap {
                previous,
                from,
                expected,
            } if from - 1 == *expected => write!(
                f,
                "gap between bands: {previous} is followed by a band starting at {from}, so {expected} seats have no price"
            ),
            Kind::BandGap {
                previous,
                from,
                expected,
            } => write!(
                f,
                "gap between bands: {previous} is followed by a band starting at {from}, so seat counts {expected}..{} have no price",
                from - 1
            ),
            Kind::BandStart { from } => {
                write!(f, "the first band starts at {from}, so 1..{} seats have no price", from - 1)
            }
            Kind::BandAfterOpen { open } => {
                write!(f, "a band follows the open band {open}, which already covers every larger seat count")
            }
            Kind::NoBands => write!(f, "a tiered price needs at least one band"),
            Kind::AccountTiers { previous: None, .. } => {
                write!(f, "a price per account needs at least one tier")
            }
            Kind::AccountTiers {
                previous: Some(p),
                up_to,
            } => write!(
                f,
                "account tiers must grow: `up to {up_to} users` comes after `up to {p} users`"
            ),
            Kind::QuantityShape { what, problem, .. } => write!(f, "{what}: {problem}"),
            Kind::TierGap {
                previous,
                from,
                expected,
            } => write!(
                f,
                "gap between tiers: {previous} is followed by a tier starting at {from}, not {expected}"
            ),
            Kind::WholeUnits { what, unit, value } => write!(
                f,
                "{what} must be a whole number: a {unit} is counted whole (found {value})"
            ),
            Kind::UnknownCurrency { code } => write!(f, "`{code}` is not an ISO 4217 currency code"),
            Kind::UnknownRegion { code } => {
                write!(f, "`{code}` is not an ISO 3166 country or region code")
            }
            Kind::TaxTableIncluded => {
                write!(f, "a plan whose prices include the tax has one rate, not a rate by country")
            }
            Kind::SelfDependent {
                what,
                total,
                changes,
            } => write!(
                f,
                "{what} depends on itself: its condition reads {total}, which it changes ({changes})"
            ),
            Kind::Negative { what, value } => write!(f, "{what} cannot be negative (found {value})"),
            Kind::BadDate { text } => write!(f, "{text} is not a date on the calendar"),
            Kind::NotPositive { what, value } => {
                write!(f, "{what} must be greater than zero (found {value})")
            }
            Kind::PercentOutOfRange { value } => {
                write!(f, "a percentage must be between 0% and 100% (found {value}%)")
            }
            Kind::MinAboveMax { min, max } => {
                write!(f, "the minimum {min} is above the maximum {max}")
            }
            Kind::FixedAmountForAll => {
                write!(f, "a fixed amount cannot be taken off `all`: it would be counted twice")
            }
            Kind::NoPrice { what, .. } => write!(f, "{what} has no price"),
            Kind::ExtraPrice { what } => write!(f, "{what} has more than one price"),
            Kind::CyclePriceTwice { what, cycle } => {
                write!(f, "{what} has two prices billed {cycle}")
            }
            Kind::CycleCostsMore {
                what,
                longer,
                shorter,
                seats,
                amounts,
            } => write!(
                f,
                "{what} costs more a month billed {longer} than billed {shorter}: \
                 {} against {} for {seats} seat{}",
                amounts[0],
                amounts[1],
                if *seats == 1 { "" } else { "s" }
            ),
            Kind::ServiceShape { service, problem } => write!(f, "service `{service}` {problem}"),
            Kind::UnknownField { field } => write!(f, "a request has no field `{field}`"),
            Kind::BadComparison { field, reason } => write!(f, "cannot compare `{field}`: {reason}"),
            Kind::HookUnreadable { path, reason } => {
                write!(f, "cannot read hook script `{path}`: {reason}")
            }
            Kind::HookSyntax { path, message } => write!(f, "hook {path}: {message}"),
            Kind::LogoUnreadable { path, reason } => {
                write!(f, "cannot use logo `{path}`: {reason}; documents show no logo")
            }
            Kind::HookRuntime { path, message, .. } => write!(f, "hook {path} {message}"),
            Kind::VolumeCliff {
                at,
                total_at,
                next,
                total_next,
                cheaper_until,
                ..
            } => {
                write!(f, "volume cliff: {at} seats cost {total_at} but {next} seats cost {total_next}")?;
                match cheaper_until {
                    None => write!(f, "; every count from {next} up costs less than {at} seats"),
                    Some(until) if until > next => write!(f, "; every count from {next} to {until} costs less than {at} seats"),
                    Some(_) => write!(f, ", less than {at} seats"),
                }
            }
            Kind::UnusableModule { module, reason } => {
                write!(f, "no edition can use module `{module}`: {reason}")
            }
        }
    }
}

/// The backticked words of an "expected ..." list.
fn words(expected: &str) -> Vec<String> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// "an" before a vowel sound, "a" otherwise: "an edition", "a module".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
fn closest(word: &str, candidates: &[String]) -> Option<String> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| {
            *d > 0 && *d <= limit && c.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

/// Levenshtein distance, by characters; also used for the REPL's "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = vec!["sales_automation".to_string(), "analytics".to_string()];
        assert_eq!(
            closest("sales_automaton", &known).as_deref(),
            Some("sales_automation")
        );
        assert_eq!(closest("analytcs", &known).as_deref(), Some("analytics"));
        assert_eq!(closest("crm", &known), None);
        assert_eq!(edit_distance("edtion", "edition"), 1);
    }
}
