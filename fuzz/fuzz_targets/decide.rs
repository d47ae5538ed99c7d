//! The decision requests of RULES.md §4 (`decide_json`, `decide_batch_json`). The selector
//! picks the function (`decide::names()`, selector % their count); its top bit sends the rest
//! as a batch instead of one request. A batch answers one item per request.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::{Context, decide};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((sel, text)) = common::split(data) else { return };
    let names = decide::names();
    let function = names[usize::from(sel & 0x7f) % names.len()];
    let ctx = Context::default();
    if sel & 0x80 == 0 {
        let _ = decide::decide_json(function, text, &ctx);
    } else if let Ok(out) = decide::decide_batch_json(function, text, &ctx) {
        let out: serde_json::Value = serde_json::from_str(&out).expect("a batch answers JSON");
        let n = serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| v.as_array().map(Vec::len));
        assert_eq!(out.as_array().map(Vec::len), n, "one answer per request");
    }
});
