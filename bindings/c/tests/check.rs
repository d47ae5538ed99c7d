//! `wz_check_file`/`wz_check_json` give, for every bundled example project, the report text the
//! core builds for `wanzheng check --json` (byte for byte), and `wz_workspace_apply_all` its steps.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::ffi::{CStr, CString, c_char};
use std::path::{Path, PathBuf};
use std::ptr;

use serde_json::Value;
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

fn last_error() -> Value {
    let mut out = ptr::null_mut();
    assert_eq!(wz_last_error_json(&mut out), wz_status::WZ_OK);
    serde_json::from_str(&take(out)).unwrap()
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files = Vec::new();
    for dir in ["investment", "digital"] {
        let mut f: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        f.sort();
        files.extend(f);
    }
    assert!(files.len() >= 8, "{files:?}");
    files
}

#[test]
fn check_file_and_json_are_the_cores_report_for_every_example() {
    for path in examples() {
        let p = path.to_str().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let project = wanzheng::ProjectFile::run(&text).unwrap();
        let core = project.check_report(Some(p), None);
        let mut out = ptr::null_mut();
        assert_eq!(wz_check_file(ptr::null(), c(p).as_ptr(), ptr::null(), &mut out), wz_status::WZ_OK, "{p}");
        assert_eq!(take(out), core.to_json(), "{p}");
        // From text: the same report without the file's name.
        let mut cal = ptr::null_mut();
        assert_eq!(wz_calendar_embedded(&mut cal), wz_status::WZ_OK);
        let mut out = ptr::null_mut();
        assert_eq!(wz_check_json(cal, c(&text).as_ptr(), ptr::null(), &mut out), wz_status::WZ_OK, "{p}");
        let mut want = core.to_json_value();
        want.as_object_mut().unwrap().remove("file");
        assert_eq!(take(out), wanzheng::project_file::pretty(&want), "{p}");
        wz_calendar_free(cal);
        // A report date of the caller's.
        let mut out = ptr::null_mut();
        assert_eq!(wz_check_json(ptr::null(), c(&text).as_ptr(), c("2030-01-01").as_ptr(), &mut out), wz_status::WZ_OK);
        let v: Value = serde_json::from_str(&take(out)).unwrap();
        assert_eq!(v["as_of"], "2030-01-01");
    }
}

#[test]
fn what_is_not_a_project_file_is_malformed_input_naming_the_path() {
    let mut out = ptr::null_mut();
    for (text, path) in [
        ("{", ""),
        (r#"{"commands":{}}"#, "commands"),
        (r#"{"project":"legacy","events":[]}"#, "events"),
        (r#"{"as_of":"2024-13-01","commands":[]}"#, "as_of"),
    ] {
        assert_eq!(wz_check_json(ptr::null(), c(text).as_ptr(), ptr::null(), &mut out), wz_status::WZ_MALFORMED_INPUT);
        assert!(out.is_null(), "nothing written on failure");
        assert_eq!(last_error()["path"], path, "{text}");
    }
    let missing = c("/nonexistent/wanzheng/project.json");
    assert_eq!(wz_check_file(ptr::null(), missing.as_ptr(), ptr::null(), &mut out), wz_status::WZ_MALFORMED_INPUT);
    let e = last_error();
    assert_eq!((e["path"].as_str(), e["reason"].as_str()), (Some("path"), Some("invalid_value")));
    assert!(e["message"].as_str().unwrap().contains("/nonexistent/wanzheng/project.json"));
    assert_eq!(wz_check_file(ptr::null(), ptr::null(), ptr::null(), &mut out), wz_status::WZ_NULL_ARGUMENT);
    assert_eq!(
        wz_check_json(ptr::null(), c("{}").as_ptr(), c("soon").as_ptr(), &mut out),
        wz_status::WZ_MALFORMED_INPUT
    );
    assert_eq!(last_error()["path"], "as_of");
    assert_eq!(
        wz_check_json(ptr::null(), c(r#"{"commands":[]}"#).as_ptr(), ptr::null(), ptr::null_mut()),
        wz_status::WZ_NULL_ARGUMENT
    );
    // A context is not a calendar.
    let mut ctx = ptr::null_mut();
    assert_eq!(wz_context_new(ptr::null(), ptr::null(), &mut ctx), wz_status::WZ_OK);
    let status = wz_check_json(ctx.cast(), c(r#"{"commands":[]}"#).as_ptr(), ptr::null(), &mut out);
    assert_eq!(status, wz_status::WZ_WRONG_HANDLE);
    wz_context_free(ctx);
}

#[test]
fn apply_all_gives_the_steps_of_the_report() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        let project = wanzheng::ProjectFile::run(&text).unwrap();
        let core = project.check_report(None, None);
        let config = doc.get("config").map(|c| c.to_string());
        let config = config.as_deref().map(c);
        let mut ctx = ptr::null_mut();
        assert_eq!(
            wz_context_new(config.as_ref().map_or(ptr::null(), |c| c.as_ptr()), ptr::null(), &mut ctx),
            wz_status::WZ_OK
        );
        let mut ws = ptr::null_mut();
        assert_eq!(wz_workspace_new(ctx, &mut ws), wz_status::WZ_OK);
        let mut out = ptr::null_mut();
        let commands = c(&doc["commands"].to_string());
        assert_eq!(wz_workspace_apply_all(ws, commands.as_ptr(), &mut out), wz_status::WZ_OK);
        let steps: Value = serde_json::from_str(&take(out)).unwrap();
        assert_eq!(steps, core.to_json_value()["steps"], "{}", path.display());
        let as_of = c(&core.as_of.to_string());
        assert_eq!(wz_workspace_report(ws, as_of.as_ptr(), &mut out), wz_status::WZ_OK);
        let streams: Value = serde_json::from_str(&take(out)).unwrap();
        assert_eq!(streams, core.to_json_value()["streams"], "{}", path.display());
        // Not an array: nothing applied.
        assert_eq!(wz_workspace_apply_all(ws, c("{}").as_ptr(), &mut out), wz_status::WZ_MALFORMED_INPUT);
        wz_workspace_free(ws);
        wz_context_free(ctx);
    }
}
