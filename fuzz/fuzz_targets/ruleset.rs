//! Rule-set amendments (`wanzheng::ruleset`, `Context::load_ruleset`): an amendment that loads
//! is then used to judge a route decision on both sides of its effective date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::{Context, decide};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut ctx = Context::default();
    if ctx.load_ruleset(text).is_ok() {
        for v in ctx.rulebook().versions() {
            let _ = v.within_simplified_band("10000000.00".parse().expect("an amount"));
        }
        let _ = decide::decide_json("approval_route", r#"{"total":"20000000.00","flags":{}}"#, &ctx);
        let _ = ctx.load_ruleset(text);
    }
});
