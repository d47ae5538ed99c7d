//! Configuration (`Config::from_json`, README §7): a configuration that reads reads back from
//! its canonical JSON to the same configuration id.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wanzheng::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(config) = Config::from_json(text) {
        let back = Config::from_json(&config.canonical_json()).expect("the canonical JSON reads back");
        assert_eq!(back.id(), config.id(), "same configuration id after a round trip");
    }
});
