//! `wz_status`: what every fallible function returns.

use std::ffi::c_char;

/// The status every fallible `wz_` function returns. `WZ_OK` is 0; failures fall in ranges by kind.
///
/// | range | kind | what to do |
/// |---|---|---|
/// | 0 | success | use the outputs |
/// | 1000–1999 | invalid argument: a NULL pointer, a handle of the wrong kind, a misused handle | fix the calling code |
/// | 2000–2999 | malformed input: JSON, shape, unknown field, amount, date, `schema_version`, UTF-8 | fix the request |
/// | 3000–3999 | the regulation refused the act (`rule_id` in the last error) | show the citation |
/// | 4000–4999 | the event is not valid in the stream's current state | check the workflow |
/// | 5000–5999 | internal error (a bug in wanzheng, including a caught panic) | report it |
///
/// On any failure the outputs are untouched and the thread's last error is set
/// (`wz_last_error_message`, `wz_last_error_json`).
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum wz_status {
    /// Success.
    WZ_OK = 0,
    /// An argument is invalid in a way not covered by a more specific code.
    WZ_INVALID_ARGUMENT = 1000,
    /// A required pointer argument is NULL.
    WZ_NULL_ARGUMENT = 1001,
    /// A handle argument is a handle of another kind (e.g. a `wz_calendar` passed as a `wz_inv_project`),
    /// or a handle freed already (a second `…_free`, a use after free; best effort, see the contract).
    WZ_WRONG_HANDLE = 1002,
    /// A project or workspace handle is unusable because an earlier call panicked while changing
    /// it (never because another thread is using it: calls on one handle are serialised).
    WZ_POISONED_HANDLE = 1003,
    /// Malformed input: invalid UTF-8, JSON syntax, wrong shape, unknown field, bad amount or date,
    /// future `schema_version`, unknown name; the last error's JSON gives `path` and `reason`.
    WZ_MALFORMED_INPUT = 2000,
    /// The regulation refused the act; the last error's JSON gives `rule_id`, `article`,
    /// `message_zh`, `message_en` and every outcome.
    WZ_RULE_VIOLATION = 3000,
    /// The event is not valid in the stream's current state; the last error's JSON gives
    /// `machine`, `state` and `event`.
    WZ_INVALID_TRANSITION = 4000,
    /// An internal error: a bug in wanzheng (a panic was caught at the boundary).
    WZ_INTERNAL_ERROR = 5000,
}

impl wz_status {
    /// The constant's name, e.g. `WZ_RULE_VIOLATION`.
    pub const fn name(self) -> &'static str {
        match self {
            wz_status::WZ_OK => "WZ_OK",
            wz_status::WZ_INVALID_ARGUMENT => "WZ_INVALID_ARGUMENT",
            wz_status::WZ_NULL_ARGUMENT => "WZ_NULL_ARGUMENT",
            wz_status::WZ_WRONG_HANDLE => "WZ_WRONG_HANDLE",
            wz_status::WZ_POISONED_HANDLE => "WZ_POISONED_HANDLE",
            wz_status::WZ_MALFORMED_INPUT => "WZ_MALFORMED_INPUT",
            wz_status::WZ_RULE_VIOLATION => "WZ_RULE_VIOLATION",
            wz_status::WZ_INVALID_TRANSITION => "WZ_INVALID_TRANSITION",
            wz_status::WZ_INTERNAL_ERROR => "WZ_INTERNAL_ERROR",
        }
    }

    const fn c_name(self) -> &'static [u8] {
        match self {
            wz_status::WZ_OK => b"WZ_OK\0",
            wz_status::WZ_INVALID_ARGUMENT => b"WZ_INVALID_ARGUMENT\0",
            wz_status::WZ_NULL_ARGUMENT => b"WZ_NULL_ARGUMENT\0",
            wz_status::WZ_WRONG_HANDLE => b"WZ_WRONG_HANDLE\0",
            wz_status::WZ_POISONED_HANDLE => b"WZ_POISONED_HANDLE\0",
            wz_status::WZ_MALFORMED_INPUT => b"WZ_MALFORMED_INPUT\0",
            wz_status::WZ_RULE_VIOLATION => b"WZ_RULE_VIOLATION\0",
            wz_status::WZ_INVALID_TRANSITION => b"WZ_INVALID_TRANSITION\0",
            wz_status::WZ_INTERNAL_ERROR => b"WZ_INTERNAL_ERROR\0",
        }
    }
}

/// Every status, in numeric order.
pub(crate) const ALL: [wz_status; 9] = [
    wz_status::WZ_OK,
    wz_status::WZ_INVALID_ARGUMENT,
    wz_status::WZ_NULL_ARGUMENT,
    wz_status::WZ_WRONG_HANDLE,
    wz_status::WZ_POISONED_HANDLE,
    wz_status::WZ_MALFORMED_INPUT,
    wz_status::WZ_RULE_VIOLATION,
    wz_status::WZ_INVALID_TRANSITION,
    wz_status::WZ_INTERNAL_ERROR,
];

impl wz_status {
    /// The status of a core error.
    pub fn of(e: &wanzheng::Error) -> wz_status {
        match e {
            wanzheng::Error::Input(_) => wz_status::WZ_MALFORMED_INPUT,
            wanzheng::Error::Transition(_) => wz_status::WZ_INVALID_TRANSITION,
            wanzheng::Error::Rule(_) => wz_status::WZ_RULE_VIOLATION,
            // The core error is non-exhaustive: a kind this binding does not know yet is a bug here.
            _ => wz_status::WZ_INTERNAL_ERROR,
        }
    }
}

/// The name of a status code as a static NUL-terminated string (`"WZ_RULE_VIOLATION"`), or
/// `"WZ_UNKNOWN_STATUS"` for a number that is no status. Never free it.
#[unsafe(no_mangle)]
pub extern "C" fn wz_status_name(status: u32) -> *const c_char {
    const UNKNOWN: &[u8] = b"WZ_UNKNOWN_STATUS\0";
    crate::boundary::guard_value("wz_status_name", UNKNOWN.as_ptr().cast(), || {
        let name = ALL.iter().find(|s| **s as u32 == status).map_or(UNKNOWN, |s| s.c_name());
        Ok(name.as_ptr().cast())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn names_and_codes() {
        for s in ALL {
            // SAFETY: wz_status_name returns a pointer to a static NUL-terminated string.
            let c = unsafe { CStr::from_ptr(wz_status_name(s as u32)) };
            assert_eq!(c.to_str().unwrap(), s.name());
        }
        // SAFETY: as above.
        let c = unsafe { CStr::from_ptr(wz_status_name(7)) };
        assert_eq!(c.to_bytes(), b"WZ_UNKNOWN_STATUS");
        assert_eq!(wz_status::WZ_OK as u32, 0);
    }
}
