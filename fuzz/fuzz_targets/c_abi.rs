//! The C entry points (`bindings/c`, `include/wanzheng.h`) called as Rust functions with raw
//! bytes made NUL-terminated (cut at the first NUL, as C would see them; invalid UTF-8
//! included), NULL arguments and empty strings. Every string written is freed with
//! `wz_string_free` and every handle with its `*_free`, so the sanitizer sees leaks and double
//! frees. Selector % 12 picks the entry point; the rest is split at newlines into arguments.
#![no_main]

use std::ffi::{CString, c_char};
use std::ptr;

use libfuzzer_sys::fuzz_target;
use wanzheng_ffi::route::{wz_approval_route_batch, wz_route_request};
use wanzheng_ffi::*;

fn c(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).expect("no NUL before end")
}

/// Frees a string the library wrote (NULL is fine).
fn free(s: *mut c_char) {
    wz_string_free(s);
}

/// Reads the last error both ways, through a buffer too small and a fitting one.
fn last_error() {
    let mut n = 0usize;
    let mut small = [0 as c_char; 4];
    let _ = wz_last_error_message(small.as_mut_ptr(), small.len(), &mut n);
    let mut buf = vec![0 as c_char; n + 1];
    let _ = wz_last_error_message(buf.as_mut_ptr(), buf.len(), &mut n);
    let mut json = ptr::null_mut();
    let _ = wz_last_error_json(&mut json);
    free(json);
}

