//! Memory habits for the per-project lists (RULES.md has no say here: this is about holding
//! many projects at once).
//!
//! A project's ledger lists (contracts, tenders, payment requests, funding sources,
//! obligations, plan years) usually hold one to a few items, but `Vec` grows from nothing to
//! room for four. [`push_small`] grows them one item at a time while they are that short and as
//! usual (doubling) afterwards: a few more reallocations early on, no slack in the common case.

/// Lists up to this length grow one item at a time.
const SMALL: usize = 4;

/// Makes room for one more item: exactly one while the list is short, else as `Vec` does.
pub(crate) fn reserve_small<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() && v.len() < SMALL {
        v.reserve_exact(1);
    }
}

/// Pushes `x`, growing exactly while the list is short (see the module docs).
pub(crate) fn push_small<T>(v: &mut Vec<T>, x: T) {
    reserve_small(v);
    v.push(x);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short lists hold no slack; longer ones grow as usual and keep every item in order.
    #[test]
    fn short_lists_are_exact() {
        let mut v = Vec::new();
        for i in 0..SMALL {
            push_small(&mut v, i);
            assert_eq!(v.capacity(), v.len());
        }
        for i in SMALL..100 {
            push_small(&mut v, i);
        }
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }
}
