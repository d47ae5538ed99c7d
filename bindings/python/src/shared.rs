//! Objects shared between Python threads: the mutable classes (`InvestmentProject`,
//! `DigitalProject`, `Workspace`) hold their core value in a [`Shared`], a lock per object.
//!
//! A call locks the object for its duration; a second thread's call waits for it — without the
//! GIL, so the first can finish its work, take the GIL back and return (`apply_all` runs the
//! core without the GIL while holding the lock). Python code never runs while a lock is held:
//! arguments are converted before locking. A call that would wait for a lock its own thread
//! holds (a callback re-entering the object) raises `WanzhengError` instead of deadlocking; a
//! lock left by a panic (a bug) makes the object raise `InternalError`.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};

use pyo3::prelude::*;
use pyo3::sync::MutexExt;

use crate::errors::{WanzhengError, internal};

/// A core value behind a lock, with the thread that holds it.
pub struct Shared<T> {
    value: Mutex<T>,
    owner: AtomicUsize,
}

/// The locked value; unlocks when dropped.
pub struct Guard<'a, T> {
    guard: MutexGuard<'a, T>,
    owner: &'a AtomicUsize,
}

/// A number that tells this thread from the others while it runs (a thread-local's address).
fn this_thread() -> usize {
    thread_local!(static TOKEN: u8 = const { 0 });
    TOKEN.with(|t| std::ptr::from_ref(t) as usize)
}

fn poisoned() -> PyErr {
    internal("an earlier call on this object panicked while changing it; rebuild it from its log")
}

impl<T> Shared<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared { value: Mutex::new(value), owner: AtomicUsize::new(0) }
    }

    /// Locks the value for this call, waiting (without the GIL) while another thread holds it.
    ///
    /// # Errors
    /// `WanzhengError` when this thread holds it already (re-entrant call); `InternalError`
    /// after a panic.
    pub fn lock(&self, py: Python<'_>) -> PyResult<Guard<'_, T>> {
        let me = this_thread();
        let guard = match self.value.try_lock() {
            Ok(g) => g,
            Err(TryLockError::Poisoned(_)) => return Err(poisoned()),
            Err(TryLockError::WouldBlock) => {
                if self.owner.load(Ordering::Relaxed) == me {
                    return Err(WanzhengError::new_err(
                        "re-entrant call: this object is in use by a call further up this thread's stack \
                         (a callback or finaliser called it while it was being changed)",
                    ));
                }
                self.value.lock_py_attached(py).map_err(|_| poisoned())?
            }
        };
        self.owner.store(me, Ordering::Relaxed);
        Ok(Guard { guard, owner: &self.owner })
    }

    /// A copy of the value, taken under the lock.
    ///
    /// # Errors
    /// As [`Shared::lock`].
    pub fn cloned(&self, py: Python<'_>) -> PyResult<T>
    where
        T: Clone,
    {
        Ok(self.lock(py)?.clone())
    }
}

impl<T> Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T> DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        self.owner.store(0, Ordering::Relaxed);
    }
}

/// Equality of two shared values: each is copied under its own lock in turn (never both locks
/// at once, so two threads comparing `a == b` and `b == a` cannot deadlock). A poisoned or
/// re-entered value equals nothing.
impl<T: Clone + PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        Python::attach(|py| match (self.cloned(py), other.lock(py)) {
            (Ok(a), Ok(b)) => a == *b,
            _ => false,
        })
    }
}
