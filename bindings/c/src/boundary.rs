//! The boundary between C and Rust: panic catching, argument checks, handles, outputs.
//!
//! Every exported body runs inside [`guard`] (or [`guard_value`] for the few functions that
//! return no status): a panic is caught there and becomes `WZ_INTERNAL_ERROR` with the last
//! error set, never an unwind into the host (which Rust would turn into an abort). Arguments
//! are checked for NULL before anything is built from them ([`arg_str`], [`borrow`],
//! [`Out::new`]); outputs are written only once the work has succeeded ([`Out::write`]).

use std::any::Any;
use std::collections::VecDeque;
use std::ffi::{CStr, CString, c_char};
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

use wanzheng::{Error, InputError, InputReason};

use crate::last_error;
use crate::status::wz_status;

/// Why a call failed.
#[derive(Debug)]
pub(crate) enum FfiError {
    /// A required pointer is NULL.
    Null { argument: &'static str },
    /// A handle of another kind.
    WrongHandle { argument: &'static str, expected: &'static str, found: &'static str },
    /// A handle left half-changed by an earlier panic (only then).
    Poisoned { argument: &'static str },
    /// A core error (input, transition, rule).
    Core(Error),
    /// A panic caught at the boundary.
    Panic { message: String },
    /// Any other internal failure.
    Internal { message: String },
}

impl FfiError {
    /// The status of this error.
    pub(crate) fn status(&self) -> wz_status {
        match self {
            FfiError::Null { .. } => wz_status::WZ_NULL_ARGUMENT,
            FfiError::WrongHandle { .. } => wz_status::WZ_WRONG_HANDLE,
            FfiError::Poisoned { .. } => wz_status::WZ_POISONED_HANDLE,
            FfiError::Core(e) => wz_status::of(e),
            FfiError::Panic { .. } | FfiError::Internal { .. } => wz_status::WZ_INTERNAL_ERROR,
        }
    }

    /// The `kind` of the last error's JSON.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            FfiError::Null { .. } | FfiError::WrongHandle { .. } | FfiError::Poisoned { .. } => "invalid_argument",
            FfiError::Core(e) => e.kind(),
            FfiError::Panic { .. } | FfiError::Internal { .. } => "internal_error",
        }
    }
}

impl std::fmt::Display for FfiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FfiError::Null { argument } => write!(f, "argument {argument} is NULL"),
            FfiError::WrongHandle { argument, expected, found } => {
                write!(f, "argument {argument} is a {found} handle, expected a {expected}")
            }
            FfiError::Poisoned { argument } => write!(
                f,
                "argument {argument} is unusable: an earlier call panicked while changing it (free it and replay its log)"
            ),
            FfiError::Core(e) => write!(f, "{e}"),
            FfiError::Panic { message } => write!(f, "internal error (panic caught at the C boundary): {message}"),
            FfiError::Internal { message } => write!(f, "internal error: {message}"),
        }
    }
}

impl From<Error> for FfiError {
    fn from(e: Error) -> FfiError {
        FfiError::Core(e)
    }
}

impl From<InputError> for FfiError {
    fn from(e: InputError) -> FfiError {
        FfiError::Core(e.into())
    }
}

/// The result of an exported body.
pub(crate) type FfiResult<T = ()> = Result<T, FfiError>;

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

fn run<T>(function: &'static str, body: impl FnOnce() -> FfiResult<T>) -> FfiResult<T> {
    match catch_unwind(AssertUnwindSafe(|| {
        crate::test_hooks::at_entry();
        body()
    })) {
        Ok(r) => r,
        Err(payload) => Err(FfiError::Panic { message: format!("{function}: {}", panic_message(payload.as_ref())) }),
    }
}

/// Runs the body of a status-returning function: clears the last error, catches panics, and
/// turns an error into its status with the last error set.
pub(crate) fn guard(function: &'static str, body: impl FnOnce() -> FfiResult) -> wz_status {
    last_error::clear();
    match run(function, body) {
        Ok(()) => wz_status::WZ_OK,
        Err(e) => last_error::set(function, &e),
    }
}