fn context(config: Option<&CString>) -> *mut wz_context {
    let mut ctx = ptr::null_mut();
    let st = wz_context_new(config.map_or(ptr::null(), |c| c.as_ptr()), ptr::null(), &mut ctx);
    if st != wz_status::WZ_OK {
        last_error();
    }
    ctx
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let parts: Vec<CString> = rest.split(|&b| b == b'\n').take(32).map(c).collect();
    let first = parts.first().cloned().unwrap_or_default();
    let second = parts.get(1).cloned().unwrap_or_default();
    let ctx = context(None);
    let mut out: *mut c_char = ptr::null_mut();
    match sel % 12 {
        0 => {
            // One decision: the first line names the function, the second is the request.
            let _ = wz_decide(ctx, first.as_ptr(), second.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_decide(ctx, first.as_ptr(), ptr::null(), &mut out);
            let _ = wz_decide(ptr::null(), first.as_ptr(), second.as_ptr(), &mut out);
        }
        1 => {
            let _ = wz_decide_batch(ctx, first.as_ptr(), second.as_ptr(), &mut out);
        }
        2 => {
            // A project file through wz_check_json; the second line as as_of.
            let text = c(rest);
            let _ = wz_check_json(ptr::null(), text.as_ptr(), ptr::null(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_check_json(ptr::null(), first.as_ptr(), second.as_ptr(), &mut out);
        }
        3 => {
            // Replay, plain and checked (first line: options; the whole input: the log).
            let log = c(rest);
            let mut p = ptr::null_mut();
            let mut report = ptr::null_mut();
            let _ = wz_inv_project_replay(ctx, log.as_ptr(), &mut p, &mut report);
            free(std::mem::replace(&mut report, ptr::null_mut()));
            if !p.is_null() {
                let _ = wz_inv_project_export_log(p, &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
                let _ = wz_inv_project_checkpoint(p, ptr::null(), &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
                let _ = wz_inv_project_checkpoint(p, first.as_ptr(), &mut out);
                wz_inv_project_free(std::mem::replace(&mut p, ptr::null_mut()));
            }
            let _ = wz_inv_project_replay_checked(ctx, second.as_ptr(), first.as_ptr(), &mut p, &mut report);
            free(report);
            wz_inv_project_free(p);
        }
        4 => {
            let log = c(rest);
            let mut p = ptr::null_mut();
            let mut report = ptr::null_mut();
            let _ = wz_dig_project_replay(ctx, log.as_ptr(), &mut p, &mut report);
            free(std::mem::replace(&mut report, ptr::null_mut()));
            wz_dig_project_free(std::mem::replace(&mut p, ptr::null_mut()));
            let _ = wz_dig_project_replay_checked(ctx, second.as_ptr(), first.as_ptr(), &mut p, &mut report);
            free(report);
            wz_dig_project_free(p);
        }
        5 => {
            // Commands, one per line, through an investment project handle.
            let mut p = ptr::null_mut();
            let _ = wz_inv_project_new(ctx, &mut p);
            for cmd in &parts {
                let _ = wz_inv_project_apply(p, cmd.as_ptr(), &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
                last_error();
            }
            let _ = wz_inv_project_what_if(p, first.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_inv_project_state(p, &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_inv_project_obligations(p, second.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_inv_project_findings(p, c(b"2026-01-01").as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_inv_project_permitted_events(p, c(b"2026-01-01").as_ptr(), second.as_ptr(), &mut out);
            wz_inv_project_free(p);
            // A second free of the same handle is caught by its tag, not a double free.
            // (Not done here: the allocator may have reused the memory; the C suite tests it.)
        }
        6 => {
            let mut p = ptr::null_mut();
            let mut t = ptr::null_mut();
            let _ = wz_dig_project_create(ctx, first.as_ptr(), &mut p, &mut t);
            free(t);
            for cmd in parts.iter().skip(1) {
                let _ = wz_dig_project_apply(p, cmd.as_ptr(), &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
            }
            let _ = wz_dig_project_what_if(p, second.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_dig_project_state(p, &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_dig_project_findings(p, second.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_dig_project_permitted_events(p, c(b"2026-01-01").as_ptr(), ptr::null(), &mut out);
            wz_dig_project_free(p);
        }
        7 => {
            // A workspace: the whole input as a JSON array of commands, then line by line.
            let mut ws = ptr::null_mut();
            let _ = wz_workspace_new(ctx, &mut ws);
            let all = c(rest);
            let _ = wz_workspace_apply_all(ws, all.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            for cmd in &parts {
                let _ = wz_workspace_apply(ws, cmd.as_ptr(), &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
            }
            let _ = wz_workspace_report(ws, second.as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_workspace_report(ws, c(b"2026-01-01").as_ptr(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_workspace_permitted_events(ws, c(b"2026-01-01").as_ptr(), ptr::null(), &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let _ = wz_workspace_what_if(ws, first.as_ptr(), &mut out);
            wz_workspace_free(ws);
        }
        8 => {
            // Configuration, rule-set amendment, calendar notice.
            let text = c(rest);
            let own = context(Some(&text));
            let _ = wz_context_config_json(own, &mut out);
            free(std::mem::replace(&mut out, ptr::null_mut()));
            let mut amended = ptr::null_mut();
            let _ = wz_context_with_ruleset(ctx, text.as_ptr(), &mut amended);
            wz_context_free(amended);
            wz_context_free(own);
            let mut cal = ptr::null_mut();
            let _ = wz_calendar_from_json(text.as_ptr(), &mut cal);
            wz_calendar_free(cal);
            let mut base = ptr::null_mut();
            let _ = wz_calendar_embedded(&mut base);
            let mut with = ptr::null_mut();
            let _ = wz_calendar_with_notice(base, text.as_ptr(), &mut with);
            if !with.is_null() {
                let _ = wz_calendar_to_json(with, &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
            }
            wz_calendar_free(with);
            wz_calendar_free(base);
        }
        9 => {
            // Dates and rule ids: every line as a date and as a rule id.
            let mut cal = ptr::null_mut();
            let _ = wz_calendar_embedded(&mut cal);
            for p in &parts {
                let mut yes = false;
                let _ = wz_calendar_is_working_day(cal, p.as_ptr(), &mut yes);
                let _ = wz_calendar_is_official(cal, p.as_ptr(), &mut yes);
                let _ = wz_explain(p.as_ptr(), &mut out);
                free(std::mem::replace(&mut out, ptr::null_mut()));
            }
            wz_calendar_free(cal);
        }
        10 => {
            // Typed route batch: each line a total, flags from its bytes.
            let reqs: Vec<wz_route_request> = parts
                .iter()
                .map(|p| wz_route_request {
                    total: p.as_ptr(),
                    flags: p.as_bytes().first().map_or(0, |&b| u32::from(b) << (b % 4)),
                })
                .collect();
            let mut routes = vec![ptr::null::<c_char>(); reqs.len()];
            let _ = wz_approval_route_batch(ctx, reqs.as_ptr(), reqs.len(), routes.as_mut_ptr());
            let _ = wz_approval_route_batch(ctx, ptr::null(), reqs.len(), routes.as_mut_ptr());
        }
        _ => {
            // NULL and empty everywhere.
            let empty = c(b"");
            let _ = wz_decide(ctx, empty.as_ptr(), empty.as_ptr(), &mut out);
            let _ = wz_decide(ctx, first.as_ptr(), first.as_ptr(), ptr::null_mut());
            let _ = wz_check_json(ptr::null(), ptr::null(), ptr::null(), &mut out);
            let mut p = ptr::null_mut();
            let _ = wz_inv_project_create(ctx, first.as_ptr(), &mut p, ptr::null_mut());
            let _ = wz_inv_project_apply(p, ptr::null(), &mut out);
            let _ = wz_inv_project_apply(ptr::null_mut(), first.as_ptr(), &mut out);
            wz_inv_project_free(p);
            let _ = wz_status_name(u32::from(rest.first().copied().unwrap_or(0)) * 7);
            last_error();
        }
    }
    free(out);
    wz_context_free(ctx);
});
