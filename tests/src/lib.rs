//! Shared fixture runner: reads `tests/fixtures/**.json` and checks wanzheng against every row.
//!
//! The same files drive the C and Python suites; see `tests/fixtures/README.md` for the schema.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The fixtures directory.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every JSON file under `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(json_files(&p));
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whether `actual` contains `expected` (objects: every expected key matches; else equality).
pub fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, v)| a.get(k).is_some_and(|av| subset(v, av))),
        _ => expected == actual,
    }
}

fn context(config: Option<&Value>) -> Result<wanzheng::Context, String> {
    let config = match config {
        Some(c) => wanzheng::Config::from_json(&c.to_string()).map_err(|e| e.to_string())?,
        None => wanzheng::Config::default(),
    };
    Ok(wanzheng::Context::new(config, wanzheng::WorkingDayCalendar::embedded()))
}

/// Runs one decision file; returns one message per failing row, and the number of rows.
pub fn run_decision_file(doc: &Value) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    let function = doc["function"].as_str().unwrap_or_default();
    let rows = doc["rows"].as_array().cloned().unwrap_or_default();
    for row in &rows {
        let id = row["id"].as_str().unwrap_or("?");
        let ctx = match context(row.get("config")) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{function}/{id}: bad config: {e}"));
                continue;
            }
        };
        let got = wanzheng::decide::decide_value(function, row["request"].clone(), &ctx);
        match (got, row.get("expect"), row.get("error")) {
            (Ok(v), Some(exp), _) => {
                if !subset(exp, &v) {
                    failures.push(format!("{function}/{id}: expected {exp} within {v}"));
                }
            }
            (Err(e), _, Some(kind)) => {
                if kind.as_str() != Some(e.kind()) {
                    failures.push(format!("{function}/{id}: expected error {kind}, got {}: {e}", e.kind()));
                }
            }
            (Ok(v), None, _) => failures.push(format!("{function}/{id}: expected an error, got {v}")),
            (Err(e), _, None) => failures.push(format!("{function}/{id}: unexpected error {e}")),
        }
    }
    (failures, rows.len())
}

/// Runs one scenario file; returns one message per failing step.
pub fn run_scenario(doc: &Value) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    let name = doc["name"].as_str().unwrap_or("?");
    let ctx = match context(doc.get("config")) {
        Ok(c) => c,
        Err(e) => return (vec![format!("{name}: bad config: {e}")], 0),
    };
    let mut ws = wanzheng::Workspace::new(ctx);
    let steps = doc["steps"].as_array().cloned().unwrap_or_default();
    for (i, step) in steps.iter().enumerate() {
        let exp = &step["expect"];
        let got = wanzheng::Command::from_value(step["command"].clone())
            .map_err(wanzheng::Error::from)
            .and_then(|c| ws.apply(c));
        let want_ok = exp["ok"].as_bool().unwrap_or(true);
        match got {
            Ok(t) => {
                if !want_ok {
                    failures.push(format!("{name} step {i}: expected rejection, accepted as {t:?}"));
                    continue;
                }
                let tv = serde_json::to_value(&t).unwrap_or_default();
                for key in ["to", "from", "outcomes", "rules", "exceptions_used"] {
                    if let Some(e) = exp.get(key)
                        && !subset(e, &tv[key])
                    {
                        failures.push(format!("{name} step {i}: {key} expected {e}, got {}", tv[key]));
                    }
                }
            }
            Err(e) => {
                if want_ok {
                    failures.push(format!("{name} step {i}: unexpected error {e}"));
                    continue;
                }
                let ev = e.to_json_value();
                for key in ["rule_id", "reason", "state", "machine"] {
                    if let Some(x) = exp.get(key)
                        && ev.get(key) != Some(x)
                    {
                        failures.push(format!("{name} step {i}: {key} expected {x}, got {:?}", ev.get(key)));
                    }
                }
                if let Some(k) = exp.get("error")
                    && k.as_str() != Some(e.kind())
                {
                    failures.push(format!("{name} step {i}: error kind expected {k}, got {}", e.kind()));
                }
            }
        }
    }
    if let Some(fin) = doc.get("final") {
        let as_of = fin["as_of"].as_str().and_then(|s| s.parse().ok());
        if let Some(as_of) = as_of {
            let report = ws.report(as_of);
            let stream = fin["stream"].as_str().unwrap_or_default();
            match report.iter().find(|r| r.stream == stream) {
                None => failures.push(format!("{name}: final stream {stream} not found")),
                Some(r) => {
                    if let Some(s) = fin["state"].as_str()
                        && r.state != s
                    {
                        failures.push(format!("{name}: final state expected {s}, got {}", r.state));
                    }
                    for code in fin["findings"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !r.findings.iter().any(|f| f.code == code) {
                            failures.push(format!(
                                "{name}: finding {code} missing from {:?}",
                                r.findings.iter().map(|f| &f.code).collect::<Vec<_>>()
                            ));
                        }
                    }
                }
            }
        }
    }
    (failures, steps.len())
}