/// As [`guard`] but keeps the last error unless this call itself fails (for its readers).
pub(crate) fn guard_keep_error(function: &'static str, body: impl FnOnce() -> FfiResult) -> wz_status {
    match run(function, body) {
        Ok(()) => wz_status::WZ_OK,
        Err(e) => last_error::set(function, &e),
    }
}

/// Runs the body of a function that returns a value instead of a status (`wz_version`, the free
/// functions): a panic or error sets the last error and returns `default`.
pub(crate) fn guard_value<T>(function: &'static str, default: T, body: impl FnOnce() -> FfiResult<T>) -> T {
    match run(function, body) {
        Ok(v) => v,
        Err(e) => {
            last_error::set(function, &e);
            default
        }
    }
}

/// Borrows a NUL-terminated UTF-8 input string.
///
/// # Errors
/// `Null` for NULL; a core `InputError` with reason `invalid_utf8` at `argument`.
pub(crate) fn arg_str<'a>(p: *const c_char, argument: &'static str) -> FfiResult<&'a str> {
    if p.is_null() {
        return Err(FfiError::Null { argument });
    }
    // SAFETY: `p` is non-NULL and, by the C API contract (include/wanzheng.h), points to a
    // NUL-terminated string that stays valid and unchanged for the duration of this call.
    let c = unsafe { CStr::from_ptr(p) };
    c.to_str().map_err(|e| {
        InputError::new(argument, InputReason::InvalidUtf8, format!("{argument} is not valid UTF-8: {e}")).into()
    })
}

/// Parses an ISO date argument through the core's one strict parser ([`wanzheng::date::parse`]:
/// exactly `YYYY-MM-DD` naming a real day; `2023-7-3`, `" 2023-07-03"` and `+2023-07-03` are
/// refused, as on every other surface).
///
/// # Errors
/// As [`arg_str`]; a core `InputError` with reason `date`.
pub(crate) fn arg_date(p: *const c_char, argument: &'static str) -> FfiResult<chrono::NaiveDate> {
    let s = arg_str(p, argument)?;
    wanzheng::date::parse(s)
        .map_err(|e| InputError::new(argument, InputReason::Date, format!("{argument}: {e}")).into())
}

/// Parses an optional actor argument (`drc`, `finance`, …): NULL is any actor.
///
/// # Errors
/// As [`arg_str`]; a core `InputError` with reason `invalid_value` for an unknown actor.
pub(crate) fn arg_actor(p: *const c_char, argument: &'static str) -> FfiResult<Option<wanzheng::Actor>> {
    if p.is_null() {
        return Ok(None);
    }
    let s = arg_str(p, argument)?;
    wanzheng::Actor::parse(s).map(Some).ok_or_else(|| {
        InputError::new(
            argument,
            InputReason::InvalidValue,
            format!("{argument} {:?} is not an actor", wanzheng::error::echo(s)),
        )
        .into()
    })
}

/// An output pointer, checked for NULL before the work and written after it.
pub(crate) struct Out<T> {
    p: *mut T,
}

impl<T> Out<T> {
    /// Checks that `p` is not NULL.
    ///
    /// # Errors
    /// `Null` naming `argument`.
    pub(crate) fn new(p: *mut T, argument: &'static str) -> FfiResult<Out<T>> {
        if p.is_null() { Err(FfiError::Null { argument }) } else { Ok(Out { p }) }
    }

    /// An optional output: NULL means the caller does not want it.
    pub(crate) fn optional(p: *mut T) -> Option<Out<T>> {
        (!p.is_null()).then_some(Out { p })
    }

    /// Writes the output.
    pub(crate) fn write(self, v: T) {
        // SAFETY: `p` is non-NULL (checked in `new`) and, by the C API contract, points to
        // writable, aligned storage for a `T`; we write without reading the old value.
        unsafe { self.p.write(v) }
    }
}

