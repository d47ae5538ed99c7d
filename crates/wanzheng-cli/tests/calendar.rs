//! Issue 10 through the command line: deadlines past the embedded notices are provisional,
//! never refused; a notice is loaded with `--calendar` and validated with `calendar import`.

mod common;
use common::*;

use std::path::PathBuf;

use serde_json::{Value, json};

fn notice_2027() -> PathBuf {
    repo().join("tests/fixtures/calendar/notice_2027_illustrative.json")
}

/// Source: INV-44.2 — `decide emergency_change_deadline`: 2026-12-28 → 2027-01-05,
/// provisional; with the 2027 notice loaded, the same date, official; 2024-09-27 → 2024-10-10
/// exactly as before (no `provisional` key).
#[test]
fn inv_44_2_decide_past_the_notices() {
    let out = wanzheng(&["decide", "emergency_change_deadline", r#"{"order_date":"2026-12-28"}"#]);
    assert!(out.status.success());
    let v = json_of(&out);
    assert_eq!((v["date"].clone(), v["provisional"].clone()), (json!("2027-01-05"), json!(true)));

    let notice = notice_2027();
    let notice = notice.to_str().expect("UTF-8 path");
    let out =
        wanzheng(&["decide", "emergency_change_deadline", r#"{"order_date":"2026-12-28"}"#, "--calendar", notice]);
    let v = json_of(&out);
    assert_eq!(v["date"], "2027-01-05");
    assert!(v.get("provisional").is_none());

    let v = json_of(&wanzheng(&["decide", "emergency_change_deadline", r#"{"order_date":"2024-09-27"}"#]));
    assert_eq!(v["date"], "2024-10-10");
    assert!(v.get("provisional").is_none());

    let out = wanzheng(&["decide", "emergency_change_deadline", r#"{"order_date":"2100-01-04"}"#]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["reason"], "calendar_out_of_range");
}

/// The project file of the 2027 scenario (its accepted commands), written to a temp file.
fn project_file() -> PathBuf {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/scenarios/inv_emergency_change_2027_provisional.json"))
            .expect("scenario");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let commands: Vec<Value> = doc["steps"].as_array().expect("steps").iter().map(|s| s["command"].clone()).collect();
    let project = json!({
        "schema_version": 1,
        "name": doc["name"],
        "description": "emergency change order dated 2027-03-01, a year without a loaded notice",
        "as_of": "2027-03-31",
        "commands": commands,
    });
    let path = std::env::temp_dir().join(format!("wanzheng-emergency-2027-{}.json", std::process::id()));
    std::fs::write(&path, project.to_string()).expect("write project file");
    path
}

fn provisional_warnings(report: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for step in report["steps"].as_array().expect("steps") {
        for o in step["transition"]["outcomes"].as_array().into_iter().flatten() {
            if o["detail"] == "calendar_provisional" {
                out.push((step["event"].as_str().unwrap_or("?").into(), o["rule"].as_str().unwrap_or("?").into()));
            }
        }
    }
    out
}

/// Source: INV-44.2 — a project file with an emergency change order dated 2027-03-01 checks
/// clean apart from the provisional warning; with `--calendar` and the 2027 notice it checks
/// clean without it.
#[test]
fn inv_44_2_project_in_2027_checks_clean() {
    let path = project_file();
    let file = path.to_str().expect("UTF-8 path");
    let out = wanzheng(&["check", file, "--json"]);
    let report = json_of(&out);
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["summary"], json!({"accepted": 14, "rejected": 0, "findings": 0}));
    assert_eq!(provisional_warnings(&report), [("emergency_change_order".to_string(), "INV-44.2".to_string())]);
    let human = wanzheng(&["check", file]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("calendar_provisional"));

    let notice = notice_2027();
    let out = wanzheng(&["check", file, "--json", "--calendar", notice.to_str().expect("UTF-8 path")]);
    let report = json_of(&out);
    assert_eq!(out.status.code(), Some(0));
    assert!(provisional_warnings(&report).is_empty());
    let _ = std::fs::remove_file(&path);
}

/// Source: RULES.md §1.4 (issue 10): `calendar import` validates a notice; one that leaves
/// National Day a working day is refused naming the day (exit 2).
#[test]
fn calendar_import_validates_a_notice() {
    let notice = notice_2027();
    let out = wanzheng(&["calendar", "import", notice.to_str().expect("UTF-8 path"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["years"][0]["year"], 2027);
    assert_eq!(v["years"][0]["workdays"], 4);

    let text = std::fs::read_to_string(&notice).expect("notice");
    // National Day (Fri 1 Oct 2027) left a working day.
    let bad = text.replace(r#""2027-10-01", "#, "");
    let path = std::env::temp_dir().join(format!("wanzheng-bad-notice-{}.json", std::process::id()));
    std::fs::write(&path, bad).expect("write");
    let out = wanzheng(&["calendar", "import", path.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2027-10-01, 国庆节 (National Day)"), "{err}");
    assert!(err.contains("calendar_contradicts_statute"), "{err}");
    let _ = std::fs::remove_file(&path);
}

/// `calendar --year 2027 --json`: every day provisional, with the statutory holidays listed;
/// `--calendar` makes it official.
#[test]
fn calendar_year_past_the_notices() {
    let v = json_of(&wanzheng(&["calendar", "--year", "2027", "--json"]));
    let days = v["days"].as_array().expect("days");
    assert_eq!(days.len(), 365);
    assert!(days.iter().all(|d| d["provisional"] == true));
    assert_eq!(v["statutory"][0], json!({"date": "2027-01-01", "festival": "new_year", "name": "元旦"}));
    let notice = notice_2027();
    let v =
        json_of(&wanzheng(&["calendar", "--year", "2027", "--json", "--calendar", notice.to_str().expect("UTF-8")]));
    assert!(v["days"].as_array().expect("days").iter().all(|d| d.get("provisional").is_none()));
}
