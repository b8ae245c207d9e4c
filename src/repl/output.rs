//! What a command answers: text in pieces, each with a tone a terminal may color.
//!
//! The session never writes to stdout itself; front ends decide whether color applies
//! (a terminal, NO_COLOR unset) and where the text goes.

/// How a piece of output should look on a color terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Something went wrong; the session goes on.
    Error,
    /// News the user did not ask for: a reload, a plan still in use.
    Notice,
    /// Text ratecard already styled for the terminal (a plan's diagnostics, drawn with
    /// their own colours when color is on, their untrusted parts already escaped): its
    /// colour sequences are kept, anything else is escaped (`text::shown_styled`).
    Styled,
}

/// The answer to one line: text pieces in order, and whether the session should end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Pieces of text, each ending in a newline.
    pub parts: Vec<(Tone, String)>,
    /// True after `quit`.
    pub quit: bool,
}

impl Output {
    /// Adds text as is (it should end in a newline).
    pub fn text(&mut self, tone: Tone, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.parts.push((tone, text));
        }
    }

    /// Adds one line of plain text.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.text(Tone::Plain, format!("{}\n", text.as_ref()));
    }

    /// Adds an error line, prefixed `error: `. It is one line whatever it holds: a rejection
    /// can carry a hook's or a request's text, whose line breaks are shown escaped.
    pub fn error(&mut self, text: impl AsRef<str>) {
        let text = crate::text::shown(text.as_ref());
        self.text(Tone::Error, format!("error: {text}\n"));
    }

    /// Adds a notice line.
    pub fn notice(&mut self, text: impl AsRef<str>) {
        self.text(Tone::Notice, format!("{}\n", text.as_ref()));
    }

    /// Appends everything `other` holds.
    pub fn extend(&mut self, other: Output) {
        self.parts.extend(other.parts);
        self.quit |= other.quit;
    }

    /// True when there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The whole text, with ANSI colors when `color` is set.
    pub fn render(&self, color: bool) -> String {
        let mut s = String::new();
        for (tone, text) in &self.parts {
            // The last guard before the terminal: whatever a plan, hook, request or script
            // put in the text, no escape sequence or carriage return gets through (colors
            // are added below, after it).
            if *tone == Tone::Styled {
                s.push_str(&crate::text::shown_styled(text));
                continue;
            }
            let text = &*crate::text::shown_lines(text);
            let code = match tone {
                Tone::Plain | Tone::Styled => None,
                Tone::Error => Some("31"),
                Tone::Notice => Some("33"),
            };
            match code.filter(|_| color) {
                // The newline stays outside the color so the prompt is never tinted.
                Some(c) => {
                    let body = text.strip_suffix('\n').unwrap_or(text);
                    s.push_str(&format!("\x1b[{c}m{body}\x1b[0m"));
                    if body.len() < text.len() {
                        s.push('\n');
                    }
                }
                None => s.push_str(text),
            }
        }
        s
    }
}

/// A table as text without the trailing blanks a blank-style table leaves on every line.
pub fn tidy(table: impl std::fmt::Display) -> String {
    let text = table.to_string();
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n")
}
