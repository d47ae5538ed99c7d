//! RULES.md §4.1 `approval_route` over an array of typed requests: the batch for callers that
//! pay per call (Java through JNA) and hold their data in columns, without JSON on either side.
//!
//! Each request is a total (a decimal string, as everywhere in this ABI) and a word of flag
//! bits; each answer is the route's identifier as a static string. The rules are the core's
//! `approval_route`; this file only reads the arrays and writes the answers.

use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

use wanzheng::investment::route::{ApprovalFlags, Level, ROUTE_FLAGS, Route, approval_route_in};
use wanzheng::{InputError, InputReason, Yuan};

use crate::boundary::{self, FfiError, borrow};
use crate::config::wz_context;
use crate::status::wz_status;

/// `wz_route_request.flags`: special approval authority of the national or provincial level (INV-13.4).
pub const WZ_ROUTE_SPECIAL_AUTHORITY: u32 = 1 << 0;
/// `wz_route_request.flags`: seeks central or provincial funds (INV-15.5).
pub const WZ_ROUTE_SEEKS_CENTRAL_PROVINCIAL_FUNDS: u32 = 1 << 1;
/// `wz_route_request.flags`: an emergency recognised by the municipal government (INV-16.1).
pub const WZ_ROUTE_EMERGENCY_RECOGNIZED: u32 = 1 << 2;
/// `wz_route_request.flags`: an urgent sudden event (INV-16.1).
pub const WZ_ROUTE_URGENT_SUDDEN_EVENT: u32 = 1 << 3;
/// `wz_route_request.flags`: in the annual plan (INV-15.3).
pub const WZ_ROUTE_IN_PLAN: u32 = 1 << 4;
/// `wz_route_request.flags`: agreed by the municipal government (INV-15.3).
pub const WZ_ROUTE_AGREED: u32 = 1 << 5;
/// `wz_route_request.flags`: a partial rebuild or expansion (INV-15.3).
pub const WZ_ROUTE_PARTIAL_REBUILD_OR_EXPANSION: u32 = 1 << 6;
/// `wz_route_request.flags`: single content, simple technology (INV-15.2).
pub const WZ_ROUTE_SINGLE_CONTENT_SIMPLE_TECH: u32 = 1 << 7;
/// `wz_route_request.flags`: small scale (INV-15.2).
pub const WZ_ROUTE_SMALL_SCALE: u32 = 1 << 8;
/// `wz_route_request.flags`: dispersed similar projects (INV-15.2).
pub const WZ_ROUTE_DISPERSED_SIMILAR: u32 = 1 << 9;
/// `wz_route_request.flags`: a county-level project (level `county`, INV-13.3); unset is `municipal`.
pub const WZ_ROUTE_COUNTY: u32 = 1 << 10;
/// Every defined bit of `wz_route_request.flags`; any other bit is refused.
pub const WZ_ROUTE_KNOWN_FLAGS: u32 = (1 << 11) - 1;

/// One request of `wz_approval_route_batch`.
#[repr(C)]
#[allow(non_camel_case_types)] // the C name
pub struct wz_route_request {
    /// The estimated total investment, a NUL-terminated decimal string (`"10000000.00"`).
    pub total: *const c_char,
    /// The flags, an OR of `WZ_ROUTE_*` bits (0 for none).
    pub flags: u32,
}

/// The route's identifier as a static NUL-terminated string (one per route, made once).
fn route_name(r: Route) -> &'static CStr {
    static NAMES: [OnceLock<CString>; 8] = [const { OnceLock::new() }; 8];
    NAMES[r as usize].get_or_init(|| CString::new(r.as_str()).unwrap_or_default())
}

/// The flags of a request: bit `i` is the core's `ROUTE_FLAGS[i]` (the `WZ_ROUTE_*` defines
/// above are those bits, `wz_route_flag_name` their names), `WZ_ROUTE_COUNTY` the level.
fn flags_of(bits: u32) -> ApprovalFlags {
    let mut f = ApprovalFlags {
        level: if bits & WZ_ROUTE_COUNTY != 0 { Level::County } else { Level::Municipal },
        ..ApprovalFlags::default()
    };
    for i in 0..ROUTE_FLAGS.len() {
        f.set_flag(i, bits & (1 << i) != 0);
    }
    f
}

/// The flag names of RULES.md §4.1 as static NUL-terminated strings, made once from the core's list.
fn flag_name(index: usize) -> Option<&'static CStr> {
    static NAMES: [OnceLock<CString>; ROUTE_FLAGS.len()] = [const { OnceLock::new() }; ROUTE_FLAGS.len()];
    let name = ROUTE_FLAGS.get(index)?;
    Some(NAMES[index].get_or_init(|| CString::new(*name).unwrap_or_default()))
}

/// The name of flag bit `index` of `wz_route_request.flags` (`1 << index`): `"special_authority"`
/// for 0 … `"dispersed_similar"` for 9, the RULES.md §4.1 names of the core's one list, as a
/// static string owned by the library (never free it). NULL for an index past the list (the
/// level bit `WZ_ROUTE_COUNTY` has no flag name). Bindings read the names here, never keep a copy.
#[unsafe(no_mangle)]
pub extern "C" fn wz_route_flag_name(index: usize) -> *const c_char {
    boundary::guard_value("wz_route_flag_name", std::ptr::null(), || {
        Ok(flag_name(index).map_or(std::ptr::null(), CStr::as_ptr))
    })
}

