//! Every shared fixture row and scenario through the C ABI gives exactly what the Rust core gives
//! (byte for byte, errors included), single and batched; and the fixture runners of Rust and C
//! report the same disagreements on the self-test files (the C suite asserts the same counts).

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::ffi::{CStr, CString, c_char};
use std::path::{Path, PathBuf};
use std::ptr;

use serde_json::Value;
use wanzheng_conformance::{fixtures_dir, json_files, run_decision_file, run_scenario};
use wanzheng_ffi::*;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn take(p: *mut c_char) -> String {
    assert!(!p.is_null());
    // SAFETY: `p` was returned by a wz_ function: a live NUL-terminated string we now release.
    let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string();
    wz_string_free(p);
    s
}

/// The last error as the core would give it (without the binding's `status`, `code`, `function`).
fn last_core_error() -> Value {
    let mut out = ptr::null_mut();
    assert_eq!(wz_last_error_json(&mut out), wz_status::WZ_OK);
    let mut v: Value = serde_json::from_str(&take(out)).unwrap();
    for k in ["status", "code", "function"] {
        v.as_object_mut().unwrap().remove(k);
    }
    v
}

fn contexts(config: Option<&Value>) -> Option<(*mut wz_context, wanzheng::Context)> {
    let text = config.map(|v| c(&v.to_string()));
    let mut ctx = ptr::null_mut();
    let s = wz_context_new(text.as_ref().map_or(ptr::null(), |t| t.as_ptr()), ptr::null(), &mut ctx);
    let core = match config {
        Some(v) => wanzheng::Config::from_json(&v.to_string()).ok(),
        None => Some(wanzheng::Config::default()),
    };
    match (s, core) {
        (wz_status::WZ_OK, Some(cfg)) => {
            Some((ctx, wanzheng::Context::new(cfg, wanzheng::WorkingDayCalendar::embedded())))
        }
        (wz_status::WZ_OK, None) => panic!("the ABI accepted a configuration the core refuses: {config:?}"),
        (_, Some(_)) => panic!("the ABI refused a configuration the core accepts: {config:?}"),
        (_, None) => None,
    }
}

fn decision_files() -> Vec<PathBuf> {
    let mut files = json_files(&fixtures_dir().join("investment"));
    files.extend(json_files(&fixtures_dir().join("digital")));
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_decision_row_agrees_with_the_core_single_and_batched() {
    let mut rows = 0;
    for path in decision_files() {
        let doc = read(&path);
        let function = doc["function"].as_str().unwrap_or_default();
        let fname = c(function);
        for row in doc["rows"].as_array().into_iter().flatten() {
            rows += 1;
            let id = format!("{}: {}", path.display(), row["id"]);
            let Some((ctx, core_ctx)) = contexts(row.get("config")) else { continue };
            let request = row["request"].to_string();
            let want = wanzheng::decide::decide_json(function, &request, &core_ctx);
            let mut out = ptr::null_mut();
            let s = wz_decide(ctx, fname.as_ptr(), c(&request).as_ptr(), &mut out);
            match &want {
                Ok(text) => {
                    assert_eq!(s, wz_status::WZ_OK, "{id}");
                    assert_eq!(&take(out), text, "{id}");
                }
                Err(e) => {
                    assert_ne!(s, wz_status::WZ_OK, "{id}");
                    assert!(out.is_null(), "{id}");
                    assert_eq!(last_core_error(), e.to_json_value(), "{id}");
                }
            }
            // The same row as a batch of one.
            let mut out = ptr::null_mut();
            let batch = format!("[{request}]");
            assert_eq!(wz_decide_batch(ctx, fname.as_ptr(), c(&batch).as_ptr(), &mut out), wz_status::WZ_OK, "{id}");
            let items: Value = serde_json::from_str(&take(out)).unwrap();
            match want {
                Ok(text) => assert_eq!(items[0]["result"], serde_json::from_str::<Value>(&text).unwrap(), "{id}"),
                Err(e) => assert_eq!(items[0]["error"], e.to_json_value(), "{id}"),
            }
            wz_context_free(ctx);
        }
    }
    eprintln!("{rows} decision rows agree through the C ABI");
}

#[test]
fn every_scenario_step_agrees_with_the_core() {
    for path in json_files(&fixtures_dir().join("scenarios")) {
        let doc = read(&path);
        let Some((ctx, core_ctx)) = contexts(doc.get("config")) else { continue };
        let mut ws = ptr::null_mut();
        assert_eq!(wz_workspace_new(ctx, &mut ws), wz_status::WZ_OK);
        let mut core = wanzheng::Workspace::new(core_ctx);
        for (i, step) in doc["steps"].as_array().into_iter().flatten().enumerate() {
            let cmd = step["command"].to_string();
            let mut out = ptr::null_mut();
            let s = wz_workspace_apply(ws, c(&cmd).as_ptr(), &mut out);
            match core.apply_json(&cmd) {
                Ok(t) => assert_eq!(take(out), serde_json::to_string(&t).unwrap(), "{} step {i}", path.display()),
                Err(e) => {
                    assert_ne!(s, wz_status::WZ_OK);
                    assert_eq!(last_core_error(), e.to_json_value(), "{} step {i}", path.display());
                }
            }
        }
        wz_workspace_free(ws);
        wz_context_free(ctx);
    }
}

fn selftest(name: &str) -> Value {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c/data").join(name))
}

/// The C suite asserts the same numbers for its own runner (bindings/c/tests/c/fixtures.c).
#[test]
fn the_rust_runner_reports_the_self_test_disagreements_the_c_runner_reports() {
    let (failures, rows) = run_decision_file(&selftest("selftest_decision.json"));
    assert_eq!((failures.len(), rows), (3, 5), "{failures:#?}");
    let (failures, steps) = run_scenario(&selftest("selftest_scenario.json"));
    assert_eq!((failures.len(), steps), (4, 4), "{failures:#?}");
}
