//! Strict input through the command line (issue 12): ISO dates only, strict project files,
//! duplicate keys refused, bounded error messages. Unusable input exits with status 2.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn wanzheng(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wanzheng")).args(args).output().expect("run wanzheng")
}

/// A project file in a fresh temporary directory.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wanzheng-cli-strict-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("project.json");
    std::fs::write(&path, text).expect("write the project file");
    path
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example() -> String {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/investment/village_road.json");
    p.to_string()
}

#[test]
fn as_of_must_be_a_strict_iso_date() {
    for bad in ["2023-7-3", "2023-07-3", "2023-07-3 ", " 2023-07-03", "+2023-07-03", "2023-02-29", "garbage"] {
        let o = wanzheng(&["check", &example(), "--as-of", bad]);
        assert_eq!(o.status.code(), Some(2), "--as-of {bad:?}");
        assert!(stderr(&o).contains("--as-of"), "{bad:?}: {}", stderr(&o));
    }
    let o = wanzheng(&["check", &example(), "--as-of", "2025-12-31", "--json"]);
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(report["as_of"], "2025-12-31");
}

/// A project file's `as_of` of `"garbage"` was silently replaced by the last event's date;
/// unknown top-level fields were ignored; an empty file reported "as of 1970-01-01".
#[test]
fn project_files_are_read_strictly() {
    for (name, text, expect) in [
        ("garbage", r#"{"name":"x","as_of":"garbage","commands":[]}"#, "invalid input at as_of"),
        ("loose", r#"{"name":"x","as_of":"2023-7-3","commands":[]}"#, "invalid input at as_of"),
        ("unknown", r#"{"name":"x","comands":[],"commands":[]}"#, "invalid input at comands"),
        ("empty", "", "the project file is empty"),
        ("blank", "\n\n", "the project file is empty"),
        ("nocommands", r#"{"name":"x"}"#, "commands"),
        ("dupkey", r#"{"name":"x","commands":[],"name":"y"}"#, "duplicate key"),
        ("deep", &("[".repeat(500) + &"]".repeat(500)), "nested deeper"),
    ] {
        let path = file(name, text);
        let o = wanzheng(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expect), "{name}: {}", stderr(&o));
        assert!(!String::from_utf8_lossy(&o.stdout).contains("1970-01-01"), "{name}");
    }
}

/// A file without any date (no `as_of`, no dated command) asks for one rather than reporting
/// as of 1970-01-01; with `--as-of` it is checked.
#[test]
fn a_file_without_a_date_asks_for_one() {
    let path = file("none", r#"{"schema_version":1,"name":"nothing yet","commands":[]}"#);
    let o = wanzheng(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no report date") && !stderr(&o).contains("1970"), "{}", stderr(&o));
    let o = wanzheng(&["check", path.to_str().unwrap(), "--json", "--as-of", "2024-12-31"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    assert_eq!(report["as_of"], "2024-12-31");
    assert_eq!(report["summary"]["accepted"], 0);
}

/// A duplicate key anywhere in a project file makes the file unusable, naming the exact path;
/// in a decision request or a configuration it is the request's error.
#[test]
fn duplicate_keys_are_refused() {
    let cmd = r#"{"stream":{"machine":"inv","project_id":"P","instance":"P"},"event":"withdraw_project",
        "actor":"project_unit","date":"2023-07-03","facts":{"reason":"a","reason":"b"}}"#;
    let path = file("dupfacts", &format!(r#"{{"name":"x","commands":[{cmd}]}}"#));
    let o = wanzheng(&["check", path.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("invalid input at commands[0].facts.reason"), "{}", stderr(&o));

    let o = wanzheng(&["decide", "approval_route", r#"{"total":"9999999.00","total":"2400000.00"}"#]);
    assert_eq!(o.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&o.stdout).expect("JSON error");
    assert_eq!((err["reason"].as_str(), err["path"].as_str()), (Some("duplicate_key"), Some("total")));

    let o = wanzheng(&[
        "decide",
        "approval_route",
        r#"{"total":"1.00"}"#,
        "--config",
        r#"{"county_adopts_inv":true,"county_adopts_inv":false}"#,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("duplicate key"), "{}", stderr(&o));
}

/// Paths name the offending field exactly and messages repeat at most ~200 characters of it.
#[test]
fn errors_name_the_path_and_are_bounded() {
    let o = wanzheng(&["decide", "approval_route", r#"{"total":"1.001","flags":{}}"#]);
    let err: Value = serde_json::from_slice(&o.stdout).expect("JSON error");
    assert_eq!((err["reason"].as_str(), err["path"].as_str()), (Some("amount"), Some("total")));
    // 100,000 characters: one argument may not exceed 128 KiB on Linux.
    let long = "x".repeat(100_000);
    let o = wanzheng(&["decide", &long, "{}"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.len() < 2000, "{} bytes", o.stdout.len());
    let o = wanzheng(&["route", "--total", &long]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stderr.len() < 2000, "{} bytes", o.stderr.len());
}

/// `report` reads dates and files as strictly as `check`, and asks for a date it cannot find.
#[test]
fn report_is_as_strict() {
    let out = std::env::temp_dir().join(format!("wanzheng-cli-strict-{}-report.html", std::process::id()));
    let o = wanzheng(&["report", &example(), "--html", out.to_str().unwrap(), "--as-of", "2023-7-3"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let path = file("report-none", r#"{"name":"nothing yet","commands":[]}"#);
    let o = wanzheng(&["report", path.to_str().unwrap(), "--html", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no report date"), "{}", stderr(&o));
    let o = wanzheng(&["report", path.to_str().unwrap(), "--html", out.to_str().unwrap(), "--as-of", "2024-12-31"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
