//! `wanzheng report FILE --html OUT.html` and `wanzheng diagram --path FILE`: every bundled
//! example renders, the page carries every finding and rejection `wanzheng check --json` reports,
//! and bad input is a clear error (exit 2).

mod common;
use common::*;

use std::path::Path;

use serde_json::Value;

fn examples() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["examples/investment", "examples/digital"] {
        for e in std::fs::read_dir(repo().join(dir)).expect("examples").flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(".json") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_example_reports_its_findings_and_rejections() {
    let dir = std::env::temp_dir().join(format!("wanzheng-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files = examples();
    assert!(files.len() >= 8);
    for file in &files {
        let out = dir.join("page.html");
        let r = wanzheng(&["report", file, "--html", out.to_str().expect("utf-8 path")]);
        assert_eq!(r.status.code(), Some(0), "{file}: {}", String::from_utf8_lossy(&r.stderr));
        let page = std::fs::read_to_string(&out).expect("page written");
        assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"), "{file}");
        let check: Value = serde_json::from_slice(&wanzheng(&["check", file, "--json"]).stdout).expect("check JSON");
        for stream in check["streams"].as_array().expect("streams") {
            for f in stream["findings"].as_array().expect("findings") {
                let code = f["code"].as_str().expect("code");
                assert!(page.contains(&format!("data-code=\"{code}\"")), "{file}: {code}");
            }
        }
        for step in check["steps"].as_array().expect("steps").iter().filter(|s| s["accepted"] == false) {
            let row = format!("<tr id=\"rejection-{}\"", step["index"]);
            assert!(page.contains(&row), "{file}: {row}");
            if let Some(article) = step["error"]["article"].as_str() {
                assert!(page.contains(article), "{file}: {article}");
            }
        }
        let name = Path::new(file).file_name().and_then(|n| n.to_str()).expect("name");
        assert!(page.contains(&format!("<span class=\"mono\">{name}</span>")), "{file}: the source is named");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_to_stdout_and_bad_input() {
    let r = wanzheng(&["report", "examples/investment/violations.json", "--html", "-", "--as-of", "2024-06-30"]);
    assert_eq!(r.status.code(), Some(0));
    let page = String::from_utf8(r.stdout).expect("utf-8");
    assert!(page.contains("INV-35.3") && page.contains("第三十五条") && page.contains("超合同支付"));
    let r = wanzheng(&["report", "no/such/file.json", "--html", "-"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no/such/file.json"));
    let bad = std::env::temp_dir().join(format!("wanzheng-bad-{}.json", std::process::id()));
    std::fs::write(&bad, r#"{"name":"x"}"#).expect("write");
    let r = wanzheng(&["report", bad.to_str().expect("path"), "--html", "-"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("commands"), "{}", String::from_utf8_lossy(&r.stderr));
    let _ = std::fs::remove_file(&bad);
}

#[test]
fn diagram_of_the_path_taken() {
    let r = wanzheng(&["diagram", "--path", "examples/investment/violations.json"]);
    assert_eq!(r.status.code(), Some(0));
    let m = String::from_utf8(r.stdout).expect("utf-8");
    assert!(m.starts_with("stateDiagram-v2\n"), "{m}");
    assert!(m.contains("[*] --> under_construction: 1 import_legacy"), "{m}");
    assert!(m.contains("under_construction --> works_completed: next complete_works"), "{m}");
    let r = wanzheng(&["diagram", "--path", "examples/digital/violations.json", "--format", "markdown"]);
    let md = String::from_utf8(r.stdout).expect("utf-8");
    assert!(md.contains("```mermaid\nstateDiagram-v2") && md.contains("class in_operation current"), "{md}");
    let r = wanzheng(&["diagram", "--path", "examples/investment/village_road.json", "--format", "svg"]);
    let svg = String::from_utf8(r.stdout).expect("utf-8");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains(">closed</text>"), "{svg}");
    let r = wanzheng(&["diagram", "--path", "examples/investment/village_road.json", "--format", "dot"]);
    assert_eq!(r.status.code(), Some(2));
    // A machine as SVG: every state of the table.
    let r = wanzheng(&["diagram", "investment", "--format", "svg"]);
    let svg = String::from_utf8(r.stdout).expect("utf-8");
    for s in ["reserve", "fsr_review", "under_construction", "closed", "withdrawn"] {
        assert!(svg.contains(&format!(">{s}</text>")), "{s}");
    }
    // Neither a machine nor --path.
    assert_eq!(wanzheng(&["diagram"]).status.code(), Some(2));
}
