//! Every shared fixture row and scenario, in Rust. Failures name the file and the row.

use wanzheng_conformance::{fixtures_dir, json_files, run_decision_file, run_scenario};

#[test]
fn decision_rows() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for dir in ["investment", "digital"] {
        for path in json_files(&fixtures_dir().join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (f, n) = run_decision_file(&doc);
            rows += n;
            failures.extend(f.into_iter().map(|m| format!("{}: {m}", path.display())));
        }
    }
    assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn scenarios() {
    let mut failures = Vec::new();
    for path in json_files(&fixtures_dir().join("scenarios")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (f, _) = run_scenario(&doc);
        failures.extend(f.into_iter().map(|m| format!("{}: {m}", path.display())));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