impl Out<*mut c_char> {
    /// Writes a newly allocated NUL-terminated copy of `s` (released by `wz_string_free`).
    ///
    /// # Errors
    /// `Internal` if `s` contains a NUL byte (JSON text never does).
    pub(crate) fn write_string(self, s: String) -> FfiResult {
        let c = CString::new(s).map_err(|_| FfiError::Internal { message: "output contains a NUL byte".into() })?;
        self.write(c.into_raw());
        Ok(())
    }
}

/// A Rust type behind an opaque C handle. Each handle kind has its own tag, so a handle of one
/// kind passed where another is expected is refused (`WZ_WRONG_HANDLE`) instead of misread.
pub(crate) trait Castable {
    /// The tag stored first in the handle.
    const TAG: u32;
    /// The C type name, for messages.
    const NAME: &'static str;
    /// What the handle holds.
    type Rust;
}

/// The allocation behind every handle: a tag (at offset 0 whatever `T` is) and the value behind
/// a reader-writer lock.
///
/// * **Threads.** The lock serialises the calls on one handle: any number of reading calls at
///   once, a changing call (`apply`) alone. Two threads may share a handle; a call waits for the
///   one in progress (measured cost: benches/README.md, "C ABI").
/// * **Poison.** A panic inside a changing call (a bug, caught at the boundary) poisons the lock
///   — only then: the handle answers `WZ_POISONED_HANDLE` from then on.
/// * **Free.** Freeing takes the lock (an unfinished call ends first), clears the tag, drops the
///   value and keeps the empty allocation in a small quarantine of the last [`QUARANTINE`]
///   frees, so that a second free or a later use of a recently freed handle finds the cleared
///   tag and is refused (`WZ_WRONG_HANDLE`, "freed") instead of freeing twice. Older freed
///   handles are returned to the allocator: using them is undefined behaviour, as in any C API.
#[repr(C)]
pub(crate) struct Handle<T> {
    tag: AtomicU32,
    value: RwLock<ManuallyDrop<T>>,
}

/// The tag of a freed handle.
const FREED: u32 = 0;

/// How many freed handle allocations are kept (value dropped, tag cleared) before the oldest is
/// returned to the allocator.
pub(crate) const QUARANTINE: usize = 64;

/// The C type name of a tag, for the wrong-handle message.
fn tag_name(tag: u32) -> &'static str {
    match tag {
        FREED => "freed",
        <crate::calendar::wz_calendar as Castable>::TAG => "wz_calendar",
        <crate::config::wz_context as Castable>::TAG => "wz_context",
        <crate::investment::wz_inv_project as Castable>::TAG => "wz_inv_project",
        <crate::digital::wz_dig_project as Castable>::TAG => "wz_dig_project",
        <crate::workspace::wz_workspace as Castable>::TAG => "wz_workspace",
        _ => "unknown",
    }
}

/// Moves `value` into a new handle.
pub(crate) fn new_handle<C: Castable>(value: C::Rust) -> *mut C {
    let h = Handle { tag: AtomicU32::new(C::TAG), value: RwLock::new(ManuallyDrop::new(value)) };
    Box::into_raw(Box::new(h)).cast()
}

fn check<'a, C: Castable>(p: *const C, argument: &'static str) -> FfiResult<&'a Handle<C::Rust>> {
    if p.is_null() {
        return Err(FfiError::Null { argument });
    }
    // SAFETY: by the C API contract a non-NULL handle argument was returned by a `wz_` function
    // and not yet freed (or freed so recently that its allocation is still in the quarantine);
    // every handle is a `Handle<_>` whose `#[repr(C)]` layout puts an `AtomicU32` tag at offset
    // 0, so reading it atomically is valid whatever kind the handle really is.
    let tag = unsafe { &*p.cast::<AtomicU32>() }.load(Ordering::Acquire);
    if tag != C::TAG {
        return Err(FfiError::WrongHandle { argument, expected: C::NAME, found: tag_name(tag) });
    }
    // SAFETY: the tag says this is a live `Handle<C::Rust>`; the C API contract keeps it alive
    // until `wz_…_free`, which takes the write lock first, so for the duration of this call.
    Ok(unsafe { &*p.cast::<Handle<C::Rust>>() })
}

