//! One REPL session: the plan in use, the request being shaped, the last two quotes.
//!
//! `handle(line)` is the whole behaviour; front ends only move text in and out. Errors are
//! output like anything else, so nothing a user types can end the session but `quit`.

use super::command::{help, is_command, words};
use super::output::{Output, Tone};
use super::{edit, explain, negotiate, script, summary, whatif};
use crate::app::source::{Loaded, Source};
use crate::model::Plan;
use crate::quote::Quote;
use crate::render::{render, Format};
use crate::request::Request;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What made the plan be read again.
enum Why {
    /// The `reload` command.
    Reload,
    /// The `load` command.
    Load,
    /// A watched file's content changed.
    Changed(PathBuf),
}

/// A quote as shown, with the request it priced.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The request as it was when priced.
    pub request: Request,
    /// The quote.
    pub quote: Quote,
}

/// A REPL session: holds state between lines and answers each line with text.
pub struct Session {
    source: Source,
    /// The plan in use: the last one that loaded without errors.
    plan: Option<Arc<Plan>>,
    /// Where the plan in use was read from (it may differ from `source` after a bad `load`).
    plan_from: String,
    /// Warnings the plan in use was checked with.
    warnings: usize,
    request: Request,
    /// The last two quotes, oldest first.
    quotes: Vec<Shown>,
    scripts: script::Scripts,
    /// News from a background reload that could not be printed yet: it comes before the
    /// next answer.
    pending: Output,
    color: bool,
    /// The terminal's width, when there is one: tables are fitted to it.
    width: Option<usize>,
    /// Scenarios saved or loaded in this session, by name.
    scenarios: std::collections::BTreeMap<String, Request>,
}

impl Session {
    /// Starts a session on the plan at `path` (the built-in plan when `None`).
    ///
    /// A plan with errors still starts a session, without a plan until the file is fixed;
    /// a file that cannot be read is an error, since it is most likely a typo.
    pub fn new(path: Option<PathBuf>, color: bool) -> Result<(Session, Output), String> {
        let mut s = Session {
            source: Source::new(path),
            plan: None,
            plan_from: String::new(),
            warnings: 0,
            request: Request::default(),
            quotes: Vec::new(),
            scripts: script::Scripts::default(),
            pending: Output::default(),
            color,
            width: None,
            scenarios: Default::default(),
        };
        let mut out = Output::default();
        match s.source.load(color) {
            Loaded::Unreadable(e) => return Err(e),
            Loaded::Plan(plan, warnings) => s.use_plan(*plan, warnings),
            Loaded::Broken(diagnostics, errors) => {
                out.text(super::Tone::Styled, diagnostics);
                out.notice(format!(
                    "{} has {errors} error{}; no plan is in use until it is fixed (it is reloaded when it changes) or another is loaded",
                    s.source.name(),
                    crate::app::plural(errors)
                ));
            }
        }
        Ok((s, out))
    }

    fn use_plan(&mut self, plan: Plan, warnings: usize) {
        self.plan = Some(Arc::new(plan));
        self.warnings = warnings;
        self.plan_from = self.source.name();
    }

