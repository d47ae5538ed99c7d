//! Test-only hooks (cargo feature `test-hooks`): force a panic inside the next exported call so
//! the C suite can check that a panic becomes `WZ_INTERNAL_ERROR`, never an abort of the host.
//! Without the feature the hooks compile to nothing and `wz_test_arm_panic` is not exported
//! (the header declares it only under `#if defined(WZ_TEST_HOOKS)`).

#[cfg(feature = "test-hooks")]
use std::cell::Cell;

#[cfg(feature = "test-hooks")]
use crate::status::wz_status;

// Where the armed panic fires: 0 off, 1 on entry, 2 in a mutation.
#[cfg(feature = "test-hooks")]
thread_local! {
    static ARMED: Cell<u8> = const { Cell::new(0) };
}

#[cfg(feature = "test-hooks")]
const ENTRY: u8 = 1;
#[cfg(feature = "test-hooks")]
const MUTATION: u8 = 2;

/// Test hook, exported only by builds with the `test-hooks` feature: the next exported call on
/// this thread panics inside its boundary. With `in_mutation` false it panics on entry; with
/// `in_mutation` true it panics inside the next call that changes a project or workspace
/// handle, after the handle was marked as being changed (the handle is then poisoned).
/// Returns `WZ_OK`.
#[cfg(feature = "test-hooks")]
#[unsafe(no_mangle)]
pub extern "C" fn wz_test_arm_panic(in_mutation: bool) -> wz_status {
    crate::boundary::guard_keep_error("wz_test_arm_panic", || {
        ARMED.with(|a| a.set(if in_mutation { MUTATION } else { ENTRY }));
        Ok(())
    })
}

#[cfg(feature = "test-hooks")]
fn fire(at: u8) {
    if ARMED.with(Cell::get) == at {
        ARMED.with(|a| a.set(0));
        panic!("forced panic (wz_test_arm_panic)");
    }
}

/// Called first inside every boundary.
#[inline]
pub(crate) fn at_entry() {
    #[cfg(feature = "test-hooks")]
    fire(ENTRY);
}

/// Called inside every mutation of a handle, after it was marked poisoned.
#[inline]
pub(crate) fn in_mutation() {
    #[cfg(feature = "test-hooks")]
    fire(MUTATION);
}
