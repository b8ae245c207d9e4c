//! Parse and check arbitrary bytes as a plan, and render every diagnostic: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratecard::check::check_source;
use ratecard::diagnostic::{render_capped, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.rate", text);
    let checked = check_source(source.clone(), None);
    let _ = render_capped(&checked.diagnostics, &source, false);
    for d in &checked.diagnostics {
        let _ = d.one_line(&source);
    }
});
