//! `ratecard repl`: argument parsing and the choice of front end; the session lives in
//! `crate::repl`.

use super::output::{self, say};
use super::{stdout_color, Exit};
use crate::repl::{piped, terminal, Session};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `ratecard repl`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file; without it, the built-in example plan.
    #[arg(value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// When reading commands from a pipe, print each after the prompt, as a transcript.
    #[arg(long)]
    pub echo: bool,
}

/// Starts the REPL: interactive at a terminal, line by line without prompts otherwise.
pub fn run(args: Args) -> Exit {
    // Everything the REPL says, diagnostics included, goes to stdout: it is one conversation.
    let color = stdout_color();
    let (mut session, greeting) = match Session::new(args.plan, color) {
        Ok(s) => s,
        Err(e) => {
            say!("ratecard: {e}");
            return Exit::Io;
        }
    };
    let written = if std::io::stdin().is_terminal() {
        match terminal::run(session, greeting, color) {
            Ok(()) => Ok(()),
            Err(terminal::Failure::Output(e)) => Err(e),
            Err(terminal::Failure::Terminal(e)) => {
                say!("ratecard: the terminal failed: {e}");
                return Exit::Io;
            }
        }
    } else {
        let mut stdout = std::io::stdout().lock();
        std::io::Write::write_all(&mut stdout, greeting.render(color).as_bytes()).and_then(|()| {
            piped::run(
                &mut session,
                &mut std::io::stdin().lock(),
                &mut stdout,
                args.echo,
                color,
            )
        })
    };
    // A session whose answers were not all delivered did not succeed.
    match written {
        Ok(()) => Exit::Ok,
        Err(e) => output::failed(&e, "standard output"),
    }
}
