//! # wanzheng-ffi — the C ABI of wanzheng (`include/wanzheng.h`)
//!
//! A thin layer over the core crate: no rule logic and no thresholds live here. Rich data
//! crosses as JSON text; handles are opaque.
//!
//! ## The contract (also at the top of `include/wanzheng.h`)
//!
//! * **Names.** Everything is prefixed `wz_`; handles are `wz_<object>` and functions
//!   `wz_<object>_<verb>`.
//! * **Status.** Every fallible function returns a [`wz_status`]: `WZ_OK` (0) or a code in the
//!   range of its kind (1000s invalid argument, 2000s malformed input, 3000s rule violation,
//!   4000s invalid transition, 5000s internal error). Outputs are written only on success.
//! * **Last error.** A failing call sets this thread's last error, read with
//!   [`wz_last_error_message`] (copy-out) or [`wz_last_error_json`] (with `rule_id`, `article`,
//!   `message_zh` and `message_en` when a rule refused). Every other status-returning call
//!   clears it on entry.
//! * **Ownership.** Input strings are borrowed for the call only: NUL-terminated UTF-8. Every
//!   string we return is released with [`wz_string_free`], every handle with its
//!   `wz_<object>_free`; each accepts NULL. Never `free()` our memory.
//! * **NULL.** Every pointer is checked before use; a NULL required argument is
//!   `WZ_NULL_ARGUMENT`. A handle of the wrong kind is `WZ_WRONG_HANDLE`. Freeing clears a
//!   handle's tag and keeps its emptied allocation among the last 64 freed, so a second
//!   `wz_<object>_free` or a use of a recently freed handle is `WZ_WRONG_HANDLE` (found
//!   `"freed"`) and changes nothing; this is best effort: beyond those 64, and for any dangling
//!   or foreign pointer, use after free is undefined behaviour.
//! * **Panics.** Every exported body runs behind `catch_unwind`: a panic becomes
//!   `WZ_INTERNAL_ERROR`, never an abort of the host. A handle whose change panicked is
//!   poisoned (`WZ_POISONED_HANDLE`) — only then.
//! * **Threads.** Every handle may be used from any number of threads at once. `wz_calendar`
//!   and `wz_context` are immutable. The calls on one project or workspace handle are
//!   serialised by a lock of the handle: reading calls run together, a changing call
//!   (`…_apply`) alone, and a call waits for the one in progress (no `WZ_BUSY`, no data race;
//!   the lock costs one uncontended atomic acquire and release per call). Freeing a handle
//!   while another thread still uses it remains the caller's error.
//! * **Amounts** are decimal strings (`"10000000.00"`); floats, signs and a third decimal are
//!   refused. **Dates** are ISO strings.
//! * **Versions.** [`wz_abi_version`] returns [`WZ_ABI_VERSION`] (the header's define, from the
//!   same constant); [`wz_version`] returns the library version.
//!
//! The exported functions are safe Rust functions taking raw pointers, as in rustls-ffi: the
//! caller's obligations are the C contract above, stated once, and every dereference happens
//! in `boundary.rs` after a NULL and kind check, under a `// SAFETY:` comment.

#![deny(missing_docs)]
#![allow(non_camel_case_types)]
// The exported functions take raw pointers from C; their validity is the C contract above,
// checked for NULL and kind in boundary.rs (as rustls-ffi does).
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::c_char;

mod boundary;
pub mod calendar;
pub mod check;
pub mod config;
pub mod decide;
pub mod digital;
pub mod investment;
pub mod last_error;
mod project;
pub mod route;
pub mod rule;
pub mod status;
mod test_hooks;
pub mod workspace;

pub use calendar::*;
pub use check::*;
pub use config::*;
pub use decide::*;
pub use digital::*;
pub use investment::*;
pub use last_error::*;
pub use rule::*;
pub use status::*;
#[cfg(feature = "test-hooks")]
pub use test_hooks::wz_test_arm_panic;
pub use workspace::*;

/// The ABI version: raised on every incompatible change of `wanzheng.h` (a signature, a handle's
/// meaning, a status code). `wz_abi_version()` returns the same number at run time, so a program
/// can check the library it loaded against the header it was compiled with.
pub const WZ_ABI_VERSION: u32 = 1;

/// The ABI version of the loaded library (equal to the header's `WZ_ABI_VERSION` when they match).
#[unsafe(no_mangle)]
pub extern "C" fn wz_abi_version() -> u32 {
    boundary::guard_value("wz_abi_version", WZ_ABI_VERSION, || Ok(WZ_ABI_VERSION))
}

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library version (`"0.1.0"`) as a static NUL-terminated string. Never free it.
#[unsafe(no_mangle)]
pub extern "C" fn wz_version() -> *const c_char {
    boundary::guard_value("wz_version", VERSION.as_ptr().cast(), || Ok(VERSION.as_ptr().cast()))
}

/// Releases a string returned by a `wz_` function. NULL is accepted and ignored. Passing any
/// other pointer (one from `malloc`, a static string, a string already freed) is undefined.
#[unsafe(no_mangle)]
pub extern "C" fn wz_string_free(s: *mut c_char) {
    boundary::guard_value("wz_string_free", (), || {
        boundary::free_string(s);
        Ok(())
    });
}

#[cfg(test)]
mod tests;
