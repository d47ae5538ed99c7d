//! The thread-local last error: set by every failing call, cleared by every other status call.

use std::cell::RefCell;
use std::ffi::c_char;

use serde_json::{Value, json};

use crate::boundary::{self, FfiError, Out};
use crate::status::wz_status;

/// The last error of this thread.
struct LastError {
    message: String,
    json: Value,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// Forgets the last error (every status-returning call but the readers starts with this).
pub(crate) fn clear() {
    // try_with: during thread teardown the slot may be gone; there is nothing to clear then.
    let _ = LAST.try_with(|l| l.borrow_mut().take());
}

/// Records `e` as this thread's last error for a call of `function`; returns its status.
pub(crate) fn set(function: &'static str, e: &FfiError) -> wz_status {
    let status = e.status();
    let (message, mut json) = match e {
        FfiError::Core(core) => (core.to_string(), core.to_json_value()),
        other => {
            let message = other.to_string();
            let json = json!({"kind": other.kind(), "message": message});
            (message, json)
        }
    };
    if let Value::Object(o) = &mut json {
        o.insert("status".into(), json!(status.name()));
        o.insert("code".into(), json!(status as u32));
        o.insert("function".into(), json!(function));
        match e {
            FfiError::Null { argument } | FfiError::Poisoned { argument } => {
                o.insert("argument".into(), json!(argument));
            }
            FfiError::WrongHandle { argument, expected, found } => {
                o.insert("argument".into(), json!(argument));
                o.insert("expected".into(), json!(expected));
                o.insert("found".into(), json!(found));
            }
            FfiError::Core(_) | FfiError::Panic { .. } | FfiError::Internal { .. } => {}
        }
    }
    let _ = LAST.try_with(|l| *l.borrow_mut() = Some(LastError { message, json }));
    status
}

/// Copies the last error's message (English, citing the rule for a rule violation) into `buf`.
///
/// Writes at most `len - 1` bytes and a terminating NUL, cutting at a UTF-8 character boundary,
/// and stores in `*out_n` the number of bytes written before the NUL. With no last error the
/// message is empty. `buf` may be NULL only when `len` is 0 (then only `*out_n` is written, with
/// the full message length, so a caller can size its buffer). Does not clear the last error.
///
/// Returns `WZ_OK`, or `WZ_NULL_ARGUMENT` when `out_n` is NULL or `buf` is NULL with `len > 0`.
#[unsafe(no_mangle)]
pub extern "C" fn wz_last_error_message(buf: *mut c_char, len: usize, out_n: *mut usize) -> wz_status {
    boundary::guard_keep_error("wz_last_error_message", || {
        let out_n = Out::new(out_n, "out_n")?;
        if buf.is_null() && len > 0 {
            return Err(FfiError::Null { argument: "buf" });
        }
        let message = LAST.with(|l| l.borrow().as_ref().map(|e| e.message.clone())).unwrap_or_default();
        if len == 0 {
            out_n.write(message.len());
            return Ok(());
        }
        let mut n = message.len().min(len - 1);
        while !message.is_char_boundary(n) {
            n -= 1;
        }
        // SAFETY: `buf` is non-NULL (checked above) and the caller guarantees it points to `len`
        // writable bytes; we write `n + 1 <= len` bytes, from a distinct Rust allocation.
        unsafe {
            std::ptr::copy_nonoverlapping(message.as_ptr(), buf.cast::<u8>(), n);
            *buf.add(n) = 0;
        }
        out_n.write(n);
        Ok(())
    })
}

/// Writes the last error as a JSON object into `*out_json` (free it with `wz_string_free`).
///
/// Keys: `kind` (`input_error`, `transition_error`, `rule_violation`, `invalid_argument`,
/// `internal_error`), `status` (the constant's name), `code`, `message`, `function` (the call that
/// failed), and by kind: `path` and `reason`; `machine`, `state`, `event`; `rule_id`, `article`,
/// `citation`, `message_zh`, `message_en`, `rules`, `outcomes`; `argument`. With no last error
/// the object is `{"kind":"none","status":"WZ_OK","code":0}`. Does not clear the last error.
///
/// Returns `WZ_OK`, or `WZ_NULL_ARGUMENT` when `out_json` is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn wz_last_error_json(out_json: *mut *mut c_char) -> wz_status {
    boundary::guard_keep_error("wz_last_error_json", || {
        let out = Out::new(out_json, "out_json")?;
        let text = LAST
            .with(|l| l.borrow().as_ref().map(|e| e.json.to_string()))
            .unwrap_or_else(|| r#"{"kind":"none","status":"WZ_OK","code":0}"#.to_string());
        out.write_string(text)
    })
}
