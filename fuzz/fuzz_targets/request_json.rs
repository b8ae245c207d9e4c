//! A JSON request as `ratecard serve` reads one (`POST /v1/quote`, each line of
//! `/v1/batch`): parsed by `Request::from_json`, quoted against the built-in plan, written
//! as the JSON contract. No panic, and only a JSON object is ever accepted.
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
    // Whatever is accepted is a JSON object (`[]` deserializes field by field otherwise).
    let value: serde_json::Value = serde_json::from_slice(data).expect("accepted text is JSON");
    assert!(value.is_object(), "a request that is not an object was accepted");
    if let Ok(q) = ratecard::app::quote(acme(), &request) {
        let json = ratecard::render::JsonQuote::new(&q, &request);
        let _ = serde_json::to_string(&json).expect("the quote serializes");
    }
});