    /// The plan in use, if any.
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_deref()
    }

    /// The request being shaped.
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// The names of the scenarios saved or loaded in this session.
    pub fn scenario_names(&self) -> Vec<String> {
        self.scenarios.keys().cloned().collect()
    }

    /// The most recent quote shown.
    pub fn last_quote(&self) -> Option<&Shown> {
        self.quotes.last()
    }

    /// Files whose change reloads the plan (the plan file and its hooks).
    pub fn watched(&self) -> Vec<PathBuf> {
        self.source.files()
    }

    /// Fits tables to `width` columns from now on (`None`: as wide as they are).
    pub fn set_width(&mut self, width: Option<usize>) {
        self.width = width;
    }

    /// The prompt: the plan's name, or `ratecard` while no plan is in use; while the request
    /// being shaped does not price, what is wrong with it, in brackets.
    pub fn prompt(&self) -> String {
        let name = self.plan.as_ref().map_or("ratecard", |p| &p.name);
        match self.why_not() {
            Some(why) => format!("{name} [{why}]> "),
            None => format!("{name}> "),
        }
    }

    /// Why the request does not price, in a few words; `None` while it prices or is empty.
    fn why_not(&self) -> Option<String> {
        if self.request == Request::default() {
            return None;
        }
        let e = match self.price(&self.request)? {
            Ok(_) => return None,
            Err(e) => e,
        };
        const MOST: usize = 40;
        let text = e.to_string();
        let first = text.split(';').next().unwrap_or(&text);
        let short = first.strip_prefix("the request has ").unwrap_or(first);
        Some(if short.chars().count() > MOST {
            format!("{}...", short.chars().take(MOST).collect::<String>())
        } else {
            short.to_string()
        })
    }

    /// `name version from path`, for messages.
    fn plan_title(&self) -> String {
        self.plan.as_ref().map_or("no plan".into(), |p| {
            format!("{} {} from {}", p.name, p.version, self.plan_from)
        })
    }

    /// `qoute` alone: a command mistyped, said so, rather than a script error about an
    /// unknown variable. (Longer lines that do not parse get the same hint from the script.)
    fn mistyped(&self, line: &str) -> Option<String> {
        let word = line.trim();
        if !word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        if matches!(word, "plan" | "request") {
            return None;
        }
        let c = super::command::closest(word)?;
        Some(format!(
            "unknown command `{word}` (did you mean `{c}`?); help lists the commands"
        ))
    }

    /// One line of input (a command or a script); the plan is reloaded first if it changed.
    pub fn handle(&mut self, line: &str) -> Output {
        let line = line.trim();
        let mut out = std::mem::take(&mut self.pending);
        if line.is_empty() || (line.starts_with('#') && !line.starts_with("#{")) {
            // Blank lines and `#` comments let session files explain themselves.
            out.extend(self.poll());
            return out;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        if !matches!(first, "reload" | "load") || !is_command(line) {
            out.extend(self.poll());
        }
        if is_command(line) {
            out.extend(self.command(line));
        } else if let Some(e) = self.mistyped(line) {
            out.error(e);
        } else {
            let plan = self.plan.clone();
            out.extend(self.scripts.run(plan, &self.request, line));
        }
        out
    }

    /// Keeps news from a background reload to print before the next answer: for a watcher
    /// that cannot print at this moment (a command is running, or there is no terminal to
    /// print above the prompt).
    pub fn defer(&mut self, news: Output) {
        self.pending.extend(news);
    }

    /// Takes the news kept by [`Session::defer`], for a front end to print now rather than
    /// with the next answer.
    pub fn take_deferred(&mut self) -> Output {
        std::mem::take(&mut self.pending)
    }

    /// Reloads the plan if a file it was read from changed since; empty output otherwise.
    pub fn poll(&mut self) -> Output {
        match self.source.changed() {
            Some(path) => {
                let why = Why::Changed(path.to_path_buf());
                self.reload(why)
            }
            None => Output::default(),
        }
    }

    fn command(&mut self, line: &str) -> Output {
        let mut out = Output::default();
        let w = match words(line) {
            Ok(w) => w,
            Err(e) => {
                out.error(e);
                return out;
            }
        };
        let (cmd, args) = w
            .split_first()
            .map_or(("", &[][..]), |(c, a)| (c.as_str(), a));
        let plan = self.plan.clone();
        let result: Result<String, String> = match cmd {
            "set" | "unset" | "add" | "drop" => return self.change(cmd, args),
            "clear" => {
                self.request = Request::default();
                Ok("the request is empty again\n".into())
            }
            "show" => Ok(edit::show(&self.request)),
            "quote" => self.quote(args),
            "schedule" if args.is_empty() => self.schedule(),
            "schedule" => {
                Err("schedule takes no argument: it shows the invoices of the request".into())
            }
            "try" => self
                .need_plan()
                .and_then(|p| whatif::try_values(p, &self.request, args, self.width)),
            "deal" => {
                let mut next = self.request.clone();
                let said = negotiate::deal(&mut next, plan.as_deref(), args);
                if said.is_ok() {
                    self.request = next;
                }
                said
            }
            "fit" => self
                .need_plan()
                .and_then(|p| negotiate::fit(p, &self.request, args)),
            "breakeven" => self
                .need_plan()
                .and_then(|p| negotiate::breakeven(p, &self.request, args)),
            "scenario" => negotiate::scenario(
                plan.as_deref(),
                &mut self.request,
                &mut self.scenarios,
                args,
            ),
            "export" => negotiate::export(plan.as_deref(), &self.request, args),
            "compare" => match self.quotes.as_slice() {
                [before, after] => whatif::compare(before, after, self.width),
                _ => {
                    Err("compare needs two quotes: run quote, change something, quote again".into())
                }
            },
            "explain" => match self.quotes.last() {
                Some(last) => explain::explain(last, args),
                None => Err("there is no quote to explain yet: run quote first".into()),
            },
            "plan" => match &plan {
                Some(p) => Ok(summary::plan(p, &self.plan_from, self.warnings)),
                None => Err(self.no_plan()),
            },
            "load" => return self.load(args),
            "reload" if args.is_empty() => return self.reload(Why::Reload),
            "reload" => Err("reload takes no argument; to switch files, write load PATH".into()),
            "help" => Ok(help(self.plan())),
            "quit" | "exit" => {
                out.quit = true;
                return out;
            }
            other => Err(format!("unknown command `{other}`")),
        };
        match result {
            Ok(text) => out.text(super::Tone::Plain, text),
            Err(e) => out.error(e),
        }
        // Prose answers are wrapped at words to the terminal (tables fit themselves); an
        // error stays the one line `Output::error` promises.
        if let Some(w) = self
            .width
            .filter(|_| matches!(cmd, "help" | "plan" | "fit" | "breakeven"))
        {
            for (_, text) in out.parts.iter_mut().filter(|(t, _)| *t == Tone::Plain) {
                *text = crate::render::wrap::wrap_text(text, w);
            }
        }
        out
    }

    fn no_plan(&self) -> String {
        format!(
            "no plan is in use: fix {} or load another plan file",
            self.source.name()
        )
    }

    fn need_plan(&self) -> Result<&Plan, String> {
        self.plan.as_deref().ok_or_else(|| self.no_plan())
    }

    /// `set`, `unset`, `add`, `drop`: the change, then the new monthly total when it prices.
    fn change(&mut self, cmd: &str, args: &[String]) -> Output {
        let mut out = Output::default();
        let before = self.price(&self.request);
        let mut next = self.request.clone();
        let plan = self.plan.as_deref();
        let done = match cmd {
            "set" => edit::set(&mut next, plan, args),
            "unset" => edit::unset(&mut next, args),
            "add" => edit::add(&mut next, plan, args),
            _ => edit::drop(&mut next, args),
        };
        let said = match done {
            Ok(s) => s,
            Err(e) => {
                out.error(e);
                return out;
            }
        };
        self.request = next;
        match self.price(&self.request) {
            Some(Ok(q)) => out.line(format!(
                "{said}; monthly recurring {} {}",
                q.fmt(q.totals.monthly_recurring),
                q.plan.currency
            )),
            Some(Err(r)) if matches!(before, Some(Ok(_))) => {
                out.line(format!("{said}; the request no longer prices: {r}"))
            }
            _ => out.line(said),
        }
        out
    }

    /// `r` priced as `quote` prices it: a plain quote, or a deal (contract prices, a ramp, an
    /// amendment, a renewal) in the same shape.
    fn price(&self, r: &Request) -> Option<Result<Quote, crate::deal::DealError>> {
        self.plan.as_deref().map(|p| crate::app::quote(p, r))
    }

    /// `schedule`: the invoices the request would issue, grouped, and the totals.
    fn schedule(&mut self) -> Result<String, String> {
        let plan = self.need_plan()?;
        let q =
            crate::app::quote(plan, &self.request).map_err(|r| format!("request rejected: {r}"))?;
        Ok(crate::render::schedule_text(&q))
    }

    fn quote(&mut self, args: &[String]) -> Result<String, String> {
        let format = match args {
            [] => Format::Table,
            [f] if f == "table" => Format::Table,
            [f] if f == "json" => Format::Json,
            [f] if f == "markdown" || f == "md" => Format::Markdown,
            _ => return Err("write quote, quote json or quote markdown".into()),
        };
        let plan = self.need_plan()?;
        let q =
            crate::app::quote(plan, &self.request).map_err(|r| format!("request rejected: {r}"))?;
        let text = if format == Format::Table {
            let customer = self.request.customer.as_deref();
            crate::render::table_for(&q, self.width, false, customer)
        } else {
            render(&q, &self.request, format)
        };
        if self.quotes.len() == 2 {
            self.quotes.remove(0);
        }
        self.quotes.push(Shown {
            request: self.request.clone(),
            quote: q,
        });
        Ok(text)
    }

    /// `load PATH`: follows another plan file from now on.
    fn load(&mut self, args: &[String]) -> Output {
        let mut out = Output::default();
        let [path] = args else {
            out.error("write load PATH, e.g. load examples/zoho.rate");
            return out;
        };
        let previous = std::mem::replace(&mut self.source, Source::new(Some(path.into())));
        if !Path::new(path).is_file() {
            self.source = previous;
            let why = if Path::new(path).exists() {
                "it is not a regular file"
            } else {
                "there is no such file"
            };
            out.error(format!("cannot load {path}: {why}"));
            return out;
        }
        self.reload(Why::Load)
    }

    /// Reads the plan again; on errors the plan in use stays, and the output says so.
    fn reload(&mut self, why: Why) -> Output {
        let mut out = Output::default();
        let name = self.source.name();
        // News the user did not ask for says what triggered it.
        let prefix = match &why {
            Why::Changed(path) => format!("{} changed: ", path.display()),
            Why::Reload | Why::Load => String::new(),
        };
        let problem = match self.source.load(self.color) {
            Loaded::Plan(plan, warnings) => {
                let verb = if matches!(why, Why::Load) {
                    "loaded"
                } else {
                    "reloaded"
                };
                let loaded = format!("{prefix}{verb} {} {} from {name}", plan.name, plan.version);
                // A reload says what it changed in pricing terms, in `ratecard diff`'s words.
                match self.plan.as_deref().filter(|_| !matches!(why, Why::Load)) {
                    Some(old) => {
                        let changes = crate::diff::changes(old, &plan);
                        if changes.is_empty() {
                            out.notice(format!("{loaded}; no pricing change"));
                        } else {
                            out.notice(loaded);
                            for c in changes.iter().take(MAX_RELOAD_CHANGES) {
                                out.notice(format!("  {c}"));
                            }
                            if changes.len() > MAX_RELOAD_CHANGES {
                                out.notice(format!(
                                    "  ... and {} more (ratecard diff lists them all)",
                                    changes.len() - MAX_RELOAD_CHANGES
                                ));
                            }
                        }
                    }
                    None => out.notice(loaded),
                }
                self.use_plan(*plan, warnings);
                out.extend(self.request_still_fits());
                return out;
            }
            Loaded::Broken(diagnostics, errors) => {
                out.text(super::Tone::Styled, diagnostics);
                format!("{name} has {errors} error{}", crate::app::plural(errors))
            }
            Loaded::Unreadable(e) => e,
        };
        match &self.plan {
            Some(_) => out.notice(format!(
                "{prefix}{problem}; still using the last good plan, {}",
                self.plan_title()
            )),
            None => out.notice(format!("{prefix}{problem}; no plan is in use")),
        }
        out
    }

    /// After a reload: does the request being shaped still price?
    fn request_still_fits(&self) -> Output {
        let mut out = Output::default();
        if self.request == Request::default() {
            return out;
        }
        match self.price(&self.request) {
            Some(Ok(q)) => out.notice(format!(
                "the current request still prices: monthly recurring {} {}",
                q.fmt(q.totals.monthly_recurring),
                q.plan.currency
            )),
            Some(Err(r)) => {
                out.notice(format!("the current request no longer fits this plan: {r}"))
            }
            None => {}
        }
        out
    }
}

