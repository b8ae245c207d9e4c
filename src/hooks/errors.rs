//! Rhai's errors, said in a pricing manager's words, with where in the script they happened.
//!
//! Rhai reports "Too many operations" or "Function not found: - (&str | ImmutableString |
//! String, i64)"; a quote rejection should say "exceeded its operation limit" and "cannot
//! subtract a number from text". Every message here is what follows `hook path:line:col`.

use super::api::REJECTED;
use super::engine::{limits, INTERRUPTED, OUT_OF_TIME};
use super::state::Rejected;
use rhai::{EvalAltResult, ParseErrorType, Position};

/// 1-based line and column, when Rhai knows them.
pub(crate) type At = Option<(usize, usize)>;

fn at(p: Position) -> At {
    p.line().zip(p.position())
}

/// Type names as Rhai prints them, in the words a script's author knows.
fn plain_types(s: &str) -> String {
    s.replace("&str | ImmutableString | String", "text")
        .replace("ImmutableString", "text")
        .replace("rust_decimal::Decimal", "decimal")
        .replace("i64", "integer")
        .replace("()", "nothing")
        .replace("'", "`")
}

/// Rhai's own message without the ` (line 3, position 5)` it appends.
fn bare(err: &EvalAltResult) -> String {
    let text = err.to_string();
    let cut = text.rfind(" (line ").unwrap_or(text.len());
    text[..cut].to_string()
}

/// `- (text, integer)` as "cannot apply `-` to text and integer"; `foo (integer)` as a call.
fn not_found(signature: &str) -> String {
    let (name, args) = signature
        .split_once(" (")
        .map_or((signature, ""), |(n, a)| (n, a.trim_end_matches(')')));
    let args = plain_types(args);
    let operator = !name.is_empty() && name.chars().all(|c| !c.is_alphanumeric() && c != '_');
    if operator {
        let parts: Vec<&str> = args.split(", ").collect();
        return match parts.as_slice() {
            [a, b] => format!("cannot apply `{name}` to {a} and {b}"),
            _ => format!("cannot apply `{name}` to {args}"),
        };
    }
    let name = name.strip_prefix("get$").map_or_else(
        || format!("function `{name}`"),
        |p| format!("property `{p}`"),
    );
    format!("there is no {name} taking ({args})")
}

/// Rhai's property messages ("Unknown property 'x' - a getter is not registered for type
/// 'quote'") as "the quote has no property `x`".
fn property(message: &str) -> String {
    let quoted: Vec<&str> = message.split('\'').skip(1).step_by(2).collect();
    let owner = |t: &str| match t {
        "quote" | "request" => format!("the {t}"),
        other => format!("a value of type {}", plain_types(other)),
    };
    match quoted.as_slice() {
        [name, of, ..] if message.starts_with("Unknown property") => {
            format!("{} has no property `{name}`", owner(of))
        }
        [name, of, ..] if message.starts_with("No writable property") => format!(
            "`{name}` of {} cannot be changed: a hook reads the request and changes the quote through its functions",
            owner(of)
        ),
        _ => plain_types(message),
    }
}

/// What a failed run says, and where: the innermost error with a position wins.
pub(crate) fn runtime(err: &EvalAltResult, rejected: Option<&Rejected>) -> (At, String) {
    if let Some(r) = rejected {
        return (r.at, format!("rejected the quote: {}", r.message));
    }
    let mut inner = err;
    let mut pos = at(err.position());
    while let EvalAltResult::ErrorInFunctionCall(_, _, e, p) = inner {
        pos = at(e.position()).or(at(*p)).or(pos);
        inner = e;
    }
    (pos, describe(inner))
}

/// One Rhai runtime error in user words, without a position.
pub fn describe(err: &EvalAltResult) -> String {
    use EvalAltResult as E;
    match err {
        E::ErrorInFunctionCall(_, _, inner, _) => describe(inner),
        E::ErrorTooManyOperations(_) => format!(
            "exceeded its operation limit of {} operations (a loop that never ends?)",
            limits::OPERATIONS
        ),
        E::ErrorStackOverflow(_) => format!(
            "exceeded its limit of {} nested function calls (a recursion that never ends?)",
            limits::CALL_LEVELS
        ),
        E::ErrorDataTooLarge(what, _) if what.contains("string") => format!(
            "exceeded its string size limit of {} bytes",
            limits::STRING_BYTES
        ),
        E::ErrorDataTooLarge(what, _) if what.contains("array") => format!(
            "exceeded its array size limit of {} items",
            limits::ARRAY_ITEMS
        ),
        E::ErrorDataTooLarge(what, _) if what.contains("map") => format!(
            "exceeded its map size limit of {} properties",
            limits::MAP_PROPERTIES
        ),
        E::ErrorTooManyVariables(_) => {
            format!("exceeded its limit of {} variables", limits::VARIABLES)
        }
        E::ErrorTooManyModules(_) | E::ErrorModuleNotFound(..) | E::ErrorInModule(..) => {
            "cannot import modules: a hook is one self-contained file".into()
        }
        E::ErrorTerminated(token, _) if token.to_string() == OUT_OF_TIME => format!(
            "exceeded its time limit of {} ms",
            limits::WALL_CLOCK.as_millis()
        ),
        E::ErrorTerminated(token, _) if token.to_string() == INTERRUPTED => {
            "was interrupted (Ctrl-C)".into()
        }
        E::ErrorTerminated(token, _) if token.to_string() == REJECTED => {
            "rejected the quote".into()
        }
        E::ErrorRuntime(value, _) if value.is_unit() => "failed: it threw an error".into(),
        E::ErrorRuntime(value, _) => format!("failed: {value}"),
        E::ErrorFunctionNotFound(signature, _) => format!("failed: {}", not_found(signature)),
        E::ErrorVariableNotFound(name, _) => format!("failed: there is no variable `{name}`"),
        E::ErrorDotExpr(message, _) => format!("failed: {}", property(message)),
        E::ErrorMismatchDataType(expected, actual, _) => format!(
            "failed: expected {}, got {}",
            plain_types(expected),
            plain_types(actual)
        ),
        _ => format!("failed: {}", plain_types(&bare(err))),
    }
}

/// A compile error in user words.
pub(crate) fn compile(err: &ParseErrorType) -> String {
    use rhai::LexError;
    match err {
        ParseErrorType::BadInput(LexError::ImproperSymbol(s, _)) if s == "eval" => {
            "`eval` is disabled in hooks: write the expression itself".into()
        }
        ParseErrorType::BadInput(LexError::ImproperSymbol(s, _)) | ParseErrorType::Reserved(s)
            if s == "import" =>
        {
            "`import` is disabled in hooks: a hook is one self-contained file".into()
        }
        ParseErrorType::VariableUndefined(name) => format!(
            "undefined variable `{name}`: a hook sees `request`, `quote` and the variables it declares with `let`"
        ),
        ParseErrorType::ExprTooDeep => format!(
            "expressions are nested too deeply (more than {} levels in a function)",
            limits::FUNCTION_EXPR_DEPTH
        ),
        ParseErrorType::TooManyFunctions => {
            format!("defines more than {} functions", limits::FUNCTIONS)
        }
        other => other.to_string(),
    }
}
