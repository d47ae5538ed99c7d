//! Issue 10 part 4 through the command line: `--ruleset AMENDMENT` loads a dated amendment of
//! the rule parameters; decisions and checked project files name the version that judged them.

mod common;
use common::*;

use serde_json::json;

fn amendment() -> String {
    repo().join("tests/fixtures/rulesets/band_20m_2027.json").to_str().expect("UTF-8 path").to_string()
}

/// Source: INV-15.1 — 15,000,000.00 is `standard` under the 2023 band and FSR-only under the
/// hypothetical 20,000,000.00 band from 2027-07-01; `as_of` picks the version; every result
/// names it.
#[test]
fn inv_15_1_band_by_version() {
    let a = amendment();
    let out = wanzheng(&["decide", "approval_route", r#"{"total":"15000000.00"}"#]);
    assert_eq!(json_of(&out)["ruleset"], json!("2023"));
    assert_eq!(json_of(&out)["route"], json!("standard"));
    let out =
        wanzheng(&["decide", "approval_route", r#"{"total":"15000000.00","as_of":"2027-06-30"}"#, "--ruleset", &a]);
    let v = json_of(&out);
    assert_eq!((v["route"].clone(), v["ruleset"].clone()), (json!("standard"), json!("2023")));
    let out =
        wanzheng(&["decide", "approval_route", r#"{"total":"20000000.00","as_of":"2027-07-01"}"#, "--ruleset", &a]);
    let v = json_of(&out);
    assert_eq!((v["route"].clone(), v["ruleset"].clone()), (json!("simplified_fsr_only"), json!("2027-amendment")));
    let out =
        wanzheng(&["decide", "approval_route", r#"{"total":"20000000.01","as_of":"2027-07-01"}"#, "--ruleset", &a]);
    assert_eq!(json_of(&out)["route"], json!("standard"));
}

/// Source: INV-44.2 — the filing deadline of an order on 2027-07-01 counts 10 working days
/// under the amendment (5 the day before).
#[test]
fn inv_44_2_days_by_version() {
    let a = amendment();
    let at = |d: &str| {
        let req = format!(r#"{{"order_date":"{d}"}}"#);
        json_of(&wanzheng(&["decide", "emergency_change_deadline", &req, "--ruleset", &a]))
    };
    assert_eq!(
        (at("2027-06-30")["date"].clone(), at("2027-06-30")["ruleset"].clone()),
        (json!("2027-07-07"), json!("2023"))
    );
    assert_eq!(
        (at("2027-07-01")["date"].clone(), at("2027-07-01")["ruleset"].clone()),
        (json!("2027-07-15"), json!("2027-amendment"))
    );
}

/// A bad amendment is unusable input (exit 2) naming the file and the path.
#[test]
fn a_bad_amendment_is_refused() {
    let dir = std::env::temp_dir().join(format!("wz-ruleset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version":"x","effective_from":"2027-7-1"}"#).unwrap();
    let out = wanzheng(&["decide", "approval_route", r#"{"total":"1.00"}"#, "--ruleset", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("ruleset.effective_from"), "{err}");
}
