//! The decision functions of RULES.md §4, by name: one request, or a batch of requests.

use std::ffi::c_char;

use crate::boundary::{self, Out, arg_str, borrow};
use crate::config::wz_context;
use crate::status::wz_status;

/// Evaluates the RULES.md §4 decision function `function` (e.g. `"approval_route"`) on a JSON
/// request; writes the JSON result into `*out_json` (free it with `wz_string_free`).
///
/// The request is a JSON object (amounts as decimal strings such as `"10000000.00"`, dates as ISO
/// strings; an optional `schema_version` of 1); the result carries `rules` (the trace) and
/// `outcomes`. Every function registered in the library is reachable here; see
/// `wz_decide_functions`.
///
/// Returns `WZ_OK`, `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, `WZ_MALFORMED_INPUT` (unknown function,
/// invalid UTF-8, malformed JSON, wrong shape, unknown field, float or bad amount, future
/// `schema_version`), or the function's own refusal status.
#[unsafe(no_mangle)]
pub extern "C" fn wz_decide(
    context: *const wz_context,
    function: *const c_char,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_decide", || {
        let ctx = borrow(context, "context")?;
        let function = arg_str(function, "function")?;
        let request = arg_str(request_json, "request_json")?;
        let out = Out::new(out_json, "out_json")?;
        out.write_string(wanzheng::decide::decide_json(function, request, &ctx)?)
    })
}

/// Evaluates `function` on every request of a JSON array in one call (for callers that pay per
/// call, such as Java through JNA); writes a JSON array into `*out_json` (free it with
/// `wz_string_free`), one item per request in order: `{"ok":true,"result":{…}}`, or
/// `{"error":{…},"ok":false}` with the error object as `wz_last_error_json` would give it
/// (without `status`, `code` and `function`). A failing item does not stop the batch.
///
/// Returns `WZ_OK` (even when items failed), `WZ_NULL_ARGUMENT`, `WZ_WRONG_HANDLE`, or
/// `WZ_MALFORMED_INPUT` for an unknown function, malformed JSON or a non-array.
#[unsafe(no_mangle)]
pub extern "C" fn wz_decide_batch(
    context: *const wz_context,
    function: *const c_char,
    requests_json: *const c_char,
    out_json: *mut *mut c_char,
) -> wz_status {
    boundary::guard("wz_decide_batch", || {
        let ctx = borrow(context, "context")?;
        let function = arg_str(function, "function")?;
        let requests = arg_str(requests_json, "requests_json")?;
        let out = Out::new(out_json, "out_json")?;
        out.write_string(wanzheng::decide::decide_batch_json(function, requests, &ctx)?)
    })
}

/// Writes the names of the registered decision functions as a JSON array of
/// `{"name": …, "section": …}` objects, in RULES.md §4 order, into `*out_json` (free it with
/// `wz_string_free`).
///
/// Returns `WZ_OK` or `WZ_NULL_ARGUMENT`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_decide_functions(out_json: *mut *mut c_char) -> wz_status {
    boundary::guard("wz_decide_functions", || {
        let out = Out::new(out_json, "out_json")?;
        let list: Vec<serde_json::Value> = wanzheng::decide::FUNCTIONS
            .iter()
            .map(|f| serde_json::json!({"name": f.name, "section": f.section}))
            .collect();
        out.write_string(serde_json::Value::Array(list).to_string())
    })
}