/// RULES.md §4.1 `approval_route` for each of `count` requests, without JSON: writes into
/// `out_routes[i]` the route of `requests[i]` (`"standard"`, `"direct_fsr"`,
/// `"simplified_fsr_only"`, `"emergency_merged"`, `"external"` or `"county_rules"`) as a static
/// string owned by the library (never free it; it lives as long as the library is loaded).
///
/// The same decision as `wz_decide(…, "approval_route", …)` returns in its `route` field; the
/// documents, alternatives and rule trace are there, not here. `requests` and `out_routes` may
/// be NULL when `count` is 0.
///
/// Returns `WZ_OK`; `WZ_NULL_ARGUMENT` (a NULL array with `count` > 0, or a NULL `total`);
/// `WZ_WRONG_HANDLE`; or `WZ_MALFORMED_INPUT` for the first bad request — invalid UTF-8, a bad
/// amount (sign, float form, third decimal, garbage) or an unknown flag bit — with its index in
/// the last error's `path` (`[i].total`, `[i].flags`). On failure nothing is written.
#[unsafe(no_mangle)]
pub extern "C" fn wz_approval_route_batch(
    context: *const wz_context,
    requests: *const wz_route_request,
    count: usize,
    out_routes: *mut *const c_char,
) -> wz_status {
    boundary::guard("wz_approval_route_batch", || {
        let ctx = borrow(context, "context")?;
        if count == 0 {
            return Ok(());
        }
        if requests.is_null() {
            return Err(FfiError::Null { argument: "requests" });
        }
        if out_routes.is_null() {
            return Err(FfiError::Null { argument: "out_routes" });
        }
        // SAFETY: non-NULL, and by the contract above `requests` points to `count` initialised
        // requests that stay valid and unchanged for the duration of this call.
        let requests = unsafe { std::slice::from_raw_parts(requests, count) };
        let approver = ctx.config().default_design_approver;
        // The bands of the newest rule version loaded (issue 10; `wz_decide` with `as_of` picks
        // the version in force on a day).
        let rules = ctx.decision_ruleset();
        let mut routes: Vec<*const c_char> = Vec::with_capacity(count);
        for (i, r) in requests.iter().enumerate() {
            if r.flags & !WZ_ROUTE_KNOWN_FLAGS != 0 {
                return Err(InputError::new(
                    format!("[{i}].flags"),
                    InputReason::InvalidValue,
                    format!("unknown flag bits {:#x} (WZ_ROUTE_KNOWN_FLAGS is {WZ_ROUTE_KNOWN_FLAGS:#x})", r.flags),
                )
                .into());
            }
            if r.total.is_null() {
                return Err(FfiError::Null { argument: "requests[i].total" });
            }
            // SAFETY: non-NULL and NUL-terminated by the contract, valid for this call.
            let text = unsafe { CStr::from_ptr(r.total) }.to_str().map_err(|e| {
                InputError::new(format!("[{i}].total"), InputReason::InvalidUtf8, format!("not valid UTF-8: {e}"))
            })?;
            let total = Yuan::parse(text).map_err(|e| InputError::amount(format!("[{i}].total"), &e))?;
            routes.push(route_name(approval_route_in(total, &flags_of(r.flags), approver, rules).route).as_ptr());
        }
        // SAFETY: non-NULL, and by the contract `out_routes` has room for `count` pointers.
        unsafe { std::ptr::copy_nonoverlapping(routes.as_ptr(), out_routes, count) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `WZ_ROUTE_*` defines of the header are the bits of the core's list, name by name.
    #[test]
    fn defines_are_the_core_list() {
        let defines = [
            ("special_authority", WZ_ROUTE_SPECIAL_AUTHORITY),
            ("seeks_central_provincial_funds", WZ_ROUTE_SEEKS_CENTRAL_PROVINCIAL_FUNDS),
            ("emergency_recognized", WZ_ROUTE_EMERGENCY_RECOGNIZED),
            ("urgent_sudden_event", WZ_ROUTE_URGENT_SUDDEN_EVENT),
            ("in_plan", WZ_ROUTE_IN_PLAN),
            ("agreed", WZ_ROUTE_AGREED),
            ("partial_rebuild_or_expansion", WZ_ROUTE_PARTIAL_REBUILD_OR_EXPANSION),
            ("single_content_simple_tech", WZ_ROUTE_SINGLE_CONTENT_SIMPLE_TECH),
            ("small_scale", WZ_ROUTE_SMALL_SCALE),
            ("dispersed_similar", WZ_ROUTE_DISPERSED_SIMILAR),
        ];
        assert_eq!(defines.len(), ROUTE_FLAGS.len());
        for (name, bit) in defines {
            let i = ROUTE_FLAGS.iter().position(|n| *n == name).unwrap();
            assert_eq!(bit, 1 << i, "{name}");
            // SAFETY: a static NUL-terminated string of the library.
            let got = unsafe { CStr::from_ptr(wz_route_flag_name(i)) };
            assert_eq!(got.to_str().unwrap(), name);
        }
        assert!(wz_route_flag_name(ROUTE_FLAGS.len()).is_null());
        assert_eq!(WZ_ROUTE_COUNTY, 1 << ROUTE_FLAGS.len());
        assert_eq!(WZ_ROUTE_KNOWN_FLAGS, (WZ_ROUTE_COUNTY << 1) - 1);
    }
}
