//! Feed arbitrary bytes to the language server as if an editor sent them over stdio: the
//! frame reader (lengths, headers, resynchronisation), JSON-RPC parsing and every handler a
//! well-formed message reaches. No panic, no hang, no allocation past the frame cap.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// An editor's `initialize`, so most inputs reach the handlers: without it the server
/// answers every request with "not initialized".
const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}"#;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let mut input = Vec::with_capacity(data.len() + 80);
    if first % 2 == 0 {
        input.extend_from_slice(
            format!("Content-Length: {}\r\n\r\n{INITIALIZE}", INITIALIZE.len()).as_bytes(),
        );
    }
    input.extend_from_slice(rest);
    let _ = ratecard::lsp::serve(&input[..], std::io::sink());
});
