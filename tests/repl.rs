//! `ratecard repl` through the real binary: scripted sessions on stdin with exact output,
//! live sessions that edit the plan between commands, a pseudo-terminal session for
//! completion, history, reload news above the waiting prompt and pastes, and the transcript
//! in docs/repl.md.

mod common;

use common::{root, Test};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// Runs `tests/fixtures/repl/NAME.txt` through `ratecard repl --echo` and compares stdout
/// with `NAME.out`, exactly.
fn fixture(name: &str) {
    let dir = root().join("tests/fixtures/repl");
    let input = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("session");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("output");
    Test::new()
        .args(&["repl", "--echo"])
        .stdin(&input)
        .run()
        .status(0)
        .stderr("")
        .stdout(&expected);
}

#[test]
fn set_show_quote_compare_try_and_explain() {
    fixture("basics");
}

#[test]
fn rhai_sweeps_functions_and_the_bound_request() {
    fixture("scripts");
}

#[test]
fn errors_never_end_the_session() {
    fixture("errors");
}

#[test]
fn blocking_and_slow_calls_end_with_a_message() {
    fixture("hostile");
}

#[test]
fn without_echo_only_answers_are_printed() {
    Test::new()
        .args(&["repl"])
        .stdin("set edition basic\nset seats 5\nquit\nset seats 6\n")
        .run()
        .status(0)
        .stderr("")
        .stdout("edition basic\nseats 5; monthly recurring 600.00 CNY\n");
}

#[test]
fn set_refuses_a_count_on_the_spot_in_the_words_quote_uses() {
    // Answers and errors alike go to stdout when the session is piped.
    Test::new()
        .args(&["repl", "examples/hubspot.rate"])
        .stdin("set edition starter\nset seats 10.5\nset seats 0\nset term 1.5\nset seats core 2.5\nset seats 3\n")
        .run()
        .status(0)
        .stderr("")
        .stdout(
            "edition starter\n\
             error: request rejected: seats 10.5 is not accepted: it must be a whole number of at least 1\n\
             error: request rejected: seats 0 is not accepted: it must be a whole number of at least 1\n\
             error: request rejected: term_months 1.5 is not accepted: it must be a whole number of at least 1\n\
             error: request rejected: seats 2.5 is not accepted: it must be a whole number of at least 1\n\
             seats 3; monthly recurring 60.00 USD\n",
        );
}

#[test]
fn an_unreadable_plan_is_an_io_error() {
    Test::new()
        .args(&["repl", "no/such/plan.rate"])
        .run()
        .status(4)
        .stdout("")
        .stderr("ratecard: cannot read plan no/such/plan.rate: No such file or directory (os error 2)\n");
}

/// A REPL on a pipe that a test talks to line by line, editing files in between.
struct Live {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl Live {
    fn start(args: &[&Path]) -> Live {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .arg("repl")
            .args(args)
            .env("NO_COLOR", "1")
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn ratecard repl");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line + "\n").is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Live {
            child,
            stdin,
            lines,
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").expect("write a command");
        stdin.flush().expect("flush");
    }

    /// Reads as many lines as `expected` has and compares them, exactly. Reading the answer
    /// before the next edit is what makes these tests deterministic.
    fn expect(&mut self, expected: &str) {
        let mut got = String::new();
        for _ in 0..expected.lines().count() {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(l) => got.push_str(&l),
                Err(_) => panic!("timed out; so far:\n{got}\nexpected:\n{expected}"),
            }
        }
        assert_eq!(got, expected);
    }

    /// Ends the session and checks that nothing more was printed.
    fn finish(mut self) {
        drop(self.stdin.take());
        let rest: String = self.lines.iter().collect();
        assert_eq!(rest, "", "unexpected output after the last answer");
        let status = self.child.wait().expect("wait");
        assert_eq!(status.code(), Some(0));
    }
}

fn acme() -> String {
    std::fs::read_to_string(root().join("examples/acme.rate")).expect("acme")
}