/// A handle's value, read-locked for the duration of a call.
pub(crate) struct Ref<'a, T>(RwLockReadGuard<'a, ManuallyDrop<T>>);

impl<T> std::ops::Deref for Ref<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Borrows a handle's value for reading (waits while another thread changes it).
///
/// # Errors
/// `Null`, `WrongHandle`, `Poisoned`.
pub(crate) fn borrow<'a, C: Castable>(p: *const C, argument: &'static str) -> FfiResult<Ref<'a, C::Rust>> {
    let h = check(p, argument)?;
    h.value.read().map(Ref).map_err(|_| FfiError::Poisoned { argument })
}

/// Runs `f` on a handle's value for writing, alone (other calls on the handle wait). A panic
/// inside `f` (caught by the boundary) poisons the handle rather than leave it half-changed.
///
/// # Errors
/// `Null`, `WrongHandle`, `Poisoned`, or `f`'s error.
pub(crate) fn with_mut<C: Castable, R>(
    p: *mut C,
    argument: &'static str,
    f: impl FnOnce(&mut C::Rust) -> FfiResult<R>,
) -> FfiResult<R> {
    let h = check(p.cast_const(), argument)?;
    let mut value = h.value.write().map_err(|_| FfiError::Poisoned { argument })?;
    crate::test_hooks::in_mutation();
    f(&mut value)
}

/// A freed handle's empty allocation, waiting in the quarantine.
struct Freed {
    shell: *mut u8,
    release: unsafe fn(*mut u8),
}

// SAFETY: a quarantined shell is never read through this pointer, only released once, by
// whichever thread evicts it; its value was already dropped.
unsafe impl Send for Freed {}

static FREED_HANDLES: Mutex<VecDeque<Freed>> = Mutex::new(VecDeque::new());

/// Returns a shell to the allocator.
///
/// # Safety
/// `shell` came from `Box::into_raw` of a `Handle<T>` whose value was dropped, and is released once.
unsafe fn release<T>(shell: *mut u8) {
    // SAFETY: per the contract; dropping the box drops the lock and the `ManuallyDrop` (which
    // does not drop the value again) and frees the allocation.
    drop(unsafe { Box::from_raw(shell.cast::<Handle<T>>()) });
}

/// Releases a handle. NULL is accepted and does nothing; a handle of another kind, or one freed
/// already (see [`Handle`]), is left alone and reported in the last error.
///
/// # Errors
/// `WrongHandle`.
pub(crate) fn free_handle<C: Castable>(p: *mut C, argument: &'static str) -> FfiResult {
    if p.is_null() {
        return Ok(());
    }
    let h = check(p.cast_const(), argument)?;
    {
        // Wait for a call in progress (a contract breach, but not a reason to free under it);
        // a poisoned value is dropped all the same.
        let mut value = h.value.write().unwrap_or_else(PoisonError::into_inner);
        if h.tag.swap(FREED, Ordering::AcqRel) != C::TAG {
            // Another thread freed it while this one waited.
            return Err(FfiError::WrongHandle { argument, expected: C::NAME, found: tag_name(FREED) });
        }
        // SAFETY: the tag was this thread's to clear, so the value is dropped exactly once; no
        // call can reach it any more (the tag refuses them) and the lock is held.
        unsafe { ManuallyDrop::drop(&mut value) };
    }
    let evicted = {
        let mut q = FREED_HANDLES.lock().unwrap_or_else(PoisonError::into_inner);
        q.push_back(Freed { shell: p.cast(), release: release::<C::Rust> });
        if q.len() > QUARANTINE { q.pop_front() } else { None }
    };
    if let Some(old) = evicted {
        // SAFETY: `old` is a quarantined shell (value dropped), released once, here.
        unsafe { (old.release)(old.shell) };
    }
    Ok(())
}

/// Releases a string returned by a `wz_` function.
pub(crate) fn free_string(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: by the C API contract `s` came from `CString::into_raw` in `Out::write_string`
    // and is freed once.
    drop(unsafe { CString::from_raw(s) });
}
