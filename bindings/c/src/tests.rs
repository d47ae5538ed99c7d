//! Rust tests of the C ABI: they call the exported functions as C would (and run under Miri).

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use serde_json::Value;

use crate::boundary::{self, FfiError};
use crate::*;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Copies and frees a returned string.
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

fn register(pid: &str, date: &str) -> CString {
    c(&serde_json::json!({
        "stream": {"machine": "inv", "project_id": pid, "instance": pid},
        "event": "register_project", "actor": "project_unit", "date": date,
        "project_code": "2307-411300-04-01-000001",
        "facts": {"project_id": pid, "project_code": "2307-411300-04-01-000001", "name": "Village road",
                  "sector": "transport", "nature": "non_operating", "mode": "direct_investment",
                  "total": "8500000.00", "unit_kind": "admin_or_public_unit",
                  "industry_authority_org": "南阳市交通运输局"}
    })
    .to_string())
}

fn withdraw(pid: &str, actor: &str, date: &str) -> CString {
    c(&serde_json::json!({
        "stream": {"machine": "inv", "project_id": pid, "instance": pid},
        "event": "withdraw_project", "actor": actor, "date": date,
        "project_code": "2307-411300-04-01-000001", "facts": {"reason": "no funds"}
    })
    .to_string())
}

fn context() -> *mut wz_context {
    let mut ctx = ptr::null_mut();
    assert_eq!(wz_context_new(ptr::null(), ptr::null(), &mut ctx), wz_status::WZ_OK);
    ctx
}

#[test]
fn abi_and_library_versions() {
    assert_eq!(wz_abi_version(), WZ_ABI_VERSION);
    // SAFETY: wz_version returns a static NUL-terminated string.
    let v = unsafe { CStr::from_ptr(wz_version()) };
    assert_eq!(v.to_str().unwrap(), wanzheng::VERSION);
}