/// Saves the plan the way editors do, by renaming a finished file over it: an in-place
/// write can be seen half done (truncated, then written) by a watcher on a busy machine,
/// and these tests assert the one reload a save makes, not how a torn write is handled
/// (that has its own test).
fn write(path: &Path, text: &str) {
    let tmp = path.with_extension("rate.saving");
    std::fs::write(&tmp, text).expect("write the new plan");
    std::fs::rename(&tmp, path).expect("save it over the plan");
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn reloads_when_the_plan_file_changes_and_keeps_the_request() {
    let t = Test::new();
    let plan = t.file("acme.rate", &acme());
    let p = shown(&plan);
    let mut live = Live::start(&[&plan]);
    live.send("set edition basic");
    live.send("set seats 5");
    live.expect("edition basic\nseats 5; monthly recurring 600.00 CNY\n");

    write(
        &plan,
        &acme()
            .replace("version \"2026.1\"", "version \"2026.2\"")
            .replace("small  1..9    at 120.00", "small  1..9    at 130.00"),
    );
    live.send("set seats 6");
    live.expect(&format!(
        "{p} changed: reloaded acme 2026.2 from {p}
  ~ edition basic, seat band small: 1..9 at 120.00 -> 1..9 at 130.00
the current request still prices: monthly recurring 650.00 CNY
seats 6; monthly recurring 780.00 CNY
"
    ));

    // The edition the request names is gone: the reload says so, the request stays.
    write(
        &plan,
        &acme().replace("edition basic \"Basic\"", "edition starter \"Starter\""),
    );
    live.send("quote");
    live.expect(&format!(
        "{p} changed: reloaded acme 2026.1 from {p}
  - edition basic: volume: small 1..9 at 130.00, medium 10..100 at 100.00, large 101.. at 85.00; includes customers, contacts, opportunities, tasks; storage 5 GB per seat
  + edition starter: volume: small 1..9 at 120.00, medium 10..100 at 100.00, large 101.. at 85.00; includes customers, contacts, opportunities, tasks; storage 5 GB per seat
the current request no longer fits this plan: unknown edition `basic`; expected one of: starter, advanced
error: request rejected: unknown edition `basic`; expected one of: starter, advanced
"
    ));
    live.send("set edition starter");
    live.expect("edition starter; monthly recurring 720.00 CNY\n");

    // An explicit reload of an unchanged file reads it again all the same.
    live.send("reload");
    live.expect(&format!(
        "reloaded acme 2026.1 from {p}; no pricing change\nthe current request still prices: monthly recurring 720.00 CNY\n"
    ));
    live.finish();
}

#[test]
fn a_broken_edit_keeps_the_last_good_plan() {
    let t = Test::new();
    let plan = t.file("acme.rate", &acme());
    let p = shown(&plan);
    let mut live = Live::start(&[&plan]);
    live.send("set edition basic");
    live.send("set seats 5");
    live.expect("edition basic\nseats 5; monthly recurring 600.00 CNY\n");

    write(&plan, &acme().replace("currency CNY", "currency RMB"));
    live.send("set seats 6");
    let diagnostic = format!(
        "  × `RMB` is not an ISO 4217 currency code
   ╭─[{p}:6:12]
 5 │   version \"2026.1\"
 6 │   currency RMB
   ·            ───
 7 │   tax 6%
   ╰────
  help: use an ISO 4217 code such as USD, EUR, CNY or JPY
"
    );
    live.expect(&format!(
        "{diagnostic}{p} changed: {p} has 1 error; still using the last good plan, acme 2026.1 from {p}
seats 6; monthly recurring 720.00 CNY
"
    ));
    // The diagnostics are not repeated on every line, only when asked for or changed.
    live.send("set seats 7");
    live.expect("seats 7; monthly recurring 840.00 CNY\n");
    live.send("reload");
    live.expect(&format!(
        "{diagnostic}{p} has 1 error; still using the last good plan, acme 2026.1 from {p}\n"
    ));

    // A file that cannot be read at all (deleted mid-save) is no different.
    std::fs::remove_file(&plan).expect("delete the plan");
    live.send("set seats 8");
    live.expect(&format!(
        "{p} changed: cannot read plan {p}: No such file or directory (os error 2); still using the last good plan, acme 2026.1 from {p}
seats 8; monthly recurring 960.00 CNY
"
    ));

    write(
        &plan,
        &acme().replace("version \"2026.1\"", "version \"2026.3\""),
    );
    live.send("set seats 9");
    live.expect(&format!(
        "{p} changed: reloaded acme 2026.3 from {p}; no pricing change
the current request still prices: monthly recurring 960.00 CNY
seats 9; monthly recurring 1080.00 CNY
"
    ));
    live.finish();
}

#[test]
fn a_session_can_start_on_a_broken_plan_and_pick_up_the_fix() {
    let t = Test::new();
    let plan = t.file("acme.rate", &acme().replace("  tax 6%\n", ""));
    let p = shown(&plan);
    let mut live = Live::start(&[&plan]);
    live.expect(&format!(
        "  × the plan has no tax rate
   ╭─[{p}:4:6]
 3 │ \n 4 │ plan \"acme\" {{
   ·      ──────
 5 │   version \"2026.1\"
   ╰────
  help: for example: tax 6%
{p} has 1 error; no plan is in use until it is fixed (it is reloaded when it changes) or another is loaded
"
    ));
    live.send("set edition basic");
    live.send("quote");
    live.expect(&format!(
        "edition basic\nerror: no plan is in use: fix {p} or load another plan file\n"
    ));
    write(&plan, &acme());
    live.send("set seats 5");
    live.expect(&format!(
        "{p} changed: reloaded acme 2026.1 from {p}
the current request no longer fits this plan: the request has no seats; give the number of users, e.g. seats = 10
seats 5; monthly recurring 600.00 CNY
"
    ));
    live.finish();
}

#[test]
fn a_hook_script_change_reloads_the_plan() {
    let t = Test::new();
    let with_hook = acme().replace("  tax 6%\n", "  tax 6%\n  hook \"rules.rhai\"\n");
    let plan = t.file("acme.rate", &with_hook);
    let rules = t.file(
        "rules.rhai",
        "fn price(request, quote) { quote.note(\"rules v1\"); }\n",
    );
    let (p, r) = (shown(&plan), shown(&rules));
    let mut live = Live::start(&[&plan]);
    live.send("quote(#{edition: \"basic\", seats: 5}).notes");
    live.expect("[\"hook rules.rhai: rules v1\"]\n");

    write(
        &rules,
        "fn price(request, quote) { quote.note(\"rules v2\"); }\n",
    );
    live.send("quote(#{edition: \"basic\", seats: 5}).notes");
    live.expect(&format!(
        "{r} changed: reloaded acme 2026.1 from {p}\n  ~ hook rules.rhai: script 6cfd40af -> script bfe6f9da\n[\"hook rules.rhai: rules v2\"]\n"
    ));
    live.finish();
}

/// The walkthrough in docs/repl.md is a transcript: its commands, run through the REPL,
/// must print exactly the transcript.
#[test]
fn the_walkthrough_in_the_docs_is_what_the_repl_prints() {
    // The walkthrough saves scenarios under target/, which is elsewhere when
    // CARGO_TARGET_DIR is set.
    std::fs::create_dir_all(root().join("target")).expect("target/ for the saved scenarios");
    let doc = std::fs::read_to_string(root().join("docs/repl.md")).expect("docs/repl.md");
    let mut transcript = String::new();
    let mut inside = false;
    for line in doc.lines() {
        match line {
            "```repl" => inside = true,
            "```" if inside => inside = false,
            _ if inside => {
                transcript.push_str(line);
                transcript.push('\n');
            }
            _ => {}
        }
    }
    // A prompt is the plan's name, then why the request does not price yet in brackets.
    let command = |l: &str| -> Option<String> {
        if let Some(c) = l.strip_prefix("....> ") {
            return Some(c.to_string());
        }
        let rest = ["acme", "Zoho-style CRM"]
            .iter()
            .find_map(|name| l.strip_prefix(name))?;
        if let Some(c) = rest.strip_prefix("> ") {
            return Some(c.to_string());
        }
        let (_, c) = rest.strip_prefix(" [")?.split_once("]> ")?;
        Some(c.to_string())
    };
    let input: String = transcript
        .lines()
        .filter_map(command)
        .map(|c| format!("{c}\n"))
        .collect();
    assert!(input.lines().count() > 10, "the walkthrough has commands");
    Test::new()
        .args(&["repl", "--echo", "examples/acme.rate"])
        .stdin(&input)
        .run()
        .status(0)
        .stderr("")
        .stdout(&transcript);
}

/// The prompt with nothing typed after it, as rustyline draws it: a needle that a redraw
/// of a line being typed cannot match.
const EMPTY_PROMPT: &str = "acme> \r\x1b[6C";

/// The empty prompt while the request has an edition but no seats: it says what is missing.
const NO_SEATS_PROMPT: &str = "acme [no seats]> \r\x1b[17C";

/// What a terminal shows of `bytes`: the text without escape sequences and carriage returns,
/// so that assertions are exact about the words on screen but not about how rustyline
/// draws them (its redraw and synchronized-update codes change between releases).
fn visible(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            // A control sequence: ESC [, parameters, then one final byte in @..=~.
            '\x1b' => {
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            '\r' => {}
            c => shown.push(c),
        }
    }
    shown
}

