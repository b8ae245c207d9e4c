//! A JSON request as `ratecard serve` reads one (`POST /v1/quote`, each line of
//! `/v1/batch`): parsed by `Request::from_json`, quoted against the built-in plan, written
//! as the JSON contract. No panic; a parsed request never holds a number the text did not
//! say (a non-zero number written is never priced as 0).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratecard::check::check_builtin;
use ratecard::model::Plan;
use ratecard::request::Request;
use std::sync::OnceLock;

fn acme() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| check_builtin().plan.expect("acme checks"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(request) = Request::from_json(data) else {
        return;
    };
    // Whatever parsed is a request that round-trips through its own JSON.
    let again = serde_json::to_vec(&request).expect("a request serializes");
    let back = Request::from_json(&again).expect("its JSON reads back");
    assert_eq!(back, request);
    if let Ok(q) = ratecard::app::quote(acme(), &request) {
        let json = ratecard::render::JsonQuote::new(&q, &request);
        let _ = serde_json::to_string(&json).expect("the quote serializes");
    }
});