/// The changes a reload lists before pointing to `ratecard diff` for the rest.
const MAX_RELOAD_CHANGES: usize = 12;

/// A session on the built-in plan, for the REPL's unit tests.
#[cfg(test)]
pub(crate) fn builtin_session() -> Session {
    match Session::new(None, false) {
        Ok((s, _)) => s,
        Err(e) => panic!("the built-in plan loads: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        builtin_session()
    }

    fn news(text: &str) -> Output {
        let mut out = Output::default();
        out.notice(text);
        out
    }

    #[test]
    fn deferred_news_comes_once_before_the_next_answer() {
        let mut s = session();
        s.defer(news("plan.rate changed: reloaded demo 2"));
        assert_eq!(
            s.handle("set seats 5").render(false),
            "plan.rate changed: reloaded demo 2\nseats 5\n"
        );
        assert_eq!(s.handle("").render(false), "");
    }

    #[test]
    fn deferred_news_can_be_taken_to_print_at_once_in_order() {
        let mut s = session();
        s.defer(news("first"));
        s.defer(Output::default());
        s.defer(news("second"));
        assert_eq!(s.take_deferred().render(false), "first\nsecond\n");
        assert!(s.take_deferred().is_empty());
        assert_eq!(s.handle("set seats 5").render(false), "seats 5\n");
    }

    #[test]
    fn compare_keeps_each_editions_seats_on_its_own_row() {
        let mut s = session();
        s.handle("set edition basic");
        s.handle("set seats 12");
        s.handle("quote");
        s.handle("set edition advanced");
        s.handle("quote");
        let out = s.handle("compare").render(false);
        let row = |label: &str| {
            out.lines()
                .find(|l| l.contains(label))
                .map(|l| l.split('│').map(str::trim).collect::<Vec<_>>())
        };
        assert_eq!(
            row("Basic seats").as_deref(),
            Some(&["", "Basic seats", "1200.00", "-", "-1200.00", ""][..])
        );
        assert_eq!(
            row("Advanced seats small").as_deref(),
            Some(
                &[
                    "",
                    "Advanced seats small (1..9)",
                    "-",
                    "1800.00",
                    "+1800.00",
                    ""
                ][..]
            )
        );
    }

    #[test]
    fn the_prompt_says_why_the_request_does_not_price() {
        let mut s = session();
        assert_eq!(s.prompt(), "acme> ");
        s.handle("set edition basic");
        assert_eq!(s.prompt(), "acme [no seats]> ");
        s.handle("set seats 12");
        assert_eq!(s.prompt(), "acme> ");
    }

    #[test]
    fn a_mistyped_command_gets_the_closest_one() {
        let mut s = session();
        assert_eq!(
            s.handle("qoute").render(false),
            "error: unknown command `qoute` (did you mean `quote`?); help lists the commands\n"
        );
        // A variable the script knows is still a script.
        assert_eq!(s.handle("plan.name").render(false), "acme\n");
    }

    #[test]
    fn tables_fit_the_terminal_width() {
        let mut s = session();
        s.handle("set edition advanced");
        s.handle("set seats 45");
        s.handle("set storage 800");
        let wide = s.handle("quote").render(false);
        assert!(wide.lines().any(|l| l.chars().count() > 100), "{wide}");
        s.set_width(Some(80));
        for cmd in [
            "quote",
            "try seats 10..30 step 10",
            "deal price advanced 170.00",
            "quote",
        ] {
            let out = s.handle(cmd).render(false);
            if cmd.starts_with("deal") {
                continue;
            }
            let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(widest <= 80, "{cmd}: {widest} columns\n{out}");
        }
    }
}