/// Waits until the empty prompt is drawn again; returns what the screen showed before it.
fn until_prompt(s: &mut expectrl::Session) -> String {
    let found = s.expect(EMPTY_PROMPT).expect("the prompt comes back");
    visible(found.before())
}

/// Waits until the empty prompt is drawn again; returns the last line entered and the answer
/// to it, as the screen ends up showing them (the redraws while it was typed, each with the
/// prompt, come before).
fn entered(s: &mut expectrl::Session) -> String {
    let screen = until_prompt(s);
    screen
        .rsplit("acme> ")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The REPL at a pseudo-terminal, with its history in `home`.
fn terminal(home: &Path, args: &[&Path]) -> expectrl::Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ratecard"));
    cmd.arg("repl")
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .current_dir(root());
    let mut s = expectrl::Session::spawn(cmd).expect("spawn in a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    s
}

#[test]
fn at_a_terminal_tab_completes_and_history_persists() {
    let home = tempfile::tempdir().expect("home");
    let plan = home.path().join("acme.rate");
    write(&plan, &acme());
    let p = shown(&plan);
    let mut s = terminal(home.path(), &[&plan]);
    s.expect("Ctrl-D or quit leaves.").expect("banner");
    s.expect(EMPTY_PROMPT).expect("prompt");
    // `edi` and `adv` are completed from the command table and the plan's editions; the
    // answer only reads "edition advanced" if both completed. The keys arrive in one write,
    // as from a fast typist: with a watcher printing above the prompt, rustyline before 19
    // read only the first of them until more input came (rustyline issue #976).
    s.send("set edi\tadv\t\r").expect("type");
    s.expect("\nedition advanced").expect("completed command");
    s.send("set seats 12\r").expect("type");
    s.expect("monthly recurring 2340.00 CNY")
        .expect("advanced, 12 seats");
    // A script over several lines waits for its closing brace.
    s.send("for s in [1, 2] {\r").expect("type");
    s.send("print(s * 10)\r").expect("type");
    s.send("}\r").expect("type");
    s.expect("\n20").expect("the loop ran once complete");
    s.expect(EMPTY_PROMPT).expect("prompt");

    // The watcher reloads an edited plan and prints the news above the waiting prompt, then
    // draws the prompt again: no key is pressed.
    write(
        &plan,
        &acme().replace("version \"2026.1\"", "version \"2026.2\""),
    );
    assert_eq!(
        until_prompt(&mut s),
        format!(
            "{p} changed: reloaded acme 2026.2 from {p}; no pricing change
the current request still prices: monthly recurring 2340.00 CNY
"
        )
    );
    // A broken edit: the diagnostics and the plan still in use, as soon as it is saved.
    write(&plan, &acme().replace("currency CNY", "currency RMB"));
    assert_eq!(
        until_prompt(&mut s),
        format!(
            "  × `RMB` is not an ISO 4217 currency code
   ╭─[{p}:6:12]
 5 │   version \"2026.1\"
 6 │   currency RMB
   ·            ───
 7 │   tax 6%
   ╰────
  help: use an ISO 4217 code such as USD, EUR, CNY or JPY
{p} changed: {p} has 1 error; still using the last good plan, acme 2026.2 from {p}
"
        )
    );
    // News while a line is being typed: the line is drawn again below it, and finishing it
    // runs the whole command.
    s.send("set seats").expect("type");
    s.expect("acme> set seats").expect("the typed line");
    write(&plan, &acme());
    s.expect(format!("{p} changed: reloaded acme 2026.1 from {p}; no pricing change\r\n").as_str())
        .expect("news above the line being typed");
    s.expect("the current request still prices: monthly recurring 2340.00 CNY\r\n")
        .expect("the request priced again");
    s.expect("acme> set seats")
        .expect("the typed line, drawn again");
    s.send(" 13\r").expect("type");
    assert_eq!(
        entered(&mut s),
        "set seats 13\nseats 13; monthly recurring 2520.00 CNY\n"
    );
    // A paste of several commands (bracketed, as terminals send it) runs each of them, with
    // the printer in place: rustyline before 19 left the Enter after it unread.
    s.send("\x1b[200~set seats 3\rset billing annual\r\x1b[201~\r")
        .expect("paste");
    assert_eq!(
        entered(&mut s),
        "set seats 3\nset billing annual\n\nseats 3; monthly recurring 600.00 CNY
billing annual; monthly recurring 510.00 CNY
"
    );
    s.send("quit\r").expect("type");
    s.expect(expectrl::Eof).expect("quit ends the session");

    let history = home.path().join("data/ratecard/history");
    let saved = std::fs::read_to_string(&history).expect("history file");
    assert!(saved.contains("set edition advanced"), "{saved}");
    assert!(saved.contains("set seats 12"), "{saved}");

    // A new session recalls the lines of the last one: Alt-< goes to the oldest.
    let mut s = terminal(home.path(), &[]);
    s.expect(EMPTY_PROMPT).expect("prompt");
    s.send("\x1b<\r").expect("recall");
    s.expect("\nedition advanced")
        .expect("recalled from history");
    // Control keys are keys only once the prompt is up (raw mode); before, the terminal
    // would turn Ctrl-C into a signal.
    s.expect(NO_SEATS_PROMPT).expect("prompt");
    // Ctrl-C drops the line being typed; the session goes on.
    s.send("set seats 99").expect("type");
    s.send("\x03").expect("cancel");
    s.expect(NO_SEATS_PROMPT).expect("a fresh prompt");
    s.send("show\r").expect("type");
    s.expect("seats     -").expect("seats were never set");
    s.expect(NO_SEATS_PROMPT).expect("prompt");
    // A hint shows the rest of a command's example; the right arrow takes it.
    s.send("tr").expect("type");
    s.expect("y seats 10 50 100 200").expect("hint");
    s.send("\x1b[C\r").expect("accept the hint");
    s.expect("per seat = monthly recurring / seats")
        .expect("try ran");
    s.expect("│ 200   │ 101..   │          31521.00 │")
        .expect("advanced at 200 seats");
    s.expect(NO_SEATS_PROMPT).expect("prompt");
    // A paste of several commands (bracketed, as terminals send it) runs each of them.
    s.send("\x1b[200~set edition basic\rset seats 5\r\x1b[201~\r")
        .expect("paste");
    s.expect("edition basic\r\nseats 5; monthly recurring 600.00 CNY")
        .expect("both pasted commands ran");
    s.expect(EMPTY_PROMPT).expect("prompt");
    // Ctrl-D leaves.
    s.send("\x04").expect("Ctrl-D");
    s.expect(expectrl::Eof).expect("Ctrl-D ends the session");
}

mod hostile {
    //! The session itself, without a process: no line, however odd, panics it.

    use proptest::prelude::*;
    use ratecard::repl::Session;

    const WORDS: &[&str] = &[
        "set", "unset", "add", "drop", "clear", "show", "quote", "try", "compare", "explain",
        "plan", "reload", "help", "load",
    ];
    const ARGS: &[&str] = &[
        "edition",
        "seats",
        "storage",
        "backup",
        "support",
        "billing",
        "term",
        "customer",
        "attr",
        "module",
        "service",
        "coupon",
        "basic",
        "advanced",
        "integration",
        "erp",
        "high",
        "training",
        "sales_automation",
        "marketing_automation",
        "analytics",
        "daily",
        "premium",
        "annual",
        "quarterly",
        "none",
        "json",
        "markdown",
        "0",
        "-1",
        "2.5",
        "1e99",
        "99999999999999999999999999999",
        "79228162514264337593543950335",
        "18446744073709551616",
        "3",
        "12",
        "\u{3000}",
        "\"",
        "\"a b\"",
        "#{",
        "{",
        "}",
        "(",
        "seats.small",
        "no/such.rate",
    ];

    fn line() -> impl Strategy<Value = String> {
        let command = (
            prop::sample::select(WORDS),
            prop::collection::vec(prop::sample::select(ARGS), 0..5),
        )
            .prop_map(|(w, args)| format!("{w} {}", args.join(" ")));
        prop_oneof![command.clone(), command, "\\PC{0,40}"]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn no_line_panics_the_session(lines in prop::collection::vec(line(), 1..12)) {
            let (mut s, _) = Session::new(None, false).expect("the built-in plan loads");
            for l in &lines {
                let _ = s.handle(l);
            }
            // And it still answers afterwards.
            let out = s.handle("help");
            prop_assert!(!out.is_empty());
        }
    }
}

#[test]
fn hot_reload_survives_a_deleted_truncated_renamed_or_garbled_plan() {
    let t = Test::new();
    let plan = t.file("acme.rate", &acme());
    let p = shown(&plan);
    let mut live = Live::start(&[&plan]);
    live.send("set edition basic");
    live.send("set seats 3");
    live.expect("edition basic\nseats 3; monthly recurring 360.00 CNY\n");

    std::fs::remove_file(&plan).expect("delete the plan");
    live.send("set seats 4");
    live.expect(&format!(
        "{p} changed: cannot read plan {p}: No such file or directory (os error 2); still using the last good plan, acme 2026.1 from {p}
seats 4; monthly recurring 480.00 CNY
"
    ));

    // Truncated mid-write by an editor.
    write(&plan, "plan \"acme\" {\n  version \"1");
    live.send("set seats 5");
    live.expect(&format!(
        "  × expected `\"`, found the end of the file
   ╭─[{p}:2:13]
 1 │ plan \"acme\" {{
 2 │   version \"1
   ╰────
{p} changed: {p} has 1 error; still using the last good plan, acme 2026.1 from {p}
seats 5; monthly recurring 600.00 CNY
"
    ));

    // Not UTF-8 (a Latin-1 export).
    std::fs::write(&plan, b"plan \"acme\xe9\" {}").expect("write");
    live.send("set seats 6");
    live.expect(&format!(
        "{p} changed: plan {p} is not UTF-8 text; still using the last good plan, acme 2026.1 from {p}
seats 6; monthly recurring 720.00 CNY
"
    ));

    // Replaced by a rename, as editors save.
    let next = t.file("acme.rate.tmp", &acme().replace("2026.1", "2026.2"));
    std::fs::rename(&next, &plan).expect("rename over the plan");
    live.send("set seats 7");
    live.expect(&format!(
        "{p} changed: reloaded acme 2026.2 from {p}; no pricing change
the current request still prices: monthly recurring 720.00 CNY
seats 7; monthly recurring 840.00 CNY
"
    ));
    live.finish();
}

#[test]
fn ctrl_c_stops_a_long_command_and_keeps_the_session() {
    // Every quote of this plan runs a hook to its operation limit, so a breakeven search
    // (up to 4,000 quotes) takes far longer than the test waits.
    let home = tempfile::tempdir().expect("home");
    let plan = std::path::PathBuf::from("tests/fixtures/hooks/loop.rate");
    let mut s = terminal(home.path(), &[&plan]);
    s.expect("Ctrl-D or quit leaves.").expect("banner");
    s.send("set edition basic\r").expect("type");
    s.send("set seats 5\r").expect("type");
    s.expect("seats 5").expect("seats set");
    s.send("breakeven monthly annual\r").expect("type");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send("\x03").expect("Ctrl-C");
    s.expect(
        "interrupted (Ctrl-C): the command was stopped; the session and its request are unchanged",
    )
    .expect("the command says it stopped");
    // The session is alive and still has its request.
    s.send("show\r").expect("type");
    s.expect("seats     5").expect("the request kept its seats");
    s.send("quit\r").expect("type");
}

#[test]
fn at_a_colour_terminal_a_broken_plans_diagnostics_keep_their_colours_and_stay_escaped() {
    let home = tempfile::tempdir().expect("home");
    let plan = home.path().join("broken.rate");
    // A broken plan whose label tries to set the terminal's title.
    write(
        &plan,
        "plan \"x\" {\n  version \"1\"\n  currency USD\n  tax 0%\n  edition basic \"Ba\u{1b}]0;pwned\u{7}sic\" { 20.00 per seat }\n  bogus\n}\n",
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ratecard"));
    cmd.arg("repl")
        .arg(&plan)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .current_dir(root());
    let mut s = expectrl::Session::spawn(cmd).expect("spawn in a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    let found = s
        .expect("no plan is in use until it is fixed")
        .expect("the notice");
    let screen = String::from_utf8_lossy(found.before()).into_owned();
    // Real colours, not `\u{1b}[31m` written out.
    assert!(screen.contains("\u{1b}["), "{screen:?}");
    assert!(!screen.contains("\\u{1b}["), "{screen:?}");
    // The label's OSC sequence is shown, not sent.
    assert!(screen.contains("Ba\\u{1b}]0;pwned\\u{7}sic"), "{screen:?}");
    assert!(!screen.contains("\u{1b}]0;"), "{screen:?}");
    s.send_line("quit").expect("quit");
    let _ = s.expect(expectrl::Eof);
}

#[test]
fn at_an_80_column_terminal_help_and_plan_wrap_at_words() {
    let home = tempfile::tempdir().expect("home");
    let plan = home.path().join("acme.rate");
    write(&plan, &acme());
    let mut s = terminal(home.path(), &[&plan]);
    s.get_process_mut()
        .set_window_size(80, 24)
        .expect("an 80-column terminal");
    s.expect(EMPTY_PROMPT).expect("prompt");
    for command in ["help", "plan"] {
        s.send(format!("{command}\r")).expect("type");
        let screen = entered(&mut s);
        let answer = screen
            .strip_prefix(&format!("{command}\n"))
            .unwrap_or_else(|| panic!("{screen:?}"));
        for line in answer.lines() {
            assert!(line.chars().count() <= 80, "{command}: {line}");
        }
        // The same words as without a terminal, none cut in two.
        let mut piped = Command::new(env!("CARGO_BIN_EXE_ratecard"))
            .arg("repl")
            .arg(&plan)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("piped repl");
        let mut input = piped.stdin.take().expect("stdin");
        writeln!(input, "{command}").expect("write");
        drop(input);
        let out = piped.wait_with_output().expect("piped answer");
        let whole = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(whole.lines().any(|l| l.chars().count() > 80), "{whole}");
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(words(answer), words(&whole), "{command}\n{answer}");
    }
    s.send("quit\r").expect("type");
}
