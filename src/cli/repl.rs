//! `ratecard repl`: argument parsing and the choice of front end; the session lives in
//! `crate::repl`.

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
            eprintln!("ratecard: {e}");
            return Exit::Io;
        }
    };
    if std::io::stdin().is_terminal() {
        if let Err(e) = terminal::run(session, greeting, color) {
            eprintln!("ratecard: the terminal failed: {e}");
            return Exit::Io;
        }
    } else {
        let mut stdout = std::io::stdout().lock();
        let _ = std::io::Write::write_all(&mut stdout, greeting.render(color).as_bytes());
        piped::run(
            &mut session,
            &mut std::io::stdin().lock(),
            &mut stdout,
            args.echo,
            color,
        );
    }
    Exit::Ok
}
