//! One arbitrary REPL line against a session on the built-in plan, after a line that
//! shapes a request: the session answers, it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratecard::repl::Session;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    // `load` and `export` would touch the file system: the fuzzer stays in memory.
    let first = line.split_whitespace().next().unwrap_or("");
    if matches!(first, "load" | "export" | "scenario") {
        return;
    }
    let Ok((mut session, _)) = Session::new(None, false) else {
        return;
    };
    let _ = session.handle("set edition basic");
    let _ = session.handle("set seats 5");
    let _ = session.handle(line);
});