#[test]
fn lifecycle_export_replay() {
    let ctx = context();
    let mut p = ptr::null_mut();
    let mut t = ptr::null_mut();
    assert_eq!(wz_inv_project_create(ctx, register("P1", "2023-07-03").as_ptr(), &mut p, &mut t), wz_status::WZ_OK);
    let t: Value = serde_json::from_str(&take(t)).unwrap();
    assert_eq!(t["to"], "reserve");

    // Refused: the output is untouched, the project unchanged, the last error cites INV-8.
    let mut state = ptr::null_mut();
    assert_eq!(wz_inv_project_state(p, &mut state), wz_status::WZ_OK);
    let before = take(state);
    let mut out = ptr::dangling_mut::<c_char>();
    let sentinel = out;
    let s = wz_inv_project_apply(p, withdraw("P1", "drc", "2023-07-04").as_ptr(), &mut out);
    assert_eq!(s, wz_status::WZ_RULE_VIOLATION);
    assert_eq!(out, sentinel);
    let e = last_error();
    assert_eq!(e["rule_id"], "INV-8");
    assert_eq!(e["article"], "第八条");
    assert_eq!(e["status"], "WZ_RULE_VIOLATION");
    assert_eq!(e["code"], 3000);
    assert!(!e["message_zh"].as_str().unwrap().is_empty() && !e["message_en"].as_str().unwrap().is_empty());
    let mut state = ptr::null_mut();
    assert_eq!(wz_inv_project_state(p, &mut state), wz_status::WZ_OK);
    assert_eq!(take(state), before);
    // A success clears the last error.
    assert_eq!(last_error()["kind"], "none");

    let mut out = ptr::null_mut();
    assert_eq!(
        wz_inv_project_apply(p, withdraw("P1", "project_unit", "2023-07-04").as_ptr(), &mut out),
        wz_status::WZ_OK
    );
    take(out);
    let mut log = ptr::null_mut();
    assert_eq!(wz_inv_project_export_log(p, &mut log), wz_status::WZ_OK);
    let log = c(&take(log));
    let mut q = ptr::null_mut();
    let mut report = ptr::null_mut();
    assert_eq!(wz_inv_project_replay(ctx, log.as_ptr(), &mut q, &mut report), wz_status::WZ_OK);
    assert_eq!(take(report), r#"{"differences":[]}"#);
    let (mut a, mut b) = (ptr::null_mut(), ptr::null_mut());
    assert_eq!(wz_inv_project_state(p, &mut a), wz_status::WZ_OK);
    assert_eq!(wz_inv_project_state(q, &mut b), wz_status::WZ_OK);
    assert_eq!(take(a), take(b));
    wz_inv_project_free(q);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

#[test]
fn the_abi_returns_what_the_core_returns() {
    let ctx = context();
    let mut p = ptr::null_mut();
    let mut t = ptr::null_mut();
    let cmd = register("P1", "2023-07-03");
    assert_eq!(wz_inv_project_create(ctx, cmd.as_ptr(), &mut p, &mut t), wz_status::WZ_OK);
    let mut core = wanzheng::InvestmentProject::new(wanzheng::Context::default());
    let want = core.apply_json(cmd.to_str().unwrap()).unwrap();
    assert_eq!(take(t), serde_json::to_string(&want).unwrap());
    let mut log = ptr::null_mut();
    assert_eq!(wz_inv_project_export_log(p, &mut log), wz_status::WZ_OK);
    assert_eq!(take(log), core.log().to_json());
    // The same refusal, as the core's error JSON plus status, code and function.
    let bad = withdraw("P1", "drc", "2023-07-04");
    let mut out = ptr::null_mut();
    assert_eq!(wz_inv_project_apply(p, bad.as_ptr(), &mut out), wz_status::WZ_RULE_VIOLATION);
    let mut got = last_error();
    let want = core.apply_json(bad.to_str().unwrap()).unwrap_err().to_json_value();
    for k in ["status", "code", "function"] {
        got.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(got, want);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

#[test]
fn null_arguments_and_wrong_handles() {
    let ctx = context();
    let mut out = ptr::null_mut();
    assert_eq!(wz_decide(ptr::null(), c("f").as_ptr(), c("{}").as_ptr(), &mut out), wz_status::WZ_NULL_ARGUMENT);
    assert_eq!(last_error()["argument"], "context");
    assert_eq!(wz_decide(ctx, c("f").as_ptr(), c("{}").as_ptr(), ptr::null_mut()), wz_status::WZ_NULL_ARGUMENT);
    assert_eq!(last_error()["argument"], "out_json");
    let mut cal = ptr::null_mut();
    assert_eq!(wz_calendar_embedded(&mut cal), wz_status::WZ_OK);
    let s = wz_inv_project_apply(cal.cast(), register("P", "2023-07-03").as_ptr(), &mut out);
    assert_eq!(s, wz_status::WZ_WRONG_HANDLE);
    let e = last_error();
    assert_eq!((e["expected"].as_str(), e["found"].as_str()), (Some("wz_inv_project"), Some("wz_calendar")));
    // The wrong free function leaves the handle alone.
    wz_context_free(cal.cast());
    assert_eq!(last_error()["status"], "WZ_WRONG_HANDLE");
    assert!(out.is_null());
    wz_calendar_free(cal);
    wz_calendar_free(ptr::null_mut());
    wz_string_free(ptr::null_mut());
    wz_context_free(ctx);
}

/// Issue 12 (4): the C date arguments read through the core's one strict parser
/// (`wanzheng::date::parse`): chrono's `%Y-%m-%d` accepted these.
#[test]
fn lenient_dates_are_refused_on_every_date_argument() {
    let ctx = context();
    let mut p = ptr::null_mut();
    assert_eq!(
        wz_inv_project_create(ctx, register("P", "2023-07-03").as_ptr(), &mut p, ptr::null_mut()),
        wz_status::WZ_OK
    );
    let mut ws = ptr::null_mut();
    assert_eq!(wz_workspace_new(ctx, &mut ws), wz_status::WZ_OK);
    let mut cal = ptr::null_mut();
    assert_eq!(wz_calendar_embedded(&mut cal), wz_status::WZ_OK);
    let mut out = ptr::null_mut();
    let mut b = false;
    for bad in [
        "2023-7-3",
        " 2023-07-03",
        "+2023-07-03",
        "2023-07-03 ",
        "02023-07-03",
        "2023-07-3",
        "2023-07-3 ",
        "２０２３-07-03",
    ] {
        let d = c(bad);
        let refused = |s: wz_status| {
            assert_eq!(s, wz_status::WZ_MALFORMED_INPUT, "{bad:?}");
            assert_eq!(last_error()["reason"], "date", "{bad:?}");
        };
        refused(wz_inv_project_obligations(p, d.as_ptr(), &mut out));
        refused(wz_inv_project_findings(p, d.as_ptr(), &mut out));
        refused(wz_workspace_report(ws, d.as_ptr(), &mut out));
        refused(wz_calendar_is_working_day(cal, d.as_ptr(), &mut b));
        refused(wz_calendar_is_official(cal, d.as_ptr(), &mut b));
        refused(wz_inv_project_permitted_events(p, d.as_ptr(), ptr::null(), &mut out));
        refused(wz_workspace_permitted_events(ws, d.as_ptr(), ptr::null(), &mut out));
        refused(wz_check_json(ptr::null(), c("{}").as_ptr(), d.as_ptr(), &mut out));
        assert!(out.is_null());
    }
    assert_eq!(wz_inv_project_obligations(p, c("2023-07-03").as_ptr(), &mut out), wz_status::WZ_OK);
    take(out);
    assert_eq!(wz_calendar_is_working_day(cal, c("2023-07-03").as_ptr(), &mut b), wz_status::WZ_OK);
    assert!(b);
    wz_calendar_free(cal);
    wz_workspace_free(ws);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

#[test]
fn invalid_utf8_is_malformed_input() {
    let ctx = context();
    let bad = CString::new(vec![b'{', 0xff, b'}']).unwrap();
    let mut out = ptr::null_mut();
    assert_eq!(wz_decide(ctx, c("f").as_ptr(), bad.as_ptr(), &mut out), wz_status::WZ_MALFORMED_INPUT);
    let e = last_error();
    assert_eq!(e["reason"], "invalid_utf8");
    assert_eq!(e["path"], "request_json");
    wz_context_free(ctx);
}

#[test]
fn last_error_message_copies_and_cuts_at_a_char_boundary() {
    let mut out = ptr::null_mut();
    assert_eq!(wz_explain(c("INV-99.9").as_ptr(), &mut out), wz_status::WZ_MALFORMED_INPUT);
    let mut full = 0;
    assert_eq!(wz_last_error_message(ptr::null_mut(), 0, &mut full), wz_status::WZ_OK);
    let mut buf = vec![0 as c_char; full + 1];
    let mut n = 0;
    assert_eq!(wz_last_error_message(buf.as_mut_ptr(), buf.len(), &mut n), wz_status::WZ_OK);
    assert_eq!(n, full);
    // SAFETY: the buffer was NUL-terminated by wz_last_error_message.
    let msg = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_string();
    assert!(msg.contains("INV-99.9"));
    // A rule violation's message has Chinese text in the JSON; cut the English one anywhere.
    for len in 1..8 {
        let mut small = vec![0 as c_char; len];
        assert_eq!(wz_last_error_message(small.as_mut_ptr(), len, &mut n), wz_status::WZ_OK);
        assert_eq!(n, len - 1);
    }
    assert_eq!(wz_last_error_message(ptr::null_mut(), 3, &mut n), wz_status::WZ_NULL_ARGUMENT);
}

/// Issue 12 item 6 at the C boundary: a huge function name, amount or key gave an error message
/// (and `wz_last_error_json`) as long as the input; the echoed input is now cut to ~200
/// characters. (Smaller under Miri, which runs ~1,000× slower.)
#[test]
fn error_messages_through_the_abi_are_bounded() {
    let size = if cfg!(miri) { 4_000 } else { 2 << 20 };
    let huge = "x".repeat(size);
    let ctx = context();
    let mut out = ptr::null_mut();
    let cases = [
        (c(&huge), c("{}")),
        (c("approval_route"), c(&format!(r#"{{"total":"{huge}","flags":{{}}}}"#))),
        (c("approval_route"), c(&format!(r#"{{"total":"1.00","{huge}":1}}"#))),
    ];
    for (function, request) in &cases {
        assert_eq!(wz_decide(ctx, function.as_ptr(), request.as_ptr(), &mut out), wz_status::WZ_MALFORMED_INPUT);
        let mut full = 0;
        assert_eq!(wz_last_error_message(ptr::null_mut(), 0, &mut full), wz_status::WZ_OK);
        assert!(full < 2_000, "a message of {full} bytes");
        let mut json = ptr::null_mut();
        assert_eq!(wz_last_error_json(&mut json), wz_status::WZ_OK);
        let json = take(json);
        assert!(json.len() < 4_000, "an error JSON of {} bytes", json.len());
    }
    assert!(out.is_null(), "nothing written on a refusal");
    wz_context_free(ctx);
}

#[test]
fn a_panic_becomes_internal_error_with_the_last_error_set() {
    let s = boundary::guard("wz_test", || panic!("boom"));
    assert_eq!(s, wz_status::WZ_INTERNAL_ERROR);
    let e = last_error();
    assert_eq!(e["kind"], "internal_error");
    assert_eq!(e["function"], "wz_test");
    assert!(e["message"].as_str().unwrap().contains("boom"));
    let v = boundary::guard_value("wz_test", 7u32, || panic!("boom"));
    assert_eq!(v, 7);
}

#[test]
fn a_panic_inside_a_change_poisons_the_handle() {
    let ctx = context();
    let mut p = ptr::null_mut();
    assert_eq!(wz_inv_project_new(ctx, &mut p), wz_status::WZ_OK);
    let s =
        boundary::guard("wz_test", || boundary::with_mut::<wz_inv_project, ()>(p, "project", |_| panic!("half-way")));
    assert_eq!(s, wz_status::WZ_INTERNAL_ERROR);
    let mut out = ptr::null_mut();
    assert_eq!(wz_inv_project_state(p, &mut out), wz_status::WZ_POISONED_HANDLE);
    assert_eq!(last_error()["argument"], "project");
    wz_inv_project_free(p);
    wz_context_free(ctx);
    // An error (not a panic) inside a change does not poison.
    let mut p = ptr::null_mut();
    let ctx = context();
    assert_eq!(wz_inv_project_new(ctx, &mut p), wz_status::WZ_OK);
    let r = boundary::with_mut::<wz_inv_project, ()>(p, "project", |_| Err(FfiError::Internal { message: "x".into() }));
    assert!(r.is_err());
    assert_eq!(wz_inv_project_state(p, &mut out), wz_status::WZ_OK);
    take(out);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}

#[test]
fn batch_and_functions_list() {
    let ctx = context();
    let mut out = ptr::null_mut();
    assert_eq!(wz_decide_functions(&mut out), wz_status::WZ_OK);
    let list: Value = serde_json::from_str(&take(out)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), wanzheng::decide::FUNCTIONS.len());
    for f in wanzheng::decide::FUNCTIONS {
        let mut out = ptr::null_mut();
        let name = c(f.name);
        assert_eq!(
            wz_decide_batch(ctx, name.as_ptr(), c("[{\"schema_version\":9}]").as_ptr(), &mut out),
            wz_status::WZ_OK
        );
        let items: Value = serde_json::from_str(&take(out)).unwrap();
        assert_eq!(items[0]["error"]["reason"], "future_schema_version");
    }
    let mut out = ptr::null_mut();
    assert_eq!(
        wz_decide_batch(ctx, c("no_such_function").as_ptr(), c("[]").as_ptr(), &mut out),
        wz_status::WZ_MALFORMED_INPUT
    );
    assert!(out.is_null());
    wz_context_free(ctx);
}

#[test]
fn calendar_with_a_newer_notice() {
    let mut cal = ptr::null_mut();
    assert_eq!(wz_calendar_embedded(&mut cal), wz_status::WZ_OK);
    let mut next = ptr::null_mut();
    let notice = c(include_str!("../../../tests/fixtures/calendar/notice_2027_illustrative.json"));
    assert_eq!(wz_calendar_with_notice(cal, notice.as_ptr(), &mut next), wz_status::WZ_OK);
    let mut working = true;
    assert_eq!(wz_calendar_is_working_day(next, c("2027-01-01").as_ptr(), &mut working), wz_status::WZ_OK);
    assert!(!working);
    // Sat 20 Feb 2027: a make-up working day of the notice, a weekend day without it.
    assert_eq!(wz_calendar_is_working_day(next, c("2027-02-20").as_ptr(), &mut working), wz_status::WZ_OK);
    assert!(working);
    assert_eq!(wz_calendar_is_working_day(cal, c("2027-02-20").as_ptr(), &mut working), wz_status::WZ_OK);
    assert!(!working);
    let mut official = false;
    assert_eq!(wz_calendar_is_official(next, c("2027-02-20").as_ptr(), &mut official), wz_status::WZ_OK);
    assert!(official);
    assert_eq!(wz_calendar_is_official(cal, c("2027-02-20").as_ptr(), &mut official), wz_status::WZ_OK);
    assert!(!official);
    assert_eq!(wz_calendar_is_working_day(cal, c("2100-01-04").as_ptr(), &mut working), wz_status::WZ_MALFORMED_INPUT);
    assert_eq!(last_error()["reason"], "calendar_out_of_range");
    assert_eq!(wz_calendar_is_official(cal, c("2100-01-04").as_ptr(), &mut official), wz_status::WZ_MALFORMED_INPUT);
    assert_eq!(last_error()["reason"], "calendar_out_of_range");
    let mut ctx = ptr::null_mut();
    assert_eq!(wz_context_new(ptr::null(), next, &mut ctx), wz_status::WZ_OK);
    wz_calendar_free(next);
    wz_calendar_free(cal);
    // The context still holds its calendar.
    let mut out = ptr::null_mut();
    assert_eq!(wz_context_config_json(ctx, &mut out), wz_status::WZ_OK);
    assert!(take(out).contains("\"final_accounts_due\":3"));
    wz_context_free(ctx);
}

#[test]
fn handles_are_send_and_sync_where_documented() {
    fn shareable<T: Send + Sync>() {}
    fn movable<T: Send>() {}
    shareable::<<wz_calendar as boundary::Castable>::Rust>();
    shareable::<<wz_context as boundary::Castable>::Rust>();
    movable::<<wz_inv_project as boundary::Castable>::Rust>();
    shareable::<<wz_inv_project as boundary::Castable>::Rust>();
    movable::<<wz_workspace as boundary::Castable>::Rust>();
}

fn dig_register(actor: &str, date: &str) -> CString {
    c(&serde_json::json!({
        "stream": {"machine": "dig", "project_id": "PARK-2024", "instance": "PARK-2024"},
        "event": "register_dig_project", "actor": actor, "actor_org": "南阳市城市管理局", "date": date,
        "facts": {"project_id": "PARK-2024", "name": "南阳市智慧停车平台", "demand_unit_org": "南阳市城市管理局",
                  "funding": "soe_self", "project_code": "2309-411300-04-01-000318"}
    })
    .to_string())
}

#[test]
fn digital_project_lifecycle_and_kinds() {
    let ctx = context();
    let mut p = ptr::null_mut();
    let mut t = ptr::null_mut();
    let cmd = dig_register("demand_unit", "2023-09-05");
    assert_eq!(wz_dig_project_create(ctx, cmd.as_ptr(), &mut p, &mut t), wz_status::WZ_OK);
    let mut core = wanzheng::digital::DigitalProject::new(wanzheng::Context::default());
    let want = core.apply_json(cmd.to_str().unwrap()).unwrap();
    assert_eq!(take(t), serde_json::to_string(&want).unwrap());
    // A wrong actor is refused by the regulation, as in the core.
    let bad = dig_register("drc", "2023-09-06");
    let mut q = ptr::null_mut();
    let s = wz_dig_project_create(ctx, bad.as_ptr(), &mut q, ptr::null_mut());
    let core_err = wanzheng::digital::DigitalProject::new(wanzheng::Context::default())
        .apply_json(bad.to_str().unwrap())
        .unwrap_err();
    assert_eq!(s, status::wz_status::of(&core_err));
    assert!(q.is_null());
    // Handles of the two machines are not interchangeable.
    let mut out = ptr::null_mut();
    assert_eq!(wz_inv_project_state(p.cast(), &mut out), wz_status::WZ_WRONG_HANDLE);
    assert_eq!(last_error()["found"], "wz_dig_project");
    // Export and replay.
    let mut log = ptr::null_mut();
    assert_eq!(wz_dig_project_export_log(p, &mut log), wz_status::WZ_OK);
    let log = c(&take(log));
    assert_eq!(wz_dig_project_replay(ctx, log.as_ptr(), &mut q, ptr::null_mut()), wz_status::WZ_OK);
    let (mut a, mut b) = (ptr::null_mut(), ptr::null_mut());
    assert_eq!(wz_dig_project_state(p, &mut a), wz_status::WZ_OK);
    assert_eq!(wz_dig_project_state(q, &mut b), wz_status::WZ_OK);
    assert_eq!(take(a), take(b));
    for f in [wz_dig_project_findings, wz_dig_project_obligations] {
        let mut out = ptr::null_mut();
        assert_eq!(f(p, c("2024-12-31").as_ptr(), &mut out), wz_status::WZ_OK);
        assert!(take(out).starts_with('['));
    }
    wz_dig_project_free(q);
    wz_dig_project_free(p);
    wz_context_free(ctx);
}

/// The violations example through a workspace: its project read plan entries when judged.
fn example_document() -> (String, String) {
    let doc: Value = serde_json::from_str(include_str!("../../../examples/investment/violations.json")).unwrap();
    let mut ws = wanzheng::Workspace::new(wanzheng::Context::default());
    for cmd in doc["commands"].as_array().unwrap() {
        let _ = ws.apply_json(&cmd.to_string());
    }
    let p = ws.investments().next().unwrap().1;
    (p.to_json(), p.log().to_json())
}

/// Issue 12: the C replay report listed 2 differences for the example's untouched log — a log
/// alone lacks the plan entries the project was judged with. The project document carries
/// them: replayed from it, the report is empty; from the bare log it names the 2 entries.
#[test]
// Not under Miri (`make miri`): it applies the whole violations example (44 commands) and replays
// it twice — too slow interpreted; lifecycle_export_replay covers replay through the ABI there.
#[cfg_attr(miri, ignore)]
fn an_untouched_document_replays_with_an_empty_report() {
    let ctx = context();
    let (doc, log) = example_document();
    let mut q = ptr::null_mut();
    let mut report = ptr::null_mut();
    assert_eq!(wz_inv_project_replay(ctx, c(&doc).as_ptr(), &mut q, &mut report), wz_status::WZ_OK);
    assert_eq!(take(report), r#"{"differences":[]}"#);
    let mut exported = ptr::null_mut();
    assert_eq!(wz_inv_project_export_log(q, &mut exported), wz_status::WZ_OK);
    assert_eq!(take(exported), log);
    wz_inv_project_free(q);
    let mut q = ptr::null_mut();
    assert_eq!(wz_inv_project_replay(ctx, c(&log).as_ptr(), &mut q, &mut report), wz_status::WZ_OK);
    let report: Value = serde_json::from_str(&take(report)).unwrap();
    let seqs: Vec<_> = report["differences"].as_array().unwrap().iter().map(|d| d["seq"].clone()).collect();
    assert_eq!(seqs.len(), 2, "{report}");
    wz_inv_project_free(q);
    // A document of the other machine is refused, with the path of what is wrong.
    let mut d = ptr::null_mut();
    assert_eq!(wz_dig_project_replay(ctx, c(&doc).as_ptr(), &mut d, ptr::null_mut()), wz_status::WZ_MALFORMED_INPUT);
    assert_eq!(last_error()["reason"], "wrong_stream");
    assert!(d.is_null());
    wz_context_free(ctx);
}

/// A second free and a use after free of a recently freed handle are refused (the tag is
/// cleared before the value is dropped, the allocation kept a while), not a double free.
#[test]
fn a_freed_handle_is_refused() {
    let ctx = context();
    let mut p = ptr::null_mut();
    assert_eq!(
        wz_inv_project_create(ctx, register("F1", "2023-07-03").as_ptr(), &mut p, ptr::null_mut()),
        wz_status::WZ_OK
    );
    wz_inv_project_free(p);
    wz_inv_project_free(p);
    let e = last_error();
    assert_eq!((e["status"].as_str(), e["found"].as_str()), (Some("WZ_WRONG_HANDLE"), Some("freed")));
    let mut out = ptr::null_mut();
    assert_eq!(wz_inv_project_state(p, &mut out), wz_status::WZ_WRONG_HANDLE);
    assert!(out.is_null());
    wz_context_free(ctx);
    wz_context_free(ctx);
    assert_eq!(last_error()["found"], "freed");
}

/// Issue 12: one handle applied from several threads at once answered `WZ_POISONED_HANDLE`
/// (a data race on a plain `bool`); the handle's lock serialises the calls.
#[test]
fn one_handle_shared_by_threads() {
    struct Shared(*mut wz_inv_project, *mut wz_context);
    // SAFETY: the handles are documented as usable from any thread.
    unsafe impl Sync for Shared {}
    impl Shared {
        fn project(&self) -> *mut wz_inv_project {
            self.0
        }
        fn context(&self) -> *mut wz_context {
            self.1
        }
    }
    let ctx = context();
    let mut p = ptr::null_mut();
    assert_eq!(
        wz_inv_project_create(ctx, register("T1", "2023-07-03").as_ptr(), &mut p, ptr::null_mut()),
        wz_status::WZ_OK
    );
    let shared = &Shared(p, ctx);
    // Four threads either way; fewer rounds under Miri (interpreted, with its data-race detector).
    let rounds = if cfg!(miri) { 2 } else { 25 };
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(move || {
                let refused = withdraw("T1", "drc", "2023-07-04");
                for _ in 0..rounds {
                    let mut t = ptr::null_mut();
                    assert_eq!(
                        wz_inv_project_apply(shared.project(), refused.as_ptr(), &mut t),
                        wz_status::WZ_RULE_VIOLATION
                    );
                    let mut st = ptr::null_mut();
                    assert_eq!(wz_inv_project_state(shared.project(), &mut st), wz_status::WZ_OK);
                    take(st);
                    let mut q = ptr::null_mut();
                    assert_eq!(wz_inv_project_new(shared.context(), &mut q), wz_status::WZ_OK);
                    wz_inv_project_free(q);
                }
            });
        }
    });
    let mut t = ptr::null_mut();
    assert_eq!(
        wz_inv_project_apply(p, withdraw("T1", "project_unit", "2023-07-04").as_ptr(), &mut t),
        wz_status::WZ_OK
    );
    take(t);
    wz_inv_project_free(p);
    wz_context_free(ctx);
}
